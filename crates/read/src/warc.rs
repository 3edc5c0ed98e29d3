//! WARC archives (Common Crawl CC-NEWS style): `response` records whose HTTP payload is an
//! HTML page become documents; every other record is skipped.

use crate::io_util::{read_line_limited, trim_eol};
use crate::{Ctx, ReadError, encoding, http, sniff};
use std::io::{self, BufRead, Read};
use storyline_doc::{Body, Hints, Position, RawDocument};

const MAX_HEADER_LINE: usize = 16 * 1024;
const MAX_HEADER_BYTES: usize = 256 * 1024;
/// Room for the HTTP headers on top of the page itself.
const HTTP_HEAD_ALLOWANCE: u64 = 1024 * 1024;

pub(crate) struct WarcReader {
    ctx: Ctx,
    r: Box<dyn BufRead + Send>,
    offset: u64,
    done: bool,
    /// A `WARC/` line found while skipping a broken record, with its offset.
    pending: Option<(u64, Vec<u8>)>,
    /// An error found while skipping a broken record, reported after that record's error.
    queued: Option<ReadError>,
    line: Vec<u8>,
}

/// Why a record could not be read.
enum Fail {
    /// The record is bad but the stream can go on from the next `WARC/` line.
    Record(String),
    /// The stream itself ended or broke.
    Stream(ReadError),
}

impl WarcReader {
    pub fn new(ctx: Ctx, r: Box<dyn BufRead + Send>) -> Self {
        WarcReader { ctx, r, offset: 0, done: false, pending: None, queued: None, line: Vec::new() }
    }

    fn line(&mut self) -> io::Result<Option<(u64, bool)>> {
        let start = self.offset;
        let Some(l) = read_line_limited(&mut *self.r, &mut self.line, MAX_HEADER_LINE)? else {
            return Ok(None);
        };
        self.offset += l.consumed;
        Ok(Some((start, l.too_long)))
    }

    /// Skips to the next line that starts a record.
    fn resync(&mut self) -> Result<(), ReadError> {
        loop {
            match self.line() {
                Ok(Some((start, _))) => {
                    if self.line.starts_with(b"WARC/1.") || self.line.starts_with(b"WARC/0.") {
                        self.pending = Some((start, self.line.clone()));
                        return Ok(());
                    }
                }
                Ok(None) => {
                    self.done = true;
                    return Ok(());
                }
                Err(e) => {
                    self.done = true;
                    return Err(self.ctx.io_err(
                        self.offset,
                        "cannot read while looking for the next record",
                        &e,
                    ));
                }
            }
        }
    }

