//! End to end: `storyline eval events` on a tiny TSV of invented snippets.

use serde_json::Value;
use std::process::Command;

const GOLD: &str = "id\tEventSnippet\tSubType\n\
    1\tRebels and government troops clashed near the river crossing.\tARMED_CLASH\n\
    2\tA roadside bomb exploded as an army convoy passed.\tREM_EXPLOS\n\
    3\tThousands of protesters marched peacefully through the capital.\tPEACE_PROTEST\n\
    4\tThe museum opens a new wing of modern paintings.\tDIPLO\n";

fn storyline() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_storyline"));
    c.arg("--quiet");
    c
}

#[test]
fn eval_events_scores_and_writes_predictions() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.tsv");
    let out = tmp.path().join("predicted.tsv");
    std::fs::write(&gold, GOLD).unwrap();
    let run = storyline()
        .args(["eval", "events", "--json", "--gold"])
        .arg(&gold)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(report["items"], 4);
    // Three typed right; the snippet without an event is predicted OTHER, not DIPLO.
    assert_eq!(report["accuracy"], 0.75);
    assert_eq!(report["no_event"], 1);
    let labels: Vec<&str> =
        report["per_label"].as_array().unwrap().iter().map(|l| l["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["ARMED_CLASH", "DIPLO", "OTHER", "PEACE_PROTEST", "REM_EXPLOS"]);
    // Weighted F1: three labels at 1, DIPLO at 0, each of support 1.
    assert!((report["weighted_avg"]["f1"].as_f64().unwrap() - 0.75).abs() < 1e-9);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "1\tARMED_CLASH\n2\tREM_EXPLOS\n3\tPEACE_PROTEST\n4\tOTHER\n"
    );

    let text = storyline().args(["eval", "events", "--gold"]).arg(&gold).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("weighted") && text.contains("macro") && text.contains("PEACE_PROTEST"), "{text}");
}

#[test]
fn a_malformed_line_names_its_number() {
    let tmp = tempfile::tempdir().unwrap();
    let gold = tmp.path().join("gold.tsv");
    std::fs::write(&gold, "id\tEventSnippet\tSubType\n1\tonly two fields\n").unwrap();
    let run = storyline().args(["eval", "events", "--gold"]).arg(&gold).output().unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains(":2:"), "{}", String::from_utf8_lossy(&run.stderr));
}
