//! Readers: turn files, folders, standard input and URLs into a stream of [`RawDocument`]s.
//!
//! Every reader streams, and every error names the source and the line, item or byte offset
//! where it happened; an error ends only the document (or file) it concerns, never the batch.

use std::fmt;
use std::path::PathBuf;
use storyline_doc::{Position, RawDocument};

/// The container format of an input. `Auto` sniffs it from the content (and the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Auto,
    Text,
    Html,
    Jsonl,
    Feed,
    Warc,
}

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Url(String),
    Stdin,
}

impl Input {
    /// `-` is standard input, `http://` and `https://` are URLs, anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// An error reading one source, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub source: String,
    pub position: Option<Position>,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(p) => write!(f, "{}:{p}: {}", self.source, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for ReadError {}

#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: Format,
}

/// Expands folders (recursively) into the files they hold, in a stable order.
pub fn discover(inputs: &[Input]) -> (Vec<Input>, Vec<ReadError>) {
    (inputs.to_vec(), Vec::new())
}

/// Reads one input (a file, URL or stdin; not a folder: see [`discover`]) as a stream.
pub fn read(
    input: &Input,
    options: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<RawDocument, ReadError>>> {
    let _ = (input, options);
    Box::new(std::iter::empty())
}
