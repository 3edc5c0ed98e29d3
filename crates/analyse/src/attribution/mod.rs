//! Attribution: who says what, through whom, and how firmly.
//!
//! For each statement an article reports, an [`Attribution`] gives the `content` span (the
//! quotation or the clause attributed), its `source`, the `cue` that attributes it, the
//! sources that relay it (`via`) and the hedges found in it. Later stages look a claim up by
//! its span to learn who made it and whether it is hedged.
//!
//! Rules, for French and English (German and Spanish have the cue words, less tested):
//!
//! - an *adjunct* ("selon X", "d'après X", "according to X"): at the head of the sentence it
//!   attributes the rest; at its end, what comes before; in the middle, the whole sentence;
//! - a *speech verb* (see `lexicon.rs`) with its subject before it ("X a déclaré que ...",
//!   "X said on Monday that ...", "X told reporters ..."), where the content follows the
//!   complementizer, the colon or the quotation after the verb;
//! - the same verb after the content, with its subject on either side ("« ... », a déclaré X",
//!   "\"...,\" X said", "..., a-t-il ajouté"): the content is the quotation closed just before
//!   (over several sentences or paragraphs if it runs so) or the clause before the comma;
//! - relays after a source ("cité par les agences A, B et C", "quoted by", "told the X news
//!   agency", "a déclaré à Y"), split into one `via` per name; an attribution inside the
//!   content of another ("selon Y, X a déclaré que ...", "X a dit que ..., rapporte Y") makes
//!   the outer source a relay of the inner one;
//! - a pronoun source ("a-t-il ajouté", "he said", "selon elle") keeps its own span and is
//!   resolved to the latest named source before it in the article (else the latest person
//!   the entity layer found).
//!
//! Hedges ("aurait", "semblait", "reportedly", "is believed to", ...) are found everywhere;
//! each attribution lists those in its content. A hedged sentence that no attribution covers
//! gets an attribution of its own, of kind [`Kind::Hedge`], with no source and no cue: one
//! layer then answers both questions for any span. The French conditional of a "que" clause
//! after a speech verb is the future-in-the-past of reported speech ("il a dit qu'il serait
//! candidat"), not a hedge, and is not counted there.

mod lexicon;
mod quotes;
mod rules;

use crate::sentences::Sentence;
use crate::tokenize::Token;
use lexicon::Lexicon;
use rules::Doc;
use storyline_doc::{Annotation, Span};

/// How the content is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A quotation in quote marks, with a speech verb.
    Quote,
    /// Reported speech: a speech verb with a clause that is not quoted.
    Reported,
    /// An "according to" adjunct.
    AccordingTo,
    /// A hedged statement that nothing attributes.
    Hedge,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Reported => "reported",
            Kind::AccordingTo => "according_to",
            Kind::Hedge => "hedge",
        }
    }
}

/// Who a statement is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    pub span: Span,
    /// For a pronoun ("il", "he"), the span of the named source it stands for, when found.
    pub resolved: Option<Span>,
    pub pronoun: bool,
    /// "I", "nous": the speaker of a quotation or the author, never resolved.
    pub first_person: bool,
}

/// One attributed (or hedged) statement. All spans are byte ranges over the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub kind: Kind,
    pub content: Span,
    pub source: Option<Source>,
    /// The words that attribute: "selon", "according to", "a déclaré", "said", "a-t-il ajouté".
    pub cue: Option<Span>,
    /// The sources that relay the statement, in text order.
    pub via: Vec<Span>,
    /// Hedge cues inside the content (or the cue: "aurait déclaré").
    pub hedges: Vec<Span>,
}

impl Attribution {
    pub fn hedged(&self) -> bool {
        !self.hedges.is_empty()
    }
}

