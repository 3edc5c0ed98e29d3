use super::*;
use storyline_doc::{DatedBy, Language, MetaSource, Metadata, PartialDateTime, Provenance};

fn article(text: &str) -> Article {
    let prov = Provenance::new("in/a.txt", Some(Position::Line(3)), text.as_bytes());
    let meta = Metadata {
        title: Some(format!("Title of {text}")),
        published: Some(DatedBy::new(PartialDateTime::month(2022, 1).unwrap(), MetaSource::Container)),
        language: Some(Language { code: "fr".into(), confidence: 0.9, source: MetaSource::Model }),
        ..Metadata::default()
    };
    Article::from_paragraphs(prov, meta, [text])
}

fn dated(text: &str, date: Option<&str>) -> Article {
    let mut a = article(text);
    a.meta.published =
        date.map(|d| DatedBy::new(PartialDateTime::parse_iso(d).unwrap(), MetaSource::Container));
    a
}

#[test]
fn open_creates_the_folder_in_wal_mode_at_the_latest_version() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/data");
    let store = Store::open(&dir).unwrap();
    assert!(dir.join(DB_FILE).is_file());
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store.conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "synchronous=FULL");
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn open_existing_does_not_create_a_store() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nowhere");
    let err = Store::open_existing(&dir).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }));
    assert!(err.to_string().contains("nowhere"), "{err}");
    assert!(!dir.exists());
}

#[test]
fn insert_is_idempotent_on_content_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let a = article("Le gouvernement a démissionné mercredi.");
    let first = store.insert_article(&a).unwrap();
    assert_eq!(first, Inserted { id: a.id.clone(), outcome: Outcome::New });
    let again = store.insert_article(&a).unwrap();
    assert_eq!(again, Inserted { id: a.id.clone(), outcome: Outcome::Existing });

    // The same content inside one batch, and next to a new one.
    let b = article("Les manifestations ont gagné Almaty.");
    let done = store.insert_articles(&[b.clone(), a.clone(), b.clone()]).unwrap();
    let outcomes: Vec<_> = done.iter().map(|d| d.outcome).collect();
    assert_eq!(outcomes, [Outcome::New, Outcome::Existing, Outcome::Existing]);
    assert_eq!(store.count_articles().unwrap(), 2);
    assert_eq!(store.get_article(&a.id).unwrap(), a);
    assert_eq!(store.get_article(&b.id).unwrap(), b);
}

#[test]
fn a_failing_batch_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let run = store.begin_run(&["in".into()]).unwrap();
    let good = [article("Premier article."), article("Deuxième article.")];
    let mut bad = article("Troisième article.");
    bad.id = "not-the-hash-prefix".into();
    let problem = IngestError { source: "in/x.txt".into(), position: None, message: "broken".into() };

    let batch = [good[0].clone(), good[1].clone(), bad];
    let err = store.commit_batch(Some(run), &batch, std::slice::from_ref(&problem)).unwrap_err();
    assert!(matches!(err, StoreError::InvalidArticle { .. }), "{err}");
    assert_eq!(store.count_articles().unwrap(), 0);
    assert!(store.run_errors(run).unwrap().is_empty());
    let summary = store.run_summary(run).unwrap().unwrap();
    assert_eq!((summary.new, summary.existing, summary.errors), (0, 0, 0));

    // A database-level failure (a 64-bit id collision between different contents) also
    // rolls back what the batch had already inserted.
    let mut twin = article("Quatrième article.");
    twin.id = good[0].id.clone();
    twin.provenance.content_hash = format!("{}{}", good[0].id, "0".repeat(48));
    let err = store.insert_articles(&[good[1].clone(), good[0].clone(), twin]).unwrap_err();
    assert!(err.to_string().contains("different content hash"), "{err}");
    assert_eq!(store.count_articles().unwrap(), 0);

    // The store is still usable, and the good articles go in.
    let done = store.commit_batch(Some(run), &good, &[problem]).unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(store.count_articles().unwrap(), 2);
    let summary = store.run_summary(run).unwrap().unwrap();
    assert_eq!((summary.new, summary.existing, summary.errors, summary.finished_at), (2, 0, 1, None));
    store.finish_run(run).unwrap();
    assert!(store.run_summary(run).unwrap().unwrap().finished_at.is_some());
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let a = article("Un article stocké par une version plus ancienne.");
    {
        let v1 = Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..1]).unwrap();
        assert_eq!(v1.schema_version().unwrap(), 1);
        // Written with plain SQL against the v1 schema, as an old build would have.
        v1.conn
            .execute(
                "INSERT INTO articles (id, content_hash, source, text, json, published) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    a.id,
                    a.provenance.content_hash,
                    a.provenance.source,
                    a.text,
                    serde_json::to_string(&a).unwrap(),
                    "2022-01"
                ],
            )
            .unwrap();
        let has_runs: i64 = v1
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'ingest_runs'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(has_runs, 0);
    }
    let mut store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.get_article(&a.id).unwrap(), a);
    assert_eq!(store.list_articles(10, 0).unwrap()[0].id, a.id);
    // The new tables work.
    let run = store.begin_run(&[]).unwrap();
    assert_eq!(store.insert_article(&a).unwrap().outcome, Outcome::Existing);
    store.finish_run(run).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn a_failing_migration_leaves_the_old_version() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..1]).unwrap());
    let broken = [
        schema::MIGRATIONS[0],
        Migration { name: "good step", sql: "CREATE TABLE extra (x INTEGER);" },
        Migration { name: "bad step", sql: "CREATE TABLE oops (;" },
    ];
    let err = Store::open_with(tmp.path().to_path_buf(), &broken).unwrap_err();
    assert!(matches!(err, StoreError::Migration { version: 3, .. }), "{err}");
    let store = Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..1]).unwrap();
    assert_eq!(store.schema_version().unwrap(), 1);
    let extra: i64 = store
        .conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'extra'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(extra, 0, "the steps before the failing one are rolled back too");
}

