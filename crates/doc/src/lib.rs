//! The storyline document model.
//!
//! A reader produces a [`RawDocument`]; the extract stage turns it into an [`Article`]; every
//! later stage (analyse, dedup, cluster, resolve, reconcile, brief) adds metadata or annotation
//! layers to that same article, as a spaCy `Doc` flows through its pipeline.

pub mod article;
pub mod date;
pub mod markup;
pub mod provenance;
pub mod raw;

pub use article::{Annotation, Article, DatedBy, Language, MetaSource, Metadata, Span};
pub use date::{DateParseError, PartialDateTime, Precision};
pub use provenance::{Position, Provenance, content_hash};
pub use raw::{Body, Hints, RawDocument};
