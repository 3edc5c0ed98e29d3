//! Word clusters learnt from unlabeled text, for the `cluster` features of the NER models.
//!
//! Words that occur in the same contexts get nearby bit strings, like Brown clusters (whose
//! prefixes are the classic big win for CoNLL NER, Ratinov & Roth 2009), but built much more
//! cheaply:
//!
//! 1. every word seen at least `min_count` times gets a context vector: how often each of the
//!    `contexts` most frequent words occurs one and two positions to its left and to its
//!    right (sentence boundaries count as words);
//! 2. counts become positive pointwise mutual information (context distribution smoothed
//!    with exponent 0.75, Levy et al. 2015), kept sparse and L2-normalised;
//! 3. bisecting spherical 2-means splits the words recursively, `depth` levels at most: a
//!    word's path of left/right choices is its bit string, so a prefix of it names a
//!    coarser cluster.
//!
//! The whole build is single-threaded and seeded: same text and settings, same clusters.
//! Words are kept as written (case matters: `Apple` is not `apple`), with digits as `0`.

use super::features::normalise;
use std::collections::HashMap;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

/// How to build clusters.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// The most frequent words that serve as contexts.
    pub contexts: usize,
    /// Maximum bit-string length (tree depth), at most 24.
    pub depth: u8,
    /// 2-means iterations per split.
    pub iterations: usize,
    pub seed: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig { min_count: 3, max_words: 80_000, contexts: 1500, depth: 20, iterations: 8, seed: 1 }
    }
}

/// A bit string per word: `code = 1 << len | bits`, so 1 is the empty path and 0 no cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    map: super::memory::FastMap<String, u32>,
}

/// The key a word is clustered under: curly quotes straightened, digits as `0`.
pub fn word_key(token: &str) -> String {
    normalise(token).chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect()
}

impl Clusters {
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The code of a token (exact form first, then lower-cased), 0 when unknown.
    pub fn code(&self, token: &str) -> u32 {
        let k = word_key(token);
        if let Some(&c) = self.map.get(&k) {
            return c;
        }
        let lower = k.to_lowercase();
        if lower != k { self.map.get(&lower).copied().unwrap_or(0) } else { 0 }
    }

    /// The first `n` bits of a code (the whole code when shorter); 0 stays 0.
    pub fn prefix(code: u32, n: u32) -> u32 {
        if code == 0 {
            return 0;
        }
        let len = 31 - code.leading_zeros();
        if len <= n { code } else { code >> (len - n) }
    }