#[test]
fn a_newer_schema_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let err = Store::open(tmp.path()).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    assert!(err.to_string().contains(&tmp.path().display().to_string()));
}

#[test]
fn reopening_after_drop_finds_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let articles: Vec<_> = (0..100).map(|i| article(&format!("Article numéro {i}."))).collect();
    {
        let mut store = Store::open(tmp.path()).unwrap();
        store.insert_articles(&articles[..60]).unwrap();
        store.insert_articles(&articles[60..]).unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.count_articles().unwrap(), 100);
    for a in &articles {
        assert_eq!(&store.get_article(&a.id).unwrap(), a);
    }
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn ids_resolve_by_unique_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let articles: Vec<_> = (0..40).map(|i| article(&format!("Texte {i}."))).collect();
    store.insert_articles(&articles).unwrap();
    let a = &articles[0];
    assert_eq!(&store.get_article(&a.id[..12]).unwrap(), a);
    assert_eq!(&store.get_article(&a.id.to_uppercase()).unwrap(), a);
    assert_eq!(&store.get_article(&a.provenance.content_hash).unwrap(), a, "the full hash works too");

    // 40 ids over 16 first digits: some digit starts at least 3 of them.
    let err = store.get_article("").unwrap_err();
    assert!(matches!(err, StoreError::BadId { .. }));
    let mut first_digits: Vec<char> = articles.iter().filter_map(|a| a.id.chars().next()).collect();
    first_digits.sort_unstable();
    let shared = first_digits.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]).unwrap();
    let err = store.get_article(&shared.to_string()).unwrap_err();
    assert!(matches!(err, StoreError::Ambiguous { .. }), "{err}");
    assert!(err.to_string().contains("ambiguous"), "{err}");

    let absent = ["0000000000000000", "ffffffffffffffff"]
        .into_iter()
        .find(|id| articles.iter().all(|a| a.id != *id))
        .unwrap();
    let err = store.get_article(absent).unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    let err = store.get_article("xyz*").unwrap_err();
    assert!(matches!(err, StoreError::BadId { .. }), "{err}");
}

#[test]
fn listing_is_newest_first_with_undated_last() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let old = dated("Ancien.", Some("2021-12-30"));
    let undated = dated("Sans date.", None);
    let month = dated("Le mois.", Some("2022-01"));
    let new = dated("Récent.", Some("2022-01-06T14:30Z"));
    store.insert_articles(&[old.clone(), undated.clone(), month.clone(), new.clone()]).unwrap();
    let ids: Vec<_> = store.list_articles(10, 0).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, [&*new.id, &*month.id, &*old.id, &*undated.id]);
    let page: Vec<_> = store.list_articles(2, 1).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(page, [&*month.id, &*old.id]);
    let row = &store.list_articles(1, 0).unwrap()[0];
    assert_eq!(row.published.as_deref(), Some("2022-01-06T14:30Z"));
    assert_eq!(row.published_precision.as_deref(), Some("minute"));
    assert_eq!(row.language.as_deref(), Some("fr"));
    assert_eq!(store.list_articles(u64::MAX, 0).unwrap().len(), 4);
}

