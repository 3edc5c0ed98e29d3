//! The extractive summary: the story's most central sentences, without repeats, each cited.
//!
//! A sentence is a bag of the clusterer's features ([`storyline_cluster::features`]): stemmed
//! content words and Han bigrams, plus the anchors that survive translation (entity name
//! words, numbers), weighted by TF-IDF over the story's sentences. Centrality is the cosine
//! to the story's centroid; sentences are then picked by maximal marginal relevance (MMR), so
//! that a fact told by three outlets, or in two languages, sharing names and numbers, is told
//! once.

use serde::Serialize;
use std::collections::HashMap;
use storyline_cluster::vector::{cosine, normalise};
use storyline_cluster::{FoldedNameWords, features};
use storyline_doc::{Annotation, Article, Span};

/// How many sentences a summary holds at most.
pub const SUMMARY_SENTENCES: usize = 5;

/// Weight of centrality against redundancy in MMR.
const MMR_LAMBDA: f32 = 0.7;

/// A sentence this similar to one already picked says the same thing.
const REPEAT_SIMILARITY: f32 = 0.6;

/// Fewer words than this is a caption, a widget or a dateline, not a summary sentence.
const MIN_WORDS: usize = 8;
/// More than this is usually several sentences the splitter could not separate.
const MAX_WORDS: usize = 70;

/// One sentence of the summary and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummarySentence {
    pub text: String,
    pub article: String,
    pub outlet: String,
    /// Byte offsets over the article's text.
    pub span: Span,
    /// Cosine to the story's centroid.
    pub centrality: f32,
}

struct Candidate<'a> {
    article: &'a Article,
    span: Span,
    vector: Vec<(u64, f32)>,
}

/// Whether a sentence reads as running prose: enough words, and a sentence's last mark
/// (captions and headings seldom end with one).
fn is_prose(text: &str) -> bool {
    let words = text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    let last = text.trim_end().chars().last();
    (MIN_WORDS..=MAX_WORDS).contains(&words)
        && last.is_some_and(|c| matches!(c, '.' | '!' | '?' | '"' | '»' | '”' | '。' | '！' | '？'))
}

/// The features of one sentence, read as an article of its own (its entities shifted).
fn sentence_features(article: &Article, span: Span) -> Vec<(u64, f32)> {
    let shift = |a: &Annotation| Annotation {
        span: Span::new(a.span.start - span.start, a.span.end - span.start),
        label: a.label.clone(),
        value: serde_json::Value::Null,
    };
    let entities: Vec<Annotation> = article
        .layers
        .get("entities")
        .into_iter()
        .flatten()
        .filter(|e| span.start <= e.span.start && e.span.end <= span.end)
        .map(shift)
        .collect();
    let text = article.span_text(span).to_string();
    let whole = Span::new(0, text.len());
    let mut layers = std::collections::BTreeMap::new();
    layers.insert("entities".to_string(), entities);
    layers.insert(
        "sentences".to_string(),
        vec![Annotation { span: whole, label: "sentence".into(), value: serde_json::Value::Null }],
    );
    let one = Article {
        id: article.id.clone(),
        provenance: article.provenance.clone(),
        meta: storyline_doc::Metadata { language: article.meta.language.clone(), ..Default::default() },
        text,
        paragraphs: vec![whole],
        layers,
    };
    let f = features(&one, &FoldedNameWords);
    let mut v: Vec<(u64, f32)> = f.content.into_iter().chain(f.anchors).collect();
    v.sort_by_key(|&(k, _)| k);
    v
}

/// The summary of the articles (in the order given, which breaks ties), `outlet` naming
/// each article's outlet.
pub fn summarise(articles: &[&Article], outlet: impl Fn(&Article) -> String) -> Vec<SummarySentence> {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut seen_texts: Vec<String> = Vec::new();
    for &a in articles {
        for s in a.layers.get("sentences").into_iter().flatten() {
            let text = a.span_text(s.span);
            let normalised = text.split_whitespace().collect::<Vec<_>>().join(" ");
            // Wire copy republished word for word is one sentence, cited once.
            if !is_prose(text) || seen_texts.contains(&normalised) {
                continue;
            }
            seen_texts.push(normalised);
            let vector = sentence_features(a, s.span);
            if !vector.is_empty() {
                candidates.push(Candidate { article: a, span: s.span, vector });
            }
        }
    }
    if candidates.is_empty() {
        return Vec::new();
    }
    weigh(&mut candidates);
    let mut centroid: HashMap<u64, f32> = HashMap::new();
    for c in &candidates {
        for &(k, w) in &c.vector {
            *centroid.entry(k).or_insert(0.0) += w;
        }
    }
    let mut centroid: Vec<(u64, f32)> = centroid.into_iter().collect();
    centroid.sort_by_key(|&(k, _)| k);
    normalise(&mut centroid);
    let centrality: Vec<f32> = candidates.iter().map(|c| cosine(&c.vector, &centroid)).collect();
    let mut picked: Vec<usize> = Vec::new();
    while picked.len() < SUMMARY_SENTENCES {
        let mut best: Option<(usize, f32)> = None;
        for i in (0..candidates.len()).filter(|i| !picked.contains(i)) {
            let redundancy = picked
                .iter()
                .map(|&j| cosine(&candidates[i].vector, &candidates[j].vector))
                .fold(0.0, f32::max);
            if redundancy >= REPEAT_SIMILARITY {
                continue;
            }
            let score = MMR_LAMBDA * centrality[i] - (1.0 - MMR_LAMBDA) * redundancy;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        let Some((i, _)) = best else { break };
        picked.push(i);
    }
    picked
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            SummarySentence {
                text: c.article.span_text(c.span).split_whitespace().collect::<Vec<_>>().join(" "),
                article: c.article.id.clone(),
                outlet: outlet(c.article),
                span: c.span,
                centrality: (centrality[i] * 1000.0).round() / 1000.0,
            }
        })
        .collect()
}

/// Counts to TF-IDF weights over the candidates (smoothed IDF), each vector normalised.
fn weigh(candidates: &mut [Candidate]) {
    let mut df: HashMap<u64, f32> = HashMap::new();
    for c in candidates.iter() {
        for &(k, _) in &c.vector {
            *df.entry(k).or_insert(0.0) += 1.0;
        }
    }
    let n = candidates.len() as f32;
    for c in candidates.iter_mut() {
        for (k, w) in c.vector.iter_mut() {
            *w *= ((1.0 + n) / (1.0 + df[k])).ln() + 1.0;
        }
        normalise(&mut c.vector);
    }
}
