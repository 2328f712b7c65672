//! The shared fleet fixture (pkg-tests/fixtures): a few dozen varied devices evaluated as of
//! three dates, against expectations worked out by hand from DOMAIN.md. The package tests
//! check the same expectations through the Node and browser builds.

use hotpatch_planner::{evaluate, CheckId, CheckStatus, Date, EvaluateOptions, Input};
use serde_json::Value;

const FLEET: &str = include_str!("../pkg-tests/fixtures/fleet.canonical.json");
const EXPECTED: &str = include_str!("../pkg-tests/fixtures/fleet.expected.json");

fn ids(d: &hotpatch_planner::DeviceReport, status: CheckStatus) -> Vec<String> {
    CheckId::ALL.iter().filter(|c| d.checks.get(**c) == status).map(|c| c.id().to_string()).collect()
}

#[test]
fn the_fleet_gives_what_domain_md_says_on_each_date() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    for (as_of, devices) in expected["asOf"].as_object().unwrap() {
        let report = evaluate(&[Input::Text(FLEET)], &EvaluateOptions::new(Date::parse(as_of).unwrap())).unwrap();
        assert!(report.errors.is_empty(), "{:?}", report.errors);
        assert_eq!(report.devices.len(), devices.as_object().unwrap().len(), "{as_of}");
        for d in &report.devices {
            let want = &devices[d.key.as_str()];
            let got = serde_json::json!({
                "verdict": d.verdict.id(), "track": d.track.id(),
                "failing": ids(d, CheckStatus::Fail), "unknown": ids(d, CheckStatus::Unknown),
            });
            assert_eq!(&got, want, "{} as of {as_of}: {:#?}", d.key, d.findings);
        }
        let others: Vec<&str> = report.other_devices.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(serde_json::json!(others), expected["otherDevices"]);
    }
}

#[test]
fn the_fleet_plans_as_of_may_2026() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let report = evaluate(&[Input::Text(FLEET)], &EvaluateOptions::new(Date::parse("2026-05-20").unwrap())).unwrap();
    for (key, months) in expected["plans"]["2026-05-20"].as_object().unwrap() {
        let d = report.devices.iter().find(|d| d.key == *key).unwrap();
        let plan = report.plans.get(&d.plan).unwrap();
        let got: Vec<Value> = plan.months[..4]
            .iter()
            .map(|m| {
                serde_json::json!([
                    m.month.to_string(),
                    m.update.id(),
                    m.offer.to_string(),
                    m.install_by.to_string(),
                    m.restart_by.map(|d| d.to_string())
                ])
            })
            .collect();
        assert_eq!(&Value::Array(got), months, "{key}");
    }
}

#[test]
fn progress_goes_through_each_stage_in_order_and_ends_at_its_total() {
    use hotpatch_planner::{evaluate_with_progress, Progress, Stage};
    let devices: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"name":"LAP-{i:05}","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"}}"#))
        .collect();
    let canonical = format!(r#"{{"devices":[{}]}}"#, devices.join(","));
    let csv = "Device name,OS,OS version\r\nLAP-99999,Windows,10.0.26100.8390\r\n";
    let mut seen: Vec<Progress> = Vec::new();
    let options = EvaluateOptions::new(Date::parse("2026-05-20").unwrap());
    let report = evaluate_with_progress(&[Input::Text(&canonical), Input::Bytes(csv.as_bytes())], &options, &mut |p| {
        seen.push(p)
    })
    .unwrap();
    assert_eq!(report.devices.len(), 20_001);
    let stages: Vec<Stage> = seen.iter().map(|p| p.stage).collect();
    let first = |s: Stage| stages.iter().position(|x| *x == s).unwrap();
    assert!(first(Stage::Reading) < first(Stage::Merging) && first(Stage::Merging) < first(Stage::Checking));
    for stage in [Stage::Reading, Stage::Checking] {
        let steps: Vec<&Progress> = seen.iter().filter(|p| p.stage == stage).collect();
        assert!(steps.len() > 3, "{stage:?} reports along the way: {steps:?}");
        assert!(steps.windows(2).all(|w| w[0].done <= w[1].done), "{stage:?} never goes back");
        let last = steps.last().unwrap();
        assert_eq!(last.done, last.total, "{stage:?} ends at its total");
    }
    assert_eq!(seen.iter().rfind(|p| p.stage == Stage::Reading).unwrap().total, canonical.len() + csv.len());
}

/// `read_inventory`, then `evaluate_inventory` once the inputs are gone (the command line's
/// way of freeing a large export's text) gives `evaluate`'s report, for one document and for
/// several merged, and `evaluate`'s error for an invalid catalog.
#[test]
fn reading_then_evaluating_with_the_inputs_freed_is_evaluate() {
    use hotpatch_planner::{evaluate_inventory, read_inventory};
    let options = EvaluateOptions::new(Date::parse("2026-05-20").unwrap());
    let samples = |names: &[&str]| -> Vec<Vec<u8>> {
        names
            .iter()
            .map(|n| std::fs::read(format!("{}/www/samples/{n}", env!("CARGO_MANIFEST_DIR"))).unwrap())
            .collect()
    };
    let cases: [&[&str]; 3] =
        [&["graph.json"], &["graph.json", "deviceguard.json", "registry.json"], &["intune.csv", "computerinfo.json"]];
    for names in cases {
        let documents = samples(names);
        let inputs: Vec<Input<'_>> = documents.iter().map(|d| Input::Bytes(d)).collect();
        let want = serde_json::to_string(&evaluate(&inputs, &options).unwrap()).unwrap();
        let inventory = read_inventory(&inputs, &options, &mut |_| {});
        drop(inputs);
        drop(documents);
        let got = serde_json::to_string(&evaluate_inventory(inventory, &options, &mut |_| {}).unwrap()).unwrap();
        assert_eq!(got, want, "{names:?}");
    }
    let mut bad = options.clone();
    bad.catalog.documents = vec!["{\"schemaVersion\":1,\"lines\":7}".into()];
    let inventory = read_inventory(&[Input::Text(FLEET)], &bad, &mut |_| {});
    let err = evaluate_inventory(inventory, &bad, &mut |_| {}).unwrap_err();
    assert_eq!(err.to_string(), evaluate(&[Input::Text(FLEET)], &bad).unwrap_err().to_string());
}
