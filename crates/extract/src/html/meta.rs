//! Page metadata: title, dates, authors, site, canonical URL, description and declared
//! language, from meta tags, JSON-LD, microdata, `<time>`, bylines and the URL.

use super::blocks::Blocks;
use super::jsonld::{self, LdArticle};
use super::tag::Tag;
use super::tree::{Dom, NodeId};
use crate::dates;
use std::collections::HashMap;
use storyline_doc::{DatedBy, Language, MetaSource, Metadata, PartialDateTime};

/// What one scan of the tree found.
#[derive(Default)]
struct Found {
    /// `<meta>` values by lower-cased `name`, `property`, `itemprop` or `http-equiv`; first wins.
    metas: HashMap<String, String>,
    title: Option<String>,
    h1: Option<String>,
    canonical: Option<String>,
    html_lang: Option<String>,
    ld: Vec<String>,
    /// `<time datetime>` values, those marked as publication dates first.
    times: Vec<(bool, String)>,
    /// Microdata `itemprop` dates and authors found outside `<meta>`.
    item_published: Option<String>,
    item_modified: Option<String>,
    item_authors: Vec<String>,
    rel_authors: Vec<String>,
    bylines: Vec<String>,
}

fn scan(dom: &Dom) -> Found {
    let mut f = Found::default();
    for id in 1..dom.nodes.len() as NodeId {
        let tag = dom.tag(id);
        match tag {
            Tag::Text => continue,
            Tag::Meta => {
                let Some(content) = dom.attr(id, "content") else { continue };
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(k) = dom.attr_raw(id, key) {
                        f.metas
                            .entry(k.trim().to_ascii_lowercase())
                            .or_insert_with(|| content.trim().to_string());
                    }
                }
                continue;
            }
            Tag::Link => {
                if let Some(rel) = dom.attr_raw(id, "rel")
                    && rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical"))
                    && f.canonical.is_none()
                {
                    f.canonical = dom.attr(id, "href").map(|h| h.trim().to_string());
                }
                continue;
            }
            Tag::Script => {
                if dom
                    .attr_raw(id, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    f.ld.push(dom.text_content(id));
                }
                continue;
            }
            Tag::Title if f.title.is_none() => f.title = Some(clean(&dom.text_content(id))),
            Tag::H1 if f.h1.is_none() => f.h1 = Some(clean(&dom.text_content(id))).filter(|s| !s.is_empty()),
            Tag::Html if f.html_lang.is_none() => f.html_lang = dom.attr(id, "lang").map(|l| l.into_owned()),
            Tag::Time => {
                if let Some(dt) = dom.attr(id, "datetime") {
                    let marked = dom.attr_raw(id, "pubdate").is_some()
                        || dom
                            .attr_raw(id, "itemprop")
                            .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                        || dom.attr_raw(id, "class").is_some_and(|c| contains_ci(c, "publish"));
                    f.times.push((marked, dt.trim().to_string()));
                }
            }
            _ => {}
        }
        if let Some(prop) = dom.attr_raw(id, "itemprop") {
            let value = || {
                dom.attr(id, "content")
                    .or_else(|| dom.attr(id, "datetime"))
                    .map(|v| v.trim().to_string())
                    .unwrap_or_else(|| clean(&dom.text_content(id)))
            };
            if prop.eq_ignore_ascii_case("datePublished") && f.item_published.is_none() {
                f.item_published = Some(value());
            } else if prop.eq_ignore_ascii_case("dateModified") && f.item_modified.is_none() {
                f.item_modified = Some(value());
            } else if prop.eq_ignore_ascii_case("author") || prop.eq_ignore_ascii_case("creator") {
                f.item_authors.push(value());
            }
        }
        if dom.attr_raw(id, "rel").is_some_and(|r| r.eq_ignore_ascii_case("author")) && tag == Tag::A {
            f.rel_authors.push(clean(&dom.text_content(id)));
        }
        if f.bylines.len() < 3
            && dom
                .attr_raw(id, "class")
                .is_some_and(|c| contains_ci(c, "byline") || contains_ci(c, "author-name"))
        {
            let t = clean(&dom.text_content(id));
            if !t.is_empty() && t.len() < 200 {
                f.bylines.push(t);
            }
        }
    }
    f
}

fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Whitespace collapsed and trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads the page's metadata. `blocks` and `container` locate the article, near whose start a
/// date written in the text is looked for when nothing else dates the page.
pub fn metadata(
    dom: &Dom,
    url: Option<&str>,
    blocks: &Blocks,
    container: NodeId,
) -> (Metadata, Option<LdArticle>) {
    let f = scan(dom);
    let ld = jsonld::article(&f.ld);
    let m = |k: &str| f.metas.get(k).map(String::as_str).filter(|s| !s.is_empty());
    let first = |keys: &[&str]| keys.iter().find_map(|k| m(k));

    // Some sites put their address where their name belongs.
    let name_like = |s: &String| !s.contains("://") && !s.starts_with("www.");
    let site = m("og:site_name")
        .map(str::to_string)
        .filter(name_like)
        .or_else(|| ld.as_ref().and_then(|l| l.publisher.clone()).filter(name_like))
        .or_else(|| m("application-name").map(str::to_string).filter(name_like));
    let tidy = |t: &str| clean(&super::entity::decode(t));
    // Declared titles are headlines, at most followed by the site's name; the `<title>` also
    // carries section and site names around the headline, which only a guess can remove.
    let title = first(&["og:title", "twitter:title", "sailthru.title", "parsely-title", "dc.title"])
        .map(str::to_string)
        .or_else(|| ld.as_ref().and_then(|l| l.headline.clone()))
        .or_else(|| f.h1.clone())
        .map(|t| strip_known_site(&tidy(&t), site.as_deref()))
        .or_else(|| f.title.as_deref().map(|t| strip_site(&tidy(t), site.as_deref())))
        .filter(|t| !t.is_empty());

    let language =
        [f.html_lang.as_deref(), m("content-language"), m("og:locale"), m("language"), m("dc.language")]
            .into_iter()
            .flatten()
            .chain(ld.as_ref().and_then(|l| l.language.as_deref()))
            .find_map(language_code)
            .map(|code| Language { code, confidence: 1.0, source: MetaSource::MetaTag });

    let base = url;
    let canonical = f
        .canonical
        .as_deref()
        .or(m("og:url"))
        .and_then(|c| resolve(base, c))
        .or_else(|| ld.as_ref().and_then(|l| l.url.as_deref()).and_then(|c| resolve(base, c)));

    let description = first(&["og:description", "description", "twitter:description", "dc.description"])
        .map(clean)
        .or_else(|| ld.as_ref().and_then(|l| l.description.clone()));

    let month_first = language.as_ref().is_none_or(|l| l.code == "en");
    let published = published(&f, ld.as_ref(), url, month_first)
        .or_else(|| text_date(blocks, container, month_first).map(|d| DatedBy::new(d, MetaSource::Text)));
    let modified = modified(&f, ld.as_ref());

    let meta = Metadata {
        title,
        published,
        modified,
        authors: authors(&f, ld.as_ref()),
        site,
        url: url.map(str::to_string),
        canonical_url: canonical,
        language,
        description,
    };
    (meta, ld)
}

/// Meta keys for the first publication date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dcterms.issued",
    "dc.date.issued",
    "dcterms.created",
    "dc.date.created",
    "publish-date",
    "publish_date",
    "pubdate",
    "publishdate",
    "publication_date",
    "citation_publication_date",
    "og:published_time",
    "article.published",
    "date",
    "dc.date",
    "dcterms.date",
    "cxenseparse:recs:publishtime",
];
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "dcterms.modified",
    "dc.date.modified",
    "last-modified",
    "lastmod",
    "article.updated",
    "sailthru.lastmodified",
];

fn machine_date(s: &str, month_first: bool) -> Option<PartialDateTime> {
    let s = s.trim();
    PartialDateTime::parse_machine(s)
        .ok()
        .or_else(|| {
            // `2022-01-06T10:00:00.000+0000` and the like: keep the date when the time is odd.
            s.get(..10).and_then(|d| PartialDateTime::parse_iso(d).ok())
        })
        .or_else(|| dates::find_in_text(s, month_first))
        .filter(|d| (1990..=2100).contains(&d.year))
}

