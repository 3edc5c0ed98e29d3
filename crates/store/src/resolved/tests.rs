use crate::{ArticleLinks, EntityPlace, EntitySort, PassState, Store, StoredEntity, StoryMember, StoryRow};
use std::collections::BTreeMap;
use storyline_doc::{Annotation, Article, Metadata, Provenance, Span};

/// An article whose `entities` layer marks each of `names` where it first occurs.
fn with_mentions(text: &str, names: &[(&str, &str)]) -> Article {
    let mut a =
        Article::from_paragraphs(Provenance::new("x", None, text.as_bytes()), Metadata::default(), [text]);
    let layer = names
        .iter()
        .map(|(name, label)| {
            let start = a.text.find(name).expect("name in text");
            Annotation {
                span: Span::new(start, start + name.len()),
                label: (*label).into(),
                value: serde_json::Value::Null,
            }
        })
        .collect();
    a.layers.insert("entities".into(), layer);
    a
}

fn entity(id: i64, kind: &str, variants: &[(&str, u64)], articles: u64) -> StoredEntity {
    let variants: BTreeMap<String, u64> = variants.iter().map(|(v, n)| (v.to_string(), *n)).collect();
    StoredEntity {
        id,
        kind: kind.into(),
        canonical: variants.keys().max_by_key(|v| v.len()).cloned().unwrap_or_default(),
        mentions: variants.values().sum(),
        variants,
        titles: BTreeMap::new(),
        articles,
        place: None,
    }
}

fn story(id: i64, title: &str) -> StoryRow {
    StoryRow { id, size: 1, title: Some(title.into()), first_published: None, last_published: None }
}

/// Two articles in two stories: a person under two spellings across both, a place in the
/// second.
fn store_with_two_stories(dir: &std::path::Path) -> (Store, Vec<Article>) {
    let mut store = Store::open(dir).unwrap();
    let articles = vec![
        with_mentions("Mirela Vostrikova a parlé hier.", &[("Mirela Vostrikova", "PER")]),
        with_mentions(
            "Mirela Vostrykova est à Trelleborg.",
            &[("Mirela Vostrykova", "PER"), ("Trelleborg", "LOC")],
        ),
    ];
    store.insert_articles(&articles).unwrap();
    let members: Vec<StoryMember> = articles
        .iter()
        .zip([1, 2])
        .map(|(a, story)| StoryMember { article: a.id.clone(), story, score: 0.0, arrived_in: story })
        .collect();
    store.replace_stories(&[story(1, "Un"), story(2, "Deux")], &members, &[], None).unwrap();
    (store, articles)
}

fn resolution(articles: &[Article]) -> (Vec<StoredEntity>, Vec<ArticleLinks>) {
    let mut person = entity(0, "PER", &[("Mirela Vostrikova", 1), ("Mirela Vostrykova", 1)], 2);
    person.titles.insert("ministre".into(), 1);
    let mut place = entity(1, "LOC", &[("Trelleborg", 1)], 1);
    place.place = Some(EntityPlace {
        geonameid: 42,
        name: "Trelleborg".into(),
        country: "SE".into(),
        lat: 55.4,
        lon: 13.2,
        precision: "city".into(),
        confidence: 0.8,
    });
    let links = vec![
        ArticleLinks { article: articles[0].id.clone(), links: vec![(0, 0)] },
        ArticleLinks { article: articles[1].id.clone(), links: vec![(0, 0), (1, 1)] },
    ];
    (vec![person, place], links)
}

#[test]
fn a_resolution_is_stored_whole_and_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, articles) = store_with_two_stories(tmp.path());
    let (entities, links) = resolution(&articles);
    store.replace_entities(&entities, &links, None).unwrap();

    assert_eq!(store.entities(None, EntitySort::Mentions, 0).unwrap(), entities);
    assert_eq!(store.entities(Some("LOC"), EntitySort::Mentions, 0).unwrap(), [entities[1].clone()]);
    assert_eq!(store.entities(None, EntitySort::Mentions, 1).unwrap().len(), 1);
    let by_name: Vec<i64> = store.entities(None, EntitySort::Name, 0).unwrap().iter().map(|e| e.id).collect();
    assert_eq!(by_name, [0, 1], "Mirela before Trelleborg");
    assert_eq!(store.entity(1).unwrap().as_ref(), Some(&entities[1]));
    assert_eq!(store.entity(7).unwrap(), None);

    let stories = store.entity_stories(0).unwrap();
    let seen: Vec<(i64, u64)> = stories.iter().map(|s| (s.story, s.mentions)).collect();
    assert_eq!(seen, [(1, 1), (2, 1)]);
    assert_eq!(stories[1].title.as_deref(), Some("Deux"));
    let of_story: Vec<(i64, u64)> =
        store.entities_of_story(2).unwrap().iter().map(|s| (s.entity.id, s.mentions_in_story)).collect();
    assert_eq!(of_story, [(0, 1), (1, 1)]);
    assert_eq!(store.entities_of_story(1).unwrap()[0].entity, entities[0]);

    // A second resolution replaces the first entirely: one entity per spelling now.
    let split = vec![
        entity(0, "PER", &[("Mirela Vostrikova", 1)], 1),
        entity(1, "PER", &[("Mirela Vostrykova", 1)], 1),
    ];
    let links = vec![
        ArticleLinks { article: articles[0].id.clone(), links: vec![(0, 0)] },
        ArticleLinks { article: articles[1].id.clone(), links: vec![(0, 1)] },
    ];
    store.replace_entities(&split, &links, None).unwrap();
    assert_eq!(store.entities(None, EntitySort::Name, 0).unwrap(), split);
    assert!(store.entities_of_story(2).unwrap().iter().all(|s| s.entity.id == 1));
    let rows = store.resolution_rows().unwrap();
    assert_eq!(rows.iter().filter(|r| r.starts_with("[\"mention\"")).count(), 2, "{rows:?}");
    assert!(!rows.iter().any(|r| r.contains("Trelleborg") || r.contains("ministre")), "{rows:?}");
}

