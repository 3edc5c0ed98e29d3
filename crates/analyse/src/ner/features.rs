//! Feature extraction: hashed, allocation-free per feature.
//!
//! Every token is described once ([`TokenInfo`]: hashes of its lowercased form, exact form,
//! shape, affixes; flags; its capitalisation habit from the model's lexicon; gazetteer
//! membership of the place names it is part of). A feature is then a 32-bit hash of a template
//! number and one or two of those values, so scoring a token costs a few dozen table lookups
//! and no string work. Features split in two: *static* ones depend on the words only and are
//! computed once per sentence; *history* ones combine the previous tag with the token.

use super::clusters::Clusters;
use super::lexicon::Lexicon;
use storyline_geo::{Gazetteer, KeyHash, Kind, fold};

/// Bumped whenever features change, so an old model is refused instead of mis-scored.
pub const FEATURES_VERSION: u32 = 5;

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
    /// Length (capped) of the run of capitalised tokens this one is in, 0 if none.
    cap_run: u8,
    /// Position in that run: 1 first, 2 inside, 3 last, 4 alone.
    cap_pos: u8,
    /// Word-cluster bit string (`Clusters::code`), 0 when unknown.
    cluster: u32,
    /// Entity-memory code (`EntityMemory::codes`), 0 when not in a remembered name.
    mem: u8,
    /// The sentence is written in capitals (a headline): shape says little there.
    caps_sentence: bool,
}

/// Whether most words of a sentence (at least 3 of them, 70 %) are written in capitals.
pub fn upper_case_sentence<S: AsRef<str>>(tokens: &[S]) -> bool {
    let (mut words, mut upper) = (0, 0);
    for t in tokens {
        let t = t.as_ref();
        if t.chars().any(char::is_alphabetic) {
            words += 1;
            upper += usize::from(!t.chars().any(char::is_lowercase));
        }
    }
    words >= 3 && upper * 10 >= words * 7
}

/// Sets the entity-memory codes of a sentence's tokens.
pub fn set_memory(infos: &mut [TokenInfo], codes: &[u8]) {
    for (i, &c) in infos.iter_mut().zip(codes) {
        i.mem = c;
    }
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
    let mut h = Fnv::default();
    h.bytes(s.as_bytes());
    h.0
}

/// FNV-1a, fed bytes or chars, so shapes hash without being built as strings.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }
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
pub fn normalise(token: &str) -> std::borrow::Cow<'_, str> {
    let quote = |c: char| matches!(c, '’' | 'ʼ' | '‘' | '`' | '´' | '“' | '”' | '„');
    if !token.contains(quote) {
        return token.into();
    }
    token
        .chars()
        .map(|c| match c {
            '’' | 'ʼ' | '‘' | '`' | '´' => '\'',
            '“' | '”' | '„' => '"',
            c => c,
        })
        .collect::<String>()
        .into()
}

/// Walks the shape of a form (`Xxxxx-Xxxxx`, runs cut at 4) and its short shape
/// (`Xx-Xx`), calling `emit(shape_char, kept_in_shape, starts_a_run)`.
fn shape_walk(form: &str, mut emit: impl FnMut(char, bool, bool)) {
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
        let new_run = s != last;
        run = if new_run { 1 } else { run + 1 };
        emit(s, run <= 4, new_run);
        last = s;
    }
}

fn shape_hashes(form: &str) -> (u64, u64) {
    let (mut shape, mut short) = (Fnv::default(), Fnv::default());
    shape_walk(form, |c, keep, new_run| {
        if keep {
            shape.char(c);
        }
        if new_run {
            short.char(c);
        }
    });
    (shape.0, short.0)
}

#[cfg(test)]
fn shapes(form: &str) -> (String, String) {
    let (mut shape, mut short) = (String::new(), String::new());
    shape_walk(form, |c, keep, new_run| {
        if keep {
            shape.push(c);
        }
        if new_run {
            short.push(c);
        }
    });
    (shape, short)
}

