//! Evaluation metrics, each written from the benchmark's published definition.

pub mod classification;
pub mod cluster;
pub mod extraction;
pub mod ner;
pub mod time;
