//! Crash safety, end to end: an ingest killed with SIGKILL at an arbitrary point loses nothing
//! it had acknowledged, and running it again ends with exactly the store one clean run gives.

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;
use storyline_store::{RunId, Store};

/// Small batches: many commits, so the kill is likely to land inside one.
const BATCH: &str = "8";

/// How a killed run went.
struct Killed {
    /// The highest `new` count the run reported after a commit before it died.
    acknowledged: u64,
}

/// Starts an ingest of `input` into `data`, kills it with SIGKILL once it has acknowledged at
/// least `kill_after` new articles, and says what it had acknowledged. `None` when the run
/// finished before the kill could land, so the input was too small to test anything.
fn ingest_and_kill(input: &Path, data: &Path, kill_after: u64) -> Option<Killed> {
    let mut child = storyline(data)
        .args(["-v", "ingest", "--batch", BATCH])
        .arg(input)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("storyline starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    let (tx, rx) = mpsc::channel();
    // Drains stderr for the whole run (a full pipe would stall the child) and reports each
    // acknowledgement as it is logged.
    let reader = std::thread::spawn(move || {
        let mut acknowledged = 0;
        let mut last = std::collections::VecDeque::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(new) = committed_new(&line) {
                acknowledged = acknowledged.max(new);
                let _ = tx.send(new);
            }
            if last.len() == 10 {
                last.pop_front();
            }
            last.push_back(line);
        }
        (acknowledged, Vec::from(last).join("\n"))
    });
    let mut reached = false;
    while let Ok(new) = rx.recv_timeout(Duration::from_secs(120)) {
        if new >= kill_after {
            reached = true;
            break;
        }
    }
    assert!(
        reached || child.try_wait().ok().flatten().is_some(),
        "the ingest made no progress for 2 minutes"
    );
    // A varying pause, so that over many runs the kill lands in every phase of a batch
    // (reading, extracting, inside the commit) rather than always just after a log line.
    let jitter =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    std::thread::sleep(Duration::from_micros(u64::from(jitter % 30_000)));
    // SIGKILL: no destructor, no rollback, no chance to finish the batch in flight.
    let _ = child.kill();
    let status = child.wait().expect("wait for the killed ingest");
    let (acknowledged, last_lines) = reader.join().expect("stderr reader");
    assert!(
        acknowledged > 0 || status.signal() == Some(9),
        "the ingest ran to the end ({status}) without one `batch committed ... new=N` debug line; \
         did the log format change? Last lines of stderr:\n{last_lines}"
    );
    (status.signal() == Some(9)).then_some(Killed { acknowledged })
}

