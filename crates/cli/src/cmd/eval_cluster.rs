//! `storyline eval cluster`: story clustering against a labelled file in the MMDS2025 layout.

use crate::cmd::analyse::{Analyser, ModelsArg};
use crate::cmd::stories::{self, StoryBuilder};
use anyhow::{Context as _, bail};
use serde::Deserialize;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use storyline_cluster::Config;
use storyline_doc::{Article, Metadata, Position, Provenance};
use storyline_eval::cluster::{Prf, bcubed, catch_all_as_singletons, pairwise};
use storyline_store::Store;

/// Score story clustering on a labelled file: BCubed and pairwise precision, recall and F1.
///
/// FILE is in the MMDS2025 layout: `{"articles": [{"ID", "title", "sentences": [{"content"}]}],
/// "clusters": [label per article]}`. Only the title and the sentences' text are read (never
/// the annotated fields). The file gives no dates, so articles are fed in ID order, the order
/// of the collection. Each becomes an article (title, then one paragraph per sentence), gets
/// its language identified and is analysed (sentences, entities with the NER models), then
/// goes into a fresh temporary store; the stories come from the same cluster pass as
/// `storyline ingest` runs. Items of the catch-all label (--catch-all, 166 in MMDS2025) are
/// scored as a story each.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  storyline eval cluster --gold ../shared/data/clustering/mmds2025/dev.json\n  \
    storyline eval cluster --gold dev.json --out stories.json --json\n  \
    storyline eval cluster --gold dev.json --sweep"
)]
pub struct EvalClusterArgs {
    /// Labelled file in the MMDS2025 layout.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Write the predicted story of each article ID as JSON: `{"<ID>": story, ...}`.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// One JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// The label that groups articles belonging to no cluster; each is scored alone.
    #[arg(long, default_value_t = 166, allow_negative_numbers = true)]
    pub catch_all: i64,
    /// Override the join threshold (default: the clusterer's).
    #[arg(long)]
    pub threshold: Option<f32>,
    /// Override the anchor weight.
    #[arg(long)]
    pub anchor_weight: Option<f32>,
    /// Override the merge threshold.
    #[arg(long)]
    pub merge_threshold: Option<f32>,
    /// Weight of the glossed channel (Chinese read through the glossary), instead of the default.
    #[arg(long)]
    pub glossed_weight: Option<f32>,
    /// Weight of the interlingual channel, instead of the default.
    #[arg(long)]
    pub interlingual_weight: Option<f32>,
    /// Override the split threshold (0 turns the split pass off).
    #[arg(long)]
    pub split_threshold: Option<f32>,
    /// Also score a grid of thresholds × anchor weights (the curve in BENCHMARKS.md).
    #[arg(long)]
    pub sweep: bool,
    #[command(flatten)]
    pub models: ModelsArg,
}

#[derive(Deserialize)]
struct GoldFile {
    articles: Vec<GoldArticle>,
    clusters: Vec<i64>,
}

#[derive(Deserialize)]
struct GoldArticle {
    #[serde(rename = "ID")]
    id: i64,
    title: String,
    sentences: Vec<GoldSentence>,
}

#[derive(Deserialize)]
struct GoldSentence {
    content: String,
}

