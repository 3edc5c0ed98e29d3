//! The analyse stage: sentences, tokens and named entities for every article.
//!
//! Everything here is trained and run in Rust: a Unicode tokenizer whose offsets map back to
//! the article's text, a rule-based sentence splitter, and a named-entity recogniser (an
//! averaged perceptron over hashed features) with one model per language.

pub mod attribution;
pub mod ner;
pub mod pipeline;
pub mod quantity;
pub mod sentences;
pub mod time;
pub mod tokenize;

pub use pipeline::{Models, analyse, retime};
