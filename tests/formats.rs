//! Issue 4: the real inventory formats (DOMAIN.md section 4; CONTRACT.md "Format ids" and
//! "Merging"): detection, the normalisation traps, encodings, merging several exports into
//! one device, conflicting sources, CSV edge cases, and a corpus of malformed inputs where
//! nothing may be lost. The samples and the malformed corpus are shared fixtures that the
//! package tests (Node and browser) check too.

mod common;

use common::CHECKS;
use hotpatch_planner::{evaluate, Date, EvaluateOptions, Format, Formats, Input, Report};
use serde_json::{json, Value};

const SAMPLES_EXPECTED: &str = include_str!("../pkg-tests/fixtures/samples.expected.json");
const MALFORMED: &str = include_str!("../pkg-tests/fixtures/malformed.json");

fn sample(file: &str) -> String {
    std::fs::read_to_string(format!("{}/www/samples/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn options(as_of: &str) -> EvaluateOptions {
    EvaluateOptions::new(Date::parse(as_of).unwrap())
}

/// The report as JSON, the form portals and the package tests see.
fn run(inputs: &[Input<'_>], options: &EvaluateOptions) -> Value {
    let report: Report = evaluate(inputs, options).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_nothing_lost(&json);
    json
}

fn run_texts(texts: &[&str], as_of: &str) -> Value {
    let inputs: Vec<Input<'_>> = texts.iter().map(|t| Input::Text(t)).collect();
    run(&inputs, &options(as_of))
}

/// One line per device, as in samples.expected.json: line, build.UBR, edition, arch,
/// verdict, track, failing and unknown checks, sources.
fn line(d: &Value) -> String {
    let sources: Vec<String> =
        d["sources"].as_array().unwrap().iter().map(|x| format!("{}:{}", x["input"], x["record"])).collect();
    format!("{} sources={}", common::device_line(d), sources.join(","))
}

fn device<'r>(report: &'r Value, key: &str) -> &'r Value {
    report["devices"].as_array().unwrap().iter().find(|d| d["key"] == key).unwrap_or_else(|| {
        let keys: Vec<&Value> = report["devices"].as_array().unwrap().iter().map(|d| &d["key"]).collect();
        panic!("no device {key}; devices: {keys:?}; errors: {}", report["errors"])
    })
}

fn finding<'r>(d: &'r Value, check: &str) -> &'r Value {
    d["findings"].as_array().unwrap().iter().find(|f| f["check"] == check).unwrap_or(&Value::Null)
}

