//! The clusterer end to end on invented articles.

use crate::{Clusterer, Config};
use storyline_doc::{Article, DatedBy, Language, MetaSource, Metadata, PartialDateTime, Provenance};

fn article(text: &str, day: Option<(i32, u8, u8)>) -> Article {
    article_in(text, "en", day)
}

fn article_in(text: &str, language: &str, day: Option<(i32, u8, u8)>) -> Article {
    let meta = Metadata {
        language: Some(Language { code: language.into(), confidence: 1.0, source: MetaSource::Container }),
        published: day.map(|(y, m, d)| {
            DatedBy::new(PartialDateTime::day(y, m, d).expect("a valid date"), MetaSource::Container)
        }),
        ..Metadata::default()
    };
    Article::from_paragraphs(Provenance::new("t", None, text.as_bytes()), meta, [text])
}

const FERRY_1: &str = "A ferry carrying 212 passengers ran aground near Port Velmar on Sunday. \
    Coastguard boats from Velmar evacuated the passengers; the ferry operator Brasko Lines said the \
    hull was breached.";
const FERRY_2: &str = "Brasko Lines suspends ferry crossings after grounding at Port Velmar. All 212 \
    passengers were evacuated by the coastguard, and inspectors are examining the breached hull.";
const BUDGET: &str = "Parliament in Ostrelia approved the education budget, raising teacher salaries \
    by 4.5 per cent and funding 3,400 new classrooms, after a long debate in the upper chamber.";
const ORCHARD: &str = "Apple growers in the Karsten valley expect a record harvest as warm weather \
    lifted yields; cooperatives are hiring seasonal pickers and adding cold storage.";

#[test]
fn two_articles_on_one_event_join() {
    let mut c = Clusterer::new(Config::default());
    let a = c.add(&article(FERRY_1, None));
    let b = c.add(&article(FERRY_2, None));
    assert!(a.opened);
    assert_eq!(b.story, a.story, "score {}", b.score);
    assert!(!b.opened && b.score >= c.config().threshold);
}

#[test]
fn unrelated_articles_open_their_own_stories() {
    let mut c = Clusterer::new(Config::default());
    let ids: Vec<u64> = [FERRY_1, BUDGET, ORCHARD].iter().map(|t| c.add(&article(t, None)).story).collect();
    assert_eq!(ids, [1, 2, 3]);
}

#[test]
fn same_articles_in_the_same_order_give_the_same_stories() {
    let stream = [FERRY_1, BUDGET, FERRY_2, ORCHARD, BUDGET, FERRY_1];
    let run = || {
        let mut c = Clusterer::new(Config { merge_every: 2, ..Config::default() });
        let assigned: Vec<u64> = stream.iter().map(|t| c.add(&article(t, None)).story).collect();
        c.merge_pass();
        assigned.into_iter().map(|s| c.resolve(s)).collect::<Vec<_>>()
    };
    let first = run();
    assert_eq!(first, run());
    assert_eq!(first[0], first[2]);
    assert_eq!(first[1], first[4]);
    assert_ne!(first[0], first[1]);
}

#[test]
fn dormant_stories_leave_the_candidate_set() {
    let mut c = Clusterer::new(Config { dormant_days: 14.0, ..Config::default() });
    let first = c.add(&article(FERRY_1, Some((2023, 3, 1))));
    c.add(&article(BUDGET, Some((2023, 4, 20))));
    assert_eq!(c.active_stories(), 1, "the ferry story went dormant");
    let later = c.add(&article(FERRY_2, Some((2023, 4, 21))));
    assert!(later.opened && later.story != first.story);
}

#[test]
fn time_decay_weakens_old_stories() {
    let mut near = Clusterer::new(Config::default());
    near.add(&article(FERRY_1, Some((2023, 3, 1))));
    let close = near.add(&article(FERRY_2, Some((2023, 3, 2)))).score;
    let mut far = Clusterer::new(Config { dormant_days: 100.0, ..Config::default() });
    far.add(&article(FERRY_1, Some((2023, 3, 1))));
    let distant = far.add(&article(FERRY_2, Some((2023, 3, 12))));
    assert!(distant.opened || distant.score < close, "{close} vs {distant:?}");
}

#[test]
fn the_active_set_is_bounded_without_dates() {
    let mut c = Clusterer::new(Config { max_active: 2, ..Config::default() });
    for t in [FERRY_1, BUDGET, ORCHARD] {
        c.add(&article(t, None));
    }
    assert_eq!(c.active_stories(), 2);
    assert!(c.add(&article(FERRY_2, None)).opened, "the oldest story left the active set");
}

