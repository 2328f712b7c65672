//! `hotpatch-planner`: the planner's native command line.
//!
//! A thin face over the library (STYLE.md, "One engine, thin faces"): it reads files, the
//! clock and the network, hands text and dates to the core, and prints what the core
//! answers. Commands: `evaluate` (the report for inventory files), `calendar` and `lookup`
//! (release data), `catalog` (refresh the release catalog from Microsoft's documents).
//!
//! Exit codes: 0 done; 1 done, but some input could not be read or fetched; 2 bad usage.

#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/args.rs"]
mod args;
#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/catalog.rs"]
mod catalog;
#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/evaluate.rs"]
mod evaluate;
#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/fetch.rs"]
mod fetch;
#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/lookup.rs"]
mod lookup;
#[cfg(not(target_arch = "wasm32"))]
#[path = "hotpatch-planner/text.rs"]
mod text;

/// The tool's usage text (`hotpatch-planner --help`).
#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "\
hotpatch-planner: plans Windows Hotpatch vs. restart updates (native command line)

Usage: hotpatch-planner <COMMAND> [OPTIONS]

Commands:
  evaluate  Which devices of inventory files will hotpatch, which restart, why and when
            (a text summary, or the report as JSON, CSV or iCalendar)
  calendar  An OS line's monthly releases, baseline or hotpatch
  lookup    What a build is (which month's baseline, hotpatch, LCU or OOB)
  catalog   Refresh the release catalog from Microsoft's release documents
            (saved files and/or MSRC CVRF documents fetched with --fetch)

Options:
  -h, --help     Print this help (or `hotpatch-planner <COMMAND> --help`)
  -V, --version  Print the version

Exit codes: 0 done; 1 done, but some input could not be read or fetched; 2 bad usage
or options.
";

/// What a command ended with.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything read and written.
    Done = 0,
    /// Written, but some input could not be read or fetched.
    Partly = 1,
    /// Bad usage; nothing done.
    Usage = 2,
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let outcome = run(&argv);
    std::process::exit(outcome as i32);
}

/// Dispatches to a command.
#[cfg(not(target_arch = "wasm32"))]
fn run(argv: &[std::ffi::OsString]) -> Outcome {
    let Some(first) = argv.first() else {
        eprint!("{USAGE}");
        return Outcome::Usage;
    };
    let rest = &argv[1..];
    match first.to_str() {
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Outcome::Done
        }
        Some("-V" | "--version") => {
            println!("hotpatch-planner {}", env!("CARGO_PKG_VERSION"));
            Outcome::Done
        }
        Some("evaluate") => evaluate::run(rest),
        Some("calendar") => lookup::calendar(rest),
        Some("lookup") => lookup::lookup(rest),
        Some("catalog") => catalog::run(rest),
        _ => {
            eprintln!("hotpatch-planner: unknown command {:?}\n", first.to_string_lossy());
            eprint!("{USAGE}");
            Outcome::Usage
        }
    }
}

// The command line is native only: it reads files, the clock and the network. The Wasm
// builds (the page and the Node package) use the library through `src/wasm`; this stub only
// lets `cargo clippy --all-targets --target wasm32-unknown-unknown` compile every target.
#[cfg(target_arch = "wasm32")]
fn main() {}
