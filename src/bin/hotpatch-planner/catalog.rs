//! `hotpatch-planner catalog`: a release catalog refreshed from Microsoft's release
//! documents (DOMAIN.md section 9): saved files, and with `--fetch` the MSRC CVRF documents
//! of the months the base catalog does not settle (or of `--from`..`--to`). The merging,
//! the ranking of sources and the consistency checks are the library's
//! ([`hotpatch_planner::catalog::refresh`]); this command reads, downloads, writes and
//! prints.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use hotpatch_planner::catalog::{msrc_month_id, refresh, Document, Refreshed};
use hotpatch_planner::{Catalog, Date, YearMonth};

use crate::args::{self, Args};
use crate::fetch::{Client, Fetched, MSRC_BASE};
use crate::Outcome;

/// `hotpatch-planner catalog --help`.
pub const USAGE: &str = "\
hotpatch-planner catalog: refresh the release catalog from Microsoft's release documents

Usage: hotpatch-planner catalog [OPTIONS] [FILE...]

Reads saved release documents (MSRC CVRF XML/JSON, the MSRC updates index, Windows
release-health pages as Markdown or HTML, Graph catalog exports, support.microsoft.com
toc.json; UTF-8 or UTF-16 with a BOM) and, with --fetch, downloads the MSRC CVRF documents
of the months to refresh; merges them over the base catalog and writes catalog JSON.
A summary (sources, errors, conflicts, coverage, months still unsettled) goes to stderr.

Options:
      --as-of YYYY-MM-DD  The date to refresh up to [default: today, UTC]
      --fetch             Download MSRC CVRF documents: the months up to --as-of the base
                          catalog does not settle, or every month of --from..--to
      --from YYYY-MM      First month to fetch (with --fetch)
      --to YYYY-MM        Last month to fetch [default: the month of --as-of]
      --msrc-url URL      MSRC CVRF API base [default: https://api.msrc.microsoft.com/cvrf/v3.0];
                          a month is fetched from URL/cvrf/YYYY-Mon (2026-Nov)
      --base FILE         A catalog JSON file to refresh, over the built-in catalog
      --no-built-in       With --base: refresh that file alone, not over the built-in catalog
      --output FILE       Where to write the catalog JSON [default: stdout]
  -h, --help              Print this help

Exit codes:
  0  done
  1  done, but some documents could not be read or fetched (the catalog is written from
     the rest; a month not published yet (HTTP 404) is not an error)
  2  nothing done: bad usage, or the base catalog could not be read or the output written
";

/// The options, checked.
struct Options {
    as_of: Date,
    fetch: Option<Vec<YearMonth>>,
    range: Option<(YearMonth, YearMonth)>,
    msrc_url: String,
    base: Option<PathBuf>,
    over_built_in: bool,
    output: Option<PathBuf>,
    files: Vec<PathBuf>,
}

/// Runs the command.
pub fn run(argv: &[OsString]) -> Outcome {
    let args = match args::parse(
        argv,
        &["fetch", "no-built-in", "help"],
        &["as-of", "from", "to", "msrc-url", "base", "output"],
    ) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    if args.flag("help") {
        print!("{USAGE}");
        return Outcome::Done;
    }
    let options = match check(args) {
        Ok(o) => o,
        Err(e) => return usage(&e),
    };
    refresh_catalog(&options)
}

fn usage(problem: &str) -> Outcome {
    eprintln!("hotpatch-planner catalog: {problem}\n");
    eprint!("{USAGE}");
    Outcome::Usage
}

/// Checks the arguments' values and combinations; the error is for the usage message.
fn check(args: Args) -> Result<Options, String> {
    let as_of = match args.value("as-of") {
        Some(text) => Date::parse(text).ok_or_else(|| format!("--as-of {text:?} is not a date (YYYY-MM-DD)"))?,
        None => today()?,
    };
    let month = |name: &str| -> Result<Option<YearMonth>, String> {
        args.value(name)
            .map(|text| YearMonth::parse(text).ok_or_else(|| format!("--{name} {text:?} is not a month (YYYY-MM)")))
            .transpose()
    };
    let (from, to) = (month("from")?, month("to")?);
    let fetch = args.flag("fetch");
    let range = match (from, to) {
        (None, None) => None,
        (None, Some(_)) => return Err("--to needs --from".into()),
        (Some(from), to) => {
            let to = to.unwrap_or_else(|| as_of.year_month());
            if from > to {
                return Err(format!("--from {from} is after --to {to}"));
            }
            if from.months_until(to) >= 120 {
                return Err("--from..--to spans more than ten years".into());
            }
            Some((from, to))
        }
    };
    if range.is_some() && !fetch {
        return Err("--from and --to choose the months to fetch: add --fetch".into());
    }
    if args.value("msrc-url").is_some() && !fetch {
        return Err("--msrc-url is where to fetch from: add --fetch".into());
    }
    let over_built_in = !args.flag("no-built-in");
    let base = args.value("base").map(PathBuf::from);
    if !over_built_in && base.is_none() {
        return Err("--no-built-in needs --base FILE (the catalog to refresh)".into());
    }
    let files: Vec<PathBuf> = args.positional.iter().map(PathBuf::from).collect();
    if files.is_empty() && !fetch {
        return Err("nothing to read: give release documents as FILE arguments, or --fetch".into());
    }
    let msrc_url = args.value("msrc-url").unwrap_or(MSRC_BASE).trim_end_matches('/').to_string();
    if !(msrc_url.starts_with("https://") || msrc_url.starts_with("http://")) {
        return Err(format!("--msrc-url {msrc_url:?} is not an http(s) URL"));
    }
    Ok(Options {
        as_of,
        fetch: fetch.then(Vec::new),
        range,
        msrc_url,
        base,
        over_built_in,
        output: args.value("output").map(PathBuf::from),
        files,
    })
}

/// Today's UTC date: the command line is the outermost layer, so it may read the clock.
pub fn today() -> Result<Date, String> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970; give --as-of".to_string())?
        .as_secs();
    i64::try_from(seconds)
        .ok()
        .and_then(Date::from_unix_seconds)
        .ok_or_else(|| "the system clock is out of range; give --as-of".into())
}

