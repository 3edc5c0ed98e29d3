//! Feature extraction: hashed, allocation-free per feature.
//!
//! Every token is described once ([`TokenInfo`]: hashes of its lowercased form, exact form,
//! shape, affixes; flags; its capitalisation habit from the model's lexicon; gazetteer
//! membership of the place names it is part of). A feature is then a 32-bit hash of a template
//! number and one or two of those values, so scoring a token costs a few dozen table lookups
//! and no string work. Features split in two: *static* ones depend on the words only and are
//! computed once per sentence; *history* ones combine the two previous predicted tags.

use super::lexicon::Lexicon;
use storyline_geo::{Gazetteer, Kind, fold};

/// Bumped whenever features change, so an old model is refused instead of mis-scored.
pub const FEATURES_VERSION: u32 = 1;

/// Bits of [`TokenInfo::flags`].
mod flag {
    pub const TITLE: u16 = 1;
    pub const UPPER: u16 = 1 << 1;
    pub const LOWER: u16 = 1 << 2;
    pub const DIGIT: u16 = 1 << 3;
    pub const HYPHEN: u16 = 1 << 4;
    pub const APOSTROPHE: u16 = 1 << 5;
    pub const PUNCT: u16 = 1 << 6;
    pub const INITIAL: u16 = 1 << 7;
    pub const PERIOD: u16 = 1 << 8;
    pub const MIXED: u16 = 1 << 9;
}

/// What the features need to know of one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    lower: u64,
    form: u64,
    shape: u64,
    short_shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    flags: u16,
    len: u8,
    lex: u8,
    gaz: u8,
}

/// Places a token is part of: 0 none, else kind × 2 + (1 first token | 2 later token).
fn gaz_code(kind: Kind, first: bool, multi: bool) -> u8 {
    let k = match kind {
        Kind::City => 0,
        Kind::Country => 4,
    };
    1 + k + u8::from(!first) + 2 * u8::from(multi)
}

pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The 32-bit key of a feature; never 0, which marks an empty slot of the weight table.
fn key(template: u32, a: u64, b: u64) -> u32 {
    let h = mix(a ^ mix(b ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15)));
    match (h >> 32) as u32 {
        0 => 1,
        k => k,
    }
}

/// The token as the models see it: curly apostrophes and quotes made straight, since the
/// training data mixes them and news text prefers the curly ones.
pub fn normalise(token: &str) -> String {
    token
        .chars()
        .map(|c| match c {
            '’' | 'ʼ' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' => '"',
            c => c,
        })
        .collect()
}

fn shapes(form: &str) -> (String, String) {
    let mut shape = String::new();
    let mut short = String::new();
    let (mut last, mut run) = ('\0', 0);
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            short.push(s);
        }
        if run <= 4 {
            shape.push(s);
        }
        last = s;
    }
    (shape, short)
}

/// Describes each token of a sentence.
pub fn token_infos<S: AsRef<str>>(
    tokens: &[S],
    lexicon: &Lexicon,
    gazetteer: Option<&Gazetteer>,
) -> Vec<TokenInfo> {
    let mut infos = Vec::with_capacity(tokens.len());
    let mut prev_opens = true;
    for tok in tokens {
        let form = normalise(tok.as_ref());
        let lower = form.to_lowercase();
        let (shape, short) = shapes(&form);
        let mut info = TokenInfo {
            lower: hash_str(&digits_to_zero(&lower)),
            form: hash_str(&form),
            shape: hash_str(&shape),
            short_shape: hash_str(&short),
            len: form.chars().count().min(255) as u8,
            lex: lexicon.bucket(&lower),
            ..TokenInfo::default()
        };
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for n in 1..=4 {
            if chars.len() > n {
                info.prefix[n - 1] = hash_str(&lower[..chars[n].0]);
                info.suffix[n - 1] = hash_str(&lower[chars[chars.len() - n].0..]);
            }
        }
        info.flags = flags(&form, prev_opens);
        prev_opens = matches!(form.as_str(), "\"" | "«" | "(" | ":" | "-" | "—" | "–" | "'" | "[");
        infos.push(info);
    }
    if let Some(g) = gazetteer {
        mark_places(tokens, g, &mut infos);
    }
    infos
}

fn digits_to_zero(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_digit()) {
        s.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect::<String>().into()
    } else {
        s.into()
    }
}

