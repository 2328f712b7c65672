//! wasm-bindgen tests: the exported functions, called from Rust compiled to Wasm and run in
//! headless Chromium by `wasm-pack test --headless --chrome`. They check what crosses the JS
//! boundary (shapes, `null`s, thrown `Error`s with `code`), which native tests cannot see.
#![cfg(target_arch = "wasm32")]

use hotpatch_planner::wasm;
use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o.into()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn release_calendar_returns_plain_objects_with_nulls() {
    let months =
        wasm::release_calendar(obj(&[("line", "win11-24h2".into()), ("from", "2026-05".into()), ("months", 7.into())]))
            .unwrap();
    let months: Array = months.dyn_into().unwrap();
    assert_eq!(months.length(), 7);
    let june = months.get(1);
    assert_eq!(get(&june, "month").as_string().as_deref(), Some("2026-06"));
    assert_eq!(get(&june, "type").as_string().as_deref(), Some("baseline"));
    assert_eq!(get(&june, "planned").as_bool(), Some(false));
    assert_eq!(get(&june, "kb").as_string().as_deref(), Some("KB5094126"));
    // October 2026: its update is known, its type is not (DOMAIN.md section 7).
    let october = months.get(5);
    assert_eq!(
        (get(&october, "predicted").as_bool(), get(&october, "typeKnown").as_bool()),
        (Some(false), Some(false))
    );
    let november = months.get(6);
    assert_eq!(get(&november, "predicted").as_bool(), Some(true));
    assert!(get(&november, "kb").is_null(), "predicted months carry null, not undefined");
    assert!(Array::is_array(&get(&november, "oob")));
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error_with_a_code_and_field() {
    let err = wasm::release_calendar(obj(&[("line", "ws2025".into()), ("from", "2026-13".into())])).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTION"));
    assert_eq!(get(&err, "field").as_string().as_deref(), Some("from"));
    let message = err.dyn_into::<js_sys::Error>().unwrap().message();
    assert_eq!(String::from(message), "from: found \"2026-13\", expected a month written YYYY-MM");
    let err = wasm::release_calendar(JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTION"));
}

#[wasm_bindgen_test]
fn lookup_build_identifies_builds() {
    let info = wasm::lookup_build(obj(&[("line", "win11-25h2".into()), ("build", "10.0.26200.7093".into())])).unwrap();
    assert_eq!(get(&info, "kind").as_string().as_deref(), Some("oob-hotpatch"));
    assert_eq!(get(&info, "kb").as_string().as_deref(), Some("KB5072753"));
    let none = wasm::lookup_build(obj(&[("line", "win11-24h2".into()), ("build", "26100.99999".into())])).unwrap();
    assert!(none.is_null());
}

const INVENTORY: &str = r#"{"devices":[
  {"name":"LAP-01","family":"client","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running","ring":"Broad"},
  {"name":"LAP-02","family":"client","build":"10.0.26100.7781","edition":"Professional","arch":"arm64","vbs":1},
  "not a device"
]}"#;

fn options(as_of: &str) -> JsValue {
    obj(&[("asOf", as_of.into()), ("months", 3.into())])
}

