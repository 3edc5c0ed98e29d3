//! Where a document came from, precisely enough to find it again.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// A place inside a source: which line, record or byte a document (or an error) starts at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "at")]
pub enum Position {
    /// 1-based line of a line-oriented file (JSON Lines).
    Line(u64),
    /// 0-based byte offset into the (decompressed) stream: WARC records, broken bytes.
    Byte(u64),
    /// 1-based item of a feed or entry of an archive.
    Item(u64),
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line(n) => write!(f, "line {n}"),
            Position::Byte(n) => write!(f, "byte {n}"),
            Position::Item(n) => write!(f, "item {n}"),
        }
    }
}

/// Provenance of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// File path as given (or found under a folder), URL, or `-` for standard input.
    pub source: String,
    /// Where in the source the document starts, when the source holds more than one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// When the document was fetched or read, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// SHA-256 (hex) of the document's raw bytes as read: the identity used for idempotent ingest.
    pub content_hash: String,
}

impl Provenance {
    pub fn new(source: impl Into<String>, position: Option<Position>, raw: &[u8]) -> Self {
        Provenance { source: source.into(), position, fetched_at: None, content_hash: content_hash(raw) }
    }

    /// `file.jsonl:line 17`, or just the source when there is no position.
    pub fn locator(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{p}", self.source),
            None => self.source.clone(),
        }
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn locator_names_the_position() {
        let p = Provenance::new("feed.jsonl", Some(Position::Line(17)), b"{}");
        assert_eq!(p.locator(), "feed.jsonl:line 17");
    }
}
