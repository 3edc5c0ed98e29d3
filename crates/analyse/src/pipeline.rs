//! The analyse stage over an [`Article`]: `sentences`, `tokens` and `entities` layers.

use crate::ner::{self, Model};
use crate::sentences::sentences;
use crate::tokenize::{TokenKind, tokenize};
use std::collections::HashMap;
use std::io;
use std::path::Path;
use storyline_doc::{Annotation, Article, Span};

/// The models the stage may use, by language.
#[derive(Debug, Default)]
pub struct Models {
    ner: HashMap<String, Model>,
}

impl Models {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert_ner(&mut self, model: Model) {
        self.ner.insert(model.lang.clone(), model);
    }

    /// Loads every `<lang>.bin.gz` NER model of a folder (`models/ner` in the repository).
    pub fn load_dir(dir: &Path) -> io::Result<Self> {
        let mut models = Models::new();
        let mut files: Vec<_> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.iter().filter(|f| f.to_string_lossy().ends_with(".bin.gz")) {
            models.insert_ner(Model::load(f)?);
        }
        Ok(models)
    }

    pub fn ner(&self, lang: &str) -> Option<&Model> {
        self.ner.get(lang)
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.ner.keys().map(String::as_str)
    }
}

/// Adds the `sentences`, `tokens` and `entities` layers to an article, replacing earlier
/// ones. Entities need a model for the article's language; without one (or without a known
/// language) the `entities` layer is empty.
pub fn analyse(article: &mut Article, models: &Models) {
    let text = &article.text;
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let model = article.meta.language.as_ref().and_then(|l| models.ner(&l.code));
    let mut entities = Vec::new();
    if let Some(model) = model {
        for s in &sents {
            let toks = &tokens[s.tokens.clone()];
            let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
            let tags = model.tag(&words);
            for e in ner::entities(&tags) {
                let span = Span::new(toks[e.start].start, toks[e.end - 1].end);
                entities.push(Annotation {
                    span,
                    label: e.label,
                    value: serde_json::json!({ "text": &text[span.range()], "model": model.lang }),
                });
            }
        }
    }
    let sentence_layer = sents
        .iter()
        .map(|s| Annotation {
            span: Span::new(s.start, s.end),
            label: "sentence".into(),
            value: Default::default(),
        })
        .collect();
    let token_layer = tokens
        .iter()
        .map(|t| Annotation {
            span: Span::new(t.start, t.end),
            label: match t.kind {
                TokenKind::Word => "word",
                TokenKind::Number => "number",
                TokenKind::Punct => "punct",
                TokenKind::Symbol => "symbol",
                TokenKind::Url => "url",
            }
            .into(),
            value: Default::default(),
        })
        .collect();
    article.layers.insert("sentences".into(), sentence_layer);
    article.layers.insert("tokens".into(), token_layer);
    article.layers.insert("entities".into(), entities);
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_doc::{Language, MetaSource, Metadata, Provenance};

    fn article(text: &str, lang: &str) -> Article {
        let meta = Metadata {
            language: Some(Language { code: lang.into(), confidence: 1.0, source: MetaSource::Container }),
            ..Metadata::default()
        };
        Article::from_paragraphs(Provenance::new("a.txt", None, text.as_bytes()), meta, [text])
    }

    #[test]
    fn layers_are_spans_over_the_text() {
        let mut a = article("Il pleut. « Non », dit-il.", "xx");
        analyse(&mut a, &Models::new());
        let sents: Vec<&str> = a.layers["sentences"].iter().map(|s| a.span_text(s.span)).collect();
        assert_eq!(sents, ["Il pleut.", "« Non », dit-il."]);
        assert_eq!(a.layers["tokens"].len(), 9);
        assert_eq!(a.layers["tokens"][0].label, "word");
        assert!(a.layers["entities"].is_empty(), "no model for xx");
    }

    #[test]
    fn entities_come_from_the_language_model() {
        // Invented names in a frame the tiny model learns.
        let mut train = Vec::new();
        for (p, l) in [("Orvan", "Keldar"), ("Mistel", "Brovany"), ("Ulrik", "Tassova"), ("Pera", "Lundhem")]
        {
            train.push(ner::Sentence {
                tokens: ["Selon", p, ",", "il", "pleut", "à", l, "."].map(String::from).to_vec(),
                tags: ["O", "B-PER", "O", "O", "O", "O", "B-LOC", "O"].map(String::from).to_vec(),
            });
        }
        let cfg = ner::TrainConfig { lang: "xx".into(), max_epochs: 5, ..Default::default() };
        let mut models = Models::new();
        models.insert_ner(ner::train(&train, &[], &cfg, |_| {}).unwrap());
        let mut a = article("Selon Orvan, il pleut à Keldar.", "xx");
        analyse(&mut a, &models);
        let ents: Vec<(&str, &str)> =
            a.layers["entities"].iter().map(|e| (a.span_text(e.span), e.label.as_str())).collect();
        assert_eq!(ents, [("Orvan", "PER"), ("Keldar", "LOC")]);
    }
}
