//! Temporal expressions (TIMEX3) read from TimeML and scored as TempEval-3 scores them.
//!
//! **Reading.** A TimeML document is XML: the document creation time (DCT) is the `value` of
//! the `TIMEX3` inside `<DCT>` (the French TimeBank writes it as an empty element, TBAQ with
//! the date as content); the text is the content of `<TEXT>` with every tag taken out
//! (`EVENT`, `SIGNAL`, `TIMEX3`, nested or not) and the five XML entities and numeric
//! character references decoded. Each `TIMEX3` inside `<TEXT>` becomes a [`Timex`]: its extent
//! as byte offsets into that plain text, its `type` and its `value`.
//!
//! **Scoring** ([`TimeScore`]), as TempEval-3's official `TE3-evaluation` tool defines the
//! task A timex measures (UzZaman et al., 2013, "SemEval-2013 Task 1: TempEval-3", §4):
//! - *Strict extent match*: a system timex and a gold timex have exactly the same extent.
//! - *Relaxed extent match*: their extents overlap by at least one character.
//! - Precision = matched system timexes / system timexes; recall = matched gold timexes /
//!   gold timexes; F1 their harmonic mean. Matching is one-to-one: each gold timex is paired
//!   with at most one system timex (the first unpaired one, in text order, that matches), so a
//!   system cannot score twice by splitting one expression.
//! - *Attribute F1* (type, value) is computed over the relaxed-matched pairs only:
//!   attribute accuracy = pairs whose attribute equals gold's / relaxed-matched pairs, and
//!   attribute F1 = relaxed extent F1 × attribute accuracy. (This is how the TE3 script
//!   reports "Value F1" and "Type F1": an attribute is only scorable where the extent was
//!   found, and the F1 is scaled by how much of the extent was found.)
//!
//! The DCT is never scored: it lies outside `<TEXT>`, and systems are given it as input.

use serde::Serialize;

/// One temporal expression over `start..end` (byte offsets) of a document's plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Timex {
    pub start: usize,
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The TIMEX3 normalised value, e.g. `1999-05-23`, `P2W`, `1999-05-20TEV`, `PRESENT_REF`.
    pub value: String,
}

/// A TimeML document: its plain text, DCT and gold timexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeDoc {
    pub docid: Option<String>,
    /// The DCT's `value` as written (usually `YYYY-MM-DD`).
    pub dct: Option<String>,
    pub text: String,
    pub timexes: Vec<Timex>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMlError(pub String);

impl std::fmt::Display for TimeMlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TimeMlError {}

/// Decodes the XML entities of `s` (`&amp;` `&lt;` `&gt;` `&quot;` `&apos;`, `&#NN;`, `&#xNN;`);
/// an unknown entity is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub use storyline_doc::markup::escape;

/// The attributes of a start tag's inside (`TIMEX3 tid="t1" type='DATE'`), names lowercased.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim().to_ascii_lowercase();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else { break };
        let Some(close) = after[1..].find(q) else { break };
        out.push((name, decode_entities(&after[1..1 + close])));
        rest = &after[close + 2..];
    }
    out
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

