//! The models shipped in `models/ner` load with this build's features and behave sanely.

use std::path::PathBuf;
use storyline_analyse::ner::Model;

fn model(lang: &str) -> Model {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models/ner").join(format!("{lang}.bin.gz"));
    Model::load(&path).unwrap_or_else(|e| panic!("{e} (retrain: see models/ner/README.md)"))
}

#[test]
fn every_shipped_model_loads_with_this_build() {
    for lang in ["fr", "en", "de", "es", "nl", "pl", "ru"] {
        let m = model(lang);
        assert_eq!(m.lang, lang);
        assert_eq!(m.labels[0], "O");
        assert!(m.table.len() > 10_000, "{lang}: {} features", m.table.len());
    }
}

#[test]
fn french_elisions_and_punctuation_are_never_entities() {
    let m = model("fr");
    let tokens = [
        "«",
        "C’",
        "est",
        "lui",
        "qu’",
        "il",
        "faut",
        "entendre",
        "»",
        ",",
        "a",
        "déclaré",
        "l’",
        "adjoint",
        "d’",
        "Emmanuel",
        "Macron",
        "à",
        "Lyon",
        ",",
        "jusqu’",
        "à",
        "l'",
        "aube",
        ".",
    ];
    let tags = m.tag(&tokens);
    for (tok, tag) in tokens.iter().zip(&tags) {
        if tok.ends_with(['’', '\'']) || !tok.chars().any(char::is_alphanumeric) {
            assert_eq!(*tag, "O", "{tok} tagged {tag} in {tags:?}");
        }
    }
    assert_eq!(&tags[15..18], ["B-PER", "I-PER", "O"], "{tags:?}");
    assert_eq!(tags[18], "B-LOC", "{tags:?}");
}
