//! HTTP responses as archived in WARC `response` records: status line, headers, and a
//! payload freed of its transfer and content encodings.

use std::io::Read;

#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The entity body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Header lines until the blank line that ends them; returns the lines and where the body
/// starts. Accepts bare `\n` line ends, which some crawlers write.
pub(crate) fn split_head(block: &[u8]) -> Option<(Vec<&[u8]>, usize)> {
    let mut lines = Vec::new();
    let mut at = 0;
    while at < block.len() {
        let end = memchr::memchr(b'\n', &block[at..])?;
        let line = &block[at..at + end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        at += end + 1;
        if line.is_empty() {
            return Some((lines, at));
        }
        lines.push(line);
    }
    None
}

/// `Name: value` lines, with obsolete folded continuation lines joined.
pub(crate) fn parse_headers(lines: &[&[u8]]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in lines {
        let text = String::from_utf8_lossy(line);
        if text.starts_with([' ', '\t']) {
            if let Some((_, v)) = out.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        if let Some((k, v)) = text.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

pub(crate) fn parse_response(block: &[u8], limit: usize) -> Result<Response, String> {
    let (lines, body_at) = split_head(block).ok_or("HTTP headers do not end (no blank line)")?;
    let status_line = String::from_utf8_lossy(lines.first().ok_or("no HTTP status line")?);
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or("");
    if !proto.starts_with("HTTP/") {
        return Err(format!("not an HTTP response: status line {:?}", truncate(&status_line)));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {:?}", truncate(&status_line)))?;
    let headers = parse_headers(&lines[1..]);
    let mut resp = Response { status, headers, body: Vec::new() };
    let mut body = block[body_at..].to_vec();
    if resp.header("transfer-encoding").is_some_and(|te| te.to_ascii_lowercase().contains("chunked")) {
        body = dechunk(&body).map_err(|e| format!("malformed chunked transfer encoding: {e}"))?;
    }
    if let Some(ce) = resp.header("content-encoding") {
        body = decode_content(&body, &ce.trim().to_ascii_lowercase(), limit)?;
    }
    resp.body = body;
    Ok(resp)
}

fn truncate(s: &str) -> String {
    s.chars().take(80).collect()
}

/// Removes chunked transfer coding: `size[;ext]\r\n data \r\n ... 0\r\n trailers \r\n`.
pub(crate) fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memchr(b'\n', b).ok_or("chunk size line does not end")?;
        let line = String::from_utf8_lossy(&b[..eol]);
        let size_text = line.trim().split(';').next().unwrap_or("").trim().to_string();
        let size =
            usize::from_str_radix(&size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        b = &b[eol + 1..];
        if size == 0 {
            return Ok(out);
        }
        let data = b.get(..size).ok_or_else(|| format!("chunk of {size} bytes is cut short"))?;
        out.extend_from_slice(data);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
        if b.is_empty() {
            // A missing last chunk: keep what arrived, as browsers do.
            return Ok(out);
        }
    }
}

fn decode_content(body: &[u8], coding: &str, limit: usize) -> Result<Vec<u8>, String> {
    let read_capped = |r: &mut dyn Read| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        r.take(limit as u64 + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot decompress {coding} payload: {e}"))?;
        if out.len() > limit {
            return Err(format!("decompressed payload is larger than the {limit}-byte document limit"));
        }
        Ok(out)
    };
    match coding {
        "" | "identity" | "none" => Ok(body.to_vec()),
        // Common Crawl stores payloads already decoded but sometimes keeps the header: trust
        // the bytes, not the header.
        "gzip" | "x-gzip" if !body.starts_with(&[0x1f, 0x8b]) => Ok(body.to_vec()),
        "gzip" | "x-gzip" => read_capped(&mut flate2::read::MultiGzDecoder::new(body)),
        "deflate" => {
            let zlib = body.first().is_some_and(|b| b & 0x0f == 8) && body.len() > 1 && {
                let h = u16::from(body[0]) << 8 | u16::from(body[1]);
                h % 31 == 0
            };
            if zlib {
                read_capped(&mut flate2::read::ZlibDecoder::new(body))
            } else {
                read_capped(&mut flate2::read::DeflateDecoder::new(body))
            }
        }
        other => Err(format!("unsupported content-encoding {other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_and_gzip() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<html>hello</html>").unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", 10).into_bytes();
        chunked.extend_from_slice(&gz[..10]);
        chunked.extend_from_slice(format!("\r\n{:x};ext=1\r\n", gz.len() - 10).as_bytes());
        chunked.extend_from_slice(&gz[10..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut block =
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\nContent-Type: text/html\r\n\r\n"
                .to_vec();
        block.extend_from_slice(&chunked);
        let r = parse_response(&block, 1 << 20).unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"<html>hello</html>");
        assert_eq!(r.header("content-type"), Some("text/html"));
    }

    #[test]
    fn broken_responses_are_errors() {
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100).is_err());
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n", 100).is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx", 100).is_err());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html", 100).is_err());
    }
}
