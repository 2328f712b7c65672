//! The fleet's answers (`report.fleet`, issue 13): who restarts next month per ring and per
//! device's own schedule and why, the month-by-ring table, restarts, blockers and what to fix
//! first, computed once in the core for every face. Rules: DOMAIN.md sections 1 (the monthly
//! calendar), 4 (the verdict), 5 (the hotpatch track: behind devices catch up once) and 6
//! (rings: deferral decides each device's first month).

use hotpatch_planner::fleet::Fleet;
use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input, Report};

/// Canonical records: `(name, ring, extra fields)` on Windows 11 24H2, x64, Enterprise, VBS
/// running, Intune-managed, on the July 2026 baseline unless `extra` says otherwise.
fn inventory(devices: &[(&str, Option<&str>, &str)]) -> String {
    let records: Vec<String> = devices
        .iter()
        .map(|(name, ring, extra)| {
            let mut record = serde_json::json!({
                "name": name, "family": "client", "build": "10.0.26100.8875", "edition": "Enterprise",
                "arch": "x64", "vbs": "running", "management": "intune",
            });
            if let Some(ring) = ring {
                record["ring"] = (*ring).into();
            }
            let extra: serde_json::Value = serde_json::from_str(if extra.is_empty() { "{}" } else { extra }).unwrap();
            for (k, v) in extra.as_object().unwrap() {
                if v.is_null() {
                    record.as_object_mut().unwrap().remove(k);
                } else {
                    record[k] = v.clone();
                }
            }
            record.to_string()
        })
        .collect();
    format!("{{\"schemaVersion\":1,\"devices\":[{}]}}", records.join(","))
}

fn report(devices: &[(&str, Option<&str>, &str)], as_of: &str) -> Report {
    report_with(devices, EvaluateOptions::new(Date::parse(as_of).unwrap()))
}

