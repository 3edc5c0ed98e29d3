use super::numbers::{parse_digits, parse_words};
use super::*;

/// A quantity as (expression, value, event, group).
type Seen = (String, Option<f64>, Option<&'static str>, Option<&'static str>);

/// The quantities of `text`.
fn found(text: &str, lang: &str) -> Vec<Seen> {
    quantities(text, lang)
        .iter()
        .map(|q| {
            (
                text[q.start..q.end].to_string(),
                q.value,
                q.event.map(Event::as_str),
                q.group.map(Group::as_str),
            )
        })
        .collect()
}

/// The only quantity of `text` whose expression is `expr`.
fn one(text: &str, lang: &str, expr: &str) -> Quantity {
    let all = quantities(text, lang);
    let mut hits = all.iter().filter(|q| &text[q.start..q.end] == expr);
    let q = hits.next().unwrap_or_else(|| panic!("no {expr:?} in {:?}", found(text, lang)));
    assert!(hits.next().is_none());
    q.clone()
}

fn words(s: &str, lang: Lang) -> Option<u64> {
    let folded: Vec<String> = s.split(' ').map(normalize).collect();
    let refs: Vec<&str> = folded.iter().map(String::as_str).collect();
    parse_words(&refs, lang).filter(|n| n.tokens == refs.len()).map(|n| n.value)
}

#[test]
fn digits_follow_each_language_s_separators() {
    assert_eq!(parse_digits("1 000", Lang::Fr), Some(1000.0));
    assert_eq!(parse_digits("1\u{202f}000", Lang::Fr), Some(1000.0));
    assert_eq!(parse_digits("12\u{a0}500\u{a0}000", Lang::Fr), Some(12_500_000.0));
    assert_eq!(parse_digits("3,5", Lang::Fr), Some(3.5));
    assert_eq!(parse_digits("1,000", Lang::En), Some(1000.0));
    assert_eq!(parse_digits("1,234.5", Lang::En), Some(1234.5));
    assert_eq!(parse_digits("3.5", Lang::En), Some(3.5));
    assert_eq!(parse_digits("1.000", Lang::De), Some(1000.0));
    assert_eq!(parse_digits("1.234,5", Lang::De), Some(1234.5));
    assert_eq!(parse_digits("2.500", Lang::Es), Some(2500.0));
    // The decimal mark of the language wins even before three digits.
    assert_eq!(parse_digits("1,500", Lang::Fr), Some(1.5));
    assert_eq!(parse_digits("1.500", Lang::En), Some(1.5));
    for bad in ["03:06", "12,34,5", "1.2.3", "1,000,00"] {
        assert_eq!(parse_digits(bad, Lang::En), None, "{bad}");
    }
}

#[test]
fn number_words_compose() {
    assert_eq!(words("vingt-trois", Lang::Fr), Some(23));
    assert_eq!(words("dix-huit", Lang::Fr), Some(18));
    assert_eq!(words("soixante-dix-sept", Lang::Fr), Some(77));
    assert_eq!(words("quatre-vingt-dix", Lang::Fr), Some(90));
    assert_eq!(words("quatre-vingts", Lang::Fr), Some(80));
    assert_eq!(words("vingt et un", Lang::Fr), Some(21));
    assert_eq!(words("deux cents", Lang::Fr), Some(200));
    assert_eq!(words("trois mille cinq cents", Lang::Fr), Some(3500));
    assert_eq!(words("deux millions", Lang::Fr), Some(2_000_000));
    assert_eq!(words("twenty-three", Lang::En), Some(23));
    assert_eq!(words("a hundred", Lang::En), Some(100));
    assert_eq!(words("one hundred and five", Lang::En), Some(105));
    assert_eq!(words("two thousand three hundred", Lang::En), Some(2300));
    assert_eq!(words("one million", Lang::En), Some(1_000_000));
    assert_eq!(words("dreiundzwanzig", Lang::De), Some(23));
    assert_eq!(words("zweihundertfünfzig", Lang::De), Some(250));
    assert_eq!(words("dreitausendeinhundert", Lang::De), Some(3100));
    assert_eq!(words("veintitrés", Lang::Es), Some(23));
    assert_eq!(words("treinta y dos", Lang::Es), Some(32));
    assert_eq!(words("doscientos cincuenta", Lang::Es), Some(250));
    assert_eq!(words("dos mil millones", Lang::Es), Some(2_000_000_000));
    // Two numbers side by side are not one.
    assert_eq!(words("deux trois", Lang::Fr), None);
    assert_eq!(words("twenty twenty", Lang::En), None);
    assert_eq!(words("dreiundeinsig", Lang::De), None);
}

