//! Entities resolved at ingest and stored: `storyline entities`, `storyline entity ID` and
//! `storyline story ID` read the stored resolution, the same articles always give the same
//! entity tables, and a new analysis resolves again.
//!
//! As in `analyse.rs`, nothing here names an entity the models must find: the checks are on
//! shapes (a person written two ways across two articles) and on invariants.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use storyline_store::Store;

fn stored_entities(data: &Path) -> Vec<Value> {
    json_lines(&run_ok(storyline(data).args(["entities", "--json", "--limit", "0"])))
}

fn resolution(data: &Path) -> Vec<String> {
    Store::open_existing(data).expect("store").resolution_rows().expect("resolution rows")
}

/// Two full names of as many words, written differently: a transliteration or a misspelling.
fn two_spellings_of_a_full_name(variants: &serde_json::Map<String, Value>) -> bool {
    let full: Vec<Vec<&str>> = variants
        .keys()
        .map(|v| v.split([' ', '-']).filter(|w| !w.is_empty()).collect::<Vec<_>>())
        .filter(|words| words.len() >= 2)
        .collect();
    full.iter().enumerate().any(|(i, a)| full[i + 1..].iter().any(|b| a.len() == b.len() && a != b))
}

#[test]
fn the_seeds_give_one_person_under_two_spellings_and_reingest_keeps_the_tables() {
    let Some(seeds) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let summary: Value =
        serde_json::from_slice(&run_ok(storyline(&data).args(["ingest", "--json"]).arg(&seeds)).stdout)
            .unwrap();

    let entities = stored_entities(&data);
    assert_eq!(summary["entities"], entities.len(), "{summary}");
    // The scenario's president is named in both articles, spelled two ways.
    let person = entities
        .iter()
        .find(|e| {
            e["kind"] == "PER"
                && e["articles"] == 2
                && two_spellings_of_a_full_name(e["variants"].as_object().unwrap())
        })
        .unwrap_or_else(|| panic!("no person under two spellings across both seeds: {entities:#?}"));

    // `storyline entity ID`: the same entity, and the one story of both seeds.
    let id = person["id"].to_string();
    let shown: Value =
        serde_json::from_slice(&run_ok(storyline(&data).args(["entity", &id, "--json"])).stdout).unwrap();
    assert_eq!(shown["variants"], person["variants"]);
    let stories = shown["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{shown}");
    assert_eq!(stories[0]["articles"], 2, "{shown}");
    assert_eq!(person["stories"], serde_json::json!([stories[0]["story"]]));
    let table = stdout(&run_ok(storyline(&data).args(["entity", &id])));
    assert!(table.lines().filter(|l| l.trim_start().starts_with("variant")).count() >= 2, "{table}");

    // `storyline story ID` ranks the stored entities by their mentions in the story.
    let story = stories[0]["story"].to_string();
    let view: Value =
        serde_json::from_slice(&run_ok(storyline(&data).args(["story", &story, "--json"])).stdout).unwrap();
    let listed = view["entities"].as_array().unwrap();
    assert!(
        listed.iter().any(|e| e["id"] == person["id"] && e["variants"] == person["variants"]),
        "{view:#}"
    );
    let mentions: Vec<u64> = listed.iter().map(|e| e["mentions"].as_u64().unwrap()).collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]), "{mentions:?}");

    let before = resolution(&data);
    assert!(before.iter().any(|r| r.starts_with("[\"mention\"")), "mentions are linked: {before:?}");
    run_ok(storyline(&data).args(["ingest", "-q"]).arg(&seeds));
    assert_eq!(resolution(&data), before, "the same articles give the same entity tables");
}

#[test]
fn entities_are_stored_at_ingest_and_resolved_again_after_a_new_analysis() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    std::fs::create_dir_all(&input).unwrap();
    let texts = [
        "Jacinda Ardern opened the new harbour bridge in Wellington on Monday. Ardern told the \
         crowd in Wellington that the bridge would cut the commute to Auckland by an hour.",
        "Residents of Wellington crossed the harbour bridge for the first time on Tuesday, a day \
         after Jacinda Ardern opened it. Traffic to Auckland was light, officials in Wellington said.",
    ];
    for (n, text) in texts.iter().enumerate() {
        std::fs::write(
            input.join(format!("{n}.txt")),
            format!("---\nlang: en\ndate: 2031-03-0{}\n---\n{text}\n", n + 3),
        )
        .unwrap();
    }
    run_ok(storyline(&data).args(["ingest", "-q"]).arg(&input));
    let entities = stored_entities(&data);
    assert!(entities.iter().any(|e| e["articles"] == 2), "some name is in both articles: {entities:#?}");
    for e in &entities {
        let counted: u64 = e["variants"].as_object().unwrap().values().map(|n| n.as_u64().unwrap()).sum();
        assert_eq!(counted, e["mentions"].as_u64().unwrap(), "{e}");
        assert!(!e["stories"].as_array().unwrap().is_empty(), "every article has a story: {e}");
    }
    let by_name =
        json_lines(&run_ok(storyline(&data).args(["entities", "--json", "--sort", "name", "--limit", "0"])));
    let names: Vec<&str> = by_name.iter().map(|e| e["canonical"].as_str().unwrap()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert_eq!(by_name.len(), entities.len());

    // A new analysis rewrites every mention row, and with it every link: resolved again.
    let before = resolution(&data);
    run_ok(storyline(&data).args(["analyse", "--all", "-q"]));
    assert_eq!(resolution(&data), before);

    let missing = run(storyline(&data).args(["entity", "999999"]));
    assert_eq!(missing.status.code(), Some(1), "{}", describe(&missing));
    assert!(stderr(&missing).contains("999999"), "{}", describe(&missing));
}
