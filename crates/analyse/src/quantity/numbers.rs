//! Cardinal numbers in digits ("1 000", "3,5", "1,000.5", "1.000") and in words
//! ("vingt-trois", "quatre-vingt-dix", "twenty-three", "a hundred", "dreiundzwanzig",
//! "veintitrés", "dos mil millones") for French, English, German and Spanish.
//!
//! Words are parsed as a sum of groups, each a small number (below a thousand) times a scale
//! (thousand, million, ...); a small number accepts a part only if it fills a place still
//! empty ("vingt" then "trois", not "trois" then "vingt"), so two numbers side by side
//! ("deux, trois") never add up.

use super::Lang;

/// One meaningful piece of a number word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Atom {
    /// A number below a thousand that adds to the current group: "sept", "twenty", "doscientos".
    Small(u64),
    /// Multiplies the current group by a hundred: "cent", "hundred", "hundert", "ciento".
    Hundred,
    /// Closes the groups below it: "mille", "thousand", "million", "Milliarden", "mil".
    /// `plural` scales ("millions", "milliers") never start a number: alone they are vague.
    Scale { value: u64, plural: bool },
    /// "et", "and", "y", joining two parts of one number.
    And,
}

/// A word-number parse: its value, how many tokens it took, and whether it is only an
/// indefinite article ("un", "une", "a", "ein", "una"), which counts only where the context
/// says so ("un policier a été tué").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WordNumber {
    pub value: u64,
    pub tokens: usize,
    pub article_only: bool,
}

