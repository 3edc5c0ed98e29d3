//! `storyline bench cluster`: the clusterer alone on a synthetic stream built from real texts.

use crate::cmd::analyse::{Analyser, ModelsArg};
use crate::cmd::bench::{cpu_model, memory};
use crate::cmd::eval_cluster::read_mmds_articles;
use serde_json::json;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use storyline_cluster::{Clusterer, Config};
use storyline_doc::{Annotation, Article, DatedBy, MetaSource, PartialDateTime, Provenance, Span};

/// Time the clusterer on a synthetic stream of up to --articles articles built from real texts.
///
/// The texts of a file in the MMDS2025 layout are read and analysed once (language, sentences,
/// entities; not timed: NER is upstream of clustering). Then each synthetic story takes one
/// real article as its base and a story-specific invented word and numbers; each of its 1–8
/// articles keeps a random subset of the base's sentences (with their entities), in a shuffled
/// order, and is dated within days of the story's start, the stream advancing --per-day
/// articles a day, stories interleaved. Only `Clusterer::add` is timed (feature reading from the
/// article included). Articles/s is reported per segment (up to 10k, 100k, 1M...), with the
/// active stories and the peak resident set of the process.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  storyline bench cluster ../shared/data/clustering/mmds2025/dev.json --articles 1000000"
)]
pub struct BenchClusterArgs {
    /// Source texts, in the MMDS2025 layout.
    pub source: PathBuf,
    #[arg(long, default_value_t = 1_000_000)]
    pub articles: u64,
    /// Articles per day of the synthetic stream.
    #[arg(long, default_value_t = 2000)]
    pub per_day: u64,
    /// Stories open at once (each new article goes to one of them at random).
    #[arg(long, default_value_t = 2000)]
    pub open: usize,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub models: ModelsArg,
}

/// A tiny deterministic generator (SplitMix64): the stream is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

struct OpenStory {
    base: usize,
    marker: String,
    start_day: u64,
    remaining: u32,
}

/// The synthetic stream of the cluster and stories benches: see [`BenchClusterArgs`].
pub(crate) struct SyntheticStream<'a> {
    bases: &'a [Article],
    rng: Rng,
    open: Vec<OpenStory>,
    /// Synthetic stories opened so far.
    pub stories: u64,
    next: u64,
    per_day: u64,
    open_target: usize,
    /// Share (in 1/100) of each article's paragraphs taken from other base articles, so that
    /// two articles of a story are not near-copies of each other.
    pub foreign_percent: u64,
    /// Share (in 1/100) of articles that republish a recent article with small edits.
    pub copy_percent: u64,
    recent: std::collections::VecDeque<Article>,
}

/// How many recent articles a republished copy is drawn from.
const RECENT: usize = 1000;

impl<'a> SyntheticStream<'a> {
    pub fn new(bases: &'a [Article], per_day: u64, open_target: usize) -> Self {
        SyntheticStream {
            bases,
            rng: Rng(0x5eed),
            open: Vec::new(),
            stories: 0,
            next: 0,
            per_day,
            open_target,
            foreign_percent: 0,
            copy_percent: 0,
            recent: std::collections::VecDeque::new(),
        }
    }

    /// A recent article republished: its first paragraph (the title line) and one other
    /// dropped when it has enough, a furniture line added, a new id.
    fn republished(&mut self, n: u64) -> Option<Article> {
        if self.recent.is_empty() || self.rng.below(100) >= self.copy_percent {
            return None;
        }
        let original = &self.recent[self.rng.below(self.recent.len() as u64) as usize];
        let drop = 1 + self.rng.below(original.paragraphs.len().max(2) as u64 - 1) as usize;
        let mut paragraphs: Vec<&str> = original
            .paragraph_texts()
            .enumerate()
            .filter(|&(i, _)| original.paragraphs.len() < 6 || i != drop)
            .map(|(_, p)| p)
            .collect();
        paragraphs.push("Advertisement");
        let mut copy = Article::from_paragraphs(
            Provenance::new("synthetic", None, &n.to_le_bytes()),
            original.meta.clone(),
            paragraphs,
        );
        // Entities are not carried over to the copy (its spans moved): resolution sees fewer
        // mentions for copies, as a copy adds no new ones.
        copy.layers.insert("entities".into(), Vec::new());
        Some(copy)
    }

    /// The next article of the stream.
    pub fn next_article(&mut self) -> Article {
        let i = self.next;
        self.next += 1;
        if let Some(copy) = self.republished(i) {
            return copy;
        }
        if self.open.len() < self.open_target || self.rng.below(8) == 0 {
            self.stories += 1;
            self.open.push(OpenStory {
                base: self.rng.below(self.bases.len() as u64) as usize,
                marker: format!("zq{}", radix26(self.stories)),
                start_day: i / self.per_day,
                remaining: 1 + self.rng.below(8) as u32,
            });
        }
        let pick = self.rng.below(self.open.len() as u64) as usize;
        let story = &mut self.open[pick];
        let day = story.start_day + self.rng.below(3);
        let (base, marker) = (story.base, story.marker.clone());
        story.remaining -= 1;
        if story.remaining == 0 {
            self.open.swap_remove(pick);
        }
        let article = synthetic(self.bases, base, &marker, day, i, self.foreign_percent, &mut self.rng);
        if self.copy_percent > 0 {
            if self.recent.len() == RECENT {
                self.recent.pop_front();
            }
            self.recent.push_back(article.clone());
        }
        article
    }
}

