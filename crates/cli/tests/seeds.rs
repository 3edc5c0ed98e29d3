//! The product scenario's two articles (../shared/seeds): both ingest with their text free of
//! page furniture, the first dated 2022-01 at month precision, both in French.
//!
//! The checks below look for each kind of furniture the scenario lists by its shape, so they
//! would catch any article that still carried it; the extractor itself knows none of them.

mod common;

use common::*;

fn furniture_in(paragraph: &str) -> Option<&'static str> {
    let p = paragraph.trim();
    if !p.chars().any(char::is_alphabetic) {
        return Some("a paragraph without letters (a video timestamp)");
    }
    if p.contains("(Photo") {
        return Some("a photo credit");
    }
    if p.split_whitespace().count() <= 4 && !p.ends_with(['.', '?', '!', '"', '»']) && p.contains("suite") {
        return Some("a 'read more' link");
    }
    if p.ends_with("abonne") || p.starts_with("Publicité") {
        return Some("a subscription prompt or advertising label");
    }
    // Agency captions are one sentence closing on a full date; article sentences rarely are.
    if p.split(". ").count() == 1 && storyline_extract::dates::date_at_end(p).is_some() {
        return Some("a dated photo caption");
    }
    None
}

#[test]
fn seeds_ingest_clean_dated_and_in_french() {
    let Some(seeds) = seeds_dir() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let out = run(storyline(data.path()).arg("ingest").arg("-q").arg(&seeds));
    assert!(out.status.success(), "{}", describe(&out));

    let out = run(storyline(data.path()).args(["articles", "--json"]));
    assert!(out.status.success(), "{}", describe(&out));
    let listed: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(listed.len(), 2, "{}", stdout(&out));

    let (mut month_dated, mut inferred) = (0, 0);
    for entry in &listed {
        let id = entry["id"].as_str().expect("id");
        let out = run(storyline(data.path()).args(["article", id, "--json"]));
        assert!(out.status.success(), "{}", describe(&out));
        let article: storyline_doc::Article = serde_json::from_slice(&out.stdout).expect("article JSON");
        let language = article.meta.language.as_ref().expect("language identified");
        assert_eq!(language.code, "fr", "{}", article.provenance.source);
        for p in article.paragraph_texts() {
            assert_eq!(furniture_in(p), None, "{}: {p}", article.provenance.source);
        }
        assert!(article.paragraphs.len() >= 10, "article text kept: {}", article.text);
        let published = article.meta.published.as_ref().expect("dated, or dated from its story");
        if published.source == storyline_doc::MetaSource::Inferred {
            // The other seed says only the month; its text names the day it is written from.
            assert_eq!(published.precision, storyline_doc::Precision::Day);
            assert!(published.date.to_string().starts_with("2022-01-"), "{}", published.date);
            inferred += 1;
        } else {
            assert_eq!(published.date.to_string(), "2022-01");
            assert_eq!(published.precision, storyline_doc::Precision::Month);
            month_dated += 1;
        }
    }
    assert_eq!((month_dated, inferred), (1, 1), "one seed states a date, the other takes it from the story");
}
