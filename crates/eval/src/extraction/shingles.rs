//! The ScrapingHub article-extraction-benchmark metric (upstream `evaluate.py`), written
//! from its definition:
//!
//! 1. tokens are the matches of Python's `\w+` on the text (case kept);
//! 2. a text's shingles are the 4-grams of consecutive tokens; a text of 1–3 tokens gives
//!    one shingle of all its tokens, an empty one none;
//! 3. per page, the shingle multisets of truth T and prediction P give tp = Σ min(T, P),
//!    fp = Σ max(0, P − T), fn = Σ max(0, T − P), each divided by tp + fp + fn so every
//!    page weighs the same;
//! 4. per-page precision tp/(tp+fp) and recall tp/(tp+fn), with 1 when fp = fn = 0 and 0
//!    when tp = fp = 0 (tp = fn = 0 for recall);
//! 5. corpus precision (recall) is the mean over pages with tp+fp > 0 (tp+fn > 0), and F1
//!    is the harmonic mean of those two means, not a mean of per-page F1s;
//! 6. ± comes from 1000 bootstrap resamples of the pages.
//!
//! Accuracy (whole token sequence equal) is not in upstream `evaluate.py`; the project's data
//! README defines it, and it is reported next to the others.

use super::is_word_char;
use std::collections::HashMap;

/// Shingle length used upstream.
pub const NGRAM: usize = 4;
/// Resamples used upstream.
pub const N_BOOTSTRAP: usize = 1000;
/// Upstream draws from Python's unseeded `random`; a fixed seed makes our ± reproducible.
pub const BOOTSTRAP_SEED: u64 = 0x5EED_2019_A8E1_CE5B;

/// The maximal runs of word characters, as Python's `re.findall(r"\w+", text)`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The shingle multiset of a token sequence.
fn shingles<'a, 't>(tokens: &'a [&'t str]) -> HashMap<&'a [&'t str], u32> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    // A short text still yields one shingle (all its tokens), as upstream's
    // `range(max(1, len - n + 1))` does.
    let n = NGRAM.min(tokens.len());
    for window in tokens.windows(n) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

/// One page's normalised tp, fp and fn (they sum to 1, or are all 0 when both texts are empty).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct PageCounts {
    pub tp: f64,
    pub fp: f64,
    #[serde(rename = "fn")]
    pub fn_: f64,
}

impl PageCounts {
    /// Per-page precision with upstream's special cases.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Per-page recall with upstream's special cases.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
}

/// Compares one page's prediction with its truth.
pub fn page_counts(truth: &str, prediction: &str) -> PageCounts {
    let truth_tokens = tokens(truth);
    let pred_tokens = tokens(prediction);
    let t = shingles(&truth_tokens);
    let p = shingles(&pred_tokens);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (key, &tc) in &t {
        let pc = p.get(key).copied().unwrap_or(0);
        tp += u64::from(tc.min(pc));
        fn_ += u64::from(tc.saturating_sub(pc));
    }
    for (key, &pc) in &p {
        let tc = t.get(key).copied().unwrap_or(0);
        fp += u64::from(pc.saturating_sub(tc));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return PageCounts::default();
    }
    PageCounts { tp: tp as f64 / sum, fp: fp as f64 / sum, fn_: fn_ as f64 / sum }
}

/// Whether the two texts have the same token sequence.
pub fn exact_match(truth: &str, prediction: &str) -> bool {
    tokens(truth) == tokens(prediction)
}

/// Corpus precision, recall and F1 from per-page counts.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Means over the pages that count (see the module docs). Upstream would raise on an empty
/// mean or a zero P+R; here those give 0 so a scorer never fails on a degenerate corpus.
pub fn corpus_prf(pages: &[PageCounts]) -> Prf {
    let mean = |values: &mut dyn Iterator<Item = f64>| {
        let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
        if n == 0 { 0.0 } else { sum / n as f64 }
    };
    let precision = mean(&mut pages.iter().filter(|c| c.tp + c.fp > 0.0).map(PageCounts::precision));
    let recall = mean(&mut pages.iter().filter(|c| c.tp + c.fn_ > 0.0).map(PageCounts::recall));
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    Prf { precision, recall, f1 }
}

/// SplitMix64: a few lines, good enough to draw bootstrap indices, and stable across
/// platforms and versions, which a dependency's generator need not be.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0) by multiply-shift; the bias is below 2^-40 for any corpus size.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }
}

/// Sample standard deviation (n − 1), as Python's `statistics.stdev`.
fn stdev(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (values.len() - 1) as f64;
    var.sqrt()
}

