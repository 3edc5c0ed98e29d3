//! Every reader on real, well-formed files.

mod common;

use common::*;
use std::io::Cursor;
use storyline_doc::{Body, Position, content_hash};
use storyline_read::{Format, Input, ReadOptions, read_stream};

#[test]
fn text_with_front_matter() {
    let docs = read_fixture("front-matter.txt");
    assert_eq!(docs.len(), 1);
    let d = ok(&docs[0]);
    let h = &d.hints;
    assert_eq!(h.title.as_deref(), Some("Kazakhstan : l'état d'urgence décrété"));
    assert_eq!(h.published.as_deref(), Some("2022-01-06"));
    assert_eq!(h.url.as_deref(), Some("https://news.example/kz"));
    assert_eq!(h.site.as_deref(), Some("News Example"));
    assert_eq!(h.language.as_deref(), Some("fr"));
    assert_eq!(h.authors, ["Anne Martin", "Paul Durand"]);
    assert_eq!(h.id.as_deref(), Some("kz-1"));
    assert_eq!(
        text(d),
        "Le gouvernement a démissionné mercredi soir.\n\nL'état d'urgence a été décrété pour deux semaines.\n"
    );
    assert!(d.provenance.source.ends_with("front-matter.txt"));
    assert_eq!(d.provenance.position, None);
    assert_eq!(d.provenance.content_hash, content_hash(&std::fs::read(fixture("front-matter.txt")).unwrap()));
}

#[test]
fn text_with_a_header_fused_to_the_first_line() {
    // The shape of the seed articles: a ` date YYYY-MM` header glued to a photo caption.
    let raw = " date 2022-01 Des véhicules et des bâtiments ont été incendiés, le 5 janvier 2022.\n\n\
               Les manifestations se poursuivent jeudi.\n\nPublicité Lire la suite\n";
    let docs: Vec<_> = read_stream("seed.txt", Cursor::new(raw), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 1);
    let d = ok(&docs[0]);
    assert_eq!(d.hints.published.as_deref(), Some("2022-01"));
    assert_eq!(
        text(d),
        "Des véhicules et des bâtiments ont été incendiés, le 5 janvier 2022.\n\n\
         Les manifestations se poursuivent jeudi.\n\nPublicité Lire la suite\n"
    );
    assert_eq!(d.provenance.source, "seed.txt");
    assert_eq!(d.provenance.content_hash, content_hash(raw.as_bytes()));
}

#[test]
fn the_shared_seeds_when_present() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let docs: Vec<_> = storyline_read::read(&Input::Path(seeds), &ReadOptions::default()).collect();
    assert!(docs.len() >= 2, "{docs:?}");
    let dated: Vec<_> = docs.iter().map(ok).filter(|d| d.hints.published.is_some()).collect();
    assert!(!dated.is_empty());
    for d in dated {
        let date = d.hints.published.as_deref().unwrap();
        assert!(storyline_doc::PartialDateTime::parse_iso(date).is_ok(), "{date}");
        // The header is gone from the text, which starts with a capital letter of the caption.
        assert!(!text(d).trim_start().starts_with("date"), "{}", &text(d)[..80]);
    }
}

#[test]
fn legacy_encodings_are_detected() {
    let fr = std::fs::read_to_string(fixture("encodings/cp1252.utf8")).unwrap();
    let ru = std::fs::read_to_string(fixture("encodings/ru.utf8")).unwrap();
    for (file, expected) in [
        ("encodings/cp1252.txt", &fr),
        ("encodings/koi8r.txt", &ru),
        ("encodings/cp1251.txt", &ru),
        ("encodings/utf16le-bom.txt", &fr),
    ] {
        let (options, warnings) = collecting();
        let docs = read_path(&fixture(file), &options);
        assert_eq!(docs.len(), 1, "{file}");
        assert_eq!(text(ok(&docs[0])), expected.as_str(), "{file}");
        assert!(warnings.lock().unwrap().is_empty(), "{file}: {:?}", warnings.lock().unwrap());
    }
}