/// `new=N` from the debug line the ingest logs after each commit.
fn committed_new(line: &str) -> Option<u64> {
    let line = strip_ansi(line);
    if !line.contains("batch committed") {
        return None;
    }
    let rest = &line[line.find("new=")? + 4..];
    rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI sequences end with a letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every stored article's JSON by id, without `fetched_at`, which records when a document
/// was read and so differs between two runs over the same bytes.
fn contents(data: &Path) -> Vec<(String, serde_json::Value)> {
    let store = Store::open_existing(data).expect("store opens");
    assert_eq!(store.integrity_check().expect("integrity check runs"), ["ok"], "{}", data.display());
    store
        .article_json_by_id()
        .expect("articles read")
        .into_iter()
        .map(|(id, json)| {
            let mut value: serde_json::Value = serde_json::from_str(&json).expect("stored JSON parses");
            if let Some(p) = value.get_mut("provenance").and_then(|p| p.as_object_mut()) {
                p.remove("fetched_at");
            }
            (id, value)
        })
        .collect()
}

/// What the ingest reads.
#[derive(Clone, Copy)]
enum Input {
    /// One text file per article, in nested folders.
    TextFiles,
    /// One JSON Lines file, one article per line: many batches within a single input.
    JsonLines,
}

/// Kills an ingest mid-run, checks that what it acknowledged survived, resumes it and checks
/// that the store equals the store of one clean run. Starts with `total` articles and doubles
/// them whenever the run finished before the kill could land.
fn kill_and_resume(kind: Input, mut total: usize) {
    let tmp = tempfile::tempdir().unwrap();
    for attempt in 0..4 {
        let dir = tmp.path().join(format!("in-{attempt}"));
        std::fs::create_dir_all(&dir).unwrap();
        let input = match kind {
            Input::TextFiles => {
                write_text_files(&dir, 0, total);
                dir
            }
            Input::JsonLines => {
                let file = dir.join("feed.jsonl");
                write_jsonl(&file, 0, total);
                file
            }
        };
        let killed_data = tmp.path().join(format!("killed-{attempt}"));

        let Some(killed) = ingest_and_kill(&input, &killed_data, total as u64 / 5) else {
            // Finished before the kill: try again with more work.
            total *= 2;
            continue;
        };
        let after_kill = Store::open_existing(&killed_data).expect("the killed store reopens");
        assert_eq!(after_kill.integrity_check().unwrap(), ["ok"]);
        let survived = after_kill.count_articles().unwrap();
        eprintln!(
            "attempt {attempt}: {total} articles, killed after {} acknowledged, {survived} survived",
            killed.acknowledged
        );
        assert!(
            survived >= killed.acknowledged,
            "acknowledged {} articles but only {survived} survived the kill",
            killed.acknowledged
        );
        if survived == total as u64 {
            // Killed between the last commit and exit: not mid-run.
            total *= 2;
            continue;
        }
        assert!(survived > 0, "the kill came after at least one commit");
        // The run's own record says what it acknowledged, and that it never finished.
        let record = after_kill.run_summary(RunId(1)).unwrap().expect("the run was recorded");
        assert_eq!(record.new, survived);
        assert_eq!(record.finished_at, None);
        drop(after_kill);

        // Resume: the same command again, to completion.
        let resumed = run(storyline(&killed_data).args(["ingest", "--json"]).arg(&input));
        assert!(resumed.status.success(), "{}", describe(&resumed));
        let s = summary(&resumed);
        assert_eq!(s["existing"].as_u64(), Some(survived), "{s}");
        assert_eq!(s["new"].as_u64(), Some(total as u64 - survived), "{s}");
        assert_eq!(s["errors"], 0, "{s}");

        let clean_data = tmp.path().join(format!("clean-{attempt}"));
        let clean = run(storyline(&clean_data).args(["ingest", "--quiet"]).arg(&input));
        assert!(clean.status.success(), "{}", describe(&clean));

        let (resumed, clean) = (contents(&killed_data), contents(&clean_data));
        assert_eq!(clean.len(), total);
        assert_eq!(resumed.len(), clean.len());
        for ((rid, rjson), (cid, cjson)) in resumed.iter().zip(&clean) {
            assert_eq!(rid, cid);
            assert_eq!(rjson, cjson, "article {rid} differs");
        }
        return;
    }
    panic!("every ingest finished before it could be killed, even with {total} articles");
}

#[test]
fn a_killed_ingest_of_text_files_loses_nothing_and_resumes_to_the_clean_result() {
    kill_and_resume(Input::TextFiles, 1000);
}

#[test]
fn a_killed_ingest_of_json_lines_loses_nothing_and_resumes_to_the_clean_result() {
    kill_and_resume(Input::JsonLines, 1000);
}

#[test]
fn the_acknowledgement_line_parses() {
    let line = "2026-01-01T00:00:00Z DEBUG batch committed new=128 existing=3 errors=0";
    assert_eq!(committed_new(line), Some(128));
    let colored = "\u{1b}[2m2026\u{1b}[0m DEBUG batch committed \u{1b}[3mnew\u{1b}[0m\u{1b}[2m=\u{1b}[0m64 x";
    assert_eq!(committed_new(colored), Some(64));
    assert_eq!(committed_new("WARN a.txt: no article text found"), None);
}