#[wasm_bindgen_test]
fn evaluate_returns_a_plain_report_with_nulls_and_errors_as_data() {
    let report = wasm::evaluate(INVENTORY.into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    assert_eq!(devices.length(), 2);
    let first = devices.get(0);
    assert_eq!(get(&first, "verdict").as_string().as_deref(), Some("hotpatch"));
    assert!(get(&first, "entraDeviceId").is_null(), "null, not undefined");
    assert_eq!(get(&get(&first, "checks"), "vbs").as_string().as_deref(), Some("pass"));
    let second = devices.get(1);
    assert_eq!(get(&second, "verdict").as_string().as_deref(), Some("lcu"));
    assert_eq!(get(&second, "track").as_string().as_deref(), Some("behind"));
    let errors: Array = get(&report, "errors").dyn_into().unwrap();
    assert_eq!(errors.length(), 1);
    assert_eq!(get(&errors.get(0), "record").as_f64(), Some(2.0));
    // The packed report equals the plain JSON.
    let json = wasm::evaluate_to_json(INVENTORY.into(), Some(options("2026-05-20"))).unwrap();
    assert_eq!(JsValue::from(js_sys::JSON::stringify(&report).unwrap()), json);
}

#[wasm_bindgen_test]
fn evaluate_reads_non_ascii_strings_whole() {
    // After ASCII text longer than the first pass expects, then astral and BMP characters.
    let name = format!("{}-Büro-東京-\u{1F4BB}", "x".repeat(3000));
    let doc =
        format!(r#"{{"schemaVersion":1,"devices":[{{"name":"{name}","family":"client","build":"10.0.26100.8390"}}]}}"#);
    let report = wasm::evaluate(doc.as_str().into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    assert_eq!(get(&devices.get(0), "name").as_string(), Some(name));
}

/// JSON text is scanned 16 bytes at a time in the Wasm (native code takes another path): an
/// escape, the closing quote or a raw control character at every place in and across those
/// 16-byte steps reads as it does anywhere.
#[wasm_bindgen_test]
fn evaluate_reads_escapes_and_control_characters_wherever_they_fall() {
    let mut records = Vec::new();
    let mut names = Vec::new();
    for at in 0..40 {
        let pad = "x".repeat(at);
        // An escaped quote, then a backslash escape at the very end.
        records.push(format!(r#"{{"name":"{pad}\"q{pad}\\","build":26100}}"#));
        names.push(format!("{pad}\"q{pad}\\"));
        // A raw tab, which JSON forbids in a text, and a raw control character after a
        // backslash (still a control character, not an escape).
        records.push(format!("{{\"name\":\"{pad}\tq\",\"build\":26100}}"));
        records.push(format!("{{\"name\":\"{pad}\\\u{1}q{pad}\",\"build\":26100}}"));
    }
    let doc = format!(r#"{{"schemaVersion":1,"devices":[{}]}}"#, records.join(","));
    let report = wasm::evaluate(doc.as_str().into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    let read: Vec<String> = devices.iter().map(|d| get(&d, "name").as_string().unwrap()).collect();
    assert_eq!(read, names);
    let errors: Array = get(&report, "errors").dyn_into().unwrap();
    let records: Vec<f64> = errors.iter().map(|e| get(&e, "record").as_f64().unwrap()).collect();
    let want: Vec<f64> = (0..40).flat_map(|n| [3 * n + 1, 3 * n + 2]).map(f64::from).collect();
    assert_eq!(records, want, "an error for each record with a raw control character");
    for e in errors.iter() {
        let message = get(&e, "message").as_string().unwrap();
        assert!(message.contains("control character"), "{message}");
    }
}

/// CSV cells are found 16 bytes at a time in the Wasm (native code takes another path): cells
/// of every length up to two 16-byte steps, unquoted and quoted, end where they end, with LF
/// and CRLF line breaks.
#[wasm_bindgen_test]
fn evaluate_reads_csv_cells_of_every_length() {
    let mut csv = String::from("Device name,Azure AD Device ID,OS version,OS,SkuFamily,ProcessorArchitecture\r\n");
    let mut names = Vec::new();
    for n in 1..40 {
        let name = format!("D{}", "x".repeat(n));
        let end = if n % 2 == 0 { "\r\n" } else { "\n" };
        // Every other row quotes its name, with text after the closing quote as Excel keeps it.
        let cell = if n % 3 == 0 { format!("\"{name}\"z") } else { name.clone() };
        names.push(if n % 3 == 0 { format!("{name}z") } else { name });
        csv.push_str(&format!("{cell},,10.0.26100.8390,Windows,Enterprise,{}{end}", "x64"));
    }
    let report = wasm::evaluate(csv.as_str().into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    let read: Vec<String> = devices.iter().map(|d| get(&d, "name").as_string().unwrap()).collect();
    assert_eq!(read, names);
    for d in devices.iter() {
        assert_eq!(get(&get(&d, "os"), "arch").as_string().as_deref(), Some("x64"));
        assert_eq!(get(&get(&d, "os"), "ubr").as_f64(), Some(8390.0));
    }
}

#[wasm_bindgen_test]
fn evaluate_reads_a_lone_surrogate_as_the_replacement_character() {
    // A JS string need not be valid UTF-16: like TextEncoder, the planner reads a lone
    // surrogate as U+FFFD, after an ASCII run and before more text.
    let before = format!(r#"{{"schemaVersion":1,"devices":[{{"name":"{}"#, "x".repeat(3000));
    let doc = js_sys::JsString::from(before)
        .concat(&js_sys::JsString::from_char_code1(0xD800))
        .concat(&r#"é","family":"client","build":"10.0.26100.8390"}]}"#.into());
    let report = wasm::evaluate(doc.into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    assert_eq!(get(&devices.get(0), "name").as_string(), Some(format!("{}\u{FFFD}é", "x".repeat(3000))));
}

#[wasm_bindgen_test]
fn evaluate_reads_utf16_bytes_as_windows_powershell_writes_them() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(INVENTORY.encode_utf16().flat_map(u16::to_le_bytes));
    let input = js_sys::Uint8Array::from(bytes.as_slice());
    let report = wasm::evaluate(input.into(), Some(options("2026-05-20"))).unwrap();
    assert_eq!(Array::from(&get(&report, "devices")).length(), 2);
}

#[wasm_bindgen_test]
fn evaluate_merges_a_string_a_uint8array_and_an_arraybuffer_with_formats_per_input() {
    let graph = r#"{"value":[{"deviceName":"LAP-01","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise","processorArchitecture":"x64"},
        {"deviceName":"PHONE-02","operatingSystem":"iOS","osVersion":"18.5"}]}"#;
    let probe = r#"[{"PSComputerName":"lap-01.contoso.com","VirtualizationBasedSecurityStatus":2}]"#;
    let registry = r#"[{"ComputerName":"LAP-01","CurrentBuild":"26100","UBR":8390,"PROCESSOR_ARCHITECTURE":"AMD64"}]"#;
    let inputs = Array::new();
    inputs.push(&graph.into());
    inputs.push(&js_sys::Uint8Array::from(probe.as_bytes()).into());
    inputs.push(&js_sys::Uint8Array::from(registry.as_bytes()).buffer().into());
    let formats = Array::of3(&"auto".into(), &"deviceguard".into(), &"auto".into());
    let report =
        wasm::evaluate(inputs.into(), Some(obj(&[("asOf", "2026-05-20".into()), ("format", formats.into())]))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    assert_eq!(devices.length(), 1, "one device from three documents");
    assert_eq!(get(&devices.get(0), "verdict").as_string().as_deref(), Some("hotpatch"));
    assert_eq!(Array::from(&get(&devices.get(0), "sources")).length(), 3);
    let others: Array = get(&report, "otherDevices").dyn_into().unwrap();
    assert_eq!(get(&others.get(0), "platform").as_string().as_deref(), Some("ios"));
    let inputs: Array = get(&report, "inputs").dyn_into().unwrap();
    assert_eq!(get(&inputs.get(1), "detected").as_bool(), Some(false));
    assert_eq!(get(&inputs.get(2), "format").as_string().as_deref(), Some("registry"));
}

#[wasm_bindgen_test]
fn evaluate_throws_only_for_misuse() {
    let err = wasm::evaluate(JsValue::from(42), None).unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_INPUT"));
    let err = wasm::evaluate("".into(), Some(obj(&[("months", 0.into())]))).unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_OPTION"));
    // Junk content is data, not an exception.
    let report = wasm::evaluate("\u{0}\u{1}garbage".into(), None).unwrap();
    assert_eq!(Array::from(&get(&report, "errors")).length(), 1);
}

#[wasm_bindgen_test]
fn exports_produce_text() {
    let report = wasm::evaluate(INVENTORY.into(), Some(options("2026-05-20"))).unwrap();
    let csv = wasm::to_csv(report.clone(), None).unwrap();
    // A byte-order mark first, for Excel.
    assert!(csv.starts_with("\u{feff}Key,Name,") && csv.ends_with("\r\n"));
    let ics = wasm::to_ics(report, None).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    let err = wasm::to_csv(obj(&[("asOf", 1.into())]), None).unwrap_err();
    assert_eq!(get(&err, "code").as_string().as_deref(), Some("INVALID_REPORT"));
}

#[wasm_bindgen_test]
fn stale_marks_cross_the_boundary_as_dates_and_only_where_the_data_predates_the_release() {
    let inventory = r#"{"devices":[
      {"name":"OLD","family":"client","build":"10.0.26100.8390","edition":"Enterprise","lastSeen":"2026-05-01T10:00:00Z"},
      {"name":"NEW","family":"client","build":"10.0.26100.8390","edition":"Enterprise","lastSeen":"2026-05-19T10:00:00Z"}
    ]}"#;
    let report = wasm::evaluate(inventory.into(), Some(options("2026-05-20"))).unwrap();
    let devices: Array = get(&report, "devices").dyn_into().unwrap();
    let stale = get(&devices.get(0), "stale");
    assert_eq!(get(&stale, "lastSeen").as_string().as_deref(), Some("2026-05-01"));
    assert_eq!(get(&stale, "release").as_string().as_deref(), Some("2026-05-12"));
    assert!(get(&devices.get(1), "stale").is_undefined(), "absent, as serde skips it");
    let json = wasm::evaluate_to_json(inventory.into(), Some(options("2026-05-20"))).unwrap();
    assert_eq!(JsValue::from(js_sys::JSON::stringify(&report).unwrap()), json);
}

#[wasm_bindgen_test]
fn the_core_module_sends_release_data_to_the_full_module() {
    // This build (default features: no release-source readers, no catalog reader) is the
    // browser's core module: it carries the built-in catalog only (size budget, DESIGN.md), so
    // release data of any kind given as `catalog` is an EXTENDED_READER error that says where
    // to read it. What the full module does with it: pkg-tests (calendar, release) and the
    // native tests.
    let cvrf =
        r#"<?xml version="1.0"?><cvrf:cvrfdoc xmlns:cvrf="http://www.icasi.org/CVRF/schema/cvrf/1.1"></cvrf:cvrfdoc>"#;
    let catalog = r#"{"lines":{"win11-24h2":{"months":[
        {"month":"2026-09","release":"2026-09-08","type":"hotpatch","kb":"KB5999001","ubr":9300,"lcuKb":"KB5999002","lcuUbr":9350}]}}}"#;
    for document in [cvrf, catalog] {
        let errors = [
            wasm::evaluate(INVENTORY.into(), Some(obj(&[("catalog", document.into())]))).unwrap_err(),
            wasm::release_calendar(obj(&[
                ("line", "win11-24h2".into()),
                ("from", "2026-09".into()),
                ("catalog", document.into()),
            ]))
            .unwrap_err(),
        ];
        for err in errors {
            assert_eq!(get(&err, "code").as_string().as_deref(), Some("EXTENDED_READER"));
            assert_eq!(get(&err, "field").as_string().as_deref(), Some("catalog"));
            let message = String::from(err.dyn_into::<js_sys::Error>().unwrap().message());
            assert!(message.contains("hotpatch-planner/release"), "{message}");
        }
    }
    // Without a catalog the built-in data is there, as Rust data (src/catalog/built_in.rs).
    let months: Array =
        wasm::release_calendar(obj(&[("line", "win11-24h2".into()), ("from", "2026-09".into()), ("months", 2.into())]))
            .unwrap()
            .dyn_into()
            .unwrap();
    assert_eq!(get(&months.get(0), "lcuBuild").as_string().as_deref(), Some("26100.9445"));
}
