//! Stories made at ingest: the product scenario's two articles on one event form one story,
//! and ingesting them again changes nothing.

mod common;

use common::{describe, run, run_ok, seeds_dir, shared, stderr, stdout, storyline};
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

/// An undated article takes the date of the dated article of its story, marked inferred, and
/// its weekdays are then resolved from it.
#[test]
fn an_undated_article_is_dated_from_its_story() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let body = "La grève des dockers de Port-Velmar a paralysé le terminal de conteneurs de la ville. \
        Les syndicats de Port-Velmar réclament une hausse des salaires et la direction du terminal refuse.";
    std::fs::write(
        input.join("a.txt"),
        format!("---\ndate: 2031-05\nlang: fr\n---\nLe vendredi 9 mai, {body} Les négociations reprendront lundi.\n"),
    )
    .unwrap();
    std::fs::write(
        input.join("b.txt"),
        format!("---\nlang: fr\n---\nDepuis mercredi, {body} Le terminal était fermé mardi.\n"),
    )
    .unwrap();
    let data = tmp.path().join("data");
    let o = run(storyline(&data).arg("ingest").arg(&input));
    assert!(o.status.success(), "{}", describe(&o));
    assert_eq!(stories(&data).as_array().map(Vec::len), Some(1), "one story");
    let o = run(storyline(&data).args(["articles", "--json"]));
    let undated: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .map(|row| {
            let o = run(storyline(&data).args(["article", row["id"].as_str().unwrap(), "--json"]));
            serde_json::from_str(&stdout(&o)).unwrap()
        })
        .filter(|a: &Value| a["meta"]["published"]["source"] == "inferred")
        .collect();
    assert_eq!(undated.len(), 1, "the article without a date gets one");
    let a = &undated[0];
    // The dated article says "2031-05" and states Friday 9 May in its text: that day anchors it.
    assert_eq!(a["meta"]["published"]["date"], "2031-05-09");
    let values: Vec<&str> = a["layers"]["timex"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["value"]["value"].as_str())
        .collect();
    assert!(values.contains(&"2031-05-07") && values.contains(&"2031-05-06"), "{values:?}");

    // Ingesting again changes nothing.
    let before = run(storyline(&data).args(["article", a["id"].as_str().unwrap(), "--json"]));
    assert!(run(storyline(&data).arg("ingest").arg(&input)).status.success());
    let after = run(storyline(&data).args(["article", a["id"].as_str().unwrap(), "--json"]));
    assert_eq!(stdout(&before), stdout(&after));
}

/// A wire story republished with small edits is a copy: it joins the original's story, and
/// the story view names its canonical copy.
#[test]
fn a_near_copy_joins_its_original_and_knows_its_canonical_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    let paragraphs = [
        "The harbour authority of Port Velmar closed the northern container terminal on Monday after a fire broke out in a warehouse storing lithium batteries.",
        "Firefighters from three districts worked through the night to contain the blaze, which sent a column of black smoke over the old town and the fishing quay.",
        "Residents of the quay district were told to keep their windows shut, and two schools near the port stayed closed on Tuesday as a precaution.",
        "The authority said the terminal would reopen once inspectors had checked the cranes and the storage sheds, which could take until the end of the week.",
    ];
    let original = format!(
        "---\ndate: 2031-05-12\nlang: en\ntitle: Fire closes Port Velmar terminal\n---\n{}\n",
        paragraphs.join("\n\n")
    );
    let copy = format!(
        "---\ndate: 2031-05-12\nlang: en\ntitle: Warehouse blaze shuts container terminal\n---\nAdvertisement\n\n{}\n\nRead more\n",
        paragraphs[..3].join("\n\n")
    );
    std::fs::write(input.join("a.txt"), original).unwrap();
    std::fs::write(input.join("b.txt"), copy).unwrap();
    let data = tmp.path().join("data");
    assert!(run(storyline(&data).arg("ingest").arg(&input)).status.success());
    let listed = stories(&data);
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
    let o = run(storyline(&data).args(["story", &listed[0]["id"].to_string(), "--json"]));
    let story: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let articles = story["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    let copies: Vec<&Value> = articles.iter().filter(|a| a["copy_of"].is_string()).collect();
    assert_eq!(copies.len(), 1, "{story}");
    let canonical = articles.iter().find(|a| a["copy_of"].is_null()).unwrap();
    assert_eq!(copies[0]["copy_of"], canonical["id"]);
}

