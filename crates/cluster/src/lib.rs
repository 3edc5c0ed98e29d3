//! The cluster stage: online story clustering of analysed articles.
//!
//! Each article, in arrival order, joins the active story it is most similar to, or opens a
//! new one ([`Clusterer::add`]). Similarity is the larger of two cosines against the story's
//! centroid: *content* (TF-IDF over stemmed content words, Han/kana character bigrams, with
//! document frequencies counted as articles arrive) and *anchors* (entity keys, numbers,
//! capitalised Latin-script words where no entities were found: what survives translation),
//! and, only between languages, *interlingual* anchors (places by gazetteer id in any script,
//! month-day dates, amounts with their scale, percentages; [`interlingual`]) and *glossed*
//! Chinese (its words as the English content keys a dictionary gives; [`glossary`]), times a decay in
//! the days between the article and the story. Candidates come from an
//! inverted index over the stories' heaviest terms with bounded posting lists, never from a
//! scan of all stories; stories idle for `dormant_days` of the stream leave the active set, so
//! the cost per article does not grow with the number of stories. Periodic passes repair what
//! greedy joins got wrong: the split pass cuts a story whose latest articles form two
//! dissimilar groups (2-means over a bounded window of its members), then the merge pass joins
//! stories whose centroids have become similar. An article's story is therefore read at the
//! end with [`Clusterer::story_of`], not taken from its [`Assignment`]. Everything is
//! deterministic: the same articles in the same order give the same stories, numbered in the
//! order they opened (a split's new half takes the next number).

mod clusterer;
pub mod dating;
pub mod features;
pub mod glossary;
pub mod interlingual;
pub mod keys;
pub mod stem;
pub mod vector;

pub use clusterer::{Assignment, Clusterer, Config, Merge, StoryId};
pub use features::{Features, features};
pub use keys::{EntityKeys, FoldedNameWords};

#[cfg(test)]
mod tests;
