//! The answers an admin reads about the whole fleet, worked out once from the devices and
//! their plans, for every face (the page, a portal, the Node API, the command line): who
//! restarts next month in each ring and why, the month-by-ring table, restarts against
//! LCU-only, the blocking checks ranked, and what to fix first (CONTRACT.md "fleet").
//!
//! Every count follows each device's own plan: a ring with a longer deferral starts its plan a
//! month later, so months are matched by name, never by position. Undetermined devices are
//! counted apart everywhere: their plans assume their unknown checks pass.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarMonth;
use crate::catalog::BuildKind;
use crate::catalog::{Catalog, MonthType};
use crate::date::{Date, YearMonth};
use crate::hash::FastMap;
use crate::options::EvaluateOptions;
use crate::platform::OsLine;
use crate::report::DeviceReport;
use crate::rules::track::Track;
use crate::rules::{CheckId, CheckStatus, Verdict};
use crate::schedule::{Plan, UpdateKind};

/// The fleet's answers (the report's `fleet`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fleet {
    /// The OS line most Windows devices are on (Windows 11 24H2 when none is): the line whose
    /// releases `months` describes.
    pub line: OsLine,
    /// Every month some plan covers, in order, with that line's release: the columns of the
    /// month-by-ring table.
    pub months: Vec<CalendarMonth>,
    /// Who restarts in their next month, and why: one entry per ring and month, each device
    /// in its own plan's first month (a ring whose devices carry their own ring settings can
    /// start in two months). In ring order (see `rings`), then month.
    pub next: Vec<Next>,
    /// The month-by-ring table: the options' rings in their order, then other ring names in
    /// the order devices carry them, the default ring (`ring: null`) last.
    pub rings: Vec<RingRow>,
    /// Restarts over the horizon against an LCU every month.
    pub restarts: Restarts,
    /// Checks that fail or are unknown on some device: most failing first.
    pub blockers: Vec<Blocker>,
    /// What to fix first: devices on the LCU grouped by the checks that keep them there, most
    /// restarts avoided per year first.
    pub fixes: Vec<FixGroup>,
    /// Undetermined devices whose baseline check is unknown: what newer release data would
    /// settle.
    pub release_undetermined: usize,
    /// The first month of `months` beyond the release data (predicted), if any.
    pub predicted_from: Option<YearMonth>,
    /// Where the fleet stands today in Intune's terms (DOMAIN.md section 8): Windows devices
    /// per quality update release, the hotpatch build apart from the standard one, as Intune's
    /// *Windows quality update distribution* report shows them; newest first. Devices whose
    /// build the release data does not know are counted per ring (`buildUnknown`).
    pub releases: Vec<ReleaseShare>,
}

/// One ring's devices, month by month.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RingRow {
    /// The ring's name; `null` for the default ring when it has none.
    pub ring: Option<Arc<str>>,
    /// Windows devices in the ring.
    pub devices: usize,
    /// One cell per month of [`Fleet::months`].
    pub months: Vec<MonthCell>,
    /// Intune's *Hotpatch quality updates* report, as far as an inventory can tell it (not
    /// "in progress", "paused" or "not ready"): devices on the latest release (the latest B
    /// release on or before the evaluation date, or a newer build) through its hotpatch...
    pub hotpatched: usize,
    /// ...through its standard build (the baseline, the LCU, an OOB or a preview)...
    pub up_to_date: usize,
    /// ...on an older release...
    pub not_up_to_date: usize,
    /// ...and on a build the release data does not know, or none reported.
    pub build_unknown: usize,
}

/// Where a device's build stands against the latest release, as Intune's Hotpatch quality
/// updates report counts it (`devices[].standing`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// On the latest release through its hotpatch.
    Hotpatched,
    /// On the latest release (or newer) through its standard build.
    UpToDate,
    /// On an older release.
    NotUpToDate,
}

/// Which of a month's releases a build belongs to, as Intune names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReleaseKind {
    /// The month's security release (Patch Tuesday): baseline, hotpatch and LCU.
    #[serde(rename = "B")]
    B,
    /// An out-of-band release.
    #[serde(rename = "OOB")]
    Oob,
    /// The optional non-security preview.
    #[serde(rename = "D")]
    D,
}

