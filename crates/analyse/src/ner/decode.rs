//! Greedy left-to-right decoding under IOB2 constraints.
//!
//! Each token's tag is chosen from its own features plus the two tags chosen before it, and
//! `I-X` is allowed only after `B-X` or `I-X`, so the output is always well-formed IOB2.
//! Greedy decoding with tag-history features is what the model is trained for (the
//! perceptron learns from its own earlier decisions), and it keeps tagging linear in the
//! number of labels.

use super::features::{TokenInfo, history_features, static_features};

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
    let n_labels = allowed.len() - 1;
    let mut out = Vec::with_capacity(infos.len());
    let mut feats = Vec::with_capacity(64);
    let mut scores = vec![0f32; n_labels];
    for i in 0..infos.len() {
        feats.clear();
        static_features(infos, i, &mut feats);
        let (p1, p2) = history(&out, i);
        history_features(infos, i, p1, p2, &mut feats);
        scorer.score(&feats, &mut scores);
        let row = &allowed[if p1 == u8::MAX { n_labels } else { p1 as usize }];
        out.push(best(&scores, row));
    }
    out
}

/// The two previous tags, `u8::MAX` before the sentence start.
pub fn history(tags: &[u8], i: usize) -> (u8, u8) {
    let p1 = if i >= 1 { tags[i - 1] } else { u8::MAX };
    let p2 = if i >= 2 { tags[i - 2] } else { u8::MAX };
    (p1, p2)
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
}
