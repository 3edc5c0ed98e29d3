//! Training: an averaged structured perceptron over the Viterbi decoder's own decisions.
//!
//! Each epoch visits the training sentences in a seeded random order, tags each one with
//! Viterbi under the current weights, and where the best sequence differs from the gold one
//! moves the weights towards the gold sequence's features and away from the predicted one's
//! (Collins 2002). The model kept is the average of the weights
//! over all steps (Collins 2002), which generalises much better than the last weights. After
//! each epoch the averaged, quantised model is scored on the dev set; the best epoch wins and
//! training stops when the dev F1 has not improved for `patience` epochs.

use super::clusters::Clusters;
use super::conll::Sentence;
use super::decode::{Scorer, previous, transitions, viterbi};
use super::features::{TokenInfo, history_features, set_memory, static_features, token_infos};
use super::lexicon::Lexicon;
use super::memory::{EntityMemory, FOLDS as MEMORY_FOLDS};
use super::model::{FeatureTable, Model};
use std::collections::HashMap;
use storyline_codec::IdBuild;
use storyline_eval::ner::NerScore;
use storyline_geo::Gazetteer;

#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub lang: String,
    pub max_epochs: usize,
    /// Epochs without a better dev F1 before stopping.
    pub patience: usize,
    pub seed: u64,
    /// Static features seen fewer times in the training data are ignored.
    pub min_count: u32,
    pub gazetteer: bool,
    /// Word clusters for the cluster features, stored in the model (empty: none).
    pub clusters: Clusters,
    /// Remember the training data's names (jackknifed in training, see `memory.rs`).
    pub memory: bool,
    /// Other tagged sentences whose names go into the memory (not trained on).
    pub memory_extra: Vec<Sentence>,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            lang: "xx".into(),
            max_epochs: 15,
            patience: 4,
            seed: 1,
            min_count: 1,
            gazetteer: true,
            clusters: Clusters::default(),
            memory: true,
            memory_extra: Vec::new(),
        }
    }
}

/// What one epoch achieved.
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    pub train_token_errors: usize,
    pub dev: Option<NerScore>,
    pub features: usize,
}

/// Trains a model; `log` hears about every epoch.
pub fn train(
    train: &[Sentence],
    dev: &[Sentence],
    cfg: &TrainConfig,
    mut log: impl FnMut(&EpochReport),
) -> Result<Model, String> {
    let train: Vec<&Sentence> =
        train.iter().filter(|s| s.tags.len() == s.tokens.len() && !s.tokens.is_empty()).collect();
    if train.is_empty() {
        return Err("no tagged training sentence".into());
    }
    let labels = label_set(&train);
    let label_index: HashMap<&str, u8> =
        labels.iter().enumerate().map(|(i, l)| (l.as_str(), i as u8)).collect();
    let lexicon = Lexicon::build(train.iter().map(|s| s.tokens.as_slice()));
    let gazetteer = cfg.gazetteer.then(Gazetteer::embedded);
    let allowed = transitions(&labels);

    // Static features never change: extract them once, dropping the rare ones.
    let types: Vec<String> = {
        let mut t: Vec<String> =
            labels.iter().filter_map(|l| l.split_once('-').map(|(_, t)| t.to_owned())).collect();
        t.sort();
        t.dedup();
        t
    };
    let pairs: Vec<(&[String], &[String])> =
        train.iter().map(|s| (s.tokens.as_slice(), s.tags.as_slice())).collect();
    let folds = if cfg.memory { MEMORY_FOLDS } else { 1 };
    let extra: Vec<(&[String], &[String])> = cfg
        .memory_extra
        .iter()
        .filter(|s| s.tags.len() == s.tokens.len())
        .map(|s| (s.tokens.as_slice(), s.tags.as_slice()))
        .collect();
    let mut memories = EntityMemory::build_folds(&pairs, &extra, &types, folds);
    let memory = if cfg.memory { memories.remove(0) } else { EntityMemory::default() };
    let infos: Vec<Vec<TokenInfo>> = train
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut inf = token_infos(&s.tokens, &lexicon, &cfg.clusters, gazetteer);
            if cfg.memory {
                set_memory(&mut inf, &memories[i % folds].codes(&s.tokens));
            }
            inf
        })
        .collect();
    drop(memories);
    let mut counts: HashMap<u32, u32, IdBuild> = HashMap::default();
    let mut statics: Vec<Vec<Vec<u32>>> = Vec::with_capacity(train.len());
    for inf in &infos {
        let mut sent = Vec::with_capacity(inf.len());
        for i in 0..inf.len() {
            let mut f = Vec::with_capacity(48);
            static_features(inf, i, &mut f);
            for &k in &f {
                *counts.entry(k).or_default() += 1;
            }
            sent.push(f);
        }
        statics.push(sent);
    }
    for sent in &mut statics {
        for f in sent.iter_mut() {
            f.retain(|k| counts[k] >= cfg.min_count);
        }
    }
    drop(counts);
    let gold: Vec<Vec<u8>> = train
        .iter()
        .map(|s| s.tags.iter().map(|t| label_index.get(t.as_str()).copied().unwrap_or(0)).collect())
        .collect();

    let mut w = Weights::new(labels.len());
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(cfg.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut best_model: Option<(f64, Model)> = None;
    let mut since_best = 0;
    let mut feats = Vec::with_capacity(64);
    for epoch in 1..=cfg.max_epochs {
        rng.shuffle(&mut order);
        let mut errors = 0;
        for &s in &order {
            let inf = &infos[s];
            let pred = viterbi(&w, &allowed, inf, |i, out| out.extend_from_slice(&statics[s][i]));
            let truth = &gold[s];
            // Structured perceptron: towards the gold sequence's features, away from the
            // predicted one's, where they differ.
            for i in 0..inf.len() {
                w.tick();
                let (g, p) = (truth[i], pred[i]);
                if g != p {
                    errors += 1;
                    w.update(&statics[s][i], g, 1.0);
                    w.update(&statics[s][i], p, -1.0);
                }
                let (gp, pp) = (previous(truth, i), previous(&pred, i));
                if g != p || gp != pp {
                    feats.clear();
                    history_features(inf, i, gp, &mut feats);
                    w.update(&feats, g, 1.0);
                    feats.clear();
                    history_features(inf, i, pp, &mut feats);
                    w.update(&feats, p, -1.0);
                }
            }
        }
        let (table, scale) = w.averaged_table();
        let model = Model::new(cfg.lang.clone(), labels.clone(), lexicon.clone(), table, scale)
            .with_clusters(cfg.clusters.clone())
            .with_memory(memory.clone());
        let dev_score = (!dev.is_empty()).then(|| evaluate(&model, dev));
        let report = EpochReport {
            epoch,
            train_token_errors: errors,
            features: model.table.len(),
            dev: dev_score.clone(),
        };
        log(&report);
        let f1 = dev_score.as_ref().map_or(epoch as f64, |d| d.micro.f1());
        if best_model.as_ref().is_none_or(|(b, _)| f1 > *b) {
            best_model = Some((f1, model));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= cfg.patience {
                break;
            }
        }
    }
    Ok(best_model.expect("at least one epoch").1)
}

