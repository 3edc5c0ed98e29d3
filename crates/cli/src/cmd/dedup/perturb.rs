//! Seeded edits that turn a real article into the kind of copy a republisher makes.

use super::corpus::{Doc, Source};
use storyline_analyse::{sentences::sentences, tokenize::tokenize};
use storyline_eval::extraction::shingles::SplitMix64;

/// One way of copying an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Perturbation {
    /// Same words; case of the headline, quotes, spacing and paragraph breaks changed.
    Reformat,
    DeleteSentence,
    DeleteParagraph,
    /// A paragraph of another article inserted somewhere.
    InsertParagraph,
    /// The paragraphs shuffled.
    ReorderParagraphs,
    /// The headline replaced by another article's (or one added).
    Headline,
    /// Two to four lines of page furniture ("Advertisement", "Read more") between paragraphs.
    Furniture,
    /// The last third of the words cut.
    Truncate,
    /// About one word in fifty replaced, dropped or doubled (at least one).
    WordEdits,
    /// Three of the edits above, drawn at random, one after the other.
    Mixed,
}

impl Perturbation {
    pub const ALL: [Perturbation; 10] = [
        Perturbation::Reformat,
        Perturbation::DeleteSentence,
        Perturbation::DeleteParagraph,
        Perturbation::InsertParagraph,
        Perturbation::ReorderParagraphs,
        Perturbation::Headline,
        Perturbation::Furniture,
        Perturbation::Truncate,
        Perturbation::WordEdits,
        Perturbation::Mixed,
    ];

    /// The edits [`Perturbation::Mixed`] draws from.
    const SINGLE: [Perturbation; 8] = [
        Perturbation::DeleteSentence,
        Perturbation::DeleteParagraph,
        Perturbation::InsertParagraph,
        Perturbation::ReorderParagraphs,
        Perturbation::Headline,
        Perturbation::Furniture,
        Perturbation::Truncate,
        Perturbation::WordEdits,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Perturbation::Reformat => "reformat",
            Perturbation::DeleteSentence => "delete-sentence",
            Perturbation::DeleteParagraph => "delete-paragraph",
            Perturbation::InsertParagraph => "insert-paragraph",
            Perturbation::ReorderParagraphs => "reorder-paragraphs",
            Perturbation::Headline => "headline",
            Perturbation::Furniture => "furniture",
            Perturbation::Truncate => "truncate-third",
            Perturbation::WordEdits => "word-edits",
            Perturbation::Mixed => "mixed",
        }
    }
}

/// Lines that pages put between paragraphs, invented for this evaluation.
const FURNITURE: &[&str] = &[
    "Advertisement",
    "Read more",
    "Share this article",
    "Subscribe to our newsletter",
    "Story continues below advertisement",
    "Sign up for our morning briefing",
    "Click here to comment",
    "Follow us on social media",
    "Related articles",
    "Photo: file picture",
];

/// `doc` copied with `edit`; `others` lends headlines, paragraphs and words.
pub fn apply(edit: Perturbation, doc: &Doc, others: &[Source], rng: &mut SplitMix64) -> Doc {
    let mut out = doc.clone();
    match edit {
        Perturbation::Reformat => reformat(&mut out),
        Perturbation::DeleteSentence => delete_sentence(&mut out, rng),
        Perturbation::DeleteParagraph => {
            if out.paragraphs.len() > 1 {
                let i = rng.below(out.paragraphs.len());
                out.paragraphs.remove(i);
            } else {
                delete_sentence(&mut out, rng);
            }
        }
        Perturbation::InsertParagraph => {
            let other = &others[rng.below(others.len())];
            let paragraph = other.paragraphs[rng.below(other.paragraphs.len())].clone();
            let at = rng.below(out.paragraphs.len() + 1);
            out.paragraphs.insert(at, paragraph);
        }
        Perturbation::ReorderParagraphs => {
            for i in (1..out.paragraphs.len()).rev() {
                out.paragraphs.swap(i, rng.below(i + 1));
            }
        }
        Perturbation::Headline => {
            let titled: Vec<&Source> = others.iter().filter(|s| s.title.is_some()).collect();
            if !titled.is_empty() {
                out.title = titled[rng.below(titled.len())].title.clone();
            }
        }
        Perturbation::Furniture => {
            for _ in 0..2 + rng.below(3) {
                let line = FURNITURE[rng.below(FURNITURE.len())].to_string();
                let at = rng.below(out.paragraphs.len() + 1);
                out.paragraphs.insert(at, line);
            }
        }
        Perturbation::Truncate => truncate(&mut out, 2, 3),
        Perturbation::WordEdits => word_edits(&mut out, others, rng),
        Perturbation::Mixed => {
            let mut drawn = Perturbation::SINGLE.to_vec();
            for _ in 0..3 {
                let e = drawn.swap_remove(rng.below(drawn.len()));
                out = apply(e, &out, others, rng);
            }
        }
    }
    out
}

