//! End to end: `storyline eval dedup` and `storyline bench dedup` on a tiny data folder of
//! invented articles in the shared layout.

use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

const BODIES: [&str; 4] = [
    "The city council voted on Tuesday to fund a new bridge across the river, after two years of debate about its cost.\n\
     Supporters said the bridge would cut commuting times by a quarter and bring trade back to the old town.\n\
     Opponents argued that the money should go to schools and to the repair of existing roads.\n\
     Construction is expected to start next spring and to last three years, the engineering firm said.",
    "Farmers in the northern valleys began the grape harvest two weeks earlier than usual this year.\n\
     A hot and dry summer ripened the fruit quickly, and growers expect a smaller crop but a good vintage.\n\
     Several cooperatives have hired extra pickers to bring the grapes in before the autumn rains arrive.\n\
     The regional wine board will set prices for the new vintage in November, once the volume is known.",
    "The national library reopened its main reading room on Monday after a renovation that took four years.\n\
     Visitors can again consult the manuscripts collection, which was moved to a temporary depot during the works.\n\
     The new lighting and climate control are meant to protect the oldest volumes from damage.\n\
     Opening hours are extended to nine in the evening on weekdays, the director announced.",
    "A regional airline will add three routes to coastal towns next summer, its chief executive said on Friday.\n\
     The company is leasing two more turboprop aircraft and hiring forty pilots and cabin staff.\n\
     Tourism offices in the towns welcomed the plan, which they hope will bring visitors outside the peak weeks.\n\
     Tickets for the new routes go on sale in January, with introductory fares for early bookings.",
];

fn write_data(root: &Path) {
    let sh = root.join("extraction/scrapinghub");
    std::fs::create_dir_all(&sh).unwrap();
    let truth: serde_json::Map<String, Value> = BODIES[..2]
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (format!("p{i}"), json!({ "articleBody": b, "url": format!("https://news.example/{i}") }))
        })
        .collect();
    std::fs::write(sh.join("ground-truth.json"), Value::Object(truth).to_string()).unwrap();
    let mmds = root.join("clustering/mmds2025");
    std::fs::create_dir_all(&mmds).unwrap();
    let article = |id: i64, title: &str, body: &str| {
        let sentences: Vec<Value> =
            body.split('\n').enumerate().map(|(i, s)| json!({ "SID": i + 1, "content": s.trim() })).collect();
        json!({ "ID": id, "title": title, "sentences": sentences })
    };
    let dev = json!({
        "articles": [
            article(1, "Library reading room reopens", BODIES[2]),
            article(2, "Airline adds coastal routes", BODIES[3]),
        ],
        // Not one event, but labelled as one: the pair stands for a hard negative.
        "clusters": [0, 0],
    });
    std::fs::write(mmds.join("dev.json"), dev.to_string()).unwrap();
}

fn run(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_storyline")).arg("--quiet").args(args).output().unwrap();
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn eval_dedup_scores_copies_against_other_articles() {
    let dir = tempfile::tempdir().unwrap();
    write_data(dir.path());
    let data = dir.path().to_str().unwrap();
    let v = run(&["eval", "dedup", data, "--json"]);
    assert_eq!(v["articles"]["scrapinghub"], 2);
    assert_eq!(v["articles"]["mmds2025"], 2);
    // 4 articles × 10 copies, 4 × 3 other articles, one same-story pair.
    assert_eq!(v["pairs"], 40 + 12 + 1);
    let reformat = v["per_kind"].as_array().unwrap().iter().find(|k| k["pairs"] == "reformat").unwrap();
    assert_eq!(reformat["exact"], 4);
    assert!(v["overall"]["recall"].as_f64().unwrap() > 0.8, "{v}");
    assert!(v["overall"]["precision"].as_f64().unwrap() > 0.8, "{v}");
    // The same seed gives the same numbers.
    assert_eq!(run(&["eval", "dedup", data, "--json"]), v);
}

#[test]
fn bench_dedup_reports_each_checkpoint() {
    let dir = tempfile::tempdir().unwrap();
    write_data(dir.path());
    let v = run(&["bench", "dedup", dir.path().to_str().unwrap(), "--articles", "500", "--json"]);
    let points = v["checkpoints"].as_array().unwrap();
    assert_eq!(points.len(), 10);
    assert_eq!(points[9]["articles"], 500);
    let verdicts = &points[9]["verdicts"];
    let total = ["exact", "near", "new"].iter().map(|k| verdicts[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(total, 500);
    assert!(verdicts["near"].as_u64().unwrap() + verdicts["exact"].as_u64().unwrap() > 50, "{v}");
}
