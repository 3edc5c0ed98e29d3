//! `storyline`: the command line. Each subcommand lives in its own module under `cmd/`; this
//! file only parses arguments, sets up logging and maps outcomes to exit codes.

mod cmd;
mod pass_state;
mod render;
mod resolve_pass;

// The story stages allocate many small, short-lived vectors and strings, and the pipeline frees
// on one thread what it allocated on the other; mimalloc does both markedly cheaper than the
// system allocator (BENCHMARKS.md, "Story stages together").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn a stream of news articles into stories.
///
/// storyline reads pages, feeds, archives and text files, extracts each article (title, text,
/// date with its precision, authors, site, language), finds its sentences and named entities,
/// and keeps it in an embedded store: one data folder, `./storyline-data` unless --data or
/// STORYLINE_DATA says otherwise.
///
/// Start with `storyline ingest FOLDER`, then `storyline articles` and `storyline article ID`.
///
/// Exit codes: 0 success; 1 the work failed (nothing could be read, no such article, a store
/// error); 2 the command line was wrong.
#[derive(Debug, Parser)]
#[command(name = "storyline", version, propagate_version = true, max_term_width = 100)]
struct Cli {
    /// Data folder of the embedded store.
    #[arg(long, global = true, env = "STORYLINE_DATA", default_value = "storyline-data", value_name = "DIR")]
    data: PathBuf,

    /// More log output (-v: debug, -vv: trace). Logs go to stderr; RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    verbose: u8,

    /// Only errors on stderr, no progress bar.
    #[arg(short, long, global = true)]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Ingest(cmd::ingest::Args),
    Articles(cmd::articles::ListArgs),
    Article(cmd::articles::ShowArgs),
    Analyse(cmd::analyse::Args),
    Entities(cmd::entities::Args),
    Entity(cmd::entities::ShowArgs),
    Extract(cmd::extract::Args),
    /// Measure quality on public labelled data, with each benchmark's own metric.
    #[command(subcommand)]
    Eval(cmd::eval::EvalCommand),
    /// Measure a stage's speed (one core) and peak memory.
    #[command(subcommand)]
    Bench(cmd::bench::BenchCommand),
    /// Train models (named entities, word clusters) from annotated or raw text.
    #[command(subcommand)]
    Train(cmd::train::TrainCommand),
    Ner(cmd::ner::Args),
    Stories(cmd::stories::ListArgs),
    Story(cmd::stories::ShowArgs),
    Brief(cmd::brief::Args),
    Events(cmd::events_export::Args),
}

/// What every command may need besides its own arguments.
pub struct Context {
    pub data: PathBuf,
    pub quiet: bool,
}

/// Output piped into `head` and closed early ends the process quietly, as it ends any Unix
/// filter, rather than with a panic at the next print (Rust ignores SIGPIPE by default).
#[cfg(unix)]
fn quiet_on_closed_pipe() {
    // SAFETY: restoring a signal's default disposition, before any thread is started.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn quiet_on_closed_pipe() {}

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = Cli::parse();
    init_logging(cli.verbose, cli.quiet);
    let ctx = Context { data: cli.data, quiet: cli.quiet };
    let outcome = match cli.command {
        Command::Ingest(args) => cmd::ingest::run(&ctx, args),
        Command::Articles(args) => cmd::articles::list(&ctx, args),
        Command::Article(args) => cmd::articles::show(&ctx, args),
        Command::Analyse(args) => cmd::analyse::run(&ctx, args),
        Command::Entities(args) => cmd::entities::run(&ctx, args),
        Command::Entity(args) => cmd::entities::show(&ctx, args),
        Command::Extract(args) => cmd::extract::run(&ctx, args),
        Command::Eval(command) => cmd::eval::run(&ctx, command),
        Command::Bench(command) => cmd::bench::run(&ctx, command),
        Command::Train(command) => cmd::train::run(&ctx, command),
        Command::Ner(args) => cmd::ner::run(&ctx, args),
        Command::Stories(args) => cmd::stories::list(&ctx, args),
        Command::Story(args) => cmd::stories::show(&ctx, args),
        Command::Brief(args) => cmd::brief::run(&ctx, args),
        Command::Events(args) => cmd::events_export::run(&ctx, args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let default = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "debug",
        (false, _) => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .init();
}
