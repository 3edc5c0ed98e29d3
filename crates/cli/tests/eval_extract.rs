//! End to end: `storyline eval extract` and `storyline bench extract` on tiny benchmark
//! folders of both layouts.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const ARTICLE: &str = "<html><head><title>Council votes</title></head><body>\
    <nav><a href=/>Home</a> <a href=/news>News</a></nav>\
    <article><h1>Council votes on the new bridge</h1>\
    <p>The city council voted on Tuesday to fund the new bridge across the river, after two years of debate.</p>\
    <p>Supporters said the bridge would cut commuting times and bring trade to the old town.</p>\
    <p>Opponents argued that the money should go to schools, and promised to keep up the fight.</p>\
    </article><footer>Newsletter. Copyright 2024.</footer></body></html>";

fn storyline() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storyline"));
    c.arg("--quiet");
    c
}

fn ok(out: Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

fn write_sets(root: &Path) {
    let sh = root.join("sh");
    std::fs::create_dir_all(sh.join("html")).unwrap();
    std::fs::write(
        sh.join("ground-truth.json"),
        r#"{"p1": {"articleBody": "The city council voted on Tuesday to fund the new bridge across the river, after two years of debate.", "url": "https://news.example/p1"},
            "p2": {"articleBody": "Supporters said the bridge would cut commuting times.", "url": "https://news.example/p2"}}"#,
    )
    .unwrap();
    std::fs::write(sh.join("html/p1.html"), ARTICLE).unwrap();
    std::fs::write(sh.join("html/p2.html"), ARTICLE).unwrap();
    let tr = root.join("tr");
    std::fs::create_dir_all(tr.join("html")).unwrap();
    std::fs::write(
        tr.join("evaldata.json"),
        r#"{"https://news.example/a": {"file": "a.html", "with": ["voted on Tuesday"], "without": ["Newsletter"]},
            "hard::b.html": {"file": "b.html", "with": ["keep up the fight"], "without": ["Copyright 2024"]}}"#,
    )
    .unwrap();
    std::fs::write(tr.join("html/a.html"), ARTICLE).unwrap();
    std::fs::write(tr.join("html/b.html"), ARTICLE).unwrap();
}

#[test]
fn eval_writes_predictions_that_score_the_same_when_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    write_sets(tmp.path());
    let preds = tmp.path().join("preds");

    let ours = ok(storyline()
        .args(["eval", "extract", "--json", "--out"])
        .arg(&preds)
        .arg(tmp.path())
        .output()
        .unwrap());
    let sets = ours["sets"].as_array().unwrap();
    let names: Vec<_> =
        sets.iter().map(|s| (s["name"].as_str().unwrap(), s["layout"].as_str().unwrap())).collect();
    assert_eq!(names, [("sh", "scrapinghub"), ("tr", "trafilatura")]);
    assert_eq!(sets[0]["pages"], 2);
    assert_eq!(sets[1]["totals"]["tp"].as_u64().unwrap() + sets[1]["totals"]["fn"].as_u64().unwrap(), 2);

    // Keys: ids for scrapinghub, the evaldata keys (URLs) for trafilatura.
    let written: Value = serde_json::from_slice(&std::fs::read(preds.join("tr.json")).unwrap()).unwrap();
    let keys: Vec<_> = written.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["hard::b.html", "https://news.example/a"]);

    let again = ok(storyline()
        .args(["eval", "extract", "--json", "--predictions"])
        .arg(&preds)
        .arg(tmp.path())
        .output()
        .unwrap());
    for (a, b) in sets.iter().zip(again["sets"].as_array().unwrap()) {
        for k in ["precision", "recall", "f1", "accuracy"] {
            assert_eq!(a[k], b[k], "{k} of {}", a["name"]);
        }
    }
}

#[test]
fn predictions_with_wrong_keys_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    write_sets(tmp.path());
    let file = tmp.path().join("p.json");
    std::fs::write(&file, r#"{"p1": {"articleBody": "x"}, "p3": {"articleBody": null}}"#).unwrap();
    let out = storyline()
        .args(["eval", "extract", "--predictions"])
        .arg(&file)
        .arg(tmp.path().join("sh"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 missing") && err.contains("\"p2\"") && err.contains("1 extra"), "{err}");
}

#[test]
fn bench_times_every_page() {
    let tmp = tempfile::tempdir().unwrap();
    write_sets(tmp.path());
    let v = ok(storyline()
        .args(["bench", "extract", "--json", "--repeat", "2"])
        .arg(tmp.path())
        .output()
        .unwrap());
    assert_eq!(v["pages"], 4);
    assert_eq!(v["repeat"], 2);
    assert!(v["pages_per_s"].as_f64().unwrap() > 0.0);
    assert!(v["ms_per_page"]["p95"].as_f64().unwrap() >= v["ms_per_page"]["p50"].as_f64().unwrap());
}
