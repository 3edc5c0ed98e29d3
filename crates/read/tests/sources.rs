//! Where documents come from: folders, standard input, URLs.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use storyline_doc::{Body, Position};
use storyline_read::{Input, ReadOptions, USER_AGENT, discover, read, read_all};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn folders_are_walked_in_order_skipping_hidden_and_non_article_files() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    write("z.txt", b"Dernier.");
    write("b/2.txt", b"Deux.");
    write("b/1.txt", b"Un.");
    write("a.jsonl", b"{\"text\": \"J1\"}\n{\"text\": \"J2\"}\n");
    write(".hidden/x.txt", b"Cache.");
    write(".h.txt", b"Cache.");
    write("img.PNG", b"\x89PNG\r\n\x1a\n");
    write("style.css.gz", &gzip(b"body{}"));
    write("c/junk.dat", &[0u8, 1, 2, 3, 0, 255, 254, 0]);
    write("d.html.gz", &gzip(b"<!doctype html><html><body><p>Page.</p></body></html>"));
    std::fs::create_dir_all(root.join("e")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root, root.join("c/loop")).unwrap();

    let missing = root.join("missing");
    let (found, errors) = discover(&[Input::Path(root.to_path_buf()), Input::Path(missing.clone())]);
    let rel: Vec<String> = found
        .iter()
        .map(|i| match i {
            Input::Path(p) => p.strip_prefix(root).unwrap().display().to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(rel, ["a.jsonl", "b/1.txt", "b/2.txt", "c/junk.dat", "d.html.gz", "z.txt"]);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].source, missing.display().to_string());

    // A hidden file named explicitly is read.
    let (found, _) = discover(&[Input::Path(root.join(".h.txt"))]);
    assert_eq!(found.len(), 1);

    let docs: Vec<_> = read_all(&[Input::Path(root.to_path_buf())], &ReadOptions::default()).collect();
    let seen: Vec<String> = docs
        .iter()
        .map(|d| match d {
            Ok(d) => match &d.body {
                Body::Text(t) => t.clone(),
                Body::Html(_) => "<html>".into(),
            },
            Err(e) => {
                format!("error in {}", std::path::Path::new(&e.source).file_name().unwrap().to_string_lossy())
            }
        })
        .collect();
    assert_eq!(seen, ["J1", "J2", "Un.", "Deux.", "error in junk.dat", "<html>", "Dernier."]);
    // Sources are the paths as found under the folder given.
    assert_eq!(ok(&docs[2]).provenance.source, root.join("b/1.txt").display().to_string());
}

/// Run by `standard_input_is_sniffed_like_a_file` in a child process, with its stdin piped.
#[test]
#[ignore = "run as a child process by standard_input_is_sniffed_like_a_file"]
fn stdin_child() {
    for d in read(&Input::Stdin, &ReadOptions::default()) {
        match d {
            Ok(d) => println!(
                "DOC {} {:?} {}",
                d.provenance.source,
                d.provenance.position,
                serde_json::to_string(&d.body).unwrap()
            ),
            Err(e) => println!("ERR {e}"),
        }
    }
}

#[test]
fn standard_input_is_sniffed_like_a_file() {
    let input = gzip(b"{\"text\": \"depuis stdin\"}\n{\"text\": \n{\"html\": \"<p>trois</p>\"}\n");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "stdin_child", "--nocapture", "--test-threads=1"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The harness may print `test stdin_child ... ` before the first line.
    let lines: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.find("DOC - ").or_else(|| l.find("ERR -:")).map(|i| &l[i..]))
        .collect();
    assert_eq!(
        lines,
        [
            r#"DOC - Some(Line(1)) {"kind":"text","content":"depuis stdin"}"#,
            "ERR -:line 2: invalid JSON: EOF while parsing a value at line 1 column 9",
            r#"DOC - Some(Line(3)) {"kind":"html","content":"<p>trois</p>"}"#,
        ],
        "{stdout}"
    );
}

/// A tiny HTTP/1.1 server on 127.0.0.1 that answers each connection once, then closes it.
/// It stops when dropped, or by itself after 30 seconds.
struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    out.extend_from_slice(body);
    out
}

fn serve(route: fn(&str) -> (Vec<u8>, Duration)) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let (log, halt) = (requests.clone(), stop.clone());
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !halt.load(Ordering::SeqCst) && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => answer(stream, route, &log),
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    Server { addr, requests, stop }
}

fn answer(stream: TcpStream, route: fn(&str) -> (Vec<u8>, Duration), log: &Mutex<Vec<String>>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(head);
    let (bytes, delay) = route(&path);
    std::thread::sleep(delay);
    let mut stream = &stream;
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
}

