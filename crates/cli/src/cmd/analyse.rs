//! `storyline analyse`: the analyse stage over stored articles, and the [`Analyser`] that
//! `storyline ingest` runs on each new article.

use crate::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};
use storyline_analyse::Models;
use storyline_doc::Article;
use storyline_store::Store;

/// Add sentences, tokens, named entities, time expressions, quantities, attributions and
/// event mentions to stored articles again.
///
/// `storyline ingest` analyses each new article; this command re-runs the stage on articles
/// already stored: after a model update (--all), on a few articles (IDs), or, with neither, on
/// the articles stored before the stage existed. Each article's previous layers and entities
/// are replaced, so running it twice gives the same store. Articles are written in
/// transactions of --batch articles; an interrupted run keeps the batches it finished. The
/// store's entities are then resolved again from the new mentions (`storyline entities`).
///
/// Entities need a model for the article's language (`<lang>.bin.gz` in --models); articles
/// in other languages get sentences and tokens only.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline analyse                          # articles never analysed (an older store)
  storyline analyse --all                    # every article, e.g. after retraining a model
  storyline analyse 3f2a9c01 77b0e1          # some articles, by id or unique prefix
  storyline analyse --all --models ~/ner --json")]
pub struct Args {
    /// Article ids (or unique prefixes) to analyse.
    #[arg(value_name = "ID", conflicts_with = "all")]
    pub ids: Vec<String>,

    /// Analyse every stored article.
    #[arg(long)]
    pub all: bool,

    /// Articles per transaction.
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,

    /// Print the summary as one JSON object on stdout: `analysed`, `entities`, and
    /// `without_model` (articles whose language has no NER model, or one that does not load).
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub models: ModelsArg,
}

/// Where the NER models are; shared by `ingest`, `analyse`, `ner` and `eval ner`.
#[derive(Debug, Clone, clap::Args)]
pub struct ModelsArg {
    /// Folder of `<lang>.bin.gz` NER models to use instead of the ones shipped in the binary.
    #[arg(long, env = "STORYLINE_MODELS", value_name = "DIR")]
    pub models: Option<PathBuf>,
}

impl ModelsArg {
    /// The shipped models, or those of the folder given (which must exist).
    pub fn open(&self) -> anyhow::Result<Models> {
        match &self.models {
            None => Ok(Models::shipped()),
            Some(dir) => Models::open_dir(dir)
                .map_err(|e| anyhow::anyhow!("cannot read the models folder {}: {e}", dir.display())),
        }
    }
}

/// The analyse stage as the commands run it: models opened once per process, each language's
/// loaded on first use, and what could not be done logged rather than failing the article.
pub struct Analyser {
    models: Models,
    /// Languages whose model failed to load, so that the warning is given once, not once per
    /// article.
    broken: Mutex<HashSet<String>>,
}

/// What a batch's analysis found.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub articles: u64,
    pub entities: u64,
    pub without_model: u64,
}

impl Analyser {
    pub fn new(arg: &ModelsArg) -> anyhow::Result<Self> {
        let models = arg.open()?;
        tracing::debug!(languages = ?models.languages().collect::<Vec<_>>(), "NER models available");
        Ok(Analyser { models, broken: Mutex::new(HashSet::new()) })
    }

    /// Analyses one article, replacing its analysis layers, then finds its event mentions.
    pub fn analyse(&self, article: &mut Article) -> Counts {
        let lang = article.meta.language.as_ref().map(|l| l.code.as_str());
        let has_model = match lang.map(|l| (l, self.models.try_ner(l))) {
            None => {
                tracing::debug!(id = article.id, "language unknown: sentences and tokens only");
                false
            }
            Some((lang, Ok(None))) => {
                tracing::debug!(
                    id = article.id,
                    lang,
                    "no NER model for this language: sentences and tokens only"
                );
                false
            }
            Some((lang, Err(e))) => {
                let mut broken = self.broken.lock().unwrap_or_else(|p| p.into_inner());
                if broken.insert(lang.to_owned()) {
                    tracing::warn!(
                        "the {lang} NER model does not load ({e}); {lang} articles get no entities"
                    );
                }
                false
            }
            Some((_, Ok(Some(_)))) => true,
        };
        storyline_analyse::analyse(article, &self.models);
        // Events read the analyse stage's layers (sentences, entities, timex, quantities,
        // attributions), so they come after it rather than inside it.
        let events = storyline_events::events(article);
        article.layers.insert("events".into(), events);
        let entities = article.layers.get("entities").map_or(0, Vec::len) as u64;
        Counts { articles: 1, entities, without_model: u64::from(!has_model) }
    }

