//! How a word is usually written: the share of its occurrences, away from a sentence start,
//! that are capitalised. It tells a sentence-initial `Le` (always lower-case elsewhere) from
//! a sentence-initial `Reuters` (always capitalised), which spelling alone cannot. Learnt
//! from the training text without its tags, and stored in the model.

use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    map: super::memory::FastMap<String, u8>,
}

/// Words seen fewer times than this away from a sentence start get no bucket: their
/// capitalisation on the training data would be a fact about those few sentences only.
const MIN_COUNT: u32 = 2;

impl Lexicon {
    /// Counts capitalisation over tokenized sentences.
    pub fn build<'a, I, S>(sentences: I) -> Self
    where
        I: IntoIterator<Item = &'a [S]>,
        S: AsRef<str> + 'a,
    {
        let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
        for tokens in sentences {
            let mut after_opening = true;
            for tok in tokens {
                let tok = tok.as_ref();
                let Some(first) = tok.chars().next() else { continue };
                if first.is_alphabetic() && !after_opening {
                    let c = counts.entry(tok.to_lowercase()).or_default();
                    c.0 += 1;
                    c.1 += u32::from(first.is_uppercase());
                }
                after_opening =
                    matches!(tok, "\"" | "«" | "“" | "(" | ":" | "-" | "—" | "–" | "." | "[" | "'");
            }
        }
        let map = counts
            .into_iter()
            .filter(|(_, (n, _))| *n >= MIN_COUNT)
            .map(|(w, (n, cap))| {
                let r = f64::from(cap) / f64::from(n);
                let b = match r {
                    0.0 => 1,
                    r if r < 0.25 => 2,
                    r if r < 0.5 => 3,
                    r if r < 0.75 => 4,
                    r if r < 1.0 => 5,
                    _ => 6,
                };
                (w, b)
            })
            .collect();
        Lexicon { map }
    }

    /// 0 for an unknown word, 1 (never capitalised) to 6 (always).
    pub fn bucket(&self, lower: &str) -> u8 {
        self.map.get(lower).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries sorted by word, for a deterministic file.
    pub fn sorted(&self) -> Vec<(&str, u8)> {
        let mut v: Vec<(&str, u8)> = self.map.iter().map(|(k, &b)| (k.as_str(), b)).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, u8)>) -> Self {
        Lexicon { map: entries.into_iter().collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_capitalisation_away_from_the_sentence_start() {
        let sents: Vec<Vec<&str>> = vec![
            vec!["Le", "chat", "de", "Reuters", "."],
            vec!["Selon", "Reuters", ",", "le", "chat"],
            vec!["Reuters", "dit", "que", "le", "chat"],
        ];
        let lex = Lexicon::build(sents.iter().map(Vec::as_slice));
        assert_eq!(lex.bucket("reuters"), 6);
        assert_eq!(lex.bucket("le"), 1, "the sentence-initial Le does not count");
        assert_eq!(lex.bucket("chat"), 1);
        assert_eq!(lex.bucket("selon"), 0, "only seen at a sentence start");
        assert_eq!(lex.bucket("dit"), 0, "seen once");
    }
}