pub fn eval_cluster(args: EvalClusterArgs) -> anyhow::Result<ExitCode> {
    let gold = read_gold(&args.gold)?;
    let mut config = Config::default();
    if let Some(t) = args.threshold {
        config.threshold = t;
    }
    if let Some(w) = args.anchor_weight {
        config.anchor_weight = w;
    }
    if let Some(m) = args.merge_threshold {
        config.merge_threshold = m;
    }
    if let Some(w) = args.glossed_weight {
        config.glossed_weight = w;
    }
    if let Some(w) = args.interlingual_weight {
        config.interlingual_weight = w;
    }
    if let Some(s) = args.split_threshold {
        config.split_threshold = s;
    }
    let started = Instant::now();
    let analyser = Analyser::new(&args.models)?;
    let mut order: Vec<usize> = (0..gold.articles.len()).collect();
    order.sort_by_key(|&i| gold.articles[i].id);
    let mut articles: Vec<Article> =
        order.iter().map(|&i| to_article(&gold.articles[i], &args.gold, i)).collect();
    analyser.analyse_all(&mut articles.iter_mut().collect::<Vec<_>>());
    let analysed = started.elapsed().as_secs_f64();

    let tmp = tempfile::tempdir().context("creating a temporary store")?;
    let mut store = Store::open(tmp.path())?;
    let inserted = store.insert_articles(&articles)?;
    let story_count = stories::assign(&mut store, &config)?;
    let story_of: HashMap<String, i64> =
        store.story_members()?.into_iter().map(|m| (m.article, m.story)).collect();
    // Two items with the same text are one stored article, hence one story.
    let predicted: Vec<i64> = order.iter().zip(&inserted).map(|(_, ins)| story_of[&ins.id]).collect();
    let labels: Vec<i64> = order.iter().map(|&i| gold.clusters[i]).collect();
    let gold_labels = catch_all_as_singletons(&labels, args.catch_all);
    let b = bcubed(&gold_labels, &predicted);
    let p = pairwise(&gold_labels, &predicted);
    let seconds = started.elapsed().as_secs_f64();

    if let Some(out) = &args.out {
        let by_id: BTreeMap<i64, i64> =
            order.iter().zip(&predicted).map(|(&i, &s)| (gold.articles[i].id, s)).collect();
        let json: BTreeMap<String, i64> = by_id.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        std::fs::write(out, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("writing {}", out.display()))?;
    }
    let curve = if args.sweep { sweep(&articles, &gold_labels) } else { Vec::new() };
    let languages = language_counts(&articles);
    if args.json {
        let out = json!({
            "gold": args.gold.display().to_string(),
            "articles": articles.len(),
            "gold_clusters": labels.iter().filter(|&&l| l != args.catch_all).collect::<std::collections::BTreeSet<_>>().len(),
            "stories": story_count,
            "bcubed": b,
            "pairwise": p,
            "config": config,
            "languages": languages,
            "seconds": seconds,
            "analyse_seconds": analysed,
            "sweep": curve.iter().map(|(t, w, s)| json!({"threshold": t, "anchor_weight": w, "bcubed_f1": s.f1, "bcubed_p": s.precision, "bcubed_r": s.recall})).collect::<Vec<_>>(),
        });
        println!("{out}");
    } else {
        println!(
            "{}: {} articles, {} stories ({:.1}s)",
            args.gold.display(),
            articles.len(),
            story_count,
            seconds
        );
        println!("  BCubed    P {:.4}  R {:.4}  F1 {:.4}", b.precision, b.recall, b.f1);
        println!("  pairwise  P {:.4}  R {:.4}  F1 {:.4}", p.precision, p.recall, p.f1);
        let langs: Vec<String> = languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
        println!("  languages identified: {}", langs.join(", "));
        if !curve.is_empty() {
            println!("  threshold  anchor_weight  BCubed P  R  F1");
            for (t, w, s) in &curve {
                println!("  {t:.3}  {w:.2}  {:.4}  {:.4}  {:.4}", s.precision, s.recall, s.f1);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// BCubed over a grid of join thresholds and anchor weights, in memory: the same builder as
/// the store's cluster pass, over the same articles in the same order.
fn sweep(articles: &[Article], gold: &[storyline_eval::cluster::Label]) -> Vec<(f32, f32, Prf)> {
    let mut out = Vec::new();
    for w in [0.0, 0.6, 0.8, 1.0] {
        for step in 1..=24 {
            let threshold = step as f32 * 0.025;
            let config = Config { threshold, anchor_weight: w, ..Config::default() };
            let mut builder = StoryBuilder::new(config);
            articles.iter().for_each(|a| builder.push(a));
            let (_, members, _) = builder.finish();
            let predicted: HashMap<&str, i64> =
                members.iter().map(|m| (m.article.as_str(), m.story)).collect();
            let pred: Vec<i64> = articles.iter().map(|a| predicted[a.id.as_str()]).collect();
            out.push((threshold, w, bcubed(gold, &pred)));
        }
    }
    out
}

fn language_counts(articles: &[Article]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for a in articles {
        let l = a.meta.language.as_ref().map_or("unknown".to_string(), |l| l.code.clone());
        *counts.entry(l).or_insert(0) += 1;
    }
    counts
}

fn read_gold(path: &Path) -> anyhow::Result<GoldFile> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let gold: GoldFile = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not in the MMDS2025 layout (articles, clusters)", path.display()))?;
    if gold.articles.len() != gold.clusters.len() {
        bail!(
            "{}: {} articles but {} cluster labels",
            path.display(),
            gold.articles.len(),
            gold.clusters.len()
        );
    }
    Ok(gold)
}

/// The title, then one paragraph per sentence; the language as identified from the text.
fn to_article(g: &GoldArticle, file: &Path, item: usize) -> Article {
    let paragraphs: Vec<&str> =
        std::iter::once(g.title.as_str()).chain(g.sentences.iter().map(|s| s.content.as_str())).collect();
    let raw = paragraphs.join("\n\n");
    let provenance =
        Provenance::new(file.display().to_string(), Some(Position::Item(item as u64 + 1)), raw.as_bytes());
    let meta = Metadata {
        title: Some(g.title.clone()),
        language: storyline_extract::lang::identify(&raw, None),
        ..Metadata::default()
    };
    Article::from_paragraphs(provenance, meta, paragraphs)
}

/// The articles of a file in the MMDS2025 layout, in ID order, not yet analysed.
pub fn read_mmds_articles(path: &Path) -> anyhow::Result<Vec<Article>> {
    let gold = read_gold(path)?;
    let mut order: Vec<usize> = (0..gold.articles.len()).collect();
    order.sort_by_key(|&i| gold.articles[i].id);
    Ok(order.iter().map(|&i| to_article(&gold.articles[i], path, i)).collect())
}