/// Windows devices on one quality update release.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseShare {
    /// As Intune writes it: `2026-10 B`, `2026-07 OOB`, `2026-09 D`.
    pub release: String,
    /// The release's month.
    pub month: YearMonth,
    /// B, OOB or D.
    pub kind: ReleaseKind,
    /// Its date (the earliest, across the OS lines of the devices on it).
    pub date: Date,
    /// Devices on its hotpatch build.
    pub hotpatch: usize,
    /// Devices on its standard build.
    pub standard: usize,
}

/// Who restarts in a ring's next month, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Next {
    /// The ring (`null`: the default ring).
    pub ring: Option<Arc<str>>,
    /// The month: these devices' plans' first.
    pub month: Option<YearMonth>,
    /// Devices whose verdict is decided (hotpatch or LCU).
    pub devices: usize,
    /// Of those, how many restart.
    pub restart: usize,
    /// And how many install a hotpatch without a restart.
    pub hotpatch: usize,
    /// Undetermined devices, counted apart: what they do rests on checks the inventory
    /// does not settle.
    pub undetermined: usize,
    /// Of those, how many would restart if their unknown checks pass.
    pub undetermined_restart: usize,
    /// The restarting decided devices grouped by why, largest group first.
    pub reasons: Vec<Reason>,
}

/// A group of devices that restart in a month for the same reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// A stable code: `baseline` (a quarterly baseline month: every device restarts),
    /// `catch-up` (behind the baseline: one catch-up restart, then hotpatch), or `lcu:` and the
    /// failing checks joined by `+` (`lcu:vbs`, `lcu:edition+vbs`).
    pub reason: String,
    /// What the devices install.
    pub update: UpdateKind,
    /// The failing checks that put them on the LCU (empty for `baseline` and `catch-up`).
    pub checks: Vec<CheckId>,
    /// How many devices.
    pub devices: usize,
    /// The reason for people, to follow "N devices restart for": "the LCU until fixed: VBS
    /// not running".
    pub text: String,
}

/// What a ring's devices do in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthCell {
    /// Decided devices that restart.
    pub restart: usize,
    /// Decided devices that install a hotpatch.
    pub hotpatch: usize,
    /// Undetermined devices whose plans hold the month.
    pub undetermined: usize,
}

/// Restarts over the plans' horizon.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Restarts {
    /// Months per plan.
    pub horizon: u32,
    /// Restarts if every device took the LCU every month.
    pub lcu_only: usize,
    /// Devices whose plans are decided.
    pub decided_devices: usize,
    /// Restarts those devices will have.
    pub planned: usize,
    /// Restarts they avoid against LCU-only.
    pub avoided: usize,
    /// Devices whose plans assume their unknown checks pass.
    pub conditional_devices: usize,
    /// Restarts they would have if their unknowns pass.
    pub conditional: usize,
    /// Restarts they would avoid then.
    pub conditional_avoided: usize,
}

/// A check that keeps devices from hotpatch, or that the inventory does not settle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Blocker {
    /// The check.
    pub check: CheckId,
    /// Devices failing it.
    pub failing: usize,
    /// Devices where it is unknown.
    pub unknown: usize,
}

/// Devices on the LCU that one fix (of one or more checks) would move to hotpatch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FixGroup {
    /// A stable code: `fix:` and the checks joined by `+` (`fix:vbs`, `fix:edition+vbs`).
    pub reason: String,
    /// The checks to fix, all of them.
    pub checks: Vec<CheckId>,
    /// How many devices.
    pub devices: usize,
    /// Restarts the group would avoid every year once fixed: for a device on the LCU every
    /// month, the twelve months from its plan's first against the baseline months of those
    /// months (eight on the planned calendar). The same whatever the `months` option.
    pub restarts_avoided_per_year: usize,
    /// Restarts the group would avoid once: a device whose only failing check is the
    /// baseline catches up by itself (a catch-up restart when behind, the LCU until the next
    /// baseline when off the track); fixing it now saves those.
    pub restarts_avoided_once: usize,
    /// What to do, as the findings say it: the most common first, at most five.
    pub fixes: Vec<String>,
    /// The group for people.
    pub text: String,
}

