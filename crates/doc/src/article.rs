//! The article: the one document type every stage reads and annotates.

use crate::date::PartialDateTime;
use crate::provenance::Provenance;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ops::Range;

/// Where a piece of metadata was found, so a reader of the output can weigh it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetaSource {
    /// Stated by the container: a JSON Lines field, a feed item, front matter, a text header.
    Container,
    /// An HTML `<meta>` tag (Open Graph, Dublin Core, article:*, ...).
    MetaTag,
    /// schema.org JSON-LD.
    JsonLd,
    /// An HTML `<time>` element or microdata `itemprop`.
    Markup,
    /// The URL path (`/2022/01/06/...`).
    Url,
    /// The visible text of the page.
    Text,
    /// Borrowed from the story the article belongs to.
    Inferred,
    /// Guessed from the text by a statistical model (language identification).
    Model,
}

/// A date and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedBy {
    pub date: PartialDateTime,
    /// Redundant with `date` but spelled out, so that JSON consumers need not parse.
    pub precision: crate::date::Precision,
    pub source: MetaSource,
}

impl DatedBy {
    pub fn new(date: PartialDateTime, source: MetaSource) -> Self {
        DatedBy { precision: date.precision(), date, source }
    }
}

/// The article's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (`fr`), else ISO 639-3.
    pub code: String,
    /// 0..=1; 1 for a declared language that the text does not contradict.
    pub confidence: f32,
    pub source: MetaSource,
}

/// Everything known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// First publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<DatedBy>,
    /// Last modification, kept apart from first publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DatedBy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The URL the document was found at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The URL the page declares as its own (`<link rel=canonical>`, `og:url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A half-open byte range over [`Article::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// One annotation of a layer: a span, a label, and whatever structured value the stage adds
/// (a normalised date, a resolved entity id, a count with its range).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub span: Span,
    pub label: String,
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub value: serde_json::Value,
}

/// An article flowing through the pipeline. Stages add metadata and annotation layers; none
/// rewrites `text`, so every span stays valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the first 16 hex digits of the content hash.
    pub id: String,
    pub provenance: Provenance,
    pub meta: Metadata,
    /// The main text, paragraphs separated by a blank line (`\n\n`).
    pub text: String,
    /// One span per paragraph over `text`, in order.
    pub paragraphs: Vec<Span>,
    /// Annotation layers by name (`sentences`, `tokens`, `entities`, `timex`, ...), each in
    /// text order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub layers: BTreeMap<String, Vec<Annotation>>,
}

/// Length of the hex prefix of the content hash used as article id.
pub const ID_LEN: usize = 16;

impl Article {
    /// Builds an article from its paragraphs, which are trimmed; empty ones are dropped.
    pub fn from_paragraphs<S: AsRef<str>>(
        provenance: Provenance,
        meta: Metadata,
        paragraphs: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut text = String::new();
        let mut spans = Vec::new();
        for p in paragraphs {
            let p = p.as_ref().trim();
            if p.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(p);
            spans.push(Span::new(start, text.len()));
        }
        let id = provenance.content_hash.chars().take(ID_LEN).collect();
        Article { id, provenance, meta, text, paragraphs: spans, layers: BTreeMap::new() }
    }

    /// The paragraphs' text, in order.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = &str> {
        self.paragraphs.iter().map(|s| &self.text[s.range()])
    }

    pub fn span_text(&self, span: Span) -> &str {
        &self.text[span.range()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Precision;

    #[test]
    fn paragraphs_are_spans_over_the_text() {
        let prov = Provenance::new("a.txt", None, b"raw");
        let a =
            Article::from_paragraphs(prov, Metadata::default(), ["  Premier.  ", "", "Second paragraphe."]);
        assert_eq!(a.text, "Premier.\n\nSecond paragraphe.");
        assert_eq!(a.paragraph_texts().collect::<Vec<_>>(), ["Premier.", "Second paragraphe."]);
        assert_eq!(a.id.len(), ID_LEN);
    }

    #[test]
    fn json_round_trip_keeps_date_precision() {
        let prov = Provenance::new("a.txt", None, b"raw");
        let meta = Metadata {
            published: Some(DatedBy::new(PartialDateTime::month(2022, 1).unwrap(), MetaSource::Container)),
            ..Metadata::default()
        };
        let a = Article::from_paragraphs(prov, meta, ["Texte."]);
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["meta"]["published"]["date"], "2022-01");
        assert_eq!(json["meta"]["published"]["precision"], "month");
        let back: Article = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
        assert_eq!(back.meta.published.unwrap().date.precision(), Precision::Month);
    }
}
