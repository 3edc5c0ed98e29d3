//! `storyline eval ...`: quality on public labelled data, with the benchmark's own metric.

use crate::Context;
use anyhow::{Context as _, anyhow, bail};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use storyline_doc::Body;
use storyline_eval::extraction::{Benchmark, Score, dataset};
use storyline_read::{Format, Input, ReadOptions};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    // The help texts are the argument structs' doc comments, short and long.
    Extract(ExtractArgs),
    Ner(crate::cmd::ner::EvalNerArgs),
    Time(crate::cmd::time::EvalTimeArgs),
    Events(crate::cmd::events::EvalEventsArgs),
    Cluster(crate::cmd::eval_cluster::EvalClusterArgs),
    Dedup(crate::cmd::dedup::eval::EvalDedupArgs),
}

/// Score article extraction with each benchmark's own metric.
///
/// ScrapingHub layout (`ground-truth.json` + `html/<id>.html.gz`): 4-gram shingle precision,
/// recall and F1 as upstream `evaluate.py` computes them, with ± = 1.96 × the bootstrap
/// standard deviation (1000 resamples, fixed seed), and accuracy (same token sequence).
/// Trafilatura layout (`evaldata.json` + `html/<file>.gz`): whitespace-normalised substring
/// tests of the `with`/`without` snippets, micro precision, recall and F1.
///
/// Our extractor gets each page as storyline's readers decode it (gzip undone; BOM, then
/// `<meta charset>`, then UTF-8 or detection) and its URL from the truth file when that is an
/// http(s) URL. Its text is the paragraphs joined by a blank line.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  storyline eval extract ../shared/data/extraction\n  \
    storyline eval extract ../shared/data/extraction/scrapinghub --out ours.json\n  \
    storyline eval extract ../shared/data/extraction/scrapinghub --predictions trafilatura.json --json")]
pub struct ExtractArgs {
    /// Benchmark folder: `ground-truth.json` + `html/` (scrapinghub layout) or
    /// `evaldata.json` + `html/` (trafilatura layout), or a folder holding such folders.
    pub dir: PathBuf,
    /// Write our predictions as `{id: {"articleBody": ...}}` (trafilatura layout: keyed by the
    /// entry's URL). When DIR holds several sets, FILE is a folder that gets `<set>.json` each.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Score this predictions file (same format as --out; trafilatura layout: keyed by URL or
    /// by `file`) instead of running our extractor. Its keys must be exactly the set's pages.
    /// When DIR holds several sets, FILE is a folder with `<set>.json` for each.
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    pub predictions: Option<PathBuf>,
    /// Machine-readable output: one JSON object with every set's scores and per-page counts.
    #[arg(long)]
    pub json: bool,
    /// Leave out (with a warning) the pages whose HTML file is missing, instead of failing.
    /// Their scores are then not comparable with runs on the whole set.
    #[arg(long)]
    pub skip_missing: bool,
    /// Also list the N pages of each set that score worst.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,
}

pub fn run(ctx: &Context, command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Extract(args) => extract(ctx, args),
        EvalCommand::Ner(args) => crate::cmd::ner::eval_ner(args),
        EvalCommand::Time(args) => crate::cmd::time::eval_time(args),
        EvalCommand::Events(args) => crate::cmd::events::eval_events(args),
        EvalCommand::Cluster(args) => crate::cmd::eval_cluster::eval_cluster(args),
        EvalCommand::Dedup(args) => crate::cmd::dedup::eval::eval_dedup(args),
    }
}

/// Where a set's file goes: FILE itself, or `<set>.json` in it when it stands for several
/// sets or is a folder.
fn per_set_path(path: &Path, bench: &Benchmark, several: bool) -> PathBuf {
    if several || path.is_dir() { path.join(format!("{}.json", bench.name)) } else { path.to_path_buf() }
}

struct SetResult {
    bench: Benchmark,
    score: Score,
    seconds: f64,
    panicked: Vec<String>,
}

