//! Counts (and with `--show`, lists) the attributions found in extracted articles, and times
//! the rules. Reads the JSON lines `storyline extract --json` prints (`text`, `language`):
//!
//! ```sh
//! for f in ../shared/data/extraction/*/html/*; do storyline extract --json "$f"; done > pages.jsonl
//! cargo run --release -p storyline-analyse --example attributions -- [--show] < pages.jsonl
//! ```

use std::collections::BTreeMap;
use std::io::{self, BufRead};
use std::time::{Duration, Instant};
use storyline_analyse::attribution::{Kind, attributions};
use storyline_analyse::sentences::sentences;
use storyline_analyse::tokenize::tokenize;

#[derive(Default)]
struct Tally {
    pages: usize,
    bytes: usize,
    kinds: BTreeMap<&'static str, usize>,
    hedged: usize,
    with_via: usize,
    pronouns: usize,
    resolved: usize,
    time: Duration,
}

fn main() -> io::Result<()> {
    let show = std::env::args().any(|a| a == "--show");
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    for line in io::stdin().lock().lines() {
        let page: serde_json::Value = serde_json::from_str(&line?).map_err(io::Error::other)?;
        let (Some(text), Some(lang)) = (page["text"].as_str(), page["language"].as_str()) else { continue };
        if !matches!(lang, "fr" | "en" | "de" | "es") {
            continue;
        }
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        let started = Instant::now();
        let found = attributions(text, lang, &toks, &sents, &[]);
        let tally = by_lang.entry(lang.to_string()).or_default();
        tally.time += started.elapsed();
        tally.pages += 1;
        tally.bytes += text.len();
        for a in &found {
            *tally.kinds.entry(a.kind.as_str()).or_default() += 1;
            tally.hedged += usize::from(a.hedged() && a.kind != Kind::Hedge);
            tally.with_via += usize::from(!a.via.is_empty());
            if let Some(s) = a.source.filter(|s| s.pronoun) {
                tally.pronouns += 1;
                tally.resolved += usize::from(s.resolved.is_some());
            }
            if show {
                let at = |s: storyline_doc::Span| text[s.range()].replace(['\n', '\t'], " ");
                let source = a.source.map(|s| match s.resolved {
                    Some(r) => format!("{} -> {}", at(s.span), at(r)),
                    None => at(s.span),
                });
                let via: Vec<String> = a.via.iter().map(|&s| at(s)).collect();
                let hedges: Vec<String> = a.hedges.iter().map(|&s| at(s)).collect();
                println!(
                    "{lang}\t{}\t{}\t{}\t{}\t{}\t{}",
                    a.kind.as_str(),
                    source.unwrap_or_default(),
                    a.cue.map(at).unwrap_or_default(),
                    via.join(" | "),
                    hedges.join(" | "),
                    at(a.content),
                );
            }
        }
    }
    for (lang, t) in &by_lang {
        let kinds: Vec<String> = t.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        eprintln!(
            "{lang}: {} pages, {} KB, {} found ({}); {} attributions hedged, {} with relays, {} pronoun sources ({} resolved); {:.1} ms, {:.1} MB/s",
            t.pages,
            t.bytes / 1000,
            t.kinds.values().sum::<usize>(),
            kinds.join(", "),
            t.hedged,
            t.with_via,
            t.pronouns,
            t.resolved,
            t.time.as_secs_f64() * 1000.0,
            t.bytes as f64 / t.time.as_secs_f64() / 1e6,
        );
    }
    Ok(())
}
