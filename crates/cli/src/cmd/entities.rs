//! `storyline entities [ARTICLE]`: the named entities the analyse stage found, and the
//! entities the resolve pass made of them; `storyline entity ID`: one resolved entity.

use crate::Context;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;
use storyline_store::{EntityCount, EntityMention, EntitySort, Store, StoreError, StoredEntity};

/// Show named entities: of one article, or counted across the store.
///
/// With an ARTICLE id (or unique prefix): each entity mention in text order, with its label
/// (PER, LOC, ORG, MISC), byte offsets over the article's text and the index of its sentence.
///
/// Without: the entities of the whole store, resolved across articles and languages at ingest,
/// most mentioned first: one line per entity with its id, canonical name, every variant as
/// written, and for a place the gazetteer's name, country and coordinates. `Emmanuel Macron`
/// and a later `Macron`, `Tchaïkovski` and `Tschaikowsky`, `Bombay` and `Mumbai` are one line
/// each. `storyline entity ID` shows one of them with its stories. `--by-text` shows the raw
/// mentions grouped by text instead.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline entities 3f2a9c01                # one article's entities
  storyline entities 3f2a9c01 --json | jq -r 'select(.label == \"PER\") | .text'
  storyline entities --label LOC --limit 20  # the 20 most mentioned places
  storyline entities --json --limit 0        # every entity, as JSON lines
  storyline entities --sort articles         # the entities in the most articles first
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

    /// Across the store, the order of resolved entities: mentions (most first), articles (in
    /// the most articles first) or name.
    #[arg(long, value_enum, default_value = "mentions", conflicts_with_all = ["article", "by_text"])]
    pub sort: Sort,

    /// One JSON object per line instead of a table. Of an article: `text`, `label`, `start`,
    /// `end` (byte offsets, half-open), `sentence`. Across the store: `id`, `kind`,
    /// `canonical`, `variants` (text → count), `titles` (title → count, when any),
    /// `mentions`, `articles`, `stories` (story ids), and for a place `place` (`geonameid`, `name`, `country`, `lat`, `lon`, `precision`,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Sort {
    Mentions,
    Articles,
    Name,
}

impl From<Sort> for EntitySort {
    fn from(sort: Sort) -> EntitySort {
        match sort {
            Sort::Mentions => EntitySort::Mentions,
            Sort::Articles => EntitySort::Articles,
            Sort::Name => EntitySort::Name,
        }
    }
}

const DEFAULT_STORE_LIMIT: u64 = 50;

/// A resolved entity with the ids of the stories it appears in.
#[derive(Serialize)]
struct Listed {
    #[serde(flatten)]
    entity: StoredEntity,
    stories: Vec<i64>,
}

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
            let entities =
                store.entities(label, args.sort.into(), args.limit.unwrap_or(DEFAULT_STORE_LIMIT))?;
            if entities.is_empty() && !ctx.quiet && !args.json {
                // A store from before entities were stored has mentions but no resolution yet.
                eprintln!(
                    "no resolved entities in {} (ingest resolves them; `storyline analyse` analyses older \
                     articles and resolves them too)",
                    ctx.data.display()
                );
            }
            if args.json {
                let mut listed = Vec::with_capacity(entities.len());
                for entity in entities {
                    let mut stories: Vec<i64> =
                        store.entity_stories(entity.id)?.iter().map(|s| s.story).collect();
                    stories.sort_unstable();
                    listed.push(Listed { entity, stories });
                }
                json_lines(&mut out, &listed)
            } else {
                entity_table(&mut out, &entities)
            }
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

fn entity_table(out: &mut impl Write, rows: &[StoredEntity]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "{:>6}  {:>8}  {:>8}  {:<5}  ENTITY  [other spellings]  «titles»  (place)",
        "ID", "MENTIONS", "ARTICLES", "LABEL"
    )?;
    for e in rows {
        let others: Vec<String> =
            e.variants.keys().filter(|v| **v != e.canonical).map(|v| one_line(v)).collect();
        let others = if others.is_empty() { String::new() } else { format!("  [{}]", others.join(" | ")) };
        let canonical = one_line(&e.canonical);
        let titles = e.titles.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
        let others = if titles.is_empty() { others } else { format!("{others}  «{titles}»") };
        writeln!(
            out,
            "{:>6}  {:>8}  {:>8}  {:<5}  {canonical}{others}{}",
            e.id,
            e.mentions,
            e.articles,
            e.kind,
            place_note(e)
        )?;
    }
    Ok(())
}

/// `  (gazetteer name, country, lat lon, precision)` for a geocoded place, else nothing.
fn place_note(e: &StoredEntity) -> String {
    e.place.as_ref().map_or(String::new(), |p| {
        format!("  ({}, {}, {:.3} {:.3}, {})", p.name, p.country, p.lat, p.lon, p.precision)
    })
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

/// Show one resolved entity: its canonical name, type, every variant with its count, its
/// titles, for a place where it lies, and the stories it appears in.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline entity 12
  storyline entity 12 --json | jq '.stories[].story'")]
pub struct ShowArgs {
    /// The entity's id, as `storyline entities` lists it.
    pub id: i64,

    /// One JSON object: the fields of `storyline entities --json`, with `stories` as objects
    /// (`story`, `title`, `mentions`, `articles`), most mentioned first.
    #[arg(long)]
    pub json: bool,
}

pub fn show(ctx: &Context, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&ctx.data)?;
    let Some(entity) = store.entity(args.id)? else {
        eprintln!("error: no entity {} in {}", args.id, ctx.data.display());
        return Ok(ExitCode::FAILURE);
    };
    let stories = store.entity_stories(args.id)?;
    if args.json {
        let mut value = serde_json::to_value(&entity)?;
        value["stories"] = serde_json::to_value(&stories)?;
        println!("{value}");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{} ({}, {} mentions in {} articles){}",
        one_line(&entity.canonical),
        entity.kind,
        entity.mentions,
        entity.articles,
        place_note(&entity)
    );
    for (variant, n) in &entity.variants {
        println!("  variant  {n:>6}  {}", one_line(variant));
    }
    for (title, n) in &entity.titles {
        println!("  title    {n:>6}  {}", one_line(title));
    }
    for s in &stories {
        println!(
            "  story    {:>6}  {} mentions in {} articles  {}",
            s.story,
            s.mentions,
            s.articles,
            s.title.as_deref().unwrap_or("(untitled)")
        );
    }
    Ok(ExitCode::SUCCESS)
}
