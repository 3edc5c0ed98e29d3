//! `storyline bench dedup`: inserts per second and peak memory of the dedup index on a long
//! synthetic stream built from real texts.

use super::corpus::{self, Doc, Source};
use super::perturb::{self, Perturbation};
use super::{IndexArgs, describe};
use crate::cmd::bench::{cpu_model, memory};
use anyhow::Context as _;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use storyline_analyse::{sentences::sentences, tokenize::tokenize};
use storyline_dedup::{DedupIndex, Kind};
use storyline_eval::extraction::shingles::SplitMix64;

/// Time the dedup index on a synthetic stream of articles built from real texts.
///
/// The sentences and titles of the 181 ScrapingHub bodies and 209 MMDS2025 dev articles under
/// DIR make the stream. A new article takes the sentence count of a random real one and
/// fills it with random sentences of the pool (three a paragraph) under a random title; with
/// probability --copies the next article is instead a copy of one of the last --window
/// articles of the stream, made by a random edit of `storyline eval dedup` (so copies of
/// copies occur). Only `insert` is timed, on one thread; making the articles is not. At
/// each checkpoint (10k, 100k, 1M, and every tenth of --articles) the report gives the
/// insert rate overall and since the previous checkpoint, so a growing cost per article
/// shows, and the peak resident set (VmHWM) of the whole process. Articles are made in
/// batches of 1000 between the timed runs; rates are given per second of wall time and per
/// second the thread was on a CPU, which a shared machine makes differ.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  storyline bench dedup --articles 1000000 --json")]
pub struct BenchDedupArgs {
    /// The data folder holding `extraction/scrapinghub` and `clustering/mmds2025`.
    #[arg(default_value = "../shared/data")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub index: IndexArgs,
    /// Articles in the stream.
    #[arg(long, default_value_t = 100_000)]
    pub articles: usize,
    /// Share of the stream that copies a recent article.
    #[arg(long, default_value_t = 0.3)]
    pub copies: f64,
    /// How many recent articles a copy may come from.
    #[arg(long, default_value_t = 1000)]
    pub window: usize,
    /// Seed of every random draw.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Stream the texts of this JSON Lines file instead (each line's `text`, or its `first`
    /// then its `second`, as `storyline eval dedup --pairs-out` writes them), once, in order:
    /// the input scripts/peer_datasketch.py times. --articles, --copies and --window are unused.
    #[arg(long, value_name = "FILE")]
    pub texts: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

fn read_texts(path: &Path) -> anyhow::Result<Vec<String>> {
    let content = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut texts = Vec::new();
    for (n, line) in content.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        for field in ["text", "first", "second"] {
            if let Some(t) = v[field].as_str() {
                texts.push(t.to_string());
            }
        }
    }
    Ok(texts)
}

/// The real material new articles are drawn from.
struct Pool {
    sentences: Vec<String>,
    sentence_counts: Vec<usize>,
    titles: Vec<String>,
}

impl Pool {
    fn new(sources: &[Source]) -> Self {
        let mut pool = Pool { sentences: Vec::new(), sentence_counts: Vec::new(), titles: Vec::new() };
        for s in sources {
            let before = pool.sentences.len();
            for p in &s.paragraphs {
                let spans = sentences(p, &tokenize(p));
                pool.sentences.extend(spans.iter().map(|sp| p[sp.start..sp.end].to_string()));
            }
            pool.sentence_counts.push(pool.sentences.len() - before);
            pool.titles.extend(s.title.clone());
        }
        pool
    }

    fn new_article(&self, rng: &mut SplitMix64) -> Doc {
        let n = self.sentence_counts[rng.below(self.sentence_counts.len())].max(1);
        let drawn: Vec<&str> =
            (0..n).map(|_| self.sentences[rng.below(self.sentences.len())].as_str()).collect();
        Doc {
            title: Some(self.titles[rng.below(self.titles.len())].clone()),
            paragraphs: drawn.chunks(3).map(|c| c.join(" ")).collect(),
        }
    }
}

/// Articles made (untimed) before each timed run of inserts.
const BATCH: usize = 1000;

/// Time this thread has spent on a CPU, from the scheduler's own count (Linux): on a
/// shared machine the wall clock also counts the time other processes had the core.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

struct Checkpoint {
    articles: usize,
    seconds: f64,
    cpu_seconds: f64,
    window_rate: f64,
    peak_rss: Option<u64>,
    rss: Option<u64>,
    stats: storyline_dedup::Stats,
    kinds: [usize; 3],
}

fn checkpoints(total: usize) -> Vec<usize> {
    let mut at: Vec<usize> = (1..=10).map(|i| total * i / 10).collect();
    let mut p = 10_000;
    while p < total {
        at.push(p);
        p *= 10;
    }
    at.retain(|&n| n > 0);
    at.sort_unstable();
    at.dedup();
    at
}

