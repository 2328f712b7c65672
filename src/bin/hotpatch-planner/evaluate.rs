//! `hotpatch-planner evaluate`: the report for inventory files, as the API's `evaluate`
//! gives it (the same options, the same core), written as a text summary, JSON, CSV or
//! iCalendar. Files go to the core as bytes, so it decodes them as it decodes a dropped file
//! (UTF-8, UTF-16 with a BOM as Windows PowerShell 5.1 writes, Windows-1252).

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::PathBuf;

use hotpatch_planner::export::{csv_parts, to_ics, IcsDevices, IcsOptions};
use hotpatch_planner::{evaluate_inventory, read_inventory, EvaluateOptions, Input, Report};

use crate::args;
use crate::catalog::{read_text, today};
use crate::Outcome;

/// `hotpatch-planner evaluate --help`.
pub const USAGE: &str = "\
hotpatch-planner evaluate: which devices will hotpatch, which restart, why, and when

Usage: hotpatch-planner evaluate [OPTIONS] FILE...

Reads inventory files (Microsoft Graph, Get-ComputerInfo, Win32_DeviceGuard, registry
probes, Windows Update for Business reports, Intune CSV, Defender, Autopatch, the canonical
format; UTF-8, UTF-16 with a BOM, or Windows-1252), merges their records by device, and
writes the report. Records that cannot be read are listed on stderr; every other record is
still evaluated.

Options:
      --as-of YYYY-MM-DD  Evaluate as of this date [default: today, UTC]
      --months N          Months to plan, 1-36 [default: 12]
      --format ID         Read every file as this format (auto, canonical, graph,
                          computerinfo, deviceguard, registry, ucclient, intune-csv, defender,
                          autopatch, ucclientupdatestatus) [default: auto]
      --options FILE      Options as JSON, as the API takes them (tenant, rings, defaultRing,
                          ...); the options above override it
      --catalog FILE      A release catalog (catalog JSON, e.g. from `hotpatch-planner catalog`)
                          merged over the built-in one
      --to FORMAT         text (a summary), json (the report), csv (one row per device) or
                          ics (the schedule as a calendar) [default: text]
      --ics-devices KEYS  With --to ics: per-device events too, for `all` or for these
                          comma-separated device keys
      --output FILE       Write there instead of stdout
  -h, --help              Print this help

Exit codes:
  0  done
  1  done, but some records (or files) could not be read: they are listed on stderr, and
     in the report's errors
  2  nothing done: bad usage, unreadable options or catalog, or a file that cannot be opened
";

/// Runs the command.
pub fn run(argv: &[OsString]) -> Outcome {
    let args = match args::parse(
        argv,
        &["help"],
        &["as-of", "months", "format", "options", "catalog", "to", "ics-devices", "output"],
    ) {
        Ok(a) => a,
        Err(e) => return usage(&e),
    };
    if args.flag("help") {
        print!("{USAGE}");
        return Outcome::Done;
    }
    let to = args.value("to").unwrap_or("text");
    if !["text", "json", "csv", "ics"].contains(&to) {
        return usage(&format!("--to {to:?}: expected text, json, csv or ics"));
    }
    if args.positional.is_empty() {
        return usage("no inventory file given");
    }
    let options = match options(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("hotpatch-planner evaluate: {e}");
            return Outcome::Usage;
        }
    };
    let mut documents = Vec::new();
    for path in &args.positional {
        match std::fs::read(path) {
            Ok(bytes) => documents.push(bytes),
            Err(e) => {
                eprintln!("hotpatch-planner evaluate: {}: {e}", PathBuf::from(path).display());
                return Outcome::Usage;
            }
        }
    }
    let progress = &mut progress(documents.iter().map(Vec::len).sum());
    let inventory = read_inventory(&documents.iter().map(|d| Input::Bytes(d)).collect::<Vec<_>>(), &options, progress);
    // The files as read are as large as all the rest (0.4 GB for a million Graph devices):
    // freed before merging, the devices and their reports reuse that memory.
    drop(documents);
    let report = match evaluate_inventory(inventory, &options, progress) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("hotpatch-planner evaluate: {e}");
            return Outcome::Usage;
        }
    };
    // Written as it is made, through a buffer: a million devices' JSON or CSV is never one
    // string in memory.
    let written = match args.value("output") {
        Some(path) => std::fs::File::create(path)
            .and_then(|file| write(&mut std::io::BufWriter::new(file), to, &report, &args))
            .map_err(|e| {
                // A file cut short (a full disk) is not left to pass for the report: exit
                // code 2 says nothing was done.
                let _ = std::fs::remove_file(path);
                format!("{path}: {e}")
            }),
        None => write(&mut std::io::BufWriter::new(std::io::stdout().lock()), to, &report, &args)
            .map_err(|e| format!("stdout: {e}")),
    };
    if let Err(e) = written {
        eprintln!("hotpatch-planner evaluate: {e}");
        return Outcome::Usage;
    }
    // Unreadable records on stderr (the text summary lists them itself).
    if to != "text" {
        for e in report.errors.iter().take(ERRORS_LISTED) {
            eprintln!("{}: {}", name(&args.positional, e.input), e.message);
        }
        if report.errors.len() > ERRORS_LISTED {
            eprintln!("… and {} more problems (all in the report's errors)", report.errors.len() - ERRORS_LISTED);
        }
    }
    if report.errors.is_empty() {
        Outcome::Done
    } else {
        Outcome::Partly
    }
}

