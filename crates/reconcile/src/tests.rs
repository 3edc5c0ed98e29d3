//! Invented articles, annotated by hand as the analyse and events stages would.

use super::*;
use serde_json::json;
use storyline_doc::{Annotation, DatedBy, MetaSource, Metadata, PartialDateTime, Provenance, Span};

/// An article of one-sentence paragraphs, with a `sentences` layer.
struct Draft {
    article: Article,
}

impl Draft {
    fn new(site: &str, published: Option<&str>, sentences: &[&str]) -> Draft {
        let meta = Metadata {
            site: Some(site.into()),
            published: published
                .map(|d| DatedBy::new(PartialDateTime::parse_iso(d).unwrap(), MetaSource::Container)),
            ..Metadata::default()
        };
        let prov = Provenance::new(format!("{site}.txt"), None, sentences.join("|").as_bytes());
        let mut article = Article::from_paragraphs(prov, meta, sentences);
        let spans: Vec<Annotation> = article
            .paragraphs
            .iter()
            .map(|&span| Annotation { span, label: "sentence".into(), value: serde_json::Value::Null })
            .collect();
        article.layers.insert("sentences".into(), spans);
        Draft { article }
    }

    fn span_of(&self, needle: &str) -> Span {
        let start = self.article.text.find(needle).unwrap_or_else(|| panic!("{needle} not in text"));
        Span::new(start, start + needle.len())
    }

    fn sentence_of(&self, span: Span) -> usize {
        self.article.layers["sentences"]
            .iter()
            .position(|s| s.span.start <= span.start && span.end <= s.span.end)
            .unwrap()
    }

    fn layer(&mut self, name: &str, a: Annotation) {
        self.article.layers.entry(name.into()).or_default().push(a);
    }

    fn timex(mut self, text: &str, value: &str) -> Self {
        let span = self.span_of(text);
        self.layer(
            "timex",
            Annotation { span, label: "DATE".into(), value: json!({ "text": text, "value": value }) },
        );
        self
    }

    /// A count of `event` over `text` (`min..=max`; `max` `None` for an open range).
    fn count(mut self, text: &str, event: &str, group: Option<&str>, min: f64, max: Option<f64>) -> Self {
        let span = self.span_of(text);
        let value = json!({ "text": text, "kind": "count", "event": event, "group": group, "value": min,
            "min": min, "max": max, "vague": max != Some(min), "absent": null });
        self.layer("quantities", Annotation { span, label: event.into(), value });
        self
    }

    fn absence(mut self, text: &str, kind: &str) -> Self {
        let span = self.span_of(text);
        let value = json!({ "text": text, "kind": "count", "event": null, "group": null, "value": null,
            "min": null, "max": null, "vague": false, "absent": kind });
        self.layer("quantities", Annotation { span, label: "absent".into(), value });
        self
    }

    fn said(mut self, content: &str, source: &str, via: &[&str], hedged: bool) -> Self {
        let span = self.span_of(content);
        let via: Vec<_> = via.iter().map(|t| json!({ "text": t })).collect();
        let value = json!({ "source": { "text": source }, "via": via, "hedged": hedged, "text": content });
        self.layer("attributions", Annotation { span, label: "according_to".into(), value });
        self
    }

    /// An event mention on `trigger`, its sentence's quantities copied as the events layer does.
    fn event(
        mut self,
        trigger: &str,
        sub_type: &str,
        event_type: &str,
        places: &[&str],
        actors: &[&str],
    ) -> Self {
        let span = self.span_of(trigger);
        let sentence = self.sentence_of(span);
        let s = self.article.layers["sentences"][sentence].span;
        let within = |a: &&Annotation| s.start <= a.span.start && a.span.end <= s.end;
        let quantities: Vec<_> = self
            .article
            .layers
            .get("quantities")
            .into_iter()
            .flatten()
            .filter(within)
            .map(|a| json!(a))
            .collect();
        let places: Vec<_> = places.iter().map(|p| json!({ "text": p })).collect();
        let actors: Vec<_> = actors.iter().map(|a| json!({ "text": a, "side": "subject" })).collect();
        let value = json!({ "sentence": sentence, "type": event_type, "acled": sub_type, "trigger": trigger,
            "places": places, "actors": actors, "hedged": [], "irrealis": [], "negated": [],
            "quantities": quantities });
        self.layer("events", Annotation { span, label: sub_type.into(), value });
        self
    }

    fn done(mut self) -> Article {
        for layer in self.article.layers.values_mut() {
            layer.sort_by_key(|a| a.span.start);
        }
        self.article
    }
}

