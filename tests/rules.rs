//! The hotpatch rules, one table per DOMAIN.md section, through the public Rust API
//! (`evaluate` on a one-device canonical inventory).

use hotpatch_planner::{
    evaluate, CheckId, CheckStatus, Date, DeviceReport, EvaluateOptions, Input, Report, Track, UpdateKind, Verdict,
};

fn options(as_of: &str) -> EvaluateOptions {
    EvaluateOptions::new(Date::parse(as_of).unwrap())
}

fn run(devices: &str, options: &EvaluateOptions) -> Report {
    let text = format!(r#"{{"schemaVersion":1,"devices":[{devices}]}}"#);
    let report = evaluate(&[Input::Text(&text)], options).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// One device, evaluated as of `as_of`.
fn one(device: &str, as_of: &str) -> (DeviceReport, Report) {
    let report = run(device, &options(as_of));
    (report.devices[0].clone(), report)
}

/// A Windows 11 Enterprise x64 device with VBS running; `extra` (`,"key":value…`) adds or
/// overrides fields (a null removes one).
fn client(build: &str, extra: &str) -> String {
    let mut device = serde_json::json!({"name":"D","family":"client","build":build,"edition":"Enterprise","arch":"x64","vbs":"running"});
    let overrides: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&format!("{{{}}}", extra.trim_start_matches(','))).unwrap();
    for (key, value) in overrides {
        match value {
            serde_json::Value::Null => {
                device.as_object_mut().unwrap().remove(&key);
            }
            value => device[key] = value,
        }
    }
    device.to_string()
}

fn status(d: &DeviceReport, check: CheckId) -> CheckStatus {
    d.checks.get(check)
}

fn finding(d: &DeviceReport, check: CheckId) -> &hotpatch_planner::Finding {
    d.findings.iter().find(|f| f.check == check).unwrap_or_else(|| panic!("no {check:?} finding in {:?}", d.findings))
}

fn updates(report: &Report, d: &DeviceReport) -> Vec<(String, UpdateKind)> {
    report.plans.get(&d.plan).unwrap().months.iter().map(|m| (m.month.to_string(), m.update)).collect()
}

use CheckStatus::{Fail, Pass, Unknown};

#[test]
fn section_2_os_lines_come_from_the_build() {
    let cases: &[(&str, &str, CheckStatus, Option<&str>)] = &[
        (r#""family":"client","build":"10.0.26100.8390""#, "win11-24h2", Pass, None),
        (r#""family":"client","build":"10.0.26200.8390""#, "win11-25h2", Pass, None),
        (r#""family":"server","build":"10.0.26100.32772""#, "ws2025", Pass, None),
        (r#""family":"server","build":"10.0.20348.5074""#, "ws2022", Pass, None),
        (r#""family":"client","build":"10.0.19045.6093""#, "other", Fail, Some("Windows 10 (build 19045")),
        (r#""family":"client","build":"10.0.22631.4890""#, "other", Fail, Some("Windows 11, version 23H2")),
        (r#""family":"client","build":"10.0.28000.100""#, "other", Fail, Some("26H1 is not documented")),
        (r#""family":"server","build":"10.0.17763.1000""#, "other", Fail, Some("Windows Server 2019")),
    ];
    for &(facts, line, os, detail) in cases {
        let (d, _) = one(
            &format!(r#"{{"name":"D",{facts},"edition":"Enterprise","arch":"x64","vbs":"running"}}"#),
            "2026-05-20",
        );
        assert_eq!(d.os.line.map(|l| l.id()), Some(line), "{facts}");
        assert_eq!(status(&d, CheckId::Os), os, "{facts}");
        if let Some(text) = detail {
            assert!(finding(&d, CheckId::Os).detail.contains(text), "{facts}: {}", finding(&d, CheckId::Os).detail);
            assert_eq!(d.verdict, Verdict::Lcu);
            // DOMAIN.md section 4: no hotpatch track, which is not "off track".
            assert_eq!(d.track, Track::None);
            assert_eq!(status(&d, CheckId::Baseline), Pass, "{facts}: not applicable");
        }
    }
    // A product name saying Windows 10 does not make a 26100 device Windows 10.
    let (d, _) = one(&client("10.0.26100.8390", r#","edition":"Windows 10 Enterprise""#), "2026-05-20");
    assert_eq!((d.os.line.map(|l| l.id()), d.verdict), (Some("win11-24h2"), Verdict::Hotpatch));
    // Build 26100 without family or edition telling server from client: taken as a client, said so.
    let (d, _) = one(r#"{"name":"D","build":"10.0.26100.8390","arch":"x64","vbs":"running"}"#, "2026-05-20");
    assert!(finding(&d, CheckId::Os).assumed);
    // No build at all: os and baseline unknown.
    let (d, _) = one(r#"{"name":"D","edition":"Enterprise","arch":"x64","vbs":"running"}"#, "2026-05-20");
    assert_eq!(
        (status(&d, CheckId::Os), status(&d, CheckId::Baseline), d.verdict),
        (Unknown, Unknown, Verdict::Undetermined)
    );
}

#[test]
fn section_3_edition() {
    let cases: &[(&str, CheckStatus)] = &[
        ("Enterprise", Pass),
        ("EnterpriseN", Pass),
        ("Education", Pass),
        ("EducationN", Pass),
        ("ServerRdsh", Pass), // Enterprise multi-session (Windows 365 / AVD)
        ("Windows 11 Enterprise multi-session", Pass),
        ("Professional", Fail),
        ("ProfessionalEducation", Fail),
        ("ProfessionalWorkstation", Fail),
        ("Core", Fail),
        ("EnterpriseS", Fail), // LTSC
        ("IoTEnterprise", Fail),
        ("IoTEnterpriseS", Fail),
    ];
    for &(edition, expected) in cases {
        let (d, _) = one(&client("10.0.26100.8390", &format!(r#","edition":"{edition}""#)), "2026-05-20");
        assert_eq!(status(&d, CheckId::Edition), expected, "{edition}");
        assert_eq!(d.verdict, if expected == Pass { Verdict::Hotpatch } else { Verdict::Lcu }, "{edition}");
    }
    let (d, _) = one(&client("10.0.26100.8390", r#","edition":"Professional""#), "2026-05-20");
    let f = finding(&d, CheckId::Edition);
    assert!(
        f.detail.contains("still reports Pro") && f.fix.as_deref().unwrap().contains("subscription activation"),
        "{f:?}"
    );
    let (d, _) = one(&client("10.0.26100.8390", r#","edition":"EnterpriseS""#), "2026-05-20");
    assert!(finding(&d, CheckId::Edition).detail.contains("LTSC editions are not supported"));
    // SKU number when no edition name (Graph skuNumber without skuFamily).
    let (d, _) = one(
        r#"{"name":"D","family":"client","build":"10.0.26100.8390","sku":121,"arch":"x64","vbs":"running"}"#,
        "2026-05-20",
    );
    assert_eq!(d.os.edition.as_deref(), Some("Education"));
    let (d, _) =
        one(r#"{"name":"D","family":"client","build":"10.0.26100.8390","arch":"x64","vbs":"running"}"#, "2026-05-20");
    assert_eq!(status(&d, CheckId::Edition), Unknown);
}

#[test]
fn section_3_vbs_must_be_running() {
    // Win32_DeviceGuard numbers: 0 off, 1 enabled not running, 2 running.
    for (vbs, expected, text) in [
        ("2", Pass, None),
        ("1", Fail, Some("enabled but not running")),
        ("0", Fail, Some("not enabled")),
        ("\"rebootRequired\"", Fail, Some("waits for a restart")),
        ("\"doesNotMeetHardwareRequirements\"", Fail, Some("hardware does not meet")),
        ("\"other\"", Unknown, Some("\"other\"")),
        ("null", Unknown, Some("No inventory reports whether")),
    ] {
        let (d, _) = one(&client("10.0.26100.8390", &format!(r#","vbs":{vbs}"#)), "2026-05-20");
        assert_eq!(status(&d, CheckId::Vbs), expected, "vbs {vbs}");
        if let Some(text) = text {
            assert!(finding(&d, CheckId::Vbs).detail.contains(text), "vbs {vbs}: {}", finding(&d, CheckId::Vbs).detail);
        }
    }
    let (d, _) = one(&client("10.0.26100.8390", r#","vbs":null"#), "2026-05-20");
    assert!(finding(&d, CheckId::Vbs).fix.as_deref().unwrap().contains("Win32_DeviceGuard"));
}

#[test]
fn section_3_arch_arm64_needs_chpe_disabled() {
    for (extra, expected) in [
        (r#","arch":"x64""#, Pass),
        (r#","arch":"arm64","hotPatchRestrictions":1"#, Pass),
        (r#","arch":"arm64""#, Unknown),
        (r#","arch":"arm64","hotPatchRestrictions":0"#, Fail),
        (r#","arch":"x86""#, Fail),
    ] {
        let (d, _) = one(&client("10.0.26100.8390", extra), "2026-05-20");
        assert_eq!(status(&d, CheckId::Arch), expected, "{extra}");
    }
    let (d, _) = one(&client("10.0.26100.8390", r#","arch":"arm64""#), "2026-05-20");
    assert_eq!(
        finding(&d, CheckId::Arch).fix.as_deref(),
        Some("Set HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Memory Management\\HotPatchRestrictions = 1 (DWORD) and restart. Or add a registry probe that reads HotPatchRestrictions to the inventory.")
    );
    // Servers are x64 only.
    let (d, _) = one(
        r#"{"name":"S","family":"server","build":"10.0.26100.32772","edition":"ServerTurbine","arch":"arm64","hotPatchRestrictions":1,"vbs":"running"}"#,
        "2026-05-20",
    );
    assert_eq!(status(&d, CheckId::Arch), Fail);
}

#[test]
fn section_3_license_and_policy_from_tenant_settings() {
    // Before the May 2026 B release there is no tenant default for the policy.
    let (d, _) = one(&client("10.0.26100.8246", ""), "2026-05-11");
    assert_eq!((status(&d, CheckId::Policy), d.verdict), (Unknown, Verdict::Undetermined));
    assert!(finding(&d, CheckId::Policy).assumed);
    // From 2026-05-12 the tenant default is Allow (assumed).
    let (d, _) = one(&client("10.0.26100.8246", ""), "2026-05-12");
    assert_eq!((status(&d, CheckId::Policy), d.verdict), (Pass, Verdict::Hotpatch));
    assert!(finding(&d, CheckId::Policy).assumed && finding(&d, CheckId::License).assumed);
    // The device's own policy beats the tenant.
    for (extra, expected) in [
        (r#","allowRebootlessUpdates":1"#, Pass),
        (r#","allowRebootlessUpdates":0"#, Fail),
        (r#","hotpatchPolicy":"block""#, Fail),
        (r#","management":"wsus""#, Fail),
        (r#","management":"configmgr""#, Fail),
        (r#","management":"co-managed""#, Unknown),
    ] {
        let (d, _) = one(&client("10.0.26100.8246", extra), "2026-05-11");
        assert_eq!(status(&d, CheckId::Policy), expected, "{extra}");
    }
    // Co-managed: the tenant default applies, assuming the update workload is in Intune.
    let (d, _) = one(&client("10.0.26100.8246", r#","management":"co-managed""#), "2026-05-20");
    assert_eq!(status(&d, CheckId::Policy), Pass);
    assert!(finding(&d, CheckId::Policy).detail.contains("co-managed"));
    // Tenant options.
    let mut o = options("2026-05-20");
    o.tenant.license = hotpatch_planner::TenantValue::Set(hotpatch_planner::device::License::Ineligible);
    o.tenant.hotpatch = hotpatch_planner::TenantValue::Set(hotpatch_planner::device::HotpatchSetting::Block);
    let report = run(&client("10.0.26100.8390", ""), &o);
    let d = &report.devices[0];
    assert_eq!((status(d, CheckId::License), status(d, CheckId::Policy), d.verdict), (Fail, Fail, Verdict::Lcu));
    // A licence on the device record wins over the tenant.
    let report = run(&client("10.0.26100.8390", r#","license":"eligible""#), &o);
    assert_eq!(status(&report.devices[0], CheckId::License), Pass);
    assert!(report.devices[0].findings.iter().all(|f| f.check != CheckId::License));
}

#[test]
fn section_2_servers() {
    let server = |build: &str, edition: &str, extra: &str| {
        format!(
            r#"{{"name":"S","family":"server","build":"{build}","edition":"{edition}","arch":"x64","vbs":"running"{extra}}}"#
        )
    };
    // Azure Edition passes edition, licence and policy (on by default).
    for (build, edition) in [
        ("10.0.26100.32772", "ServerTurbine"),
        ("10.0.26100.32772", "ServerTurbineCor"),
        ("10.0.20348.5074", "ServerTurbine"),
    ] {
        let (d, _) = one(&server(build, edition, ""), "2026-05-20");
        assert_eq!(d.verdict, Verdict::Hotpatch, "{build} {edition}: {:?}", d.findings);
        assert!(d.findings.is_empty(), "{build} {edition}: {:?}", d.findings);
    }
    // Windows Server 2025 Standard/Datacenter: Azure Arc, unknown unless said.
    let (d, _) = one(&server("10.0.26100.32772", "ServerDatacenter", ""), "2026-05-20");
    assert_eq!(
        (status(&d, CheckId::Edition), status(&d, CheckId::License), status(&d, CheckId::Policy)),
        (Pass, Unknown, Unknown)
    );
    assert!(finding(&d, CheckId::License).detail.contains("free since 2026-05-19"));
    let (d, _) = one(&server("10.0.26100.32772", "ServerStandard", ""), "2026-05-01");
    assert!(finding(&d, CheckId::License).detail.contains("a paid add-on until 2026-05-19"));
    let (d, _) = one(&server("10.0.26100.32772", "ServerStandard", r#","arcHotpatch":"enabled""#), "2026-05-20");
    assert_eq!(d.verdict, Verdict::Hotpatch);
    let (d, _) = one(&server("10.0.26100.32772", "ServerStandard", r#","arcHotpatch":"not-enrolled""#), "2026-05-20");
    assert_eq!((status(&d, CheckId::License), status(&d, CheckId::Policy), d.verdict), (Fail, Fail, Verdict::Lcu));
    // Windows Server 2022: only Azure Edition.
    let (d, _) = one(&server("10.0.20348.5074", "ServerDatacenter", ""), "2026-05-20");
    assert_eq!((status(&d, CheckId::Edition), d.verdict), (Fail, Verdict::Lcu));
    assert_eq!(status(&d, CheckId::License), Pass, "not applicable, said in the finding");
    assert!(finding(&d, CheckId::License).detail.starts_with("Not applicable"));
}

#[test]
fn section_5_track_and_the_baseline_check() {
    let cases: &[(&str, &str, Track, CheckStatus, &str)] = &[
        ("10.0.26100.8246", "2026-05-01", Track::Baseline, Pass, ""),
        ("10.0.26100.8390", "2026-05-20", Track::Hotpatch, Pass, ""),
        (
            "10.0.26100.7781",
            "2026-04-20",
            Track::Behind,
            Fail,
            "older than the latest baseline, the April 2026 baseline KB5083769 (26100.8246)",
        ),
        (
            "10.0.26100.8457",
            "2026-05-20",
            Track::OffTrack,
            Fail,
            "the May 2026 standard cumulative update KB5089549, not a hotpatch",
        ),
        // KB5089573 is May 2026's optional preview (DOMAIN.md section 7): recognised, off the track.
        ("10.0.26100.8524", "2026-05-28", Track::OffTrack, Fail, "optional preview KB5089573"),
        ("10.0.26100.8894", "2026-07-20", Track::OffTrack, Fail, "out-of-band cumulative update KB5121767"),
        ("10.0.26100.9711", "2026-11-22", Track::Unknown, Unknown, "may have been a new baseline"),
        // October 2026's type is not published: taken as its planned type, a baseline, and said.
        (
            "10.0.26100.8875",
            "2026-11-05",
            Track::Behind,
            Fail,
            "Microsoft has not said whether October 2026 (planned baseline) was",
        ),
        ("10.0.26100.9711", "2026-11-05", Track::Baseline, Pass, "takes the planned type"),
        ("10.0.26100.9999", "2026-08-20", Track::Unknown, Unknown, "newer than every build"),
        ("10.0.26100.8390", "2026-06-10", Track::Behind, Fail, "the June 2026 baseline KB5094126"),
        ("10.0.26200.8390", "2026-05-20", Track::Hotpatch, Pass, ""),
        ("10.0.26100", "2026-05-20", Track::Unknown, Unknown, "without its revision (UBR)"),
    ];
    for &(build, as_of, track, baseline, text) in cases {
        let (d, _) = one(&client(build, ""), as_of);
        assert_eq!((d.track, status(&d, CheckId::Baseline)), (track, baseline), "{build} as of {as_of}");
        if !text.is_empty() {
            assert!(
                finding(&d, CheckId::Baseline).detail.contains(text),
                "{build} as of {as_of}: {}",
                finding(&d, CheckId::Baseline).detail
            );
        }
    }
    let (d, _) = one(&client("10.0.26100.7781", ""), "2026-04-20");
    assert_eq!(
        finding(&d, CheckId::Baseline).fix.as_deref(),
        Some("Install the April 2026 baseline KB5083769 (26100.8246) and restart; otherwise the next hotpatch month's update installs it together with the hotpatch, with a restart. The next baseline is expected in June 2026.")
    );
    // A passing check that rests on a month of unknown type is marked assumed.
    let (d, _) = one(&client("10.0.26100.9711", ""), "2026-11-05");
    assert!(finding(&d, CheckId::Baseline).assumed);
    // Never a superseded update: in November 2026 the fix names October's (predicted)
    // baseline, not July's, and says where the data ends.
    let (d, _) = one(&client("10.0.26100.8875", ""), "2026-11-26");
    let fix = finding(&d, CheckId::Baseline).fix.as_deref().unwrap().to_string();
    assert!(fix.starts_with("Install the October 2026 baseline (26100.9711)"), "{fix}");
    assert!(fix.contains("The release data ends with October 2026; a later baseline may exist."), "{fix}");
    assert!(!fix.contains("KB5101650"), "{fix}");
    let (d, _) = one(&client("10.0.26100.8457", ""), "2026-05-20");
    assert!(finding(&d, CheckId::Baseline).fix.as_deref().unwrap().contains("until the next baseline (June 2026)"));
    let (d, _) = one(&client("10.0.26100.9711", ""), "2026-11-22");
    assert!(finding(&d, CheckId::Baseline).fix.as_deref().unwrap().starts_with("Load newer release data"));
}

#[test]
fn section_6_schedules_by_state() {
    use UpdateKind::*;
    let month = |m: &str, k| (m.to_string(), k);
    // On track as of 2026-05-20 (default ring 0/7/2): May has been offered already, so June.
    let (d, r) = one(&client("10.0.26100.8390", ""), "2026-05-20");
    assert_eq!(
        &updates(&r, &d)[..4],
        &[
            month("2026-06", Baseline),
            month("2026-07", Baseline),
            month("2026-08", Hotpatch),
            month("2026-09", Hotpatch)
        ]
    );
    // Behind: the next hotpatch month catches up with a restart, then hotpatches.
    let (d, r) = one(&client("10.0.26100.6899", ""), "2026-02-01");
    assert_eq!(d.track, Track::Behind);
    assert_eq!(
        &updates(&r, &d)[..3],
        &[month("2026-02", CatchUp), month("2026-03", Hotpatch), month("2026-04", Baseline)]
    );
    // Off track after a standard LCU: LCUs until the next baseline, then back on.
    let (d, r) = one(&client("10.0.26100.7840", ""), "2026-02-20");
    assert_eq!(&updates(&r, &d)[..3], &[month("2026-03", Lcu), month("2026-04", Baseline), month("2026-05", Hotpatch)]);
    // Not eligible (Pro): baselines in baseline months, LCUs otherwise.
    let (d, r) = one(&client("10.0.26100.8390", r#","edition":"Professional""#), "2026-05-01");
    assert_eq!(&updates(&r, &d)[..3], &[month("2026-05", Lcu), month("2026-06", Baseline), month("2026-07", Baseline)]);
    // No hotpatch line: an LCU every month.
    let (d, r) = one(&client("10.0.19045.6093", ""), "2026-05-01");
    assert!(updates(&r, &d).iter().all(|(_, k)| *k == Lcu));
    // The unplanned June 2026 baseline needs a restart for everyone on the line.
    let (d, r) = one(&client("10.0.26100.8390", ""), "2026-06-01");
    let june = &r.plans.get(&d.plan).unwrap().months[0];
    assert_eq!(
        (june.month.to_string(), june.update, june.restart, june.kb.as_deref()),
        ("2026-06".into(), Baseline, true, Some("KB5094126"))
    );
    // Months beyond the catalog are predicted, with no KB or build.
    let (d, r) = one(&client("10.0.26100.8390", ""), "2026-08-01");
    let plan = r.plans.get(&d.plan).unwrap();
    assert!(plan.months[1..].iter().all(|m| m.predicted && m.kb.is_none() && m.build.is_none()));
    assert_eq!(plan.months.len(), 12);
}

#[test]
fn section_6_dates_follow_the_ring() {
    let (d, r) = one(&client("10.0.26100.8390", r#","ring":"Broad""#), "2026-05-13");
    let m = &r.plans.get(&d.plan).unwrap().months[0];
    assert_eq!(
        (m.release.to_string(), m.offer.to_string(), m.install_by.to_string(), m.restart_by),
        ("2026-05-12".into(), "2026-05-21".into(), "2026-05-26".into(), None)
    );
    let june = &r.plans.get(&d.plan).unwrap().months[1];
    assert_eq!(june.restart_by.map(|d| d.to_string()).as_deref(), Some("2026-06-23"), "offer 06-18 + max(5, 2)");
    assert_eq!(d.ring.as_deref(), Some("Broad"));
    // Ring settings on the record win; an unknown ring name falls back to the default ring with a note.
    let (d, r) = one(
        &client("10.0.26100.8390", r#","ringSettings":{"deferralDays":3,"deadlineDays":1,"graceDays":4}"#),
        "2026-05-13",
    );
    let m = &r.plans.get(&d.plan).unwrap().months[0];
    assert_eq!((m.offer.to_string(), m.install_by.to_string()), ("2026-05-15".into(), "2026-05-16".into()));
    let (d, _) = one(&client("10.0.26100.8390", r#","ring":"Pilot""#), "2026-05-13");
    assert_eq!(
        d.notes,
        ["Ring \"Pilot\" is not configured (option rings); the default ring was used for its schedule."]
    );
    // Every device of a ring gets what its ring name gives, however many carry it (each name
    // is worked out once): the configured spelling, the default ring's plan and its note.
    let devices = [
        (r#","name":"A","ring":"Pilot""#, Some("Pilot"), true),
        (r#","name":"B","ring":"broad""#, Some("Broad"), false),
        (r#","name":"C","ring":"Pilot""#, Some("Pilot"), true),
        (r#","name":"D","ring":"Broad""#, Some("Broad"), false),
        (r#","name":"E","ring":"broad""#, Some("Broad"), false),
        (
            r#","name":"F","ring":"Pilot","ringSettings":{"deferralDays":3,"deadlineDays":1,"graceDays":4}"#,
            Some("Pilot"),
            false,
        ),
        (r#","name":"G""#, None, false),
        (r#","name":"H","ring":"Pilot""#, Some("Pilot"), true),
    ];
    let text: Vec<String> = devices.iter().map(|(extra, _, _)| client("10.0.26100.8390", extra)).collect();
    let r = run(&text.join(","), &options("2026-05-13"));
    let default_plan = &r.devices[6].plan;
    for (d, (extra, ring, unconfigured)) in r.devices.iter().zip(devices) {
        assert_eq!(d.ring.as_deref(), ring, "{extra}");
        let note = d.notes.iter().any(|n| n.starts_with("Ring \"Pilot\" is not configured"));
        assert_eq!(note, unconfigured, "{extra}: {:?}", d.notes);
        assert_eq!(&d.plan == default_plan, unconfigured || ring.is_none(), "{extra}");
    }
    assert_eq!(r.devices[1].plan, r.devices[3].plan);
}

#[test]
fn devices_with_the_same_updates_share_a_plan_and_undetermined_ones_are_conditional() {
    let fleet = [
        client("10.0.26100.8390", ""),
        client("10.0.26100.8390", r#","name":"E""#),
        client("10.0.26100.8390", r#","name":"F","vbs":null"#),
    ]
    .join(",");
    let report = run(&fleet, &options("2026-05-20"));
    assert_eq!(report.devices.len(), 3);
    assert_eq!(report.devices[0].plan, report.devices[1].plan);
    assert_ne!(report.devices[0].plan, report.devices[2].plan);
    assert!(!report.plans.get(&report.devices[0].plan).unwrap().conditional);
    assert!(report.plans.get(&report.devices[2].plan).unwrap().conditional);
    assert_eq!((report.summary.hotpatch, report.summary.undetermined), (2, 1));
    assert_eq!(report.summary.unknown.get(&CheckId::Vbs), Some(&1));
}

#[test]
fn non_windows_devices_are_listed_apart() {
    let report = run(
        r#"{"name":"PHONE-1","platform":"iOS","platformVersion":"17.5"},{"name":"D","family":"client","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"}"#,
        &options("2026-05-20"),
    );
    assert_eq!(report.devices.len(), 1);
    assert_eq!(report.other_devices.len(), 1);
    assert_eq!(report.summary.other_platforms, 1);
    assert_eq!(report.other_devices[0].version.as_deref(), Some("17.5"));
}

#[test]
fn same_input_same_output() {
    let fleet =
        [client("10.0.26100.8390", ""), client("10.0.26100.7781", r#","name":"E","edition":"Professional""#)].join(",");
    let a = serde_json::to_string(&run(&fleet, &options("2026-05-20"))).unwrap();
    let b = serde_json::to_string(&run(&fleet, &options("2026-05-20"))).unwrap();
    assert_eq!(a, b);
}

/// Issue 13: every finding carries a stable reason code, `<check>.<what>`, one per case the
/// rules tell apart (README "Reason codes"); DOMAIN.md sections 3 (edition), 5 (VBS, arch)
/// and 7 (the track).
#[test]
fn section_3_5_7_findings_carry_reason_codes() {
    let cases: &[(&str, &str, CheckId, &str)] = &[
        ("10.0.26100.8390", r#","edition":"Professional""#, CheckId::Edition, "edition.pro"),
        ("10.0.26100.8390", r#","edition":"Home""#, CheckId::Edition, "edition.home"),
        ("10.0.26100.8390", r#","edition":"EnterpriseS""#, CheckId::Edition, "edition.ltsc"),
        ("10.0.26100.8390", r#","edition":null"#, CheckId::Edition, "edition.unknown"),
        ("10.0.26100.8390", r#","vbs":"enabled-not-running""#, CheckId::Vbs, "vbs.enabled-not-running"),
        ("10.0.26100.8390", r#","vbs":"off""#, CheckId::Vbs, "vbs.off"),
        ("10.0.26100.8390", r#","vbs":null"#, CheckId::Vbs, "vbs.unknown"),
        ("10.0.26100.8390", r#","arch":"arm64","hotPatchRestrictions":0"#, CheckId::Arch, "arch.chpe-enabled"),
        ("10.0.26100.8390", r#","arch":"arm64""#, CheckId::Arch, "arch.chpe-unknown"),
        ("10.0.26100.8390", r#","arch":"x86""#, CheckId::Arch, "arch.32-bit"),
        ("10.0.26100.7781", "", CheckId::Baseline, "baseline.behind"),
        ("10.0.26100", "", CheckId::Baseline, "baseline.no-ubr"),
        ("10.0.19045.6093", "", CheckId::Os, "os.no-hotpatch"),
    ];
    for &(build, extra, check, reason) in cases {
        let (d, _) = one(&client(build, extra), "2026-05-20");
        assert_eq!(finding(&d, check).reason, reason, "{build}{extra}");
    }
    // Arc enrolment taken from the tenant option (found by review: these had no code).
    let mut o = options("2026-05-20");
    o.tenant.arc_hotpatch = hotpatch_planner::TenantValue::Set(hotpatch_planner::device::ArcHotpatch::Enabled);
    let server = r#"{"name":"S","family":"server","build":"10.0.26100.32690","edition":"ServerDatacenter","arch":"x64","vbs":"running"}"#;
    let d = &run(server, &o).devices[0];
    assert_eq!(finding(d, CheckId::License).reason, "license.arc-enrolled");
    assert_eq!(finding(d, CheckId::Policy).reason, "policy.arc-enabled");
}

/// Every finding of every sample and realistic export has a code that starts with its check.
#[test]
fn every_finding_has_a_reason_code_of_its_check() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut seen = std::collections::BTreeSet::new();
    let dirs =
        ["www/samples", "tests/data/exports/windows", "tests/data/exports/wufb-intune", "tests/data/exports/cases"];
    for dir in dirs {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let report = evaluate(&[Input::Bytes(&bytes)], &options("2026-05-20")).unwrap();
            for d in &report.devices {
                for f in d.findings.iter() {
                    let prefix = format!("{}.", f.check.id());
                    assert!(
                        f.reason.starts_with(&prefix) && f.reason.len() > prefix.len(),
                        "{}: {} has reason {:?}",
                        path.display(),
                        d.key,
                        f.reason
                    );
                    seen.insert(f.reason.to_string());
                }
            }
        }
    }
    assert!(seen.len() >= 15, "the samples and exports exercise many codes: {seen:?}");
}
