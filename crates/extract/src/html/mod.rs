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

/// Extracts the article of an HTML page. `url` helps with relative links and URL dates.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let dom = Dom::parse(html);
    let blocks = blocks::collect(&dom);
    let container = content::container(&dom, &blocks);
    let (meta, _ld) = meta::metadata(&dom, url, &blocks, container);
    let paragraphs = content::paragraphs(&dom, &blocks, container, meta.title.as_deref());
    Extracted { meta, paragraphs }
}

#[doc(hidden)]
pub fn debug_chain(html: &str, needle: &str) {
    let dom = Dom::parse(html);
    let b = blocks::collect(&dom);
    eprintln!("nodes {} blocks {}", dom.nodes.len(), b.blocks.len());
    fn show(dom: &Dom, id: tree::NodeId, depth: usize) {
        if depth > 14 { return; }
        for c in dom.children(id) {
            if dom.tag(c) != tag::Tag::Text {
                eprintln!("{}{c} {:?} {:?} {:?}", "  ".repeat(depth), dom.tag(c), dom.attr_raw(c, "class"), hints::hint(dom, c));
                show(dom, c, depth + 1);
            }
        }
    }
    let c = content::container(&dom, &b);
    eprintln!("container {c} {:?} {:?}", dom.tag(c), dom.attr_raw(c, "class"));
    if !needle.is_empty() {
        for bl in &b.blocks {
            eprintln!("[{} {:?} v={:.0}] {}", bl.owner, bl.kind, content::value(bl), bl.text.chars().take(100).collect::<String>());
        }
        return;
    }
    show(&dom, tree::ROOT, 0);
}
