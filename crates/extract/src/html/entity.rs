//! Character references (`&amp;`, `&#8217;`, `&#x2019;`) in text and attribute values.

#[path = "entity_table.rs"]
mod table;

use std::borrow::Cow;

/// Decodes the character references of `s`; text without `&` is returned as is.
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `s` (which begins with `&`) stands for, and the
/// reference's length in bytes.
fn reference(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (radix, start) = if matches!(b.get(2), Some(b'x' | b'X')) { (16, 3) } else { (10, 2) };
        let digits = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() && (radix == 16 || c.is_ascii_digit()))
            .count();
        if digits == 0 || digits > 8 {
            return None;
        }
        let code = u32::from_str_radix(&s[start..start + digits], radix).ok()?;
        let end = start + digits + usize::from(b.get(start + digits) == Some(&b';'));
        return Some((numeric_char(code), end));
    }
    let name_len = b[1..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || name_len > 8 {
        return None;
    }
    let name = &s[1..1 + name_len];
    let terminated = b.get(1 + name_len) == Some(&b';');
    let idx = table::NAMED.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    // Browsers accept a few legacy names without the semicolon; others must be terminated.
    if !terminated && !matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") {
        return None;
    }
    Some((table::NAMED[idx].1, 1 + name_len + usize::from(terminated)))
}

/// Numeric references as browsers read them: Windows-1252 code points for the C1 range
/// (pages written on Windows say `&#146;` for an apostrophe), U+FFFD for invalid ones.
fn numeric_char(code: u32) -> char {
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match code {
        0x80..=0x9f => C1[(code - 0x80) as usize],
        0 => '\u{fffd}',
        _ => char::from_u32(code).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_named_numeric_and_legacy_references() {
        assert_eq!(decode("Tom &amp; Jerry"), "Tom & Jerry");
        assert_eq!(decode("l&#8217;&#x00e9;t&eacute;"), "l’été");
        assert_eq!(decode("a&nbsp;b"), "a\u{a0}b");
        assert_eq!(decode("&#146;"), "’");
        assert_eq!(decode("AT&T &copy 2020"), "AT&T © 2020");
    }

    #[test]
    fn leaves_unknown_or_broken_references_alone() {
        assert_eq!(decode("a & b"), "a & b");
        assert_eq!(decode("&bogus; &#; &#xZZ;"), "&bogus; &#; &#xZZ;");
        assert_eq!(decode("?a=1&b=2"), "?a=1&b=2");
        assert_eq!(decode("no refs"), "no refs");
    }
}
