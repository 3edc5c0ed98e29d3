//! Benchmark folders and prediction files.
//!
//! Two layouts are recognised by the JSON file a folder holds:
//!
//! * ScrapingHub: `ground-truth.json` `{id: {"articleBody": str, "url": str?}}` and
//!   `html/<id>.html.gz` (or `html/<id>.html`);
//! * trafilatura: `evaldata.json` `{url: {"file": str, "with": [str], "without": [str], ...}}`
//!   and `html/<file>.gz` (or `html/<file>`, or upstream's own `cache/<file>`, `eval/<file>`).
//!
//! A folder holding neither is searched for such folders below it, so the project's
//! `extraction/` folder evaluates every set it holds. Prediction files are
//! `{id: {"articleBody": str | null}}`; for the trafilatura layout the id is the entry's URL
//! (the key of `evaldata.json`), and its `file` is accepted instead.

use super::{shingles, snippets};
use flate2::read::MultiGzDecoder;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What went wrong loading a benchmark or a prediction file; the message says where.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn err<T>(msg: impl Into<String>) -> Result<T, Error> {
    Err(Error(msg.into()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    ScrapingHub,
    Trafilatura,
}

impl Layout {
    pub fn truth_file(self) -> &'static str {
        match self {
            Layout::ScrapingHub => "ground-truth.json",
            Layout::Trafilatura => "evaldata.json",
        }
    }

    pub fn metric_name(self) -> &'static str {
        match self {
            Layout::ScrapingHub => "scrapinghub shingles",
            Layout::Trafilatura => "trafilatura snippets",
        }
    }
}

/// What a page is scored against.
#[derive(Debug, Clone)]
pub enum Truth {
    Body(String),
    Snippets { with: Vec<String>, without: Vec<String> },
}

#[derive(Debug, Clone)]
pub struct Page {
    /// The key in the truth file: the page id (ScrapingHub) or URL (trafilatura).
    pub id: String,
    /// The page's URL when the truth file gives one (an http(s) URL, never an id).
    pub url: Option<String>,
    /// The trafilatura layout's `file` field.
    pub file: Option<String>,
    pub html_path: PathBuf,
    pub truth: Truth,
}

#[derive(Debug, Clone)]
pub struct Benchmark {
    /// The folder name, to tell sets apart in reports.
    pub name: String,
    pub dir: PathBuf,
    pub layout: Layout,
    /// Sorted by id, so reports and bootstrap draws do not depend on JSON key order.
    pub pages: Vec<Page>,
    /// Entries of the truth file whose HTML is nowhere (only with [`discover_skipping_missing`]).
    pub missing: Vec<String>,
}