fn flags(form: &str, initial: bool) -> u16 {
    let mut f = 0;
    let letters = form.chars().filter(|c| c.is_alphabetic());
    let (mut upper, mut lower, mut n) = (0, 0, 0);
    for c in letters {
        n += 1;
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    let first_upper = form.chars().next().is_some_and(char::is_uppercase);
    if first_upper && upper < n {
        f |= flag::TITLE;
    }
    if n > 0 && upper == n {
        f |= flag::UPPER;
    }
    if n > 0 && lower == n {
        f |= flag::LOWER;
    }
    if !first_upper && upper > 0 && lower > 0 {
        f |= flag::MIXED;
    }
    if form.chars().any(char::is_numeric) {
        f |= flag::DIGIT;
    }
    if form.len() > 1 && form.contains('-') {
        f |= flag::HYPHEN;
    }
    if form.contains('\'') {
        f |= flag::APOSTROPHE;
    }
    if form.len() > 1 && form.contains('.') {
        f |= flag::PERIOD;
    }
    if !form.chars().any(char::is_alphanumeric) {
        f |= flag::PUNCT;
    }
    if initial {
        f |= flag::INITIAL;
    }
    f
}

/// Marks the longest known place names that start at a capitalised token.
fn mark_places<S: AsRef<str>>(tokens: &[S], g: &Gazetteer, infos: &mut [TokenInfo]) {
    let max = g.max_words().clamp(1, 5);
    let mut folded: Vec<Option<String>> = vec![None; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let starts_upper = tokens[i].as_ref().chars().next().is_some_and(char::is_uppercase);
        if !starts_upper {
            i += 1;
            continue;
        }
        let mut key = String::new();
        let mut best: Option<(usize, Kind)> = None;
        for j in i..tokens.len().min(i + max) {
            let f = folded[j].get_or_insert_with(|| fold(tokens[j].as_ref()));
            if f.is_empty() {
                break;
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(f);
            if let Some(kind) = g.kind_of(&key) {
                best = Some((j + 1, kind));
            }
        }
        match best {
            Some((end, kind)) => {
                let multi = end - i > 1;
                for (k, info) in infos[i..end].iter_mut().enumerate() {
                    info.gaz = gaz_code(kind, k == 0, multi);
                }
                i = end;
            }
            None => i += 1,
        }
    }
}

const START: u64 = 0x1b87_3593;
const END: u64 = 0xcc9e_2d51;

/// The static features of token `i`, appended to `out`.
pub fn static_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u32>) {
    let t = &infos[i];
    let at = |d: isize| -> Option<&TokenInfo> { infos.get(i.checked_add_signed(d)?) };
    let lower_at = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |x| x.lower);
    let shape_at = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |x| x.short_shape);
    let initial = u64::from(t.flags & flag::INITIAL != 0);
    out.push(key(0, 0, 0));
    out.push(key(1, t.lower, 0));
    out.push(key(2, t.form, 0));
    out.push(key(3, t.shape, 0));
    out.push(key(4, t.short_shape, initial));
    for n in 0..4 {
        if t.prefix[n] != 0 {
            out.push(key(5 + n as u32, t.prefix[n], 0));
        }
        if t.suffix[n] != 0 {
            out.push(key(9 + n as u32, t.suffix[n], 0));
        }
    }
    out.push(key(13, lower_at(-1), 0));
    out.push(key(14, lower_at(1), 0));
    out.push(key(15, lower_at(-2), 0));
    out.push(key(16, lower_at(2), 0));
    out.push(key(17, lower_at(-1), t.lower));
    out.push(key(18, t.lower, lower_at(1)));
    out.push(key(19, shape_at(-1), t.short_shape));
    out.push(key(20, t.short_shape, shape_at(1)));
    out.push(key(21, shape_at(-1).wrapping_mul(31) ^ t.short_shape, shape_at(1)));
    out.push(key(22, u64::from(t.flags), 0));
    out.push(key(23, u64::from(t.lex), initial));
    out.push(key(24, u64::from(at(-1).map_or(9, |x| x.lex)), u64::from(t.lex)));
    out.push(key(25, u64::from(t.lex), u64::from(at(1).map_or(9, |x| x.lex))));
    out.push(key(26, u64::from(t.len.min(12)), u64::from(t.flags & (flag::TITLE | flag::UPPER))));
    out.push(key(27, u64::from(t.gaz), t.short_shape));
    out.push(key(28, u64::from(at(-1).map_or(99, |x| x.gaz)), u64::from(t.gaz)));
    out.push(key(29, u64::from(t.gaz), u64::from(at(1).map_or(99, |x| x.gaz))));
    out.push(key(30, lower_at(-1), t.short_shape));
    out.push(key(31, t.short_shape, lower_at(1)));
    if let Some(p) = at(-1) {
        out.push(key(32, p.suffix[2], 0));
    }
    if let Some(n) = at(1) {
        out.push(key(33, n.suffix[2], 0));
    }
}

/// Features of token `i` that depend on the previous predicted tags `p1` (at `i - 1`) and
/// `p2` (at `i - 2`); `u8::MAX` before the sentence start.
pub fn history_features(infos: &[TokenInfo], i: usize, p1: u8, p2: u8, out: &mut Vec<u32>) {
    let t = &infos[i];
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    out.push(key(40, p1, 0));
    out.push(key(41, p1, p2));
    out.push(key(42, p1, t.lower));
    out.push(key(43, p1, t.short_shape));
    out.push(key(44, p1, infos.get(i + 1).map_or(END, |x| x.short_shape)));
    out.push(key(45, p1, u64::from(t.gaz)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_cap_runs() {
        assert_eq!(shapes("Kassym-Jomart"), ("Xxxxx-Xxxxx".into(), "Xx-Xx".into()));
        assert_eq!(shapes("1 000"), ("d ddd".into(), "d d".into()));
        assert_eq!(shapes("qu'"), ("xx'".into(), "x'".into()));
    }

    #[test]
    fn curly_apostrophes_are_straightened() {
        assert_eq!(normalise("qu’"), "qu'");
        assert_eq!(normalise("“Oui”"), "\"Oui\"");
    }

    #[test]
    fn feature_keys_are_never_zero_and_depend_on_the_template() {
        assert_ne!(key(1, 5, 0), key(2, 5, 0));
        assert_ne!(key(1, 5, 0), key(1, 0, 5));
        assert!((0..10_000u64).all(|v| key(7, v, v) != 0));
    }

    #[test]
    fn places_are_marked_on_capitalised_spans_only() {
        let g = Gazetteer::embedded();
        let lex = Lexicon::default();
        let infos = token_infos(&["à", "Rio", "de", "Janeiro", "et", "paris"], &lex, Some(g));
        let gaz: Vec<u8> = infos.iter().map(|i| i.gaz).collect();
        assert_eq!(gaz[0], 0);
        assert!(gaz[1] != 0 && gaz[2] != 0 && gaz[3] != 0, "{gaz:?}");
        assert_ne!(gaz[1], gaz[2], "first and later tokens differ");
        assert_eq!(&gaz[4..], [0, 0]);
    }
}