#[test]
fn a_link_to_an_unknown_mention_fails_and_keeps_the_previous_resolution() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, articles) = store_with_two_stories(tmp.path());
    let (entities, links) = resolution(&articles);
    store.replace_entities(&entities, &links, None).unwrap();
    let before = store.resolution_rows().unwrap();
    let wrong = vec![ArticleLinks { article: articles[0].id.clone(), links: vec![(5, 0)] }];
    assert!(store.replace_entities(&entities, &wrong, None).is_err());
    assert_eq!(store.resolution_rows().unwrap(), before);
}

#[test]
fn a_new_analysis_of_an_article_unlinks_its_mentions_only_when_they_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, articles) = store_with_two_stories(tmp.path());
    let (entities, links) = resolution(&articles);
    let saved = PassState { fed_through: 2, fingerprint: "f".into(), state: vec![7] };
    store.replace_entities(&entities, &links, Some(&saved)).unwrap();
    assert_eq!(store.pass_state("entities").unwrap(), Some(saved.clone()));

    // The same mentions again: rows, links and the saved state stay.
    store.update_articles(std::slice::from_ref(&articles[1])).unwrap();
    assert_eq!(store.entities_of_story(2).unwrap().len(), 2);
    assert_eq!(store.pass_state("entities").unwrap(), Some(saved));

    // One mention fewer: the article's rows are rewritten and its links go with them.
    let mut fewer = articles[1].clone();
    fewer.layers.get_mut("entities").unwrap().pop();
    store.update_articles(std::slice::from_ref(&fewer)).unwrap();
    assert!(store.entities_of_story(2).unwrap().is_empty(), "its links went with its mention rows");
    assert_eq!(store.entities_of_story(1).unwrap().len(), 1);
    assert_eq!(store.pass_state("entities").unwrap(), None, "the saved resolver no longer matches the store");
}

#[test]
fn a_version_5_store_is_migrated_with_its_stories_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let articles = {
        let v5 = Store::open_at_version(tmp.path(), 5).unwrap();
        assert_eq!(v5.schema_version().unwrap(), 5);
        let a = with_mentions("Ilan Dovrat a signé.", &[("Ilan Dovrat", "PER")]);
        // Written with plain SQL against the version 5 schema, as a build of then would have.
        let json = serde_json::to_string(&a).unwrap();
        v5.conn
            .execute_batch(&format!(
                "INSERT INTO articles (seq, id, content_hash, source, text, json) VALUES (1, '{}', '{}', 'x', '{}', '{}');
                 INSERT INTO entities (article, n, span_start, span_end, label, text, folded)
                     VALUES (1, 0, 0, 11, 'PER', 'Ilan Dovrat', 'ilan dovrat');
                 INSERT INTO stories (id, size, title) VALUES (3, 1, 'Trois');
                 INSERT INTO story_articles (article, story, score) VALUES (1, 3, 0.0);",
                a.id,
                a.provenance.content_hash,
                a.text,
                json.replace('\'', "''"),
            ))
            .unwrap();
        vec![a]
    };
    let mut store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), crate::SCHEMA_VERSION);
    assert_eq!(store.list_stories(true, 10).unwrap(), [story(3, "Trois")]);
    assert!(store.entities(None, EntitySort::Mentions, 0).unwrap().is_empty(), "not resolved yet");
    let person = entity(0, "PER", &[("Ilan Dovrat", 1)], 1);
    let links = [ArticleLinks { article: articles[0].id.clone(), links: vec![(0, 0)] }];
    store.replace_entities(std::slice::from_ref(&person), &links, None).unwrap();
    assert_eq!(store.entity_stories(0).unwrap()[0].story, 3);
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
}
