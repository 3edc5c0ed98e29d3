//! Helpers shared by the end-to-end tests: they run the real `storyline` binary.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The product scenario's articles (`../shared/seeds` beside the repository), or `None`
/// with a note on stderr when this checkout has no `../shared`.
pub fn seeds_dir() -> Option<PathBuf> {
    shared("seeds")
}

/// `path` under `../shared` beside the repository, or `None` with a note on stderr when this
/// checkout has no `../shared`.
pub fn shared(path: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(path);
    if dir.exists() {
        Some(dir)
    } else {
        // CI always has ../shared; a lone checkout says why nothing was checked.
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

/// `storyline --data DATA`, isolated from the caller's environment.
pub fn storyline(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_storyline"));
    cmd.arg("--data").arg(data).env_remove("STORYLINE_DATA").env_remove("RUST_LOG");
    cmd
}

/// Runs to completion; the output, with stdout and stderr shown on failure of `check`.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the storyline binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn describe(o: &Output) -> String {
    format!("status {:?}\n--- stdout\n{}\n--- stderr\n{}", o.status.code(), stdout(o), stderr(o))
}

/// A plain-text article that extraction keeps whole: a title line and two paragraphs of
/// prose, different for every `n`.
pub fn text_article(n: usize) -> String {
    format!(
        "Council votes on the new water plan for district {n}\n\n\
         The city council met on Tuesday evening to debate the water plan for district {n}, \
         after residents complained for months about shortages during the summer.\n\n\
         Officials said the vote, the {n}th on the matter, would decide how the reservoir is \
         shared between farms and households over the next ten years.\n"
    )
}

/// Writes `count` text articles, numbered from `first`, spread over nested folders so that
/// discovery has to recurse.
pub fn write_text_files(dir: &Path, first: usize, count: usize) -> Vec<PathBuf> {
    (first..first + count)
        .map(|n| {
            let sub = dir.join(format!("batch-{:02}", n % 7)).join(format!("part-{}", n % 3));
            std::fs::create_dir_all(&sub).expect("create input folder");
            let path = sub.join(format!("article-{n:05}.txt"));
            std::fs::write(&path, text_article(n)).expect("write input file");
            path
        })
        .collect()
}

/// One JSON Lines record with container metadata, different for every `n`.
pub fn jsonl_record(n: usize) -> String {
    let record = serde_json::json!({
        "id": format!("rec-{n}"),
        "url": format!("https://news.example.org/2022/01/{:02}/story-{n}", n % 28 + 1),
        "title": format!("Council votes on the water plan for district {n}"),
        "published": format!("2022-01-{:02}", n % 28 + 1),
        "lang": "en",
        "source": "Example Times",
        "text": text_article(n),
    });
    record.to_string()
}

/// Writes `count` JSON Lines records, numbered from `first`, into one file.
pub fn write_jsonl(path: &Path, first: usize, count: usize) {
    let mut lines: String = (first..first + count).map(|n| jsonl_record(n) + "\n").collect();
    if lines.is_empty() {
        lines.push('\n');
    }
    std::fs::write(path, lines).expect("write JSON Lines input");
}

/// The `--json` summary of an ingest.
pub fn summary(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("summary is JSON ({e}): {}", describe(o)))
}

/// Runs `cmd` and fails the test, with what it printed, unless it succeeds.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = run(cmd);
    assert!(out.status.success(), "{}", describe(&out));
    out
}

/// Each line of the output's stdout as JSON.
pub fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stdout(out).lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}
