//! `storyline ner` (tag CoNLL tokens) and `storyline eval ner` (score a model on a file).

use crate::Context;
use crate::cmd::analyse::ModelsArg;
use anyhow::{Context as _, bail};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use storyline_analyse::ner::{self, Model};
use storyline_eval::ner::NerScore;

/// Tag CoNLL tokens read on stdin with a named-entity model.
///
/// Input: one token a line in the first column (`idx<TAB>token<TAB>...` files are read too),
/// other columns ignored, a blank line between sentences. Output: `token<TAB>tag`, a blank
/// line after each sentence.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  zcat dev.conllu.gz | storyline ner --lang fr\n  \
    zcat dev.conllu.gz | storyline ner --lang fr --json | jq -c '.tags'")]
pub struct Args {
    /// Language of the model to use.
    #[arg(long)]
    pub lang: Option<String>,
    /// One JSON object per sentence instead: `{"tokens": [...], "tags": [...]}`.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub model: ModelArgs,
}

/// Where a model comes from.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// A model file; overrides --lang and --models.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub models: ModelsArg,
}

impl ModelArgs {
    pub fn load(&self, lang: Option<&str>) -> anyhow::Result<Model> {
        match (&self.model, lang) {
            (Some(path), _) => Ok(Model::load(path)?),
            (None, Some(lang)) => {
                let mut models = self.models.open()?;
                models
                    .take_ner(lang)
                    .with_context(|| format!("no NER model for {lang:?}"))?
                    .map_err(anyhow::Error::from)
            }
            (None, None) => bail!("give --lang or --model"),
        }
    }
}

pub fn run(_ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let model = args.model.load(args.lang.as_deref())?;
    let sentences = ner::conll::read(std::io::stdin().lock(), false).context("reading stdin")?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let written = sentences.iter().try_for_each(|s| {
        let tags = model.tag(&s.tokens);
        if args.json {
            let line = serde_json::json!({ "tokens": s.tokens, "tags": tags });
            writeln!(out, "{line}")
        } else {
            ner::conll::write_tagged(&mut out, &s.tokens, None, &tags)
        }
    });
    // A closed pipe (`| head`) ends the output quietly rather than as an error.
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Score a NER model on a tagged CoNLL file (conlleval's definition).
///
/// Prints precision, recall and F1 per type and micro-averaged, and the tagger's speed.
/// With --predictions, scores a file of `token<TAB>gold<TAB>predicted` lines instead (as
/// --out writes them, or as another tagger's output is converted), so every system goes
/// through the same scorer.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  storyline eval ner --lang fr --test ../shared/data/ner/wikineural/fr/dev.conllu.gz\n  \
    storyline eval ner --predictions spacy-md.tsv --json"
)]
pub struct EvalNerArgs {
    /// Language of the model to use.
    #[arg(long)]
    pub lang: Option<String>,
    #[command(flatten)]
    pub model: ModelArgs,
    /// Tagged file to score the model on.
    #[arg(long, value_name = "FILE", required_unless_present = "predictions")]
    pub test: Option<PathBuf>,
    /// Score these `token<TAB>gold<TAB>predicted` lines instead of running a model.
    #[arg(long, value_name = "FILE", conflicts_with = "test")]
    pub predictions: Option<PathBuf>,
    /// Write `token<TAB>gold<TAB>predicted` lines, a blank line between sentences.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// One JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

pub fn eval_ner(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    if let Some(p) = &args.predictions {
        let score = score_predictions(p)?;
        print_score(&score, args.json, None);
        return Ok(ExitCode::SUCCESS);
    }
    let test = args.test.as_deref().context("give --test or --predictions")?;
    let model = args.model.load(args.lang.as_deref())?;
    let sentences = ner::conll::read_path(test)?;
    model.warm_up();
    let started = Instant::now();
    let predicted: Vec<Vec<&str>> = sentences.iter().map(|s| model.tag(&s.tokens)).collect();
    let secs = started.elapsed().as_secs_f64();
    let mut score = NerScore::default();
    for (s, p) in sentences.iter().zip(&predicted) {
        if s.tags.len() == s.tokens.len() {
            score.add(&s.tags, p);
        }
    }
    if let Some(out) = &args.out {
        let mut w = BufWriter::new(
            std::fs::File::create(out).with_context(|| format!("creating {}", out.display()))?,
        );
        for (s, p) in sentences.iter().zip(&predicted) {
            ner::conll::write_tagged(&mut w, &s.tokens, Some(&s.tags), p)?;
        }
        w.flush()?;
    }
    let tokens: usize = sentences.iter().map(|s| s.tokens.len()).sum();
    print_score(&score, args.json, Some((tokens, secs)));
    Ok(ExitCode::SUCCESS)
}

fn score_predictions(path: &Path) -> anyhow::Result<NerScore> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut score = NerScore::default();
    let (mut gold, mut pred) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().chain([""]).enumerate() {
        if line.trim().is_empty() {
            if !gold.is_empty() {
                score.add(&ner::conll::normalise_tags(&gold), &ner::conll::normalise_tags(&pred));
                gold.clear();
                pred.clear();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            bail!("{}:{}: expected token<TAB>gold<TAB>predicted", path.display(), n + 1);
        }
        gold.push(cols[cols.len() - 2].to_owned());
        pred.push(cols[cols.len() - 1].to_owned());
    }
    Ok(score)
}

fn print_score(score: &NerScore, json: bool, speed: Option<(usize, f64)>) {
    if json {
        let mut v = score.to_json();
        if let Some((tokens, secs)) = speed {
            v["tagging_seconds"] = serde_json::json!(secs);
            v["tokens_per_second"] = serde_json::json!((tokens as f64 / secs.max(1e-9)).round());
        }
        println!("{v}");
    } else {
        print!("{}", score.report());
        if let Some((tokens, secs)) = speed {
            println!("tagged {tokens} tokens in {secs:.3}s: {:.0} tokens/s", tokens as f64 / secs.max(1e-9));
        }
    }
}