    /// Reads one record; `Ok(None)` at the end of the stream or for a record that is not a page.
    fn record(&mut self, start: u64, version: Vec<u8>) -> Result<Option<RawDocument>, Fail> {
        // Read failures name the record they interrupt.
        let io_fail = |s: &Self, what: &str, e: io::Error| Fail::Stream(s.ctx.io_err(start, what, &e));
        if !version.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(trim_eol(&version)).chars().take(60).collect();
            return Err(Fail::Record(format!(
                "expected a WARC record header line (WARC/1.x), found {shown:?}"
            )));
        }
        let mut lines: Vec<Vec<u8>> = Vec::new();
        let mut total = 0;
        loop {
            match self.line() {
                Ok(Some((_, too_long))) => {
                    let l = trim_eol(&self.line);
                    if l.is_empty() {
                        break;
                    }
                    total += l.len();
                    if too_long || total > MAX_HEADER_BYTES {
                        return Err(Fail::Record("record header is too long".into()));
                    }
                    lines.push(l.to_vec());
                }
                Ok(None) => {
                    return Err(Fail::Stream(self.ctx.err(
                        Some(Position::Byte(start)),
                        "record header is cut short by the end of the stream",
                    )));
                }
                Err(e) => return Err(io_fail(self, "cannot read record header", e)),
            }
        }
        let refs: Vec<&[u8]> = lines.iter().map(Vec::as_slice).collect();
        let headers = http::parse_headers(&refs);
        let get =
            |name: &str| headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let length: u64 = get("Content-Length")
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| Fail::Record("record has no valid Content-Length header".into()))?;
        let is_response = get("WARC-Type").is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        let limit = self.ctx.opts.max_document_bytes as u64 + HTTP_HEAD_ALLOWANCE;
        if !is_response || length > limit {
            // Streamed past, never held in memory.
            let skipped = io::copy(&mut (&mut *self.r).take(length), &mut io::sink())
                .map_err(|e| io_fail(self, "cannot read record content", e))?;
            self.offset += skipped;
            if skipped < length {
                return Err(self.cut_short(start, length, skipped));
            }
            if is_response {
                let uri = get("WARC-Target-URI").unwrap_or("?");
                return Err(Fail::Record(format!(
                    "response record for {uri} has {length} bytes, over the {limit}-byte limit (max_document_bytes); skipped"
                )));
            }
            return Ok(None);
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut *self.r)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| io_fail(self, "cannot read record content", e))?;
        self.offset += block.len() as u64;
        if (block.len() as u64) < length {
            return Err(self.cut_short(start, length, block.len() as u64));
        }
        let uri = get("WARC-Target-URI")
            .map(|u| u.trim().trim_start_matches('<').trim_end_matches('>').to_string());
        let shown = uri.as_deref().unwrap_or("(no WARC-Target-URI)");
        let resp = http::parse_response(&block, self.ctx.opts.max_document_bytes)
            .map_err(|m| Fail::Record(format!("response for {shown}: {m}")))?;
        if !(200..300).contains(&resp.status) {
            tracing::debug!(source = %self.ctx.source, offset = start, status = resp.status, "skipping non-2xx response");
            return Ok(None);
        }
        if !is_html(&resp) {
            return Ok(None);
        }
        let pos = Some(Position::Byte(start));
        let charset =
            resp.header("content-type").and_then(encoding::charset_param).and_then(encoding::from_label);
        let tld = uri.as_deref().and_then(encoding::tld_of);
        let decoded = encoding::decode_html(&resp.body, charset, tld.as_deref());
        self.ctx.report_decoding_at(pos, &resp.body, &decoded);
        let mut provenance = self.ctx.provenance(pos, &resp.body);
        if let Some(date) = get("WARC-Date") {
            provenance.fetched_at = Some(date.trim().to_string());
        }
        Ok(Some(RawDocument {
            provenance,
            body: Body::Html(decoded.text),
            hints: Hints { url: uri, ..Hints::default() },
        }))
    }

    fn cut_short(&mut self, start: u64, length: u64, got: u64) -> Fail {
        self.done = true;
        Fail::Stream(self.ctx.err(
            Some(Position::Byte(start)),
            format!("record is cut short: Content-Length says {length} bytes, the stream ends after {got}"),
        ))
    }
}

fn is_html(resp: &http::Response) -> bool {
    let mime = resp
        .header("content-type")
        .map(|ct| ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => true,
        // Missing or generic types: look at the bytes.
        "" | "application/octet-stream" | "text/plain" | "unknown/unknown" => {
            let head = &resp.body[..resp.body.len().min(sniff::SNIFF_BYTES)];
            sniff::looks_like_html(&head.to_ascii_lowercase())
        }
        _ => false,
    }
}

impl Iterator for WarcReader {
    type Item = Result<RawDocument, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.queued.take() {
            return Some(Err(e));
        }
        while !self.done {
            let (start, version) = match self.pending.take() {
                Some(p) => p,
                None => loop {
                    match self.line() {
                        Ok(Some((start, _))) if !trim_eol(&self.line).trim_ascii().is_empty() => {
                            break (start, self.line.clone());
                        }
                        Ok(Some(_)) => {}
                        Ok(None) => {
                            self.done = true;
                            return None;
                        }
                        Err(e) => {
                            self.done = true;
                            return Some(Err(self.ctx.io_err(
                                self.offset,
                                "cannot read the next record",
                                &e,
                            )));
                        }
                    }
                },
            };
            match self.record(start, version) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => {}
                Err(Fail::Stream(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Err(Fail::Record(msg)) => {
                    let err = self.ctx.err(Some(Position::Byte(start)), msg);
                    if let Err(e) = self.resync() {
                        self.queued = Some(e);
                    }
                    return Some(Err(err));
                }
            }
        }
        None
    }
}
