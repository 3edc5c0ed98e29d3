//! Claims: the figures (and the stated lack of figures) each source gives for a happening,
//! who the source says gave them, and how the sources' claims compare.

use serde::Serialize;
use serde_json::Value;
use storyline_doc::{Annotation, Article, Span};

/// Who published a claim: the article and its outlet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub article: String,
    pub outlet: String,
}

/// What a claim says about its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A count, exact or a range ("at least 15", "dozens").
    Figure,
    /// The source says no figure is known yet ("no immediate casualty figure"): not zero.
    NoFigure,
    /// The source says there were none ("no one was killed").
    NoneOccurred,
}

/// One source's claim about one measure of a happening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub source: Source,
    /// What is counted: `killed`, `injured`, `arrested`, `missing`, `kidnapped`, `displaced`,
    /// or `casualties` (killed or injured, as a stated lack of figures usually says).
    pub measure: String,
    /// Who was counted, when the text says: `protesters`, `security_forces`, `civilians`, ...
    pub group: Option<String>,
    pub kind: ClaimKind,
    /// The conservative point value (a range's lower bound), for a figure.
    pub value: Option<f64>,
    pub min: Option<f64>,
    /// `None` for an open range ("at least 15") or a claim without a figure.
    pub max: Option<f64>,
    /// A vague word ("dozens") rather than a number.
    pub vague: bool,
    /// The figure as written.
    pub text: String,
    /// Who the article says made the claim ("the police"), when it says so.
    pub cited: Option<String>,
    /// Through whom it was relayed (news agencies quoting the cited source), in order.
    pub via: Vec<String>,
    /// Hedged by the article ("reportedly", a conditional) or by the cited source.
    pub hedged: bool,
    pub sentence: String,
    pub span: Span,
}

/// The claims of an event mention: the casualty-like counts of its sentence (the `events`
/// layer copies the sentence's `quantities`), each with the attribution whose content holds
/// it.
pub fn claims_of(article: &Article, mention: &Value, sentence: Span, source: &Source) -> Vec<Claim> {
    let attributions = article.layers.get("attributions").map(Vec::as_slice).unwrap_or_default();
    let mention_hedged = mention["hedged"].as_array().is_some_and(|h| !h.is_empty());
    let quantities = mention["quantities"].as_array().map(Vec::as_slice).unwrap_or_default();
    let mut out = Vec::new();
    for q in quantities {
        let Ok(q) = serde_json::from_value::<Annotation>(q.clone()) else { continue };
        let v = &q.value;
        let kind = match v["absent"].as_str() {
            Some("no_figure") => ClaimKind::NoFigure,
            Some(_) => ClaimKind::NoneOccurred,
            None => ClaimKind::Figure,
        };
        let measure = match (v["event"].as_str(), kind) {
            (Some(event), _) => event.to_string(),
            (None, ClaimKind::NoFigure | ClaimKind::NoneOccurred) => "casualties".to_string(),
            // A count of nothing said (soldiers deployed, people gathered) is not a claim.
            (None, ClaimKind::Figure) => continue,
        };
        if kind == ClaimKind::Figure && v["kind"].as_str() != Some("count") {
            continue;
        }
        let said = attributions.iter().find(|a| a.span.start <= q.span.start && q.span.end <= a.span.end);
        let cited = said.and_then(|a| {
            let s = &a.value["source"];
            s["resolved"]["text"].as_str().or(s["text"].as_str()).map(str::to_string)
        });
        let via = said
            .and_then(|a| a.value["via"].as_array())
            .map(|v| v.iter().filter_map(|p| p["text"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let said_hedged = said.is_some_and(|a| a.value["hedged"].as_bool() == Some(true));
        out.push(Claim {
            source: source.clone(),
            measure,
            group: v["group"].as_str().map(str::to_string),
            kind,
            value: v["value"].as_f64(),
            min: v["min"].as_f64().or(v["value"].as_f64()),
            max: v["max"].as_f64(),
            vague: v["vague"].as_bool() == Some(true),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            cited,
            via,
            hedged: mention_hedged || said_hedged,
            sentence: article.span_text(sentence).to_string(),
            span: q.span,
        });
    }
    out
}

/// How the sources' claims on one measure compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Every outlet gives the same figure (or range), or all say none is known.
    Agree,
    /// The figures are compatible but not the same: a point inside another's range, or
    /// overlapping ranges.
    Refine,
    /// Figures that cannot all be true, or a figure against a stated lack of one.
    Disagree,
    /// Only one outlet speaks of it.
    SingleSource,
}

/// The figure a conservative coder would enter, with the spread of all figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Headline {
    /// The lowest conservative point value among the credible claims.
    pub value: f64,
    /// The lowest lower bound and the highest upper bound (`None`: open-ended) among them.
    pub min: f64,
    pub max: Option<f64>,
}

/// One measure of one happening, across its sources.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub measure: String,
    pub group: Option<String>,
    pub verdict: Verdict,
    /// `None` when no source gives a figure.
    pub headline: Option<Headline>,
    /// Indexes into the happening's claims.
    pub claims: Vec<usize>,
    /// The outlets that speak of it, in order of first claim.
    pub outlets: Vec<String>,
}