/// Finds every benchmark at or below `dir` (three levels at most), sorted by path. Every
/// page's HTML must be there: a set with silently skipped pages would not be comparable
/// with other runs.
pub fn discover(dir: &Path) -> Result<Vec<Benchmark>, Error> {
    let sets = discover_skipping_missing(dir)?;
    if let Some(b) = sets.iter().find(|b| !b.missing.is_empty()) {
        return err(format!(
            "{}: {} page(s) listed in {} have no HTML file, e.g. {}",
            b.dir.display(),
            b.missing.len(),
            b.layout.truth_file(),
            b.missing.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(sets)
}

/// As [`discover`], but pages without HTML are left out and listed in `missing`.
pub fn discover_skipping_missing(dir: &Path) -> Result<Vec<Benchmark>, Error> {
    if !dir.is_dir() {
        return err(format!("{}: not a folder", dir.display()));
    }
    let mut found = Vec::new();
    walk(dir, 0, &mut found)?;
    if found.is_empty() {
        return err(format!(
            "{}: no benchmark found (a folder with ground-truth.json or evaldata.json, and html/)",
            dir.display()
        ));
    }
    let several_per_dir = |b: &Benchmark| found.iter().filter(|o| o.dir == b.dir).count() > 1;
    let names: Vec<String> = found
        .iter()
        .map(|b| {
            if several_per_dir(b) {
                format!("{}-{:?}", b.name, b.layout).to_lowercase()
            } else {
                b.name.clone()
            }
        })
        .collect();
    for (b, name) in found.iter_mut().zip(names) {
        b.name = name;
    }
    Ok(found)
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<Benchmark>) -> Result<(), Error> {
    let mut here = false;
    for layout in [Layout::ScrapingHub, Layout::Trafilatura] {
        if dir.join(layout.truth_file()).is_file() {
            found.push(load(dir, layout)?);
            here = true;
        }
    }
    if here || depth >= 3 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|e| Error(format!("{}: {e}", dir.display())))?;
    let mut subdirs: Vec<PathBuf> =
        entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    subdirs.sort();
    for sub in subdirs {
        if sub.file_name().is_some_and(|n| n == "html") {
            continue;
        }
        walk(&sub, depth + 1, found)?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct ShEntry {
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct TrafEntry {
    file: String,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, Error> {
    let text = std::fs::read(path).map_err(|e| Error(format!("{}: {e}", path.display())))?;
    serde_json::from_slice(&text).map_err(|e| Error(format!("{}: {e}", path.display())))
}

/// Loads one benchmark folder of a known layout; pages without HTML go to `missing`.
pub fn load(dir: &Path, layout: Layout) -> Result<Benchmark, Error> {
    let truth_path = dir.join(layout.truth_file());
    let mut pages = Vec::new();
    let mut missing = Vec::new();
    match layout {
        Layout::ScrapingHub => {
            let entries: BTreeMap<String, ShEntry> = read_json(&truth_path)?;
            for (id, e) in entries {
                let candidates = [format!("html/{id}.html.gz"), format!("html/{id}.html")];
                match first_file(dir, &candidates) {
                    Some(html_path) => pages.push(Page {
                        truth: Truth::Body(e.article_body.unwrap_or_default()),
                        id,
                        url: e.url.filter(|u| !u.is_empty()),
                        file: None,
                        html_path,
                    }),
                    None => missing.push(candidates[0].clone()),
                }
            }
        }
        Layout::Trafilatura => {
            let entries: BTreeMap<String, TrafEntry> = read_json(&truth_path)?;
            for (url, e) in entries {
                let f = &e.file;
                let candidates =
                    [format!("html/{f}.gz"), format!("html/{f}"), format!("cache/{f}"), format!("eval/{f}")];
                match first_file(dir, &candidates) {
                    Some(html_path) => pages.push(Page {
                        // Some keys are ids, not URLs (upstream's "hard::<file>" entries):
                        // the extractor must not take them for the page's address.
                        url: is_web_url(&url).then(|| url.clone()),
                        id: url,
                        file: Some(e.file),
                        html_path,
                        truth: Truth::Snippets { with: e.with, without: e.without },
                    }),
                    None => missing.push(candidates[0].clone()),
                }
            }
        }
    }
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string());
    Ok(Benchmark { name, dir: dir.to_path_buf(), layout, pages, missing })
}

fn is_web_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

fn first_file(dir: &Path, candidates: &[String]) -> Option<PathBuf> {
    candidates.iter().map(|c| dir.join(c)).find(|p| p.is_file())
}

/// A page's bytes, gunzipped when they are gzip (by magic number, not by name).
pub fn read_page_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    let raw = std::fs::read(path).map_err(|e| Error(format!("{}: {e}", path.display())))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(raw.len() * 4);
        MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| Error(format!("{}: gzip: {e}", path.display())))?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

/// A page as text. A BOM wins; valid UTF-8 is taken as is; otherwise a `charset` declared
/// in the first 1024 bytes (the HTML prescan window) is used; otherwise lossy UTF-8. That
/// is enough for these sets (10 of the 306 trafilatura dev pages are not UTF-8, 6 of them
/// Latin-1/Windows-1252 declared in a meta tag) without guessing.
pub fn decode_html(bytes: &[u8]) -> String {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    if let Some(encoding) = declared_charset(&bytes[..bytes.len().min(1024)])
        && encoding != encoding_rs::UTF_8
    {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// Reads and decodes a page.
pub fn read_page(path: &Path) -> Result<String, Error> {
    read_page_bytes(path).map(|b| decode_html(&b))
}

fn declared_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len() && matches!(lower[i], b' ' | b'\t' | b'"' | b'\'') {
            i += 1;
        }
        let end = lower[i..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| i + n);
        // UTF-16 declared in a page that is not UTF-16 by BOM means UTF-8 (HTML spec).
        return encoding_rs::Encoding::for_label(&lower[i..end]).map(|e| e.output_encoding());
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Extractor outputs by page id; `None` is an explicit `null` (no output).
pub type Predictions = BTreeMap<String, Option<String>>;

#[derive(Deserialize)]
struct PredEntry {
    #[serde(rename = "articleBody", default)]
    article_body: Option<String>,
}

pub fn read_predictions(path: &Path) -> Result<Predictions, Error> {
    let raw: BTreeMap<String, PredEntry> = read_json(path)?;
    Ok(raw.into_iter().map(|(k, v)| (k, v.article_body)).collect())
}

/// Writes `{id: {"articleBody": ...}}`, keys sorted, one page per line so diffs stay readable.
pub fn write_predictions(path: &Path, predictions: &Predictions) -> Result<(), Error> {
    let mut out = String::from("{\n");
    for (i, (id, body)) in predictions.iter().enumerate() {
        let entry = serde_json::json!({ "articleBody": body });
        out.push_str(&format!("  {}: {}", serde_json::to_string(id).expect("string"), entry));
        out.push_str(if i + 1 < predictions.len() { ",\n" } else { "\n" });
    }
    out.push_str("}\n");
    std::fs::write(path, out).map_err(|e| Error(format!("{}: {e}", path.display())))
}

/// Puts predictions in page order. The keys must be exactly the benchmark's ids (for the
/// trafilatura layout, its URLs or its file names): a missing page would otherwise score as
/// an empty output and an extra key as nothing, and either would hide a mix-up of sets.
pub fn align(bench: &Benchmark, predictions: &Predictions) -> Result<Vec<Option<String>>, Error> {
    let keyings: &[(&str, bool)] = match bench.layout {
        Layout::ScrapingHub => &[("id", false)],
        Layout::Trafilatura => &[("URL", false), ("file", true)],
    };
    let given: BTreeSet<&str> = predictions.keys().map(String::as_str).collect();
    let mut best: Option<(usize, String)> = None;
    for &(what, by_file) in keyings {
        let key = |p: &Page| if by_file { p.file.clone().unwrap_or_default() } else { p.id.clone() };
        let expected: Vec<String> = bench.pages.iter().map(key).collect();
        let expected_set: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
        if expected_set == given {
            return Ok(expected.iter().map(|k| predictions[k].clone()).collect());
        }
        let missing: Vec<&str> = expected_set.difference(&given).copied().collect();
        let extra: Vec<&str> = given.difference(&expected_set).copied().collect();
        let sample = |v: &[&str]| v.iter().take(3).map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
        let msg = format!(
            "prediction keys do not match the {} {} of {} ({} pages): {} missing{}{}, {} extra{}{}",
            bench.layout.truth_file(),
            what,
            bench.name,
            bench.pages.len(),
            missing.len(),
            if missing.is_empty() { "" } else { " e.g. " },
            sample(&missing),
            extra.len(),
            if extra.is_empty() { "" } else { " e.g. " },
            sample(&extra),
        );
        let miss = missing.len() + extra.len();
        if best.as_ref().is_none_or(|(m, _)| miss < *m) {
            best = Some((miss, msg));
        }
    }
    err(best.map(|(_, m)| m).unwrap_or_default())
}

/// A benchmark's score, in the metric its layout calls for.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub enum Score {
    ScrapingHub(shingles::Report),
    Trafilatura(snippets::Report),
}

/// Scores outputs given in page order.
pub fn score(bench: &Benchmark, outputs: &[Option<String>]) -> Score {
    assert_eq!(bench.pages.len(), outputs.len(), "one output per page");
    match bench.layout {
        Layout::ScrapingHub => {
            Score::ScrapingHub(shingles::evaluate(bench.pages.iter().zip(outputs).map(|(p, o)| {
                let truth = match &p.truth {
                    Truth::Body(b) => b.as_str(),
                    Truth::Snippets { .. } => "",
                };
                (p.id.as_str(), truth, o.as_deref().unwrap_or(""))
            })))
        }
        Layout::Trafilatura => {
            Score::Trafilatura(snippets::evaluate(bench.pages.iter().zip(outputs).map(|(p, o)| {
                let (with, without) = match &p.truth {
                    Truth::Snippets { with, without } => (with.as_slice(), without.as_slice()),
                    Truth::Body(_) => (&[][..], &[][..]),
                };
                snippets::Item { id: &p.id, with, without, output: o.as_deref() }
            })))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("storyline-eval-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("html")).unwrap();
        d
    }

    #[test]
    fn decodes_declared_latin1_and_keeps_utf8() {
        assert_eq!(decode_html("<p>été</p>".as_bytes()), "<p>été</p>");
        let latin1 = b"<meta charset=\"ISO-8859-1\"><p>\xe9t\xe9</p>";
        assert!(decode_html(latin1).ends_with("<p>été</p>"));
        let http_equiv = b"<meta http-equiv=Content-Type content='text/html; charset=windows-1252'>\x93q\x94";
        assert!(decode_html(http_equiv).ends_with("\u{201c}q\u{201d}"));
        // Declared UTF-8 but broken: lossy, not a guess.
        assert!(decode_html(b"<meta charset=utf-8>a\xffb").ends_with("a\u{fffd}b"));
        assert_eq!(decode_html(b"\xef\xbb\xbfhi"), "hi");
    }

    #[test]
    fn loads_both_layouts_and_nested_folders() {
        let root = tmpdir("layouts");
        let sh = root.join("sh");
        std::fs::create_dir_all(sh.join("html")).unwrap();
        std::fs::write(
            sh.join("ground-truth.json"),
            r#"{"b": {"articleBody": "Two words", "url": "https://x/b"}, "a": {"articleBody": "One"}}"#,
        )
        .unwrap();
        std::fs::write(sh.join("html/a.html.gz"), gz(b"<p>One</p>")).unwrap();
        std::fs::write(sh.join("html/b.html"), b"<p>Two words</p>").unwrap();
        let tr = root.join("tr");
        std::fs::create_dir_all(tr.join("html")).unwrap();
        std::fs::write(
            tr.join("evaldata.json"),
            r#"{"https://y/1": {"file": "y.html", "with": ["keep me"], "without": ["drop me"], "author": "Z"}}"#,
        )
        .unwrap();
        std::fs::write(tr.join("html/y.html.gz"), gz(b"<p>keep me</p>")).unwrap();

        let found = discover(&root).unwrap();
        assert_eq!(
            found.iter().map(|b| (b.name.as_str(), b.layout)).collect::<Vec<_>>(),
            [("sh", Layout::ScrapingHub), ("tr", Layout::Trafilatura)]
        );
        let sh = &found[0];
        assert_eq!(sh.pages.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(sh.pages[1].url.as_deref(), Some("https://x/b"));
        assert_eq!(read_page(&sh.pages[0].html_path).unwrap(), "<p>One</p>");
        let tr = &found[1];
        assert_eq!(tr.pages[0].file.as_deref(), Some("y.html"));
        assert_eq!(tr.pages[0].url.as_deref(), Some("https://y/1"));

        // Predictions: exact keys, by URL or by file for the trafilatura layout.
        let mut preds = Predictions::new();
        preds.insert("a".into(), Some("One".into()));
        preds.insert("b".into(), None);
        let out = align(sh, &preds).unwrap();
        let Score::ScrapingHub(r) = score(sh, &out) else { panic!() };
        assert_eq!((r.precision, r.recall, r.accuracy), (1.0, 0.5, 0.5));
        preds.insert("c".into(), Some("x".into()));
        let msg = align(sh, &preds).unwrap_err().0;
        assert!(msg.contains("0 missing") && msg.contains("1 extra e.g. \"c\""), "{msg}");
        preds.remove("a");
        preds.remove("c");
        assert!(align(sh, &preds).unwrap_err().0.contains("1 missing e.g. \"a\""));

        let by_file: Predictions = [("y.html".to_string(), Some("keep me, drop me".to_string()))].into();
        let Score::Trafilatura(r) = score(tr, &align(tr, &by_file).unwrap()) else { panic!() };
        assert_eq!((r.totals.tp, r.totals.fp), (1, 1));

        // Round trip through a file.
        let file = root.join("preds.json");
        write_predictions(&file, &by_file).unwrap();
        assert_eq!(read_predictions(&file).unwrap(), by_file);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn only_web_urls_are_urls() {
        assert!(is_web_url("https://x.org/a") && is_web_url("HTTP://x") && is_web_url("http://"));
        assert!(!is_web_url("hard::site.html") && !is_web_url("ftp://x") && !is_web_url("é"));
    }

    #[test]
    fn missing_html_is_an_error() {
        let d = tmpdir("missing");
        std::fs::write(d.join("ground-truth.json"), r#"{"a": {"articleBody": "x"}}"#).unwrap();
        let e = discover(&d).unwrap_err().0;
        assert!(e.contains("1 page(s)") && e.contains("html/a.html.gz"), "{e}");
        let lenient = discover_skipping_missing(&d).unwrap();
        assert_eq!((lenient[0].pages.len(), lenient[0].missing.len()), (0, 1));
        std::fs::remove_dir_all(&d).unwrap();
        assert!(discover(&d).is_err());
    }
}
