//! `storyline bench stories`: dedup → cluster → resolve on a long synthetic stream.

use crate::cmd::analyse::{Analyser, ModelsArg};
use crate::cmd::bench::{cpu_model, memory};
use crate::cmd::bench_cluster::{SyntheticStream, thread_cpu_seconds};
use crate::cmd::copy_rule::CopyRule;
use crate::cmd::dedup::IndexArgs;
use crate::cmd::eval_cluster::read_mmds_articles;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;
use storyline_cluster::{Clusterer, Config, Features, FoldedNameWords, features};
use storyline_dedup::{DedupIndex, Stats, Verdict, article_text};
use storyline_doc::Article;
use storyline_resolve::{Prepared, Resolver, mentions_of};

/// Time the story stages together, as ingest runs them on each article after the analyse
/// stage: near-duplicates, story clustering (a copy joins its original's story), entity
/// resolution (with the article's text, for titles).
///
/// The stream is `storyline bench cluster`'s (real texts of a file in the MMDS2025 layout,
/// analysed once and not timed, then recombined into synthetic stories and dated), with three
/// quarters of each article's paragraphs drawn from other base articles (--foreign), so that articles
/// of one synthetic story are not copies of each other, and a tenth of the articles
/// republishing a recent one with small edits (--copies), as wire copy is. With
/// --threads 2 (the default) the stages run as a pipeline: one thread makes the articles, runs
/// the dedup stage and what needs only the article (its clustering features — tokens, stems,
/// anchors — and its mentions grouped and geocoded), the other assigns stories and links the
/// mentions to entities, with a bounded queue between them.
/// Articles/s is over wall time per segment (up to 10k, 100k, 1M...), with each thread's CPU
/// time, the index sizes and the peak resident set of the process. The dedup index forgets
/// articles as ingest's does (--keep-days of the stream's clock, --keep-articles at most).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  storyline bench stories ../shared/data/clustering/mmds2025/dev.json --articles 1000000"
)]
pub struct BenchStoriesArgs {
    /// Source texts, in the MMDS2025 layout.
    pub source: PathBuf,
    #[arg(long, default_value_t = 1_000_000)]
    pub articles: u64,
    /// Articles per day of the synthetic stream.
    #[arg(long, default_value_t = 2000)]
    pub per_day: u64,
    /// Synthetic stories open at once.
    #[arg(long, default_value_t = 2000)]
    pub open: usize,
    /// Share (percent) of each article's paragraphs drawn from other base articles.
    #[arg(long, default_value_t = 75)]
    pub foreign: u64,
    /// Share (percent) of articles that republish a recent one with small edits.
    #[arg(long, default_value_t = 10)]
    pub copies: u64,
    /// 1: every stage on one thread; 2: dedup on one, cluster and resolve on the other.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub threads: u8,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub models: ModelsArg,
    #[command(flatten)]
    pub dedup: IndexArgs,
}

/// Cluster and resolve, the second half of the pipeline.
struct Downstream {
    clusterer: Clusterer,
    resolver: Resolver,
    copy_rule: CopyRule,
    copies: u64,
}

impl Downstream {
    fn new() -> Self {
        Downstream {
            clusterer: Clusterer::new(Config::default()),
            resolver: Resolver::new(),
            copy_rule: CopyRule::default(),
            copies: 0,
        }
    }

    fn take(&mut self, features: &Features, prepared: &Prepared, verdict: &Verdict<String>) {
        let (assignment, copy) = self.copy_rule.assign(&mut self.clusterer, verdict, features);
        self.copies += u64::from(copy);
        let story = assignment.story.to_string();
        std::hint::black_box(self.resolver.add_prepared(Some(&story), prepared));
    }
}

pub fn bench_stories(args: BenchStoriesArgs) -> anyhow::Result<ExitCode> {
    let analyser = Analyser::new(&args.models)?;
    let mut bases = read_mmds_articles(&args.source)?;
    analyser.analyse_all(&mut bases.iter_mut().collect::<Vec<_>>());
    let marks = segment_marks(args.articles);
    let started = Instant::now();
    let (segments, stories, down) = if args.threads == 1 {
        one_thread(&bases, &args, &marks)
    } else {
        two_threads(&bases, &args, &marks)
    };
    let out = json!({
        "source": args.source.display().to_string(),
        "base_articles": bases.len(),
        "articles": args.articles,
        "threads": args.threads,
        "synthetic_stories": stories,
        "copies_found": down.copies,
        "stories_opened": down.clusterer.stories_opened(),
        "merges": down.clusterer.merges().count(),
        "splits": down.clusterer.splits_made(),
        "entities": down.resolver.entities().len(),
        "segments": segments,
        "dedup_config": crate::cmd::dedup::describe(&args.dedup.config()),
        "wall_seconds": started.elapsed().as_secs_f64(),
        "cpu": cpu_model(),
    });
    println!("{}", if args.json { out.to_string() } else { serde_json::to_string_pretty(&out)? });
    Ok(ExitCode::SUCCESS)
}

