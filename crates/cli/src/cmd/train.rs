//! `storyline train ner`: train a named-entity model from CoNLL-style files.

use crate::Context;
use anyhow::Context as _;
use std::path::{Path, PathBuf};
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
    /// Build word clusters from unlabeled text, for `train ner --clusters`.
    ///
    /// Words used in the same contexts get bit strings with long common prefixes (PPMI context
    /// vectors, bisecting 2-means; see `storyline_analyse::ner::clusters`).
    /// Seeded and single-threaded: the same inputs give the same file. Output: `bits<TAB>word`
    /// lines, gzip-compressed when the name ends in `.gz`.
    #[command(
        after_help = "Example:\n  storyline train clusters --lang en --conll ../shared/data/ner/conll/en/train.conllu.gz \\\n    \
        --html ../shared/data/extraction/scrapinghub/html --out /tmp/en.clusters.gz"
    )]
    Clusters(ClusterArgs),
}

#[derive(Debug, clap::Args)]
pub struct ClusterArgs {
    /// Language: HTML pages whose extracted text is identified as another one are skipped.
    #[arg(long)]
    pub lang: String,
    /// CoNLL-style files whose token column is used (tags ignored); `.gz` accepted. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub conll: Vec<PathBuf>,
    /// HTML pages (`.html`, `.html.gz`) or folders of them: the article text the extractor
    /// finds is used, when in `--lang`. Repeatable.
    #[arg(long, value_name = "PATH")]
    pub html: Vec<PathBuf>,
    /// Where to write the clusters.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Words seen fewer times get no cluster.
    #[arg(long, default_value_t = 3)]
    pub min_count: u32,
    /// Number of most frequent words used as contexts.
    #[arg(long, default_value_t = 1500)]
    pub contexts: usize,
    /// Maximum bit-string length.
    #[arg(long, default_value_t = 20)]
    pub depth: u8,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
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
    /// Train without the entity memory (names of the training data, jackknifed).
    #[arg(long)]
    pub no_memory: bool,
    /// Other tagged files whose names are added to the entity memory (not trained on); same
    /// formats as `--train`. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub memory_extra: Vec<PathBuf>,
    /// Word clusters (`storyline train clusters` output) for the cluster features; they are
    /// stored inside the model.
    #[arg(long, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// Use only the first N training sentences (quick runs, CI).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

pub fn run(ctx: &Context, command: TrainCommand) -> anyhow::Result<ExitCode> {
    match command {
        TrainCommand::Ner(args) => train_ner(ctx, args),
        TrainCommand::Clusters(args) => train_clusters(ctx, args),
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
    let clusters = match &args.clusters {
        Some(f) => read_clusters(f)?,
        None => ner::Clusters::default(),
    };
    let mut memory_extra = Vec::new();
    for f in &args.memory_extra {
        memory_extra.extend(ner::conll::read_path(f)?);
    }
    let cfg = TrainConfig {
        lang: args.lang.clone(),
        max_epochs: args.max_epochs,
        patience: args.patience,
        seed: args.seed,
        min_count: args.min_count,
        gazetteer: !args.no_gazetteer,
        clusters,
        memory: !args.no_memory,
        memory_extra,
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

fn read_clusters(path: &Path) -> anyhow::Result<ner::Clusters> {
    Ok(ner::Clusters::load(path)?)
}

fn read_page(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let bytes = if path.extension().is_some_and(|x| x == "gz") {
        let mut out = Vec::new();
        storyline_analyse::ner::clusters::gunzip(&bytes, &mut out)
            .with_context(|| format!("reading {}", path.display()))?;
        out
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// HTML files under `path` (itself when a file), sorted for a deterministic order.
fn html_files(path: &Path) -> anyhow::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    let mut out = Vec::new();
    for e in std::fs::read_dir(path).with_context(|| format!("reading {}", path.display()))? {
        let p = e?.path();
        let name = p.to_string_lossy();
        if p.is_dir() {
            out.extend(html_files(&p)?);
        } else if name.ends_with(".html") || name.ends_with(".html.gz") || name.ends_with(".htm") {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

fn train_clusters(ctx: &Context, args: ClusterArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for f in &args.conll {
        sentences.extend(ner::conll::read_path(f)?.into_iter().map(|s| s.tokens));
    }
    let from_conll = sentences.len();
    let (mut pages, mut kept) = (0, 0);
    for p in &args.html {
        for f in html_files(p)? {
            pages += 1;
            let html = read_page(&f)?;
            let found = storyline_extract::extract_html(&html, None);
            let text = found.paragraphs.join("\n\n");
            let lang = storyline_extract::lang::identify(&text, None);
            if lang.as_ref().is_none_or(|l| l.code != args.lang) {
                continue;
            }
            kept += 1;
            let tokens = storyline_analyse::tokenize::tokenize(&text);
            for s in storyline_analyse::sentences::sentences(&text, &tokens) {
                sentences.push(tokens[s.tokens].iter().map(|t| t.text(&text).to_owned()).collect());
            }
        }
    }
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    if !ctx.quiet {
        eprintln!(
            "clustering {} words of {} sentences ({from_conll} from CoNLL files, the rest from {kept} of {pages} pages)",
            n_tokens,
            sentences.len()
        );
    }
    let cfg = ner::ClusterConfig {
        min_count: args.min_count,
        contexts: args.contexts,
        depth: args.depth,
        seed: args.seed,
        ..ner::ClusterConfig::default()
    };
    let clusters = ner::Clusters::build(sentences.iter().map(Vec::as_slice), &cfg);
    if let Some(parent) = args.out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    clusters.save(&args.out)?;
    if !ctx.quiet {
        eprintln!(
            "wrote {} ({} words, {:.1}s)",
            args.out.display(),
            clusters.len(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
