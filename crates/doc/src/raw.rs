//! What a reader hands to extraction: one undigested document with whatever metadata its
//! container already stated (a JSON Lines field, a feed item's date, a text file's header).

use crate::provenance::Provenance;
use serde::{Deserialize, Serialize};

/// The body of a raw document, decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "content")]
pub enum Body {
    /// A web page, whose article is still to be found.
    Html(String),
    /// Plain text, paragraphs separated by blank lines, possibly with page furniture left in.
    Text(String),
}

/// Metadata stated by the container, before extraction. Strings are kept as found; the
/// extract stage parses and validates them, and prefers them to what it finds in the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date as the container wrote it (ISO 8601, RFC 2822, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Outlet or site name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Language code (ISO 639-1) as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Short description or summary (feed items).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One document as read, before extraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    pub provenance: Provenance,
    pub body: Body,
    #[serde(default)]
    pub hints: Hints,
}
