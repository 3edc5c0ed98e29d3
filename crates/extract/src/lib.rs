//! The extract stage: from a [`RawDocument`] to an [`Article`] with title, paragraphs,
//! dates, authors, site, canonical URL and language.

pub mod html;

pub use html::extract_html;
use std::fmt;
use storyline_doc::{Article, Metadata, RawDocument};

/// What extraction finds in one page, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub meta: Metadata,
    pub paragraphs: Vec<String>,
}

/// Extraction found no article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoText;

impl fmt::Display for NoText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no article text found")
    }
}

impl std::error::Error for NoText {}

/// Extracts the article from a raw document of any body kind, merging container hints.
pub fn extract(raw: &RawDocument) -> Result<Article, NoText> {
    let _ = raw;
    Err(NoText)
}
