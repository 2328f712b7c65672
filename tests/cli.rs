//! The `hotpatch-planner` command line, run as the built binary (what ships): `catalog`
//! against saved release documents and against a local MSRC stand-in serving the real
//! samples of tests/data/release-sources (DOMAIN.md section 9). Nothing but 127.0.0.1 is
//! contacted.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use hotpatch_planner::{Catalog, MonthType, OsLine, YearMonth};

const BIN: &str = env!("CARGO_BIN_EXE_hotpatch-planner");
const SOURCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/release-sources");

/// What the stand-in answers for a path.
#[derive(Clone)]
enum Reply {
    Document(&'static str),
    Status(u16),
    /// Promises more bytes than it sends, then closes the connection.
    BrokenOff,
}

/// Starts an MSRC stand-in on an ephemeral port serving at most `requests` requests:
/// `/cvrf/v3.0/cvrf/<id>` per `routes`, 404 for anything else. Returns its base URL.
fn msrc(routes: Vec<(&'static str, Reply)>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(&stream);
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request_line.split_whitespace().nth(1).unwrap_or("");
            let id = path.strip_prefix("/cvrf/v3.0/cvrf/").unwrap_or("");
            let reply = routes.iter().find(|(r, _)| *r == id).map_or(Reply::Status(404), |(_, reply)| reply.clone());
            let _ = match reply {
                Reply::Document(file) => {
                    let body = std::fs::read(Path::new(SOURCES).join(file)).expect("sample document");
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body))
                }
                Reply::Status(code) => stream.write_all(
                    format!("HTTP/1.1 {code} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").as_bytes(),
                ),
                Reply::BrokenOff => stream.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<?xml version=\"1.0\"?><cvrf",
                ),
            };
        }
    });
    format!("http://127.0.0.1:{port}/cvrf/v3.0")
}

/// A fresh directory for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The built-in catalog cut back to end at 2025-12 on every line (lines that follow
/// another keep their `follows`), written to `dir/base.json`.
fn base_to_2025_12(dir: &Path) -> PathBuf {
    let mut json: serde_json::Value =
        serde_json::from_str(&Catalog::built_in().to_json("test base")).expect("catalog JSON");
    let lines = json["lines"].as_object_mut().expect("lines");
    for line in lines.values_mut() {
        if let Some(months) = line["months"].as_array_mut() {
            months.retain(|m| m["month"].as_str().is_some_and(|m| m <= "2025-12"));
        }
    }
    let path = dir.join("base.json");
    std::fs::write(&path, json.to_string()).expect("write base");
    path
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN).args(args).current_dir(dir).output().expect("run hotpatch-planner")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn read_catalog(path: &Path) -> Catalog {
    let text = std::fs::read_to_string(path).expect("output written");
    Catalog::from_documents(false, &[&text]).expect("output reads back as a catalog")
}

/// A line's month as (type, kb, ubr, lcu kb, lcu ubr).
type Row = (MonthType, String, u32, Option<String>, Option<u32>);

fn month(c: &Catalog, line: OsLine, ym: &str) -> Option<Row> {
    let m = c.entry(line, YearMonth::parse(ym)?)?;
    Some((m.kind, m.kb.clone()?, m.ubr?, m.lcu_kb.clone(), m.lcu_ubr))
}

fn january_and_february() -> Vec<(&'static str, Reply)> {
    vec![
        ("2026-Jan", Reply::Document("cvrf-2026-Jan.excerpt.xml")),
        ("2026-Feb", Reply::Document("cvrf-2026-Feb.xml")),
        ("2026-Jun", Reply::Document("cvrf-2026-Jun.excerpt.xml")),
    ]
}

fn assert_january_and_february(c: &Catalog) {
    let kb = |s: &str| Some(s.to_string());
    let m = month(c, OsLine::Win11_24H2, "2026-01").expect("win11-24h2 2026-01");
    assert_eq!((m.0, m.1.as_str(), m.2), (MonthType::Baseline, "KB5074109", 7623));
    assert_eq!(
        month(c, OsLine::Win11_24H2, "2026-02"),
        Some((MonthType::Hotpatch, "KB5077212".into(), 7781, kb("KB5077181"), Some(7840)))
    );
    let ws2025 = month(c, OsLine::Ws2025, "2026-02").expect("ws2025 2026-02");
    assert_eq!((ws2025.0, ws2025.1.as_str(), ws2025.2), (MonthType::Hotpatch, "KB5075942", 32313));
    let ws2022 = month(c, OsLine::Ws2022, "2026-02").expect("ws2022 2026-02");
    assert_eq!((ws2022.0, ws2022.1.as_str(), ws2022.2), (MonthType::Hotpatch, "KB5075943", 4711));
}

