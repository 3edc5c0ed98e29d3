//! Temporal tagging: finds DATE, TIME, DURATION and SET expressions in French and English
//! text and normalises them to TIMEX3 values against the document creation time (DCT).
//!
//! Our own rules (not derived from HeidelTime's): the text is cut into word, number and
//! punctuation tokens; at each token the rules below are tried and the longest match wins.
//! Normalisation uses an *anchor*: the DCT, or, when the DCT does not give the day, the latest
//! full date the text states in the DCT's month (found by a first pass over the whole text).
//! Relative expressions never invent precision that the anchor lacks (with a DCT of `2022-01`
//! and no full date in the text, "hier" is `2022-01`).
//!
//! Weekday names resolve as news writes them: to the nearest such day before the anchor when
//! the sentence is in the past tense, after it when in the future; otherwise the last one in
//! English ("up from 44 million Thursday") and the nearest one in French ("les manifestations
//! se poursuivent jeudi"). A day or month without a year is the nearest such one, the tense
//! counting as a handicap against the other side (a few weeks ahead stays ahead in a past-tense
//! sentence: "directors approved a split, payable Dec. 7").
//!
//! Parts of a week have no TIMEX3 value of their own: "en milieu de semaine", "early this
//! week" take the week's (`2022-W01`). A DURATION keeps its length as value (`P2W`); when the
//! text anchors it ("depuis deux semaines", "the past three years", "the next two weeks") and
//! the anchor has the day, [`Timex::bounds`] gives the days it covers.

pub mod calendar;
mod lexicon;

use calendar::Day;
pub(crate) use lexicon::month_number;
use lexicon::*;
use storyline_doc::PartialDateTime;

/// The languages the tagger has rules for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// `fr` or `en` (ISO 639-1); any other code is unsupported.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" | "fra" => Some(Lang::Fr),
            "en" | "eng" => Some(Lang::En),
            _ => None,
        }
    }
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One temporal expression over `start..end` (byte offsets) of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    /// For a DURATION the text anchors ("depuis deux semaines", "the past three years",
    /// "the next two weeks"): the interval it covers. The value stays the length (`P2W`).
    pub bounds: Option<Bounds>,
}

/// The first and last day of an anchored duration, as TIMEX3 `beginPoint`/`endPoint` would
/// give them, at the anchor's precision (always days: bounds need a full-day anchor).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounds {
    pub begin: String,
    pub end: String,
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    /// Lowercased, accents removed, `’` as `'`.
    norm: String,
    /// A number written in digits.
    digits: Option<u32>,
    /// Written with a capital first letter.
    capitalized: bool,
}

/// Lowercased text folded this way is what the time and quantity lexicons are written in.
pub(crate) fn fold(c: char) -> char {
    match c {
        // 'à' stays: "à" (a preposition) is not "a" (has).
        'â' | 'ä' | 'á' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ç' => 'c',
        '’' | '`' => '\'',
        c => c,
    }
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let digit = c.is_ascii_digit();
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                let same = if digit { d.is_ascii_digit() } else { d.is_alphabetic() };
                // Internal hyphens stay inside words ("avant-hier", "third-quarter", "dix-huit").
                let hyphen =
                    d == '-' && text[j + 1..].chars().next().is_some_and(|n| n.is_alphanumeric()) && !digit;
                if same || hyphen {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let s = &text[i..end];
            let norm: String = s.chars().flat_map(char::to_lowercase).map(fold).collect();
            let digits = if digit { s.parse().ok() } else { None };
            out.push(Tok { start: i, end, norm, digits, capitalized: c.is_uppercase() });
        } else {
            out.push(Tok {
                start: i,
                end: i + c.len_utf8(),
                norm: fold(c).to_string(),
                digits: None,
                capitalized: false,
            });
        }
    }
    out
}

/// What a rule found: tokens `start..end`, type and value.
struct Found {
    end: usize,
    kind: TimexType,
    value: String,
    /// Resolved from an earlier expression rather than named by the text.
    derived: bool,
    bounds: Option<Bounds>,
}

/// The anchor: the best-known day, or only a month or year.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    year: i32,
    month: Option<u8>,
    day: Option<Day>,
}

impl Anchor {
    fn from_dct(dct: &PartialDateTime) -> Anchor {
        let day = match (dct.month, dct.day) {
            (Some(m), Some(d)) => Day::new(dct.year, m, d),
            _ => None,
        };
        Anchor { year: dct.year, month: dct.month, day }
    }

    fn year_s(&self) -> String {
        format!("{:04}", self.year)
    }

    fn month_s(&self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{m:02}", self.year),
            None => self.year_s(),
        }
    }

    /// The day `offset` days away, as precise as the anchor allows.
    fn day_offset(&self, offset: i64) -> String {
        match self.day {
            Some(d) => d.add_days(offset).iso(),
            None => self.month_s(),
        }
    }
}

/// Tense of a sentence, guessed from surface markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

fn sentence_tense(toks: &[Tok], at: usize, lang: Lang) -> Tense {
    let is_end = |k: usize| match toks[k].norm.as_str() {
        "!" | "?" => true,
        // Not the period of an abbreviation ("p.m.", "Nov.", "Mr.") nor a decimal point.
        "." => {
            let decimal = k > 0
                && toks[k - 1].digits.is_some()
                && toks[k - 1].end == toks[k].start
                && toks.get(k + 1).is_some_and(|n| n.digits.is_some() && n.start == toks[k].end);
            k == 0
                || !(decimal
                    || toks[k - 1].norm.chars().count() == 1
                    || ABBREVIATIONS.contains(&toks[k - 1].norm.as_str()))
        }
        _ => false,
    };
    let from = (0..at).rev().find(|&k| is_end(k)).map_or(0, |p| p + 1);
    let to = (at..toks.len()).find(|&k| is_end(k)).unwrap_or(toks.len());
    // Each marker counts more the nearer it is to the expression: in "officials said the
    // talks will resume Thursday", "will" governs the weekday, not "said".
    let (mut past, mut future) = (0.0f64, 0.0f64);
    for (k, t) in toks[from..to].iter().enumerate() {
        let weight = 1.0 / (1.0 + (from + k).abs_diff(at) as f64);
        let w = t.norm.as_str();
        let next = toks.get(from + k + 1).map_or("", |t| t.norm.as_str());
        match lang {
            Lang::Fr => {
                if FR_FUTURE_WORDS.contains(&w)
                    || (w.len() >= 4
                        && ["ra", "ront", "rons", "rez", "rai"].iter().any(|s| w.ends_with(s))
                        && !FR_NOT_FUTURE.contains(&w))
                    || (matches!(w, "va" | "vont")
                        && (next.ends_with("er") || next.ends_with("ir") || next.ends_with("re")))
                {
                    future += weight;
                }
                if FR_PAST_WORDS.contains(&w)
                    || (w.len() >= 5 && (w.ends_with("ait") || w.ends_with("aient")))
                {
                    past += weight;
                }
            }
            Lang::En => {
                // "set to resume", "set for April": planned; "a record set on Aug. 6": past.
                let prev = if from + k > 0 { toks[from + k - 1].norm.as_str() } else { "" };
                let after_not =
                    if next == "not" { toks.get(from + k + 2).map_or("", |t| t.norm.as_str()) } else { next };
                // "were planning to", "did not plan to": the auxiliary's tense yields to the
                // plan; "had been due to expire": a plan in the past is past.
                let planned = EN_FUTURE_WORDS.contains(&after_not);
                let perfect = prev == "been";
                // "will be named": a participle after "be" is passive, not past; "United",
                // "Red" are names, not verbs.
                let participle = matches!(prev, "be" | "being" | "is" | "are" | "am") || t.capitalized;
                // The reporting verb dates the report ("said Tuesday"), not what is reported.
                let reporting = matches!(w, "said" | "told" | "says") && (from + k).abs_diff(at) > 2;
                if (EN_FUTURE_WORDS.contains(&w) || (w == "set" && matches!(next, "to" | "for"))) && !perfect
                {
                    future += weight;
                } else if (EN_PAST_WORDS.contains(&w) || (w.len() >= 5 && w.ends_with("ed") && !participle))
                    && !planned
                    && !reporting
                {
                    past += weight;
                }
            }
        }
    }
    if future > past {
        Tense::Future
    } else if past > 0.0 {
        Tense::Past
    } else {
        Tense::Unknown
    }
}

struct Tagger<'a> {
    text: &'a str,
    toks: &'a [Tok],
    lang: Lang,
    anchor: Anchor,
    /// The last quarter value mentioned (`1989-Q3`), for "a year earlier".
    last_quarter: Option<(i32, u8)>,
    /// The last full day an expression resolved to: clock times ("22 h") refer to it.
    last_day: Option<Day>,
    /// The year of the last date met, for "that year", "the following year".
    last_year: Option<i32>,
    /// Full dates the text states ("jeudi 6 janvier"), with the tense of their sentence:
    /// candidates for the anchor when the DCT lacks the day.
    stated_days: Vec<(Day, Tense)>,
}

