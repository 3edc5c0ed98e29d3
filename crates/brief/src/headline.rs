//! The headline: what happened (the dominant kind of event, in words), where (the story's
//! main place and its country), when (the span of its dates).

use crate::entities::ResolvedEntities;
use crate::timeline::{EntryDating, TimelineEntry};
use serde::Serialize;
use storyline_doc::PartialDateTime;
use storyline_reconcile::Happening;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// `what in where, when`, the parts that are known.
    pub text: String,
    pub what: String,
    #[serde(rename = "where")]
    pub place: Option<String>,
    pub country: Option<String>,
    /// First and last date, each at its own precision.
    pub first: Option<String>,
    pub last: Option<String>,
}

/// The words for a kind of event: ACLED's types for violence and demonstrations, the
/// sub-type for strategic developments and non-ACLED events, which have nothing in common
/// besides not being violent.
fn kind_words(event_type: &str, sub_type: &str) -> String {
    let words = match event_type {
        "protests" => "protests",
        "riots" => "riots",
        "battles" => "armed clashes",
        "explosions_remote_violence" => "explosions and remote violence",
        "violence_against_civilians" => "violence against civilians",
        _ => return sub_type.replace('_', " "),
    };
    words.to_string()
}

pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The dominant kind of event by number of mentions; a second kind with at least half as
/// many is named too ("protests and riots").
fn what(happenings: &[Happening]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for h in happenings {
        for m in &h.mentions {
            let k = kind_words(&m.event_type, &m.sub_type);
            match counts.iter_mut().find(|(w, _)| *w == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    // Stable: ties keep the order of first mention.
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    match counts.as_slice() {
        [] => "News".to_string(),
        [(first, _)] => capitalised(first),
        [(first, n), (second, m), ..] if 2 * m >= *n => format!("{} and {second}", capitalised(first)),
        [(first, _), ..] => capitalised(first),
    }
}

pub fn headline(
    happenings: &[Happening],
    entities: &ResolvedEntities,
    timeline: &[TimelineEntry],
    story_date: Option<PartialDateTime>,
) -> Headline {
    let what = what(happenings);
    // The main place: the most mentioned town (a country is only where nothing finer is named).
    let located = || entities.entities.iter().filter(|e| e.place.is_some());
    let main = located()
        .filter(|e| e.place.as_ref().is_some_and(|p| p.precision != "country"))
        .max_by(|a, b| a.mentions.cmp(&b.mentions).then_with(|| b.canonical.cmp(&a.canonical)))
        .or_else(|| {
            located().max_by(|a, b| a.mentions.cmp(&b.mentions).then_with(|| b.canonical.cmp(&a.canonical)))
        });
    let place = main.map(|e| e.canonical.clone());
    let country = main
        .and_then(|e| e.place.as_ref())
        .filter(|p| p.precision != "country")
        .map(|p| entities.country_name(&p.country));
    // Dates the text gives; failing those, the articles' own.
    let text_dates: Vec<&String> =
        timeline.iter().filter(|e| e.dating == EntryDating::Text).filter_map(|e| e.date.as_ref()).collect();
    let (first, last) = if text_dates.is_empty() {
        let d = story_date.map(|d| d.to_string());
        (d.clone(), d)
    } else {
        (text_dates.iter().min().map(|d| d.to_string()), text_dates.iter().max().map(|d| d.to_string()))
    };
    let mut text = what.clone();
    if let Some(p) = &place {
        text.push_str(&format!(" in {p}"));
        if let Some(c) = &country {
            text.push_str(&format!(", {c}"));
        }
    }
    match (&first, &last) {
        (Some(f), Some(l)) if f != l => text.push_str(&format!(", {f} to {l}")),
        (Some(f), _) => text.push_str(&format!(", {f}")),
        _ => {}
    }
    Headline { text, what, place, country, first, last }
}
