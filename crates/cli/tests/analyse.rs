//! The analyse stage end to end: `storyline ingest` adds sentence, token and entity layers,
//! `storyline entities` shows them, `storyline analyse` re-runs the stage, and a store made
//! before the stage existed is migrated and analysed.
//!
//! The models are being retrained as this is written, so nothing here names an entity: the
//! checks are on shapes and invariants that any model must keep.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use storyline_doc::{Annotation, Article, Language, MetaSource, Metadata, Provenance, Span};
use storyline_store::Store;

const LABELS: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
const APOSTROPHES: [char; 2] = ['\'', '\u{2019}'];

fn ids(data: &Path) -> Vec<String> {
    let out = run_ok(storyline(data).args(["articles", "--json", "--limit", "0"]));
    json_lines(&out).iter().map(|v| v["id"].as_str().expect("id").to_owned()).collect()
}

fn stored_article(data: &Path, id: &str) -> Article {
    let out = run_ok(storyline(data).args(["article", id, "--json"]));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("article JSON: {e}"))
}

fn spans_in_order(layer: &[Annotation]) -> bool {
    layer.windows(2).all(|w| w[0].span.end <= w[1].span.start)
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Every invariant of the three layers; returns the entities' labels.
fn check_layers(a: &Article) -> Vec<String> {
    let who = &a.provenance.source;
    for name in ["sentences", "tokens", "entities"] {
        assert!(a.layers.contains_key(name), "{who}: no {name} layer in {:?}", a.layers.keys());
    }
    let (sentences, tokens, entities) = (&a.layers["sentences"], &a.layers["tokens"], &a.layers["entities"]);
    let on_text = |s: Span| s.start < s.end && a.text.get(s.range()).is_some();

    // Sentences cover the text in order: every non-blank character is in exactly one.
    assert!(!sentences.is_empty(), "{who}: no sentences");
    assert!(spans_in_order(sentences), "{who}: sentences overlap or are out of order");
    for s in sentences {
        assert!(on_text(s.span), "{who}: sentence {:?} is not over the text", s.span);
        let t = a.span_text(s.span);
        assert_eq!(t, t.trim(), "{who}: a sentence starts or ends with blanks");
    }
    let mut covered = vec![false; a.text.len()];
    for s in sentences {
        covered[s.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in a.text.char_indices() {
        assert!(c.is_whitespace() || covered[i], "{who}: {c:?} at byte {i} is in no sentence");
    }

    // Tokens are inside sentences, in order, without blanks.
    assert!(spans_in_order(tokens), "{who}: tokens overlap or are out of order");
    let mut sentence = 0;
    for t in tokens {
        assert!(on_text(t.span), "{who}: token {:?} is not over the text", t.span);
        assert!(!a.span_text(t.span).contains(char::is_whitespace), "{who}: token {:?}", a.span_text(t.span));
        while sentences[sentence].span.end <= t.span.start {
            sentence += 1;
        }
        assert!(inside(t.span, sentences[sentence].span), "{who}: token {:?} crosses a sentence", t.span);
    }
    let by_start: BTreeMap<usize, &Annotation> = tokens.iter().map(|t| (t.span.start, t)).collect();
    let by_end: BTreeMap<usize, &Annotation> = tokens.iter().map(|t| (t.span.end, t)).collect();
    // An elided article or preposition (`l'`, `d'`) or a clitic (`'s`) is a word token that
    // starts or ends with an apostrophe.
    let elision = |t: &Annotation| {
        a.span_text(t.span).starts_with(APOSTROPHES) || a.span_text(t.span).ends_with(APOSTROPHES)
    };
    let not_a_name = |t: &Annotation| matches!(t.label.as_str(), "punct" | "symbol") || elision(t);

    // Entities: spans over whole tokens of one sentence, their text as stated, a known label,
    // and never only (nor starting or ending with) an elision or punctuation.
    assert!(spans_in_order(entities), "{who}: entities overlap or are out of order");
    for e in entities {
        assert!(on_text(e.span), "{who}: entity {:?} is not over the text", e.span);
        let text = a.span_text(e.span);
        assert!(LABELS.contains(&e.label.as_str()), "{who}: label {:?}", e.label);
        assert_eq!(e.value["text"], text, "{who}: entity text differs from its span");
        let (Some(first), Some(last)) = (by_start.get(&e.span.start), by_end.get(&e.span.end)) else {
            panic!("{who}: entity {text:?} cuts a token");
        };
        assert!(!not_a_name(first), "{who}: entity {text:?} starts with {:?}", a.span_text(first.span));
        assert!(!not_a_name(last), "{who}: entity {text:?} ends with {:?}", a.span_text(last.span));
        assert!(text.chars().any(char::is_alphanumeric), "{who}: entity {text:?} has no letter");
        let n = e.value["sentence"].as_u64().expect("sentence index") as usize;
        assert!(inside(e.span, sentences[n].span), "{who}: {text:?} is not inside sentence {n}");
    }
    entities.iter().map(|e| e.label.clone()).collect()
}

/// `storyline entities ID --json` says what the article's `entities` layer says.
fn check_entities_command(data: &Path, a: &Article) {
    let out = run_ok(storyline(data).args(["entities", &a.id, "--json"]));
    let listed = json_lines(&out);
    let layer: Vec<Value> = a.layers["entities"]
        .iter()
        .map(|e| {
            serde_json::json!({
                "text": a.span_text(e.span),
                "label": e.label,
                "start": e.span.start,
                "end": e.span.end,
                "sentence": e.value["sentence"],
            })
        })
        .collect();
    assert_eq!(listed, layer, "{}", a.id);
    // The readable table has a line per entity under its header.
    let table = run_ok(storyline(data).args(["entities", &a.id]));
    let lines = stdout(&table).lines().count();
    assert_eq!(lines, if layer.is_empty() { 0 } else { layer.len() + 1 }, "{}", stdout(&table));
}

#[test]
fn seeds_get_sentences_tokens_and_entities() {
    let Some(seeds) = seeds_dir() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    run_ok(storyline(data.path()).args(["ingest", "-q"]).arg(&seeds));
    let ids = ids(data.path());
    assert_eq!(ids.len(), 2);
    let mut labels = BTreeSet::new();
    for id in &ids {
        let a = stored_article(data.path(), id);
        labels.extend(check_layers(&a));
        check_entities_command(data.path(), &a);
    }
    // Two French news articles name people and places; if not, the French model did not load
    // (run `storyline -v ingest` to see why).
    assert!(labels.contains("PER") && labels.contains("LOC"), "labels found: {labels:?}");

    // Across the store, unresolved: groups by folded text and label, most mentioned first.
    let out = run_ok(storyline(data.path()).args(["entities", "--by-text", "--json", "--limit", "0"]));
    let groups = json_lines(&out);
    let mentions: Vec<u64> = groups.iter().map(|g| g["mentions"].as_u64().expect("mentions")).collect();
    assert!(mentions.windows(2).all(|w| w[0] >= w[1]), "{mentions:?}");
    let total: u64 = mentions.iter().sum();
    let layered: usize = ids.iter().map(|id| stored_article(data.path(), id).layers["entities"].len()).sum();
    assert_eq!(total, layered as u64);
    for g in &groups {
        assert!(g["articles"].as_u64().unwrap() <= g["mentions"].as_u64().unwrap());
        assert_eq!(g["folded"], storyline_store::fold(g["text"].as_str().unwrap()));
    }
    let out = run_ok(storyline(data.path()).args([
        "entities",
        "--by-text",
        "--json",
        "--label",
        "PER",
        "--limit",
        "3",
    ]));
    let per = json_lines(&out);
    assert!(!per.is_empty() && per.len() <= 3, "{per:?}");
    assert!(per.iter().all(|g| g["label"] == "PER"));

    // Resolved: every mention counted once, in one entity.
    let out = run_ok(storyline(data.path()).args(["entities", "--json", "--limit", "0"]));
    let entities = json_lines(&out);
    let resolved: u64 = entities.iter().map(|e| e["mentions"].as_u64().expect("mentions")).sum();
    assert_eq!(resolved, total);
    for e in &entities {
        let variants = e["variants"].as_object().expect("variants");
        assert!(variants.contains_key(e["canonical"].as_str().unwrap()), "{e}");
        let counted: u64 = variants.values().map(|c| c.as_u64().unwrap()).sum();
        assert_eq!(counted, e["mentions"].as_u64().unwrap(), "{e}");
    }
    // The two seeds name the same people and places, sometimes spelled differently: some
    // entity of each kind is mentioned in both, and some person under two spellings.
    for kind in ["PER", "LOC"] {
        assert!(entities.iter().any(|e| e["kind"] == kind && e["articles"] == 2), "{kind}: {entities:?}");
    }
    assert!(
        entities.iter().any(|e| e["kind"] == "PER" && e["variants"].as_object().unwrap().len() >= 2),
        "{entities:?}"
    );
    assert!(
        entities.iter().any(|e| e["kind"] == "LOC" && e["articles"] == 2 && e["place"]["lat"].is_f64()),
        "a place both articles name is geocoded: {entities:?}"
    );
}

/// Articles whose language has a model in the repository, with names in them.
fn write_news(dir: &Path) {
    let records = [
        (
            "en",
            "Angela Merkel met Emmanuel Macron in Berlin on Tuesday. The leaders of Germany and France \
                spoke about the European Union, NATO and the war in Ukraine.\n\n\
                Later, Macron flew to London to see the British prime minister.",
        ),
        (
            "fr",
            "Emmanuel Macron a reçu Olaf Scholz à l'Élysée mardi. Les deux dirigeants ont parlé de \
                l'Union européenne et de l'Ukraine.\n\n\
                Le président français se rendra ensuite à Berlin, d'après l'Agence France-Presse.",
        ),
        // No model for this language: sentences and tokens only.
        ("xx", "Zorbl fnark ipsum. Blarg vonk!\n\nSecond paragraph of nothing."),
    ];
    std::fs::create_dir_all(dir).unwrap();
    let lines: String = records
        .iter()
        .enumerate()
        .map(|(n, (lang, text))| {
            serde_json::json!({ "id": format!("n{n}"), "title": format!("News {n}"), "lang": lang, "text": text })
                .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dir.join("news.jsonl"), lines).unwrap();
}

fn snapshot(data: &Path) -> (Vec<(String, String)>, Vec<String>) {
    let store = Store::open_existing(data).expect("store");
    (store.article_json_by_id().expect("articles"), store.entity_rows_by_id().expect("entities"))
}

#[test]
fn analysing_again_gives_the_same_store() {
    let tmp = tempfile::tempdir().unwrap();
    let (input, data) = (tmp.path().join("in"), tmp.path().join("data"));
    write_news(&input);
    run_ok(storyline(&data).args(["ingest", "-q"]).arg(&input));
    let ingested = snapshot(&data);
    assert_eq!(ingested.0.len(), 3);
    assert!(!ingested.1.is_empty(), "no entity rows: did the en and fr models load?");
    for id in ids(&data) {
        let a = stored_article(&data, &id);
        check_layers(&a);
        check_entities_command(&data, &a);
        if a.meta.language.as_ref().is_some_and(|l| l.code == "xx") {
            assert!(a.layers["entities"].is_empty());
        }
    }

    let out = run_ok(storyline(&data).args(["analyse", "--all", "--json", "--batch", "2"]));
    let s: Value = serde_json::from_slice(&out.stdout).expect("summary");
    assert_eq!(s["analysed"], 3);
    assert_eq!(s["without_model"], 1);
    assert_eq!(s["entities"], ingested.1.len());
    assert_eq!(snapshot(&data), ingested, "analyse --all redoes what ingest did");
    run_ok(storyline(&data).args(["analyse", "--all", "-q"]));
    assert_eq!(snapshot(&data), ingested, "and doing it twice changes nothing");

    // By id; nothing is left unanalysed.
    let first = &ids(&data)[0];
    let out = run_ok(storyline(&data).args(["analyse", "--json", &first[..8]]));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["analysed"], 1);
    let out = run_ok(storyline(&data).args(["analyse", "--json"]));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["analysed"], 0);
    assert_eq!(snapshot(&data), ingested);

    // A wrong id fails before anything is written.
    let out = run(storyline(&data).args(["analyse", first, "0000000000000000"]));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stderr(&out).contains("0000000000000000"), "{}", describe(&out));
}

#[test]
fn a_store_from_before_the_stage_is_migrated_and_analysed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let meta = Metadata {
        title: Some("Stored by an older storyline".into()),
        language: Some(Language { code: "en".into(), confidence: 1.0, source: MetaSource::Container }),
        ..Metadata::default()
    };
    let text = "Angela Merkel met Emmanuel Macron in Berlin on Tuesday. They spoke about France.";
    let old = Article::from_paragraphs(Provenance::new("old.txt", None, text.as_bytes()), meta, [text]);
    {
        // Schema version 2: articles and ingest runs, no entities table.
        let v2 = Store::open_at_version(&data, 2).expect("a version-2 store");
        assert_eq!(v2.schema_version().unwrap(), 2);
    }
    // Written with plain SQL against the version 2 schema, as a build of then would have.
    let db = rusqlite::Connection::open(data.join(storyline_store::DB_FILE)).unwrap();
    db.execute(
        "INSERT INTO articles (id, content_hash, source, title, language, text, json)
         VALUES (?1, ?2, ?3, ?4, 'en', ?5, ?6)",
        rusqlite::params![
            old.id,
            old.provenance.content_hash,
            old.provenance.source,
            old.meta.title,
            old.text,
            serde_json::to_string(&old).unwrap()
        ],
    )
    .expect("stored as version 2 stored it");
    drop(db);
    // Any command brings the store up to date; the old article keeps its text and metadata.
    let before = stored_article(&data, &old.id);
    assert_eq!(before, old);
    assert!(Store::open_existing(&data).unwrap().schema_version().unwrap() > 2);
    let out = run_ok(storyline(&data).args(["entities", &old.id, "--json"]));
    assert!(stdout(&out).is_empty(), "not analysed yet");

    // `analyse` without arguments takes the articles never analysed.
    let out = run_ok(storyline(&data).args(["analyse", "--json"]));
    assert_eq!(serde_json::from_slice::<Value>(&out.stdout).unwrap()["analysed"], 1);
    let after = stored_article(&data, &old.id);
    assert_eq!((&after.text, &after.meta, &after.paragraphs), (&old.text, &old.meta, &old.paragraphs));
    let labels = check_layers(&after);
    assert!(!labels.is_empty(), "no entities: did the en model load?");
    check_entities_command(&data, &after);
}

#[test]
fn ner_json_gives_a_sentence_per_line() {
    let tmp = tempfile::tempdir().unwrap();
    let input = "Angela\nMerkel\nvisited\nParis\n.\n\n1\tHello\tO\n2\tworld\tO\n";
    let mut child = storyline(tmp.path())
        .args(["ner", "--lang", "en", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("storyline starts");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", describe(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 2, "{}", stdout(&out));
    assert_eq!(lines[0]["tokens"], serde_json::json!(["Angela", "Merkel", "visited", "Paris", "."]));
    assert_eq!(lines[1]["tokens"], serde_json::json!(["Hello", "world"]));
    for l in &lines {
        let tags = l["tags"].as_array().expect("tags");
        assert_eq!(tags.len(), l["tokens"].as_array().unwrap().len());
        for t in tags {
            let t = t.as_str().expect("tag");
            let label = t.strip_prefix("B-").or_else(|| t.strip_prefix("I-"));
            assert!(t == "O" || label.is_some_and(|l| LABELS.contains(&l)), "{t}");
        }
    }
}
