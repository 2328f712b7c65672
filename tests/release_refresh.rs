//! Refreshing release data from Microsoft's own documents (DOMAIN.md sections 7 and 9): with
//! the built-in catalog cut back to December 2025, the real MSRC CVRF samples and the real
//! Windows Server release-health page decide the devices the cut data leaves undetermined,
//! with the verdicts and tracks section 7 gives.

// Native only: the release-source readers and proptest are not in the browser build.
#![cfg(not(target_arch = "wasm32"))]

use hotpatch_planner::catalog::{refresh, Document};
use hotpatch_planner::{evaluate, Catalog, Date, EvaluateOptions, Input, MonthType, OsLine, Report, Track, YearMonth};
use serde_json::{json, Value};

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/release-sources/");

fn sample(name: &str) -> String {
    std::fs::read_to_string(format!("{SAMPLES}{name}")).unwrap()
}

/// The built-in catalog with every month after 2025-12 removed.
fn cut_to_2025() -> String {
    let mut doc: Value = serde_json::from_str(&Catalog::built_in().to_json("cut")).unwrap();
    for line in doc["lines"].as_object_mut().unwrap().values_mut() {
        let months = line["months"].as_array_mut().unwrap();
        months.retain(|m| m["month"].as_str().unwrap() <= "2025-12");
    }
    doc.to_string()
}

/// Devices that meet every prerequisite but the track: what decides them is release data.
fn fleet() -> String {
    let device = |name: &str, family: &str, build: &str, edition: &str| json!({ "name": name, "family": family, "build": build, "edition": edition, "arch": "x64", "vbs": "running", "license": "eligible", "hotpatchPolicy": "allow" });
    json!({ "schemaVersion": 1, "devices": [
        device("W11-HOTPATCH", "client", "10.0.26100.7781", "Enterprise"),
        device("W11-LCU", "client", "10.0.26100.7840", "Enterprise"),
        device("W11-BASELINE", "client", "10.0.26100.7623", "Enterprise"),
        device("W25H2-HOTPATCH", "client", "10.0.26200.7781", "Enterprise"),
        device("WS25-HOTPATCH", "server", "10.0.26100.32313", "ServerTurbine"),
        device("WS22-HOTPATCH", "server", "10.0.20348.4711", "ServerTurbine"),
    ] })
    .to_string()
}

fn run(as_of: &str, catalog: Vec<String>) -> Report {
    let options = json!({ "asOf": as_of, "catalog": catalog, "builtInCatalog": false }).to_string();
    let options = EvaluateOptions::from_json(&options, Date::parse(as_of).unwrap()).unwrap();
    evaluate(&[Input::Text(&fleet())], &options).unwrap()
}

fn verdicts(report: &Report) -> Vec<(String, &'static str, Track)> {
    report.devices.iter().map(|d| (d.key.clone(), d.verdict.id(), d.track)).collect()
}

#[test]
fn cut_data_leaves_the_fleet_undetermined_and_says_which_months_to_fetch() {
    let report = run("2026-02-20", vec![cut_to_2025()]);
    assert!(report.devices.iter().all(|d| d.verdict.id() == "undetermined"), "{:?}", verdicts(&report));
    let missing: Vec<String> = report.catalog.missing.iter().map(|m| m.month.to_string()).collect();
    assert_eq!(missing, ["2026-01", "2026-02"]);
    assert_eq!(report.catalog.missing[1].url, "https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/2026-Feb");
}

#[test]
fn real_msrc_and_release_health_documents_decide_the_same_devices_section_7() {
    let report = run(
        "2026-02-20",
        vec![
            cut_to_2025(),
            sample("cvrf-2026-Jan.excerpt.xml"),
            sample("cvrf-2026-Feb.xml"),
            sample("windows-server-release-info.2026-05-13.learn-markdown.md"),
        ],
    );
    let want = [
        ("w11-hotpatch", "hotpatch", Track::Hotpatch),
        ("w11-lcu", "lcu", Track::OffTrack),
        ("w11-baseline", "hotpatch", Track::Baseline),
        ("w25h2-hotpatch", "hotpatch", Track::Hotpatch),
        ("ws25-hotpatch", "hotpatch", Track::Hotpatch),
        ("ws22-hotpatch", "hotpatch", Track::Hotpatch),
    ];
    let got = verdicts(&report);
    for (key, verdict, track) in want {
        assert!(got.contains(&(key.to_string(), verdict, track)), "{key}: {got:?}");
    }
    // The report says which documents were read and what each added.
    let kinds: Vec<&str> = report.catalog.sources.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["msrc-cvrf", "msrc-cvrf", "release-health"]);
    assert!(report.catalog.sources[1].months.contains(&YearMonth::parse("2026-02").unwrap()));
    assert!(report.catalog.missing.is_empty(), "{:?}", report.catalog.missing);
    // March's plan month is predicted (beyond the data), February's is Microsoft's.
    let plan = report.plans.get(&report.devices[0].plan).unwrap();
    assert_eq!((plan.months[0].month.to_string(), plan.months[0].predicted), ("2026-03".into(), true));
}