/// Standard deviations of P, R and F1 over bootstrap resamples of the pages.
pub fn bootstrap_std(pages: &[PageCounts], resamples: usize, seed: u64) -> Prf {
    if pages.is_empty() || resamples == 0 {
        return Prf { precision: 0.0, recall: 0.0, f1: 0.0 };
    }
    let mut rng = SplitMix64::new(seed);
    let mut sample = Vec::with_capacity(pages.len());
    let (mut p, mut r, mut f) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..resamples {
        sample.clear();
        sample.extend((0..pages.len()).map(|_| pages[rng.below(pages.len())]));
        let m = corpus_prf(&sample);
        p.push(m.precision);
        r.push(m.recall);
        f.push(m.f1);
    }
    Prf { precision: stdev(&p), recall: stdev(&r), f1: stdev(&f) }
}

/// One page's score, for reports and for finding the worst pages.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageScore {
    pub id: String,
    #[serde(flatten)]
    pub counts: PageCounts,
    pub precision: f64,
    pub recall: f64,
    pub exact: bool,
}

/// The whole ScrapingHub-style report of one prediction set.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    /// Bootstrap standard deviations.
    pub std: Prf,
    /// 1.96 × std: what upstream prints after "±" (its `*_ci` keys).
    pub ci95: Prf,
    pub bootstrap_resamples: usize,
    pub bootstrap_seed: u64,
    pub per_page: Vec<PageScore>,
}