/// The MMDS2025 dev articles as JSON Lines, in three parts of the file's order.
fn dev_in_three_parts(dir: &std::path::Path) -> Option<Vec<std::path::PathBuf>> {
    let gold = shared("data/clustering/mmds2025/dev.json")?;
    let gold: Value = serde_json::from_slice(&std::fs::read(gold).unwrap()).unwrap();
    let lines: Vec<String> = gold["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let text: Vec<&str> =
                a["sentences"].as_array().unwrap().iter().filter_map(|s| s["content"].as_str()).collect();
            serde_json::json!({"id": a["ID"].to_string(), "title": a["title"], "text": text.join("\n\n")})
                .to_string()
        })
        .collect();
    let third = lines.len().div_ceil(3);
    Some(
        lines
            .chunks(third)
            .enumerate()
            .map(|(i, part)| {
                let path = dir.join(format!("part-{i}.jsonl"));
                std::fs::write(&path, part.join("\n") + "\n").unwrap();
                path
            })
            .collect(),
    )
}

/// What the story and resolve passes wrote, table by table.
fn story_tables(data: &std::path::Path) -> Vec<Vec<Vec<String>>> {
    let db = rusqlite::Connection::open(data.join(storyline_store::DB_FILE)).unwrap();
    [
        "SELECT * FROM stories ORDER BY id",
        "SELECT * FROM story_articles ORDER BY article",
        "SELECT * FROM copies ORDER BY article",
        "SELECT * FROM resolved_entities ORDER BY id",
        "SELECT * FROM entity_variants ORDER BY entity, text",
        "SELECT * FROM entity_titles ORDER BY entity, title",
        "SELECT * FROM entity_mentions ORDER BY article, n",
    ]
    .iter()
    .map(|sql| {
        let mut stmt = db.prepare(sql).unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    })
    .collect()
}

fn forget_pass_state(data: &std::path::Path) {
    let db = rusqlite::Connection::open(data.join(storyline_store::DB_FILE)).unwrap();
    db.execute("DELETE FROM pass_state", []).unwrap();
}

/// Each ingest feeds only its new articles to the story and resolve passes, resumed from the
/// states the last one saved, and the stories and entities are those of passes over the whole
/// store; a saved state that does not decode is reported and the pass starts again from the
/// first article.
#[test]
fn the_story_and_resolve_passes_resume_where_they_stopped_with_the_results_of_whole_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(parts) = dev_in_three_parts(tmp.path()) else { return };
    let (resumed, whole) = (tmp.path().join("resumed"), tmp.path().join("whole"));
    for (i, part) in parts.iter().enumerate() {
        let o = run_ok(storyline(&resumed).args(["-v", "ingest"]).arg(part));
        for pass in ["story", "resolve"] {
            let fed_from_start = stderr(&o).contains(&format!("{pass} pass fed articles from=0 "));
            assert_eq!(fed_from_start, i == 0, "{pass} pass, part {i}: {}", describe(&o));
        }
        if i == parts.len() - 1 {
            forget_pass_state(&whole);
        }
        run_ok(storyline(&whole).arg("ingest").arg(part));
    }
    let tables = story_tables(&resumed);
    assert!(tables[0].len() > 20 && tables[1].len() == 209, "{} stories", tables[0].len());
    assert!(tables[3].len() > 500 && tables[6].len() > 1000, "{} entities", tables[3].len());
    assert_eq!(tables, story_tables(&whole));

    let db = rusqlite::Connection::open(resumed.join(storyline_store::DB_FILE)).unwrap();
    db.execute("UPDATE pass_state SET state = x'ff00ff'", []).unwrap();
    drop(db);
    let o = run_ok(storyline(&resumed).arg("ingest").arg(&parts[0]));
    assert!(stderr(&o).contains("saved state does not decode"), "{}", describe(&o));
    assert_eq!(story_tables(&resumed), tables);
}

/// An ingest killed after its story pass, while it dates and resolves, leaves a store that the
/// next ingest brings to exactly what one clean run gives: each pass's writes and saved state
/// land in one transaction, and a pass resumes from whatever state was last committed.
#[test]
fn an_ingest_killed_between_its_passes_resumes_to_the_clean_result() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let Some(parts) = dev_in_three_parts(tmp.path()) else { return };
    let (killed, clean) = (tmp.path().join("killed"), tmp.path().join("clean"));
    for part in &parts[..2] {
        run_ok(storyline(&clean).arg("ingest").arg(part));
    }
    run_ok(storyline(&killed).arg("ingest").arg(&parts[0]));
    let mut child = storyline(&killed)
        .args(["-v", "ingest"])
        .arg(&parts[1])
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    for line in stderr.lines() {
        if line.unwrap().contains("story pass fed articles") {
            child.kill().unwrap();
            break;
        }
    }
    child.wait().unwrap();
    run_ok(storyline(&killed).arg("ingest").arg(&parts[1]));
    assert_eq!(story_tables(&killed), story_tables(&clean));
}
