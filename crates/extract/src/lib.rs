//! The extract stage: from a [`RawDocument`] to an [`Article`] with title, paragraphs,
//! dates, authors, site, canonical URL and language.

pub mod dates;
pub mod html;
pub mod lang;
pub mod text;

pub use html::extract_html;
use std::fmt;
use storyline_doc::{Article, Body, DatedBy, Hints, MetaSource, Metadata, PartialDateTime, RawDocument};

/// What extraction finds in one page, before it becomes an [`Article`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    pub meta: Metadata,
    pub paragraphs: Vec<String>,
}

/// Extraction found no article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoText;

impl fmt::Display for NoText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("no article text found")
    }
}

impl std::error::Error for NoText {}

/// Extracts the plain-text article: paragraphs with the page furniture taken out.
pub fn extract_text(text: &str) -> Extracted {
    Extracted { meta: Metadata::default(), paragraphs: text::clean(text).paragraphs }
}

/// Extracts the article from a raw document of any body kind. What the container states
/// (its [`Hints`]) wins over what the body suggests; the language is identified from the text
/// and weighed against any declaration.
pub fn extract(raw: &RawDocument) -> Result<Article, NoText> {
    let found = match &raw.body {
        Body::Html(html) => extract_html(html, raw.hints.url.as_deref()),
        Body::Text(text) => extract_text(text),
    };
    if found.paragraphs.iter().all(|p| p.trim().is_empty()) {
        return Err(NoText);
    }
    let declared_language =
        raw.hints.language.clone().or_else(|| found.meta.language.as_ref().map(|l| l.code.clone()));
    let meta = merge(&raw.hints, found.meta);
    let mut article = Article::from_paragraphs(raw.provenance.clone(), meta, found.paragraphs);
    // Only the detector's sample of the text is copied, not the whole article.
    let sample = match &article.meta.title {
        Some(title) => format!("{title}\n\n{}", lang::sample(&article.text)),
        None => lang::sample(&article.text).to_string(),
    };
    article.meta.language = lang::identify(&sample, declared_language.as_deref());
    Ok(article)
}

fn merge(hints: &Hints, found: Metadata) -> Metadata {
    let container_date = |s: &Option<String>| {
        s.as_deref().and_then(|d| {
            PartialDateTime::parse_machine(d)
                .ok()
                .or_else(|| dates::find_in_text(d, false))
                .map(|date| DatedBy::new(date, MetaSource::Container))
        })
    };
    let text = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Metadata {
        title: text(&hints.title).or(found.title),
        published: container_date(&hints.published).or(found.published),
        modified: container_date(&hints.modified).or(found.modified),
        authors: if hints.authors.is_empty() { found.authors } else { hints.authors.clone() },
        site: text(&hints.site).or(found.site),
        url: text(&hints.url).or(found.url),
        canonical_url: found.canonical_url,
        language: None,
        description: text(&hints.description).or(found.description),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_doc::{Precision, Provenance};

    fn raw_text(text: &str, hints: Hints) -> RawDocument {
        RawDocument {
            provenance: Provenance::new("t.txt", None, text.as_bytes()),
            body: Body::Text(text.into()),
            hints,
        }
    }

    #[test]
    fn container_date_keeps_its_precision_and_source() {
        let hints = Hints { published: Some("2022-01".into()), ..Hints::default() };
        let a = extract(&raw_text("Une phrase complète sur les événements du jour.", hints)).unwrap();
        let published = a.meta.published.unwrap();
        assert_eq!(
            (published.date.to_string(), published.precision),
            ("2022-01".to_string(), Precision::Month)
        );
        assert_eq!(published.source, MetaSource::Container);
    }

    #[test]
    fn text_without_article_is_an_error() {
        assert_eq!(extract(&raw_text("Publicité\n\n03:06\n", Hints::default())), Err(NoText));
    }

    #[test]
    fn unparseable_container_date_is_dropped_not_invented() {
        let hints = Hints { published: Some("sometime last week".into()), ..Hints::default() };
        let a = extract(&raw_text("The council met again on Tuesday to vote.", hints)).unwrap();
        assert_eq!(a.meta.published, None);
    }
}
