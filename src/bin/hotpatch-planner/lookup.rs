//! `hotpatch-planner calendar` and `hotpatch-planner lookup`: an OS line's release calendar,
//! and what a build is, as the API's `releaseCalendar` and `lookupBuild` answer them (the same
//! options, read by the same core), as a table or as JSON.

use std::ffi::OsString;
use std::fmt::Write as _;

use hotpatch_planner::catalog::LookupOptions;
use hotpatch_planner::{lookup_build, release_calendar, CalendarOptions};

use crate::args;
use crate::catalog::read_text;
use crate::Outcome;

/// `hotpatch-planner calendar --help`.
pub const CALENDAR_USAGE: &str = "\
hotpatch-planner calendar: an OS line's monthly releases, baseline or hotpatch

Usage: hotpatch-planner calendar --line LINE --from YYYY-MM [OPTIONS]

Options:
      --line LINE      win11-24h2, win11-25h2, win11-26h2, ws2025 or ws2022
      --from YYYY-MM   The first month
      --months N       How many months, 1-120 [default: 12]
      --catalog FILE   A release catalog (catalog JSON) merged over the built-in one
      --to FORMAT      text or json [default: text]
  -h, --help           Print this help

Exit codes: 0 done; 2 bad usage or options.
";

/// `hotpatch-planner lookup --help`.
pub const LOOKUP_USAGE: &str = "\
hotpatch-planner lookup: what a build is (which month's baseline, hotpatch, LCU or OOB)

Usage: hotpatch-planner lookup --line LINE --build BUILD [OPTIONS]

Options:
      --line LINE      win11-24h2, win11-25h2, win11-26h2, ws2025 or ws2022
      --build BUILD    The build, as 26100.8390 or its UBR 8390
      --catalog FILE   A release catalog (catalog JSON) merged over the built-in one
      --to FORMAT      text or json [default: text]
  -h, --help           Print this help

Exit codes: 0 done (an unknown build prints that it is unknown); 2 bad usage or options.
";

/// The options object the API takes, from the command line; `Err` is for the usage message.
fn options_json(args: &args::Args, keys: &[(&str, &str, bool)]) -> Result<String, String> {
    let mut object = serde_json::Map::new();
    for &(flag, key, number) in keys {
        if let Some(value) = args.value(flag) {
            // A build given as its UBR alone (8390) is a number to the API, as in JS.
            let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
            let value = match (number || (digits && key == "build"), value.parse::<u64>()) {
                (true, Ok(n)) => serde_json::Value::from(n),
                (true, Err(_)) => return Err(format!("--{flag} {value:?}: expected a whole number")),
                (false, _) => value.into(),
            };
            object.insert(key.into(), value);
        }
    }
    if let Some(path) = args.value("catalog") {
        object.insert("catalog".into(), read_text(path.as_ref())?.into());
    }
    Ok(serde_json::Value::Object(object).to_string())
}

/// Parses a command's arguments; `None` when it is done already (help or bad usage).
fn parse(argv: &[OsString], usage: &str, options: &[&'static str]) -> Result<args::Args, Outcome> {
    let args = args::parse(argv, &["help"], options).map_err(|e| {
        eprintln!("{e}\n\n{usage}");
        Outcome::Usage
    })?;
    if args.flag("help") {
        print!("{usage}");
        return Err(Outcome::Done);
    }
    match args.value("to") {
        None | Some("text" | "json") => Ok(args),
        Some(other) => {
            eprintln!("--to {other:?}: expected text or json\n\n{usage}");
            Err(Outcome::Usage)
        }
    }
}

/// An enum as the JSON output writes it (`baseline`, `oob-lcu`…): the same words in both outputs.
fn report_id(value: impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Runs `calendar`.
pub fn calendar(argv: &[OsString]) -> Outcome {
    let args = match parse(argv, CALENDAR_USAGE, &["line", "from", "months", "catalog", "to"]) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let answer = options_json(&args, &[("line", "line", false), ("from", "from", false), ("months", "months", true)])
        .and_then(|json| CalendarOptions::from_json(&json).map_err(|e| e.to_string()))
        .and_then(|options| release_calendar(&options).map_err(|e| e.to_string()));
    let months = match answer {
        Ok(m) => m,
        Err(e) => {
            eprintln!("hotpatch-planner calendar: {e}");
            return Outcome::Usage;
        }
    };
    if args.value("to") == Some("json") {
        println!("{}", serde_json::to_string(&months).expect("months serialise"));
        return Outcome::Done;
    }
    let mut out = String::from("month    release     type      KB          build\n");
    for m in &months {
        let kind = report_id(m.kind);
        let _ = writeln!(
            out,
            "{}  {}  {:<8}  {:<10}  {}{}",
            m.month,
            m.release,
            kind,
            m.kb.as_deref().unwrap_or("-"),
            m.build.as_deref().unwrap_or("-"),
            if m.predicted { "  (predicted)" } else { "" }
        );
    }
    print!("{out}");
    Outcome::Done
}

/// Runs `lookup`.
pub fn lookup(argv: &[OsString]) -> Outcome {
    let args = match parse(argv, LOOKUP_USAGE, &["line", "build", "catalog", "to"]) {
        Ok(a) => a,
        Err(outcome) => return outcome,
    };
    let answer = options_json(&args, &[("line", "line", false), ("build", "build", false)])
        .and_then(|json| LookupOptions::from_json(&json).map_err(|e| e.to_string()))
        .and_then(|options| lookup_build(&options).map_err(|e| e.to_string()));
    let info = match answer {
        Ok(i) => i,
        Err(e) => {
            eprintln!("hotpatch-planner lookup: {e}");
            return Outcome::Usage;
        }
    };
    if args.value("to") == Some("json") {
        println!("{}", serde_json::to_string(&info).expect("build info serialises"));
        return Outcome::Done;
    }
    match info {
        None => println!("{}: not a build the release data knows", args.value("build").unwrap_or("")),
        Some(i) => {
            let kind = report_id(i.kind);
            println!(
                "{} ({}): {kind} of {}, released {}{}{}",
                i.build,
                i.line.id(),
                i.month.long_name(),
                i.date,
                i.kb.map_or(String::new(), |kb| format!(", {kb}")),
                if i.hotpatch_track { "; on the hotpatch track" } else { "" }
            );
        }
    }
    Outcome::Done
}
