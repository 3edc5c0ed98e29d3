//! End to end: `storyline ingest`, `articles` and `article` on temporary data folders.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::io::Write;
use std::process::Stdio;
use storyline_doc::Article;

#[test]
fn ingesting_a_folder_twice_stores_each_article_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    write_text_files(&input, 0, 25);

    let first = run(storyline(&data).args(["ingest", "--json", "--batch", "4"]).arg(&input));
    assert!(first.status.success(), "{}", describe(&first));
    let s = summary(&first);
    assert_eq!(
        (s["new"].as_u64(), s["existing"].as_u64(), s["errors"].as_u64()),
        (Some(25), Some(0), Some(0))
    );
    assert_eq!(s["documents"], 25);

    let second = run(storyline(&data).args(["ingest", "--json"]).arg(&input));
    assert!(second.status.success(), "{}", describe(&second));
    let s = summary(&second);
    assert_eq!((s["new"].as_u64(), s["existing"].as_u64()), (Some(0), Some(25)));

    let listed = run(storyline(&data).args(["articles", "--json", "--limit", "0"]));
    assert!(listed.status.success(), "{}", describe(&listed));
    let ids: Vec<String> = stdout(&listed)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 25);
    assert_eq!(ids.iter().collect::<BTreeSet<_>>().len(), 25, "no duplicates");
}

#[test]
fn the_human_summary_counts_what_was_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    write_text_files(&input, 0, 3);
    let out = run(storyline(&data).arg("ingest").arg(&input));
    assert!(out.status.success(), "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains("3 new, 0 already stored, 0 errors"), "{text}");
}

#[test]
fn the_store_does_not_ingest_itself() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    write_text_files(&input, 0, 4);
    // `storyline ingest .` with the default `./storyline-data` inside the folder read.
    let data = input.join("storyline-data");
    for _ in 0..2 {
        let out = run(storyline(&data).args(["ingest", "--json"]).arg(&input));
        assert!(out.status.success(), "{}", describe(&out));
        let s = summary(&out);
        assert_eq!(
            (s["new"].as_u64().unwrap() + s["existing"].as_u64().unwrap(), &s["errors"]),
            (4, &0.into()),
            "{s}"
        );
    }
}

#[test]
fn a_broken_input_is_named_and_the_others_are_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    write_text_files(&input, 0, 5);
    // Nothing an article could be made of: extraction fails on this one file.
    std::fs::write(input.join("empty-page.txt"), "\n\n   \n").unwrap();
    let missing = tmp.path().join("no-such-file.txt");

    let out = run(storyline(&data).args(["ingest", "--json"]).arg(&input).arg(&missing));
    assert!(out.status.success(), "one bad file must not fail the batch: {}", describe(&out));
    let s = summary(&out);
    assert_eq!(s["new"], 5, "{s}");
    assert_eq!(s["errors"], 2, "{s}");
    let sources: Vec<&str> =
        s["error_list"].as_array().unwrap().iter().filter_map(|e| e["source"].as_str()).collect();
    assert!(sources.iter().any(|src| src.ends_with("empty-page.txt")), "{sources:?}");
    assert!(sources.iter().any(|src| src.ends_with("no-such-file.txt")), "{sources:?}");
    // The warning on stderr names the file too.
    let err = stderr(&out);
    assert!(err.contains("empty-page.txt") && err.contains("no-such-file.txt"), "{err}");

    let listed = run(storyline(&data).args(["articles", "--json"]));
    assert_eq!(stdout(&listed).lines().count(), 5);
}

#[test]
fn a_broken_json_line_is_named_by_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let feed = tmp.path().join("feed.jsonl");
    let lines = [jsonl_record(1), "{\"title\": \"cut off".to_string(), jsonl_record(3)];
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();

    let out = run(storyline(&data).args(["ingest", "--json"]).arg(&feed));
    assert!(out.status.success(), "{}", describe(&out));
    let s = summary(&out);
    assert_eq!((s["new"].as_u64(), s["errors"].as_u64()), (Some(2), Some(1)), "{s}");
    let e = &s["error_list"][0];
    assert!(e["source"].as_str().is_some_and(|src| src.ends_with("feed.jsonl")), "{s}");
    assert_eq!(e["position"], serde_json::json!({"kind": "line", "at": 2}), "{s}");
    assert!(stderr(&out).contains("feed.jsonl:line 2"), "{}", describe(&out));

    // The container's metadata reaches the store.
    let listed = run(storyline(&data).args(["articles", "--json"]));
    let rows: Vec<serde_json::Value> =
        stdout(&listed).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["published"], "2022-01-04", "newest first: {rows:?}");
    assert_eq!(rows[0]["published_precision"], "day");
    assert_eq!(rows[0]["title"], "Council votes on the water plan for district 3");
    assert_eq!(rows[1]["published"], "2022-01-02");
}

