//! RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom feeds: each item or entry becomes a document.
//!
//! The parser streams: only the item being read is held in memory. Items that carry no
//! content (a title and a link only) are yielded as [`FeedItem`]s without a body; fetching
//! the linked page is the seam where a crawler plugs in ([`read_feed_items`]).

use crate::io_util::{BUF_SIZE, DecodeReader, Recorder};
use crate::{Ctx, ReadError, ReadOptions, encoding};
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufRead, BufReader};
use storyline_doc::{Body, Hints, Position, Provenance, RawDocument};

/// One feed item or entry, before its article is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Position `Item(n)`, content hash over the item's XML text.
    pub provenance: Provenance,
    pub hints: Hints,
    /// The item's content (`content:encoded`, Atom `content`, `description`, `summary`);
    /// `None` when the item only links to its article.
    pub body: Option<Body>,
}

impl FeedItem {
    /// The item as a document, or an error naming the item when it has no content to read.
    pub fn into_document(self) -> Result<RawDocument, ReadError> {
        match self.body {
            Some(body) => Ok(RawDocument { provenance: self.provenance, body, hints: self.hints }),
            None => Err(ReadError {
                message: format!(
                    "item has no content (title and link only); its linked page{} is not fetched by the feed reader",
                    self.hints.url.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
                ),
                source: self.provenance.source,
                position: self.provenance.position,
            }),
        }
    }
}

/// Reads a feed's items, content or not: the entry point for a crawler that fetches the
/// pages of link-only items. Items that fail to parse are errors; the rest go on.
pub fn read_feed_items(
    input: &crate::Input,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<FeedItem, ReadError>> + Send> {
    match crate::open(input, options) {
        Ok(opened) => Box::new(FeedReader::new(opened.ctx, opened.reader, &opened.head)),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

type Stream = Recorder<BufReader<DecodeReader<Box<dyn BufRead + Send>>>>;

/// Prefixes whose elements we read; others (`media:`, `itunes:`, ...) reuse names such as
/// `content` and `title` for other things.
const KNOWN_PREFIXES: &[&str] = &["", "atom", "a", "dc", "dcterms", "content", "rss", "rdf"];

/// A direct child of an item (or of the channel) whose text is being collected.
struct Field {
    local: String,
    /// Stack depth of the field's own element.
    depth: usize,
    text: String,
    /// Offset in the recording just after the field's start tag.
    raw_start: usize,
    has_children: bool,
    attrs: Vec<(String, String)>,
    /// Inside an Atom `<author><name>`.
    in_name: bool,
    name_text: String,
}

#[derive(Default)]
struct Item {
    n: u64,
    depth: usize,
    hints: Hints,
    encoded: Option<String>,
    content: Option<(String, Option<String>)>,
    description: Option<String>,
    summary: Option<String>,
    alternate_link: Option<String>,
    about: Option<String>,
    guid_link: Option<String>,
    oversize: bool,
}

pub(crate) struct FeedReader {
    ctx: Ctx,
    xml: quick_xml::Reader<Stream>,
    buf: Vec<u8>,
    stack: Vec<String>,
    site: Option<String>,
    language: Option<String>,
    item: Option<Item>,
    field: Option<Field>,
    items: u64,
    saw_root: bool,
    done: bool,
}

fn split_name(qname: &str) -> (&str, &str) {
    match qname.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", qname),
    }
}

fn attrs_of(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let v = a
                .normalized_value(XmlVersion::Implicit1_0)
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (a.key.0.to_string(), v)
        })
        .collect()
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Entities beyond XML's five that feeds use although XML does not define them.
fn resolve_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "copy" => "©",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        _ => return None,
    })
}

/// Whether a feed field holds markup (`<p>`, `<br/>`, `</div>`) rather than plain text.
pub(crate) fn looks_like_markup(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        (next.is_ascii_alphabetic() || next == b'/' || next == b'!')
            && memchr::memchr(b'>', &b[i..]).is_some()
    })
}

impl FeedReader {
    pub fn new(ctx: Ctx, reader: Box<dyn BufRead + Send>, head: &[u8]) -> Self {
        let enc = encoding::feed_encoding(head, ctx.http_charset());
        let decoded = BufReader::with_capacity(BUF_SIZE, DecodeReader::new(reader, enc));
        let mut xml = quick_xml::Reader::from_reader(Recorder { inner: decoded, rec: Vec::new() });
        // Feeds in the wild have stray `&`s; failing the whole feed for one would lose it.
        xml.config_mut().allow_dangling_amp = true;
        FeedReader {
            ctx,
            xml,
            buf: Vec::new(),
            stack: Vec::new(),
            site: None,
            language: None,
            item: None,
            field: None,
            items: 0,
            saw_root: false,
            done: false,
        }
    }

    fn fail(&mut self, at: u64, msg: String) -> Option<Result<FeedItem, ReadError>> {
        self.done = true;
        self.warn_if_lossy();
        Some(Err(self.ctx.err(Some(Position::Byte(at)), msg)))
    }

