//! Viterbi decoding under IOB2 constraints.
//!
//! A sentence's score is the sum over tokens of its static features' weights for the token's
//! tag plus its history features' weights, which combine the tag with the previous one
//! (first order). Viterbi finds the best-scoring tag sequence exactly, and `I-X` is allowed
//! only after `B-X` or `I-X`, so the output is always well-formed IOB2. Cost per token: one
//! static scoring plus one small history scoring per possible previous tag.

use super::clusters::Clusters;
use super::features::{
    HistoryToken, TokenInfo, context_features, form_features, gazetteer_key, history_features, memory_key,
    static_features, token_infos, transition_key,
};
use super::lexicon::Lexicon;
use super::memory::FastMap;
use super::model::FeatureTable;

/// Anything that turns feature keys into one score per label.
pub trait Scorer {
    fn score(&self, features: &[u32], scores: &mut [f32]);
}

/// For each previous label (last row: sentence start), which labels may follow.
pub fn transitions(labels: &[String]) -> Vec<Vec<bool>> {
    let ty = |l: &str| l.split_once('-').map(|(_, t)| t.to_owned());
    let mut rows = Vec::with_capacity(labels.len() + 1);
    for prev in labels.iter().map(Some).chain([None]) {
        rows.push(
            labels
                .iter()
                .map(|l| {
                    if !l.starts_with("I-") {
                        return true;
                    }
                    prev.is_some_and(|p| p != "O" && ty(p) == ty(l))
                })
                .collect(),
        );
    }
    rows
}

/// Tags one sentence; labels are indices into `labels`.
pub fn decode(scorer: &impl Scorer, allowed: &[Vec<bool>], infos: &[TokenInfo]) -> Vec<u8> {
    viterbi(scorer, allowed, infos, |i, out| static_features(infos, i, out))
}

/// Viterbi over `infos`, with the static features of token `i` given by `statics` (training
/// passes its pruned, precomputed ones).
pub fn viterbi(
    scorer: &impl Scorer,
    allowed: &[Vec<bool>],
    infos: &[TokenInfo],
    mut statics: impl FnMut(usize, &mut Vec<u32>),
) -> Vec<u8> {
    let n = allowed.len() - 1;
    let len = infos.len();
    if len == 0 {
        return Vec::new();
    }
    let mut feats = Vec::with_capacity(64);
    let (mut stat, mut hist) = (vec![0f32; n], vec![0f32; n]);
    let mut delta = vec![f32::NEG_INFINITY; n];
    let mut next = vec![f32::NEG_INFINITY; n];
    let mut back = vec![0u8; len * n];
    for i in 0..len {
        feats.clear();
        statics(i, &mut feats);
        scorer.score(&feats, &mut stat);
        next.fill(f32::NEG_INFINITY);
        if i == 0 {
            feats.clear();
            history_features(infos, 0, u8::MAX, &mut feats);
            scorer.score(&feats, &mut hist);
            for y in 0..n {
                if allowed[n][y] {
                    next[y] = stat[y] + hist[y];
                }
            }
        } else {
            for p in 0..n {
                if delta[p] == f32::NEG_INFINITY {
                    continue;
                }
                feats.clear();
                history_features(infos, i, p as u8, &mut feats);
                scorer.score(&feats, &mut hist);
                for y in 0..n {
                    if allowed[p][y] {
                        let s = delta[p] + stat[y] + hist[y];
                        if s > next[y] {
                            next[y] = s;
                            back[i * n + y] = p as u8;
                        }
                    }
                }
            }
        }
        std::mem::swap(&mut delta, &mut next);
    }
    let all = vec![true; n];
    let mut y = best(&delta, &all);
    let mut out = vec![0u8; len];
    for i in (0..len).rev() {
        out[i] = y;
        y = back[i * n + y as usize];
    }
    out
}

/// Gazetteer and memory codes below this are scored once per model by [`Precomputed`].
const CODES: usize = 64;

