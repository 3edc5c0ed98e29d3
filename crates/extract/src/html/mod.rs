//! Article extraction from HTML pages: main text as paragraphs, and metadata.
//!
//! The page is tokenized and built into a compact arena tree in one pass ([`tree`]), its
//! visible text cut into blocks ([`blocks`]), the article's container found by scoring
//! ([`content`]), and the metadata read from meta tags, JSON-LD, markup and the URL.

mod blocks;
mod content;
mod dates;
mod entity;
mod hints;
mod jsonld;
mod meta;
mod tag;
mod tokenize;
mod tree;

use crate::Extracted;
use tree::Dom;

/// Below this many characters, the strict reading of the page is taken to have missed the
/// article, and a relaxed one is tried.
const MIN_ARTICLE_CHARS: usize = 250;

/// Canonical composition, so that the same word is the same string whichever form the page
/// wrote it in; most text already is, and is left untouched.
fn nfc(s: &mut String) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        *s = s.nfc().collect();
    }
}

fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

/// Extracts the article of an HTML page. `url` helps with relative links and URL dates.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let dom = Dom::parse(html);
    let blocks = blocks::collect(&dom, true);
    let container = content::container(&dom, &blocks);
    let (meta, ld) = meta::metadata(&dom, url, &blocks, container);
    let title = meta.title.as_deref();
    let mut paragraphs = content::paragraphs(&dom, &blocks, container, title);
    // A short text in an element named as the article body is a short article, not a miss.
    if chars(&paragraphs) < MIN_ARTICLE_CHARS && !blocks.content_nodes.contains(&container) {
        let relaxed = blocks::collect(&dom, false);
        let container = content::container(&dom, &relaxed);
        let found = content::paragraphs(&dom, &relaxed, container, title);
        if chars(&found) > chars(&paragraphs) {
            paragraphs = found;
        }
    }
    // The JSON-LD copy of the text is clean but often cut short; it wins only when it holds
    // much more than the page's markup gave.
    if let Some(body) = ld.and_then(|l| l.body) {
        let from_ld: Vec<String> = body
            .split('\n')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        if chars(&from_ld) > 2 * chars(&paragraphs) {
            paragraphs = from_ld;
        }
    }
    if paragraphs.is_empty()
        && let Some(d) = &meta.description
    {
        paragraphs.push(d.clone());
    }
    for p in &mut paragraphs {
        nfc(p);
    }
    Extracted { meta, paragraphs }
}