#[test]
fn june_2026_cvrf_settles_an_unplanned_baseline_not_mays_hotpatch() {
    // The June document repeats May's hotpatch KBs on one CVE; June was a baseline.
    let base = Catalog::from_documents(true, &[]).unwrap();
    let docs = [Document { name: Some("2026-Jun"), text: &sample("cvrf-2026-Jun.excerpt.xml") }];
    let refreshed = refresh(base, &docs);
    assert!(refreshed.errors.iter().all(|e| e.code == "source.stale"), "{:?}", refreshed.errors);
    let june = refreshed.catalog.entry(OsLine::Ws2025, YearMonth::parse("2026-06").unwrap()).unwrap();
    assert_eq!((june.kind, june.type_known, june.planned, june.ubr), (MonthType::Baseline, true, false, Some(32995)));
    // Windows Server 2022's June 2026, of unknown type in the built-in data, is settled.
    let ws22 = refreshed.catalog.entry(OsLine::Ws2022, YearMonth::parse("2026-06").unwrap()).unwrap();
    assert_eq!((ws22.kind, ws22.type_known, ws22.ubr), (MonthType::Baseline, true, Some(5256)));
    assert!(ws22.source.as_deref().unwrap().contains("MSRC CVRF 2026-Jun"));
}

#[test]
fn a_document_that_is_no_release_source_is_an_error_naming_it_and_the_rest_still_merge() {
    let base = Catalog::built_in();
    let feb = sample("cvrf-2026-Feb.xml");
    let docs = [
        Document { name: Some("notes.txt"), text: "<cvrf:cvrfdoc xmlns:cvrf=\"x\"><broken" },
        Document { name: Some("2026-Feb.xml"), text: &feb },
    ];
    let refreshed = refresh(base, &docs);
    assert_eq!(refreshed.errors.len(), 1, "{:?}", refreshed.errors);
    assert!(
        refreshed.errors[0].message.contains("notes.txt") || refreshed.errors[0].at.contains("notes.txt"),
        "{:?}",
        refreshed.errors[0]
    );
    assert_eq!(refreshed.sources.len(), 1);
}

#[test]
fn the_refreshed_catalog_writes_out_and_reads_back_with_its_sources() {
    let (jan, feb) = (sample("cvrf-2026-Jan.excerpt.xml"), sample("cvrf-2026-Feb.xml"));
    let docs =
        [Document { name: Some("2026-Jan.xml"), text: &jan }, Document { name: Some("2026-Feb.xml"), text: &feb }];
    let cut = Catalog::from_documents(false, &[&cut_to_2025()]).unwrap();
    let refreshed = refresh(cut, &docs);
    assert!(refreshed.errors.is_empty(), "{:?}", refreshed.errors);
    let text = refreshed.catalog.to_json("test");
    let back = Catalog::from_documents(false, &[&text]).unwrap();
    assert_eq!(back.sources(), refreshed.catalog.sources());
    let feb = back.entry(OsLine::Win11_24H2, YearMonth::parse("2026-02").unwrap()).unwrap();
    assert_eq!(
        (feb.kind, feb.kb.as_deref(), feb.ubr, feb.lcu_kb.as_deref(), feb.lcu_ubr),
        (MonthType::Hotpatch, Some("KB5077212"), Some(7781), Some("KB5077181"), Some(7840))
    );
}

#[test]
fn a_hotpatch_month_without_its_baseline_is_taken_back_alone_with_the_rule() {
    // February's hotpatches build on January's baseline: without it each line's February
    // breaks the catalog rule, is taken back with an error that names it, and nothing else
    // is lost (a bad month costs only itself).
    let feb = sample("cvrf-2026-Feb.xml");
    let toc = sample("windows11-toc.live-sample.2026-07.avnsx.json");
    let docs = [Document { name: Some("2026-Feb.xml"), text: &feb }, Document { name: Some("toc.json"), text: &toc }];
    let cut = Catalog::from_documents(false, &[&cut_to_2025()]).unwrap();
    let refreshed = refresh(cut, &docs);
    assert!(!refreshed.errors.is_empty());
    assert!(refreshed.errors.iter().all(|e| e.code == "source.inconsistent"), "{:?}", refreshed.errors);
    // Windows Server 2025 has no January 2026 in any of the documents: its February is taken
    // back. Windows 11 has January's standard update from toc.json (type unknown, planned
    // baseline), so its February stands, resting on that assumption.
    let ws = refreshed
        .errors
        .iter()
        .find(|e| e.message.starts_with("Windows Server 2025 February 2026 from MSRC CVRF 2026-Feb"))
        .unwrap_or_else(|| panic!("February is named: {:#?}", refreshed.errors));
    assert!(ws.message.contains("needs a baseline earlier"), "{}", ws.message);
    assert!(refreshed.catalog.entry(OsLine::Ws2025, YearMonth::parse("2026-02").unwrap()).is_none());
    let jan = refreshed.catalog.entry(OsLine::Win11_24H2, YearMonth::parse("2026-01").unwrap()).unwrap();
    assert_eq!((jan.type_known, jan.kind, jan.ubr), (false, MonthType::Baseline, Some(7623)));
    let feb = refreshed.catalog.entry(OsLine::Win11_24H2, YearMonth::parse("2026-02").unwrap()).unwrap();
    assert_eq!((feb.kind, feb.ubr), (MonthType::Hotpatch, Some(7781)));
    // toc.json's 2025 and 2026 standard updates, which break no rule, are merged.
    let m = refreshed.catalog.entry(OsLine::Win11_24H2, YearMonth::parse("2026-07").unwrap()).unwrap();
    assert!(!m.type_known && m.oob.iter().any(|o| o.kb.as_deref() == Some("KB5121767")), "{m:?}");
}
