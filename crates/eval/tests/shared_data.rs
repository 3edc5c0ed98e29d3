//! Checks the loader and scorers on the project's shared extraction data, when it is there
//! (`../shared/data/extraction` beside the repository); skipped otherwise.

use std::path::PathBuf;
use storyline_eval::extraction::{Layout, Score, Truth, dataset};

fn data() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} not found", dir.display());
        None
    }
}

#[test]
fn finds_both_sets_with_every_page() {
    let Some(dir) = data() else { return };
    let sets = dataset::discover(&dir).unwrap();
    let summary: Vec<_> = sets.iter().map(|b| (b.name.as_str(), b.layout, b.pages.len())).collect();
    assert_eq!(
        summary,
        [("scrapinghub", Layout::ScrapingHub, 181), ("trafilatura", Layout::Trafilatura, 306)]
    );
    assert!(sets[0].pages.iter().all(|p| p.url.is_some()));
    let snippets: (usize, usize) = sets[1].pages.iter().fold((0, 0), |(w, wo), p| match &p.truth {
        Truth::Snippets { with, without } => (w + with.len(), wo + without.len()),
        Truth::Body(_) => (w, wo),
    });
    assert_eq!(snippets, (907, 911));
}

#[test]
fn truth_scores_perfectly_and_nothing_scores_zero() {
    let Some(dir) = data() else { return };
    let sets = dataset::discover(&dir.join("scrapinghub")).unwrap();
    let sh = &sets[0];
    let truth: Vec<Option<String>> = sh
        .pages
        .iter()
        .map(|p| match &p.truth {
            Truth::Body(b) => Some(b.clone()),
            Truth::Snippets { .. } => None,
        })
        .collect();
    let Score::ScrapingHub(r) = dataset::score(sh, &truth) else { panic!("layout") };
    assert_eq!((r.precision, r.recall, r.f1, r.accuracy, r.std.f1), (1.0, 1.0, 1.0, 1.0, 0.0));
    let Score::ScrapingHub(r) = dataset::score(sh, &vec![None; sh.pages.len()]) else { panic!("layout") };
    assert_eq!((r.precision, r.recall, r.f1), (0.0, 0.0, 0.0));

    let sets = dataset::discover(&dir.join("trafilatura")).unwrap();
    let tr = &sets[0];
    // The whole page as output: every `with` snippet is in the page's text somewhere, but
    // markup splits some, so recall is high, not perfect; this checks the plumbing, and that
    // decoding finds the non-UTF-8 pages' snippets.
    let whole: Vec<Option<String>> =
        tr.pages.iter().map(|p| Some(dataset::read_page(&p.html_path).unwrap())).collect();
    let Score::Trafilatura(r) = dataset::score(tr, &whole) else { panic!("layout") };
    assert!(r.recall > 0.5, "{}", r.recall);
    let Score::Trafilatura(r) = dataset::score(tr, &vec![None; tr.pages.len()]) else { panic!("layout") };
    assert_eq!((r.totals.tp, r.totals.fp, r.totals.fn_, r.totals.tn), (0, 0, 907, 911));
}