pub fn bench_dedup(args: BenchDedupArgs) -> anyhow::Result<ExitCode> {
    let config = args.index.config();
    let given = args.texts.as_deref().map(read_texts).transpose()?;
    let articles = given.as_ref().map_or(args.articles, Vec::len);
    let sources = corpus::load(&args.dir)?;
    let pool = Pool::new(&sources);
    let (_, rss_loaded) = memory();
    let mut rng = SplitMix64::new(args.seed);
    let mut recent: VecDeque<Doc> = VecDeque::with_capacity(args.window + 1);
    let mut index: DedupIndex<u64> = DedupIndex::new(config);
    let marks = checkpoints(articles);
    let mut kinds = [0usize; 3];
    let (mut seconds, mut cpu_seconds) = (0.0, 0.0);
    let (mut last_cpu, mut last_articles) = (0.0, 0);
    let mut words = 0usize;
    let mut report = Vec::new();
    let copy_cut = (args.copies.clamp(0.0, 1.0) * u64::MAX as f64) as u64;
    let load_at_start = load_average();
    let started = Instant::now();
    let mut made = 0;
    for &mark in &marks {
        while made < mark {
            let batch_end = (made + BATCH).min(mark);
            let mut batch = Vec::with_capacity(batch_end - made);
            for n in made..batch_end {
                if let Some(texts) = &given {
                    words += texts[n].split_whitespace().count();
                    batch.push((n as u64, texts[n].clone()));
                    continue;
                }
                let doc = if !recent.is_empty() && rng.next_u64() < copy_cut {
                    let original = &recent[rng.below(recent.len())];
                    let edit = Perturbation::ALL[rng.below(Perturbation::ALL.len())];
                    perturb::apply(edit, original, &sources, &mut rng)
                } else {
                    pool.new_article(&mut rng)
                };
                batch.push((n as u64, doc.text()));
                words += doc.words();
                if recent.len() == args.window {
                    recent.pop_front();
                }
                recent.push_back(doc);
            }
            let cpu_before = thread_cpu_seconds();
            let t = Instant::now();
            for (id, text) in &batch {
                let verdict = index.insert(*id, black_box(text), None);
                kinds[match verdict.kind {
                    Kind::Exact => 0,
                    Kind::Near => 1,
                    Kind::New => 2,
                }] += 1;
            }
            seconds += t.elapsed().as_secs_f64();
            if let (Some(after), Some(before)) = (thread_cpu_seconds(), cpu_before) {
                cpu_seconds += after - before;
            }
            made = batch_end;
        }
        let (peak_rss, rss) = memory();
        let cpu_window = cpu_seconds - last_cpu;
        report.push(Checkpoint {
            articles: mark,
            seconds,
            cpu_seconds,
            window_rate: if cpu_window > 0.0 { (mark - last_articles) as f64 / cpu_window } else { 0.0 },
            peak_rss,
            rss,
            stats: index.stats(),
            kinds,
        });
        (last_cpu, last_articles) = (cpu_seconds, mark);
        if !args.json {
            eprintln!("{mark} articles...");
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let mb = |b: Option<u64>| b.map(|b| b as f64 / 1e6);
    let mean_words = words as f64 / articles.max(1) as f64;

    if args.json {
        let points: Vec<_> = report
            .iter()
            .map(|c| {
                json!({
                    "articles": c.articles,
                    "insert_seconds": c.seconds,
                    "insert_cpu_seconds": c.cpu_seconds,
                    "articles_per_s": c.articles as f64 / c.seconds,
                    "articles_per_cpu_s": c.articles as f64 / c.cpu_seconds,
                    "articles_per_cpu_s_since_previous": c.window_rate,
                    "peak_rss_mb": mb(c.peak_rss),
                    "rss_mb": mb(c.rss),
                    "index": c.stats,
                    "verdicts": { "exact": c.kinds[0], "near": c.kinds[1], "new": c.kinds[2] },
                })
            })
            .collect();
        let v = json!({
            "dir": args.dir.display().to_string(),
            "config": describe(&config),
            "articles": articles,
            "texts": args.texts.as_ref().map(|p| p.display().to_string()),
            "copies": args.copies,
            "window": args.window,
            "seed": args.seed,
            "mean_words": mean_words,
            "rss_after_load_mb": mb(rss_loaded),
            "wall_seconds": wall,
            "cpu": cpu_model(),
            "load_average_start": load_at_start,
            "load_average_end": load_average(),
            "checkpoints": points,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    match &args.texts {
        Some(p) => println!(
            "dedup index speed, one thread: the {articles} texts of {} ({mean_words:.0} words on average)",
            p.display()
        ),
        None => println!(
            "dedup index speed, one thread: {articles} articles ({mean_words:.0} words on average), \
             {:.0}% copies of the last {}",
            args.copies * 100.0,
            args.window
        ),
    }
    println!("index: {}", describe(&config));
    println!("cpu: {}; RSS after loading the texts {:.1} MB", cpu_model(), mb(rss_loaded).unwrap_or(0.0));
    println!(
        "\n{:>9} {:>8} {:>8} {:>10} {:>9} {:>9} {:>9} {:>10} {:>7} {:>7} {:>8}",
        "articles",
        "per s",
        "per CPU s",
        "CPU s since",
        "peak RSS",
        "groups",
        "sigs",
        "buckets",
        "exact",
        "near",
        "new"
    );
    for c in &report {
        println!(
            "{:>9} {:>8.0} {:>8.0} {:>10.0} {:>9} {:>9} {:>9} {:>10} {:>7} {:>7} {:>8}",
            c.articles,
            c.articles as f64 / c.seconds,
            c.articles as f64 / c.cpu_seconds,
            c.window_rate,
            c.peak_rss.map_or("n/a".into(), |b| format!("{:.0} MB", b as f64 / 1e6)),
            c.stats.groups,
            c.stats.signatures,
            c.stats.buckets,
            c.kinds[0],
            c.kinds[1],
            c.kinds[2]
        );
    }
    println!(
        "\nper s: articles per second of wall time spent in insert; per CPU s: per second this thread \
         was on a CPU (the machine is shared: load average {} at the start, {} at the end)",
        load_at_start.map_or("n/a".into(), |l| format!("{l:.1}")),
        load_average().map_or("n/a".into(), |l| format!("{l:.1}"))
    );
    println!("\nwall time {wall:.1} s (making the articles included; only inserts are timed)");
    Ok(ExitCode::SUCCESS)
}