/// A short phrase for a failing check, for reasons and fix groups.
fn failing_phrase(check: CheckId) -> &'static str {
    match check {
        CheckId::Os => "a Windows version without hotpatch",
        CheckId::Edition => "an edition without hotpatch",
        CheckId::License => "no hotpatch licence",
        CheckId::Policy => "the hotpatch policy not set to Allow",
        CheckId::Vbs => "VBS not running",
        CheckId::Arch => "Arm64 with CHPE enabled",
        CheckId::Baseline => "off the hotpatch track",
    }
}

/// `+`-joined check ids.
fn joined(checks: &[CheckId]) -> String {
    checks.iter().map(|c| c.id()).collect::<Vec<_>>().join("+")
}

/// What to do about a failing check, for fix groups.
fn fix_phrase(check: CheckId) -> &'static str {
    match check {
        CheckId::Os => "upgrade to a Windows version with hotpatch",
        CheckId::Edition => "move to an Enterprise or Education edition",
        CheckId::License => "assign a hotpatch licence",
        CheckId::Policy => "set the hotpatch policy to Allow",
        CheckId::Vbs => "get VBS running",
        CheckId::Arch => "disable CHPE on Arm64",
        CheckId::Baseline => "install the latest baseline",
    }
}

/// Phrases joined as a list ("a, b and c").
fn listed(checks: &[CheckId], phrase: fn(CheckId) -> &'static str) -> String {
    let phrases: Vec<&str> = checks.iter().map(|&c| phrase(c)).collect();
    match phrases.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// A reason's code and its words.
fn reason_text(update: UpdateKind, checks: &[CheckId]) -> (String, String) {
    match update {
        UpdateKind::Baseline => ("baseline".into(), "the quarterly baseline, a restart for every device".into()),
        UpdateKind::CatchUp => ("catch-up".into(), "a catch-up to the baseline (one restart, then hotpatch)".into()),
        _ if checks.is_empty() => ("lcu".into(), "the LCU".into()),
        _ => (format!("lcu:{}", joined(checks)), format!("the LCU until fixed: {}", listed(checks, failing_phrase))),
    }
}

/// Counts for one ring's next month, built device by device.
struct NextCounts {
    next: Next,
    /// (update, failing checks as a bit set) → devices. A short list searched in order: the
    /// distinct reasons are few (and a map per key type would cost the Wasm ~1.5 KB each).
    reasons: Vec<((UpdateKind, u8), usize)>,
}

impl NextCounts {
    // Not inlined: one copy keeps the core module smaller (DESIGN.md, "Size").
    #[inline(never)]
    fn add(&mut self, d: &DeviceReport, first: &crate::schedule::PlanMonth, failing: u8) {
        if d.verdict == Verdict::Undetermined {
            self.next.undetermined += 1;
            self.next.undetermined_restart += usize::from(first.restart);
            return;
        }
        self.next.devices += 1;
        if !first.restart {
            self.next.hotpatch += 1;
            return;
        }
        self.next.restart += 1;
        let key = (first.update, if first.update == UpdateKind::Lcu { failing } else { 0 });
        match self.reasons.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => self.reasons.push((key, 1)),
        }
    }

    fn finish(self) -> Next {
        let mut reasons: Vec<Reason> = self
            .reasons
            .into_iter()
            .map(|((update, mask), devices)| {
                let checks = checks_of(mask);
                let (reason, text) = reason_text(update, &checks);
                Reason { reason, update, checks, devices, text }
            })
            .collect();
        // Largest group first; equal groups in the order their first device came.
        crate::order::sort_by_key(&mut reasons, |r| u64::MAX - r.devices as u64);
        Next { reasons, ..self.next }
    }
}

/// A ring being counted: its row and its next months (usually one; two when its devices'
/// own ring settings start them a month apart).
struct RingCounts {
    row: RingRow,
    next: Vec<NextCounts>,
}

/// A fix group being counted.
struct FixCounts {
    failing: u8,
    devices: usize,
    /// Restarts avoided once (catch-ups).
    once: usize,
    /// Restarts avoided every year.
    avoided: usize,
    /// Fix texts and how many devices' findings give each (findings with the same facts
    /// share one text, so most are found by address).
    fixes: Vec<(Arc<str>, usize)>,
}

