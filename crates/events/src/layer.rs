//! The `events` layer: one event mention per sentence that reports an event.
//!
//! Each annotation spans the trigger (the cue that weighs most in the sentence's type) and is
//! labelled with the sub-type's name ([`SubType::name`]). Its value:
//!
//! ```json
//! { "sentence": 3, "type": "protests", "acled": "Excessive force against protesters",
//!   "case": "FORCE_AGAINST_PROTEST", "score": 7.5, "trigger": "protesters",
//!   "cues": ["opened fire ... protest*", "protest*"],
//!   "actors": [{"text": "...", "label": "ORG", "start": 10, "end": 20, "side": "subject"}],
//!   "places": [{"text": "...", "start": 40, "end": 46}],
//!   "time": {"text": "Tuesday", "value": "2021-03-09", "source": "sentence"},
//!   "negated": ["killed"], "hedged": ["reportedly"], "irrealis": [],
//!   "quantities": [...], "attributions": [...] }
//! ```
//!
//! `side` is `subject` for an actor named before the trigger in an active sentence (after it
//! in a passive one), `object` otherwise. `time` is the sentence's first DATE or TIME
//! expression (`source: "sentence"`), else the article's publication date
//! (`source: "article_date"`), else absent. `negated` lists the cues a negation cancelled
//! ("no one was killed": the event stands, the deaths do not), `hedged` the hedging words,
//! `irrealis` the cues only demanded, threatened or planned. `quantities` and
//! `attributions` copy the annotations of the layers of those names that fall in the
//! sentence, when the article has them.

use crate::Lang;
use crate::classify::type_text;
use crate::lexicon::Concept;
use serde_json::{Value, json};
use storyline_doc::{Annotation, Article, Span};

/// The least score that makes a sentence an event mention: one cue that usually names its
/// sub-type. Lower than this, a single hint ("spokesman", "aircraft") would make an event of
/// every other sentence; a snippet scored alone ([`crate::classify()`]) may take less.
const MIN_SENTENCE_SCORE: f32 = 2.0;

/// The event mentions of an analysed article (it needs the `sentences` layer; `entities`,
/// `timex`, `quantities` and `attributions` are used when present). Empty for a language
/// without a lexicon.
pub fn events(article: &Article) -> Vec<Annotation> {
    let Some(lang) = article.meta.language.as_ref().and_then(|l| Lang::from_code(&l.code)) else {
        return Vec::new();
    };
    let layer = |name: &str| article.layers.get(name).map(Vec::as_slice).unwrap_or(&[]);
    let mut out = Vec::new();
    for (n, sentence) in layer("sentences").iter().enumerate() {
        let offset = sentence.span.start;
        let typing = type_text(article.span_text(sentence.span), lang);
        let Some(best) = typing.best().filter(|b| b.score >= MIN_SENTENCE_SCORE) else { continue };
        let trigger_hit = &typing.hits[best.trigger];
        let trigger = Span::new(
            offset + typing.words[trigger_hit.start].start,
            offset + typing.words[trigger_hit.end - 1].end,
        );
        let within = |a: &&Annotation| a.span.start >= sentence.span.start && a.span.end <= sentence.span.end;
        let entities: Vec<&Annotation> = layer("entities").iter().filter(within).collect();
        let actors: Vec<Value> = entities
            .iter()
            .filter(|e| matches!(e.label.as_str(), "PER" | "ORG"))
            .map(|e| {
                let before = e.span.end <= trigger.start;
                let side = if before != trigger_hit.passive { "subject" } else { "object" };
                json!({ "text": article.span_text(e.span), "label": e.label, "start": e.span.start, "end": e.span.end, "side": side })
            })
            .collect();
        let places: Vec<Value> = entities
            .iter()
            .filter(|e| e.label == "LOC")
            .map(|e| json!({ "text": article.span_text(e.span), "start": e.span.start, "end": e.span.end }))
            .collect();
        let time = layer("timex").iter().filter(within).find(|t| matches!(t.label.as_str(), "DATE" | "TIME"));
        let time = match (time, &article.meta.published) {
            (Some(t), _) => {
                json!({ "text": article.span_text(t.span), "value": t.value.get("value"), "source": "sentence" })
            }
            (None, Some(published)) => {
                json!({ "value": published.date.to_string(), "source": "article_date" })
            }
            (None, None) => Value::Null,
        };
        let cue_texts = |keep: &dyn Fn(&crate::classify::Hit) -> bool| -> Vec<&str> {
            typing.hits.iter().filter(|h| keep(h)).map(|h| h.cue).collect()
        };
        let copied =
            |name: &str| -> Vec<Value> { layer(name).iter().filter(within).map(|a| json!(a)).collect() };
        let sub_type = best.sub_type;
        let mut value = json!({
            "sentence": n,
            "type": sub_type.event_type().name(),
            "acled": sub_type.acled(),
            "case": sub_type.case_label(),
            "score": best.score,
            "trigger": article.span_text(trigger),
            "cues": cue_texts(&|h| h.counts() && !h.concept.is_flag()),
            "actors": actors,
            "places": places,
            "time": time,
            "negated": cue_texts(&|h| h.negated),
            "hedged": cue_texts(&|h| h.concept == Concept::Hedge),
            "irrealis": cue_texts(&|h| h.irrealis),
        });
        for name in ["quantities", "attributions"] {
            if article.layers.contains_key(name) {
                value[name] = json!(copied(name));
            }
        }
        out.push(Annotation { span: trigger, label: sub_type.name().into(), value });
    }
    out
}
