//! Prints the entities a model finds in a plain-text file, one per line:
//! `cargo run --release -p storyline-analyse --example entities -- models/ner/fr.bin.gz FILE`.

use storyline_analyse::{ner, sentences::sentences, tokenize::tokenize};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(model), Some(file)) = (args.next(), args.next()) else {
        return Err("usage: entities MODEL FILE".into());
    };
    let model = ner::Model::load(model.as_ref())?;
    let text = std::fs::read_to_string(file)?;
    let tokens = tokenize(&text);
    for s in sentences(&text, &tokens) {
        let toks = &tokens[s.tokens];
        let words: Vec<&str> = toks.iter().map(|t| t.text(&text)).collect();
        for e in ner::entities(&model.tag(&words)) {
            println!("{}\t{}", e.label, &text[toks[e.start].start..toks[e.end - 1].end]);
        }
    }
    Ok(())
}
