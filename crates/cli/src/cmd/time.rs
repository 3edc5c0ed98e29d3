//! `storyline eval time`: the temporal tagger scored on TimeML as TempEval-3 scores it.

use anyhow::{Context as _, bail};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use storyline_analyse::time::{Lang, tag};
use storyline_doc::PartialDateTime;
use storyline_eval::time::{TimeScore, Timex, parse_timeml, write_timeml};

/// Score the temporal tagger on TimeML documents (TempEval-3 measures).
///
/// Reads every `.tml` file under DIR (recursively): the text of `<TEXT>`, the document
/// creation time from `<DCT>`, and the gold TIMEX3 expressions. Our tagger gets the text and
/// the DCT; its expressions are scored as TempEval-3's `TE3-evaluation` does: strict
/// (identical extent) and relaxed (overlapping extent) precision, recall and F1, and type
/// and value accuracy over the relaxed matches, with attribute F1 = relaxed F1 × accuracy.
/// The language (French or English) is identified from each document's text.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  storyline eval time --gold ../shared/data/time/fr-timebank\n  \
    storyline eval time --gold ../shared/data/time/tempeval3/train --out ours/ --json")]
pub struct EvalTimeArgs {
    /// Folder of TimeML (`.tml`) documents, searched recursively.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Write our annotation of each document as TimeML into this folder (same relative path).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long)]
    pub json: bool,
    /// Also print each missed, spurious or wrongly valued expression.
    #[arg(long)]
    pub errors: bool,
}

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            tml_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

fn language(text: &str) -> Lang {
    storyline_extract::lang::identify(text, None).and_then(|l| Lang::from_code(&l.code)).unwrap_or(Lang::En)
}

pub fn eval_time(args: EvalTimeArgs) -> anyhow::Result<ExitCode> {
    let mut files = Vec::new();
    tml_files(&args.gold, &mut files)?;
    if files.is_empty() {
        bail!("{}: no .tml file", args.gold.display());
    }
    let mut score = TimeScore::default();
    for path in &files {
        let xml = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let doc = parse_timeml(&xml).with_context(|| format!("{}", path.display()))?;
        let dct = doc.dct.as_deref().and_then(|d| PartialDateTime::parse_iso(d.get(..10).unwrap_or(d)).ok());
        let lang = language(&doc.text);
        let ours: Vec<Timex> = tag(&doc.text, lang, dct)
            .into_iter()
            .map(|t| Timex { start: t.start, end: t.end, kind: t.kind.as_str().to_string(), value: t.value })
            .collect();
        if args.errors {
            print_errors(path, &doc.text, &doc.timexes, &ours);
        }
        score.add(&doc.timexes, &ours);
        if let Some(out) = &args.out {
            let rel = path.strip_prefix(&args.gold).unwrap_or(path);
            let target = out.join(rel);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
            }
            let docid = doc.docid.clone().unwrap_or_else(|| rel.display().to_string());
            std::fs::write(&target, write_timeml(&docid, doc.dct.as_deref(), &doc.text, &ours))
                .with_context(|| format!("writing {}", target.display()))?;
        }
    }
    if args.json {
        let mut v = score.to_json();
        v["gold_dir"] = json!(args.gold.display().to_string());
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("TempEval-3 timex scores of storyline on {}", args.gold.display());
        print!("{}", score.report());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_errors(path: &Path, text: &str, gold: &[Timex], ours: &[Timex]) {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let overlaps = |a: &Timex, b: &Timex| a.start < b.end && b.start < a.end;
    for g in gold {
        match ours.iter().find(|o| overlaps(g, o)) {
            None => println!("{name}\tMISS\t{:?}\t{} {}", &text[g.start..g.end], g.kind, g.value),
            Some(o) if o.value != g.value || o.start != g.start || o.end != g.end => println!(
                "{name}\tDIFF\t{:?} {} {}\tours {:?} {} {}",
                &text[g.start..g.end],
                g.kind,
                g.value,
                &text[o.start..o.end],
                o.kind,
                o.value
            ),
            Some(_) => {}
        }
    }
    for o in ours.iter().filter(|o| !gold.iter().any(|g| overlaps(g, o))) {
        println!("{name}\tSPUR\t{:?}\t{} {}", &text[o.start..o.end], o.kind, o.value);
    }
}