#[test]
fn nothing_readable_is_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let missing = tmp.path().join("nothing-here");
    let out = run(storyline(&data).arg("ingest").arg(&missing));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("nothing-here"), "{}", describe(&out));

    let empty = tmp.path().join("blank.txt");
    std::fs::write(&empty, "").unwrap();
    let out = run(storyline(&data).args(["ingest", "--json"]).arg(&empty));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert_eq!(summary(&out)["new"], 0);
}

#[test]
fn standard_input_is_an_input() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mut child = storyline(&data)
        .args(["ingest", "--json", "--format", "text", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(text_article(7).as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    assert_eq!(summary(&out)["new"], 1);
}

#[test]
fn articles_and_article_show_what_was_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    let files = write_text_files(&input, 40, 3);
    let out = run(storyline(&data).args(["ingest", "--quiet"]).arg(&input));
    assert!(out.status.success(), "{}", describe(&out));

    let listed = run(storyline(&data).args(["articles", "--json"]));
    assert!(listed.status.success(), "{}", describe(&listed));
    let rows: Vec<serde_json::Value> =
        stdout(&listed).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 3);
    for row in &rows {
        assert!(row["source"].as_str().is_some_and(|s| s.ends_with(".txt")), "{row}");
    }

    let id = rows[0]["id"].as_str().unwrap();
    let shown = run(storyline(&data).args(["article", id, "--json"]));
    assert!(shown.status.success(), "{}", describe(&shown));
    let article: Article = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(article.id, id);
    let file = files.iter().find(|f| f.to_string_lossy() == article.provenance.source).unwrap();
    let n: usize =
        file.file_stem().unwrap().to_string_lossy().trim_start_matches("article-").parse().unwrap();
    assert!(article.text.contains(&format!("water plan for district {n},")), "{}", article.text);

    // A unique prefix works, and the readable view carries the id and the text.
    let shown = run(storyline(&data).args(["article", &id[..10]]));
    assert!(shown.status.success(), "{}", describe(&shown));
    let view = stdout(&shown);
    assert!(view.contains(id) && view.contains("reservoir"), "{view}");

    // The table has a header and one row per article.
    let table = run(storyline(&data).arg("articles"));
    assert!(table.status.success(), "{}", describe(&table));
    let table = stdout(&table);
    assert!(table.starts_with("ID"), "{table}");
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(table.contains(id), "{table}");
}

#[test]
fn an_unknown_article_is_a_clear_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    write_text_files(&input, 0, 1);
    assert!(run(storyline(&data).arg("ingest").arg(&input)).status.success());

    // Any 16-digit id but the stored one.
    let stored = stdout(&run(storyline(&data).args(["articles", "--json"])));
    let unknown =
        if stored.contains("\"0000000000000000\"") { "1111111111111111" } else { "0000000000000000" };
    let out = run(storyline(&data).args(["article", unknown]));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let err = stderr(&out);
    assert!(err.contains("no article") && err.contains(unknown), "{err}");

    let out = run(storyline(&data).args(["article", "not-an-id"]));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("not an article id"), "{}", describe(&out));
}

#[test]
fn reading_commands_do_not_create_a_store() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = run(storyline(&data).arg("articles"));
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("no store"), "{}", describe(&out));
    let out = run(storyline(&data).args(["article", "abcdef"]));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let out = run(storyline(&data).arg("entities"));
    assert!(out.status.success(), "{}", describe(&out));
    assert!(stderr(&out).contains("no store"), "{}", describe(&out));
    for cmd in [&["entities", "abcdef"][..], &["analyse", "--all"]] {
        let out = run(storyline(&data).args(cmd));
        assert_eq!(out.status.code(), Some(1), "{cmd:?}: {}", describe(&out));
    }
    assert!(!data.exists());
}

#[test]
fn help_texts_teach_with_examples() {
    for cmd in ["ingest", "articles", "article", "analyse", "entities", "ner"].map(|c| [c, "--help"]) {
        let out = run(std::process::Command::new(env!("CARGO_BIN_EXE_storyline")).args(cmd));
        assert!(out.status.success(), "{}", describe(&out));
        assert!(stdout(&out).contains("Examples:"), "{cmd:?}: {}", stdout(&out));
    }
}
