//! Stories: the cluster stage's groups of articles.

use crate::{Store, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use storyline_doc::{Article, PartialDateTime};

/// One story as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryRow {
    pub id: i64,
    pub size: u64,
    /// The title of its first article.
    pub title: Option<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

/// An article's membership in a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryMember {
    pub article: String,
    /// Where it is now.
    pub story: i64,
    /// The story it joined or opened when it was fed, before later merges and splits.
    pub arrived_in: i64,
    /// The similarity with which it joined (0 for the article that opened the story).
    pub score: f64,
}

/// An article that copies another, exactly or nearly (the dedup stage's verdict).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyOf {
    pub article: String,
    /// The group's canonical copy.
    pub canonical: String,
    /// `exact` or `near`.
    pub kind: String,
    pub similarity: f64,
}

/// What the story pass saves beside the stories: the state of its stream after the
/// article numbered `fed_through` (`seq`), in the pass's own encoding, and the fingerprint
/// under which it may be trusted.
#[derive(Debug, Clone, PartialEq)]
pub struct PassState {
    pub fed_through: i64,
    pub fingerprint: String,
    pub state: Vec<u8>,
}

/// Sets the saved state of `pass` (none when `state` is `None`), inside the transaction that
/// writes what the pass produced with it.
pub(crate) fn put_pass_state(
    tx: &rusqlite::Transaction,
    pass: &str,
    state: Option<&PassState>,
) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM pass_state WHERE pass = ?1", [pass])?;
    if let Some(s) = state {
        tx.execute(
            "INSERT INTO pass_state (pass, fed_through, fingerprint, state) VALUES (?1, ?2, ?3, ?4)",
            params![pass, s.fed_through, s.fingerprint, s.state],
        )?;
    }
    Ok(())
}

/// What the dating pass reads of an article, from columns rather than its JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedRow {
    pub id: String,
    /// Its publication date, and whether that was inferred from its story.
    pub published: Option<(PartialDateTime, bool)>,
    pub language: Option<String>,
    pub text: String,
}

