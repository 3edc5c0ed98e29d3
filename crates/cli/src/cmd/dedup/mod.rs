//! `storyline eval dedup` and `storyline bench dedup`: near-duplicate detection measured on
//! copies made from real articles.

pub mod bench;
mod corpus;
pub mod eval;
mod perturb;

use storyline_dedup::Config;

/// The index settings both commands take; unset ones keep the crate's defaults.
#[derive(Debug, Clone, clap::Args)]
pub struct IndexArgs {
    /// Least similarity of a near copy (containment of the smaller text in the larger, or
    /// Jaccard for short texts).
    #[arg(long, value_name = "T")]
    pub threshold: Option<f64>,
    /// Words per shingle.
    #[arg(long, value_name = "K")]
    pub shingle_words: Option<usize>,
    /// LSH bands.
    #[arg(long, value_name = "B")]
    pub bands: Option<usize>,
    /// Signature positions per band (hashes = bands × rows).
    #[arg(long, value_name = "R")]
    pub rows: Option<usize>,
    /// Containment needs the smaller text to have at least this share of the larger's shingles.
    #[arg(long, value_name = "SHARE")]
    pub min_size_ratio: Option<f64>,
    /// Forget an article once the stream's clock is this many days past its arrival (0: never).
    #[arg(long, value_name = "DAYS")]
    pub keep_days: Option<u32>,
    /// Hold at most this many articles, forgetting the oldest first (0: no bound).
    #[arg(long, value_name = "N")]
    pub keep_articles: Option<usize>,
}

impl IndexArgs {
    pub fn config(&self) -> Config {
        let d = Config::default();
        Config {
            threshold: self.threshold.unwrap_or(d.threshold),
            shingle_words: self.shingle_words.unwrap_or(d.shingle_words).max(1),
            bands: self.bands.unwrap_or(d.bands).max(1),
            rows: self.rows.unwrap_or(d.rows).max(1),
            min_size_ratio: self.min_size_ratio.unwrap_or(d.min_size_ratio),
            keep_days: self.keep_days.map_or(d.keep_days, |n| (n > 0).then_some(n)),
            keep_articles: self.keep_articles.map_or(d.keep_articles, |n| (n > 0).then_some(n)),
            ..d
        }
    }
}

/// The settings in one line, for reports.
pub fn describe(c: &Config) -> String {
    let bound = |b: Option<String>| b.unwrap_or_else(|| "no bound".into());
    format!(
        "{}-word shingles, {} hashes = {} bands × {} rows, threshold {:.2} (containment; Jaccard under {} \
         shingles or under a {:.2} length ratio); articles held: {}, {}",
        c.shingle_words,
        c.hashes(),
        c.bands,
        c.rows,
        c.threshold,
        c.min_containment_shingles,
        c.min_size_ratio,
        bound(c.keep_days.map(|d| format!("{d} days"))),
        bound(c.keep_articles.map(|n| format!("{n} at most"))),
    )
}
