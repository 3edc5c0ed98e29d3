//! Quantities in news text, above all casualty counts: cardinals in digits and words, vague
//! quantities as ranges, their modifiers ("au moins", "more than"), and what they count
//! (an [`Event`] such as killed or arrested, a [`Group`] such as protesters or security
//! forces) when the sentence says so.
//!
//! French and English are covered fully; German and Spanish have cardinals, the common vague
//! words, modifiers and casualty words.
//!
//! **Conservative point values.** A vague quantity is a range with a point value, the figure
//! an analyst would code. ACLED codes "tens" as 10, "dozens" as 12 and "hundreds" as 100,
//! "the most conservative estimate available" (ACLED, *Fatalities*, in "Uses and limitations of
//! ACLED data", 2023, updated 2024). Those figures are one unit of the word, below the range
//! the plural itself allows ("des dizaines" needs at least two tens), so the point here is the
//! range's minimum: the nearest figure to ACLED's that the words still allow (20 for
//! "dozens", 200 for "hundreds"). For "many"/"de nombreux" (10 or more) the minimum is
//! ACLED's 10. For "several"/"plusieurs" ACLED is said to code 10, which we could not check
//! in a primary source and which lies above the words' range (3–9), so the minimum is used
//! too. The ranges are in [`lexicon`]'s docs.
//!
//! **Modifiers.** "au moins"/"at least" give `min` = n; "plus de"/"more than"/"over" give
//! `min` = n with `min_exclusive`; "jusqu'à"/"up to"/"au plus" give `max` = n; "moins de"/
//! "fewer than" give `max` = n with `max_exclusive`; "environ"/"about"/"some" set `approx`;
//! "près de"/"nearly" set `approx` and `max` = n. The point value stays the stated number.
//! An exact number has `min` = `max` = its value.
//!
//! **Not counts.** Numbers followed by a currency, a percent sign or a unit (money, percent,
//! measure: "25 ans", "3 km") get that [`Kind`] and never an event. Years ("en 2011"), dates
//! ("6 janvier") and clock times are not quantities and are left out.
//!
//! **Absence.** "aucun chiffre", "no casualty figures" (no figure given) and "pas de
//! victimes", "no one was killed" (none) are kept as quantities with no value and an
//! [`Absence`], never as a count of zero.

mod lexicon;
pub mod numbers;

use crate::sentences::sentences;
use crate::tokenize::{TokenKind, tokenize};
use lexicon::Form;

/// The languages with quantity rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
    De,
    Es,
}

impl Lang {
    /// `fr`, `en`, `de` or `es` (ISO 639-1 or 639-3); any other code is unsupported.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" | "fra" | "fre" => Some(Lang::Fr),
            "en" | "eng" => Some(Lang::En),
            "de" | "deu" | "ger" => Some(Lang::De),
            "es" | "spa" => Some(Lang::Es),
            _ => None,
        }
    }
}

/// What a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count of people or things: the only kind that takes an event.
    Count,
    Money,
    Percent,
    /// A number with a unit of time, length, weight, ...: "25 ans", "3 km".
    Measure,
}

/// What happened to the people counted. `Casualties` is killed or injured, unsaid which
/// ("victimes", "casualties").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Killed,
    Injured,
    Casualties,
    Arrested,
    Missing,
    Displaced,
    Kidnapped,
}

/// Who is counted, in ACLED's actor families: civilians, protesters, rioters, state
/// security forces (police, soldiers), armed militants (attackers, rebels, jihadists), and
/// people of no stated side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Civilians,
    Protesters,
    Rioters,
    SecurityForces,
    Militants,
    People,
}

/// How a modifier bounds the number after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modifier {
    AtLeast,
    MoreThan,
    AtMost,
    FewerThan,
    About,
    Nearly,
}

/// A figure the text says is missing, or a casualty it denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absence {
    /// "aucun chiffre", "no casualty figures": nothing is known.
    NoFigure,
    /// "pas de victimes", "no one was killed": the text says there were none.
    None,
}

