#![cfg(not(target_arch = "wasm32"))]
//! Invariants that must hold for any inventory and any evaluation date (CONTRACT.md
//! "Rules the fields must obey"), checked on generated fleets and on arbitrary bytes.

use hotpatch_planner::{evaluate, CheckId, CheckStatus, Date, EvaluateOptions, Input, Report, Verdict, YearMonth};
use proptest::prelude::*;

/// A canonical device with values drawn from what inventories really hold (and some that
/// they should not).
fn device() -> impl Strategy<Value = serde_json::Value> {
    let build = prop_oneof![
        Just("10.0.26100.8390".to_string()),
        Just("10.0.26100.8246".to_string()),
        Just("10.0.26200.7781".to_string()),
        Just("10.0.26100.8457".to_string()),
        Just("10.0.26100.6899".to_string()),
        Just("10.0.26100.32772".to_string()),
        Just("10.0.20348.5074".to_string()),
        Just("10.0.19045.6093".to_string()),
        Just("10.0.26100".to_string()),
        (0u32..40000).prop_map(|ubr| format!("10.0.26100.{ubr}")),
    ];
    let edition = prop_oneof![
        Just("Enterprise"),
        Just("Education"),
        Just("Professional"),
        Just("EnterpriseS"),
        Just("ServerTurbine"),
        Just("ServerStandard"),
        Just("ServerRdsh"),
        Just("IoTEnterprise"),
        Just("Team")
    ];
    let vbs = prop_oneof![
        Just(serde_json::json!("running")),
        Just(serde_json::json!(1)),
        Just(serde_json::json!(0)),
        Just(serde_json::Value::Null)
    ];
    let arch = prop_oneof![Just("x64"), Just("arm64"), Just("x86"), Just("64-bit")];
    let ring = prop_oneof![
        Just(serde_json::json!("Broad")),
        Just(serde_json::json!("Test")),
        Just(serde_json::json!("Pilot")),
        Just(serde_json::Value::Null)
    ];
    (
        0u32..60,
        any::<bool>(),
        build,
        edition,
        vbs,
        arch,
        prop::option::of(0u32..3),
        ring,
        prop::option::of((0u32..=30, 0u32..=30, 0u32..=7)),
    )
        .prop_map(|(n, server, build, edition, vbs, arch, chpe, ring, settings)| {
            let mut d = serde_json::json!({
                "name": format!("DEV-{n}"), "family": if server { "server" } else { "client" }, "build": build,
                "edition": edition, "vbs": vbs, "arch": arch, "hotPatchRestrictions": chpe, "ring": ring,
            });
            if let Some((deferral, deadline, grace)) = settings {
                d["ringSettings"] =
                    serde_json::json!({ "deferralDays": deferral, "deadlineDays": deadline, "graceDays": grace });
            }
            d
        })
}

fn as_of() -> impl Strategy<Value = Date> {
    (0i32..48, 1u32..=28).prop_map(|(m, day)| {
        let month = YearMonth::parse("2024-06").unwrap().plus(m);
        Date::from_ymd(month.year(), month.month(), day).unwrap()
    })
}