fn reformat(doc: &mut Doc) {
    doc.title = doc.title.as_ref().map(|t| t.to_uppercase());
    let text = doc.paragraphs.join("\n").replace('"', "\u{201c}").replace(", ", " , ").replace(". ", ".  ");
    // One paragraph a line instead of blank lines between them: a CMS's other markup.
    doc.paragraphs = vec![text];
}

fn delete_sentence(doc: &mut Doc, rng: &mut SplitMix64) {
    let p = rng.below(doc.paragraphs.len());
    let paragraph = &doc.paragraphs[p];
    let spans = sentences(paragraph, &tokenize(paragraph));
    if spans.len() <= 1 {
        if doc.paragraphs.len() > 1 {
            doc.paragraphs.remove(p);
        }
        return;
    }
    let s = &spans[rng.below(spans.len())];
    let kept = format!("{}{}", &paragraph[..s.start], &paragraph[s.end..]);
    doc.paragraphs[p] = kept.split_whitespace().collect::<Vec<_>>().join(" ");
}

/// Keeps the first `keep/of` of the words, paragraphs kept whole up to the cut.
fn truncate(doc: &mut Doc, keep: usize, of: usize) {
    let total: usize = doc.paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    let mut budget = (total * keep).div_ceil(of).max(1);
    let mut kept = Vec::new();
    for p in &doc.paragraphs {
        if budget == 0 {
            break;
        }
        let words: Vec<&str> = p.split_whitespace().collect();
        let take = words.len().min(budget);
        budget -= take;
        kept.push(words[..take].join(" "));
    }
    doc.paragraphs = kept;
}

fn word_edits(doc: &mut Doc, others: &[Source], rng: &mut SplitMix64) {
    let mut paragraphs: Vec<Vec<String>> =
        doc.paragraphs.iter().map(|p| p.split_whitespace().map(str::to_string).collect()).collect();
    let total: usize = paragraphs.iter().map(Vec::len).sum();
    for _ in 0..(total / 50).max(1) {
        let p = rng.below(paragraphs.len());
        if paragraphs[p].is_empty() {
            continue;
        }
        let w = rng.below(paragraphs[p].len());
        match rng.below(3) {
            0 => paragraphs[p][w] = borrowed_word(others, rng),
            1 if paragraphs[p].len() > 1 => {
                paragraphs[p].remove(w);
            }
            _ => {
                let word = paragraphs[p][w].clone();
                paragraphs[p].insert(w, word);
            }
        }
    }
    doc.paragraphs = paragraphs.into_iter().map(|words| words.join(" ")).filter(|p| !p.is_empty()).collect();
}

fn borrowed_word(others: &[Source], rng: &mut SplitMix64) -> String {
    let other = &others[rng.below(others.len())];
    let paragraph = &other.paragraphs[rng.below(other.paragraphs.len())];
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    words.get(rng.below(words.len().max(1))).map_or_else(String::new, |w| w.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, title: Option<&str>, paragraphs: &[&str]) -> Source {
        Source {
            name: name.into(),
            title: title.map(str::to_string),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            story: None,
        }
    }

    fn sample() -> (Doc, Vec<Source>) {
        let doc = source(
            "a",
            Some("Council backs the bridge"),
            &[
                "The council voted on Tuesday. The bridge will cost more than planned.",
                "Supporters welcomed the vote. Opponents said they would appeal.",
                "Work starts in spring. It should end three years later.",
            ],
        )
        .doc();
        let others =
            vec![source("b", Some("Harvest starts early"), &["Growers began picking grapes in August."])];
        (doc, others)
    }

    #[test]
    fn every_edit_changes_the_text_and_is_reproducible() {
        let (doc, others) = sample();
        for edit in Perturbation::ALL {
            let once = apply(edit, &doc, &others, &mut SplitMix64::new(7));
            let again = apply(edit, &doc, &others, &mut SplitMix64::new(7));
            assert_eq!(once, again, "{}", edit.name());
            if edit != Perturbation::ReorderParagraphs {
                assert_ne!(once.text(), doc.text(), "{}", edit.name());
            }
        }
    }

    #[test]
    fn truncation_keeps_two_thirds_of_the_words() {
        let (doc, others) = sample();
        let cut = apply(Perturbation::Truncate, &doc, &others, &mut SplitMix64::new(1));
        let body = |d: &Doc| d.paragraphs.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
        assert_eq!(body(&cut), (body(&doc) * 2).div_ceil(3));
        assert!(doc.text().starts_with(&cut.text()));
    }

    #[test]
    fn a_deleted_sentence_leaves_the_others() {
        let (doc, others) = sample();
        let all = [
            "The council voted on Tuesday.",
            "The bridge will cost more than planned.",
            "Supporters welcomed the vote.",
            "Opponents said they would appeal.",
            "Work starts in spring.",
            "It should end three years later.",
        ];
        for seed in 0..8 {
            let text = apply(Perturbation::DeleteSentence, &doc, &others, &mut SplitMix64::new(seed)).text();
            assert_eq!(all.iter().filter(|s| !text.contains(*s)).count(), 1, "{text}");
        }
    }
}
