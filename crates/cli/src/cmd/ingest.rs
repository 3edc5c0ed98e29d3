//! `storyline ingest`: read → extract → store.

use crate::Context;
use std::process::ExitCode;

/// Read articles from files, folders, URLs or stdin and keep them in the store.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively), URLs, or `-` for standard input.
    #[arg(required = true, value_name = "PATH|URL|-")]
    pub inputs: Vec<String>,
}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("ingest is not built yet")
}
