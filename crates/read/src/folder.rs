//! Expanding folders into the files they hold.

use crate::{Input, ReadError};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Extensions of files that cannot hold an article: images, media, fonts, archives we do
/// not read, executables, styles and scripts. Checked after a trailing `.gz` is removed.
const SKIPPED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "svg", "ico", "bmp", "tif", "tiff", "avif", "heic", "mp3", "mp4",
    "m4a", "wav", "ogg", "oga", "webm", "avi", "mov", "mkv", "flac", "woff", "woff2", "ttf", "otf", "eot",
    "zip", "tar", "tgz", "bz2", "xz", "zst", "7z", "rar", "exe", "dll", "so", "dylib", "bin", "o", "a",
    "class", "jar", "wasm", "pyc", "db", "sqlite", "sqlite3", "parquet", "arrow", "pdf", "doc", "docx",
    "xls", "xlsx", "ppt", "pptx", "css", "js", "mjs", "map", "lock", "cdx", "idx", "sha256", "md5", "swp",
    "tmp", "part",
];

pub(crate) fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else { return true };
    if name.starts_with('.') || name.ends_with('~') {
        return false;
    }
    match crate::sniff::extension(name) {
        Some(ext) => !SKIPPED_EXTENSIONS.contains(&ext.as_str()),
        None => true,
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

pub(crate) fn discover(inputs: &[Input]) -> (Vec<Input>, Vec<ReadError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        let Input::Path(path) = input else {
            out.push(input.clone());
            continue;
        };
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let mut seen = HashSet::new();
                walk(path, &mut out, &mut errors, &mut seen);
            }
            Ok(_) => out.push(input.clone()),
            Err(e) => errors.push(ReadError {
                source: display(path),
                position: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<ReadError>, seen: &mut HashSet<PathBuf>) {
    // Symbolic links may loop back to an ancestor.
    if let Ok(canonical) = fs::canonicalize(dir)
        && !seen.insert(canonical)
    {
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(ReadError {
                source: display(dir),
                position: None,
                message: format!("cannot list folder: {e}"),
            });
            return;
        }
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => names.push(e.file_name()),
            Err(e) => errors.push(ReadError {
                source: display(dir),
                position: None,
                message: format!("cannot list folder: {e}"),
            }),
        }
    }
    names.sort();
    for name in names {
        let path = dir.join(&name);
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, out, errors, seen),
            Ok(m) if m.is_file() => {
                if is_candidate(&path) {
                    out.push(Input::Path(path));
                }
            }
            // Sockets, pipes and devices are not articles.
            Ok(_) => {}
            Err(e) => errors.push(ReadError {
                source: display(&path),
                position: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
}
