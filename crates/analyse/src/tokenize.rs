//! Tokens with byte offsets into the original text.
//!
//! The tokenizer never copies or normalises the text: a [`Token`] is a byte range, so every
//! later layer (sentences, entities) maps back to the article exactly. Its conventions follow
//! the CoNLL/WikiNEuRal training data the NER models learn from, so that what the models see
//! at run time looks like what they were trained on:
//!
//! - French (and Italian) elisions keep their apostrophe, straight or curly: `l’`, `qu'`,
//!   `jusqu’`, `dell'`; other word-internal apostrophes stay (`aujourd’hui`, `O'Brien`);
//!   English clitics split off (`Germany` `'s`, `do` `n't`), as in CoNLL-2003.
//! - Hyphens between letters or digits stay inside the word (`Kassym-Jomart`, `COVID-19`,
//!   `2022-01-06`).
//! - Numbers keep their decimal separator (`3,5`, `3.5`) and their thousands groups, with a
//!   space, a no-break space or a narrow no-break space (`1 000`, `12 500 000`).
//! - Known abbreviations, initials and dotted acronyms keep their period (`M.`, `J.`, `U.S.`).
//! - Quotes and brackets are tokens of their own; `...` is one token.
//! - Han and kana characters are one token each (those scripts write no spaces).

/// What kind of text a token covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with digits, hyphens, apostrophes or abbreviation periods.
    Word,
    /// Starts with a digit: numbers, dates, times, `1er`, `5G`.
    Number,
    /// Punctuation and quotes.
    Punct,
    /// Anything else: currency, emoji, other symbols.
    Symbol,
    /// A URL or an e-mail address.
    Url,
}

/// A half-open byte range over the tokenized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Elided words that keep their apostrophe and stand alone, compared lowercased.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu",
    // Italian
    "dell", "all", "dall", "nell", "sull", "coll", "quell", "quest", "un", "gl", "anch", "dov", "com",
];

/// English clitics split off the word before them (`Germany's` → `Germany` `'s`).
const CLITICS: &[&str] = &["s", "re", "ve", "ll", "d", "m"];

/// Words that keep a following period, compared lowercased. Titles, months and usual
/// abbreviations of the news languages; single letters (initials) are handled apart.
const ABBREVIATIONS: &[&str] = &[
    "m", "mm", "mme", "mmes", "mlle", "mlles", "me", "mgr", "dr", "drs", "pr", "mr", "mrs", "ms", "messrs",
    "prof", "st", "ste", "sts", "gen", "gén", "col", "cdt", "lt", "sgt", "capt", "cpt", "adm", "sen", "rep",
    "gov", "pres", "jr", "sr", "rev", "hon", "etc", "cf", "vs", "env", "av", "apr", "art", "p", "pp", "vol",
    "no", "nº", "inc", "ltd", "co", "corp", "bros", "jan", "feb", "mar", "aug", "sep", "sept", "oct", "nov",
    "dec", "janv", "févr", "fév", "avr", "juil", "déc", "bd", "boul", "ch", "éd", "ed", "eds", "fig", "tél",
    "tel", "z", "dir", "coord", "hr", "fr", "nr", "bzw", "ca", "usw", "vgl", "str", "sr", "sra", "srta",
    "dña", "da", "dra", "ud", "uds", "hno", "núm", "blz", "mevr", "dhr", "mw", "ds", "ul", "al", "tzn", "np",
    "ok", "itd", "itp", "tys", "mln", "mld", "г", "гг", "ул", "им", "т", "д", "тыс", "млн", "млрд", "руб",
    "см",
];

