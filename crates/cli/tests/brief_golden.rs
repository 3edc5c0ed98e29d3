//! Golden briefs of real multi-article stories: the first six clusters of three or more
//! articles of the MMDS2025 dev file (`../shared/data/clustering/mmds2025/dev.json`), each
//! fed as JSON Lines into its own store; the brief of its biggest story is compared with
//! `crates/brief/tests/golden/mmds-<label>.json`. `UPDATE_GOLDEN=1` rewrites the files.
//! Skipped, with a note, where `../shared/data` is absent.

mod common;

use common::{describe, run, stdout, storyline};
use serde_json::{Value, json};
use std::path::PathBuf;

const STORIES: usize = 6;
const MIN_ARTICLES: usize = 3;
/// The MMDS label of articles that belong to no cluster.
const NO_CLUSTER: i64 = 166;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../brief/tests/golden")
}

#[test]
fn briefs_of_real_stories_match_their_golden_files() {
    let dev =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/clustering/mmds2025/dev.json");
    let Ok(text) = std::fs::read_to_string(&dev) else {
        eprintln!("skipped: {} not found", dev.display());
        return;
    };
    let file: Value = serde_json::from_str(&text).unwrap();
    let (articles, labels) = (file["articles"].as_array().unwrap(), file["clusters"].as_array().unwrap());
    let mut order: Vec<i64> = Vec::new();
    for l in labels.iter().filter_map(Value::as_i64) {
        if l != NO_CLUSTER && !order.contains(&l) {
            order.push(l);
        }
    }
    order.sort_unstable();
    let size = |l: i64| labels.iter().filter(|x| x.as_i64() == Some(l)).count();
    let picked: Vec<i64> = order.into_iter().filter(|&l| size(l) >= MIN_ARTICLES).take(STORIES).collect();
    assert_eq!(picked.len(), STORIES);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for label in picked {
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("story.jsonl");
        let lines: Vec<String> = articles
            .iter()
            .zip(labels)
            .filter(|(_, l)| l.as_i64() == Some(label))
            .map(|(a, _)| {
                let paragraphs: Vec<&str> =
                    a["sentences"].as_array().unwrap().iter().filter_map(|s| s["content"].as_str()).collect();
                json!({ "id": format!("mmds-{}", a["ID"]), "title": a["title"], "text": paragraphs.join("\n\n") })
                    .to_string()
            })
            .collect();
        std::fs::write(&input, lines.join("\n") + "\n").unwrap();
        let data = tmp.path().join("data");
        let o = run(storyline(&data).args(["ingest", "-q"]).arg(&input));
        assert!(o.status.success(), "{}", describe(&o));
        let o = run(storyline(&data).args(["stories", "--sort", "biggest", "--json", "--limit", "1"]));
        let stories: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let id = stories[0]["id"].to_string();
        let o = run(storyline(&data).args(["brief", &id, "--format", "json"]));
        assert!(o.status.success(), "{}", describe(&o));
        let mut brief: Value = serde_json::from_str(&stdout(&o)).unwrap();
        // Story numbers depend on arrival; the golden file keeps the MMDS label instead.
        brief["story"] = json!(format!("mmds-{label}"));
        let path = golden_dir().join(format!("mmds-{label}.json"));
        if update {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, serde_json::to_string_pretty(&brief).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value = match std::fs::read_to_string(&path) {
            Ok(t) => serde_json::from_str(&t).unwrap(),
            Err(e) => panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()),
        };
        if expected != brief {
            failures.push(format!("{} differs (UPDATE_GOLDEN=1 rewrites it after review)", path.display()));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
