//! Views over one report (`hotpatch_planner::query`, the Wasm `Planner`) on arbitrary filter
//! and sort JSON (split at the first 0x1e): an error or a view, never a panic. A view holds
//! each device at most once, only devices of the report, is the same when asked twice (the
//! order is total), and its counts add up to its size; messages stay readable.
#![no_main]

use std::sync::OnceLock;

use hotpatch_planner::query::{counts, Filter, Index, Sort};
use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input, Report};
use libfuzzer_sys::fuzz_target;

/// The fleet fixture with rings, as of a date with releases past the catalog.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let fleet = include_str!("../../pkg-tests/fixtures/fleet.canonical.json");
        let options = r#"{"asOf":"2026-11-26","rings":{"Broad":{"deferralDays":9,"namePatterns":["SRV-*"]}}}"#;
        let options = EvaluateOptions::from_json(options, Date::parse("2026-11-26").expect("a date")).expect("options");
        evaluate(&[Input::Text(fleet)], &options).expect("a report")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (filter, sort) = text.split_once('\u{1e}').unwrap_or((text, ""));
    let readable = |e: &hotpatch_planner::Error| {
        let n = e.to_string().chars().count();
        assert!(n <= 1000, "a {n}-character message: {:.300}…", e);
    };
    let filter = match Filter::from_json(filter) {
        Ok(f) => f,
        Err(e) => return readable(&e),
    };
    let sort = match Sort::from_json(sort) {
        Ok(s) => s,
        Err(e) => return readable(&e),
    };
    let report = report();
    let mut index = Index::new(report);
    let view = index.select(report, &filter, sort);
    let mut seen = vec![false; report.devices.len()];
    for &i in &view {
        assert!(!std::mem::replace(&mut seen[i as usize], true), "device {i} twice");
    }
    assert_eq!(index.select(report, &filter, sort), view, "the same view twice");
    let n = counts(report, &view);
    assert_eq!(n[0] as usize, view.len());
    assert_eq!(n[1..4].iter().sum::<u32>() as usize, view.len(), "every device has one verdict");
    assert_eq!(n[30..].iter().sum::<u32>() as usize, view.len(), "every device has one ring");
});
