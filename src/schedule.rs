//! A device's update plan, month by month: what it receives, whether it restarts, and when
//! the update is offered, must install, and forces a restart (DOMAIN.md section 6,
//! CONTRACT.md "plans").

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, MonthType};
use crate::date::{Date, YearMonth};
use crate::device::Ring;
use crate::platform::OsLine;
use crate::rules::PlanStart;

/// What a device receives in a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpdateKind {
    /// A hotpatch: no restart.
    Hotpatch,
    /// The quarterly baseline: restart.
    Baseline,
    /// The standard cumulative update: restart.
    Lcu,
    /// Baseline plus hotpatch for a device that was behind: restart.
    CatchUp,
}

impl UpdateKind {
    /// The id the report writes: `hotpatch`, `baseline`, `lcu`, `catch-up`.
    pub fn id(self) -> &'static str {
        match self {
            UpdateKind::Hotpatch => "hotpatch",
            UpdateKind::Baseline => "baseline",
            UpdateKind::Lcu => "lcu",
            UpdateKind::CatchUp => "catch-up",
        }
    }

    /// Reads an id.
    pub fn from_id(id: &str) -> Option<UpdateKind> {
        [UpdateKind::Hotpatch, UpdateKind::Baseline, UpdateKind::Lcu, UpdateKind::CatchUp]
            .into_iter()
            .find(|k| k.id() == id)
    }

    /// Whether it needs a restart.
    pub fn restart(self) -> bool {
        self != UpdateKind::Hotpatch
    }
}

/// One month of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanMonth {
    /// `YYYY-MM`.
    pub month: YearMonth,
    /// The B release date.
    pub release: Date,
    /// What the device receives.
    pub update: UpdateKind,
    /// Whether it restarts.
    pub restart: bool,
    /// The month lies beyond the catalog (`kb` and `build` are then null), or its type
    /// (baseline or hotpatch) is not known and was taken from the planned calendar.
    pub predicted: bool,
    /// The KB the device installs, when known.
    pub kb: Option<String>,
    /// The build it ends on, when known (`26100.8390`).
    pub build: Option<String>,
    /// Release + deferral.
    pub offer: Date,
    /// Offer + deadline: installed automatically by then.
    pub install_by: Date,
    /// Offer + max(deadline, grace) when a restart is needed: the forced restart.
    pub restart_by: Option<Date>,
}

/// A schedule shared by every device that receives the same updates on the same dates.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The OS line; `null` when the device's build is unknown.
    pub line: Option<OsLine>,
    /// The ring name; `null` for the default ring when it has no name.
    pub ring: Option<String>,
    /// `true` when the plan assumes the device's unknown checks pass.
    pub conditional: bool,
    /// One entry per month of the horizon.
    pub months: Vec<PlanMonth>,
    /// For a plan that restarts first and hotpatches later, the month of its one catch-up
    /// restart: behind the baseline, or the baseline itself when that comes first.
    pub catch_up: Option<YearMonth>,
    /// For a plan that takes the LCU first and hotpatches later (off the track), the baseline
    /// month it takes the LCU until.
    pub until_baseline: Option<YearMonth>,
}

/// The first month of a plan: the first B release whose offer date (release + deferral) is
/// on or after `as_of`. Deferral is at most 30 days and B releases fall on the 8th–14th, so
/// the previous month's release is the earliest that can still be offered on or after
/// `as_of`.
pub fn first_month(catalog: &Catalog, line: OsLine, deferral_days: u32, as_of: Date) -> YearMonth {
    let mut month = as_of.year_month().prev();
    while catalog.month(line, month).release.add_days(deferral_days) < as_of {
        month = month.next();
    }
    month
}

