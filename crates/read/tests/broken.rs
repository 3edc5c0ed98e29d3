//! Broken inputs: each gives a clear error naming the source and the position, and reading
//! goes on with what follows.

mod common;

use common::*;
use std::io::{Cursor, Write};
use storyline_doc::Position;
use storyline_read::{Input, ReadOptions, read_all, read_stream};

#[test]
fn a_malformed_json_line_among_good_ones() {
    let docs = read_fixture("broken/broken.jsonl");
    let summary: Vec<String> = docs
        .iter()
        .map(|d| match d {
            Ok(d) => format!("ok {:?} {}", d.provenance.position, d.hints.id.as_deref().unwrap_or("")),
            Err(e) => format!("err {:?}", e.position),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "ok Some(Line(1)) ok-1",
            "ok Some(Line(2)) ok-2",
            "err Some(Line(3))",
            "ok Some(Line(4)) ok-4",
            "err Some(Line(5))",
            "err Some(Line(6))",
            "err Some(Line(7))",
            "ok Some(Line(8)) ok-8",
        ]
    );
    let shown = err(&docs[2]).to_string();
    assert!(shown.contains("broken.jsonl:line 3: invalid JSON"), "{shown}");
    assert!(err(&docs[4]).message.contains("no article body"), "{}", err(&docs[4]));
    assert!(err(&docs[5]).message.contains("expected a JSON object, found an array"), "{}", err(&docs[5]));
    assert!(err(&docs[6]).message.contains("`text` should be a string, found a number"), "{}", err(&docs[6]));
}

#[test]
fn a_truncated_gzip_yields_what_was_read_then_one_error() {
    let docs = read_fixture("broken/truncated.jsonl.gz");
    let (last, good) = docs.split_last().unwrap();
    assert!(good.len() >= 10, "only {} documents before the cut", good.len());
    for (i, d) in good.iter().enumerate() {
        assert_eq!(ok(d).hints.id.as_deref(), Some(format!("n{}", i + 1).as_str()));
    }
    let e = err(last);
    assert!(matches!(e.position, Some(Position::Byte(n)) if n > 0), "{e}");
    assert!(e.message.contains("gzip stream is truncated or corrupt"), "{e}");
    assert!(e.message.contains("at compressed byte"), "{e}");
    assert!(e.source.ends_with("truncated.jsonl.gz"));
}

