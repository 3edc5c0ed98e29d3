//! The index on invented articles.

use super::*;

const BRIDGE: &str = "The city council voted on Tuesday to fund a new bridge across the river, after two years \
of debate about its cost and its route.\n\nSupporters said the bridge would cut commuting times by a \
quarter and bring trade back to the old town, whose shops have struggled since the ferry closed.\n\n\
Opponents argued that the money should go to schools and to the repair of existing roads, and promised \
to keep up the fight at the next election.\n\nConstruction is expected to start next spring and to last \
three years, according to the engineering firm that won the tender.";

const HARVEST: &str = "Farmers in the northern valleys began the grape harvest two weeks earlier than \
usual this year, after a hot and dry summer that ripened the fruit quickly.\n\nGrowers expect a smaller \
crop but a good vintage, and several cooperatives have hired extra pickers to bring the grapes in before \
the autumn rains.\n\nThe regional wine board said prices for the new vintage would be set in November, \
once the volume of the harvest is known.";

const LIBRARY: &str = "The national library reopened its main reading room on Monday after a renovation that \
took four years.\n\nVisitors can again consult the manuscripts collection, which was moved to a temporary \
depot during the works.\n\nThe new lighting and climate control are meant to protect the oldest volumes \
from damage, and opening hours are extended to nine in the evening on weekdays.";

fn index() -> DedupIndex<&'static str> {
    DedupIndex::new(Config::default())
}

fn day(iso: &str) -> PartialDateTime {
    PartialDateTime::parse_iso(iso).unwrap()
}

#[test]
fn an_exact_copy_differs_only_in_case_punctuation_and_spacing() {
    let mut ix = index();
    assert_eq!(ix.insert("a", BRIDGE, None).kind, Kind::New);
    let reformatted = BRIDGE.to_uppercase().replace(", ", " — ").replace("\n\n", "\n");
    let v = ix.insert("b", &reformatted, None);
    assert_eq!((v.kind, v.group, v.canonical, v.similarity), (Kind::Exact, "a", "a", 1.0));
}

#[test]
fn a_near_copy_with_edits_joins_the_group() {
    let mut ix = index();
    ix.insert("a", BRIDGE, None);
    let edited = format!(
        "Council backs bridge plan\n\n{}\n\nAdvertisement\n\nRead more",
        BRIDGE.replace("Tuesday", "Monday").replace("a quarter", "25 percent")
    );
    let v = ix.insert("b", &edited, None);
    assert_eq!((v.kind, v.group), (Kind::Near, "a"), "{v:?}");
    assert!(v.similarity >= ix.config().threshold && v.similarity < 1.0);
}

#[test]
fn a_cut_copy_is_contained_in_the_original() {
    let mut ix = index();
    ix.insert("a", BRIDGE, None);
    let half: Vec<&str> = BRIDGE.split("\n\n").take(2).collect();
    let v = ix.insert("b", &half.join("\n\n"), None);
    assert_eq!(v.kind, Kind::Near, "{v:?}");
}

#[test]
fn a_different_article_starts_its_own_group() {
    let mut ix = index();
    ix.insert("a", BRIDGE, None);
    let v = ix.insert("b", HARVEST, None);
    assert_eq!((v.kind, v.group, v.canonical), (Kind::New, "b", "b"));
    assert!(v.similarity < 0.1, "{v:?}");
    assert_eq!(ix.stats().groups, 2);
}

#[test]
fn the_canonical_copy_is_the_first_seen_unless_one_is_certainly_older() {
    let mut ix = index();
    ix.insert("first", BRIDGE, Some(&day("2023-05-10")));
    // Undated, or dated inside the canonical's window, or on the day before it with no UTC offset
    // (days in two time zones overlap): no change.
    assert_eq!(ix.insert("undated", BRIDGE, None).canonical, "first");
    assert_eq!(ix.insert("same-month", BRIDGE, Some(&day("2023-05"))).canonical, "first");
    assert_eq!(ix.insert("day-before", BRIDGE, Some(&day("2023-05-09"))).canonical, "first");
    let v = ix.insert("older", &BRIDGE.replace("Tuesday", "Monday"), Some(&day("2023-05-07")));
    assert_eq!((v.group, v.canonical, v.replaced), ("first", "older", Some("first")));
    let v = ix.insert("later", BRIDGE, Some(&day("2023-05-09")));
    assert_eq!((v.group, v.canonical, v.replaced), ("first", "older", None));
    assert_eq!(ix.group_size(&"first"), 6);
}

