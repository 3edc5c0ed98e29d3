//! Titles and roles: "le président", "the prime minister", "le porte-parole de la police".
//!
//! News names a person once with a title ("Le président X", "German Chancellor X"), then
//! often by the title alone ("le président a déclaré"). Within one article, a title that was
//! put before exactly one person's name stands for that person when it comes back alone.
//! Across articles a title alone is never joined: "the president" of one article is not that
//! of another.
//!
//! The role nouns are a closed, documented vocabulary per language (offices, ranks and
//! functions that news puts before names), not a list of people.

use storyline_analyse::tokenize::{Token, TokenKind, tokenize};

/// Role nouns, lowercased, one word or hyphenated (several-word roles are built from them:
/// "premier ministre" ends in "ministre", "prime minister" in "minister").
#[rustfmt::skip]
const ROLES: &[&str] = &[
    // French
    "président", "présidente", "ministre", "premier", "première", "porte-parole", "chef", "dirigeant",
    "dirigeante", "secrétaire", "roi", "reine", "prince", "princesse", "chancelier", "chancelière", "maire",
    "gouverneur", "gouverneure", "général", "générale", "colonel", "commandant", "juge", "procureur",
    "procureure", "ambassadeur", "ambassadrice", "directeur", "directrice", "pdg", "patron", "patronne",
    "député", "députée", "sénateur", "sénatrice", "pape", "émir", "cheikh", "ayatollah", "opposant",
    "opposante", "militant", "militante", "avocat", "avocate", "préfet", "préfète", "commissaire",
    // English
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "chancellor", "mayor", "governor",
    "general", "king", "queen", "pope", "leader", "chief", "ceo", "secretary", "ambassador", "director",
    "judge", "prosecutor", "senator", "congressman", "congresswoman", "lawmaker", "emir", "sheikh",
    "commander", "colonel", "activist", "lawyer", "premier",
    // German
    "präsident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "sprecher", "sprecherin",
    "bürgermeister", "bürgermeisterin", "könig", "königin", "chef", "chefin",
    // Spanish
    "presidente", "presidenta", "ministro", "ministra", "portavoz", "jefe", "jefa", "rey", "reina",
    "alcalde", "alcaldesa", "gobernador", "gobernadora", "general", "canciller", "fiscal",
];

/// The longest role noun, in bytes.
const MAX_ROLE_BYTES: usize = 16;

fn is_role(lowercased: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| ROLES.iter().copied().collect()).contains(lowercased)
}

/// Determiners before a title used alone.
const DETERMINERS: &[&str] = &[
    "le", "la", "l'", "l’", "au", "du", "the", "der", "die", "dem", "den", "el", "al", "ce", "cette", "this",
];

/// Small words allowed inside a title after its role noun ("de la police", "of state").
const LINKS: &[&str] =
    &["de", "du", "des", "la", "le", "l'", "l’", "d'", "d’", "of", "the", "for", "des", "del", "von"];

/// A title found before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    /// The role noun, lowercased.
    pub role: String,
    /// From the role noun to the name, lowercased, spaces collapsed.
    pub phrase: String,
    /// Byte offset of the role noun.
    pub start: usize,
}

/// [`title_before`] reading only the text just before the name (a title is a few words), so
/// that an article's names cost what their neighbourhood costs, not what the article does.
pub(crate) fn title_before_in(text: &str, name_start: usize) -> Option<Title> {
    let mut from = name_start.saturating_sub(TITLE_REACH_BYTES);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = &text[from..name_start];
    let tokens = tokenize(window);
    let found = title_before(window, &tokens, window.len())?;
    Some(Title { start: found.start + from, ..found })
}

/// How far back a title may begin: six words of a long language, with room to spare.
const TITLE_REACH_BYTES: usize = 160;