/// Finds and normalises the temporal expressions of `text`.
///
/// When the DCT does not give the day, a first pass reads the text for the day to anchor on
/// (the latest full date in the DCT's period outside future-tense sentences), so that a
/// weekday met before the sentence giving the full date resolves as well as one met after it.
pub fn tag(text: &str, lang: Lang, dct: Option<PartialDateTime>) -> Vec<Timex> {
    let toks = tokens(text);
    let dct = dct.unwrap_or(PartialDateTime::year(1970));
    let anchor = anchor_of(text, &toks, lang, &dct);
    Tagger::new(text, &toks, lang, anchor).run()
}

/// The day the text is written from: the DCT's day, or when the DCT lacks it the day the first
/// pass of [`tag`] anchors on; `None` when neither gives one.
pub fn reference_day(text: &str, lang: Lang, dct: PartialDateTime) -> Option<PartialDateTime> {
    let toks = tokens(text);
    let d = anchor_of(text, &toks, lang, &dct).day?;
    PartialDateTime::day(d.year, d.month, d.day)
}

fn anchor_of(text: &str, toks: &[Tok], lang: Lang, dct: &PartialDateTime) -> Anchor {
    let mut anchor = Anchor::from_dct(dct);
    if anchor.day.is_none() {
        let mut first = Tagger::new(text, toks, lang, anchor);
        first.run();
        if let Some(day) = best_stated_day(&first.stated_days, anchor) {
            anchor.day = Some(day);
            anchor.month = Some(day.month);
        }
    }
    anchor
}

/// The day a month- or year-precise DCT most likely stands for: the latest full date the
/// text states within the DCT's period, leaving out dates in sentences about the future
/// ("le 20 janvier prochain"). A news article reports events up to its publication, so the
/// latest past or present day stated is the nearest to it that the text gives.
fn best_stated_day(stated: &[(Day, Tense)], dct: Anchor) -> Option<Day> {
    stated
        .iter()
        .filter(|(d, tense)| {
            *tense != Tense::Future && d.year == dct.year && dct.month.is_none_or(|m| m == d.month)
        })
        .map(|(d, _)| *d)
        .max()
}

impl<'a> Tagger<'a> {
    fn new(text: &'a str, toks: &'a [Tok], lang: Lang, anchor: Anchor) -> Tagger<'a> {
        Tagger {
            text,
            toks,
            lang,
            anchor,
            last_quarter: None,
            last_day: None,
            last_year: None,
            stated_days: Vec::new(),
        }
    }

    fn run(&mut self) -> Vec<Timex> {
        let toks = self.toks;
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.at(i) {
                Some(f) if f.end > i => {
                    out.push(Timex {
                        start: toks[i].start,
                        end: toks[f.end - 1].end,
                        kind: f.kind,
                        value: f.value,
                        bounds: f.bounds,
                    });
                    i = f.end;
                }
                _ => i += 1,
            }
        }
        out
    }
}

fn found(end: usize, kind: TimexType, value: impl Into<String>) -> Option<Found> {
    Some(Found { end, kind, value: value.into(), derived: false, bounds: None })
}

/// A value resolved from an earlier expression ("a year earlier", "the year-ago quarter").
fn derived(end: usize, kind: TimexType, value: impl Into<String>) -> Option<Found> {
    Some(Found { end, kind, value: value.into(), derived: true, bounds: None })
}