/// Scores `(id, truth, prediction)` triples.
pub fn evaluate<'a, I>(items: I) -> Report
where
    I: IntoIterator<Item = (&'a str, &'a str, &'a str)>,
{
    let per_page: Vec<PageScore> = items
        .into_iter()
        .map(|(id, truth, pred)| {
            let counts = page_counts(truth, pred);
            PageScore {
                id: id.to_string(),
                counts,
                precision: counts.precision(),
                recall: counts.recall(),
                exact: exact_match(truth, pred),
            }
        })
        .collect();
    let counts: Vec<PageCounts> = per_page.iter().map(|p| p.counts).collect();
    let prf = corpus_prf(&counts);
    let std = bootstrap_std(&counts, N_BOOTSTRAP, BOOTSTRAP_SEED);
    let accuracy = if per_page.is_empty() {
        0.0
    } else {
        per_page.iter().filter(|p| p.exact).count() as f64 / per_page.len() as f64
    };
    Report {
        pages: per_page.len(),
        precision: prf.precision,
        recall: prf.recall,
        f1: prf.f1,
        accuracy,
        std,
        ci95: Prf { precision: 1.96 * std.precision, recall: 1.96 * std.recall, f1: 1.96 * std.f1 },
        bootstrap_resamples: N_BOOTSTRAP,
        bootstrap_seed: BOOTSTRAP_SEED,
        per_page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_runs() {
        assert_eq!(tokens("Hello, world! It's 2019_x."), ["Hello", "world", "It", "s", "2019_x"]);
        assert_eq!(tokens("café naïve Ünïcode"), ["café", "naïve", "Ünïcode"]);
        // Python's \w has no combining marks: a decomposed "é" splits the word.
        assert_eq!(tokens("cafe\u{301} x"), ["cafe", "x"]);
        // Devanagari vowel signs are marks too (Python splits there; UTS #18 would not).
        assert_eq!(tokens("हिन्दी"), ["ह", "न", "द"]);
        // CJK ideographs and superscript digits are word characters; "‿" is not.
        assert_eq!(tokens("北京 x²‿y"), ["北京", "x²", "y"]);
        assert!(tokens(" ,.;— ").is_empty());
    }

    #[test]
    fn identical_texts_are_perfect() {
        let c = page_counts("one two three four five", "one two three four five");
        assert_eq!(c, PageCounts { tp: 1.0, fp: 0.0, fn_: 0.0 });
        assert_eq!((c.precision(), c.recall()), (1.0, 1.0));
        assert!(exact_match("One, two.", "One two"));
        assert!(!exact_match("One two", "one two"));
    }

    #[test]
    fn partial_overlap_hand_computed() {
        // truth: a b c d e f → shingles abcd bcde cdef
        // pred:  a b c d e x → shingles abcd bcde cdex
        // tp 2, fp 1, fn 1 → normalised by 4.
        let c = page_counts("a b c d e f", "a b c d e x");
        assert!(close(c.tp, 0.5) && close(c.fp, 0.25) && close(c.fn_, 0.25));
        assert!(close(c.precision(), 2.0 / 3.0));
        assert!(close(c.recall(), 2.0 / 3.0));
    }

    #[test]
    fn shingles_are_multisets() {
        // truth has "a b c d" twice (a b c d a b c d → abcd bcda cdab dabc abcd), pred once.
        let c = page_counts("a b c d a b c d", "a b c d");
        // tp 1, fp 0, fn 4 → /5
        assert!(close(c.tp, 0.2) && close(c.fp, 0.0) && close(c.fn_, 0.8));
        assert!(close(c.precision(), 1.0) && close(c.recall(), 0.2));
    }

    #[test]
    fn short_texts_give_one_shingle() {
        let c = page_counts("Hello world", "hello world");
        // one shingle each, different case: tp 0, fp 1, fn 1 → /2
        assert_eq!(c, PageCounts { tp: 0.0, fp: 0.5, fn_: 0.5 });
        assert_eq!((c.precision(), c.recall()), (0.0, 0.0));
        let same = page_counts("Hello world", "Hello, world!");
        assert_eq!((same.precision(), same.recall()), (1.0, 1.0));
        // 3 tokens vs 5 tokens: {abc} vs {abcd, bcde}
        let c = page_counts("a b c", "a b c d e");
        assert_eq!(c, PageCounts { tp: 0.0, fp: 2.0 / 3.0, fn_: 1.0 / 3.0 });
    }

    #[test]
    fn special_cases() {
        // Both empty: nothing at all, excluded from both means.
        let none = page_counts("", " ... ");
        assert_eq!(none, PageCounts::default());
        // Empty prediction: tp = fp = 0 → precision 0 (but excluded from the precision mean).
        let empty_pred = page_counts("a b c d", "");
        assert_eq!(empty_pred, PageCounts { tp: 0.0, fp: 0.0, fn_: 1.0 });
        assert_eq!((empty_pred.precision(), empty_pred.recall()), (0.0, 0.0));
        // Empty truth: tp = fn = 0 → recall 0 (excluded from the recall mean).
        let empty_truth = page_counts("", "a b c d");
        assert_eq!((empty_truth.precision(), empty_truth.recall()), (0.0, 0.0));
        // fp = fn = 0 wins over everything: 1.
        assert_eq!((none.precision(), none.recall()), (1.0, 1.0));
    }

    #[test]
    fn corpus_means_skip_pages_that_do_not_count() {
        let pages = [
            page_counts("a b c d e f", "a b c d e x"), // P 2/3, R 2/3
            page_counts("a b c d", ""),                // no P; R 0
            page_counts("", "a b c d"),                // P 0; no R
            page_counts("", ""),                       // neither
            page_counts("w x y z", "w x y z"),         // P 1, R 1
        ];
        let m = corpus_prf(&pages);
        let p = (2.0 / 3.0 + 0.0 + 1.0) / 3.0;
        let r = (2.0 / 3.0 + 0.0 + 1.0) / 3.0;
        assert!(close(m.precision, p) && close(m.recall, r));
        assert!(close(m.f1, 2.0 * p * r / (p + r)));
        // F1 of the means, not the mean of per-page F1s.
        let skewed = [page_counts("a b c d", "a b c d e f g"), page_counts("a b c d e f g", "a b c d")];
        // page 1: tp 1 fp 3 → P .25 R 1; page 2: P 1 R .25 → means .625/.625 → F1 .625
        let m = corpus_prf(&skewed);
        assert!(close(m.f1, 0.625));
    }

    #[test]
    fn report_accuracy_and_bootstrap() {
        let items = [
            ("a", "one two three four five", "one two three four five"),
            ("b", "one two three four five", "one two three four"),
            ("c", "alpha beta", "gamma"),
        ];
        let r = evaluate(items);
        assert_eq!(r.pages, 3);
        assert!(close(r.accuracy, 1.0 / 3.0));
        assert!(r.std.f1 > 0.0 && r.std.f1 < 1.0);
        assert!(close(r.ci95.f1, 1.96 * r.std.f1));
        // Fixed seed: the same input gives the same ±.
        assert_eq!(evaluate(items).std, r.std);
        // A corpus of identical pages has no spread.
        let same = evaluate([("a", "x y", "x y"), ("b", "x y", "x y")]);
        assert_eq!(same.std.f1, 0.0);
        assert_eq!((same.precision, same.recall, same.f1, same.accuracy), (1.0, 1.0, 1.0, 1.0));
    }

    #[test]
    fn empty_corpus_does_not_panic() {
        let r = evaluate(std::iter::empty());
        assert_eq!((r.pages, r.f1, r.accuracy), (0, 0.0, 0.0));
    }

    #[test]
    fn prng_is_uniform_enough_and_stable() {
        let mut rng = SplitMix64::new(1);
        let first = rng.next_u64();
        assert_eq!(SplitMix64::new(1).next_u64(), first);
        let mut hist = [0usize; 7];
        for _ in 0..70_000 {
            hist[rng.below(7)] += 1;
        }
        assert!(hist.iter().all(|&h| (9_000..11_000).contains(&h)), "{hist:?}");
    }
}
