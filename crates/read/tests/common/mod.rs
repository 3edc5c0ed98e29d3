//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use storyline_doc::{Body, RawDocument};
use storyline_read::{Input, ReadError, ReadOptions, Warnings};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

pub fn read_path(path: &Path, options: &ReadOptions) -> Vec<Result<RawDocument, ReadError>> {
    storyline_read::read(&Input::Path(path.to_path_buf()), options).collect()
}

pub fn read_fixture(rel: &str) -> Vec<Result<RawDocument, ReadError>> {
    read_path(&fixture(rel), &ReadOptions::default())
}

/// Options whose warnings are collected.
pub fn collecting() -> (ReadOptions, Arc<Mutex<Vec<ReadError>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let options = ReadOptions {
        on_warning: Some(Warnings::new(move |w| sink.lock().unwrap().push(w.clone()))),
        ..ReadOptions::default()
    };
    (options, seen)
}

pub fn ok(r: &Result<RawDocument, ReadError>) -> &RawDocument {
    match r {
        Ok(d) => d,
        Err(e) => panic!("expected a document, got error: {e}"),
    }
}

pub fn err(r: &Result<RawDocument, ReadError>) -> &ReadError {
    match r {
        Ok(d) => panic!("expected an error, got a document from {}", d.provenance.locator()),
        Err(e) => e,
    }
}

pub fn text(d: &RawDocument) -> &str {
    match &d.body {
        Body::Text(t) => t,
        Body::Html(h) => panic!("expected a text body, got HTML: {}", &h[..h.len().min(200)]),
    }
}

pub fn html(d: &RawDocument) -> &str {
    match &d.body {
        Body::Html(h) => h,
        Body::Text(t) => panic!("expected an HTML body, got text: {}", &t[..t.len().min(200)]),
    }
}

pub fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}
