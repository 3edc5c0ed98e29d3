//! Single-label classification scores, as scikit-learn's `precision_recall_fscore_support`
//! defines them (CASE 2021 task 2 scores with it): per label precision, recall, F1 and
//! support over the labels that occur in the gold or the predictions; a ratio with a zero
//! denominator is 0. Macro averages every such label alike; weighted averages them by gold
//! support, so predicted-only labels weigh nothing there.

use serde::Serialize;
use std::collections::BTreeMap;

/// One label's scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelScore {
    pub label: String,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Gold items with this label.
    pub support: usize,
    /// Items predicted with this label.
    pub predicted: usize,
}

/// Precision, recall and F1 averaged one way.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Average {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassificationScore {
    pub items: usize,
    pub accuracy: f64,
    pub macro_avg: Average,
    pub weighted_avg: Average,
    /// Sorted by label.
    pub per_label: Vec<LabelScore>,
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num as f64 / den as f64 }
}

/// Scores `predicted` against `gold`, item by item.
///
/// # Panics
/// When the two differ in length: a prediction per gold item is the caller's contract.
pub fn score<S: AsRef<str>, T: AsRef<str>>(gold: &[S], predicted: &[T]) -> ClassificationScore {
    assert_eq!(gold.len(), predicted.len(), "one prediction per gold item");
    #[derive(Default)]
    struct Counts {
        tp: usize,
        gold: usize,
        predicted: usize,
    }
    let mut counts: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut correct = 0;
    for (g, p) in gold.iter().zip(predicted) {
        let (g, p) = (g.as_ref(), p.as_ref());
        counts.entry(g).or_default().gold += 1;
        counts.entry(p).or_default().predicted += 1;
        if g == p {
            counts.entry(g).or_default().tp += 1;
            correct += 1;
        }
    }
    let per_label: Vec<LabelScore> = counts
        .iter()
        .map(|(&label, c)| {
            let precision = ratio(c.tp, c.predicted);
            let recall = ratio(c.tp, c.gold);
            let f1 =
                if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
            LabelScore {
                label: label.to_string(),
                precision,
                recall,
                f1,
                support: c.gold,
                predicted: c.predicted,
            }
        })
        .collect();
    let average = |weight: &dyn Fn(&LabelScore) -> f64| {
        let total: f64 = per_label.iter().map(weight).sum();
        let mean = |value: &dyn Fn(&LabelScore) -> f64| {
            if total == 0.0 {
                0.0
            } else {
                per_label.iter().map(|l| weight(l) * value(l)).sum::<f64>() / total
            }
        };
        Average { precision: mean(&|l| l.precision), recall: mean(&|l| l.recall), f1: mean(&|l| l.f1) }
    };
    ClassificationScore {
        items: gold.len(),
        accuracy: ratio(correct, gold.len()),
        macro_avg: average(&|_| 1.0),
        weighted_avg: average(&|l| l.support as f64),
        per_label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn hand_computed_three_labels() {
        // gold a a a b b c; predicted a a b b c c.
        // a: tp 2, pred 2, gold 3 -> P 1, R 2/3, F1 0.8
        // b: tp 1, pred 2, gold 2 -> P 1/2, R 1/2, F1 1/2
        // c: tp 1, pred 2, gold 1 -> P 1/2, R 1, F1 2/3
        let s = score(&["a", "a", "a", "b", "b", "c"], &["a", "a", "b", "b", "c", "c"]);
        assert!(close(s.accuracy, 4.0 / 6.0));
        assert!(close(s.macro_avg.f1, (0.8 + 0.5 + 2.0 / 3.0) / 3.0));
        assert!(close(s.macro_avg.precision, (1.0 + 0.5 + 0.5) / 3.0));
        assert!(close(s.weighted_avg.f1, (3.0 * 0.8 + 2.0 * 0.5 + 2.0 / 3.0) / 6.0));
        assert!(close(s.weighted_avg.recall, s.accuracy), "weighted recall is accuracy");
        assert_eq!(s.per_label.iter().map(|l| l.support).collect::<Vec<_>>(), [3, 2, 1]);
    }

    #[test]
    fn a_label_only_predicted_counts_in_macro_not_weighted() {
        // gold a a b; predicted a x b. a: P 1 R 1/2 F1 2/3; b: 1 1 1; x: 0 0 0 (support 0).
        let s = score(&["a", "a", "b"], &["a", "x", "b"]);
        assert_eq!(s.per_label.len(), 3);
        assert!(close(s.macro_avg.f1, (2.0 / 3.0 + 1.0 + 0.0) / 3.0));
        assert!(close(s.weighted_avg.f1, (2.0 * 2.0 / 3.0 + 1.0) / 3.0));
    }

    #[test]
    fn a_label_never_predicted_scores_zero_without_failing() {
        let s = score(&["a", "b"], &["a", "a"]);
        let b = s.per_label.iter().find(|l| l.label == "b").unwrap();
        assert_eq!((b.precision, b.recall, b.f1, b.predicted), (0.0, 0.0, 0.0, 0));
        assert!(close(s.weighted_avg.precision, 0.5 * 0.5));
    }

    #[test]
    fn empty_input_scores_zero() {
        let s = score::<&str, &str>(&[], &[]);
        assert_eq!((s.items, s.accuracy, s.macro_avg.f1), (0, 0.0, 0.0));
    }
}