/// CONTRACT.md: every record of every input ends up in exactly one device's `sources`, in
/// `otherDevices`, or in `errors`; a document-level error (no `record`) covers a whole
/// document that could not be read as any format.
fn assert_nothing_lost(report: &Value) {
    for info in report["inputs"].as_array().unwrap() {
        let input = info["index"].as_u64().unwrap();
        let records = info["records"].as_u64().unwrap();
        let mut seen: Vec<u64> = Vec::new();
        for d in report["devices"].as_array().unwrap().iter().chain(report["otherDevices"].as_array().unwrap()) {
            seen.extend(
                d["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|s| s["input"] == input)
                    .map(|s| s["record"].as_u64().unwrap()),
            );
        }
        let errors: Vec<&Value> = report["errors"].as_array().unwrap().iter().filter(|e| e["input"] == input).collect();
        assert_eq!(info["errors"].as_u64().unwrap() as usize, errors.len(), "input {input}: error count");
        if errors.iter().any(|e| e["record"].is_null()) {
            assert!(seen.is_empty() && errors.len() == 1, "input {input}: a document error stands alone: {report}");
            continue;
        }
        seen.extend(errors.iter().map(|e| e["record"].as_u64().unwrap()));
        seen.sort_unstable();
        assert_eq!(seen, (0..records).collect::<Vec<_>>(), "input {input}: every record exactly once");
    }
}

// ---- The samples (www/samples), alone and together ----

#[test]
fn every_sample_alone_and_together_gives_the_expected_devices() {
    let expected: Value = serde_json::from_str(SAMPLES_EXPECTED).unwrap();
    for (name, set) in expected["sets"].as_object().unwrap() {
        let texts: Vec<String> = set["files"].as_array().unwrap().iter().map(|f| sample(f.as_str().unwrap())).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let r = run_texts(&refs, expected["asOf"].as_str().unwrap());
        let inputs: Vec<Value> =
            r["inputs"].as_array().unwrap().iter().map(|i| json!([i["format"], i["records"]])).collect();
        assert_eq!(Value::from(inputs), set["inputs"], "{name}: formats and record counts");
        assert!(r["inputs"].as_array().unwrap().iter().all(|i| i["detected"] == true));
        let devices: serde_json::Map<String, Value> = r["devices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["key"].as_str().unwrap().to_string(), json!(line(d))))
            .collect();
        assert_eq!(Value::Object(devices), set["devices"], "{name}");
        let others: Vec<Value> = r["otherDevices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| json!([o["key"], o["platform"], o["version"]]))
            .collect();
        assert_eq!(Value::from(others), set["otherDevices"], "{name}: non-Windows devices are listed, not errors");
        assert_eq!(r["errors"], json!([]), "{name}");
        assert_eq!(r["summary"]["otherPlatforms"], set["otherDevices"].as_array().unwrap().len());
    }
}

#[test]
fn a_graph_list_export_plus_a_device_guard_probe_decides_undetermined_devices() {
    // Issue 4 "Done when": Graph list calls carry no VBS state, so Graph alone leaves the
    // vbs check unknown; the Device Guard probe supplies it.
    let graph = sample("graph.json");
    let alone = run_texts(&[&graph], "2026-05-20");
    let with_probe = run_texts(&[&graph, &sample("deviceguard.json")], "2026-05-20");
    for key in ["con-lap-0101", "con-lap-0103"] {
        assert_eq!(device(&alone, key)["verdict"], "undetermined", "{key}");
        assert_eq!(device(&alone, key)["checks"]["vbs"], "unknown", "{key}");
        assert_eq!(device(&with_probe, key)["verdict"], "hotpatch", "{key}");
    }
    let lap2 = device(&with_probe, "con-lap-0102");
    assert_eq!(lap2["verdict"], "lcu");
    assert!(finding(lap2, "vbs")["detail"].as_str().unwrap().contains("not running"), "{lap2}");
    assert!(alone["summary"]["undetermined"].as_u64() > with_probe["summary"]["undetermined"].as_u64());
}

#[test]
fn graph_device_guard_and_registry_give_one_device_with_every_fact() {
    // CON-ARM-0104: Graph has edition and build, Device Guard the VBS state, the registry
    // the CHPE switch. Merged, every check is decided.
    let r = run_texts(&[&sample("graph.json"), &sample("deviceguard.json"), &sample("registry.json")], "2026-05-20");
    let arm = device(&r, "con-arm-0104");
    assert_eq!(
        arm["sources"],
        json!([{ "input": 0, "record": 3 }, { "input": 1, "record": 3 }, { "input": 2, "record": 0 }])
    );
    assert_eq!(
        arm["os"],
        json!({ "line": "win11-24h2", "build": 26100, "ubr": 8390, "edition": "Enterprise", "arch": "arm64" })
    );
    for check in CHECKS {
        assert_ne!(arm["checks"][check], "unknown", "{check}");
    }
    assert_eq!(arm["verdict"], "hotpatch");
    // Arm64 passes only with CHPE disabled, which only the registry probe says.
    assert_eq!(arm["checks"]["arch"], "pass");
    let without_registry = run_texts(&[&sample("graph.json"), &sample("deviceguard.json")], "2026-05-20");
    let arm = device(&without_registry, "con-arm-0104");
    assert_eq!(arm["checks"]["arch"], "unknown");
    assert!(finding(arm, "arch")["fix"].as_str().unwrap().contains("HotPatchRestrictions"), "{arm}");
}

#[test]
fn the_format_of_each_input_can_be_forced() {
    let dg = sample("deviceguard.json");
    let mut opts = options("2026-05-20");
    opts.format = Formats::All(Format::DeviceGuard);
    let r = run(&[Input::Text(&dg)], &opts);
    assert_eq!(r["inputs"][0]["format"], "deviceguard");
    assert_eq!(r["inputs"][0]["detected"], false);
    // One forced, the other detected.
    let graph = sample("graph.json");
    opts.format = Formats::PerInput(vec![None, Some(Format::DeviceGuard)]);
    let r = run(&[Input::Text(&graph), Input::Text(&dg)], &opts);
    assert_eq!(r["inputs"][0]["format"], "graph");
    assert_eq!(r["inputs"][0]["detected"], true);
    assert_eq!(r["inputs"][1]["detected"], false);
    assert_eq!(device(&r, "con-lap-0101")["verdict"], "hotpatch");
    // Forcing a format that does not fit: each record says which names it lacks.
    opts.format = Formats::All(Format::Graph);
    let r = run(&[Input::Text(&dg)], &opts);
    assert_eq!(r["devices"], json!([]));
    assert_eq!(r["errors"].as_array().unwrap().len(), 7);
    assert_eq!(
        r["errors"][0]["message"],
        "record 0: it names no device: deviceName or azureADDeviceId is missing or empty"
    );
    // The option as portals pass it.
    let json_opts = EvaluateOptions::from_json(
        r#"{"asOf":"2026-05-20","format":["auto","deviceguard"]}"#,
        Date::parse("2026-01-01").unwrap(),
    )
    .unwrap();
    assert_eq!(json_opts.format, Formats::PerInput(vec![None, Some(Format::DeviceGuard)]));
}

// ---- DOMAIN.md section 4: normalisation traps ----

/// (trap, document, device key, expected os/vbs facts as a partial device JSON)
fn trap_cases() -> Vec<(&'static str, String, &'static str, Value)> {
    let graph = |extra: &str| {
        format!(
            r#"[{{"deviceName":"T-1","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise","processorArchitecture":"x64"{extra}}}]"#
        )
    };
    let hardware = |vbs: &str| {
        graph(&format!(
            r#","hardwareInformation":{{"serialNumber":"PF1","totalStorageSpace":512000000000,"deviceGuardVirtualizationBasedSecurityState":{vbs}}}"#
        ))
    };
    vec![
        ("Graph VBS \"running\" (a single-device GET)", hardware("\"running\""), "t-1", json!({ "checks": { "vbs": "pass" } })),
        ("Graph VBS as its enum number: 0 is running", hardware("0"), "t-1", json!({ "checks": { "vbs": "pass" } })),
        ("Graph VBS 2 is \"64-bit required\", not WMI's running", hardware("2"), "t-1", json!({ "checks": { "vbs": "fail" } })),
        ("Graph VBS notConfigured", hardware("\"notConfigured\""), "t-1", json!({ "checks": { "vbs": "fail" } })),
        (
            "Graph list export: empty hardwareInformation's default \"running\" is ignored",
            graph(r#","hardwareInformation":{"serialNumber":null,"totalStorageSpace":0,"deviceGuardVirtualizationBasedSecurityState":"running"}"#),
            "t-1",
            json!({ "checks": { "vbs": "unknown" } }),
        ),
        ("Device Guard WMI 2 is running", r#"[{"PSComputerName":"T-1","VirtualizationBasedSecurityStatus":2}]"#.into(), "t-1", json!({ "checks": { "vbs": "pass" } })),
        ("Device Guard WMI 1 is enabled, not running", r#"[{"PSComputerName":"T-1","VirtualizationBasedSecurityStatus":1}]"#.into(), "t-1", json!({ "checks": { "vbs": "fail" } })),
        ("Device Guard WMI 0 is off", r#"[{"PSComputerName":"T-1","VirtualizationBasedSecurityStatus":0}]"#.into(), "t-1", json!({ "checks": { "vbs": "fail" } })),
        (
            "Get-ComputerInfo DeviceGuardSmartStatus as its enum name",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsUBR":8390,"WindowsEditionId":"Enterprise","CsSystemType":"x64-based PC","DeviceGuardSmartStatus":"Running"}"#.into(),
            "t-1",
            json!({ "checks": { "vbs": "pass" } }),
        ),
        ("Graph spells Arm64 arM64", graph("").replace("\"x64\"", "\"arM64\""), "t-1", json!({ "os": { "arch": "arm64" } })),
        (
            "CsSystemType wins over OsArchitecture (\"64-bit\" on Arm too)",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsUBR":8390,"WindowsEditionId":"Enterprise","CsSystemType":"ARM64-based PC","OsArchitecture":"64-bit"}"#.into(),
            "t-1",
            json!({ "os": { "arch": "arm64" } }),
        ),
        (
            "OsArchitecture alone cannot tell x64 from Arm64",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsUBR":8390,"WindowsEditionId":"Enterprise","OsArchitecture":"64-bit"}"#.into(),
            "t-1",
            json!({ "os": { "arch": "64-bit" }, "checks": { "arch": "unknown" } }),
        ),
        (
            "the registry's ProductName says Windows 10 on Windows 11: the build decides",
            r#"[{"ComputerName":"T-1","CurrentBuild":"26100","UBR":8390,"EditionID":"Enterprise","ProductName":"Windows 10 Enterprise","PROCESSOR_ARCHITECTURE":"AMD64"}]"#.into(),
            "t-1",
            json!({ "os": { "line": "win11-24h2" }, "checks": { "os": "pass" } }),
        ),
        (
            "Get-ComputerInfo WindowsProductName says Windows 10 on Windows 11",
            r#"{"CsName":"T-1","WindowsProductName":"Windows 10 Enterprise","WindowsVersion":"2009","OsBuildNumber":"26200","WindowsUBR":8390,"WindowsEditionId":"Enterprise","CsSystemType":"x64-based PC"}"#.into(),
            "t-1",
            json!({ "os": { "line": "win11-25h2" }, "checks": { "os": "pass" } }),
        ),
        ("skuNumber when skuFamily is missing: 4 is Enterprise", graph("").replace(r#""skuFamily":"Enterprise""#, r#""skuNumber":4"#), "t-1", json!({ "os": { "edition": "Enterprise" }, "checks": { "edition": "pass" } })),
        ("skuNumber 121 is Education", graph("").replace(r#""skuFamily":"Enterprise""#, r#""skuNumber":121"#), "t-1", json!({ "os": { "edition": "Education" }, "checks": { "edition": "pass" } })),
        ("skuNumber 48 is Pro", graph("").replace(r#""skuFamily":"Enterprise""#, r#""skuFamily":null,"skuNumber":48"#), "t-1", json!({ "os": { "edition": "Pro" }, "checks": { "edition": "fail" } })),
        ("the build as 10.0.26100.4349", graph("").replace("10.0.26100.8390", "10.0.26100.8246"), "t-1", json!({ "os": { "build": 26100, "ubr": 8246 }, "track": "baseline" })),
        (
            "the build as 26100.8390 (no 10.0.)",
            r#"[{"DeviceName":"T-1","AzureADDeviceId":"5f1e0000-0000-4000-8000-000000000001","OSBuild":"26100.8390","OSEdition":"Enterprise"}]"#.into(),
            "t-1",
            json!({ "os": { "build": 26100, "ubr": 8390 } }),
        ),
        ("UBR as a number", r#"[{"ComputerName":"T-1","CurrentBuild":"26100","UBR":8390,"EditionID":"Enterprise"}]"#.into(), "t-1", json!({ "os": { "ubr": 8390 } })),
        ("UBR as text", r#"[{"ComputerName":"T-1","CurrentBuild":"26100","UBR":"8390","EditionID":"Enterprise"}]"#.into(), "t-1", json!({ "os": { "ubr": 8390 } })),
        (
            "UCClient's parts: OSBuildNumber and OSRevisionNumber",
            r#"[{"DeviceName":"T-1","AzureADDeviceId":"5f1e0000-0000-4000-8000-000000000001","OSBuildNumber":26100,"OSRevisionNumber":"8390","OSEdition":"Enterprise"}]"#.into(),
            "t-1",
            json!({ "os": { "build": 26100, "ubr": 8390 } }),
        ),
        (
            "a missing UBR (Get-ComputerInfo without WindowsUBR) leaves the track unknown",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsEditionId":"Enterprise","CsSystemType":"x64-based PC"}"#.into(),
            "t-1",
            json!({ "os": { "build": 26100, "ubr": null }, "track": "unknown", "checks": { "baseline": "unknown" } }),
        ),
        (
            "Get-ComputerInfo enums as numbers: OsProductType 3 is a server",
            r#"{"CsName":"T-1","OsProductType":3,"OsBuildNumber":"26100","WindowsUBR":32772,"OsOperatingSystemSKU":407,"CsSystemType":"x64-based PC","DeviceGuardSmartStatus":2}"#.into(),
            "t-1",
            json!({ "os": { "line": "ws2025", "edition": "Server Datacenter: Azure Edition" }, "verdict": "hotpatch" }),
        ),
        (
            "Get-ComputerInfo enums as names: OsProductType Server, OsOperatingSystemSKU DatacenterServerEdition",
            r#"{"CsName":"T-1","OsProductType":"Server","OsBuildNumber":"20348","WindowsUBR":4405,"OsOperatingSystemSKU":"DatacenterServerEdition","CsSystemType":"x64-based PC","DeviceGuardSmartStatus":"Running"}"#.into(),
            "t-1",
            json!({ "os": { "line": "ws2022", "edition": "Server Datacenter" }, "checks": { "edition": "fail" } }),
        ),
        (
            "Get-ComputerInfo without OsBuildNumber: the build from WindowsBuildLabEx, Arm64 from CsProcessors, localised \"64 bits\"",
            r#"{"CsName":"T-1","OsBuildNumber":null,"WindowsBuildLabEx":"26100.1.arm64fre.ge_release.240331-1435","WindowsEditionId":"Enterprise","OsArchitecture":"64 bits","CsProcessors":[{"Name":"Snapdragon(R) X Elite - X1E78100 - Qualcomm(R) Oryon(TM) CPU","Architecture":12}]}"#.into(),
            "t-1",
            json!({ "os": { "line": "win11-24h2", "build": 26100, "ubr": null, "arch": "arm64" } }),
        ),
        (
            "Get-ComputerInfo as admin on a machine without VBS: status 0 with the other Device Guard fields 0 and empty lists is a reading (off)",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsEditionId":"Enterprise","CsSystemType":"x64-based PC","DeviceGuardSmartStatus":0,"DeviceGuardRequiredSecurityProperties":[],"DeviceGuardAvailableSecurityProperties":[],"DeviceGuardSecurityServicesConfigured":[],"DeviceGuardSecurityServicesRunning":[],"DeviceGuardCodeIntegrityPolicyEnforcementStatus":0,"DeviceGuardUserModeCodeIntegrityPolicyEnforcementStatus":0}"#.into(),
            "t-1",
            json!({ "checks": { "vbs": "fail" } }),
        ),
        (
            "Get-ComputerInfo without admin rights: status 0 with every other Device Guard field null is not read",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsEditionId":"Enterprise","CsSystemType":"x64-based PC","DeviceGuardSmartStatus":0,"DeviceGuardRequiredSecurityProperties":null,"DeviceGuardAvailableSecurityProperties":null,"DeviceGuardSecurityServicesConfigured":null,"DeviceGuardSecurityServicesRunning":null,"DeviceGuardCodeIntegrityPolicyEnforcementStatus":null,"DeviceGuardUserModeCodeIntegrityPolicyEnforcementStatus":null}"#.into(),
            "t-1",
            json!({ "checks": { "vbs": "unknown" } }),
        ),
        (
            "a value Graph's enum does not have, in a hardwareInformation block a list left at its defaults, says nothing",
            graph(r#","hardwareInformation":{"serialNumber":null,"totalStorageSpace":0,"deviceGuardVirtualizationBasedSecurityState":"someFutureState"}"#),
            "t-1",
            json!({ "checks": { "vbs": "unknown" } }),
        ),
        (
            "Get-ComputerInfo's OsArchitecture in Japanese, without CsSystemType: 64-bit",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","WindowsEditionId":"Enterprise","OsArchitecture":"64 ビット"}"#.into(),
            "t-1",
            json!({ "os": { "arch": "64-bit" }, "checks": { "arch": "unknown" } }),
        ),
        (
            "Win32_OperatingSystem on Arm in Traditional Chinese: ARM 64 位元處理器",
            r#"{"CsName":"T-1","OsBuildNumber":"26100","OsArchitecture":"ARM 64 位元處理器"}"#.into(),
            "t-1",
            json!({ "os": { "arch": "arm64" } }),
        ),
        (
            "a Graph single-device response wrapped as {\"value\": {…}}",
            r#"{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices/$entity","value":{"deviceName":"T-1","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise","processorArchitecture":"x64"}}"#.into(),
            "t-1",
            json!({ "os": { "line": "win11-24h2", "ubr": 8390, "edition": "Enterprise" } }),
        ),
        (
            "Graph hardwareInformation holding only the VBS field (a script selected it per device) is a reading",
            graph(r#","hardwareInformation":{"deviceGuardVirtualizationBasedSecurityState":"running"}"#),
            "t-1",
            json!({ "checks": { "vbs": "pass" } }),
        ),
        (
            "Defender's osBuild has no UBR and osArchitecture cannot tell Arm64",
            r#"{"value":[{"computerDnsName":"t-1.contoso.com","osPlatform":"Windows11","osBuild":26100,"osArchitecture":"64-bit"}]}"#.into(),
            "t-1",
            json!({ "os": { "line": "win11-24h2", "ubr": null, "arch": "64-bit" }, "checks": { "arch": "unknown", "baseline": "unknown" } }),
        ),
    ]
}

/// Whether `got` has every field `want` has, with the same value (recursively).
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w.iter().all(|(k, v)| g.get(k).is_some_and(|gv| contains(gv, v))),
        _ => got == want,
    }
}

#[test]
fn domain_4_normalisation_traps() {
    for (trap, document, key, want) in trap_cases() {
        let r = run_texts(&[&document], "2026-05-20");
        assert_eq!(r["errors"], json!([]), "{trap}");
        let d = device(&r, key);
        assert!(
            contains(d, &want),
            "{trap}: expected {want}, got {}",
            json!({ "os": d["os"], "checks": d["checks"], "verdict": d["verdict"], "track": d["track"] })
        );
    }
}

/// Graph's list calls give every device the same blank `hardwareInformation` block, which the
/// reader does not read again when a record repeats the last one's (DOMAIN.md section 4):
/// each record must read as it does alone, whatever blocks come before it, and a block that
/// cannot be read is an error for every record that has it.
#[test]
fn domain_4_repeated_hardware_blocks_read_as_each_alone() {
    let filled = r#"{"serialNumber":"PF1","totalStorageSpace":512000000000,"operatingSystemEdition":"Enterprise","deviceGuardVirtualizationBasedSecurityState":"running"}"#;
    let blank = r#"{"serialNumber":null,"totalStorageSpace":0,"operatingSystemEdition":null,"deviceGuardVirtualizationBasedSecurityState":"running"}"#;
    let off = r#"{"serialNumber":"PF2","totalStorageSpace":256000000000,"operatingSystemEdition":"Education","deviceGuardVirtualizationBasedSecurityState":"notConfigured"}"#;
    let twice = r#"{"deviceGuardVirtualizationBasedSecurityState":"running","deviceGuardVirtualizationBasedSecurityState":"running"}"#;
    // Two blocks of one length that say different things, one after the other.
    let zero = r#"{"serialNumber":"PF3","totalStorageSpace":128000000000,"operatingSystemEdition":"Enterprise","deviceGuardVirtualizationBasedSecurityState":0}"#;
    let three = r#"{"serialNumber":"PF3","totalStorageSpace":128000000000,"operatingSystemEdition":"Enterprise","deviceGuardVirtualizationBasedSecurityState":3}"#;
    let blocks = [filled, filled, blank, blank, off, twice, twice, filled, off, blank, zero, three, zero];
    let record = |i: usize, block: &str| {
        format!(
            r#"{{"deviceName":"T-{i}","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuNumber":4,"processorArchitecture":"x64","hardwareInformation":{block}}}"#
        )
    };
    let records: Vec<String> = blocks.iter().enumerate().map(|(i, b)| record(i, b)).collect();
    let together = run_texts(&[&format!("[{}]", records.join(","))], "2026-05-20");
    for (i, r) in records.iter().enumerate() {
        let alone = run_texts(&[&format!("[{r}]")], "2026-05-20");
        let errors: Vec<&Value> = together["errors"].as_array().unwrap().iter().filter(|e| e["record"] == i).collect();
        match alone["devices"].as_array().unwrap().first() {
            Some(d) => {
                assert!(errors.is_empty(), "record {i}: {errors:?}");
                let key = format!("t-{i}");
                let (a, t) = (d, device(&together, &key));
                assert_eq!(
                    (&t["os"], &t["checks"], &t["findings"]),
                    (&a["os"], &a["checks"], &a["findings"]),
                    "record {i}"
                );
            }
            None => {
                let message = &alone["errors"][0]["message"];
                assert!(message.as_str().unwrap().contains("appears twice"), "record {i}: {message}");
                assert_eq!(errors.len(), 1, "record {i}: {}", together["errors"]);
                // The same sentence, naming its own record.
                let own = message.as_str().unwrap().replacen("record 0:", &format!("record {i}:"), 1);
                assert_eq!(errors[0]["message"], own, "record {i}");
            }
        }
    }
    // The blocks say what they say: read, left at Graph's defaults, not configured, running
    // and not licensed as Graph's enum numbers.
    let vbs = |i: usize| device(&together, &format!("t-{i}"))["checks"]["vbs"].clone();
    assert_eq!(
        [vbs(0), vbs(1), vbs(2), vbs(3), vbs(4), vbs(7), vbs(10), vbs(11), vbs(12)],
        ["pass", "pass", "unknown", "unknown", "fail", "pass", "pass", "fail", "pass"]
    );
    assert_eq!(together["errors"].as_array().unwrap().len(), 2);
}

// ---- Encodings ----

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut push = |u: u16| out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    if bom {
        push(0xFEFF);
    }
    text.encode_utf16().for_each(&mut push);
    out
}

#[test]
fn bytes_in_utf8_utf8_with_bom_and_utf16_read_the_same_as_text() {
    for file in ["graph.json", "computerinfo.json", "deviceguard.json", "intune.csv"] {
        let text = sample(file);
        let reference = run_texts(&[&text], "2026-05-20");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend(text.as_bytes());
        let bom_text = format!("\u{feff}{text}");
        let encodings: [(&str, Vec<u8>); 5] = [
            ("UTF-8", text.as_bytes().to_vec()),
            ("UTF-8 with BOM", with_bom),
            ("UTF-16LE with BOM (Windows PowerShell 5.1 > and Out-File)", utf16(&text, false, true)),
            ("UTF-16BE with BOM", utf16(&text, true, true)),
            ("UTF-16LE without BOM", utf16(&text, false, false)),
        ];
        for (name, bytes) in encodings {
            let r = run(&[Input::Bytes(&bytes)], &options("2026-05-20"));
            assert_eq!(r["devices"], reference["devices"], "{file} as {name}");
            assert_eq!(r["inputs"], reference["inputs"], "{file} as {name}");
        }
        assert_eq!(run_texts(&[&bom_text], "2026-05-20")["devices"], reference["devices"], "{file}: text with a BOM");
    }
}

#[test]
fn non_ascii_names_survive_utf16() {
    let doc = r#"[{"PSComputerName":"LAP-MÜNCHEN-01","VirtualizationBasedSecurityStatus":2},{"PSComputerName":"ПК-02","VirtualizationBasedSecurityStatus":2}]"#;
    let r = run(&[Input::Bytes(&utf16(doc, false, true))], &options("2026-05-20"));
    let names: Vec<&Value> = r["devices"].as_array().unwrap().iter().map(|d| &d["name"]).collect();
    assert_eq!(names, [&json!("LAP-MÜNCHEN-01"), &json!("ПК-02")]);
}

// ---- Merging (CONTRACT.md "Merging") ----

#[test]
fn host_names_join_case_insensitively_without_dns_suffix() {
    let defender =
        r#"{"value":[{"computerDnsName":"lap-01.corp.contoso.com","osPlatform":"Windows11","osBuild":26100}]}"#;
    let dg = r#"[{"PSComputerName":"LAP-01","VirtualizationBasedSecurityStatus":2}]"#;
    let registry = r#"[{"ComputerName":"CONTOSO\\Lap-01","CurrentBuild":"26100","UBR":8390,"EditionID":"Enterprise","PROCESSOR_ARCHITECTURE":"AMD64"}]"#;
    let r = run_texts(&[defender, dg, registry], "2026-05-20");
    assert_eq!(r["devices"].as_array().unwrap().len(), 1, "{}", r["devices"]);
    let d = &r["devices"][0];
    assert_eq!(d["sources"].as_array().unwrap().len(), 3);
    assert_eq!(d["verdict"], "hotpatch");
}

#[test]
fn entra_ids_join_before_names_and_keep_distinct_devices_apart() {
    let graph = r#"[{"deviceName":"LAP-01","azureADDeviceId":"6513270e-269e-4d37-b2a7-4de452e6b438","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise","processorArchitecture":"x64"},
                   {"deviceName":"LAP-01","azureADDeviceId":"0a7e0f8c-59a4-4f0e-9a68-2b0f8d1e4c11","operatingSystem":"Windows","osVersion":"10.0.26100.7623","skuFamily":"Enterprise","processorArchitecture":"x64"}]"#;
    // UCClient renamed the device, but the Entra id (in capitals, with braces) still joins it.
    let uc = r#"[{"DeviceName":"LAP-01-RENAMED","AzureADDeviceId":"{6513270E-269E-4D37-B2A7-4DE452E6B438}","OSBuild":"10.0.26100.8390","OSEdition":"Enterprise"}]"#;
    let r = run_texts(&[graph, uc], "2026-05-20");
    let devices = r["devices"].as_array().unwrap();
    assert_eq!(devices.len(), 2, "a re-imaged machine's stale record stays a separate device");
    assert_eq!(devices[0]["sources"], json!([{ "input": 0, "record": 0 }, { "input": 1, "record": 0 }]));
    assert_ne!(devices[0]["key"], devices[1]["key"]);
}

#[test]
fn devices_sharing_a_name_get_distinct_keys_in_order() {
    // `key` (a stable merge key in CONTRACT.md; its form is in the README and types.d.ts):
    // the short host name, with ~2, ~3 appended when devices share it.
    let record = |name: &str, id: u32| {
        format!(
            r#"{{"deviceName":"{name}","azureADDeviceId":"00000000-0000-4000-8000-{id:012}","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}}"#
        )
    };
    let graph = format!(
        "[{}]",
        [record("LAP-01", 1), record("LAP-01", 2), record("lap-01.contoso.com", 3), record("LAP-01~2", 4)].join(",")
    );
    let r = run_texts(&[&graph], "2026-05-20");
    let keys: Vec<&str> = r["devices"].as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["lap-01", "lap-01~2", "lap-01~3", "lap-01~2~2"]);

    // Devices on other platforms share the keys' order: a phone named like a PC before it
    // keeps the plain key, and the PC takes the next suffix (DOMAIN.md section 4's join key).
    let phone = r#"{"deviceName":"LAP-01","azureADDeviceId":"00000000-0000-4000-8000-000000000009","operatingSystem":"iOS","osVersion":"18.5"}"#;
    let graph = format!("[{phone},{}]", [record("lap-01", 1), record("LAP-02", 2), record("lap-01", 3)].join(","));
    let r = run_texts(&[&graph], "2026-05-20");
    let keys: Vec<&str> = r["devices"].as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["lap-01~2", "lap-02", "lap-01~3"]);
    assert_eq!(r["otherDevices"][0]["key"], "lap-01");
}

#[test]
fn conflicting_builds_use_the_most_recently_reported_and_say_so() {
    let graph = r#"[{"deviceName":"LAP-07","azureADDeviceId":"7d1c0000-0000-4000-8000-000000000007","operatingSystem":"Windows","osVersion":"10.0.26100.8246","skuFamily":"Enterprise","processorArchitecture":"x64","lastSyncDateTime":"2026-05-02T08:00:00Z"}]"#;
    let uc = r#"[{"DeviceName":"LAP-07","AzureADDeviceId":"7d1c0000-0000-4000-8000-000000000007","OSBuild":"10.0.26100.8390","OSEdition":"Enterprise","LastCensusScanTime":"2026-05-19 22:41:09.1234567"}]"#;
    // Either order: the newer report wins.
    for docs in [[graph, uc], [uc, graph]] {
        let r = run_texts(&docs, "2026-05-20");
        let d = device(&r, "lap-07");
        assert_eq!(d["os"]["ubr"], 8390);
        let detail = finding(d, "baseline")["detail"].as_str().unwrap().to_string();
        assert!(detail.contains("Sources disagree on the build"), "{detail}");
        assert!(
            detail.contains("26100.8246") && detail.contains("using 26100.8390, the most recently reported"),
            "{detail}"
        );
    }
    // Without timestamps, the highest build is used (a build only goes up), in either order,
    // and the finding says that instead.
    let no_time = graph.replace(r#","lastSyncDateTime":"2026-05-02T08:00:00Z""#, "");
    let uc_no_time = uc.replace(r#","LastCensusScanTime":"2026-05-19 22:41:09.1234567""#, "");
    for docs in [[no_time.as_str(), uc_no_time.as_str()], [uc_no_time.as_str(), no_time.as_str()]] {
        let r = run_texts(&docs, "2026-05-20");
        let d = device(&r, "lap-07");
        assert_eq!(d["os"]["ubr"], 8390);
        assert!(finding(d, "baseline")["detail"].as_str().unwrap().contains("using 26100.8390, the highest"), "{d}");
    }
}

#[test]
fn a_less_specific_fact_is_not_a_conflict() {
    // Defender's build has no UBR and its "64-bit" cannot tell Arm64: both agree with Graph's.
    let defender = r#"{"value":[{"computerDnsName":"lap-08.contoso.com","aadDeviceId":"8d1c0000-0000-4000-8000-000000000008","osPlatform":"Windows11","osBuild":26100,"osArchitecture":"64-bit"}]}"#;
    let graph = r#"[{"deviceName":"LAP-08","azureADDeviceId":"8d1c0000-0000-4000-8000-000000000008","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise","processorArchitecture":"arM64"}]"#;
    let r = run_texts(&[defender, graph], "2026-05-20");
    let d = device(&r, "lap-08");
    assert_eq!(d["os"]["ubr"], 8390);
    assert_eq!(d["os"]["arch"], "arm64");
    assert!(!d.to_string().contains("disagree"), "{d}");
}

// ---- CSV edge cases (Intune "All devices" export) ----

#[test]
fn intune_csv_edge_cases() {
    // (case, CSV text, expected device keys and editions)
    type Case = (&'static str, String, &'static [(&'static str, &'static str)]);
    let cases: [Case; 6] = [
        (
            "quoted fields with commas, doubled quotes and a line break",
            "Device name,Primary user display name,Notes,OS,OS version,SkuFamily,ProcessorArchitecture\r\nLAP-01,\"Wilber, Alex\",\"said \"\"hi\"\"\r\nthen left\",Windows,10.0.26100.8390,Enterprise,x64\r\nLAP-02,\"Doe, Jane\",,Windows,10.0.26100.8390,Education,x64\r\n".into(),
            &[("lap-01", "Enterprise"), ("lap-02", "Education")],
        ),
        (
            "LF line ends, no final line break",
            "Device name,OS,OS version,SkuFamily\nLAP-01,Windows,10.0.26100.8390,Enterprise\nLAP-02,Windows,10.0.26100.8390,Pro".into(),
            &[("lap-01", "Enterprise"), ("lap-02", "Pro")],
        ),
        (
            "headers in other cases and spacing",
            "DEVICE NAME,os,Os Version,sku family,Processor Architecture\r\nLAP-01,Windows,10.0.26100.8390,Enterprise,x64\r\n".into(),
            &[("lap-01", "Enterprise")],
        ),
        (
            "a German tenant, saved by Excel with semicolons",
            "Gerätename;Betriebssystem;Betriebssystemversion;SkuFamily;Prozessorarchitektur\r\nLAP-01;Windows;10.0.26100.8390;Enterprise;x64\r\n".into(),
            &[("lap-01", "Enterprise")],
        ),
        (
            "blank lines between rows",
            "Device name,OS,OS version,SkuFamily\r\n\r\nLAP-01,Windows,10.0.26100.8390,Enterprise\r\n\r\n".into(),
            &[("lap-01", "Enterprise")],
        ),
        (
            "a UTF-8 BOM before the header",
            "\u{feff}Device name,OS,OS version,SkuFamily\r\nLAP-01,Windows,10.0.26100.8390,Enterprise\r\n".into(),
            &[("lap-01", "Enterprise")],
        ),
    ];
    for (name, csv, want) in cases {
        let r = run_texts(&[&csv], "2026-05-20");
        assert_eq!(r["inputs"][0]["format"], "intune-csv", "{name}");
        assert_eq!(r["errors"], json!([]), "{name}");
        let got: Vec<(String, String)> = r["devices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["key"].as_str().unwrap().to_string(), d["os"]["edition"].as_str().unwrap_or("-").to_string()))
            .collect();
        let want: Vec<(String, String)> = want.iter().map(|(k, e)| (k.to_string(), e.to_string())).collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn csv_row_errors_name_their_line() {
    let csv = "Device name,OS,OS version\r\nLAP-01,Windows,10.0.26100.8390\r\n\"LAP-02\r\nstill LAP-02\",Windows,ten\r\nLAP-03,Windows,10.0.26100.8390\r\n";
    let r = run_texts(&[csv], "2026-05-20");
    assert_eq!(
        r["errors"],
        json!([{ "input": 0, "record": 1, "path": null, "line": 3, "code": "field.invalid", "message": "row 1 (line 3): OS version is the text \"ten\", expected a version like 10.0.26100.4349" }])
    );
    assert_eq!(r["devices"].as_array().unwrap().len(), 2);
}

// ---- Malformed inputs (pkg-tests/fixtures/malformed.json) ----

/// Inputs too large to keep in a fixture, built the same way by the package tests
/// (pkg-tests/shared/formats.cases.mjs).
fn generated(kind: &str) -> Vec<u8> {
    let mut x: u32 = 1;
    let mut next = move || {
        x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (x >> 16) as usize
    };
    let deep = |field: &str, close: &str| {
        format!(
            r#"[{{"deviceName":"MAL-A","operatingSystem":"Windows","osVersion":"10.0.26100.8390",{field}{}{}{close}]"#,
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
        .into_bytes()
    };
    match kind {
        "junk" => {
            let alphabet = b"abcdefghij{}[]\":,0123456789 \n\\truefalsenull";
            std::iter::once(b'[').chain((0..10_000_000).map(|_| alphabet[next() % alphabet.len()])).collect()
        }
        "binary" => (0..10_000_000).map(|_| (next() & 0xFF) as u8).collect(),
        "deep-unread" => deep(r#""x":"#, "}"),
        "deep-read" => {
            deep(r#""hardwareInformation":{"serialNumber":"S1","deviceGuardVirtualizationBasedSecurityState":"#, "}}")
        }
        other => panic!("unknown generator {other}"),
    }
}

#[test]
fn malformed_inputs_give_clear_errors_and_lose_nothing_else() {
    let corpus: Value = serde_json::from_str(MALFORMED).unwrap();
    let good = corpus["good"].to_string();
    let cases = corpus["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "issue 4 asks for at least 30 malformed inputs");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let bytes: Vec<u8> = match (&case["text"], &case["bytesHex"], &case["generate"]) {
            (Value::String(t), _, _) => t.as_bytes().to_vec(),
            (_, Value::String(h), _) => {
                (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
            }
            (_, _, Value::String(kind)) => generated(kind),
            _ => panic!("{name}: no input"),
        };
        let text = String::from_utf8(bytes.clone()).ok().filter(|_| case["text"].is_string());
        let first = match &text {
            Some(t) => Input::Text(t),
            None => Input::Bytes(&bytes),
        };
        let mut opts = options("2026-05-20");
        if let Some(id) = case["format"].as_str() {
            opts.format = Formats::PerInput(vec![Format::from_id(id)]);
        }
        let r = run(&[first, Input::Text(&good)], &opts);
        let expect = &case["expect"];
        assert_eq!(r["inputs"][0]["format"], expect["format"], "{name}: format");
        assert_eq!(r["inputs"][0]["records"], expect["records"], "{name}: records");
        let keys: Vec<&Value> = r["devices"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["sources"].as_array().unwrap().iter().any(|s| s["input"] == 0))
            .map(|d| &d["key"])
            .collect();
        assert_eq!(Value::from(keys.into_iter().cloned().collect::<Vec<_>>()), expect["devices"], "{name}: devices");
        let errors: Vec<Value> = r["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| json!({ "record": e["record"], "path": e["path"], "line": e["line"], "message": e["message"] }))
            .collect();
        assert_eq!(Value::from(errors), expect["errors"], "{name}: errors");
        // The good document beside it is untouched.
        assert_eq!(device(&r, "mal-good")["verdict"], "hotpatch", "{name}");
        assert_eq!(r["inputs"][1]["errors"], 0, "{name}");
    }
}

#[test]
fn graph_pages_pasted_one_after_another_are_one_document() {
    // Graph returns 1,000 devices a page; admins paste the pages together, with or without
    // the envelope, separated by whitespace or nothing.
    let page = |n: usize, names: &[&str]| {
        let devices: Vec<String> = names
            .iter()
            .map(|d| format!(r#"{{"deviceName":"{d}","operatingSystem":"Windows","osVersion":"10.0.26100.8390","skuFamily":"Enterprise"}}"#))
            .collect();
        format!(
            r#"{{"@odata.context":"https://graph.microsoft.com/beta/$metadata#deviceManagement/managedDevices","@odata.nextLink":"https://graph.microsoft.com/beta/deviceManagement/managedDevices?$skiptoken={n}","value":[{}]}}"#,
            devices.join(",")
        )
    };
    let doc = format!("{}\n{}{}", page(1, &["P1-A", "P1-B"]), page(2, &["P2-A"]), page(3, &["P3-A", "P3-B"]));
    let r = run_texts(&[&doc], "2026-05-20");
    assert_eq!(r["inputs"][0]["format"], "graph");
    assert_eq!(r["inputs"][0]["records"], 5);
    let keys: Vec<&str> = r["devices"].as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["p1-a", "p1-b", "p2-a", "p3-a", "p3-b"]);
    // An error in a later page names the page.
    let broken = format!("{}{}", page(1, &["P1-A"]), page(2, &["P2-A"]).replace("10.0.26100.8390", "ten"));
    let r = run_texts(&[&broken], "2026-05-20");
    assert_eq!(r["errors"][0]["path"], "document 2: value[0].osVersion");
    assert_eq!(r["devices"].as_array().unwrap().len(), 1);
}

/// DOMAIN.md section 4: two probes of one kind that disagree, with nothing to date them, leave
/// the fact unknown, and the finding says it is the disagreement, not a missing source,
/// whatever the order of the files.
#[test]
fn a_disagreement_nothing_settles_is_unknown_and_says_so() {
    let running = r#"[{"PSComputerName":"LAP-09","VirtualizationBasedSecurityStatus":2}]"#;
    let off = r#"[{"PSComputerName":"LAP-09","VirtualizationBasedSecurityStatus":0}]"#;
    for docs in [[running, off], [off, running]] {
        let r = run_texts(&docs, "2026-05-20");
        let d = device(&r, "lap-09");
        assert_eq!(d["checks"]["vbs"], "unknown");
        let detail = finding(d, "vbs")["detail"].as_str().unwrap().to_string();
        assert!(detail.starts_with("The sources disagree on whether virtualization-based security (VBS) is running, and none of them can be preferred: Sources disagree on the VBS state: not enabled (the Win32_DeviceGuard probe, input"), "{detail}");
        assert!(detail.contains("so the VBS state is taken as unknown"), "{detail}");
    }
}

/// Issue 12: records under a second `value` list in one object (a hand-merged paste) are read,
/// not silently lost.
#[test]
fn a_second_value_list_in_one_object_is_read_too() {
    let doc = r#"{"value":[{"deviceName":"A","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}],"value":[{"deviceName":"B","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}]}"#;
    let r = run_texts(&[doc], "2026-05-20");
    let keys: Vec<&str> = r["devices"].as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["a", "b"]);
    assert_eq!(r["inputs"][0]["records"], 2);
    assert_eq!(r["errors"], json!([]));
}

/// Issue 12: many devices that keep one default name get `~2`, `~3`, … in order, each suffix
/// found from the last one given (the complexity check times it).
#[test]
fn devices_sharing_a_name_get_numbered_keys() {
    let devices: Vec<String> = (0..50).map(|i| format!(r#"{{"name":"DESKTOP-DEFAULT","entraDeviceId":"00000000-0000-4000-8000-{i:012}","build":"10.0.26100.8390"}}"#)).collect();
    let doc = format!(r#"{{"schemaVersion":1,"devices":[{}]}}"#, devices.join(","));
    let r = run_texts(&[&doc], "2026-05-20");
    let keys: Vec<String> =
        r["devices"].as_array().unwrap().iter().map(|d| d["key"].as_str().unwrap().to_string()).collect();
    let want: Vec<String> = std::iter::once("desktop-default".to_string())
        .chain((2..=50).map(|n| format!("desktop-default~{n}")))
        .collect();
    assert_eq!(keys, want);
}

/// Issue 12 (found by the evaluate fuzz target): a document's error names at most eight of its
/// columns or fields, each cut to 40 characters, so a message stays readable whatever the
/// document holds.
#[test]
fn unknown_documents_get_readable_messages_whatever_their_names() {
    let long = "C".repeat(5000);
    let header: Vec<String> = (0..2000).map(|i| format!("{long}{i}")).collect();
    let csv = format!("{}\n{}\n", header.join(","), vec!["x"; 2000].join(","));
    let json = format!(r#"[{{"{long}":1,"b":2}}]"#);
    for doc in [csv, json] {
        let r = run_texts(&[&doc], "2026-05-20");
        let message = r["errors"][0]["message"].as_str().unwrap();
        assert!(message.chars().count() < 600, "{} characters: {message:.200}", message.chars().count());
        assert!(message.contains(&format!("{}…", "C".repeat(40))), "{message:.200}");
    }
}

/// CONTRACT.md "Report": every entry of `errors` carries a stable `code` (README "Input error
/// codes"), one per kind of problem, whatever the format.
#[test]
fn every_input_error_has_its_code() {
    let graph = |records: &str| format!("{{\"value\":[{records}]}}");
    let ok = r#"{"deviceName":"OK-01","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}"#;
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        ("empty input", "  \n".into(), vec!["input.empty"]),
        ("JSON of no known format", r#"[{"hostname":"a","cpu":"x"}]"#.into(), vec!["input.unknown-format"]),
        ("broken JSON where detection looks", "[{\"deviceName\" \"A\"}]".into(), vec!["input.syntax"]),
        (
            "a record whose JSON breaks inside",
            "[{\"deviceName\": \"A\", \"osVersion\": }]".into(),
            vec!["record.syntax"],
        ),
        ("JSON that breaks after a good record", format!("[{ok}, {{\"deviceName\": \"B\""), vec!["input.syntax"]),
        ("a record that is not an object", graph(&format!("{ok}, 42")), vec!["record.syntax"]),
        (
            "a field given twice",
            graph(r#"{"deviceName":"A","deviceName":"B","osVersion":"10.0.26100.8390"}"#),
            vec!["record.duplicate-field"],
        ),
        (
            "a record naming no device",
            graph(&format!(r#"{ok}, {{"deviceName":"","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}}"#)),
            vec!["record.no-device"],
        ),
        (
            "a field of the wrong type",
            graph(r#"{"deviceName":42,"osVersion":"10.0.26100.8390"}"#),
            vec!["field.invalid"],
        ),
        (
            "canonical facts that contradict each other",
            r#"{"schemaVersion":1,"devices":[{"name":"A","build":"10.0.26100.8390","ubr":1}]}"#.into(),
            vec!["field.invalid"],
        ),
        ("a CSV of no known format", "Hostname,CPU\r\na,x\r\n".into(), vec!["input.unknown-format"]),
        (
            "a CSV row with too many cells",
            "Device name,OS,OS version\r\nA,Windows,10.0.26100.8390,extra\r\n".into(),
            vec!["row.columns"],
        ),
        (
            "a CSV quote never closed",
            "Device name,OS,OS version\r\nA,Windows,10.0.26100.8390\r\n\"B,Windows\r\n".into(),
            vec!["row.syntax"],
        ),
        (
            "Format-Table console output",
            "CsName      OsBuildNumber\r\n------      -------------\r\nLT-01       26100\r\n".into(),
            vec!["input.console-table"],
        ),
    ];
    for (what, text, want) in cases {
        let r = run_texts(&[&text], "2026-05-20");
        let codes: Vec<&str> =
            r["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap_or("")).collect();
        assert_eq!(codes, want, "{what}: {:#}", r["errors"]);
    }
}
