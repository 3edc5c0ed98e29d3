//! The story's entities, resolved across its articles.

use std::collections::HashMap;
use storyline_doc::Article;
use storyline_resolve::{Entity, PlaceRef, Resolver, mentions_of};

/// Resolved entities, and which entity each place name of the story stands for.
#[derive(Debug, Clone, Default)]
pub struct ResolvedEntities {
    pub entities: Vec<Entity>,
    /// Folded variant → index in `entities`, places only (for event places given by name).
    places_by_name: HashMap<String, usize>,
}

impl ResolvedEntities {
    pub fn new(entities: Vec<Entity>) -> Self {
        let mut places_by_name = HashMap::new();
        for (i, e) in entities.iter().enumerate().filter(|(_, e)| e.place.is_some()) {
            for v in e.variants.keys() {
                places_by_name.entry(storyline_geo::fold(v)).or_insert(i);
            }
        }
        ResolvedEntities { entities, places_by_name }
    }

    /// The place a name (as an event mention writes it) stands for.
    pub fn place_named(&self, name: &str) -> Option<&PlaceRef> {
        let i = *self.places_by_name.get(&storyline_geo::fold(name))?;
        self.entities[i].place.as_ref()
    }

    /// The name of a country, from the story's own country entity for that code, else the code.
    pub fn country_name(&self, code: &str) -> String {
        self.entities
            .iter()
            .filter_map(|e| e.place.as_ref())
            .find(|p| p.precision == "country" && p.country == code)
            .map_or_else(|| code.to_string(), |p| p.name.clone())
    }
}

/// Replays the articles' entity mentions (in the order given) through a fresh resolver.
pub fn resolve(articles: &[&Article], story: Option<&str>) -> ResolvedEntities {
    let mut resolver = Resolver::new();
    for a in articles {
        resolver.add_article_text(story, Some(&a.text), &mentions_of(a));
    }
    ResolvedEntities::new(resolver.entities().to_vec())
}
