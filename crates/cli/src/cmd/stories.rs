//! The cluster pass over the store, and `storyline stories` / `storyline story ID`.
//!
//! Stories come from the stored articles fed, in the order they were stored, through a dedup
//! index and a clusterer, and replace the stored ones. The same stored articles therefore
//! always give the same stories, and re-running an ingest that adds nothing changes nothing.
//! The stream's state before its closing passes is saved with the stories (postcard, in the
//! store's `pass_state`), so the next pass feeds only the articles stored since; it resumes
//! exactly where a pass over the whole store would be at that article, so the stories are the
//! same either way. The saved state is trusted only by the same build, with the same
//! configuration, over the same articles and mentions ([`fingerprint`]); otherwise the pass
//! starts again from the first article.

use crate::Context;
use crate::cmd::copy_rule::CopyRule;
use crate::pass_state;
use serde_json::json;
use std::collections::HashMap;
use std::process::ExitCode;
use storyline_cluster::{Assignment, Clusterer, Config, StoryId, dating};
use storyline_dedup::{DedupIndex, Kind as DupKind, article_text};
use storyline_doc::{Article, DatedBy, MetaSource, PartialDateTime};
use storyline_store::{CopyOf, Store, StoryMember, StoryRow};

/// Articles fed in order through the dedup stage, then (unless a copy) the cluster stage, and
/// what their stories look like once the stream ends.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct StoryBuilder {
    dedup: DedupIndex<String>,
    clusterer: Clusterer,
    /// Per article, in feeding order.
    assigned: Vec<Assigned>,
    copy_rule: CopyRule,
    /// Per duplicate group (named by its first article) whose canonical copy is another one:
    /// that copy, as it stands.
    canonicals: HashMap<String, String>,
    /// Per copy: id, group, kind, similarity.
    copies: Vec<(String, String, String, f64)>,
}

/// An article as the clusterer placed it, with what its story's row takes from it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Assigned {
    id: String,
    assignment: Assignment,
    title: Option<String>,
    /// Its own publication date, not one inferred from its story: the story's span comes
    /// from these.
    published: Option<PartialDateTime>,
}

impl StoryBuilder {
    pub fn new(config: Config) -> StoryBuilder {
        StoryBuilder {
            dedup: DedupIndex::new(storyline_dedup::Config::default()),
            clusterer: Clusterer::new(config),
            assigned: Vec::new(),
            copy_rule: CopyRule::default(),
            canonicals: HashMap::new(),
            copies: Vec::new(),
        }
    }

    /// Feeds the next article: dedup, then the story it joins ([`CopyRule`]).
    pub fn push(&mut self, article: &Article) {
        let date = article.meta.published.as_ref().filter(|d| d.source != MetaSource::Inferred);
        let verdict = self.dedup.insert(article.id.clone(), &article_text(article), date.map(|d| &d.date));
        let features = self.clusterer.features_of(article);
        let (assignment, copy) = self.copy_rule.assign(&mut self.clusterer, &verdict, &features);
        if copy {
            let kind = if verdict.kind == DupKind::Exact { "exact" } else { "near" };
            self.copies.push((
                article.id.clone(),
                verdict.group.clone(),
                kind.to_string(),
                verdict.similarity,
            ));
        }
        if verdict.replaced.is_some() {
            self.canonicals.insert(verdict.group, verdict.canonical);
        }
        self.assigned.push(Assigned {
            id: article.id.clone(),
            assignment,
            title: article.meta.title.clone(),
            published: date.map(|d| d.date),
        });
    }

