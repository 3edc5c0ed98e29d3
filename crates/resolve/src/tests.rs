use super::*;

fn m<'a>(text: &'a str, label: &'a str) -> Mention<'a> {
    Mention::new(text, label)
}

/// The canonical name of each mention's entity.
fn names(r: &Resolver, ids: &[Option<EntityId>]) -> Vec<String> {
    ids.iter().map(|id| id.map_or("-".into(), |id| r.entity(id).canonical.clone())).collect()
}

#[test]
fn surnames_and_near_spellings_join_the_full_name_within_an_article() {
    let mut r = Resolver::new();
    let ids = r.add_article(
        None,
        &[
            m("Ana María Oliveira", "PER"),
            m("Oliveira", "PER"),
            m("Ana Maria Olivera", "PER"),
            m("Pedro Oliveira", "PER"),
            m("Ana", "PER"),
        ],
    );
    // "Oliveira" alone is the surname of two people here: it stays apart rather than guess.
    assert_eq!(ids[0], ids[2], "one edit away, same article");
    assert_ne!(ids[0], ids[3]);
    assert_ne!(ids[1], ids[0]);
    assert_eq!(ids[4], ids[0], "the first name of one full name only");
    let e = r.entity(ids[0].unwrap());
    assert_eq!(e.variants.len(), 3);
    assert_eq!(e.kind, "PER");
}

#[test]
fn transliterations_join_across_articles_and_languages() {
    let mut r = Resolver::new();
    let a = r.add_article(Some("s1"), &[m("Piotr Tchaïkovski", "PER"), m("Moscou", "LOC")]);
    let b = r.add_article(Some("s2"), &[m("Piotr Tschaikowsky", "PER")]);
    let c = r.add_article(Some("s3"), &[m("Пётр Чайковский", "PER")]);
    assert_eq!(a[0], b[0]);
    // The Cyrillic key ("chaikovskii") is one edit from the Latin one, and only the context
    // (here, the same place) vouches for it; without it, the name stays apart.
    assert_ne!(a[0], c[0]);
    let d = r.add_article(Some("s4"), &[m("Пётр Чайковский", "PER"), m("Москва", "LOC")]);
    assert_eq!(d[1], a[1], "Moscou and Москва are one place");
    assert_eq!(d[0], c[0], "exact key of the earlier Cyrillic spelling");
    let e = r.entity(a[0].unwrap());
    assert_eq!(e.variants.len(), 2);
    assert_eq!(e.stories.iter().collect::<Vec<_>>(), ["s1", "s2"]);
}

#[test]
fn near_spellings_need_context_across_articles() {
    let mut r = Resolver::new();
    let a = r.add_article(Some("s1"), &[m("Marina Kovalenko", "PER"), m("Odesa", "LOC")]);
    // One letter off, another story, nothing else in common: two people, not one.
    let b = r.add_article(Some("s2"), &[m("Marino Kovalenko", "PER")]);
    assert_ne!(b[0], a[0]);
    // The same near spelling in the same story joins.
    let c = r.add_article(Some("s1"), &[m("Mariana Kovalenko", "PER")]);
    assert_eq!(c[0], a[0]);
    // And a surname alone joins when the story vouches for it.
    let d = r.add_article(Some("s1"), &[m("Kovalenko", "PER")]);
    assert_eq!(d[0], a[0]);
    assert_eq!(names(&r, &d), ["Marina Kovalenko"]);
}

#[test]
fn places_are_geocoded_and_former_names_join() {
    let mut r = Resolver::new();
    let a = r.add_article(None, &[m("Bombay", "LOC"), m("Inde", "LOC")]);
    let b = r.add_article(None, &[m("Mumbai", "LOC")]);
    assert_eq!(a[0], b[0]);
    let city = r.entity(a[0].unwrap());
    let place = city.place.as_ref().unwrap();
    assert_eq!((place.country.as_str(), place.precision), ("IN", "city"));
    assert_eq!(city.variants.len(), 2);
    let country = r.entity(a[1].unwrap()).place.as_ref().unwrap();
    assert_eq!((country.country.as_str(), country.precision), ("IN", "country"));
    // A place name the gazetteer lacks is still an entity, without a position.
    let c = r.add_article(None, &[m("Xqzzyville", "LOC")]);
    assert!(r.entity(c[0].unwrap()).place.is_none());
}

#[test]
fn acronyms_join_their_expansion() {
    let mut r = Resolver::new();
    let ids = r.add_article(
        None,
        &[m("Organisation mondiale de la santé", "ORG"), m("OMS", "ORG"), m("UNICEF", "ORG")],
    );
    assert_eq!(ids[0], ids[1]);
    assert_ne!(ids[2], ids[0]);
    assert_eq!(names(&r, &ids[..1]), ["Organisation mondiale de la santé"]);
    // Later articles that only use the acronym find the entity by its key.
    let later = r.add_article(None, &[m("OMS", "ORG")]);
    assert_eq!(later[0], ids[0]);
}