/// What [`decode_table`] computes once per model: the allowed transitions, and the summed
/// weights of the history features that depend on the previous tag and a small code only
/// (the transition itself, gazetteer and memory codes), per previous tag (index `n`: the
/// sentence start) and code.
#[derive(Debug, Clone)]
pub struct Precomputed {
    n: usize,
    allowed: Vec<Vec<bool>>,
    /// `(n + 1) × n`.
    trans: Vec<i32>,
    /// `(n + 1) × CODES × n` each; `mem` empty when memory features are off.
    gaz: Vec<i32>,
    mem: Vec<i32>,
    /// The summed [`form_features`] weights of the lexicon's words (lower-cased, the most
    /// frequent forms), by form hash: a row of `n` in `form_rows`.
    forms: FastMap<u64, u32>,
    form_rows: Vec<i32>,
}

fn prev_tag(p: usize, n: usize) -> u8 {
    if p == n { u8::MAX } else { p as u8 }
}

impl Precomputed {
    pub fn new(table: &FeatureTable, labels: &[String], lexicon: &Lexicon, clusters: &Clusters) -> Self {
        let n = labels.len();
        let mut forms = FastMap::default();
        let mut form_rows = Vec::new();
        let mut feats = Vec::new();
        for (word, _) in lexicon.sorted() {
            let info = token_infos(&[word], lexicon, clusters, None)[0];
            if forms.contains_key(&info.form_hash()) {
                continue;
            }
            feats.clear();
            form_features(&info, &mut feats);
            let row = form_rows.len() / n.max(1);
            form_rows.resize(form_rows.len() + n, 0);
            table.accumulate(&feats, &mut form_rows[row * n..]);
            forms.insert(info.form_hash(), row as u32);
        }
        let allowed = transitions(labels);
        let mut trans = vec![0; (n + 1) * n];
        let mut gaz = vec![0; (n + 1) * CODES * n];
        let mut mem = Vec::new();
        for p in 0..=n {
            let p1 = prev_tag(p, n);
            table.accumulate(&[transition_key(p1)], &mut trans[p * n..(p + 1) * n]);
            for c in 0..CODES {
                let at = (p * CODES + c) * n;
                table.accumulate(&[gazetteer_key(p1, c as u8)], &mut gaz[at..at + n]);
                if let Some(k) = memory_key(p1, c as u8) {
                    mem.resize((n + 1) * CODES * n, 0);
                    table.accumulate(&[k], &mut mem[at..at + n]);
                }
            }
        }
        Precomputed { n, allowed, trans, gaz, mem, forms, form_rows }
    }

    /// The history features' scores of a token after previous label `p` (`n`: start).
    #[inline]
    fn history(&self, table: &FeatureTable, p: usize, h: &HistoryToken, out: &mut [i32]) {
        let n = self.n;
        out.copy_from_slice(&self.trans[p * n..(p + 1) * n]);
        let p1 = prev_tag(p, n);
        let mut add = |v: &[i32]| out.iter_mut().zip(v).for_each(|(o, x)| *o += x);
        if usize::from(h.gaz) < CODES {
            let at = (p * CODES + usize::from(h.gaz)) * n;
            add(&self.gaz[at..at + n]);
        } else {
            table.accumulate(&[gazetteer_key(p1, h.gaz)], out);
        }
        if let Some(k) = memory_key(p1, h.mem) {
            if usize::from(h.mem) < CODES {
                let at = (p * CODES + usize::from(h.mem)) * n;
                out.iter_mut().zip(&self.mem[at..at + n]).for_each(|(o, x)| *o += x);
            } else {
                table.accumulate(&[k], out);
            }
        }
        table.accumulate(&h.word_keys(p1), out);
    }
}