fn published(f: &Found, ld: Option<&LdArticle>, url: Option<&str>, month_first: bool) -> Option<DatedBy> {
    let meta = PUBLISHED_KEYS.iter().find_map(|k| f.metas.get(*k).and_then(|v| machine_date(v, month_first)));
    let json = ld.and_then(|l| l.published.as_deref()).and_then(|v| machine_date(v, month_first));
    let markup = f
        .item_published
        .as_deref()
        .and_then(|v| machine_date(v, month_first))
        .or_else(|| f.times.iter().filter(|t| t.0).find_map(|t| machine_date(&t.1, month_first)))
        .or_else(|| f.times.iter().find_map(|t| machine_date(&t.1, month_first)));
    let url_date = url.and_then(dates::from_url);
    meta.map(|d| DatedBy::new(d, MetaSource::MetaTag))
        .or_else(|| json.map(|d| DatedBy::new(d, MetaSource::JsonLd)))
        .or_else(|| markup.map(|d| DatedBy::new(d, MetaSource::Markup)))
        .or_else(|| url_date.map(|d| DatedBy::new(d, MetaSource::Url)))
}

fn modified(f: &Found, ld: Option<&LdArticle>) -> Option<DatedBy> {
    let meta = MODIFIED_KEYS.iter().find_map(|k| f.metas.get(*k).and_then(|v| machine_date(v, true)));
    let json = ld.and_then(|l| l.modified.as_deref()).and_then(|v| machine_date(v, true));
    let markup = f.item_modified.as_deref().and_then(|v| machine_date(v, true));
    meta.map(|d| DatedBy::new(d, MetaSource::MetaTag))
        .or_else(|| json.map(|d| DatedBy::new(d, MetaSource::JsonLd)))
        .or_else(|| markup.map(|d| DatedBy::new(d, MetaSource::Markup)))
}

/// How many blocks before the article's first one may hold its date line.
const DATE_LOOKBEHIND: usize = 20;
const DATE_LOOKAHEAD: usize = 5;
/// Longest block read for a date: a date line is short, a paragraph mentioning a date is not
/// the page's date.
const DATE_LINE_MAX_CHARS: u32 = 120;

fn text_date(blocks: &Blocks, container: NodeId, month_first: bool) -> Option<PartialDateTime> {
    let start = blocks.blocks.iter().position(|b| b.owner >= container).unwrap_or(0);
    let from = start.saturating_sub(DATE_LOOKBEHIND);
    let to = (start + DATE_LOOKAHEAD).min(blocks.blocks.len());
    blocks.blocks[from..to]
        .iter()
        .filter(|b| b.chars <= DATE_LINE_MAX_CHARS)
        .find_map(|b| dates::find_in_text(&b.text, month_first))
}