impl Tagger<'_> {
    fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.norm.as_str())
    }

    fn num(&self, i: usize) -> Option<u32> {
        self.toks.get(i).and_then(|t| t.digits)
    }

    /// Tokens `i` and `j` are adjacent in the text (no space between).
    fn glued(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    fn at(&mut self, i: usize) -> Option<Found> {
        // A modifier ("late November", "the end of 1999", "fin septembre", "fiscal 1990") is
        // part of the extent; the value is the modified expression's.
        let skip = self.modifier_len(i);
        if skip > 0
            && let Some(f) = self.at_unmodified(i + skip)
        {
            return Some(f);
        }
        self.at_unmodified(i)
    }

    fn modifier_len(&self, i: usize) -> usize {
        let w = |k: usize| self.w(i + k);
        match self.lang {
            Lang::En => match (w(0), w(1), w(2)) {
                ("the", "end" | "beginning" | "start" | "middle", "of") => 3,
                ("early" | "late" | "mid" | "fiscal" | "calendar", ..) => 1,
                ("earlier" | "later", "this" | "last" | "next" | "that", _) => 1,
                ("the", "early" | "late", _) => 2,
                _ => 0,
            },
            Lang::Fr => match (w(0), w(1), w(2)) {
                ("à" | "la", "fin" | "mi", "de" | "du" | "d") => 3,
                ("fin" | "debut" | "mi", "de" | "du" | "d", _) => 2,
                ("au", "debut", "de" | "du" | "d") => 3,
                ("fin" | "debut" | "mi" | "courant", ..) => 1,
                _ => 0,
            },
        }
    }

    fn at_unmodified(&mut self, i: usize) -> Option<Found> {
        // Rules are ordered: the first that matches at `i` wins, longer patterns first.
        let r = self
            .explicit_date(i)
            .or_else(|| self.clock_time(i))
            .or_else(|| self.quarter(i))
            .or_else(|| self.relative_word(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.anaphoric(i))
            .or_else(|| self.weekend(i))
            .or_else(|| self.week_part(i))
            .or_else(|| self.relative_unit(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.year_earlier(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.set(i))
            .or_else(|| self.month_year(i))
            .or_else(|| self.season(i))
            .or_else(|| self.holiday(i))
            .or_else(|| self.whole_year(i))
            .or_else(|| self.year(i))
            .or_else(|| self.reference(i));
        if let Some(f) = &r {
            // Only a quarter the text names is "the quarter in question": one derived from it
            // ("a year earlier" → 1988-Q3) must not move it again.
            if let Some(q) = parse_quarter(&f.value).filter(|_| !f.derived) {
                self.last_quarter = Some(q);
            }
            if let Some(d) = parse_day(&f.value) {
                self.last_day = Some(d);
            }
            if f.kind == TimexType::Date
                && let Some(y) = f.value.get(..4).and_then(|y| y.parse().ok())
            {
                self.last_year = Some(y);
            }
        }
        r
    }

    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let m = month_number(self.w(i), self.lang)?;
        // "Nov." as an abbreviation takes its period.
        let abbreviation =
            self.lang == Lang::En && self.w(i).len() <= 4 && !matches!(self.w(i), "may" | "june" | "july");
        let period = abbreviation && self.w(i + 1) == "." && self.glued(i, i + 1);
        let end = if period { i + 2 } else { i + 1 };
        if self.lang == Lang::En {
            // English months are capitalised; a short form ("Jan", "Mar") needs its period
            // or a day number after it to be a month.
            let t = &self.toks[i];
            if !self.text_starts_upper(t) {
                return None;
            }
            let full = matches!(self.w(i), "may" | "june" | "july") || self.w(i).len() > 4;
            if !full && !period && self.num(i + 1).is_none() {
                return None;
            }
        }
        Some((m, end))
    }

    fn text_starts_upper(&self, t: &Tok) -> bool {
        self.text[t.start..].chars().next().is_some_and(char::is_uppercase)
    }

    /// A year at `i`, also two-digit after a French month ("octobre 98").
    fn year_after_month(&self, i: usize) -> Option<i32> {
        if let Some(y) = self.year_at(i) {
            return Some(y);
        }
        let n = self.num(i)?;
        let two = self.toks[i].end - self.toks[i].start == 2;
        let unit_follows = unit_of(self.w(i + 1), self.lang).is_some() || self.w(i + 1) == "%";
        (self.lang == Lang::Fr && two && !unit_follows)
            .then(|| if n < 30 { 2000 + n as i32 } else { 1900 + n as i32 })
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let y = self.num(i)?;
        (self.toks[i].end - self.toks[i].start == 4 && (1000..=2100).contains(&y)).then_some(y as i32)
    }

    /// A year for a month given without one: the last such month before the anchor when the
    /// sentence at token `i` is in the past tense, the next one in the future, else the nearest.
    ///
    /// In English, as for days ([`Self::implicit_day_year_at`]), a month a little ahead stays
    /// ahead in a past-tense sentence ("credit was extended through January"): a month on
    /// the other side of the anchor from the tense counts three months farther.
    fn implicit_year_at(&self, month: u8, i: usize) -> i32 {
        const AGAINST_TENSE_MONTHS: i32 = 3;
        let tense = sentence_tense(self.toks, i, self.lang);
        match (self.lang, self.anchor.month) {
            (Lang::En, Some(am)) => (self.anchor.year - 1..=self.anchor.year + 1)
                .map(|y| {
                    let diff = (y * 12 + i32::from(month)) - (self.anchor.year * 12 + i32::from(am));
                    let against = match tense {
                        Tense::Past => diff > 0,
                        Tense::Future => diff < 0,
                        Tense::Unknown => false,
                    };
                    (y, diff.abs() + if against { AGAINST_TENSE_MONTHS } else { 0 })
                })
                .min_by_key(|(_, cost)| *cost)
                .map_or(self.anchor.year, |(y, _)| y),
            _ => match tense {
                Tense::Past => self.year_before_or_same(month),
                Tense::Future => self.year_after_or_same(month),
                Tense::Unknown => self.nearest_month_year(month),
            },
        }
    }

    /// The year that puts `month` nearest to the anchor's month (at most six months away).
    fn nearest_month_year(&self, month: u8) -> i32 {
        match self.anchor.month {
            Some(m) if i32::from(month) - i32::from(m) > 6 => self.anchor.year - 1,
            Some(m) if i32::from(m) - i32::from(month) > 6 => self.anchor.year + 1,
            _ => self.anchor.year,
        }
    }

    /// A year for a day and month given without one: the nearest such day to the anchor,
    /// where a day on the other side of the anchor from the sentence's tense counts 90 days
    /// farther. Dates are often set weeks ahead in past-tense sentences ("directors
    /// authorized a split, payable Dec. 7"), so tense only decides between far-off days.
    fn implicit_day_year_at(&self, month: u8, day: u8, i: usize) -> i32 {
        const AGAINST_TENSE_DAYS: i64 = 90;
        // French tense marks are too coarse here ("a" is both the present and the passé
        // composé's auxiliary): a French date is the nearest one.
        let tense = match self.lang {
            Lang::Fr => Tense::Unknown,
            Lang::En => sentence_tense(self.toks, i, self.lang),
        };
        let Some(a) = self.anchor.day else {
            return match tense {
                Tense::Past => self.year_before_or_same(month),
                Tense::Future => self.year_after_or_same(month),
                Tense::Unknown => self.anchor.year,
            };
        };
        (a.year - 1..=a.year + 1)
            .filter_map(|y| {
                let diff = Day::new(y, month, day)?.number() - a.number();
                let against = match tense {
                    Tense::Past => diff > 0,
                    Tense::Future => diff < 0,
                    Tense::Unknown => false,
                };
                Some((y, diff.abs() + if against { AGAINST_TENSE_DAYS } else { 0 }))
            })
            .min_by_key(|(_, cost)| *cost)
            .map_or(a.year, |(y, _)| y)
    }

    fn year_before_or_same(&self, month: u8) -> i32 {
        match self.anchor.month {
            Some(m) if month > m => self.anchor.year - 1,
            _ => self.anchor.year,
        }
    }

    fn year_after_or_same(&self, month: u8) -> i32 {
        match self.anchor.month {
            Some(m) if month < m => self.anchor.year + 1,
            _ => self.anchor.year,
        }
    }

    /// The year of the last `month` before the anchor's month.
    fn year_before(&self, month: u8) -> i32 {
        match self.anchor.month {
            Some(m) if month >= m => self.anchor.year - 1,
            _ => self.anchor.year,
        }
    }

    /// The year of the next `month` after the anchor's month.
    fn year_after(&self, month: u8) -> i32 {
        match self.anchor.month {
            Some(m) if month <= m => self.anchor.year + 1,
            _ => self.anchor.year,
        }
    }

    /// Notes a full date the text states at token `i`, while the anchor still lacks the day.
    fn note_stated_day(&mut self, d: Day, i: usize) {
        if self.anchor.day.is_none() {
            let tense = sentence_tense(self.toks, i, self.lang);
            self.stated_days.push((d, tense));
        }
    }

    /// "le 6 janvier 2022", "jeudi 6 janvier", "6 janvier", "1er mai", "January 6, 2022",
    /// "Nov. 9", "le 9 mars dernier".
    fn explicit_date(&mut self, i: usize) -> Option<Found> {
        let mut j = i;
        if self.lang == Lang::Fr && self.w(j) == "le" {
            j += 1;
        }
        if weekday_number(self.w(j), self.lang).is_some() {
            j += 1;
            if self.w(j) == "," {
                j += 1;
            }
        }
        // Day first (French, also "6 January" in English).
        if let Some(d) = self.num(j).filter(|d| (1..=31).contains(d)) {
            let mut k = j + 1;
            if matches!(self.w(k), "er" | "th" | "st" | "nd" | "rd") && self.glued(j, k) {
                k += 1;
            }
            if let Some((m, mut end)) = self.month_at(k) {
                let year = if let Some(y) = self.year_after_month(end) {
                    end += 1;
                    y
                } else {
                    match self.w(end) {
                        "dernier" => {
                            end += 1;
                            self.year_before_or_same(m)
                        }
                        "prochain" => {
                            end += 1;
                            self.year_after_or_same(m)
                        }
                        _ => self.implicit_day_year_at(m, d as u8, i),
                    }
                };
                let day = Day::new(year, m, d as u8)?;
                self.note_stated_day(day, i);
                return found(end, TimexType::Date, day.iso());
            }
        }
        // Month first (English): "January 6", "Jan. 6, 2022".
        if self.lang == Lang::En
            && let Some((m, k)) = self.month_at(j)
            && let Some(d) = self.num(k).filter(|d| (1..=31).contains(d))
            && self.toks[k].end - self.toks[k].start <= 2
        {
            let mut end = k + 1;
            let mut year = self.implicit_day_year_at(m, d as u8, i);
            let comma = usize::from(self.w(end) == ",");
            if let Some(y) = self.year_at(end + comma) {
                year = y;
                end += comma + 1;
            }
            let day = Day::new(year, m, d as u8)?;
            self.note_stated_day(day, i);
            return found(end, TimexType::Date, day.iso());
        }
        None
    }

    /// "22 h", "21 h 45", "18h30", "9 heures", "3 p.m.", "10:30 a.m.", "noon", and in English
    /// with the day it names after it: "5 p.m. EST Nov. 9", "midnight Friday".
    fn clock_time(&mut self, i: usize) -> Option<Found> {
        if self.lang == Lang::En {
            return self.english_clock_time(i);
        }
        let h = self.num(i).filter(|h| *h < 24)?;
        if !matches!(self.w(i + 1), "h" | "heures" | "heure") {
            return None;
        }
        let (mut minute, mut end) = (0, i + 2);
        if let Some(m) = self.num(i + 2).filter(|m| *m < 60) {
            minute = m;
            end = i + 3;
        }
        let date = self.last_day.map_or_else(|| self.anchor.day_offset(0), Day::iso);
        found(end, TimexType::Time, format!("{date}T{h:02}:{minute:02}"))
    }

    fn english_clock_time(&mut self, i: usize) -> Option<Found> {
        let (clock, mut end) = match self.w(i) {
            "noon" | "midday" => ("12:00".to_string(), i + 1),
            // TIMEX3 writes midnight as the day's end, hour 24.
            "midnight" => ("24".to_string(), i + 1),
            _ => {
                let h = self.num(i).filter(|h| *h < 24)?;
                let (mut minute, mut end) = (0, i + 1);
                if self.w(i + 1) == ":" && self.glued(i, i + 1) {
                    minute = self.num(i + 2).filter(|m| *m < 60)?;
                    end = i + 3;
                }
                let (pm, e) = match (self.w(end), self.w(end + 1), self.w(end + 2), self.w(end + 3)) {
                    ("a", ".", "m", ".") => (Some(false), end + 4),
                    ("p", ".", "m", ".") => (Some(true), end + 4),
                    ("am", ..) => (Some(false), end + 1),
                    ("pm", ..) => (Some(true), end + 1),
                    ("a", ".", "m", _) => (Some(false), end + 3),
                    ("p", ".", "m", _) => (Some(true), end + 3),
                    _ => (None, end),
                };
                let h = match pm {
                    Some(pm) => h % 12 + if pm { 12 } else { 0 },
                    // Bare "10:30" is a clock time; a bare number is not.
                    None if end == i + 3 => h,
                    None => return None,
                };
                (format!("{h:02}:{minute:02}"), e)
            }
        };
        // A time zone ("EST", "GMT") belongs to the expression.
        if self.is_time_zone(end) {
            end += 1;
        }
        let k = if self.w(end) == "," { end + 1 } else { end };
        let named_day = self
            .explicit_date(k)
            .or_else(|| self.weekday(k))
            .filter(|f| f.kind == TimexType::Date)
            .and_then(|f| parse_day(&f.value).map(|d| (d, f.end)));
        if let Some((day, e)) = named_day {
            return found(e, TimexType::Time, format!("{}T{clock}", day.iso()));
        }
        let date = self.last_day.map_or_else(|| self.anchor.day_offset(0), Day::iso);
        found(end, TimexType::Time, format!("{date}T{clock}"))
    }

    /// A North American or European time zone abbreviation ("EST", "PDT", "GMT", "CET").
    fn is_time_zone(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        let s = &self.text[t.start..t.end];
        matches!(s, "GMT" | "UTC" | "CET" | "CEST" | "BST")
            || (s.len() == 3
                && s.ends_with('T')
                && s.chars().all(|c| c.is_ascii_uppercase())
                && "ECMPA".contains(&s[..1])
                && "SD".contains(&s[1..2]))
    }

    /// A part of day after token `i` (exclusive): its TIMEX3 code and the next token.
    fn part_of_day(&self, i: usize) -> Option<(&'static str, usize)> {
        let w = self.w(i);
        match self.lang {
            Lang::Fr => match w {
                "soir" | "soiree" => Some(("TEV", i + 1)),
                "matin" | "matinee" => Some(("TMO", i + 1)),
                "apres-midi" => Some(("TAF", i + 1)),
                "midi" => Some(("TMI", i + 1)),
                "nuit" => Some(("TNI", i + 1)),
                _ => None,
            },
            Lang::En => match w {
                "evening" => Some(("TEV", i + 1)),
                "morning" => Some(("TMO", i + 1)),
                "afternoon" => Some(("TAF", i + 1)),
                "night" => Some(("TNI", i + 1)),
                _ => None,
            },
        }
    }

    /// "hier", "aujourd'hui", "demain soir", "ce soir", "yesterday", "tonight", "now".
    fn relative_word(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let offset = match (self.lang, w) {
            (Lang::Fr, "hier") => Some(-1),
            (Lang::Fr, "avant-hier") => Some(-2),
            (Lang::Fr, "demain") => Some(1),
            (Lang::Fr, "apres-demain") => Some(2),
            (Lang::Fr, "aujourd") if self.w(i + 1) == "'" && self.w(i + 2) == "hui" => None,
            (Lang::En, "yesterday") => Some(-1),
            (Lang::En, "today") => Some(0),
            (Lang::En, "tomorrow") => Some(1),
            _ => None,
        };
        if let Some(o) = offset {
            if let Some((code, end)) = self.part_of_day(i + 1) {
                return found(end, TimexType::Time, format!("{}{code}", self.anchor.day_offset(o)));
            }
            return found(i + 1, TimexType::Date, self.anchor.day_offset(o));
        }
        if self.lang == Lang::Fr && w == "aujourd" && self.w(i + 1) == "'" && self.w(i + 2) == "hui" {
            return found(i + 3, TimexType::Date, self.anchor.day_offset(0));
        }
        // "ce soir", "cette nuit", "ce matin", "this morning", "tonight".
        if (self.lang == Lang::Fr && matches!(w, "ce" | "cette")) || (self.lang == Lang::En && w == "this") {
            if let Some((code, end)) = self.part_of_day(i + 1) {
                return found(end, TimexType::Time, format!("{}{code}", self.anchor.day_offset(0)));
            }
        }
        if self.lang == Lang::En && w == "tonight" {
            return found(i + 1, TimexType::Time, format!("{}TNI", self.anchor.day_offset(0)));
        }
        // "last night", "last evening": the one before the anchor's day.
        if self.lang == Lang::En
            && w == "last"
            && let Some((code, end)) = self.part_of_day(i + 1)
        {
            return found(end, TimexType::Time, format!("{}{code}", self.anchor.day_offset(-1)));
        }
        None
    }

    /// "mardi", "mardi soir", "mardi dernier", "Friday", "last Friday", "next Monday".
    fn weekday(&self, i: usize) -> Option<Found> {
        let (mut start, mut forced) = (i, None);
        if self.lang == Lang::Fr {
            // "la nuit de lundi à mardi", "dans la nuit du 5 au 6": the night of the first day.
            if matches!(self.w(i), "la" | "cette")
                && self.w(i + 1) == "nuit"
                && matches!(self.w(i + 2), "de" | "du")
            {
                let first = self.weekday(i + 3)?;
                let mut end = first.end;
                if matches!(self.w(end), "à" | "au") && weekday_number(self.w(end + 1), self.lang).is_some()
                {
                    end += 2;
                }
                let day = first.value.get(..10).unwrap_or(&first.value).to_string();
                return found(end, TimexType::Time, format!("{day}TNI"));
            }
            // "ce dimanche", "ce même lundi".
            if self.w(i) == "ce" {
                let k = if self.w(i + 1) == "meme" { i + 2 } else { i + 1 };
                if weekday_number(self.w(k), self.lang).is_some() {
                    let f = self.weekday(k)?;
                    return Some(Found { end: f.end, ..f });
                }
            }
        }
        if self.lang == Lang::En
            && matches!(self.w(i), "last" | "next" | "this")
            && weekday_number(self.w(i + 1), self.lang).is_some()
        {
            forced = Some(if self.w(i) == "next" { Tense::Future } else { Tense::Past });
            start = i + 1;
        }
        // "this coming Sunday", "this past Monday".
        if self.lang == Lang::En
            && self.w(i) == "this"
            && matches!(self.w(i + 1), "coming" | "past")
            && weekday_number(self.w(i + 2), self.lang).is_some()
        {
            forced = Some(if self.w(i + 1) == "coming" { Tense::Future } else { Tense::Past });
            start = i + 2;
        }
        let wd = weekday_number(self.w(start), self.lang)?;
        let mut end = start + 1;
        if self.lang == Lang::Fr {
            match self.w(end) {
                "dernier" => {
                    forced = Some(Tense::Past);
                    end += 1;
                }
                "prochain" => {
                    forced = Some(Tense::Future);
                    end += 1;
                }
                _ => {}
            }
        }
        // English news reports what happened: an unmarked weekday ("up from 44 million
        // Thursday") is the last one. French writes the present for the days around the
        // article ("les manifestations se poursuivent jeudi"): the nearest one.
        let tense = match forced.unwrap_or_else(|| sentence_tense(self.toks, i, self.lang)) {
            Tense::Unknown if self.lang == Lang::En => Tense::Past,
            t => t,
        };
        let value = match self.anchor.day {
            Some(a) => {
                let diff = i64::from(wd) - i64::from(a.weekday());
                let offset = match tense {
                    Tense::Past => -(-diff).rem_euclid(7),
                    Tense::Future => diff.rem_euclid(7),
                    Tense::Unknown => {
                        let back = -(-diff).rem_euclid(7);
                        let fwd = diff.rem_euclid(7);
                        if -back <= fwd { back } else { fwd }
                    }
                };
                // "last Friday" on a Friday is a week back, "next Monday" never today.
                let offset = match (forced, offset) {
                    (Some(Tense::Past), 0) if end > start + 1 || start > i => -7,
                    (Some(Tense::Future), 0) => 7,
                    _ => offset,
                };
                a.add_days(offset).iso()
            }
            None => self.anchor.month_s(),
        };
        if let Some((code, e)) = self.part_of_day(end) {
            // English TimeBank mostly types "Wednesday night" as a DATE, with the part of day
            // in its value.
            let kind = if self.lang == Lang::En { TimexType::Date } else { TimexType::Time };
            return found(e, kind, format!("{value}{code}"));
        }
        found(end, TimexType::Date, value)
    }

    /// "la semaine dernière", "l'année prochaine", "cette année", "ce mois", "last week",
    /// "this year", "next month", "earlier this year".
    fn relative_unit(&self, i: usize) -> Option<Found> {
        let (unit, offset, end) = match self.lang {
            Lang::Fr => {
                let (det_end, this) = match self.w(i) {
                    "la" | "le" => (i + 1, false),
                    "l" if self.w(i + 1) == "'" => (i + 2, false),
                    "ce" | "cet" | "cette" => (i + 1, true),
                    _ => return None,
                };
                let unit = unit_of(self.w(det_end), self.lang)?;
                if this {
                    (unit, 0, det_end + 1)
                } else {
                    match self.w(det_end + 1) {
                        "dernier" | "derniere" | "passe" | "passee" => (unit, -1, det_end + 2),
                        "prochain" | "prochaine" => (unit, 1, det_end + 2),
                        _ => return None,
                    }
                }
            }
            Lang::En => {
                let the = self.w(i) == "the";
                let mut k = if the { i + 1 } else { i };
                let offset = match self.w(k) {
                    "last" | "past" => -1,
                    "this" if !the => 0,
                    "current" => 0,
                    "coming" => 1,
                    // "the next year" counts from the story's time, not the article's.
                    "next" if !the => 1,
                    _ => return None,
                };
                k += 1;
                if self.w(k) == "fiscal" {
                    k += 1;
                }
                let w = self.w(k);
                let unit = unit_of(w, self.lang)?;
                // "coming weeks", "past months": a stretch of unstated length.
                if w.ends_with('s') {
                    return found(k + 1, TimexType::Duration, duration_x(unit));
                }
                // "the past decade": ten years up to now, not the previous calendar decade.
                if unit == Unit::Decade && offset != 0 {
                    let bounds = self.bounds(1, unit, offset);
                    return Some(Found {
                        bounds,
                        ..found(k + 1, TimexType::Duration, duration_value(1, unit))?
                    });
                }
                (unit, offset, k + 1)
            }
        };
        let value = self.shift(unit, offset)?;
        found(end, TimexType::Date, value)
    }

    /// A part of a week: "milieu de semaine", "début de la semaine dernière", "fin de semaine
    /// prochaine", "mi-semaine", "midweek"; and "the week of March 6". TIMEX3 has no value
    /// for part of a week: it is the week's own (`2022-W01`). English "early this week" is a
    /// modifier on "this week".
    fn week_part(&mut self, i: usize) -> Option<Found> {
        // "the week of March 6": that day's week.
        if self.lang == Lang::En && self.w(i) == "the" && self.w(i + 1) == "week" && self.w(i + 2) == "of" {
            let date = self.explicit_date(i + 3)?;
            let day = parse_day(&date.value)?;
            return found(date.end, TimexType::Date, day.week_value());
        }
        let after_week = match self.lang {
            Lang::En if matches!(self.w(i), "midweek" | "mid-week") => {
                return found(i + 1, TimexType::Date, self.shift(Unit::Week, 0)?);
            }
            Lang::En => return None,
            Lang::Fr if self.w(i) == "mi-semaine" => i + 1,
            Lang::Fr => {
                if !matches!(self.w(i), "debut" | "milieu" | "fin" | "mi")
                    || !matches!(self.w(i + 1), "de" | "d")
                {
                    return None;
                }
                let k = if self.w(i + 2) == "la" { i + 3 } else { i + 2 };
                if self.w(k) != "semaine" {
                    return None;
                }
                k + 1
            }
        };
        let (offset, end) = match self.w(after_week) {
            "derniere" | "passee" => (-1, after_week + 1),
            "prochaine" => (1, after_week + 1),
            _ => (0, after_week),
        };
        found(end, TimexType::Date, self.shift(Unit::Week, offset)?)
    }

    /// English expressions that refer back to the story's time rather than the article's:
    /// "that year", "the following year", "that quarter", "that (same) day", "the next day",
    /// "the next morning", "the previous Friday": resolved from the last year, quarter or day
    /// met in the text.
    fn anaphoric(&self, i: usize) -> Option<Found> {
        if self.lang != Lang::En {
            return None;
        }
        let (offset, k) = match (self.w(i), self.w(i + 1)) {
            ("that", "same") => (0, i + 2),
            ("that", _) => (0, i + 1),
            ("the", "following" | "next") => (1, i + 2),
            // "the previous Friday": the last such day before the day in question.
            ("the", "previous") => {
                let wd = weekday_number(self.w(i + 2), self.lang)?;
                let from = self.last_day?;
                let back = (i64::from(from.weekday()) - i64::from(wd) - 1).rem_euclid(7) + 1;
                return derived(i + 3, TimexType::Date, from.add_days(-back).iso());
            }
            _ => return None,
        };
        let unit = self.w(k);
        let part_of_day = self.part_of_day(k);
        // "the following Monday": the first such day after the day in question.
        if let Some(wd) = weekday_number(unit, self.lang).filter(|_| offset == 1) {
            let from = self.last_day?;
            let ahead = (i64::from(wd) - i64::from(from.weekday()) - 1).rem_euclid(7) + 1;
            return derived(k + 1, TimexType::Date, from.add_days(ahead).iso());
        }
        let value = match (unit, part_of_day) {
            ("year", _) => format!("{:04}", self.last_year? + offset),
            ("quarter", _) if offset == 0 => {
                let (y, q) = self.last_quarter?;
                format!("{y:04}-Q{q}")
            }
            ("day", _) => self.last_day?.add_days(i64::from(offset)).iso(),
            (_, Some((code, _))) if offset == 1 => format!("{}{code}", self.last_day?.add_days(1).iso()),
            _ => return None,
        };
        let kind = if part_of_day.is_some() { TimexType::Time } else { TimexType::Date };
        derived(k + 1, kind, value)
    }

    /// "the weekend", "last weekend", "ce week-end", "le week-end dernier": the ISO week the
    /// weekend is in, with the `WE` suffix. A bare weekend is the coming one in a sentence
    /// about the future, else (as weekdays in the news) the last one.
    fn weekend(&self, i: usize) -> Option<Found> {
        let (direction, end) = match self.lang {
            Lang::En => {
                let k = usize::from(matches!(self.w(i), "the" | "this" | "last" | "next"));
                if self.w(i + k) != "weekend" {
                    return None;
                }
                let direction = match self.w(i) {
                    "last" => Some(Tense::Past),
                    "next" => Some(Tense::Future),
                    _ => None,
                };
                (direction, i + k + 1)
            }
            Lang::Fr => {
                if !matches!(self.w(i), "le" | "ce") || !matches!(self.w(i + 1), "week-end" | "weekend") {
                    return None;
                }
                match self.w(i + 2) {
                    "dernier" => (Some(Tense::Past), i + 3),
                    "prochain" => (Some(Tense::Future), i + 3),
                    _ => (None, i + 2),
                }
            }
        };
        let Some(day) = self.anchor.day else { return found(end, TimexType::Date, self.anchor.month_s()) };
        let tense = direction.unwrap_or_else(|| match sentence_tense(self.toks, i, self.lang) {
            Tense::Unknown if self.lang == Lang::Fr => Tense::Future,
            Tense::Unknown => Tense::Past,
            t => t,
        });
        let on_weekend = day.weekday() >= 6;
        let shift = match tense {
            Tense::Past if !on_weekend => -7,
            Tense::Future if direction.is_some() => 7,
            _ => 0,
        };
        found(end, TimexType::Date, format!("{}-WE", day.add_days(shift).week_value()))
    }

    /// The anchor's `unit` shifted by `n` units, as a value of that granularity.
    fn shift(&self, unit: Unit, n: i64) -> Option<String> {
        Some(match unit {
            Unit::Day => self.anchor.day_offset(n),
            Unit::Week => match self.anchor.day {
                Some(d) => d.add_days(7 * n).week_value(),
                None => self.anchor.month_s(),
            },
            Unit::Month => match (self.anchor.month, self.anchor.day) {
                (_, Some(d)) => {
                    let m = d.add_months(n as i32);
                    format!("{:04}-{:02}", m.year, m.month)
                }
                (Some(m), None) => {
                    let m = Day { year: self.anchor.year, month: m, day: 1 }.add_months(n as i32);
                    format!("{:04}-{:02}", m.year, m.month)
                }
                (None, None) => self.anchor.year_s(),
            },
            Unit::Year => format!("{:04}", self.anchor.year + n as i32),
            Unit::Decade => format!("{:04}", self.anchor.year + 10 * n as i32),
            Unit::Quarter => {
                let (y, q) = self.current_quarter()?;
                let idx = y * 4 + i32::from(q) - 1 + n as i32;
                format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1)
            }
            Unit::Hour | Unit::Minute => return None,
        })
    }

    fn current_quarter(&self) -> Option<(i32, u8)> {
        let m = self.anchor.month?;
        Some((self.anchor.year, (m - 1) / 3 + 1))
    }

    /// "il y a deux jours", "two days ago", "a year ago", "a year earlier".
    fn ago(&self, i: usize) -> Option<Found> {
        match self.lang {
            Lang::Fr => {
                if !(self.w(i) == "il" && self.w(i + 1) == "y" && self.w(i + 2) == "a") {
                    return None;
                }
                let (n, k) = self.number_at(i + 3)?;
                let unit = unit_of(self.w(k), self.lang)?;
                let value = self.shift(unit, -(n as i64))?;
                found(k + 1, TimexType::Date, value)
            }
            Lang::En => {
                // "a few years ago", "several months ago": some time back, length unsaid.
                let vague = match (self.w(i), self.w(i + 1)) {
                    ("a", "few") => Some(i + 2),
                    ("several" | "few", _) => Some(i + 1),
                    _ => None,
                };
                if let Some(k) = vague {
                    unit_of(self.w(k), self.lang)?;
                    return (self.w(k + 1) == "ago").then(|| found(k + 2, TimexType::Date, "PAST_REF"))?;
                }
                let (n, k) = self.number_at(i)?;
                let unit = unit_of(self.w(k), self.lang)?;
                match self.w(k + 1) {
                    "ago" if unit == Unit::Year && n == 1 && self.last_quarter.is_some() => {
                        let (y, q) = self.last_quarter?;
                        derived(k + 2, TimexType::Date, format!("{:04}-Q{q}", y - 1))
                    }
                    "ago" => found(k + 2, TimexType::Date, self.shift(unit, -(n as i64))?),
                    "earlier" if unit == Unit::Year && n == 1 => {
                        let value = match self.last_quarter {
                            Some((y, q)) => format!("{:04}-Q{q}", y - 1),
                            None => format!("{:04}", self.anchor.year - 1),
                        };
                        derived(k + 2, TimexType::Date, value)
                    }
                    _ => None,
                }
            }
        }
    }

    /// A number in digits or words at `i`: the value and the token after it.
    fn number_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(n) = self.num(i) {
            return Some((n, i + 1));
        }
        let w = self.w(i);
        let n = number_word(w, self.lang)?;
        // "two thousand", "deux mille".
        if matches!(self.w(i + 1), "thousand" | "mille") {
            return Some((n * 1000, i + 2));
        }
        // "twenty four", "vingt et un" are rare in the dev data: "twenty-four" is one token.
        if let Some(m) = number_word(self.w(i + 1), self.lang).filter(|m| n >= 20 && *m < 10) {
            return Some((n + m, i + 2));
        }
        Some((n, i + 1))
    }

    /// "year-earlier", "the year-ago quarter": the same quarter a year before the last quarter
    /// mentioned, else the year before the anchor's.
    fn year_earlier(&self, i: usize) -> Option<Found> {
        if self.lang != Lang::En {
            return None;
        }
        let k = if self.w(i) == "the" { i + 1 } else { i };
        if !matches!(self.w(k), "year-earlier" | "year-ago") {
            return None;
        }
        let noun = matches!(self.w(k + 1), "quarter" | "period");
        if k > i && !noun {
            return None;
        }
        let end = if noun { k + 2 } else { k + 1 };
        let value = match self.last_quarter {
            Some((y, q)) => format!("{:04}-Q{q}", y - 1),
            None => format!("{:04}", self.anchor.year - 1),
        };
        derived(end, TimexType::Date, value)
    }

    /// "the third quarter", "third-quarter", "the fourth quarter", "the latest quarter",
    /// "the quarter", "the first nine months".
    fn quarter(&self, i: usize) -> Option<Found> {
        if self.lang != Lang::En {
            return None;
        }
        let mut k = if self.w(i) == "the" { i + 1 } else { i };
        // The year the quarter is in, when the text says it: "this year's third quarter",
        // "last year's quarter", "the 1988 second quarter", "the 1988 period".
        let mut stated_year = None;
        if let Some(offset) = self.year_possessive(k) {
            stated_year = Some(self.anchor.year + offset);
            k += 4;
        } else if k > i
            && let Some(y) = self.year_at(k)
            && matches!(self.w(k + 1), "first" | "second" | "third" | "fourth" | "quarter" | "period")
        {
            stated_year = Some(y);
            k += 1;
        }
        let w = self.w(k);
        if let Some(y) = stated_year
            && matches!(w, "quarter" | "period")
        {
            let q =
                self.last_quarter.map_or_else(|| self.current_quarter().map(|(_, q)| q), |(_, q)| Some(q))?;
            return derived(k + 1, TimexType::Date, format!("{y:04}-Q{q}"));
        }
        let (last_y, last_q) = {
            let (y, q) = self.current_quarter()?;
            let idx = y * 4 + i32::from(q) - 2;
            (idx.div_euclid(4), (idx.rem_euclid(4) + 1) as u8)
        };
        let ordinal = |s: &str| match s {
            "first" => Some(1u8),
            "second" => Some(2),
            "third" => Some(3),
            "fourth" => Some(4),
            _ => None,
        };
        // An ordinal quarter is this year's unless it has not begun yet: "the fourth quarter"
        // in November is the current one, in February last year's.
        let (this_y, this_q) = self.current_quarter()?;
        let resolve = |q: u8| {
            let y = stated_year.unwrap_or(if q <= this_q { this_y } else { this_y - 1 });
            format!("{y:04}-Q{q}")
        };
        if let Some((o, rest)) = w.split_once('-')
            && rest == "quarter"
            && let Some(q) = ordinal(o)
        {
            // "the third-quarter results": the adjective alone is the expression.
            if k > i {
                return None;
            }
            return found(k + 1, TimexType::Date, resolve(q));
        }
        if let Some(q) = ordinal(w)
            && self.w(k + 1) == "quarter"
        {
            let mut end = k + 2;
            let mut value = resolve(q);
            if self.w(end) == "of"
                && let Some(y) = self.year_at(end + 1)
            {
                value = format!("{y:04}-Q{q}");
                end += 2;
            } else if let Some(y) = self.year_at(end) {
                value = format!("{y:04}-Q{q}");
                end += 1;
            }
            return found(end, TimexType::Date, value);
        }
        if k > i && matches!(w, "quarter" | "latest" | "period") {
            let end =
                if w == "latest" && matches!(self.w(k + 1), "quarter" | "period") { k + 2 } else { k + 1 };
            if w == "period" || (w == "latest" && end == k + 1) {
                return None;
            }
            // "the quarter" is the one in question, else the last one ended.
            let (y, q) = self.last_quarter.unwrap_or((last_y, last_q));
            return derived(end, TimexType::Date, format!("{y:04}-Q{q}"));
        }
        None
    }

    /// "this year's", "last year's", "next year's" at `i`: the year's offset from the anchor's.
    fn year_possessive(&self, i: usize) -> Option<i32> {
        let offset = match self.w(i) {
            "this" => 0,
            "last" => -1,
            "next" => 1,
            _ => return None,
        };
        (self.w(i + 1) == "year" && self.w(i + 2) == "'" && self.w(i + 3) == "s").then_some(offset)
    }

    /// "deux semaines", "10 ans", "un demi-siècle", "three years", "five-year",
    /// "the past two months", "the first nine months", "environ une heure".
    fn duration(&self, i: usize) -> Option<Found> {
        let mut k = i;
        // Which side of the anchor the duration lies on, when the text says it.
        let mut side = None;
        if self.lang == Lang::En {
            if self.w(k) == "the" {
                k += 1;
            }
            if matches!(self.w(k), "past" | "last" | "next" | "first" | "coming") {
                side = match self.w(k) {
                    "past" | "last" => Some(-1),
                    "next" | "coming" => Some(1),
                    _ => None,
                };
                k += 1;
            }
        }
        if self.lang == Lang::Fr && i > 0 && self.w(i - 1) == "depuis" {
            side = Some(-1);
        }
        if self.lang == Lang::Fr && matches!(self.w(k), "environ" | "pres") {
            k += 1;
            if self.w(k) == "de" {
                k += 1;
            }
        }
        // "five-year" / "10-year": one token, or digits + hyphen + unit in English; an
        // adjective, so "the" before it is not part of it.
        if self.lang == Lang::En
            && k == i
            && let Some((a, b)) = self.w(k).split_once('-')
            && let (Some(n), Some(u)) = (number_word(a, self.lang), unit_of(b, self.lang))
            // "three-quarters" is a fraction; the adjective is singular ("five-year").
            && !b.ends_with('s')
        {
            return found(k + 1, TimexType::Duration, duration_value(n, u));
        }
        if self.lang == Lang::En
            && k == i
            && let Some(n) = self.num(k)
            && self.w(k + 1) == "-"
            && let Some(u) = unit_of(self.w(k + 2), self.lang)
        {
            return found(k + 3, TimexType::Duration, duration_value(n, u));
        }
        // "a few days": the article belongs to the expression.
        if self.lang == Lang::En && k == i && self.w(k) == "a" && self.w(k + 1) == "few" {
            k += 1;
        }
        let (n, after) = match self.number_at(k) {
            Some((n, a)) if self.lang == Lang::En && self.w(k) == "a" && k == i => (n, a),
            Some(x) => x,
            None => {
                if matches!(self.w(k), "quelques" | "plusieurs" | "several" | "few") {
                    (0, k + 1)
                } else {
                    return None;
                }
            }
        };
        // "les trois derniers jours", "les deux prochaines semaines".
        let after = match (self.lang, self.w(after)) {
            (Lang::Fr, "derniers" | "dernieres") => {
                side = Some(-1);
                after + 1
            }
            (Lang::Fr, "prochains" | "prochaines") => {
                side = Some(1);
                after + 1
            }
            _ => after,
        };
        // "two more weeks", "five straight years".
        let after = match (self.lang, self.w(after)) {
            (Lang::En, "more" | "additional" | "straight" | "consecutive") => after + 1,
            _ => after,
        };
        // "5 1/2 hours", "2 1/2 years".
        let half_before = self.w(after) == "1" && self.w(after + 1) == "/" && self.w(after + 2) == "2";
        let after = if half_before { after + 3 } else { after };
        let unit = unit_of(self.w(after), self.lang)?;
        // "a minute and a half", "une heure et demie".
        let half_after = matches!(
            (self.w(after + 1), self.w(after + 2), self.w(after + 3)),
            ("and", "a", "half") | ("et", "demie" | "demi", _)
        );
        let end = if half_after { after + if self.w(after + 1) == "and" { 4 } else { 3 } } else { after + 1 };
        // A person's age ("Elvis Weiss, 20 ans", "âgée de 24 ans", "à 19 ans") is no duration.
        if self.lang == Lang::Fr
            && unit == Unit::Year
            && k == i
            && i > 0
            && matches!(self.w(i - 1), "," | "(" | "-" | "de" | "a" | "à")
        {
            return None;
        }
        // An age ("52 years old") is no duration in TimeBank either.
        if self.lang == Lang::En && self.w(after + 1) == "old" {
            return None;
        }
        // Bare "a year" before "ago"/"earlier" belongs to `ago`.
        if self.lang == Lang::En && matches!(self.w(after + 1), "ago" | "earlier") {
            return None;
        }
        let value = match (n, half_before || half_after) {
            (0, _) => duration_x(unit),
            (n, true) => half_more(n, unit).unwrap_or_else(|| duration_value(n, unit)),
            (n, false) => duration_value(n, unit),
        };
        let bounds = side.and_then(|side| self.bounds(n, unit, side));
        Some(Found { bounds, ..found(end, TimexType::Duration, value)? })
    }

    /// The days a duration of `n` `unit`s covers, ending at the anchor (`side` −1) or
    /// starting there (+1). None without a full-day anchor or a known length.
    fn bounds(&self, n: u32, unit: Unit, side: i64) -> Option<Bounds> {
        let anchor = self.anchor.day.filter(|_| n > 0)?;
        let n = i64::from(n) * side;
        let other = match unit {
            Unit::Day => anchor.add_days(n),
            Unit::Week => anchor.add_days(7 * n),
            Unit::Month => anchor.add_months(n as i32),
            Unit::Quarter => anchor.add_months(3 * n as i32),
            Unit::Year => anchor.add_months(12 * n as i32),
            Unit::Decade => anchor.add_months(120 * n as i32),
            Unit::Hour | Unit::Minute => return None,
        };
        let (begin, end) = if side < 0 { (other, anchor) } else { (anchor, other) };
        Some(Bounds { begin: begin.iso(), end: end.iso() })
    }

    /// "chaque jour", "tous les ans", "daily", "every week", "each year", "every Thursday",
    /// "tous les jeudis", "Tuesdays".
    fn set(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        let weekly = |k: usize| {
            let day = self.w(k);
            weekday_number(day, self.lang).or_else(|| weekday_number(day.strip_suffix('s')?, self.lang))
        };
        let k = match (self.lang, w) {
            (Lang::Fr, "chaque") | (Lang::En, "every" | "each") => Some(i + 1),
            (Lang::Fr, "tous") if self.w(i + 1) == "les" => Some(i + 2),
            // A plural weekday alone ("open on Tuesdays"), in English.
            (Lang::En, _) if w.ends_with('s') => Some(i),
            _ => None,
        };
        if let Some(k) = k
            && let Some(d) = weekly(k)
        {
            return found(k + 1, TimexType::Set, format!("XXXX-WXX-{d}"));
        }
        match self.lang {
            Lang::Fr => {
                if w == "chaque" {
                    let u = unit_of(self.w(i + 1), self.lang)?;
                    return found(i + 2, TimexType::Set, duration_value(1, u));
                }
                if matches!(w, "tous" | "toutes") && self.w(i + 1) == "les" {
                    let u = unit_of(self.w(i + 2), self.lang)?;
                    return found(i + 3, TimexType::Set, duration_value(1, u));
                }
                None
            }
            Lang::En => {
                let simple = match w {
                    "daily" => Some(Unit::Day),
                    "weekly" => Some(Unit::Week),
                    "monthly" => Some(Unit::Month),
                    // "annually" mostly qualifies an amount ("$5 million annually").
                    "yearly" => Some(Unit::Year),
                    _ => None,
                };
                if let Some(u) = simple {
                    return found(i + 1, TimexType::Set, duration_value(1, u));
                }
                if matches!(w, "every" | "each" | "per") {
                    let u = unit_of(self.w(i + 1), self.lang)?;
                    return found(i + 2, TimexType::Set, duration_value(1, u));
                }
                None
            }
        }
    }

    /// "avril 1999", "mois de juin", "juin", "January 2022", "January".
    fn month_year(&mut self, i: usize) -> Option<Found> {
        let mut k = i;
        if self.lang == Lang::Fr && self.w(k) == "mois" && self.w(k + 1) == "de" {
            k += 2;
        }
        if self.lang == Lang::Fr && matches!(self.w(k), "debut" | "fin" | "mi") {
            k += 1;
        }
        let mut direction = None;
        if self.lang == Lang::En
            && matches!(self.w(k), "last" | "next" | "this")
            && month_number(self.w(k + 1), self.lang).is_some()
        {
            direction = Some(self.w(k).to_string());
            k += 1;
        }
        // "mid-November", "late-March": one token in English.
        if self.lang == Lang::En
            && let Some((modifier, rest)) = self.w(k).split_once('-')
            && matches!(modifier, "mid" | "early" | "late")
            && rest.len() > 3
            && let Some(m) = month_number(rest, self.lang)
        {
            let (year, end) = match self.year_at(k + 1) {
                Some(y) => (y, k + 2),
                None => (self.implicit_year_at(m, i), k + 1),
            };
            return found(end, TimexType::Date, format!("{year:04}-{m:02}"));
        }
        let (m, mut end) = self.month_at(k)?;
        if let Some(direction) = direction {
            let y = match direction.as_str() {
                "last" => self.year_before(m),
                "next" => self.year_after(m),
                _ => self.anchor.year,
            };
            return found(end, TimexType::Date, format!("{y:04}-{m:02}"));
        }
        // "July last year", "March this year".
        if self.lang == Lang::En && self.w(end + 1) == "year" {
            let offset = match self.w(end) {
                "last" => Some(-1),
                "this" => Some(0),
                "next" => Some(1),
                _ => None,
            };
            if let Some(o) = offset {
                return found(end + 2, TimexType::Date, format!("{:04}-{m:02}", self.anchor.year + o));
            }
        }
        // A lone "May"/"mars"/"mai" is too ambiguous unless capitalised (English "May") or
        // followed by a year.
        let year = if let Some(y) = self.year_after_month(end) {
            end += 1;
            y
        } else if let Some((y, e)) = self.spelled_year(end) {
            end = e;
            y
        } else {
            if self.lang == Lang::En && self.w(k) == "may" {
                return None;
            }
            match self.w(end) {
                "dernier" | "derniers" | "last" => {
                    end += 1;
                    self.year_before(m)
                }
                "prochain" | "next" => {
                    end += 1;
                    self.year_after(m)
                }
                _ => self.implicit_year_at(m, i),
            }
        };
        found(end, TimexType::Date, format!("{year:04}-{m:02}"))
    }

    /// Fixed-date holidays and US Thanksgiving (the fourth Thursday of November): "Christmas",
    /// "New Year's Day", "last Thanksgiving", "Noël", "la Toussaint". The year is found as
    /// for a day and month without one.
    fn holiday(&self, i: usize) -> Option<Found> {
        let last = self.lang == Lang::En && self.w(i) == "last";
        let k = if last { i + 1 } else { i };
        let (month, day, end) = match (self.lang, self.w(k), self.w(k + 1), self.w(k + 2), self.w(k + 3)) {
            (Lang::En, "christmas", "eve", ..) => (12, Some(24), k + 2),
            (Lang::En, "christmas", "day", ..) => (12, Some(25), k + 2),
            (Lang::En, "christmas", ..) => (12, Some(25), k + 1),
            (Lang::En, "new", "year", "'", "s") => match self.w(k + 4) {
                "eve" => (12, Some(31), k + 5),
                "day" => (1, Some(1), k + 5),
                _ => return None,
            },
            (Lang::En, "thanksgiving", "day", ..) => (11, None, k + 2),
            (Lang::En, "thanksgiving", ..) => (11, None, k + 1),
            (Lang::En, "halloween", ..) => (10, Some(31), k + 1),
            (Lang::Fr, "noel", ..) => (12, Some(25), k + 1),
            (Lang::Fr, "la", "toussaint", ..) => (11, Some(1), k + 2),
            (Lang::Fr, "la", "saint-sylvestre", ..) => (12, Some(31), k + 2),
            (Lang::Fr, "le", "jour", "de", "l") if self.w(k + 4) == "'" && self.w(k + 5) == "an" => {
                (1, Some(1), k + 6)
            }
            _ => return None,
        };
        // Holidays are capitalised in English ("christmas tree" sales are not a date).
        if self.lang == Lang::En && !self.text_starts_upper(&self.toks[k]) {
            return None;
        }
        let year = match (last, day) {
            (true, _) => self.year_before(month),
            (false, Some(d)) => self.implicit_day_year_at(month, d, k),
            (false, None) => self.implicit_year_at(month, k),
        };
        let date = match day {
            Some(d) => Day::new(year, month, d)?,
            None => {
                // The fourth Thursday: the first of the month, moved to a Thursday, plus 21 days.
                let first = Day::new(year, month, 1)?;
                first.add_days((4 + 7 - i64::from(first.weekday())) % 7 + 21)
            }
        };
        found(end, TimexType::Date, date.iso())
    }

    /// "the year", "the full year", "the fiscal year", "year-end", "year's end": the
    /// anchor's year, which earnings reports speak of. After "for", "in" or "throughout",
    /// "the (fiscal) year" is the span of a year (P1Y), as TimeBank reads "net for the year".
    fn whole_year(&self, i: usize) -> Option<Found> {
        if self.lang != Lang::En {
            return None;
        }
        let year_end = |k: usize| match (self.w(k), self.w(k + 1), self.w(k + 2)) {
            ("year-end", ..) => Some(k + 1),
            ("year", "end", _) => Some(k + 2),
            ("year", "'", "s") if self.w(k + 3) == "end" => Some(k + 4),
            _ => None,
        };
        if let Some(end) = year_end(i) {
            let year = match sentence_tense(self.toks, i, self.lang) {
                Tense::Past if self.w(i.saturating_sub(1)) == "since" => self.anchor.year - 1,
                _ => self.anchor.year,
            };
            return found(end, TimexType::Date, format!("{year:04}"));
        }
        if self.w(i) != "the" {
            return None;
        }
        let (full, k) = match self.w(i + 1) {
            "full" => (true, i + 2),
            "fiscal" => (false, i + 2),
            _ => (false, i + 1),
        };
        // "the year 2000", "the year-earlier period" are other rules'.
        if self.w(k) != "year" || self.year_at(k + 1).is_some() || self.w(k + 1) == "two" {
            return None;
        }
        let span = !full && i > 0 && matches!(self.w(i - 1), "for" | "in" | "throughout");
        if span {
            return found(k + 1, TimexType::Duration, "P1Y");
        }
        found(k + 1, TimexType::Date, self.anchor.year_s())
    }

    /// "l'été", "l'automne", "cet hiver", "summer", "this fall".
    fn season(&self, i: usize) -> Option<Found> {
        let mut k = i;
        match self.w(k) {
            "l" if self.w(k + 1) == "'" => k += 2,
            "le" | "cet" | "this" | "the" => k += 1,
            "last" | "next" if season_code(self.w(k + 1), self.lang).is_some() => {
                let code = season_code(self.w(k + 1), self.lang)?;
                let y = self.anchor.year + if self.w(k) == "last" { -1 } else { 1 };
                return found(k + 2, TimexType::Date, format!("{y:04}-{code}"));
            }
            _ => {}
        }
        let code = season_code(self.w(k), self.lang)?;
        if k == i && self.lang == Lang::En && self.w(k) == "fall" {
            return None;
        }
        // French "été" is mostly the participle: a season needs "l'", "cet", "en", "d'" or a year.
        if k == i
            && self.lang == Lang::Fr
            && self.year_at(k + 1).is_none()
            && !(i > 0 && matches!(self.w(i - 1), "'" | "en" | "cet" | "d"))
        {
            return None;
        }
        let mut end = k + 1;
        // "l'été 1999", "the summer of 1999", "the winter of nineteen ninety-four".
        let of = usize::from(
            matches!(self.w(end), "of" | "de")
                && self.year_at(end + 1).or(self.spelled_year(end + 1).map(|(y, _)| y)).is_some(),
        );
        let year = if let Some(y) = self.year_at(end + of) {
            end += of + 1;
            format!("{y:04}")
        } else if let Some((y, e)) = self.spelled_year(end + of) {
            end = e;
            format!("{y:04}")
        } else {
            self.anchor.year_s()
        };
        found(end, TimexType::Date, format!("{year}-{code}"))
    }

    /// A year spelled out in English, as broadcast transcripts write them: "nineteen
    /// ninety-six", "two thousand": the year and the token after it.
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        if self.lang != Lang::En {
            return None;
        }
        let (year, end) = if self.w(i) == "two" && self.w(i + 1) == "thousand" {
            (2000, i + 2)
        } else {
            let century = number_word(self.w(i), self.lang)
                .filter(|c| (10..=20).contains(c) && self.num(i).is_none())?;
            let rest = number_word(self.w(i + 1), self.lang)
                .filter(|r| (10..=99).contains(r) && self.num(i + 1).is_none())?;
            (century as i32 * 100 + rest as i32, i + 2)
        };
        // "two thousand years" is a length.
        unit_of(self.w(end), self.lang).is_none().then_some((year, end))
    }

    /// "1999", "en 2022", "nineteen ninety-six", "the year two thousand": a year alone.
    fn year(&self, i: usize) -> Option<Found> {
        if self.lang == Lang::En {
            let k = if self.w(i) == "the" && self.w(i + 1) == "year" { i + 2 } else { i };
            if let Some((y, end)) = self.spelled_year(k) {
                return found(end, TimexType::Date, format!("{y:04}"));
            }
        }
        let y = self.year_at(i)?;
        // "the 1990s", "les années 60".
        if self.w(i + 1) == "s" && self.glued(i, i + 1) && y % 10 == 0 {
            return found(i + 2, TimexType::Date, format!("{:03}X", y / 10));
        }
        // Not a part of a bigger number ("1,500", "3,1678", "1678.5") nor an amount ("$1500").
        let joined_number = |sep: usize, n: usize| {
            matches!(self.w(sep), "," | ".") && self.num(n).is_some() && self.glued(sep.min(n), sep.max(n))
        };
        if (joined_number(i + 1, i + 2) && self.glued(i, i + 1))
            || (i >= 2 && joined_number(i - 1, i - 2) && self.glued(i - 1, i))
            || (i >= 1 && matches!(self.w(i - 1), "$" | "#" | "£" | "€") && self.glued(i - 1, i))
        {
            return None;
        }
        if matches!(
            self.w(i + 1),
            "euros" | "francs" | "dollars" | "%" | "habitants" | "personnes" | "people"
        ) {
            return None;
        }
        found(i + 1, TimexType::Date, format!("{y:04}"))
    }

    /// "maintenant", "actuellement", "désormais", "now", "currently", "recently", "the future",
    /// "pour l'instant", "l'avenir", "le lendemain", "la soirée", "par an".
    fn reference(&self, i: usize) -> Option<Found> {
        let w = self.w(i);
        if self.lang == Lang::Fr {
            let w1 = self.w(i + 1);
            let w2 = self.w(i + 2);
            let w3 = self.w(i + 3);
            match (w, w1, w2, w3) {
                ("pour", "l", "'", "instant" | "heure") | ("pour", "le", "moment", _) => {
                    let end = if w1 == "l" { i + 4 } else { i + 3 };
                    return found(end, TimexType::Time, "PRESENT_REF");
                }
                ("l", "'", "avenir", _) => return found(i + 3, TimexType::Time, "FUTURE_REF"),
                ("lendemain", ..) => {
                    let day = self.last_day.or(self.anchor.day)?.add_days(1).iso();
                    if let Some((code, end)) = self.part_of_day(i + 1) {
                        return found(end, TimexType::Time, format!("{day}{code}"));
                    }
                    return found(i + 1, TimexType::Date, day);
                }
                // "la nuit dernière": the one before the anchor.
                ("la", "soiree" | "nuit" | "matinee", "derniere", _) => {
                    let (code, end) = self.part_of_day(i + 1)?;
                    return found(end + 1, TimexType::Time, format!("{}{code}", self.anchor.day_offset(-1)));
                }
                ("la", "soiree" | "nuit" | "matinee", ..) => {
                    let day = self.last_day.map_or_else(|| self.anchor.day_offset(0), Day::iso);
                    let (code, end) = self.part_of_day(i + 1)?;
                    return found(end, TimexType::Time, format!("{day}{code}"));
                }
                // "par an": the unit alone is the SET's extent.
                ("an" | "jour" | "mois" | "semaine", ..) if i > 0 && self.w(i - 1) == "par" => {
                    let u = unit_of(w, self.lang)?;
                    return found(i + 1, TimexType::Set, duration_value(1, u));
                }
                ("annuel" | "annuels" | "annuelle" | "annuelles", ..) => {
                    return found(i + 1, TimexType::Set, "P1Y");
                }
                _ => {}
            }
        }
        let (kind, value) = match (self.lang, w) {
            (Lang::Fr, "maintenant" | "actuellement" | "desormais" | "actuel" | "actuelle" | "actuels") => {
                (TimexType::Time, "PRESENT_REF")
            }
            (Lang::En, "now" | "currently" | "current") => (TimexType::Date, "PRESENT_REF"),
            // "recent years": a stretch of unstated length. "recent" alone qualifies
            // anything ("a recent poll") and is seldom a time expression.
            (Lang::En, "recent") => {
                let unit = unit_of(self.w(i + 1), self.lang).filter(|_| self.w(i + 1).ends_with('s'))?;
                return found(i + 2, TimexType::Duration, duration_x(unit));
            }
            (Lang::En, "recently") => (TimexType::Date, "PAST_REF"),
            (Lang::Fr, "recemment") => (TimexType::Date, "PAST_REF"),
            (Lang::En, "the")
                if matches!(
                    (self.w(i + 1), self.w(i + 2)),
                    ("near" | "foreseeable", "future" | "term") | ("short", "term")
                ) =>
            {
                return found(i + 3, TimexType::Date, "FUTURE_REF");
            }
            (Lang::En, "the") if matches!(self.w(i + 1), "future" | "past") => {
                let v = if self.w(i + 1) == "future" { "FUTURE_REF" } else { "PAST_REF" };
                return found(i + 2, TimexType::Date, v);
            }
            _ => return None,
        };
        found(i + 1, kind, value)
    }
}

