//! `storyline eval ...`: quality on public labelled data, with the benchmark's own metric.

use crate::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Score article extraction on a benchmark folder.
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Benchmark folder: `ground-truth.json` + `html/` (scrapinghub layout) or
    /// `evaldata.json` + `html/` (trafilatura layout), or a folder holding such folders.
    pub dir: PathBuf,
    /// Write predictions as `{id: {"articleBody": ...}}`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(_ctx: &Context, _command: EvalCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("eval is not built yet")
}
