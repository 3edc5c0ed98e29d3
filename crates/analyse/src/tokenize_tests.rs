use super::*;

fn toks(text: &str) -> Vec<&str> {
    let tokens = tokenize(text);
    for t in &tokens {
        assert!(t.start < t.end, "empty token in {text:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
    }
    for w in tokens.windows(2) {
        assert!(w[0].end <= w[1].start, "overlapping tokens in {text:?}");
    }
    tokens.iter().map(|t| t.text(text)).collect()
}

#[test]
fn french_elisions_with_both_apostrophes() {
    assert_eq!(toks("l’armée qu’il d’Almaty n’a"), ["l’", "armée", "qu’", "il", "d’", "Almaty", "n’", "a"]);
    assert_eq!(toks("l'armée qu'il d'Almaty n'a"), ["l'", "armée", "qu'", "il", "d'", "Almaty", "n'", "a"]);
    assert_eq!(toks("jusqu’à lorsqu'on L’État"), ["jusqu’", "à", "lorsqu'", "on", "L’", "État"]);
    assert_eq!(toks("C'est s’emparer"), ["C'", "est", "s’", "emparer"]);
}

#[test]
fn word_internal_apostrophes_stay() {
    assert_eq!(toks("aujourd’hui aujourd'hui O'Brien"), ["aujourd’hui", "aujourd'hui", "O'Brien"]);
}

#[test]
fn closing_apostrophe_is_punctuation() {
    assert_eq!(toks("les enfants’ jeux"), ["les", "enfants", "’", "jeux"]);
    assert_eq!(toks("‘quoted’"), ["‘", "quoted", "’"]);
}

#[test]
fn english_clitics_split_as_in_conll() {
    assert_eq!(toks("Germany's plan"), ["Germany", "'s", "plan"]);
    assert_eq!(toks("We don't know"), ["We", "do", "n't", "know"]);
    assert_eq!(toks("they’re here"), ["they", "’re", "here"]);
}

#[test]
fn hyphenated_names_stay_whole() {
    assert_eq!(toks("Kassym-Jomart Tokayev à Nur-Sultan"), ["Kassym-Jomart", "Tokayev", "à", "Nur-Sultan"]);
    assert_eq!(toks("Interfax-Kazakhstan, COVID-19"), ["Interfax-Kazakhstan", ",", "COVID-19"]);
    assert_eq!(toks("a-t-il dit-elle"), ["a-t-il", "dit-elle"]);
}

#[test]
fn dashes_and_hyphens_apart_from_words_are_punctuation() {
    assert_eq!(toks("Paris - Lyon"), ["Paris", "-", "Lyon"]);
    assert_eq!(toks("vrai— faux"), ["vrai", "—", "faux"]);
    assert_eq!(toks("-ci"), ["-", "ci"]);
}

#[test]
fn quotes_and_guillemets_are_tokens() {
    assert_eq!(toks("«Non», dit-il. “Oui”"), ["«", "Non", "»", ",", "dit-il", ".", "“", "Oui", "”"]);
    assert_eq!(toks("« Non »"), ["«", "Non", "»"]);
    assert_eq!(toks("des \"dizaines\""), ["des", "\"", "dizaines", "\""]);
}

#[test]
fn numbers_with_spaces_and_decimals() {
    assert_eq!(toks("1 000 manifestants"), ["1 000", "manifestants"]);
    assert_eq!(toks("12\u{a0}500\u{202f}000 €"), ["12\u{a0}500\u{202f}000", "€"]);
    assert_eq!(toks("3,5 % et 3.5 et 1,000.25"), ["3,5", "%", "et", "3.5", "et", "1,000.25"]);
    assert_eq!(toks("en 2011 200 personnes"), ["en", "2011", "200", "personnes"]);
    assert_eq!(toks("les 3 000 1234"), ["les", "3 000", "1234"]);
    assert_eq!(toks("à 03:06 le 2022-01-06"), ["à", "03:06", "le", "2022-01-06"]);
    assert_eq!(toks("le 1er mai, 5G"), ["le", "1er", "mai", ",", "5G"]);
    // A trailing comma or period is not a decimal separator.
    assert_eq!(toks("en 2011, puis 2012."), ["en", "2011", ",", "puis", "2012", "."]);
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(toks("M. Dupont et Mme Durand"), ["M.", "Dupont", "et", "Mme", "Durand"]);
    assert_eq!(toks("Dr. Smith, J. K. Rowling"), ["Dr.", "Smith", ",", "J.", "K.", "Rowling"]);
    assert_eq!(toks("the U.S. army"), ["the", "U.S.", "army"]);
    assert_eq!(toks("e.g. this"), ["e.g.", "this"]);
    assert_eq!(toks("fin.Le début"), ["fin", ".", "Le", "début"]);
    assert_eq!(toks("Il est parti."), ["Il", "est", "parti", "."]);
}

#[test]
fn ellipsis_is_one_token() {
    assert_eq!(toks("Attendez... non… oui"), ["Attendez", "...", "non", "…", "oui"]);
}

#[test]
fn other_scripts() {
    assert_eq!(toks("Токаев заявил, что"), ["Токаев", "заявил", ",", "что"]);
    assert_eq!(toks("Καζακστάν και"), ["Καζακστάν", "και"]);
    assert_eq!(toks("كازاخستان؟"), ["كازاخستان", "؟"]);
    assert_eq!(toks("哈萨克斯坦。"), ["哈", "萨", "克", "斯", "坦", "。"]);
    // Devanagari vowel signs are combining marks and stay in the word.
    assert_eq!(toks("कज़ाख़स्तान में"), ["कज़ाख़स्तान", "में"]);
    // A decomposed accent stays with its letter.
    assert_eq!(toks("Toka\u{0308}ev dit"), ["Toka\u{0308}ev", "dit"]);
}

#[test]
fn urls_emails_and_symbols() {
    assert_eq!(
        toks("Voir https://example.org/a?b=1, ou écrire à a.b@example.org."),
        ["Voir", "https://example.org/a?b=1", ",", "ou", "écrire", "à", "a.b@example.org", "."]
    );
    assert_eq!(toks("50 $ + 👍🏽 !"), ["50", "$", "+", "👍🏽", "!"]);
}

#[test]
fn offsets_map_back_to_the_original_text() {
    let text = "  «Kassym-Jomart Tokayev», l’armée : 1 000 morts…\n\nAlmaty. ";
    let tokens = tokenize(text);
    let rebuilt: String = tokens.iter().map(|t| t.text(text)).collect();
    let without_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(rebuilt.replace(['\u{a0}', ' '], ""), without_space);
    assert_eq!(tokens[0].start, 2);
    assert_eq!(tokens.last().unwrap().end, text.trim_end().len());
}

#[test]
fn kinds() {
    let text = "Paris 2022 , € www.a.org";
    let kinds: Vec<_> = tokenize(text).into_iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [TokenKind::Word, TokenKind::Number, TokenKind::Punct, TokenKind::Symbol, TokenKind::Url]
    );
}

#[test]
fn empty_and_blank_text() {
    assert!(tokenize("").is_empty());
    assert!(tokenize(" \n\t\u{a0}\u{200b}").is_empty());
}
