//! The reconcile stage: a story's event mentions, from different articles, aligned into
//! *happenings* ([`align`] documents the rule), and each happening's figures compared across
//! sources ([`claims`]): who said what (outlet, cited source, relays, hedges), whether the
//! sources agree, refine one another, disagree or stand alone, and the headline figure by
//! ACLED's conservative rule with every figure kept beside it.
//!
//! Pure functions over analysed [`Article`]s: the `events` layer (with its copies of the
//! sentence's `quantities`), `attributions`, `timex`, `sentences` and the metadata.

pub mod align;
pub mod claims;
pub mod dates;

#[cfg(test)]
mod tests;

pub use align::{EventMention, family};
pub use claims::{Claim, ClaimKind, Comparison, Headline, Source, Verdict};
pub use dates::{DateSource, Dated};

use serde::Serialize;
use serde_json::Value;
use storyline_doc::Article;

/// One real-world happening as the story's articles report it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Happening {
    /// 1-based, in the order the happenings were found.
    pub id: usize,
    pub family: String,
    /// The sub-type most of its mentions have (the first one's on a tie), with its type and
    /// ACLED name.
    pub sub_type: String,
    pub event_type: String,
    pub acled: String,
    /// Its finest text date, else its first mention's publication date.
    pub date: Option<Dated>,
    /// Place and actor names as first written, one per folded name.
    pub places: Vec<String>,
    pub actors: Vec<String>,
    pub mentions: Vec<EventMention>,
    pub claims: Vec<Claim>,
    pub comparisons: Vec<Comparison>,
}

impl Happening {
    /// The distinct outlets that report it, in order of first mention.
    pub fn outlets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in &self.mentions {
            if !out.contains(&m.outlet.as_str()) {
                out.push(&m.outlet);
            }
        }
        out
    }
}

/// Who published an article, as readers know it: the site it names, else its URL's host,
/// else the name of the file it came alone in, else the article itself (`article ID`), so
/// that two articles of unknown origin never pass for one outlet.
pub fn outlet(article: &Article) -> String {
    if let Some(site) = article.meta.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return site.to_string();
    }
    let url = article.meta.canonical_url.as_deref().or(article.meta.url.as_deref());
    if let Some(host) = url.and_then(url_host) {
        return host.to_string();
    }
    let source = &article.provenance.source;
    let single_file = article.provenance.position.is_none() && !source.contains("://") && source != "-";
    if single_file && let Some(name) = source.rsplit(['/', '\\']).next().filter(|n| !n.is_empty()) {
        return name.to_string();
    }
    format!("article {}", article.id)
}

fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The order a story's articles are read in: by publication date (undated first), then id,
/// so that the result does not depend on the order they were ingested in.
pub fn story_order(articles: &[Article]) -> Vec<&Article> {
    let mut out: Vec<&Article> = articles.iter().collect();
    out.sort_by_cached_key(|a| (a.meta.published.as_ref().map(|p| p.date.to_string()), a.id.clone()));
    out
}

/// The event mentions of an article, in text order; a mention only demanded, threatened or
/// planned is left out, since it did not happen.
pub fn event_mentions(article: &Article) -> Vec<(EventMention, Value)> {
    let sentences = article.layers.get("sentences").map(Vec::as_slice).unwrap_or_default();
    let outlet = outlet(article);
    let names = |v: &Value, side: Option<&str>| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter(|x| side.is_none_or(|s| x["side"].as_str() == Some(s)))
            .filter_map(|x| x["text"].as_str().map(str::to_string))
            .collect()
    };
    let mut out = Vec::new();
    for e in article.layers.get("events").into_iter().flatten() {
        let v = &e.value;
        let non_empty = |key: &str| v[key].as_array().is_some_and(|a| !a.is_empty());
        if non_empty("irrealis") {
            continue;
        }
        let Some(sentence) = v["sentence"].as_u64().map(|n| n as usize) else { continue };
        let sentence_span = sentences.get(sentence).map_or(e.span, |s| s.span);
        let mention = EventMention {
            article: article.id.clone(),
            outlet: outlet.clone(),
            sentence,
            sentence_span,
            text: article.span_text(sentence_span).to_string(),
            trigger: v["trigger"].as_str().unwrap_or_default().to_string(),
            sub_type: e.label.clone(),
            event_type: v["type"].as_str().unwrap_or_default().to_string(),
            acled: v["acled"].as_str().unwrap_or_default().to_string(),
            date: dates::mention_date(article, sentence_span),
            places: names(&v["places"], None),
            actors: names(&v["actors"], Some("subject")),
            hedged: non_empty("hedged"),
            irrealis: false,
        };
        out.push((mention, v.clone()));
    }
    out
}

