//! Invented sentences, one shape of attribution each.

use super::*;
use crate::sentences::sentences;
use crate::tokenize::tokenize;

/// What a test reads of an attribution: texts instead of spans.
#[derive(Debug, PartialEq)]
struct Seen<'a> {
    kind: Kind,
    content: &'a str,
    source: Option<&'a str>,
    resolved: Option<&'a str>,
    cue: Option<&'a str>,
    via: Vec<&'a str>,
    hedges: Vec<&'a str>,
}

fn find_with<'a>(text: &'a str, lang: &str, entities: &[Annotation]) -> Vec<Seen<'a>> {
    let toks = tokenize(text);
    let sents = sentences(text, &toks);
    let at = |s: Span| &text[s.range()];
    attributions(text, lang, &toks, &sents, entities)
        .into_iter()
        .map(|a| Seen {
            kind: a.kind,
            content: at(a.content),
            source: a.source.map(|s| at(s.span)),
            resolved: a.source.and_then(|s| s.resolved).map(at),
            cue: a.cue.map(at),
            via: a.via.iter().map(|&s| at(s)).collect(),
            hedges: a.hedges.iter().map(|&s| at(s)).collect(),
        })
        .collect()
}

fn find<'a>(text: &'a str, lang: &str) -> Vec<Seen<'a>> {
    find_with(text, lang, &[])
}

/// The only attribution of `text`.
fn one<'a>(text: &'a str, lang: &str) -> Seen<'a> {
    let mut all = find(text, lang);
    assert_eq!(all.len(), 1, "{all:#?}");
    all.remove(0)
}

#[test]
fn a_casualty_claim_after_selon_is_the_sources() {
    let a = one("Selon les pompiers, douze personnes ont été blessées lors de l'incendie.", "fr");
    assert_eq!(a.kind, Kind::AccordingTo);
    assert_eq!(a.source, Some("les pompiers"));
    assert_eq!(a.cue, Some("Selon"));
    assert_eq!(a.content, "douze personnes ont été blessées lors de l'incendie");
    assert!(a.hedges.is_empty());
}

#[test]
fn adjuncts_at_the_head_the_tail_or_inside() {
    let a = one("D'après la préfecture, la route restera fermée.", "fr");
    assert_eq!(
        (a.source, a.cue, a.content),
        (Some("la préfecture"), Some("D'après"), "la route restera fermée")
    );
    let a = one("La route restera fermée jusqu'à lundi, selon la préfecture.", "fr");
    assert_eq!((a.source, a.content), (Some("la préfecture"), "La route restera fermée jusqu'à lundi"));
    let a = one("Three ferries were cancelled, according to the port authority.", "en");
    assert_eq!((a.source, a.cue), (Some("the port authority"), Some("according to")));
    assert_eq!(a.content, "Three ferries were cancelled");
    let a = one("According to the harbour master, three ferries were cancelled.", "en");
    assert_eq!((a.source, a.content), (Some("the harbour master"), "three ferries were cancelled"));
    let a = one("Le pont, selon les ingénieurs, a cédé sous le poids.", "fr");
    assert_eq!(a.content, "Le pont, selon les ingénieurs, a cédé sous le poids");
}

#[test]
fn speech_verbs_with_their_subject_first() {
    let a = one("Le maire a déclaré mardi que la piscine fermerait en juin.", "fr");
    assert_eq!(a.kind, Kind::Reported);
    assert_eq!((a.source, a.cue), (Some("Le maire"), Some("a déclaré")));
    assert_eq!(a.content, "la piscine fermerait en juin");
    let a = one("The county sheriff said on Monday that two deputies were hurt.", "en");
    assert_eq!(
        (a.source, a.cue, a.content),
        (Some("The county sheriff"), Some("said"), "two deputies were hurt")
    );
    let a = one("A hospital spokeswoman said the patients were stable.", "en");
    assert_eq!((a.source, a.content), (Some("A hospital spokeswoman"), "the patients were stable"));
    let a = one("La ministre a également affirmé que le budget serait voté.", "fr");
    assert_eq!((a.source, a.cue), (Some("La ministre"), Some("a également affirmé")));
    // The conditional of reported speech is not a hedge.
    assert!(a.hedges.is_empty(), "{a:?}");
}

#[test]
fn a_second_verb_shares_the_subject_of_the_first() {
    let a = one("La députée a quitté la salle et a déclaré que le vote était truqué.", "fr");
    assert_eq!((a.source, a.cue, a.content), (Some("La députée"), Some("a déclaré"), "le vote était truqué"));
}

#[test]
fn a_quoted_word_further_on_is_not_the_statement() {
    assert!(find("Les secouristes signalent des \"centaines\" de sinistrés.", "fr").is_empty());
}

