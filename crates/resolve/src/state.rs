//! The resolver's whole state, to save between passes and read back (serde): everything it
//! knows, including what an entity's JSON view leaves out (its neighbours, the order its
//! variants were first seen). A resolver read back resolves the next articles exactly as the
//! one saved would have.

use crate::{Entity, EntityId, PlaceRef, Resolver};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Serialize, Deserialize)]
struct ResolverState {
    entities: Vec<EntityState>,
    exact: Vec<((String, String), EntityId)>,
    near_last: Vec<((String, String), Vec<EntityId>)>,
    by_word: Vec<((String, String), Vec<EntityId>)>,
    by_place: Vec<(u32, EntityId)>,
}

#[derive(Serialize, Deserialize)]
struct EntityState {
    id: EntityId,
    kind: String,
    canonical: String,
    variants: BTreeMap<String, u32>,
    titles: BTreeMap<String, u32>,
    mentions: u32,
    articles: u32,
    stories: BTreeSet<String>,
    place: Option<PlaceState>,
    neighbours: Vec<(EntityId, u32)>,
    first_seen: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct PlaceState {
    geonameid: u32,
    name: String,
    country: String,
    lat: f64,
    lon: f64,
    precision: String,
    confidence: f64,
}

/// Hash maps are written sorted, so that one state always has one encoding.
fn sorted<K: Ord + Clone, V: Clone>(map: &std::collections::HashMap<K, V>) -> Vec<(K, V)> {
    let mut out: Vec<(K, V)> = map.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

impl Serialize for Resolver {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let entities = self
            .entities
            .iter()
            .map(|e| EntityState {
                id: e.id,
                kind: e.kind.clone(),
                canonical: e.canonical.clone(),
                variants: e.variants.clone(),
                titles: e.titles.clone(),
                mentions: e.mentions,
                articles: e.articles,
                stories: e.stories.clone(),
                place: e.place.as_ref().map(|p| PlaceState {
                    geonameid: p.geonameid,
                    name: p.name.clone(),
                    country: p.country.clone(),
                    lat: p.lat,
                    lon: p.lon,
                    precision: p.precision.to_string(),
                    confidence: p.confidence,
                }),
                neighbours: sorted(&e.neighbours),
                first_seen: e.first_seen.clone(),
            })
            .collect();
        ResolverState {
            entities,
            exact: sorted(&self.exact),
            near_last: sorted(&self.near_last),
            by_word: sorted(&self.by_word),
            by_place: sorted(&self.by_place),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Resolver {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let state = ResolverState::deserialize(d)?;
        let mut entities = Vec::with_capacity(state.entities.len());
        for e in state.entities {
            let place = match e.place {
                None => None,
                Some(p) => Some(PlaceRef {
                    geonameid: p.geonameid,
                    name: p.name,
                    country: p.country,
                    lat: p.lat,
                    lon: p.lon,
                    precision: precision_name(&p.precision).map_err(serde::de::Error::custom)?,
                    confidence: p.confidence,
                }),
            };
            entities.push(Entity {
                id: e.id,
                kind: e.kind,
                canonical: e.canonical,
                variants: e.variants,
                titles: e.titles,
                mentions: e.mentions,
                articles: e.articles,
                stories: e.stories,
                place,
                neighbours: e.neighbours.into_iter().collect(),
                first_seen: e.first_seen,
            });
        }
        Ok(Resolver {
            entities,
            exact: state.exact.into_iter().collect(),
            near_last: state.near_last.into_iter().collect(),
            by_word: state.by_word.into_iter().collect(),
            by_place: state.by_place.into_iter().collect(),
        })
    }
}

/// The geocoder's precision names, as `PlaceRef` holds them.
fn precision_name(name: &str) -> Result<&'static str, String> {
    use storyline_geo::GeoPrecision;
    [GeoPrecision::City, GeoPrecision::Country]
        .into_iter()
        .map(GeoPrecision::as_str)
        .find(|p| *p == name)
        .ok_or_else(|| format!("unknown place precision {name:?}"))
}
