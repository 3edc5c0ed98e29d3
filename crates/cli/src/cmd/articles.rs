//! `storyline articles` and `storyline article ID`: what the store holds.

use crate::Context;
use std::io::Write;
use std::process::ExitCode;
use storyline_store::{ArticleRow, Store, StoreError};

/// List the stored articles, newest first.
///
/// Newest means by publication date (as precise as the source gave it; undated articles come
/// last), then by when they were stored. The table shows the id to pass to `storyline
/// article`; any unique prefix of it works too.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline articles                         # the 50 newest
  storyline articles --limit 0               # all of them
  storyline articles --limit 20 --offset 20  # the next page
  storyline articles --json | jq -r 'select(.language == \"fr\") | .id'")]
pub struct ListArgs {
    /// One JSON object per line instead of a table: `id`, `title`, `published`,
    /// `published_precision`, `language`, `site`, `url`, `source`, `position`, `ingested_at`.
    /// (`storyline article ID --json` gives an article's text and everything else.)
    #[arg(long)]
    pub json: bool,

    /// How many articles to show; 0 for all.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: u64,

    /// How many of the newest to skip, to page through the store.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: u64,
}

/// Show one stored article.
///
/// The readable view gives the title, the publication date with its precision and where it
/// came from (container, meta tag, JSON-LD, URL, text), authors, site, URLs, language with its
/// confidence, then the text paragraph by paragraph.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline article 3f2a9c01b7d4e865
  storyline article 3f2a9c                   # a unique prefix is enough
  storyline article 3f2a9c --json | jq .meta.published")]
pub struct ShowArgs {
    /// The article's id (or a unique prefix of it), as `storyline articles` shows it.
    pub id: String,
    /// The whole article as stored (provenance, metadata, text, paragraph spans, layers), as
    /// one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn list(ctx: &Context, args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = match Store::open_existing(&ctx.data) {
        Ok(store) => store,
        // An empty listing is the truthful answer, but say why, in case --data is wrong.
        Err(e @ StoreError::Missing { .. }) => {
            if !ctx.quiet {
                eprintln!("{e}");
            }
            return Ok(ExitCode::SUCCESS);
        }
        Err(e) => return Err(e.into()),
    };
    let limit = if args.limit == 0 { u64::MAX } else { args.limit };
    let rows = store.list_articles(limit, args.offset)?;
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) ends the listing quietly rather than as an error.
    let written = if args.json {
        rows.iter().try_for_each(|row| {
            let line = serde_json::to_string(row).map_err(std::io::Error::other)?;
            writeln!(out, "{line}")
        })
    } else {
        write_table(&mut out, &rows)
    };
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    if !args.json && !ctx.quiet {
        let total = store.count_articles()?;
        let shown = rows.len() as u64;
        if total == 0 {
            eprintln!("no articles in {} yet (`storyline ingest PATH` adds some)", ctx.data.display());
        } else if shown < total {
            let from = args.offset.saturating_add(1).min(total);
            let to = args.offset.saturating_add(shown);
            eprintln!("articles {from}-{to} of {total} (--limit and --offset show others)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

const TITLE_WIDTH: usize = 60;
const SITE_WIDTH: usize = 20;

fn write_table(out: &mut impl Write, rows: &[ArticleRow]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "{:<16}  {:<10}  {:<4}  {:<SITE_WIDTH$}  TITLE", "ID", "DATE", "LANG", "SITE")?;
    for r in rows {
        // The date column holds the day at most; minutes and offsets are in `article ID`.
        let date: String = r.published.as_deref().unwrap_or("-").chars().take(10).collect();
        let lang = r.language.as_deref().unwrap_or("-");
        let site = cell(r.site.as_deref().unwrap_or("-"), SITE_WIDTH);
        let title = cell(r.title.as_deref().unwrap_or("(no title)"), TITLE_WIDTH);
        writeln!(out, "{:<16}  {date:<10}  {lang:<4}  {site:<SITE_WIDTH$}  {title}", r.id)?;
    }
    Ok(())
}

/// One line of at most `width` characters: control characters (a newline in a title would
/// break the table) become spaces, and a cut is marked with an ellipsis.
fn cell(s: &str, width: usize) -> String {
    let clean: String = s.trim().chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if clean.chars().count() <= width {
        return clean;
    }
    let mut cut: String = clean.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

pub fn show(ctx: &Context, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = match Store::open_existing(&ctx.data) {
        Ok(store) => store,
        Err(StoreError::Missing { dir }) => anyhow::bail!(
            "no article {:?}: there is no store in {} (`storyline ingest` creates one)",
            args.id,
            dir.display()
        ),
        Err(e) => return Err(e.into()),
    };
    let mut article = store.get_article(&args.id)?;
    // The store keeps the small layers only; tokens are rebuilt from the text, as the analyse
    // stage made them, so that the article reads back whole.
    if article.layers.contains_key("sentences") && !article.layers.contains_key("tokens") {
        article.layers.insert("tokens".into(), storyline_analyse::pipeline::token_layer(&article.text));
    }
    let text = if args.json {
        let mut json = serde_json::to_string_pretty(&article)?;
        json.push('\n');
        json
    } else {
        crate::render::article(&article)
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_cut_on_characters_and_lose_newlines() {
        assert_eq!(cell("Kazakhstan : état d'urgence", 12), "Kazakhstan …");
        assert_eq!(cell("Titre\nsur deux lignes", 40), "Titre sur deux lignes");
        assert_eq!(cell("Алматы", 6), "Алматы");
    }
}