/// Reads one TimeML document (see the module docs for what is kept).
pub fn parse_timeml(xml: &str) -> Result<TimeDoc, TimeMlError> {
    let mut doc = TimeDoc { docid: None, dct: None, text: String::new(), timexes: Vec::new() };
    let mut in_text = false;
    let mut in_dct = false;
    let mut in_docid = false;
    let mut docid = String::new();
    // Open TIMEX3 elements inside TEXT: (start offset, type, value).
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut saw_text = false;
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if in_text {
                doc.text.push_str(&decode_entities(rest));
            }
            break;
        };
        let content = &rest[..lt];
        if in_text {
            doc.text.push_str(&decode_entities(content));
        } else if in_docid {
            docid.push_str(content);
        }
        rest = &rest[lt..];
        // Comments, CDATA, declarations and processing instructions.
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |e| &r[e + 3..]);
            continue;
        }
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").unwrap_or(r.len());
            if in_text {
                doc.text.push_str(&r[..end]);
            }
            rest = r.get(end + 3..).unwrap_or("");
            continue;
        }
        let Some(gt) = rest.find('>') else {
            return Err(TimeMlError("unterminated tag".into()));
        };
        let inner = &rest[1..gt];
        rest = &rest[gt + 1..];
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        let closing = inner.starts_with('/');
        let empty = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let name = tag_name(inner);
        match (name.as_str(), closing) {
            ("TEXT", false) => {
                in_text = !empty;
                saw_text = true;
            }
            ("TEXT", true) => in_text = false,
            ("DCT", false) => in_dct = !empty,
            ("DCT", true) => in_dct = false,
            ("DOCID", false) => in_docid = !empty,
            ("DOCID", true) => in_docid = false,
            ("TIMEX3", false) => {
                let attrs = attributes(inner);
                let value = attr(&attrs, "value").unwrap_or("").to_string();
                let is_dct = attr(&attrs, "functionindocument") == Some("CREATION_TIME");
                if (in_dct || (is_dct && !in_text)) && doc.dct.is_none() {
                    doc.dct = Some(value);
                } else if in_text {
                    let kind = attr(&attrs, "type").unwrap_or("").to_ascii_uppercase();
                    if empty {
                        // An empty timex in the text has no extent to score.
                    } else {
                        open.push((doc.text.len(), kind, value));
                    }
                }
            }
            ("TIMEX3", true) if in_text => {
                if let Some((start, kind, value)) = open.pop() {
                    let end = doc.text.len();
                    if end > start {
                        doc.timexes.push(Timex { start, end, kind, value });
                    }
                }
            }
            _ => {}
        }
    }
    if !saw_text {
        return Err(TimeMlError("no <TEXT> element".into()));
    }
    let docid = decode_entities(docid.trim());
    doc.docid = (!docid.is_empty()).then_some(docid);
    doc.timexes.sort_by_key(|t| (t.start, t.end));
    Ok(doc)
}

/// Writes `text` with `timexes` (byte offsets, not overlapping) as a TimeML document.
pub fn write_timeml(docid: &str, dct: Option<&str>, text: &str, timexes: &[Timex]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    out.push_str(&format!("<DOCID>{}</DOCID>\n", escape(docid)));
    if let Some(dct) = dct {
        out.push_str(&format!(
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" functionInDocument=\"CREATION_TIME\" /></DCT>\n",
            escape(dct)
        ));
    }
    out.push_str("<TEXT>");
    let mut at = 0;
    for (i, t) in timexes.iter().enumerate() {
        if t.start < at
            || t.end > text.len()
            || !text.is_char_boundary(t.start)
            || !text.is_char_boundary(t.end)
        {
            continue;
        }
        out.push_str(&escape(&text[at..t.start]));
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"{}\">{}</TIMEX3>",
            i + 1,
            escape(&t.kind),
            escape(&t.value),
            escape(&text[t.start..t.end])
        ));
        at = t.end;
    }
    out.push_str(&escape(&text[at..]));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// Precision, recall and F1 from matched counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(matched_sys: usize, sys: usize, matched_gold: usize, gold: usize) -> Prf {
        let p = if sys == 0 { 0.0 } else { matched_sys as f64 / sys as f64 };
        let r = if gold == 0 { 0.0 } else { matched_gold as f64 / gold as f64 };
        let f1 = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        Prf { precision: p, recall: r, f1 }
    }
}

/// TempEval-3 timex counts summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimeScore {
    pub documents: usize,
    pub gold: usize,
    pub system: usize,
    /// One-to-one pairs with exactly equal extents.
    pub strict: usize,
    /// One-to-one pairs with overlapping extents.
    pub relaxed: usize,
    /// Relaxed pairs whose type equals gold's.
    pub type_correct: usize,
    /// Relaxed pairs whose value equals gold's.
    pub value_correct: usize,
}

/// Greedy one-to-one pairing, in text order: each gold timex takes the first unpaired system
/// timex that `matches` it. Returns the pairs as (gold index, system index).
fn pair(gold: &[Timex], system: &[Timex], matches: impl Fn(&Timex, &Timex) -> bool) -> Vec<(usize, usize)> {
    let mut used = vec![false; system.len()];
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(si) = (0..system.len()).find(|&si| !used[si] && matches(g, &system[si])) {
            used[si] = true;
            pairs.push((gi, si));
        }
    }
    pairs
}

