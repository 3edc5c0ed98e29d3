//! Readers: turn files, folders, standard input and URLs into a stream of [`RawDocument`]s.
//!
//! Every reader streams, and every error names the source and the line, item or byte offset
//! where it happened; an error ends only the document (or file) it concerns, never the batch.
//!
//! Formats: plain text (with front matter or a leading header), HTML pages, JSON Lines,
//! RSS/Atom feeds and WARC archives, each possibly gzip-compressed (`.gz` or not: the gzip
//! magic is what counts). The format is sniffed from the first bytes and the name unless
//! [`ReadOptions::format`] says otherwise.
//!
//! Byte offsets ([`Position::Byte`]) count bytes of the decompressed stream; for feeds in a
//! legacy encoding they count bytes of the stream transcoded to UTF-8.

mod encoding;
pub mod feed;
mod fetch;
mod folder;
mod html;
mod http;
mod io_util;
mod jsonl;
mod sniff;
pub mod text;
mod time;
mod warc;

pub use feed::{FeedItem, read_feed_items};
pub use time::rfc3339_utc;

use io_util::{BUF_SIZE, CountConsumed, FailWith};
use std::fmt;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use storyline_doc::{Position, Provenance, RawDocument};

/// The container format of an input. `Auto` sniffs it from the content (and the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    Text,
    Html,
    Jsonl,
    Feed,
    Warc,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Auto => "auto",
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Feed => "feed",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "auto" => Format::Auto,
            "text" | "txt" | "plain" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" | "jsonlines" => Format::Jsonl,
            "feed" | "rss" | "atom" => Format::Feed,
            "warc" => Format::Warc,
            other => return Err(format!("unknown format {other:?} (auto, text, html, jsonl, feed, warc)")),
        })
    }
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Url(String),
    Stdin,
}

impl Input {
    /// `-` is standard input, `http://` and `https://` are URLs, anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// The name documents and errors from this input carry as their source.
    pub fn source_name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Url(u) => u.clone(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// An error reading one source, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub source: String,
    pub position: Option<Position>,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{p}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Where warnings go (text decoded with replacement characters, ...): a callback, shared by
/// clones of the options. Without one, warnings are logged with `tracing::warn!`.
#[derive(Clone)]
pub struct Warnings(Arc<dyn Fn(&ReadError) + Send + Sync>);

impl Warnings {
    pub fn new(f: impl Fn(&ReadError) + Send + Sync + 'static) -> Self {
        Warnings(Arc::new(f))
    }
}

impl fmt::Debug for Warnings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Warnings(..)")
    }
}

/// The user agent sent when fetching URLs.
pub const USER_AGENT: &str = concat!("storyline/", env!("CARGO_PKG_VERSION"));

#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub format: Format,
    /// Largest document (page, text file, JSON line, feed item, WARC payload) read; a larger
    /// one is an error naming it, and reading goes on with the next. Default 20 MiB.
    pub max_document_bytes: usize,
    /// Largest body fetched from one URL (after HTTP decompression). Default 256 MiB.
    pub max_fetch_bytes: u64,
    /// Time allowed for fetching one URL, body included. Default 30 s.
    pub fetch_timeout: Duration,
    /// Default [`USER_AGENT`].
    pub user_agent: String,
    /// Redirects followed before giving up. Default 5.
    pub max_redirects: u32,
    pub on_warning: Option<Warnings>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: Format::Auto,
            max_document_bytes: 20 * 1024 * 1024,
            max_fetch_bytes: 256 * 1024 * 1024,
            fetch_timeout: Duration::from_secs(30),
            user_agent: USER_AGENT.to_string(),
            max_redirects: 5,
            on_warning: None,
        }
    }
}

/// The stream of documents (or errors) from one or more inputs.
pub type Documents = Box<dyn Iterator<Item = Result<RawDocument, ReadError>> + Send>;

/// Expands folders (recursively) into the files they hold, in a stable order: sorted by name,
/// hidden files and folders skipped, and files that cannot hold an article (images, media,
/// fonts, executables, ...) left out. Files named explicitly are kept whatever their name.
pub fn discover(inputs: &[Input]) -> (Vec<Input>, Vec<ReadError>) {
    folder::discover(inputs)
}