fn report_with(devices: &[(&str, Option<&str>, &str)], options: EvaluateOptions) -> Report {
    let text = inventory(devices);
    let report = evaluate(&[Input::Text(&text)], &options).unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// `ring month: decided restart hotpatch undetermined [reason×devices…]` per next line.
fn next_lines(fleet: &Fleet) -> Vec<String> {
    fleet
        .next
        .iter()
        .map(|n| {
            let reasons: Vec<String> = n.reasons.iter().map(|r| format!("{}×{}", r.reason, r.devices)).collect();
            format!(
                "{} {}: {} {} {} {} [{}]",
                n.ring.as_deref().unwrap_or("-"),
                n.month.map(|m| m.to_string()).unwrap_or_default(),
                n.devices,
                n.restart,
                n.hotpatch,
                n.undetermined,
                reasons.join(" ")
            )
        })
        .collect()
}

/// As of 15 August 2026 the August release (11 August) is offered to Broad (deferral 9: 20
/// August) but already past for Test (deferral 0), whose devices start in September.
const FLEET: &[(&str, Option<&str>, &str)] = &[
    ("T1", Some("Test"), ""),
    ("B1", Some("Broad"), ""),
    ("B2", Some("Broad"), r#"{"vbs":"enabled"}"#),
    ("B3", Some("Broad"), r#"{"edition":"Professional"}"#),
    // The April 2026 baseline: behind, one catch-up restart (DOMAIN.md section 5).
    ("B4", Some("Broad"), r#"{"build":"10.0.26100.8246"}"#),
    // Behind the baseline and VBS not running: the LCU every month until VBS runs, whatever
    // the horizon (only a device whose one failing check is the baseline catches up alone).
    ("B5", Some("Broad"), r#"{"build":"10.0.26100.8246","vbs":"enabled"}"#),
    // Broad by name, but its own ring settings (as UCClient reports them) start it in September.
    ("R1", Some("Broad"), r#"{"ringSettings":{"deferralDays":0,"deadlineDays":2,"graceDays":1}}"#),
    // No ring; VBS not reported: undetermined, counted apart.
    ("D1", None, r#"{"vbs":null}"#),
];

#[test]
fn next_month_per_ring_and_own_month_with_reasons() {
    let r = report(FLEET, "2026-08-15");
    assert_eq!(
        next_lines(&r.fleet),
        [
            "Test 2026-09: 1 0 1 0 []",
            "Broad 2026-08: 5 4 1 0 [lcu:vbs×1 lcu:edition×1 catch-up×1 lcu:vbs+baseline×1]",
            "Broad 2026-09: 1 0 1 0 []",
            "- 2026-09: 0 0 0 1 []",
        ]
    );
    let broad = &r.fleet.next[1];
    assert_eq!(broad.reasons[0].text, "the LCU until fixed: VBS not running");
    assert_eq!(broad.reasons[2].text, "a catch-up to the baseline (one restart, then hotpatch)");
}

#[test]
fn the_month_by_ring_table_counts_each_device_in_its_own_months() {
    let r = report(FLEET, "2026-08-15");
    let f = &r.fleet;
    // Columns: every month some plan covers, August 2026 (Broad) to August 2027 (Test's 12th).
    assert_eq!(f.months.first().map(|m| m.month.to_string()).as_deref(), Some("2026-08"));
    assert_eq!(f.months.len(), 13);
    let rings: Vec<Option<&str>> = f.rings.iter().map(|r| r.ring.as_deref()).collect();
    assert_eq!(rings, [Some("Test"), Some("Broad"), None]);
    // Every cell is the devices whose own plan holds that month, however their rings start.
    for row in &f.rings {
        for (i, cell) in row.months.iter().enumerate() {
            let month = f.months[i].month;
            let mut want = (0, 0, 0);
            for d in r.devices.iter().filter(|d| d.ring.as_deref() == row.ring.as_deref()) {
                let plan = r.plans.get(&d.plan).unwrap();
                if let Some(m) = plan.months.iter().find(|m| m.month == month) {
                    match (d.verdict.id(), m.restart) {
                        ("undetermined", _) => want.2 += 1,
                        (_, true) => want.0 += 1,
                        (_, false) => want.1 += 1,
                    }
                }
            }
            assert_eq!((cell.restart, cell.hotpatch, cell.undetermined), want, "{:?} {month}", row.ring);
        }
    }
    // Test has no August; Broad's first column holds its five August devices.
    assert_eq!(f.rings[0].months[0].restart + f.rings[0].months[0].hotpatch, 0);
    assert_eq!((f.rings[1].months[0].restart, f.rings[1].months[0].hotpatch), (4, 1));
}

#[test]
fn what_to_fix_first_is_ranked_by_restarts_avoided_per_year() {
    let r = report(FLEET, "2026-08-15");
    let groups = |r: &Report| -> Vec<(String, usize, usize, usize)> {
        r.fleet
            .fixes
            .iter()
            .map(|g| (g.reason.clone(), g.devices, g.restarts_avoided_per_year, g.restarts_avoided_once))
            .collect()
    };
    let fixes = groups(&r);
    // An LCU device restarts 12 times a year; on the hotpatch track only in the four baseline
    // months (DOMAIN.md section 1): fixing VBS or the edition avoids 8 a year. A device behind
    // the baseline catches up by itself with one restart: fixing it avoids that one, once.
    // Behind and VBS not running, a device takes the LCU every month until both are fixed: 8.
    assert_eq!(
        fixes,
        [
            ("fix:vbs".to_string(), 1, 8, 0),
            ("fix:edition".to_string(), 1, 8, 0),
            ("fix:vbs+baseline".to_string(), 1, 8, 0),
            ("fix:baseline".to_string(), 1, 0, 1)
        ]
    );
    assert_eq!(r.fleet.fixes[0].text, "get VBS running");
    // The same for any horizon (the `months` option): a year is twelve months, and a
    // catch-up is one restart however many months are planned.
    for months in [1, 3, 36] {
        let mut options = EvaluateOptions::new(Date::parse("2026-08-15").unwrap());
        options.months = months;
        assert_eq!(groups(&report_with(FLEET, options)), fixes, "months {months}");
    }
    assert!(r.fleet.fixes[0].fixes[0].contains("Virtualization-based security"), "{:?}", r.fleet.fixes[0].fixes);
}

#[test]
fn blockers_restarts_and_undetermined_devices_are_counted_apart() {
    let r = report(FLEET, "2026-08-15");
    let f = &r.fleet;
    let blockers: Vec<(&str, usize, usize)> = f.blockers.iter().map(|b| (b.check.id(), b.failing, b.unknown)).collect();
    assert_eq!(blockers, [("vbs", 2, 1), ("baseline", 2, 0), ("edition", 1, 0)]);
    assert_eq!((f.restarts.decided_devices, f.restarts.conditional_devices), (7, 1));
    assert_eq!(f.restarts.lcu_only, 8 * 12);
    // By hand from the plans: T1, B1 and R1 restart in the four baseline months of their
    // twelve; B2, B3 and B5 every month; B4 catches up in August, then the baselines.
    let planned = |key: &str| {
        r.plans
            .get(&r.devices.iter().find(|d| d.key == key).unwrap().plan)
            .unwrap()
            .months
            .iter()
            .filter(|m| m.restart)
            .count()
    };
    assert_eq!(
        [planned("t1"), planned("b1"), planned("r1"), planned("b2"), planned("b3"), planned("b5"), planned("b4")],
        [4, 4, 4, 12, 12, 12, 5]
    );
    assert_eq!(f.restarts.planned, 4 + 4 + 4 + 12 + 12 + 12 + 5);
    assert_eq!(f.restarts.avoided, 7 * 12 - (4 + 4 + 4 + 12 + 12 + 12 + 5));
    assert_eq!(f.release_undetermined, 0, "D1 is undetermined for VBS, not for want of release data");
}

#[test]
fn release_data_that_ends_leaves_devices_undetermined_and_months_predicted() {
    // DOMAIN.md section 7: the built-in data ends October 2026; as of 26 November the
    // November release is unknown, so a device on October's build is undetermined for want
    // of release data; one on July's is behind whatever November was.
    let r = report(&[("OCT", None, r#"{"build":"10.0.26100.9711"}"#), ("JUL", None, "")], "2026-11-26");
    assert_eq!(r.fleet.predicted_from.map(|m| m.to_string()).as_deref(), Some("2026-12"));
    assert_eq!(r.fleet.release_undetermined, 1);
    assert_eq!(next_lines(&r.fleet), ["- 2026-12: 1 1 0 1 [catch-up×1]"]);
    assert!(r.fleet.next.iter().all(|n| n.devices + n.undetermined > 0));
}

#[test]
fn an_empty_inventory_has_empty_answers() {
    let r = report(&[], "2026-08-15");
    assert!(
        r.fleet.next.is_empty() && r.fleet.rings.is_empty() && r.fleet.months.is_empty() && r.fleet.fixes.is_empty()
    );
    assert_eq!(r.fleet.line.id(), "win11-24h2");
}

/// A ring is matched to the options' rings ignoring case, also for a device with its own ring
/// settings: "broad" and "Broad" are one row, in the configured order (DOMAIN.md section 6).
#[test]
fn configured_rings_are_one_row_whatever_the_case() {
    let devices: &[(&str, Option<&str>, &str)] = &[
        ("A", Some("broad"), ""),
        ("B", Some("Broad"), ""),
        ("C", Some("BROAD"), r#"{"ringSettings":{"deferralDays":0,"deadlineDays":2,"graceDays":1}}"#),
        ("D", Some("test"), ""),
        ("E", Some("Zeta"), ""),
    ];
    let r = report(devices, "2026-08-15");
    let rings: Vec<(Option<&str>, usize)> = r.fleet.rings.iter().map(|x| (x.ring.as_deref(), x.devices)).collect();
    assert_eq!(rings, [(Some("Test"), 1), (Some("Broad"), 3), (Some("Zeta"), 1)]);
    let labels: Vec<Option<&str>> = r.devices.iter().map(|d| d.ring.as_deref()).collect();
    assert_eq!(labels, [Some("Broad"), Some("Broad"), Some("Broad"), Some("Test"), Some("Zeta")]);
}

/// DOMAIN.md section 5: a device off the hotpatch track (here on July 2026's out-of-band
/// standard update) takes the LCU until the next baseline (October), then hotpatches; one
/// behind the baseline catches up once. Fixing either avoids those restarts once, the same
/// whatever the horizon.
#[test]
fn devices_that_catch_up_by_themselves_avoid_restarts_once_whatever_the_horizon() {
    let devices: &[(&str, Option<&str>, &str)] = &[
        ("O1", Some("Broad"), r#"{"build":"10.0.26100.8894"}"#),
        ("B4", Some("Broad"), r#"{"build":"10.0.26100.8246"}"#),
    ];
    for months in [1, 2, 3, 4, 12, 36] {
        let mut options = EvaluateOptions::new(Date::parse("2026-08-15").unwrap());
        options.months = months;
        let r = report_with(devices, options);
        let tracks: Vec<&str> = r.devices.iter().map(|d| d.track.id()).collect();
        assert_eq!(tracks, ["off-track", "behind"], "months {months}");
        let g = &r.fleet.fixes;
        assert_eq!(g.len(), 1, "months {months}");
        // O1: the LCU in August and September; B4: the catch-up in August.
        assert_eq!(
            (g[0].reason.as_str(), g[0].devices, g[0].restarts_avoided_per_year, g[0].restarts_avoided_once),
            ("fix:baseline", 2, 0, 3),
            "months {months}"
        );
    }
}

/// DOMAIN.md section 8: where the fleet stands today in Intune's terms. Per quality update
/// release (Intune's *Windows quality update distribution*: `2026-08 B`, `2026-07 OOB`,
/// `2026-07 D`), the hotpatch build apart from the standard one; per ring, the states of
/// Intune's *Hotpatch quality updates* report that an inventory can tell.
#[test]
fn releases_and_ring_states_in_intunes_terms() {
    let on = |ubr: &str| format!(r#"{{"build":"10.0.26100.{ubr}"}}"#);
    let devices = [
        ("A", Some("Test"), on("9106")), // the August hotpatch
        ("B", Some("Test"), on("9168")), // August's standard LCU
        ("C", Some("Test"), on("8893")), // July's out-of-band hotpatch
        ("D", None, on("8894")),         // July's out-of-band LCU
        ("E", None, on("8973")),         // July's preview (D)
        ("F", None, on("8875")),         // July's baseline
        ("G", None, on("9278")),         // August's preview, after the B release: up to date
        ("H", None, on("12345")),        // a build the release data does not know
        ("I", None, r#"{"build":null}"#.to_string()),
    ];
    let devices: Vec<(&str, Option<&str>, &str)> = devices.iter().map(|(n, r, e)| (*n, *r, e.as_str())).collect();
    let report = report(&devices, "2026-08-31");
    // Each device's own standing, which the per-ring counts add up.
    use hotpatch_planner::fleet::Standing::*;
    let standing: Vec<_> = report.devices.iter().map(|d| d.standing).collect();
    assert_eq!(
        standing,
        [
            Some(Hotpatched),
            Some(UpToDate),
            Some(NotUpToDate),
            Some(NotUpToDate),
            Some(NotUpToDate),
            Some(NotUpToDate),
            Some(UpToDate),
            None,
            None
        ]
    );
    let fleet = report.fleet;
    let releases: Vec<(String, String, usize, usize)> =
        fleet.releases.iter().map(|r| (r.release.clone(), r.date.to_string(), r.hotpatch, r.standard)).collect();
    let want = [
        ("2026-08 D", "2026-08-27", 0, 1),
        ("2026-08 B", "2026-08-11", 1, 1),
        ("2026-07 D", "2026-07-28", 0, 1),
        ("2026-07 OOB", "2026-07-18", 1, 1),
        ("2026-07 B", "2026-07-14", 0, 1),
    ];
    assert_eq!(releases, want.map(|(r, d, h, s)| (r.to_string(), d.to_string(), h, s)));
    let states: Vec<(Option<&str>, [usize; 4])> = fleet
        .rings
        .iter()
        .map(|r| (r.ring.as_deref(), [r.hotpatched, r.up_to_date, r.not_up_to_date, r.build_unknown]))
        .collect();
    assert_eq!(states, [(Some("Test"), [1, 1, 1, 0]), (None, [0, 1, 3, 2])]);
}

/// Stale data said plainly (issue 14): each device's last check-in where an input says, and
/// the devices not seen for more than a month (31 days) before the evaluation date counted.
#[test]
fn last_check_ins_and_devices_not_seen_for_a_month() {
    let report = report(
        &[
            ("RECENT", None, r#"{"lastSeen":"2026-08-30T08:00:00Z"}"#),
            ("A-MONTH", None, r#"{"lastSeen":"2026-07-31T23:00:00Z"}"#),
            ("OLDER", None, r#"{"lastSeen":"2026-07-30T10:00:00Z"}"#),
            ("UNSAID", None, ""),
        ],
        "2026-08-31",
    );
    let seen: Vec<(Option<&str>, Option<String>)> =
        report.devices.iter().map(|d| (d.name.as_deref(), d.last_seen.map(|s| s.to_string()))).collect();
    assert_eq!(
        seen,
        [
            (Some("RECENT"), Some("2026-08-30".to_string())),
            (Some("A-MONTH"), Some("2026-07-31".to_string())),
            (Some("OLDER"), Some("2026-07-30".to_string())),
            (Some("UNSAID"), None),
        ]
    );
    assert_eq!(report.summary.not_seen_before.map(|d| d.to_string()).as_deref(), Some("2026-07-31"));
    assert_eq!(report.summary.not_seen, 1, "only OLDER was last seen before 2026-07-31");
}