    fn warn_if_lossy(&self) {
        if self.xml.get_ref().inner.get_ref().replaced {
            self.ctx
                .warn(None, "the feed has bytes that are not valid in its encoding: replaced with U+FFFD");
        }
    }

    fn rec(&mut self) -> &mut Vec<u8> {
        &mut self.xml.get_mut().rec
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        let qname = e.name().0.to_string();
        let (prefix, local) = split_name(&qname);
        let (prefix, local) = (prefix.to_string(), local.to_string());
        if !self.saw_root {
            if !matches!(local.as_str(), "rss" | "RDF" | "feed") {
                return Err(format!("not an RSS or Atom feed: the root element is <{qname}>"));
            }
            self.saw_root = true;
        }
        let depth = self.stack.len() + 1;
        if !empty {
            self.stack.push(qname.clone());
        }
        if depth == 1 {
            // Atom's feed-wide language.
            self.language = attr(&attrs_of(e), "xml:lang").map(str::to_string);
            return Ok(());
        }
        if let Some(f) = self.field.as_mut() {
            f.has_children = true;
            if f.local == "author" && local == "name" && !empty {
                f.in_name = true;
            }
            return Ok(());
        }
        let known = KNOWN_PREFIXES.contains(&prefix.as_str());
        match self.item.as_mut() {
            None if known && (local == "item" || local == "entry") => {
                self.items += 1;
                let attrs = attrs_of(e);
                let mut item = Item { n: self.items, depth, ..Item::default() };
                item.about = attr(&attrs, "rdf:about").map(str::to_string);
                self.item = Some(item);
            }
            None => {
                let parent = self.stack.get(depth.saturating_sub(2)).map(|p| split_name(p).1.to_string());
                let in_channel = matches!(parent.as_deref(), Some("channel" | "feed"));
                if in_channel && known && !empty && matches!(local.as_str(), "title" | "language") {
                    let raw_start = self.xml.get_ref().rec.len();
                    self.field = Some(Field::new(local, depth, raw_start, Vec::new()));
                }
            }
            Some(item) if depth == item.depth + 1 && known && !item.oversize => {
                let attrs = attrs_of(e);
                if empty {
                    if local == "link" {
                        take_atom_link(item, &attrs);
                    }
                } else {
                    let raw_start = self.xml.get_ref().rec.len();
                    self.field = Some(Field::new(local, depth, raw_start, attrs));
                }
            }
            Some(_) => {}
        }
        Ok(())
    }

    fn end_field(&mut self) {
        let Some(f) = self.field.take() else { return };
        let rec = &self.xml.get_ref().rec;
        let value = if f.has_children {
            let inner = rec.get(f.raw_start..).unwrap_or(&[]);
            let end = memchr::memmem::rfind(inner, b"</").unwrap_or(inner.len());
            String::from_utf8_lossy(&inner[..end]).trim().to_string()
        } else {
            f.text.trim().to_string()
        };
        let Some(item) = self.item.as_mut() else {
            match f.local.as_str() {
                "title" if self.site.is_none() && !value.is_empty() => self.site = Some(value),
                "language" if self.language.is_none() && !value.is_empty() => self.language = Some(value),
                _ => {}
            }
            return;
        };
        let h = &mut item.hints;
        let set = |slot: &mut Option<String>, v: String| {
            if slot.is_none() && !v.is_empty() {
                *slot = Some(v);
            }
        };
        match f.local.as_str() {
            "title" => set(&mut h.title, value),
            "link" => {
                if let Some(href) = attr(&f.attrs, "href") {
                    let href = href.to_string();
                    take_atom_link(item, &[("href".into(), href)]);
                } else {
                    set(&mut h.url, value);
                }
            }
            "guid" => {
                let permalink = attr(&f.attrs, "isPermaLink").is_none_or(|v| v != "false");
                if permalink && (value.starts_with("http://") || value.starts_with("https://")) {
                    item.guid_link = Some(value.clone());
                }
                set(&mut h.id, value);
            }
            "id" | "identifier" => set(&mut h.id, value),
            "pubDate" | "published" | "issued" | "date" | "created" => set(&mut h.published, value),
            "updated" | "modified" | "lastBuildDate" => set(&mut h.modified, value),
            "author" | "creator" => {
                let name = if f.name_text.trim().is_empty() { value } else { f.name_text.trim().to_string() };
                if !name.is_empty() && !h.authors.contains(&name) {
                    h.authors.push(name);
                }
            }
            "language" => set(&mut h.language, value),
            "encoded" => set(&mut item.encoded, value),
            "content" if item.content.is_none() && attr(&f.attrs, "src").is_none() && !value.is_empty() => {
                item.content = Some((value, attr(&f.attrs, "type").map(str::to_string)));
            }
            "description" => set(&mut item.description, value),
            "summary" => set(&mut item.summary, value),
            _ => {}
        }
    }

