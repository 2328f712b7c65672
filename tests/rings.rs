//! Rings that exist (issue 14): a configured ring takes devices by a list of names or Entra
//! device ids, or by name patterns (README "Rings"), and every per-ring answer follows. A
//! device's own ring (WUfB reports, the canonical format) is its real policy and is kept.
//! DOMAIN.md section 6 (rings and their schedule).

use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input};

/// Six Graph-like devices (no ring of their own) and two that carry their own.
const INVENTORY: &str = r#"{"schemaVersion":1,"devices":[
 {"name":"CON-LAP-0101","entraDeviceId":"7A1C2E3F-0001-4B5C-8D9E-000000000001","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"con-lap-0102.contoso.com","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"CON-DSK-0201","entraDeviceId":"7a1c2e3f-0002-4b5c-8d9e-000000000002","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"LAB-Ω-7","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"KIOSK-1","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"SRV-01","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"OWN-RING","ring":"Broad","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},
 {"name":"OWN-POLICY","ring":"Broad","ringSettings":{"deferralDays":3,"deadlineDays":4,"graceDays":1},"build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"}
]}"#;

fn rings(options: &str) -> Vec<(String, Option<String>, Vec<String>)> {
    let options = EvaluateOptions::from_json(options, Date::parse("2026-05-20").unwrap()).unwrap();
    let report = evaluate(&[Input::Text(INVENTORY)], &options).unwrap();
    report
        .devices
        .iter()
        .map(|d| {
            let notes = d.notes.iter().filter(|n| n.starts_with("Ring") || n.starts_with("Update policy")).cloned();
            (d.name.clone().unwrap_or_default(), d.ring.as_deref().map(str::to_string), notes.collect())
        })
        .collect()
}

#[test]
fn rings_take_devices_by_list_id_and_pattern_and_leave_a_devices_own_ring() {
    // In this order: the first ring that lists a device takes it.
    let got = rings(
        r#"{"rings":{
            "Pilot": { "deferralDays": 0, "devices": ["con-lap-0101", "CON-LAP-0102", "7a1c2e3f-0002-4b5c-8d9e-000000000002", "OWN-RING"] },
            "Lab": { "namePatterns": ["lab-?-*", "KIOSK-*"] },
            "Late": { "devices": ["CON-LAP-0101"], "namePatterns": ["CON-*", "OWN-*"] }
        }}"#,
    );
    let want: Vec<(&str, Option<&str>, Vec<&str>)> = vec![
        // Listed by name, whatever the case; a list before a pattern; the first ring listing it.
        ("CON-LAP-0101", Some("Pilot"), vec!["Ring \"Pilot\": listed in its devices (option rings.Pilot.devices)."]),
        // A DNS suffix on either side does not matter.
        ("con-lap-0102.contoso.com", Some("Pilot"), vec!["Ring \"Pilot\": listed in its devices (option rings.Pilot.devices)."]),
        // By Entra device id.
        ("CON-DSK-0201", Some("Pilot"), vec!["Ring \"Pilot\": listed in its devices (option rings.Pilot.devices)."]),
        // `?` is one character, also outside ASCII.
        ("LAB-Ω-7", Some("Lab"), vec!["Ring \"Lab\": its name matches \"lab-?-*\" (option rings.Lab.namePatterns)."]),
        ("KIOSK-1", Some("Lab"), vec!["Ring \"Lab\": its name matches \"KIOSK-*\" (option rings.Lab.namePatterns)."]),
        // Nothing takes it: the default ring.
        ("SRV-01", None, vec![]),
        // Its own ring is its real policy: lists and patterns do not move it.
        ("OWN-RING", Some("Broad"), vec![]),
        (
            "OWN-POLICY",
            Some("Broad"),
            vec!["Update policy from the inventory: deferral 3 days, deadline 4 days, grace period 1 day, used instead of the configured ring's settings."],
        ),
    ];
    let want: Vec<(String, Option<String>, Vec<String>)> = want
        .into_iter()
        .map(|(n, r, notes)| (n.to_string(), r.map(str::to_string), notes.into_iter().map(str::to_string).collect()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_per_ring_answer_follows_the_assignment() {
    let options = serde_json::json!({ "rings": { "Pilot": { "deferralDays": 0, "namePatterns": ["CON-*"] } } });
    let options = EvaluateOptions::from_json(&options.to_string(), Date::parse("2026-05-20").unwrap()).unwrap();
    let report = evaluate(&[Input::Text(INVENTORY)], &options).unwrap();
    let pilot = report.fleet.rings.iter().find(|r| r.ring.as_deref() == Some("Pilot")).expect("a Pilot row");
    assert_eq!(pilot.devices, 3, "the three CON- devices are Pilot's");
    // Pilot's plan offers the month's update the day it is released (no deferral).
    let plan = &report.plans.0.iter().find(|(_, p)| p.ring.as_deref() == Some("Pilot")).unwrap().1;
    assert_eq!(plan.months[0].offer, plan.months[0].release);
}

#[test]
fn ring_lists_and_patterns_are_checked_like_every_option() {
    let today = Date::parse("2026-05-20").unwrap();
    for (options, field, message) in [
        (
            r#"{"rings":{"Pilot":{"devices":"LAP-01"}}}"#,
            "rings.Pilot.devices",
            r#"found "LAP-01", expected a list of device names or Entra device ids"#,
        ),
        (
            r#"{"rings":{"Pilot":{"devices":["LAP-01",7]}}}"#,
            "rings.Pilot.devices",
            "found the number 7, expected a list of device names or Entra device ids",
        ),
        (
            r#"{"rings":{"Pilot":{"namePatterns":["LAB-*",""]}}}"#,
            "rings.Pilot.namePatterns",
            r#"item 1 is empty; a pattern such as "CON-LAP-*" names devices"#,
        ),
        (
            r#"{"defaultRing":{"devices":["LAP-01"]}}"#,
            "defaultRing.devices",
            "unknown field; expected one of deferralDays, deadlineDays, graceDays, activeHoursStart, activeHoursEnd",
        ),
    ] {
        let e = EvaluateOptions::from_json(options, today).unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), (field, message), "{options}");
    }
}
