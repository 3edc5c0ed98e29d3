//! `storyline articles` and `storyline article ID`: what the store holds.

use crate::Context;
use std::process::ExitCode;

/// List the stored articles, newest first.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// One JSON object per line instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Show one stored article.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The article's id (or a unique prefix of it).
    pub id: String,
    /// The whole article as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn list(_ctx: &Context, _args: ListArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("articles is not built yet")
}

pub fn show(_ctx: &Context, _args: ShowArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("article is not built yet")
}
