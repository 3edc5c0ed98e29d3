//! `storyline ingest`: read → extract → analyse → store.

use crate::Context;
use crate::cmd::analyse::{Analyser, ModelsArg, Pool};
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use storyline_doc::Article;
use storyline_read::{Format, Input, ReadError, ReadOptions, Warnings};
use storyline_store::{IngestError, Outcome, RunId, Store};

/// Errors kept for the `--json` summary; beyond this only the count grows (all of them are
/// still logged and recorded in the store).
const JSON_ERRORS_KEPT: usize = 1000;

/// Read articles from files, folders, URLs or stdin and keep them in the store.
///
/// Each input is read as a stream: a folder is walked recursively, a JSON Lines file, feed or
/// WARC gives one article per record. Each document goes through extraction (title, text,
/// date with its precision, authors, site, language), then analysis (sentences, tokens, and
/// named entities when --models has a model for its language; see `storyline entities`), and
/// is stored once: the same bytes ingested again are recognised and counted as "already
/// stored", never duplicated. After the inputs, the new articles join stories (`storyline
/// stories`) and their entities are resolved across the store (`storyline entities`): each
/// pass resumes from the state it saved at the last ingest, gives what a pass over every
/// stored article would, and commits in one transaction.
///
/// Articles are committed in batches; whatever the summary or progress bar has counted is on
/// disk, so an interrupted ingest (Ctrl-C, kill, power cut) loses nothing it reported, and
/// running the same command again finishes the job.
///
/// A problem with one document or file (unreadable, no article text) is logged as a warning
/// naming the file and the line, item or byte offset, recorded in the store, and the rest of
/// the inputs go on. Exit status: 0 when at least one article was read (new or already
/// stored), 1 when nothing could be read at all or the store failed.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  storyline ingest samples/                     # a folder, recursively
  storyline ingest news.jsonl feed.xml page.html
  storyline ingest https://example.org/feed.rss
  zcat dump.jsonl.gz | storyline ingest -        # standard input
  storyline --data /srv/news ingest --json crawl.warc.gz | jq .new
  storyline ingest --format text notes/         # no sniffing: every file is plain text")]
pub struct Args {
    /// Files, folders (read recursively), URLs, or `-` for standard input.
    #[arg(required = true, value_name = "PATH|URL|-")]
    pub inputs: Vec<String>,

    /// Container format of every input, when sniffing the content guesses wrong: auto, text,
    /// html, jsonl, feed or warc.
    #[arg(long, default_value_t = Format::Auto, value_name = "FORMAT")]
    pub format: Format,

    /// Print the summary as one JSON object on stdout: `documents` read, `new`, `existing`
    /// (already stored), `errors`, the store's `stories` and resolved `entities`, and the
    /// first errors with their `source` and `position`.
    #[arg(long)]
    pub json: bool,

    /// Articles per transaction. Larger batches ingest faster; a crash can only lose the
    /// batch in flight, which was never reported as stored.
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub batch: u32,

    #[command(flatten)]
    pub models: ModelsArg,
}

/// What has been committed so far: the only numbers ever shown to the user.
#[derive(Debug, Default)]
struct Tally {
    documents: u64,
    new: u64,
    existing: u64,
    errors: u64,
    kept: Vec<IngestError>,
}

/// Articles and errors waiting for the next commit.
struct Pending {
    /// `None` while the article is being analysed.
    articles: Vec<Option<Article>>,
    errors: Vec<IngestError>,
    documents: u64,
}

struct Ingest {
    store: Store,
    run: RunId,
    batch: usize,
    pending: Pending,
    tally: Tally,
    progress: ProgressBar,
    analysis: Pool,
}

impl Ingest {
    fn article(&mut self, article: Article) -> anyhow::Result<()> {
        self.pending.documents += 1;
        // Only what the store does not have yet: re-ingesting a folder should cost a lookup
        // per article, not a tagging.
        if self.store.has_content_hash(&article.provenance.content_hash)? {
            self.pending.articles.push(Some(article));
        } else {
            self.analysis.submit(self.pending.articles.len(), article);
            self.pending.articles.push(None);
        }
        self.maybe_flush()
    }

    fn error(&mut self, error: IngestError, document_read: bool) -> anyhow::Result<()> {
        // Logged at once, so the message sits next to what caused it; counted at commit.
        self.progress.suspend(|| tracing::warn!("{}: {}", error.locator(), error.message));
        self.pending.documents += u64::from(document_read);
        self.pending.errors.push(error);
        self.maybe_flush()
    }

    fn maybe_flush(&mut self) -> anyhow::Result<()> {
        if self.pending.articles.len() + self.pending.errors.len() >= self.batch {
            self.flush()
        } else {
            Ok(())
        }
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.articles.is_empty() && self.pending.errors.is_empty() {
            return Ok(());
        }
        let slots = &mut self.pending.articles;
        self.analysis.collect(|slot, article| slots[slot] = Some(article))?;
        let articles: Vec<Article> = self.pending.articles.drain(..).flatten().collect();
        let done =
            self.store.commit_batch(Some(self.run), &articles, &self.pending.errors).with_context(|| {
                format!(
                    "ingest stopped; {} new articles were stored before this, and running the same \
                     command again will go on",
                    self.tally.new
                )
            })?;
        // Only now, after the commit, do the counts move: that is what "acknowledged" means.
        let new = done.iter().filter(|d| d.outcome == Outcome::New).count() as u64;
        let t = &mut self.tally;
        t.new += new;
        t.existing += done.len() as u64 - new;
        t.errors += self.pending.errors.len() as u64;
        t.documents += self.pending.documents;
        let room = JSON_ERRORS_KEPT.saturating_sub(t.kept.len());
        t.kept.extend(self.pending.errors.drain(..).take(room));
        self.pending.documents = 0;
        tracing::debug!(new = t.new, existing = t.existing, errors = t.errors, "batch committed");
        self.progress.set_message(format!(
            "{} new, {} already stored, {} {}",
            t.new,
            t.existing,
            t.errors,
            plural(t.errors, "error", "errors")
        ));
        Ok(())
    }
}

