//! MinHash signatures and what two of them say about their texts.
//!
//! Each of the `n` hash functions permutes the 32-bit shingle hashes as `(x ⊕ s)·m` (`m`
//! odd: a bijection of the 32-bit words), and a signature keeps each function's minimum.
//! Plain 32-bit arithmetic, so that the compiler computes several functions per
//! instruction: this loop is most of an insert's cost. The share of equal positions in two
//! signatures estimates the Jaccard similarity of the shingle sets (standard error
//! √(J(1−J)/n)). The functions come from a fixed seed, so signatures made by one build can
//! be compared with those of another.

use crate::words::mix;

const SEED: u64 = 0x5354_4f52_594c_494e;

#[derive(Debug, Clone)]
pub struct MinHasher {
    salts: Vec<u32>,
    multipliers: Vec<u32>,
}

impl MinHasher {
    pub fn new(hashes: usize) -> Self {
        let draw =
            |i: usize, salt: u64| mix(SEED ^ salt ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) as u32;
        MinHasher {
            salts: (0..hashes).map(|i| draw(i, 1)).collect(),
            multipliers: (0..hashes).map(|i| draw(i, 2) | 1).collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.multipliers.len()
    }

    /// The signature of a set of shingle hashes, written into `out` (`len()` values).
    pub fn signature_into(&self, shingles: &[u64], out: &mut Vec<u32>) {
        out.clear();
        out.resize(self.len(), u32::MAX);
        for &x in shingles {
            // The shingle hashes are mixed already: their high half is as good as any.
            let x = (x >> 32) as u32;
            for (m, (s, k)) in out.iter_mut().zip(self.salts.iter().zip(&self.multipliers)) {
                *m = (*m).min((x ^ s).wrapping_mul(*k));
            }
        }
    }
}

/// How a signature value is kept in the index: its low 16 bits (b-bit MinHash). Two
/// different values then agree with probability 2^-16, which biases a Jaccard estimate by
/// less than 0.0001: not worth half the memory of the index.
pub fn stored(value: u32) -> u16 {
    value as u16
}

/// The Jaccard similarity estimated from a fresh signature and a stored one.
pub fn jaccard(fresh: &[u32], kept: &[u16]) -> f64 {
    if fresh.is_empty() {
        return 0.0;
    }
    let equal = fresh.iter().zip(kept).filter(|&(&x, &y)| stored(x) == y).count();
    equal as f64 / fresh.len() as f64
}

/// The share of the smaller set found in the larger one, |A∩B| / min(|A|,|B|), from the
/// Jaccard estimate and the two set sizes: |A∩B| = J(|A|+|B|)/(1+J).
pub fn containment(jaccard: f64, size_a: usize, size_b: usize) -> f64 {
    let smaller = size_a.min(size_b);
    if smaller == 0 {
        return 0.0;
    }
    let intersection = jaccard * (size_a + size_b) as f64 / (1.0 + jaccard);
    (intersection / smaller as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(range: std::ops::Range<u64>) -> Vec<u64> {
        range.map(mix).collect()
    }

    fn kept(signature: &[u32]) -> Vec<u16> {
        signature.iter().map(|&v| stored(v)).collect()
    }

    #[test]
    fn estimates_are_close_to_the_true_jaccard() {
        let h = MinHasher::new(256);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        h.signature_into(&set(0..1000), &mut a);
        h.signature_into(&set(500..1500), &mut b);
        // True Jaccard 500/1500; 256 hashes give a standard error near 0.03.
        assert!((jaccard(&a, &kept(&b)) - 1.0 / 3.0).abs() < 0.1, "{}", jaccard(&a, &kept(&b)));
        h.signature_into(&set(2000..3000), &mut b);
        assert!(jaccard(&a, &kept(&b)) < 0.05);
        h.signature_into(&set(0..1000), &mut b);
        assert_eq!(jaccard(&a, &kept(&b)), 1.0);
    }

    #[test]
    fn a_cut_copy_is_contained_in_its_original() {
        let h = MinHasher::new(256);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        h.signature_into(&set(0..900), &mut a);
        h.signature_into(&set(0..600), &mut b);
        let j = jaccard(&a, &kept(&b));
        assert!((containment(j, 900, 600) - 1.0).abs() < 0.1, "{j}");
        assert_eq!(containment(0.0, 900, 600), 0.0);
    }
}
