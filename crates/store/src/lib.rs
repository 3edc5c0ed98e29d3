//! The embedded store: articles and later stages' results in one data folder (SQLite).
//!
//! The folder holds one SQLite database, `storyline.db`, in WAL mode with
//! `synchronous=FULL`. Every write is one transaction; once [`Store::commit_batch`] (or any
//! insert) returns `Ok`, what it wrote survives a killed process and a power cut, so a caller
//! may count it as acknowledged.
//!
//! The schema is versioned (`PRAGMA user_version`) and grows by appending migrations to
//! [`schema::MIGRATIONS`]; opening a folder brings it up to date in one transaction.

mod resolved;
pub mod schema;
mod stories;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Duration;
use storyline_doc::article::ID_LEN;
use storyline_doc::{Article, MetaSource, Position};

pub use resolved::{ArticleLinks, EntityInStory, EntityPlace, EntitySort, StoredEntity, StoryEntity};
pub use schema::{LATEST as SCHEMA_VERSION, Migration};
pub use stories::{CopyOf, DatedRow, PassState, StoryMember, StoryRow};

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "storyline.db";

/// How long a writer waits for another process holding the database (a concurrent ingest)
/// before giving up with "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Everything that can go wrong with the store. Each message names the data folder, since
/// that is what a user can go and look at.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the data folder {}: {source}", dir.display())]
    CreateDir { dir: PathBuf, source: std::io::Error },

    #[error("no store in {} yet (`storyline ingest` creates one)", dir.display())]
    Missing { dir: PathBuf },

    #[error("cannot open the store in {}: {source}", dir.display())]
    Open { dir: PathBuf, source: rusqlite::Error },

    #[error(
        "the store in {} has schema version {found}, newer than this build knows ({known}); \
         use a newer storyline",
        dir.display()
    )]
    TooNew { dir: PathBuf, found: u32, known: u32 },

    #[error("cannot migrate the store in {} to version {version} ({name}): {source}", dir.display())]
    Migration { dir: PathBuf, version: u32, name: &'static str, source: rusqlite::Error },

    #[error("store {}: {source}", dir.display())]
    Sql { dir: PathBuf, source: rusqlite::Error },

    #[error("no article {id:?} in {}", dir.display())]
    NotFound { dir: PathBuf, id: String },

    #[error(
        "article id {prefix:?} is ambiguous in {}: {}; give more digits",
        dir.display(),
        describe_candidates(.candidates, .more)
    )]
    Ambiguous { dir: PathBuf, prefix: String, candidates: Vec<String>, more: bool },

    #[error("{id:?} is not an article id (ids are hex digits, like 3f2a9c01b7d4e865)")]
    BadId { id: String },

    #[error("refusing to store article {id:?} in {}: {reason}", dir.display())]
    InvalidArticle { dir: PathBuf, id: String, reason: String },

    #[error("article {id} in {} is unreadable: {source}", dir.display())]
    Corrupt { dir: PathBuf, id: String, source: serde_json::Error },
}

/// Whether an insert stored a new article or found it already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    New,
    Existing,
}

/// The result of storing one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Inserted {
    pub id: String,
    pub outcome: Outcome,
}

/// A problem met while ingesting, kept so that a run's summary can be looked at later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IngestError {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    pub message: String,
}

impl IngestError {
    /// `file.jsonl:line 17`, or just the source.
    pub fn locator(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{p}", self.source),
            None => self.source.clone(),
        }
    }
}

/// One `storyline ingest` invocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RunId(pub i64);

/// What a run has acknowledged so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunSummary {
    pub run: i64,
    pub started_at: String,
    /// `None` while running, or when the run was interrupted.
    pub finished_at: Option<String>,
    pub inputs: Vec<String>,
    pub new: u64,
    pub existing: u64,
    pub errors: u64,
}

/// One line of a listing: what a table of articles shows, without the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub title: Option<String>,
    /// As stored: an ISO 8601 prefix holding only what the source gave (`2022-01`).
    pub published: Option<String>,
    pub published_precision: Option<String>,
    pub language: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
    pub source: String,
    pub position: Option<String>,
    pub ingested_at: String,
}