/// Writes the report to `out` as `to` says (text, json, csv or ics).
fn write(out: &mut impl std::io::Write, to: &str, report: &Report, args: &args::Args) -> std::io::Result<()> {
    match to {
        "json" => {
            serde_json::to_writer(&mut *out, report)?;
            out.write_all(b"\n")?;
        }
        "csv" => csv_parts(report, |part| out.write_all(part.as_bytes()))?,
        "ics" => {
            let devices = match args.value("ics-devices") {
                None => IcsDevices::None,
                Some("all") => IcsDevices::All,
                Some(keys) => IcsDevices::Keys(keys.split(',').map(|k| k.trim().to_string()).collect()),
            };
            out.write_all(to_ics(report, &IcsOptions { devices, ..IcsOptions::default() }).as_bytes())?;
        }
        _ => out.write_all(summary(report, &args.positional).as_bytes())?,
    }
    out.flush()
}

/// How many input problems are listed before "and N more".
const ERRORS_LISTED: usize = 20;

fn usage(problem: &str) -> Outcome {
    eprintln!("hotpatch-planner evaluate: {problem}\n");
    eprint!("{USAGE}");
    Outcome::Usage
}

/// The options the API takes: `--options FILE` read by the core from its own text (key
/// order matters: a ring named twice in different case is one ring, the later settings
/// winning), then the options given on the command line over it, read by the core the same way.
fn options(args: &args::Args) -> Result<EvaluateOptions, String> {
    let today = today()?;
    let mut flags = serde_json::Map::new();
    if let Some(as_of) = args.value("as-of") {
        flags.insert("asOf".into(), as_of.into());
    }
    if let Some(months) = args.value("months") {
        let n: u64 = months.parse().map_err(|_| format!("--months {months:?}: expected a whole number"))?;
        flags.insert("months".into(), n.into());
    }
    if let Some(format) = args.value("format") {
        flags.insert("format".into(), format.into());
    }
    if let Some(path) = args.value("catalog") {
        flags.insert("catalog".into(), read_text(path.as_ref())?.into());
    }
    let given =
        EvaluateOptions::from_json(&serde_json::Value::Object(flags).to_string(), today).map_err(|e| e.to_string())?;
    let Some(path) = args.value("options") else { return Ok(given) };
    let text = read_text(path.as_ref())?;
    let mut options = EvaluateOptions::from_json(&text, today).map_err(|e| format!("{path}: {e}"))?;
    if args.value("as-of").is_some() {
        options.as_of = given.as_of;
    }
    if args.value("months").is_some() {
        options.months = given.months;
    }
    if args.value("format").is_some() {
        options.format = given.format;
    }
    if args.value("catalog").is_some() {
        options.catalog = given.catalog;
    }
    Ok(options)
}

/// A progress bar on stderr for large inventories, when stderr is a terminal.
fn progress(total_bytes: usize) -> impl FnMut(hotpatch_planner::Progress) {
    let show = total_bytes > 20_000_000 && std::io::stderr().is_terminal();
    let mut last = usize::MAX;
    move |p| {
        if !show || p.total == 0 {
            return;
        }
        let percent = p.done * 100 / p.total;
        if percent != last {
            last = percent;
            let bar = "#".repeat(percent / 5);
            eprint!("\r{:<10} [{bar:<20}] {percent:>3}%", p.stage.id());
            if p.done >= p.total {
                eprintln!();
            }
        }
    }
}

/// The file name of input `index`.
fn name(paths: &[OsString], index: usize) -> String {
    paths.get(index).map_or_else(|| format!("input {index}"), |p| PathBuf::from(p).display().to_string())
}

