//! Dates as pages and prose write them: in URLs (`/2022/01/06/`) and in visible text
//! ("January 6, 2022", "6 janvier 2022", "6. Januar 2022", "6 de enero de 2022", "06.01.2022").
//! Only complete dates; partial and relative expressions are the temporal tagger's business.

use storyline_doc::PartialDateTime;

/// Month names and abbreviations (lower-case) in English, French, German, Spanish, Italian
/// and Portuguese.
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    ("january", 1), ("jan", 1), ("janvier", 1), ("janv", 1), ("januar", 1), ("jänner", 1), ("enero", 1), ("ene", 1),
    ("gennaio", 1), ("janeiro", 1),
    ("february", 2), ("feb", 2), ("février", 2), ("fevrier", 2), ("févr", 2), ("fev", 2), ("fév", 2), ("februar", 2),
    ("febrero", 2), ("febbraio", 2), ("fevereiro", 2),
    ("march", 3), ("mar", 3), ("mars", 3), ("märz", 3), ("maerz", 3), ("marzo", 3), ("março", 3), ("marco", 3),
    ("april", 4), ("apr", 4), ("avril", 4), ("avr", 4), ("abril", 4), ("abr", 4), ("aprile", 4),
    ("may", 5), ("mai", 5), ("mayo", 5), ("maggio", 5), ("maio", 5),
    ("june", 6), ("jun", 6), ("juin", 6), ("juni", 6), ("junio", 6), ("giugno", 6), ("junho", 6),
    ("july", 7), ("jul", 7), ("juillet", 7), ("juil", 7), ("juli", 7), ("julio", 7), ("luglio", 7), ("julho", 7),
    ("august", 8), ("aug", 8), ("août", 8), ("aout", 8), ("agosto", 8), ("ago", 8),
    ("september", 9), ("sep", 9), ("sept", 9), ("septembre", 9), ("septiembre", 9), ("setiembre", 9), ("settembre", 9),
    ("setembro", 9), ("set", 9),
    ("october", 10), ("oct", 10), ("octobre", 10), ("oktober", 10), ("okt", 10), ("octubre", 10), ("ottobre", 10),
    ("outubro", 10), ("out", 10),
    ("november", 11), ("nov", 11), ("novembre", 11), ("noviembre", 11), ("novembro", 11),
    ("december", 12), ("dec", 12), ("décembre", 12), ("decembre", 12), ("déc", 12), ("dezember", 12), ("dez", 12),
    ("diciembre", 12), ("dic", 12), ("dicembre", 12), ("dezembro", 12),
];

fn month_number(word: &str) -> Option<u8> {
    let w = word.to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, n)| n)
}

/// Years a news page's own date can plausibly have.
fn plausible_year(y: u32) -> bool {
    (1990..=2100).contains(&y)
}

/// The date in a URL's path: `/2022/01/06/`, `/2022/01/`, `/2022-01-06-title`, `/20220106/`.
pub fn from_url(url: &str) -> Option<PartialDateTime> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())?
        };
        if let Some(y) = num(seg, 4..=4).filter(|&y| plausible_year(y)) {
            let Some(m) = segments.get(i + 1).and_then(|s| num(s, 1..=2)).filter(|m| (1..=12).contains(m))
            else {
                continue;
            };
            let day = segments.get(i + 2).and_then(|s| num(s, 1..=2));
            return match day.and_then(|d| PartialDateTime::day(y as i32, m as u8, d as u8)) {
                Some(d) => Some(d),
                None => PartialDateTime::month(y as i32, m as u8),
            };
        }
        // A date at the start of a segment or of a hyphenated part: 2022-01-06, 20220106.
        for part in seg.split(['_', '.']) {
            let b = part.as_bytes();
            if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
                if let Ok(d) = PartialDateTime::parse_iso(&part[..10])
                    && plausible_year(d.year as u32)
                {
                    return Some(d);
                }
            } else if b.len() == 8
                && b.iter().all(u8::is_ascii_digit)
                && let Ok(d) = PartialDateTime::parse_iso(part)
                && plausible_year(d.year as u32)
            {
                return Some(d);
            }
        }
    }
    None
}