    fn end_item(&mut self) -> Result<FeedItem, ReadError> {
        let mut item = self.item.take().unwrap_or_default();
        let raw = std::mem::take(self.rec());
        let pos = Some(Position::Item(item.n));
        if item.oversize {
            return Err(self.ctx.err(
                pos,
                format!(
                    "item is larger than the {}-byte document limit (max_document_bytes); skipped",
                    self.ctx.opts.max_document_bytes
                ),
            ));
        }
        let raw = trim_ascii(&raw);
        let mut hints = std::mem::take(&mut item.hints);
        if hints.url.is_none() {
            hints.url = item.alternate_link.take().or(item.guid_link.take()).or(item.about.take());
        }
        hints.site = self.site.clone();
        if hints.language.is_none() {
            hints.language = self.language.clone();
        }
        hints.description = item.description.clone().or(item.summary.clone());
        let body = if let Some(html) = item.encoded.take() {
            Some(Body::Html(html))
        } else if let Some((content, kind)) = item.content.take() {
            let markup = match kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
                Some("html" | "xhtml" | "text/html" | "application/xhtml+xml") => true,
                Some("text" | "text/plain") => false,
                _ => looks_like_markup(&content),
            };
            Some(if markup { Body::Html(content) } else { Body::Text(content) })
        } else {
            item.description
                .or(item.summary)
                .map(|d| if looks_like_markup(&d) { Body::Html(d) } else { Body::Text(d) })
        };
        Ok(FeedItem { provenance: self.ctx.provenance(pos, raw), hints, body })
    }
}

impl Field {
    fn new(local: String, depth: usize, raw_start: usize, attrs: Vec<(String, String)>) -> Self {
        Field {
            local,
            depth,
            text: String::new(),
            raw_start,
            has_children: false,
            attrs,
            in_name: false,
            name_text: String::new(),
        }
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        if self.in_name {
            self.name_text.push_str(s);
        }
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    b.trim_ascii()
}

/// Atom `<link rel="alternate" href=...>`: the entry's page. Other relations (`self`,
/// `enclosure`, `replies`) are not the article.
fn take_atom_link(item: &mut Item, attrs: &[(String, String)]) {
    let rel = attr(attrs, "rel").unwrap_or("alternate");
    if rel == "alternate"
        && item.alternate_link.is_none()
        && let Some(href) = attr(attrs, "href")
    {
        item.alternate_link = Some(href.trim().to_string());
    }
}

impl Iterator for FeedReader {
    type Item = Result<FeedItem, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let limit = self.ctx.opts.max_document_bytes;
        while !self.done {
            self.buf.clear();
            let event_start = self.xml.buffer_position();
            let event = match self.xml.read_event_into(&mut self.buf) {
                Ok(ev) => ev.into_owned(),
                Err(e) => {
                    let at = self.xml.error_position();
                    return self.fail(at, format!("malformed XML: {e}"));
                }
            };
            match event {
                Event::Start(e) => {
                    if let Err(m) = self.start(&e, false) {
                        return self.fail(event_start, m);
                    }
                }
                Event::Empty(e) => {
                    if let Err(m) = self.start(&e, true) {
                        return self.fail(event_start, m);
                    }
                    // `<item/>`: still counted and reported, so that item numbers match the file.
                    if self.item.as_ref().is_some_and(|i| i.depth == self.stack.len() + 1) {
                        return Some(self.end_item());
                    }
                }
                Event::End(_) => {
                    self.stack.pop();
                    let depth = self.stack.len();
                    if let Some(f) = self.field.as_mut() {
                        if depth < f.depth {
                            self.end_field();
                        } else if f.in_name && depth == f.depth {
                            f.in_name = false;
                        }
                    }
                    if self.item.as_ref().is_some_and(|i| depth < i.depth) {
                        return Some(self.end_item());
                    }
                }
                Event::Text(t) => {
                    if let Some(f) = self.field.as_mut() {
                        f.push(&t.xml10_content());
                    }
                }
                Event::CData(c) => {
                    if let Some(f) = self.field.as_mut() {
                        f.push(&c);
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(f) = self.field.as_mut() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => f.push(c.encode_utf8(&mut [0; 4])),
                            _ => match resolve_entity(&r) {
                                Some(s) => f.push(s),
                                None => f.push(&format!("&{};", &*r)),
                            },
                        }
                    }
                }
                Event::Eof => {
                    self.done = true;
                    self.warn_if_lossy();
                    if let Some(open) = self.stack.last() {
                        let at = self.xml.buffer_position();
                        return Some(Err(self.ctx.err(
                            Some(Position::Byte(at)),
                            format!("malformed XML: the feed ends before <{open}> is closed"),
                        )));
                    }
                    if !self.saw_root {
                        return Some(Err(self
                            .ctx
                            .err(Some(Position::Byte(0)), "not a feed: no XML element found")));
                    }
                    return None;
                }
                _ => {}
            }
            match self.item.as_mut() {
                None if self.field.is_none() => self.xml.get_mut().rec.clear(),
                Some(item) if !item.oversize && self.xml.get_ref().rec.len() > limit => {
                    item.oversize = true;
                    self.field = None;
                }
                Some(item) if item.oversize => self.xml.get_mut().rec.clear(),
                _ => {}
            }
        }
        None
    }
}