    /// Runs the last split and merge passes and returns the stories (titled by their first
    /// article), every article's membership, in feeding order, and the copies with their
    /// groups' canonical copies as they stand at the end.
    pub fn finish(mut self) -> (Vec<StoryRow>, Vec<StoryMember>, Vec<CopyOf>) {
        self.clusterer.split_pass();
        self.clusterer.merge_pass();
        let mut rows: HashMap<StoryId, StoryRow> = HashMap::new();
        // Per story, its earliest and latest publication, compared as instants.
        let mut spans: HashMap<StoryId, (PartialDateTime, PartialDateTime)> = HashMap::new();
        let mut members = Vec::with_capacity(self.assigned.len());
        for a in self.assigned {
            // A split may have moved the article out of the story it joined.
            let story = self.clusterer.story_of(&a.assignment);
            let row = rows.entry(story).or_insert_with(|| StoryRow {
                id: story as i64,
                size: 0,
                title: None,
                first_published: None,
                last_published: None,
            });
            row.size += 1;
            if row.title.is_none() {
                row.title = a.title;
            }
            if let Some(date) = a.published {
                let span = spans.entry(story).or_insert((date, date));
                if instant_order(&date) < instant_order(&span.0) {
                    span.0 = date;
                }
                if instant_order(&date) > instant_order(&span.1) {
                    span.1 = date;
                }
            }
            members.push(StoryMember {
                article: a.id,
                story: story as i64,
                arrived_in: a.assignment.story as i64,
                score: f64::from(a.assignment.score),
            });
        }
        for (story, (first, last)) in spans {
            let row = rows.get_mut(&story).expect("a span belongs to a story row");
            row.first_published = Some(first.to_string());
            row.last_published = Some(last.to_string());
        }
        let mut rows: Vec<StoryRow> = rows.into_values().collect();
        rows.sort_by_key(|r| r.id);
        let canonicals = &self.canonicals;
        let copies = self
            .copies
            .into_iter()
            .map(|(article, group, kind, similarity)| {
                let canonical = canonicals.get(&group).unwrap_or(&group).clone();
                // A copy published earlier than the first seen became canonical: the first
                // one is then the copy of it.
                let article = if canonical == article { group } else { article };
                CopyOf { article, canonical, kind, similarity }
            })
            .collect();
        (rows, members, copies)
    }
}

/// Dates by instant; at the same instant the more precise one is the later (`2022-01-06`
/// before `2022-01-06T00:00Z`), then the one with an offset, so that ties resolve the same
/// way whatever the feeding order.
fn instant_order(d: &PartialDateTime) -> (i64, storyline_doc::Precision, Option<i16>) {
    (d.utc_minutes(), d.precision(), d.offset_minutes)
}

/// The cluster pass: the stored articles in arrival order through the dedup index and the
/// clusterer (resumed from the saved state when it can be trusted, else from the first
/// article), the stories stored in place of the old ones with the new state. Returns how many
/// stories there are.
pub fn assign(store: &mut Store, config: &Config) -> anyhow::Result<usize> {
    let started = std::time::Instant::now();
    let trusted = |fed_through| fingerprint(store, config, fed_through);
    let (mut builder, mut fed_through) = match pass_state::load::<StoryBuilder>(store, "stories", trusted)? {
        Some(resumed) => resumed,
        None => (StoryBuilder::new(config.clone()), 0),
    };
    let from = fed_through;
    store.for_each_article_after(fed_through, |seq, a| {
        builder.push(&a);
        fed_through = seq;
    })?;
    let saved = pass_state::encode(&builder, fed_through, fingerprint(store, config, fed_through)?)?;
    let (rows, members, copies) = builder.finish();
    store.replace_stories(&rows, &members, &copies, saved.as_ref())?;
    let state_bytes = saved.map_or(0, |s| s.state.len());
    let seconds = started.elapsed().as_secs_f64();
    tracing::debug!(from, to = fed_through, state_bytes, seconds, "story pass fed articles");
    Ok(rows.len())
}

/// What the story pass's saved state depends on: this build, the configuration, and the
/// articles fed ([`Store::articles_digest`]); `None` when the build cannot be told.
fn fingerprint(store: &Store, config: &Config, fed_through: i64) -> anyhow::Result<Option<String>> {
    let Some(build) = pass_state::build_identity() else { return Ok(None) };
    let config = serde_json::to_string(config)?;
    Ok(Some(format!("{build} {config} {}", store.articles_digest(fed_through)?)))
}

