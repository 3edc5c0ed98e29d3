//! The brief stage: a story told in one page. Headline (what, where, when), an extractive
//! summary whose every sentence cites its article, the timeline of its happenings with their
//! sources, the key entities with their variants, the places with coordinates, the sources,
//! and the figures the sources give, disagreements first.
//!
//! [`brief()`] builds a [`Brief`] from a story's analysed articles and their resolved
//! entities; [`render`] writes it as Markdown, JSON (the [`Brief`] serialised; the schema is
//! in the crate README) or one self-contained HTML page.

pub mod entities;
mod headline;
pub mod render;
pub mod summary;
pub mod timeline;

#[cfg(test)]
mod tests;

pub use entities::{ResolvedEntities, resolve};
pub use headline::Headline;
pub use summary::SummarySentence;
pub use timeline::{EntryDating, EntryPlace, TimelineEntry};

use serde::Serialize;
use std::collections::BTreeMap;
use storyline_doc::Article;
use storyline_reconcile::{ClaimKind, Verdict, outlet, reconcile, story_order};

/// How many entities the brief lists.
const KEY_ENTITIES: usize = 12;

/// A story's brief. Its JSON form is the brief's documented schema.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub story: String,
    pub headline: Headline,
    pub summary: Vec<SummarySentence>,
    pub timeline: Vec<TimelineEntry>,
    pub entities: Vec<KeyEntity>,
    pub places: Vec<Place>,
    pub sources: Vec<SourceArticle>,
    /// Every measure compared across sources (killed, injured, arrested, ...).
    pub figures: Vec<Figures>,
    /// The figures on which sources disagree (a subset of `figures`).
    pub disagreements: Vec<Figures>,
}

/// An entity of the story with the ways it was written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyEntity {
    pub name: String,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub kind: String,
    pub variants: BTreeMap<String, u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    pub mentions: u32,
    pub articles: u32,
}

/// A place of the story with its position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    /// The gazetteer's name for it.
    pub gazetteer_name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub precision: String,
    pub mentions: u32,
}

/// One article of the story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceArticle {
    pub article: String,
    pub outlet: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub precision: Option<String>,
    /// Where the date comes from: `container`, `meta_tag`, ..., or `inferred` (from its story).
    pub dated_by: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
}

/// One claim as the brief shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimRow {
    pub outlet: String,
    pub article: String,
    pub kind: ClaimKind,
    /// The figure as written ("des dizaines", "at least 15", "no casualty figure").
    pub text: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub cited: Option<String>,
    pub via: Vec<String>,
    pub hedged: bool,
    pub sentence: String,
}

/// One measure of one happening, across its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// The timeline entry it belongs to.
    pub event: String,
    pub measure: String,
    pub group: Option<String>,
    pub verdict: Verdict,
    /// ACLED's conservative figure: the lowest credible one (a range's lower bound).
    pub headline: Option<storyline_reconcile::Headline>,
    pub claims: Vec<ClaimRow>,
}

/// The brief of one story: `articles` are its analysed articles (any order), `entities`
/// their resolved entities ([`resolve`] makes them).
pub fn brief(story: &str, articles: &[Article], entities: &ResolvedEntities) -> Brief {
    let ordered = story_order(articles);
    let rank = |id: &str| ordered.iter().position(|a| a.id == id).unwrap_or(usize::MAX);
    let story_date = ordered
        .iter()
        .filter_map(|a| a.meta.published.as_ref())
        .map(|p| p.date)
        .min_by_key(|d| d.to_string());
    let happenings = reconcile(articles);
    let timeline = timeline::timeline(&happenings, entities, rank, story_date);
    let figures: Vec<Figures> = happenings
        .iter()
        .flat_map(|h| {
            h.comparisons.iter().map(move |c| Figures {
                event: format!("E{}", h.id),
                measure: c.measure.clone(),
                group: c.group.clone(),
                verdict: c.verdict,
                headline: c.headline,
                claims: c
                    .claims
                    .iter()
                    .map(|&i| {
                        let claim = &h.claims[i];
                        ClaimRow {
                            outlet: claim.source.outlet.clone(),
                            article: claim.source.article.clone(),
                            kind: claim.kind,
                            text: claim.text.clone(),
                            min: claim.min,
                            max: claim.max,
                            cited: claim.cited.clone(),
                            via: claim.via.clone(),
                            hedged: claim.hedged,
                            sentence: claim.sentence.split_whitespace().collect::<Vec<_>>().join(" "),
                        }
                    })
                    .collect(),
            })
        })
        .collect();
    let disagreements = figures.iter().filter(|f| f.verdict == Verdict::Disagree).cloned().collect();
    Brief {
        story: story.to_string(),
        headline: headline::headline(&happenings, entities, &timeline, story_date),
        summary: summary::summarise(&ordered, outlet),
        timeline,
        entities: key_entities(entities),
        places: places(entities),
        sources: ordered.iter().map(|a| source_article(a)).collect(),
        figures,
        disagreements,
    }
}

/// The most mentioned entities, places included, ties by name.
fn key_entities(resolved: &ResolvedEntities) -> Vec<KeyEntity> {
    let mut all: Vec<&storyline_resolve::Entity> =
        resolved.entities.iter().filter(|e| e.canonical.chars().any(char::is_alphabetic)).collect();
    all.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.canonical.cmp(&b.canonical)));
    all.into_iter()
        .take(KEY_ENTITIES)
        .map(|e| KeyEntity {
            name: e.canonical.clone(),
            kind: e.kind.clone(),
            variants: e.variants.clone(),
            titles: e.titles.keys().cloned().collect(),
            mentions: e.mentions,
            articles: e.articles,
        })
        .collect()
}

/// Every place the gazetteer could put on a map, most mentioned first.
fn places(resolved: &ResolvedEntities) -> Vec<Place> {
    let mut out: Vec<Place> = resolved
        .entities
        .iter()
        .filter_map(|e| {
            let p = e.place.as_ref()?;
            Some(Place {
                name: e.canonical.clone(),
                gazetteer_name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                precision: p.precision.to_string(),
                mentions: e.mentions,
            })
        })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
    out
}

fn source_article(a: &Article) -> SourceArticle {
    let published = a.meta.published.as_ref();
    let json_name = |v: serde_json::Value| v.as_str().map(str::to_string);
    SourceArticle {
        article: a.id.clone(),
        outlet: outlet(a),
        title: a.meta.title.clone(),
        published: published.map(|p| p.date.to_string()),
        precision: published.map(|p| format!("{:?}", p.precision).to_lowercase()),
        dated_by: published.and_then(|p| json_name(serde_json::to_value(&p.source).ok()?)),
        language: a.meta.language.as_ref().map(|l| l.code.clone()),
        url: a.meta.canonical_url.clone().or_else(|| a.meta.url.clone()),
    }
}
