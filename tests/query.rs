//! Views over one report (`hotpatch_planner::query`, the Wasm `Planner`): which devices pass a
//! filter and in what order. The filters that the page links from the fleet answers must give
//! exactly the devices those answers count (DOMAIN.md sections 4 to 6: verdicts, the track,
//! rings), and bad filters are errors that name the field.

use hotpatch_planner::fleet::Fleet;
use hotpatch_planner::query::{counts, Filter, Index, Sort};
use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input, Report};
use serde_json::{json, Value};

const FLEET: &str = include_str!("../pkg-tests/fixtures/fleet.canonical.json");

fn report(inventory: &str, options: Value) -> Report {
    let options = EvaluateOptions::from_json(&options.to_string(), Date::parse("2026-05-20").unwrap()).unwrap();
    evaluate(&[Input::Text(inventory)], &options).unwrap()
}

/// The names of the devices that pass `filter` in `sort` order.
fn names(report: &Report, filter: Value, sort: Value) -> Vec<String> {
    let filter = Filter::from_json(&filter.to_string()).unwrap();
    let sort = Sort::from_json(&sort.to_string()).unwrap();
    let mut index = Index::new(report);
    index
        .select(report, &filter, sort)
        .iter()
        .map(|&i| {
            let d = &report.devices[i as usize];
            d.name.clone().unwrap_or_else(|| d.key.clone())
        })
        .collect()
}

fn count(report: &Report, filter: Value) -> usize {
    names(report, filter, Value::Null).len()
}

/// Every link the page makes from the fleet answers, with the number the answer shows.
fn links(fleet: &Fleet) -> Vec<(Value, usize)> {
    let ring = |r: &Option<std::sync::Arc<str>>| r.as_deref().map_or(Value::Null, |r| r.into());
    let mut links = Vec::new();
    for g in &fleet.fixes {
        let checks: Vec<&str> = g.checks.iter().map(|c| c.id()).collect();
        links.push((json!({ "fix": checks.join("+") }), g.devices));
    }
    for n in &fleet.next {
        let month = n.month.map(|m| m.to_string());
        for r in &n.reasons {
            links.push((json!({ "ring": ring(&n.ring), "firstMonth": month, "reason": r.reason }), r.devices));
        }
        links.push((
            json!({ "ring": ring(&n.ring), "firstMonth": month, "restartMonth": month, "verdict": "decided" }),
            n.restart,
        ));
        links.push((json!({ "ring": ring(&n.ring), "firstMonth": month, "verdict": "undetermined" }), n.undetermined));
    }
    for r in &fleet.rings {
        for (m, cell) in fleet.months.iter().zip(&r.months) {
            let filter = json!({ "ring": ring(&r.ring), "restartMonth": m.month.to_string(), "verdict": "decided" });
            links.push((filter, cell.restart));
        }
        links.push((json!({ "ring": ring(&r.ring) }), r.devices));
        links.push((json!({ "ring": ring(&r.ring), "standing": "hotpatched" }), r.hotpatched));
        links.push((json!({ "ring": ring(&r.ring), "standing": "up-to-date" }), r.up_to_date));
        links.push((json!({ "ring": ring(&r.ring), "standing": "not-up-to-date" }), r.not_up_to_date));
        links.push((json!({ "ring": ring(&r.ring), "standing": "unknown" }), r.build_unknown));
    }
    links
}

#[test]
fn the_fleet_answers_links_show_exactly_the_devices_they_count() {
    let rings = json!({
        "asOf": "2026-05-20",
        "rings": {
            "First": { "deferralDays": 0 },
            "Fast": { "deferralDays": 3, "devices": ["LAP-LCU-05"] },
            "Broad": { "deferralDays": 10, "namePatterns": ["LAP-P*"] }
        }
    });
    for options in [json!({ "asOf": "2026-05-20" }), json!({ "asOf": "2026-11-26" }), rings] {
        let report = report(FLEET, options.clone());
        let links = links(&report.fleet);
        assert!(links.len() > 20, "{options}: {} links", links.len());
        for (filter, want) in links {
            assert_eq!(count(&report, filter.clone()), want, "{options}: {filter}");
        }
        let s = &report.summary;
        for (verdict, want) in [("hotpatch", s.hotpatch), ("lcu", s.lcu), ("undetermined", s.undetermined)] {
            assert_eq!(count(&report, json!({ "verdict": verdict })), want, "{verdict}");
        }
        assert_eq!(count(&report, json!({ "verdict": "decided" })), s.hotpatch + s.lcu);
        for (check, n) in &s.failing.0 {
            assert_eq!(count(&report, json!({ "check": format!("fail:{}", check.id()) })), *n);
        }
        for (check, n) in &s.unknown.0 {
            assert_eq!(count(&report, json!({ "check": format!("unknown:{}", check.id()) })), *n);
        }
        assert_eq!(count(&report, json!({ "notSeen": true })), s.not_seen);
        assert_eq!(count(&report, json!({})), s.devices);
    }
}