#[test]
fn html_pages_plain_and_gzipped() {
    let docs = read_fixture("comwrap.html");
    assert_eq!(docs.len(), 1);
    let d = ok(&docs[0]);
    assert!(html(d).contains("DMEXCO 2018"));
    assert_eq!(d.provenance.content_hash, content_hash(&std::fs::read(fixture("comwrap.html")).unwrap()));

    let docs = read_fixture("lhpat-tm.html.gz");
    assert_eq!(docs.len(), 1);
    let d = ok(&docs[0]);
    assert!(html(d).contains("商標法違反"), "UTF-8 Japanese page decoded");
    // Hashed as read, after decompression: the same page plain or gzipped is one document.
    let plain = gunzip(&std::fs::read(fixture("lhpat-tm.html.gz")).unwrap());
    assert_eq!(d.provenance.content_hash, content_hash(&plain));
}

#[test]
fn html_charset_from_meta() {
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
        "<!DOCTYPE html><html><head><meta charset=\"windows-1251\"><title>Новости</title></head>\
         <body><p>Правительство ушло в отставку.</p></body></html>",
    );
    let docs: Vec<_> =
        read_stream("page", Cursor::new(bytes.into_owned()), &ReadOptions::default()).collect();
    assert!(html(ok(&docs[0])).contains("Правительство ушло в отставку."));
}

#[test]
fn json_lines_with_aliases() {
    let docs = read_fixture("articles.jsonl");
    assert_eq!(docs.len(), 4, "{docs:?}");
    let positions: Vec<_> = docs.iter().map(|d| ok(d).provenance.position).collect();
    // Line 3 is blank and skipped; numbering follows the file.
    assert_eq!(
        positions,
        [Some(Position::Line(1)), Some(Position::Line(2)), Some(Position::Line(4)), Some(Position::Line(5))]
    );

    let a = ok(&docs[0]);
    assert_eq!(a.hints.id.as_deref(), Some("a1"));
    assert_eq!(a.hints.published.as_deref(), Some("2022-01-02"));
    assert_eq!(a.hints.site.as_deref(), Some("News Example"));
    assert_eq!(a.hints.language.as_deref(), Some("fr"));
    assert_eq!(a.hints.authors, ["A. Un", "B. Deux"]);
    assert!(text(a).contains("\n\nLes premières manifestations"));
    let first_line = std::fs::read_to_string(fixture("articles.jsonl")).unwrap();
    let first_line = first_line.lines().next().unwrap();
    assert_eq!(a.provenance.content_hash, content_hash(first_line.as_bytes()));

    let b = ok(&docs[1]);
    assert_eq!(b.hints.id.as_deref(), Some("2"));
    assert_eq!(b.hints.published.as_deref(), Some("2022-01-05T10:00:00Z"));
    assert!(html(b).contains("<article>"));

    let c = ok(&docs[2]);
    assert_eq!(c.hints.url.as_deref(), Some("https://news.example/a3"));
    assert_eq!(c.hints.title.as_deref(), Some("Aliases"));
    assert_eq!(c.hints.published.as_deref(), Some("2022-01-06 09:00:00"));
    assert_eq!(c.hints.language.as_deref(), Some("en"));
    assert_eq!(c.hints.authors, ["C. Trois"]);
    assert_eq!(c.hints.site.as_deref(), Some("News Example"));
    assert_eq!(text(c), "Text given as content.");

    let d = ok(&docs[3]);
    assert_eq!(text(d), "Body under maintext.");
    assert_eq!(d.hints.site.as_deref(), Some("news.example"));
    assert_eq!(d.hints.description.as_deref(), Some("A summary."));
}

/// The XML text of the n-th (1-based) `<item>`/`<entry>` in a fixture, as written.
fn item_xml(file: &str, tag: &str, n: usize) -> String {
    let s = std::fs::read_to_string(fixture(file)).unwrap();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let starts: Vec<_> = s
        .match_indices(&open)
        .map(|(i, _)| i)
        .filter(|i| s[*i + open.len()..].starts_with([' ', '>']))
        .collect();
    let start = starts[n - 1];
    let end = start + s[start..].find(&close).unwrap() + close.len();
    s[start..end].to_string()
}