/// [`viterbi`] with a model's quantised weights, in exact integer arithmetic, the history
/// features split as in [`Precomputed`]: the same tags as [`decode`], faster.
pub fn decode_table(table: &FeatureTable, pre: &Precomputed, infos: &[TokenInfo]) -> Vec<u8> {
    let n = pre.n;
    let len = infos.len();
    if len == 0 {
        return Vec::new();
    }
    assert!(n <= 32, "at most 32 labels");
    let mut feats = Vec::with_capacity(96);
    let (mut stat, mut hist) = ([0i32; 32], [0i32; 32]);
    let (mut delta, mut next) = ([0i32; 32], [0i32; 32]);
    let (mut reach, mut next_reach) = ([false; 32], [false; 32]);
    let mut back = vec![0u8; len * n];
    for i in 0..len {
        feats.clear();
        match pre.forms.get(&infos[i].form_hash()) {
            Some(&row) => {
                let r = row as usize * n;
                stat[..n].copy_from_slice(&pre.form_rows[r..r + n]);
                context_features(infos, i, &mut feats);
            }
            None => {
                stat[..n].fill(0);
                static_features(infos, i, &mut feats);
            }
        }
        table.accumulate(&feats, &mut stat[..n]);
        let h = HistoryToken::new(infos, i);
        next_reach[..n].fill(false);
        if i == 0 {
            pre.history(table, n, &h, &mut hist[..n]);
            for y in 0..n {
                if pre.allowed[n][y] {
                    next[y] = stat[y] + hist[y];
                    next_reach[y] = true;
                }
            }
        } else {
            for p in 0..n {
                if !reach[p] {
                    continue;
                }
                pre.history(table, p, &h, &mut hist[..n]);
                let allowed = &pre.allowed[p];
                for y in 0..n {
                    if allowed[y] {
                        let s = delta[p] + stat[y] + hist[y];
                        if !next_reach[y] || s > next[y] {
                            next[y] = s;
                            next_reach[y] = true;
                            back[i * n + y] = p as u8;
                        }
                    }
                }
            }
        }
        std::mem::swap(&mut delta, &mut next);
        std::mem::swap(&mut reach, &mut next_reach);
    }
    // The best final label; ties go to the lower index.
    let mut y = 0u8;
    let mut found = false;
    for l in 0..n {
        if reach[l] && (!found || delta[l] > delta[y as usize]) {
            y = l as u8;
            found = true;
        }
    }
    let mut out = vec![0u8; len];
    for i in (0..len).rev() {
        out[i] = y;
        y = back[i * n + y as usize];
    }
    out
}

/// The previous tag, `u8::MAX` at the sentence start.
pub fn previous(tags: &[u8], i: usize) -> u8 {
    if i >= 1 { tags[i - 1] } else { u8::MAX }
}

/// The best allowed label; ties go to the lower index, so `O` (index 0) wins a tie.
pub fn best(scores: &[f32], allowed: &[bool]) -> u8 {
    let mut best = 0usize;
    let mut best_score = f32::NEG_INFINITY;
    for (l, (&s, &ok)) in scores.iter().zip(allowed).enumerate() {
        if ok && s > best_score {
            best = l;
            best_score = s;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_tags_only_continue_their_own_type() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"].map(String::from).to_vec();
        let t = transitions(&labels);
        assert_eq!(t[0], [true, true, false, true, false], "after O");
        assert_eq!(t[1], [true, true, true, true, false], "after B-PER");
        assert_eq!(t[4], [true, true, false, true, true], "after I-LOC");
        assert_eq!(t[5], [true, true, false, true, false], "at the start");
        assert_eq!(best(&[0.0, 1.0, 5.0, 0.0, 0.0], &t[0]), 1);
    }

    /// Scores from a table keyed by feature; the static features of token `i` are `[i]`
    /// (a token id), and history features are ignored except through the fixed bonus below.
    struct Table(Vec<Vec<f32>>);

    impl Scorer for Table {
        fn score(&self, features: &[u32], scores: &mut [f32]) {
            scores.fill(0.0);
            for &f in features {
                if let Some(row) = self.0.get(f as usize) {
                    scores.iter_mut().zip(row).for_each(|(s, w)| *s += w);
                }
            }
        }
    }

    #[test]
    fn viterbi_finds_the_best_well_formed_sequence() {
        let labels: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"].map(String::from).to_vec();
        let t = transitions(&labels);
        // Token 1 prefers I-PER strongly but token 0 prefers B-LOC a little: greedy would
        // take B-LOC then could not use I-PER; Viterbi takes B-PER I-PER.
        let table = Table(vec![vec![0.0, 1.0, 0.0, 1.5, 0.0], vec![0.0, 0.0, 5.0, 0.0, 1.0]]);
        let infos = vec![TokenInfo::default(); 2];
        let tags = viterbi(&table, &t, &infos, |i, out| out.push(i as u32));
        assert_eq!(tags, [1, 2]);
        // Alone, token 1 cannot start with I-PER: the best allowed start wins.
        let tags = viterbi(&table, &t, &infos[..1], |_, out| out.push(1));
        assert_eq!(tags, [0]);
    }
}
