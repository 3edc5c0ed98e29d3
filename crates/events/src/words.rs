//! The folded words of a text, and the word patterns the lexicons are written in.
//!
//! Words come from the analyse stage's tokenizer and sentence splitter, folded as the
//! gazetteer folds names (lowercase, no diacritics, a hyphenated or elided token split at
//! its separators), so `Cease-fire`, `cease fire`, `l'accès` and `l acces` all read alike.

use storyline_analyse::sentences::sentences;
use storyline_analyse::tokenize::{TokenKind, tokenize};

/// One folded word and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    /// Byte range of the token it comes from.
    pub start: usize,
    pub end: usize,
    /// Index of its sentence in the text.
    pub sentence: usize,
}

/// The text's words in order, and the byte span of each sentence.
pub fn words(text: &str) -> (Vec<Word>, Vec<(usize, usize)>) {
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let mut out = Vec::with_capacity(tokens.len());
    for (n, s) in sents.iter().enumerate() {
        for t in &tokens[s.tokens.clone()] {
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                continue;
            }
            let raw = t.text(text);
            // English `n't` is a negation, not the letters n and t.
            let (stem, negated) = match raw.strip_suffix("n't").or_else(|| raw.strip_suffix("n’t")) {
                Some(stem) => (stem, true),
                None => (raw, false),
            };
            for part in storyline_geo::fold(stem).split(' ').filter(|p| !p.is_empty()) {
                out.push(Word { folded: part.to_string(), start: t.start, end: t.end, sentence: n });
            }
            if negated {
                out.push(Word { folded: "not".into(), start: t.start, end: t.end, sentence: n });
            }
        }
    }
    (out, sents.iter().map(|s| (s.start, s.end)).collect())
}

/// One element of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Element {
    /// The word itself.
    Exact(String),
    /// Any word starting so (`kill*`: kill, killed, killing, killings).
    Prefix(String),
    /// Any one word (`_`).
    Any,
    /// Up to [`GAP`] words, possibly none (`...`).
    Gap,
}

/// How many words `...` may skip: enough for a determiner and an adjective or two ("opened
/// fire on the peaceful crowd"), not so many that two clauses join.
const GAP: usize = 4;

/// A sequence of elements matched against consecutive words of one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(Vec<Element>);

impl Pattern {
    /// Reads `opened fire ... protest*`: words are folded like the text's, `*` ends a prefix,
    /// `_` is any word, `...` a short gap.
    pub fn parse(source: &str) -> Option<Pattern> {
        let mut elements = Vec::new();
        for raw in source.split_whitespace() {
            match raw {
                "_" => elements.push(Element::Any),
                "..." => elements.push(Element::Gap),
                _ => {
                    let (stem, prefix) = match raw.strip_suffix('*') {
                        Some(stem) => (stem, true),
                        None => (raw, false),
                    };
                    for part in storyline_geo::fold(stem).split(' ').filter(|p| !p.is_empty()) {
                        elements.push(Element::Exact(part.to_string()));
                    }
                    if prefix && let Some(Element::Exact(last)) = elements.pop() {
                        elements.push(Element::Prefix(last));
                    }
                }
            }
        }
        let well_formed = matches!(elements.first(), Some(Element::Exact(w) | Element::Prefix(w)) if !w.is_empty())
            && !matches!(elements.last(), Some(Element::Gap));
        well_formed.then_some(Pattern(elements))
    }

    /// The first character of the first word (patterns always start with a word).
    pub fn initial(&self) -> char {
        match &self.0[0] {
            Element::Exact(w) | Element::Prefix(w) => w.chars().next().unwrap_or(' '),
            Element::Any | Element::Gap => unreachable!("checked by Pattern::parse"),
        }
    }

    /// The end (exclusive) of the shortest match starting at word `at`, within its sentence.
    pub fn match_at(&self, words: &[Word], at: usize) -> Option<usize> {
        let sentence = words.get(at)?.sentence;
        let limit = words[at..].iter().position(|w| w.sentence != sentence).map_or(words.len(), |n| at + n);
        match_from(&self.0, &words[..limit], at)
    }
}

fn match_from(elements: &[Element], words: &[Word], at: usize) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else { return Some(at) };
    match first {
        Element::Gap => (0..=GAP).find_map(|skip| {
            let next = at + skip;
            (next <= words.len()).then(|| match_from(rest, words, next)).flatten()
        }),
        _ => {
            let word = &words.get(at)?.folded;
            let ok = match first {
                Element::Exact(w) => word == w,
                Element::Prefix(p) => word.starts_with(p.as_str()),
                _ => true,
            };
            if ok { match_from(rest, words, at + 1) } else { None }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        let p = Pattern::parse(pattern).unwrap();
        let (w, _) = words(text);
        (0..w.len()).any(|i| p.match_at(&w, i).is_some())
    }

    #[test]
    fn words_are_folded_and_split_at_separators() {
        let (w, sents) = words("Le cessez-le-feu a coupé l’accès. Police didn't come.");
        let folded: Vec<&str> = w.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            ["le", "cessez", "le", "feu", "a", "coupe", "l", "acces", "police", "did", "not", "come"]
        );
        assert_eq!(sents.len(), 2);
        assert_eq!(w[8].sentence, 1);
    }

    #[test]
    fn patterns_take_prefixes_gaps_and_wildcards() {
        assert!(matches("opened fire ... protest*", "Troops opened fire on the angry protesters."));
        assert!(!matches(
            "opened fire ... protest*",
            "Troops opened fire on a car, and later protesters came."
        ));
        assert!(matches("frappe* aerienne*", "Des frappes aériennes ont visé la ville."));
        assert!(matches("blew _ up", "He blew himself up."));
        assert!(!matches("blew _ up", "He blew up."));
        assert!(matches("cease fire", "A cease-fire holds."));
    }

    #[test]
    fn a_match_stays_within_its_sentence() {
        assert!(!matches("suicide ... bomber", "It was not suicide. The bomber fled."));
    }

    #[test]
    fn malformed_patterns_are_refused() {
        assert_eq!(Pattern::parse("... fire"), None);
        assert_eq!(Pattern::parse("fire ..."), None);
        assert_eq!(Pattern::parse(""), None);
    }
}