fn herald() -> Article {
    Draft::new(
        "Valley Herald",
        Some("2019-03-06"),
        &[
            "Police said dozens of marchers were killed in Brenlow on Tuesday night.",
            "The council resigned on Monday.",
        ],
    )
    .timex("Tuesday night", "2019-03-05TNI")
    .timex("Monday", "2019-03-04")
    .count("dozens of marchers", "killed", Some("protesters"), 20.0, Some(99.0))
    .said("dozens of marchers were killed in Brenlow on Tuesday night", "Police", &["Wirenews"], false)
    .event("marchers", "excessive_force_against_protesters", "protests", &["Brenlow"], &[])
    .event("resigned", "government_resignation", "strategic_developments", &[], &["The council"])
    .done()
}

fn courier() -> Article {
    Draft::new(
        "Coast Courier",
        Some("2019-03-07"),
        &[
            "Rioters clashed with police in Brenlow, but there was no immediate casualty figure.",
            "A storm hit the harbour of Pellin on Sunday.",
        ],
    )
    .timex("Sunday", "2019-03-03")
    .absence("no immediate casualty figure", "no_figure")
    .event("Rioters", "violent_demonstration", "riots", &["Brenlow"], &[])
    .event("storm", "natural_disaster", "non_acled", &["Pellin"], &[])
    .done()
}

#[test]
fn protests_and_riots_in_one_place_and_week_are_one_happening_with_both_outlets() {
    let happenings = reconcile(&[herald(), courier()]);
    let unrest: Vec<&Happening> = happenings.iter().filter(|h| h.family == "demonstrations").collect();
    assert_eq!(unrest.len(), 1, "{happenings:#?}");
    assert_eq!(unrest[0].outlets(), ["Valley Herald", "Coast Courier"]);
    // The text date, not the publication date, dates it.
    let date = unrest[0].date.unwrap();
    assert_eq!((date.date.to_string().as_str(), date.source), ("2019-03-05", DateSource::Text));
    // A resignation and a storm are happenings of their own.
    assert_eq!(happenings.len(), 3);
}

#[test]
fn a_figure_against_a_stated_lack_of_figures_is_a_disagreement_with_who_said_what() {
    let happenings = reconcile(&[courier(), herald()]);
    let unrest = happenings.iter().find(|h| h.family == "demonstrations").unwrap();
    let killed = unrest.comparisons.iter().find(|c| c.measure == "killed").unwrap();
    assert_eq!(killed.verdict, Verdict::Disagree);
    assert_eq!(killed.outlets.len(), 2);
    let figure = unrest.claims.iter().find(|c| c.kind == ClaimKind::Figure).unwrap();
    assert_eq!(figure.cited.as_deref(), Some("Police"));
    assert_eq!(figure.via, ["Wirenews"]);
    assert_eq!((figure.min, figure.max), (Some(20.0), Some(99.0)));
    let absent = unrest.claims.iter().find(|c| c.kind == ClaimKind::NoFigure).unwrap();
    assert_eq!(absent.source.outlet, "Coast Courier");
    // The stated lack is never a zero: the headline is the figure's lower bound.
    let h = killed.headline.unwrap();
    assert_eq!((h.value, h.min, h.max), (20.0, 20.0, Some(99.0)));
}

#[test]
fn the_result_does_not_depend_on_the_order_articles_come_in() {
    assert_eq!(reconcile(&[herald(), courier()]), reconcile(&[courier(), herald()]));
}

#[test]
fn text_dates_days_apart_are_different_happenings() {
    let a = Draft::new("North Post", None, &["Protesters marched in Osterby on Friday."])
        .timex("Friday", "2020-06-05")
        .event("Protesters", "peaceful_protest", "protests", &["Osterby"], &[])
        .done();
    let b = Draft::new("South Post", None, &["Protesters marched in Osterby on Tuesday."])
        .timex("Tuesday", "2020-06-09")
        .event("Protesters", "peaceful_protest", "protests", &["Osterby"], &[])
        .done();
    assert_eq!(reconcile(&[a.clone(), b]).len(), 2);
    // A day apart is still two days: Monday's march is not Tuesday's.
    let c = Draft::new("East Post", None, &["Protesters marched in Osterby on Saturday."])
        .timex("Saturday", "2020-06-06")
        .event("Protesters", "peaceful_protest", "protests", &["Osterby"], &[])
        .done();
    assert_eq!(reconcile(&[a.clone(), c]).len(), 2);
    let d = Draft::new("West Post", None, &["Protesters marched in Osterby on Friday."])
        .timex("Friday", "2020-06-05")
        .event("Protesters", "peaceful_protest", "protests", &["Osterby"], &[])
        .done();
    assert_eq!(reconcile(&[a, d]).len(), 1);
}

