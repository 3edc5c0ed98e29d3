//! `storyline eval events`: event typing scored on CASE 2021 task 2's layout.

use anyhow::{Context as _, bail};
use serde_json::json;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use storyline_eval::classification::{ClassificationScore, score};
use storyline_events::{Lang, NO_EVENT_CASE_LABEL, classify, type_text};

/// Score event typing on labelled snippets (CASE 2021 task 2 layout).
///
/// Reads a TSV with a header and three columns, `id`, snippet and gold sub-type (CASE 2021
/// task 2's ACLED labels); each snippet is typed as English, and our sub-type is scored as
/// the CASE label it maps to. A snippet in which no event is found is predicted `OTHER`.
/// Prints accuracy, weighted and macro precision, recall and F1 (as scikit-learn's
/// `average="weighted"` / `"macro"` define them) and a per-label table.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  storyline eval events --gold ../shared/data/events/case2021-task2/dev.tsv\n  \
    storyline eval events --gold dev.tsv --out predicted.tsv --json"
)]
pub struct EvalEventsArgs {
    /// TSV file: header line, then `id<TAB>snippet<TAB>label` per line.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Write `id<TAB>predicted-label` per snippet, in the gold's order.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Language of the snippets (`en` or `fr`).
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Also print each wrongly typed snippet with our three best sub-types and their cues.
    #[arg(long)]
    pub errors: bool,
}

struct Labelled {
    id: String,
    text: String,
    label: String,
}

fn read_gold(args: &EvalEventsArgs) -> anyhow::Result<Vec<Labelled>> {
    let source =
        std::fs::read_to_string(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let mut rows = Vec::new();
    for (n, line) in source.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, text, label] = fields[..] else {
            bail!(
                "{}:{}: expected 3 tab-separated fields, found {}",
                args.gold.display(),
                n + 1,
                fields.len()
            );
        };
        rows.push(Labelled { id: id.into(), text: text.into(), label: label.trim().into() });
    }
    Ok(rows)
}

pub fn eval_events(args: EvalEventsArgs) -> anyhow::Result<ExitCode> {
    let Some(lang) = Lang::from_code(&args.lang) else {
        bail!("no event lexicon for language {:?}", args.lang)
    };
    let rows = read_gold(&args)?;
    let found: Vec<_> = rows.iter().map(|r| classify(&r.text, lang)).collect();
    let no_event = found.iter().filter(|f| f.is_none()).count();
    let predicted: Vec<&str> =
        found.iter().map(|f| f.map_or(NO_EVENT_CASE_LABEL, |(sub_type, _)| sub_type.case_label())).collect();
    let gold: Vec<&str> = rows.iter().map(|r| r.label.as_str()).collect();
    let result = score(&gold, &predicted);
    if let Some(out) = &args.out {
        let mut tsv = String::new();
        for (r, p) in rows.iter().zip(&predicted) {
            let _ = writeln!(tsv, "{}\t{p}", r.id);
        }
        std::fs::write(out, tsv).with_context(|| format!("writing {}", out.display()))?;
    }
    if args.json {
        let mut v = serde_json::to_value(&result)?;
        v["gold"] = json!(args.gold.display().to_string());
        v["no_event"] = json!(no_event);
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        print!("{}", report(&args, &result, no_event));
    }
    if args.errors {
        for (r, p) in rows.iter().zip(&predicted).filter(|(r, p)| r.label != **p) {
            print!("{}", explain(r, p, lang));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(args: &EvalEventsArgs, s: &ClassificationScore, no_event: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "event typing of storyline on {} ({} snippets)\n", args.gold.display(), s.items);
    let _ = writeln!(out, "accuracy     {:.3}", s.accuracy);
    for (name, a) in [("weighted", &s.weighted_avg), ("macro", &s.macro_avg)] {
        let _ = writeln!(out, "{name:<12} P {:.3}  R {:.3}  F1 {:.3}", a.precision, a.recall, a.f1);
    }
    let _ = writeln!(out, "no event found in {no_event} (predicted {NO_EVENT_CASE_LABEL})\n");
    let _ = writeln!(
        out,
        "{:<32} {:>6} {:>6} {:>6} {:>7} {:>9}",
        "label", "P", "R", "F1", "support", "predicted"
    );
    for l in &s.per_label {
        let _ = writeln!(
            out,
            "{:<32} {:>6.3} {:>6.3} {:>6.3} {:>7} {:>9}",
            l.label, l.precision, l.recall, l.f1, l.support, l.predicted
        );
    }
    out
}

/// A wrong prediction, with what the classifier saw.
fn explain(row: &Labelled, predicted: &str, lang: Lang) -> String {
    let typing = type_text(&row.text, lang);
    let mut out = format!("\n{}\tgold {}\tpredicted {predicted}\n  {}\n", row.id, row.label, row.text);
    for s in typing.ranked.iter().take(3) {
        let _ = writeln!(out, "  {:>5.2} {} ({})", s.score, s.sub_type.name(), typing.hits[s.trigger].cue);
    }
    let cues: Vec<String> = typing
        .hits
        .iter()
        .map(|h| format!("{:?}{}:{}", h.concept, if h.negated { "(neg)" } else { "" }, h.cue))
        .collect();
    let _ = writeln!(out, "  cues: {}", cues.join(", "));
    out
}
