//! Character encoding detection: BOM, declared charset (HTTP header, `<meta>`, XML
//! declaration), UTF-8 validity, then `chardetng` for legacy encodings.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How many bytes `chardetng` sees: enough to be sure, bounded so a huge page stays cheap.
const DETECT_BYTES: usize = 256 * 1024;
/// How far into a page a `<meta charset>` is looked for (browsers look at 1024 bytes; real
/// pages often put it later, after scripts and comments).
const META_SCAN_BYTES: usize = 8 * 1024;

#[derive(Debug)]
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Some bytes could not be decoded and became U+FFFD.
    pub lossy: bool,
    /// Where the encoding came from, for warnings.
    pub how: &'static str,
}

/// The encoding a byte-order mark announces, with the BOM's length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// An encoding from a label such as `ISO-8859-1` or `utf8`, as browsers map labels.
pub(crate) fn from_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(label.as_bytes())
}

/// The `charset` parameter of a `Content-Type` header value.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// The charset an HTML page declares in a `<meta charset>` or `<meta http-equiv
/// content="...; charset=...">` near its top.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let finder = memchr::memmem::Finder::new(b"<meta");
    for at in finder.find_iter(&lower) {
        let tag_end = memchr::memchr(b'>', &lower[at..]).map_or(lower.len(), |e| at + e);
        let tag = &lower[at..tag_end];
        let Some(c) = memchr::memmem::find(tag, b"charset") else { continue };
        let rest = &tag[c + 7..];
        let rest = trim_ascii_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else { continue };
        let rest = trim_ascii_start(rest);
        let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // A page that was decoded enough to read this meta is not UTF-16; browsers treat
            // such a declaration as UTF-8, and `x-user-defined` as windows-1252.
            return Some(if enc == UTF_16LE || enc == UTF_16BE {
                UTF_8
            } else if enc.name() == "x-user-defined" {
                WINDOWS_1252
            } else {
                enc
            });
        }
    }
    None
}

/// The `encoding` pseudo-attribute of an `<?xml ...?>` declaration.
pub(crate) fn xml_decl_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = memchr::memmem::find(head, b"<?xml")?;
    let end = memchr::memmem::find(&head[start..], b"?>")? + start;
    let decl = &head[start..end];
    let at = memchr::memmem::find(decl, b"encoding")?;
    let rest = trim_ascii_start(&decl[at + 8..]);
    let rest = trim_ascii_start(rest.strip_prefix(b"=")?);
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = memchr::memchr(quote, value)?;
    Encoding::for_label(&value[..close])
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Whether invalid UTF-8 is better explained as damaged UTF-8 than as a legacy encoding:
/// the text holds well-formed multi-byte sequences, and more of them than stray bytes. A
/// legacy-encoded text almost never forms a valid multi-byte UTF-8 sequence by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|b| *b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = e.valid_up_to();
                good += rest[..valid].iter().filter(|b| **b >= 0xC0).count();
                bad += 1;
                let skip = valid + e.error_len().unwrap_or(rest.len() - valid).max(1);
                rest = &rest[skip.min(rest.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    good > 0 && good >= bad
}

/// Top-level domain of a URL, a hint `chardetng` weighs (`.ru` favours Cyrillic encodings).
pub(crate) fn tld_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic())).then(|| tld.to_ascii_lowercase())
}

fn guess(bytes: &[u8], tld: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(&bytes[..bytes.len().min(DETECT_BYTES)], bytes.len() <= DETECT_BYTES);
    det.guess(tld.map(str::as_bytes), chardetng::Utf8Detection::Deny)
}

/// Decodes with `enc`, BOM removed.
fn decode_with(bytes: &[u8], enc: &'static Encoding, how: &'static str) -> Decoded {
    let (text, encoding, lossy) = enc.decode(bytes);
    Decoded { text: text.into_owned(), encoding, lossy, how }
}