impl TimeScore {
    /// Adds one document's gold and system timexes.
    pub fn add(&mut self, gold: &[Timex], system: &[Timex]) {
        self.documents += 1;
        self.gold += gold.len();
        self.system += system.len();
        self.strict += pair(gold, system, |g, s| g.start == s.start && g.end == s.end).len();
        // Prefer exact pairs first so that a strict match is never lost to an overlapping one.
        let mut relaxed = pair(gold, system, |g, s| g.start == s.start && g.end == s.end);
        let (gu, su): (Vec<usize>, Vec<usize>) = relaxed.iter().copied().unzip();
        let rest_g: Vec<usize> = (0..gold.len()).filter(|i| !gu.contains(i)).collect();
        let rest_s: Vec<usize> = (0..system.len()).filter(|i| !su.contains(i)).collect();
        let rg: Vec<Timex> = rest_g.iter().map(|&i| gold[i].clone()).collect();
        let rs: Vec<Timex> = rest_s.iter().map(|&i| system[i].clone()).collect();
        for (a, b) in pair(&rg, &rs, |g, s| g.start < s.end && s.start < g.end) {
            relaxed.push((rest_g[a], rest_s[b]));
        }
        self.relaxed += relaxed.len();
        for (g, s) in relaxed {
            self.type_correct += usize::from(gold[g].kind == system[s].kind);
            self.value_correct += usize::from(gold[g].value == system[s].value);
        }
    }

    pub fn merge(&mut self, other: &TimeScore) {
        self.documents += other.documents;
        self.gold += other.gold;
        self.system += other.system;
        self.strict += other.strict;
        self.relaxed += other.relaxed;
        self.type_correct += other.type_correct;
        self.value_correct += other.value_correct;
    }

    pub fn strict_prf(&self) -> Prf {
        Prf::new(self.strict, self.system, self.strict, self.gold)
    }

    pub fn relaxed_prf(&self) -> Prf {
        Prf::new(self.relaxed, self.system, self.relaxed, self.gold)
    }

    fn accuracy(&self, correct: usize) -> f64 {
        if self.relaxed == 0 { 0.0 } else { correct as f64 / self.relaxed as f64 }
    }

    pub fn type_accuracy(&self) -> f64 {
        self.accuracy(self.type_correct)
    }

    pub fn value_accuracy(&self) -> f64 {
        self.accuracy(self.value_correct)
    }

    /// Relaxed extent F1 × type accuracy among relaxed pairs.
    pub fn type_f1(&self) -> f64 {
        self.relaxed_prf().f1 * self.type_accuracy()
    }