/// One quantity over `start..end` (byte offsets) of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression, modifiers and unit included: "au moins 15", "des dizaines".
    pub start: usize,
    pub end: usize,
    /// The number itself: "15", "dizaines", "vingt-trois"; for an [`Absence`], the negation
    /// ("aucun", "no").
    pub number: (usize, usize),
    /// The point value a conservative analyst would code; `None` for an [`Absence`].
    pub value: Option<f64>,
    pub min: Option<f64>,
    pub min_exclusive: bool,
    pub max: Option<f64>,
    pub max_exclusive: bool,
    /// A vague word ("dozens", "plusieurs") rather than a number.
    pub vague: bool,
    /// An approximation ("environ", "about", "une dizaine").
    pub approx: bool,
    pub kind: Kind,
    pub event: Option<Event>,
    pub group: Option<Group>,
    /// The counted noun ("manifestants", "forces de sécurité", "morts").
    pub noun: Option<(usize, usize)>,
    pub absent: Option<Absence>,
}

impl Event {
    pub fn as_str(self) -> &'static str {
        match self {
            Event::Killed => "killed",
            Event::Injured => "injured",
            Event::Casualties => "casualties",
            Event::Arrested => "arrested",
            Event::Missing => "missing",
            Event::Displaced => "displaced",
            Event::Kidnapped => "kidnapped",
        }
    }
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Civilians => "civilians",
            Group::Protesters => "protesters",
            Group::Rioters => "rioters",
            Group::SecurityForces => "security_forces",
            Group::Militants => "militants",
            Group::People => "people",
        }
    }
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Measure => "measure",
        }
    }
}

impl Absence {
    pub fn as_str(self) -> &'static str {
        match self {
            Absence::NoFigure => "no_figure",
            Absence::None => "none",
        }
    }
}

/// A token as the rules see it: folded text, kind and sentence.
struct Word {
    start: usize,
    end: usize,
    kind: TokenKind,
    sentence: usize,
}

/// The quantities of `text` in language `lang` (an ISO code), in text order. Empty for a
/// language without rules.
pub fn quantities(text: &str, lang: &str) -> Vec<Quantity> {
    let Some(lang) = Lang::from_code(lang) else { return Vec::new() };
    let tokens = tokenize(text);
    let mut sentence_of = vec![0; tokens.len()];
    for (n, s) in sentences(text, &tokens).iter().enumerate() {
        sentence_of[s.tokens.clone()].fill(n);
    }
    let mut words = Vec::with_capacity(tokens.len());
    let mut norms = Vec::with_capacity(tokens.len());
    for (t, &sentence) in tokens.iter().zip(&sentence_of) {
        let s = t.text(text);
        // Quotes around a word ("des « dizaines »") do not change what it says.
        if t.kind == TokenKind::Punct && is_quote(s) {
            continue;
        }
        words.push(Word { start: t.start, end: t.end, kind: t.kind, sentence });
        norms.push(normalize(s));
    }
    let norms: Vec<&str> = norms.iter().map(String::as_str).collect();
    Matcher { text, lang, words: &words, w: &norms }.run()
}

fn is_quote(s: &str) -> bool {
    matches!(s, "\"" | "«" | "»" | "“" | "”" | "„" | "‹" | "›" | "'" | "‘" | "’" | "`")
}

fn normalize(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ñ' { 'n' } else { crate::time::fold(c) })
        .collect()
}

struct Matcher<'a> {
    text: &'a str,
    lang: Lang,
    words: &'a [Word],
    /// Folded text of each word.
    w: &'a [&'a str],
}

/// A quantity found over words `first..end`, before its attachment.
struct Found {
    first: usize,
    end: usize,
    number: (usize, usize),
    value: f64,
    min: Option<f64>,
    min_exclusive: bool,
    max: Option<f64>,
    max_exclusive: bool,
    vague: bool,
    approx: bool,
    kind: Kind,
    /// Only an indefinite article ("un policier"): kept if it counts a casualty.
    article_only: bool,
    /// The event is named by the counted noun itself ("sept morts").
    event_noun: bool,
    event: Option<Event>,
    group: Option<Group>,
    noun: Option<(usize, usize)>,
    /// Words of the counted noun and event, for the attachment passes.
    attach_end: usize,
}

