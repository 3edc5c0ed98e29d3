//! The `events` layer.
use storyline_doc::{Annotation, Article};

pub fn events(_article: &Article) -> Vec<Annotation> {
    Vec::new()
}
