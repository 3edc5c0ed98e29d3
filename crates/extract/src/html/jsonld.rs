//! schema.org JSON-LD: the article object of a page, wherever it sits (top level, in an
//! array, in `@graph`, as `mainEntity`), and the fields extraction wants from it.

use serde_json::Value;

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LdArticle {
    pub headline: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
    pub body: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// How likely an object of this `@type` is to be the page's article (0: not at all).
fn article_rank(v: &Value) -> u8 {
    let rank = |t: &str| match t {
        "NewsArticle"
        | "ReportageNews"
        | "AnalysisNewsArticle"
        | "OpinionNewsArticle"
        | "BackgroundNewsArticle"
        | "ReviewNewsArticle"
        | "LiveBlogPosting" => 4,
        "Article" | "BlogPosting" | "SocialMediaPosting" | "TechArticle" | "ScholarlyArticle" | "Report"
        | "Review" | "Recipe" => 3,
        "WebPage" | "ItemPage" | "AboutPage" | "QAPage" => 1,
        _ => 0,
    };
    match v.get("@type") {
        Some(Value::String(t)) => rank(t.rsplit([':', '/']).next().unwrap_or(t)),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(rank).max().unwrap_or(0),
        _ => 0,
    }
}

/// Every object in a JSON-LD document, depth first.
fn objects<'v>(v: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| objects(i, out, depth + 1)),
        Value::Object(map) => {
            out.push(v);
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"] {
                if let Some(inner) = map.get(key) {
                    objects(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Parses the JSON-LD scripts of a page and merges what they say about the article, the most
/// article-like object first.
pub fn article(scripts: &[String]) -> Option<LdArticle> {
    let docs: Vec<Value> = scripts.iter().filter_map(|s| parse_lenient(s)).collect();
    let mut all = Vec::new();
    for d in &docs {
        objects(d, &mut all, 0);
    }
    let mut candidates: Vec<&Value> = all.into_iter().filter(|v| article_rank(v) > 0).collect();
    // Stable: among equals, document order.
    candidates.sort_by_key(|v| std::cmp::Reverse(article_rank(v)));
    if candidates.is_empty() {
        return None;
    }
    let mut out = LdArticle::default();
    for v in candidates {
        let s = |k: &str| text(v.get(k)?);
        out.headline =
            out.headline.or_else(|| s("headline")).or_else(|| (article_rank(v) > 1).then(|| s("name"))?);
        out.published = out.published.or_else(|| s("datePublished")).or_else(|| s("dateCreated"));
        out.modified = out.modified.or_else(|| s("dateModified"));
        if out.authors.is_empty() {
            out.authors = v.get("author").or_else(|| v.get("creator")).map(names).unwrap_or_default();
        }
        out.publisher =
            out.publisher.or_else(|| v.get("publisher").and_then(|p| names(p).into_iter().next()));
        out.description = out.description.or_else(|| s("description"));
        out.body = out.body.or_else(|| s("articleBody")).or_else(|| s("text"));
        out.url = out.url.or_else(|| s("url"));
        out.language = out.language.or_else(|| s("inLanguage"));
    }
    Some(out)
}

/// Some sites put raw newlines and tabs inside strings, or wrap the JSON in HTML comments.
fn parse_lenient(s: &str) -> Option<Value> {
    let t = s.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    serde_json::from_str(t).ok().or_else(|| {
        let cleaned: String = t.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        serde_json::from_str(&cleaned).ok()
    })
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(super::entity::decode(s.trim()).into_owned()).filter(|s| !s.is_empty()),
        Value::Array(items) => items.iter().find_map(text),
        Value::Object(o) => o.get("@value").or_else(|| o.get("name")).and_then(text),
        _ => None,
    }
}

/// Names of a person or organisation value: a string, an object with `name`, or an array.
fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Object(o) => o.get("name").and_then(text).into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_in_graph_with_author_array() {
        let ld = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"Example"},
            {"@type":"WebPage","name":"Page","datePublished":"2020-01-01"},
            {"@type":["NewsArticle"],"headline":"Big news","datePublished":"2022-01-06T10:00:00+06:00",
             "dateModified":"2022-01-07","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
             "publisher":{"@type":"Organization","name":"The Example Times"},"articleBody":"Body."}]}"#;
        let a = article(&[ld.to_string()]).unwrap();
        assert_eq!(a.headline.as_deref(), Some("Big news"));
        assert_eq!(a.published.as_deref(), Some("2022-01-06T10:00:00+06:00"));
        assert_eq!(a.modified.as_deref(), Some("2022-01-07"));
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.publisher.as_deref(), Some("The Example Times"));
        assert_eq!(a.body.as_deref(), Some("Body."));
    }

    #[test]
    fn top_level_array_and_string_author() {
        let ld = r#"[{"@type":"Organization","name":"Org"},{"@type":"BlogPosting","headline":"Post",
            "author":"Ann Lee","datePublished":"2021-03-03"}]"#;
        let a = article(&[ld.to_string()]).unwrap();
        assert_eq!(a.authors, ["Ann Lee"]);
        assert_eq!(a.published.as_deref(), Some("2021-03-03"));
    }

    #[test]
    fn raw_control_characters_and_garbage() {
        let ld = "{\"@type\":\"Article\",\"headline\":\"Line\nbreak\"}";
        assert_eq!(article(&[ld.to_string()]).unwrap().headline.as_deref(), Some("Line break"));
        assert_eq!(article(&["{not json".to_string()]), None);
        assert_eq!(article(&[r#"{"@type":"Organization","name":"x"}"#.to_string()]), None);
    }
}
