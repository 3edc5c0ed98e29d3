//! The analyse stage over an [`Article`]: `sentences`, `tokens` and `entities` layers.

use crate::ner::{self, Model};
use crate::quantity;
use crate::sentences::sentences;
use crate::time;
use crate::tokenize::{Token, TokenKind, tokenize};
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use storyline_doc::{Annotation, Article, Span};

/// The models the stage may use, by language.
///
/// A folder of models can be opened lazily ([`Models::open_dir`]): each language's model is
/// read on its first use, so a run over English articles never pays for loading the other
/// languages, and a process that analyses nothing loads nothing.
#[derive(Debug, Default)]
pub struct Models {
    ner: HashMap<String, Slot>,
}

/// One language's model: loaded already, or bytes or a file to load on first use.
#[derive(Debug)]
struct Slot {
    source: Option<ModelSource>,
    model: OnceLock<io::Result<Model>>,
}

#[derive(Debug)]
enum ModelSource {
    File(PathBuf),
    Embedded(&'static [u8]),
}

/// The NER models shipped with the binary (`models/ner` in the repository; see its README for
/// their training data and licences).
const SHIPPED: &[(&str, &[u8])] = &[
    ("de", include_bytes!("../../../models/ner/de.bin.gz")),
    ("en", include_bytes!("../../../models/ner/en.bin.gz")),
    ("es", include_bytes!("../../../models/ner/es.bin.gz")),
    ("fr", include_bytes!("../../../models/ner/fr.bin.gz")),
    ("nl", include_bytes!("../../../models/ner/nl.bin.gz")),
    ("pl", include_bytes!("../../../models/ner/pl.bin.gz")),
    ("ru", include_bytes!("../../../models/ner/ru.bin.gz")),
];

impl Models {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert_ner(&mut self, model: Model) {
        let lang = model.lang.clone();
        self.ner.insert(lang, Slot { source: None, model: OnceLock::from(Ok(model)) });
    }

    /// The models shipped inside the binary, each decompressed on its first use.
    pub fn shipped() -> Self {
        let mut models = Models::new();
        for &(lang, bytes) in SHIPPED {
            let slot = Slot { source: Some(ModelSource::Embedded(bytes)), model: OnceLock::new() };
            models.ner.insert(lang.to_string(), slot);
        }
        models
    }

    /// Loads every `<lang>.bin.gz` NER model of a folder (`models/ner` in the repository).
    pub fn load_dir(dir: &Path) -> io::Result<Self> {
        let mut models = Models::new();
        for (_, f) in model_files(dir)? {
            models.insert_ner(Model::load(&f)?);
        }
        Ok(models)
    }

    /// The `<lang>.bin.gz` models of a folder, each loaded on its first use.
    pub fn open_dir(dir: &Path) -> io::Result<Self> {
        let mut models = Models::new();
        for (lang, path) in model_files(dir)? {
            models.ner.insert(lang, Slot { source: Some(ModelSource::File(path)), model: OnceLock::new() });
        }
        Ok(models)
    }

    /// The model for `lang`, if there is one and it loads.
    pub fn ner(&self, lang: &str) -> Option<&Model> {
        self.try_ner(lang).ok().flatten()
    }

    /// The model for `lang`: `Ok(None)` when there is none, an error when its file does not
    /// load (the error is kept: a broken file is read once, not once per article).
    pub fn try_ner(&self, lang: &str) -> Result<Option<&Model>, &io::Error> {
        let Some(slot) = self.ner.get(lang) else { return Ok(None) };
        let loaded = slot.model.get_or_init(|| match &slot.source {
            // `Model::load` names the file in its errors.
            Some(ModelSource::File(path)) => Model::load(path),
            Some(ModelSource::Embedded(bytes)) => Model::from_gz(bytes)
                .map_err(|e| io::Error::new(e.kind(), format!("shipped {lang} model: {e}"))),
            None => Err(io::Error::other("no model")),
        });
        loaded.as_ref().map(Some)
    }

