//! Resolved entities: the resolve stage's entities, their variants and titles, and the entity
//! each stored mention belongs to. An entity's stories are read through its mentions'
//! articles (`story_articles`), never stored twice.

use crate::{PassState, Store, StoreError};
use rusqlite::{Row, TransactionBehavior, params};
use serde::Serialize;
use std::collections::BTreeMap;

/// One resolved entity as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEntity {
    pub id: i64,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub kind: String,
    pub canonical: String,
    /// Every way it was written, with how often.
    pub variants: BTreeMap<String, u64>,
    /// Titles and roles it was given, lowercased, with how often.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<String, u64>,
    pub mentions: u64,
    pub articles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<EntityPlace>,
}

/// Where a place entity lies, as the gazetteer put it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityPlace {
    pub geonameid: u32,
    /// The gazetteer's name for it.
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    /// `city` or `country`.
    pub precision: String,
    pub confidence: f64,
}

/// Which entity each of an article's mentions belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLinks {
    pub article: String,
    /// (the mention's number in the article, as [`crate::StoredMention::n`], its entity); a
    /// mention the resolver could not read is left out.
    pub links: Vec<(usize, i64)>,
}

/// An entity with its mentions in one story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEntity {
    pub entity: StoredEntity,
    pub mentions_in_story: u64,
}

/// A story an entity appears in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityInStory {
    pub story: i64,
    pub title: Option<String>,
    /// The entity's mentions in the story's articles, and in how many of them.
    pub mentions: u64,
    pub articles: u64,
}

/// The order of [`Store::entities`]; ties by name, then id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntitySort {
    /// Most mentioned first.
    Mentions,
    /// In the most articles first.
    Articles,
    /// By canonical name.
    Name,
}

impl EntitySort {
    fn order_by(self) -> &'static str {
        match self {
            EntitySort::Mentions => "mentions DESC, canonical, id",
            EntitySort::Articles => "articles DESC, mentions DESC, canonical, id",
            EntitySort::Name => "canonical, id",
        }
    }
}

const ENTITY_COLUMNS: &str = "e.id, e.kind, e.canonical, e.mentions, e.articles, e.geonameid, e.place_name,
    e.place_country, e.place_lat, e.place_lon, e.place_precision, e.place_confidence";

/// An entity from a row of [`ENTITY_COLUMNS`], without its variants and titles yet.
fn entity_of_row(r: &Row) -> rusqlite::Result<StoredEntity> {
    let place = match r.get::<_, Option<i64>>(5)? {
        Some(geonameid) => Some(EntityPlace {
            geonameid: geonameid as u32,
            name: r.get(6)?,
            country: r.get(7)?,
            lat: r.get(8)?,
            lon: r.get(9)?,
            precision: r.get(10)?,
            confidence: r.get(11)?,
        }),
        None => None,
    };
    Ok(StoredEntity {
        id: r.get(0)?,
        kind: r.get(1)?,
        canonical: r.get(2)?,
        variants: BTreeMap::new(),
        titles: BTreeMap::new(),
        mentions: r.get::<_, i64>(3)? as u64,
        articles: r.get::<_, i64>(4)? as u64,
        place,
    })
}

impl Store {
    /// Replaces every resolved entity and every mention's link, and the resolve pass's saved
    /// state (none when `state` is `None`), in one transaction: the store never holds half of
    /// one resolution and half of another.
    pub fn replace_entities(
        &mut self,
        entities: &[StoredEntity],
        links: &[ArticleLinks],
        state: Option<&PassState>,
    ) -> Result<(), StoreError> {
        self.write_entities(true, entities, links, state)
    }

    /// Adds to the stored resolution, in one transaction: `entities` are new or changed and
    /// replace their rows (variants and titles too), `links` are those of articles not
    /// linked before; the resolve pass's saved state is replaced by `state`.
    pub fn update_entities(
        &mut self,
        entities: &[StoredEntity],
        links: &[ArticleLinks],
        state: Option<&PassState>,
    ) -> Result<(), StoreError> {
        self.write_entities(false, entities, links, state)
    }