/// The text summary: what the report says, in a few lines.
fn summary(report: &Report, paths: &[OsString]) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Evaluated as of {} ({} months planned).",
        report.as_of,
        report.plans.0.first().map_or(0, |(_, p)| p.months.len())
    );
    for info in &report.inputs {
        let format = info.format.map_or("not a known format", |f| f.id());
        let _ =
            writeln!(out, "{}: {format}, {} records, {} problems", name(paths, info.index), info.records, info.errors);
    }
    let share = |n: usize| (n * 100 + s.devices / 2).checked_div(s.devices).unwrap_or(0);
    let _ = writeln!(
        out,
        "{} Windows devices: {} hotpatch ({}%), {} LCU with restart ({}%), {} undetermined ({}%); {} on other platforms.",
        s.devices,
        s.hotpatch,
        share(s.hotpatch),
        s.lcu,
        share(s.lcu),
        s.undetermined,
        share(s.undetermined),
        s.other_platforms
    );
    let list = |counts: &hotpatch_planner::report::OrderedMap<hotpatch_planner::CheckId, usize>| {
        counts.0.iter().map(|(c, n)| format!("{} {n}", c.id())).collect::<Vec<_>>().join(", ")
    };
    if !s.failing.0.is_empty() {
        let _ = writeln!(out, "Failing checks: {}.", list(&s.failing));
    }
    if !s.unknown.0.is_empty() {
        let _ = writeln!(out, "Unknown checks: {}.", list(&s.unknown));
    }
    // Next month and what to fix first: the fleet answers every face shows (report.fleet).
    for n in &report.fleet.next {
        let Some(month) = n.month else { continue };
        let ring = n.ring.as_deref().unwrap_or("default ring");
        let reasons: Vec<String> = n.reasons.iter().map(|r| format!("{} for {}", r.devices, r.text)).collect();
        let why = if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join("; ")) };
        let undetermined =
            if n.undetermined > 0 { format!("; {} undetermined", n.undetermined) } else { String::new() };
        let _ = writeln!(
            out,
            "{ring}, {}: {} of {} decided devices restart{why}{undetermined}.",
            month.long_name(),
            n.restart,
            n.devices
        );
    }
    if !report.fleet.fixes.is_empty() {
        out.push_str("What to fix first:\n");
        for g in &report.fleet.fixes {
            let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
            let once = match g.restarts_avoided_once {
                0 => String::new(),
                n => format!(", {} once", plural(n, "restart")),
            };
            let _ = writeln!(
                out,
                "  {}: {}, {} avoided a year{once} ({})",
                g.text,
                plural(g.devices, "device"),
                plural(g.restarts_avoided_per_year, "restart"),
                g.reason
            );
        }
    }
    // Where devices stand today, in Intune's terms (report.fleet.rings and .releases).
    out.push_str("Today, as Intune's hotpatch report counts them:\n");
    for r in &report.fleet.rings {
        let _ = writeln!(
            out,
            "  {}: {} hotpatched, {} up to date on the standard build, {} not up to date, {} build not known",
            r.ring.as_deref().unwrap_or("default ring"),
            r.hotpatched,
            r.up_to_date,
            r.not_up_to_date,
            r.build_unknown
        );
    }
    if !report.fleet.releases.is_empty() {
        let releases: Vec<String> = report
            .fleet
            .releases
            .iter()
            .map(|r| match r.hotpatch {
                0 => format!("{} {}", r.release, r.standard),
                h => format!("{} {} ({h} hotpatch)", r.release, r.hotpatch + r.standard),
            })
            .collect();
        let _ = writeln!(out, "Devices per release: {}.", releases.join(", "));
    }
    match report.catalog.last_month {
        Some(m) => {
            let _ = writeln!(
                out,
                "Release data ends with {}; later months are predicted from Microsoft's planned calendar.",
                m.long_name()
            );
        }
        None => out.push_str("No release data: every month is predicted.\n"),
    }
    if !report.errors.is_empty() {
        let _ = writeln!(out, "{} problems reading the inventory:", report.errors.len());
        for e in report.errors.iter().take(ERRORS_LISTED) {
            let _ = writeln!(out, "  {}: {}", name(paths, e.input), e.message);
        }
        if report.errors.len() > ERRORS_LISTED {
            let _ = writeln!(out, "  … and {} more (--to json lists them all)", report.errors.len() - ERRORS_LISTED);
        }
    }
    out
}