fn authors(f: &Found, ld: Option<&LdArticle>) -> Vec<String> {
    let meta_authors: Vec<String> =
        ["author", "parsely-author", "sailthru.author", "dc.creator", "article:author", "byl"]
            .iter()
            .filter_map(|k| f.metas.get(*k))
            .map(String::to_string)
            .collect();
    let sources: [Vec<String>; 5] = [
        ld.map(|l| l.authors.clone()).unwrap_or_default(),
        meta_authors,
        f.item_authors.clone(),
        f.rel_authors.clone(),
        f.bylines.clone(),
    ];
    for source in sources {
        let mut names: Vec<String> = Vec::new();
        for raw in &source {
            for name in split_names(raw) {
                if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                    names.push(name);
                }
            }
        }
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// Splits a byline into names: "By Jane Doe and John Roe", "Par Jean Dupont, AFP" ...
pub fn split_names(raw: &str) -> Vec<String> {
    let s = clean(&super::entity::decode(raw));
    if s.contains("://") || s.starts_with("www.") {
        return Vec::new();
    }
    let lower = s.to_lowercase();
    let mut rest = s.as_str();
    for prefix in
        ["by ", "par ", "von ", "por ", "di ", "door ", "written by ", "author: ", "auteur : ", "autor: "]
    {
        if lower.starts_with(prefix) {
            rest = &s[prefix.len()..];
            break;
        }
    }
    let mut out = Vec::new();
    for part in rest.split([',', ';', '|', '&', '/']) {
        for name in split_words_ci(part, &[" and ", " et ", " und ", " y ", " e "]) {
            let name = name.trim().trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let words = name.split_whitespace().count();
            let plausible = (1..=5).contains(&words)
                && name.chars().count() <= 60
                && !name.chars().any(|c| c.is_ascii_digit() || c == '@')
                && name.chars().next().is_some_and(char::is_alphabetic);
            if plausible {
                out.push(name.to_string());
            }
        }
    }
    out
}

fn split_words_ci<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let lower = s.to_lowercase();
    if lower.len() != s.len() {
        return vec![s];
    }
    let mut out = Vec::new();
    let mut last = 0;
    let mut i = 0;
    while i < s.len() {
        if let Some(sep) = seps.iter().find(|sep| lower[i..].starts_with(**sep)) {
            out.push(&s[last..i]);
            i += sep.len();
            last = i;
        } else {
            i += lower[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push(&s[last..]);
    out
}

/// Separators between a headline and the site's name in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "];

/// The title without the site's name, when that is known and appended or prepended.
fn strip_known_site(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site.filter(|s| !s.is_empty() && s.len() < title.len()) {
        for sep in TITLE_SEPARATORS {
            if let Some(t) = title.strip_suffix(site).and_then(|t| t.strip_suffix(sep)) {
                return t.trim().to_string();
            }
            if let Some(t) = title.strip_prefix(site).and_then(|t| t.strip_prefix(sep)) {
                return t.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The `<title>` without the site (and section) names that pages append or prepend.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let known = strip_known_site(title, site);
    if known != title {
        return known;
    }
    for sep in TITLE_SEPARATORS {
        let parts: Vec<&str> = title.split(sep).collect();
        if parts.len() >= 2 {
            // The headline is the long part; a site name is short.
            let first = parts[0].trim();
            let last = parts[parts.len() - 1].trim();
            if last.len() <= first.len() && last.split_whitespace().count() <= 4 {
                return parts[..parts.len() - 1].join(sep).trim().to_string();
            }
            if parts.len() == 2 && 2 * first.len() <= last.len() && first.split_whitespace().count() <= 3 {
                return last.to_string();
            }
        }
    }
    title.to_string()
}

/// `fr-FR`, `fr_FR`, `FR` → `fr`; anything that is not a language code → `None`.
fn language_code(s: &str) -> Option<String> {
    let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (matches!(primary.len(), 2 | 3) && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// Resolves `href` against `base`, for the absolute, scheme-relative, root-relative and
/// relative forms pages use.
fn resolve(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if let Some((scheme, _)) = href.split_once("://")
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let (host, path) = rest.find('/').map_or((rest, "/"), |i| (&rest[..i], &rest[i..]));
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    if href.starts_with('/') {
        return Some(format!("{scheme}://{host}{href}"));
    }
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    Some(format!("{scheme}://{host}{dir}{href}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::{blocks, content};
    use storyline_doc::Precision;

    fn meta_of(html: &str, url: Option<&str>) -> Metadata {
        let dom = Dom::parse(html);
        let b = blocks::collect(&dom, true);
        let c = content::container(&dom, &b);
        metadata(&dom, url, &b, c).0
    }

    #[test]
    fn meta_tags() {
        let html = r#"<html lang="fr-FR"><head><title>Le titre - Le Journal</title>
            <meta property="og:title" content="Le titre">
            <meta property="og:site_name" content="Le Journal">
            <meta property="article:published_time" content="2022-01-06T14:30:00+06:00">
            <meta property="article:modified_time" content="2022-01-07">
            <meta name="author" content="Par Jean Dupont et Marie Curie">
            <meta name="description" content="Résumé &amp; plus.">
            <link rel="canonical" href="/2022/01/06/le-titre"></head><body><p>Texte.</p></body></html>"#;
        let m = meta_of(html, Some("https://journal.example/a/b?x=1"));
        assert_eq!(m.title.as_deref(), Some("Le titre"));
        assert_eq!(m.site.as_deref(), Some("Le Journal"));
        let p = m.published.unwrap();
        assert_eq!(
            (p.date.to_string().as_str(), p.precision, p.source),
            ("2022-01-06T14:30+06:00", Precision::Minute, MetaSource::MetaTag)
        );
        let md = m.modified.unwrap();
        assert_eq!((md.date.to_string().as_str(), md.source), ("2022-01-07", MetaSource::MetaTag));
        assert_eq!(m.authors, ["Jean Dupont", "Marie Curie"]);
        assert_eq!(m.description.as_deref(), Some("Résumé & plus."));
        assert_eq!(m.canonical_url.as_deref(), Some("https://journal.example/2022/01/06/le-titre"));
        assert_eq!(
            m.language,
            Some(Language { code: "fr".into(), confidence: 1.0, source: MetaSource::MetaTag })
        );
    }

    #[test]
    fn json_ld_dates_authors_and_publisher() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"H",
            "datePublished":"2021-03-03T08:00:00Z","dateModified":"2021-03-04T08:00:00Z",
            "author":{"@type":"Person","name":"Ann Lee"},"publisher":{"name":"Daily"}}]}</script><p>x</p>"#;
        let m = meta_of(html, None);
        assert_eq!(m.title.as_deref(), Some("H"));
        assert_eq!(m.published.as_ref().map(|d| &d.source), Some(&MetaSource::JsonLd));
        assert_eq!(m.published.unwrap().date.to_string(), "2021-03-03T08:00Z");
        assert_eq!(m.modified.unwrap().date.to_string(), "2021-03-04T08:00Z");
        assert_eq!(m.authors, ["Ann Lee"]);
        assert_eq!(m.site.as_deref(), Some("Daily"));
    }

    #[test]
    fn time_element_and_byline() {
        let html = r#"<title>Story | Site</title><h1>Story</h1><div class="byline">By Jane Doe</div>
            <time datetime="2020-05-01T09:00">May 1</time><p>Text of the story.</p>"#;
        let m = meta_of(html, None);
        assert_eq!(m.published.as_ref().map(|d| &d.source), Some(&MetaSource::Markup));
        assert_eq!(m.published.unwrap().date.to_string(), "2020-05-01T09:00");
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.title.as_deref(), Some("Story"));
        assert_eq!(m.modified, None);
    }

    #[test]
    fn itemprop_dates_are_markup() {
        let html = r#"<span itemprop="datePublished" content="2019-02-03">3 Feb</span>
            <span itemprop="dateModified">2019-02-04</span><p>t</p>"#;
        let m = meta_of(html, None);
        assert_eq!(
            m.published.unwrap(),
            DatedBy::new(PartialDateTime::day(2019, 2, 3).unwrap(), MetaSource::Markup)
        );
        assert_eq!(m.modified.unwrap().date.to_string(), "2019-02-04");
    }

    #[test]
    fn url_date_then_text_date() {
        let m = meta_of("<p>Body text.</p>", Some("https://x.example/2022/01/06/story"));
        assert_eq!(
            m.published.unwrap(),
            DatedBy::new(PartialDateTime::day(2022, 1, 6).unwrap(), MetaSource::Url)
        );
        let html = "<div class=top>Publié le 6 janvier 2022</div><article><p>Le texte de l'article, assez long pour compter.</p></article>";
        let m = meta_of(html, Some("https://x.example/story"));
        assert_eq!(
            m.published.unwrap(),
            DatedBy::new(PartialDateTime::day(2022, 1, 6).unwrap(), MetaSource::Text)
        );
    }

    #[test]
    fn title_without_site_suffix() {
        assert_eq!(strip_site("Big story - The Times", None), "Big story");
        assert_eq!(strip_site("Site | A much longer headline here", None), "A much longer headline here");
        assert_eq!(strip_site("Big story | Section | The Site", Some("The Site")), "Big story | Section");
        assert_eq!(strip_site("No separator", None), "No separator");
        assert_eq!(
            strip_site("Minions mit Schablonen malen – mit bunter Farbe", None),
            "Minions mit Schablonen malen"
        );
        assert_eq!(strip_known_site("Headline – with a dash | Site", Some("Site")), "Headline – with a dash");
        assert_eq!(strip_known_site("Headline – with a dash", Some("Site")), "Headline – with a dash");
    }

    #[test]
    fn names_from_bylines() {
        assert_eq!(split_names("By Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(split_names("https://facebook.com/someone"), Vec::<String>::new());
        assert_eq!(split_names("Von Max Mustermann, dpa"), ["Max Mustermann", "dpa"]);
    }

    #[test]
    fn resolving_links() {
        assert_eq!(resolve(Some("https://a.b/x/y.html"), "z.html").as_deref(), Some("https://a.b/x/z.html"));
        assert_eq!(resolve(Some("https://a.b/x/y"), "//c.d/e").as_deref(), Some("https://c.d/e"));
        assert_eq!(resolve(None, "https://c.d/e").as_deref(), Some("https://c.d/e"));
        assert_eq!(resolve(None, "/e"), None);
    }
}
