//! Invented articles and briefs.

use crate::render::{escape, html, markdown, range};
use crate::summary::summarise;
use crate::*;
use storyline_doc::{Annotation, Language, MetaSource, Metadata, Provenance, Span};

/// An English article whose paragraphs are its sentences.
fn article(name: &str, sentences: &[&str]) -> Article {
    let meta = Metadata {
        site: Some(name.into()),
        language: Some(Language { code: "en".into(), confidence: 1.0, source: MetaSource::Container }),
        ..Metadata::default()
    };
    let mut a = Article::from_paragraphs(
        Provenance::new(name, None, sentences.join("|").as_bytes()),
        meta,
        sentences,
    );
    let spans = a
        .paragraphs
        .iter()
        .map(|&span| Annotation { span, label: "sentence".into(), value: serde_json::Value::Null })
        .collect();
    a.layers.insert("sentences".into(), spans);
    a
}

fn outlet_of(a: &Article) -> String {
    a.meta.site.clone().unwrap_or_default()
}

#[test]
fn the_summary_cites_every_sentence_skips_captions_and_tells_a_repeated_fact_once() {
    let fact = "The harbour authority closed the northern pier after the storm damaged its cranes on Friday.";
    let a = article(
        "Tidings",
        &[
            fact,
            "Workers began clearing debris from the northern pier while engineers inspected the cranes.",
            "A crane lies on the quay (Photo: Staff)",
        ],
    );
    let b = article(
        "Ledger",
        &[
            fact,
            "Shipping companies said the closure of the northern pier would delay deliveries for a week.",
            "Subscribe to our newsletter",
        ],
    );
    let summary = summarise(&[&a, &b], outlet_of);
    assert!(summary.len() >= 2, "{summary:#?}");
    assert_eq!(summary.iter().filter(|s| s.text == fact).count(), 1);
    for s in &summary {
        assert!(!s.text.contains("Photo") && !s.text.contains("Subscribe"), "{s:?}");
        let source = [&a, &b].into_iter().find(|x| x.id == s.article).expect("cites its article");
        assert_eq!(source.span_text(s.span), s.text);
        assert_eq!(s.outlet, outlet_of(source));
    }
}

#[test]
fn a_brief_without_events_still_has_its_sources_and_renders_escaped() {
    let mut a = article(
        "Tidings <North>",
        &["The \"new\" bridge over the river opened to traffic on a cold morning."],
    );
    a.meta.title = Some("Bridge <opens> & traffic flows".into());
    let b = brief("7", &[a], &ResolvedEntities::default());
    assert_eq!(b.headline.what, "News");
    assert!(b.timeline.is_empty() && b.disagreements.is_empty());
    assert_eq!(b.sources.len(), 1);
    let page = html(&b);
    assert!(page.contains("Bridge &lt;opens&gt; &amp; traffic flows"), "{page}");
    assert!(page.contains("Tidings &lt;North&gt;") && !page.contains("<North>"));
    assert!(page.contains("&quot;new&quot;"));
    assert!(markdown(&b).contains("No disagreement found"));
    assert_eq!(escape("<a href='x'>"), "&lt;a href=&#39;x&#39;&gt;");
}

#[test]
fn ranges_read_as_a_point_a_span_or_an_open_bound() {
    assert_eq!(range(Some(8.0), Some(8.0)), "8");
    assert_eq!(range(Some(20.0), Some(99.0)), "20–99");
    assert_eq!(range(Some(15.0), None), "15+");
    assert_eq!(range(None, None), "");
}

#[test]
fn the_sentence_span_of_the_summary_lies_in_its_article() {
    let a = article(
        "Tidings",
        &["Rescue teams searched the flooded valley for missing hikers throughout the night."],
    );
    let s = summarise(&[&a], outlet_of);
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].span, Span::new(0, a.text.len()));
}
