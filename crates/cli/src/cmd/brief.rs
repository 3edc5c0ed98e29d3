//! `storyline brief ID`: a story's brief as Markdown, JSON or HTML.

use crate::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_brief::{Brief, ResolvedEntities, render};
use storyline_doc::Article;
use storyline_reconcile::story_order;
use storyline_store::Store;

/// Write a story's brief: headline (what, where, when), a summary whose every sentence cites
/// its article, the timeline of its events with their dates and sources, the key entities
/// with their spellings, the places with coordinates, the sources, and the figures the
/// sources give, with their disagreements.
///
/// The JSON form's schema is in `crates/brief/README.md`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline brief 3
  storyline brief 3 --format html --out story-3.html
  storyline brief 3 --format json | jq '.disagreements'")]
pub struct Args {
    /// The story's number, as `storyline stories` lists it.
    pub id: i64,
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Json,
    Html,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&ctx.data)?;
    let Some(brief) = story_brief(&store, args.id)? else {
        eprintln!("error: no story {} in {}", args.id, ctx.data.display());
        return Ok(ExitCode::FAILURE);
    };
    let text = match args.format {
        Format::Md => render::markdown(&brief),
        Format::Json => render::json(&brief) + "\n",
        Format::Html => render::html(&brief),
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The brief of a story; `None` when there is no such story.
pub fn story_brief(store: &Store, story: i64) -> anyhow::Result<Option<Brief>> {
    let articles = story_articles(store, story)?;
    if articles.is_empty() {
        return Ok(None);
    }
    let entities = resolve_story_entities(story, &articles);
    Ok(Some(storyline_brief::brief(&story.to_string(), &articles, &entities)))
}

/// The analysed articles of a story, in the order they were stored.
pub fn story_articles(store: &Store, story: i64) -> anyhow::Result<Vec<Article>> {
    let mut out = Vec::new();
    for m in store.story_members()?.into_iter().filter(|m| m.story == story) {
        out.push(store.get_article(&m.article)?);
    }
    Ok(out)
}

/// The story's entities resolved across its articles: for now its articles' mentions replayed
/// through a fresh resolver, in the story's reading order. The seam where a store-wide
/// resolution (with story ids, shared with `storyline entities`) plugs in.
pub fn resolve_story_entities(story: i64, articles: &[Article]) -> ResolvedEntities {
    storyline_brief::resolve(&story_order(articles), Some(&story.to_string()))
}