#[test]
fn the_merge_pass_joins_stories_that_grew_together() {
    // A strict join threshold opens two stories for one event; the pass merges them into
    // the older one.
    let mut c =
        Clusterer::new(Config { threshold: 0.99, merge_threshold: 0.2, merge_every: 0, ..Config::default() });
    let a = c.add(&article(FERRY_1, None)).story;
    let b = c.add(&article(FERRY_2, None)).story;
    let other = c.add(&article(ORCHARD, None)).story;
    assert_ne!(a, b);
    c.merge_pass();
    assert_eq!(c.resolve(b), a);
    assert_eq!(c.resolve(other), other);
}

const LANDSLIDE_EN: &str = "A landslide near Kuala Lumpur on Sep 14 buried 23 homes, and the state \
    agency said that repairs to the slope would cost RM4.5 million.";
const LANDSLIDE_ZH: &str = "9月14日吉隆坡附近发生山体滑坡，23间房屋被埋，州政府机构说修复费用达450万令吉。";
const FAIR_EN: &str = "A book fair opens in Kuala Lumpur on Sep 14 with 23 publishers, and organisers \
    expect sales of RM4.5 million from visiting schools.";

#[test]
fn a_translation_joins_on_places_dates_and_amounts() {
    // No anchor channel: the interlingual one alone links the two.
    let mut c = Clusterer::new(Config { anchor_weight: 0.0, ..Config::default() });
    let english = c.add(&article_in(LANDSLIDE_EN, "en", None));
    let chinese = c.add(&article_in(LANDSLIDE_ZH, "zh", None));
    assert_eq!(chinese.story, english.story, "score {}", chinese.score);
}

#[test]
fn interlingual_anchors_alone_do_not_join_articles_in_one_language() {
    // Same place, date and amounts, another event: within a language the content decides.
    let mut c = Clusterer::new(Config { anchor_weight: 0.0, ..Config::default() });
    let landslide = c.add(&article_in(LANDSLIDE_EN, "en", None));
    let fair = c.add(&article_in(FAIR_EN, "en", None));
    assert_ne!(fair.story, landslide.story, "score {}", fair.score);
}

const STORM_EN: &str = "A hurricane struck the coast overnight, flooding villages; rescue workers \
    evacuated thousands of residents, and the power grid collapsed.";
const RATES_EN: &str = "The central bank raised interest rates again to curb inflation, and \
    lenders said mortgage costs would climb for households.";
const STORM_ZH: &str = "飓风昨夜袭击海岸，淹没村庄；救援人员疏散了数千名居民，电网瘫痪。";

#[test]
fn a_chinese_translation_joins_its_english_story_through_the_glossary() {
    // No anchors, no places, dates or amounts in common: the glossed words alone decide.
    let config = Config { anchor_weight: 0.0, interlingual_weight: 0.0, ..Config::default() };
    let mut c = Clusterer::new(config.clone());
    let storm = c.add(&article_in(STORM_EN, "en", None));
    let rates = c.add(&article_in(RATES_EN, "en", None));
    let chinese = c.add(&article_in(STORM_ZH, "zh", None));
    assert_ne!(storm.story, rates.story);
    assert_eq!(chinese.story, storm.story, "score {}", chinese.score);
    // Without the glossed channel it stays apart.
    let mut without = Clusterer::new(Config { glossed_weight: 0.0, ..config });
    without.add(&article_in(STORM_EN, "en", None));
    assert!(without.add(&article_in(STORM_ZH, "zh", None)).opened);
}

const FERRY_3: &str = "Inspectors found a second breach in the hull of the Brasko Lines ferry that ran \
    aground off Port Velmar; the operator said crossings stay suspended while the coastguard tows the \
    ferry to dry dock.";
const FERRY_4: &str = "The ferry grounded at Port Velmar will be towed to dry dock, Brasko Lines said, \
    as the coastguard lifted the exclusion zone around the hull and passengers asked for refunds.";
const ORCHARD_2: &str = "Karsten valley cooperatives report apple yields up a fifth after the warm \
    spring; growers are hiring more seasonal pickers and renting extra cold storage for the harvest.";

/// Ferry articles, then orchard articles forced into the ferry story (as a chain of merges or a
/// lenient join would put them), with no periodic pass: the caller runs it.
fn ferry_story_with_orchards(config: Config) -> (Clusterer, Vec<crate::Assignment>) {
    let mut c = Clusterer::new(Config { merge_every: 0, ..config });
    let first = c.add(&article(FERRY_1, None));
    let mut assigned = vec![first];
    for text in [FERRY_2, ORCHARD, FERRY_3, ORCHARD_2] {
        assigned.push(c.add_to(&article(text, None), first.story));
    }
    assert!(assigned.iter().all(|a| a.story == first.story));
    (c, assigned)
}