/// Builds a plan of `months` months for a device of `line` (or an unknown line) in `ring`,
/// starting as `start` says.
///
/// Month by month (CONTRACT.md): a baseline month gives `baseline` to every device on a
/// hotpatch line; a hotpatch month gives `hotpatch` to an eligible device on the track,
/// `catch-up` to one that is behind (after which it is on the track), and `lcu` otherwise; an
/// off-track device rejoins at the next baseline. A device with no hotpatch line gets `lcu`
/// every month.
#[allow(clippy::too_many_arguments)]
pub fn plan(
    catalog: &Catalog,
    line: Option<OsLine>,
    ring_name: Option<&str>,
    ring: &Ring,
    start: PlanStart,
    conditional: bool,
    as_of: Date,
    months: u32,
) -> Plan {
    let catalog_line = line.unwrap_or(OsLine::Other);
    let data = catalog.line(catalog_line);
    let first = first_month(catalog, catalog_line, ring.deferral_days, as_of);
    let mut state = start;
    let entries = (0..months as i32)
        .map(|i| {
            let view = catalog.month(catalog_line, first.plus(i));
            let baseline_month = view.kind == MonthType::Baseline;
            let update = match state {
                PlanStart::LcuOnly => UpdateKind::Lcu,
                _ if baseline_month => UpdateKind::Baseline,
                PlanStart::Ineligible | PlanStart::OffTrack => UpdateKind::Lcu,
                PlanStart::OnTrack => UpdateKind::Hotpatch,
                PlanStart::Behind => UpdateKind::CatchUp,
            };
            // A baseline or a catch-up puts an eligible device back on the track.
            if matches!(state, PlanStart::Behind | PlanStart::OffTrack)
                && matches!(update, UpdateKind::Baseline | UpdateKind::CatchUp)
            {
                state = PlanStart::OnTrack;
            }
            // A predicted month (beyond the catalog, or of unknown type) names no KB or build:
            // what the device installs rests on the predicted type (CONTRACT.md).
            let (kb, ubr) = match (view.entry.filter(|e| e.type_known), update) {
                (None, _) => (None, None),
                (Some(e), UpdateKind::Lcu) if view.kind == MonthType::Hotpatch => (e.lcu_kb.clone(), e.lcu_ubr),
                (Some(e), _) => (e.kb.clone(), e.ubr),
            };
            let offer = view.release.add_days(ring.deferral_days);
            let restart = update.restart();
            PlanMonth {
                month: view.month,
                release: view.release,
                update,
                restart,
                // A month of unknown type is predicted too: what the device gets rests on it.
                predicted: !view.type_known(),
                kb,
                build: ubr.and_then(|u| data.map(|d| d.build_string(u))),
                offer,
                install_by: offer.add_days(ring.deadline_days),
                restart_by: restart.then(|| offer.add_days(ring.deadline_days.max(ring.grace_days))),
            }
        })
        .collect::<Vec<_>>();
    // How it gets onto the track: the first restart before its first hotpatch.
    let before = match entries.iter().position(|m| m.update == UpdateKind::Hotpatch) {
        Some(h) => &entries[..h],
        None => &[],
    };
    let first_restart = before.iter().find(|m| m.restart);
    let catch_up = first_restart.filter(|m| m.update != UpdateKind::Lcu).map(|m| m.month);
    let until_baseline = match first_restart {
        Some(m) if m.update == UpdateKind::Lcu => {
            before.iter().find(|m| m.update == UpdateKind::Baseline).map(|m| m.month)
        }
        _ => None,
    };
    Plan { line, ring: ring_name.map(str::to_owned), conditional, months: entries, catch_up, until_baseline }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn kinds(p: &Plan) -> Vec<(String, UpdateKind)> {
        p.months.iter().map(|m| (m.month.to_string(), m.update)).collect()
    }

    #[test]
    fn first_month_is_the_first_release_offered_on_or_after_as_of() {
        let c = Catalog::built_in();
        let ym = |s| YearMonth::parse(s).unwrap();
        // Broad ring (deferral 9): the May 12 release is offered May 21.
        assert_eq!(first_month(&c, OsLine::Win11_24H2, 9, d("2026-05-21")), ym("2026-05"));
        assert_eq!(first_month(&c, OsLine::Win11_24H2, 9, d("2026-05-22")), ym("2026-06"));
        // Deferral 30: April 14 + 30 = May 14.
        assert_eq!(first_month(&c, OsLine::Win11_24H2, 30, d("2026-05-01")), ym("2026-04"));
        assert_eq!(first_month(&c, OsLine::Win11_24H2, 0, d("2026-05-12")), ym("2026-05"));
    }

    #[test]
    fn dates_follow_the_ring() {
        // DOMAIN.md section 6: offer = release + deferral; installBy = offer + deadline;
        // restartBy = offer + max(deadline, grace).
        let c = Catalog::built_in();
        let broad = Ring::new(9, 5, 2);
        let p =
            plan(&c, Some(OsLine::Win11_24H2), Some("Broad"), &broad, PlanStart::OnTrack, false, d("2026-05-13"), 3);
        let m = &p.months[0];
        assert_eq!(
            (m.month.to_string(), m.release.to_string(), m.offer.to_string(), m.install_by.to_string()),
            ("2026-05".into(), "2026-05-12".into(), "2026-05-21".into(), "2026-05-26".into())
        );
        assert_eq!(
            (m.update, m.restart, m.restart_by, m.kb.as_deref(), m.build.as_deref()),
            (UpdateKind::Hotpatch, false, None, Some("KB5089466"), Some("26100.8390"))
        );
        let june = &p.months[1];
        assert_eq!(
            (june.update, june.restart_by.map(|d| d.to_string())),
            (UpdateKind::Baseline, Some("2026-06-23".into()))
        );
        let grace = Ring::new(0, 1, 5);
        let p = plan(&c, Some(OsLine::Win11_24H2), None, &grace, PlanStart::OnTrack, false, d("2026-06-01"), 1);
        assert_eq!(
            p.months[0].restart_by.map(|d| d.to_string()).as_deref(),
            Some("2026-06-14"),
            "grace longer than the deadline"
        );
    }

    #[test]
    fn plans_by_starting_state() {
        let c = Catalog::built_in();
        let ring = Ring::SUGGESTED;
        let as_of = d("2026-02-01");
        let line = Some(OsLine::Win11_24H2);
        let run = |start| kinds(&plan(&c, line, None, &ring, start, false, as_of, 6));
        use UpdateKind::*;
        let months = ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"].map(String::from);
        let with = |k: [UpdateKind; 6]| months.iter().cloned().zip(k).collect::<Vec<_>>();
        assert_eq!(run(PlanStart::OnTrack), with([Hotpatch, Hotpatch, Baseline, Hotpatch, Baseline, Baseline]));
        assert_eq!(run(PlanStart::Behind), with([CatchUp, Hotpatch, Baseline, Hotpatch, Baseline, Baseline]));
        assert_eq!(run(PlanStart::OffTrack), with([Lcu, Lcu, Baseline, Hotpatch, Baseline, Baseline]));
        assert_eq!(run(PlanStart::Ineligible), with([Lcu, Lcu, Baseline, Lcu, Baseline, Baseline]));
        assert_eq!(run(PlanStart::LcuOnly), with([Lcu; 6]));
        // The LCU of a hotpatch month carries the standard LCU's KB.
        let p = plan(&c, line, None, &ring, PlanStart::OffTrack, false, as_of, 1);
        assert_eq!((p.months[0].kb.as_deref(), p.months[0].build.as_deref()), (Some("KB5077181"), Some("26100.7840")));
    }

    #[test]
    fn months_beyond_the_catalog_are_predicted() {
        let c = Catalog::built_in();
        let p =
            plan(&c, Some(OsLine::Win11_25H2), None, &Ring::SUGGESTED, PlanStart::OnTrack, true, d("2026-08-01"), 4);
        // August is known; September and October have no known type; November is beyond.
        assert_eq!(p.months.iter().map(|m| m.predicted).collect::<Vec<_>>(), [false, true, true, true]);
        assert_eq!(p.months[0].kb.as_deref(), Some("KB5120994"));
        assert_eq!(p.months[0].update, UpdateKind::Hotpatch);
        assert_eq!(
            (p.months[1].kb.as_deref(), p.months[1].build.as_deref()),
            (None, None),
            "September's type is not known"
        );
        assert_eq!(p.months[2].update, UpdateKind::Baseline, "October, predicted");
        assert!(p.months[3].kb.is_none() && p.months[3].build.is_none());
        // An unknown line follows the planned calendar.
        let p = plan(&c, None, None, &Ring::SUGGESTED, PlanStart::OnTrack, true, d("2026-08-01"), 3);
        assert!(p.months.iter().all(|m| m.predicted));
    }
}
