//! Prints the quantities of a text, or times the quantity tagger over a folder of texts:
//! `cargo run --release -p storyline-analyse --example quantities -- fr "Huit personnes ont été tuées."`
//! `cargo run --release -p storyline-analyse --example quantities -- --bench LANG FILE...`
//! (a `.json` file is read as the ScrapingHub ground truth: the `articleBody` of each entry,
//! e.g. `../shared/data/extraction/scrapinghub/ground-truth.json`).

use std::time::Instant;
use storyline_analyse::quantity::{Quantity, quantities};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, lang, files @ ..] if flag == "--bench" => bench(lang, files),
        [lang, text] => {
            for q in quantities(text, lang) {
                println!("{}", describe(text, &q));
            }
            Ok(())
        }
        _ => Err("usage: quantities LANG TEXT | --bench LANG FILE...".into()),
    }
}

fn describe(text: &str, q: &Quantity) -> String {
    let noun = q.noun.map_or("", |(a, b)| &text[a..b]);
    format!(
        "{:?}\t{}\tvalue={:?} min={:?}{} max={:?}{} vague={} approx={} kind={} event={:?} group={:?} noun={noun:?} absent={:?}",
        &text[q.start..q.end],
        &text[q.number.0..q.number.1],
        q.value,
        q.min,
        if q.min_exclusive { " (excl)" } else { "" },
        q.max,
        if q.max_exclusive { " (excl)" } else { "" },
        q.vague,
        q.approx,
        q.kind.as_str(),
        q.event.map(|e| e.as_str()),
        q.group.map(|g| g.as_str()),
        q.absent.map(|a| a.as_str()),
    )
}

/// Times the tagger over whole files (read first, so only tagging is timed), best of 3 runs.
fn bench(lang: &str, files: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let mut texts: Vec<String> = Vec::new();
    for file in files {
        let content = std::fs::read_to_string(file)?;
        if file.ends_with(".json") {
            let truth: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&content)?;
            texts.extend(truth.values().filter_map(|v| v["articleBody"].as_str().map(String::from)));
        } else {
            texts.push(content);
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..3 {
        let start = Instant::now();
        found = texts.iter().map(|t| quantities(t, lang).len()).sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} texts, {:.1} MB, {found} quantities: {:.1} ms, {:.1} MB/s, {:.0} texts/s",
        texts.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        texts.len() as f64 / best
    );
    Ok(())
}