#[test]
fn rss2_items() {
    let docs = read_fixture("rss2.xml");
    assert_eq!(docs.len(), 5, "{docs:?}");
    let a = ok(&docs[0]);
    assert_eq!(a.provenance.position, Some(Position::Item(1)));
    assert_eq!(a.provenance.content_hash, content_hash(item_xml("rss2.xml", "item", 1).as_bytes()));
    assert_eq!(a.hints.title.as_deref(), Some("L'état d'urgence décrété"));
    assert_eq!(a.hints.url.as_deref(), Some("https://quotidien.example/2022/01/06/etat-urgence"));
    assert_eq!(a.hints.id.as_deref(), Some("quotidien-4711"));
    assert_eq!(a.hints.published.as_deref(), Some("Thu, 06 Jan 2022 14:30:00 +0600"));
    assert_eq!(a.hints.authors, ["Anne Martin"]);
    assert_eq!(a.hints.site.as_deref(), Some("Le Quotidien & Associés"));
    assert_eq!(a.hints.language.as_deref(), Some("fr"));
    assert_eq!(a.hints.description.as_deref(), Some("Le gouvernement a démissionné."));
    assert_eq!(
        html(a),
        "<p>Le gouvernement a démissionné mercredi soir.</p><p>L'état d'urgence a été décrété pour deux semaines.</p>"
    );

    let b = ok(&docs[1]);
    assert_eq!(text(b), "L'accès à internet a été coupé dans tout le pays — selon NetBlocks — jeudi.");
    assert_eq!(b.hints.authors, ["redaction@quotidien.example (Paul Durand)"]);

    let c = ok(&docs[2]);
    assert_eq!(html(c), "<p>La police fait état de <b>dizaines</b> de manifestants tués.</p>");
    assert_eq!(c.hints.url.as_deref(), Some("https://quotidien.example/2022/01/07/bilan"), "permalink guid");

    // A link-only item is an error naming the item, and the feed goes on.
    let e = err(&docs[3]);
    assert_eq!(e.position, Some(Position::Item(4)));
    assert!(e.message.contains("https://quotidien.example/2022/01/08/lien"), "{e}");
    assert!(e.to_string().contains("rss2.xml:item 4: "), "{e}");
    assert_eq!(text(ok(&docs[4])), "Cet article suit un article sans contenu.");
}

#[test]
fn rss1_rdf_items() {
    let docs = read_fixture("rss1.rdf");
    assert_eq!(docs.len(), 2, "{docs:?}");
    let a = ok(&docs[0]);
    assert_eq!(a.hints.url.as_deref(), Some("https://wire.example/story/1"));
    assert_eq!(a.hints.published.as_deref(), Some("2022-01-02T09:15:00Z"));
    assert_eq!(a.hints.authors, ["Wire Staff"]);
    assert_eq!(a.hints.site.as_deref(), Some("Wire Example"));
    assert_eq!(a.hints.language.as_deref(), Some("en"));
    assert_eq!(text(a), "Liquefied gas prices doubled at the start of the year.");
    let b = ok(&docs[1]);
    assert_eq!(b.provenance.position, Some(Position::Item(2)));
    assert_eq!(b.hints.url.as_deref(), Some("https://wire.example/story/2"), "from rdf:about");
    assert_eq!(b.hints.language.as_deref(), Some("en-GB"));
    assert_eq!(b.provenance.content_hash, content_hash(item_xml("rss1.rdf", "item", 2).as_bytes()));
}

