//! Article extraction from HTML pages: main text as paragraphs, and metadata.
//!
//! The page is tokenized and built into a compact arena tree in one pass ([`tree`]), its
//! visible text cut into blocks ([`blocks`]), the article's container found by scoring
//! ([`content`]), and the metadata read from meta tags, JSON-LD, markup and the URL.

mod blocks;
mod content;
mod entity;
mod hints;
mod jsonld;
mod meta;
mod tag;
mod tokenize;
mod tree;

use crate::Extracted;
#[cfg(test)]
use storyline_doc::MetaSource;
use tree::Dom;

/// Below this many characters, the strict reading of the page is taken to have missed the
/// article, and a relaxed one is tried.
const MIN_ARTICLE_CHARS: usize = 250;

/// Canonical composition, so that the same word is the same string whichever form the page
/// wrote it in; most text already is, and is left untouched.
fn nfc(s: &mut String) {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(s.chars()) != IsNormalized::Yes {
        *s = s.nfc().collect();
    }
}

fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(|p| p.chars().count()).sum()
}

/// Extracts the article of an HTML page. `url` helps with relative links and URL dates.
pub fn extract_html(html: &str, url: Option<&str>) -> Extracted {
    let dom = Dom::parse(html);
    let blocks = blocks::collect(&dom, true);
    let container = content::container(&dom, &blocks);
    let (meta, ld) = meta::metadata(&dom, url, &blocks, container);
    let title = meta.title.as_deref();
    let mut paragraphs = content::paragraphs(&dom, &blocks, container, title);
    // A short text in an element named as the article body is a short article, not a miss.
    if chars(&paragraphs) < MIN_ARTICLE_CHARS && !blocks.content_nodes.contains(&container) {
        let relaxed = blocks::collect(&dom, false);
        let container = content::container(&dom, &relaxed);
        let found = content::paragraphs(&dom, &relaxed, container, title);
        if chars(&found) > chars(&paragraphs) {
            paragraphs = found;
        }
    }
    // The JSON-LD copy of the text is clean but often cut short; it wins only when it holds
    // much more than the page's markup gave.
    if let Some(body) = ld.and_then(|l| l.body) {
        let from_ld: Vec<String> = body
            .split('\n')
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        if chars(&from_ld) > 2 * chars(&paragraphs) {
            paragraphs = from_ld;
        }
    }
    if paragraphs.is_empty()
        && let Some(d) = &meta.description
    {
        paragraphs.push(d.clone());
    }
    for p in &mut paragraphs {
        nfc(p);
    }
    Extracted { meta, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "The council voted on Tuesday to extend the state of emergency for two more weeks, \
        officials said after a long session that ran late into the night.";
    const P2: &str = "Protests continued in the capital, where thousands gathered in the main square \
        despite the curfew imposed by the authorities earlier in the week.";
    const P3: &str = "Opposition leaders called for new elections and said they would not negotiate \
        until the detained activists were released from custody.";

    fn page(body: &str) -> String {
        format!(
            r#"<!DOCTYPE html><html lang="en"><head><title>Emergency extended | Daily Example</title>
            <meta property="og:site_name" content="Daily Example"></head><body>{body}</body></html>"#
        )
    }

    #[test]
    fn boilerplate_around_and_inside_the_article_is_removed() {
        let html = page(&format!(
            r##"<div id="cookie-consent">We use cookies to improve your experience. Accept all cookies?</div>
            <header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
              <li><a href="/politics">Politics</a></li></ul></nav></header>
            <main><article>
              <h1>Emergency extended</h1>
              <div class="byline">By Jane Doe</div>
              <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
              <figure><img src="a.jpg"><figcaption>Protesters in the square. (Photo: Agency)</figcaption></figure>
              <p>{P1}</p>
              <div class="ad-slot">Advertisement</div>
              <h2>Protests continue</h2>
              <p>{P2}</p>
              <div class="newsletter-signup"><p>Get our morning briefing in your inbox every day, sign up now.</p></div>
              <p>{P3}</p>
              <aside class="related-articles"><h3>Related</h3><ul>
                <li><a href="/a">Government resigns amid protests over fuel prices in the region</a></li>
                <li><a href="/b">Internet cut across the country as unrest spreads to other cities</a></li></ul></aside>
            </article>
            <section id="comments"><h3>3 comments</h3><p>I think this is a terrible decision by the council and they should resign.</p></section>
            </main><footer><p>© 2022 Daily Example. All rights reserved.</p><a href="/about">About us</a></footer>"##
        ));
        let got = extract_html(&html, Some("https://daily.example/2022/01/06/emergency"));
        assert_eq!(got.paragraphs, [P1, "Protests continue", P2, P3]);
        assert_eq!(got.meta.title.as_deref(), Some("Emergency extended"));
        assert_eq!(got.meta.authors, ["Jane Doe"]);
        assert_eq!(got.meta.site.as_deref(), Some("Daily Example"));
        assert_eq!(
            got.meta.published.map(|d| (d.date.to_string(), d.source)),
            Some(("2022-01-06".into(), MetaSource::Url))
        );
        assert_eq!(got.meta.language.map(|l| l.code).as_deref(), Some("en"));
    }

    #[test]
    fn text_broken_by_line_breaks_in_divs_is_one_block_each() {
        let html = page(&format!(
            r#"<div class="menu"><a href="/">Home</a> | <a href="/x">News</a></div>
            <div class="text">{P1}<br><br>{P2}<br>{P3}</div>"#
        ));
        let got = extract_html(&html, None);
        assert_eq!(got.paragraphs, [format!("{P1}\n{P2}\n{P3}")]);
    }

    #[test]
    fn json_ld_body_stands_in_for_missing_markup_text() {
        let html = page(&format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","headline":"H",
            "articleBody":"{P1}\n{P2}"}}</script><div id="app"></div>"#
        ));
        assert_eq!(extract_html(&html, None).paragraphs, [P1, P2]);
    }

    #[test]
    fn description_stands_in_for_a_page_without_text() {
        let html = r#"<head><meta name="description" content="A short video about the vote."></head><body><div id="player"></div></body>"#;
        assert_eq!(extract_html(html, None).paragraphs, ["A short video about the vote."]);
    }

    #[test]
    fn labels_at_the_edges_and_furniture_headings_go_section_headings_stay() {
        let html = page(&format!(
            r#"<article><p>Updated</p><p>{P1}</p><h2>Part two</h2><h3>The vote</h3><p>{P2}</p><h2>Empty</h2>
            <h2>Part three</h2><p>{P3}</p><p>Tags</p><h2>More on this story</h2>
            <ul><li><a href="/a">Another story about the same topic here</a></li></ul></article>"#
        ));
        assert_eq!(extract_html(&html, None).paragraphs, [P1, "Part two", "The vote", P2, "Part three", P3]);
    }

    #[test]
    fn empty_and_garbage_input_give_no_text() {
        for html in ["", "<", "<html><body></body></html>", "&&&<<<>>>", "<!-- unterminated"] {
            assert!(extract_html(html, None).paragraphs.iter().all(|p| p.len() < 20), "{html}");
        }
    }
}
