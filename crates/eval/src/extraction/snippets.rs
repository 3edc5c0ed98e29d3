//! The trafilatura benchmark metric (upstream `tests/evaluate.py` with the helpers of
//! `tests/eval_common.py`), written from its definition:
//!
//! * the output and every snippet are whitespace-normalised: each run of Python `\s`
//!   characters becomes one space, and the ends are trimmed (upstream `norm`);
//! * a `with` snippet found as a substring of the normalised output is a true positive,
//!   one not found a false negative; a `without` snippet found is a false positive, one not
//!   found a true negative. Matching is case- and punctuation-sensitive;
//! * no output at all (`None`, or a crash) counts every `with` as fn and every `without` as
//!   tn, which is what an empty string gives too;
//! * counts are summed over the corpus, then precision tp/(tp+fp), recall tp/(tp+fn),
//!   F1 2tp/(2tp+fp+fn) and accuracy (tp+tn)/all (micro averages), each 0 when its
//!   denominator is.
//!
//! Older upstream scripts (`comparison.py`) matched without normalising; the whitespace
//! normalisation only ever turns misses into hits on whitespace differences.

/// Python's `\s` on str patterns: Rust's White_Space set plus the four ASCII information
/// separators U+001C–U+001F that `str.isspace()` also accepts.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// `re.sub(r"\s+", " ", text).strip()`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if is_python_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// One page's confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.tn += o.tn;
    }
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn_)
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num as f64 / den as f64 }
}

/// Scores one page. `output` is `None` when the extractor gave nothing or failed.
pub fn count_page<S: AsRef<str>>(with: &[S], without: &[S], output: Option<&str>) -> Counts {
    let Some(output) = output else {
        return Counts { tp: 0, fp: 0, fn_: with.len(), tn: without.len() };
    };
    let output = normalize(output);
    let found = |s: &S| output.contains(normalize(s.as_ref()).as_str());
    let tp = with.iter().filter(|s| found(s)).count();
    let fp = without.iter().filter(|s| found(s)).count();
    Counts { tp, fp, fn_: with.len() - tp, tn: without.len() - fp }
}

/// One page's counts, for reports and for finding the pages that lose most.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PageScore {
    pub id: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// The `with` snippets that were missed.
    pub missed: Vec<String>,
    /// The `without` snippets that were wrongly kept.
    pub kept: Vec<String>,
}

/// The whole report of one prediction set.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    pub totals: Counts,
    pub per_page: Vec<PageScore>,
}

/// A page to score: its id, `with` and `without` snippets and the extractor's output.
pub struct Item<'a> {
    pub id: &'a str,
    pub with: &'a [String],
    pub without: &'a [String],
    pub output: Option<&'a str>,
}

pub fn evaluate<'a, I: IntoIterator<Item = Item<'a>>>(items: I) -> Report {
    let mut totals = Counts::default();
    let mut per_page = Vec::new();
    for item in items {
        let counts = count_page(item.with, item.without, item.output);
        totals += counts;
        let norm_out = item.output.map(normalize).unwrap_or_default();
        let present = |s: &String| item.output.is_some() && norm_out.contains(normalize(s).as_str());
        per_page.push(PageScore {
            id: item.id.to_string(),
            counts,
            missed: item.with.iter().filter(|s| !present(s)).cloned().collect(),
            kept: item.without.iter().filter(|s| present(s)).cloned().collect(),
        });
    }
    Report {
        pages: per_page.len(),
        precision: totals.precision(),
        recall: totals.recall(),
        f1: totals.f1(),
        accuracy: totals.accuracy(),
        totals,
        per_page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_is_python_s_plus_collapse_and_strip() {
        assert_eq!(normalize("  a \t\n b\u{a0}\u{2009}c\u{1f}d  "), "a b c d");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \n "), "");
        // Zero-width space is not whitespace for Python either.
        assert_eq!(normalize("a\u{200b} b"), "a\u{200b} b");
    }

    #[test]
    fn page_counts_hand_computed() {
        let with = ["Moderator: Hass  Chapman", "Two or three", "absent text"];
        let without = ["Newsletter", "Mit anderen"];
        let out = "Intro\n\nModerator: Hass\nChapman. Two or three talks.\n\nNewsletter signup";
        let c = count_page(&with, &without, Some(out));
        assert_eq!(c, Counts { tp: 2, fp: 1, fn_: 1, tn: 1 });
        // Case and punctuation matter.
        assert_eq!(count_page(&["two or three"], &[], Some(out)).tp, 0);
    }

    #[test]
    fn no_output_misses_every_with_and_keeps_no_without() {
        let c = count_page(&["a"], &["b", "c"], None);
        assert_eq!(c, Counts { tp: 0, fp: 0, fn_: 1, tn: 2 });
        assert_eq!(count_page(&["a"], &["b", "c"], Some("")), c);
    }

    #[test]
    fn micro_averages_over_the_corpus() {
        let w1 = vec!["alpha".to_string(), "beta".to_string()];
        let wo1 = vec!["gamma".to_string()];
        let w2 = vec!["delta".to_string()];
        let wo2 = vec!["eps".to_string(), "zeta".to_string()];
        let r = evaluate([
            Item { id: "1", with: &w1, without: &wo1, output: Some("alpha gamma") },
            Item { id: "2", with: &w2, without: &wo2, output: Some("delta eps") },
        ]);
        // tp 2 (alpha, delta), fn 1 (beta), fp 2 (gamma, eps), tn 1 (zeta)
        assert_eq!(r.totals, Counts { tp: 2, fp: 2, fn_: 1, tn: 1 });
        assert_eq!(r.precision, 0.5);
        assert!((r.recall - 2.0 / 3.0).abs() < 1e-12);
        assert!((r.f1 - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(r.accuracy, 0.5);
        assert_eq!(r.per_page[0].missed, ["beta"]);
        assert_eq!(r.per_page[1].kept, ["eps"]);
    }

    #[test]
    fn empty_corpus_scores_zero() {
        let r = evaluate(std::iter::empty());
        assert_eq!((r.precision, r.recall, r.f1, r.accuracy), (0.0, 0.0, 0.0, 0.0));
    }
}