/// The dating pass, after the cluster pass: every article without a date of its own takes its
/// story's date, marked inferred (`storyline_cluster::dating`), and its time expressions and
/// event mentions are resolved again from it. An article whose story has no dated article
/// loses a date inferred before. Returns how many articles changed.
pub fn date_undated(store: &mut Store) -> anyhow::Result<usize> {
    let story_of: HashMap<String, i64> =
        store.story_members()?.into_iter().map(|m| (m.article, m.story)).collect();
    let mut references: HashMap<i64, Vec<PartialDateTime>> = HashMap::new();
    // Articles without a date of their own, with the date inferred for them before, if any.
    let mut undated: Vec<(String, Option<PartialDateTime>)> = Vec::new();
    // Columns, not whole articles: only the articles whose date changes are read in full.
    store.for_each_dated_row(|row| {
        let Some(&story) = story_of.get(&row.id) else { return };
        match row.published {
            Some((date, false)) => references.entry(story).or_default().push(dating::reference_date_of(
                date,
                row.language.as_deref(),
                &row.text,
            )),
            Some((date, true)) => undated.push((row.id, Some(date))),
            None => undated.push((row.id, None)),
        }
    })?;
    let story_dates: HashMap<i64, PartialDateTime> = references
        .into_iter()
        .filter_map(|(story, dates)| Some((story, dating::earliest_consistent(dates)?)))
        .collect();
    let mut changed = Vec::new();
    for (id, before) in undated {
        let story_date = story_dates.get(&story_of[&id]).copied();
        if story_date == before {
            continue;
        }
        let mut a = store.get_article(&id)?;
        a.meta.published = story_date.map(|d| DatedBy::new(d, MetaSource::Inferred));
        storyline_analyse::retime(&mut a);
        let events = storyline_events::events(&a);
        a.layers.insert("events".into(), events);
        changed.push(a);
    }
    store.update_articles(&changed)?;
    Ok(changed.len())
}

/// List the stories: articles grouped by event by the cluster stage at each ingest.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  storyline stories\n  storyline stories --sort biggest --json | jq '.[0]'"
)]
pub struct ListArgs {
    /// newest (latest article first) or biggest (most articles first).
    #[arg(long, default_value = "newest", value_parser = ["newest", "biggest"])]
    pub sort: String,
    /// At most this many stories.
    #[arg(long, default_value_t = 50)]
    pub limit: u64,
    /// One JSON array on stdout.
    #[arg(long)]
    pub json: bool,
}