#[test]
fn scales_multiply_numbers_in_digits() {
    assert_eq!(
        one("Le pays compte 3,5 millions d'habitants.", "fr", "3,5 millions").value,
        Some(3_500_000.0)
    );
    assert_eq!(one("Il faudrait 2 milliards.", "fr", "2 milliards").value, Some(2e9));
    assert_eq!(one("About 3.5 million people voted.", "en", "About 3.5 million").value, Some(3_500_000.0));
}

#[test]
fn vague_plurals_are_ranges_with_their_minimum_as_point() {
    let q = one("Des centaines de civils ont été blessés lors des heurts.", "fr", "Des centaines");
    assert_eq!((q.value, q.min, q.max, q.vague), (Some(200.0), Some(200.0), Some(999.0), true));
    assert_eq!((q.event, q.group), (Some(Event::Injured), Some(Group::Civilians)));

    let q = one("Des dizaines de policiers ont été blessés.", "fr", "Des dizaines");
    assert_eq!((q.value, q.min, q.max), (Some(20.0), Some(20.0), Some(99.0)));
    assert_eq!((q.event, q.group), (Some(Event::Injured), Some(Group::SecurityForces)));

    let q = one("Dozens of rebels were killed in the clashes.", "en", "Dozens");
    assert_eq!((q.value, q.min, q.max), (Some(20.0), Some(20.0), Some(99.0)));
    assert_eq!((q.event, q.group), (Some(Event::Killed), Some(Group::Militants)));

    let q = one("Des dizaines de milliers de personnes ont défilé.", "fr", "Des dizaines de milliers");
    assert_eq!((q.min, q.max), (Some(20_000.0), Some(99_999.0)));
    let q = one("Several hundred students gathered.", "en", "Several hundred");
    assert_eq!((q.min, q.max, q.group), (Some(200.0), Some(999.0), Some(Group::Civilians)));
    let q = one("Plusieurs centaines de personnes se sont rassemblées.", "fr", "Plusieurs centaines");
    assert_eq!((q.min, q.max, q.group), (Some(200.0), Some(999.0), Some(Group::People)));
    // People who demonstrate are protesters.
    let q = one("Quelques milliers de personnes ont défilé dimanche.", "fr", "Quelques milliers");
    assert_eq!((q.min, q.event, q.group), (Some(2000.0), None, Some(Group::Protesters)));
    let q = one("About 300 people marched to the square.", "en", "About 300");
    assert_eq!(q.group, Some(Group::Protesters));
}

#[test]
fn vague_quantifiers_and_approximate_units() {
    let q = one("Plusieurs gendarmes ont été blessés.", "fr", "Plusieurs");
    assert_eq!((q.value, q.min, q.max, q.vague), (Some(2.0), Some(2.0), Some(9.0), true));
    let q = one("Several soldiers died.", "en", "Several");
    assert_eq!((q.min, q.max, q.event), (Some(3.0), Some(9.0), Some(Event::Killed)));
    let q = one("Many civilians were wounded.", "en", "Many");
    assert_eq!((q.value, q.min, q.max), (Some(10.0), Some(10.0), None));
    let q = one("Une dizaine de personnes ont été interpellées.", "fr", "Une dizaine");
    assert_eq!((q.value, q.min, q.max, q.approx, q.vague), (Some(10.0), Some(8.0), Some(12.0), true, false));
    assert_eq!(q.event, Some(Event::Arrested));
    let q = one("Une centaine de militaires sont arrivés.", "fr", "Une centaine");
    assert_eq!((q.min, q.max), (Some(80.0), Some(120.0)));
    assert_eq!(one("About a dozen people were hurt.", "en", "About a dozen").value, Some(12.0));
    // A "-aine" word that is no count: the sanitary quarantine.
    assert!(quantities("Il sort d'une quarantaine stricte.", "fr").is_empty());
}