#[test]
fn denied_suspended_or_ambiguous_cues_attribute_nothing() {
    assert!(find("Le tarif varie selon les saisons.", "fr").is_empty());
    assert!(find("Fees vary according to the season.", "en").is_empty());
    assert!(find("Rien ne dit que le tarif baissera.", "fr").is_empty());
    assert!(find("The club would not say whether the coach had left.", "en").is_empty());
    assert!(find("Il faut une règle précise que chacun comprenne.", "fr").is_empty());
    assert!(find("The members states claims that it is legal.", "en").is_empty());
    // The same words as verbs do attribute.
    assert_eq!(one("« Le tarif baissera », précise-t-il.", "fr").cue, Some("précise-t-il"));
    assert_eq!(one("The ministry claimed that the dam was safe.", "en").cue, Some("claimed"));
}

#[test]
fn a_subject_in_apposition_before_the_verb() {
    let a = one("The lab's director, Ines Rook, says she is pleased with the results.", "en");
    assert_eq!(
        (a.source, a.content),
        (Some("The lab's director, Ines Rook"), "she is pleased with the results")
    );
    let a = one("The dam held, says the chief engineer.", "en");
    assert_eq!((a.source, a.content), (Some("the chief engineer"), "The dam held"));
}

#[test]
fn a_verb_needs_a_clause_to_be_a_statement() {
    // "declared" a state, "annoncé" a resignation: not statements.
    assert!(find("The governor declared a state of emergency.", "en").is_empty());
    assert!(find("Le club a annoncé le départ de son entraîneur.", "fr").is_empty());
    // A noun, not a verb.
    assert!(find("Le maire a lu la déclaration. Une note précise les horaires.", "fr").is_empty());
    assert!(find("The report was published in the United States yesterday.", "en").is_empty());
}

#[test]
fn tell_takes_a_listener_and_a_named_medium_relays() {
    let a = one("The coach told reporters the team would not travel.", "en");
    assert_eq!((a.source, a.cue, a.content), (Some("The coach"), Some("told"), "the team would not travel"));
    assert!(a.via.is_empty());
    let a = one("A senior engineer told the Daily Courier newspaper that the dam was safe.", "en");
    assert_eq!(a.source, Some("A senior engineer"));
    assert_eq!(a.via, ["the Daily Courier newspaper"]);
    assert_eq!(a.content, "the dam was safe");
    let a = one("Le directeur a indiqué à l'agence Belvox que l'usine rouvrirait.", "fr");
    assert_eq!(a.via, ["l'agence Belvox"]);
}

#[test]
fn quotations_with_the_cue_after_them() {
    let a = one("« Nous ne fermerons pas l'école », a déclaré la directrice.", "fr");
    assert_eq!(a.kind, Kind::Quote);
    assert_eq!((a.source, a.cue), (Some("la directrice"), Some("a déclaré")));
    assert_eq!(a.content, "Nous ne fermerons pas l'école");
    let a = one("\"We will rebuild the bridge,\" the mayor said.", "en");
    assert_eq!(
        (a.kind, a.source, a.content),
        (Kind::Quote, Some("the mayor"), "We will rebuild the bridge,")
    );
    let a = one("“The roads are closed,” said a police officer on Tuesday.", "en");
    assert_eq!((a.source, a.content), (Some("a police officer"), "The roads are closed,"));
}

#[test]
fn a_quotation_over_sentences_and_paragraphs_goes_to_the_cue_after_it() {
    let text = "\"The river rose overnight. Two villages were cut off.\n\n\"Help is on its way,\" the regional governor said.";
    let a = one(text, "en");
    assert_eq!(a.kind, Kind::Quote);
    assert_eq!(a.source, Some("the regional governor"));
    assert!(a.content.starts_with("The river rose") && a.content.ends_with("on its way,"), "{:?}", a.content);
}

#[test]
fn a_quote_before_its_speaker_colon() {
    let a = one("Le ministre a déclaré devant les députés : « Le texte sera retiré. »", "fr");
    assert_eq!((a.kind, a.source, a.content), (Kind::Quote, Some("Le ministre"), "Le texte sera retiré."));
}

#[test]
fn pronoun_sources_resolve_to_the_latest_named_source() {
    let text = "« Le barrage tiendra », a affirmé l'ingénieure en chef Maren Vasko. \
                « Aucune fissure n'a été trouvée », a-t-elle ajouté.";
    let all = find(text, "fr");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_eq!(all[1].source, Some("elle"));
    assert_eq!(all[1].cue, Some("a-t-elle ajouté"));
    assert_eq!(all[1].resolved, Some("l'ingénieure en chef Maren Vasko"));
    let all = find("Officials at the port said the strike was over. \"Ships can dock,\" he said.", "en");
    assert_eq!(all[1].source, Some("he"));
    assert_eq!(all[1].resolved, Some("Officials at the port"));
    // "I" is nobody's name.
    let text =
        "Officials at the port said the strike was over. \"I saw it,\" I said. \"Ships can dock,\" he said.";
    let all = find(text, "en");
    assert_eq!((all[1].source, all[1].resolved), (Some("I"), None));
    assert_eq!(all[2].resolved, Some("Officials at the port"));
    let one_fr = one("« Rien n'est décidé », poursuit-il.", "fr");
    assert_eq!((one_fr.source, one_fr.resolved), (Some("il"), None));
}