#[test]
fn an_undated_canonical_stays() {
    let mut ix = index();
    ix.insert("first", BRIDGE, None);
    let v = ix.insert("dated", BRIDGE, Some(&day("2001-01-01")));
    assert_eq!((v.canonical, v.replaced), ("first", None));
}

#[test]
fn the_threshold_decides_between_near_and_new() {
    let paragraphs: Vec<&str> = BRIDGE.split("\n\n").collect();
    // Three quarters of the original and another article: containment near three quarters.
    let mixed = format!("{}\n\n{}\n\n{}\n\n{HARVEST}", paragraphs[0], paragraphs[1], paragraphs[2]);
    // Bands of two rows make the pair a candidate for sure (J ≈ 0.4), so the threshold decides.
    let sure = Config { bands: 64, rows: 2, ..Config::default() };
    let mut strict = DedupIndex::new(sure.with_threshold(0.9));
    strict.insert("a", BRIDGE, None);
    let v = strict.insert("b", &mixed, None);
    assert_eq!(v.kind, Kind::New, "{v:?}");
    assert!(v.similarity > 0.5, "{v:?}");
    let mut loose = DedupIndex::new(sure.with_threshold(0.3));
    loose.insert("a", BRIDGE, None);
    let v = loose.insert("b", &mixed, None);
    assert_eq!(v.kind, Kind::Near, "{v:?}");
}

#[test]
fn short_texts_are_compared_by_jaccard_not_containment() {
    let mut ix = index();
    ix.insert("a", BRIDGE, None);
    // Inside the article, but far too short to call it a copy.
    let v = ix.insert("b", "The city council voted on Tuesday to fund a new bridge", None);
    assert_eq!(v.kind, Kind::New, "{v:?}");
}

#[test]
fn empty_texts_are_never_duplicates() {
    let mut ix = index();
    assert_eq!(ix.insert("a", " ... ", None).kind, Kind::New);
    assert_eq!(ix.insert("b", "", None).kind, Kind::New);
    assert_eq!(ix.stats().exact_keys, 0);
}

#[test]
fn copies_add_no_signature_once_their_group_holds_the_buckets() {
    let mut ix = index();
    ix.insert("a", BRIDGE, None);
    ix.insert("b", &format!("{BRIDGE}\n\nAdvertisement"), None);
    let before = ix.stats().signatures;
    ix.insert("c", &format!("{BRIDGE}\n\nAdvertisement"), None);
    assert_eq!(ix.stats().signatures, before);
    assert!(before <= 2);
}

#[test]
fn the_index_is_send_and_survives_serialisation() {
    fn assert_send<T: Send>(_: &T) {}
    let mut ix: DedupIndex<String> = DedupIndex::default();
    assert_send(&ix);
    ix.insert("a".into(), BRIDGE, Some(&day("2023-05-10")));
    let json = serde_json::to_string(&ix).unwrap();
    let mut back: DedupIndex<String> = serde_json::from_str(&json).unwrap();
    let v = back.insert("b".into(), &BRIDGE.replace("Tuesday", "Monday"), None);
    assert_eq!((v.kind, v.group.as_str()), (Kind::Near, "a"));
    assert_eq!(back.stats().articles, 2);
}

#[test]
fn an_article_quoted_whole_in_a_much_longer_one_is_not_its_copy() {
    let roundup = format!("{BRIDGE}\n\n{HARVEST}\n\n{LIBRARY}");
    // Bands of two rows make the pair a candidate for sure, so the similarity decides.
    let sure = Config { bands: 64, rows: 2, ..Config::default() };
    let mut ix = DedupIndex::new(sure);
    ix.insert("roundup", &roundup, None);
    let v = ix.insert("harvest", HARVEST, None);
    assert_eq!(v.kind, Kind::New, "{v:?}");
    assert!(v.similarity > 0.1, "{v:?}");
    let mut any_length = DedupIndex::new(Config { min_size_ratio: 0.0, ..sure });
    any_length.insert("roundup", &roundup, None);
    assert_eq!(any_length.insert("harvest", HARVEST, None).kind, Kind::Near);
}

