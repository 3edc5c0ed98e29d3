//! One module per subcommand.

pub mod articles;
pub mod bench;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod train;
