//! JSON Lines: one article object per line.

use crate::io_util::{read_line_limited, trim_eol};
use crate::{Ctx, ReadError};
use serde_json::{Map, Value};
use std::io::BufRead;
use storyline_doc::{Body, Hints, Position, RawDocument};

const HTML_KEYS: &[&str] = &["html", "raw_html", "content_html"];
const TEXT_KEYS: &[&str] = &["text", "content", "body", "maintext", "article", "full_text"];
const ID_KEYS: &[&str] = &["id", "_id", "guid", "uuid"];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url"];
const TITLE_KEYS: &[&str] = &["title", "headline"];
const PUBLISHED_KEYS: &[&str] =
    &["published", "date", "published_at", "date_publish", "datePublished", "pubDate", "publish_date"];
const MODIFIED_KEYS: &[&str] = &["modified", "updated", "date_modify", "dateModified", "updated_at"];
const SITE_KEYS: &[&str] = &["source", "site", "site_name", "source_domain", "outlet", "publisher"];
const LANG_KEYS: &[&str] = &["lang", "language", "locale"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator"];
const DESCRIPTION_KEYS: &[&str] = &["description", "summary", "excerpt"];

pub(crate) struct JsonlReader {
    ctx: Ctx,
    r: Box<dyn BufRead + Send>,
    line_no: u64,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub fn new(ctx: Ctx, r: Box<dyn BufRead + Send>) -> Self {
        JsonlReader { ctx, r, line_no: 0, offset: 0, buf: Vec::new(), done: false }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let limit = self.ctx.opts.max_document_bytes;
        while !self.done {
            let start = self.offset;
            let line = match read_line_limited(&mut *self.r, &mut self.buf, limit) {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(e) => {
                    self.done = true;
                    let what = format!("cannot read line {}", self.line_no + 1);
                    return Some(Err(self.ctx.io_err(start, &what, &e)));
                }
            };
            self.line_no += 1;
            self.offset += line.consumed;
            let pos = Some(Position::Line(self.line_no));
            if line.too_long {
                return Some(Err(self.ctx.err(
                    pos,
                    format!(
                        "line is longer than the {limit}-byte document limit (max_document_bytes); skipped"
                    ),
                )));
            }
            let mut raw = trim_eol(&self.buf);
            if self.line_no == 1 {
                raw = raw.strip_prefix(b"\xef\xbb\xbf").unwrap_or(raw);
            }
            if raw.trim_ascii().is_empty() {
                continue;
            }
            return Some(parse_line(&self.ctx, pos, raw));
        }
        self.done = true;
        None
    }
}

fn parse_line(ctx: &Ctx, pos: Option<Position>, raw: &[u8]) -> Result<RawDocument, ReadError> {
    let value: Value = match serde_json::from_slice(raw) {
        Ok(v) => v,
        Err(e) if std::str::from_utf8(raw).is_err() => {
            let lossy = String::from_utf8_lossy(raw);
            let v = serde_json::from_str(&lossy).map_err(|_| ctx.err(pos, format!("invalid JSON: {e}")))?;
            ctx.warn(pos, "invalid UTF-8 in the line: decoded with replacement characters");
            v
        }
        Err(e) => return Err(ctx.err(pos, format!("invalid JSON: {e}"))),
    };
    let Value::Object(map) = value else {
        return Err(ctx.err(pos, format!("expected a JSON object, found {}", kind(&value))));
    };
    let body = match body_of(&map, HTML_KEYS).map_err(|m| ctx.err(pos, m))? {
        Some(html) => Body::Html(html),
        None => match body_of(&map, TEXT_KEYS).map_err(|m| ctx.err(pos, m))? {
            Some(text) => Body::Text(text),
            None => {
                return Err(ctx.err(
                    pos,
                    "no article body: expected a non-empty `html` or `text` field (or `content`, `body`, `maintext`)",
                ));
            }
        },
    };
    let hints = Hints {
        id: scalar(&map, ID_KEYS),
        url: scalar(&map, URL_KEYS),
        title: scalar(&map, TITLE_KEYS),
        published: scalar(&map, PUBLISHED_KEYS),
        modified: scalar(&map, MODIFIED_KEYS),
        authors: names(&map, AUTHOR_KEYS),
        site: scalar(&map, SITE_KEYS),
        language: scalar(&map, LANG_KEYS),
        description: scalar(&map, DESCRIPTION_KEYS),
    };
    Ok(RawDocument { provenance: ctx.provenance(pos, raw), body, hints })
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The first of `keys` holding a non-blank string; a body field of another type is an error
/// rather than silently skipped, since the line would otherwise lose its article.
fn body_of(map: &Map<String, Value>, keys: &[&str]) -> Result<Option<String>, String> {
    for k in keys {
        match map.get(*k) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) if s.trim().is_empty() => {}
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(other) => return Err(format!("field `{k}` should be a string, found {}", kind(other))),
        }
    }
    Ok(None)
}

fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        // `"source": {"id": "x", "name": "Le Monde"}` as news APIs write it.
        Value::Object(o) => return o.get("name").and_then(as_text),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

fn scalar(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| map.get(*k).and_then(as_text))
}

fn names(map: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    for k in keys {
        let found: Vec<String> = match map.get(*k) {
            Some(Value::Array(items)) => items.iter().filter_map(as_text).collect(),
            Some(v) => as_text(v).into_iter().collect(),
            None => continue,
        };
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}