#[test]
fn modifiers_bound_the_number() {
    let q = one("Au moins 15 personnes ont été tuées.", "fr", "Au moins 15");
    assert_eq!((q.value, q.min, q.max, q.min_exclusive), (Some(15.0), Some(15.0), None, false));
    let q = one("Plus de 200 manifestants ont été arrêtés.", "fr", "Plus de 200");
    assert_eq!((q.min, q.max, q.min_exclusive), (Some(200.0), None, true));
    let q = one("Jusqu'à 300 personnes sont portées disparues.", "fr", "Jusqu'à 300");
    assert_eq!((q.min, q.max, q.max_exclusive), (None, Some(300.0), false));
    let q = one("Moins de 50 blessés ont été soignés.", "fr", "Moins de 50");
    assert_eq!((q.max, q.max_exclusive), (Some(50.0), true));
    let q = one("Environ 40 civils ont été évacués.", "fr", "Environ 40");
    assert_eq!((q.approx, q.min, q.max), (true, None, None));
    let q = one("Près de 100 soldats ont péri.", "fr", "Près de 100");
    assert_eq!((q.approx, q.max, q.event), (true, Some(100.0), Some(Event::Killed)));
    assert_eq!(one("On compte 12 au moins.", "fr", "12 au moins").min, Some(12.0));
    let q = one("On compte 12 morts au moins.", "fr", "12");
    assert_eq!((q.min, q.max, q.event), (Some(12.0), None, Some(Event::Killed)));
    let q = one("More than 1,000 people were detained.", "en", "More than 1,000");
    assert_eq!((q.min, q.min_exclusive, q.event), (Some(1000.0), true, Some(Event::Arrested)));
    let q = one("Between 10 and 20 villagers are missing.", "en", "Between 10 and 20");
    assert_eq!((q.value, q.min, q.max, q.event), (Some(10.0), Some(10.0), Some(20.0), Some(Event::Missing)));
    let q = one("Up to 300 families were displaced.", "en", "Up to 300");
    assert_eq!((q.max, q.event), (Some(300.0), Some(Event::Displaced)));
}

#[test]
fn counts_attach_to_the_event_and_group_the_sentence_names() {
    assert_eq!(
        found("Trois soldats tués et deux civils blessés.", "fr"),
        [
            ("Trois".into(), Some(3.0), Some("killed"), Some("security_forces")),
            ("deux".into(), Some(2.0), Some("injured"), Some("civilians"))
        ]
    );
    assert_eq!(
        found("L'attentat a fait 12 morts, dont 4 policiers.", "fr"),
        [
            ("12".into(), Some(12.0), Some("killed"), None),
            ("4".into(), Some(4.0), Some("killed"), Some("security_forces"))
        ]
    );
    assert_eq!(
        found("L'armée a ouvert le feu, tuant sept personnes.", "fr"),
        [("sept".into(), Some(7.0), Some("killed"), Some("people"))]
    );
    // The rank phrase names the group of a bare casualty noun.
    let q = one("On déplore cinq morts dans les rangs des rebelles.", "fr", "cinq");
    assert_eq!((q.event, q.group), (Some(Event::Killed), Some(Group::Militants)));
    let q = one("Les heurts ont fait deux blessés parmi les forces de l'ordre.", "fr", "deux");
    assert_eq!((q.event, q.group), (Some(Event::Injured), Some(Group::SecurityForces)));
    let q = one("The riots left 14 dead among the protesters.", "en", "14");
    assert_eq!((q.event, q.group), (Some(Event::Killed), Some(Group::Protesters)));
    let q = one("Eleven members of the security forces were killed.", "en", "Eleven");
    assert_eq!((q.event, q.group), (Some(Event::Killed), Some(Group::SecurityForces)));
    // A count of places between the noun and its verb is skipped, and counts no casualty.
    assert_eq!(
        found("At least 40 students in 12 towns have been detained.", "en"),
        [
            ("At least 40".into(), Some(40.0), Some("arrested"), Some("civilians")),
            ("12".into(), Some(12.0), None, None)
        ]
    );
    // A casualty noun before the count, and the parts of a list after "dont".
    assert_eq!(one("Il a causé la mort de 15 passagers.", "fr", "15").event, Some(Event::Killed));
    assert_eq!(one("They condemned the killing of 9 miners.", "en", "9").event, Some(Event::Killed));
    assert_eq!(one("Elles sont victimes de deux attentats.", "fr", "deux").event, None);
    assert_eq!(
        found("Les combats ont fait 70 morts, dont 50 rebelles et 20 soldats.", "fr"),
        [
            ("70".into(), Some(70.0), Some("killed"), None),
            ("50".into(), Some(50.0), Some("killed"), Some("militants")),
            ("20".into(), Some(20.0), Some("killed"), Some("security_forces"))
        ]
    );
    // Coordinated counts share their verb.
    assert_eq!(
        found("Trois soldats et deux civils ont été tués.", "fr"),
        [
            ("Trois".into(), Some(3.0), Some("killed"), Some("security_forces")),
            ("deux".into(), Some(2.0), Some("killed"), Some("civilians"))
        ]
    );
    // A quoted vague word counts as well.
    let q = one("Selon l'armée, des « centaines » d'insurgés ont été éliminés.", "fr", "des « centaines");
    assert_eq!((q.event, q.group, q.vague), (Some(Event::Killed), Some(Group::Militants), true));
}