impl Store {
    /// Every article's [`DatedRow`], in arrival order.
    pub fn for_each_dated_row(&self, mut each: impl FnMut(DatedRow)) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, published, published_inferred, language, text FROM articles ORDER BY seq")
            .map_err(|e| self.sql_err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.sql_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let id: String = row.get(0).map_err(|e| self.sql_err(e))?;
            let published: Option<String> = row.get(1).map_err(|e| self.sql_err(e))?;
            let published = match published {
                None => None,
                Some(date) => {
                    let date = PartialDateTime::parse_iso(&date).map_err(|e| StoreError::InvalidArticle {
                        dir: self.dir.clone(),
                        id: id.clone(),
                        reason: format!("stored publication date: {e}"),
                    })?;
                    let inferred: Option<bool> = row.get(2).map_err(|e| self.sql_err(e))?;
                    Some((date, inferred.unwrap_or(false)))
                }
            };
            let language = row.get(3).map_err(|e| self.sql_err(e))?;
            let text = row.get(4).map_err(|e| self.sql_err(e))?;
            each(DatedRow { id, published, language, text });
        }
        Ok(())
    }

    /// Calls `each` with every article stored after number `seq`, with its number, in the
    /// order they were stored (arrival order), without holding them all in memory.
    pub fn for_each_article_after(
        &self,
        seq: i64,
        mut each: impl FnMut(i64, Article),
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, id, json FROM articles WHERE seq > ?1 ORDER BY seq")
            .map_err(|e| self.sql_err(e))?;
        let mut rows = stmt.query([seq]).map_err(|e| self.sql_err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.sql_err(e))? {
            let json: String = row.get(2).map_err(|e| self.sql_err(e))?;
            let article = serde_json::from_str(&json).map_err(|source| StoreError::Corrupt {
                dir: self.dir.clone(),
                id: row.get(1).unwrap_or_default(),
                source,
            })?;
            each(row.get(0).map_err(|e| self.sql_err(e))?, article);
        }
        Ok(())
    }

    /// A digest of what the story pass reads from the articles numbered up to `seq`: how
    /// many there are, and their entity mentions (spans and labels), which a new analysis
    /// may change. Text, title, language and stated dates never change once stored (a date
    /// the dating pass infers is not read by the story pass).
    pub fn articles_digest(&self, seq: i64) -> Result<String, StoreError> {
        let articles: (i64, i64) = self
            .conn
            .query_row("SELECT count(*), coalesce(max(seq), 0) FROM articles WHERE seq <= ?1", [seq], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .map_err(|e| self.sql_err(e))?;
        // Each row's terms are reduced modulo a prime so that the sum cannot overflow.
        let mentions: (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(sum(
                     (((article * 31 + n) * 1000003 + span_start * 7919 + span_end) * 131 + unicode(label)
                      + length(label)) % 1000000007), 0)
                 FROM entities WHERE article <= ?1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql_err(e))?;
        Ok(format!("{}/{} {}/{}", articles.0, articles.1, mentions.0, mentions.1))
    }

    /// The saved state of a pass (`stories`, `entities`), if any.
    pub fn pass_state(&self, pass: &str) -> Result<Option<PassState>, StoreError> {
        self.conn
            .query_row(
                "SELECT fed_through, fingerprint, state FROM pass_state WHERE pass = ?1",
                [pass],
                |r| Ok(PassState { fed_through: r.get(0)?, fingerprint: r.get(1)?, state: r.get(2)? }),
            )
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// A digest of the stories the articles numbered up to `seq` arrived in: what the resolve
    /// pass reads as their context.
    pub fn arrivals_digest(&self, seq: i64) -> Result<String, StoreError> {
        let (n, sum): (i64, i64) = self
            .conn
            .query_row(
                "SELECT count(*), coalesce(sum((article * 1000003 + coalesce(arrived_in, story) * 7919) % 1000000007), 0)
                 FROM story_articles WHERE article <= ?1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.sql_err(e))?;
        Ok(format!("{n}/{sum}"))
    }

    /// The number of the last article stored (0 when there is none).
    pub fn last_article_seq(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT coalesce(max(seq), 0) FROM articles", [], |r| r.get(0))
            .map_err(|e| self.sql_err(e))
    }

    /// Replaces every story, membership and copy, and the story pass's saved state (none
    /// when `state` is `None`), in one transaction.
    pub fn replace_stories(
        &mut self,
        stories: &[StoryRow],
        members: &[StoryMember],
        copies: &[CopyOf],
        state: Option<&PassState>,
    ) -> Result<(), StoreError> {
        let dir = self.dir.clone();
        let sql_err = |source| StoreError::Sql { dir: dir.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        tx.execute_batch("DELETE FROM copies; DELETE FROM story_articles; DELETE FROM stories;")
            .map_err(sql_err)?;
        put_pass_state(&tx, "stories", state).map_err(sql_err)?;
        {
            let mut story = tx
                .prepare(
                    "INSERT INTO stories (id, size, title, first_published, last_published, last_utc)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sql_err)?;
            for s in stories {
                let last_utc = s.last_published.as_deref().and_then(|d| PartialDateTime::parse_iso(d).ok());
                let last_utc = last_utc.map(|d| d.utc_minutes());
                story
                    .execute(params![
                        s.id,
                        s.size as i64,
                        s.title,
                        s.first_published,
                        s.last_published,
                        last_utc
                    ])
                    .map_err(sql_err)?;
            }
            let mut member = tx
                .prepare(
                    "INSERT INTO story_articles (article, story, score, arrived_in)
                     SELECT seq, ?2, ?3, ?4 FROM articles WHERE id = ?1",
                )
                .map_err(sql_err)?;
            for m in members {
                member.execute(params![m.article, m.story, m.score, m.arrived_in]).map_err(sql_err)?;
            }
            let mut copy = tx
                .prepare(
                    "INSERT INTO copies (article, canonical, kind, similarity)
                     SELECT a.seq, c.seq, ?3, ?4 FROM articles a, articles c WHERE a.id = ?1 AND c.id = ?2",
                )
                .map_err(sql_err)?;
            for c in copies {
                copy.execute(params![c.article, c.canonical, c.kind, c.similarity]).map_err(sql_err)?;
            }
        }
        tx.commit().map_err(sql_err)
    }

    /// Every article that copies another, in arrival order.
    pub fn copies(&self) -> Result<Vec<CopyOf>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, c.id, k.kind, k.similarity FROM copies k
                 JOIN articles a ON a.seq = k.article JOIN articles c ON c.seq = k.canonical
                 ORDER BY a.seq",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| {
            Ok(CopyOf { article: r.get(0)?, canonical: r.get(1)?, kind: r.get(2)?, similarity: r.get(3)? })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// Every article's story, in arrival order.
    pub fn story_members(&self) -> Result<Vec<StoryMember>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, m.story, m.score, coalesce(m.arrived_in, m.story)
                 FROM story_articles m JOIN articles a ON a.seq = m.article
                 ORDER BY a.seq",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| {
            Ok(StoryMember { article: r.get(0)?, story: r.get(1)?, score: r.get(2)?, arrived_in: r.get(3)? })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// Stories, biggest first (ties: newest first) or newest first (by latest article).
    pub fn list_stories(&self, biggest_first: bool, limit: u64) -> Result<Vec<StoryRow>, StoreError> {
        let order = if biggest_first {
            "size DESC, last_utc IS NULL, last_utc DESC, id DESC"
        } else {
            "last_utc IS NULL, last_utc DESC, id DESC"
        };
        let sql = format!(
            "SELECT id, size, title, first_published, last_published FROM stories ORDER BY {order} LIMIT ?1"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.sql_err(e))?;
        stmt.query_map([limit as i64], |r| {
            Ok(StoryRow {
                id: r.get(0)?,
                size: r.get::<_, i64>(1)? as u64,
                title: r.get(2)?,
                first_published: r.get(3)?,
                last_published: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use crate::{CopyOf, PassState, StoryMember, StoryRow};
    use storyline_doc::{Annotation, Article, Metadata, Provenance, Span};

    #[test]
    fn stories_are_replaced_whole_and_read_in_arrival_order() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        let articles: Vec<Article> = ["Un.", "Deux.", "Trois."]
            .iter()
            .map(|t| {
                Article::from_paragraphs(Provenance::new("x", None, t.as_bytes()), Metadata::default(), [t])
            })
            .collect();
        store.insert_articles(&articles).unwrap();
        let row = |id, size| StoryRow { id, size, title: None, first_published: None, last_published: None };
        let member =
            |a: &Article, story| StoryMember { article: a.id.clone(), story, score: 0.5, arrived_in: story };
        let saved = PassState { fed_through: 3, fingerprint: "f".into(), state: vec![1, 2, 3] };
        let all_in_one: Vec<StoryMember> = articles.iter().map(|a| member(a, 1)).collect();
        store.replace_stories(&[row(1, 3)], &all_in_one, &[], Some(&saved)).unwrap();
        assert_eq!(store.pass_state("stories").unwrap(), Some(saved));
        let members = vec![member(&articles[0], 1), member(&articles[1], 2), member(&articles[2], 1)];
        let copy = CopyOf {
            article: articles[1].id.clone(),
            canonical: articles[0].id.clone(),
            kind: "near".into(),
            similarity: 0.9,
        };
        store.replace_stories(&[row(1, 2), row(2, 1)], &members, std::slice::from_ref(&copy), None).unwrap();
        assert_eq!(
            store.pass_state("stories").unwrap(),
            None,
            "stories replaced without a state drop the old one"
        );
        assert_eq!(store.copies().unwrap(), [copy]);
        assert_eq!(store.story_members().unwrap(), members);
        assert_eq!(store.list_stories(true, 10).unwrap(), [row(1, 2), row(2, 1)]);
        let mut seen = Vec::new();
        store.for_each_article_after(0, |_, a| seen.push(a.text)).unwrap();
        assert_eq!(seen, ["Un.", "Deux.", "Trois."]);
        let mut after = Vec::new();
        store.for_each_article_after(1, |seq, a| after.push((seq, a.text))).unwrap();
        assert_eq!(after, [(2, "Deux.".to_string()), (3, "Trois.".to_string())]);
    }

    #[test]
    fn the_articles_digest_changes_with_the_mentions_read_and_not_with_later_articles() {
        let tmp = tempfile::tempdir().unwrap();
        let mut store = Store::open(tmp.path()).unwrap();
        let text = "Ilan Dovrat est arrivé à Trelleborg.";
        let mut a = Article::from_paragraphs(
            Provenance::new("x", None, text.as_bytes()),
            Metadata::default(),
            [text],
        );
        let mention = |start: usize, end: usize, label: &str| Annotation {
            span: Span::new(start, end),
            label: label.into(),
            value: serde_json::Value::Null,
        };
        a.layers.insert("entities".into(), vec![mention(0, 11, "PER")]);
        store.insert_article(&a).unwrap();
        let before = store.articles_digest(1).unwrap();
        assert_eq!(store.articles_digest(1).unwrap(), before);

        let later = Article::from_paragraphs(
            Provenance::new("y", None, b"Plus tard."),
            Metadata::default(),
            ["Plus tard."],
        );
        store.insert_article(&later).unwrap();
        assert_eq!(store.articles_digest(1).unwrap(), before, "article 2 is not read up to 1");
        assert_ne!(store.articles_digest(2).unwrap(), before);

        for changed in [
            vec![mention(0, 11, "ORG")],
            vec![mention(0, 4, "PER")],
            vec![mention(0, 11, "PER"), mention(text.find("Trelleborg").unwrap(), text.len() - 1, "LOC")],
            vec![],
        ] {
            let mut b = a.clone();
            b.layers.insert("entities".into(), changed.clone());
            store.update_articles(std::slice::from_ref(&b)).unwrap();
            assert_ne!(store.articles_digest(1).unwrap(), before, "{changed:?}");
        }
        store.update_articles(std::slice::from_ref(&a)).unwrap();
        assert_eq!(store.articles_digest(1).unwrap(), before, "the same mentions again");
    }
}
