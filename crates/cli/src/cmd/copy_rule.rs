//! The story passes' rule for copies, in one place for the store's story pass
//! ([`crate::cmd::stories::StoryBuilder`]) and `storyline bench stories`, which reads
//! features on another thread.

use std::collections::HashMap;
use storyline_cluster::{Assignment, Clusterer, Features};
use storyline_dedup::{Kind, Verdict};

/// A copy of an article already seen joins its original's story (while that story is
/// active) rather than being matched against every story: its profile is the original's.
/// Any other article is clustered.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct CopyRule {
    /// Duplicate group (named by its first article) → where its first article went; the
    /// clusterer follows it through merges and splits ([`Clusterer::story_of`]). A group the
    /// dedup index forgets is dropped: no later verdict names it.
    group_story: HashMap<String, Assignment>,
}

impl CopyRule {
    /// Places an article, given its dedup verdict and its features as `clusterer` reads
    /// them ([`Clusterer::features_of`]); returns its assignment and whether it went to its
    /// original's story as a copy.
    pub fn assign(
        &mut self,
        clusterer: &mut Clusterer,
        verdict: &Verdict<String>,
        features: &Features,
    ) -> (Assignment, bool) {
        for group in &verdict.forgotten {
            self.group_story.remove(group);
        }
        let original = match verdict.kind {
            Kind::Exact | Kind::Near => self.group_story.get(&verdict.group).map(|a| clusterer.story_of(a)),
            Kind::New => None,
        };
        let assignment = clusterer.add_features_to(features, original);
        if verdict.kind == Kind::New {
            self.group_story.insert(verdict.group.clone(), assignment);
        }
        (assignment, original.is_some())
    }

    /// Groups whose story is known.
    pub fn groups(&self) -> usize {
        self.group_story.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_cluster::Config;
    use storyline_dedup::{DedupIndex, article_text};
    use storyline_doc::{Article, Provenance};

    fn article(name: &str, paragraphs: &[&str]) -> Article {
        Article::from_paragraphs(
            Provenance::new("test", None, name.as_bytes()),
            Default::default(),
            paragraphs.to_vec(),
        )
    }

    const FERRY: [&str; 3] = [
        "The harbour authority suspended the night ferry service after a storm damaged the main pier on Friday.",
        "Engineers inspected the pier over the weekend and said repairs would take at least three weeks.",
        "Passengers were offered seats on the morning boats, which the operator doubled for the period.",
    ];
    const ORCHESTRA: [&str; 3] = [
        "The city orchestra announced a season of free open-air concerts in the botanical garden this summer.",
        "The programme mixes symphonies with film music, and every concert starts at sunset.",
        "Tickets are not needed, but the organisers ask listeners to bring their own chairs.",
    ];

    #[test]
    fn a_copy_joins_its_originals_story_and_forgotten_groups_are_dropped() {
        let mut dedup =
            DedupIndex::new(storyline_dedup::Config { keep_articles: Some(2), ..Default::default() });
        let mut clusterer = Clusterer::new(Config::default());
        let mut rule = CopyRule::default();
        let mut place = |a: &Article| {
            let verdict = dedup.insert(a.id.clone(), &article_text(a), None);
            let features = clusterer.features_of(a);
            rule.assign(&mut clusterer, &verdict, &features)
        };
        let (first, copy) = place(&article("ferry", &FERRY));
        assert!(!copy);
        let (again, copy) = place(&article("ferry-copy", &[FERRY[0], FERRY[1], FERRY[2], "Advertisement"]));
        assert!(copy);
        assert_eq!(again.story, first.story);
        let (other, copy) = place(&article("orchestra", &ORCHESTRA));
        assert!(!copy);
        assert_ne!(other.story, first.story);
        // The cap of two made the index forget the ferry group, and the rule with it.
        place(&article("orchestra-copy", &[ORCHESTRA[0], ORCHESTRA[1], ORCHESTRA[2], "Read more"]));
        assert_eq!(rule.groups(), 1);
    }
}
