//! `storyline train ner`: train a named-entity model from CoNLL-style files.

use crate::Context;
use anyhow::Context as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use storyline_analyse::ner::{self, TrainConfig};

#[derive(Debug, clap::Subcommand)]
pub enum TrainCommand {
    /// Train a named-entity recogniser (PER/LOC/ORG/MISC, IOB2).
    ///
    /// Training is single-threaded and reproducible: the same files and seed give the same
    /// model, byte for byte. The dev file only picks the best epoch (early stopping).
    #[command(
        after_help = "Example:\n  storyline train ner --lang fr --train ../shared/data/ner/wikineural/fr/train.conllu.gz \\\n    \
        --dev ../shared/data/ner/wikineural/fr/dev.conllu.gz --out models/ner/fr.bin.gz"
    )]
    Ner(NerArgs),
}

#[derive(Debug, clap::Args)]
pub struct NerArgs {
    /// Language code stored in the model (fr, en, ...).
    #[arg(long)]
    pub lang: String,
    /// Training file(s): `idx<TAB>token<TAB>tag`, `token tag` or `token<TAB>...<TAB>tag`,
    /// a blank line between sentences; `.gz` accepted. Repeat to concatenate.
    #[arg(long, required = true, value_name = "FILE")]
    pub train: Vec<PathBuf>,
    /// Dev file, for early stopping only.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Where to write the model (gzip-compressed).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    #[arg(long, default_value_t = 15)]
    pub max_epochs: usize,
    /// Epochs without dev improvement before stopping.
    #[arg(long, default_value_t = 4)]
    pub patience: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Ignore word features seen fewer times than this.
    #[arg(long, default_value_t = 1)]
    pub min_count: u32,
    /// Train without the GeoNames place-name features.
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Use only the first N training sentences (quick runs, CI).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, command: TrainCommand) -> anyhow::Result<ExitCode> {
    match command {
        TrainCommand::Ner(args) => train_ner(ctx, args),
    }
}

fn train_ner(ctx: &Context, args: NerArgs) -> anyhow::Result<ExitCode> {
    let mut train = Vec::new();
    for f in &args.train {
        train.extend(ner::conll::read_path(f)?);
    }
    if let Some(n) = args.limit {
        train.truncate(n);
    }
    let dev = match &args.dev {
        Some(f) => ner::conll::read_path(f)?,
        None => Vec::new(),
    };
    let cfg = TrainConfig {
        lang: args.lang.clone(),
        max_epochs: args.max_epochs,
        patience: args.patience,
        seed: args.seed,
        min_count: args.min_count,
        gazetteer: !args.no_gazetteer,
    };
    let tokens: usize = train.iter().map(|s| s.tokens.len()).sum();
    if !ctx.quiet {
        eprintln!(
            "training {} on {} sentences ({tokens} tokens), dev {} sentences",
            args.lang,
            train.len(),
            dev.len()
        );
    }
    let started = Instant::now();
    let quiet = ctx.quiet;
    let model = ner::train(&train, &dev, &cfg, |r| {
        if quiet {
            return;
        }
        let dev = r.dev.as_ref().map_or(String::new(), |d| {
            format!(" dev P {:.4} R {:.4} F1 {:.4}", d.micro.precision(), d.micro.recall(), d.micro.f1())
        });
        eprintln!(
            "epoch {:>2}: {} training errors, {} features,{dev} ({:.0}s)",
            r.epoch,
            r.train_token_errors,
            r.features,
            started.elapsed().as_secs_f64()
        );
    })
    .map_err(anyhow::Error::msg)?;
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    model.save(&args.out).with_context(|| format!("writing {}", args.out.display()))?;
    if !ctx.quiet {
        let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
        eprintln!("wrote {} ({} bytes, {} features)", args.out.display(), size, model.table.len());
        if !dev.is_empty() {
            eprint!("{}", ner::evaluate(&model, &dev).report());
        }
    }
    Ok(ExitCode::SUCCESS)
}
