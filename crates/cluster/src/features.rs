//! What the clusterer reads from an article: content terms, anchors and a day.
//!
//! Two channels, compared separately. *Content* terms are the stemmed content words (and
//! character bigrams for Han and kana text, which has no spaces): they say what the article is
//! about, within one language. *Anchors* are what survives translation: entity keys (see
//! [`EntityKeys`]), numbers of two digits or more, and capitalised Latin-script words where
//! the article has no entities (no NER model for its language, or Latin names inside Chinese
//! text). An English report and its Chinese or Malay version share few content terms but many
//! anchors.

use crate::glossary::Glossary;
use crate::interlingual::interlingual_anchors;
use crate::keys::EntityKeys;
use crate::stem::{Lang, stem};
use storyline_analyse::tokenize::{TokenKind, tokenize};
use storyline_doc::date::days_from_civil;
use storyline_doc::{Article, MetaSource, PartialDateTime};
use storyline_geo::{KeyHash, key_hash};

/// One article's features, as counts: weighting is the clusterer's (it owns the document
/// frequencies). Each list is sorted by key, keys unique.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    pub content: Vec<(u64, f32)>,
    pub anchors: Vec<(u64, f32)>,
    /// Anchors written the same way in every language (see [`crate::interlingual`]).
    pub interlingual: Vec<(u64, f32)>,
    /// The content keys of the English words the article's Chinese text stands for (see
    /// [`crate::glossary`]); empty for text in other scripts.
    pub glossed: Vec<(u64, f32)>,
    /// Publication day (days since 1970-01-01), when known to the day or month.
    pub day: Option<f64>,
    /// The article's language code, when identified: articles in one language are compared
    /// on content, across languages on anchors (see [`crate::Config::interlingual_weight`]).
    pub language: Option<String>,
}

/// Keys of the two channels live in one hash space; a salt keeps `paris` the content word
/// apart from `paris` the anchor.
const ANCHOR_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

/// Reads an analysed article (its `entities` and `sentences` layers; the text is tokenized
/// again, since the store does not keep the `tokens` layer).
pub fn features(article: &Article, keys: &dyn EntityKeys) -> Features {
    let lang = article.meta.language.as_ref().map_or(Lang::Other, |l| Lang::from_code(&l.code));
    let mut content = Vec::new();
    let mut anchors = Vec::new();
    let mut add_anchor = |k: &str| anchors.push(key_hash(k) ^ ANCHOR_SALT);
    // The title is weighed like any other sentence: it is part of the text in the MMDS layout,
    // and in extracted articles it is usually repeated as the first line.
    let text = &article.text;
    let entities = article.layers.get("entities").map(Vec::as_slice).unwrap_or_default();
    for e in entities {
        keys.keys(e, text, &mut add_anchor);
    }
    let name_guesses = entities.is_empty();
    let sentence_starts: Vec<usize> =
        article.layers.get("sentences").map(|s| s.iter().map(|a| a.span.start).collect()).unwrap_or_default();
    let tokens = tokenize(text);
    let mut interlingual = Vec::new();
    interlingual_anchors(text, &tokens, &mut |k| interlingual.push(k));
    let glossary = Glossary::embedded();
    let mut glossed = Vec::new();
    // The run of Han characters read so far (glossed as one when it ends), where it ends.
    let mut han_run = String::new();
    let mut han_run_end = 0;
    // The previous Han or kana character and where it ended, for bigrams across tokens.
    let mut previous_han: Option<(usize, char)> = None;
    for (i, t) in tokens.iter().enumerate() {
        let word = t.text(text);
        if word.chars().any(is_han_or_kana) {
            // The tokenizer keeps a number and the Han text after it together (`10分钟`):
            // characters are read one by one, digits runs as numbers.
            let mut digits = String::new();
            for (offset, c) in word.char_indices() {
                let at = t.start + offset;
                if is_han_or_kana(c) {
                    if han_run_end != at {
                        glossary.gloss(&std::mem::take(&mut han_run), &mut |k| glossed.push(k));
                    }
                    han_run.push(c);
                    han_run_end = at + c.len_utf8();
                    if let Some((end, before)) = previous_han
                        && end == at
                    {
                        let mut bigram = [0u8; 8];
                        let n = before.encode_utf8(&mut bigram).len();
                        let m = c.encode_utf8(&mut bigram[n..]).len();
                        content.push(hash_bytes(&bigram[..n + m]));
                    }
                    previous_han = Some((at + c.len_utf8(), c));
                } else if c.is_ascii_digit() {
                    digits.push(c);
                    continue;
                }
                number(&digits, &mut content, &mut add_anchor);
                digits.clear();
            }
            number(&digits, &mut content, &mut add_anchor);
            continue;
        }
        match t.kind {
            TokenKind::Word => {
                content.extend(content_key(word, lang));
                let first = word.chars().next().unwrap_or(' ');
                let starts_sentence = i == 0 || sentence_starts.binary_search(&t.start).is_ok();
                if name_guesses && first.is_ascii_uppercase() && !starts_sentence {
                    let folded = storyline_geo::fold(word);
                    if folded.chars().count() >= 2 {
                        add_anchor(&folded);
                    }
                }
            }
            TokenKind::Number => {
                let digits: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
                number(&digits, &mut content, &mut add_anchor);
            }
            _ => {}
        }
    }
    glossary.gloss(&han_run, &mut |k| glossed.push(k));
    Features {
        content: counted(content),
        anchors: counted(anchors),
        interlingual: counted(interlingual),
        glossed: counted(glossed),
        day: article_day(article),
        language: article.meta.language.as_ref().map(|l| l.code.clone()),
    }
}