/// Every record of every input is in exactly one device's (or other device's) sources, or
/// in the errors. A document that is no known format has one error for the whole document,
/// which accounts for its records.
fn accounts_for_every_record(report: &Report) {
    for input in &report.inputs {
        if input.format.is_none() {
            assert!(
                report.errors.iter().any(|e| e.input == input.index && e.record.is_none()),
                "input {}: no document error",
                input.index
            );
            continue;
        }
        let mut seen: Vec<usize> = report
            .devices
            .iter()
            .flat_map(|d| d.sources.iter())
            .chain(report.other_devices.iter().flat_map(|d| d.sources.iter()))
            .filter(|s| s.input == input.index)
            .map(|s| s.record)
            .chain(report.errors.iter().filter(|e| e.input == input.index).filter_map(|e| e.record))
            .collect();
        seen.sort_unstable();
        let expected: Vec<usize> = (0..input.records).collect();
        assert_eq!(seen, expected, "input {}: records accounted for", input.index);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn report_invariants_hold(devices in prop::collection::vec(device(), 1..25), as_of in as_of(), months in 1u32..=36) {
        let text = serde_json::json!({ "devices": devices }).to_string();
        let mut options = EvaluateOptions::new(as_of);
        options.months = months;
        let report = evaluate(&[Input::Text(&text)], &options).unwrap();
        accounts_for_every_record(&report);
        let mut counts = (0, 0, 0);
        for d in &report.devices {
            // The verdict agrees with the checks.
            let statuses: Vec<CheckStatus> = CheckId::ALL.iter().map(|c| d.checks.get(*c)).collect();
            let expected = if statuses.contains(&CheckStatus::Fail) {
                Verdict::Lcu
            } else if statuses.contains(&CheckStatus::Unknown) {
                Verdict::Undetermined
            } else {
                Verdict::Hotpatch
            };
            prop_assert_eq!(d.verdict, expected);
            match d.verdict { Verdict::Hotpatch => counts.0 += 1, Verdict::Lcu => counts.1 += 1, Verdict::Undetermined => counts.2 += 1 }
            // Every failing or unknown check has a finding that says why.
            for (id, status) in CheckId::ALL.iter().zip(&statuses) {
                if *status != CheckStatus::Pass {
                    let f = d.findings.iter().find(|f| f.check == *id);
                    prop_assert!(f.is_some_and(|f| f.status == *status && !f.detail.is_empty()), "{:?} {:?}", id, d.findings);
                }
            }
            let plan = report.plans.get(&d.plan).expect("plan exists");
            prop_assert_eq!(plan.conditional, d.verdict == Verdict::Undetermined);
            // Exactly `months` consecutive months, the first offered on or after as-of.
            prop_assert_eq!(plan.months.len(), months as usize);
            prop_assert!(plan.months[0].offer >= as_of);
            for pair in plan.months.windows(2) {
                prop_assert_eq!(pair[0].month.next(), pair[1].month);
            }
            for m in &plan.months {
                // restartBy ≥ installBy ≥ offer ≥ release.
                prop_assert!(m.offer >= m.release && m.install_by >= m.offer);
                prop_assert_eq!(m.restart_by.is_some(), m.restart);
                if let Some(by) = m.restart_by { prop_assert!(by >= m.install_by); }
                prop_assert_eq!(m.restart, m.update != hotpatch_planner::UpdateKind::Hotpatch);
                if m.predicted { prop_assert!(m.kb.is_none() && m.build.is_none()); }
                // Only an eligible device on the track hotpatches.
                if m.update == hotpatch_planner::UpdateKind::Hotpatch { prop_assert!(d.verdict != Verdict::Lcu || d.track == hotpatch_planner::Track::Behind || d.track == hotpatch_planner::Track::OffTrack); }
            }
        }
        prop_assert_eq!((report.summary.hotpatch, report.summary.lcu, report.summary.undetermined), counts);
        prop_assert_eq!(report.summary.devices, report.devices.len());
    }

    #[test]
    fn any_text_is_read_without_panicking_or_losing_records(text in ".{0,400}") {
        let report = evaluate(&[Input::Text(&text)], &EvaluateOptions::new(Date::parse("2026-05-20").unwrap())).unwrap();
        accounts_for_every_record(&report);
        prop_assert!(report.devices.is_empty() || !report.errors.is_empty() || report.inputs[0].format.is_some());
    }

    #[test]
    fn any_bytes_are_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let report = evaluate(&[Input::Bytes(&bytes)], &EvaluateOptions::new(Date::parse("2026-05-20").unwrap())).unwrap();
        accounts_for_every_record(&report);
    }

    #[test]
    fn damaged_canonical_documents_lose_only_the_damaged_records(devices in prop::collection::vec(device(), 1..10), cut in any::<prop::sample::Index>(), junk in "[\\[\\]{}\",:a-z0-9 ]{0,3}") {
        let text = serde_json::json!({ "devices": devices }).to_string();
        let at = cut.index(text.len());
        let damaged = format!("{}{junk}{}", &text[..at], &text[at..]);
        let report = evaluate(&[Input::Text(&damaged)], &EvaluateOptions::new(Date::parse("2026-05-20").unwrap())).unwrap();
        accounts_for_every_record(&report);
    }
}

