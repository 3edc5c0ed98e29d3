//! The schema, as an ordered list of migrations. `PRAGMA user_version` holds how many have
//! been applied. Append new migrations at the end; never edit one that has shipped, because
//! data folders out there already ran it.

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// Short name, for error messages.
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first. Version N means the first N have been applied.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "articles",
        // `seq` is an explicit INTEGER PRIMARY KEY rather than making `id` the primary key:
        // an implicit rowid may be renumbered by VACUUM, and an FTS5 external-content index
        // (and later tables of layers, story membership...) needs a rowid that never moves.
        // `id` stays the public key through its UNIQUE index.
        //
        // The metadata columns duplicate parts of `json` so that listing, sorting and
        // filtering never parse JSON; `json` is the truth that `get_article` returns.
        // `text` is duplicated for the same reason and to be the FTS content column.
        sql: "
            CREATE TABLE articles (
                seq                 INTEGER PRIMARY KEY,
                id                  TEXT NOT NULL UNIQUE,
                content_hash        TEXT NOT NULL UNIQUE,
                source              TEXT NOT NULL,
                position            TEXT,
                fetched_at          TEXT,
                title               TEXT,
                published           TEXT,
                published_precision TEXT,
                language            TEXT,
                site                TEXT,
                url                 TEXT,
                canonical_url       TEXT,
                text                TEXT NOT NULL,
                json                TEXT NOT NULL,
                ingested_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) STRICT;
        ",
    },
    Migration {
        name: "ingest runs and errors, newest-first index",
        // A run's counters are updated in the same transaction as each batch, so an
        // interrupted run still says exactly what it acknowledged; `finished_at` stays NULL.
        sql: "
            CREATE TABLE ingest_runs (
                run         INTEGER PRIMARY KEY,
                started_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                finished_at TEXT,
                inputs      TEXT NOT NULL,
                new         INTEGER NOT NULL DEFAULT 0,
                existing    INTEGER NOT NULL DEFAULT 0,
                errors      INTEGER NOT NULL DEFAULT 0
            ) STRICT;
            CREATE TABLE ingest_errors (
                seq      INTEGER PRIMARY KEY,
                run      INTEGER REFERENCES ingest_runs (run),
                source   TEXT NOT NULL,
                position TEXT,
                message  TEXT NOT NULL,
                at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            ) STRICT;
            CREATE INDEX ingest_errors_by_run ON ingest_errors (run);
            CREATE INDEX articles_newest ON articles (published DESC, ingested_at DESC, seq DESC);
        ",
    },
    Migration {
        name: "entities, queryable by label and folded text",
        // One row per mention of the article's `entities` layer, which stays the truth (in
        // `json`); rows are rewritten with the layer, in the same transaction. `folded` is the
        // text as `storyline_store::fold` compares it, so mentions group without parsing JSON.
        // Offsets are bytes over `articles.text`. Rows go with their article (the store never
        // deletes one today, but later stages may).
        sql: "
            CREATE TABLE entities (
                article    INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
                n          INTEGER NOT NULL,
                span_start INTEGER NOT NULL,
                span_end   INTEGER NOT NULL,
                label      TEXT NOT NULL,
                text       TEXT NOT NULL,
                folded     TEXT NOT NULL,
                sentence   INTEGER,
                PRIMARY KEY (article, n)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX entities_by_label ON entities (label, folded);
            CREATE INDEX entities_by_folded ON entities (folded, label);
        ",
    },
    Migration {
        name: "stories and each article's story",
        // Written by the cluster pass (`Store::replace_stories`), which rebuilds every story
        // from the articles in arrival order, so the whole set is replaced at once. Ids are
        // the clusterer's story numbers, stable while the stored articles and their order are.
        sql: "
            CREATE TABLE stories (
                id              INTEGER PRIMARY KEY,
                size            INTEGER NOT NULL,
                title           TEXT,
                first_published TEXT,
                last_published  TEXT
            ) STRICT;
            CREATE TABLE story_articles (
                article INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
                story   INTEGER NOT NULL REFERENCES stories (id),
                score   REAL NOT NULL
            ) STRICT;
            CREATE INDEX story_articles_by_story ON story_articles (story);
        ",
    },
    Migration {
        name: "copies: each duplicate article and its canonical copy",
        // Written with the stories by the same pass (the dedup stage runs first in it): one
        // row per article that is a copy of another, none for canonical copies, so that an
        // article is in its own group unless a row says otherwise.
        sql: "
            CREATE TABLE copies (
                article    INTEGER PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
                canonical  INTEGER NOT NULL REFERENCES articles (seq),
                kind       TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
                similarity REAL NOT NULL
            ) STRICT;
            CREATE INDEX copies_by_canonical ON copies (canonical);
        ",
    },
    Migration {
        name: "resolved entities: variants, titles and the entity of each mention",
        // Written by the resolve pass (`Store::replace_entities`), which replays every stored
        // mention in arrival order, so the whole set is replaced at once, as stories are. Ids
        // are the resolver's numbers (order of first mention), stable while the stored
        // articles, their order and their stories are. An entity's stories are not stored:
        // they are its mentions' articles' stories (`story_articles`), so they cannot
        // disagree with the cluster pass. A mention's link goes with its `entities` row, which
        // a new analysis rewrites; the resolve pass then links it again.
        sql: "
            CREATE TABLE resolved_entities (
                id               INTEGER PRIMARY KEY,
                kind             TEXT NOT NULL,
                canonical        TEXT NOT NULL,
                mentions         INTEGER NOT NULL,
                articles         INTEGER NOT NULL,
                geonameid        INTEGER,
                place_name       TEXT,
                place_country    TEXT,
                place_lat        REAL,
                place_lon        REAL,
                place_precision  TEXT,
                place_confidence REAL
            ) STRICT;
            CREATE INDEX resolved_entities_by_mentions ON resolved_entities (mentions DESC, canonical);
            CREATE TABLE entity_variants (
                entity INTEGER NOT NULL REFERENCES resolved_entities (id),
                text   TEXT NOT NULL,
                count  INTEGER NOT NULL,
                PRIMARY KEY (entity, text)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE entity_titles (
                entity INTEGER NOT NULL REFERENCES resolved_entities (id),
                title  TEXT NOT NULL,
                count  INTEGER NOT NULL,
                PRIMARY KEY (entity, title)
            ) STRICT, WITHOUT ROWID;
            CREATE TABLE entity_mentions (
                article INTEGER NOT NULL,
                n       INTEGER NOT NULL,
                entity  INTEGER NOT NULL REFERENCES resolved_entities (id),
                PRIMARY KEY (article, n),
                FOREIGN KEY (article, n) REFERENCES entities (article, n) ON DELETE CASCADE
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX entity_mentions_by_entity ON entity_mentions (entity, article);
        ",
    },
    Migration {
        name: "publication instants for newest-first order",
        // ISO strings sort as instants only while every offset is the same: `T06:56-05:00`
        // is after `T10:48Z` but sorts before it. These columns hold
        // `PartialDateTime::utc_minutes` (minutes since 1970 UTC at which the known period
        // starts), written with the strings; rows already stored are filled here by SQLite's
        // own date arithmetic, which reads the same forms the same way (a test checks that).
        sql: "
            ALTER TABLE articles ADD COLUMN published_utc INTEGER;
            UPDATE articles SET published_utc = CAST(round((julianday(CASE length(published)
                WHEN 4 THEN published || '-01-01' WHEN 7 THEN published || '-01' ELSE published END)
                - 2440587.5) * 1440) AS INTEGER);
            DROP INDEX articles_newest;
            CREATE INDEX articles_newest ON articles (published_utc DESC, ingested_at DESC, seq DESC);
            ALTER TABLE stories ADD COLUMN last_utc INTEGER;
            UPDATE stories SET last_utc = CAST(round((julianday(CASE length(last_published)
                WHEN 4 THEN last_published || '-01-01' WHEN 7 THEN last_published || '-01' ELSE last_published END)
                - 2440587.5) * 1440) AS INTEGER);
        ",
    },
    Migration {
        name: "the story pass's saved state",
        // The story pass feeds articles in arrival order through a dedup index and a
        // clusterer; saved with the stories it gave (same transaction), their state lets the
        // next pass feed only the articles stored since `fed_through` (a `seq`). The pass
        // trusts it only while `fingerprint` (the build, the configuration and a digest of
        // the articles fed, see `Store::articles_digest`) still matches.
        sql: "
            CREATE TABLE pass_state (
                pass        TEXT PRIMARY KEY,
                fed_through INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                state       BLOB NOT NULL
            ) STRICT;
        ",
    },
    Migration {
        name: "whether a publication date was inferred",
        // The dating pass reads every article's date, language and text, and whether the date
        // is the article's own or was inferred from its story (`MetaSource::Inferred`); with
        // this column it reads them without parsing each article's JSON.
        sql: "
            ALTER TABLE articles ADD COLUMN published_inferred INTEGER;
            UPDATE articles SET published_inferred = (json_extract(json, '$.meta.published.source') = 'inferred')
                WHERE published IS NOT NULL;
        ",
    },
    Migration {
        name: "the story each article arrived in",
        // The story an article joined or opened when the story pass fed it, before later
        // merges and splits moved it (`story` is where it is now). It never changes once
        // given, so the resolve pass, which reads it as each article's context, can resume
        // from its saved state (`pass_state`, pass 'entities') instead of replaying the store.
        // NULL until the next story pass; readers fall back to `story`.
        sql: "
            ALTER TABLE story_articles ADD COLUMN arrived_in INTEGER;
        ",
    },
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;