    fn write_entities(
        &mut self,
        whole: bool,
        entities: &[StoredEntity],
        links: &[ArticleLinks],
        state: Option<&PassState>,
    ) -> Result<(), StoreError> {
        let dir = self.dir.clone();
        let sql_err = |source| StoreError::Sql { dir: dir.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        if whole {
            tx.execute_batch(
                "DELETE FROM entity_mentions; DELETE FROM entity_titles; DELETE FROM entity_variants;
                 DELETE FROM resolved_entities;",
            )
            .map_err(sql_err)?;
        } else {
            // A changed entity's row is updated in place (mentions link to it); its variants
            // and titles are written again.
            let mut titles = tx.prepare("DELETE FROM entity_titles WHERE entity = ?1").map_err(sql_err)?;
            let mut variants =
                tx.prepare("DELETE FROM entity_variants WHERE entity = ?1").map_err(sql_err)?;
            for e in entities {
                titles.execute([e.id]).map_err(sql_err)?;
                variants.execute([e.id]).map_err(sql_err)?;
            }
        }
        crate::stories::put_pass_state(&tx, "entities", state).map_err(sql_err)?;
        {
            let mut entity = tx
                .prepare(
                    "INSERT INTO resolved_entities (id, kind, canonical, mentions, articles, geonameid,
                        place_name, place_country, place_lat, place_lon, place_precision, place_confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                     ON CONFLICT (id) DO UPDATE SET kind = ?2, canonical = ?3, mentions = ?4, articles = ?5,
                        geonameid = ?6, place_name = ?7, place_country = ?8, place_lat = ?9, place_lon = ?10,
                        place_precision = ?11, place_confidence = ?12",
                )
                .map_err(sql_err)?;
            let mut variant = tx
                .prepare("INSERT INTO entity_variants (entity, text, count) VALUES (?1, ?2, ?3)")
                .map_err(sql_err)?;
            let mut title = tx
                .prepare("INSERT INTO entity_titles (entity, title, count) VALUES (?1, ?2, ?3)")
                .map_err(sql_err)?;
            for e in entities {
                let p = e.place.as_ref();
                entity
                    .execute(params![
                        e.id,
                        e.kind,
                        e.canonical,
                        e.mentions as i64,
                        e.articles as i64,
                        p.map(|p| p.geonameid),
                        p.map(|p| &p.name),
                        p.map(|p| &p.country),
                        p.map(|p| p.lat),
                        p.map(|p| p.lon),
                        p.map(|p| &p.precision),
                        p.map(|p| p.confidence),
                    ])
                    .map_err(sql_err)?;
                for (text, count) in &e.variants {
                    variant.execute(params![e.id, text, *count as i64]).map_err(sql_err)?;
                }
                for (text, count) in &e.titles {
                    title.execute(params![e.id, text, *count as i64]).map_err(sql_err)?;
                }
            }
            let mut seq_of = tx.prepare("SELECT seq FROM articles WHERE id = ?1").map_err(sql_err)?;
            let mut link = tx
                .prepare("INSERT INTO entity_mentions (article, n, entity) VALUES (?1, ?2, ?3)")
                .map_err(sql_err)?;
            for a in links.iter().filter(|a| !a.links.is_empty()) {
                let seq: i64 = seq_of.query_row([&a.article], |r| r.get(0)).map_err(sql_err)?;
                for &(n, entity) in &a.links {
                    link.execute(params![seq, n as i64, entity]).map_err(sql_err)?;
                }
            }
        }
        tx.commit().map_err(sql_err)
    }

    /// Resolved entities in the given order, of one kind when `kind` is given; `limit` 0 means
    /// all.
    pub fn entities(
        &self,
        kind: Option<&str>,
        sort: EntitySort,
        limit: u64,
    ) -> Result<Vec<StoredEntity>, StoreError> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS} FROM resolved_entities e WHERE ?1 IS NULL OR e.kind = ?1
             ORDER BY {} LIMIT ?2",
            sort.order_by()
        );
        let limit = if limit == 0 { -1 } else { i64::try_from(limit).unwrap_or(i64::MAX) };
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        let mut entities: Vec<StoredEntity> = stmt
            .query_map(params![kind, limit], entity_of_row)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        for e in &mut entities {
            self.fill_names(e)?;
        }
        Ok(entities)
    }

    /// One resolved entity with its variants and titles; `None` when there is no such id.
    pub fn entity(&self, id: i64) -> Result<Option<StoredEntity>, StoreError> {
        let sql = format!("SELECT {ENTITY_COLUMNS} FROM resolved_entities e WHERE e.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql_err(e))?;
        let mut found: Vec<StoredEntity> = stmt
            .query_map([id], entity_of_row)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        let Some(mut entity) = found.pop() else { return Ok(None) };
        self.fill_names(&mut entity)?;
        Ok(Some(entity))
    }

    /// The stories an entity appears in, where it is most mentioned first (ties: oldest story
    /// id first).
    pub fn entity_stories(&self, id: i64) -> Result<Vec<EntityInStory>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.story, st.title, count(*) AS n, count(DISTINCT m.article)
                 FROM entity_mentions m
                 JOIN story_articles s ON s.article = m.article
                 JOIN stories st ON st.id = s.story
                 WHERE m.entity = ?1
                 GROUP BY s.story ORDER BY n DESC, s.story",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([id], |r| {
            Ok(EntityInStory {
                story: r.get(0)?,
                title: r.get(1)?,
                mentions: r.get::<_, i64>(2)? as u64,
                articles: r.get::<_, i64>(3)? as u64,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// The entities mentioned in a story's articles, most mentioned there first (ties by
    /// name, then id).
    pub fn entities_of_story(&self, story: i64) -> Result<Vec<StoryEntity>, StoreError> {
        let sql = format!(
            "SELECT {ENTITY_COLUMNS}, count(*) AS n
             FROM story_articles s
             JOIN entity_mentions m ON m.article = s.article
             JOIN resolved_entities e ON e.id = m.entity
             WHERE s.story = ?1
             GROUP BY e.id ORDER BY n DESC, e.canonical, e.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql_err(e))?;
        let mut out: Vec<StoryEntity> = stmt
            .query_map([story], |r| {
                Ok(StoryEntity { entity: entity_of_row(r)?, mentions_in_story: r.get::<_, i64>(12)? as u64 })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        for e in &mut out {
            self.fill_names(&mut e.entity)?;
        }
        Ok(out)
    }

    /// Every resolved entity, variant, title and mention link as a JSON array, in order: for
    /// comparing two stores.
    pub fn resolution_rows(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT json_array('entity', id, kind, canonical, mentions, articles, geonameid, place_name,
                        place_country, place_lat, place_lon, place_precision, place_confidence)
                 FROM resolved_entities
                 UNION ALL SELECT json_array('variant', entity, text, count) FROM entity_variants
                 UNION ALL SELECT json_array('title', entity, title, count) FROM entity_titles
                 UNION ALL SELECT json_array('mention', a.id, m.n, m.entity)
                   FROM entity_mentions m JOIN articles a ON a.seq = m.article
                 ORDER BY 1",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| self.sql_err(e))
    }

    fn fill_names(&self, e: &mut StoredEntity) -> Result<(), StoreError> {
        e.variants = self.counted("SELECT text, count FROM entity_variants WHERE entity = ?1", e.id)?;
        e.titles = self.counted("SELECT title, count FROM entity_titles WHERE entity = ?1", e.id)?;
        Ok(())
    }

    fn counted(&self, sql: &str, id: i64) -> Result<BTreeMap<String, u64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.sql_err(e))?;
        stmt.query_map([id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))
    }
}

#[cfg(test)]
mod tests;