#[test]
fn active_verbs_count_their_object_not_their_subject() {
    assert_eq!(
        found("Deux policiers ont blessé trois manifestants.", "fr"),
        [
            ("Deux".into(), Some(2.0), None, Some("security_forces")),
            ("trois".into(), Some(3.0), Some("injured"), Some("protesters"))
        ]
    );
    assert_eq!(
        found("Gunmen killed 12 villagers and wounded 3 others.", "en"),
        [
            ("12".into(), Some(12.0), Some("killed"), Some("civilians")),
            ("3".into(), Some(3.0), Some("injured"), None)
        ]
    );
    assert_eq!(
        found("Four soldiers killed two civilians.", "en"),
        [
            ("Four".into(), Some(4.0), None, Some("security_forces")),
            ("two".into(), Some(2.0), Some("killed"), Some("civilians"))
        ]
    );
}

#[test]
fn tolls_and_passives_in_english() {
    let q = one("The death toll rose to 23 on Sunday.", "en", "23");
    assert_eq!(q.event, Some(Event::Killed));
    assert_eq!(one("The toll stood at 31.", "en", "31").event, Some(Event::Killed));
    let q = one("Nine people were shot dead at a checkpoint.", "en", "Nine");
    assert_eq!((q.event, q.group), (Some(Event::Killed), Some(Group::People)));
    let q = one("Police detained 40 demonstrators.", "en", "40");
    assert_eq!((q.event, q.group), (Some(Event::Arrested), Some(Group::Protesters)));
    let q = one("Le bilan s'élève désormais à 31.", "fr", "31");
    assert_eq!(q.event, Some(Event::Casualties));
    // An article counts one only when a casualty is said.
    assert_eq!(found("A police officer was stabbed and a man was arrested.", "en").len(), 1);
    assert_eq!(one("Un gendarme a été tué.", "fr", "Un").value, Some(1.0));
    assert!(found("Une manifestation a eu lieu dans un quartier.", "fr").is_empty());
}

#[test]
fn money_percentages_measures_years_and_dates_are_no_casualties() {
    let text = "Les dégâts atteignent 15 millions d'euros, 40 % des habitants ont fui. Il avait 25 ans. \
                En 2011, le 6 janvier à 03:06, il a marché 10 km.";
    let all = quantities(text, "fr");
    assert!(all.iter().all(|q| q.event.is_none()), "{:?}", found(text, "fr"));
    let kinds: Vec<(&str, Kind)> = all.iter().map(|q| (&text[q.start..q.end], q.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("15 millions d'euros", Kind::Money),
            ("40 %", Kind::Percent),
            ("25 ans", Kind::Measure),
            ("10 km", Kind::Measure)
        ]
    );
    let text = "In 2019, on March 3, $40 million and 12 percent of 300 tonnes were lost.";
    let kinds: Vec<Kind> = quantities(text, "en").iter().map(|q| q.kind).collect();
    assert_eq!(kinds, [Kind::Money, Kind::Percent, Kind::Measure]);
    // A year-like number that counts people is a count.
    assert_eq!(
        one("Quelque 2000 manifestants ont été interpellés.", "fr", "Quelque 2000").event,
        Some(Event::Arrested)
    );
}

#[test]
fn absences_are_marked_not_counted_as_zero() {
    let absent = |text: &str, lang: &str| -> Vec<(Option<Absence>, Option<Event>, Option<f64>)> {
        quantities(text, lang).iter().map(|q| (q.absent, q.event, q.value)).collect()
    };
    assert_eq!(absent("Aucun chiffre n'a été donné.", "fr"), [(Some(Absence::NoFigure), None, None)]);
    assert_eq!(absent("Il n'y a pas eu de victimes.", "fr")[..], []);
    assert_eq!(
        absent("L'incendie n'a fait pas de victimes.", "fr"),
        [(Some(Absence::None), Some(Event::Casualties), None)]
    );
    assert_eq!(
        absent("Aucun blessé n'est à déplorer.", "fr"),
        [(Some(Absence::None), Some(Event::Injured), None)]
    );
    assert_eq!(
        absent("There were no immediate casualty figures.", "en"),
        [(Some(Absence::NoFigure), Some(Event::Casualties), None)]
    );
    assert_eq!(
        absent("No one was killed in the blast.", "en"),
        [(Some(Absence::None), Some(Event::Killed), None)]
    );
    assert_eq!(absent("No evidence was found.", "en")[..], []);
}