/// The store in one data folder.
pub struct Store {
    dir: PathBuf,
    conn: Connection,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the store in `dir`, creating the folder and the database if needed, and brings
    /// the schema up to date.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateDir { dir: dir.clone(), source })?;
        Self::open_with(dir, schema::MIGRATIONS)
    }

    /// Opens the store in `dir` only if one is there: for commands that read, which should
    /// not leave an empty data folder behind when given a wrong `--data`.
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::Missing { dir });
        }
        Self::open_with(dir, schema::MIGRATIONS)
    }

    /// Opens the store in `dir` at an old schema version, creating it if needed: for tests
    /// (here and end to end) that check how older data folders are brought up to date. The
    /// writes this build does may need tables a version lacks.
    #[doc(hidden)]
    pub fn open_at_version(dir: impl AsRef<Path>, version: u32) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|source| StoreError::CreateDir { dir: dir.clone(), source })?;
        let n = (version as usize).min(schema::MIGRATIONS.len());
        Self::open_with(dir, &schema::MIGRATIONS[..n])
    }

    /// Opens with a given migration list; tests use a prefix of it to build old databases.
    fn open_with(dir: PathBuf, migrations: &[Migration]) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let open_err = |source| StoreError::Open { dir: dir.clone(), source };
        let conn = Connection::open_with_flags(&path, flags).map_err(open_err)?;
        // The busy timeout first: switching to WAL and migrating both need locks that a
        // concurrent process may hold.
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // SQLite does not call the busy handler when a journal-mode change finds the file
        // locked (a concurrent opener creating or migrating it), so that one is retried here.
        let started = std::time::Instant::now();
        let mode: String = loop {
            match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::DatabaseBusy && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                other => break other.map_err(open_err)?,
            }
        };
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(open_err(rusqlite::Error::InvalidParameterName(format!(
                "journal_mode is {mode}, WAL is required"
            ))));
        }
        // FULL, not NORMAL: in WAL mode NORMAL already survives a killed process (the WAL
        // is in the OS cache), but a power cut or kernel crash may then roll back the last
        // commits. FULL fsyncs the WAL at every commit, so "committed" means "on disk" and a
        // count shown to the user after a commit is never taken back. Ingest commits per
        // batch, so the cost is one fsync per batch, not per article.
        conn.pragma_update(None, "synchronous", "FULL").map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(open_err)?;
        let mut store = Store { dir, conn };
        store.migrate(migrations)?;
        Ok(store)
    }

    /// Applies the migrations the database has not seen yet, all in one transaction.
    fn migrate(&mut self, migrations: &[Migration]) -> Result<(), StoreError> {
        let known = migrations.len() as u32;
        let current = self.schema_version()?;
        if current == known {
            return Ok(());
        }
        if current > known {
            return Err(StoreError::TooNew { dir: self.dir.clone(), found: current, known });
        }
        let dir = self.dir.clone();
        let sql_err = |source| StoreError::Sql { dir: dir.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let current: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql_err)?;
        if current > known {
            return Err(StoreError::TooNew { dir: dir.clone(), found: current, known });
        }
        for (i, m) in migrations.iter().enumerate().skip(current as usize) {
            let version = i as u32 + 1;
            tx.execute_batch(m.sql).map_err(|source| StoreError::Migration {
                dir: dir.clone(),
                version,
                name: m.name,
                source,
            })?;
        }
        tx.pragma_update(None, "user_version", known).map_err(sql_err)?;
        tx.commit().map_err(sql_err)
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.sql_err(e))
    }

    fn sql_err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql { dir: self.dir.clone(), source }
    }

    /// Stores one article; storing the same content again is a no-op that says `Existing`.
    pub fn insert_article(&mut self, article: &Article) -> Result<Inserted, StoreError> {
        let mut done = self.commit_batch(None, std::slice::from_ref(article), &[])?;
        done.pop().ok_or_else(|| self.sql_err(rusqlite::Error::QueryReturnedNoRows))
    }

    /// Stores articles in one transaction: all or none. One result per article, in order.
    pub fn insert_articles(&mut self, articles: &[Article]) -> Result<Vec<Inserted>, StoreError> {
        self.commit_batch(None, articles, &[])
    }

    /// Starts recording an ingest run.
    pub fn begin_run(&mut self, inputs: &[String]) -> Result<RunId, StoreError> {
        let inputs = serde_json::to_string(inputs).unwrap_or_else(|_| "[]".into());
        self.conn
            .execute("INSERT INTO ingest_runs (inputs) VALUES (?1)", [inputs])
            .map_err(|e| self.sql_err(e))?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    /// Marks a run finished. A run without this mark was interrupted.
    pub fn finish_run(&mut self, run: RunId) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE ingest_runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE run = ?1",
                [run.0],
            )
            .map_err(|e| self.sql_err(e))?;
        Ok(())
    }

    /// Stores a batch of articles and the errors met while producing them, and adds both to
    /// the run's counters, in one transaction: either all of it is durable when this returns
    /// `Ok`, or none of it was written.
    pub fn commit_batch(
        &mut self,
        run: Option<RunId>,
        articles: &[Article],
        errors: &[IngestError],
    ) -> Result<Vec<Inserted>, StoreError> {
        let dir = self.dir.clone();
        let sql_err = |source| StoreError::Sql { dir: dir.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        let mut done = Vec::with_capacity(articles.len());
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT INTO articles (id, content_hash, source, position, fetched_at, title,
                        published, published_precision, language, site, url, canonical_url, text, json,
                        published_utc, published_inferred)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                     ON CONFLICT (content_hash) DO NOTHING",
                )
                .map_err(sql_err)?;
            let mut existing_id =
                tx.prepare_cached("SELECT id FROM articles WHERE content_hash = ?1").map_err(sql_err)?;
            for a in articles {
                check_article(&dir, a)?;
                let entities = entity_rows(&dir, a)?;
                let json = stored_json(&dir, a)?;
                let m = &a.meta;
                let p = &a.provenance;
                // Only a content_hash conflict is absorbed; an id equal to another article's
                // with a different hash (a 64-bit prefix collision) is an error, not a silent
                // merge of two different documents.
                let changed = insert
                    .execute(params![
                        a.id,
                        p.content_hash,
                        p.source,
                        p.position.map(|p| p.to_string()),
                        p.fetched_at,
                        m.title,
                        m.published.as_ref().map(|d| d.date.to_string()),
                        m.published.as_ref().map(|d| precision_name(d.precision)),
                        m.language.as_ref().map(|l| l.code.as_str()),
                        m.site,
                        m.url,
                        m.canonical_url,
                        a.text,
                        json,
                        m.published.as_ref().map(|d| d.date.utc_minutes()),
                        m.published.as_ref().map(|d| d.source == MetaSource::Inferred),
                    ])
                    .map_err(|source| match source {
                        rusqlite::Error::SqliteFailure(f, _)
                            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                        {
                            StoreError::InvalidArticle {
                                dir: dir.clone(),
                                id: a.id.clone(),
                                reason: format!(
                                    "another article already has this id but a different content hash ({})",
                                    p.content_hash
                                ),
                            }
                        }
                        source => StoreError::Sql { dir: dir.clone(), source },
                    })?;
                if changed == 1 {
                    insert_entities(&tx, tx.last_insert_rowid(), &entities).map_err(sql_err)?;
                    done.push(Inserted { id: a.id.clone(), outcome: Outcome::New });
                } else {
                    let id: String =
                        existing_id.query_row([&p.content_hash], |r| r.get(0)).map_err(sql_err)?;
                    done.push(Inserted { id, outcome: Outcome::Existing });
                }
            }
            let mut log = tx
                .prepare_cached(
                    "INSERT INTO ingest_errors (run, source, position, message) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sql_err)?;
            for e in errors {
                log.execute(params![
                    run.map(|r| r.0),
                    e.source,
                    e.position.map(|p| p.to_string()),
                    e.message
                ])
                .map_err(sql_err)?;
            }
            if let Some(run) = run {
                let new = done.iter().filter(|d| d.outcome == Outcome::New).count() as i64;
                let existing = done.len() as i64 - new;
                tx.execute(
                    "UPDATE ingest_runs SET new = new + ?2, existing = existing + ?3, errors = errors + ?4
                     WHERE run = ?1",
                    params![run.0, new, existing, errors.len() as i64],
                )
                .map_err(sql_err)?;
            }
        }
        tx.commit().map_err(sql_err)?;
        Ok(done)
    }

    /// The article whose id is `id`, or the only one whose id starts with `id`. A prefix longer
    /// than an id is matched against the full content hash.
    ///
    /// Layers named in [`UNSTORED_LAYERS`] are not part of what comes back.
    pub fn get_article(&self, id: &str) -> Result<Article, StoreError> {
        let found = self.find(id)?;
        serde_json::from_str(&found.json).map_err(|source| StoreError::Corrupt {
            dir: self.dir.clone(),
            id: found.id.clone(),
            source,
        })
    }

    /// Resolves an id or unique prefix, as [`Store::get_article`] does.
    fn find(&self, id: &str) -> Result<Found, StoreError> {
        let prefix = id.trim().to_ascii_lowercase();
        if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) || prefix.len() > 64 {
            return Err(StoreError::BadId { id: id.to_string() });
        }
        let column = if prefix.len() > ID_LEN { "content_hash" } else { "id" };
        // The prefix is hex only (checked above), so it holds no GLOB metacharacters, and GLOB
        // on a case-sensitive column can use the unique index.
        let sql =
            format!("SELECT seq, id, json FROM articles WHERE {column} GLOB ?1 || '*' ORDER BY id LIMIT 6");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.sql_err(e))?;
        let mut rows: Vec<Found> = stmt
            .query_map([&prefix], |r| Ok(Found { seq: r.get(0)?, id: r.get(1)?, json: r.get(2)? }))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        match rows.len() {
            0 => Err(StoreError::NotFound { dir: self.dir.clone(), id: id.to_string() }),
            1 => Ok(rows.remove(0)),
            n => Err(StoreError::Ambiguous {
                dir: self.dir.clone(),
                prefix: id.to_string(),
                more: n > 5,
                candidates: rows.into_iter().take(5).map(|f| f.id).collect(),
            }),
        }
    }

    /// Stores new layers and metadata (an inferred date, say) of articles already in the
    /// store, replacing what they had, with their `entities` rows, in one transaction: all or
    /// none. An article's mention rows are rewritten only when its mentions changed, which
    /// drops their links to resolved entities and the resolve pass's saved state. The text
    /// cannot change (spans point into it): an article whose text differs from the stored
    /// one, or that is not stored, fails the whole batch.
    pub fn update_articles(&mut self, articles: &[Article]) -> Result<(), StoreError> {
        let dir = self.dir.clone();
        let sql_err = |source| StoreError::Sql { dir: dir.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql_err)?;
        {
            let mut update = tx
                .prepare_cached(
                    "UPDATE articles SET json = ?3, published = ?5, published_precision = ?6, published_utc = ?7,
                        published_inferred = ?8
                     WHERE content_hash = ?1 AND id = ?2 AND text = ?4
                     RETURNING seq",
                )
                .map_err(sql_err)?;
            let mut clear = tx.prepare_cached("DELETE FROM entities WHERE article = ?1").map_err(sql_err)?;
            let mut stored_rows = tx
                .prepare_cached(
                    "SELECT span_start, span_end, label, text, sentence FROM entities WHERE article = ?1 ORDER BY n",
                )
                .map_err(sql_err)?;
            let mut mentions_changed = false;
            for a in articles {
                check_article(&dir, a)?;
                let entities = entity_rows(&dir, a)?;
                let json = stored_json(&dir, a)?;
                let seq: Option<i64> = update
                    .query_row(
                        params![
                            a.provenance.content_hash,
                            a.id,
                            json,
                            a.text,
                            a.meta.published.as_ref().map(|d| d.date.to_string()),
                            a.meta.published.as_ref().map(|d| precision_name(d.precision)),
                            a.meta.published.as_ref().map(|d| d.date.utc_minutes()),
                            a.meta.published.as_ref().map(|d| d.source == MetaSource::Inferred),
                        ],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sql_err)?;
                let Some(seq) = seq else {
                    return Err(StoreError::InvalidArticle {
                        dir: dir.clone(),
                        id: a.id.clone(),
                        reason: "no stored article has this id, content hash and text".into(),
                    });
                };
                // Mention rows that did not change stay, and so do their links to entities.
                let before: Vec<(i64, i64, String, String, Option<i64>)> = stored_rows
                    .query_map([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                    .and_then(|rows| rows.collect())
                    .map_err(sql_err)?;
                let same = before.len() == entities.len()
                    && before.iter().zip(&entities).all(|(b, e)| {
                        (b.0, b.1, b.2.as_str(), b.3.as_str(), b.4)
                            == (e.start as i64, e.end as i64, e.label, e.text, e.sentence.map(|s| s as i64))
                    });
                if !same {
                    clear.execute([seq]).map_err(sql_err)?;
                    insert_entities(&tx, seq, &entities).map_err(sql_err)?;
                    mentions_changed = true;
                }
            }
            if mentions_changed {
                // The links of the rewritten mentions are gone: the resolve pass's saved
                // state no longer describes the store.
                tx.execute("DELETE FROM pass_state WHERE pass = 'entities'", []).map_err(sql_err)?;
            }
        }
        tx.commit().map_err(sql_err)
    }

    /// Ids of stored articles in the order they were stored; with `unanalysed`, only those
    /// without a `sentences` layer (stored before the analyse stage existed).
    pub fn article_ids(&self, unanalysed: bool) -> Result<Vec<String>, StoreError> {
        let sql = if unanalysed {
            "SELECT id FROM articles WHERE json_type(json, '$.layers.sentences') IS NULL ORDER BY seq"
        } else {
            "SELECT id FROM articles ORDER BY seq"
        };
        let mut stmt = self.conn.prepare(sql).map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| self.sql_err(e))
    }

    /// The entity mentions of one article (id or unique prefix), in text order.
    pub fn article_entities(&self, id: &str) -> Result<(String, Vec<EntityMention>), StoreError> {
        let found = self.find(id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT span_start, span_end, label, text, sentence FROM entities WHERE article = ?1
                 ORDER BY n",
            )
            .map_err(|e| self.sql_err(e))?;
        let mentions = stmt
            .query_map([found.seq], |r| {
                Ok(EntityMention {
                    start: r.get::<_, i64>(0)? as usize,
                    end: r.get::<_, i64>(1)? as usize,
                    label: r.get(2)?,
                    text: r.get(3)?,
                    sentence: r.get::<_, Option<i64>>(4)?.map(|n| n as usize),
                })
            })
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))?;
        Ok((found.id, mentions))
    }

    /// Entity mentions across the store grouped by folded text and label, most mentioned
    /// first; `label` keeps one label, `limit` 0 means all.
    pub fn entity_counts(&self, label: Option<&str>, limit: u64) -> Result<Vec<EntityCount>, StoreError> {
        // The shown form is the most frequent surface form of the group (ties: the smallest),
        // so `MACRON` in a headline does not stand for a hundred `Macron`.
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.folded, e.label, count(*) AS mentions, count(DISTINCT e.article),
                        (SELECT f.text FROM entities f WHERE f.folded = e.folded AND f.label = e.label
                         GROUP BY f.text ORDER BY count(*) DESC, f.text LIMIT 1)
                 FROM entities e
                 WHERE ?1 IS NULL OR e.label = ?1
                 GROUP BY e.folded, e.label
                 ORDER BY mentions DESC, e.folded, e.label
                 LIMIT ?2",
            )
            .map_err(|e| self.sql_err(e))?;
        let limit = if limit == 0 { -1 } else { i64::try_from(limit).unwrap_or(i64::MAX) };
        stmt.query_map(params![label, limit], |r| {
            Ok(EntityCount {
                folded: r.get(0)?,
                label: r.get(1)?,
                mentions: r.get::<_, i64>(2)? as u64,
                articles: r.get::<_, i64>(3)? as u64,
                text: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// Every article numbered `after` + 1 to `through` that has entity mentions, with its
    /// text and its mentions, articles in the order they were stored and mentions in text
    /// order: what entity resolution replays (the text from its own column: no article JSON
    /// is parsed).
    pub fn mentions_by_article_between(
        &self,
        after: i64,
        through: i64,
    ) -> Result<Vec<ArticleMentions>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.id, e.label, e.text, e.span_start, e.span_end, e.n
                 FROM entities e JOIN articles a ON a.seq = e.article WHERE e.article > ?1 AND e.article <= ?2
                 ORDER BY a.seq, e.n",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut text_of = self
            .conn
            .prepare_cached(
                "SELECT a.text, coalesce(m.arrived_in, m.story) FROM articles a
                 LEFT JOIN story_articles m ON m.article = a.seq WHERE a.id = ?1",
            )
            .map_err(|e| self.sql_err(e))?;
        let mut out: Vec<ArticleMentions> = Vec::new();
        let rows = stmt
            .query_map([after, through], |r| {
                let mention = StoredMention {
                    label: r.get(1)?,
                    text: r.get(2)?,
                    start: r.get::<_, i64>(3)? as usize,
                    end: r.get::<_, i64>(4)? as usize,
                    n: r.get::<_, i64>(5)? as usize,
                };
                Ok((r.get::<_, String>(0)?, mention))
            })
            .map_err(|e| self.sql_err(e))?;
        for row in rows {
            let (id, mention) = row.map_err(|e| self.sql_err(e))?;
            match out.last_mut() {
                Some(last) if last.id == id => last.mentions.push(mention),
                _ => {
                    let (text, arrived_in) = text_of
                        .query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))
                        .map_err(|e| self.sql_err(e))?;
                    out.push(ArticleMentions { id, text, arrived_in, mentions: vec![mention] });
                }
            }
        }
        Ok(out)
    }

    /// Every entity row as a JSON array `[article id, n, start, end, label, text, folded,
    /// sentence]`, in order: for comparing two stores.
    pub fn entity_rows_by_id(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT json_array(a.id, e.n, e.span_start, e.span_end, e.label, e.text, e.folded, e.sentence)
                 FROM entities e JOIN articles a ON a.seq = e.article ORDER BY a.id, e.n",
            )
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| self.sql_err(e))
    }

    /// Articles newest first: by publication instant (undated last), then by when they were
    /// stored. A partial date counts from the start of its period, so `2022-01` sorts just
    /// before the days of January 2022; times with different offsets compare as instants.
    pub fn list_articles(&self, limit: u64, offset: u64) -> Result<Vec<ArticleRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, published, published_precision, language, site, url, source, position,
                        ingested_at
                 FROM articles
                 ORDER BY published_utc IS NULL, published_utc DESC, ingested_at DESC, seq DESC
                 LIMIT ?1 OFFSET ?2",
            )
            .map_err(|e| self.sql_err(e))?;
        let clamp = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        stmt.query_map([clamp(limit), clamp(offset)], |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                title: r.get(1)?,
                published: r.get(2)?,
                published_precision: r.get(3)?,
                language: r.get(4)?,
                site: r.get(5)?,
                url: r.get(6)?,
                source: r.get(7)?,
                position: r.get(8)?,
                ingested_at: r.get(9)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// Whether an article read from these bytes is stored: lets a caller skip work on what
    /// [`Store::commit_batch`] would only count as `Existing`.
    pub fn has_content_hash(&self, content_hash: &str) -> Result<bool, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")
            .map_err(|e| self.sql_err(e))?;
        stmt.exists([content_hash]).map_err(|e| self.sql_err(e))
    }

    pub fn count_articles(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .map_err(|e| self.sql_err(e))
    }

    /// Every stored id with its article JSON, in id order: for comparing two stores.
    pub fn article_json_by_id(&self) -> Result<Vec<(String, String)>, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT id, json FROM articles ORDER BY id").map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.sql_err(e))
    }

    /// A run's counters, as far as it got.
    pub fn run_summary(&self, run: RunId) -> Result<Option<RunSummary>, StoreError> {
        self.conn
            .query_row(
                "SELECT run, started_at, finished_at, inputs, new, existing, errors FROM ingest_runs WHERE run = ?1",
                [run.0],
                |r| {
                    let inputs: String = r.get(3)?;
                    Ok(RunSummary {
                        run: r.get(0)?,
                        started_at: r.get(1)?,
                        finished_at: r.get(2)?,
                        inputs: serde_json::from_str(&inputs).unwrap_or_default(),
                        new: r.get::<_, i64>(4)? as u64,
                        existing: r.get::<_, i64>(5)? as u64,
                        errors: r.get::<_, i64>(6)? as u64,
                    })
                },
            )
            .optional()
            .map_err(|e| self.sql_err(e))
    }

    /// The errors recorded for a run, in the order they were met.
    pub fn run_errors(&self, run: RunId) -> Result<Vec<IngestError>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT source, position, message FROM ingest_errors WHERE run = ?1 ORDER BY seq")
            .map_err(|e| self.sql_err(e))?;
        stmt.query_map([run.0], |r| {
            let position: Option<String> = r.get(1)?;
            Ok(IngestError {
                source: r.get(0)?,
                position: position.and_then(parse_position),
                message: r.get(2)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.sql_err(e))
    }

    /// SQLite's own consistency check; `["ok"]` when the database is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check").map_err(|e| self.sql_err(e))?;
        stmt.query_map([], |r| r.get(0)).and_then(|rows| rows.collect()).map_err(|e| self.sql_err(e))
    }
}