#[test]
fn errors_keep_their_position() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let run = store.begin_run(&["feed.jsonl".into()]).unwrap();
    let e = IngestError {
        source: "feed.jsonl".into(),
        position: Some(Position::Line(17)),
        message: "expected value".into(),
    };
    store.commit_batch(Some(run), &[], std::slice::from_ref(&e)).unwrap();
    let back = store.run_errors(run).unwrap();
    assert_eq!(back, [e]);
    assert_eq!(back[0].locator(), "feed.jsonl:line 17");
    assert_eq!(store.run_summary(run).unwrap().unwrap().inputs, ["feed.jsonl"]);
}

#[test]
fn two_handles_on_one_folder_see_each_others_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let mut writer = Store::open(tmp.path()).unwrap();
    let reader = Store::open_existing(tmp.path()).unwrap();
    writer.insert_article(&article("Vu par l'autre connexion.")).unwrap();
    assert_eq!(reader.count_articles().unwrap(), 1);
}

#[test]
fn concurrent_openers_migrate_once_and_all_writes_land() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&dir).unwrap();
                let batch: Vec<_> = (0..25).map(|i| article(&format!("Fil {t}, article {i}."))).collect();
                store.insert_articles(&batch).unwrap();
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.count_articles().unwrap(), 100);
}

/// An article with analysis layers as the analyse stage writes them: two sentences, tokens,
/// and an entity in each sentence.
fn analysed(text_after: &str) -> Article {
    let mut a = article(&format!("Emmanuel Macron est à Paris. Il {text_after}"));
    let second = "Emmanuel Macron est à Paris. ".len();
    let span = |start: usize, end: usize| storyline_doc::Span::new(start, end);
    let ann = |start, end, label: &str| storyline_doc::Annotation {
        span: span(start, end),
        label: label.into(),
        value: serde_json::Value::Null,
    };
    let paris = a.text.find("Paris").unwrap();
    a.layers.insert(
        "sentences".into(),
        vec![ann(0, second - 1, "sentence"), ann(second, a.text.len(), "sentence")],
    );
    a.layers.insert("tokens".into(), vec![ann(0, 8, "word"), ann(9, 15, "word")]);
    a.layers.insert(
        "entities".into(),
        vec![ann(0, 15, "PER"), ann(paris, paris + 5, "LOC"), ann(a.text.len() - 6, a.text.len() - 1, "LOC")],
    );
    a
}

#[test]
fn entities_are_stored_with_the_article_and_tokens_are_not() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let a = analysed("pleut à PARIS.");
    store.insert_article(&a).unwrap();

    let back = store.get_article(&a.id).unwrap();
    assert!(!back.layers.contains_key("tokens"), "tokens are recomputed, not stored");
    assert_eq!(back.layers["sentences"], a.layers["sentences"]);
    assert_eq!(back.layers["entities"], a.layers["entities"]);

    let (id, mentions) = store.article_entities(&a.id[..8]).unwrap();
    assert_eq!(id, a.id);
    let got: Vec<_> = mentions.iter().map(|m| (m.text.as_str(), m.label.as_str(), m.sentence)).collect();
    assert_eq!(
        got,
        [("Emmanuel Macron", "PER", Some(0)), ("Paris", "LOC", Some(0)), ("PARIS", "LOC", Some(1))]
    );
    for m in &mentions {
        assert_eq!(&a.text[m.start..m.end], m.text);
    }

    let b = analysed("neige à Paris.");
    store.insert_article(&b).unwrap();
    let counts = store.entity_counts(None, 0).unwrap();
    let top = &counts[0];
    assert_eq!((top.text.as_str(), top.label.as_str(), top.folded.as_str()), ("Paris", "LOC", "paris"));
    assert_eq!((top.mentions, top.articles), (4, 2));
    let per = store.entity_counts(Some("PER"), 0).unwrap();
    assert_eq!(per.len(), 1);
    assert_eq!((per[0].mentions, per[0].articles), (2, 2));
    assert_eq!(store.entity_counts(None, 1).unwrap().len(), 1);
    assert!(store.entity_counts(Some("ORG"), 0).unwrap().is_empty());

    let replay = store.mentions_by_article_between(0, i64::MAX).unwrap();
    let ids: Vec<&str> = replay.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, [a.id.as_str(), b.id.as_str()], "in the order stored");
    assert_eq!(replay[0].text, a.text);
    let first = &replay[0].mentions[0];
    assert_eq!((first.label.as_str(), first.text.as_str()), ("PER", "Emmanuel Macron"));
    assert_eq!(&a.text[first.start..first.end], "Emmanuel Macron");
    assert_eq!(replay[0].mentions.len(), 3);
}

