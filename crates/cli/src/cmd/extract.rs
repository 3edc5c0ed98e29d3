//! `storyline extract FILE`: show what extraction makes of a file, without storing it.

use crate::Context;
use serde_json::json;
use std::process::ExitCode;
use storyline_doc::Article;
use storyline_read::{Format, Input, ReadOptions};

/// Extract the article(s) of a file and print them, without storing anything.
///
/// A page or text file gives one article; a JSON Lines file, feed or WARC gives one per
/// record. Problems with a record are reported on stderr with its position, and the others
/// are still printed.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  storyline extract page.html\n  \
    storyline extract --json article.txt | jq .published\n  curl -s URL | storyline extract -")]
pub struct Args {
    /// A file (HTML, text, JSON Lines, feed, WARC; gzip accepted), a URL, or `-` for stdin.
    pub file: String,
    /// One JSON object per article, one per line: `title`, `text` (paragraphs separated by a
    /// blank line), `published`, `language` and the rest of the metadata.
    #[arg(long)]
    pub json: bool,
    /// Container format, when sniffing the content guesses wrong: auto, text, html, jsonl,
    /// feed or warc.
    #[arg(long, default_value_t = Format::Auto, value_name = "FORMAT")]
    pub format: Format,
}

pub fn run(_ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let options = ReadOptions { format: args.format, ..ReadOptions::default() };
    let input = Input::parse(&args.file);
    let mut printed = 0usize;
    for raw in storyline_read::read(&input, &options) {
        let raw = match raw {
            Ok(raw) => raw,
            Err(err) => {
                eprintln!("error: {err}");
                continue;
            }
        };
        match storyline_extract::extract(&raw) {
            Ok(article) => {
                if args.json {
                    println!("{}", serde_json::to_string(&flat_json(&article))?);
                } else {
                    if printed > 0 {
                        println!("\n{}\n", "─".repeat(60));
                    }
                    print!("{}", crate::render::article(&article));
                }
                printed += 1;
            }
            Err(err) => eprintln!("error: {}: {err}", raw.provenance.locator()),
        }
    }
    Ok(if printed == 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// The article as scripts want it: metadata flattened to plain strings next to the text.
pub fn flat_json(a: &Article) -> serde_json::Value {
    let m = &a.meta;
    json!({
        "id": a.id,
        "source": a.provenance.locator(),
        "title": m.title,
        "text": a.text,
        "published": m.published.as_ref().map(|d| d.date.to_string()),
        "published_precision": m.published.as_ref().map(|d| d.precision),
        "published_from": m.published.as_ref().map(|d| &d.source),
        "modified": m.modified.as_ref().map(|d| d.date.to_string()),
        "authors": m.authors,
        "site": m.site,
        "url": m.url,
        "canonical_url": m.canonical_url,
        "language": m.language.as_ref().map(|l| &l.code),
        "language_confidence": m.language.as_ref().map(|l| l.confidence),
        "description": m.description,
        "paragraphs": a.paragraph_texts().collect::<Vec<_>>(),
    })
}