/// A run of letters and digits in the text.
struct Word<'a> {
    text: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word { text: &text[s..i] });
        }
    }
    out
}

/// A day number, with the ordinal suffixes of the languages read ("1er", "3rd", "21st").
fn day_number(w: &str) -> Option<u8> {
    let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
    let suffix = &w[digits.len()..];
    if !matches!(suffix.to_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "o") {
        return None;
    }
    let d: u8 = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(w: &str) -> Option<i32> {
    (w.len() == 4).then(|| w.parse::<u32>().ok().filter(|&y| plausible_year(y)).map(|y| y as i32))?
}

/// The first complete date written in `text`, as words ("6 January 2022", "January 6th,
/// 2022", "le 6 janvier 2022", "6. Januar 2022", "6 de enero de 2022") or as digits
/// ("06.01.2022", "2022-01-06", "2022/01/06", "01/06/2022"). `month_first` says how to read an
/// ambiguous `01/06/2022` (American English writes the month first).
pub fn find_in_text(text: &str, month_first: bool) -> Option<PartialDateTime> {
    let ws = words(text);
    let connector = |w: &str| matches!(w.to_lowercase().as_str(), "de" | "of" | "del");
    for i in 0..ws.len() {
        let at = |k: usize| ws.get(k).map(|w| w.text);
        // Numeric dates are runs of digit words separated by `.`, `/` or `-`.
        if let Some(d) = numeric_at(text, &ws, i, month_first) {
            return Some(d);
        }
        // Day, month, year.
        if let Some(day) = day_number(ws[i].text) {
            let mut k = i + 1;
            if at(k).is_some_and(connector) {
                k += 1;
            }
            if let Some(month) = at(k).and_then(month_number) {
                let mut k2 = k + 1;
                if at(k2).is_some_and(connector) {
                    k2 += 1;
                }
                if let Some(year) = at(k2).and_then(year_number)
                    && let Some(d) = PartialDateTime::day(year, month, day)
                {
                    return Some(d);
                }
            }
        }
        // Month, day, year.
        if let Some(month) = month_number(ws[i].text)
            && let Some(day) = at(i + 1).and_then(day_number)
            && let Some(year) = at(i + 2).and_then(year_number)
            && let Some(d) = PartialDateTime::day(year, month, day)
        {
            return Some(d);
        }
    }
    None
}

/// A complete date written in words that closes `text` (a final full stop aside), with the
/// byte offset where it starts: the trailer of a photo caption ("..., le 3 mars 2021.").
pub fn date_at_end(text: &str) -> Option<(PartialDateTime, usize)> {
    let trimmed = text.trim_end().trim_end_matches('.').trim_end();
    let ws = words(trimmed);
    let offset = |w: &Word| w.text.as_ptr() as usize - trimmed.as_ptr() as usize;
    if ws.last().is_none_or(|w| offset(w) + w.text.len() != trimmed.len()) {
        return None;
    }
    let connector = |w: &&Word| matches!(w.text.to_lowercase().as_str(), "de" | "of" | "del");
    let mut tail: Vec<&Word> = ws.iter().rev().filter(|w| !connector(w)).take(3).collect();
    tail.reverse();
    let [first, second, third] = tail[..] else { return None };
    let year = year_number(third.text)?;
    let (day, month) = match (day_number(first.text), month_number(second.text)) {
        (Some(day), Some(month)) => (day, month),
        _ => (day_number(second.text)?, month_number(first.text)?),
    };
    Some((PartialDateTime::day(year, month, day)?, offset(first)))
}

fn numeric_at(text: &str, ws: &[Word], i: usize, month_first: bool) -> Option<PartialDateTime> {
    let parts: Vec<&str> = ws.get(i..i + 3)?.iter().map(|w| w.text).collect();
    if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    // The three numbers must be joined by one and the same separator.
    let start = parts[0].as_ptr() as usize - text.as_ptr() as usize;
    let end = parts[2].as_ptr() as usize - text.as_ptr() as usize + parts[2].len();
    let span = &text[start..end];
    let sep = span[parts[0].len()..].chars().next()?;
    if !matches!(sep, '.' | '/' | '-') || span.len() != parts.iter().map(|p| p.len()).sum::<usize>() + 2 {
        return None;
    }
    let n = |s: &str| s.parse::<u32>().ok();
    let (a, b, c) = (n(parts[0])?, n(parts[1])?, n(parts[2])?);
    if parts[0].len() == 4 {
        return PartialDateTime::day(a as i32, b as u8, c as u8).filter(|_| plausible_year(a));
    }
    if parts[2].len() != 4 || !plausible_year(c) || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let (day, month) = match sep {
        '/' if month_first && a <= 12 => (b, a),
        _ if a > 12 => (a, b),
        '/' | '-' if month_first => (b, a),
        _ => (a, b),
    };
    PartialDateTime::day(c as i32, month as u8, day as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_date(s: &str) -> Option<String> {
        find_in_text(s, false).map(|d| d.to_string())
    }

    #[test]
    fn textual_dates_in_four_languages() {
        for (s, want) in [
            ("Published January 6, 2022 at 3pm", "2022-01-06"),
            ("Jan. 6th, 2022", "2022-01-06"),
            ("Updated 6 January 2022", "2022-01-06"),
            ("Publié le jeudi 6 janvier 2022 à 10h", "2022-01-06"),
            ("le 1er mai 2019", "2019-05-01"),
            ("Veröffentlicht am 6. Januar 2022", "2022-01-06"),
            ("6. März 2021, 10:00 Uhr", "2021-03-06"),
            ("Madrid, 6 de enero de 2022", "2022-01-06"),
            ("Stand: 06.01.2022 14:30", "2022-01-06"),
            ("2022-01-06", "2022-01-06"),
            ("2022/01/06", "2022-01-06"),
        ] {
            assert_eq!(text_date(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn ambiguous_slashes_follow_the_language() {
        assert_eq!(find_in_text("01/06/2022", true).unwrap().to_string(), "2022-01-06");
        assert_eq!(find_in_text("01/06/2022", false).unwrap().to_string(), "2022-06-01");
        assert_eq!(find_in_text("25/06/2022", true).unwrap().to_string(), "2022-06-25");
    }

    #[test]
    fn no_date_without_day_month_and_year() {
        for s in ["in March 2021", "version 2.0.1", "31 February 2021", "call 555-1234", "May the force", ""]
        {
            assert_eq!(text_date(s), None, "{s}");
        }
    }

    #[test]
    fn trailing_dates_in_four_languages() {
        for (text, want) in [
            ("Scène de rue à Lyon, le 3 mars 2021.", "2021-03-03"),
            ("A street in Leeds, Britain, March 3, 2021.", "2021-03-03"),
            ("A street in Leeds on 3rd March 2021", "2021-03-03"),
            ("Eine Straße in Köln am 3. März 2021.", "2021-03-03"),
            ("Una calle de Sevilla, el 3 de marzo de 2021.", "2021-03-03"),
            ("Le 1er mai 2019", "2019-05-01"),
        ] {
            let (date, at) = date_at_end(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(date.to_string(), want, "{text}");
            assert!(text[at..].starts_with(|c: char| c.is_alphanumeric()), "{text}");
        }
        for text in
            ["Il est parti en mars 2021.", "Le 31 février 2021", "Le 3 mars 2021 il pleuvait.", "", "2021"]
        {
            assert!(date_at_end(text).is_none(), "{text}");
        }
    }

    #[test]
    fn url_dates() {
        let d = |u: &str| from_url(u).map(|d| d.to_string());
        assert_eq!(d("https://x.com/2022/01/06/story.html").as_deref(), Some("2022-01-06"));
        assert_eq!(d("https://x.com/news/2022/01/story").as_deref(), Some("2022-01"));
        assert_eq!(d("https://x.com/a/2022-01-06-story").as_deref(), Some("2022-01-06"));
        assert_eq!(d("https://x.com/a/20220106/story").as_deref(), Some("2022-01-06"));
        assert_eq!(d("https://x.com/2022/story-1234"), None);
        assert_eq!(d("https://x.com/product/12345678"), None);
    }
}
