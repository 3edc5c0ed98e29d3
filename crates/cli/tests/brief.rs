//! `storyline brief` and `storyline events` end to end: the product scenario's two articles,
//! ingested in either order, give one story whose brief is ordered, cited and shows the
//! sources' disagreement, the same whatever the order.

mod common;

use common::{describe, run, seeds_dir, stdout, storyline};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn ok(o: std::process::Output) -> String {
    assert!(o.status.success(), "{}", describe(&o));
    stdout(&o)
}

/// The seeds ingested one file per run, in the given order; the brief of the one story.
fn brief_after_ingesting(files: &[PathBuf], data: &Path) -> Value {
    for f in files {
        ok(run(storyline(data).args(["ingest", "-q"]).arg(f)));
    }
    let stories: Value = serde_json::from_str(&ok(run(storyline(data).args(["stories", "--json"])))).unwrap();
    assert_eq!(stories.as_array().map(Vec::len), Some(1), "one story: {stories}");
    let id = stories[0]["id"].to_string();
    serde_json::from_str(&ok(run(storyline(data).args(["brief", &id, "--format", "json"])))).unwrap()
}

/// Last day a date allows, as a sortable string: a month sorts after its days.
fn last_day(date: &str) -> String {
    match date.len() {
        4 => format!("{date}-12-99"),
        7 => format!("{date}-99"),
        _ => date[..10].to_string(),
    }
}

fn check_structure(brief: &Value) {
    let sources: Vec<&str> =
        brief["sources"].as_array().unwrap().iter().map(|s| s["article"].as_str().unwrap()).collect();
    assert_eq!(sources.len(), 2);
    let timeline = brief["timeline"].as_array().unwrap();
    assert!(timeline.len() >= 3, "{timeline:#?}");
    let dates: Vec<String> = timeline.iter().filter_map(|e| e["date"].as_str()).map(last_day).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "timeline out of order: {dates:?}");
    for e in timeline {
        assert!(!e["sources"].as_array().unwrap().is_empty(), "an entry without its sources: {e}");
    }
    let summary = brief["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    for s in summary {
        assert!(sources.contains(&s["article"].as_str().unwrap()), "uncited summary sentence: {s}");
        assert!(!s["outlet"].as_str().unwrap().is_empty());
    }
    let disagreement = brief["disagreements"].as_array().unwrap().iter().find(|d| {
        let mut outlets: Vec<&str> =
            d["claims"].as_array().unwrap().iter().map(|c| c["outlet"].as_str().unwrap()).collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets.len() >= 2
    });
    assert!(disagreement.is_some(), "no disagreement between two outlets: {:#}", brief["figures"]);
}

#[test]
fn the_seed_brief_is_ordered_cited_shows_the_disagreement_and_ignores_ingest_order() {
    let Some(seeds) = seeds_dir() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let tmp = tempfile::tempdir().unwrap();
    let forward = brief_after_ingesting(&files, &tmp.path().join("forward"));
    check_structure(&forward);
    files.reverse();
    let backward = brief_after_ingesting(&files, &tmp.path().join("backward"));
    check_structure(&backward);
    // The story's number may differ; nothing else may.
    let strip = |mut b: Value| {
        b["story"] = Value::Null;
        b
    };
    assert_eq!(strip(forward), strip(backward));
}

#[test]
fn brief_renders_markdown_and_escaped_html_and_events_export_three_formats() {
    let Some(seeds) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(run(storyline(&data).args(["ingest", "-q"]).arg(&seeds)));
    let md = ok(run(storyline(&data).args(["brief", "1"])));
    assert!(md.starts_with("# ") && md.contains("## Timeline") && md.contains("## Disagreements"), "{md}");
    let out = tmp.path().join("brief.html");
    ok(run(storyline(&data).args(["brief", "1", "--format", "html", "--out"]).arg(&out)));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    // Quotation marks of the text are escaped, never raw inside the markup.
    assert!(html.contains("&quot;") && !html.contains("<script"), "{html}");
    let csv = ok(run(storyline(&data).args(["events", "--story", "1"])));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("event_id,story,date,date_precision,"));
    assert!(lines.count() >= 3, "{csv}");
    let jsonl = ok(run(storyline(&data).args(["events", "--format", "jsonl"])));
    let rows: Vec<Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.iter().all(|r| r["event_id"].as_str().unwrap().starts_with("S1-E")));
    let geo: Value =
        serde_json::from_str(&ok(run(storyline(&data).args(["events", "--format", "geojson"])))).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let points =
        geo["features"].as_array().unwrap().iter().filter(|f| f["geometry"]["type"] == "Point").count();
    assert!(points >= 1, "{geo:#}");
    let o = run(storyline(&data).args(["brief", "99"]));
    assert_eq!(o.status.code(), Some(1), "{}", describe(&o));
}