#[test]
fn counts_match_the_summary_and_follow_the_view() {
    let report = report(FLEET, json!({ "asOf": "2026-05-20", "rings": { "Broad": { "deferralDays": 9 } } }));
    let mut index = Index::new(&report);
    let all = index.select(&report, &Filter::default(), Sort::default());
    let n = counts(&report, &all);
    let s = &report.summary;
    let rings = report.fleet.rings.len();
    assert_eq!(n.len(), 30 + rings);
    assert_eq!(n[..4], [s.devices, s.hotpatch, s.lcu, s.undetermined].map(|x| x as u32));
    for (k, check) in hotpatch_planner::CheckId::ALL.iter().enumerate() {
        let of = |m: &hotpatch_planner::report::OrderedMap<_, usize>| {
            m.0.iter().find(|(c, _)| c == check).map_or(0, |e| e.1)
        };
        assert_eq!((n[4 + k], n[11 + k]), (of(&s.failing) as u32, of(&s.unknown) as u32), "{check:?}");
    }
    let standing: u32 = n[18..22].iter().sum();
    let lines: u32 = n[23..30].iter().sum();
    assert_eq!((standing, lines, n[22]), (s.devices as u32, s.devices as u32, s.not_seen as u32));
    // Each ring's count is its row's, in the fleet's order.
    for (k, r) in report.fleet.rings.iter().enumerate() {
        assert_eq!(n[30 + k], r.devices as u32, "{:?}", r.ring);
        let standing = [r.hotpatched, r.up_to_date, r.not_up_to_date, r.build_unknown];
        let view = index.select(
            &report,
            &Filter { ring: Some(r.ring.as_deref().map(str::to_string)), ..Filter::default() },
            Sort::default(),
        );
        assert_eq!(counts(&report, &view)[18..22], standing.map(|x| x as u32));
    }

    let lcu = index.select(&report, &Filter::from_json(r#"{"verdict":"lcu"}"#).unwrap(), Sort::default());
    let n = counts(&report, &lcu);
    assert_eq!(n[..4], [s.lcu as u32, 0, s.lcu as u32, 0]);
}

/// Canonical devices on Windows 11 24H2 with `extra` fields.
fn inventory(devices: &[(&str, Value)]) -> String {
    let records: Vec<Value> = devices
        .iter()
        .map(|(name, extra)| {
            let mut record = json!({
                "name": name, "family": "client", "build": "10.0.26100.8246", "edition": "Enterprise",
                "arch": "x64", "vbs": "running", "management": "intune",
            });
            for (k, v) in extra.as_object().unwrap() {
                record[k] = v.clone();
            }
            record
        })
        .collect();
    json!({ "schemaVersion": 1, "devices": records }).to_string()
}

#[test]
fn filters_and_orders() {
    let text = inventory(&[
        ("pc-10", json!({ "edition": "Professional", "ring": "Pilot" })),
        ("PC-9", json!({ "vbs": null, "entraDeviceId": "7a1c2e3f-0001-4b5c-8d9e-00000000ABCD" })),
        ("pc-1", json!({})),
        ("srv-02", json!({ "family": "server", "build": "10.0.26100.8246", "edition": "Datacenter" })),
        ("laptop", json!({ "build": null })),
        ("pc-002", json!({ "edition": "Professional", "vbs": "enabled" })),
    ]);
    let report = report(&text, json!({ "asOf": "2026-05-20", "rings": { "Pilot": { "deferralDays": 0 } } }));
    let cases: &[(Value, Value, &[&str])] = &[
        // Names as people read them: case ignored, numbers by value, leading zeros too.
        (json!({}), json!({}), &["laptop", "pc-1", "pc-002", "PC-9", "pc-10", "srv-02"]),
        (json!({}), json!({ "key": "name", "dir": "desc" }), &["srv-02", "pc-10", "PC-9", "pc-002", "pc-1", "laptop"]),
        (json!({ "search": " PC-" }), json!({}), &["pc-1", "pc-002", "PC-9", "pc-10"]),
        // The Entra id is searched too, ignoring case.
        (json!({ "search": "000abcd" }), json!({}), &["PC-9"]),
        (json!({ "verdict": "lcu" }), json!({}), &["pc-002", "pc-10", "srv-02"]),
        (json!({ "check": "fail:edition" }), json!({}), &["pc-002", "pc-10"]),
        (json!({ "check": "unknown:vbs" }), json!({}), &["PC-9"]),
        (json!({ "check": "any:vbs" }), json!({}), &["pc-002", "PC-9"]),
        (json!({ "fix": "edition" }), json!({}), &["pc-10"]),
        (json!({ "fix": "vbs+edition" }), json!({}), &["pc-002"]),
        (json!({ "ring": "Pilot" }), json!({}), &["pc-10"]),
        (json!({ "ring": null, "verdict": "hotpatch" }), json!({}), &["pc-1"]),
        (json!({ "line": "ws2025" }), json!({}), &["srv-02"]),
        (json!({ "line": null }), json!({}), &["laptop"]),
        // An empty text is "any", as an HTML select gives it.
        (
            json!({ "line": "", "verdict": "", "ring": "" }),
            json!({}),
            &["laptop", "pc-1", "pc-002", "PC-9", "pc-10", "srv-02"],
        ),
        // Verdict order puts what needs attention first; ties stay in name order, both ways.
        (json!({}), json!({ "key": "verdict" }), &["pc-002", "pc-10", "srv-02", "laptop", "PC-9", "pc-1"]),
        (
            json!({}),
            json!({ "key": "verdict", "dir": "desc" }),
            &["pc-1", "laptop", "PC-9", "pc-002", "pc-10", "srv-02"],
        ),
        // Devices without a value (no OS line) come last in either direction.
        (json!({}), json!({ "key": "os" }), &["pc-1", "pc-002", "PC-9", "pc-10", "srv-02", "laptop"]),
        (json!({}), json!({ "key": "os", "dir": "desc" }), &["srv-02", "pc-1", "pc-002", "PC-9", "pc-10", "laptop"]),
        (json!({}), json!({ "key": "ring", "dir": "desc" }), &["pc-10", "laptop", "pc-1", "pc-002", "PC-9", "srv-02"]),
        (
            json!({}),
            json!({ "key": "checks", "dir": "desc" }),
            &["pc-002", "srv-02", "pc-10", "laptop", "PC-9", "pc-1"],
        ),
    ];
    for (filter, sort, want) in cases {
        assert_eq!(names(&report, filter.clone(), sort.clone()), *want, "filter {filter}, sort {sort}");
    }
}

#[test]
fn a_filter_that_cannot_be_read_names_its_field() {
    let cases = [
        (r#"{"verdict":"yes"}"#, "verdict"),
        (r#"{"check":"fails:vbs"}"#, "check"),
        (r#"{"check":"fail:tpm"}"#, "check"),
        (r#"{"fix":"edition+"}"#, "fix"),
        (r#"{"reason":"lcu:"}"#, "reason"),
        (r#"{"line":"win10"}"#, "line"),
        (r#"{"restartMonth":"June"}"#, "restartMonth"),
        (r#"{"notSeen":"yes"}"#, "notSeen"),
        (r#"{"rings":"Pilot"}"#, "rings"),
        ("[1]", ""),
    ];
    for (json, field) in cases {
        let e = Filter::from_json(json).unwrap_err();
        assert_eq!((e.code.as_str(), e.field.as_str()), ("INVALID_OPTION", field), "{json}: {e}");
    }
    for (json, field) in [(r#"{"key":"size"}"#, "key"), (r#"{"key":"name","dir":"up"}"#, "dir")] {
        let e = Sort::from_json(json).unwrap_err();
        assert_eq!(e.field, field, "{json}: {e}");
    }
    // Found by the `view` fuzz target: a long value is cut short in the message.
    let long = format!(r#"{{"reason":"lcu:{}"}}"#, "x".repeat(5000));
    let e = Filter::from_json(&long).unwrap_err();
    assert_eq!(e.field, "reason");
    assert!(e.to_string().len() < 300, "{e}");
    assert_eq!(Filter::from_json("").unwrap(), Filter::default());
    assert_eq!(Filter::from_json("null").unwrap(), Filter::default());
}