#[test]
fn spans_outside_the_text_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let mut a = analysed("pleut.");
    let end = a.text.len();
    a.layers.get_mut("entities").unwrap()[0].span = storyline_doc::Span::new(end - 2, end + 3);
    let err = store.insert_article(&a).unwrap_err();
    assert!(matches!(err, StoreError::InvalidArticle { .. }), "{err}");
    // Not on a character boundary: inside the two bytes of `à`.
    let at = a.text.find('à').unwrap();
    a.layers.get_mut("entities").unwrap()[0].span = storyline_doc::Span::new(at + 1, at + 4);
    assert!(store.insert_article(&a).is_err());
    assert_eq!(store.count_articles().unwrap(), 0);
}

#[test]
fn updating_layers_replaces_the_entity_rows_and_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let mut a = article("Une phrase sans analyse.");
    store.insert_article(&a).unwrap();
    assert_eq!(store.article_ids(true).unwrap(), std::slice::from_ref(&a.id));
    assert!(store.article_entities(&a.id).unwrap().1.is_empty());

    let ann = |start, end, label: &str| storyline_doc::Annotation {
        span: storyline_doc::Span::new(start, end),
        label: label.into(),
        value: serde_json::Value::Null,
    };
    a.layers.insert("sentences".into(), vec![ann(0, a.text.len(), "sentence")]);
    a.layers.insert("entities".into(), vec![ann(4, 10, "MISC"), ann(15, 22, "ORG")]);
    store.update_articles(std::slice::from_ref(&a)).unwrap();
    let once = (store.article_json_by_id().unwrap(), store.entity_rows_by_id().unwrap());
    store.update_articles(std::slice::from_ref(&a)).unwrap();
    let twice = (store.article_json_by_id().unwrap(), store.entity_rows_by_id().unwrap());
    assert_eq!(once, twice);
    assert_eq!(once.1.len(), 2);
    assert!(store.article_ids(true).unwrap().is_empty());
    assert_eq!(store.article_ids(false).unwrap(), std::slice::from_ref(&a.id));

    // Fewer entities: the extra rows go.
    a.layers.insert("entities".into(), vec![ann(4, 10, "MISC")]);
    store.update_articles(std::slice::from_ref(&a)).unwrap();
    assert_eq!(store.article_entities(&a.id).unwrap().1.len(), 1);

    // A different text, or an article not stored, fails the batch and changes nothing.
    let mut other = a.clone();
    other.text.push('!');
    let stranger = article("Jamais stockée.");
    for bad in [other, stranger] {
        let err = store.update_articles(&[a.clone(), bad]).unwrap_err();
        assert!(matches!(err, StoreError::InvalidArticle { .. }), "{err}");
    }
    assert_eq!(store.get_article(&a.id).unwrap(), a);
}

#[test]
fn a_version_2_database_gets_the_entities_table() {
    let tmp = tempfile::tempdir().unwrap();
    let a = article("Stocké avant l'étape d'analyse.");
    {
        let mut v2 = Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..2]).unwrap();
        assert_eq!(v2.schema_version().unwrap(), 2);
        // What a version-2 build wrote: the article, through the same code path.
        v2.conn
            .execute(
                "INSERT INTO articles (id, content_hash, source, text, json) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    a.id,
                    a.provenance.content_hash,
                    a.provenance.source,
                    a.text,
                    serde_json::to_string(&a).unwrap()
                ],
            )
            .unwrap();
        v2.begin_run(&[]).unwrap();
        let has: i64 = v2
            .conn
            .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'entities'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(has, 0);
    }
    let mut store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.get_article(&a.id).unwrap(), a);
    assert_eq!(store.article_ids(true).unwrap(), std::slice::from_ref(&a.id), "old articles await analysis");
    let b = analysed("pleut.");
    store.insert_article(&b).unwrap();
    assert_eq!(store.article_entities(&b.id).unwrap().1.len(), 3);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}

#[test]
fn folding_is_case_and_space_insensitive() {
    assert_eq!(fold("  Emmanuel\u{a0} MACRON "), "emmanuel macron");
    assert_eq!(fold("Côte d\u{2019}Ivoire"), "côte d'ivoire");
    assert_eq!(fold("İstanbul"), "i\u{307}stanbul");
}