/// Reads one input (a file, URL or stdin) as a stream. A folder is read as [`read_all`]
/// would read it.
pub fn read(input: &Input, options: &ReadOptions) -> Documents {
    if let Input::Path(p) = input
        && p.is_dir()
    {
        return read_all(std::slice::from_ref(input), options);
    }
    match open(input, options) {
        Ok(opened) => read_opened(opened, options),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

/// Reads any byte stream (an upload, a pipe, an archive member) as [`read`] reads a file:
/// gzip undone, format sniffed. `source` names it in provenance and errors, and its
/// extension, if any, helps sniffing.
pub fn read_stream(
    source: impl Into<String>,
    reader: impl Read + Send + 'static,
    options: &ReadOptions,
) -> Documents {
    let source = source.into();
    let ctx = Ctx::new(source.clone(), options);
    let ctx = Ctx { name: Some(source), ..ctx };
    match open_reader(ctx, Box::new(reader)) {
        Ok(opened) => read_opened(opened, options),
        Err(e) => Box::new(std::iter::once(Err(e))),
    }
}

fn read_opened(opened: Opened, options: &ReadOptions) -> Documents {
    let Opened { ctx, reader, head } = opened;
    let format = match options.format {
        Format::Auto => match sniff::sniff(&head, ctx.name.as_deref(), ctx.content_type.as_deref()) {
            sniff::Sniffed::Format(f) => f,
            sniff::Sniffed::Binary(at) => {
                let e = ctx.err(
                    Some(Position::Byte(at)),
                    "binary data, not a text, HTML, JSON Lines, feed or WARC document; skipped",
                );
                return Box::new(std::iter::once(Err(e)));
            }
        },
        f => f,
    };
    let mut reader = reader;
    match format {
        Format::Auto | Format::Text => Box::new(std::iter::once(text::read(&ctx, &mut *reader))),
        Format::Html => Box::new(std::iter::once(html::read(&ctx, &mut *reader))),
        Format::Jsonl => Box::new(jsonl::JsonlReader::new(ctx, reader)),
        Format::Feed => {
            Box::new(feed::FeedReader::new(ctx, reader, &head).map(|r| r.and_then(FeedItem::into_document)))
        }
        Format::Warc => Box::new(warc::WarcReader::new(ctx, reader)),
    }
}

/// Reads every input in turn, folders expanded by [`discover`]; an input that fails yields
/// its error and the next one is read.
pub fn read_all(inputs: &[Input], options: &ReadOptions) -> Documents {
    let (files, errors) = discover(inputs);
    let options = options.clone();
    Box::new(
        errors.into_iter().map(Err).chain(files.into_iter().flat_map(move |input| read(&input, &options))),
    )
}

/// What every format reader knows about its source.
pub(crate) struct Ctx {
    pub source: String,
    /// A name to sniff the format from (file path or URL path).
    pub name: Option<String>,
    pub opts: ReadOptions,
    /// Compressed bytes consumed so far, when the stream is gzip.
    pub gz_consumed: Option<Arc<AtomicU64>>,
    pub content_type: Option<String>,
    /// The URL the content was fetched from (after redirects).
    pub url: Option<String>,
    pub fetched_at: Option<String>,
}

impl Ctx {
    fn new(source: String, options: &ReadOptions) -> Self {
        Ctx {
            source,
            name: None,
            opts: options.clone(),
            gz_consumed: None,
            content_type: None,
            url: None,
            fetched_at: None,
        }
    }

    pub fn err(&self, position: Option<Position>, message: impl Into<String>) -> ReadError {
        ReadError { source: self.source.clone(), position, message: message.into() }
    }

    /// A read failure in the document or record starting at `offset` of the (decompressed)
    /// stream; for gzip, also says where in the compressed file the stream broke.
    pub fn io_err(&self, offset: u64, what: &str, e: &io::Error) -> ReadError {
        let message = match &self.gz_consumed {
            Some(c) => {
                format!(
                    "{what}: gzip stream is truncated or corrupt ({e}) at compressed byte {}",
                    c.load(Ordering::Relaxed)
                )
            }
            None => format!("{what}: {e}"),
        };
        self.err(Some(Position::Byte(offset)), message)
    }

    pub fn warn(&self, position: Option<Position>, message: impl Into<String>) {
        let w = self.err(position, message);
        match &self.opts.on_warning {
            Some(Warnings(f)) => f(&w),
            None => tracing::warn!("{w}"),
        }
    }

    pub fn provenance(&self, position: Option<Position>, raw: &[u8]) -> Provenance {
        let mut p = Provenance::new(self.source.clone(), position, raw);
        p.fetched_at = self.fetched_at.clone();
        p
    }

    pub fn http_charset(&self) -> Option<&'static encoding_rs::Encoding> {
        self.content_type.as_deref().and_then(encoding::charset_param).and_then(encoding::from_label)
    }

    pub fn tld(&self) -> Option<String> {
        self.url.as_deref().and_then(encoding::tld_of)
    }

    /// The rest of a single-document stream, bounded by `max_document_bytes`.
    pub fn read_whole(&self, r: &mut dyn BufRead) -> Result<Vec<u8>, ReadError> {
        let limit = self.opts.max_document_bytes;
        let mut out = Vec::new();
        if let Err(e) = r.take(limit as u64 + 1).read_to_end(&mut out) {
            return Err(self.io_err(out.len() as u64, "cannot read", &e));
        }
        if out.len() > limit {
            return Err(self.err(
                Some(Position::Byte(limit as u64)),
                format!(
                    "document is larger than the {limit}-byte limit ({} MiB, ReadOptions::max_document_bytes); skipped",
                    limit / (1024 * 1024)
                ),
            ));
        }
        Ok(out)
    }

    pub fn report_decoding(&self, bytes: &[u8], d: &encoding::Decoded) {
        self.report_decoding_at(None, bytes, d);
    }

    pub fn report_decoding_at(&self, position: Option<Position>, bytes: &[u8], d: &encoding::Decoded) {
        if d.lossy {
            let at = match std::str::from_utf8(bytes) {
                Err(e) if d.encoding == encoding_rs::UTF_8 && position.is_none() => {
                    Some(Position::Byte(e.valid_up_to() as u64))
                }
                _ => position,
            };
            self.warn(
                at,
                format!(
                    "bytes that are not valid {} ({}) were replaced with U+FFFD; the rest of the text is kept",
                    d.encoding.name(),
                    d.how
                ),
            );
        } else if d.encoding != encoding_rs::UTF_8 {
            tracing::debug!(source = %self.source, encoding = d.encoding.name(), how = d.how, "decoded");
        }
    }
}

pub(crate) struct Opened {
    pub ctx: Ctx,
    pub reader: Box<dyn BufRead + Send>,
    /// The first bytes of the decompressed stream, for sniffing (still in `reader`).
    pub head: Vec<u8>,
}

/// Reads the first bytes of `r` for sniffing and gives back a reader that yields them again.
/// A read failure is kept for the format reader to meet at its offset.
fn peek_head(mut r: Box<dyn BufRead + Send>) -> (Vec<u8>, Box<dyn BufRead + Send>, Option<io::Error>) {
    let mut head = Vec::new();
    let res = (&mut r).take(sniff::SNIFF_BYTES as u64).read_to_end(&mut head);
    let (rest, err): (Box<dyn Read + Send>, _) = match res {
        Ok(_) => (Box::new(r), None),
        Err(e) => (Box::new(FailWith::new(&e)), Some(e)),
    };
    let reader = Box::new(BufReader::with_capacity(BUF_SIZE, Cursor::new(head.clone()).chain(rest)));
    (head, reader, err)
}

/// Opens an input as a decompressed byte stream with its context.
pub(crate) fn open(input: &Input, options: &ReadOptions) -> Result<Opened, ReadError> {
    let source = input.source_name();
    let mut ctx = Ctx::new(source.clone(), options);
    let raw: Box<dyn Read + Send> = match input {
        Input::Path(p) => {
            ctx.name = Some(source.clone());
            Box::new(std::fs::File::open(p).map_err(|e| ctx.err(None, format!("cannot open: {e}")))?)
        }
        Input::Stdin => Box::new(io::stdin()),
        Input::Url(u) => {
            let fetched = fetch::fetch(u, options).map_err(|m| ctx.err(None, m))?;
            let path = fetched.final_url.split(['?', '#']).next().unwrap_or("").to_string();
            ctx.name = Some(path);
            ctx.content_type = fetched.content_type;
            ctx.url = Some(fetched.final_url);
            ctx.fetched_at = Some(fetched.fetched_at);
            fetched.reader
        }
    };
    open_reader(ctx, raw)
}

fn open_reader(mut ctx: Ctx, raw: Box<dyn Read + Send>) -> Result<Opened, ReadError> {
    let (first, mut reader, err) = peek_head(Box::new(BufReader::with_capacity(BUF_SIZE, raw)));
    if first.is_empty() {
        return Err(match err {
            Some(e) => ctx.io_err(0, "cannot read", &e),
            None => ctx.err(Some(Position::Byte(0)), "empty input: no document"),
        });
    }
    if sniff::is_gzip(&first) {
        let count = Arc::new(AtomicU64::new(0));
        ctx.gz_consumed = Some(count.clone());
        let counted = CountConsumed { inner: reader, count };
        reader = Box::new(BufReader::with_capacity(BUF_SIZE, flate2::bufread::MultiGzDecoder::new(counted)));
    } else {
        return Ok(Opened { ctx, reader, head: first });
    }
    let (head, reader, err) = peek_head(reader);
    if head.is_empty() {
        return Err(match err {
            Some(e) => ctx.io_err(0, "cannot read", &e),
            None => ctx.err(Some(Position::Byte(0)), "empty input: the gzip stream holds no bytes"),
        });
    }
    Ok(Opened { ctx, reader, head })
}
