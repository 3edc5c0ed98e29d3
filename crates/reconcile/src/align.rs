//! Event mentions of different articles aligned into happenings.
//!
//! The rule: a mention joins the happening that fits it best (below) among those that
//!
//! 1. is of the same **family**: protests and riots are one family (a demonstration that
//!    turned violent is reported as either), battles, explosions and violence against
//!    civilians another (one attack is a "clash" for one outlet and an "attack" for another);
//!    every other sub-type (a resignation, a state of emergency, an arrest, a disaster) is its
//!    own family;
//! 2. has a compatible **date** ([`crate::dates::compatible`]: text dates on the same day,
//!    a publication date covering the week before it, an unknown date anything);
//! 3. shares a **place** name (folded; words would join "New York" and "New Delhi") with it, or one of the two names none;
//! 4. has the same **sub-type**, or shares a place: two outlets may call one demonstration a
//!    protest and a riot, but a protest and a riot with no place in common, on the same day, are
//!    as likely two happenings (an airport occupied, a city hall burnt);
//!
//! Actors do not bar a join, only weigh in the fit: a sentence's names are often those of who
//! said it ("the president said ...") rather than of who took part.
//!
//! The best fit shares a place (2 points), shares an actor (1), has the same sub-type (1) and
//! the nearest date (2 for the same days, 1 for a day apart); ties go to the happening opened
//! first. A mention that none of them admits opens a happening. Mentions are taken article by article in the order given,
//! each article in text order. A happening's date is its finest text date (else the
//! publication date of its first mention); its places and actors are those of all its
//! mentions.

use crate::dates::{DateSource, Dated};
use serde::Serialize;
use storyline_doc::Span;

/// One event mention of one article, as alignment reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventMention {
    pub article: String,
    pub outlet: String,
    /// Index of the sentence in the article's `sentences` layer.
    pub sentence: usize,
    pub sentence_span: Span,
    pub text: String,
    pub trigger: String,
    pub sub_type: String,
    pub event_type: String,
    /// ACLED's name for the sub-type.
    pub acled: String,
    pub date: Option<Dated>,
    pub places: Vec<String>,
    pub actors: Vec<String>,
    pub hedged: bool,
    /// Only demanded, threatened or planned.
    pub irrealis: bool,
}

/// The family a sub-type aligns within (rule 1).
pub fn family(event_type: &str, sub_type: &str) -> String {
    match event_type {
        "protests" | "riots" => "demonstrations".to_string(),
        "battles" | "explosions_remote_violence" | "violence_against_civilians" => {
            "political_violence".into()
        }
        _ => sub_type.to_string(),
    }
}

/// A happening under construction.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub family: String,
    pub sub_types: Vec<String>,
    pub date: Option<Dated>,
    pub places: Vec<String>,
    pub actors: Vec<String>,
    pub mentions: Vec<usize>,
}

/// The folded words of names: a name shortened on second mention ("the minister Ana
/// Vela", "Vela") still shares a word with its full form.
fn folded_words(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        for w in storyline_geo::fold(n).split([' ', '-']).filter(|w| w.chars().count() >= MIN_NAME_WORD) {
            if !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// Shorter words are initials and particles ("J.", "de", "al").
const MIN_NAME_WORD: usize = 3;

fn share_or_either_empty(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.contains(x))
}

/// A date is finer evidence than another when it comes from the text and the other does not,
/// or from the same kind of source at a finer precision.
fn finer(new: &Dated, old: Option<&Dated>) -> bool {
    match old {
        None => true,
        Some(old) => match (new.source, old.source) {
            (DateSource::Text, DateSource::Article) => true,
            (a, b) if a == b => new.date.precision() > old.date.precision(),
            _ => false,
        },
    }
}

/// Groups mentions into happenings by the rule above; each group lists its mentions' indexes.
pub fn align(mentions: &[EventMention]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let family = family(&m.event_type, &m.sub_type);
        let places: Vec<String> = m.places.iter().map(|p| storyline_geo::fold(p)).collect();
        let actors = folded_words(&m.actors);
        let joins = |g: &Group| {
            g.family == family
                && crate::dates::compatible(g.date.as_ref(), m.date.as_ref())
                && share_or_either_empty(&g.places, &places)
                && (g.sub_types.contains(&m.sub_type) || g.places.iter().any(|p| places.contains(p)))
        };
        let fit = |g: &Group| {
            let shares = |a: &[String], b: &[String]| a.iter().any(|x| b.contains(x));
            let near = match crate::dates::gap_days(g.date.as_ref(), m.date.as_ref()) {
                Some(gap) if gap < 1.0 => 2,
                Some(gap) if gap <= 1.0 => 1,
                _ => 0,
            };
            2 * u32::from(shares(&g.places, &places))
                + u32::from(shares(&g.actors, &actors))
                + u32::from(g.sub_types.contains(&m.sub_type))
                + near
        };
        // `max_by_key` keeps the last of equal keys: the reversed order keeps the first opened.
        let best = groups.iter().enumerate().rev().filter(|(_, g)| joins(g)).max_by_key(|(_, g)| fit(g));
        let k = match best.map(|(k, _)| k) {
            Some(k) => k,
            None => {
                groups.push(Group { family, ..Group::default() });
                groups.len() - 1
            }
        };
        let g = &mut groups[k];
        g.mentions.push(i);
        if !g.sub_types.contains(&m.sub_type) {
            g.sub_types.push(m.sub_type.clone());
        }
        if let Some(d) = m.date.as_ref().filter(|d| finer(d, g.date.as_ref())) {
            g.date = Some(*d);
        }
        for p in places {
            if !g.places.contains(&p) {
                g.places.push(p);
            }
        }
        for a in actors {
            if !g.actors.contains(&a) {
                g.actors.push(a);
            }
        }
    }
    groups
}
