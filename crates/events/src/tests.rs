//! Invented sentences, French and English, one or more per sub-type family.

use crate::{Lang, SubType, classify, type_text};

#[track_caller]
fn typed(text: &str, lang: Lang, expected: SubType) {
    let got = classify(text, lang);
    assert_eq!(got.map(|(s, _)| s), Some(expected), "{text:?}: {:?}", crate::ranked(text, lang));
}

use Lang::{En, Fr};
use SubType::*;

#[test]
fn battles() {
    typed("Rebels and government troops clashed for hours near the river crossing.", En, ArmedClash);
    typed("De violents affrontements ont opposé l'armée aux rebelles près de la frontière.", Fr, ArmedClash);
    typed("Militants attacked an army checkpoint on the northern road.", En, ArmedClash);
    typed(
        "The army recaptured the town of Velmora from the insurgents on Sunday.",
        En,
        GovernmentRegainsTerritory,
    );
    typed("L'armée a repris le contrôle de la localité après deux jours.", Fr, GovernmentRegainsTerritory);
    typed(
        "Insurgents seized the town of Velmora after a night of fighting.",
        En,
        NonStateActorOvertakesTerritory,
    );
    typed("Les jihadistes se sont emparés de la ville de Korvani.", Fr, NonStateActorOvertakesTerritory);
}

#[test]
fn who_takes_a_place_decides_whose_gain_it_is() {
    // Same verb, the actor changes the sub-type; a passive verb turns the actor into the loser.
    typed("Government forces captured the village of Orsk Lannet.", En, GovernmentRegainsTerritory);
    typed("Rebel fighters captured the village of Orsk Lannet.", En, NonStateActorOvertakesTerritory);
    typed("The militants were pushed back from the hills around the town.", En, GovernmentRegainsTerritory);
    // A captured person is no territory.
    assert_ne!(
        classify("Rebels captured a soldier.", En).map(|s| s.0),
        Some(NonStateActorOvertakesTerritory)
    );
}

#[test]
fn explosions_and_remote_violence() {
    typed("Warplanes carried out airstrikes on rebel positions overnight.", En, AirOrDroneStrike);
    typed("Des frappes aériennes ont visé un dépôt dans la nuit.", Fr, AirOrDroneStrike);
    typed("Jets fired missiles at a bridge on the main road.", En, AirOrDroneStrike);
    typed("A suicide bomber blew himself up at a checkpoint, killing six soldiers.", En, SuicideBomb);
    typed("Un kamikaze s'est fait exploser devant un commissariat.", Fr, SuicideBomb);
    typed("A roadside bomb exploded as a convoy passed.", En, RemoteExplosive);
    typed("Un engin explosif improvisé a explosé au passage d'une patrouille.", Fr, RemoteExplosive);
    typed("Militants hurled a grenade at a police post during clashes.", En, Grenade);
    typed("Une grenade a été lancée contre un marché bondé.", Fr, Grenade);
    typed("Artillery shelling hit residential districts overnight.", En, ShellingArtilleryMissile);
    typed("Des tirs d'obus ont frappé le quartier nord.", Fr, ShellingArtilleryMissile);
    typed("Dozens suffered from asphyxia after a chlorine gas attack on the town.", En, ChemicalWeapon);
    typed("Une attaque chimique au gaz toxique a frappé un village.", Fr, ChemicalWeapon);
}

#[test]
fn violence_against_civilians() {
    typed("Gunmen opened fire on villagers at a market, killing nine.", En, Attack);
    typed("Des hommes armés ont ouvert le feu sur des villageois.", Fr, Attack);
    typed("Armed men kidnapped two aid workers on the road to the airport.", En, Abduction);
    typed("Deux humanitaires ont été enlevés par des hommes armés.", Fr, Abduction);
    typed("Soldiers were accused of raping women in the camp.", En, SexualViolence);
    typed("Des femmes ont été violées par des miliciens.", Fr, SexualViolence);
}