/// The attributions of a tokenized text, ordered by content start. `lang` is an ISO 639
/// code: fr, en, de, es (any other gives nothing). `entities` (the `entities` layer, may be
/// empty) keeps names whole at source edges and resolves pronouns when no source came before.
pub fn attributions(
    text: &str,
    lang: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Annotation],
) -> Vec<Attribution> {
    let Some(lex) = Lexicon::for_language(lang) else { return Vec::new() };
    let doc = Doc::new(text, lex, tokens, entities);
    let mut found = Vec::new();
    for s in sentences {
        let mut in_sentence = Vec::new();
        doc.sentence(s.tokens.clone(), &mut in_sentence);
        merge_relays(text, &mut in_sentence);
        found.extend(in_sentence);
    }
    resolve_pronouns(&mut found, entities);
    let hedges = doc.hedges(sentences);
    for a in &mut found {
        let reported_clause = a.kind == Kind::Reported && doc.after_complementizer(a.content);
        a.hedges = hedges
            .iter()
            .filter(|h| {
                a.cue.is_some_and(|c| inside(h.span, c))
                    || (inside(h.span, a.content) && !(h.conditional && reported_clause))
            })
            .map(|h| h.span)
            .collect();
    }
    for s in sentences {
        let span = Span::new(s.start, s.end);
        let own: Vec<Span> = hedges
            .iter()
            .filter(|h| inside(h.span, span) && !found.iter().any(|a| inside(h.span, a.content)))
            .map(|h| h.span)
            .collect();
        if let (false, Some(content)) = (own.is_empty(), doc.trimmed(s.tokens.clone())) {
            found.push(Attribution {
                kind: Kind::Hedge,
                content,
                source: None,
                cue: None,
                via: vec![],
                hedges: own,
            });
        }
    }
    found.sort_by_key(|a| (a.content.start, a.content.end));
    found
}

/// The `attributions` layer: one annotation per attribution over its content, labelled with
/// its kind; the value holds `text`, `source` (`text`, `span`, and `resolved` for a pronoun),
/// `cue`, `via` (a list), `hedged` and `hedges`, each piece as `{text, span}`.
pub fn layer(text: &str, found: &[Attribution]) -> Vec<Annotation> {
    let piece = |s: Span| serde_json::json!({ "text": &text[s.range()], "span": s });
    found
        .iter()
        .map(|a| Annotation {
            span: a.content,
            label: a.kind.as_str().into(),
            value: serde_json::json!({
                "text": &text[a.content.range()],
                "source": a.source.map(|s| {
                    let mut v = piece(s.span);
                    if s.pronoun {
                        v["resolved"] = s.resolved.map(piece).unwrap_or_default();
                    }
                    v
                }),
                "cue": a.cue.map(piece),
                "via": a.via.iter().map(|&s| piece(s)).collect::<Vec<_>>(),
                "hedged": a.hedged(),
                "hedges": a.hedges.iter().map(|&s| piece(s)).collect::<Vec<_>>(),
            }),
        })
        .collect()
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// An attribution inside the content of another in the same sentence is relayed by the
/// outer one's source: "according to Y, X said ..." is X's statement, through Y. When the
/// outer cue comes after ("X said ..., Y reports"), the inner content stops before it.
fn merge_relays(text: &str, found: &mut Vec<Attribution>) {
    let mut i = 0;
    while i < found.len() {
        let outer = &found[i];
        let Some(outer_source) = outer.source.filter(|s| !s.pronoun && !s.first_person) else {
            i += 1;
            continue;
        };
        // When each holds the other ("X said ..., Y reports"), the later cue is the outer.
        let holds = |outer: &Attribution, inner: &Attribution| {
            inner.cue != outer.cue
                && inner.cue.is_some_and(|c| inside(c, outer.content))
                && inner.source.is_some_and(|s| inside(s.span, outer.content))
        };
        let nested = found.iter().position(|inner| {
            holds(outer, inner)
                && (!holds(inner, outer) || inner.cue.map(|c| c.start) < outer.cue.map(|c| c.start))
        });
        match nested {
            Some(n) => {
                let mut via = vec![outer_source.span];
                via.extend(outer.via.iter().copied());
                let outer_start =
                    outer.cue.map_or(outer_source.span.start, |c| c.start.min(outer_source.span.start));
                let inner = &mut found[n];
                inner.via.extend(via);
                inner.via.sort();
                if inner.content.start < outer_start && outer_start < inner.content.end {
                    let kept = text[inner.content.start..outer_start]
                        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '—' | '–'));
                    inner.content.end = inner.content.start + kept.len();
                }
                found.remove(i);
                i = 0;
            }
            None => i += 1,
        }
    }
}

/// Each pronoun source stands for the latest named source before it, or else the latest
/// person named before it.
fn resolve_pronouns(found: &mut [Attribution], entities: &[Annotation]) {
    let mut order: Vec<usize> = (0..found.len()).filter(|&i| found[i].source.is_some()).collect();
    order.sort_by_key(|&i| found[i].source.map(|s| s.span.start));
    let mut last_named: Option<Span> = None;
    for i in order {
        let Some(source) = found[i].source.as_mut() else { continue };
        if source.first_person {
            continue;
        }
        if !source.pronoun {
            last_named = Some(source.span);
            continue;
        }
        let person = entities.iter().rfind(|e| e.label == "PER" && e.span.end <= source.span.start);
        source.resolved = last_named.or(person.map(|e| e.span));
    }
}

#[cfg(test)]
mod tests;