/// The value of a base number: point, bounds, flags, and the words it took.
struct Base {
    end: usize,
    value: f64,
    min: Option<f64>,
    max: Option<f64>,
    vague: bool,
    approx: bool,
    article_only: bool,
    /// Determiner words before the number that belong to it ("des", "plusieurs").
    determiner: usize,
    digits: bool,
}

impl Matcher<'_> {
    fn word(&self, i: usize) -> &str {
        self.w.get(i).copied().unwrap_or("")
    }

    fn is_punct(&self, i: usize) -> bool {
        self.words.get(i).is_none_or(|w| matches!(w.kind, TokenKind::Punct | TokenKind::Symbol))
            && !lexicon::currency_sign(self.word(i))
            && self.word(i) != "%"
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        match (self.words.get(a), self.words.get(b)) {
            (Some(x), Some(y)) => x.sentence == y.sentence,
            _ => false,
        }
    }

    fn run(&self) -> Vec<Quantity> {
        let mut found: Vec<Found> = Vec::new();
        let mut negations: Vec<Quantity> = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let floor = found.last().map_or(0, |f| f.end);
            if let Some(f) = self.quantity_at(i, floor) {
                i = f.end.max(i + 1);
                found.push(f);
                continue;
            }
            if let Some((q, end)) = self.absence_at(i) {
                negations.push(q);
                i = end;
                continue;
            }
            i += 1;
        }
        self.share_events(&mut found);
        let mut out: Vec<Quantity> = found
            .into_iter()
            .filter(|f| !f.article_only || self.article_counts(f))
            .map(|f| self.quantity(f))
            .chain(negations)
            .collect();
        out.sort_by_key(|q| q.start);
        out
    }

    /// An indefinite article counts one person hurt, killed, arrested: "un policier a été
    /// tué", "a man was arrested", "une victime"; not "a spike in deaths" nor, in English
    /// where "a" is everywhere, "a death".
    fn article_counts(&self, f: &Found) -> bool {
        f.event.is_some() && (f.group.is_some() || (f.event_noun && self.lang != Lang::En))
    }

    fn quantity(&self, f: Found) -> Quantity {
        Quantity {
            start: self.words[f.first].start,
            end: self.words[f.end - 1].end,
            number: f.number,
            value: Some(f.value),
            min: f.min,
            min_exclusive: f.min_exclusive,
            max: f.max,
            max_exclusive: f.max_exclusive,
            vague: f.vague,
            approx: f.approx,
            kind: f.kind,
            event: f.event,
            group: f.group,
            noun: f.noun,
            absent: None,
        }
    }

    /// A quantity whose number starts at word `i`; `floor` is the first word not taken by an
    /// earlier quantity.
    fn quantity_at(&self, i: usize, floor: usize) -> Option<Found> {
        let mut base = self.base_at(i)?;
        if i - base.determiner < floor {
            base.determiner = 0;
        }
        let mut first = i - base.determiner;
        let mut end = base.end;
        let number = (self.words[i].start, self.words[base.end - 1].end);
        if base.digits && self.not_a_count(i, &base) {
            return None;
        }
        let mut f = Found {
            first,
            end,
            number,
            value: base.value,
            min: base.min,
            min_exclusive: false,
            max: base.max,
            max_exclusive: false,
            vague: base.vague,
            approx: base.approx,
            kind: Kind::Count,
            article_only: base.article_only,
            event_noun: false,
            event: None,
            group: None,
            noun: None,
            attach_end: end,
        };
        // "entre 10 et 20", "10 à 20", "between 10 and 20".
        let opener = first > floor && lexicon::range_opener(self.word(first - 1), self.lang);
        if lexicon::range_joiner(self.word(end), self.lang, opener)
            && let Some(upper) = self.base_at(end + 1).filter(|b| !b.vague && b.value > base.value)
        {
            f.max = Some(upper.max.unwrap_or(upper.value));
            f.min = Some(base.min.unwrap_or(base.value));
            end = upper.end;
            f.number.1 = self.words[end - 1].end;
            if opener {
                first -= 1;
            }
        } else {
            if let Some((m, len)) =
                lexicon::modifier_before(self.w, first, self.lang).filter(|&(_, len)| first - len >= floor)
            {
                self.apply(&mut f, m);
                first -= len;
            }
            if let Some((m, len)) = lexicon::modifier_after(self.w, end, self.lang) {
                self.apply(&mut f, m);
                end += len;
            }
        }
        let money_of = lexicon::of_word(self.word(end), self.lang)
            && matches!(
                lexicon::unit_after(&self.w[(end + 1).min(self.w.len())..], self.lang),
                Some((Kind::Money, _))
            );
        if let Some((kind, len)) = lexicon::unit_after(&self.w[end.min(self.w.len())..], self.lang) {
            f.kind = kind;
            end += len;
        } else if money_of {
            // "3,5 millions d'euros", "two billion of dollars".
            f.kind = Kind::Money;
            end += 2;
        } else if first > floor && lexicon::currency_sign(self.word(first - 1)) {
            f.kind = Kind::Money;
            first -= 1;
        }
        if f.article_only && f.kind != Kind::Count {
            return None;
        }
        f.first = first;
        f.end = end;
        f.attach_end = end;
        if f.kind == Kind::Count {
            let modified = f.min != f.max || f.approx;
            self.attach(&mut f);
            // "12 morts au moins": the modifier after the counted noun.
            if let Some((m, _)) =
                lexicon::modifier_after(self.w, f.attach_end, self.lang).filter(|_| !modified)
            {
                self.apply(&mut f, m);
            }
        }
        Some(f)
    }

    fn apply(&self, f: &mut Found, m: Modifier) {
        let v = f.value;
        match m {
            Modifier::AtLeast | Modifier::MoreThan => {
                f.min = Some(f.min.unwrap_or(v));
                f.min_exclusive = m == Modifier::MoreThan;
                f.max = None;
            }
            Modifier::AtMost | Modifier::FewerThan => {
                f.max = Some(f.max.unwrap_or(v));
                f.max_exclusive = m == Modifier::FewerThan;
                if !f.vague {
                    f.min = None;
                }
            }
            Modifier::About => {
                f.approx = true;
                // An exact number loses its bounds; a range of its own ("une dizaine", 8–12)
                // keeps them.
                if f.min == f.max {
                    f.min = None;
                    f.max = None;
                }
            }
            Modifier::Nearly => {
                f.approx = true;
                f.max = Some(v);
                f.min = None;
            }
        }
    }

    /// The number (digits, words, vague words) at word `i`, without modifiers.
    fn base_at(&self, i: usize) -> Option<Base> {
        let word = self.words.get(i)?;
        let lang = self.lang;
        let exact = |end, value: f64, digits| Base {
            end,
            value,
            min: Some(value),
            max: Some(value),
            vague: false,
            approx: false,
            article_only: false,
            determiner: 0,
            digits,
        };
        if word.kind == TokenKind::Number {
            let mut value = numbers::parse_digits(&self.text[word.start..word.end], lang)?;
            let mut end = i + 1;
            if let Some(scale) = numbers::scale_word(self.word(end), lang) {
                value *= scale as f64;
                end += 1;
            }
            return Some(exact(end, value, true));
        }
        if word.kind != TokenKind::Word {
            return None;
        }
        // "une dizaine de", "a dozen", "un centenar de": about n.
        if numbers::is_article(self.word(i), lang)
            && let Some(n) = lexicon::approximate_unit(self.word(i + 1), lang)
            && (lang != Lang::Fr || lexicon::of_word(self.word(i + 2), lang))
        {
            let n = n as f64;
            let (scale, end) = self.scale_after(i + 2);
            return Some(Base {
                end: end.unwrap_or(i + 2),
                value: n * scale,
                min: Some((n * 0.8).ceil() * scale),
                max: Some((n * 1.2).floor() * scale),
                vague: false,
                approx: true,
                article_only: false,
                determiner: 0,
                digits: false,
            });
        }
        // "des dizaines", "plusieurs centaines", "hundreds", "several hundred".
        let determiner = lexicon::vague_determiner(self.w, i, lang);
        let unit = lexicon::plural_unit(self.word(i), lang)
            .or_else(|| (determiner > 0).then(|| lexicon::singular_unit(self.word(i), lang)).flatten());
        if let Some(unit) = unit {
            let unit = unit as f64;
            let (scale, end) = self.scale_after(i + 1);
            let min = 2.0 * unit * scale;
            let max = (10.0 * unit) * scale - 1.0;
            return Some(Base {
                end: end.unwrap_or(i + 1),
                value: min,
                min: Some(min),
                max: Some(max),
                vague: true,
                approx: false,
                article_only: false,
                determiner,
                digits: false,
            });
        }
        // "plusieurs", "several", "de nombreux", "a few": unless a unit follows, where the
        // unit's rule takes them as its determiner.
        if let Some((min, max, len)) = lexicon::vague_quantifier(&self.w[i..], lang) {
            let next = self.word(i + len);
            if lexicon::plural_unit(next, lang).is_some() || lexicon::singular_unit(next, lang).is_some() {
                return None;
            }
            if i > 0
                && matches!(
                    self.word(i - 1),
                    "how" | "so" | "too" | "as" | "combien" | "si" | "tant" | "trop"
                )
            {
                return None;
            }
            let min = min as f64;
            return Some(Base {
                end: i + len,
                value: min,
                min: Some(min),
                max: max.map(|m| m as f64),
                vague: true,
                approx: false,
                article_only: false,
                determiner: 0,
                digits: false,
            });
        }
        let n = numbers::parse_words(&self.w[i..(i + 12).min(self.w.len())], lang)?;
        let mut b = exact(i + n.tokens, n.value as f64, false);
        b.article_only = n.article_only;
        Some(b)
    }

    /// "de milliers", "of thousands" after a unit: the factor and the word after it.
    fn scale_after(&self, i: usize) -> (f64, Option<usize>) {
        if lexicon::of_word(self.word(i), self.lang)
            && let Some(s) = lexicon::plural_unit(self.word(i + 1), self.lang).filter(|&s| s >= 1_000)
        {
            return (s as f64, Some(i + 2));
        }
        (1.0, None)
    }

    /// Digits that are a year, a date or a clock time rather than a quantity.
    fn not_a_count(&self, i: usize, base: &Base) -> bool {
        let lang = self.lang;
        let next = self.word(base.end);
        let prev = if i > 0 { self.word(i - 1) } else { "" };
        let month_near = lexicon::month_name(next, lang)
            || (next == "." && lexicon::month_name(self.word(base.end + 1), lang))
            || lexicon::month_name(prev, lang)
            || (matches!(next, "de" | "of") && lexicon::month_name(self.word(base.end + 1), lang));
        if month_near && base.value < 32.0 && base.value.fract() == 0.0 {
            return true;
        }
        let raw = &self.text[self.words[i].start..self.words[i].end];
        let year_like = raw.len() == 4
            && raw.bytes().all(|b| b.is_ascii_digit())
            && (1500.0..=2100.0).contains(&base.value);
        if year_like {
            let counts_people = lexicon::group_at(&self.w[base.end..], lang).is_some()
                || lexicon::event_word(next, lang).is_some();
            let modified = lexicon::modifier_before(self.w, i, lang).is_some();
            return !(counts_people || modified);
        }
        false
    }

    /// Attaches the counted noun, the event and the group to `f`.
    fn attach(&self, f: &mut Found) {
        let lang = self.lang;
        let mut k = f.end;
        // The counted noun: "15 manifestants", "des dizaines de soldats", "three of the soldiers".
        if lexicon::of_word(self.word(k), lang) {
            k += 1;
            if lexicon::article(self.word(k), lang) {
                k += 1;
            }
        }
        while lexicon::noun_adjective(self.word(k), lang) {
            k += 1;
        }
        let mut after = f.end;
        let mut unknown_noun = None;
        let event_noun = lexicon::event_word(self.word(k), lang)
            // "a death toll of 15" counts no death.
            .filter(|_| {
                self.same_sentence(f.end - 1, k) && lexicon::toll_word(self.word(k + 1), lang).is_none()
            });
        if let Some((event, _)) = event_noun {
            // "sept morts", "15 blessés", "12 killed".
            f.event = Some(event);
            f.event_noun = true;
            f.noun = Some(self.span(k, k + 1));
            after = k + 1;
        } else if let Some((group, len)) = lexicon::group_at(&self.w[k.min(self.w.len())..], lang) {
            f.group = Some(group);
            f.noun = Some(self.span(k, k + len));
            after = k + len;
            // "membres des forces de sécurité", "members of the security forces".
            if group == Group::People && lexicon::of_word(self.word(after), lang) {
                let mut m = after + 1;
                if lexicon::article(self.word(m), lang) {
                    m += 1;
                }
                if let Some((g, len)) = lexicon::group_at(&self.w[m.min(self.w.len())..], lang) {
                    f.group = Some(g);
                    f.noun = Some(self.span(k, m + len));
                    after = m + len;
                }
            }
        } else if self.words.get(k).is_some_and(|w| w.kind == TokenKind::Word)
            && lexicon::auxiliary(self.word(k), lang).is_none()
            && !lexicon::event_filler(self.word(k), lang)
            && self.same_sentence(f.end - 1, k)
            && !lexicon::pronoun(self.word(k), lang)
        {
            // A noun of no known group ("des dizaines de Palestiniens"): kept only if an
            // event follows.
            unknown_noun = Some(k);
            after = k + 1;
        }
        // "in 21 cities": a count of places, not of people.
        let place = f.first > 0 && lexicon::place_preposition(self.word(f.first - 1), lang);
        if f.event.is_none()
            && !place
            && let Some((event, form, at)) = self.event_after(after)
        {
            f.event = Some(event);
            // "9 million premature deaths": the event noun is what is counted.
            let noun = if form == Form::Noun { Some(at) } else { unknown_noun };
            if f.noun.is_none() {
                f.noun = noun.map(|k| self.span(k, k + 1));
            }
            f.event_noun = form == Form::Noun && unknown_noun.is_none();
            after = at + 1;
        }
        if f.event.is_none() && !place {
            f.event = self.event_before(f.first);
        }
        if f.event.is_none() && matches!(f.group, None | Some(Group::People)) && self.protest_after(after) {
            f.group = Some(Group::Protesters);
        }
        // "dans les rangs des forces de sécurité", "among the protesters".
        if matches!(f.group, None | Some(Group::People)) {
            let mut m = after;
            while m < after + 3 && lexicon::event_filler(self.word(m), lang) {
                m += 1;
            }
            let intro = lexicon::group_intro(&self.w[m.min(self.w.len())..], lang);
            if intro > 0 && self.same_sentence(f.first, m + intro) {
                let mut g = m + intro;
                if lexicon::article(self.word(g), lang) {
                    g += 1;
                }
                if let Some((group, len)) = lexicon::group_at(&self.w[g.min(self.w.len())..], lang) {
                    f.group = Some(group);
                    after = g + len;
                }
            }
        }
        f.attach_end = after;
    }

    /// An event within a few words after the counted noun: "ont été tués", "were killed",
    /// "sont morts", "were shot dead". Returns the event and the word after it.
    fn event_after(&self, start: usize) -> Option<(Event, Form, usize)> {
        let lang = self.lang;
        let (mut be, mut have, mut unknown) = (false, false, 0);
        let mut k = start;
        while k < (start + 7).min(self.words.len()) {
            if !self.same_sentence(start.saturating_sub(1), k) || self.is_punct(k) {
                return None;
            }
            // "106 protesters in 21 cities have been killed": a place phrase is skipped.
            if lexicon::place_preposition(self.word(k), lang)
                && let Some(place) = self.base_at(k + 1)
            {
                k = place.end + 1;
                unknown += 1;
                continue;
            }
            if self.words[k].kind == TokenKind::Number {
                return None;
            }
            let w = self.word(k);
            if let Some((event, form)) = lexicon::event_word(w, lang) {
                let active = form == Form::Transitive && !be && (have || self.object_follows(k + 1));
                return (!active).then_some((event, form, k));
            }
            match lexicon::auxiliary(w, lang) {
                Some(true) => be = true,
                Some(false) => have = true,
                None if lexicon::event_filler(w, lang) => {}
                None => {
                    // "ont trouvé la mort", "were shot dead": two other words at most.
                    unknown += 1;
                    if unknown > 2 || self.base_at(k).is_some() {
                        return None;
                    }
                }
            }
            k += 1;
        }
        None
    }

    /// A protest verb within a few words: "plusieurs centaines de personnes ont manifesté".
    fn protest_after(&self, start: usize) -> bool {
        (start..(start + 5).min(self.words.len()))
            .take_while(|&k| !self.is_punct(k) && self.same_sentence(start.saturating_sub(1), k))
            .any(|k| lexicon::protest_verb(self.word(k), self.lang))
    }

    /// A transitive verb is active when an object follows it: "killed two civilians".
    fn object_follows(&self, k: usize) -> bool {
        self.base_at(k).is_some_and(|b| !b.article_only)
            || lexicon::article(self.word(k), self.lang)
            || lexicon::group_at(&self.w[k.min(self.w.len())..], self.lang).is_some()
    }

    /// An event named before the count: an active verb ("tuant 15 personnes", "killed 15
    /// people") or a toll ("the death toll rose to 15", "le bilan s'élève à 15").
    fn event_before(&self, first: usize) -> Option<Event> {
        let lang = self.lang;
        if first == 0 {
            return None;
        }
        // "tuant aussi trois enfants", "killing at least 15": adverbs may stand between.
        let mut prev = first - 1;
        while prev > 0 && lexicon::event_filler(self.word(prev), lang) {
            prev -= 1;
        }
        if !self.same_sentence(prev, first) {
            return None;
        }
        if let Some((event, Form::Transitive)) = lexicon::event_word(self.word(prev), lang) {
            // Not "were killed 15": a passive form before a number is no verb of it.
            let passive = prev > 0 && lexicon::auxiliary(self.word(prev - 1), lang) == Some(true);
            return (!passive).then_some(event);
        }
        // "la mort de 15 personnes", "the killing of 15 people", "l'arrestation de 15".
        if prev > 0
            && lexicon::of_word(self.word(prev), lang)
            && let Some((event, _)) = lexicon::event_word(self.word(prev - 1), lang)
            // "victimes de deux attentats" names the cause, not the victims.
            && event != Event::Casualties
        {
            return Some(event);
        }
        if lexicon::part_of_previous(self.word(prev), lang) {
            return None;
        }
        // A toll a few words before, with no punctuation between.
        for k in (first.saturating_sub(6)..first).rev() {
            if self.is_punct(k) || !self.same_sentence(k, first) {
                return None;
            }
            if let Some(toll) = lexicon::toll_word(self.word(k), lang) {
                let named = (k.saturating_sub(2)..(k + 3).min(first)).find_map(|j| {
                    lexicon::event_word(self.word(j), lang)
                        .filter(|(_, form)| *form == Form::Noun)
                        .map(|(e, _)| e)
                });
                return Some(named.unwrap_or(toll));
            }
        }
        None
    }

    /// Events shared between counts: "15 morts, dont 3 policiers" (the part takes the
    /// whole's event), "trois soldats et deux civils ont été tués" (coordinated counts).
    fn share_events(&self, found: &mut [Found]) {
        for n in 1..found.len() {
            let (before, rest) = found.split_at_mut(n);
            let (prev, cur) = (&before[n - 1], &mut rest[0]);
            if cur.event.is_some() || cur.kind != Kind::Count || !self.same_sentence(prev.first, cur.first) {
                continue;
            }
            let gap = &self.w[prev.attach_end.min(cur.first)..cur.first];
            let part = gap.iter().any(|w| lexicon::part_of_previous(w, self.lang)) && gap.len() <= 2;
            // "dont 12 policiers et 3 civils": the next part of the same list.
            let listed = gap.len() == 1 && is_conjunction(gap[0]) && cur.group.is_some();
            if prev.event.is_some() && (part || listed) {
                cur.event = prev.event;
            }
        }
        for n in (1..found.len()).rev() {
            let (before, rest) = found.split_at_mut(n);
            let (prev, next) = (&mut before[n - 1], &rest[0]);
            if prev.event.is_some() || prev.kind != Kind::Count || next.event.is_none() {
                continue;
            }
            let gap = &self.w[prev.attach_end.min(next.first)..next.first];
            if gap.len() == 1 && is_conjunction(gap[0]) {
                prev.event = next.event;
            }
        }
    }

    /// A negated casualty or figure at word `i`: "aucun chiffre", "pas de victimes", "no one
    /// was killed". Returns the quantity and the word after it.
    fn absence_at(&self, i: usize) -> Option<(Quantity, usize)> {
        let lang = self.lang;
        let neg = lexicon::negation(&self.w[i..], lang);
        if neg == 0 {
            return None;
        }
        let (mut figure, mut event, mut last) = (false, None, None);
        for k in i + neg..(i + neg + 5).min(self.words.len()) {
            if self.is_punct(k) || !self.same_sentence(i, k) || self.words[k].kind == TokenKind::Number {
                break;
            }
            let w = self.word(k);
            if lexicon::figure_word(w, lang) || lexicon::toll_word(w, lang).is_some() {
                figure = true;
                last = Some(k);
            }
            // "no one was killed", "aucun blessé", but not "without that crucial missing piece".
            let nobody = k > i + neg && lexicon::pronoun(self.word(i + neg), lang);
            let named = |form: Form| form == Form::Noun || nobody || k == i + neg;
            if let Some((e, _)) = lexicon::event_word(w, lang).filter(|&(_, form)| named(form)) {
                event = event.or(Some(e));
                last = Some(k);
            }
        }
        let last = last?;
        let absent = if figure { Absence::NoFigure } else { Absence::None };
        let span = self.span(i, last + 1);
        let q = Quantity {
            start: span.0,
            end: span.1,
            number: self.span(i, i + neg),
            value: None,
            min: None,
            min_exclusive: false,
            max: None,
            max_exclusive: false,
            vague: false,
            approx: false,
            kind: Kind::Count,
            event,
            group: None,
            noun: Some(self.span(last, last + 1)),
            absent: Some(absent),
        };
        Some((q, last + 1))
    }

    fn span(&self, first: usize, end: usize) -> (usize, usize) {
        (self.words[first].start, self.words[end - 1].end)
    }
}

fn is_conjunction(w: &str) -> bool {
    matches!(w, "et" | "and" | "und" | "y" | "ou" | "or" | "oder" | "o")
}

/// A quantity as JSON, its fields as [`Quantity`] names them; spans become their text.
/// Whole numbers are written as integers.
pub fn to_json(q: &Quantity, text: &str) -> serde_json::Value {
    let number = |v: Option<f64>| match v {
        Some(v) if v.fract() == 0.0 && v.abs() < 9e15 => serde_json::json!(v as i64),
        Some(v) => serde_json::json!(v),
        None => serde_json::Value::Null,
    };
    serde_json::json!({
        "text": &text[q.start..q.end],
        "number": &text[q.number.0..q.number.1],
        "value": number(q.value),
        "min": number(q.min),
        "min_exclusive": q.min_exclusive,
        "max": number(q.max),
        "max_exclusive": q.max_exclusive,
        "vague": q.vague,
        "approx": q.approx,
        "kind": q.kind.as_str(),
        "event": q.event.map(Event::as_str),
        "group": q.group.map(Group::as_str),
        "noun": q.noun.map(|(a, b)| &text[a..b]),
        "absent": q.absent.map(Absence::as_str),
    })
}

#[cfg(test)]
mod tests;
