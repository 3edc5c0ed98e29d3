//! What an element's tag, `class`, `id`, `role` and `itemprop` say about its content.
//!
//! Class names are split into words (`article__related-links`, `relatedLinks` → `related`,
//! `links`) and the words matched against stems, so that one rule covers the many spellings
//! sites use.

use super::tag::Tag;
use super::tree::{Dom, NodeId};
use std::collections::HashMap;

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

/// Reads hints, remembering what each distinct `class` or `id` value said: pages repeat the
/// same few class lists on thousands of elements.
#[derive(Default)]
pub struct Hinter<'s> {
    names: HashMap<&'s str, Hint, Fnv>,
    words: Words,
}

impl<'s> Hinter<'s> {
    pub fn hint(&mut self, dom: &Dom<'s>, id: NodeId) -> Hint {
        let Hinter { names: cache, words } = self;
        hint_with(dom, id, &mut |value| *cache.entry(value).or_insert_with(|| names(value, words)))
    }
}

#[cfg(test)]
pub fn hint(dom: &Dom, id: NodeId) -> Hint {
    let mut words = Words::default();
    hint_with(dom, id, &mut |value| names(value, &mut words))
}

/// FNV-1a: the keys are short class names, for which SipHash's setup dominates.
#[derive(Default, Clone, Copy)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// What each distinct word of a class name means, worked out once per page.
#[derive(Default)]
struct Words(HashMap<String, u8, Fnv>);

const FURNITURE: u8 = 1;
const WEAK: u8 = 2;
const BODY_1ST: u8 = 4;
const BODY_2ND: u8 = 8;
const BODY: u8 = 16;

impl Words {
    fn flags(&mut self, w: &str) -> u8 {
        if let Some(&f) = self.0.get(w) {
            return f;
        }
        let f = word_flags(w);
        self.0.insert(w.to_string(), f);
        f
    }
}

fn word_flags(w: &str) -> u8 {
    let has_stem = |stems: &[&str]| stems.iter().any(|s| s.len() <= w.len() && w.contains(s));
    let mut f = 0;
    if BOILERPLATE_WORDS.contains(&w) || has_stem(BOILERPLATE_STEMS) {
        f |= FURNITURE;
    }
    if WEAK_WORDS.contains(&w) || has_stem(WEAK_STEMS) {
        f |= WEAK;
    }
    if BODY_FIRST.contains(&w) {
        f |= BODY_1ST;
    }
    if BODY_SECOND.contains(&w) {
        f |= BODY_2ND;
    }
    if matches!(w, "articlebody" | "storybody" | "entrycontent" | "postcontent" | "prose" | "articletext") {
        f |= BODY;
    }
    f
}

fn hint_with<'s>(dom: &Dom<'s>, id: NodeId, names: &mut dyn FnMut(&'s str) -> Hint) -> Hint {
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
fn names(value: &str, cache: &mut Words) -> Hint {
    let lower = value.to_ascii_lowercase();
    let orig = value.as_bytes();
    let mut result = Hint::None;
    let mut words: Vec<&str> = Vec::new();
    let mut start = 0;
    while start < orig.len() {
        let end = orig[start..].iter().position(u8::is_ascii_whitespace).map_or(orig.len(), |p| start + p);
        if end > start {
            let class = &lower[start..end];
            if matches!(
                class,
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
            split_words(&orig[start..end], &lower[start..end], &mut words);
            result = stronger(result, classify_words(&words, cache));
        }
        start = end + 1;
    }
    result
}

/// Splits a class name on punctuation, digits and lower-to-upper case changes; `lower` is the
/// name lower-cased (same byte offsets), from which the words are taken.
fn split_words<'a>(orig: &[u8], lower: &'a str, out: &mut Vec<&'a str>) {
    let mut word_start: Option<usize> = None;
    let mut prev_lower = false;
    for (i, &c) in orig.iter().enumerate() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase()
                && prev_lower
                && let Some(s) = word_start
            {
                out.push(&lower[s..i]);
                word_start = None;
            }
            if word_start.is_none() {
                word_start = Some(i);
            }
            prev_lower = c.is_ascii_lowercase();
        } else {
            prev_lower = false;
            if let Some(s) = word_start.take() {
                out.push(&lower[s..i]);
            }
        }
    }
    if let Some(s) = word_start {
        out.push(&lower[s..]);
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

fn classify_words(words: &[&str], cache: &mut Words) -> Hint {
    let flags: Vec<u8> = words.iter().map(|w| cache.flags(w)).collect();
    let bodyish = flags.iter().any(|f| f & BODY != 0)
        || words
            .windows(2)
            .zip(flags.windows(2))
            .any(|(w, f)| w[0] != w[1] && f[0] & BODY_1ST != 0 && f[1] & BODY_2ND != 0);
    let furniture = flags.iter().any(|f| f & FURNITURE != 0);
    let weak = flags.iter().any(|f| f & WEAK != 0);
    match (bodyish, furniture) {
        (_, true) => Hint::Boilerplate,
        (true, false) => Hint::Content,
        (false, false) if weak => Hint::MaybeBoilerplate,
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