#[test]
fn the_split_pass_separates_two_events_forced_into_one_story() {
    let (mut c, assigned) = ferry_story_with_orchards(Config::default());
    c.split_pass();
    let now: Vec<u64> = assigned.iter().map(|a| c.story_of(a)).collect();
    let ferry = assigned[0].story;
    assert_eq!(c.splits_made(), 1);
    // The half with the story's first article keeps its number.
    assert_eq!([now[0], now[1], now[3]], [ferry; 3]);
    assert_eq!(now[2], now[4]);
    assert_ne!(now[2], ferry);
    // The merge pass that follows does not join the halves again.
    c.merge_pass();
    assert_ne!(c.story_of(&assigned[2]), c.story_of(&assigned[0]));
    // A new orchard article finds the orchard half.
    assert_eq!(c.add(&article(ORCHARD, None)).story, now[2]);
}

#[test]
fn the_split_pass_turned_off_leaves_the_story_whole() {
    let (mut c, assigned) = ferry_story_with_orchards(Config { split_threshold: 0.0, ..Config::default() });
    c.split_pass();
    assert_eq!(c.splits_made(), 0);
    assert!(assigned.iter().all(|a| c.story_of(a) == assigned[0].story));
}

#[test]
fn a_coherent_story_is_not_split() {
    let mut c = Clusterer::new(Config { merge_every: 0, ..Config::default() });
    let first = c.add(&article(FERRY_1, None));
    let mut assigned = vec![first];
    for text in [FERRY_2, FERRY_3, FERRY_4, FERRY_1, FERRY_3] {
        assigned.push(c.add_to(&article(text, None), first.story));
    }
    c.split_pass();
    assert_eq!(c.splits_made(), 0);
    assert!(assigned.iter().all(|a| c.story_of(a) == first.story));
}

#[test]
fn splits_are_deterministic() {
    let stream = [FERRY_1, ORCHARD, FERRY_2, ORCHARD_2, BUDGET, FERRY_3, ORCHARD, FERRY_4];
    let run = || {
        // Every article is forced into the first story; passes run every two articles.
        let mut c = Clusterer::new(Config { merge_every: 2, ..Config::default() });
        let first = c.add(&article(stream[0], None));
        let mut assigned = vec![first];
        for text in &stream[1..] {
            assigned.push(c.add_to(&article(text, None), first.story));
        }
        c.split_pass();
        c.merge_pass();
        let stories: Vec<u64> = assigned.iter().map(|a| c.story_of(a)).collect();
        (stories, c.splits_made(), c.stories_opened())
    };
    let first = run();
    assert!(first.1 > 0, "the stream makes a split: {first:?}");
    assert_eq!(first, run());
}

#[test]
fn a_clusterer_read_back_goes_on_as_the_one_written() {
    let stream =
        [FERRY_1, ORCHARD, BUDGET, FERRY_2, ORCHARD_2, FERRY_3, BUDGET, ORCHARD, FERRY_4, ORCHARD_2, FERRY_1];
    let dated = |i: usize, t: &str| article(t, Some((2022, 1, 1 + i as u8)));
    let config = Config { merge_every: 3, ..Config::default() };
    let finish = |mut c: Clusterer, assigned: &[crate::Assignment]| {
        c.split_pass();
        c.merge_pass();
        let stories: Vec<u64> = assigned.iter().map(|a| c.story_of(a)).collect();
        // As a JSON value, whose maps compare whatever order the hash maps wrote them in.
        (stories, c.stories_opened(), c.merges().count(), serde_json::to_value(&c).unwrap())
    };

    let mut whole = Clusterer::new(config.clone());
    let assigned: Vec<_> = stream.iter().enumerate().map(|(i, t)| whole.add(&dated(i, t))).collect();
    let expected = finish(whole, &assigned);

    for stop in [1, 4, 7, stream.len() - 1] {
        let mut first = Clusterer::new(config.clone());
        let mut resumed_assigned: Vec<_> =
            stream[..stop].iter().enumerate().map(|(i, t)| first.add(&dated(i, t))).collect();
        let mut resumed: Clusterer = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
        for (i, t) in stream.iter().enumerate().skip(stop) {
            resumed_assigned.push(resumed.add(&dated(i, t)));
        }
        assert_eq!(resumed_assigned, assigned, "stopped after {stop}");
        assert_eq!(finish(resumed, &resumed_assigned), expected, "stopped after {stop}");
    }
}
