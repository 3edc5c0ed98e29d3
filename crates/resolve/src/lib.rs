//! The resolve stage: the named-entity mentions of many articles, in many languages, joined
//! into entities, each with a canonical name, every variant as written with its count, a type,
//! the stories it appears in, and for places a geocoded position.
//!
//! It is online: [`Resolver::add_article`] takes one article's mentions and returns the entity
//! of each, so ingest can resolve as articles arrive. Within an article, mentions are grouped
//! first ([`local`]): spelling variants of one full name, a surname or first name standing for
//! the full name met in the same article, an organisation's acronym beside its name, place
//! names that geocode to the same place (a city's former name and its current one). Each group
//! then joins an existing entity:
//!
//! - places by their gazetteer id ([`storyline_geo::Geocoder`], read against the article's
//!   other places);
//! - names by their transliteration-aware key ([`key::name_key`]: `Tchaïkovski` and
//!   `Tschaikowsky` share one), exactly;
//! - or by a near key (every word within one edit, one word at least the same), or by a
//!   surname alone, only with *context*: the entity was seen in the same story, or beside an
//!   entity this article also mentions. A near spelling without context opens a new entity
//!   rather than merging two people who merely have similar names.
//!
//! Lookups go through hash indexes (exact keys, and one-deletion keys of the last word), so
//! the cost of an article does not grow with the number of entities known.

pub mod key;
mod local;
mod state;
mod titles;

use key::{deletion_keys, within_one_edit};
use local::Group;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use storyline_doc::Article;
use storyline_geo::{Gazetteer, Geocoder};

/// One article's mentions grouped (surnames with full names, near spellings, acronyms, places
/// geocoded together, titles): the part of resolution that needs only the article.
#[derive(Debug, Clone)]
pub struct Prepared {
    groups: Vec<Group>,
    mentions: usize,
}

impl Prepared {
    /// Groups an article's mentions; `text`, over which the mentions' spans lie, lets titles
    /// be found too.
    pub fn new(text: Option<&str>, mentions: &[Mention]) -> Self {
        let mut groups = local::group(mentions, geocoder());
        if let Some(text) = text {
            local::find_titles(&mut groups, text, mentions);
        }
        Prepared { groups, mentions: mentions.len() }
    }
}

/// The geocoder of the embedded gazetteer, built once.
fn geocoder() -> &'static Geocoder<'static> {
    static GEOCODER: std::sync::OnceLock<Geocoder<'static>> = std::sync::OnceLock::new();
    GEOCODER.get_or_init(|| Geocoder::new(Gazetteer::embedded()))
}

/// An entity's index in [`Resolver::entities`].
pub type EntityId = u32;

/// A mention as the NER layer gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention<'a> {
    pub text: &'a str,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub label: &'a str,
    /// Byte offsets over the article's text, when it is given ([`Resolver::add_article_text`]).
    pub span: Option<(usize, usize)>,
}

impl<'a> Mention<'a> {
    pub fn new(text: &'a str, label: &'a str) -> Self {
        Mention { text, label, span: None }
    }
}

/// Where a place entity lies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRef {
    pub geonameid: u32,
    /// The gazetteer's name for it (`Astana` for a mention of `Nur-Sultan`).
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// `city` or `country`.
    pub precision: &'static str,
    /// Of the first article that placed it; see [`storyline_geo::Geocoded`].
    pub confidence: f64,
}

/// One resolved entity.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub id: EntityId,
    pub kind: String,
    /// The fullest, most frequent way of writing it.
    pub canonical: String,
    /// Every way it was written, with how often.
    pub variants: BTreeMap<String, u32>,
    /// Titles and roles it was given ("président brésilien", "porte-parole de la police")
    /// and the times a title alone stood for it within an article, lowercased.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, u32>,
    pub mentions: u32,
    pub articles: u32,
    /// The stories it appears in (at most [`MAX_STORIES`] are listed).
    pub stories: BTreeSet<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
    /// Entities seen in the same articles, with how often (bounded): the context that lets a
    /// near spelling or a bare surname join this entity.
    #[serde(skip)]
    neighbours: HashMap<EntityId, u32>,
    /// The variants in the order they were first seen, for ties in [`canonical`].
    #[serde(skip)]
    first_seen: Vec<String>,
}

