//! `storyline eval dedup`: precision and recall on labelled pairs built from real texts.

use super::corpus::{self, Doc, Source};
use super::perturb::{self, Perturbation};
use super::{IndexArgs, describe};
use anyhow::{Context as _, bail};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storyline_dedup::{Config, DedupIndex, Kind};
use storyline_eval::extraction::shingles::{SplitMix64, page_counts};

/// Score near-duplicate detection on pairs built from real articles.
///
/// The articles are the 181 ScrapingHub bodies and the 209 MMDS2025 dev articles under DIR.
/// Positive pairs: each article and a copy made by one seeded edit (reformatting, a sentence
/// or a paragraph deleted, a paragraph of another article inserted, paragraphs shuffled,
/// another headline, page furniture lines, the last third cut, word edits, three edits
/// mixed). Negative pairs: each article and --negatives other articles (each copied with a
/// random edit), and every pair of different articles of one MMDS2025 gold event (same
/// event, different text: the hard ones). Each pair goes through a fresh index, first the
/// article then its partner; the partner's verdict is the prediction.
///
/// Precision and F1 of a perturbation count all the negative pairs. The threshold curve
/// re-scores the same pairs at other thresholds from the similarity each verdict reports
/// (a pair's one candidate has the same similarity whatever the threshold). The stream
/// lines insert every article and all its copies into one index in a seeded order and
/// score the groups pairwise.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  storyline eval dedup\n  \
    storyline eval dedup ../shared/data --threshold 0.6 --json\n  \
    storyline eval dedup --shingle-words 3 --bands 16 --rows 8")]
pub struct EvalDedupArgs {
    /// The data folder holding `extraction/scrapinghub` and `clustering/mmds2025`.
    #[arg(default_value = "../shared/data")]
    pub dir: PathBuf,
    #[command(flatten)]
    pub index: IndexArgs,
    /// Seed of every random draw.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Negative pairs of other articles per article.
    #[arg(long, default_value_t = 3)]
    pub negatives: usize,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Also list the missed copies and the false matches.
    #[arg(long)]
    pub errors: bool,
    /// Write the pairs as JSON Lines (`{"id", "kind", "positive", "first", "second"}`), for a
    /// peer to run on (scripts/peer_datasketch.py).
    #[arg(long, value_name = "FILE")]
    pub pairs_out: Option<PathBuf>,
    /// Score this JSON Lines file of `{"id", "found", "similarity"}` (one line per pair of
    /// --pairs-out) instead of running our index; the stream is then not run.
    #[arg(long, value_name = "FILE")]
    pub predictions: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum PairKind {
    Copy(Perturbation),
    OtherArticle,
    SameStory,
}

impl PairKind {
    fn name(self) -> &'static str {
        match self {
            PairKind::Copy(p) => p.name(),
            PairKind::OtherArticle => "other article",
            PairKind::SameStory => "same story",
        }
    }

    fn positive(self) -> bool {
        matches!(self, PairKind::Copy(_))
    }
}

struct Pair {
    kind: PairKind,
    names: (String, String),
    first: Doc,
    second: Doc,
}

struct Scored {
    kind: PairKind,
    names: (String, String),
    found: bool,
    exact: bool,
    similarity: f64,
    /// For same-story pairs: the share of the smaller text's word 4-grams found in the other
    /// (exact, ScrapingHub's shingles), which tells a shared wire copy from a different text.
    shared_text: Option<f64>,
}

/// A same-story pair whose shorter text is mostly in the other is a republished copy,
/// whatever the gold event label says.
const SHARED_COPY: f64 = 0.5;