/// Describes each token of a sentence.
pub fn token_infos<S: AsRef<str>>(
    tokens: &[S],
    lexicon: &Lexicon,
    clusters: &Clusters,
    gazetteer: Option<&Gazetteer>,
) -> Vec<TokenInfo> {
    let mut infos = Vec::with_capacity(tokens.len());
    let mut prev_opens = true;
    for tok in tokens {
        let form = normalise(tok.as_ref());
        let lower = form.to_lowercase();
        let (shape, short_shape) = shape_hashes(&form);
        let n_chars = lower.chars().count();
        let mut info = TokenInfo {
            lower: hash_str(&digits_to_zero(&lower)),
            form: hash_str(&form),
            shape,
            short_shape,
            len: n_chars.min(255) as u8,
            lex: lexicon.bucket(&lower),
            cluster: clusters.code(&form),
            ..TokenInfo::default()
        };
        for (n, (at, _)) in lower.char_indices().skip(1).take(4.min(n_chars.saturating_sub(1))).enumerate() {
            info.prefix[n] = hash_str(&lower[..at]);
        }
        for (n, (at, _)) in lower.char_indices().rev().take(4.min(n_chars.saturating_sub(1))).enumerate() {
            info.suffix[n] = hash_str(&lower[at..]);
        }
        info.flags = flags(&form, prev_opens);
        prev_opens = matches!(&*form, "\"" | "«" | "(" | ":" | "-" | "—" | "–" | "'" | "[");
        infos.push(info);
    }
    mark_capitalised_runs(&mut infos);
    if upper_case_sentence(tokens) {
        infos.iter_mut().for_each(|i| i.caps_sentence = true);
    }
    if let Some(g) = gazetteer {
        mark_places(tokens, g, &mut infos);
    }
    infos
}