/// What needs only the article: its clustering features (with the entity keys of
/// `Clusterer::new`) and its mentions grouped.
fn upstream(article: &Article) -> (Features, Prepared) {
    let prepared = Prepared::new(Some(&article.text), &mentions_of(article));
    (features(article, &FoldedNameWords), prepared)
}

fn stream<'a>(bases: &'a [Article], args: &BenchStoriesArgs) -> SyntheticStream<'a> {
    let mut stream = SyntheticStream::new(bases, args.per_day, args.open);
    stream.foreign_percent = args.foreign;
    stream.copy_percent = args.copies;
    stream
}

/// 10k, 100k, 1M, ... and the last article.
fn segment_marks(articles: u64) -> Vec<u64> {
    let mut marks = Vec::new();
    let mut m = 10_000;
    while m < articles {
        marks.push(m);
        m *= 10;
    }
    marks.push(articles);
    marks
}

/// A segment's report, from the wall time and each thread's CPU time it took.
fn segment(done: u64, from: u64, wall: f64, cpu: &[Option<f64>], dedup: &Stats, down: &Downstream) -> Value {
    let n = (done - from) as f64;
    json!({
        "articles": done,
        "segment_articles_per_s": n / wall,
        "thread_cpu_seconds": cpu,
        "dedup": dedup,
        "copy_rule_groups": down.copy_rule.groups(),
        "active_stories": down.clusterer.active_stories(),
        "entities": down.resolver.entities().len(),
        "peak_rss_mb": memory().0.map(|b| b as f64 / 1e6),
    })
}

fn one_thread(bases: &[Article], args: &BenchStoriesArgs, marks: &[u64]) -> (Vec<Value>, u64, Downstream) {
    let mut stream = stream(bases, args);
    let mut dedup = DedupIndex::new(args.dedup.config());
    let mut down = Downstream::new();
    let mut segments = Vec::new();
    let (mut from, mut clock, mut cpu) = (0, Instant::now(), thread_cpu_seconds());
    for i in 0..args.articles {
        let article = stream.next_article();
        let date = article.meta.published.as_ref().map(|d| d.date);
        let verdict = dedup.insert(article.id.clone(), &article_text(&article), date.as_ref());
        let (f, prepared) = upstream(&article);
        down.take(&f, &prepared, &verdict);
        let done = i + 1;
        if marks.contains(&done) {
            let now = thread_cpu_seconds();
            let spent = now.zip(cpu).map(|(n, c)| n - c);
            let report = segment(done, from, clock.elapsed().as_secs_f64(), &[spent], &dedup.stats(), &down);
            if !args.json {
                eprintln!("{report}");
            }
            segments.push(report);
            (from, clock, cpu) = (done, Instant::now(), now);
        }
    }
    (segments, stream.stories, down)
}

/// What the first thread hands the second: an article and its dedup verdict, or a segment mark
/// with the first thread's CPU time so far and the dedup index's sizes.
enum Item {
    Article(Box<(Features, Prepared)>, Verdict<String>),
    Mark(u64, Option<f64>, Stats),
}

fn two_threads(bases: &[Article], args: &BenchStoriesArgs, marks: &[u64]) -> (Vec<Value>, u64, Downstream) {
    let (send, receive) = mpsc::sync_channel::<Item>(4096);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let mut stream = stream(bases, args);
            let mut dedup = DedupIndex::new(args.dedup.config());
            for i in 0..args.articles {
                let article = stream.next_article();
                let date = article.meta.published.as_ref().map(|d| d.date);
                let verdict = dedup.insert(article.id.clone(), &article_text(&article), date.as_ref());
                if send.send(Item::Article(Box::new(upstream(&article)), verdict)).is_err() {
                    break;
                }
                let mark = || Item::Mark(i + 1, thread_cpu_seconds(), dedup.stats());
                if marks.contains(&(i + 1)) && send.send(mark()).is_err() {
                    break;
                }
            }
            stream.stories
        });
        let mut down = Downstream::new();
        let mut segments = Vec::new();
        let (mut from, mut clock) = (0, Instant::now());
        let (mut cpu_first, mut cpu_second) = (Some(0.0), thread_cpu_seconds());
        for item in receive {
            match item {
                Item::Article(item, verdict) => down.take(&item.0, &item.1, &verdict),
                Item::Mark(done, first, dedup) => {
                    let second = thread_cpu_seconds();
                    let spent = |now: Option<f64>, then: Option<f64>| now.zip(then).map(|(n, t)| n - t);
                    let cpu = [spent(first, cpu_first), spent(second, cpu_second)];
                    let report = segment(done, from, clock.elapsed().as_secs_f64(), &cpu, &dedup, &down);
                    if !args.json {
                        eprintln!("{report}");
                    }
                    segments.push(report);
                    (from, clock, cpu_first, cpu_second) = (done, Instant::now(), first, second);
                }
            }
        }
        let stories = producer.join().expect("the producer thread does not panic");
        (segments, stories, down)
    })
}
