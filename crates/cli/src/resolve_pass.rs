//! The resolve pass over the store, after the story pass: the stored articles' entity
//! mentions, in arrival order and with the story each article arrived in (the context that
//! lets a near spelling or a bare surname join an entity), through a [`Resolver`]; each
//! mention's entity and the entities are stored in one transaction.
//!
//! The resolver's state is saved with the entities (postcard, `pass_state` 'entities'), so the
//! next pass feeds only the articles stored since and writes only their links and the
//! entities they touched. An article's context is the story it arrived in, which never
//! changes once given (later merges move articles, not their arrival), so resuming gives
//! exactly the entities of a replay of the whole store, numbered in order of first mention.
//! The state is trusted only by the same build, over the same articles, mentions and
//! arrival stories; otherwise the pass replays the store from the first article.

use crate::pass_state;
use std::collections::BTreeSet;
use storyline_resolve::{Entity, Mention, Resolver};
use storyline_store::{ArticleLinks, EntityPlace, Store, StoredEntity};

/// Resolves the store's mentions not resolved yet (all of them when the saved state cannot
/// be trusted) and stores the result; returns how many entities there are.
pub fn resolve(store: &mut Store) -> anyhow::Result<usize> {
    let started = std::time::Instant::now();
    let resumed =
        pass_state::load::<Resolver>(store, "entities", |fed_through| fingerprint(store, fed_through))?;
    let whole = resumed.is_none();
    let (mut resolver, from) = resumed.unwrap_or_else(|| (Resolver::new(), 0));
    let fed_through = store.last_article_seq()?;
    let mut links = Vec::new();
    let mut touched = BTreeSet::new();
    for article in store.mentions_by_article_between(from, fed_through)? {
        let mentions: Vec<Mention> = article
            .mentions
            .iter()
            .map(|m| Mention { text: &m.text, label: &m.label, span: Some((m.start, m.end)) })
            .collect();
        let story = article.arrived_in.map(|s| s.to_string());
        let ids = resolver.add_article_text(story.as_deref(), Some(&article.text), &mentions);
        touched.extend(ids.iter().flatten().copied());
        let linked =
            article.mentions.iter().zip(ids).filter_map(|(m, id)| Some((m.n, i64::from(id?)))).collect();
        links.push(ArticleLinks { article: article.id, links: linked });
    }
    let saved = pass_state::encode(&resolver, fed_through, fingerprint(store, fed_through)?)?;
    if whole {
        let entities: Vec<StoredEntity> = resolver.entities().iter().map(stored).collect();
        store.replace_entities(&entities, &links, saved.as_ref())?;
    } else {
        let entities: Vec<StoredEntity> = touched.iter().map(|&id| stored(resolver.entity(id))).collect();
        store.update_entities(&entities, &links, saved.as_ref())?;
    }
    tracing::debug!(
        from,
        to = fed_through,
        entities = resolver.entities().len(),
        seconds = started.elapsed().as_secs_f64(),
        "resolve pass fed articles"
    );
    Ok(resolver.entities().len())
}

/// What the saved resolver depends on: this build, the mentions of the articles it fed, and
/// the stories they arrived in; `None` when the build cannot be told.
fn fingerprint(store: &Store, fed_through: i64) -> anyhow::Result<Option<String>> {
    let Some(build) = pass_state::build_identity() else { return Ok(None) };
    Ok(Some(format!(
        "{build} {} {}",
        store.articles_digest(fed_through)?,
        store.arrivals_digest(fed_through)?
    )))
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
