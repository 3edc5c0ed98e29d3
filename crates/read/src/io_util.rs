//! Small reader adapters shared by the format readers.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Buffer size for every stream: large enough that sniffing and line scanning rarely refill.
pub(crate) const BUF_SIZE: usize = 64 * 1024;

/// Counts the bytes a `BufRead` consumer has consumed, so that the compressed offset of a
/// gzip error can be reported exactly (a plain `Read` counter would count read-ahead).
pub(crate) struct CountConsumed<R> {
    pub inner: R,
    pub count: Arc<AtomicU64>,
}

impl<R: BufRead> Read for CountConsumed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountConsumed<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.count.fetch_add(amt as u64, Ordering::Relaxed);
        self.inner.consume(amt);
    }
}

/// Yields nothing but the error it was given: appended after the bytes read before a failure,
/// so that the format reader meets the failure at the right offset instead of at sniffing time.
pub(crate) struct FailWith {
    kind: io::ErrorKind,
    message: String,
}

impl FailWith {
    pub fn new(e: &io::Error) -> Self {
        FailWith { kind: e.kind(), message: e.to_string() }
    }
}

impl Read for FailWith {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::new(self.kind, self.message.clone()))
    }
}

/// One line as read by [`read_line_limited`].
pub(crate) struct Line {
    /// Bytes consumed from the stream, terminator included.
    pub consumed: u64,
    /// The line was longer than the limit; `buf` holds only its first `limit` bytes.
    pub too_long: bool,
}

/// Reads one `\n`-terminated line into `buf` (cleared first), keeping at most `limit` bytes of
/// it: a 2 GB line without a newline must not be buffered whole. `None` at end of stream.
pub(crate) fn read_line_limited(
    r: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<Option<Line>> {
    buf.clear();
    let mut consumed = 0u64;
    let mut too_long = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((consumed > 0).then_some(Line { consumed, too_long }));
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        if take > room {
            too_long = true;
        }
        buf.extend_from_slice(&chunk[..take.min(room)]);
        r.consume(take);
        consumed += take as u64;
        if done {
            return Ok(Some(Line { consumed, too_long }));
        }
    }
}

/// Strips a trailing `\n` or `\r\n`.
pub(crate) fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// Transcodes a byte stream to UTF-8 as it is read (malformed sequences become U+FFFD), for
/// the XML parser, which accepts UTF-8 only.
pub(crate) struct DecodeReader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    pending: Vec<u8>,
    pending_at: usize,
    finished: bool,
    pub replaced: bool,
}

impl<R: BufRead> DecodeReader<R> {
    pub fn new(inner: R, encoding: &'static encoding_rs::Encoding) -> Self {
        DecodeReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            pending: Vec::with_capacity(BUF_SIZE),
            pending_at: 0,
            finished: false,
            replaced: false,
        }
    }
}

impl<R: BufRead> Read for DecodeReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pending_at >= self.pending.len() {
            if self.finished {
                return Ok(0);
            }
            self.pending.clear();
            self.pending_at = 0;
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let cap = self.decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
            self.pending.resize(cap, 0);
            let (_, read, written, replaced) = self.decoder.decode_to_utf8(input, &mut self.pending, last);
            self.replaced |= replaced;
            self.pending.truncate(written);
            self.inner.consume(read);
            self.finished = last;
        }
        let n = out.len().min(self.pending.len() - self.pending_at);
        out[..n].copy_from_slice(&self.pending[self.pending_at..self.pending_at + n]);
        self.pending_at += n;
        Ok(n)
    }
}

/// Records every byte its consumer consumes, so that a feed item's XML text can be kept as
/// it was written (for its content hash and for inner markup) while the parser streams.
pub(crate) struct Recorder<R> {
    pub inner: R,
    pub rec: Vec<u8>,
}

impl<R: BufRead> Read for Recorder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.rec.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Recorder<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        // The buffer is non-empty whenever amt > 0, so fill_buf returns it without reading.
        if amt > 0
            && let Ok(b) = self.inner.fill_buf()
        {
            self.rec.extend_from_slice(&b[..amt.min(b.len())]);
        }
        self.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn long_lines_are_cut_but_fully_consumed() {
        let mut r = io::BufReader::with_capacity(4, Cursor::new(b"abcdefghij\nxy\nz".to_vec()));
        let mut buf = Vec::new();
        let l = read_line_limited(&mut r, &mut buf, 5).unwrap().unwrap();
        assert!(l.too_long);
        assert_eq!(l.consumed, 11);
        assert_eq!(buf, b"abcde");
        let l = read_line_limited(&mut r, &mut buf, 5).unwrap().unwrap();
        assert!(!l.too_long);
        assert_eq!(buf, b"xy\n");
        read_line_limited(&mut r, &mut buf, 5).unwrap().unwrap();
        assert_eq!(buf, b"z");
        assert!(read_line_limited(&mut r, &mut buf, 5).unwrap().is_none());
    }

    #[test]
    fn decode_reader_transcodes_across_small_buffers() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, мир");
        let inner = io::BufReader::with_capacity(3, Cursor::new(bytes.into_owned()));
        let mut out = String::new();
        DecodeReader::new(inner, encoding_rs::WINDOWS_1251).read_to_string(&mut out).unwrap();
        assert_eq!(out, "Привет, мир");
    }
}
