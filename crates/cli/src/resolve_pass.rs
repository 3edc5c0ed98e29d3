//! The resolve pass over the store, after the story pass: every stored article's entity
//! mentions, in arrival order and with the story each article belongs to (the context that
//! lets a near spelling or a bare surname join an entity), through one fresh [`Resolver`]; the
//! entities and each mention's entity replace the stored ones in one transaction.
//!
//! Like the story pass it starts from scratch each time, so the same stored articles always
//! give the same entities, numbered in order of first mention. Its cost is a pass over the
//! store's mentions (no tagging).

use std::collections::HashMap;
use storyline_resolve::{Entity, Mention, Resolver};
use storyline_store::{ArticleLinks, EntityPlace, Store, StoredEntity};

/// Resolves the store's mentions and stores the result; returns how many entities there are.
pub fn resolve(store: &mut Store) -> anyhow::Result<usize> {
    let story_of: HashMap<String, i64> =
        store.story_members()?.into_iter().map(|m| (m.article, m.story)).collect();
    let mut resolver = Resolver::new();
    let mut links = Vec::new();
    for article in store.mentions_by_article()? {
        let mentions: Vec<Mention> = article
            .mentions
            .iter()
            .map(|m| Mention { text: &m.text, label: &m.label, span: Some((m.start, m.end)) })
            .collect();
        let story = story_of.get(&article.id).map(|s| s.to_string());
        let ids = resolver.add_article_text(story.as_deref(), Some(&article.text), &mentions);
        let linked =
            article.mentions.iter().zip(ids).filter_map(|(m, id)| Some((m.n, i64::from(id?)))).collect();
        links.push(ArticleLinks { article: article.id, links: linked });
    }
    let entities: Vec<StoredEntity> = resolver.entities().iter().map(stored).collect();
    store.replace_entities(&entities, &links)?;
    Ok(entities.len())
}

fn stored(e: &Entity) -> StoredEntity {
    let counts = |m: &std::collections::BTreeMap<String, u32>| {
        m.iter().map(|(k, &n)| (k.clone(), u64::from(n))).collect()
    };
    StoredEntity {
        id: i64::from(e.id),
        kind: e.kind.clone(),
        canonical: e.canonical.clone(),
        variants: counts(&e.variants),
        titles: counts(&e.titles),
        mentions: u64::from(e.mentions),
        articles: u64::from(e.articles),
        place: e.place.as_ref().map(|p| EntityPlace {
            geonameid: p.geonameid,
            name: p.name.clone(),
            country: p.country.clone(),
            lat: p.lat,
            lon: p.lon,
            precision: p.precision.to_string(),
            confidence: p.confidence,
        }),
    }
}