/// At most this many distinct fix texts are counted per group: enough to list the five most
/// common, and bounded however varied the findings are.
const FIX_TEXTS: usize = 64;

/// The failing checks of a bit set, in report order.
fn checks_of(mask: u8) -> Vec<CheckId> {
    CheckId::ALL.into_iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, c)| c).collect()
}

/// Where the plan `id` is in `plans`: read from the id (`p0`, `p1`, …, as the report builder
/// names them, in order) and checked, so a device's plan is found without hashing its id.
pub(crate) fn plan_position(plans: &[(Arc<str>, Plan)], id: &Arc<str>) -> Option<usize> {
    let i: usize = id.strip_prefix('p')?.parse().ok()?;
    plans.get(i).filter(|(known, _)| Arc::ptr_eq(known, id) || known == id).map(|_| i)
}

/// The fleet's answers for the report's devices and plans (`plans` in the builder's order,
/// `p0` first).
pub fn fleet(
    devices: &mut [DeviceReport],
    plans: &[(Arc<str>, Plan)],
    catalog: &Catalog,
    options: &EvaluateOptions,
) -> Fleet {
    let horizon = options.months;
    // A device's plan and its index (into `plans` and `avoidable`).
    let plan_of = |d: &DeviceReport| plan_position(plans, &d.plan).map(|i| (i, &plans[i].1));

    // Each plan covers consecutive months from its ring's first month, and rings' first
    // months differ by at most one: together they are one run of months, the table's columns.
    let first = plans.iter().filter_map(|(_, p)| p.months.first()).map(|m| m.month).min();
    let last = plans.iter().filter_map(|(_, p)| p.months.last()).map(|m| m.month).max();
    let columns = match (first, last) {
        (Some(f), Some(l)) => f.months_until(l) as usize + 1,
        _ => 0,
    };
    // Every plan month is at or after `first`.
    let column = |m: YearMonth| first.map_or(0, |f| f.months_until(m) as usize);

    // Per plan, the restarts a year its LCU devices would avoid on the hotpatch track, and the
    // restarts it plans.
    let avoidable: Vec<Avoidable> = plans.iter().map(|(_, p)| avoidable(p, catalog)).collect();
    let planned_restarts: Vec<usize> =
        plans.iter().map(|(_, p)| p.months.iter().filter(|m| m.restart).count()).collect();

    // Rings by the name devices carry (the report builder gives a configured ring its
    // configured spelling); "" is the default ring, which no named ring can be.
    let mut rings: Vec<RingCounts> = Vec::new();
    let mut ring_of: FastMap<String, usize> = FastMap::default();
    // The previous device's ring: devices of one ring mostly come together, and their names
    // are one shared allocation, so most lookups are a pointer comparison.
    let mut last_ring: Option<(Option<Arc<str>>, usize)> = None;
    // Devices per (ring row, plan), decided and undetermined: the month cells are filled once
    // per pair at the end, not month by month for every device (a year's plan made that 12
    // cell updates per device). The map gives a pair's place in `counted`, because a map of
    // that type is in the module already and a new one would cost ~1 KB of the core module.
    let mut per_plan: FastMap<(usize, usize), u32> = FastMap::default();
    let mut counted: Vec<((usize, usize), [usize; 2])> = Vec::new();
    let mut restarts = Restarts { horizon, ..Restarts::default() };
    let mut fixes: Vec<FixCounts> = Vec::new();
    let mut failing_counts = [0usize; 7];
    let mut unknown_counts = [0usize; 7];
    let mut line_counts = [0usize; 5];
    let mut release_undetermined = 0;
    let mut releases: Vec<ReleaseShare> = Vec::new();
    // Each line's latest B release, worked out the first time a device of the line needs it.
    let mut latest: Vec<(OsLine, Date)> = Vec::new();

    for d in devices {
        let Some((plan_ix, plan)) = plan_of(d) else { continue };
        let mut failing = 0u8;
        for (i, c) in CheckId::ALL.into_iter().enumerate() {
            match d.checks.get(c) {
                CheckStatus::Fail => {
                    failing_counts[i] += 1;
                    failing |= 1 << i;
                }
                CheckStatus::Unknown => unknown_counts[i] += 1,
                CheckStatus::Pass => {}
            }
        }
        if let Some(line) = d.os.line.filter(|l| l.has_hotpatch()) {
            line_counts[line as usize] += 1;
        }
        let undetermined = d.verdict == Verdict::Undetermined;
        if undetermined && d.checks.get(CheckId::Baseline) == CheckStatus::Unknown {
            release_undetermined += 1;
        }

        let row = match &last_ring {
            Some((ring, row)) if same_ring(ring, &d.ring) => *row,
            _ => {
                let name = d.ring.as_deref().unwrap_or("");
                let row = match ring_of.get(name) {
                    Some(&row) => row,
                    None => {
                        ring_of.insert(name.to_owned(), rings.len());
                        let row = RingRow {
                            ring: d.ring.clone(),
                            months: vec![MonthCell::default(); columns],
                            ..RingRow::default()
                        };
                        rings.push(RingCounts { row, next: Vec::new() });
                        rings.len() - 1
                    }
                };
                last_ring = Some((d.ring.clone(), row));
                row
            }
        };
        let ring = &mut rings[row];
        ring.row.devices += 1;
        // Where the device stands today, in Intune's terms.
        let known = d.os.line.zip(d.os.ubr).and_then(|(line, ubr)| Some((line, catalog.identify(line, ubr)?)));
        let mut standing_of = None;
        match known {
            None => ring.row.build_unknown += 1,
            Some((line, build)) => {
                let hotpatch = matches!(build.kind, BuildKind::Hotpatch | BuildKind::OobHotpatch);
                let kind = match build.kind {
                    BuildKind::OobHotpatch | BuildKind::OobLcu => ReleaseKind::Oob,
                    BuildKind::Preview => ReleaseKind::D,
                    _ => ReleaseKind::B,
                };
                let share = match releases.iter().position(|r| r.month == build.month && r.kind == kind) {
                    Some(i) => &mut releases[i],
                    None => {
                        let label = match kind {
                            ReleaseKind::B => "B",
                            ReleaseKind::Oob => "OOB",
                            ReleaseKind::D => "D",
                        };
                        releases.push(ReleaseShare {
                            release: format!("{} {label}", build.month),
                            month: build.month,
                            kind,
                            date: build.date,
                            hotpatch: 0,
                            standard: 0,
                        });
                        releases.last_mut().expect("just pushed")
                    }
                };
                share.date = share.date.min(build.date);
                *(if hotpatch { &mut share.hotpatch } else { &mut share.standard }) += 1;
                let latest = match latest.iter().find(|(l, _)| *l == line) {
                    Some(&(_, date)) => date,
                    None => {
                        let date = catalog.latest_release(line, options.as_of);
                        latest.push((line, date));
                        date
                    }
                };
                let standing = match (build.date >= latest, hotpatch) {
                    (true, true) => Standing::Hotpatched,
                    (true, false) => Standing::UpToDate,
                    (false, _) => Standing::NotUpToDate,
                };
                *[&mut ring.row.hotpatched, &mut ring.row.up_to_date, &mut ring.row.not_up_to_date]
                    [standing as usize] += 1;
                standing_of = Some(standing);
            }
        }
        d.standing = standing_of;
        if let Some(first) = plan.months.first() {
            let next = match ring.next.iter().position(|n| n.next.month == Some(first.month)) {
                Some(i) => &mut ring.next[i],
                None => {
                    let next = Next { ring: d.ring.clone(), month: Some(first.month), ..Next::default() };
                    ring.next.push(NextCounts { next, reasons: Vec::new() });
                    ring.next.last_mut().expect("just pushed")
                }
            };
            next.add(d, first, failing);
        }
        let pair = *per_plan.entry((row, plan_ix)).or_insert_with(|| {
            counted.push(((row, plan_ix), [0; 2]));
            counted.len() as u32 - 1
        });
        counted[pair as usize].1[usize::from(undetermined)] += 1;

        let planned = planned_restarts[plan_ix];
        if plan.conditional {
            restarts.conditional_devices += 1;
            restarts.conditional += planned;
        } else {
            restarts.decided_devices += 1;
            restarts.planned += planned;
        }
        if d.verdict == Verdict::Lcu {
            // (once, every year): what fixing this device avoids.
            let avoided = match avoidable.get(plan_ix) {
                Some(Avoidable::OneOff(n)) => (*n, 0),
                // Only the baseline fails, but the horizon ends before its first hotpatch
                // month: it catches up by itself all the same (DOMAIN.md section 5).
                Some(Avoidable::EveryYear(_)) if failing == BASELINE_ONLY => (until_on_track(d, plan, catalog), 0),
                Some(Avoidable::EveryYear(n)) => (0, *n),
                None => (0, 0),
            };
            let group = match fixes.iter().position(|g| g.failing == failing) {
                Some(i) => &mut fixes[i],
                None => {
                    fixes.push(FixCounts { failing, devices: 0, once: 0, avoided: 0, fixes: Vec::new() });
                    fixes.last_mut().expect("just pushed")
                }
            };
            group.devices += 1;
            group.once += avoided.0;
            group.avoided += avoided.1;
            for fix in d.findings.iter().filter(|f| f.status == CheckStatus::Fail).filter_map(|f| f.fix.as_ref()) {
                match group.fixes.iter().position(|(t, _)| Arc::ptr_eq(t, fix) || **t == **fix) {
                    Some(i) => group.fixes[i].1 += 1,
                    None if group.fixes.len() < FIX_TEXTS => group.fixes.push((fix.clone(), 1)),
                    None => {}
                }
            }
        }
    }
    for &((row, plan_ix), [decided, undetermined]) in &counted {
        let months = &mut rings[row].row.months;
        for m in &plans[plan_ix].1.months {
            let Some(cell) = months.get_mut(column(m.month)) else { continue };
            cell.undetermined += undetermined;
            *(if m.restart { &mut cell.restart } else { &mut cell.hotpatch }) += decided;
        }
    }
    // Every device with a plan (a device without one is in no other count either).
    restarts.lcu_only = (restarts.decided_devices + restarts.conditional_devices) * horizon as usize;
    restarts.avoided = (restarts.decided_devices * horizon as usize).saturating_sub(restarts.planned);
    restarts.conditional_avoided =
        (restarts.conditional_devices * horizon as usize).saturating_sub(restarts.conditional);

    // The options' rings in their order, then other names in the order devices carry them,
    // then the default ring.
    let configured = options.rings.len() as u64;
    let rank = |ring: &Option<Arc<str>>| match ring {
        None => u64::MAX,
        Some(name) => {
            options.rings.iter().position(|r| r.name.as_deref() == Some(&**name)).map_or(configured, |i| i as u64)
        }
    };
    crate::order::sort_by_key(&mut rings, |r| rank(&r.row.ring));

    let mut blockers: Vec<Blocker> = CheckId::ALL
        .into_iter()
        .enumerate()
        .map(|(i, check)| Blocker { check, failing: failing_counts[i], unknown: unknown_counts[i] })
        .filter(|b| b.failing > 0 || b.unknown > 0)
        .collect();
    // Stable: ties keep the checks' report order.
    crate::order::sort_by_key(&mut blockers, |b| descending(b.failing, b.unknown));

    let mut fix_groups: Vec<FixGroup> = fixes
        .into_iter()
        .map(|mut counts| {
            crate::order::sort_by_key(&mut counts.fixes, |f| u64::MAX - f.1 as u64);
            let checks = checks_of(counts.failing);
            FixGroup {
                reason: format!("fix:{}", joined(&checks)),
                text: listed(&checks, fix_phrase),
                checks,
                devices: counts.devices,
                restarts_avoided_per_year: counts.avoided,
                restarts_avoided_once: counts.once,
                fixes: counts.fixes.into_iter().take(5).map(|(t, _)| t.to_string()).collect(),
            }
        })
        .collect();
    // Yearly savings first, then one-off ones, then the larger group.
    crate::order::sort_by_key(&mut fix_groups, |g| {
        descending(g.restarts_avoided_per_year, g.restarts_avoided_once.saturating_mul(1 << 16) + g.devices)
    });

    // The line most devices are on; on a tie, the first in line order.
    let line = OsLine::HOTPATCH_LINES
        .into_iter()
        .rev()
        .max_by_key(|l| line_counts[*l as usize])
        .filter(|l| line_counts[*l as usize] > 0)
        .unwrap_or(OsLine::Win11_24H2);
    let months = first.map_or_else(Vec::new, |f| crate::calendar::calendar(catalog, line, f, columns as u32));
    let predicted_from = months.iter().find(|m| m.predicted).map(|m| m.month);

    // Newest first; on one date, B before OOB before D.
    crate::order::sort_by_key(&mut releases, |r| u64::MAX - ((r.date.days_since_1970() as u64) << 2) + r.kind as u64);

    let mut next = Vec::new();
    let mut rows = Vec::with_capacity(rings.len());
    for ring in rings {
        let mut lines: Vec<Next> = ring.next.into_iter().map(NextCounts::finish).collect();
        crate::order::sort_by_key(&mut lines, |n| n.month.map_or(0, |m| column(m) as u64));
        next.extend(lines);
        rows.push(ring.row);
    }

    Fleet {
        line,
        months,
        next,
        rings: rows,
        restarts,
        blockers,
        fixes: fix_groups,
        release_undetermined,
        predicted_from,
        releases,
    }
}