    /// Analyses articles on all cores: tagging is most of what ingest spends per article.
    pub fn analyse_all(&self, articles: &mut [&mut Article]) -> Counts {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(articles.len());
        let mut total = Counts::default();
        if threads <= 1 {
            for a in articles.iter_mut() {
                total.add(self.analyse(a));
            }
            return total;
        }
        let chunk = articles.len().div_ceil(threads);
        let parts: Vec<Counts> = std::thread::scope(|scope| {
            let handles: Vec<_> = articles
                .chunks_mut(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        let mut c = Counts::default();
                        for a in part.iter_mut() {
                            c.add(self.analyse(a));
                        }
                        c
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))).collect()
        });
        for c in parts {
            total.add(c);
        }
        total
    }
}

/// Analysers on worker threads, fed one article at a time: `storyline ingest` hands each new
/// article over as soon as it is extracted, so that reading and extracting the next ones
/// overlaps with tagging, and collects them all before a batch is committed.
pub struct Pool {
    jobs: Option<mpsc::Sender<(usize, Article)>>,
    done: mpsc::Receiver<(usize, Article)>,
    workers: Vec<std::thread::JoinHandle<()>>,
    in_flight: usize,
}

impl Pool {
    pub fn new(analyser: Analyser) -> Pool {
        let analyser = Arc::new(analyser);
        let (jobs, queue) = mpsc::channel::<(usize, Article)>();
        let queue = Arc::new(Mutex::new(queue));
        let (finished, done) = mpsc::channel();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let workers = (0..threads)
            .map(|_| {
                let (analyser, queue, finished) = (analyser.clone(), queue.clone(), finished.clone());
                std::thread::spawn(move || {
                    loop {
                        // The lock is held only to take a job, not while analysing it.
                        let job = queue.lock().unwrap_or_else(|p| p.into_inner()).recv();
                        let Ok((slot, mut article)) = job else { break };
                        analyse_or_warn(&analyser, &mut article);
                        if finished.send((slot, article)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        Pool { jobs: Some(jobs), done, workers, in_flight: 0 }
    }

    /// Starts analysing `article`; [`Pool::collect`] gives it back with `slot`.
    pub fn submit(&mut self, slot: usize, article: Article) {
        if let Some(jobs) = &self.jobs
            && jobs.send((slot, article)).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// Waits for every submitted article and gives each to `put`, in no particular order.
    pub fn collect(&mut self, mut put: impl FnMut(usize, Article)) -> anyhow::Result<()> {
        while self.in_flight > 0 {
            let (slot, article) =
                self.done.recv().map_err(|_| anyhow::anyhow!("the analysis threads stopped"))?;
            self.in_flight -= 1;
            put(slot, article);
        }
        Ok(())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the queue ends the workers' loops.
        self.jobs.take();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// Analyses an article; a panic in the stage (a bug) costs that article its layers, not the
/// ingest: errors never stop a batch.
fn analyse_or_warn(analyser: &Analyser, article: &mut Article) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyser.analyse(article)));
    if outcome.is_err() {
        for layer in ["sentences", "tokens", "entities"] {
            article.layers.remove(layer);
        }
        tracing::error!(
            id = article.id,
            source = article.provenance.source,
            "analysis failed; stored without layers"
        );
    }
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.articles += other.articles;
        self.entities += other.entities;
        self.without_model += other.without_model;
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(&ctx.data)?;
    let ids = if args.all {
        store.article_ids(false)?
    } else if args.ids.is_empty() {
        store.article_ids(true)?
    } else {
        // Resolved up front, so that a mistyped id fails before anything is written.
        args.ids.iter().map(|id| store.get_article(id).map(|a| a.id)).collect::<Result<Vec<_>, _>>()?
    };
    let analyser = Analyser::new(&args.models)?;
    let progress = progress_bar(ctx.quiet, ids.len() as u64);
    let mut total = Counts::default();
    for batch in ids.chunks(args.batch as usize) {
        let mut articles = batch.iter().map(|id| store.get_article(id)).collect::<Result<Vec<_>, _>>()?;
        let mut refs: Vec<&mut Article> = articles.iter_mut().collect();
        let counts = analyser.analyse_all(&mut refs);
        store.update_articles(&articles)?;
        total.add(counts);
        progress.inc(batch.len() as u64);
        progress.set_message(format!("{} entities", total.entities));
    }
    progress.finish_and_clear();
    // New mentions unlink the old ones from their entities: the store's resolution is redone.
    if !ids.is_empty() {
        crate::resolve_pass::resolve(&mut store)?;
    }
    if args.json {
        let summary = json!({
            "data": ctx.data.display().to_string(),
            "analysed": total.articles,
            "entities": total.entities,
            "without_model": total.without_model,
        });
        println!("{summary}");
    } else {
        println!(
            "{}: analysed {} articles, {} entities ({} without a usable NER model for their language)",
            ctx.data.display(),
            total.articles,
            total.entities,
            total.without_model,
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(quiet: bool, len: u64) -> ProgressBar {
    let target = if quiet || !std::io::stderr().is_terminal() {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {elapsed:>4} [{bar:20}] {pos}/{len} articles  {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
