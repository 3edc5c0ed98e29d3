//! What an element's tag, `class`, `id`, `role` and `itemprop` say about its content.
//!
//! Class names are split into words (`article__related-links`, `relatedLinks` → `related`,
//! `links`) and the words matched against stems, so that one rule covers the many spellings
//! sites use.

use super::tag::Tag;
use super::tree::{Dom, NodeId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    /// Declared or named as the article's body.
    Content,
    /// Named as page furniture: navigation, sharing, related links, comments, ads, ...
    Boilerplate,
    /// Named with a word that often means furniture (`sidebar`, `author`, `meta`) but also
    /// shows up in the modifier classes of article containers (`has-sidebar`, `author-jane`).
    MaybeBoilerplate,
    /// Not shown to readers.
    Hidden,
}

pub fn hint(dom: &Dom, id: NodeId) -> Hint {
    let tag = dom.tag(id);
    let mut result = match tag {
        Tag::Nav | Tag::Footer | Tag::Aside | Tag::Menu => Hint::Boilerplate,
        _ => Hint::None,
    };
    for (name, value) in dom.attrs(id) {
        let h = match name.len() {
            2 if name.eq_ignore_ascii_case("id") => names(value),
            5 if name.eq_ignore_ascii_case("class") => names(value),
            4 if name.eq_ignore_ascii_case("role") => role(value),
            8 if name.eq_ignore_ascii_case("itemprop") => {
                if value.eq_ignore_ascii_case("articleBody") || value.eq_ignore_ascii_case("reviewBody") {
                    Hint::Content
                } else {
                    Hint::None
                }
            }
            6 if name.eq_ignore_ascii_case("hidden") => Hint::Hidden,
            5 if name.eq_ignore_ascii_case("style") => style(value),
            11 if name.eq_ignore_ascii_case("aria-hidden")
                && value.eq_ignore_ascii_case("true")
                && !tag.is_block() =>
            {
                Hint::Hidden
            }
            _ => Hint::None,
        };
        result = stronger(result, h);
        if result == Hint::Hidden {
            break;
        }
    }
    // Article and main elements carry their post's modifier classes (`tag-winter`,
    // `author-jane`, `has-sidebar`); such words do not make them furniture.
    if result == Hint::MaybeBoilerplate && matches!(tag, Tag::Article | Tag::Main | Tag::Body | Tag::Html) {
        return Hint::None;
    }
    result
}

fn stronger(a: Hint, b: Hint) -> Hint {
    let rank = |h| match h {
        Hint::None => 0,
        Hint::MaybeBoilerplate => 1,
        Hint::Boilerplate => 2,
        Hint::Content => 3,
        Hint::Hidden => 4,
    };
    if rank(b) > rank(a) { b } else { a }
}

fn role(value: &str) -> Hint {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar" | "dialog"
        | "alert" | "alertdialog" | "search" | "toolbar" | "tablist" => Hint::Boilerplate,
        "main" | "article" => Hint::Content,
        _ => Hint::None,
    }
}

fn style(value: &str) -> Hint {
    let compact: String =
        value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
    if compact.contains("display:none") || compact.contains("visibility:hidden") {
        Hint::Hidden
    } else {
        Hint::None
    }
}

/// Classifies a `class` or `id` value.
fn names(value: &str) -> Hint {
    let mut result = Hint::None;
    let mut words: Vec<String> = Vec::new();
    for class in value.split_ascii_whitespace() {
        if matches!(
            class.to_ascii_lowercase().as_str(),
            "hidden"
                | "hide"
                | "d-none"
                | "is-hidden"
                | "visually-hidden"
                | "visuallyhidden"
                | "sr-only"
                | "screen-reader-text"
                | "screenreader-only"
                | "invisible"
                | "element-invisible"
                | "offscreen"
        ) {
            return Hint::Hidden;
        }
        words.clear();
        split_words(class, &mut words);
        let h = classify_words(&words);
        result = stronger(result, h);
    }
    result
}

