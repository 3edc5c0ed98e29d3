//! Plain-text documents: optional front matter or a leading header, then the text as is.

use crate::{Ctx, encoding};
use std::io::BufRead;
use storyline_doc::{Body, Hints, PartialDateTime, Position, RawDocument};

pub(crate) fn read(ctx: &Ctx, r: &mut dyn BufRead) -> Result<RawDocument, crate::ReadError> {
    let bytes = ctx.read_whole(r)?;
    let decoded = encoding::decode_text(&bytes, ctx.http_charset(), ctx.tld().as_deref());
    ctx.report_decoding(&bytes, &decoded);
    let (mut hints, body) = parse(&decoded.text);
    if body.trim().is_empty() {
        return Err(
            ctx.err(Some(Position::Byte(0)), "no text: the document is blank (or holds only a header)")
        );
    }
    if hints.url.is_none() {
        hints.url = ctx.url.clone();
    }
    Ok(RawDocument { provenance: ctx.provenance(None, &bytes), body: Body::Text(body), hints })
}

/// Splits a text into the hints its front matter or header states and the text that remains.
/// Line endings become `\n`; nothing else in the text is changed.
pub fn parse(text: &str) -> (Hints, String) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text =
        if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    if let Some((hints, rest)) = front_matter(&text) {
        return (hints, rest.to_string());
    }
    let (hints, rest) = header(&text);
    (hints, rest.to_string())
}

/// Which hint a key (front matter or header keyword) sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Key {
    Title,
    Published,
    Modified,
    Url,
    Site,
    Language,
    Authors,
    Id,
    Description,
}

fn key_of(k: &str) -> Option<Key> {
    Some(match k.to_ascii_lowercase().as_str() {
        "title" | "headline" => Key::Title,
        "date" | "published" | "pubdate" | "published_at" | "date_published" => Key::Published,
        "modified" | "updated" | "lastmod" | "date_modified" => Key::Modified,
        "url" | "link" | "permalink" => Key::Url,
        "source" | "site" | "site_name" | "outlet" | "publisher" => Key::Site,
        "lang" | "language" | "locale" => Key::Language,
        "author" | "authors" | "byline" => Key::Authors,
        "id" => Key::Id,
        "description" | "summary" => Key::Description,
        _ => return None,
    })
}

fn set(h: &mut Hints, key: Key, value: &str) {
    let v = value.trim();
    if v.is_empty() {
        return;
    }
    let slot = match key {
        Key::Title => &mut h.title,
        Key::Published => &mut h.published,
        Key::Modified => &mut h.modified,
        Key::Url => &mut h.url,
        Key::Site => &mut h.site,
        Key::Language => &mut h.language,
        Key::Id => &mut h.id,
        Key::Description => &mut h.description,
        Key::Authors => {
            h.authors.push(v.to_string());
            return;
        }
    };
    if slot.is_none() {
        *slot = Some(v.to_string());
    }
}

fn unquote(v: &str) -> &str {
    let v = v.trim();
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// YAML-ish front matter between `---` lines: `key: value`, `key: [a, b]`, or a key followed
/// by `- item` lines. Anything else inside means it is not front matter, and the text is
/// left whole.
fn front_matter(text: &str) -> Option<(Hints, &str)> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut consumed = first.len();
    let mut hints = Hints::default();
    let mut last: Option<Key> = None;
    for (i, line) in lines.enumerate() {
        if i > 200 {
            return None;
        }
        consumed += line.len();
        let t = line.trim();
        if t == "---" || t == "..." {
            let rest = text.get(consumed.min(text.len())..)?;
            return Some((hints, rest.trim_start_matches('\n')));
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if let Some(item) = t.strip_prefix("- ") {
            if let Some(k) = last {
                set(&mut hints, k, unquote(item));
            }
            continue;
        }
        let (k, v) = t.split_once(':')?;
        if k.is_empty() || !k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return None;
        }
        last = key_of(k);
        let Some(key) = last else { continue };
        let v = v.trim();
        if let Some(list) = v.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            for item in list.split(',') {
                set(&mut hints, key, unquote(item));
            }
        } else {
            set(&mut hints, key, unquote(v));
        }
    }
    None
}

/// A value a header keyword may take, recognised by its shape.
fn shaped_value(key: Key, token: &str) -> bool {
    match key {
        Key::Published | Key::Modified => {
            let t = token.trim_end_matches([',', ';', '.']);
            PartialDateTime::parse_iso(t).is_ok_and(|d| (1000..=2999).contains(&d.year)) && t.len() >= 4
        }
        Key::Url => {
            (token.starts_with("http://") || token.starts_with("https://"))
                && token.split_once("://").is_some_and(|(_, r)| r.len() > 2 && r.contains('.'))
        }
        Key::Language => is_language_code(token),
        _ => false,
    }
}