#[test]
fn a_pronoun_with_no_source_before_falls_back_on_a_person() {
    let text = "Dara Olsen visited the plant. \"It is safe,\" she said.";
    let person = Annotation { span: Span::new(0, 10), label: "PER".into(), value: Default::default() };
    let all = find_with(text, "en", &[person]);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].resolved, Some("Dara Olsen"));
}

#[test]
fn relays_are_split_into_one_per_name() {
    let text = "« La digue a cédé », a déclaré le chef des secours Tomas Brel, cité par les agences Norpress, Alvia et Kesta Info.";
    let a = one(text, "fr");
    assert_eq!(a.source, Some("le chef des secours Tomas Brel"));
    assert_eq!(a.via, ["Norpress", "Alvia", "Kesta Info"]);
    let a = one("\"Prices will rise,\" the minister said, quoted by the Harlow Times.", "en");
    assert_eq!((a.source, a.via), (Some("the minister"), vec!["the Harlow Times"]));
    let a = one("The mine will close, the owner said, according to local radio.", "en");
    assert_eq!((a.source, a.via, a.content), (Some("the owner"), vec!["local radio"], "The mine will close"));
}

#[test]
fn an_attribution_inside_another_is_relayed_by_it() {
    let a = one("Selon la radio locale, le maire a affirmé que le marché rouvrirait.", "fr");
    assert_eq!((a.source, a.via.clone()), (Some("le maire"), vec!["la radio locale"]));
    assert_eq!(a.content, "le marché rouvrirait");
    let a = one("Le maire a affirmé que le marché rouvrirait, rapporte la radio locale.", "fr");
    assert_eq!((a.source, a.via.clone()), (Some("Le maire"), vec!["la radio locale"]));
    assert_eq!(a.content, "le marché rouvrirait");
}

#[test]
fn hedges_in_attributed_content() {
    let a = one("Selon un témoin, le conducteur aurait pris la fuite.", "fr");
    assert_eq!(a.hedges, ["aurait"]);
    let a = one("Police said the suspect had allegedly stolen a car.", "en");
    assert_eq!(a.hedges, ["allegedly"]);
    let a = one("The fire appears to have started in the kitchen, a firefighter said.", "en");
    assert_eq!((a.source, a.hedges.clone()), (Some("a firefighter"), vec!["appears to"]));
}

#[test]
fn plain_conditionals_and_possession_are_no_hedges() {
    assert!(find("Le barrage aurait pu céder.", "fr").is_empty());
    assert!(find("Si la pluie continuait, la digue serait submergée.", "fr").is_empty());
    assert!(find("Thieves could have access to every account.", "en").is_empty());
    assert_eq!(one("The crew may have fled by boat.", "en").hedges, ["may have"]);
}

#[test]
fn a_subject_holds_no_modal_and_no_question_word() {
    assert!(find("This is where I tell the story.", "en").is_empty());
    let a = one("The plan would work, the mayor said.", "en");
    assert_eq!((a.source, a.content), (Some("the mayor"), "The plan would work"));
}

#[test]
fn hedged_sentences_without_a_source() {
    let all = find("Le réseau électrique semblait coupé. La mairie est fermée.", "fr");
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].kind, Kind::Hedge);
    assert_eq!((all[0].source, all[0].cue), (None, None));
    assert_eq!(all[0].content, "Le réseau électrique semblait coupé");
    assert_eq!(all[0].hedges, ["semblait"]);
    let a = one("The gunman is believed to have fled on foot.", "en");
    assert_eq!((a.kind, a.hedges.clone()), (Kind::Hedge, vec!["is believed to"]));
    // A hedge phrase is not an adjunct whose source is "toute vraisemblance".
    let a = one("Le feu a selon toute vraisemblance pris dans la cave.", "fr");
    assert_eq!((a.kind, a.hedges.clone()), (Kind::Hedge, vec!["selon toute vraisemblance"]));
}

#[test]
fn german_and_spanish_cues() {
    let a = one("Laut der Feuerwehr wurden drei Menschen verletzt.", "de");
    assert_eq!((a.source, a.cue), (Some("der Feuerwehr"), Some("Laut")));
    let a = one("Según la policía, tres personas resultaron heridas.", "es");
    assert_eq!((a.source, a.content), (Some("la policía"), "tres personas resultaron heridas"));
    let a = one("El alcalde dijo que el puente sería reparado.", "es");
    assert_eq!((a.source, a.cue), (Some("El alcalde"), Some("dijo")));
}

#[test]
fn unknown_languages_give_nothing() {
    assert!(find("Selon la police, rien.", "xx").is_empty());
}

#[test]
fn every_span_is_inside_the_text_and_the_content_never_empty() {
    let text = "« Oui », dit-il. Selon. According to, said. \" , a-t-il dit. Il a dit que.";
    for lang in ["fr", "en", "de", "es"] {
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        for a in attributions(text, lang, &toks, &sents, &[]) {
            assert!(!a.content.is_empty() && a.content.end <= text.len(), "{a:?}");
        }
    }
}