/// Reads a file as text (UTF-8, or UTF-16 with a BOM).
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    crate::text::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn refresh_catalog(options: &Options) -> Outcome {
    // The base catalog.
    let base = match &options.base {
        None => Catalog::built_in(),
        Some(path) => {
            let text = match read_text(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("hotpatch-planner catalog: cannot read the base catalog: {e}");
                    return Outcome::Usage;
                }
            };
            match Catalog::from_documents(options.over_built_in, &[&text]) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("hotpatch-planner catalog: {}: not a valid catalog: {e}", path.display());
                    return Outcome::Usage;
                }
            }
        }
    };
    let base_label = match &options.base {
        None => "the built-in catalog".to_string(),
        Some(p) if options.over_built_in => format!("{} over the built-in catalog", p.display()),
        Some(p) => p.display().to_string(),
    };
    eprintln!("Base: {base_label}, to {}", show(base.last_month_overall()));

    let mut failures: Vec<String> = Vec::new();
    let mut texts: Vec<(String, String)> = Vec::new();

    // Saved documents.
    for path in &options.files {
        match read_text(path) {
            Ok(text) => texts.push((path.display().to_string(), text)),
            Err(e) => {
                eprintln!("error: {e}");
                failures.push(e);
            }
        }
    }

    // Downloads.
    if options.fetch.is_some() {
        let months: Vec<YearMonth> = match options.range {
            Some((from, to)) => {
                std::iter::successors(Some(from), |m| Some(m.next())).take_while(|m| *m <= to).collect()
            }
            None => base.missing(options.as_of).into_iter().map(|m| m.month).collect(),
        };
        if months.is_empty() {
            eprintln!("Fetch: the base catalog settles every month up to {}; nothing to fetch", options.as_of);
        } else {
            eprintln!("Fetch: {} month(s) from {}", months.len(), options.msrc_url);
        }
        let client = Client::new();
        for month in months {
            let url = format!("{}/cvrf/{}", options.msrc_url, msrc_month_id(month));
            match client.get(&url) {
                Ok(Fetched::Text(text)) => {
                    eprintln!("  {month}: {url} ({} KB)", text.len() / 1024);
                    texts.push((url, text));
                }
                Ok(Fetched::NotPublished) => eprintln!("  {month}: {url}: not published yet (HTTP 404)"),
                Err(e) => {
                    eprintln!("  {month}: error: {e}");
                    failures.push(e);
                }
            }
        }
    }

    // Merge.
    let docs: Vec<Document<'_>> = texts.iter().map(|(name, text)| Document { name: Some(name), text }).collect();
    let refreshed = refresh(base, &docs);
    let unread = unread_documents(&refreshed, docs.len());
    eprint!("{}", summary(&refreshed, options.as_of));

    // Write.
    let about = format!(
        "Release catalog of Hotpatch Planner, to {}, refreshed from Microsoft's release documents by `hotpatch-planner catalog` (its sources are listed in `sources`). Schema: README.md, section 'Release catalog'.",
        show(refreshed.catalog.last_month_overall())
    );
    let json = refreshed.catalog.to_json(&about);
    if let Err(e) = write_output(options.output.as_deref(), &json) {
        eprintln!("hotpatch-planner catalog: {e}");
        return Outcome::Usage;
    }
    if let Some(path) = &options.output {
        eprintln!("Wrote {}", path.display());
    }

    let problems = failures.len() + unread;
    if problems == 0 {
        Outcome::Done
    } else {
        eprintln!("{problems} document(s) could not be read or fetched; the catalog is written from the rest");
        Outcome::Partly
    }
}

