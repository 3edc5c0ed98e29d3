//! `storyline eval cluster` on a tiny file in the MMDS2025 layout, with invented texts.

mod common;

use common::{describe, run, stdout, storyline};
use serde_json::{Value, json};

fn article(id: u64, title: &str, sentences: &[&str]) -> Value {
    let sentences: Vec<Value> = sentences
        .iter()
        .enumerate()
        .map(|(n, s)| json!({"SID": n + 1, "content": s, "doc_id": id}))
        .collect();
    json!({"ID": id, "title": title, "sentences": sentences, "event": "not to be read"})
}

#[test]
fn eval_cluster_scores_an_mmds_file_and_writes_predictions() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = json!({
        "articles": [
            article(4, "Ferry runs aground off Port Velmar with 212 passengers", &[
                "A ferry operated by Brasko Lines ran aground off Port Velmar on Sunday with 212 passengers.",
                "Coastguard boats evacuated the passengers after the hull was breached.",
            ]),
            article(7, "Brasko Lines halts Port Velmar crossings after ferry grounding", &[
                "Brasko Lines suspended its crossings from Port Velmar after the ferry grounding.",
                "All 212 passengers were evacuated by the coastguard; inspectors examine the breached hull.",
            ]),
            article(9, "Ostrelia parliament approves education budget", &[
                "The parliament of Ostrelia approved the education budget, with 3,400 new classrooms.",
                "Teacher salaries rise by 4.5 per cent under the plan approved in the upper chamber.",
            ]),
            article(12, "Karsten valley apple growers expect record harvest", &[
                "Apple growers in the Karsten valley expect a record harvest after a warm summer.",
                "Cooperatives are hiring seasonal pickers and building cold storage.",
            ]),
        ],
        "clusters": [1, 1, 166, 166],
    });
    let file = tmp.path().join("tiny.json");
    std::fs::write(&file, gold.to_string()).unwrap();
    let out = tmp.path().join("stories.json");
    let o = run(storyline(&tmp.path().join("unused"))
        .args(["eval", "cluster", "--json", "--gold"])
        .arg(&file)
        .arg("--out")
        .arg(&out));
    assert!(o.status.success(), "{}", describe(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("one JSON object");
    assert_eq!(report["articles"], 4);
    assert_eq!(report["bcubed"]["f1"], 1.0, "{report}");
    assert_eq!(report["pairwise"]["precision"], 1.0, "{report}");
    let predicted: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(predicted["4"], predicted["7"], "{predicted}");
    assert_ne!(predicted["9"], predicted["12"], "catch-all articles stay apart: {predicted}");
    assert_ne!(predicted["4"], predicted["9"], "{predicted}");
}

#[test]
fn eval_cluster_rejects_a_file_in_another_layout() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.json");
    std::fs::write(&file, r#"{"articles": [], "labels": []}"#).unwrap();
    let o = run(storyline(tmp.path()).args(["eval", "cluster", "--gold"]).arg(&file));
    assert!(!o.status.success(), "{}", describe(&o));
    assert!(common::stderr(&o).contains("MMDS2025 layout"), "{}", describe(&o));
}