#[test]
fn domain_section_9_fetch_fills_a_catalog_cut_at_2025_12_with_january_and_february_2026() {
    let dir = scratch("fetch");
    let base = base_to_2025_12(&dir);
    let url = msrc(january_and_february(), 2);
    let out = run(
        &dir,
        &[
            "catalog",
            "--as-of",
            "2026-02-20",
            "--no-built-in",
            "--base",
            base.to_str().unwrap_or_default(),
            "--fetch",
            "--from",
            "2026-01",
            "--to",
            "2026-02",
            "--msrc-url",
            &url,
            "--output",
            "out.json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "the catalog goes to --output, not stdout");
    assert_january_and_february(&read_catalog(&dir.join("out.json")));
    let err = stderr(&out);
    assert!(err.contains("MSRC CVRF 2026-Feb"), "the summary names each source: {err}");
    assert!(err.contains("Coverage:"), "{err}");
}

#[test]
fn a_month_that_fails_to_download_is_named_and_the_others_are_still_written() {
    let dir = scratch("failing-month");
    let base = base_to_2025_12(&dir);
    let mut routes = january_and_february();
    routes.push(("2026-Mar", Reply::Status(500)));
    routes.push(("2026-May", Reply::BrokenOff));
    let url = msrc(routes, 5);
    let out = run(
        &dir,
        &[
            "catalog",
            "--as-of",
            "2026-05-20",
            "--no-built-in",
            "--base",
            base.to_str().unwrap_or_default(),
            "--fetch",
            "--from",
            "2026-01",
            "--to",
            "2026-05",
            "--msrc-url",
            &url,
            "--output",
            "out.json",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{url}/cvrf/2026-Mar: HTTP 500")), "{err}");
    assert!(err.contains(&format!("{url}/cvrf/2026-May: the download broke off")), "{err}");
    assert!(err.contains(&format!("{url}/cvrf/2026-Apr: not published yet")), "a 404 is not an error: {err}");
    assert_january_and_february(&read_catalog(&dir.join("out.json")));
}

#[test]
fn an_msrc_that_cannot_be_reached_is_named() {
    let dir = scratch("unreachable");
    // Bound and dropped: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("port").port();
    let url = format!("http://127.0.0.1:{port}/cvrf/v3.0");
    let out = run(&dir, &["catalog", "--as-of", "2026-02-20", "--fetch", "--from", "2026-02", "--msrc-url", &url]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("{url}/cvrf/2026-Feb: ")), "{}", stderr(&out));
    assert!(read_stdout_catalog(&out).last_month_overall().is_some(), "the base catalog is still written");
}

fn read_stdout_catalog(out: &Output) -> Catalog {
    let text = String::from_utf8_lossy(&out.stdout);
    Catalog::from_documents(false, &[&text]).expect("stdout reads back as a catalog")
}

#[test]
fn domain_section_9_saved_release_health_markdown_settles_windows_server_months() {
    let dir = scratch("saved");
    let md = format!("{SOURCES}/windows-server-release-info.2026-05-13.learn-markdown.md");
    let out = run(&dir, &["catalog", "--as-of", "2026-05-13", &md]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let c = read_stdout_catalog(&out);
    let ws2025 = month(&c, OsLine::Ws2025, "2026-02").expect("ws2025 2026-02");
    assert_eq!((ws2025.0, ws2025.1.as_str(), ws2025.2), (MonthType::Hotpatch, "KB5075942", 32313));
}

#[test]
fn a_file_that_is_not_a_release_document_is_named_and_the_rest_still_merged() {
    let dir = scratch("not-a-document");
    std::fs::write(dir.join("notes.txt"), "shopping list\n").expect("write");
    let md = format!("{SOURCES}/windows-server-release-info.2026-05-13.learn-markdown.md");
    let out = run(&dir, &["catalog", "--as-of", "2026-05-13", "notes.txt", &md, "missing.xml", "--output", "out.json"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("notes.txt: not a release-data document"), "{err}");
    assert!(err.contains("missing.xml: "), "{err}");
    assert!(month(&read_catalog(&dir.join("out.json")), OsLine::Ws2025, "2026-02").is_some());
}

#[test]
fn a_utf16_file_with_a_bom_reads_like_its_utf8_form() {
    let text = std::fs::read_to_string(format!("{SOURCES}/windows-server-release-info.2026-05-13.learn-markdown.md"))
        .expect("sample");
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    let mut outputs = Vec::new();
    for (name, bytes) in [("utf8", text.into_bytes()), ("utf16le", le), ("utf16be", be)] {
        let dir = scratch(name);
        std::fs::write(dir.join("server.md"), bytes).expect("write");
        let out = run(&dir, &["catalog", "--as-of", "2026-05-13", "server.md"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        outputs.push(out.stdout);
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn bad_usage_exits_2_with_the_usage_and_help_exits_0() {
    let dir = scratch("usage");
    for args in [
        &["catalog", "--bogus"][..],
        &["catalog", "--as-of", "2026-02-30", "--fetch"],
        &["catalog", "--fetch", "--from", "2026-13"],
        &["catalog", "--fetch", "--from", "2026-05", "--to", "2026-01"],
        &["catalog", "--from", "2026-01", "x.md"],
        &["catalog", "--no-built-in", "x.md"],
        &["catalog"],
        &["frobnicate"],
        &[],
    ] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("Usage: hotpatch-planner"), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    for args in [&["--help"][..], &["-h"], &["catalog", "--help"], &["catalog", "-h"]] {
        let out = run(&dir, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage: hotpatch-planner"), "{args:?}");
    }
    let out = run(&dir, &["catalog", "--no-built-in", "--base", "absent.json", "x.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("absent.json"), "{}", stderr(&out));
}