/// Whether two devices' rings are the same name: most often the same shared allocation.
fn same_ring(a: &Option<Arc<str>>, b: &Option<Arc<str>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b) || a == b,
        (None, None) => true,
        _ => false,
    }
}

/// The failing-check bit set of a device whose only failing check is the baseline.
const BASELINE_ONLY: u8 = 1 << 6;

/// Whether a month is a baseline month of the plan's line on the hotpatch track (a line
/// without hotpatch: Windows 11 24H2, the line it would be upgraded to).
fn baseline_months<'c>(plan: &Plan, catalog: &'c Catalog) -> impl Fn(YearMonth) -> bool + 'c {
    let line = plan.line.filter(|l| l.has_hotpatch()).unwrap_or(OsLine::Win11_24H2);
    move |m| catalog.month(line, m).kind == MonthType::Baseline
}

/// What fixing an LCU device on a plan avoids (DOMAIN.md sections 1 and 5).
enum Avoidable {
    /// The plan hotpatches later (the device is behind the baseline or off the track and
    /// catches up by itself): only the restarts before its first hotpatch month that a
    /// device on the track would not have, once.
    OneOff(usize),
    /// The LCU every month: a year's months against the baseline months of a year on the
    /// hotpatch track (its line, or Windows 11 24H2, the line it would be upgraded to).
    EveryYear(usize),
}