/// Splits a class name on punctuation, digits and lower-to-upper case changes, lower-cased.
fn split_words(name: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_ascii_lowercase();
            cur.push(c.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Stems that name furniture wherever they appear in a word.
#[rustfmt::skip]
const BOILERPLATE_STEMS: &[&str] = &[
    "comment", "related", "share", "sharing", "social", "newsletter", "subscri", "signup", "cookie",
    "consent", "gdpr", "advert", "sponsor", "promo", "recommend", "breadcrumb", "navbar", "navigation",
    "pagination", "pager", "trending", "popular", "outbrain", "taboola", "disqus", "caption", "byline",
    "toolbar", "masthead", "footer", "dropdown", "tooltip", "affiliate", "readmore", "morestories",
    "login", "jumplink",
];

/// Words that name furniture only as whole words (`ad` but not `head`).
#[rustfmt::skip]
const BOILERPLATE_WORDS: &[&str] =
    &["ad", "ads", "adv", "adslot", "dfp", "nav", "menu", "menus", "print", "skip", "timestamp", "dateline"];

/// Stems and words that name furniture but also appear in modifier classes.
const WEAK_STEMS: &[&str] = &["sidebar", "widget", "popup", "modal", "banner", "donat"];
#[rustfmt::skip]
const WEAK_WORDS: &[&str] = &[
    "tags", "tag", "topics", "share", "meta", "bio", "author", "authors", "credit", "credits", "rating",
    "ratings", "follow", "overlay", "keywords", "teasers", "next", "prev", "previous", "aside", "embed",
    "video", "gallery", "slideshow", "carousel", "player", "signature", "gpt",
];

const BODY_FIRST: &[&str] =
    &["article", "story", "entry", "post", "news", "blog", "body", "main", "text", "rich"];
const BODY_SECOND: &[&str] = &["body", "content", "text", "copy", "entry", "inner"];

fn classify_words(words: &[String]) -> Hint {
    let bodyish = words
        .windows(2)
        .any(|w| w[0] != w[1] && BODY_FIRST.contains(&w[0].as_str()) && BODY_SECOND.contains(&w[1].as_str()))
        || words.iter().any(|w| {
            matches!(
                w.as_str(),
                "articlebody" | "storybody" | "entrycontent" | "postcontent" | "prose" | "articletext"
            )
        });
    let furniture = words
        .iter()
        .any(|w| BOILERPLATE_WORDS.contains(&w.as_str()) || BOILERPLATE_STEMS.iter().any(|s| w.contains(s)));
    let weak =
        || words.iter().any(|w| WEAK_WORDS.contains(&w.as_str()) || WEAK_STEMS.iter().any(|s| w.contains(s)));
    match (bodyish, furniture) {
        (_, true) => Hint::Boilerplate,
        (true, false) => Hint::Content,
        (false, false) if weak() => Hint::MaybeBoilerplate,
        _ => Hint::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tree::ROOT;

    fn first_hint(html: &str) -> Hint {
        let dom = Dom::parse(html);
        let id = dom.children(ROOT).next().unwrap();
        hint(&dom, id)
    }

    #[test]
    fn class_words_in_any_spelling() {
        assert_eq!(first_hint(r#"<div class="article__related-links">"#), Hint::Boilerplate);
        assert_eq!(first_hint(r#"<div class="relatedStories">"#), Hint::Boilerplate);
        assert_eq!(first_hint(r#"<div id="ad-slot-3">"#), Hint::Boilerplate);
        assert_eq!(first_hint(r#"<div class="head">"#), Hint::None);
        assert_eq!(first_hint(r#"<div class="story-body">"#), Hint::Content);
        assert_eq!(first_hint(r#"<div class="articleBody">"#), Hint::Content);
        assert_eq!(first_hint(r#"<div itemprop="articleBody">"#), Hint::Content);
    }

    #[test]
    fn structure_role_and_visibility() {
        assert_eq!(first_hint("<nav>"), Hint::Boilerplate);
        assert_eq!(first_hint(r#"<div role="complementary">"#), Hint::Boilerplate);
        assert_eq!(first_hint(r#"<div style="display: none">"#), Hint::Hidden);
        assert_eq!(first_hint(r#"<div class="sr-only">"#), Hint::Hidden);
        assert_eq!(first_hint(r#"<div class="hidden-xs">"#), Hint::None);
        assert_eq!(first_hint("<p hidden>"), Hint::Hidden);
    }
}