pub fn list(ctx: &Context, args: ListArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&ctx.data)?;
    let rows = store.list_stories(args.sort == "biggest", args.limit)?;
    if args.json {
        println!("{}", serde_json::to_string(&rows)?);
    } else {
        for r in &rows {
            let when = r.last_published.as_deref().unwrap_or("undated");
            println!(
                "{:>6}  {:>4} articles  {:<10}  {}",
                r.id,
                r.size,
                when,
                r.title.as_deref().unwrap_or("(untitled)")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Show one story: its articles, most mentioned entities.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The story's number, as `storyline stories` lists it.
    pub id: i64,
    #[arg(long)]
    pub json: bool,
}

pub fn show(ctx: &Context, args: ShowArgs) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(&ctx.data)?;
    let members: Vec<StoryMember> =
        store.story_members()?.into_iter().filter(|m| m.story == args.id).collect();
    if members.is_empty() {
        eprintln!("error: no story {} in {}", args.id, ctx.data.display());
        return Ok(ExitCode::FAILURE);
    }
    let copy_of: HashMap<String, String> =
        store.copies()?.into_iter().map(|c| (c.article, c.canonical)).collect();
    let mut articles = Vec::new();
    for m in &members {
        let a = store.get_article(&m.article)?;
        let copy = copy_of.get(&a.id);
        articles.push(json!({
            "id": a.id,
            "title": a.meta.title,
            "published": a.meta.published.as_ref().map(|d| d.date.to_string()),
            "date_source": a.meta.published.as_ref().map(|d| &d.source),
            "language": a.meta.language.as_ref().map(|l| l.code.clone()),
            "score": m.score,
            "copy_of": copy,
        }));
    }
    // Entities resolved across the store at ingest; counted here by their mentions in this story.
    let ranked = store.entities_of_story(args.id)?;
    let entity_json = |s: &storyline_store::StoryEntity| {
        let e = &s.entity;
        json!({ "id": e.id, "name": e.canonical, "label": e.kind, "mentions": s.mentions_in_story, "variants": e.variants, "place": e.place })
    };
    let top = |label: Option<&str>, n: usize| -> Vec<serde_json::Value> {
        ranked
            .iter()
            .filter(|s| label.is_none_or(|want| s.entity.kind == want))
            .take(n)
            .map(entity_json)
            .collect()
    };
    let out = json!({
        "story": args.id,
        "articles": articles,
        "entities": top(None, 15),
        "places": top(Some("LOC"), usize::MAX),
    });
    if args.json {
        println!("{out}");
    } else {
        println!("story {} ({} articles)", args.id, members.len());
        for a in &articles {
            let inferred = if a["date_source"] == "inferred" { " (inferred)" } else { "" };
            let copy = a["copy_of"].as_str().map_or(String::new(), |c| format!("  [copy of {c}]"));
            println!(
                "  {}  {}{inferred}  {}{copy}",
                a["id"].as_str().unwrap_or(""),
                a["published"].as_str().unwrap_or("undated"),
                a["title"].as_str().unwrap_or("(untitled)")
            );
        }
        let names: Vec<String> = out["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                format!(
                    "{} ({}, {})",
                    e["name"].as_str().unwrap_or(""),
                    e["label"].as_str().unwrap_or(""),
                    e["mentions"]
                )
            })
            .collect();
        println!("entities: {}", names.join(", "));
        for p in out["places"].as_array().into_iter().flatten().filter(|p| p["place"].is_object()) {
            let place = &p["place"];
            println!(
                "place: {} → {}, {} ({:.3}, {:.3}, {})",
                p["name"].as_str().unwrap_or(""),
                place["name"].as_str().unwrap_or(""),
                place["country"].as_str().unwrap_or(""),
                place["lat"].as_f64().unwrap_or(0.0),
                place["lon"].as_f64().unwrap_or(0.0),
                place["precision"].as_str().unwrap_or(""),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_doc::{Language, Metadata, Provenance};

    fn article(title: &str, text: &str) -> Article {
        let meta = Metadata {
            title: Some(title.into()),
            language: Some(Language { code: "en".into(), confidence: 1.0, source: MetaSource::Container }),
            ..Metadata::default()
        };
        Article::from_paragraphs(Provenance::new("t", None, text.as_bytes()), meta, [text])
    }

    #[test]
    fn articles_a_split_moved_are_stored_with_their_new_story() {
        // With no join threshold an article joins any story it shares a term with ("weekend"
        // here), so two events end up in one story until the split pass runs.
        let config = Config { threshold: 0.0, merge_every: 0, ..Config::default() };
        let mut builder = StoryBuilder::new(config);
        let articles = [
            article(
                "Rail strike",
                "Train drivers in Norvale walked out over pay, halting commuter services across the region for the weekend.",
            ),
            article(
                "Cheese festival",
                "The cheese festival in Lindqvist drew record crowds at the weekend, with dairy farmers selling aged cheddar and goat cheese.",
            ),
            article(
                "Strike goes on",
                "The drivers' union in Norvale said the rail strike will continue until the operator improves its pay offer; commuter trains stayed in depots.",
            ),
            article(
                "Festival sells out",
                "Dairy farmers at the Lindqvist cheese festival sold out of aged goat cheese, organisers said, as crowds doubled on the second day.",
            ),
        ];
        articles.iter().for_each(|a| builder.push(a));
        assert!(builder.assigned.iter().all(|a| a.assignment.story == 1), "one story before the pass");
        let (rows, members, _) = builder.finish();
        let stories: Vec<i64> = members.iter().map(|m| m.story).collect();
        assert_eq!(stories, [1, 2, 1, 2]);
        let titles: Vec<(i64, u64, Option<&str>)> =
            rows.iter().map(|r| (r.id, r.size, r.title.as_deref())).collect();
        assert_eq!(titles, [(1, 2, Some("Rail strike")), (2, 2, Some("Cheese festival"))]);
    }
}
