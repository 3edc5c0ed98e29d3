//! `storyline bench ...`: throughput and peak memory of one stage.

use crate::Context;
use anyhow::bail;
use serde_json::json;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use storyline_eval::extraction::dataset;

#[derive(Debug, clap::Subcommand)]
pub enum BenchCommand {
    // The help text is ExtractArgs' doc comment, short and long.
    Extract(ExtractArgs),
    Cluster(crate::cmd::bench_cluster::BenchClusterArgs),
    Dedup(crate::cmd::dedup::bench::BenchDedupArgs),
    Stories(crate::cmd::bench_stories::BenchStoriesArgs),
}

/// Time `extract_html` on one thread over pages held in memory.
///
/// Every page is read, gunzipped and decoded first (not timed), then one untimed warm-up
/// pass runs, then --repeat timed passes. Speed counts only the calls (and dropping their
/// output). MB are 10^6 bytes of decoded HTML (UTF-8). Peak memory is the peak resident set
/// (VmHWM) of the whole process, and, on Linux, also the peak from the end of loading on
/// (the high-water mark is reset then), so loading's transient buffers do not count as the
/// extractor's. Both include the pages themselves: "after loading" gives that baseline.
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  storyline bench extract ../shared/data/extraction --repeat 5 --json")]
pub struct ExtractArgs {
    /// Benchmark folder(s) as for `storyline eval extract` (every set below it), or a folder
    /// with an `html/` folder of pages (`.html`, `.htm` or gzip).
    pub dir: PathBuf,
    /// Timed passes over all pages, after the warm-up pass.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
}

pub fn run(ctx: &Context, command: BenchCommand) -> anyhow::Result<ExitCode> {
    match command {
        BenchCommand::Extract(args) => extract(ctx, args),
        BenchCommand::Cluster(args) => crate::cmd::bench_cluster::bench_cluster(args),
        BenchCommand::Dedup(args) => crate::cmd::dedup::bench::bench_dedup(args),
        BenchCommand::Stories(args) => crate::cmd::bench_stories::bench_stories(args),
    }
}

struct LoadedPage {
    name: String,
    url: Option<String>,
    html: String,
}

/// The same pages, in the same order, as the peer script times (scripts/peer_trafilatura.py).
fn load_pages(dir: &Path) -> anyhow::Result<Vec<LoadedPage>> {
    let mut pages = Vec::new();
    match dataset::discover_skipping_missing(dir) {
        Ok(sets) => {
            for set in sets {
                if !set.missing.is_empty() {
                    eprintln!("warning: {}: {} page(s) without HTML left out", set.name, set.missing.len());
                }
                for p in set.pages {
                    let html = super::eval::read_html(&p.html_path)?;
                    pages.push(LoadedPage { name: p.html_path.display().to_string(), url: p.url, html });
                }
            }
        }
        Err(no_benchmark) => {
            let html_dir = if dir.join("html").is_dir() { dir.join("html") } else { dir.to_path_buf() };
            let mut files: Vec<PathBuf> = std::fs::read_dir(&html_dir)?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                            let n = n.to_ascii_lowercase();
                            n.ends_with(".html") || n.ends_with(".htm") || n.ends_with(".gz")
                        })
                })
                .collect();
            files.sort();
            if files.is_empty() {
                bail!("{no_benchmark}; no .html/.htm/.gz pages in {} either", html_dir.display());
            }
            for f in files {
                let html = super::eval::read_html(&f)?;
                pages.push(LoadedPage { name: f.display().to_string(), url: None, html });
            }
        }
    }
    Ok(pages)
}

/// Peak and current resident set in bytes, from /proc (Linux only).
pub(crate) fn memory() -> (Option<u64>, Option<u64>) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// The CPU's model name, with family and model numbers when the name alone is vague (a
/// VM often shows just "AMD EPYC").
pub(crate) fn cpu_model() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let field = |name: &str| {
        info.lines()
            .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
            .and_then(|l| l.split_once(':'))
            .map(|(_, v)| v.trim().to_string())
    };
    match (field("model name"), field("cpu family"), field("model")) {
        (Some(name), Some(family), Some(model)) => format!("{name} (family {family}, model {model})"),
        (Some(name), _, _) => name,
        _ => "unknown".into(),
    }
}

fn mem_total() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb =
        s.lines().find(|l| l.starts_with("MemTotal:"))?.split_whitespace().nth(1)?.parse::<u64>().ok()?;
    Some(kb * 1024)
}

fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    // Nearest rank: a value that was actually observed.
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn extract(ctx: &Context, args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let load_at_start = load_average();
    let pages = load_pages(&args.dir)?;
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let (peak_load, rss_loaded) = memory();
    // Writing 5 to clear_refs resets VmHWM (Linux 4.0+), so the next reading is the peak
    // while extracting.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    if !ctx.quiet && !args.json {
        eprintln!("loaded {} pages ({:.1} MB); warm-up pass...", pages.len(), bytes as f64 / 1e6);
    }

    let run_one = |p: &LoadedPage| -> bool {
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            storyline_extract::extract_html(black_box(&p.html), p.url.as_deref())
        }));
        match found {
            Ok(found) => {
                black_box(&found);
                true
            }
            Err(_) => false,
        }
    };
    let mut panicked = Vec::new();
    for p in &pages {
        if !run_one(p) {
            panicked.push(p.name.clone());
        }
    }
    if !panicked.is_empty() {
        eprintln!("warning: extract_html panicked on {} page(s): {}", panicked.len(), panicked.join(", "));
    }

    let repeat = args.repeat as usize;
    let mut samples_ms = Vec::with_capacity(pages.len() * repeat);
    let mut pass_seconds = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let mut pass = 0.0;
        for p in &pages {
            let t = Instant::now();
            run_one(p);
            let s = t.elapsed().as_secs_f64();
            pass += s;
            samples_ms.push(s * 1e3);
        }
        pass_seconds.push(pass);
    }
    let (peak_since, _) = memory();
    let peak_extract = if reset { peak_since } else { None };
    let peak = match (peak_load, peak_since) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let load_at_end = load_average();

    let total: f64 = pass_seconds.iter().sum();
    let calls = (pages.len() * repeat) as f64;
    let pages_per_s = if total > 0.0 { calls / total } else { 0.0 };
    let mb_per_s = if total > 0.0 { bytes as f64 * repeat as f64 / total / 1e6 } else { 0.0 };
    let mut sorted = samples_ms.clone();
    sorted.sort_by(f64::total_cmp);
    let p50 = percentile(&sorted, 0.50);
    let p95 = percentile(&sorted, 0.95);
    let mean = if sorted.is_empty() { 0.0 } else { sorted.iter().sum::<f64>() / sorted.len() as f64 };
    let per_pass: Vec<f64> = pass_seconds.iter().map(|s| pages.len() as f64 / s).collect();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mb = |b: Option<u64>| b.map(|b| b as f64 / 1e6);

    if args.json {
        let v = json!({
            "tool": "storyline",
            "version": env!("CARGO_PKG_VERSION"),
            "dir": args.dir.display().to_string(),
            "pages": pages.len(),
            "html_mb": bytes as f64 / 1e6,
            "warmup_passes": 1,
            "repeat": repeat,
            "seconds": total,
            "pages_per_s": pages_per_s,
            "mb_per_s": mb_per_s,
            "ms_per_page": { "p50": p50, "p95": p95, "mean": mean },
            "pages_per_s_by_pass": per_pass,
            "peak_rss_mb": mb(peak),
            "peak_rss_extract_mb": mb(peak_extract),
            "rss_after_load_mb": mb(rss_loaded),
            "panicked": panicked,
            "machine": {
                "cpu": cpu_model(),
                "cores": cores,
                "memory_gb": mem_total().map(|b| b as f64 / (1u64 << 30) as f64),
                "load_average_start": load_at_start,
                "load_average_end": load_at_end,
            },
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        let fmt_mb = |b: Option<u64>| b.map_or("n/a".to_string(), |b| format!("{:.1} MB", b as f64 / 1e6));
        println!("extraction speed of storyline extract_html, one thread, {}", args.dir.display());
        println!(
            "pages     {} ({:.1} MB of decoded HTML in memory), 1 warm-up + {repeat} timed passes",
            pages.len(),
            bytes as f64 / 1e6
        );
        println!("speed     {pages_per_s:.1} pages/s   {mb_per_s:.2} MB/s");
        println!("per page  p50 {p50:.2} ms   p95 {p95:.2} ms   mean {mean:.2} ms");
        println!(
            "passes    {}",
            per_pass.iter().map(|v| format!("{v:.1}")).collect::<Vec<_>>().join(" / ") + " pages/s"
        );
        println!(
            "memory    peak RSS {} while extracting, {} whole process (after loading the pages: {})",
            fmt_mb(peak_extract),
            fmt_mb(peak),
            fmt_mb(rss_loaded)
        );
        println!(
            "machine   {}, {cores} cores, {}; load average {} at start, {} at end",
            cpu_model(),
            mem_total().map_or("? GiB".into(), |b| format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64)),
            load_at_start.map_or("?".into(), |l| format!("{l:.2}")),
            load_at_end.map_or("?".into(), |l| format!("{l:.2}")),
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentile(&v, 0.5), 10.0);
        assert_eq!(percentile(&v, 0.95), 19.0);
        assert_eq!(percentile(&[3.0], 0.95), 3.0);
        assert_eq!(percentile(&[], 0.5), 0.0);
    }
}