#[test]
fn order_of_articles_does_not_change_the_grouping() {
    let articles: Vec<Vec<Mention>> = vec![
        vec![m("Jean-Luc Moreau", "PER"), m("Lille", "LOC")],
        vec![m("Jean Luc Moreau", "PER"), m("Moreau", "PER")],
        vec![m("Claire Fontaine", "PER")],
    ];
    let partition = |order: &[usize]| {
        let mut r = Resolver::new();
        let mut by_text: BTreeMap<String, EntityId> = BTreeMap::new();
        for &i in order {
            let ids = r.add_article(Some("s"), &articles[i]);
            for (mention, id) in articles[i].iter().zip(ids) {
                by_text.insert(mention.text.to_owned(), id.unwrap());
            }
        }
        let mut groups: BTreeMap<EntityId, Vec<String>> = BTreeMap::new();
        for (t, id) in by_text {
            groups.entry(id).or_default().push(t);
        }
        let mut v: Vec<Vec<String>> = groups.into_values().collect();
        v.sort();
        v
    };
    assert_eq!(partition(&[0, 1, 2]), partition(&[2, 1, 0]));
    assert_eq!(partition(&[0, 1, 2]).len(), 3);
}

#[test]
fn mentions_without_letters_get_no_entity() {
    let mut r = Resolver::new();
    assert_eq!(r.add_article(None, &[m("« »", "MISC")]), [None]);
    assert!(r.entities().is_empty());
}

#[test]
fn a_title_alone_stands_for_the_one_person_given_it() {
    let text = "Le président brésilien Paulo Mendes a reçu la ministre Ana Ruiz. \
                Le président a ensuite parlé. Mendes a promis des réformes, a dit la ministre.";
    let mentions: Vec<Mention> = ["Paulo Mendes", "Ana Ruiz", "Mendes"]
        .iter()
        .map(|name| {
            let start = text.find(name).unwrap();
            Mention { text: name, label: "PER", span: Some((start, start + name.len())) }
        })
        .collect();
    // "Mendes" is found after "Paulo Mendes" by `find`, at its first place: use the last one.
    let mut mentions = mentions;
    let last = text.rfind("Mendes").unwrap();
    mentions[2].span = Some((last, last + "Mendes".len()));
    let mut r = Resolver::new();
    let ids = r.add_article_text(None, Some(text), &mentions);
    assert_eq!(ids[0], ids[2]);
    let president = r.entity(ids[0].unwrap());
    assert_eq!(president.titles.get("président brésilien"), Some(&1));
    assert_eq!(president.titles.get("président"), Some(&1), "{:?}", president.titles);
    let minister = r.entity(ids[1].unwrap());
    assert_eq!(minister.titles.get("ministre"), Some(&2), "{:?}", minister.titles);
}

#[test]
fn an_organisation_tagged_misc_elsewhere_is_one_entity() {
    let mut r = Resolver::new();
    let a = r.add_article(None, &[m("Velmora Watch", "ORG"), m("Velmora Watch", "MISC")]);
    assert_eq!(a[0], a[1]);
    let b = r.add_article(None, &[m("Velmora Watch", "MISC")]);
    assert_eq!(b[0], a[0]);
    assert_eq!(r.entity(a[0].unwrap()).kind, "ORG", "the first label wins a tie");
    // A person and a place of the same name stay apart.
    let c = r.add_article(None, &[m("Kelden", "PER"), m("Kelden", "LOC")]);
    assert_ne!(c[0], c[1]);
}

#[test]
fn a_resolver_read_back_goes_on_as_the_one_saved() {
    // Near spellings that need a story or a neighbour for support, surnames alone, places,
    // titles: every index the resolver keeps is exercised after the save.
    let text =
        "Le président Kassym-Jomart Tokaïev a parlé à Almaty. Le président a ensuite quitté Nur-Sultan.";
    let span = |name: &str| text.find(name).map(|s| (s, s + name.len()));
    let titled = [
        Mention { text: "Kassym-Jomart Tokaïev", label: "PER", span: span("Kassym-Jomart Tokaïev") },
        Mention { text: "Almaty", label: "LOC", span: span("Almaty") },
        Mention { text: "Nur-Sultan", label: "LOC", span: span("Nur-Sultan") },
    ];
    let articles: Vec<(Option<&str>, Option<&str>, Vec<Mention>)> = vec![
        (Some("s1"), Some(text), titled.to_vec()),
        (Some("s1"), None, vec![m("Kassim-Jomart Tokayev", "PER"), m("Astana", "LOC")]),
        (Some("s2"), None, vec![m("Saltanat Azirbek", "PER"), m("Tokayev", "PER")]),
        (Some("s2"), None, vec![m("Saltanant Azirbek", "PER"), m("Almaty", "LOC")]),
        (
            Some("s3"),
            None,
            vec![
                m("Azirbek", "PER"),
                m("Organisation du traité de sécurité collective", "ORG"),
                m("OTSC", "ORG"),
            ],
        ),
        (None, None, vec![m("Tokaïev", "PER"), m("Kazakhstan", "LOC")]),
    ];
    let run = |r: &mut Resolver, from: usize| -> Vec<Vec<Option<EntityId>>> {
        articles[from..]
            .iter()
            .map(|(story, text, mentions)| r.add_article_text(*story, *text, mentions))
            .collect()
    };
    let mut whole = Resolver::new();
    let expected = run(&mut whole, 0);
    let expected_entities = serde_json::to_value(whole.entities()).unwrap();
    for stop in 1..articles.len() {
        let mut first = Resolver::new();
        let mut ids: Vec<_> =
            articles[..stop].iter().map(|(s, t, m)| first.add_article_text(*s, *t, m)).collect();
        let mut resumed: Resolver = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
        ids.extend(run(&mut resumed, stop));
        assert_eq!(ids, expected, "stopped after {stop}");
        assert_eq!(
            serde_json::to_value(resumed.entities()).unwrap(),
            expected_entities,
            "stopped after {stop}"
        );
        // One state, one encoding.
        assert_eq!(serde_json::to_string(&resumed).unwrap(), serde_json::to_string(&whole).unwrap());
    }
}
