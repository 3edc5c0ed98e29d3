//! Format sniffing from the first bytes of a (decompressed) stream, its name and its HTTP
//! content type. Content wins where it is unambiguous; the name breaks ties.

use crate::Format;

/// How many bytes of a stream are looked at.
pub(crate) const SNIFF_BYTES: usize = 8 * 1024;

pub(crate) fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// The outcome of sniffing: a format, or the reason the content is not one.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Format(Format),
    /// Looks like binary data; the offset of the first telling byte.
    Binary(u64),
}

/// File-name extension(s) with a trailing `.gz` removed, lower-cased: `page.HTML.gz` → `html`.
pub(crate) fn extension(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name).to_ascii_lowercase();
    let base = base.strip_suffix(".gz").unwrap_or(&base);
    let (_, ext) = base.rsplit_once('.')?;
    Some(ext.to_string())
}

fn format_from_extension(ext: &str) -> Option<Format> {
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
        "rss" | "atom" | "rdf" | "xml" => Format::Feed,
        "warc" | "arc" => Format::Warc,
        "txt" | "text" | "md" | "markdown" => Format::Text,
        _ => return None,
    })
}

fn format_from_content_type(ct: &str) -> Option<Format> {
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    Some(match mime.as_str() {
        "text/html" | "application/xhtml+xml" => Format::Html,
        "application/rss+xml"
        | "application/atom+xml"
        | "application/rdf+xml"
        | "application/xml"
        | "text/xml" => Format::Feed,
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => Format::Jsonl,
        "application/warc" => Format::Warc,
        "text/plain" => Format::Text,
        _ => return None,
    })
}

/// Lower-cased, BOM-stripped, UTF-16-transcoded view of the head for sniffing.
fn sniff_view(head: &[u8]) -> Vec<u8> {
    if let Some((enc, len)) = crate::encoding::bom(head) {
        if enc == encoding_rs::UTF_8 {
            return head[len..].to_ascii_lowercase();
        }
        let (text, _, _) = enc.decode(head);
        return text.as_bytes().to_ascii_lowercase();
    }
    head.to_ascii_lowercase()
}

/// Whether bytes look like binary data rather than text in some encoding: a NUL byte, or
/// many control characters (a legacy encoding never uses C0 controls for letters).
fn binary_offset(head: &[u8]) -> Option<u64> {
    if crate::encoding::bom(head).is_some() {
        return None;
    }
    if let Some(i) = memchr::memchr(0, head) {
        return Some(i as u64);
    }
    let controls =
        head.iter().filter(|b| **b < 0x20 && !matches!(**b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).count();
    (controls * 10 > head.len()).then(|| {
        head.iter().position(|b| *b < 0x20 && !matches!(*b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)).unwrap_or(0)
            as u64
    })
}

pub(crate) fn looks_like_html(lower: &[u8]) -> bool {
    let start = lower.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(lower.len());
    let view = &lower[start..lower.len().min(start + 2048)];
    view.starts_with(b"<!doctype html")
        || view.starts_with(b"<html")
        || view.starts_with(b"<head")
        || view.starts_with(b"<body")
        || (view.starts_with(b"<") && {
            let f = |n: &[u8]| memchr::memmem::find(view, n).is_some();
            f(b"<html") || f(b"<!doctype html") || f(b"<body") || f(b"<head")
        })
}

/// Sniffs the format of a stream from its first bytes, its name and its content type.
pub(crate) fn sniff(head: &[u8], name: Option<&str>, content_type: Option<&str>) -> Sniffed {
    let lower = sniff_view(head);
    let start = lower.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(lower.len());
    let view = &lower[start..];
    let hinted = name
        .and_then(extension)
        .and_then(|e| format_from_extension(&e))
        .or_else(|| content_type.and_then(format_from_content_type));

    if view.starts_with(b"warc/") {
        return Sniffed::Format(Format::Warc);
    }
    if view.starts_with(b"<") {
        let has = |n: &[u8]| memchr::memmem::find(view, n).is_some();
        if looks_like_html(view) {
            return Sniffed::Format(Format::Html);
        }
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Sniffed::Format(Format::Feed);
        }
        if view.starts_with(b"<?xml") {
            // Some XML that is not a feed: the feed reader will say what its root is, unless
            // the name or the server says otherwise.
            return Sniffed::Format(hinted.unwrap_or(Format::Feed));
        }
        return Sniffed::Format(hinted.unwrap_or(Format::Html));
    }
    if view.starts_with(b"{") {
        return Sniffed::Format(Format::Jsonl);
    }
    if let Some(at) = binary_offset(head) {
        return Sniffed::Binary(at);
    }
    Sniffed::Format(hinted.unwrap_or(Format::Text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        let f = |h: &[u8]| sniff(h, None, None);
        assert_eq!(f(b"WARC/1.0\r\n"), Sniffed::Format(Format::Warc));
        assert_eq!(f(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"), Sniffed::Format(Format::Feed));
        assert_eq!(f(b"<?xml version=\"1.0\"?><feed xmlns="), Sniffed::Format(Format::Feed));
        assert_eq!(f(b"<?xml version=\"1.0\"?><rdf:RDF"), Sniffed::Format(Format::Feed));
        assert_eq!(f(b"\xef\xbb\xbf  <!DOCTYPE html><html>"), Sniffed::Format(Format::Html));
        assert_eq!(f(b"<!-- x --><html lang=fr>"), Sniffed::Format(Format::Html));
        assert_eq!(f(b"{\"text\": \"a\"}\n{\"text\": \"b\"}"), Sniffed::Format(Format::Jsonl));
        assert_eq!(f(b" date 2022-01 Des v\xc3\xa9hicules"), Sniffed::Format(Format::Text));
        assert_eq!(f(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Sniffed::Binary(8));
    }

    #[test]
    fn name_breaks_ties() {
        assert_eq!(sniff(b"plain words", Some("a/b.HTML.gz"), None), Sniffed::Format(Format::Html));
        assert_eq!(sniff(b"<b>bold</b> words", Some("notes.txt"), None), Sniffed::Format(Format::Text));
        assert_eq!(sniff(b"words", None, Some("application/rss+xml")), Sniffed::Format(Format::Feed));
        assert_eq!(extension("x/y.warc.gz").as_deref(), Some("warc"));
    }
}
