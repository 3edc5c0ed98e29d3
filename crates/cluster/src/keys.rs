//! What counts as "the same entity" between two articles.
//!
//! Today an entity is known by its folded name; the entity-resolution stage will give ids.
//! The clusterer only sees keys through [`EntityKeys`], so ids can replace names without
//! touching it.

use storyline_doc::Annotation;

/// The keys an entity mention contributes to its article's anchors.
pub trait EntityKeys {
    /// Calls `key` once per key of `mention` (an annotation of the `entities` layer).
    fn keys(&self, mention: &Annotation, text: &str, key: &mut dyn FnMut(&str));
}

/// Keys by folded name, word by word: `Jean-Luc Marot` gives `jean`, `luc`, `marot`. Words
/// rather than whole names, because a name is often shortened on second mention and spelled
/// with or without a first name across sources and languages.
#[derive(Debug, Clone, Copy, Default)]
pub struct FoldedNameWords;

impl EntityKeys for FoldedNameWords {
    fn keys(&self, mention: &Annotation, text: &str, key: &mut dyn FnMut(&str)) {
        let name = text.get(mention.span.range()).unwrap_or_default();
        for word in storyline_geo::fold(name).split(' ').filter(|w| w.chars().count() >= 2) {
            key(word);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_doc::Span;

    #[test]
    fn folded_words_ignore_case_diacritics_and_initials() {
        let text = "Selon Hélène J. Varga-Moretti, rien.";
        let start = text.find('H').unwrap();
        let end = text.find(',').unwrap();
        let mention =
            Annotation { span: Span::new(start, end), label: "PER".into(), value: Default::default() };
        let mut keys = Vec::new();
        FoldedNameWords.keys(&mention, text, &mut |k| keys.push(k.to_string()));
        assert_eq!(keys, ["helene", "varga", "moretti"]);
    }
}