/// Scores `model` on tagged sentences.
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> NerScore {
    let mut score = NerScore::default();
    for s in sentences.iter().filter(|s| s.tags.len() == s.tokens.len()) {
        let pred = model.tag(&s.tokens);
        score.add(&s.tags, &pred);
    }
    score
}

/// `O` first, then the other tags in sorted order.
fn label_set(train: &[&Sentence]) -> Vec<String> {
    let mut set: Vec<String> = train.iter().flat_map(|s| s.tags.iter().cloned()).collect();
    set.sort();
    set.dedup();
    set.retain(|l| l != "O");
    set.insert(0, "O".into());
    set
}

/// Perceptron weights with lazily accumulated sums for averaging.
struct Weights {
    index: HashMap<u32, u32, IdBuild>,
    n: usize,
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    t: u32,
}

impl Weights {
    fn new(n: usize) -> Self {
        Weights { index: HashMap::default(), n, w: Vec::new(), total: Vec::new(), stamp: Vec::new(), t: 0 }
    }

    fn tick(&mut self) {
        self.t += 1;
    }

    fn update(&mut self, feats: &[u32], label: u8, delta: f32) {
        for &f in feats {
            let next = self.index.len() as u32;
            let row = *self.index.entry(f).or_insert(next) as usize;
            if row == self.w.len() / self.n {
                self.w.resize(self.w.len() + self.n, 0.0);
                self.total.resize(self.total.len() + self.n, 0.0);
                self.stamp.resize(self.stamp.len() + self.n, 0);
            }
            let at = row * self.n + label as usize;
            self.total[at] += f64::from(self.t - self.stamp[at]) * f64::from(self.w[at]);
            self.stamp[at] = self.t;
            self.w[at] += delta;
        }
    }

    /// The averaged weights, quantised to `i16`, all-zero rows dropped.
    fn averaged_table(&self) -> (FeatureTable, f32) {
        let t = f64::from(self.t.max(1));
        let avg: Vec<f64> = (0..self.w.len())
            .map(|at| (self.total[at] + f64::from(self.t - self.stamp[at]) * f64::from(self.w[at])) / t)
            .collect();
        let max = avg.iter().fold(0f64, |m, x| m.max(x.abs())).max(1e-9);
        let scale = (i16::MAX as f64 - 1.0) / max;
        let mut entries = Vec::with_capacity(self.index.len());
        for (&k, &row) in &self.index {
            let r = row as usize * self.n;
            let q: Vec<i16> = avg[r..r + self.n].iter().map(|x| (x * scale).round() as i16).collect();
            if q.iter().any(|&x| x != 0) {
                entries.push((k, q));
            }
        }
        (FeatureTable::new(entries, self.n), scale as f32)
    }
}

impl Scorer for Weights {
    fn score(&self, features: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let r = row as usize * self.n;
                for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.n]) {
                    *s += w;
                }
            }
        }
    }
}

/// xorshift64*: a seeded, dependency-free shuffle that gives the same order everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
