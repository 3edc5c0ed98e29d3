//! Evaluation metrics, each written from the benchmark's published definition.

pub mod classification;
pub mod extraction;
pub mod ner;
pub mod time;