/// The story's happenings, with their claims compared.
pub fn reconcile(articles: &[Article]) -> Vec<Happening> {
    let mut mentions = Vec::new();
    let mut claims_per_mention = Vec::new();
    for article in story_order(articles) {
        for (mention, value) in event_mentions(article) {
            let source = Source { article: article.id.clone(), outlet: mention.outlet.clone() };
            claims_per_mention.push(claims::claims_of(article, &value, mention.sentence_span, &source));
            mentions.push(mention);
        }
    }
    let mut happenings: Vec<Happening> = align::align(&mentions)
        .into_iter()
        .enumerate()
        .map(|(n, group)| {
            let members: Vec<&EventMention> = group.mentions.iter().map(|&i| &mentions[i]).collect();
            let claims: Vec<Claim> =
                group.mentions.iter().flat_map(|&i| claims_per_mention[i].iter().cloned()).collect();
            let typical = most_common_sub_type(&members);
            Happening {
                id: n + 1,
                family: group.family,
                sub_type: typical.sub_type.clone(),
                event_type: typical.event_type.clone(),
                acled: typical.acled.clone(),
                date: group.date,
                places: first_forms(members.iter().flat_map(|m| &m.places)),
                actors: first_forms(members.iter().flat_map(|m| &m.actors)),
                comparisons: claims::compare(&claims),
                claims,
                mentions: members.into_iter().cloned().collect(),
            }
        })
        .collect();
    compare_absences_across_happenings(&mut happenings);
    happenings
}

/// A stated lack of figures ("no immediate casualty figure") speaks of the story's toll, not
/// only of the sentence it stands in, which alignment may have put in a happening of its own.
/// When it is alone there, it moves to the happening of the same family, in its time window,
/// where another outlet gives figures it covers (the one with most such figures; the first
/// on a tie), so that the reader sees the figures and the lack of them side by side.
fn compare_absences_across_happenings(happenings: &mut [Happening]) {
    for from in 0..happenings.len() {
        let lone_absences: Vec<usize> = happenings[from]
            .comparisons
            .iter()
            .filter(|c| c.verdict == Verdict::SingleSource && c.headline.is_none())
            .flat_map(|c| c.claims.iter().copied())
            .collect();
        for i in lone_absences.into_iter().rev() {
            let claim = happenings[from].claims[i].clone();
            // The claim's own sentence dates it (a publication date covers the days before it).
            let date = happenings[from]
                .mentions
                .iter()
                .find(|m| {
                    m.article == claim.source.article
                        && m.sentence_span.start <= claim.span.start
                        && claim.span.end <= m.sentence_span.end
                })
                .and_then(|m| m.date)
                .or(happenings[from].date);
            let family = happenings[from].family.clone();
            let covered = |h: &Happening| {
                h.claims
                    .iter()
                    .filter(|c| {
                        c.kind == ClaimKind::Figure
                            && c.source.outlet != claim.source.outlet
                            && claims::covers(&claim.measure, &c.measure)
                    })
                    .count()
            };
            let target = (0..happenings.len())
                .filter(|&k| k != from)
                .filter(|&k| happenings[k].family == family)
                .filter(|&k| dates::compatible(date.as_ref(), happenings[k].date.as_ref()))
                .filter(|&k| covered(&happenings[k]) > 0)
                .rev()
                .max_by_key(|&k| covered(&happenings[k]));
            let Some(to) = target else { continue };
            happenings[from].claims.remove(i);
            happenings[from].comparisons = claims::compare(&happenings[from].claims);
            happenings[to].claims.push(claim);
            happenings[to].comparisons = claims::compare(&happenings[to].claims);
        }
    }
}

fn most_common_sub_type<'a>(members: &[&'a EventMention]) -> &'a EventMention {
    let count = |s: &str| members.iter().filter(|m| m.sub_type == s).count();
    let mut best = members[0];
    for m in members {
        if count(&m.sub_type) > count(&best.sub_type) {
            best = m;
        }
    }
    best
}

/// Names as first written, one per folded form.
fn first_forms<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for n in names {
        let key = storyline_geo::fold(n);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(n.clone());
        }
    }
    out
}