fn from_read_error(e: ReadError) -> IngestError {
    IngestError { source: e.source, position: e.position, message: e.message }
}

fn progress_bar(quiet: bool, inputs: usize) -> ProgressBar {
    let target = if quiet || !std::io::stderr().is_terminal() {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(Some(inputs as u64), target);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {elapsed:>4} [{bar:20}] {pos}/{len} inputs  {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let inputs: Vec<Input> = args.inputs.iter().map(|a| Input::parse(a)).collect();
    let mut store = Store::open(&ctx.data)?;
    let analyser = Analyser::new(&args.models)?;
    let (inputs, discover_errors) = storyline_read::discover(&inputs);
    let inputs = outside_store(inputs, store.dir());
    let run = store.begin_run(&args.inputs)?;
    let progress = progress_bar(ctx.quiet, inputs.len());
    // Reader warnings (a guessed encoding, replaced bytes) do not stop a document; they are
    // only logged, around the progress bar rather than through it.
    let bar = progress.clone();
    let on_warning = Warnings::new(move |w| bar.suspend(|| tracing::warn!("{w}")));
    let options = ReadOptions { format: args.format, on_warning: Some(on_warning), ..ReadOptions::default() };
    let mut ingest = Ingest {
        store,
        run,
        batch: args.batch as usize,
        pending: Pending { articles: Vec::new(), errors: Vec::new(), documents: 0 },
        tally: Tally::default(),
        progress,
        analysis: Pool::new(analyser),
    };
    for e in discover_errors {
        ingest.error(from_read_error(e), false)?;
    }
    for input in &inputs {
        for item in storyline_read::read(input, &options) {
            match item {
                Ok(raw) => match storyline_extract::extract(&raw) {
                    Ok(article) => ingest.article(article)?,
                    Err(no_text) => {
                        let p = &raw.provenance;
                        let e = IngestError {
                            source: p.source.clone(),
                            position: p.position,
                            message: no_text.to_string(),
                        };
                        ingest.error(e, true)?;
                    }
                },
                Err(e) => ingest.error(from_read_error(e), false)?,
            }
        }
        ingest.progress.inc(1);
    }
    ingest.flush()?;
    // After the run: stories take in the new articles (the story pass resumes from its saved
    // state, with the stories a pass over every stored article would give), then undated
    // articles take their story's date (see `cmd::stories`), then entities are resolved with
    // the stories as context (see `resolve_pass`).
    let stories = crate::cmd::stories::assign(&mut ingest.store, &storyline_cluster::Config::default())?;
    let dated = crate::cmd::stories::date_undated(&mut ingest.store)?;
    tracing::debug!(dated, "articles dated from their story");
    let started = std::time::Instant::now();
    let entities = crate::resolve_pass::resolve(&mut ingest.store)?;
    tracing::debug!(entities, seconds = started.elapsed().as_secs_f64(), "entities resolved");
    ingest.store.finish_run(run)?;
    ingest.progress.finish_and_clear();

    let t = &ingest.tally;
    let data = ctx.data.display();
    let stored = t.new + t.existing;
    if args.json {
        let summary = json!({
            "data": data.to_string(),
            "run": run.0,
            "inputs": inputs.len(),
            "documents": t.documents,
            "new": t.new,
            "existing": t.existing,
            "errors": t.errors,
            "stories": stories,
            "entities": entities,
            "error_list": t.kept,
            "error_list_truncated": t.errors > t.kept.len() as u64,
        });
        println!("{summary}");
    } else {
        println!(
            "{data}: {} new, {} already stored, {} {} ({} {} read from {} {})",
            t.new,
            t.existing,
            t.errors,
            plural(t.errors, "error", "errors"),
            t.documents,
            plural(t.documents, "document", "documents"),
            inputs.len(),
            plural(inputs.len() as u64, "input", "inputs"),
        );
    }
    if stored == 0 {
        let why = match t.errors {
            0 => "no documents found".to_string(),
            n => format!("{n} {}", plural(n, "error", "errors")),
        };
        eprintln!("error: nothing could be read from {} ({why})", args.inputs.join(" "));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// The inputs minus the store's own files: `storyline ingest .` next to `./storyline-data`
/// would otherwise read the database while writing it.
fn outside_store(inputs: Vec<Input>, data: &Path) -> Vec<Input> {
    let Ok(data) = data.canonicalize() else { return inputs };
    inputs
        .into_iter()
        .filter(|input| match input {
            Input::Path(path) => {
                let inside = path.canonicalize().is_ok_and(|p| p.starts_with(&data));
                if inside {
                    tracing::debug!("skipping {}: it is part of the store", path.display());
                }
                !inside
            }
            Input::Url(_) | Input::Stdin => true,
        })
        .collect()
}

fn plural<'a>(n: u64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
