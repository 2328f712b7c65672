//! Issue 11: realistic exports of every format, in the shapes real tools write (the public
//! sources for each shape are in tests/data/exports/*/SOURCES.md and cases/README.md): the
//! failure shapes (Get-ComputerInfo without admin rights, console text, UTF-16, localised
//! Windows, a UCClient row that disagrees with itself), and mixed merges in every order of the
//! input files, which must give the same devices (DOMAIN.md section 4: precedence is a rule,
//! never input order). The expectations are pkg-tests/fixtures/exports.expected.json, which
//! the package tests check through the built Node and web packages too.

mod common;

use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input};
use serde_json::{json, Map, Value};

const EXPECTED: &str = include_str!("../pkg-tests/fixtures/exports.expected.json");

fn read(file: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/exports/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// A device as one line, without its sources (which name input indexes, so depend on the
/// order), and with how Microsoft's readiness compares.
fn line(d: &Value) -> String {
    let microsoft = d["microsoft"]["agreement"].as_str().unwrap_or("-");
    format!("{} microsoft={microsoft}", common::device_line(d))
}

/// Every order of `n` items (n ≤ 4 here: 24 orders).
fn orders(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for rest in orders(n - 1) {
        for at in 0..=rest.len() {
            let mut order = rest.clone();
            order.insert(at, n - 1);
            out.push(order);
        }
    }
    out
}

/// What a scenario's report says, in a form that does not depend on input order.
fn outcome(report: &Value) -> Value {
    let devices: Map<String, Value> = report["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["key"].as_str().unwrap().into(), line(d).into()))
        .collect();
    let mut errors: Vec<String> =
        report["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap().to_string()).collect();
    errors.sort();
    json!({ "devices": devices, "errors": errors, "microsoft": report["summary"]["microsoft"] })
}

/// Every finding's words per device, with the input and record numbers (which follow the
/// order of the files) blanked: the rest must not depend on the order.
fn words(report: &Value) -> Value {
    let blank = |text: &str| {
        let mut out = String::new();
        for (i, part) in text.split("input ").enumerate() {
            if i > 0 {
                out.push_str("input ");
            }
            let digits = part.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &part[digits..];
            match rest.strip_prefix(" record ") {
                Some(after) if digits > 0 => {
                    let more = after.bytes().take_while(u8::is_ascii_digit).count();
                    out.push_str("? record ?");
                    out.push_str(&after[more..]);
                }
                _ => out.push_str(part),
            }
        }
        out
    };
    let devices: Map<String, Value> = report["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let texts: Vec<Value> =
                d["findings"].as_array().unwrap().iter().map(|f| blank(f["detail"].as_str().unwrap()).into()).collect();
            (d["key"].as_str().unwrap().to_string(), Value::Array(texts))
        })
        .collect();
    Value::Object(devices)
}

/// Every text a device's findings and Microsoft comparison say, for `say` checks.
fn said(report: &Value, key: &str) -> String {
    let d = report["devices"].as_array().unwrap().iter().find(|d| d["key"] == key).unwrap_or_else(|| panic!("{key}"));
    let mut text: Vec<String> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{}: {}", f["check"].as_str().unwrap(), f["detail"].as_str().unwrap()))
        .collect();
    text.push(format!("microsoft: {}", d["microsoft"]["detail"].as_str().unwrap_or("")));
    text.join("\n")
}

#[test]
fn every_scenario_gives_the_same_devices_in_every_order_of_its_files() {
    let expected: Value = serde_json::from_str(EXPECTED).unwrap();
    let as_of = Date::parse(expected["asOf"].as_str().unwrap()).unwrap();
    let mut written = Vec::new();
    for scenario in expected["scenarios"].as_array().unwrap() {
        let name = scenario["name"].as_str().unwrap();
        let files: Vec<Vec<u8>> =
            scenario["files"].as_array().unwrap().iter().map(|f| read(f.as_str().unwrap())).collect();
        let mut first: Option<Value> = None;
        for order in orders(files.len()) {
            let inputs: Vec<Input<'_>> = order.iter().map(|&i| Input::Bytes(&files[i])).collect();
            let report = serde_json::to_value(evaluate(&inputs, &EvaluateOptions::new(as_of)).unwrap()).unwrap();
            let got = outcome(&report);
            for (key, texts) in scenario["say"].as_object().into_iter().flatten() {
                let all = said(&report, key);
                for text in texts.as_array().unwrap() {
                    assert!(
                        all.contains(text.as_str().unwrap()),
                        "{name}, order {order:?}: {key} should say {text}; it says:\n{all}"
                    );
                }
            }
            let got = json!({ "outcome": got, "words": words(&report) });
            match &first {
                None => first = Some(got),
                Some(first) => assert_eq!(&got, first, "{name}: order {order:?} differs from the first order"),
            }
        }
        let got = first.unwrap()["outcome"].clone();
        if std::env::var("WRITE_EXPORTS_EXPECTED").is_ok() {
            written.push(json!({ "name": name, "outcome": got }));
            continue;
        }
        let want =
            json!({ "devices": scenario["devices"], "errors": scenario["errors"], "microsoft": scenario["microsoft"] });
        assert_eq!(got, want, "{name}");
    }
    if !written.is_empty() {
        println!("{}", serde_json::to_string_pretty(&written).unwrap());
    }
}
