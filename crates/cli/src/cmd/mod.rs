//! One module per subcommand.

pub mod analyse;
pub mod articles;
pub mod bench;
pub mod dedup;
pub mod entities;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod time;
pub mod train;