#[test]
fn a_truncated_warc_gz_keeps_the_records_before_the_cut() {
    let whole = std::fs::read(fixture("cc-news.warc.gz")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("cut.warc.gz");
    // The last page record starts in the last third of the file; cut inside it.
    std::fs::write(&cut, &whole[..whole.len() * 9 / 10]).unwrap();
    let docs = read_path(&cut, &ReadOptions::default());
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert!(ok(&docs[0]).hints.url.as_deref().unwrap().contains("comwrap"));
    assert!(ok(&docs[1]).hints.url.as_deref().unwrap().contains("sciencealert"));
    let e = err(&docs[2]);
    assert!(matches!(e.position, Some(Position::Byte(_))), "{e}");
    assert!(e.to_string().contains("cut.warc.gz:byte "), "{e}");
}

#[test]
fn a_broken_warc_record_is_skipped() {
    let bytes = std::fs::read(fixture("broken.warc")).unwrap();
    let docs = read_fixture("broken.warc");
    assert_eq!(docs.len(), 4, "{docs:?}");
    assert_eq!(ok(&docs[0]).hints.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(ok(&docs[3]).hints.url.as_deref(), Some("https://example.org/b"));
    let no_length = err(&docs[1]);
    assert!(no_length.message.contains("Content-Length"), "{no_length}");
    let not_http = err(&docs[2]);
    assert!(not_http.message.contains("not an HTTP response"), "{not_http}");
    // Each error points at the start of its record.
    for e in [no_length, not_http] {
        let Some(Position::Byte(at)) = e.position else { panic!("{e}") };
        assert!(bytes[at as usize..].starts_with(b"WARC/1.0\r\n"), "{e}");
        assert!(at > 0);
    }
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let (options, warnings) = collecting();
    let docs = read_path(&fixture("broken/invalid-utf8.txt"), &options);
    assert_eq!(docs.len(), 1);
    let t = text(ok(&docs[0]));
    assert!(t.starts_with("Une dépêche en UTF-8 correct"), "{t}");
    assert!(t.contains("Puis un octet perdu \u{FFFD} au milieu"), "{t}");
    assert!(t.contains("La suite du texte reste lisible : déjà, très, où."), "{t}");
    let warnings = warnings.lock().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let bad =
        std::fs::read(fixture("broken/invalid-utf8.txt")).unwrap().iter().position(|b| *b == 0xff).unwrap();
    assert_eq!(warnings[0].position, Some(Position::Byte(bad as u64)));
    assert!(warnings[0].to_string().contains("invalid-utf8.txt:byte "), "{}", warnings[0]);
}

#[test]
fn binary_junk_and_empty_files_are_errors() {
    let docs = read_fixture("broken/junk.bin");
    assert_eq!(docs.len(), 1);
    let e = err(&docs[0]);
    assert!(e.message.contains("binary data"), "{e}");
    assert!(matches!(e.position, Some(Position::Byte(_))));

    let docs = read_fixture("broken/empty.txt");
    assert_eq!(docs.len(), 1);
    let e = err(&docs[0]);
    assert_eq!(e.position, Some(Position::Byte(0)));
    assert!(e.to_string().ends_with("empty.txt:byte 0: empty input: no document"), "{e}");

    let docs: Vec<_> = read_stream("blank.txt", Cursor::new(" \n\n \n"), &ReadOptions::default()).collect();
    assert!(err(&docs[0]).message.contains("blank"), "{}", err(&docs[0]));
}

#[test]
fn malformed_xml_keeps_the_items_before_it() {
    let bytes = std::fs::read(fixture("broken/malformed.xml")).unwrap();
    let docs = read_fixture("broken/malformed.xml");
    assert_eq!(docs.len(), 3, "{docs:?}");
    assert_eq!(text(ok(&docs[0])), "First item is fine.");
    assert_eq!(text(ok(&docs[1])), "Second item is fine.");
    let e = err(&docs[2]);
    assert!(e.message.starts_with("malformed XML"), "{e}");
    let Some(Position::Byte(at)) = e.position else { panic!("{e}") };
    let third = memchr::memmem::find(&bytes, b"<title>Third").unwrap();
    let fourth = memchr::memmem::find(&bytes, b"<title>Fourth").unwrap();
    assert!((third..fourth).contains(&(at as usize)), "{e}: offset outside the third item");
}

#[test]
fn feed_cut_short_and_xml_that_is_not_a_feed() {
    let rss = std::fs::read(fixture("rss2.xml")).unwrap();
    let cut = memchr::memmem::find(&rss, b"<title>Des dizaines").unwrap();
    let docs: Vec<_> =
        read_stream("cut.xml", Cursor::new(rss[..cut].to_vec()), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 3, "{docs:?}");
    ok(&docs[0]);
    ok(&docs[1]);
    assert!(err(&docs[2]).message.contains("ends before"), "{}", err(&docs[2]));

    let sitemap = "<?xml version=\"1.0\"?>\n<urlset><url><loc>https://x.example/</loc></url></urlset>";
    let docs: Vec<_> = read_stream("sitemap.xml", Cursor::new(sitemap), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 1);
    let e = err(&docs[0]);
    assert!(e.message.contains("not an RSS or Atom feed: the root element is <urlset>"), "{e}");
    assert_eq!(e.position, Some(Position::Byte(22)));

    // A well-formed feed without items is no error: it has nothing to read yet.
    let empty = "<rss version=\"2.0\"><channel><title>Quiet</title></channel></rss>";
    let docs: Vec<_> = read_stream("quiet.xml", Cursor::new(empty), &ReadOptions::default()).collect();
    assert!(docs.is_empty(), "{docs:?}");
}

#[test]
fn a_json_line_over_the_size_limit_is_skipped() {
    let long = format!("{{\"text\": \"{}\"}}", "x".repeat(500));
    let input = format!("{long}\n{{\"text\": \"short\"}}\n");
    let options = ReadOptions { max_document_bytes: 100, ..ReadOptions::default() };
    let docs: Vec<_> = read_stream("big.jsonl", Cursor::new(input), &options).collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(err(&docs[0]).position, Some(Position::Line(1)));
    assert!(err(&docs[0]).message.contains("100-byte document limit"));
    assert_eq!(text(ok(&docs[1])), "short");
    assert_eq!(ok(&docs[1]).provenance.position, Some(Position::Line(2)));
}

/// A 50 MB page: over the default 20 MiB limit it is a clear error (read no further than
/// the limit), and the next file is read; with the limit raised it is read whole.
#[test]
fn a_50_mb_page_is_refused_by_default_and_read_when_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("a-big.html");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&big).unwrap());
    f.write_all(b"<!doctype html><html><head><title>Big</title></head><body>\n").unwrap();
    let para = format!("<p>{}</p>\n", "Un paragraphe de remplissage. ".repeat(33));
    let mut written = 0;
    while written < 50 * 1024 * 1024 {
        f.write_all(para.as_bytes()).unwrap();
        written += para.len();
    }
    f.write_all(b"</body></html>\n").unwrap();
    f.flush().unwrap();
    drop(f);
    std::fs::write(dir.path().join("b-after.txt"), "Le texte suivant est lu.").unwrap();

    let started = std::time::Instant::now();
    let docs: Vec<_> = read_all(&[Input::Path(dir.path().to_path_buf())], &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 2, "{:?}", docs.iter().map(|d| d.as_ref().err()).collect::<Vec<_>>());
    let e = err(&docs[0]);
    assert!(e.source.ends_with("a-big.html"));
    assert_eq!(e.position, Some(Position::Byte(20 * 1024 * 1024)));
    assert!(e.message.contains("larger than the 20971520-byte limit"), "{e}");
    assert_eq!(text(ok(&docs[1])), "Le texte suivant est lu.");
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());

    let options = ReadOptions { max_document_bytes: 64 * 1024 * 1024, ..ReadOptions::default() };
    let docs = read_path(&big, &options);
    let page = html(ok(&docs[0]));
    assert!(page.len() > 50 * 1024 * 1024);
    assert!(page.ends_with("</body></html>\n"));
}