/// What fixing the LCU devices on `plan` avoids; the same for any horizon (the `months`
/// option): a year is always twelve months from the plan's first.
#[inline(never)]
fn avoidable(plan: &Plan, catalog: &Catalog) -> Avoidable {
    let baseline = baseline_months(plan, catalog);
    if let Some(h) = plan.months.iter().position(|m| m.update == UpdateKind::Hotpatch) {
        let before = &plan.months[..h];
        let restarts = before.iter().filter(|m| m.restart).count();
        return Avoidable::OneOff(restarts.saturating_sub(before.iter().filter(|m| baseline(m.month)).count()));
    }
    let Some(first) = plan.months.first().map(|m| m.month) else { return Avoidable::EveryYear(0) };
    let mut month = first;
    let mut baselines = 0;
    for _ in 0..12 {
        baselines += usize::from(baseline(month));
        month = month.next();
    }
    Avoidable::EveryYear(12 - baselines)
}

/// The restarts a device whose only failing check is the baseline has before it is back on
/// the track, counted from the catalog when its plan ends first: behind, the catch-up in
/// its first month unless that is a baseline month; off the track, the LCU in each month
/// before the next baseline month.
fn until_on_track(d: &DeviceReport, plan: &Plan, catalog: &Catalog) -> usize {
    let baseline = baseline_months(plan, catalog);
    let Some(mut month) = plan.months.first().map(|m| m.month) else { return 0 };
    if d.track == Track::Behind {
        return usize::from(!baseline(month));
    }
    let mut restarts = 0;
    while !baseline(month) && restarts < 12 {
        restarts += 1;
        month = month.next();
    }
    restarts
}

/// A sort key for "most `first`, then most `second`" (each capped at 2^32 − 1).
fn descending(first: usize, second: usize) -> u64 {
    let cap = |n: usize| u64::from(u32::MAX) - (n as u64).min(u64::from(u32::MAX));
    cap(first) << 32 | cap(second)
}