pub fn bench_cluster(args: BenchClusterArgs) -> anyhow::Result<ExitCode> {
    let analyser = Analyser::new(&args.models)?;
    let mut bases = read_mmds_articles(&args.source)?;
    analyser.analyse_all(&mut bases.iter_mut().collect::<Vec<_>>());
    let mut clusterer = Clusterer::new(Config::default());
    let mut stream = SyntheticStream::new(&bases, args.per_day, args.open);
    let (mut timed, mut segment_timed) = (Duration::ZERO, Duration::ZERO);
    let mut segment_start = 0u64;
    let mut next_mark = 10_000u64;
    let mut segments = Vec::new();
    let started = Instant::now();
    let mut segment_cpu = thread_cpu_seconds();
    for i in 0..args.articles {
        let article = stream.next_article();
        let t = Instant::now();
        std::hint::black_box(clusterer.add(&article));
        let spent = t.elapsed();
        timed += spent;
        segment_timed += spent;
        let done = i + 1;
        if done == next_mark || done == args.articles {
            let (peak, _) = memory();
            let cpu = thread_cpu_seconds();
            let segment = json!({
                "articles": done,
                // On a busy machine wall time counts other processes' turns: this counts only
                // this thread's CPU time, synthetic article generation included (so it is a
                // lower bound on the clusterer's own rate).
                "segment_articles_per_cpu_s": cpu.zip(segment_cpu).map(|(now, then)| (done - segment_start) as f64 / (now - then)),
                "segment_articles_per_s": (done - segment_start) as f64 / segment_timed.as_secs_f64(),
                "cumulative_articles_per_s": done as f64 / timed.as_secs_f64(),
                "active_stories": clusterer.active_stories(),
                "stories_opened": clusterer.stories_opened(),
                "peak_rss_mb": peak.map(|b| b as f64 / 1e6),
            });
            if !args.json {
                eprintln!("{segment}");
            }
            segments.push(segment);
            segment_start = done;
            segment_timed = Duration::ZERO;
            segment_cpu = cpu;
            next_mark *= 10;
        }
    }
    let out = json!({
        "source": args.source.display().to_string(),
        "base_articles": bases.len(),
        "articles": args.articles,
        "synthetic_stories": stream.stories,
        "segments": segments,
        "clusterer_seconds": timed.as_secs_f64(),
        "wall_seconds": started.elapsed().as_secs_f64(),
        "cpu": cpu_model(),
    });
    println!("{}", if args.json { out.to_string() } else { serde_json::to_string_pretty(&out)? });
    Ok(ExitCode::SUCCESS)
}

/// CPU time of the calling thread (Linux: /proc/thread-self/schedstat), in seconds.
pub(crate) fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(s.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// A story's invented word: `zq` and letters, so it is a word (not a number) to the tokenizer.
fn radix26(mut n: u64) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

/// One article of a synthetic story: the base's title with the story's word, then a shuffled
/// random subset of its paragraphs (each replaced, `foreign_percent` times in 100, by a
/// paragraph of another base article), their entities carried over.
fn synthetic(
    bases: &[Article],
    base: usize,
    marker: &str,
    day: u64,
    n: u64,
    foreign_percent: u64,
    rng: &mut Rng,
) -> Article {
    let own = &bases[base];
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for p in 1..own.paragraphs.len() {
        if rng.below(4) == 0 {
            continue;
        }
        // No draw at all without foreign paragraphs: the stream stays the one it always was.
        if foreign_percent > 0 && rng.below(100) < foreign_percent {
            let other = rng.below(bases.len() as u64) as usize;
            picked.push((other, rng.below(bases[other].paragraphs.len() as u64) as usize));
        } else {
            picked.push((base, p));
        }
    }
    for i in (1..picked.len()).rev() {
        picked.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let base = own;
    let title = format!("{} {marker} {}", base.span_text(base.paragraphs[0]), 100 + rng.below(900));
    let mut text = title.clone();
    let mut entities = Vec::new();
    for &(from, p) in &picked {
        let source = &bases[from];
        let span = source.paragraphs[p];
        text.push_str("\n\n");
        let shift = text.len() as isize - span.start as isize;
        text.push_str(source.span_text(span));
        let source_entities = source.layers.get("entities").map(Vec::as_slice).unwrap_or_default();
        for e in source_entities.iter().filter(|e| e.span.start >= span.start && e.span.end <= span.end) {
            let moved =
                Span::new((e.span.start as isize + shift) as usize, (e.span.end as isize + shift) as usize);
            entities.push(Annotation { span: moved, ..e.clone() });
        }
    }
    let date = PartialDateTime::day(2020, 1, 1).map(|d| shift_days(d, day));
    let mut meta = base.meta.clone();
    meta.title = Some(title);
    meta.published = date.map(|d| DatedBy::new(d, MetaSource::Container));
    let paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
    let mut a =
        Article::from_paragraphs(Provenance::new("synthetic", None, &n.to_le_bytes()), meta, paragraphs);
    a.layers.insert("entities".into(), entities);
    a
}

/// `d` plus `days`, through the calendar.
fn shift_days(mut d: PartialDateTime, days: u64) -> PartialDateTime {
    for _ in 0..days {
        let last = storyline_doc::date::days_in_month(d.year, d.month.unwrap_or(1));
        match (d.day.unwrap_or(1), d.month.unwrap_or(1)) {
            (day, _) if day < last => d.day = Some(day + 1),
            (_, 12) => (d.year, d.month, d.day) = (d.year + 1, Some(1), Some(1)),
            (_, m) => (d.month, d.day) = (Some(m + 1), Some(1)),
        }
    }
    d
}