fn extract(ctx: &Context, args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let sets = if args.skip_missing {
        dataset::discover_skipping_missing(&args.dir)?
    } else {
        dataset::discover(&args.dir)?
    };
    for b in sets.iter().filter(|b| !b.missing.is_empty()) {
        eprintln!(
            "warning: {}: left out {} page(s) without HTML, e.g. {}",
            b.name,
            b.missing.len(),
            b.missing.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
        );
    }
    let several = sets.len() > 1;
    if let Some(p) = &args.predictions
        && several
        && !p.is_dir()
    {
        bail!(
            "{} holds {} sets ({}): give --predictions a folder with <set>.json for each, or one set's folder",
            args.dir.display(),
            sets.len(),
            sets.iter().map(|b| b.name.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    if let Some(out) = &args.out
        && several
    {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    }

    let mut results = Vec::new();
    for bench in sets {
        let started = Instant::now();
        let mut panicked = Vec::new();
        let outputs = match &args.predictions {
            Some(p) => {
                let path = per_set_path(p, &bench, several);
                let preds = dataset::read_predictions(&path)?;
                dataset::align(&bench, &preds).with_context(|| format!("{}", path.display()))?
            }
            None => run_extractor(&bench, &mut panicked)?,
        };
        let seconds = started.elapsed().as_secs_f64();
        if let Some(out) = &args.out {
            let path = per_set_path(out, &bench, several);
            let preds = bench.pages.iter().map(|p| p.id.clone()).zip(outputs.iter().cloned()).collect();
            dataset::write_predictions(&path, &preds)?;
            if !ctx.quiet {
                eprintln!("wrote {} predictions of {} to {}", bench.pages.len(), bench.name, path.display());
            }
        }
        if !panicked.is_empty() {
            eprintln!(
                "warning: extract_html panicked on {} page(s) of {} (scored as no output): {}",
                panicked.len(),
                bench.name,
                panicked.join(", ")
            );
        }
        let score = dataset::score(&bench, &outputs);
        results.push(SetResult { bench, score, seconds, panicked });
    }

    let source = match &args.predictions {
        Some(p) => json!({ "predictions": p.display().to_string() }),
        None => json!("storyline"),
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&json_report(&args.dir, source, &results))?);
    } else {
        print!("{}", text_report(&args, &results));
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `extract_html` on every page. A panic is a bug to report, not a reason to lose the
/// whole evaluation: the page scores as no output, as upstream scores a crash.
fn run_extractor(bench: &Benchmark, panicked: &mut Vec<String>) -> anyhow::Result<Vec<Option<String>>> {
    let mut outputs = Vec::with_capacity(bench.pages.len());
    for page in &bench.pages {
        let html = read_html(&page.html_path)?;
        let url = page.url.as_deref();
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            storyline_extract::extract_html(&html, url)
        }));
        match found {
            Ok(found) => outputs.push(Some(found.paragraphs.join("\n\n"))),
            Err(_) => {
                panicked.push(page.file.clone().unwrap_or_else(|| page.id.clone()));
                outputs.push(None);
            }
        }
    }
    Ok(outputs)
}

/// A page as the readers decode it for `storyline extract` and `ingest`, so the scores are
/// the pipeline's. (`dataset::read_page` is the eval crate's own dependency-light decoder;
/// on the 487 shared dev pages the two differ on one, by a byte inside an HTML comment.)
pub fn read_html(path: &Path) -> anyhow::Result<String> {
    let options = ReadOptions { format: Format::Html, ..ReadOptions::default() };
    let input = Input::Path(path.to_path_buf());
    match storyline_read::read(&input, &options).next() {
        Some(Ok(raw)) => match raw.body {
            Body::Html(text) | Body::Text(text) => Ok(text),
        },
        Some(Err(e)) => Err(anyhow!("{e}")).with_context(|| format!("reading {}", path.display())),
        None => bail!("{}: no document read", path.display()),
    }
}

fn json_report(dir: &Path, source: Value, results: &[SetResult]) -> Value {
    let sets: Vec<Value> = results
        .iter()
        .map(|r| {
            let mut v = json!({
                "name": r.bench.name,
                "missing": r.bench.missing,
                "dir": r.bench.dir.display().to_string(),
                "layout": r.bench.layout,
                "metric": r.bench.layout.metric_name(),
                "seconds": r.seconds,
                "panicked": r.panicked,
            });
            if let (Value::Object(obj), Ok(Value::Object(score))) = (&mut v, serde_json::to_value(&r.score)) {
                obj.extend(score);
            }
            v
        })
        .collect();
    json!({ "dir": dir.display().to_string(), "source": source, "sets": sets })
}

