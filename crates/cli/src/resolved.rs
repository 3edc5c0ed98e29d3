//! The resolve stage over the store: every stored article's entity mentions, in arrival order
//! and with the story each article belongs to, through one [`Resolver`].
//!
//! Resolution is replayed from the stored mentions rather than kept in tables of its own: the
//! same store always gives the same entities, and a new resolver needs no migration. Its cost
//! is a pass over the store's mentions (no tagging), as the cluster pass is.

use std::collections::HashMap;
use storyline_resolve::{EntityId, Mention, Resolver};
use storyline_store::Store;

/// The store's entities, and how often each is mentioned in each story.
pub struct ResolvedStore {
    pub resolver: Resolver,
    /// Story → entity → mentions in that story's articles.
    pub by_story: HashMap<i64, HashMap<EntityId, u32>>,
}

impl ResolvedStore {
    /// An entity's mentions in a story's articles, most mentioned first (ties by name).
    pub fn story_entities(&self, story: i64) -> Vec<(EntityId, u32)> {
        let mut out: Vec<(EntityId, u32)> =
            self.by_story.get(&story).into_iter().flatten().map(|(&e, &n)| (e, n)).collect();
        out.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| {
                let name = |id| &self.resolver.entity(id).canonical;
                name(a.0).cmp(name(b.0))
            })
        });
        out
    }
}

/// Replays the store's mentions through a fresh resolver, each article with its text (for
/// titles) and its story.
pub fn resolve_store(store: &Store) -> anyhow::Result<ResolvedStore> {
    let story_of: HashMap<String, i64> =
        store.story_members()?.into_iter().map(|m| (m.article, m.story)).collect();
    let mut resolver = Resolver::new();
    let mut by_story: HashMap<i64, HashMap<EntityId, u32>> = HashMap::new();
    for article in store.mentions_by_article()? {
        let mentions: Vec<Mention> = article
            .mentions
            .iter()
            .map(|m| Mention { text: &m.text, label: &m.label, span: Some((m.start, m.end)) })
            .collect();
        let story = story_of.get(&article.id).copied();
        let story_key = story.map(|s| s.to_string());
        let ids = resolver.add_article_text(story_key.as_deref(), Some(&article.text), &mentions);
        if let Some(story) = story {
            let counts = by_story.entry(story).or_default();
            for id in ids.into_iter().flatten() {
                *counts.entry(id).or_default() += 1;
            }
        }
    }
    Ok(ResolvedStore { resolver, by_story })
}
