//! Human-readable views of stored things, shared by the commands that show them.

use std::fmt::Write;
use storyline_doc::Article;

/// An article as a person reads it: a header of metadata, then the paragraphs.
pub fn article(a: &Article) -> String {
    let m = &a.meta;
    let mut out = String::new();
    let _ = writeln!(out, "{}", m.title.as_deref().unwrap_or("(no title)"));
    let _ = writeln!(out, "  id        {}", a.id);
    let _ = writeln!(out, "  source    {}", a.provenance.locator());
    if let Some(d) = &m.published {
        let _ = writeln!(out, "  published {} ({:?} precision, from {:?})", d.date, d.precision, d.source);
    }
    if let Some(d) = &m.modified {
        let _ = writeln!(out, "  modified  {} ({:?} precision, from {:?})", d.date, d.precision, d.source);
    }
    if !m.authors.is_empty() {
        let _ = writeln!(out, "  authors   {}", m.authors.join(", "));
    }
    for (label, value) in [("site", &m.site), ("url", &m.url), ("canonical", &m.canonical_url)] {
        if let Some(v) = value {
            let _ = writeln!(out, "  {label:<9} {v}");
        }
    }
    if let Some(l) = &m.language {
        let _ = writeln!(out, "  language  {} (confidence {:.2}, from {:?})", l.code, l.confidence, l.source);
    }
    out.push('\n');
    for p in a.paragraph_texts() {
        let _ = writeln!(out, "{p}\n");
    }
    out
}