/// Bounds that keep an entity's memory small however often it is mentioned.
pub const MAX_STORIES: usize = 1000;
const MAX_NEIGHBOURS: usize = 256;

/// The online resolver.
#[derive(Debug)]
pub struct Resolver {
    entities: Vec<Entity>,
    /// (kind, full key) → entity.
    exact: HashMap<(String, String), EntityId>,
    /// (kind, deletion key of the last word) → entities whose full names end with it.
    near_last: HashMap<(String, String), Vec<EntityId>>,
    /// (kind, key of one word of a full name) → entities: a surname or first name alone.
    by_word: HashMap<(String, String), Vec<EntityId>>,
    by_place: HashMap<u32, EntityId>,
}

impl Default for Resolver {
    fn default() -> Self {
        Self::new()
    }
}

impl Resolver {
    /// A resolver with the gazetteer embedded in the binary.
    pub fn new() -> Self {
        Resolver {
            entities: Vec::new(),
            exact: HashMap::new(),
            near_last: HashMap::new(),
            by_word: HashMap::new(),
            by_place: HashMap::new(),
        }
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// Resolves one article's mentions (in any order) and returns the entity of each; `None`
    /// for a mention with no letters or digits to go by.
    pub fn add_article(&mut self, story: Option<&str>, mentions: &[Mention]) -> Vec<Option<EntityId>> {
        self.add_article_text(story, None, mentions)
    }

    /// [`Resolver::add_article`] with the article's text, over which the mentions' spans lie:
    /// titles before names, and titles alone that stand for them, are found too.
    pub fn add_article_text(
        &mut self,
        story: Option<&str>,
        text: Option<&str>,
        mentions: &[Mention],
    ) -> Vec<Option<EntityId>> {
        let prepared = Prepared::new(text, mentions);
        self.add_prepared(story, &prepared)
    }

    /// [`Resolver::add_article_text`] for an article whose mentions were grouped beforehand
    /// ([`Prepared::new`], which needs no resolver and may run on another thread).
    pub fn add_prepared(&mut self, story: Option<&str>, prepared: &Prepared) -> Vec<Option<EntityId>> {
        let groups = &prepared.groups;
        // Exact matches first: the entities they find are the context for the rest.
        let mut resolved: Vec<Option<EntityId>> = groups.iter().map(|g| self.find_exact(g)).collect();
        let context: HashSet<EntityId> = resolved.iter().flatten().copied().collect();
        for (g, r) in groups.iter().zip(resolved.iter_mut()) {
            if r.is_none() {
                *r = self.find_near(g, story, &context);
            }
        }
        let ids: Vec<EntityId> =
            groups.iter().zip(resolved).map(|(g, r)| r.unwrap_or_else(|| self.create(g))).collect();
        for (g, &id) in groups.iter().zip(&ids) {
            self.record(id, g, story, &ids);
        }
        let mut out = vec![None; prepared.mentions];
        for (g, &id) in groups.iter().zip(&ids) {
            for &m in &g.members {
                out[m] = Some(id);
            }
        }
        out
    }

    fn find_exact(&self, g: &Group) -> Option<EntityId> {
        if let Some(place) = &g.place {
            return self.by_place.get(&place.geonameid).copied();
        }
        g.full_keys().find_map(|k| self.exact.get(&(kind_class(&g.kind), k)).copied())
    }

    fn find_near(&self, g: &Group, story: Option<&str>, context: &HashSet<EntityId>) -> Option<EntityId> {
        if g.place.is_some() {
            return None;
        }
        let supported = |id: EntityId| {
            let e = &self.entities[id as usize];
            story.is_some_and(|s| e.stories.contains(s)) || e.neighbours.keys().any(|n| context.contains(n))
        };
        let words = g.longest_words();
        let candidates: BTreeSet<EntityId> = if words.len() >= 2 {
            let last = words.last().expect("two words or more");
            deletion_keys(last)
                .into_iter()
                .filter_map(|d| self.near_last.get(&(kind_class(&g.kind), d)))
                .flatten()
                .copied()
                .filter(|&id| self.entities[id as usize].matches_near(&words))
                .collect()
        } else {
            // A surname or first name alone: the entities whose full names contain that word.
            self.by_word
                .get(&(kind_class(&g.kind), words[0].clone()))
                .into_iter()
                .flatten()
                .copied()
                .collect()
        };
        let supported: Vec<EntityId> = candidates.iter().copied().filter(|&id| supported(id)).collect();
        // Only one reading, and the context vouches for it.
        (supported.len() == 1).then(|| supported[0])
    }

    fn create(&mut self, g: &Group) -> EntityId {
        let id = self.entities.len() as EntityId;
        self.entities.push(Entity {
            id,
            kind: g.kind.clone(),
            canonical: String::new(),
            variants: BTreeMap::new(),
            titles: BTreeMap::new(),
            mentions: 0,
            articles: 0,
            stories: BTreeSet::new(),
            place: g.place.clone(),
            neighbours: HashMap::new(),
            first_seen: Vec::new(),
        });
        if let Some(p) = &g.place {
            self.by_place.insert(p.geonameid, id);
        }
        id
    }

    fn record(&mut self, id: EntityId, g: &Group, story: Option<&str>, article_ids: &[EntityId]) {
        for (text, words) in &g.variants {
            let e = &mut self.entities[id as usize];
            let fresh = !e.variants.contains_key(text);
            *e.variants.entry(text.clone()).or_default() += g.counts[text];
            if !fresh {
                continue;
            }
            e.first_seen.push(text.clone());
            if g.place.is_some() {
                continue;
            }
            let kind = kind_class(&g.kind);
            self.exact.entry((kind.clone(), words.join(" "))).or_insert(id);
            if words.len() >= 2 {
                for d in deletion_keys(words.last().expect("two words or more")) {
                    push_unique(self.near_last.entry((kind.clone(), d)).or_default(), id);
                }
                for w in words.iter().filter(|w| w.chars().count() >= 3) {
                    push_unique(self.by_word.entry((kind.clone(), w.clone())).or_default(), id);
                }
            }
        }
        let e = &mut self.entities[id as usize];
        for (t, n) in &g.titles {
            *e.titles.entry(t.clone()).or_default() += n;
        }
        e.mentions += g.members.len() as u32;
        e.articles += 1;
        if let Some(s) = story
            && e.stories.len() < MAX_STORIES
        {
            e.stories.insert(s.to_owned());
        }
        for &other in article_ids.iter().filter(|&&o| o != id) {
            if e.neighbours.len() < MAX_NEIGHBOURS || e.neighbours.contains_key(&other) {
                *e.neighbours.entry(other).or_default() += 1;
            }
        }
        e.canonical = canonical(&e.variants, &e.first_seen);
    }
}

impl Entity {
    /// Whether some full variant of this entity is a near spelling of `words`: as many words,
    /// each within one edit (words of under four letters exactly), one at least identical.
    fn matches_near(&self, words: &[String]) -> bool {
        self.variants.keys().any(|v| {
            let theirs = local::words_of(v);
            theirs.len() == words.len()
                && theirs.iter().zip(words).any(|(a, b)| a == b)
                && theirs.iter().zip(words).all(|(a, b)| {
                    a == b || (a.chars().count() >= 4 && b.chars().count() >= 4 && within_one_edit(a, b))
                })
        })
    }
}

/// The kinds whose names are looked up together: the tagger often calls one body an
/// organisation in one sentence and "miscellaneous" in the next (a press agency, a party, a
/// brand), so ORG and MISC share their indexes; a person and a place never do.
pub(crate) fn kind_class(kind: &str) -> String {
    match kind {
        "ORG" | "MISC" => "ORG|MISC".to_string(),
        other => other.to_string(),
    }
}

fn push_unique(list: &mut Vec<EntityId>, id: EntityId) {
    if !list.contains(&id) {
        list.push(id);
    }
}

/// The fullest form (most words), then the most frequent, then the first seen.
fn canonical(variants: &BTreeMap<String, u32>, first_seen: &[String]) -> String {
    let words = |s: &str| local::words_of(s).len();
    first_seen.iter().rev().max_by_key(|v| (words(v), variants[v.as_str()])).cloned().unwrap_or_default()
}

/// The mentions of an article's `entities` layer, in text order.
pub fn mentions_of(article: &Article) -> Vec<Mention<'_>> {
    article
        .layers
        .get("entities")
        .into_iter()
        .flatten()
        .map(|a| Mention {
            text: article.span_text(a.span),
            label: a.label.as_str(),
            span: Some((a.span.start, a.span.end)),
        })
        .collect()
}

#[cfg(test)]
mod tests;
