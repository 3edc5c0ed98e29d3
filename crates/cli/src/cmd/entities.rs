//! `storyline entities [ARTICLE]`: the named entities the analyse stage found.

use crate::Context;
use std::io::Write;
use std::process::ExitCode;
use storyline_resolve::Entity;
use storyline_store::{EntityCount, EntityMention, Store, StoreError};

/// Show named entities: of one article, or counted across the store.
///
/// With an ARTICLE id (or unique prefix): each entity mention in text order, with its label
/// (PER, LOC, ORG, MISC), byte offsets over the article's text and the index of its sentence.
///
/// Without: the entities of the whole store, resolved across articles and languages, most
/// mentioned first: one line per entity with its canonical name, every variant as written,
/// and for a place the gazetteer's name, country and coordinates. `Emmanuel Macron` and a later
/// `Macron`, `Tchaïkovski` and `Tschaikowsky`, `Bombay` and `Mumbai` are one line each.
/// `--by-text` shows the raw mentions grouped by text instead.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline entities 3f2a9c01                # one article's entities
  storyline entities 3f2a9c01 --json | jq -r 'select(.label == \"PER\") | .text'
  storyline entities --label LOC --limit 20  # the 20 most mentioned places
  storyline entities --json --limit 0        # every entity, as JSON lines
  storyline entities --by-text               # mentions grouped by text, unresolved")]
pub struct Args {
    /// The article's id (or a unique prefix of it); without one, counts across the store.
    #[arg(value_name = "ARTICLE")]
    pub article: Option<String>,

    /// Only this label.
    #[arg(long, value_enum)]
    pub label: Option<Label>,

    /// How many lines to show; 0 for all. Default: all of an article's mentions, the 50 most
    /// mentioned across the store.
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    /// Across the store, mentions grouped by their text (case-insensitively) and label, not
    /// resolved into entities.
    #[arg(long, conflicts_with = "article")]
    pub by_text: bool,

    /// One JSON object per line instead of a table. Of an article: `text`, `label`, `start`,
    /// `end` (byte offsets, half-open), `sentence`. Across the store: `id`, `kind`,
    /// `canonical`, `variants` (text → count), `mentions`, `articles`, `stories`, and for a
    /// place `place` (`geonameid`, `name`, `country`, `lat`, `lon`, `precision`,
    /// `confidence`); with `--by-text`: `text` (the most frequent form), `label`, `folded`,
    /// `mentions`, `articles`.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum Label {
    Per,
    Loc,
    Org,
    Misc,
}

impl Label {
    fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Loc => "LOC",
            Label::Org => "ORG",
            Label::Misc => "MISC",
        }
    }
}

const DEFAULT_STORE_LIMIT: u64 = 50;

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let store = match Store::open_existing(&ctx.data) {
        Ok(store) => store,
        Err(e @ StoreError::Missing { .. }) if args.article.is_none() => {
            if !ctx.quiet {
                eprintln!("{e}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(e.into()),
    };
    let label = args.label.map(Label::as_str);
    let mut out = std::io::stdout().lock();
    let written = match &args.article {
        Some(id) => {
            let (id, mut mentions) = store.article_entities(id)?;
            mentions.retain(|m| label.is_none_or(|l| m.label == l));
            if let Some(n) = args.limit.filter(|&n| n > 0) {
                mentions.truncate(usize::try_from(n).unwrap_or(usize::MAX));
            }
            if mentions.is_empty() && !ctx.quiet && !args.json {
                eprintln!("no entities in {id} (`storyline analyse {id}` analyses it again)");
            }
            if args.json { json_lines(&mut out, &mentions) } else { mention_table(&mut out, &mentions) }
        }
        None if !args.by_text => {
            let resolved = crate::resolved::resolve_store(&store)?;
            let resolver = &resolved.resolver;
            let mut entities: Vec<&Entity> =
                resolver.entities().iter().filter(|e| label.is_none_or(|l| e.kind == l)).collect();
            entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.canonical.cmp(&b.canonical)));
            entities.truncate(limit(args.limit.unwrap_or(DEFAULT_STORE_LIMIT)));
            if entities.is_empty() && !ctx.quiet && !args.json {
                eprintln!(
                    "no entities in {} (`storyline analyse` analyses older articles)",
                    ctx.data.display()
                );
            }
            if args.json { json_lines(&mut out, &entities) } else { entity_table(&mut out, &entities) }
        }
        None => {
            let counts = store.entity_counts(label, args.limit.unwrap_or(DEFAULT_STORE_LIMIT))?;
            if counts.is_empty() && !ctx.quiet && !args.json {
                eprintln!(
                    "no entities in {} (`storyline analyse` analyses older articles)",
                    ctx.data.display()
                );
            }
            if args.json { json_lines(&mut out, &counts) } else { count_table(&mut out, &counts) }
        }
    };
    // A closed pipe (`| head`) ends the listing quietly rather than as an error.
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(ExitCode::SUCCESS)
}

fn json_lines<T: serde::Serialize>(out: &mut impl Write, rows: &[T]) -> std::io::Result<()> {
    for row in rows {
        let line = serde_json::to_string(row).map_err(std::io::Error::other)?;
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn mention_table(out: &mut impl Write, rows: &[EntityMention]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "{:<5}  {:>7}  {:>7}  {:>5}  TEXT", "LABEL", "START", "END", "SENT")?;
    for m in rows {
        let sentence = m.sentence.map_or_else(|| "-".to_string(), |s| s.to_string());
        writeln!(out, "{:<5}  {:>7}  {:>7}  {sentence:>5}  {}", m.label, m.start, m.end, one_line(&m.text))?;
    }
    Ok(())
}

/// `--limit N` as a length: 0 for all.
fn limit(n: u64) -> usize {
    if n == 0 { usize::MAX } else { usize::try_from(n).unwrap_or(usize::MAX) }
}

fn entity_table(out: &mut impl Write, rows: &[&Entity]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{:>8}  {:>8}  {:<5}  ENTITY  [other spellings]  (place)",
        "MENTIONS", "ARTICLES", "LABEL"
    )?;
    for e in rows {
        let others: Vec<String> =
            e.variants.keys().filter(|v| **v != e.canonical).map(|v| one_line(v)).collect();
        let others = if others.is_empty() { String::new() } else { format!("  [{}]", others.join(" | ")) };
        let place = e.place.as_ref().map_or(String::new(), |p| {
            format!("  ({}, {}, {:.3} {:.3}, {})", p.name, p.country, p.lat, p.lon, p.precision)
        });
        let canonical = one_line(&e.canonical);
        let titles = e.titles.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
        let others = if titles.is_empty() { others } else { format!("{others}  «{titles}»") };
        writeln!(out, "{:>8}  {:>8}  {:<5}  {canonical}{others}{place}", e.mentions, e.articles, e.kind)?;
    }
    Ok(())
}

fn count_table(out: &mut impl Write, rows: &[EntityCount]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "{:>8}  {:>8}  {:<5}  TEXT", "MENTIONS", "ARTICLES", "LABEL")?;
    for c in rows {
        writeln!(out, "{:>8}  {:>8}  {:<5}  {}", c.mentions, c.articles, c.label, one_line(&c.text))?;
    }
    Ok(())
}

/// An entity may span a line break (a name split over two lines of a caption); the table
/// keeps one line per entity.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
