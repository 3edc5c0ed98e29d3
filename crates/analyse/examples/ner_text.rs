//! Prints the entities a model finds in plain text, one paragraph per line or blank-line
//! block: `cargo run --release -p storyline-analyse --example ner_text -- MODEL FILE`.

use storyline_analyse::ner::{Model, entities};
use storyline_analyse::sentences::sentences;
use storyline_analyse::tokenize::tokenize;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: ner_text MODEL FILE");
        std::process::exit(2);
    }
    let model = Model::load(args[1].as_ref())?;
    let text = std::fs::read_to_string(&args[2])?;
    let tokens = tokenize(&text);
    for s in sentences(&text, &tokens) {
        let toks = &tokens[s.tokens.clone()];
        let words: Vec<&str> = toks.iter().map(|t| t.text(&text)).collect();
        let tags = model.tag(&words);
        for e in entities(&tags) {
            println!("{}\t{}", e.label, &text[toks[e.start].start..toks[e.end - 1].end]);
        }
    }
    Ok(())
}
