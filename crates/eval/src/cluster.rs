//! Clustering metrics: BCubed (Bagga & Baldwin 1998; Amigó et al. 2009) and pairwise
//! precision, recall and F1, over one gold and one predicted label per item.

use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// Precision, recall and their harmonic mean.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(precision: f64, recall: f64) -> Prf {
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

/// The gold labels with every item of a catch-all label (one that groups items belonging to
/// no cluster) given a label of its own, as benchmarks with such a label score it.
pub fn catch_all_as_singletons(gold: &[i64], catch_all: i64) -> Vec<Label> {
    gold.iter()
        .enumerate()
        .map(|(i, &g)| if g == catch_all { Label::Alone(i) } else { Label::Cluster(g) })
        .collect()
}

/// A gold label once the catch-all is split: a cluster, or an item alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    Cluster(i64),
    Alone(usize),
}

/// BCubed: for each item, the share of its predicted cluster that shares its gold label
/// (precision) and the share of its gold cluster that shares its predicted one (recall),
/// averaged over items.
pub fn bcubed<G: Hash + Eq, P: Hash + Eq>(gold: &[G], pred: &[P]) -> Prf {
    assert_eq!(gold.len(), pred.len(), "one prediction per item");
    if gold.is_empty() {
        return Prf::new(0.0, 0.0);
    }
    let (gold_sizes, pred_sizes, both) = counts(gold, pred);
    let (mut p, mut r) = (0.0, 0.0);
    for (g, q) in gold.iter().zip(pred) {
        let shared = both[&(g, q)] as f64;
        p += shared / pred_sizes[q] as f64;
        r += shared / gold_sizes[g] as f64;
    }
    let n = gold.len() as f64;
    Prf::new(p / n, r / n)
}

/// Pairwise: precision is the share of item pairs put together that belong together, recall
/// the share of pairs that belong together that were put together. With no pair predicted
/// (or none in the gold) that side is 1: nothing claimed, nothing wrong.
pub fn pairwise<G: Hash + Eq, P: Hash + Eq>(gold: &[G], pred: &[P]) -> Prf {
    assert_eq!(gold.len(), pred.len(), "one prediction per item");
    let (gold_sizes, pred_sizes, both) = counts(gold, pred);
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let true_pairs: f64 = both.values().map(|&n| pairs(n)).sum();
    let pred_pairs: f64 = pred_sizes.values().map(|&n| pairs(n)).sum();
    let gold_pairs: f64 = gold_sizes.values().map(|&n| pairs(n)).sum();
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 1.0 };
    Prf::new(ratio(true_pairs, pred_pairs), ratio(true_pairs, gold_pairs))
}

type Counts<'a, G, P> = (HashMap<&'a G, usize>, HashMap<&'a P, usize>, HashMap<(&'a G, &'a P), usize>);

fn counts<'a, G: Hash + Eq, P: Hash + Eq>(gold: &'a [G], pred: &'a [P]) -> Counts<'a, G, P> {
    let mut gold_sizes = HashMap::new();
    let mut pred_sizes = HashMap::new();
    let mut both = HashMap::new();
    for (g, p) in gold.iter().zip(pred) {
        *gold_sizes.entry(g).or_insert(0) += 1;
        *pred_sizes.entry(p).or_insert(0) += 1;
        *both.entry((g, p)).or_insert(0) += 1;
    }
    (gold_sizes, pred_sizes, both)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let gold = [1, 1, 2, 3, 3, 3];
        let pred = ["a", "a", "b", "c", "c", "c"];
        assert_eq!(bcubed(&gold, &pred), Prf::new(1.0, 1.0));
        assert_eq!(pairwise(&gold, &pred), Prf::new(1.0, 1.0));
    }

    #[test]
    fn bcubed_by_hand() {
        // Gold {0,1,2} {3,4}; predicted {0,1} {2,3,4}.
        // Precision per item: 1, 1, 1/3, 2/3, 2/3 → 11/15. Recall: 2/3, 2/3, 1/3, 1, 1 → 11/15.
        let gold = [1, 1, 1, 2, 2];
        let pred = [7, 7, 8, 8, 8];
        let s = bcubed(&gold, &pred);
        assert!(close(s.precision, 11.0 / 15.0), "{s:?}");
        assert!(close(s.recall, 11.0 / 15.0), "{s:?}");
        assert!(close(s.f1, 11.0 / 15.0), "{s:?}");
    }

    #[test]
    fn pairwise_by_hand() {
        // Same case: predicted pairs (0,1) (2,3) (2,4) (3,4) = 4, of which (0,1) (3,4) true;
        // gold pairs (0,1) (0,2) (1,2) (3,4) = 4.
        let s = pairwise(&[1, 1, 1, 2, 2], &[7, 7, 8, 8, 8]);
        assert!(close(s.precision, 0.5) && close(s.recall, 0.5), "{s:?}");
    }

    #[test]
    fn catch_all_items_are_scored_alone() {
        // Items 1 and 2 are catch-all: lumping them together costs precision.
        let gold = catch_all_as_singletons(&[5, 9, 9, 5], 9);
        let lumped = bcubed(&gold, &[1, 2, 2, 1]);
        assert!(close(lumped.precision, 0.75) && close(lumped.recall, 1.0), "{lumped:?}");
        let apart = bcubed(&gold, &[1, 2, 3, 1]);
        assert_eq!(apart, Prf::new(1.0, 1.0));
    }

    #[test]
    fn all_singletons_have_no_pairs() {
        let s = pairwise(&[1, 1, 2], &[1, 2, 3]);
        assert!(close(s.precision, 1.0) && close(s.recall, 0.0), "{s:?}");
    }
}