/// Layers that are not stored: the analyse stage recomputes them from the text when needed
/// (`storyline_analyse::pipeline::token_layer`). Tokens would be most of the store's size
/// for what a tokenizer rebuilds faster than SQLite reads it back.
pub const UNSTORED_LAYERS: &[&str] = &["tokens"];

/// An article row found by id or prefix.
struct Found {
    seq: i64,
    id: String,
    json: String,
}

/// One mention of an entity in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityMention {
    pub text: String,
    pub label: String,
    /// Byte offsets over the article's text, half-open.
    pub start: usize,
    pub end: usize,
    /// Index into the article's `sentences` layer; `None` when the article has none.
    pub sentence: Option<usize>,
}

/// An article's id, its text, the story it arrived in (see [`StoryMember::arrived_in`]; `None`
/// before any story pass), and its entity mentions in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMentions {
    pub id: String,
    pub text: String,
    pub arrived_in: Option<i64>,
    pub mentions: Vec<StoredMention>,
}

/// One stored entity mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMention {
    pub label: String,
    pub text: String,
    /// Byte offsets over the article's text, half-open.
    pub start: usize,
    pub end: usize,
    /// Its number within the article (text order): what [`Store::replace_entities`] links.
    pub n: usize,
}

/// The mentions of one entity (one folded text and label) across the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityCount {
    /// Its most frequent surface form.
    pub text: String,
    pub label: String,
    /// The text as mentions are grouped ([`fold`]).
    pub folded: String,
    pub mentions: u64,
    pub articles: u64,
}