fn text_report(args: &ExtractArgs, results: &[SetResult]) -> String {
    let mut out = String::new();
    let who = match &args.predictions {
        Some(p) => format!("predictions from {}", p.display()),
        None => "storyline extract_html".to_string(),
    };
    let _ = writeln!(out, "extraction quality of {who} on {}\n", args.dir.display());
    let _ = writeln!(
        out,
        "{:<14} {:<21} {:>5}  {:<14} {:<14} {:<14} {:>8}",
        "set", "metric", "pages", "precision", "recall", "F1", "accuracy"
    );
    let mut any_sh = false;
    for r in results {
        let name = &r.bench.name;
        let metric = r.bench.layout.metric_name();
        match &r.score {
            Score::ScrapingHub(s) => {
                any_sh = true;
                let _ = writeln!(
                    out,
                    "{name:<14} {metric:<21} {:>5}  {:<14} {:<14} {:<14} {:>8.3}",
                    s.pages,
                    format!("{:.3} ± {:.3}", s.precision, s.ci95.precision),
                    format!("{:.3} ± {:.3}", s.recall, s.ci95.recall),
                    format!("{:.3} ± {:.3}", s.f1, s.ci95.f1),
                    s.accuracy
                );
            }
            Score::Trafilatura(s) => {
                let t = &s.totals;
                let _ = writeln!(
                    out,
                    "{name:<14} {metric:<21} {:>5}  {:<14.3} {:<14.3} {:<14.3} {:>8.3}",
                    s.pages, s.precision, s.recall, s.f1, s.accuracy
                );
                let _ = writeln!(
                    out,
                    "{:<14} snippets: tp {} fn {} (of {} with), fp {} tn {} (of {} without)",
                    "",
                    t.tp,
                    t.fn_,
                    t.tp + t.fn_,
                    t.fp,
                    t.tn,
                    t.fp + t.tn
                );
            }
        }
    }
    if any_sh {
        let _ = writeln!(
            out,
            "\n± is 1.96 × the bootstrap standard deviation (1000 resamples of pages, fixed seed), as upstream prints it."
        );
    }
    if args.worst > 0 {
        for r in results {
            let _ = writeln!(out, "\nworst pages of {}:", r.bench.name);
            match &r.score {
                Score::ScrapingHub(s) => {
                    let mut pages: Vec<_> = s.per_page.iter().collect();
                    let f1 = |p: &&storyline_eval::extraction::shingles::PageScore| {
                        if p.precision + p.recall > 0.0 {
                            2.0 * p.precision * p.recall / (p.precision + p.recall)
                        } else {
                            0.0
                        }
                    };
                    pages.sort_by(|a, b| f1(a).total_cmp(&f1(b)));
                    for p in pages.iter().take(args.worst) {
                        let _ = writeln!(
                            out,
                            "  F1 {:.3}  P {:.3}  R {:.3}  {}",
                            f1(p),
                            p.precision,
                            p.recall,
                            r.bench
                                .pages
                                .iter()
                                .find(|x| x.id == p.id)
                                .and_then(|x| x.url.as_deref())
                                .unwrap_or(&p.id)
                        );
                    }
                }
                Score::Trafilatura(s) => {
                    let mut pages: Vec<_> = s.per_page.iter().collect();
                    pages.sort_by_key(|p| std::cmp::Reverse(p.counts.fn_ + p.counts.fp));
                    for p in pages.iter().take(args.worst) {
                        let file =
                            r.bench.pages.iter().find(|x| x.id == p.id).and_then(|x| x.file.as_deref());
                        let _ = writeln!(
                            out,
                            "  fn {} fp {}  {}  ({})",
                            p.counts.fn_,
                            p.counts.fp,
                            file.unwrap_or(&p.id),
                            p.id
                        );
                        for m in &p.missed {
                            let _ = writeln!(out, "      missed: {m:?}");
                        }
                        for k in &p.kept {
                            let _ = writeln!(out, "      kept:   {k:?}");
                        }
                    }
                }
            }
        }
    }
    out
}
