//! Named-entity recognition: PER, LOC, ORG, MISC in IOB2, one model per language.
//!
//! A linear sequence labeller: an averaged structured perceptron over hashed features (word,
//! shape, affixes, a ±2 context window, capitalisation habits learnt from the training text,
//! GeoNames place-name membership, the training data's names in a jackknifed entity memory
//! (`memory.rs`), optional word clusters learnt from unlabeled text (`clusters.rs`), the
//! previous tag), decoded with first-order Viterbi under IOB2 constraints. See `features.rs`
//! for the features, `decode.rs` for decoding and `train.rs` for training.

pub mod clusters;
pub mod conll;
pub mod decode;
pub mod features;
pub mod lexicon;
pub mod memory;
pub mod model;
pub mod train;

#[cfg(test)]
mod tests;

pub use clusters::{ClusterConfig, Clusters};
pub use conll::Sentence;
pub use model::Model;
pub use train::{EpochReport, TrainConfig, evaluate, train};

/// An entity over token positions `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// The entities of IOB2 tags.
pub fn entities<S: AsRef<str>>(tags: &[S]) -> Vec<Entity> {
    storyline_eval::ner::chunks(tags)
        .into_iter()
        .map(|c| Entity { start: c.start, end: c.end, label: c.label })
        .collect()
}