#[test]
fn rows_stored_before_the_instant_columns_get_the_instants_rust_computes() {
    let tmp = tempfile::tempdir().unwrap();
    let forms = [
        "2022",
        "2022-01",
        "2024-02-29",
        "2019-11-19T06:56",
        "2019-11-19T10:48Z",
        "2019-11-19T06:56-05:00",
        "2022-01-06T14:30+06:00",
    ];
    {
        let old = Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..6]).unwrap();
        for (i, published) in forms.iter().enumerate() {
            let a = article(&format!("Article {i} stocké avant les instants."));
            old.conn
                .execute(
                    "INSERT INTO articles (id, content_hash, source, text, json, published) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![a.id, a.provenance.content_hash, a.provenance.source, a.text, serde_json::to_string(&a).unwrap(), published],
                )
                .unwrap();
            old.conn
                .execute(
                    "INSERT INTO stories (id, size, last_published) VALUES (?1, 1, ?2)",
                    params![i as i64, published],
                )
                .unwrap();
        }
    }
    let store = Store::open(tmp.path()).unwrap();
    for (table, column, key) in
        [("articles", "published_utc", "published"), ("stories", "last_utc", "last_published")]
    {
        let sql = format!("SELECT {key}, {column} FROM {table}");
        let mut stmt = store.conn.prepare(&sql).unwrap();
        let rows: Vec<(String, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows.len(), forms.len());
        for (published, utc) in rows {
            assert_eq!(
                utc,
                PartialDateTime::parse_iso(&published).unwrap().utc_minutes(),
                "{table}: {published}"
            );
        }
    }
}

#[test]
fn newest_first_compares_instants_not_strings() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    // By string: 13:16Z, 10:48Z, 06:56-05:00 (11:56Z), undated. By instant the third is second.
    let early = dated("Publié à 10 h 48 UTC.", Some("2019-11-19T10:48Z"));
    let late = dated("Publié à 13 h 16 UTC.", Some("2019-11-19T13:16Z"));
    let offset = dated("Publié à 6 h 56 à New York.", Some("2019-11-19T06:56-05:00"));
    let undated = dated("Sans date.", None);
    store.insert_articles(&[early.clone(), undated.clone(), offset.clone(), late.clone()]).unwrap();
    let ids: Vec<String> = store.list_articles(10, 0).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, [late.id, offset.id, early.id, undated.id]);

    let story = |id: i64, last: Option<&str>| StoryRow {
        id,
        size: 1,
        title: None,
        first_published: last.map(str::to_string),
        last_published: last.map(str::to_string),
    };
    let rows = [
        story(1, Some("2019-11-19T10:48Z")),
        story(2, None),
        story(3, Some("2019-11-19T06:56-05:00")),
        story(4, Some("2019-11-19T13:16Z")),
    ];
    store.replace_stories(&rows, &[], &[], None).unwrap();
    let ids: Vec<i64> = store.list_stories(false, 10).unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(ids, [4, 3, 1, 2]);
}

#[test]
fn whether_a_date_was_inferred_is_read_from_a_column_filled_for_older_rows_too() {
    let tmp = tempfile::tempdir().unwrap();
    let own = dated("Daté par son en-tête.", Some("2022-01-06"));
    let mut inferred = dated("Daté par son histoire.", Some("2022-01-07"));
    inferred.meta.published.as_mut().unwrap().source = MetaSource::Inferred;
    let undated = dated("Sans date.", None);
    {
        let old = Store::open_with(tmp.path().to_path_buf(), &schema::MIGRATIONS[..8]).unwrap();
        for a in [&own, &inferred] {
            let date = a.meta.published.as_ref().map(|d| d.date.to_string());
            old.conn
                .execute(
                    "INSERT INTO articles (id, content_hash, source, text, json, published) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![a.id, a.provenance.content_hash, a.provenance.source, a.text, serde_json::to_string(a).unwrap(), date],
                )
                .unwrap();
        }
    }
    let mut store = Store::open(tmp.path()).unwrap();
    store.insert_article(&undated).unwrap();
    let mut rows = Vec::new();
    store
        .for_each_dated_row(|r| rows.push((r.id, r.published.map(|(d, inferred)| (d.to_string(), inferred)))))
        .unwrap();
    let day = |d: &str, inferred| Some((d.to_string(), inferred));
    assert_eq!(
        rows,
        [
            (own.id.clone(), day("2022-01-06", false)),
            (inferred.id.clone(), day("2022-01-07", true)),
            (undated.id.clone(), None)
        ]
    );
    // A date inferred later is written with its flag.
    let mut later = undated.clone();
    later.meta.published =
        Some(DatedBy::new(PartialDateTime::day(2022, 1, 8).unwrap(), MetaSource::Inferred));
    store.update_articles(&[later]).unwrap();
    let mut last = None;
    store.for_each_dated_row(|r| last = r.published).unwrap();
    assert_eq!(last, Some((PartialDateTime::day(2022, 1, 8).unwrap(), true)));
}