#[test]
fn a_copy_joins_its_own_original_rather_than_an_article_it_quotes() {
    let mut ix = DedupIndex::new(Config { bands: 64, rows: 2, ..Config::default() });
    ix.insert("library", LIBRARY, None);
    ix.insert("bridge", BRIDGE, None);
    // The bridge story with the whole library story pasted in: it contains both.
    let v = ix.insert("copy", &format!("{BRIDGE}\n\n{LIBRARY}"), None);
    assert_eq!((v.kind, v.group), (Kind::Near, "bridge"), "{v:?}");
}

#[test]
fn a_newcomer_must_be_close_to_the_founder_of_the_group_too() {
    let bridge: Vec<&str> = BRIDGE.split("\n\n").collect();
    let mut ix = DedupIndex::new(Config { bands: 64, rows: 2, ..Config::default() });
    ix.insert("bridge", BRIDGE, None);
    // Most of the bridge story with the library story appended: a copy of the bridge story.
    let member = format!("{}\n\n{}\n\n{}\n\n{LIBRARY}", bridge[0], bridge[1], bridge[2]);
    assert_eq!(ix.insert("member", &member, None).group, "bridge");
    // The library story with one bridge paragraph: close to the member, not to the bridge story.
    let v = ix.insert("library", &format!("{LIBRARY}\n\n{}", bridge[2]), None);
    assert_eq!((v.kind, v.group), (Kind::New, "library"), "{v:?}");
}

/// An invented text of 80 words drawn from numbered words by a seeded generator: texts of
/// different seeds share almost no shingle.
fn invented(seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let words: Vec<String> = (0..80)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            format!("w{}", state % 5000)
        })
        .collect();
    words.join(" ")
}

fn keeping(days: Option<u32>, articles: Option<usize>) -> DedupIndex<&'static str> {
    DedupIndex::new(Config { keep_days: days, keep_articles: articles, ..Config::default() })
}

#[test]
fn beyond_the_cap_the_oldest_article_is_forgotten() {
    let mut ix = keeping(None, Some(3));
    ix.insert("bridge", BRIDGE, None);
    ix.insert("harvest", HARVEST, None);
    ix.insert("library", LIBRARY, None);
    let v = ix.insert("bridge-again", BRIDGE, None);
    assert_eq!((v.kind, v.group, v.forgotten), (Kind::New, "bridge-again", vec!["bridge"]));
    // The harvest story made room for this one; the library story is still held.
    let v = ix.insert("library-copy", &LIBRARY.replace("Monday", "Sunday"), None);
    assert_eq!((v.kind, v.group), (Kind::Near, "library"), "{v:?}");
    assert_eq!(ix.stats().held, 3);
    assert_eq!(ix.insert("harvest-again", HARVEST, None).kind, Kind::New);
}

#[test]
fn a_copy_within_the_window_of_days_is_found_and_one_after_it_is_not() {
    let mut ix = keeping(Some(7), None);
    ix.insert("harvest", HARVEST, Some(&day("2024-01-01")));
    ix.insert("bridge", BRIDGE, Some(&day("2024-01-02")));
    let v = ix.insert("bridge-copy", &BRIDGE.replace("Tuesday", "Monday"), Some(&day("2024-01-09")));
    assert_eq!((v.kind, v.group), (Kind::Near, "bridge"), "{v:?}");
    // The clock is at 2024-01-09: the harvest story came 8 days ago.
    let v = ix.insert("harvest-copy", HARVEST, None);
    assert_eq!((v.kind, v.group), (Kind::New, "harvest-copy"), "{v:?}");
    ix.insert("library", LIBRARY, Some(&day("2024-01-17")));
    let v = ix.insert("bridge-late", BRIDGE, None);
    assert_eq!((v.kind, v.group), (Kind::New, "bridge-late"), "{v:?}");
}