fn duration_value(n: u32, unit: Unit) -> String {
    match unit {
        Unit::Hour => format!("PT{n}H"),
        Unit::Minute => format!("PT{n}M"),
        Unit::Day => format!("P{n}D"),
        Unit::Week => format!("P{n}W"),
        Unit::Month => format!("P{n}M"),
        Unit::Quarter => format!("P{n}Q"),
        // TimeBank writes decades in years: "two decades" is P20Y.
        Unit::Decade => format!("P{}Y", 10 * n),
        Unit::Year => format!("P{n}Y"),
    }
}

/// `n` and a half `unit`s, the half in the next smaller unit: P2Y6M, PT5H30M.
fn half_more(n: u32, unit: Unit) -> Option<String> {
    Some(match unit {
        Unit::Year => format!("P{n}Y6M"),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        _ => return None,
    })
}

fn duration_x(unit: Unit) -> String {
    duration_value(0, unit).replace('0', "X")
}

fn parse_day(v: &str) -> Option<Day> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Day::new(v[..4].parse().ok()?, v[5..7].parse().ok()?, v[8..10].parse().ok()?)
}

fn parse_quarter(v: &str) -> Option<(i32, u8)> {
    let (y, q) = v.split_once("-Q")?;
    Some((y.parse().ok()?, q.parse().ok()?))
}

#[cfg(test)]
mod tests;