#[test]
fn german_and_spanish_counts() {
    let q = one("Mindestens 23 Menschen wurden getötet.", "de", "Mindestens 23");
    assert_eq!((q.min, q.event, q.group), (Some(23.0), Some(Event::Killed), Some(Group::People)));
    let q = one("Dutzende Demonstranten wurden festgenommen.", "de", "Dutzende");
    assert_eq!(
        (q.min, q.max, q.event, q.group),
        (Some(20.0), Some(99.0), Some(Event::Arrested), Some(Group::Protesters))
    );
    assert_eq!(one("Dreiundzwanzig Soldaten starben.", "de", "Dreiundzwanzig").event, Some(Event::Killed));
    assert!(found("Am 6. Januar 2022 kam er.", "de").is_empty());
    let q = one("Al menos veintitrés personas murieron.", "es", "Al menos veintitrés");
    assert_eq!((q.value, q.event), (Some(23.0), Some(Event::Killed)));
    let q = one("Cientos de civiles resultaron heridos.", "es", "Cientos");
    assert_eq!((q.min, q.event, q.group), (Some(200.0), Some(Event::Injured), Some(Group::Civilians)));
    assert_eq!(one("Costó 1.500 euros.", "es", "1.500 euros").kind, Kind::Money);
    assert!(found("El 6 de enero de 2022.", "es").is_empty());
}

#[test]
fn unsupported_languages_give_nothing() {
    assert!(quantities("Dertig mensen zijn gedood.", "nl").is_empty());
}

#[test]
fn spans_are_byte_offsets_into_the_text() {
    let text = "« Près de 1\u{202f}000 » réfugiés ont été déplacés.";
    let q = one(text, "fr", "Près de 1\u{202f}000");
    assert_eq!(&text[q.number.0..q.number.1], "1\u{202f}000");
    assert_eq!(q.noun.map(|(a, b)| &text[a..b]), Some("réfugiés"));
    let json = to_json(&q, text);
    assert_eq!(json["value"], 1000);
    assert_eq!(json["event"], "displaced");
    assert_eq!(json["min"], serde_json::Value::Null);
}

#[test]
fn the_pipeline_adds_a_quantities_layer() {
    use storyline_doc::{Article, Language, MetaSource, Metadata, Provenance};
    let article = |text: &str, lang: &str| {
        let meta = Metadata {
            language: Some(Language { code: lang.into(), confidence: 1.0, source: MetaSource::Container }),
            ..Metadata::default()
        };
        Article::from_paragraphs(Provenance::new("a.txt", None, text.as_bytes()), meta, [text])
    };
    let mut a = article(
        "Selon l'armée, des dizaines de rebelles ont été tués. Le pont coûte 3 millions d'euros.",
        "fr",
    );
    crate::analyse(&mut a, &crate::Models::new());
    let layer = &a.layers["quantities"];
    let labels: Vec<(&str, &str)> = layer.iter().map(|q| (a.span_text(q.span), q.label.as_str())).collect();
    assert_eq!(labels, [("des dizaines", "killed"), ("3 millions d'euros", "money")]);
    let v = &layer[0].value;
    assert_eq!((v["value"].as_i64(), v["min"].as_i64(), v["max"].as_i64()), (Some(20), Some(20), Some(99)));
    assert_eq!(
        (v["group"].as_str(), v["noun"].as_str(), v["vague"].as_bool()),
        (Some("militants"), Some("rebelles"), Some(true))
    );

    let mut b = article("Aucun bilan n'a été communiqué.", "fr");
    crate::analyse(&mut b, &crate::Models::new());
    assert_eq!(b.layers["quantities"][0].label, "absent");
    assert_eq!(b.layers["quantities"][0].value["absent"], "no_figure");

    let mut c = article("Dertig mensen zijn gedood.", "nl");
    crate::analyse(&mut c, &crate::Models::new());
    assert!(c.layers["quantities"].is_empty());
}