/// Decides what `declared` (an HTTP or in-document declaration) is worth: a page that says
/// latin-1 but is valid UTF-8 with non-ASCII letters is UTF-8 (a common server
/// misconfiguration; valid multi-byte UTF-8 almost never arises from a legacy encoding).
fn trust_declared(bytes: &[u8], declared: &'static Encoding) -> &'static Encoding {
    if declared != UTF_8
        && declared.is_single_byte()
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok()
    {
        UTF_8
    } else {
        declared
    }
}

/// Decodes a plain-text document.
pub(crate) fn decode_text(bytes: &[u8], declared: Option<&'static Encoding>, tld: Option<&str>) -> Decoded {
    if let Some((enc, _)) = bom(bytes) {
        return decode_with(bytes, enc, "byte-order mark");
    }
    if let Some(enc) = declared {
        return decode_with(bytes, trust_declared(bytes, enc), "declared charset");
    }
    undeclared(bytes, tld)
}

fn undeclared(bytes: &[u8], tld: Option<&str>) -> Decoded {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded { text: s.to_string(), encoding: UTF_8, lossy: false, how: "valid UTF-8" };
    }
    if mostly_utf8(bytes) {
        return decode_with(bytes, UTF_8, "damaged UTF-8");
    }
    decode_with(bytes, guess(bytes, tld), "detected")
}

/// Decodes an HTML page: BOM, then the HTTP charset, then `<meta>`, then detection.
pub(crate) fn decode_html(
    bytes: &[u8],
    http_charset: Option<&'static Encoding>,
    tld: Option<&str>,
) -> Decoded {
    if let Some((enc, _)) = bom(bytes) {
        return decode_with(bytes, enc, "byte-order mark");
    }
    if let Some(enc) = http_charset {
        return decode_with(bytes, trust_declared(bytes, enc), "HTTP charset");
    }
    if let Some(enc) = meta_charset(bytes) {
        return decode_with(bytes, trust_declared(bytes, enc), "meta charset");
    }
    undeclared(bytes, tld)
}

/// The encoding of a feed's byte stream: BOM, XML declaration, HTTP charset, else UTF-8 as
/// XML prescribes (invalid bytes then become U+FFFD).
pub(crate) fn feed_encoding(head: &[u8], http_charset: Option<&'static Encoding>) -> &'static Encoding {
    if let Some((enc, _)) = bom(head) {
        return enc;
    }
    match xml_decl_encoding(head).or(http_charset) {
        // The declaration is ASCII, so the stream cannot really be UTF-16 without a BOM.
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => UTF_8,
        Some(enc) => enc,
        None => UTF_8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_in_both_forms() {
        assert_eq!(
            meta_charset(b"<html><head><meta charset=\"windows-1251\">"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(
            meta_charset(b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=ISO-8859-1'>"),
            Some(WINDOWS_1252)
        );
        assert_eq!(meta_charset(b"<meta name=x content=y>"), None);
    }

    #[test]
    fn xml_declaration_and_content_type() {
        assert_eq!(
            xml_decl_encoding(b"<?xml version='1.0' encoding='KOI8-R'?><rss>"),
            Some(encoding_rs::KOI8_R)
        );
        assert_eq!(charset_param("text/html; Charset=\"utf-8\""), Some("utf-8"));
        assert_eq!(tld_of("https://www.example.ru/a"), Some("ru".into()));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut b =
            "Les manifestations se poursuivent à Almaty, où l'armée est déployée.".as_bytes().to_vec();
        b.push(0xff);
        let d = decode_text(&b, None, None);
        assert_eq!(d.encoding, UTF_8);
        assert!(d.lossy);
        assert!(d.text.contains("déployée"));
    }

    #[test]
    fn declared_latin1_that_is_utf8_is_utf8() {
        let d = decode_html("<meta charset=iso-8859-1><p>été</p>".as_bytes(), None, None);
        assert!(d.text.contains("été"));
    }
}