#[test]
fn protests_by_how_they_were_met() {
    typed("Thousands of protesters marched peacefully through the capital.", En, PeacefulProtest);
    typed("Des milliers de manifestants ont défilé dans le calme.", Fr, PeacefulProtest);
    typed("Police fired tear gas to disperse the protesters.", En, ProtestWithIntervention);
    typed("La police a dispersé les manifestants à coups de gaz lacrymogène.", Fr, ProtestWithIntervention);
    typed("Security forces opened fire on protesters, killing twelve.", En, ExcessiveForceAgainstProtesters);
    typed(
        "Les forces de l'ordre ont tiré à balles réelles sur les manifestants, faisant trois morts.",
        Fr,
        ExcessiveForceAgainstProtesters,
    );
    // Violence by the demonstrators makes a riot, whatever the police did.
    typed("Protesters threw stones at the police, who answered with tear gas.", En, ViolentDemonstration);
    typed("Rioters torched cars in the old town.", En, ViolentDemonstration);
    typed("Des émeutiers ont incendié des voitures et pillé des magasins.", Fr, ViolentDemonstration);
    typed("An angry mob lynched a man accused of stealing a goat.", En, MobViolence);
}

#[test]
fn strategic_developments() {
    typed("The two parties signed a ceasefire agreement on Friday.", En, Agreement);
    typed("Les belligérants ont signé un accord de cessez-le-feu.", Fr, Agreement);
    typed("Police arrested three opposition leaders at dawn.", En, Arrests);
    typed("Trois opposants ont été interpellés à l'aube.", Fr, Arrests);
    typed("Soldiers found a weapons cache and defused two bombs.", En, DisruptedWeaponsUse);
    typed("La police a saisi des armes et des munitions lors d'une perquisition.", Fr, DisruptedWeaponsUse);
    typed("Troops set up a new military base near the border.", En, HeadquartersEstablished);
    typed("Looters ransacked shops in the city centre.", En, LootingPropertyDestruction);
    typed("The rebels withdrew from the town without a fight.", En, NonViolentTerritoryTransfer);
    typed("Dozens of fighters defected to the government side.", En, ChangeToGroupActivity);
}

#[test]
fn the_strategic_kinds_the_product_follows() {
    typed("The government declared a state of emergency in the capital.", En, StateOfEmergency);
    typed("Le gouvernement a décrété l'état d'urgence dans la région.", Fr, StateOfEmergency);
    typed("Un couvre-feu a été instauré de 22 heures à 6 heures.", Fr, Curfew);
    typed("A night curfew was imposed on the port city.", En, Curfew);
    typed("The cabinet resigned on Wednesday after a week of unrest.", En, GovernmentResignation);
    typed("Le gouvernement a démissionné mercredi.", Fr, GovernmentResignation);
    typed("Authorities cut internet access across the country.", En, CommunicationShutdown);
    typed("Les autorités ont coupé l'accès à Internet dans tout le pays.", Fr, CommunicationShutdown);
    typed("Fuel prices doubled overnight after subsidies were lifted.", En, EconomicMeasure);
    typed("La hausse des prix du gaz a provoqué la colère.", Fr, EconomicMeasure);
    typed("The president asked allied countries for military help.", En, ForeignHelpRequest);
    typed("Le président a demandé l'aide militaire d'une alliance régionale.", Fr, ForeignHelpRequest);
    // They are scored as the CASE labels ACLED would file them under.
    assert_eq!(Curfew.case_label(), "CHANGE_TO_GROUP_ACT");
    assert_eq!(ForeignHelpRequest.case_label(), "DIPLO");
}

#[test]
fn outside_acled() {
    typed("A magnitude 6.1 earthquake struck the coastal region.", En, NaturalDisaster);
    typed("Des inondations ont fait dix morts dans la vallée.", Fr, NaturalDisaster);
    typed("A passenger train derailed, injuring forty people.", En, ManMadeDisaster);
    typed("Police dismantled a drug trafficking ring in the harbour.", En, OrganizedCrime);
    typed("The foreign ministry summoned the ambassador over the remarks.", En, Diplomatic);
    typed("A jihadist group claimed responsibility for the bombing.", En, Attribution);
    typed("Le groupe a revendiqué l'attentat à la bombe.", Fr, Attribution);
}

#[test]
fn negated_cues_do_not_count() {
    assert_eq!(classify("No protest took place on Sunday.", En), None);
    assert_eq!(classify("Aucun manifestant n'a été arrêté.", Fr), None);
    let blast = type_text("No one was killed in the blast.", En);
    assert_eq!(blast.best().map(|s| s.sub_type), Some(RemoteExplosive));
    let killed: Vec<_> = blast.hits.iter().filter(|h| h.cue.starts_with("kill")).collect();
    assert!(!killed.is_empty() && killed.iter().all(|h| h.negated), "{killed:?}");
    // Without the negation the same words count.
    let counted = type_text("Two were killed in the blast.", En);
    assert!(counted.hits.iter().any(|h| h.cue.starts_with("kill") && h.counts()));
}

