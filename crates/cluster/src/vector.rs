//! Sparse vectors sorted by key: articles' weighted features and stories' centroids.

/// `(key, weight)` pairs sorted by key, keys unique.
pub type Sparse = Vec<(u64, f32)>;

pub fn norm(v: &[(u64, f32)]) -> f32 {
    v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalise(v: &mut [(u64, f32)]) {
    let n = norm(v);
    if n > 0.0 {
        v.iter_mut().for_each(|(_, w)| *w /= n);
    }
}

/// The dot product of two key-sorted vectors: one merge pass.
pub fn dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// The cosine of two vectors, 0 when either is zero.
pub fn cosine(a: &[(u64, f32)], b: &[(u64, f32)]) -> f32 {
    let n = norm(a) * norm(b);
    if n > 0.0 { dot(a, b) / n } else { 0.0 }
}

/// `a + b`, key-sorted.
pub fn add(a: &[(u64, f32)], b: &[(u64, f32)]) -> Sparse {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = j == b.len() || (i < a.len() && a[i].0 < b[j].0);
        let take_b = i == a.len() || (j < b.len() && b[j].0 < a[i].0);
        if take_a {
            out.push(a[i]);
            i += 1;
        } else if take_b {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

/// The sum of many vectors, key-sorted: one sort of all their entries, cheaper than adding
/// them one by one.
pub fn sum<'a>(vectors: impl IntoIterator<Item = &'a Sparse>) -> Sparse {
    let mut all: Sparse = vectors.into_iter().flatten().copied().collect();
    all.sort_unstable_by_key(|&(key, _)| key);
    let mut out: Sparse = Vec::with_capacity(all.len());
    for (key, w) in all {
        match out.last_mut() {
            Some((last, total)) if *last == key => *total += w,
            _ => out.push((key, w)),
        }
    }
    out
}

/// Heaviest first; ties to the smaller key, so selections are deterministic.
fn by_weight(a: &(u64, f32), b: &(u64, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Keeps the `k` heaviest entries, still key-sorted: a story's centroid stays bounded however
/// many articles join. A selection, not a sort, since it runs at every join.
pub fn keep_heaviest(v: &mut Sparse, k: usize) {
    if v.len() <= k {
        return;
    }
    if k == 0 {
        v.clear();
        return;
    }
    v.select_nth_unstable_by(k - 1, by_weight);
    v.truncate(k);
    v.sort_unstable_by_key(|&(key, _)| key);
}

/// The `k` heaviest entries with their weights, heaviest first.
pub fn heaviest(v: &[(u64, f32)], k: usize) -> Vec<(u64, f32)> {
    let mut out = v.to_vec();
    if out.len() > k {
        if k == 0 {
            return Vec::new();
        }
        out.select_nth_unstable_by(k - 1, by_weight);
        out.truncate(k);
    }
    out.sort_unstable_by(by_weight);
    out
}

/// The keys of the `k` heaviest entries, heaviest first.
pub fn heaviest_keys(v: &[(u64, f32)], k: usize) -> Vec<u64> {
    heaviest(v, k).into_iter().map(|(key, _)| key).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_arithmetic() {
        let a = vec![(1, 1.0), (3, 2.0)];
        let b = vec![(2, 5.0), (3, 1.0)];
        assert_eq!(dot(&a, &b), 2.0);
        assert_eq!(add(&a, &b), [(1, 1.0), (2, 5.0), (3, 3.0)]);
        let mut c = add(&a, &b);
        keep_heaviest(&mut c, 2);
        assert_eq!(c, [(2, 5.0), (3, 3.0)]);
        assert_eq!(heaviest_keys(&c, 1), [2]);
        // Ties go to the smaller key, whatever the order.
        let tied = vec![(9, 1.0), (4, 1.0), (7, 2.0), (1, 1.0)];
        assert_eq!(heaviest(&tied, 2), [(7, 2.0), (1, 1.0)]);
        let mut kept = tied.clone();
        keep_heaviest(&mut kept, 3);
        assert_eq!(kept, [(1, 1.0), (4, 1.0), (7, 2.0)]);
        assert_eq!(sum([&a, &b, &a]), [(1, 2.0), (2, 5.0), (3, 5.0)]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
    }
}
