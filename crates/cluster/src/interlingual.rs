//! Anchors written the same way in every language: places by gazetteer id, calendar dates,
//! amounts and percentages by value.
//!
//! An English report and its Chinese translation share almost no words, but `Bermuda` and
//! `百慕大` are one GeoNames place, `Sep 22` and `9月22日` one date, `S$1.2 million` and
//! `120万` one amount. Typed keys (a date, a percentage) are rarer than bare numbers, so two
//! unrelated stories share them less often than they share a `10` or a `2022`.

use storyline_analyse::tokenize::{Token, TokenKind};
use storyline_geo::{Gazetteer, KeyHash, fold};

/// The longest place name tried in Han text, in characters.
const MAX_HAN_NAME: usize = 8;
/// Shortest Han name tried: two characters, since the commonest country and city names are
/// two (`美国`, `香港`); the ordinary words that are also names weigh little by their IDF.
const MIN_HAN_NAME: usize = 2;
/// One-word Latin names shorter than this are skipped.
const MIN_LATIN_NAME: usize = 4;

/// Calls `anchor` with the hashed key of every interlingual anchor of a tokenized text.
pub fn interlingual_anchors(text: &str, tokens: &[Token], anchor: &mut impl FnMut(u64)) {
    let gazetteer = Gazetteer::embedded();
    let tokens = &split_han_numbers(text, tokens);
    let word = |i: usize| tokens.get(i).map(|t: &Token| t.text(text));
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let w = t.text(text);
        if is_han(w) {
            i += han_place(text, &tokens[i..], gazetteer, anchor).max(1);
            continue;
        }
        match t.kind {
            TokenKind::Number => i += number(&tokens[i..], text, anchor),
            TokenKind::Word => {
                if let Some(month) = month_of_word(w)
                    && let Some(day) = word(i + 1).and_then(day_of_month)
                {
                    anchor(typed("date", month * 100 + day));
                    i += 2;
                } else if w.starts_with(char::is_uppercase) {
                    i += latin_place(text, &tokens[i..], gazetteer, anchor).max(1);
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
}

/// The tokenizer keeps a number and the Han characters after it together (`9月22日`,
/// `120万元`): here they are split back into digit runs and single characters.
fn split_han_numbers(text: &str, tokens: &[Token]) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for &t in tokens {
        let w = t.text(text);
        if t.kind != TokenKind::Number || w.is_ascii() {
            out.push(t);
            continue;
        }
        let mut digits: Option<usize> = None;
        for (offset, c) in w.char_indices() {
            let at = t.start + offset;
            if c.is_ascii_digit() || (digits.is_some() && matches!(c, '.' | ',')) {
                digits.get_or_insert(at);
                continue;
            }
            if let Some(start) = digits.take() {
                out.push(Token { start, end: at, kind: TokenKind::Number });
            }
            out.push(Token { start: at, end: at + c.len_utf8(), kind: TokenKind::Word });
        }
        if let Some(start) = digits {
            out.push(Token { start, end: t.end, kind: TokenKind::Number });
        }
    }
    out
}

/// The longest gazetteer name made of the Han characters starting `tokens` (the tokenizer
/// makes one token per Han character): the tokens it took, 0 if none.
fn han_place(text: &str, tokens: &[Token], gazetteer: &Gazetteer, anchor: &mut impl FnMut(u64)) -> usize {
    let mut run = 1;
    while run < tokens.len().min(MAX_HAN_NAME)
        && tokens[run].start == tokens[run - 1].end
        && is_han(tokens[run].text(text))
    {
        run += 1;
    }
    for len in (MIN_HAN_NAME..=run).rev() {
        let name = &text[tokens[0].start..tokens[len - 1].end];
        if let Some(place) = gazetteer.lookup_folded(name).first() {
            anchor(typed("place", u64::from(place.geonameid)));
            return len;
        }
    }
    0
}

/// The longest gazetteer name of capitalised Latin words starting `tokens`: the tokens it
/// took, 0 if none.
fn latin_place(text: &str, tokens: &[Token], gazetteer: &Gazetteer, anchor: &mut impl FnMut(u64)) -> usize {
    let mut hash = KeyHash::new();
    let mut words = Vec::new();
    let mut longest = 0;
    for (n, t) in tokens.iter().take(gazetteer.max_words()).enumerate() {
        let w = t.text(text);
        if t.kind != TokenKind::Word || !w.starts_with(char::is_uppercase) {
            break;
        }
        let folded = fold(w);
        hash.push(&folded);
        words.push(folded);
        let h = hash.finish();
        if gazetteer.kind_of_hash(h).is_some() {
            longest = n + 1;
        }
        if !gazetteer.is_prefix_hash(h) {
            break;
        }
    }
    // Short single words are mostly abbreviations GeoNames lists as alternate names (`The`).
    if longest == 0 || (longest == 1 && words[0].chars().count() < MIN_LATIN_NAME) {
        return 0;
    }
    if let Some(place) = gazetteer.lookup_folded(&words[..longest].join(" ")).first() {
        anchor(typed("place", u64::from(place.geonameid)));
    }
    longest
}

/// Reads the number starting `tokens` with what qualifies it: a month-day date (`9月22日`,
/// `22 September`), a percentage (`93%`, `93 per cent`), or an amount with its scale (`1.2
/// million`, `120万`, `3 juta`). Returns the tokens taken.
fn number(tokens: &[Token], text: &str, anchor: &mut impl FnMut(u64)) -> usize {
    let at = |i: usize| tokens.get(i).map_or("", |t| t.text(text));
    let Some(value) = parse_number(at(0)) else { return 1 };
    let next = fold(at(1));
    if at(1) == "月"
        && let Some(day) = day_of_month(at(2))
        && matches!(at(3), "日" | "号")
        && let Some(month) = whole(value).filter(|m| (1..=12).contains(m))
    {
        anchor(typed("date", month * 100 + day));
        return 4;
    }
    if let Some(month) = month_number(&next)
        && let Some(day) = whole(value).filter(|d| (1..=31).contains(d))
    {
        anchor(typed("date", month * 100 + day));
        return 2;
    }
    if at(1) == "%" || matches!(next.as_str(), "percent" | "peratus" | "persen") {
        anchor(typed("percent", value_key(value)));
        return 2;
    }
    if next == "per" && fold(at(2)) == "cent" {
        anchor(typed("percent", value_key(value)));
        return 3;
    }
    if let Some(scale) = scale(at(1)) {
        amount(value * scale, anchor);
        return 2;
    }
    amount(value, anchor);
    1
}

/// An amount of two digits or more (single digits say too little).
fn amount(value: f64, anchor: &mut impl FnMut(u64)) {
    if value >= 10.0 {
        anchor(typed("amount", value_key(value)));
    }
}

/// The value of a number in digits: `,` groups thousands when three digits follow it, `.`
/// is the decimal point unless it groups thousands the same way twice (`1.200.000`).
fn parse_number(s: &str) -> Option<f64> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits_only = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    let dots = s.matches('.').count();
    let cleaned: String = if dots > 1 && s.split('.').skip(1).all(|g| g.len() == 3) {
        s.replace('.', "")
    } else {
        s.split(',')
            .enumerate()
            .map(|(n, g)| if n > 0 && g.len() < 3 { format!(".{g}") } else { g.to_string() })
            .collect()
    };
    if !cleaned.split('.').all(digits_only) {
        return None;
    }
    cleaned.parse().ok()
}

/// A number's key: whole numbers as they are, others to three decimals.
fn value_key(value: f64) -> u64 {
    (value * 1000.0).round() as u64
}

fn whole(value: f64) -> Option<u64> {
    (value.fract() == 0.0).then_some(value as u64)
}

fn day_of_month(s: &str) -> Option<u64> {
    s.parse::<u64>().ok().filter(|d| (1..=31).contains(d))
}

/// What a word after a number multiplies it by.
fn scale(word: &str) -> Option<f64> {
    Some(match fold(word).as_str() {
        "thousand" | "ribu" | "千" => 1e3,
        "万" => 1e4,
        "million" | "millions" | "mil" | "mln" | "mn" | "juta" => 1e6,
        "亿" => 1e8,
        "billion" | "billions" | "bn" | "bilion" | "miliar" => 1e9,
        _ => return None,
    })
}

/// Month names of the languages in the news this stage sees most (English, Malay,
/// Indonesian), folded; the Han form (`9月`) is read with its number.
/// [`month_number`] of a word as written. Every word of every article comes here, so the
/// common case (ASCII letters only) is lowercased on the stack; anything else (`Sept.`,
/// `Mäerz`) is folded.
fn month_of_word(word: &str) -> Option<u64> {
    const LONGEST: usize = 9;
    if word.bytes().all(|b| b.is_ascii_alphabetic()) {
        if word.len() > LONGEST {
            return None;
        }
        let mut buf = [0u8; LONGEST];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return month_number(std::str::from_utf8(lower).ok()?);
    }
    month_number(&fold(word))
}

fn month_number(folded: &str) -> Option<u64> {
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "januari"],
        &["february", "feb", "februari"],
        &["march", "mar", "mac", "maret"],
        &["april", "apr"],
        &["may", "mei"],
        &["june", "jun", "juni"],
        &["july", "jul", "julai", "juli"],
        &["august", "aug", "ogos", "agustus", "ogo"],
        &["september", "sep", "sept"],
        &["october", "oct", "oktober", "okt"],
        &["november", "nov"],
        &["december", "dec", "disember", "desember", "dis", "des"],
    ];
    NAMES.iter().position(|names| names.contains(&folded)).map(|m| m as u64 + 1)
}

