//! `storyline extract FILE`: show what extraction makes of a file, without storing it.

use crate::Context;
use std::process::ExitCode;

/// Extract the article(s) of a file and print them, without storing anything.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A file (HTML, text, JSON Lines, feed, WARC; gzip accepted) or `-` for stdin.
    pub file: String,
    /// One JSON object per article (`title`, `text`, `published`, `language`, ...).
    #[arg(long)]
    pub json: bool,
}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("extract is not built yet")
}
