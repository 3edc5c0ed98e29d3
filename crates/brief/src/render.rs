//! A brief as Markdown, JSON or one self-contained HTML page.

use crate::headline::capitalised;
use crate::timeline::verdict_word;
use crate::{Brief, ClaimRow, Figures};
use std::fmt::Write;
use storyline_reconcile::{ClaimKind, Verdict};

/// Pretty-printed JSON of the [`Brief`].
pub fn json(brief: &Brief) -> String {
    serde_json::to_string_pretty(brief).unwrap_or_default()
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") }
}

/// `20` or `20–99` or `15+`.
pub fn range(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => number(a),
        (Some(a), Some(b)) => format!("{}–{}", number(a), number(b)),
        (Some(a), None) => format!("{}+", number(a)),
        _ => String::new(),
    }
}

fn claim_words(c: &ClaimRow) -> String {
    let what = match c.kind {
        ClaimKind::Figure => format!("{} ({})", range(c.min, c.max), c.text),
        ClaimKind::NoFigure => format!("no figure: “{}”", c.text),
        ClaimKind::NoneOccurred => format!("none: “{}”", c.text),
    };
    let mut who = c.outlet.clone();
    if let Some(cited) = &c.cited {
        write!(who, ", citing {cited}").ok();
    }
    if !c.via.is_empty() {
        write!(who, " via {}", c.via.join(", ")).ok();
    }
    let hedged = if c.hedged { " (hedged)" } else { "" };
    format!("{what}{hedged}: {who}")
}

/// A citation: the outlet and the article, once when the outlet is only the article's name.
fn citation(outlet: &str, article: &str) -> String {
    if outlet.ends_with(article) { outlet.to_string() } else { format!("{outlet} · {article}") }
}

/// ACLED's sub-type name, or ours for the events ACLED does not code.
fn event_words(acled: &str, sub_type: &str) -> String {
    // ACLED files the product's strategic developments (a state of emergency, a resignation,
    // an internet shutdown, a price rise) under broad sub-types; the reader wants ours.
    let ours = sub_type.replace('_', " ");
    if acled.starts_with('(') || acled.replace('/', " ").eq_ignore_ascii_case(&ours) {
        return capitalised(&ours);
    }
    if matches!(acled, "Other" | "Change to group/activity") {
        return format!("{} ({acled})", capitalised(&ours));
    }
    acled.to_string()
}

fn measure_words(f: &Figures) -> String {
    match &f.group {
        Some(g) => format!("{} ({})", f.measure, g.replace('_', " ")),
        None => f.measure.clone(),
    }
}

fn headline_figure(f: &Figures) -> String {
    f.headline.map_or_else(
        || "—".to_string(),
        |h| format!("{} (range {})", number(h.value), range(Some(h.min), h.max)),
    )
}

/// Markdown table cells hold no pipes or line breaks.
fn cell(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

pub fn markdown(b: &Brief) -> String {
    let mut o = String::new();
    writeln!(o, "# {}\n", b.headline.text).ok();
    writeln!(o, "Story {} · {} articles\n", b.story, b.sources.len()).ok();
    writeln!(o, "## Summary\n").ok();
    for s in &b.summary {
        writeln!(o, "- {} [{}]", s.text, citation(&s.outlet, &s.article)).ok();
    }
    writeln!(o, "\n## Timeline\n").ok();
    writeln!(o, "| id | date | dated by | event | what was reported | places | sources |").ok();
    writeln!(o, "|---|---|---|---|---|---|---|").ok();
    for e in &b.timeline {
        let places: Vec<&str> = e.places.iter().map(|p| p.name.as_str()).collect();
        let sources: Vec<&str> = e.sources.iter().map(|s| s.outlet.as_str()).collect();
        writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} | {} |",
            e.id,
            e.date.as_deref().unwrap_or("undated"),
            format!("{:?}", e.dating).to_lowercase(),
            cell(&event_words(&e.acled, &e.sub_type)),
            cell(&e.text),
            cell(&places.join(", ")),
            cell(&sources.join(", "))
        )
        .ok();
    }
    writeln!(o, "\n## Disagreements\n").ok();
    if b.disagreements.is_empty() {
        writeln!(o, "No disagreement found between sources.").ok();
    }
    for f in &b.disagreements {
        writeln!(o, "- **{} {}** — headline figure {}:", f.event, measure_words(f), headline_figure(f)).ok();
        for c in &f.claims {
            writeln!(o, "  - {}", claim_words(c)).ok();
        }
    }
    let others: Vec<&Figures> = b.figures.iter().filter(|f| f.verdict != Verdict::Disagree).collect();
    if !others.is_empty() {
        writeln!(o, "\n## Other figures\n").ok();
        for f in others {
            let claims: Vec<String> = f.claims.iter().map(claim_words).collect();
            writeln!(
                o,
                "- {} {}: {}; {} — {}",
                f.event,
                measure_words(f),
                headline_figure(f),
                verdict_word(f.verdict),
                claims.join("; ")
            )
            .ok();
        }
    }
    writeln!(o, "\n## Key entities\n").ok();
    for e in &b.entities {
        let others: Vec<&str> = e.variants.keys().filter(|v| **v != e.name).map(String::as_str).collect();
        let others =
            if others.is_empty() { String::new() } else { format!(" (also: {})", others.join(", ")) };
        writeln!(o, "- {} — {}, {} mentions in {} articles{others}", e.name, e.kind, e.mentions, e.articles)
            .ok();
    }
    writeln!(o, "\n## Places\n").ok();
    writeln!(o, "| place | gazetteer | country | lat | lon | precision |").ok();
    writeln!(o, "|---|---|---|---|---|---|").ok();
    for p in &b.places {
        writeln!(
            o,
            "| {} | {} | {} | {:.3} | {:.3} | {} |",
            cell(&p.name),
            cell(&p.gazetteer_name),
            p.country,
            p.lat,
            p.lon,
            p.precision
        )
        .ok();
    }
    writeln!(o, "\n## Sources\n").ok();
    for s in &b.sources {
        let date = match (&s.published, &s.dated_by) {
            (Some(d), Some(by)) => format!("{d} ({by})"),
            (Some(d), None) => d.clone(),
            _ => "undated".to_string(),
        };
        let title = s.title.as_deref().unwrap_or("(untitled)");
        let url = s.url.as_deref().map_or(String::new(), |u| format!(" <{u}>"));
        writeln!(o, "- {} · {} · {date} · {}{url}", s.article, s.outlet, cell(title)).ok();
    }
    o
}