fn is_han(s: &str) -> bool {
    s.chars().next().is_some_and(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF))
}

/// A typed key: the same value of two types (the 22nd as a day, 22 as an amount) never meet.
fn typed(kind: &str, value: u64) -> u64 {
    let mut h = KeyHash::new();
    h.push(kind);
    h.push(&value.to_string());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_analyse::tokenize::tokenize;

    fn anchors(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        interlingual_anchors(text, &tokenize(text), &mut |k| out.push(k));
        out.sort_unstable();
        out
    }

    #[test]
    fn dates_meet_across_languages() {
        let date = [typed("date", 922)];
        assert_eq!(anchors("研究人员周四（9月22日）表示"), date);
        assert_eq!(anchors("researchers said on Thursday (Sep 22)"), date);
        assert_eq!(anchors("penyelidik berkata pada 22 September"), date);
        assert_eq!(anchors("researchers said on SEPT. 22"), date);
    }

    #[test]
    fn amounts_meet_with_their_scales() {
        let amount = [typed("amount", value_key(1_200_000.0))];
        assert_eq!(anchors("a grant of S$1.2 million"), amount);
        assert_eq!(anchors("拨款120万元"), amount);
        assert_eq!(anchors("peruntukan 1,200,000 ringgit"), amount);
        assert_eq!(anchors("peruntukan 1.2 juta"), amount);
        assert_ne!(anchors("a grant of 12 million"), amount);
    }

    #[test]
    fn percentages_are_their_own_type() {
        assert_eq!(anchors("accuracy of 87 per cent"), anchors("准确率高达87%"));
        assert_ne!(anchors("87 per cent"), anchors("87 people"));
    }

    #[test]
    fn places_meet_by_gazetteer_id_across_scripts() {
        let english = anchors("The storm moved towards Bermuda and Puerto Rico.");
        assert_eq!(english.len(), 2, "{english:?}");
        assert_eq!(anchors("风暴向百慕大和波多黎各移动"), english);
        assert!(anchors("the bermuda triangle").is_empty(), "lowercase words are not names");
    }
}
