//! Dates as prose writes them: "6 janvier 2022", "January 6, 2022", "6. Januar 2022",
//! "6 de enero de 2022". Only complete day-month-year dates; partial and relative expressions
//! are the temporal tagger's business, not extraction's.

use storyline_doc::PartialDateTime;

/// Month names (and their common abbreviations) in the languages we read, lower-case.
const MONTHS: &[(&str, u8)] = &[
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

pub fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, n)| n)
}

fn number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches(['.', ',']);
    let w = w.strip_suffix("er").or_else(|| w.strip_suffix("st")).unwrap_or(w);
    let w =
        w.strip_suffix("nd").or_else(|| w.strip_suffix("rd")).or_else(|| w.strip_suffix("th")).unwrap_or(w);
    (!w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
}

/// Finds a complete date at the very end of `text` (ignoring a final full stop) and returns it
/// with the byte offset where it starts.
pub fn date_at_end(text: &str) -> Option<(PartialDateTime, usize)> {
    let trimmed = text.trim_end().trim_end_matches('.').trim_end();
    // The last three words that are not connectors ("6 de enero de 2022", "3rd of March").
    let mut tail: Vec<(usize, &str)> =
        word_offsets(trimmed).into_iter().rev().filter(|(_, w)| !matches!(*w, "de" | "of")).take(3).collect();
    tail.reverse();
    let [(first_at, first), (_, second), (_, third)] = tail[..] else { return None };
    let year = number(third).filter(|y| (1000..=2999).contains(y))? as i32;
    let (day, month) = match (number(first), month_number(second)) {
        (Some(day), Some(month)) => (day, month),
        _ => (number(second)?, month_number(first)?),
    };
    Some((PartialDateTime::day(year, month, u8::try_from(day).ok()?)?, first_at))
}

fn word_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_trailing_dates_in_four_languages() {
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
            assert!(text[at..].chars().next().unwrap().is_alphanumeric(), "{text}");
        }
    }

    #[test]
    fn rejects_incomplete_or_impossible_dates() {
        for text in ["Il est parti en mars 2021.", "Le 31 février 2021", "Version 2.0 released", "", "2021"]
        {
            assert!(date_at_end(text).is_none(), "{text}");
        }
    }
}
