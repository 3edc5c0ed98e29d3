//! The timeline: one entry per happening, dated, placed and sourced, in order.

use crate::entities::ResolvedEntities;
use serde::Serialize;
use storyline_doc::PartialDateTime;
use storyline_reconcile::dates::day_range;
use storyline_reconcile::{Comparison, DateSource, Happening, Headline, Source, Verdict};

/// Where an entry's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryDating {
    /// A time expression of the reporting sentence.
    Text,
    /// The publication date of the reporting article (which may itself be inferred: see
    /// the sources list).
    Article,
    /// The article is undated: the story's first date stands in.
    Story,
    Undated,
}

/// A place of an entry, with its position when the gazetteer knows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryPlace {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// `city` or `country`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
}

/// One dated happening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry {
    /// `E` and the happening's number.
    pub id: String,
    /// ISO 8601 at its precision (`2022-01-05`, `2022-01`), or `None`.
    pub date: Option<String>,
    pub precision: Option<String>,
    pub dating: EntryDating,
    pub event_type: String,
    pub sub_type: String,
    pub acled: String,
    /// The reporting sentence (the one that dates the happening, else the first), whose
    /// type the entry takes.
    pub text: String,
    pub article: String,
    pub actors: Vec<String>,
    pub places: Vec<EntryPlace>,
    /// Every outlet and article that reports it.
    pub sources: Vec<Source>,
    /// Killed, summed over the counted groups by the conservative rule; `None` when no figure.
    pub fatalities: Option<Headline>,
    /// One note per compared measure: `killed: disagree (2 outlets)`.
    pub notes: Vec<String>,
}

/// Killed over all groups: each group's headline figure, added up.
fn fatalities(comparisons: &[Comparison]) -> Option<Headline> {
    let killed: Vec<Headline> =
        comparisons.iter().filter(|c| c.measure == "killed").filter_map(|c| c.headline).collect();
    let first = *killed.first()?;
    Some(killed[1..].iter().fold(first, |acc, h| Headline {
        value: acc.value + h.value,
        min: acc.min + h.min,
        max: acc.max.zip(h.max).map(|(a, b)| a + b),
    }))
}

/// A verdict as the brief writes it.
pub(crate) fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Agree => "agree",
        Verdict::Refine => "refine",
        Verdict::Disagree => "disagree",
        Verdict::SingleSource => "single source",
    }
}

/// The timeline of the happenings: `article_rank` gives each article's place in the story's
/// reading order (for ties), `story_date` the date an undated article's events take.
///
/// Ordered by the last day an entry's date allows, then its first day, then reading order
/// and position in the text: a date known only to the month, or a publication date, comes
/// after the days it contains, since the event happened on one of them, by then at the latest.
pub fn timeline(
    happenings: &[Happening],
    entities: &ResolvedEntities,
    article_rank: impl Fn(&str) -> usize,
    story_date: Option<PartialDateTime>,
) -> Vec<TimelineEntry> {
    let mut keyed: Vec<((f64, f64, usize, usize), TimelineEntry)> = happenings
        .iter()
        .map(|h| {
            let lead =
                h.mentions.iter().find(|m| m.date.is_some() && m.date == h.date).unwrap_or(&h.mentions[0]);
            let (date, dating) = match (h.date, story_date) {
                (Some(d), _) if d.source == DateSource::Text => (Some(d.date), EntryDating::Text),
                (Some(d), _) => (Some(d.date), EntryDating::Article),
                (None, Some(d)) => (Some(d), EntryDating::Story),
                (None, None) => (None, EntryDating::Undated),
            };
            let (first, last) = date.as_ref().and_then(day_range).unwrap_or((f64::INFINITY, f64::INFINITY));
            let mut sources: Vec<Source> = Vec::new();
            for m in &h.mentions {
                let s = Source { article: m.article.clone(), outlet: m.outlet.clone() };
                if !sources.contains(&s) {
                    sources.push(s);
                }
            }
            let places = h
                .places
                .iter()
                .map(|name| {
                    let p = entities.place_named(name);
                    EntryPlace {
                        name: name.clone(),
                        country: p.map(|p| p.country.clone()),
                        lat: p.map(|p| p.lat),
                        lon: p.map(|p| p.lon),
                        precision: p.map(|p| p.precision.to_string()),
                    }
                })
                .collect();
            let notes = h
                .comparisons
                .iter()
                .map(|c| {
                    let group = c.group.as_deref().map_or(String::new(), |g| format!(" ({g})"));
                    let outlets = c.outlets.len();
                    let plural = if outlets == 1 { "" } else { "s" };
                    format!("{}{group}: {} ({outlets} outlet{plural})", c.measure, verdict_word(c.verdict))
                })
                .collect();
            let entry = TimelineEntry {
                id: format!("E{}", h.id),
                date: date.map(|d| d.to_string()),
                precision: date.map(|d| format!("{:?}", d.precision()).to_lowercase()),
                dating,
                event_type: lead.event_type.clone(),
                sub_type: lead.sub_type.clone(),
                acled: lead.acled.clone(),
                text: lead.text.split_whitespace().collect::<Vec<_>>().join(" "),
                article: lead.article.clone(),
                actors: h.actors.clone(),
                places,
                sources,
                fatalities: fatalities(&h.comparisons),
                notes,
            };
            ((last, first, article_rank(&lead.article), lead.sentence_span.start), entry)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    keyed.into_iter().map(|(_, e)| e).collect()
}