/// How entity texts are compared: lower case, one space between words, typographic
/// apostrophes as `'`. Deliberately shallow (no accent stripping, no aliasing): deciding that
/// two names are the same entity is the resolve stage's job.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{02BC}' | '\u{2018}' => out.push('\''),
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// An `entities` row before it has its article's `seq`.
struct EntityRow<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    folded: String,
    sentence: Option<usize>,
}

/// The rows of an article's `entities` layer, each placed in the sentence that contains its
/// start. Refuses spans that do not fall on the text's character boundaries.
fn entity_rows<'a>(dir: &Path, a: &'a Article) -> Result<Vec<EntityRow<'a>>, StoreError> {
    let Some(layer) = a.layers.get("entities") else { return Ok(Vec::new()) };
    let sentences = a.layers.get("sentences").map(Vec::as_slice).unwrap_or_default();
    layer
        .iter()
        .map(|e| {
            let Some(text) = a.text.get(e.span.range()) else {
                return Err(StoreError::InvalidArticle {
                    dir: dir.to_path_buf(),
                    id: a.id.clone(),
                    reason: format!("entity span {}..{} is not over the text", e.span.start, e.span.end),
                });
            };
            // Sentences are in text order; the last one starting at or before the entity.
            let sentence = sentences
                .partition_point(|s| s.span.start <= e.span.start)
                .checked_sub(1)
                .filter(|&i| e.span.start < sentences[i].span.end);
            Ok(EntityRow {
                start: e.span.start,
                end: e.span.end,
                label: &e.label,
                text,
                folded: fold(text),
                sentence,
            })
        })
        .collect()
}