#[test]
fn a_group_is_held_while_its_copies_keep_coming() {
    let mut ix = keeping(Some(7), None);
    ix.insert("bridge", BRIDGE, Some(&day("2024-01-01")));
    ix.insert("copy-1", &format!("{BRIDGE}\n\nAdvertisement"), Some(&day("2024-01-06")));
    ix.insert("harvest", HARVEST, Some(&day("2024-01-12")));
    // The first article came 11 days ago, its group's last 6 days ago.
    let v = ix.insert("copy-2", &BRIDGE.replace("Tuesday", "Monday"), Some(&day("2024-01-12")));
    assert_eq!((v.kind, v.group), (Kind::Near, "bridge"), "{v:?}");
    assert_eq!(ix.group_size(&"bridge"), 3);
}

#[test]
fn a_group_keeps_its_name_and_canonical_copy_when_its_first_article_is_forgotten() {
    let mut ix = keeping(None, Some(2));
    ix.insert("first", BRIDGE, Some(&day("2023-05-10")));
    let v = ix.insert("older", &BRIDGE.replace("Tuesday", "Monday"), Some(&day("2023-05-07")));
    assert_eq!((v.canonical, v.replaced), ("older", Some("first")));
    ix.insert("third", BRIDGE, None);
    assert_eq!(ix.stats().held, 2);
    let v = ix.insert("fourth", BRIDGE, None);
    assert_eq!((v.kind, v.group, v.canonical), (Kind::Exact, "first", "older"));
    assert!(v.forgotten.is_empty(), "the group is still held: {v:?}");
}

#[test]
fn the_index_never_holds_more_than_the_cap() {
    let cap = 50;
    let mut ix: DedupIndex<u64> =
        DedupIndex::new(Config { keep_days: None, keep_articles: Some(cap), ..Config::default() });
    let (hashes, bands) = (ix.config().hashes(), ix.config().bands);
    for i in 0..1000u64 {
        // Every fifth article an exact copy of a recent one, so groups hold several articles.
        let text = invented(if i % 5 == 4 { i - 2 } else { i });
        ix.insert(i, &text, None);
        let s = ix.stats();
        assert!(s.held <= cap && s.groups <= cap && s.signatures <= cap && s.exact_keys <= cap, "{s:?}");
        assert!(ix.members.capacity() <= cap && ix.groups.capacity() <= cap);
        assert!(ix.signatures.len() <= cap * hashes && ix.band_keys.len() <= cap * bands);
    }
    let listed: usize = ix.band_keys.iter().map(|&k| ix.buckets.members(k).count()).sum();
    assert!(listed <= cap * bands * ix.config().bucket_groups);
    assert_eq!(ix.stats().articles, 1000);
}

#[test]
fn forgetting_is_deterministic_and_survives_serialisation() {
    let config = Config { keep_days: Some(3), keep_articles: Some(40), ..Config::default() };
    let stream: Vec<(u64, String, PartialDateTime)> = (0..300u64)
        .map(|i| {
            let source = if i % 3 == 2 { i / 2 } else { i };
            let text = format!("{} w{i}", invented(source));
            (i, text, day(&format!("2024-02-{:02}", 1 + i / 20)))
        })
        .collect();
    let run = |ix: &mut DedupIndex<u64>, part: &[(u64, String, PartialDateTime)]| -> Vec<Verdict<u64>> {
        part.iter().map(|(id, text, date)| ix.insert(*id, text, Some(date))).collect()
    };
    let mut whole = DedupIndex::new(config);
    let all = run(&mut whole, &stream);
    assert!(all.iter().any(|v| v.kind == Kind::Near), "the stream has copies");
    let mut first = DedupIndex::new(config);
    let mut verdicts = run(&mut first, &stream[..150]);
    let json = serde_json::to_string(&first).unwrap();
    let mut second: DedupIndex<u64> = serde_json::from_str(&json).unwrap();
    verdicts.extend(run(&mut second, &stream[150..]));
    assert_eq!(verdicts, all);
    assert_eq!(second.stats(), whole.stats());
}