/// Documents the merge could not read at all, and a merged result the catalog rules
/// rejected (the base is kept then): each counts as a document not read.
fn unread_documents(refreshed: &Refreshed, count: usize) -> usize {
    let read = |i: usize| refreshed.sources.iter().any(|s| s.index == i);
    let unreadable = (0..count).filter(|i| !read(*i)).count();
    let rejected = refreshed.errors.iter().filter(|e| e.code == "catalog.inconsistent").count();
    unreadable + rejected
}

/// The stderr summary: per source what it added, errors, conflicts, coverage, what is
/// still unsettled.
fn summary(refreshed: &Refreshed, as_of: Date) -> String {
    let mut out = String::new();
    if !refreshed.sources.is_empty() {
        out.push_str("Sources:\n");
    }
    for s in &refreshed.sources {
        let name = s.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        let _ = write!(out, "  {}{name}: ", s.title);
        if s.added == 0 {
            out.push_str("nothing new");
        } else {
            let _ = write!(out, "{} fact(s) in {}", s.added, list(&s.months));
        }
        if !s.lists.is_empty() {
            let _ = write!(
                out,
                "; lists {} month(s), {} to {}",
                s.lists.len(),
                show(s.lists.first().copied()),
                show(s.lists.last().copied())
            );
        }
        out.push('\n');
    }
    for e in &refreshed.errors {
        let name = e.name.as_deref().filter(|n| !e.at.contains(n)).map(|n| format!("{n}: ")).unwrap_or_default();
        let _ = writeln!(out, "error: {name}{}: {} [{}]", e.at, e.message, e.code);
    }
    for c in &refreshed.conflicts {
        let _ = writeln!(out, "conflict: {}", c.message);
    }
    out.push_str("Coverage:\n");
    for c in refreshed.catalog.coverage() {
        let _ = write!(
            out,
            "  {}: {} to {}, type known to {}",
            c.name,
            show(c.first),
            show(c.last),
            show(c.last_known_type)
        );
        if !c.type_unknown.is_empty() {
            let _ = write!(out, ", type unknown in {}", list(&c.type_unknown));
        }
        if let Some(until) = c.hotpatch_until {
            let _ = write!(out, ", hotpatch until {until}");
        }
        out.push('\n');
    }
    let missing = refreshed.catalog.missing(as_of);
    if missing.is_empty() {
        let _ = writeln!(out, "Every month up to {as_of} is settled.");
    } else {
        let _ = writeln!(out, "Still unsettled up to {as_of}:");
        for m in missing {
            let lines: Vec<&str> = m.lines.iter().map(|l| l.id()).collect();
            let _ = writeln!(out, "  {} ({}): {}", m.month, lines.join(", "), m.url);
        }
    }
    out
}

fn show(month: Option<YearMonth>) -> String {
    month.map_or_else(|| "-".into(), |m| m.to_string())
}

/// Months for people: all of a few, or how many and the first and last of many.
fn list(months: &[YearMonth]) -> String {
    if let [first, .., last] = months {
        if months.len() > 8 {
            return format!("{} months from {first} to {last}", months.len());
        }
    }
    months.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// Writes the catalog to `path` (through a `.partial` file renamed over it, so a failed
/// write never leaves half a catalog), or to stdout.
fn write_output(path: Option<&Path>, json: &str) -> Result<(), String> {
    use std::io::Write as _;
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        return stdout.write_all(json.as_bytes()).and_then(|()| stdout.flush()).map_err(|e| format!("stdout: {e}"));
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, json)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
