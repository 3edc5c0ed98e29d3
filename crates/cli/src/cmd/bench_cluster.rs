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

pub fn bench_cluster(args: BenchClusterArgs) -> anyhow::Result<ExitCode> {
    let analyser = Analyser::new(&args.models)?;
    let mut bases = read_mmds_articles(&args.source)?;
    analyser.analyse_all(&mut bases.iter_mut().collect::<Vec<_>>());
    let mut rng = Rng(0x5eed);
    let mut clusterer = Clusterer::new(Config::default());
    let mut open: Vec<OpenStory> = Vec::new();
    let mut stories = 0u64;
    let (mut timed, mut segment_timed) = (Duration::ZERO, Duration::ZERO);
    let mut segment_start = 0u64;
    let mut next_mark = 10_000u64;
    let mut segments = Vec::new();
    let started = Instant::now();
    let mut segment_cpu = thread_cpu_seconds();
    for i in 0..args.articles {
        if open.len() < args.open || rng.below(8) == 0 {
            stories += 1;
            open.push(OpenStory {
                base: rng.below(bases.len() as u64) as usize,
                marker: format!("zq{}", radix26(stories)),
                start_day: i / args.per_day,
                remaining: 1 + rng.below(8) as u32,
            });
        }
        let pick = rng.below(open.len() as u64) as usize;
        let story = &mut open[pick];
        let day = story.start_day + rng.below(3);
        let article = synthetic(&bases[story.base], &story.marker, day, i, &mut rng);
        story.remaining -= 1;
        if story.remaining == 0 {
            open.swap_remove(pick);
        }
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
        "synthetic_stories": stories,
        "segments": segments,
        "clusterer_seconds": timed.as_secs_f64(),
        "wall_seconds": started.elapsed().as_secs_f64(),
        "cpu": cpu_model(),
    });
    println!("{}", if args.json { out.to_string() } else { serde_json::to_string_pretty(&out)? });
    Ok(ExitCode::SUCCESS)
}

/// CPU time of the calling thread (Linux: /proc/thread-self/schedstat), in seconds.
fn thread_cpu_seconds() -> Option<f64> {
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
/// random subset of its paragraphs, their entities carried over.
fn synthetic(base: &Article, marker: &str, day: u64, n: u64, rng: &mut Rng) -> Article {
    let mut picked: Vec<usize> = (1..base.paragraphs.len()).filter(|_| rng.below(4) != 0).collect();
    for i in (1..picked.len()).rev() {
        picked.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let title = format!("{} {marker} {}", base.span_text(base.paragraphs[0]), 100 + rng.below(900));
    let mut text = title.clone();
    let mut entities = Vec::new();
    let base_entities = base.layers.get("entities").map(Vec::as_slice).unwrap_or_default();
    for &p in &picked {
        let span = base.paragraphs[p];
        text.push_str("\n\n");
        let shift = text.len() as isize - span.start as isize;
        text.push_str(base.span_text(span));
        for e in base_entities.iter().filter(|e| e.span.start >= span.start && e.span.end <= span.end) {
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