    /// Relaxed extent F1 × value accuracy among relaxed pairs.
    pub fn value_f1(&self) -> f64 {
        self.relaxed_prf().f1 * self.value_accuracy()
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "counts": self,
            "strict": self.strict_prf(),
            "relaxed": self.relaxed_prf(),
            "type_accuracy": self.type_accuracy(),
            "type_f1": self.type_f1(),
            "value_accuracy": self.value_accuracy(),
            "value_f1": self.value_f1(),
        })
    }

    /// A short table, one measure a line.
    pub fn report(&self) -> String {
        let (s, r) = (self.strict_prf(), self.relaxed_prf());
        format!(
            "documents {}  gold timexes {}  system timexes {}\n\
             strict extent   P {:.3}  R {:.3}  F1 {:.3}\n\
             relaxed extent  P {:.3}  R {:.3}  F1 {:.3}\n\
             type            accuracy {:.3}  F1 {:.3}\n\
             value           accuracy {:.3}  F1 {:.3}\n",
            self.documents,
            self.gold,
            self.system,
            s.precision,
            s.recall,
            s.f1,
            r.precision,
            r.recall,
            r.f1,
            self.type_accuracy(),
            self.type_f1(),
            self.value_accuracy(),
            self.value_f1()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FR: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<!-- a comment with <TEXT> inside -->
<TimeML>
<DOCID>1999-05-18-0333</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t1" type="DATE" value="1999-05-18" /></DCT>
<TEXT>
LE VILLAGE <EVENT class="OCCURRENCE" eid="e1">FERA</EVENT> LA F&#234;TE <TIMEX3 tid="t3" type="DATE" value="1999-05-23">DIMANCHE</TIMEX3> &amp; <TIMEX3 tid="t4" type="TIME" value="1999-05-23TEV"><SIGNAL sid="s1">dimanche</SIGNAL> soir</TIMEX3>.
</TEXT>
<TLINK lid="l1" timeID="t3" relatedToTime="t1" relType="AFTER"/>
</TimeML>"#;

    const EN: &str = r#"<?xml version="1.0" ?>
<TimeML><DOCID>ABC19980108.1830.0711</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A bad <TIMEX3 tid="t83" type='DURATION' value="P1W">week</TIMEX3> for Asia.</TEXT></TimeML>"#;

    #[test]
    fn reads_french_timebank_layout() {
        let d = parse_timeml(FR).unwrap();
        assert_eq!(d.docid.as_deref(), Some("1999-05-18-0333"));
        assert_eq!(d.dct.as_deref(), Some("1999-05-18"));
        assert_eq!(d.text, "\nLE VILLAGE FERA LA FêTE DIMANCHE & dimanche soir.\n");
        assert_eq!(d.timexes.len(), 2);
        let t = &d.timexes[1];
        assert_eq!(&d.text[t.start..t.end], "dimanche soir");
        assert_eq!((t.kind.as_str(), t.value.as_str()), ("TIME", "1999-05-23TEV"));
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "DIMANCHE");
    }

    #[test]
    fn reads_tbaq_layout_and_skips_the_dct() {
        let d = parse_timeml(EN).unwrap();
        assert_eq!(d.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(d.text, "A bad week for Asia.");
        assert_eq!(
            d.timexes,
            vec![Timex { start: 6, end: 10, kind: "DURATION".into(), value: "P1W".into() }]
        );
    }

    #[test]
    fn written_timeml_reads_back() {
        let d = parse_timeml(FR).unwrap();
        let xml = write_timeml("x", d.dct.as_deref(), &d.text, &d.timexes);
        let back = parse_timeml(&xml).unwrap();
        assert_eq!(back.text, d.text);
        assert_eq!(back.timexes, d.timexes);
        assert_eq!(back.dct, d.dct);
    }

    fn tx(start: usize, end: usize, kind: &str, value: &str) -> Timex {
        Timex { start, end, kind: kind.into(), value: value.into() }
    }

    #[test]
    fn strict_relaxed_and_attribute_scores() {
        let gold = vec![
            tx(0, 8, "DATE", "1999-05-23"),
            tx(10, 23, "TIME", "1999-05-23TEV"),
            tx(30, 35, "DATE", "1999"),
        ];
        // Exact + right value; overlapping + wrong value, right type; a false positive; one miss.
        let sys =
            vec![tx(0, 8, "DATE", "1999-05-23"), tx(10, 18, "TIME", "1999-05-23"), tx(40, 44, "DATE", "X")];
        let mut s = TimeScore::default();
        s.add(&gold, &sys);
        assert_eq!((s.strict, s.relaxed, s.type_correct, s.value_correct), (1, 2, 2, 1));
        let strict = s.strict_prf();
        assert!((strict.precision - 1.0 / 3.0).abs() < 1e-9 && (strict.recall - 1.0 / 3.0).abs() < 1e-9);
        let relaxed = s.relaxed_prf();
        assert!((relaxed.f1 - 2.0 / 3.0).abs() < 1e-9);
        assert!((s.value_f1() - 2.0 / 3.0 * 0.5).abs() < 1e-9);
        assert!((s.type_f1() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn one_system_timex_matches_one_gold_only() {
        // One long system span over two gold timexes: one relaxed pair, not two.
        let gold = vec![tx(0, 5, "DATE", "a"), tx(6, 10, "DATE", "b")];
        let sys = vec![tx(0, 10, "DATE", "a")];
        let mut s = TimeScore::default();
        s.add(&gold, &sys);
        assert_eq!((s.strict, s.relaxed, s.value_correct), (0, 1, 1));
        assert!((s.relaxed_prf().recall - 0.5).abs() < 1e-9);
    }
}