fn toll(site: &str, text: &str, min: f64, max: Option<f64>) -> Article {
    let sentence = format!("The ferry sank near Dunmore and {text} passengers died.");
    Draft::new(site, Some("2021-09-10"), &[sentence.as_str()])
        .count(&format!("{text} passengers"), "killed", Some("civilians"), min, max)
        .event("sank", "man_made_disaster", "non_acled", &["Dunmore"], &[])
        .done()
}

#[test]
fn figures_agree_refine_or_disagree_and_the_headline_is_the_lowest() {
    let verdict = |articles: &[Article]| {
        let h = reconcile(articles);
        assert_eq!(h.len(), 1);
        (h[0].comparisons[0].verdict, h[0].comparisons[0].headline.unwrap())
    };
    let (v, _) = verdict(&[toll("A", "12", 12.0, Some(12.0)), toll("B", "twelve", 12.0, Some(12.0))]);
    assert_eq!(v, Verdict::Agree);
    let (v, h) = verdict(&[toll("A", "dozens of", 20.0, Some(99.0)), toll("B", "31", 31.0, Some(31.0))]);
    assert_eq!((v, h.value, h.max), (Verdict::Refine, 20.0, Some(99.0)));
    let (v, h) = verdict(&[toll("A", "at least 40", 40.0, None), toll("B", "31", 31.0, Some(31.0))]);
    assert_eq!((v, h.value, h.min, h.max), (Verdict::Disagree, 31.0, 31.0, None));
    let (v, _) = verdict(&[toll("A", "12", 12.0, Some(12.0)), toll("A", "14", 14.0, Some(14.0))]);
    assert_eq!(v, Verdict::SingleSource);
}

#[test]
fn different_groups_are_different_tolls_not_a_disagreement() {
    let a = Draft::new("East Wire", None, &["Dozens of marchers and 8 officers were killed in Fenmore."])
        .count("Dozens of marchers", "killed", Some("protesters"), 20.0, Some(99.0))
        .count("8 officers", "killed", Some("security_forces"), 8.0, Some(8.0))
        .event("marchers", "violent_demonstration", "riots", &["Fenmore"], &[])
        .done();
    let b = Draft::new("West Wire", None, &["Eight officers were killed in Fenmore riots."])
        .count("Eight officers", "killed", Some("security_forces"), 8.0, Some(8.0))
        .event("riots", "violent_demonstration", "riots", &["Fenmore"], &[])
        .done();
    let h = reconcile(&[a, b]);
    assert_eq!(h.len(), 1);
    let by_group = |g: &str| h[0].comparisons.iter().find(|c| c.group.as_deref() == Some(g)).unwrap().verdict;
    assert_eq!(by_group("security_forces"), Verdict::Agree);
    assert_eq!(by_group("protesters"), Verdict::SingleSource);
}

#[test]
fn outlets_come_from_the_site_the_url_or_the_file() {
    let mut a = herald();
    assert_eq!(outlet(&a), "Valley Herald");
    a.meta.site = None;
    a.meta.url = Some("https://www.example.org:443/news/1".into());
    assert_eq!(outlet(&a), "example.org");
    a.meta.url = None;
    a.provenance.source = "in/some/dir/report.txt".into();
    assert_eq!(outlet(&a), "report.txt");
    a.provenance.position = Some(storyline_doc::Position::Line(3));
    assert_eq!(outlet(&a), format!("article {}", a.id));
}

#[test]
fn a_stated_lack_of_figures_meets_the_figures_of_another_outlet() {
    // One outlet counts the dead of Friday's crackdown; another, a day later, says in a
    // sentence of its own (aligned apart: another sub-type, no place) that no figure is known.
    let a = Draft::new(
        "North Post",
        Some("2020-06-06"),
        &["Police fired on protesters in Osterby on Friday, killing dozens."],
    )
    .timex("Friday", "2020-06-05")
    .count("dozens", "killed", Some("protesters"), 20.0, Some(99.0))
    .event("fired", "excessive_force_against_protesters", "protests", &["Osterby"], &[])
    .done();
    let b = Draft::new(
        "South Post",
        Some("2020-06-06"),
        &["The minister said protesters had clashed with the police but gave no casualty figure."],
    )
    .absence("no casualty figure", "no_figure")
    .event("clashed", "protest_with_intervention", "protests", &[], &[])
    .done();
    for order in [[a.clone(), b.clone()], [b, a]] {
        let happenings = reconcile(&order);
        let disagreements: Vec<&Comparison> = happenings
            .iter()
            .flat_map(|h| &h.comparisons)
            .filter(|c| c.verdict == Verdict::Disagree)
            .collect();
        assert_eq!(disagreements.len(), 1, "{happenings:#?}");
        assert_eq!(disagreements[0].outlets.len(), 2);
    }
}
