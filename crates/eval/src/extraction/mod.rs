//! Article-extraction quality: the ScrapingHub shingle metric, the trafilatura
//! with/without-snippet metric, and a loader for benchmark folders in either layout.

pub mod dataset;
mod pyword;
pub mod shingles;
pub mod snippets;

pub use dataset::{Benchmark, Layout, Page, Score, Truth};

/// Whether Python's `re` counts `c` as a `\w` character (str patterns): letters, numbers
/// and `_`, but no combining marks. ScrapingHub's tokenizer is `\w+`, so this decides what
/// a token is.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let cp = c as u32;
    let table = &pyword::WORD_RANGES;
    // The last range starting at or before cp is the only one that can hold it.
    let i = table.partition_point(|&(start, _)| start <= cp);
    i > 0 && cp <= table[i - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_match_python() {
        for c in ['a', 'Z', '0', '_', 'é', 'ß', 'Ж', 'ا', '中', '٣', '²', 'ⅷ'] {
            assert!(is_word_char(c), "{c:?}");
        }
        for c in [' ', '-', '\'', '’', '\u{301}', '\u{93F}', '‿', '€', '\u{200d}', 'Ⓐ'] {
            assert!(!is_word_char(c), "{c:?}");
        }
        assert!(!is_word_char('\u{10FFFF}'));
    }
}