#[test]
fn a_missing_file_is_an_error_and_the_rest_goes_on() {
    let inputs = [Input::Path(fixture("no-such-file.txt")), Input::Path(fixture("front-matter.txt"))];
    let docs: Vec<_> = read_all(&inputs, &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 2);
    let e = err(&docs[0]);
    assert!(e.source.ends_with("no-such-file.txt") && e.message.starts_with("cannot read"), "{e}");
    ok(&docs[1]);
}

/// Damaged copies of every fixture, read as every format: no panic, no hang, and every error
/// names its source.
#[test]
fn damaged_fixtures_never_panic() {
    use storyline_read::Format;
    let files = [
        "front-matter.txt",
        "articles.jsonl",
        "rss2.xml",
        "rss1.rdf",
        "atom.xml",
        "broken.warc",
        "cc-news.warc.gz",
        "lhpat-tm.html.gz",
        "encodings/rss-cp1251.xml",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let formats = [Format::Auto, Format::Text, Format::Html, Format::Jsonl, Format::Feed, Format::Warc];
    for file in files {
        let original = std::fs::read(fixture(file)).unwrap();
        for round in 0..12 {
            let mut bytes = original.clone();
            // Cut, then flip a few bytes.
            let cut = (next() as usize) % (bytes.len() + 1);
            if round % 2 == 0 {
                bytes.truncate(cut);
            }
            for _ in 0..(round % 4) * 3 {
                if !bytes.is_empty() {
                    let at = (next() as usize) % bytes.len();
                    bytes[at] = next() as u8;
                }
            }
            for format in formats {
                let options = ReadOptions { format, max_document_bytes: 64 * 1024, ..ReadOptions::default() };
                let name = format!("damaged-{round}-{file}");
                for item in read_stream(name.clone(), Cursor::new(bytes.clone()), &options).take(10_000) {
                    if let Err(e) = item {
                        assert_eq!(e.source, name);
                        assert!(!e.message.is_empty());
                    }
                }
            }
        }
    }
}