    /// Takes the model for `lang` out of the set, loading it: `None` when there is none.
    pub fn take_ner(&mut self, lang: &str) -> Option<io::Result<Model>> {
        // Loading first keeps one code path (and one error message) for loading.
        let _ = self.try_ner(lang);
        self.ner.remove(lang)?.model.into_inner()
    }

    /// The languages with a model (loaded or not), sorted.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        let mut langs: Vec<&str> = self.ner.keys().map(String::as_str).collect();
        langs.sort_unstable();
        langs.into_iter()
    }
}

/// `(lang, path)` of every `<lang>.bin.gz` in `dir`, sorted.
fn model_files(dir: &Path) -> io::Result<Vec<(String, PathBuf)>> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(|e| {
            let path = e.ok()?.path();
            let lang = path.file_name()?.to_str()?.strip_suffix(".bin.gz")?.to_owned();
            Some((lang, path))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Adds the `sentences`, `tokens`, `entities`, `timex`, `quantities` and `attributions` layers
/// to an article, replacing earlier ones. Entities need a model for the article's language;
/// without one (or without a known language) the `entities` layer is empty; time expressions,
/// quantities and attributions need rules for the language (and time expressions a date).
///
/// Each entity's value holds its `text`, the `sentence` it is in (an index into the
/// `sentences` layer) and the `model` (language) that found it.
pub fn analyse(article: &mut Article, models: &Models) {
    let text = &article.text;
    let tokens = tokenize(text);
    let sents = sentences(text, &tokens);
    let model = article.meta.language.as_ref().and_then(|l| models.ner(&l.code));
    let mut entities = Vec::new();
    if let Some(model) = model {
        let mut words: Vec<&str> = Vec::new();
        for (n, s) in sents.iter().enumerate() {
            let toks = &tokens[s.tokens.clone()];
            words.clear();
            words.extend(toks.iter().map(|t| t.text(text)));
            let tags = model.tag(&words);
            for e in ner::entities(&tags) {
                let Some((first, last)) = trim_entity(&toks[e.start..e.end], text) else { continue };
                let span = Span::new(first.start, last.end);
                entities.push(Annotation {
                    span,
                    label: e.label,
                    value: serde_json::json!({ "text": &text[span.range()], "sentence": n, "model": model.lang }),
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
    let timex = timex_layer(article);
    article.layers.insert("sentences".into(), sentence_layer);
    article.layers.insert("tokens".into(), tokens_to_layer(&tokens));
    article.layers.insert("attributions".into(), attribution_layer(article, &tokens, &sents, &entities));
    article.layers.insert("entities".into(), entities);
    article.layers.insert("timex".into(), timex);
    article.layers.insert("quantities".into(), quantity_layer(article));
}

/// Resolves the article's time expressions again, against its publication date as it is now:
/// for an article whose date was unknown at analysis and has since been inferred (from the
/// story it joined), or corrected.
pub fn retime(article: &mut Article) {
    let timex = timex_layer(article);
    article.layers.insert("timex".into(), timex);
}

/// Temporal expressions normalised against the publication date, labelled with their TIMEX3
/// type, the value in `value.value`; a duration the text anchors ("depuis deux semaines")
/// also has the days it covers in `value.begin` and `value.end`. Empty for a language without
/// rules, and for an undated article: its relative expressions ("jeudi", "last week") cannot
/// be resolved until a date is known (the story it joins will give one).
fn timex_layer(article: &Article) -> Vec<Annotation> {
    let lang = article.meta.language.as_ref().and_then(|l| time::Lang::from_code(&l.code));
    let (Some(lang), Some(published)) = (lang, &article.meta.published) else { return Vec::new() };
    let text = &article.text;
    time::tag(text, lang, Some(published.date))
        .into_iter()
        .map(|t| {
            let mut value = serde_json::json!({ "text": &text[t.start..t.end], "value": t.value });
            if let Some(b) = t.bounds {
                value["begin"] = b.begin.into();
                value["end"] = b.end.into();
            }
            Annotation { span: Span::new(t.start, t.end), label: t.kind.as_str().into(), value }
        })
        .collect()
}

/// Quantities (see [`quantity`]), labelled with the event they count (`killed`, `injured`,
/// `casualties`, `arrested`, `missing`, `displaced`, `kidnapped`), else their kind (`count`,
/// `money`, `percent`, `measure`), or `absent` for a denied casualty or a missing figure.
/// The value holds `text`, `number`, `value` (the conservative point), `min`, `max` (null
/// when open), `min_exclusive`, `max_exclusive`, `vague`, `approx`, `kind`, `event`, `group`,
/// `noun` (the counted noun's text) and `absent` (`no_figure` or `none`). Empty for a language
/// without rules.
fn quantity_layer(article: &Article) -> Vec<Annotation> {
    let Some(lang) = &article.meta.language else { return Vec::new() };
    let text = &article.text;
    quantity::quantities(text, &lang.code)
        .into_iter()
        .map(|q| {
            let label = match (q.absent, q.event) {
                (Some(_), _) => "absent",
                (None, Some(event)) => event.as_str(),
                (None, None) => q.kind.as_str(),
            };
            Annotation {
                span: Span::new(q.start, q.end),
                label: label.into(),
                value: quantity::to_json(&q, text),
            }
        })
        .collect()
}

/// The `tokens` layer of a text, as [`analyse`] makes it: for a store that keeps only the
/// smaller layers and rebuilds this one when an article is read.
pub fn token_layer(text: &str) -> Vec<Annotation> {
    tokens_to_layer(&tokenize(text))
}

fn tokens_to_layer(tokens: &[Token]) -> Vec<Annotation> {
    tokens
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
        .collect()
}

/// Who says what: see [`crate::attribution::layer`] for the label and value of each annotation.
/// Empty for a language without cue words.
fn attribution_layer(
    article: &Article,
    tokens: &[Token],
    sents: &[crate::sentences::Sentence],
    entities: &[Annotation],
) -> Vec<Annotation> {
    let Some(lang) = &article.meta.language else { return Vec::new() };
    let found = crate::attribution::attributions(&article.text, &lang.code, tokens, sents, entities);
    crate::attribution::layer(&article.text, &found)
}

/// The first and last tokens of an entity once the edges that cannot be part of a name are
/// dropped: punctuation and symbols (a tagger trained on silver data sometimes takes in the
/// quote or the comma next to a name), elided articles and prepositions (`l'`, `d'`, which
/// the tokenizer keeps apart from the name) and clitics (`'s`). `None` when nothing is left,
/// so that no entity is ever only an elision or punctuation.
fn trim_entity(toks: &[Token], text: &str) -> Option<(Token, Token)> {
    let keep = |t: &Token| match t.kind {
        TokenKind::Punct | TokenKind::Symbol => false,
        TokenKind::Word => {
            let w = t.text(text);
            !(w.starts_with(APOSTROPHES) || w.ends_with(APOSTROPHES))
        }
        TokenKind::Number | TokenKind::Url => true,
    };
    let first = toks.iter().position(keep)?;
    let last = toks.iter().rposition(keep)?;
    Some((toks[first], toks[last]))
}

const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

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
    fn timex_layer_needs_a_date_and_resolves_against_it() {
        let text = "La réunion a eu lieu mardi, puis le comité siégera pendant trois semaines.";
        let mut undated = article(text, "fr");
        analyse(&mut undated, &Models::new());
        assert_eq!(undated.layers["timex"], []);

        let mut dated = article(text, "fr");
        let published = storyline_doc::PartialDateTime::day(2021, 3, 12).unwrap();
        dated.meta.published = Some(storyline_doc::DatedBy::new(published, MetaSource::Container));
        analyse(&mut dated, &Models::new());
        let found: Vec<(&str, &str, &str)> = dated.layers["timex"]
            .iter()
            .map(|t| (t.label.as_str(), &dated.text[t.span.range()], t.value["value"].as_str().unwrap_or("")))
            .collect();
        assert!(found.contains(&("DATE", "mardi", "2021-03-09")), "{found:?}");
        assert!(found.iter().any(|&(label, _, value)| label == "DURATION" && value == "P3W"), "{found:?}");
    }

    #[test]
    fn attributions_layer_names_the_source_of_a_casualty_claim() {
        let mut a =
            article("D'après la police fluviale, deux plongeurs sont morts. L'écluse semblait fermée.", "fr");
        analyse(&mut a, &Models::new());
        let layer = &a.layers["attributions"];
        assert_eq!(layer.len(), 2, "{layer:?}");
        assert_eq!(layer[0].label, "according_to");
        assert_eq!(a.span_text(layer[0].span), "deux plongeurs sont morts");
        assert_eq!(layer[0].value["source"]["text"], "la police fluviale");
        assert_eq!(layer[0].value["cue"]["text"], "D'après");
        assert_eq!(layer[0].value["hedged"], false);
        assert_eq!(layer[1].label, "hedge");
        assert_eq!(layer[1].value["source"], serde_json::Value::Null);
        assert_eq!(layer[1].value["hedges"][0]["text"], "semblait");
        // Spans in the value point into the text.
        let source = &layer[0].value["source"]["span"];
        let (start, end) =
            (source["start"].as_u64().unwrap() as usize, source["end"].as_u64().unwrap() as usize);
        assert_eq!(&a.text[start..end], "la police fluviale");
    }

    #[test]
    fn an_anchored_duration_has_its_days_in_the_timex_layer() {
        let mut a = article("Le port est fermé depuis deux semaines.", "fr");
        let published = storyline_doc::PartialDateTime::day(2021, 3, 12).unwrap();
        a.meta.published = Some(storyline_doc::DatedBy::new(published, MetaSource::Container));
        analyse(&mut a, &Models::new());
        let t = &a.layers["timex"][0].value;
        assert_eq!(
            (t["value"].as_str(), t["begin"].as_str(), t["end"].as_str()),
            (Some("P2W"), Some("2021-02-26"), Some("2021-03-12"))
        );
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

    #[test]
    fn entity_edges_lose_elisions_clitics_and_punctuation() {
        fn trimmed(text: &str) -> Option<&str> {
            let toks = tokenize(text);
            trim_entity(&toks, text).map(|(a, b)| &text[a.start..b.end])
        }
        assert_eq!(trimmed("l'Ukraine"), Some("Ukraine"));
        assert_eq!(trimmed("d\u{2019}Emmanuel Macron"), Some("Emmanuel Macron"));
        assert_eq!(trimmed("« Le Monde »,"), Some("Le Monde"));
        assert_eq!(trimmed("Germany's"), Some("Germany"));
        assert_eq!(trimmed("Saint-Jean-d'Acre"), Some("Saint-Jean-d'Acre"));
        // The tagger's entity is only the elision of `l'Ukraine`.
        let toks = tokenize("l'Ukraine");
        assert_eq!(toks[0].text("l'Ukraine"), "l'");
        assert_eq!(trim_entity(&toks[..1], "l'Ukraine"), None);
        assert_eq!(trimmed("« ,"), None);
    }

    #[test]
    fn the_token_layer_is_the_one_analyse_writes() {
        let mut a = article("Il pleut à Paris. « Non », dit-il.", "xx");
        analyse(&mut a, &Models::new());
        assert_eq!(token_layer(&a.text), a.layers["tokens"]);
    }

    #[test]
    fn a_folder_of_models_loads_each_on_first_use() {
        let dir = std::env::temp_dir().join(format!("storyline-models-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("zz.bin.gz"), b"not a model").unwrap();
        std::fs::write(dir.join("README.md"), b"not a model either").unwrap();
        let models = Models::open_dir(&dir).unwrap();
        assert_eq!(models.languages().collect::<Vec<_>>(), ["zz"]);
        assert!(models.try_ner("xx").unwrap().is_none());
        let err = models.try_ner("zz").unwrap_err();
        assert!(err.to_string().contains("zz.bin.gz"), "{err}");
        assert!(models.ner("zz").is_none());
        // A broken model leaves the other layers to be made.
        let mut a = article("Il pleut à Paris.", "zz");
        analyse(&mut a, &models);
        assert!(a.layers["entities"].is_empty());
        assert_eq!(a.layers["sentences"].len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
