//! Named-entity recognition scored as CoNLL's `conlleval` script defines it.
//!
//! An entity (a "chunk") is a maximal run of tags that `conlleval` reads as one phrase: it
//! starts at `B-X`, or at `I-X` after `O` or after a tag of another type (so IOB1 and
//! ill-formed IOB2 are read the way the script reads them), also `S-X`/`E-X` of IOBES. A
//! predicted entity is correct only when its first token, its last token and its type all
//! equal a gold entity's. Precision, recall and F1 are per type and micro-averaged over all
//! entities (conlleval's "overall"); token accuracy is reported as the script does, beside.

use serde::Serialize;
use std::collections::BTreeMap;

/// One entity over token positions `start..end` of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// Splits a tag into its prefix (`B`, `I`, `E`, `S`, or `O`) and type.
fn split_tag(tag: &str) -> (char, &str) {
    match tag.split_once(['-', '_']) {
        Some((p, t)) if p.len() == 1 => (p.chars().next().unwrap_or('O').to_ascii_uppercase(), t),
        _ if tag == "O" || tag.is_empty() => ('O', ""),
        _ => ('I', tag),
    }
}

/// The entities of one sentence's tags, as `conlleval` delimits them.
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut prev = ('O', "");
    for (i, tag) in tags.iter().enumerate() {
        let (p, t) = split_tag(tag.as_ref());
        let ends = match open {
            Some((_, ot)) => p == 'O' || p == 'B' || p == 'S' || t != ot || matches!(prev.0, 'E' | 'S'),
            None => false,
        };
        if ends && let Some((s, ot)) = open.take() {
            out.push(Chunk { start: s, end: i, label: ot.to_owned() });
        }
        let starts = p != 'O' && open.is_none();
        if starts {
            open = Some((i, t));
        }
        prev = (p, t);
    }
    if let Some((s, t)) = open {
        out.push(Chunk { start: s, end: tags.len(), label: t.to_owned() });
    }
    out
}

/// Entity counts for one type or for all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "gold": self.gold, "predicted": self.predicted, "correct": self.correct,
            "precision": round4(self.precision()), "recall": round4(self.recall()), "f1": round4(self.f1()),
        })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The score of a whole file, accumulated sentence by sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NerScore {
    pub per_type: BTreeMap<String, Counts>,
    pub micro: Counts,
    pub tokens: usize,
    pub tokens_correct: usize,
    pub sentences: usize,
}

impl NerScore {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add<G: AsRef<str>, P: AsRef<str>>(&mut self, gold: &[G], predicted: &[P]) {
        assert_eq!(gold.len(), predicted.len(), "gold and predicted tags differ in length");
        self.sentences += 1;
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(predicted).filter(|(g, p)| g.as_ref() == p.as_ref()).count();
        let g = chunks(gold);
        let p = chunks(predicted);
        for c in &g {
            self.per_type.entry(c.label.clone()).or_default().gold += 1;
        }
        for c in &p {
            self.per_type.entry(c.label.clone()).or_default().predicted += 1;
        }
        // Both lists are sorted by start and chunks of one list never overlap.
        let mut j = 0;
        for c in &p {
            while j < g.len() && g[j].start < c.start {
                j += 1;
            }
            if j < g.len() && g[j] == *c {
                self.per_type.entry(c.label.clone()).or_default().correct += 1;
            }
        }
        self.micro = self.per_type.values().fold(Counts::default(), |a, c| Counts {
            gold: a.gold + c.gold,
            predicted: a.predicted + c.predicted,
            correct: a.correct + c.correct,
        });
    }

    pub fn accuracy(&self) -> f64 {
        ratio(self.tokens_correct, self.tokens)
    }

    pub fn to_json(&self) -> serde_json::Value {
        let per: serde_json::Map<_, _> = self.per_type.iter().map(|(k, c)| (k.clone(), c.json())).collect();
        serde_json::json!({
            "sentences": self.sentences, "tokens": self.tokens, "accuracy": round4(self.accuracy()),
            "micro": self.micro.json(), "per_type": per,
        })
    }

    /// A table in the spirit of `conlleval`'s output.
    pub fn report(&self) -> String {
        let mut s = format!(
            "{} sentences, {} tokens, {} gold entities, {} predicted, {} correct; accuracy {:.2}%\n",
            self.sentences,
            self.tokens,
            self.micro.gold,
            self.micro.predicted,
            self.micro.correct,
            100.0 * self.accuracy()
        );
        s.push_str(&format!(
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}\n",
            "type", "precision", "recall", "F1", "gold", "pred"
        ));
        let mut row = |name: &str, c: &Counts| {
            s.push_str(&format!(
                "{:<8} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7}\n",
                name,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted
            ));
        };
        for (k, c) in &self.per_type {
            row(k, c);
        }
        row("micro", &self.micro);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(tags: &[&str]) -> Vec<(usize, usize, String)> {
        chunks(tags).into_iter().map(|c| (c.start, c.end, c.label)).collect()
    }

    #[test]
    fn chunks_as_conlleval_reads_them() {
        assert_eq!(ch(&["B-PER", "I-PER", "O", "B-LOC"]), [(0, 2, "PER".into()), (3, 4, "LOC".into())]);
        // IOB1: I- after O starts an entity; B- splits two adjacent ones.
        assert_eq!(ch(&["I-PER", "I-PER", "B-PER"]), [(0, 2, "PER".into()), (2, 3, "PER".into())]);
        // A type change inside a run ends the entity.
        assert_eq!(ch(&["B-ORG", "I-LOC"]), [(0, 1, "ORG".into()), (1, 2, "LOC".into())]);
        // IOBES.
        assert_eq!(
            ch(&["S-LOC", "B-PER", "E-PER", "S-PER"]),
            [(0, 1, "LOC".into()), (1, 3, "PER".into()), (3, 4, "PER".into())]
        );
        assert!(ch(&["O", "O"]).is_empty());
    }

    #[test]
    fn exact_boundaries_and_type_are_required() {
        let mut s = NerScore::default();
        s.add(&["B-PER", "I-PER", "O", "B-LOC", "O"], &["B-PER", "O", "O", "B-LOC", "B-ORG"]);
        assert_eq!(s.micro, Counts { gold: 2, predicted: 3, correct: 1 });
        assert_eq!(s.per_type["LOC"], Counts { gold: 1, predicted: 1, correct: 1 });
        assert_eq!(s.per_type["PER"], Counts { gold: 1, predicted: 1, correct: 0 });
        assert_eq!(s.per_type["ORG"], Counts { gold: 0, predicted: 1, correct: 0 });
        assert!((s.micro.precision() - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.micro.recall() - 0.5).abs() < 1e-12);
        assert!((s.micro.f1() - 0.4).abs() < 1e-12);
        assert!((s.accuracy() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn entities_never_cross_sentences() {
        let mut s = NerScore::default();
        s.add(&["B-PER"], &["B-PER"]);
        s.add(&["I-PER"], &["I-PER"]);
        assert_eq!(s.micro, Counts { gold: 2, predicted: 2, correct: 2 });
        assert_eq!(s.sentences, 2);
    }

    #[test]
    fn empty_scores_are_zero_not_nan() {
        let s = NerScore::default();
        assert_eq!(s.micro.f1(), 0.0);
        assert!(s.report().contains("micro"));
        assert_eq!(s.to_json()["micro"]["f1"], 0.0);
    }
}