/// `fr`, `fra`, `fr-FR`, `pt_BR`, `zh-Hant`.
fn is_language_code(t: &str) -> bool {
    let mut parts = t.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A leading header such as ` date 2022-01 Des véhicules...`: a keyword, then a value
/// recognised by its shape, then (on the same line) the first line of text. Keywords are
/// taken in lower case (`date 2022-01`) or with a colon (`Date: 2022-01-06`), so that a text
/// opening with "Language is..." is left alone. Free-form values (title, source, author) are
/// taken only as `key: value` filling a whole line, since nothing marks where they end.
fn header(text: &str) -> (Hints, &str) {
    let mut hints = Hints::default();
    let mut rest = text;
    for _ in 0..16 {
        let s = rest.trim_start_matches([' ', '\t']);
        let s = if s.starts_with('\n') && hints != Hints::default() { s.trim_start() } else { s };
        let kw_len = s.find(|c: char| !c.is_ascii_alphabetic() && c != '_').unwrap_or(s.len());
        let (kw, after) = s.split_at(kw_len);
        let Some(key) = key_of(kw) else { break };
        let (colon, after) = match after.strip_prefix(':') {
            Some(a) => (true, a),
            None => (false, after),
        };
        let separated = after.starts_with([' ', '\t']) || (colon && !after.starts_with('\n'));
        if !separated {
            break;
        }
        if !colon && kw.bytes().any(|b| b.is_ascii_uppercase()) {
            break;
        }
        let after = after.trim_start_matches([' ', '\t']);
        let line_end = after.find('\n').unwrap_or(after.len());
        let token_end = after[..line_end].find([' ', '\t']).unwrap_or(line_end);
        let token = &after[..token_end];
        if shaped_value(key, token) {
            set(&mut hints, key, token.trim_end_matches([',', ';']));
            rest = after[token_end..].trim_start_matches([' ', '\t']);
            continue;
        }
        let free_form = matches!(key, Key::Title | Key::Site | Key::Authors | Key::Id | Key::Description);
        if colon && free_form && line_end > 0 {
            let value = &after[..line_end];
            if key == Key::Authors {
                for a in value.split([',', ';']) {
                    set(&mut hints, key, a);
                }
            } else {
                set(&mut hints, key, value);
            }
            rest = &after[line_end..];
            continue;
        }
        break;
    }
    if hints == Hints::default() { (hints, text) } else { (hints, rest.trim_start_matches('\n')) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_header_is_split_from_the_first_line() {
        let (h, body) =
            parse(" date 2022-01 Des véhicules ont été incendiés.\n\nLes manifestations se poursuivent.");
        assert_eq!(h.published.as_deref(), Some("2022-01"));
        assert_eq!(body, "Des véhicules ont été incendiés.\n\nLes manifestations se poursuivent.");
    }

    #[test]
    fn several_header_fields_and_lines() {
        let (h, body) = parse(
            "Title: Kazakhstan: l'état d'urgence\nsource: Le Monde\ndate 2022-01-06 url https://ex.fr/a lang fr Texte ici.",
        );
        assert_eq!(h.title.as_deref(), Some("Kazakhstan: l'état d'urgence"));
        assert_eq!(h.site.as_deref(), Some("Le Monde"));
        assert_eq!(h.published.as_deref(), Some("2022-01-06"));
        assert_eq!(h.url.as_deref(), Some("https://ex.fr/a"));
        assert_eq!(h.language.as_deref(), Some("fr"));
        assert_eq!(body, "Texte ici.");
    }

    #[test]
    fn prose_that_merely_starts_with_a_keyword_is_kept() {
        for t in [
            "date limite de dépôt : demain.",
            "Language is a tool.",
            "Title fights are back.",
            "source of truth",
        ] {
            let (h, body) = parse(t);
            assert_eq!(h, Hints::default(), "{t}");
            assert_eq!(body, t);
        }
    }

    #[test]
    fn front_matter_with_lists() {
        let (h, body) = parse(
            "---\ntitle: \"Un titre\"\npublished: 2022-01-06T10:00:00+06:00\nauthors:\n  - A. Un\n  - B. Deux\nlang: fr\ntags: [x, y]\n---\n\nCorps.\r\n\r\nSuite.",
        );
        assert_eq!(h.title.as_deref(), Some("Un titre"));
        assert_eq!(h.published.as_deref(), Some("2022-01-06T10:00:00+06:00"));
        assert_eq!(h.authors, ["A. Un", "B. Deux"]);
        assert_eq!(h.language.as_deref(), Some("fr"));
        assert_eq!(body, "Corps.\n\nSuite.");
    }

    #[test]
    fn a_rule_that_is_not_front_matter_is_text() {
        let t = "---\nJust a line with a rule above.\n---\nMore.";
        let (h, body) = parse(t);
        assert_eq!(h, Hints::default());
        assert_eq!(body, t);
    }
}