#[test]
fn demands_and_threats_are_not_events_done() {
    typed("Protesters demanded that the president resign.", En, PeacefulProtest);
    typed("Les manifestants exigent la démission du gouvernement.", Fr, PeacefulProtest);
    typed("The president resigned after the protests.", En, GovernmentResignation);
}

#[test]
fn text_without_an_event_has_none() {
    assert_eq!(classify("The museum opens a new wing of modern paintings.", En), None);
    assert_eq!(classify("Le musée ouvre une nouvelle aile consacrée à la peinture.", Fr), None);
}

mod layer {
    use crate::events;
    use storyline_analyse::{Models, analyse};
    use storyline_doc::{
        Annotation, Article, DatedBy, Language, MetaSource, Metadata, PartialDateTime, Provenance, Span,
    };

    fn article(text: &str, lang: &str, dated: bool) -> Article {
        let meta = Metadata {
            language: Some(Language { code: lang.into(), confidence: 1.0, source: MetaSource::Container }),
            published: dated
                .then(|| DatedBy::new(PartialDateTime::day(2023, 5, 12).unwrap(), MetaSource::Container)),
            ..Metadata::default()
        };
        let mut a = Article::from_paragraphs(Provenance::new("a.txt", None, text.as_bytes()), meta, [text]);
        analyse(&mut a, &Models::new());
        a
    }

    /// Entities as the NER would give them, found by their text.
    fn with_entities(a: &mut Article, names: &[(&str, &str)]) {
        let entities = names
            .iter()
            .map(|&(name, label)| {
                let start = a.text.find(name).unwrap();
                Annotation {
                    span: Span::new(start, start + name.len()),
                    label: label.into(),
                    value: Default::default(),
                }
            })
            .collect();
        a.layers.insert("entities".into(), entities);
    }

    #[test]
    fn one_mention_per_event_sentence_with_its_arguments() {
        let text = "The museum reopened its doors. On Tuesday, the Velmora Guard opened fire on \
            protesters in Ostrava Nova, reportedly killing four. No one was arrested.";
        let mut a = article(text, "en", true);
        with_entities(&mut a, &[("Velmora Guard", "ORG"), ("Ostrava Nova", "LOC")]);
        let found = events(&a);
        assert_eq!(found.len(), 1, "{found:#?}");
        let e = &found[0];
        assert_eq!(e.label, "excessive_force_against_protesters");
        assert_eq!(e.value["sentence"], 1);
        assert_eq!(e.value["case"], "FORCE_AGAINST_PROTEST");
        assert_eq!(e.value["type"], "protests");
        assert_eq!(a.span_text(e.span), e.value["trigger"].as_str().unwrap());
        assert_eq!(e.value["actors"][0]["text"], "Velmora Guard");
        assert_eq!(e.value["actors"][0]["side"], "subject");
        assert_eq!(e.value["places"][0]["text"], "Ostrava Nova");
        assert_eq!(e.value["time"]["source"], "sentence");
        assert_eq!(e.value["time"]["value"], "2023-05-09");
        assert!(e.value["hedged"].as_array().unwrap().iter().any(|h| h == "reportedly"), "{e:#?}");
        // The third sentence's arrest is negated: no mention for it.
        assert!(found.iter().all(|e| e.value["sentence"] != 2));
    }

    #[test]
    fn time_falls_back_to_the_article_date_and_layers_of_colleagues_are_read_if_there() {
        let text = "Des émeutiers ont incendié la mairie.";
        let mut a = article(text, "fr", true);
        a.layers.insert(
            "quantities".into(),
            vec![Annotation { span: Span::new(0, 3), label: "count".into(), value: Default::default() }],
        );
        let found = events(&a);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "violent_demonstration");
        assert_eq!(found[0].value["time"]["source"], "article_date");
        assert_eq!(found[0].value["time"]["value"], "2023-05-12");
        assert_eq!(found[0].value["quantities"].as_array().unwrap().len(), 1);
        // The analyse stage found nobody saying it: no attribution is copied.
        let attributions = found[0].value.get("attributions");
        assert!(attributions.is_none_or(|a| a.as_array().is_some_and(Vec::is_empty)), "{attributions:?}");

        let undated = article(text, "fr", false);
        assert_eq!(events(&undated)[0].value["time"], serde_json::Value::Null);
    }

    #[test]
    fn a_language_without_lexicon_has_no_events() {
        let a = article("Rioters torched cars in the old town.", "de", true);
        assert!(events(&a).is_empty());
    }
}