pub use storyline_doc::markup::escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}\
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}.cite{color:#555;font-size:.85em}.disagree{background:#fff3f0}";

pub fn html(b: &Brief) -> String {
    let e = escape;
    let mut o = String::new();
    writeln!(
        o,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        e(&b.headline.text)
    )
    .ok();
    writeln!(
        o,
        "<h1>{}</h1>\n<p>Story {} · {} articles</p>",
        e(&b.headline.text),
        e(&b.story),
        b.sources.len()
    )
    .ok();
    writeln!(o, "<h2>Summary</h2><ul>").ok();
    for s in &b.summary {
        writeln!(
            o,
            "<li>{} <span class=\"cite\">[{}]</span></li>",
            e(&s.text),
            e(&citation(&s.outlet, &s.article))
        )
        .ok();
    }
    writeln!(o, "</ul><h2>Timeline</h2><table><tr><th>id</th><th>date</th><th>dated by</th><th>event</th><th>what was reported</th><th>places</th><th>sources</th></tr>").ok();
    for t in &b.timeline {
        let places: Vec<&str> = t.places.iter().map(|p| p.name.as_str()).collect();
        let sources: Vec<&str> = t.sources.iter().map(|s| s.outlet.as_str()).collect();
        writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&t.id),
            e(t.date.as_deref().unwrap_or("undated")),
            format!("{:?}", t.dating).to_lowercase(),
            e(&event_words(&t.acled, &t.sub_type)),
            e(&t.text),
            e(&places.join(", ")),
            e(&sources.join(", "))
        )
        .ok();
    }
    writeln!(o, "</table><h2>Figures and disagreements</h2><table><tr><th>event</th><th>measure</th><th>verdict</th><th>headline figure</th><th>claims</th></tr>").ok();
    for f in &b.figures {
        let class = if f.verdict == Verdict::Disagree { " class=\"disagree\"" } else { "" };
        let claims: Vec<String> = f.claims.iter().map(|c| e(&claim_words(c))).collect();
        writeln!(
            o,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&f.event),
            e(&measure_words(f)),
            verdict_word(f.verdict),
            e(&headline_figure(f)),
            claims.join("<br>")
        )
        .ok();
    }
    writeln!(o, "</table><h2>Key entities</h2><table><tr><th>entity</th><th>kind</th><th>mentions</th><th>written as</th></tr>").ok();
    for k in &b.entities {
        let variants: Vec<&str> = k.variants.keys().map(String::as_str).collect();
        writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&k.name),
            e(&k.kind),
            k.mentions,
            e(&variants.join(" | "))
        )
        .ok();
    }
    writeln!(o, "</table><h2>Places</h2><table><tr><th>place</th><th>gazetteer</th><th>country</th><th>lat</th><th>lon</th><th>precision</th></tr>").ok();
    for p in &b.places {
        writeln!(
            o,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:.3}</td><td>{:.3}</td><td>{}</td></tr>",
            e(&p.name),
            e(&p.gazetteer_name),
            e(&p.country),
            p.lat,
            p.lon,
            e(&p.precision)
        )
        .ok();
    }
    writeln!(o, "</table><h2>Sources</h2><ul>").ok();
    for s in &b.sources {
        let date = s.published.as_deref().unwrap_or("undated");
        let by = s.dated_by.as_deref().map_or(String::new(), |d| format!(" ({d})"));
        let title = s.title.as_deref().unwrap_or("(untitled)");
        writeln!(o, "<li>{} · {} · {}{} · {}</li>", e(&s.article), e(&s.outlet), e(date), e(&by), e(title))
            .ok();
    }
    writeln!(o, "</ul></body></html>").ok();
    o
}