/// Runs of capitalised words (`Banque centrale européenne` has one of 1, `Kassym-Jomart
/// Tokayev` one of 2): where a token sits in its run says much about B- versus I-.
fn mark_capitalised_runs(infos: &mut [TokenInfo]) {
    let cap = |t: &TokenInfo| t.flags & (flag::TITLE | flag::UPPER) != 0 && t.flags & flag::PUNCT == 0;
    let mut i = 0;
    while i < infos.len() {
        if !cap(&infos[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < infos.len() && cap(&infos[i]) {
            i += 1;
        }
        let len = i - start;
        for (k, t) in infos[start..i].iter_mut().enumerate() {
            t.cap_run = len.min(4) as u8;
            t.cap_pos = match (k, len) {
                (_, 1) => 4,
                (0, _) => 1,
                (k, l) if k + 1 == l => 3,
                _ => 2,
            };
        }
    }
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
    let mut i = 0;
    while i < tokens.len() {
        let starts_upper = tokens[i].as_ref().chars().next().is_some_and(char::is_uppercase);
        if !starts_upper {
            i += 1;
            continue;
        }
        let mut key = KeyHash::new();
        let mut best: Option<(usize, Kind)> = None;
        for (j, tok) in tokens.iter().enumerate().take(tokens.len().min(i + max)).skip(i) {
            let f = fold(tok.as_ref());
            if f.is_empty() {
                break;
            }
            key.push(&f);
            if let Some(kind) = g.kind_of_hash(key.finish()) {
                best = Some((j + 1, kind));
            }
            if !g.is_prefix_hash(key.finish()) {
                break;
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

/// Bit-string prefix lengths of the cluster features (Ratinov & Roth 2009 use 4, 6, 10, 20).
const CLUSTER_PREFIXES: [u32; 4] = [4, 6, 10, 20];

/// Whether the entity-memory features are used.
const MEMORY_FEATURES: bool = true;

const START: u64 = 0x1b87_3593;
const END: u64 = 0xcc9e_2d51;

/// The static features of token `i`, appended to `out`.
pub fn static_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u32>) {
    form_features(&infos[i], out);
    context_features(infos, i, out);
}

/// The hash of a token's form: tokens with the same one have the same [`form_features`].
impl TokenInfo {
    pub fn form_hash(&self) -> u64 {
        self.form
    }
}

/// The static features that depend on the token's form alone (so a decoder may score them
/// once per word form): bias, word, shape, affixes, clusters.
pub fn form_features(t: &TokenInfo, out: &mut Vec<u32>) {
    out.push(key(0, 0, 0));
    out.push(key(1, t.lower, 0));
    out.push(key(2, t.form, 0));
    out.push(key(3, t.shape, 0));
    for n in 0..4 {
        if t.prefix[n] != 0 {
            out.push(key(5 + n as u32, t.prefix[n], 0));
        }
        if t.suffix[n] != 0 {
            out.push(key(9 + n as u32, t.suffix[n], 0));
        }
    }
    if t.cluster == 0 {
        out.push(key(50, 0, 0));
    } else {
        for (n, &bits) in CLUSTER_PREFIXES.iter().enumerate() {
            out.push(key(50 + n as u32, u64::from(Clusters::prefix(t.cluster, bits)), 0));
        }
    }
    out.push(key(60, u64::from(Clusters::prefix(t.cluster, 6)), t.short_shape));
}

/// The other static features of token `i`: [`static_features`] minus [`form_features`].
pub fn context_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u32>) {
    let t = &infos[i];
    let at = |d: isize| -> Option<&TokenInfo> { infos.get(i.checked_add_signed(d)?) };
    let lower_at = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |x| x.lower);
    let shape_at = |d: isize| at(d).map_or(if d < 0 { START } else { END }, |x| x.short_shape);
    let initial = u64::from(t.flags & flag::INITIAL != 0);
    out.push(key(4, t.short_shape, initial));
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
    out.push(key(34, u64::from(t.cap_run), u64::from(t.cap_pos)));
    out.push(key(35, u64::from(t.cap_pos), t.lower));
    let cl_at = |d: isize| {
        at(d).map_or(if d < 0 { START } else { END }, |x| u64::from(Clusters::prefix(x.cluster, 6)))
    };
    out.push(key(56, cl_at(-1), 0));
    out.push(key(57, cl_at(1), 0));
    if t.caps_sentence {
        out.push(key(65, t.lower, 0));
        out.push(key(66, u64::from(t.lex), u64::from(at(-1).map_or(9, |x| x.lex))));
        out.push(key(67, u64::from(t.lex), u64::from(at(1).map_or(9, |x| x.lex))));
        out.push(key(68, lower_at(-1), t.lower));
    }
    if MEMORY_FEATURES {
        out.push(key(61, u64::from(t.mem), 0));
        out.push(key(62, u64::from(t.mem), t.short_shape));
        out.push(key(63, u64::from(at(-1).map_or(99, |x| x.mem)), u64::from(t.mem)));
        out.push(key(64, u64::from(t.mem), u64::from(at(1).map_or(99, |x| x.mem))));
    }
    if let Some(p) = at(-1) {
        out.push(key(32, p.suffix[2], 0));
    }
    if let Some(n) = at(1) {
        out.push(key(33, n.suffix[2], 0));
    }
}

/// Features of token `i` that depend on the previous tag `p1` (at `i - 1`, `u8::MAX` at the
/// sentence start), each combined with the token's own tag by the weights.
pub fn history_features(infos: &[TokenInfo], i: usize, p1: u8, out: &mut Vec<u32>) {
    let t = &infos[i];
    let p1 = u64::from(p1);
    out.push(key(40, p1, 0));
    out.push(key(42, p1, t.lower));
    out.push(key(43, p1, t.short_shape));
    out.push(key(44, p1, infos.get(i + 1).map_or(END, |x| x.short_shape)));
    out.push(key(45, p1, u64::from(t.gaz)));
    if MEMORY_FEATURES {
        out.push(key(46, p1, u64::from(t.mem)));
    }
}

/// Premixes the second value of a feature key: `key_with(t, a, premix(t, b)) == key(t, a, b)`,
/// so a key that varies only in `a` (the previous tag) costs one mix per variant.
fn premix(template: u32, b: u64) -> u64 {
    mix(b ^ u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

fn key_with(a: u64, premixed: u64) -> u32 {
    match (mix(a ^ premixed) >> 32) as u32 {
        0 => 1,
        k => k,
    }
}

/// [`history_features`] of one token, split for fast decoding: the features that combine the
/// previous tag with a small code ([`transition_key`], [`gazetteer_key`], [`memory_key`];
/// a decoder can score them once per model), and three keyed on word hashes, premixed here so
/// that each previous tag costs one mix per feature.
#[derive(Debug, Clone, Copy)]
pub struct HistoryToken {
    pub gaz: u8,
    pub mem: u8,
    words: [u64; 3],
}

impl HistoryToken {
    pub fn new(infos: &[TokenInfo], i: usize) -> Self {
        let t = &infos[i];
        let next = infos.get(i + 1).map_or(END, |x| x.short_shape);
        HistoryToken {
            gaz: t.gaz,
            mem: t.mem,
            words: [premix(42, t.lower), premix(43, t.short_shape), premix(44, next)],
        }
    }

    /// The keys of the word-hash history features for previous tag `p1`.
    #[inline]
    pub fn word_keys(&self, p1: u8) -> [u32; 3] {
        let p = u64::from(p1);
        self.words.map(|w| key_with(p, w))
    }
}

/// The history feature of the previous tag alone (a transition weight).
pub fn transition_key(p1: u8) -> u32 {
    key(40, u64::from(p1), 0)
}

/// The history feature of the previous tag and the token's gazetteer code.
pub fn gazetteer_key(p1: u8, gaz: u8) -> u32 {
    key(45, u64::from(p1), u64::from(gaz))
}

/// The history feature of the previous tag and the token's entity-memory code, if used.
pub fn memory_key(p1: u8, mem: u8) -> Option<u32> {
    MEMORY_FEATURES.then(|| key(46, u64::from(p1), u64::from(mem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_history_features_are_the_history_features() {
        let g = Gazetteer::embedded();
        let infos = token_infos(
            &["Le", "maire", "de", "Rio", "de", "Janeiro", "a", "dit"],
            &Lexicon::default(),
            &Clusters::default(),
            Some(g),
        );
        for i in 0..infos.len() {
            let h = HistoryToken::new(&infos, i);
            for p1 in [0u8, 3, u8::MAX] {
                let mut whole = Vec::new();
                history_features(&infos, i, p1, &mut whole);
                let mut split = vec![transition_key(p1), gazetteer_key(p1, h.gaz)];
                split.extend(h.word_keys(p1));
                split.extend(memory_key(p1, h.mem));
                whole.sort_unstable();
                split.sort_unstable();
                assert_eq!(whole, split, "token {i}, previous {p1}");
            }
        }
    }

    #[test]
    fn shapes_cap_runs() {
        assert_eq!(shapes("Kassym-Jomart"), ("Xxxxx-Xxxxx".into(), "Xx-Xx".into()));
        assert_eq!(shapes("1 000"), ("d ddd".into(), "d d".into()));
        assert_eq!(shapes("qu'"), ("xx'".into(), "x'".into()));
        for w in ["Kassym-Jomart", "1 000", "ÉTATS-UNIS", "a"] {
            let (a, b) = shapes(w);
            assert_eq!(shape_hashes(w), (hash_str(&a), hash_str(&b)));
        }
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
        let infos =
            token_infos(&["à", "Rio", "de", "Janeiro", "et", "paris"], &lex, &Clusters::default(), Some(g));
        let gaz: Vec<u8> = infos.iter().map(|i| i.gaz).collect();
        assert_eq!(gaz[0], 0);
        assert!(gaz[1] != 0 && gaz[2] != 0 && gaz[3] != 0, "{gaz:?}");
        assert_ne!(gaz[1], gaz[2], "first and later tokens differ");
        assert_eq!(&gaz[4..], [0, 0]);
    }
}
