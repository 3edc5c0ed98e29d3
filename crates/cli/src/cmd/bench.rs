//! `storyline bench ...`: throughput and peak memory of one stage.

use crate::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    /// Pages per second and peak memory of HTML extraction on one core.
    Extract(ExtractArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Benchmark folder with an `html/` folder of pages (`.html` or `.html.gz`).
    pub dir: PathBuf,
}

pub fn run(_ctx: &Context, _command: BenchCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("bench is not built yet")
}
