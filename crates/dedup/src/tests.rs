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