fn build_pairs(sources: &[Source], seed: u64, negatives: usize) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let doc = source.doc();
        for (e, edit) in Perturbation::ALL.into_iter().enumerate() {
            let mut rng = SplitMix64::new(seed ^ ((i as u64) << 16 | e as u64).wrapping_mul(0x9E37_79B9));
            let copy = perturb::apply(edit, &doc, sources, &mut rng);
            let names = (source.name.clone(), format!("{} ({})", source.name, edit.name()));
            pairs.push(Pair { kind: PairKind::Copy(edit), names, first: doc.clone(), second: copy });
        }
        let mut rng = SplitMix64::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        for _ in 0..negatives.min(sources.len() - 1) {
            let j = loop {
                let j = rng.below(sources.len());
                if j != i {
                    break j;
                }
            };
            let edit = Perturbation::ALL[rng.below(Perturbation::ALL.len())];
            let other = perturb::apply(edit, &sources[j].doc(), sources, &mut rng);
            let names = (source.name.clone(), format!("{} ({})", sources[j].name, edit.name()));
            pairs.push(Pair { kind: PairKind::OtherArticle, names, first: doc.clone(), second: other });
        }
    }
    for (i, a) in sources.iter().enumerate() {
        for b in &sources[i + 1..] {
            if a.story.is_some() && a.story == b.story {
                let names = (a.name.clone(), b.name.clone());
                pairs.push(Pair { kind: PairKind::SameStory, names, first: a.doc(), second: b.doc() });
            }
        }
    }
    pairs
}

fn write_pairs(path: &Path, pairs: &[Pair]) -> anyhow::Result<()> {
    let mut out = String::new();
    for (id, p) in pairs.iter().enumerate() {
        let line = json!({ "id": id, "kind": p.kind.name(), "positive": p.kind.positive(),
            "first": p.first.text(), "second": p.second.text() });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))
}

/// A peer's verdicts on the pairs of --pairs-out, scored like ours.
fn read_predictions(path: &Path, pairs: &[Pair]) -> anyhow::Result<Vec<Scored>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut found = vec![None; pairs.len()];
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), n + 1))?;
        let id = v["id"].as_u64().and_then(|i| usize::try_from(i).ok()).filter(|&i| i < pairs.len());
        let (Some(id), Some(f)) = (id, v["found"].as_bool()) else {
            bail!(
                "{}:{}: expected {{\"id\": 0..{}, \"found\": bool, ...}}",
                path.display(),
                n + 1,
                pairs.len()
            );
        };
        found[id] = Some((f, v["similarity"].as_f64().unwrap_or(if f { 1.0 } else { 0.0 })));
    }
    let missing = found.iter().filter(|f| f.is_none()).count();
    if missing > 0 {
        bail!(
            "{}: no prediction for {missing} of {} pairs (same --seed and --negatives?)",
            path.display(),
            pairs.len()
        );
    }
    Ok(pairs
        .iter()
        .zip(found)
        .map(|(pair, f)| {
            let (found, similarity) = f.unwrap_or_default();
            Scored {
                kind: pair.kind,
                names: pair.names.clone(),
                found,
                exact: false,
                similarity,
                shared_text: shared_text(pair),
            }
        })
        .collect())
}

fn shared_text(pair: &Pair) -> Option<f64> {
    (pair.kind == PairKind::SameStory).then(|| {
        let c = page_counts(&pair.first.text(), &pair.second.text());
        c.precision().max(c.recall())
    })
}