/// A word's content key: capitalised words (mostly names, which must stay comparable across
/// languages) as folded, others by their stem; `None` for stopwords and single letters.
pub(crate) fn content_key(word: &str, lang: Lang) -> Option<u64> {
    // Words of ASCII letters, most of them, need no folded copy.
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) {
            let mut h = KeyHash::new();
            word.bytes().for_each(|b| h.bytes(&[b.to_ascii_lowercase()]));
            return Some(h.finish());
        }
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return stem(word, lang).map(key_hash);
        }
    }
    let folded = storyline_geo::fold(word);
    if folded.chars().count() < 2 {
        return None;
    }
    if word.starts_with(char::is_uppercase) {
        Some(key_hash(&folded))
    } else {
        stem(&folded, lang).map(key_hash)
    }
}

/// A number of two characters or more is a content term and an anchor; single digits are
/// too common to say anything.
fn number(digits: &str, content: &mut Vec<u64>, add_anchor: &mut impl FnMut(&str)) {
    if digits.len() >= 2 {
        content.push(key_hash(digits));
        add_anchor(digits);
    }
}

fn is_han_or_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn hash_bytes(b: &[u8]) -> u64 {
    std::str::from_utf8(b).map_or(0, key_hash)
}

/// Sorted, deduplicated keys with their counts.
fn counted(mut keys: Vec<u64>) -> Vec<(u64, f32)> {
    keys.sort_unstable();
    let mut out: Vec<(u64, f32)> = Vec::with_capacity(keys.len());
    for k in keys {
        match out.last_mut() {
            Some((last, n)) if *last == k => *n += 1.0,
            _ => out.push((k, 1.0)),
        }
    }
    out
}

/// The article's own date: one inferred from its story is left out, or the story that dated
/// it would pull it by that date at the next pass, and passes would not agree.
fn article_day(article: &Article) -> Option<f64> {
    let published = article.meta.published.as_ref().filter(|d| d.source != MetaSource::Inferred)?;
    day_number(&published.date)
}

/// Days since 1970-01-01 of a date known to the day (a month counts as its 15th); `None` for
/// a year alone, too vague to place an article in time.
pub fn day_number(d: &PartialDateTime) -> Option<f64> {
    let month = d.month?;
    let day = d.day.unwrap_or(15);
    let hours = d.time.map_or(12.0, |(h, m)| f64::from(h) + f64::from(m) / 60.0);
    Some(days_from_civil(d.year, month, day) as f64 + hours / 24.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::FoldedNameWords;
    use storyline_doc::{Language, MetaSource, Metadata, Provenance};

    fn article(text: &str, lang: &str) -> Article {
        let meta = Metadata {
            language: Some(Language { code: lang.into(), confidence: 1.0, source: MetaSource::Container }),
            ..Metadata::default()
        };
        Article::from_paragraphs(Provenance::new("t", None, text.as_bytes()), meta, [text])
    }

    #[test]
    fn day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(day_number(&PartialDateTime::year(2020)), None);
    }

    #[test]
    fn han_text_gives_bigrams_and_numbers_are_anchors() {
        let f = features(&article("研究人员在10分钟内完成", "zh"), &FoldedNameWords);
        // 研究 究人 人员 员在 | 分钟 钟内 内完 完成, and the number.
        assert_eq!(f.content.len(), 9, "{f:?}");
        assert_eq!(f.anchors, [(key_hash("10") ^ ANCHOR_SALT, 1.0)]);
    }

    #[test]
    fn chinese_text_is_glossed_into_english_content_keys() {
        let zh = features(&article("警方逮捕了嫌犯", "zh"), &FoldedNameWords);
        let en = features(&article("police arrested", "en"), &FoldedNameWords);
        // 警方 police, 逮捕 arrest (and "apprehend"), 嫌犯 suspect: the English words' keys.
        for (key, _) in &en.content {
            assert!(zh.glossed.iter().any(|(k, _)| k == key), "{zh:?}");
        }
        assert!(en.glossed.is_empty());
    }

    #[test]
    fn stopwords_drop_and_inflections_meet() {
        let a = features(&article("the trains were delayed", "en"), &FoldedNameWords);
        let b = features(&article("a train is delaying", "en"), &FoldedNameWords);
        assert_eq!(a.content, b.content);
    }
}