/// The value of a number written in digits, with the separators of `lang`: groups of three
/// after a space (or a no-break space) or after the language's thousands mark (`,` in English,
/// `.` elsewhere); a last separator that is the decimal mark, or not followed by three digits,
/// is the decimal point. `None` for anything else (clock times, dates, codes).
pub fn parse_digits(s: &str, lang: Lang) -> Option<f64> {
    let (thousands, decimal) = match lang {
        Lang::En => (',', '.'),
        Lang::Fr | Lang::De | Lang::Es => ('.', ','),
    };
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        if !(c == ',' || c == '.' || is_space(c)) {
            return None;
        }
        groups.push(&s[start..i]);
        seps.push(c);
        start = i + c.len_utf8();
    }
    groups.push(&s[start..]);
    if groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    let last = seps.len().checked_sub(1);
    let decimal_at = last.filter(|&k| {
        let sep = seps[k];
        !is_space(sep) && (sep == decimal || groups[k + 1].len() != 3)
    });
    // "1,000,00": a thousands mark cannot also be the decimal point.
    if let Some(k) = decimal_at
        && seps[k] != decimal
        && seps[..k].contains(&seps[k])
    {
        return None;
    }
    let integer_groups = decimal_at.map_or(groups.len(), |k| k + 1);
    for (k, &sep) in seps.iter().enumerate().take(integer_groups - 1) {
        if !(is_space(sep) || sep == thousands) || groups[k + 1].len() != 3 {
            return None;
        }
    }
    if integer_groups > 1 && groups[0].len() > 3 {
        return None;
    }
    let mut digits: String = groups[..integer_groups].concat();
    if let Some(k) = decimal_at {
        digits.push('.');
        digits.push_str(groups[k + 1]);
    }
    digits.parse().ok()
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Parses the longest number written in words at the start of `words` (folded: lowercase,
/// no accents; see [`crate::time`]'s folding).
pub fn parse_words(words: &[&str], lang: Lang) -> Option<WordNumber> {
    let mut acc = Acc::default();
    let mut taken = 0;
    let mut atoms = Vec::new();
    let mut pending_and = false;
    for &w in words {
        atoms.clear();
        if !atoms_of(w, lang, &mut atoms) {
            break;
        }
        let mut next = acc.clone();
        if !atoms.iter().all(|&a| next.push(a, lang)) {
            break;
        }
        acc = next;
        pending_and = atoms == [Atom::And];
        taken += 1;
    }
    // A joining word at the end belongs to what follows ("trois et quatre").
    if pending_and {
        taken -= 1;
    }
    if taken == 0 || acc.parts == 0 {
        return None;
    }
    let article_only = taken == 1 && is_article(words[0], lang);
    Some(WordNumber { value: acc.value(), tokens: taken, article_only })
}

/// The scale a word multiplies a number written before it by: "3,5 millions", "2 Mrd".
pub fn scale_word(w: &str, lang: Lang) -> Option<u64> {
    let mut atoms = Vec::new();
    if !atoms_of(w, lang, &mut atoms) {
        return match (lang, w) {
            (Lang::De, "mio" | "mio.") | (Lang::En, "mn" | "m") | (Lang::Fr, "mln") => Some(1_000_000),
            (Lang::De, "mrd" | "mrd.") | (Lang::En, "bn") | (Lang::Fr, "mds") => Some(1_000_000_000),
            _ => None,
        };
    }
    match atoms[..] {
        [Atom::Scale { value, .. }] => Some(value),
        _ => None,
    }
}

/// The indefinite articles that are also the number one.
pub fn is_article(w: &str, lang: Lang) -> bool {
    match lang {
        Lang::Fr => matches!(w, "un" | "une"),
        Lang::En => matches!(w, "a" | "an"),
        Lang::De => matches!(w, "ein" | "eine" | "einen" | "einem" | "einer"),
        Lang::Es => matches!(w, "un" | "una"),
    }
}

#[derive(Debug, Clone, Default)]
struct Acc {
    /// The closed groups: everything before the last scale word.
    total: u64,
    /// The open group below a thousand.
    current: u64,
    /// The largest scale seen so far.
    largest: u64,
    /// Atoms that carry a value (not "et"/"and").
    parts: usize,
    /// After "et"/"and": the next atom must be a small number.
    joined: bool,
}

impl Acc {
    fn value(&self) -> u64 {
        self.total + self.current
    }

    fn push(&mut self, atom: Atom, lang: Lang) -> bool {
        if self.joined && !matches!(atom, Atom::Small(_)) {
            return false;
        }
        let ok = match atom {
            Atom::And => {
                self.joined = true;
                return self.parts > 0;
            }
            Atom::Small(v) => {
                let fits = self.current == 0
                    || v < place_free(self.current)
                    || french_seventies(self.current, v, lang);
                if fits {
                    self.current += v;
                }
                fits
            }
            Atom::Hundred => match self.current {
                0 => {
                    self.current = 100;
                    true
                }
                c if c < 100 => {
                    self.current = c * 100;
                    true
                }
                _ => false,
            },
            Atom::Scale { value, plural } => {
                if plural && self.parts == 0 {
                    return false;
                }
                if value > self.largest {
                    self.total = (self.total + self.current).max(1) * value;
                    self.largest = value;
                    self.current = 0;
                    true
                } else if self.current > 0 {
                    self.total += self.current * value;
                    self.current = 0;
                    true
                } else {
                    false
                }
            }
        };
        if ok {
            self.parts += 1;
            self.joined = false;
        }
        ok
    }
}

/// The largest place still empty in `n`: 10 for 20, 100 for 300, 1 for 23.
fn place_free(n: u64) -> u64 {
    let mut place = 1;
    while n % (place * 10) == 0 && place < 1000 {
        place *= 10;
    }
    place
}

/// French counts 70 as 60 + 10 and 90 as 80 + 10 ("soixante-dix-sept", "quatre-vingt-onze").
fn french_seventies(current: u64, v: u64, lang: Lang) -> bool {
    lang == Lang::Fr && matches!(current % 100, 60 | 80) && (10..20).contains(&v)
}

/// The atoms of one folded word, appended to `out`; `false` when the word is not (only) a
/// number word. Hyphenated compounds split ("vingt-trois", "twenty-three"), German compounds
/// decompose ("dreihundertzwanzig").
fn atoms_of(w: &str, lang: Lang, out: &mut Vec<Atom>) -> bool {
    if let Some(a) = atom(w, lang) {
        out.push(a);
        return true;
    }
    if w.contains('-') {
        let parts: Vec<&str> = w.split('-').collect();
        let mut k = 0;
        while k < parts.len() {
            // "quatre-vingt(s)" is one part, 80.
            if lang == Lang::Fr
                && parts[k] == "quatre"
                && matches!(parts.get(k + 1), Some(&("vingt" | "vingts")))
            {
                out.push(Atom::Small(80));
                k += 2;
                continue;
            }
            match atom(parts[k], lang) {
                Some(a) => out.push(a),
                None => return false,
            }
            k += 1;
        }
        return true;
    }
    lang == Lang::De && german_compound(w, out)
}

fn atom(w: &str, lang: Lang) -> Option<Atom> {
    let small = |v| Some(Atom::Small(v));
    let scale = |value, plural| Some(Atom::Scale { value, plural });
    match lang {
        Lang::Fr => match w {
            "zero" => small(0),
            "un" | "une" => small(1),
            "deux" => small(2),
            "trois" => small(3),
            "quatre" => small(4),
            "cinq" => small(5),
            "six" => small(6),
            "sept" => small(7),
            "huit" => small(8),
            "neuf" => small(9),
            "dix" => small(10),
            "onze" => small(11),
            "douze" => small(12),
            "treize" => small(13),
            "quatorze" => small(14),
            "quinze" => small(15),
            "seize" => small(16),
            "vingt" => small(20),
            "trente" => small(30),
            "quarante" => small(40),
            "cinquante" => small(50),
            "soixante" => small(60),
            // Belgian and Swiss French.
            "septante" => small(70),
            "huitante" | "octante" => small(80),
            "nonante" => small(90),
            "cent" | "cents" => Some(Atom::Hundred),
            "mille" | "mil" => scale(1_000, false),
            "million" => scale(1_000_000, false),
            "millions" => scale(1_000_000, true),
            "milliard" => scale(1_000_000_000, false),
            "milliards" => scale(1_000_000_000, true),
            "et" => Some(Atom::And),
            _ => None,
        },
        Lang::En => match w {
            "zero" => small(0),
            "a" | "an" | "one" => small(1),
            "two" => small(2),
            "three" => small(3),
            "four" => small(4),
            "five" => small(5),
            "six" => small(6),
            "seven" => small(7),
            "eight" => small(8),
            "nine" => small(9),
            "ten" => small(10),
            "eleven" => small(11),
            "twelve" => small(12),
            "thirteen" => small(13),
            "fourteen" => small(14),
            "fifteen" => small(15),
            "sixteen" => small(16),
            "seventeen" => small(17),
            "eighteen" => small(18),
            "nineteen" => small(19),
            "twenty" => small(20),
            "thirty" => small(30),
            "forty" => small(40),
            "fifty" => small(50),
            "sixty" => small(60),
            "seventy" => small(70),
            "eighty" => small(80),
            "ninety" => small(90),
            "hundred" => Some(Atom::Hundred),
            "thousand" => scale(1_000, false),
            "million" => scale(1_000_000, false),
            "billion" => scale(1_000_000_000, false),
            "trillion" => scale(1_000_000_000_000, false),
            "and" => Some(Atom::And),
            _ => None,
        },
        Lang::De => match w {
            "null" => small(0),
            "ein" | "eine" | "eins" | "einen" | "einem" | "einer" => small(1),
            "million" => scale(1_000_000, false),
            "millionen" => scale(1_000_000, true),
            "milliarde" => scale(1_000_000_000, false),
            "milliarden" => scale(1_000_000_000, true),
            _ => None,
        },
        Lang::Es => match w {
            "cero" => small(0),
            "un" | "uno" | "una" => small(1),
            "dos" => small(2),
            "tres" => small(3),
            "cuatro" => small(4),
            "cinco" => small(5),
            "seis" => small(6),
            "siete" => small(7),
            "ocho" => small(8),
            "nueve" => small(9),
            "diez" => small(10),
            "once" => small(11),
            "doce" => small(12),
            "trece" => small(13),
            "catorce" => small(14),
            "quince" => small(15),
            "dieciseis" => small(16),
            "diecisiete" => small(17),
            "dieciocho" => small(18),
            "diecinueve" => small(19),
            "veinte" => small(20),
            "veintiuno" | "veintiun" | "veintiuna" => small(21),
            "veintidos" => small(22),
            "veintitres" => small(23),
            "veinticuatro" => small(24),
            "veinticinco" => small(25),
            "veintiseis" => small(26),
            "veintisiete" => small(27),
            "veintiocho" => small(28),
            "veintinueve" => small(29),
            "treinta" => small(30),
            "cuarenta" => small(40),
            "cincuenta" => small(50),
            "sesenta" => small(60),
            "setenta" => small(70),
            "ochenta" => small(80),
            "noventa" => small(90),
            "cien" | "ciento" => Some(Atom::Hundred),
            "doscientos" | "doscientas" => small(200),
            "trescientos" | "trescientas" => small(300),
            "cuatrocientos" | "cuatrocientas" => small(400),
            "quinientos" | "quinientas" => small(500),
            "seiscientos" | "seiscientas" => small(600),
            "setecientos" | "setecientas" => small(700),
            "ochocientos" | "ochocientas" => small(800),
            "novecientos" | "novecientas" => small(900),
            "mil" => scale(1_000, false),
            "millon" => scale(1_000_000, false),
            "millones" => scale(1_000_000, true),
            // Spanish billón is 10^12; 10^9 is "mil millones".
            "billon" => scale(1_000_000_000_000, false),
            "y" => Some(Atom::And),
            _ => None,
        },
    }
}

/// German writes numbers below a million as one word, units before tens:
/// "dreihundertdreiundzwanzigtausend" is drei-hundert-drei-und-zwanzig-tausend.
fn german_compound(w: &str, out: &mut Vec<Atom>) -> bool {
    // Longest pieces first, so that "sechzehn" is not "sech" + ...
    const PIECES: &[(&str, Option<u64>)] = &[
        ("dreizehn", Some(13)),
        ("vierzehn", Some(14)),
        ("funfzehn", Some(15)),
        ("sechzehn", Some(16)),
        ("siebzehn", Some(17)),
        ("achtzehn", Some(18)),
        ("neunzehn", Some(19)),
        ("zwanzig", Some(20)),
        ("dreissig", Some(30)),
        ("dreißig", Some(30)),
        ("vierzig", Some(40)),
        ("funfzig", Some(50)),
        ("sechzig", Some(60)),
        ("siebzig", Some(70)),
        ("achtzig", Some(80)),
        ("neunzig", Some(90)),
        ("hundert", None),
        ("tausend", None),
        ("sieben", Some(7)),
        ("sechs", Some(6)),
        ("zwolf", Some(12)),
        ("zwei", Some(2)),
        ("drei", Some(3)),
        ("vier", Some(4)),
        ("funf", Some(5)),
        ("acht", Some(8)),
        ("neun", Some(9)),
        ("zehn", Some(10)),
        ("eins", Some(1)),
        ("ein", Some(1)),
        ("elf", Some(11)),
        ("und", None),
    ];
    let start = out.len();
    let mut rest = w;
    while !rest.is_empty() {
        let Some(&(piece, value)) = PIECES.iter().find(|(p, _)| rest.starts_with(p)) else {
            out.truncate(start);
            return false;
        };
        rest = &rest[piece.len()..];
        let atom = match (piece, value) {
            (_, Some(v)) => Atom::Small(v),
            ("hundert", _) => Atom::Hundred,
            ("tausend", _) => Atom::Scale { value: 1_000, plural: false },
            _ => Atom::And,
        };
        out.push(atom);
    }
    // Units before tens: [3, und, 20] is 23.
    let mut k = start;
    while k + 2 < out.len() {
        if let [Atom::Small(u), Atom::And, Atom::Small(t)] = out[k..k + 3]
            && u < 10
            && t % 10 == 0
            && (20..100).contains(&t)
        {
            out.splice(k..k + 3, [Atom::Small(t + u)]);
        }
        k += 1;
    }
    !out[start..].contains(&Atom::And) && out.len() > start
}
