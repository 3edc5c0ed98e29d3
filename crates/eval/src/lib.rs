//! Evaluation metrics, each written from the benchmark's published definition.
