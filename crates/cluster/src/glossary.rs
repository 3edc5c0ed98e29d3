//! Chinese text read as the English words it stands for, so that a Chinese report and an
//! English one can be compared on what they are about, not only on the few places, dates and
//! amounts they share (see [`crate::interlingual`]).
//!
//! The glossary is compiled from CC-CEDICT (CC BY-SA 4.0; `scripts/build_zh_glossary.py`
//! says how): each headword of two or more characters, simplified and traditional, with the
//! English words of its first senses. Text is cut into words by longest match, the usual way
//! of segmenting Chinese with a dictionary; each word's English words become the content keys
//! an English article would have for them (`飓风` gives the key of `hurricane`, `纳斯达克`
//! that of `Nasdaq`). This is dictionary translation, word by word, with no sense
//! disambiguation: enough to bring a translation near its original, since TF-IDF weighs down
//! the common words whose senses are the most ambiguous.

use crate::features::content_key;
use crate::stem::Lang;
use flate2::read::GzDecoder;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::sync::OnceLock;
use storyline_codec::IdBuild;
use storyline_geo::{KeyHash, key_hash};

/// The compiled glossary, gzipped: `simplified TAB traditional-or-empty TAB english words`.
const EMBEDDED: &[u8] = include_bytes!("../data/zh-en.tsv.gz");

/// Chinese words with the English content keys they stand for.
#[derive(Debug, Default)]
pub struct Glossary {
    /// By the key hash of the headword: the hashes of a text's prefixes come one character
    /// at a time, with no string built or hashed twice.
    words: HashMap<u64, Box<[u64]>, IdBuild>,
    /// The longest headword, in characters.
    longest: usize,
}

/// A line of the glossary that could not be read.
#[derive(Debug)]
pub struct GlossaryError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for GlossaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "glossary line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for GlossaryError {}

impl Glossary {
    /// The glossary that ships in the binary, read on first use.
    pub fn embedded() -> &'static Glossary {
        static G: OnceLock<Glossary> = OnceLock::new();
        G.get_or_init(|| {
            let mut text = Vec::new();
            GzDecoder::new(EMBEDDED).read_to_end(&mut text).expect("the embedded glossary is gzip");
            Glossary::read(&text[..]).expect("the embedded glossary parses")
        })
    }

    /// Reads a glossary in the compiled format.
    pub fn read(input: impl Read) -> Result<Glossary, GlossaryError> {
        let mut g = Glossary::default();
        for (n, line) in BufReader::new(input).lines().enumerate() {
            let line = line.map_err(|e| GlossaryError { line: n + 1, message: e.to_string() })?;
            if line.is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(simplified), Some(traditional), Some(english), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                return Err(GlossaryError {
                    line: n + 1,
                    message: "expected three tab-separated fields".into(),
                });
            };
            let mut keys: Vec<u64> = english.split(' ').filter_map(|w| content_key(w, Lang::En)).collect();
            keys.dedup();
            if keys.is_empty() || simplified.is_empty() {
                continue;
            }
            let keys: Box<[u64]> = keys.into();
            for headword in [simplified, traditional].into_iter().filter(|h| !h.is_empty()) {
                g.longest = g.longest.max(headword.chars().count());
                g.words.entry(key_hash(headword)).or_insert_with(|| keys.clone());
            }
        }
        Ok(g)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Calls `key` with the English keys of each word of `han`, a run of Han characters,
    /// cut by longest match from the left; characters that begin no known word are skipped.
    pub fn gloss(&self, han: &str, key: &mut impl FnMut(u64)) {
        let chars: Vec<char> = han.chars().collect();
        // prefixes[n - 1]: the key hash of the n characters from the current position.
        let mut prefixes = Vec::with_capacity(self.longest);
        let mut at = 0;
        while at < chars.len() {
            prefixes.clear();
            let mut h = KeyHash::new();
            for c in chars[at..].iter().take(self.longest) {
                h.bytes(c.encode_utf8(&mut [0u8; 4]).as_bytes());
                prefixes.push(h.finish());
            }
            let found = (2..=prefixes.len())
                .rev()
                .find_map(|n| self.words.get(&prefixes[n - 1]).map(|keys| (n, keys)));
            match found {
                Some((n, keys)) => {
                    keys.iter().for_each(|&k| key(k));
                    at += n;
                }
                None => at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(g: &Glossary, han: &str) -> Vec<u64> {
        let mut keys = Vec::new();
        g.gloss(han, &mut |k| keys.push(k));
        keys
    }

    #[test]
    fn longest_match_wins_and_both_scripts_are_read() {
        let g =
            Glossary::read("图书\t圖書\tbooks\n图书馆\t圖書館\tlibrary\n馆长\t館長\tcurator\n".as_bytes())
                .unwrap();
        // 图书馆 | 长 (no word): not 图书 | 馆长.
        assert_eq!(keys_of(&g, "图书馆长"), [key_hash("library")]);
        assert_eq!(keys_of(&g, "圖書"), [key_hash("book")]);
    }

    #[test]
    fn english_words_become_content_keys() {
        let g =
            Glossary::read("逮捕\t\tto arrest apprehend\n纳斯达克\t納斯達克\tNASDAQ\n".as_bytes()).unwrap();
        // "to" is a stopword; "arrest" keeps its stem; a proper noun is keyed as written.
        assert_eq!(keys_of(&g, "逮捕"), [key_hash("arrest"), key_hash("apprehend")]);
        assert_eq!(keys_of(&g, "納斯達克"), [key_hash("nasdaq")]);
    }

    #[test]
    fn a_malformed_line_is_named() {
        let e = Glossary::read("好的\tok\n".as_bytes()).unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn the_embedded_glossary_translates_news_words() {
        let g = Glossary::embedded();
        assert!(g.len() > 100_000, "{}", g.len());
        assert_eq!(keys_of(g, "飓风"), [key_hash("hurricane")]);
        // Traditional characters reach the same words as simplified ones.
        assert_eq!(keys_of(g, "聯合國"), keys_of(g, "联合国"));
    }
}