/// The title put right before a name starting at byte `name_start`.
pub(crate) fn title_before(text: &str, tokens: &[Token], name_start: usize) -> Option<Title> {
    let at = tokens.iter().position(|t| t.start >= name_start).unwrap_or(tokens.len());
    // Up to six words back, all words (no punctuation) between the role noun and the name.
    let from = at.saturating_sub(6);
    for i in (from..at).rev() {
        let t = tokens[i];
        if t.kind != TokenKind::Word {
            return None;
        }
        let w = t.text(text).to_lowercase();
        if is_role(&w) {
            let between_ok = tokens[i + 1..at].iter().all(|t| {
                let w = t.text(text);
                LINKS.contains(&w.to_lowercase().as_str())
                    || w.chars().next().is_some_and(char::is_lowercase)
                    || is_role(&w.to_lowercase())
                    // a complement's proper noun: "du Kazakhstan", "of State"
                    || tokens.get(i + 1).is_some_and(|n| LINKS.contains(&n.text(text).to_lowercase().as_str()))
            });
            if !between_ok {
                return None;
            }
            let phrase = text[t.start..tokens[at - 1].end].to_lowercase();
            let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
            return Some(Title { role: w, phrase, start: t.start });
        }
    }
    None
}

/// The byte offsets of role nouns used alone after a determiner ("le président a dit"), with
/// the role noun lowercased; `titles` are the offsets of role nouns that [`title_before`]
/// found before names, left out.
pub(crate) fn bare_titles(text: &str, tokens: &[Token], titles: &[usize]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind != TokenKind::Word || i == 0 {
            continue;
        }
        let raw = t.text(text);
        // Role nouns are short; most words are not one, and need no lowercased copy to say so.
        if raw.len() > MAX_ROLE_BYTES {
            continue;
        }
        let w = raw.to_lowercase();
        if !is_role(&w) || !DETERMINERS.contains(&tokens[i - 1].text(text).to_lowercase().as_str()) {
            continue;
        }
        if !titles.contains(&t.start) {
            out.push((t.start, w));
        }
    }
    out
}

pub(crate) fn tokens(text: &str) -> Vec<Token> {
    tokenize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, name: &str) -> Option<(String, String)> {
        let toks = tokens(text);
        title_before(text, &toks, text.find(name).unwrap()).map(|t| (t.role, t.phrase))
    }

    #[test]
    fn a_title_is_the_role_noun_and_what_follows_it_up_to_the_name() {
        assert_eq!(
            title("Selon le porte-parole de la police Jeanne Marchal, tout va bien.", "Jeanne"),
            Some(("porte-parole".into(), "porte-parole de la police".into()))
        );
        assert_eq!(
            title("Le président brésilien Paulo Mendes a parlé.", "Paulo"),
            Some(("président".into(), "président brésilien".into()))
        );
        assert_eq!(
            title("German Chancellor Helga Braun said so.", "Helga"),
            Some(("chancellor".into(), "chancellor".into()))
        );
        assert_eq!(title("Hier, Paulo Mendes a parlé.", "Paulo"), None);
        assert_eq!(title("Le président a reçu, mardi, Paulo Mendes.", "Paulo"), None, "punctuation between");
    }

    #[test]
    fn every_role_is_short_enough_to_be_looked_up() {
        assert!(ROLES.iter().all(|r| r.len() <= MAX_ROLE_BYTES && *r == r.to_lowercase()));
    }

    #[test]
    fn a_title_is_found_in_the_window_before_the_name_as_in_the_whole_text() {
        let text = "Longtemps muette, la ville a vu hier arriver la secrétaire d'État Léa Morvan.";
        let start = text.find("Léa").unwrap();
        let whole = title_before(text, &tokens(text), start).unwrap();
        assert_eq!(title_before_in(text, start), Some(whole.clone()));
        assert_eq!(whole.phrase, "secrétaire d'état");
    }

    #[test]
    fn bare_titles_skip_those_before_names() {
        let text = "Le ministre Ana Ruiz est venue. Le ministre a ensuite parlé au maire.";
        let toks = tokens(text);
        let titled = title_before(text, &toks, text.find("Ana").unwrap()).unwrap();
        let bare: Vec<String> =
            bare_titles(text, &toks, &[titled.start]).into_iter().map(|(_, w)| w).collect();
        assert_eq!(bare, ["ministre", "maire"]);
    }
}