/// Splits `text` into tokens; whitespace separates tokens and is never part of one.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// [`tokenize`] appending to a caller's buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let mut s = Scanner { text, pos: 0 };
    while let Some(c) = s.peek() {
        if c.is_whitespace() || is_invisible(c) {
            s.bump(c);
            continue;
        }
        let start = s.pos;
        // `None`: the scan pushed its tokens itself (a word split from its clitic).
        if let Some(kind) = s.token(c, out) {
            out.push(Token { start, end: s.pos, kind });
        }
    }
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn bump(&mut self, c: char) {
        self.pos += c.len_utf8();
    }

    /// Scans one token starting with `c` and says its kind. May push tokens itself when one
    /// scan yields two (a word and its clitic).
    fn token(&mut self, c: char, out: &mut Vec<Token>) -> Option<TokenKind> {
        if let Some(end) = url_end(self.text, self.pos) {
            self.pos = end;
            return Some(TokenKind::Url);
        }
        if is_cjk(c) {
            self.bump(c);
            return Some(TokenKind::Word);
        }
        if is_word_char(c) {
            return self.word(out);
        }
        if c == '.' && self.text[self.pos..].starts_with("...") {
            self.pos += self.text[self.pos..].bytes().take_while(|&b| b == b'.').count();
            return Some(TokenKind::Punct);
        }
        if c == '\'' || c == '’' {
            // A clitic after a word the previous scan ended at (`n't` handled in `word`).
            let after = self.pos + c.len_utf8();
            let rest = &self.text[after..];
            let word_len = rest.chars().take_while(|&ch| is_word_char(ch)).map(char::len_utf8).sum::<usize>();
            let glued_to_word = out.last().is_some_and(|t| t.end == self.pos && t.kind == TokenKind::Word);
            if glued_to_word && word_len > 0 && CLITICS.contains(&rest[..word_len].to_lowercase().as_str()) {
                self.pos = after + word_len;
                return Some(TokenKind::Word);
            }
        }
        self.bump(c);
        if is_punct(c) {
            return Some(TokenKind::Punct);
        }
        // Keep marks and joiners that decorate a symbol (emoji sequences) with it.
        while let Some(n) = self.peek() {
            if is_mark(n)
                || n == '\u{200d}'
                || ('\u{fe00}'..='\u{fe0f}').contains(&n)
                || ('\u{1f3fb}'..='\u{1f3ff}').contains(&n)
            {
                self.bump(n);
                if n == '\u{200d}'
                    && let Some(m) = self.peek()
                    && !m.is_whitespace()
                {
                    self.bump(m);
                }
            } else {
                break;
            }
        }
        Some(TokenKind::Symbol)
    }

    fn word(&mut self, out: &mut Vec<Token>) -> Option<TokenKind> {
        let start = self.pos;
        let kind = if self.peek().is_some_and(|c| c.is_ascii_digit() || c.is_numeric()) {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // Length in digits of the current digit group, for thousands separated by spaces.
        let mut group = 0usize;
        let mut only_digits_and_groups = kind == TokenKind::Number;
        // Letters since the last period, to glue dotted acronyms (`U.S.A`) only.
        let mut segment_letters = 0usize;
        let mut had_internal_period = false;
        while let Some(c) = self.peek() {
            if is_word_char(c) {
                if c.is_ascii_digit() {
                    group += 1;
                } else {
                    only_digits_and_groups = false;
                    group = 0;
                }
                if c.is_alphabetic() {
                    segment_letters += 1;
                }
                self.bump(c);
                continue;
            }
            let next_at = self.pos + c.len_utf8();
            let next = self.peek_at(next_at);
            let prev = self.text[start..self.pos].chars().next_back().unwrap_or(' ');
            match c {
                '\'' | '’' | 'ʼ' => {
                    let word = &self.text[start..self.pos];
                    let lower = word.to_lowercase();
                    if next.is_some_and(char::is_alphabetic) && ELISIONS.contains(&lower.as_str()) {
                        self.pos = next_at;
                        return Some(TokenKind::Word);
                    }
                    // `don't` → `do` `n't`, as CoNLL-2003 writes it.
                    if prev == 'n'
                        && matches!(next, Some('t' | 'T'))
                        && !self.peek_at(next_at + 1).is_some_and(is_word_char)
                        && word.len() > 1
                    {
                        let cut = self.pos - 1;
                        out.push(Token { start, end: cut, kind });
                        let end = next_at + 1;
                        out.push(Token { start: cut, end, kind: TokenKind::Word });
                        self.pos = end;
                        return None;
                    }
                    if prev.is_alphabetic() && next.is_some_and(char::is_alphabetic) {
                        let rest = &self.text[next_at..];
                        let clitic_len = rest
                            .chars()
                            .take_while(|&ch| is_word_char(ch))
                            .map(char::len_utf8)
                            .sum::<usize>();
                        if CLITICS.contains(&rest[..clitic_len].to_lowercase().as_str()) {
                            break;
                        }
                        self.pos = next_at;
                        segment_letters = 0;
                        continue;
                    }
                    break;
                }
                '-' | '‐' | '‑' | '/' | '&' | '_' | '+'
                    if is_word_char(prev) && next.is_some_and(is_word_char) =>
                {
                    if c == '/' && !(prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())) {
                        break;
                    }
                    if c == '+' && !next.is_some_and(|n| n.is_ascii_digit()) {
                        break;
                    }
                    only_digits_and_groups = false;
                    group = 0;
                    segment_letters = 0;
                    self.pos = next_at;
                }
                '.' | ',' | ':' if prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()) => {
                    group = 0;
                    self.pos = next_at;
                }
                '.' if prev.is_alphabetic()
                    && segment_letters <= 2
                    && next.is_some_and(char::is_alphabetic)
                    && dotted_segment_follows(&self.text[next_at..]) =>
                {
                    had_internal_period = true;
                    segment_letters = 0;
                    self.pos = next_at;
                }
                ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'
                    if only_digits_and_groups
                        && (1..=3).contains(&group)
                        && thousands_group(self.text, next_at) =>
                {
                    group = 0;
                    self.pos = next_at;
                }
                _ => break,
            }
        }
        // Keep the period of an abbreviation, an initial or a dotted acronym.
        if self.peek() == Some('.') && !self.text[self.pos..].starts_with("..") {
            let word = &self.text[start..self.pos];
            let lower = word.to_lowercase();
            let mut chars = word.chars();
            let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
            if had_internal_period || initial || ABBREVIATIONS.contains(&lower.as_str()) {
                self.pos += 1;
            }
        }
        Some(kind)
    }
}

