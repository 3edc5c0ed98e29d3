//! One module per subcommand.

pub mod analyse;
pub mod articles;
pub mod bench;
pub mod bench_cluster;
pub mod bench_stories;
pub mod brief;
pub mod copy_rule;
pub mod dedup;
pub mod entities;
pub mod eval;
pub mod eval_cluster;
pub mod events;
pub mod events_export;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod stories;
pub mod time;
pub mod train;
