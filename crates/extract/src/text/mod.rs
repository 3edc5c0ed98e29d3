//! Plain-text extraction: paragraphs out of text that was copied from a page, with the page's
//! furniture (advertising labels, "read more" links, subscription blurbs, video timestamps,
//! photo captions and credits) taken out.
//!
//! Each paragraph is judged on its own by its shape and vocabulary (see [`lexicon`]), never by
//! matching known phrases: interface text is short, unpunctuated and made only of interface
//! words; a caption ends with a credit or with the "place, date" trailer that agencies put on
//! photo captions; a promotional blurb ends with a subscription prompt.

pub mod lexicon;

use crate::dates::date_at_end;
use serde::Serialize;

/// Why a paragraph was taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Furniture {
    /// No letters at all: a video duration ("03:06"), a separator, a lone number.
    NoLetters,
    /// Only interface words: "Advertisement", "Read more", "Subscribe".
    Interface,
    /// A photo caption or credit.
    Caption,
    /// A promotional blurb ending with a subscription prompt.
    Promotion,
}

/// The paragraphs kept and those taken out, with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cleaned {
    pub paragraphs: Vec<String>,
    pub removed: Vec<(String, Furniture)>,
}

/// Most words an interface line has ("Continue reading the main story" has five).
const MAX_INTERFACE_WORDS: usize = 8;
/// Most words of a caption or a promotional blurb; longer paragraphs are article text.
const MAX_CAPTION_WORDS: usize = 60;

/// Splits `text` into paragraphs (blank-line separated; lines inside a paragraph are unwrapped)
/// and takes the furniture out.
pub fn clean(text: &str) -> Cleaned {
    let mut cleaned = Cleaned::default();
    for block in split_blocks(text) {
        let mut kept_lines = Vec::new();
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match classify(line) {
                Some(reason) => cleaned.removed.push((line.to_string(), reason)),
                None => kept_lines.push(line),
            }
        }
        if !kept_lines.is_empty() {
            cleaned.paragraphs.push(kept_lines.join(" "));
        }
    }
    cleaned
}

/// Whether one paragraph is page furniture, and which kind.
pub fn classify(paragraph: &str) -> Option<Furniture> {
    let p = paragraph.trim();
    if !p.chars().any(char::is_alphabetic) {
        return Some(Furniture::NoLetters);
    }
    let words = words(p);
    if is_interface(p, &words) {
        return Some(Furniture::Interface);
    }
    if words.len() <= MAX_CAPTION_WORDS {
        if ends_with_credit(p) || ends_with_caption_trailer(p) {
            return Some(Furniture::Caption);
        }
        if ends_with_subscription_prompt(p, &words) {
            return Some(Furniture::Promotion);
        }
    }
    None
}

fn split_blocks(text: &str) -> impl Iterator<Item = &str> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut blank_run_start = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            blank_run_start.get_or_insert(pos);
        } else if let Some(b) = blank_run_start.take() {
            blocks.push(&text[start..b]);
            start = pos;
        }
        pos += line.len();
    }
    blocks.push(&text[start..blank_run_start.unwrap_or(text.len())]);
    blocks.into_iter().filter(|b| !b.trim().is_empty())
}

/// Lower-cased words, elided articles split off ("m'abonne" → "m'", "abonne").
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-'))) {
        let w = raw.trim_matches(|c| matches!(c, '\'' | '’' | '-')).to_lowercase().replace('’', "'");
        if w.is_empty() {
            continue;
        }
        match w.find('\'') {
            Some(i) if i > 0 && i <= 2 && w.len() > i + 1 => {
                out.push(w[..=i].to_string());
                out.push(w[i + 1..].to_string());
            }
            _ => out.push(w),
        }
    }
    out
}

fn ends_sentence(p: &str) -> bool {
    let end = p.trim_end_matches(['"', '»', '”', ')', ' ']);
    end.ends_with(['.', '!', '?']) && !end.ends_with("...")
}