/// A word character: letter, digit, or combining mark (accents written apart, Indic vowel
/// signs), which must never split a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks of the main scripts (std has no general category table).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A4D | 0x0B01..=0x0B57
        | 0x0BBE..=0x0BCD | 0x0C00..=0x0C56 | 0x0D00..=0x0D57 | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x0EB1..=0x0EBC | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C
        | 0x20D0..=0x20FF | 0x302A..=0x302F | 0x3099..=0x309A | 0xFE20..=0xFE2F)
}

/// Zero-width and formatting characters that separate nothing and belong to no token.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}')
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Punctuation, as opposed to other symbols.
pub fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' | '#' | '@')
        || matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F | 0xFF01..=0xFF0F)
        || matches!(c, '«' | '»' | '¡' | '¿' | '·' | '§' | '¶' | '、' | '。' | '؟' | '،' | '؛' | '।' | '॥')
}

/// `U.S.A`: a period is internal to an acronym only when another short dotted segment or a
/// final period follows, so that `fin.Le` (a missing space) still splits.
fn dotted_segment_follows(rest: &str) -> bool {
    let seg: usize = rest.chars().take_while(|c| c.is_alphabetic()).map(char::len_utf8).sum();
    let letters = rest[..seg].chars().count();
    letters <= 2 && rest[seg..].starts_with('.')
}

/// A thousands group: exactly three digits, then no further digit or letter.
fn thousands_group(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at + 3 > bytes.len() || !bytes[at..at + 3].iter().all(u8::is_ascii_digit) {
        return false;
    }
    !text[at + 3..].chars().next().is_some_and(is_word_char)
}

/// The end of a URL or e-mail address starting at `at`, trailing punctuation left out.
fn url_end(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let chunk_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let chunk = &rest[..chunk_len];
    let lower_start = chunk.get(..8).unwrap_or(chunk).to_ascii_lowercase();
    let is_url = lower_start.starts_with("http://")
        || lower_start.starts_with("https://")
        || lower_start.starts_with("www.");
    let is_email = !is_url && {
        let core = chunk.trim_end_matches(|c: char| is_punct(c));
        let mut parts = core.splitn(2, '@');
        let (user, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        !user.is_empty()
            && user.chars().all(|c| c.is_alphanumeric() || "._-+".contains(c))
            && domain.contains('.')
            && domain.chars().all(|c| c.is_alphanumeric() || ".-".contains(c))
            && !domain.ends_with('.')
    };
    if !is_url && !is_email {
        return None;
    }
    let trimmed = chunk.trim_end_matches(|c: char| is_punct(c) && c != '/');
    Some(at + trimmed.len())
}

#[cfg(test)]
#[path = "tokenize_tests.rs"]
mod tests;