/// Every sample export (one per format), for damaging.
const SAMPLES: [&str; 8] = [
    include_str!("../www/samples/graph.json"),
    include_str!("../www/samples/computerinfo.json"),
    include_str!("../www/samples/deviceguard.json"),
    include_str!("../www/samples/registry.json"),
    include_str!("../www/samples/ucclient.json"),
    include_str!("../www/samples/intune.csv"),
    include_str!("../www/samples/defender.json"),
    include_str!("../www/samples/canonical.json"),
];

/// One edit to a document's bytes: delete a run, insert junk, or overwrite with junk.
#[derive(Debug, Clone)]
enum Edit {
    Delete(prop::sample::Index, usize),
    Insert(prop::sample::Index, Vec<u8>),
    Overwrite(prop::sample::Index, Vec<u8>),
}

fn edit() -> impl Strategy<Value = Edit> {
    // Junk drawn from what breaks readers: JSON and CSV punctuation, quotes, escapes, digits,
    // control characters, a UTF-8 lead byte without its continuation, and any byte.
    let junk = prop::collection::vec(
        prop_oneof![prop::sample::select(b"[]{}\",:;\\\r\n\t0-9.eEnul ".to_vec()), Just(0xC3u8), any::<u8>()],
        1..6,
    );
    prop_oneof![
        (any::<prop::sample::Index>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<prop::sample::Index>(), junk.clone()).prop_map(|(at, j)| Edit::Insert(at, j)),
        (any::<prop::sample::Index>(), junk).prop_map(|(at, j)| Edit::Overwrite(at, j)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        match e {
            Edit::Delete(at, n) => {
                let at = at.index(bytes.len().max(1)).min(bytes.len());
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Insert(at, junk) => {
                let at = at.index(bytes.len() + 1);
                bytes.splice(at..at, junk.iter().copied());
            }
            Edit::Overwrite(at, junk) => {
                let at = at.index(bytes.len().max(1)).min(bytes.len());
                let end = (at + junk.len()).min(bytes.len());
                bytes.splice(at..end, junk.iter().copied());
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// DOMAIN.md section 4 and CONTRACT.md "errors": each real format, damaged anywhere, is
    /// read without a panic, alone and beside an undamaged copy of every other sample, and
    /// every record is accounted for.
    #[test]
    fn damaged_exports_of_every_format_lose_nothing(sample in 0..SAMPLES.len(), edits in prop::collection::vec(edit(), 1..4)) {
        let damaged = apply(SAMPLES[sample], &edits);
        let options = EvaluateOptions::new(Date::parse("2026-05-20").unwrap());
        let alone = evaluate(&[Input::Bytes(&damaged)], &options).unwrap();
        accounts_for_every_record(&alone);
        let mut inputs: Vec<Input<'_>> = SAMPLES.iter().map(|s| Input::Text(s)).collect();
        inputs[sample] = Input::Bytes(&damaged);
        let together = evaluate(&inputs, &options).unwrap();
        accounts_for_every_record(&together);
        // The undamaged documents are read as they always are.
        for (i, info) in together.inputs.iter().enumerate().filter(|(i, _)| *i != sample) {
            prop_assert!(info.format.is_some(), "input {} lost its format", i);
            prop_assert_eq!(together.errors.iter().filter(|e| e.input == i).count(), 0, "input {} gained errors", i);
        }
    }
}