fn insert_entities(tx: &rusqlite::Transaction, seq: i64, rows: &[EntityRow]) -> rusqlite::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO entities (article, n, span_start, span_end, label, text, folded, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (n, e) in rows.iter().enumerate() {
        insert.execute(params![
            seq,
            n as i64,
            e.start as i64,
            e.end as i64,
            e.label,
            e.text,
            e.folded,
            e.sentence.map(|s| s as i64)
        ])?;
    }
    Ok(())
}

/// The article's JSON as stored: without the [`UNSTORED_LAYERS`].
fn stored_json(dir: &Path, a: &Article) -> Result<String, StoreError> {
    let encoded = if UNSTORED_LAYERS.iter().any(|l| a.layers.contains_key(*l)) {
        // A struct literal rather than `..a.clone()`, so that a new field of `Article` has to
        // be thought about here; only the text and metadata are copied, not the dropped layers.
        let kept = Article {
            id: a.id.clone(),
            provenance: a.provenance.clone(),
            meta: a.meta.clone(),
            text: a.text.clone(),
            paragraphs: a.paragraphs.clone(),
            layers: a
                .layers
                .iter()
                .filter(|(name, _)| !UNSTORED_LAYERS.contains(&name.as_str()))
                .map(|(name, layer)| (name.clone(), layer.clone()))
                .collect(),
        };
        serde_json::to_string(&kept)
    } else {
        serde_json::to_string(a)
    };
    encoded.map_err(|e| StoreError::InvalidArticle {
        dir: dir.to_path_buf(),
        id: a.id.clone(),
        reason: format!("cannot encode as JSON: {e}"),
    })
}