    /// Entries sorted by word, for a deterministic file.
    pub fn sorted(&self) -> Vec<(&str, u32)> {
        let mut v: Vec<(&str, u32)> = self.map.iter().map(|(k, &c)| (k.as_str(), c)).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, u32)>) -> Self {
        Clusters { map: entries.into_iter().filter(|e| e.1 != 0).collect() }
    }

    /// Writes `bits<TAB>word` lines (the layout of Brown-cluster path files), sorted by word.
    pub fn write_text(&self, out: &mut impl Write) -> io::Result<()> {
        for (w, c) in self.sorted() {
            let len = 31 - c.leading_zeros();
            let bits: String = (0..len).rev().map(|b| if c >> b & 1 == 1 { '1' } else { '0' }).collect();
            writeln!(out, "{bits}\t{w}")?;
        }
        Ok(())
    }

    /// Reads `bits<TAB>word[<TAB>count]` lines.
    pub fn read_text(input: impl BufRead) -> io::Result<Self> {
        let mut map = HashMap::new();
        for (n, line) in input.lines().enumerate() {
            let line = line?;
            if line.is_empty() {
                continue;
            }
            let bad =
                || io::Error::new(io::ErrorKind::InvalidData, format!("clusters line {}: {line:?}", n + 1));
            let mut cols = line.split('\t');
            let bits = cols.next().ok_or_else(bad)?;
            let word = cols.next().ok_or_else(bad)?;
            if bits.len() > 24 || !bits.bytes().all(|b| b == b'0' || b == b'1') {
                return Err(bad());
            }
            let code = bits.bytes().fold(1u32, |c, b| c << 1 | u32::from(b == b'1'));
            map.insert(word.to_owned(), code);
        }
        Ok(Clusters { map: map.into_iter().collect() })
    }

    /// Reads a `bits<TAB>word` file, gzip-compressed when its name ends in `.gz`.
    pub fn load(path: &Path) -> io::Result<Self> {
        let with_path = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
        let bytes = std::fs::read(path).map_err(with_path)?;
        if path.extension().is_some_and(|x| x == "gz") {
            let mut raw = Vec::new();
            gunzip(&bytes, &mut raw).map_err(with_path)?;
            Self::read_text(&raw[..]).map_err(with_path)
        } else {
            Self::read_text(&bytes[..]).map_err(with_path)
        }
    }

    /// Writes a `bits<TAB>word` file, gzip-compressed (reproducibly) when the name ends in `.gz`.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut text = Vec::new();
        self.write_text(&mut text)?;
        if path.extension().is_some_and(|x| x == "gz") {
            let mut gz = flate2::GzBuilder::new().mtime(0).write(Vec::new(), flate2::Compression::best());
            gz.write_all(&text)?;
            text = gz.finish()?;
        }
        std::fs::write(path, text).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    /// Builds clusters from tokenized sentences.
    pub fn build<'a, I, S>(sentences: I, cfg: &ClusterConfig) -> Self
    where
        I: IntoIterator<Item = &'a [S]>,
        S: AsRef<str> + 'a,
    {
        // Sentences as word ids; ids are assigned in first-seen order, then re-ranked by count.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut counts: Vec<u64> = Vec::new();
        let mut corpus: Vec<Vec<u32>> = Vec::new();
        for sent in sentences {
            let mut s = Vec::with_capacity(sent.len());
            for tok in sent {
                let k = word_key(tok.as_ref());
                let id = *ids.entry(k.clone()).or_insert_with(|| {
                    words.push(k);
                    counts.push(0);
                    (words.len() - 1) as u32
                });
                counts[id as usize] += 1;
                s.push(id);
            }
            corpus.push(s);
        }
        // Rank: by count, then by word, for a deterministic order.
        let mut rank: Vec<u32> = (0..words.len() as u32).collect();
        rank.sort_by(|&a, &b| {
            counts[b as usize].cmp(&counts[a as usize]).then(words[a as usize].cmp(&words[b as usize]))
        });
        let mut rank_of = vec![0u32; words.len()];
        for (r, &id) in rank.iter().enumerate() {
            rank_of[id as usize] = r as u32;
        }
        let n_words = rank
            .iter()
            .take(cfg.max_words)
            .take_while(|&&id| counts[id as usize] >= u64::from(cfg.min_count.max(1)))
            .count();
        if n_words < 2 {
            return Clusters::default();
        }
        let n_ctx = cfg.contexts.min(words.len()).max(1);
        // Context index: the rank for frequent words, n_ctx for the sentence boundary.
        let boundary = n_ctx as u32;
        let ctx_of = |pos: isize, s: &[u32]| -> Option<u32> {
            if pos < 0 || pos as usize >= s.len() {
                return Some(boundary);
            }
            let r = rank_of[s[pos as usize] as usize];
            (r < boundary).then_some(r)
        };
        let width = n_ctx + 1;
        // Co-occurrence counts per clustered word (by rank), sparse.
        let mut cooc: Vec<HashMap<u32, u32>> = vec![HashMap::new(); n_words];
        let mut ctx_total = vec![0f64; 4 * width];
        let offsets: [isize; 4] = [-2, -1, 1, 2];
        for s in &corpus {
            for (i, &id) in s.iter().enumerate() {
                let r = rank_of[id as usize] as usize;
                if r >= n_words {
                    continue;
                }
                for (o, &d) in offsets.iter().enumerate() {
                    if let Some(c) = ctx_of(i as isize + d, s) {
                        let dim = o as u32 * width as u32 + c;
                        *cooc[r].entry(dim).or_default() += 1;
                        ctx_total[dim as usize] += 1.0;
                    }
                }
            }
        }
        // PPMI with smoothed context distribution.
        let smoothed: Vec<f64> = ctx_total.iter().map(|c| c.powf(0.75)).collect();
        let smoothed_sum: f64 = smoothed.iter().sum();
        let total: f64 = ctx_total.iter().sum();
        let mut vecs: Vec<Vec<(u32, f32)>> = Vec::with_capacity(n_words);
        for row in &cooc {
            let word_total: f64 = row.values().map(|&c| f64::from(c)).sum();
            let mut v: Vec<(u32, f32)> = Vec::with_capacity(row.len());
            for (&d, &c) in row {
                let p_wc = f64::from(c) / total;
                let p_w = word_total / total;
                let p_c = smoothed[d as usize] / smoothed_sum;
                let pmi = (p_wc / (p_w * p_c)).ln();
                if pmi > 0.0 {
                    v.push((d, pmi as f32));
                }
            }
            v.sort_unstable_by_key(|e| e.0);
            let n = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|e| e.1 /= n);
            }
            vecs.push(v);
        }
        let dims = 4 * width;
        drop(cooc);
        // Bisecting 2-means.
        let mut codes = vec![1u32; n_words];
        let mut rng = cfg.seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1;
        let mut stack: Vec<(Vec<u32>, u32)> = vec![((0..n_words as u32).collect(), 1)];
        let depth = u32::from(cfg.depth.clamp(1, 24));
        while let Some((members, code)) = stack.pop() {
            let len = 31 - code.leading_zeros();
            for &m in &members {
                codes[m as usize] = code;
            }
            if members.len() < 2 || len >= depth {
                continue;
            }
            let (left, right) = split(&vecs, dims, &members, cfg.iterations, &mut rng);
            if left.is_empty() || right.is_empty() {
                continue;
            }
            stack.push((right, code << 1 | 1));
            stack.push((left, code << 1));
        }
        let map = rank
            .iter()
            .take(n_words)
            .enumerate()
            .map(|(r, &id)| (words[id as usize].clone(), codes[r]))
            .collect();
        Clusters { map }
    }
}

