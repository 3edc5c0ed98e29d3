//! Stories made at ingest: the product scenario's two articles on one event form one story,
//! and ingesting them again changes nothing.

mod common;

use common::{describe, run, seeds_dir, stdout, storyline};
use serde_json::Value;

fn stories(data: &std::path::Path) -> Value {
    let o = run(storyline(data).args(["stories", "--json"]));
    assert!(o.status.success(), "{}", describe(&o));
    serde_json::from_str(&stdout(&o)).expect("a JSON array")
}

#[test]
fn the_seed_articles_form_one_story_and_reingest_keeps_it() {
    let Some(seeds) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let o = run(storyline(&data).arg("ingest").arg(&seeds));
    assert!(o.status.success(), "{}", describe(&o));
    let first = stories(&data);
    assert_eq!(first.as_array().map(Vec::len), Some(1), "{first}");
    assert_eq!(first[0]["size"], 2, "{first}");
    let o = run(storyline(&data).arg("ingest").arg(&seeds));
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(stories(&data), first);
}