/// What the store relies on and cannot check later: the id is the hash prefix.
fn check_article(dir: &Path, a: &Article) -> Result<(), StoreError> {
    let hash = &a.provenance.content_hash;
    let reason = if hash.len() < ID_LEN || !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Some(format!("content hash {hash:?} is not lower-case hex"))
    } else if a.id.len() != ID_LEN || !hash.starts_with(&a.id) {
        Some(format!("id is not the first {ID_LEN} hex digits of the content hash {hash}"))
    } else {
        None
    };
    match reason {
        Some(reason) => Err(StoreError::InvalidArticle { dir: dir.to_path_buf(), id: a.id.clone(), reason }),
        None => Ok(()),
    }
}

fn describe_candidates(candidates: &[String], more: &bool) -> String {
    let list = candidates.join(", ");
    if *more {
        format!("more than {} ids start with it ({list}, ...)", candidates.len())
    } else {
        format!("{} ids start with it ({list})", candidates.len())
    }
}

fn precision_name(p: storyline_doc::Precision) -> &'static str {
    use storyline_doc::Precision::*;
    match p {
        Year => "year",
        Month => "month",
        Day => "day",
        Minute => "minute",
    }
}

/// Reads back what `Position`'s `Display` wrote (`line 17`).
fn parse_position(s: String) -> Option<Position> {
    let (kind, n) = s.split_once(' ')?;
    let n = n.parse().ok()?;
    match kind {
        "line" => Some(Position::Line(n)),
        "byte" => Some(Position::Byte(n)),
        "item" => Some(Position::Item(n)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