/// Decompresses (multi-member) gzip bytes.
pub fn gunzip(gz: &[u8], out: &mut Vec<u8>) -> io::Result<usize> {
    flate2::read::MultiGzDecoder::new(gz).read_to_end(out)
}

fn normalise_vec(v: &mut [f32]) {
    // Also used on centroids, which are dense.
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Sparse · dense.
fn dot(a: &[(u32, f32)], b: &[f32]) -> f32 {
    a.iter().map(|&(d, x)| x * b[d as usize]).sum()
}

/// Splits `members` (ranks, most frequent first) in two by spherical 2-means. The side
/// holding the most frequent member comes first, so the bits do not depend on the seed's
/// arbitrary labelling of the two centroids.
fn split(
    vecs: &[Vec<(u32, f32)>],
    dims: usize,
    members: &[u32],
    iterations: usize,
    rng: &mut u64,
) -> (Vec<u32>, Vec<u32>) {
    let row = |m: u32| vecs[m as usize].as_slice();
    let dense = |m: u32| {
        let mut v = vec![0f32; dims];
        for &(d, x) in row(m) {
            v[d as usize] = x;
        }
        v
    };
    // Seeds: a random member, then the member least similar to it, both among the members
    // with a context vector: a seed without one is a zero centroid that attracts no word,
    // and the split would leave one side empty.
    let seeds: Vec<u32> = members.iter().copied().filter(|&m| !row(m).is_empty()).collect();
    if seeds.len() < 2 {
        return (members.to_vec(), Vec::new());
    }
    *rng ^= *rng >> 12;
    *rng ^= *rng << 25;
    *rng ^= *rng >> 27;
    let first = seeds[(rng.wrapping_mul(0x2545_f491_4f6c_dd1d) % seeds.len() as u64) as usize];
    let a = dense(first);
    let second = *seeds
        .iter()
        .min_by(|&&x, &&y| dot(row(x), &a).total_cmp(&dot(row(y), &a)).then(x.cmp(&y)))
        .expect("two seeds");
    let mut c = [a, dense(second)];
    let mut side = vec![false; members.len()];
    for it in 0..iterations.max(1) {
        let mut changed = false;
        for (k, &m) in members.iter().enumerate() {
            let v = row(m);
            let s = dot(v, &c[1]) > dot(v, &c[0]);
            changed |= s != side[k];
            side[k] = s;
        }
        if it > 0 && !changed {
            break;
        }
        for (j, cj) in c.iter_mut().enumerate() {
            cj.fill(0.0);
            for (k, &m) in members.iter().enumerate() {
                if side[k] == (j == 1) {
                    for &(d, x) in row(m) {
                        cj[d as usize] += x;
                    }
                }
            }
            normalise_vec(cj);
        }
    }
    let (mut l, mut r) = (Vec::new(), Vec::new());
    for (k, &m) in members.iter().enumerate() {
        if side[k] { r.push(m) } else { l.push(m) }
    }
    // members are in rank order, so members[0] is the most frequent.
    if side[0] { (r, l) } else { (l, r) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two families of words in disjoint frames: days after "on", towns after "in".
    fn corpus() -> Vec<Vec<String>> {
        let days = ["Monday", "Tuesday", "Friday", "Sunday"];
        let towns = ["Ostrev", "Pelbury", "Quintal", "Marovce"];
        let mut out = Vec::new();
        for i in 0..200 {
            let d = days[i % 4];
            let t = towns[(i / 4) % 4];
            out.push(format!("we met on {d} last week").split(' ').map(String::from).collect());
            out.push(format!("they live in {t} since 1990").split(' ').map(String::from).collect());
        }
        out
    }

    fn cfg() -> ClusterConfig {
        ClusterConfig { min_count: 2, contexts: 50, depth: 8, ..ClusterConfig::default() }
    }

    #[test]
    fn words_of_a_kind_share_prefixes_and_the_build_is_deterministic() {
        let c = corpus();
        let a = Clusters::build(c.iter().map(Vec::as_slice), &cfg());
        let b = Clusters::build(c.iter().map(Vec::as_slice), &cfg());
        assert_eq!(a, b, "same text and seed, same clusters");
        assert!(a.len() >= 8, "{}", a.len());
        let days: Vec<u32> = ["Monday", "Tuesday", "Friday", "Sunday"].iter().map(|w| a.code(w)).collect();
        let towns: Vec<u32> = ["Ostrev", "Pelbury", "Quintal", "Marovce"].iter().map(|w| a.code(w)).collect();
        assert!(days.iter().chain(&towns).all(|&c| c > 1), "{days:?} {towns:?}");
        // The coarsest split that separates them: no day shares its 2-bit prefix with a town.
        let deepest_common = |x: u32, y: u32| {
            (1..=8).take_while(|&n| Clusters::prefix(x, n) == Clusters::prefix(y, n)).count()
        };
        let within = deepest_common(days[0], days[1]).min(deepest_common(towns[0], towns[1]));
        let across =
            days.iter().flat_map(|&d| towns.iter().map(move |&t| deepest_common(d, t))).max().unwrap();
        assert!(within > across, "days {days:?} towns {towns:?}");
        assert_eq!(a.code("1990"), a.code("2024"), "digits are folded");
        assert_eq!(a.code("MONDAY"), 0, "unknown upper-case form");
        assert_eq!(a.code("monday"), 0, "case is kept: only Monday was seen");
        assert_eq!(a.code("We"), a.code("we"), "unknown forms fall back to lower case");
        let other = Clusters::build(c.iter().map(Vec::as_slice), &ClusterConfig { seed: 9, ..cfg() });
        assert_eq!(other.len(), a.len());
    }

    #[test]
    fn a_word_without_contexts_never_seeds_a_split() {
        // Word 0 has no context vector (its neighbours were all too rare to be contexts);
        // as a seed it would be a zero centroid, drawing no word, and nothing would split.
        let vecs = vec![vec![], vec![(0, 1.0)], vec![(0, 1.0)], vec![(1, 1.0)], vec![(1, 1.0)]];
        for seed in 1..20u64 {
            let mut rng = seed;
            let (left, right) = split(&vecs, 2, &[0, 1, 2, 3, 4], 8, &mut rng);
            let mut sides = [left, right];
            sides.iter_mut().for_each(|s| s.retain(|&m| m != 0));
            sides.sort();
            assert_eq!(sides, [vec![1, 2], vec![3, 4]], "seed {seed}");
        }
    }

    #[test]
    fn prefixes_and_text_round_trip() {
        assert_eq!(Clusters::prefix(0b1_0110, 2), 0b1_01);
        assert_eq!(Clusters::prefix(0b1_0110, 9), 0b1_0110);
        assert_eq!(Clusters::prefix(0, 4), 0);
        let c = Clusters::build(corpus().iter().map(Vec::as_slice), &cfg());
        let mut text = Vec::new();
        c.write_text(&mut text).unwrap();
        assert_eq!(Clusters::read_text(&text[..]).unwrap(), c);
        assert!(Clusters::read_text(&b"01x\tword\n"[..]).is_err());
    }
}
