//! The real texts the dedup evaluation and benchmark are built from.
//!
//! - ScrapingHub's hand-checked article bodies (`extraction/scrapinghub/ground-truth.json`),
//!   one paragraph a line; they have no title.
//! - MMDS2025's dev articles (`clustering/mmds2025/dev.json`): title and sentences. The set
//!   gives no paragraphs, so every three sentences make one; its gold event clusters say
//!   which articles are about the same event (label 166, "no cluster", is no story).

use anyhow::{Context as _, bail};
use serde_json::Value;
use std::path::Path;

/// The label MMDS2025 gives the articles that belong to no event cluster.
const NO_STORY: i64 = 166;
const SENTENCES_PER_PARAGRAPH: usize = 3;

/// One real article.
#[derive(Debug, Clone)]
pub struct Source {
    /// `scrapinghub/<id>` or `mmds2025/<ID>`.
    pub name: String,
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
    /// The gold event cluster, for MMDS2025 articles that have one.
    pub story: Option<i64>,
}

/// An article's text as the dedup stage gets it: the title, then the paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub title: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Doc {
    pub fn text(&self) -> String {
        let mut parts: Vec<&str> = self.title.iter().map(String::as_str).collect();
        parts.extend(self.paragraphs.iter().map(String::as_str));
        parts.join("\n\n")
    }

    pub fn words(&self) -> usize {
        self.title.iter().chain(&self.paragraphs).map(|p| p.split_whitespace().count()).sum()
    }
}

impl Source {
    pub fn doc(&self) -> Doc {
        Doc { title: self.title.clone(), paragraphs: self.paragraphs.clone() }
    }
}

/// Both sets from the data folder (`../shared/data` or a copy with the same layout).
pub fn load(data: &Path) -> anyhow::Result<Vec<Source>> {
    let mut sources = scrapinghub(&data.join("extraction/scrapinghub/ground-truth.json"))?;
    sources.extend(mmds(&data.join("clustering/mmds2025/dev.json"))?);
    Ok(sources)
}

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))
}

fn scrapinghub(path: &Path) -> anyhow::Result<Vec<Source>> {
    let Value::Object(entries) = read_json(path)? else { bail!("{}: not a JSON object", path.display()) };
    let mut out = Vec::new();
    for (id, entry) in entries {
        let body = entry.get("articleBody").and_then(Value::as_str).unwrap_or_default();
        let paragraphs: Vec<String> =
            body.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if !paragraphs.is_empty() {
            out.push(Source { name: format!("scrapinghub/{id}"), title: None, paragraphs, story: None });
        }
    }
    // serde_json's map is sorted by key: the order, and so every seeded draw, is stable.
    Ok(out)
}

fn mmds(path: &Path) -> anyhow::Result<Vec<Source>> {
    let data = read_json(path)?;
    let articles = data.get("articles").and_then(Value::as_array).context("mmds2025: no `articles`")?;
    let clusters = data.get("clusters").and_then(Value::as_array).context("mmds2025: no `clusters`")?;
    if articles.len() != clusters.len() {
        bail!("{}: {} articles but {} cluster labels", path.display(), articles.len(), clusters.len());
    }
    let mut out = Vec::new();
    for (article, label) in articles.iter().zip(clusters) {
        let id = article.get("ID").and_then(Value::as_i64).context("mmds2025: an article without ID")?;
        let sentences: Vec<&str> = article
            .get("sentences")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(|s| s.get("content")?.as_str()).map(str::trim).collect())
            .unwrap_or_default();
        let paragraphs: Vec<String> = sentences
            .chunks(SENTENCES_PER_PARAGRAPH)
            .map(|c| c.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        let title = article.get("title").and_then(Value::as_str).map(str::trim).filter(|t| !t.is_empty());
        let story = label.as_i64().filter(|&l| l != NO_STORY);
        out.push(Source {
            name: format!("mmds2025/{id}"),
            title: title.map(str::to_string),
            paragraphs,
            story,
        });
    }
    Ok(out)
}