fn score_pair(config: Config, pair: &Pair) -> Scored {
    let mut index = DedupIndex::new(config);
    index.insert(0u32, &pair.first.text(), None);
    let v = index.insert(1u32, &pair.second.text(), None);
    Scored {
        kind: pair.kind,
        names: pair.names.clone(),
        found: v.kind != Kind::New,
        exact: v.kind == Kind::Exact,
        similarity: v.similarity,
        shared_text: shared_text(pair),
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Prf {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Prf {
    fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    }
    fn json(&self) -> serde_json::Value {
        json!({ "tp": self.tp, "fp": self.fp, "fn": self.fn_,
            "precision": self.precision(), "recall": self.recall(), "f1": self.f1() })
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn prf(scored: &[Scored], predicted: impl Fn(&Scored) -> bool) -> Prf {
    let mut c = Prf::default();
    for s in scored {
        match (s.kind.positive(), predicted(s)) {
            (true, true) => c.tp += 1,
            (true, false) => c.fn_ += 1,
            (false, true) => c.fp += 1,
            (false, false) => {}
        }
    }
    c
}

/// Every article and all its copies in one index, in a seeded order; pairwise precision
/// and recall of the groups against "copies of one article", and against "copies of one
/// text", where `same_text[i]` names the article whose text article `i` republishes.
fn stream(config: Config, sources: &[Source], seed: u64, same_text: &[usize]) -> (Prf, Prf, usize) {
    let mut docs: Vec<(usize, Doc)> = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let doc = source.doc();
        let mut rng = SplitMix64::new(seed ^ 0x5EED ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for edit in Perturbation::ALL {
            docs.push((i, perturb::apply(edit, &doc, sources, &mut rng)));
        }
        docs.push((i, doc));
    }
    let mut rng = SplitMix64::new(seed ^ 0x0DE2);
    for i in (1..docs.len()).rev() {
        docs.swap(i, rng.below(i + 1));
    }
    let mut index = DedupIndex::new(config);
    let mut by_group: HashMap<u32, Vec<usize>> = HashMap::new();
    for (n, (_, doc)) in docs.iter().enumerate() {
        let v = index.insert(n as u32, &doc.text(), None);
        by_group.entry(v.group).or_default().push(n);
    }
    let truth_by_article: Vec<usize> = docs.iter().map(|(source, _)| *source).collect();
    let truth_by_text: Vec<usize> = truth_by_article.iter().map(|&s| same_text[s]).collect();
    let groups: Vec<u32> = by_group_order(&by_group, docs.len());
    (pairwise(&groups, &truth_by_article), pairwise(&groups, &truth_by_text), docs.len())
}

/// The group of each inserted article, by insertion number.
fn by_group_order(by_group: &HashMap<u32, Vec<usize>>, n: usize) -> Vec<u32> {
    let mut out = vec![0; n];
    for (&group, members) in by_group {
        for &m in members {
            out[m] = group;
        }
    }
    out
}

/// Pairwise counts of predicted groups against true labels.
fn pairwise(predicted: &[u32], truth: &[usize]) -> Prf {
    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    let mut both: HashMap<(u32, usize), usize> = HashMap::new();
    let mut by_predicted: HashMap<u32, usize> = HashMap::new();
    let mut by_truth: HashMap<usize, usize> = HashMap::new();
    for (&p, &t) in predicted.iter().zip(truth) {
        *both.entry((p, t)).or_default() += 1;
        *by_predicted.entry(p).or_default() += 1;
        *by_truth.entry(t).or_default() += 1;
    }
    let tp: usize = both.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: usize = by_predicted.values().map(|&n| pairs(n)).sum();
    let true_pairs: usize = by_truth.values().map(|&n| pairs(n)).sum();
    Prf { tp, fp: predicted_pairs - tp, fn_: true_pairs - tp }
}

/// For each article, the first article whose text it shares (itself if none): same-story
/// pairs sharing most of their text are one text republished.
fn same_text_roots(sources: &[Source], scored: &[Scored], pairs: &[Pair]) -> Vec<usize> {
    let index: HashMap<&str, usize> = sources.iter().enumerate().map(|(i, s)| (s.name.as_str(), i)).collect();
    let mut root: Vec<usize> = (0..sources.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for (s, p) in scored.iter().zip(pairs) {
        if s.shared_text.is_some_and(|x| x >= SHARED_COPY) {
            let (a, b) =
                (find(&mut root, index[p.names.0.as_str()]), find(&mut root, index[p.names.1.as_str()]));
            root[a.max(b)] = a.min(b);
        }
    }
    (0..sources.len()).map(|i| find(&mut root, i)).collect()
}

pub fn eval_dedup(args: EvalDedupArgs) -> anyhow::Result<ExitCode> {
    let config = args.index.config();
    let sources = corpus::load(&args.dir)?;
    let from_sh = sources.iter().filter(|s| s.name.starts_with("scrapinghub/")).count();
    let pairs = build_pairs(&sources, args.seed, args.negatives);
    if let Some(path) = &args.pairs_out {
        write_pairs(path, &pairs)?;
    }
    let scored: Vec<Scored> = match &args.predictions {
        Some(path) => read_predictions(path, &pairs)?,
        None => pairs.iter().map(|p| score_pair(config, p)).collect(),
    };

    let same_text = same_text_roots(&sources, &scored, &pairs);
    let streamed = args.predictions.is_none().then(|| stream(config, &sources, args.seed, &same_text));
    let mut kinds: BTreeMap<PairKind, Vec<&Scored>> = BTreeMap::new();
    for s in &scored {
        kinds.entry(s.kind).or_default().push(s);
    }
    let overall = prf(&scored, |s| s.found);
    let curve: Vec<(f64, Prf, usize)> = (3..=18)
        .map(|i| {
            let t = f64::from(i) * 0.05;
            let c = prf(&scored, |s| s.similarity >= t);
            let hard = scored.iter().filter(|s| s.kind == PairKind::SameStory && s.similarity >= t).count();
            (t, c, hard)
        })
        .collect();

    if args.json {
        let per_kind: Vec<_> = kinds
            .iter()
            .map(|(k, list)| {
                let found = list.iter().filter(|s| s.found).count();
                let mut v = json!({
                    "pairs": k.name(),
                    "positive": k.positive(),
                    "n": list.len(),
                    "found": found,
                    "exact": list.iter().filter(|s| s.exact).count(),
                    "mean_similarity": list.iter().map(|s| s.similarity).sum::<f64>() / list.len().max(1) as f64,
                });
                if k.positive() {
                    let c = Prf { tp: found, fp: overall.fp, fn_: list.len() - found };
                    v["scores"] = c.json();
                }
                v
            })
            .collect();
        let v = json!({
            "dir": args.dir.display().to_string(),
            "seed": args.seed,
            "articles": { "scrapinghub": from_sh, "mmds2025": sources.len() - from_sh },
            "config": {
                "shingle_words": config.shingle_words, "bands": config.bands, "rows": config.rows,
                "hashes": config.hashes(), "threshold": config.threshold,
                "min_containment_shingles": config.min_containment_shingles,
                "min_size_ratio": config.min_size_ratio,
            },
            "pairs": scored.len(),
            "overall": overall.json(),
            "per_kind": per_kind,
            "curve": curve.iter().map(|(t, c, hard)| {
                let mut v = c.json();
                v["threshold"] = json!(t);
                v["same_story_fp"] = json!(hard);
                v
            }).collect::<Vec<_>>(),
            "stream": streamed.map(|(by_article, by_text, docs)| json!({
                "articles": docs,
                "pairwise": by_article.json(),
                "pairwise_shared_texts_as_one": by_text.json(),
            })),
            "predictions": args.predictions.as_ref().map(|p| p.display().to_string()),
            "same_story_shared_copies": {
                "threshold": SHARED_COPY,
                "pairs": scored.iter().filter(|s| s.shared_text.is_some_and(|x| x >= SHARED_COPY)).count(),
                "found": scored.iter().filter(|s| s.found && s.shared_text.is_some_and(|x| x >= SHARED_COPY)).count(),
            },
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "near-duplicate detection on {} pairs from {} real articles ({} ScrapingHub bodies, {} MMDS2025 dev), seed {}",
        scored.len(),
        sources.len(),
        from_sh,
        sources.len() - from_sh,
        args.seed
    );
    match &args.predictions {
        Some(p) => {
            let _ = writeln!(out, "verdicts: {}\n", p.display());
        }
        None => {
            let _ = writeln!(out, "index: {}\n", describe(&config));
        }
    }
    let _ = writeln!(
        out,
        "{:<20} {:>5} {:>6} {:>6} {:>9} {:>9} {:>7} {:>9}",
        "pairs", "n", "found", "exact", "precision", "recall", "F1", "mean sim"
    );
    for (k, list) in &kinds {
        let found = list.iter().filter(|s| s.found).count();
        let exact = list.iter().filter(|s| s.exact).count();
        let mean = list.iter().map(|s| s.similarity).sum::<f64>() / list.len().max(1) as f64;
        if k.positive() {
            let c = Prf { tp: found, fp: overall.fp, fn_: list.len() - found };
            let _ = writeln!(
                out,
                "{:<20} {:>5} {:>6} {:>6} {:>9.3} {:>9.3} {:>7.3} {:>9.3}",
                k.name(),
                list.len(),
                found,
                exact,
                c.precision(),
                c.recall(),
                c.f1(),
                mean
            );
        } else {
            let _ = writeln!(
                out,
                "{:<20} {:>5} {:>6} {:>6} {:>9} {:>9} {:>7} {:>9.3}   (negatives: found = false matches)",
                k.name(),
                list.len(),
                found,
                exact,
                "",
                "",
                "",
                mean
            );
        }
    }
    let _ = writeln!(
        out,
        "{:<20} {:>5} {:>6} {:>6} {:>9.3} {:>9.3} {:>7.3}",
        "all pairs",
        scored.len(),
        overall.tp + overall.fp,
        scored.iter().filter(|s| s.exact).count(),
        overall.precision(),
        overall.recall(),
        overall.f1()
    );
    let same_story: Vec<&Scored> = scored.iter().filter(|s| s.kind == PairKind::SameStory).collect();
    let copies = same_story.iter().filter(|s| s.shared_text.is_some_and(|x| x >= SHARED_COPY)).count();
    let copies_found =
        same_story.iter().filter(|s| s.found && s.shared_text.is_some_and(|x| x >= SHARED_COPY)).count();
    let _ = writeln!(
        out,
        "same-story pairs sharing most of their text (≥ {SHARED_COPY} of the shorter's word 4-grams, wire copies): \
         {copies}, of which found {copies_found}; false matches among the others: {}",
        same_story.iter().filter(|s| s.found).count() - copies_found
    );
    let _ = writeln!(out, "\nthreshold curve (same pairs):");
    let _ = writeln!(
        out,
        "{:>9} {:>9} {:>9} {:>7} {:>6} {:>16}",
        "threshold", "precision", "recall", "F1", "fp", "fp same story"
    );
    for (t, c, hard) in &curve {
        let _ = writeln!(
            out,
            "{t:>9.2} {:>9.3} {:>9.3} {:>7.3} {:>6} {hard:>16}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.fp
        );
    }
    if let Some((by_article, by_text, docs)) = streamed {
        let _ = writeln!(
            out,
            "\nstream: {docs} articles (every article and its {} copies) in one index, seeded order;\n\
             pairwise over groups: precision {:.3}  recall {:.3}  F1 {:.3};\n\
             the same, same-story articles that share most of their text counted as one text: \
             precision {:.3}  recall {:.3}  F1 {:.3}",
            Perturbation::ALL.len(),
            by_article.precision(),
            by_article.recall(),
            by_article.f1(),
            by_text.precision(),
            by_text.recall(),
            by_text.f1()
        );
    }
    if args.errors {
        let _ = writeln!(out, "\nerrors:");
        for s in scored.iter().filter(|s| s.found != s.kind.positive()) {
            let what = if s.found { "false match" } else { "missed" };
            let shared = s.shared_text.map_or(String::new(), |x| format!("  (shared text {x:.2})"));
            let _ = writeln!(
                out,
                "  {what:<11} {:<18} sim {:.3}  {}  ~  {}{shared}",
                s.kind.name(),
                s.similarity,
                s.names.0,
                s.names.1
            );
        }
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}
