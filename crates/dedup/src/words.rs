//! The words an article is compared by: its text folded (case, diacritics, punctuation and
//! spacing gone), each word as a 64-bit hash.
//!
//! Diacritics are folded, not kept: republished copies lose or gain them (an ASCII-only wire
//! feed, a CMS that strips them), and two different articles never differ by accents alone
//! over a whole shingle. Folding is the gazetteer's [`storyline_geo::fold`], so a name keys
//! the same everywhere. Scripts written without spaces (Han, kana) give one word per
//! character, so that their shingles are short phrases and not whole sentences.

use std::hash::Hasher;
use storyline_codec::FastHasher;

/// The hashes of `text`'s words, in order.
pub fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    // Folded piece by piece: a whole text with one curly quote would take the slow Unicode
    // path of `fold` for every character, each ASCII piece takes its fast one.
    for piece in text.split_whitespace() {
        let folded = storyline_geo::fold(piece);
        push_words(&folded, &mut out);
    }
    out
}

fn push_words(folded: &str, out: &mut Vec<u64>) {
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        if word.is_ascii() || !word.chars().any(writes_no_spaces) {
            out.push(hash_word(word));
            continue;
        }
        let mut run_start = None;
        for (i, c) in word.char_indices() {
            if writes_no_spaces(c) {
                if let Some(s) = run_start.take() {
                    out.push(hash_word(&word[s..i]));
                }
                out.push(hash_word(&word[i..i + c.len_utf8()]));
            } else if run_start.is_none() {
                run_start = Some(i);
            }
        }
        if let Some(s) = run_start {
            out.push(hash_word(&word[s..]));
        }
    }
}

fn hash_word(word: &str) -> u64 {
    let mut h = FastHasher::default();
    h.write(word.as_bytes());
    h.finish()
}

/// Han ideographs and kana. (The tokenizer in `storyline-analyse` makes the same cut; this
/// crate does not depend on it, which would bring in the NER models and the gazetteer data.)
fn writes_no_spaces(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// SplitMix64's finaliser: spreads the bits of a combined hash, so that every output bit
/// depends on every input bit (the MinHash permutations assume uniform inputs).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The exact key: one hash of the whole word sequence, so that copies differing only in
/// case, accents, punctuation or spacing share it.
pub fn exact_key(words: &[u64]) -> u64 {
    words.iter().fold(0x243F_6A88_85A3_08D3, |h, &w| mix(h.rotate_left(23) ^ w))
}

/// The distinct shingles of `k` consecutive words, hashed and sorted. A text of fewer than
/// `k` words gives one shingle of all of them; an empty text none.
pub fn shingles(words: &[u64], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<u64> = words.windows(k.min(words.len())).map(exact_key).collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_accents_and_punctuation_do_not_count() {
        assert_eq!(word_hashes("Le Conseil a voté, hier."), word_hashes("le  conseil A VOTE hier"));
        assert_ne!(word_hashes("le conseil a voté"), word_hashes("le conseil a voté hier"));
    }

    #[test]
    fn han_characters_are_words_of_their_own() {
        assert_eq!(word_hashes("新加坡政府").len(), 5);
        assert_eq!(word_hashes("在2022年").len(), 3);
        assert_eq!(word_hashes("GDP增长"), [hash_word("gdp"), hash_word("增"), hash_word("长")]);
    }

    #[test]
    fn shingles_are_distinct_and_short_texts_get_one() {
        let w = word_hashes("a b a b a b");
        assert_eq!(shingles(&w, 2).len(), 2);
        assert_eq!(shingles(&word_hashes("two words"), 4).len(), 1);
        assert!(shingles(&[], 4).is_empty());
        assert_ne!(exact_key(&w[..2]), exact_key(&w[1..3]));
    }
}