fn route(path: &str) -> (Vec<u8>, Duration) {
    let now = Duration::ZERO;
    match path {
        "/page.html" => {
            let (body, _, _) = encoding_rs::WINDOWS_1252
                .encode("<html><body><p>Les élèves ont manifesté – à Paris, dit l’agence.</p></body></html>");
            (response("200 OK", &[("Content-Type", "text/html; charset=windows-1252")], &body), now)
        }
        "/old" => (response("301 Moved Permanently", &[("Location", "/feed")], b""), now),
        "/feed" => {
            let body = std::fs::read(fixture("rss1.rdf")).unwrap();
            (response("200 OK", &[("Content-Type", "application/rss+xml")], &body), now)
        }
        "/data" => {
            let body = gzip(b"{\"text\": \"un\"}\n{\"text\": \"deux\"}\n");
            (response("200 OK", &[("Content-Type", "application/octet-stream")], &body), now)
        }
        "/big" => (response("200 OK", &[("Content-Type", "text/plain")], &[b'x'; 5000]), now),
        "/slow" => (response("200 OK", &[("Content-Type", "text/plain")], b"late"), Duration::from_secs(3)),
        _ => (response("404 Not Found", &[("Content-Type", "text/html")], b"<html>nope</html>"), now),
    }
}

#[test]
fn urls_are_fetched_then_sniffed() {
    let server = serve(route);
    let url = |p: &str| format!("http://{}{p}", server.addr);
    let started = Instant::now();

    let docs: Vec<_> = read(&Input::parse(&url("/page.html")), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 1);
    let d = ok(&docs[0]);
    assert_eq!(html(d), "<html><body><p>Les élèves ont manifesté – à Paris, dit l’agence.</p></body></html>");
    assert_eq!(d.provenance.source, url("/page.html"));
    assert_eq!(d.hints.url.as_deref(), Some(url("/page.html").as_str()));
    let fetched = d.provenance.fetched_at.clone().unwrap();
    assert!(fetched.len() == 20 && fetched.ends_with('Z') && fetched.as_bytes()[10] == b'T', "{fetched}");
    assert!(storyline_doc::PartialDateTime::parse_iso(&fetched).is_ok(), "{fetched}");
    let first_request = server.requests.lock().unwrap()[0].to_ascii_lowercase();
    assert!(
        first_request.contains(&format!("user-agent: {}", USER_AGENT.to_ascii_lowercase())),
        "{first_request}"
    );
    assert!(USER_AGENT.starts_with("storyline/"));

    // Redirected to a feed: items, each with the feed's fetch time.
    let docs: Vec<_> = read(&Input::parse(&url("/old")), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert_eq!(ok(&docs[0]).provenance.position, Some(Position::Item(1)));
    assert_eq!(ok(&docs[0]).hints.url.as_deref(), Some("https://wire.example/story/1"));
    assert!(ok(&docs[1]).provenance.fetched_at.is_some());

    // Gzip served as an opaque type: undone and sniffed.
    let docs: Vec<_> = read(&Input::parse(&url("/data")), &ReadOptions::default()).collect();
    assert_eq!(docs.iter().map(|d| text(ok(d))).collect::<Vec<_>>(), ["un", "deux"]);

    let docs: Vec<_> = read(&Input::parse(&url("/missing")), &ReadOptions::default()).collect();
    assert_eq!(docs.len(), 1);
    let e = err(&docs[0]);
    assert_eq!(e.source, url("/missing"));
    assert!(e.message.contains("404"), "{e}");

    let small = ReadOptions { max_fetch_bytes: 1000, ..ReadOptions::default() };
    let docs: Vec<_> = read(&Input::parse(&url("/big")), &small).collect();
    assert_eq!(docs.len(), 1);
    assert!(err(&docs[0]).to_string().starts_with(&url("/big")), "{}", err(&docs[0]));

    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_slow_server_times_out() {
    let server = serve(route);
    let options = ReadOptions { fetch_timeout: Duration::from_millis(500), ..ReadOptions::default() };
    let started = Instant::now();
    let docs: Vec<_> = read(&Input::parse(&format!("http://{}/slow", server.addr)), &options).collect();
    assert_eq!(docs.len(), 1);
    let e = err(&docs[0]);
    assert!(e.message.to_ascii_lowercase().contains("timeout") || e.message.contains("timed out"), "{e}");
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[test]
fn input_parse_and_stream_names() {
    assert_eq!(Input::parse("-"), Input::Stdin);
    assert_eq!(Input::parse("http://127.0.0.1/x"), Input::Url("http://127.0.0.1/x".into()));
    assert_eq!(Input::parse("dir/file.txt"), Input::Path("dir/file.txt".into()));
    assert_eq!(Input::Stdin.source_name(), "-");
    assert_eq!("jsonl".parse::<storyline_read::Format>(), Ok(storyline_read::Format::Jsonl));
    assert!("pdf".parse::<storyline_read::Format>().is_err());
}