/// Whether an absence about `absent` speaks of a figure counting `measure`.
pub(crate) fn covers(absent: &str, measure: &str) -> bool {
    absent == measure || (absent == "casualties" && matches!(measure, "killed" | "injured"))
}

/// Compares claims measure by measure.
///
/// Figures are grouped by measure and counted group (dozens of protesters killed and eight
/// security forces killed are two tolls, not a disagreement). A stated absence of figures
/// joins every group of the measures it covers, since "no casualty figure" speaks of all of
/// them; with no figure to join it stands alone.
pub fn compare(claims: &[Claim]) -> Vec<Comparison> {
    let mut keys: Vec<(String, Option<String>)> = Vec::new();
    for c in claims.iter().filter(|c| c.kind == ClaimKind::Figure) {
        let key = (c.measure.clone(), c.group.clone());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut members: Vec<Vec<usize>> = keys
        .iter()
        .map(|(m, g)| {
            claims
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind == ClaimKind::Figure && &c.measure == m && &c.group == g)
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    for (i, c) in claims.iter().enumerate().filter(|(_, c)| c.kind != ClaimKind::Figure) {
        let mut joined = false;
        for (k, (m, g)) in keys.iter().enumerate() {
            if covers(&c.measure, m) && (c.group.is_none() || &c.group == g) {
                members[k].push(i);
                joined = true;
            }
        }
        if !joined {
            let key = (c.measure.clone(), c.group.clone());
            match keys.iter().position(|k| *k == key) {
                Some(k) => members[k].push(i),
                None => {
                    keys.push(key);
                    members.push(vec![i]);
                }
            }
        }
    }
    keys.into_iter()
        .zip(members)
        .map(|((measure, group), mut idx)| {
            idx.sort_unstable();
            let picked: Vec<&Claim> = idx.iter().map(|&i| &claims[i]).collect();
            let mut outlets: Vec<String> = Vec::new();
            for c in &picked {
                if !outlets.contains(&c.source.outlet) {
                    outlets.push(c.source.outlet.clone());
                }
            }
            Comparison {
                measure,
                group,
                verdict: verdict(&picked, outlets.len()),
                headline: headline(&picked),
                claims: idx,
                outlets,
            }
        })
        .collect()
}

/// A figure's range; an open range has no upper bound.
fn bounds(c: &Claim) -> (f64, f64) {
    let min = c.min.or(c.value).unwrap_or(0.0);
    (min, c.max.unwrap_or(f64::INFINITY))
}

fn verdict(claims: &[&Claim], outlets: usize) -> Verdict {
    if outlets < 2 {
        return Verdict::SingleSource;
    }
    let figures: Vec<&&Claim> = claims.iter().filter(|c| c.kind == ClaimKind::Figure).collect();
    let absences = claims.iter().filter(|c| c.kind != ClaimKind::Figure);
    let with_figures: Vec<&str> = figures.iter().map(|c| c.source.outlet.as_str()).collect();
    // A stated lack of figures from an outlet that gives none beside it contradicts the figures
    // of the others: the reader must see both.
    if !figures.is_empty() && absences.clone().any(|a| !with_figures.contains(&a.source.outlet.as_str())) {
        return Verdict::Disagree;
    }
    if figures.is_empty() {
        let all_same = claims.windows(2).all(|w| w[0].kind == w[1].kind);
        return if all_same { Verdict::Agree } else { Verdict::Disagree };
    }
    let ranges: Vec<(f64, f64)> = figures.iter().map(|c| bounds(c)).collect();
    if ranges.windows(2).all(|w| w[0] == w[1]) {
        return Verdict::Agree;
    }
    let overlap =
        ranges.iter().enumerate().all(|(i, a)| ranges[i + 1..].iter().all(|b| a.0 <= b.1 && b.0 <= a.1));
    if overlap { Verdict::Refine } else { Verdict::Disagree }
}

/// ACLED's conservative rule: where reports differ, code the lowest credible figure, and for
/// a vague or ranged report its lower bound ("dozens" is coded 20, "at least 15" 15). Hedged
/// claims count only when nothing firmer is said.
fn headline(claims: &[&Claim]) -> Option<Headline> {
    let figures: Vec<&&Claim> = claims.iter().filter(|c| c.kind == ClaimKind::Figure).collect();
    let firm: Vec<&&Claim> = figures.iter().copied().filter(|c| !c.hedged).collect();
    let credible = if firm.is_empty() { figures } else { firm };
    let first = credible.first()?;
    let mut h = Headline { value: f64::INFINITY, min: f64::INFINITY, max: first.max };
    for c in &credible {
        let (min, max) = bounds(c);
        h.value = h.value.min(c.value.unwrap_or(min));
        h.min = h.min.min(min);
        h.max = match (h.max, max.is_finite()) {
            (Some(m), true) => Some(m.max(max)),
            _ => None,
        };
    }
    Some(h)
}