#[test]
fn atom_entries() {
    let docs = read_fixture("atom.xml");
    assert_eq!(docs.len(), 3, "{docs:?}");
    let a = ok(&docs[0]);
    assert_eq!(a.hints.url.as_deref(), Some("https://atom.example/2022/01/05/regierung"));
    assert_eq!(a.hints.id.as_deref(), Some("tag:atom.example,2022:1"));
    assert_eq!(a.hints.published.as_deref(), Some("2022-01-05T20:00:00+06:00"));
    assert_eq!(a.hints.modified.as_deref(), Some("2022-01-06T08:00:00+06:00"));
    assert_eq!(a.hints.authors, ["Eva Schmidt", "Jan Novak"]);
    assert_eq!(a.hints.site.as_deref(), Some("Atom Nachrichten"));
    assert_eq!(a.hints.language.as_deref(), Some("de"));
    assert_eq!(a.hints.description.as_deref(), Some("Kurzfassung."));
    assert_eq!(html(a), "<p>Die Regierung ist am Mittwochabend zurückgetreten.</p>");

    let b = ok(&docs[1]);
    assert_eq!(b.hints.published, None);
    assert_eq!(b.hints.modified.as_deref(), Some("2022-01-06T10:00:00Z"));
    assert!(html(b).contains("<p>Der Ausnahmezustand gilt <em>zwei Wochen</em>.</p>"), "{}", html(b));

    let c = ok(&docs[2]);
    assert_eq!(text(c), "Ein Satz ohne Auszeichnung.");
    assert_eq!(c.provenance.content_hash, content_hash(item_xml("atom.xml", "entry", 3).as_bytes()));
}

#[test]
fn feed_in_a_legacy_encoding() {
    let docs = read_fixture("encodings/rss-cp1251.xml");
    assert_eq!(docs.len(), 1, "{docs:?}");
    let d = ok(&docs[0]);
    assert_eq!(d.hints.title.as_deref(), Some("Чрезвычайное положение"));
    assert_eq!(d.hints.site.as_deref(), Some("Новости"));
    assert!(text(d).starts_with("Протесты продолжаются"));
}

#[test]
fn warc_gz_response_records() {
    let docs = read_fixture("cc-news.warc.gz");
    let urls: Vec<_> = docs.iter().map(|d| ok(d).hints.url.clone().unwrap()).collect();
    assert_eq!(
        urls,
        [
            "https://blog.comwrap.com/comwrap-auf-der-dmexco-2018",
            "https://www.sciencealert.com/nasa-finds-water-plumes-above-the-surface-of-jupiter-s-icy-moon-europa",
            "https://www.lhpat-tm.com/blog/decision-info/index-2726.html",
        ]
    );
    let stream = gunzip(&std::fs::read(fixture("cc-news.warc.gz")).unwrap());
    for d in docs.iter().map(ok) {
        // The position is the record's offset in the decompressed stream.
        let Some(Position::Byte(at)) = d.provenance.position else { panic!("{:?}", d.provenance) };
        let record = &stream[at as usize..];
        assert!(record.starts_with(b"WARC/1.0\r\n"));
        let head = String::from_utf8_lossy(&record[..600]);
        assert!(head.contains(&format!("WARC-Target-URI: {}", d.hints.url.as_deref().unwrap())), "{head}");
        assert!(d.provenance.fetched_at.as_deref().is_some_and(|t| t.starts_with("2022-01-06T14:3")));
    }
    let comwrap = std::fs::read(fixture("comwrap.html")).unwrap();
    assert_eq!(ok(&docs[0]).provenance.content_hash, content_hash(&comwrap));
    // Chunked and gzip-encoded on the wire: hashed and decoded as the page itself.
    let science = std::fs::read(fixture("sciencealert.html")).unwrap();
    assert_eq!(ok(&docs[1]).provenance.content_hash, content_hash(&science));
    assert!(html(ok(&docs[1])).contains("Europa"));
    assert!(html(ok(&docs[2])).contains("商標法違反"), "no Content-Type: sniffed as HTML");
}

#[test]
fn content_decides_over_the_name_and_the_option_over_both() {
    let rss = std::fs::read(fixture("rss1.rdf")).unwrap();
    let docs: Vec<_> = read_stream("feed.txt", Cursor::new(rss), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(ok(&docs[0]).provenance.position, Some(Position::Item(1)));

    let options = ReadOptions { format: Format::Html, ..ReadOptions::default() };
    let docs = read_path(&fixture("front-matter.txt"), &options);
    assert!(matches!(ok(&docs[0]).body, Body::Html(_)));

    let options = ReadOptions { format: Format::Text, ..ReadOptions::default() };
    let docs = read_path(&fixture("comwrap.html"), &options);
    assert!(text(ok(&docs[0])).contains("<html"));
}