fn is_interface(p: &str, words: &[String]) -> bool {
    words.len() <= MAX_INTERFACE_WORDS
        && !ends_sentence(p)
        && words.iter().any(|w| lexicon::is_cue(w))
        && words
            .iter()
            .all(|w| lexicon::is_cue(w) || lexicon::is_glue(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// `... (Photo : TASS)`, `... (Crédit photo : X)`, `... (© AFP)`, `... REUTERS/Name`.
fn ends_with_credit(p: &str) -> bool {
    let t = p.trim_end().trim_end_matches('.');
    if let Some(inner) = t.strip_suffix(')').and_then(|s| s.rfind('(').map(|i| &s[i + 1..])) {
        let first = inner.trim_start().split([' ', ':', '/']).next().unwrap_or("").to_lowercase();
        if lexicon::CREDIT_CUES.contains(&first.as_str()) || inner.contains('©') {
            return true;
        }
    }
    // An agency credit as wire photos carry it: upper-case agency, slash, photographer.
    let last_words: Vec<&str> = t.split_whitespace().rev().take(3).collect();
    last_words.iter().any(|w| {
        w.split_once('/').is_some_and(|(agency, _)| {
            agency.chars().count() >= 2 && agency.chars().all(|c| c.is_uppercase() || c == '-')
        })
    }) || t.rsplit_once('©').is_some_and(|(_, after)| after.split_whitespace().count() <= 6)
}

/// One sentence closing with ", <preposition> <Place>[, <Region>], [le|on] <full date>" — the
/// trailer of agency photo captions ("..., à Lyon, le 3 mars 2021.").
fn ends_with_caption_trailer(p: &str) -> bool {
    let Some((_, date_at)) = date_at_end(p) else { return false };
    let before = p[..date_at].trim_end();
    if has_inner_sentence_break(before) {
        return false;
    }
    let before = before.trim_end_matches(',').trim_end();
    let before = ["le", "on", "am", "el", "il", "the"]
        .iter()
        .find_map(|w| before.strip_suffix(w).filter(|b| b.ends_with([' ', ','])))
        .unwrap_or(before)
        .trim_end()
        .trim_end_matches(',');
    let segments: Vec<&str> = before.split(',').map(str::trim).collect();
    // The place segment is one of the last two; anything after it is a capitalised region.
    segments.iter().rev().take(2).enumerate().any(|(i, seg)| {
        let mut ws = seg.split_whitespace();
        let starts_with_place = matches!(
            (ws.next(), ws.next()),
            (Some(prep), Some(place)) if lexicon::PLACE_PREPOSITIONS.contains(&prep.to_lowercase().as_str())
                && place.chars().next().is_some_and(char::is_uppercase)
        );
        let after_is_region = segments[segments.len() - i..]
            .iter()
            .all(|s| s.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase)));
        starts_with_place && after_is_region && segments.len() > i + 1
    })
}

/// A full stop followed by a capital inside the text: more than one sentence.
fn has_inner_sentence_break(text: &str) -> bool {
    let b: Vec<char> = text.chars().collect();
    b.windows(3).any(|w| matches!(w[0], '.' | '!' | '?') && w[1] == ' ' && w[2].is_uppercase())
}

/// A paragraph whose unpunctuated tail is an interface phrase holding a subscription cue
/// ("... chaque semaine Je m'abonne").
fn ends_with_subscription_prompt(p: &str, words: &[String]) -> bool {
    if ends_sentence(p) {
        return false;
    }
    let tail: Vec<&String> =
        words.iter().rev().take_while(|w| lexicon::is_cue(w) || lexicon::is_glue(w)).collect();
    tail.len() < words.len() && tail.iter().any(|w| lexicon::SUBSCRIBE_CUES.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interface_lines_go_and_headings_stay() {
        for line in
            ["Advertisement", "Continue reading the main story", "Lire aussi", "Anzeige", "Read more …"]
        {
            assert_eq!(classify(line), Some(Furniture::Interface), "{line}");
        }
        for line in
            ["La Russie vole au secours du pouvoir", "Read the full report here.", "Follow-up talks collapse"]
        {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn timestamps_and_separators_have_no_letters() {
        for line in ["12:45", "1:02:33", "* * *", "—"] {
            assert_eq!(classify(line), Some(Furniture::NoLetters), "{line}");
        }
    }

    #[test]
    fn captions_by_credit_and_by_trailer() {
        for line in [
            "Des soldats patrouillent dans le centre-ville (Photo : AP/.)",
            "Une rue inondée après l'orage (Crédit photo : Jean Dupont)",
            "Rescue workers search the rubble. REUTERS/Jane Doe",
            "Firefighters at the scene © Agence X",
            "Des habitants attendent devant la gare, à Lyon, le 3 mars 2021.",
            "Supporters gather outside the court, in Leeds, Britain, March 3, 2021.",
        ] {
            assert_eq!(classify(line), Some(Furniture::Caption), "{line}");
        }
        for line in [
            "Le parlement a voté la loi le 3 mars 2021.",
            "The court ruled in Leeds on March 3, 2021.",
            "Le ministre (photo) a démissionné hier. Il a été remplacé par son adjoint.",
        ] {
            assert_eq!(classify(line), None, "{line}");
        }
    }

    #[test]
    fn promotional_blurbs_end_with_a_subscription_prompt() {
        assert_eq!(
            classify("L'essentiel du jourNotre rédaction vous propose une sélection d'articles Je m'abonne"),
            Some(Furniture::Promotion)
        );
        assert_eq!(classify("Get the best of our coverage every week Sign up"), Some(Furniture::Promotion));
        assert_eq!(classify("Les abonnés sont nombreux à réagir à cette décision."), None);
    }

    #[test]
    fn clean_unwraps_lines_and_reports_what_it_removed() {
        let text =
            "Premier paragraphe qui\ncontinue ici.\n\nPublicité\n\n\n  Deuxième paragraphe.  \n12:05\n";
        let c = clean(text);
        assert_eq!(c.paragraphs, ["Premier paragraphe qui continue ici.", "Deuxième paragraphe."]);
        assert_eq!(
            c.removed,
            [("Publicité".to_string(), Furniture::Interface), ("12:05".to_string(), Furniture::NoLetters)]
        );
    }
}
