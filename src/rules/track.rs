//! Placing a build on the hotpatch track, as of an evaluation date (DOMAIN.md section 5).

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, CatalogMonth, KnownBuild, MonthType, OobKind};
use crate::date::{Date, YearMonth};
use crate::platform::OsLine;

/// Where a device stands relative to its line's hotpatch track.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// On the latest baseline (rule 1).
    Baseline,
    /// On a hotpatch (or OOB hotpatch) released after the latest baseline (rule 2).
    Hotpatch,
    /// On a build older than the latest baseline (rule 3): the next hotpatch month catches
    /// it up with a restart.
    Behind,
    /// On a standard, OOB or preview LCU after the latest baseline (rule 4): LCUs until the
    /// next baseline.
    OffTrack,
    /// The planner cannot tell (rule 5): no UBR, a build the catalog does not know, or a
    /// catalog that does not reach the evaluation date.
    Unknown,
    /// No hotpatch track exists for the device's version (Windows 10, Windows 11 before
    /// 24H2, other servers): not "off track" (DOMAIN.md section 4).
    None,
}

impl Track {
    /// The id the report writes.
    pub fn id(self) -> &'static str {
        match self {
            Track::Baseline => "baseline",
            Track::Hotpatch => "hotpatch",
            Track::Behind => "behind",
            Track::OffTrack => "off-track",
            Track::Unknown => "unknown",
            Track::None => "none",
        }
    }
}

/// Why a build is where it is; carries what the finding's words need.
#[derive(Clone, Debug, PartialEq)]
pub enum Placement<'c> {
    /// The inventory gives no UBR.
    NoUbr,
    /// The catalog has no data for the line.
    NoCatalog,
    /// The catalog's first month for the line is after the evaluation date.
    BeforeCatalog {
        /// The line's first catalog month.
        first: YearMonth,
    },
    /// A month between the latest catalog baseline and the evaluation date is not in the
    /// catalog, so it may have brought a newer baseline.
    Gap {
        /// The newest month the catalog lacks (at or before the evaluation date).
        missing: YearMonth,
        /// Its B release date.
        release: Date,
    },
    /// The latest baseline's build is not in the catalog.
    BaselineBuildUnknown {
        /// The baseline.
        baseline: &'c CatalogMonth,
    },
    /// The build was released after the evaluation date.
    Future {
        /// The build.
        build: &'c KnownBuild,
    },
    /// The build is newer than every build the catalog knows as of the evaluation date.
    NewerThanCatalog,
    /// The build is unlisted and a hotpatch after the baseline has no known build: it may be
    /// that hotpatch.
    Ambiguous {
        /// The month whose hotpatch build is unknown.
        month: YearMonth,
    },
    /// Rule 1.
    OnBaseline {
        /// The latest baseline.
        baseline: &'c CatalogMonth,
    },
    /// Rule 2.
    OnHotpatch {
        /// The latest baseline.
        baseline: &'c CatalogMonth,
        /// The hotpatch build.
        build: &'c KnownBuild,
    },
    /// Rule 3.
    Behind {
        /// The latest baseline the catalog knows.
        baseline: &'c CatalogMonth,
        /// The device's build, when the catalog knows it.
        build: Option<&'c KnownBuild>,
    },
    /// Rule 4: a known non-hotpatch build, or (`build: None`) an unlisted build such as a
    /// preview, after the latest baseline.
    OffTrack {
        /// The latest baseline.
        baseline: &'c CatalogMonth,
        /// The device's build, when the catalog knows it.
        build: Option<&'c KnownBuild>,
    },
}

impl Placement<'_> {
    /// The track this placement means.
    pub fn track(&self) -> Track {
        match self {
            Placement::OnBaseline { .. } => Track::Baseline,
            Placement::OnHotpatch { .. } => Track::Hotpatch,
            Placement::Behind { .. } => Track::Behind,
            Placement::OffTrack { .. } => Track::OffTrack,
            _ => Track::Unknown,
        }
    }
}

/// Places build `line`.`ubr` on the track as of `as_of`.
///
/// The latest baseline is the newest baseline of the line released on or before `as_of`. A
/// build older than the newest baseline the catalog knows is behind even when the catalog
/// stops short of `as_of` (a later baseline would only make it further behind); every other
/// answer needs the catalog to cover every month up to `as_of`.
pub fn place(catalog: &Catalog, line: OsLine, ubr: Option<u32>, as_of: Date) -> Placement<'_> {
    let Some(data) = catalog.line(line) else { return Placement::NoCatalog };
    let Some(first) = data.months.first().map(|m| m.month) else { return Placement::NoCatalog };
    let mut month = as_of.year_month();
    let mut gap: Option<(YearMonth, Date)> = None;
    let baseline = loop {
        if month < first {
            break None;
        }
        let view = catalog.month(line, month);
        if view.release <= as_of {
            match view.entry {
                None => {
                    gap.get_or_insert((month, view.release));
                }
                Some(entry) if entry.kind == MonthType::Baseline => break Some(entry),
                Some(_) => {}
            }
        }
        month = month.prev();
    };
    let Some(baseline) = baseline else {
        return match gap {
            Some((missing, release)) if first <= as_of.year_month() => Placement::Gap { missing, release },
            _ => Placement::BeforeCatalog { first },
        };
    };
    let Some(ubr) = ubr else { return Placement::NoUbr };
    let Some(baseline_ubr) = baseline.ubr else { return Placement::BaselineBuildUnknown { baseline } };
    if ubr < baseline_ubr {
        return Placement::Behind { baseline, build: catalog.identify(line, ubr) };
    }
    if let Some((missing, release)) = gap {
        return Placement::Gap { missing, release };
    }
    if ubr == baseline_ubr {
        return Placement::OnBaseline { baseline };
    }
    if let Some(build) = catalog.identify(line, ubr) {
        if build.date > as_of {
            return Placement::Future { build };
        }
        return if build.is_on_track() {
            Placement::OnHotpatch { baseline, build }
        } else {
            Placement::OffTrack { baseline, build: Some(build) }
        };
    }
    let newest = catalog.builds(line).iter().filter(|b| b.date <= as_of).map(|b| b.ubr).max().unwrap_or(0);
    if ubr > newest {
        return Placement::NewerThanCatalog;
    }
    // A hotpatch released after the baseline whose build the catalog does not know could be
    // exactly this build.
    let unknown_hotpatch = data.months.iter().filter(|m| m.month >= baseline.month && m.release <= as_of).find(|m| {
        (m.kind == MonthType::Hotpatch && m.ubr.is_none())
            || m.oob.iter().any(|o| o.kind == OobKind::Hotpatch && o.ubr.is_none() && o.date.is_none_or(|d| d <= as_of))
    });
    match unknown_hotpatch {
        Some(m) => Placement::Ambiguous { month: m.month },
        None => Placement::OffTrack { baseline, build: None },
    }
}

/// The months from `from` to `as_of` (released on or before it) whose type the catalog does
/// not know, so a placement that spans them rests on their planned type (DOMAIN.md section 7:
/// "treated as its planned type, marked predicted type").
pub fn predicted_types(catalog: &Catalog, line: OsLine, from: YearMonth, as_of: Date) -> Vec<YearMonth> {
    let Some(data) = catalog.line(line) else { return Vec::new() };
    let start = data.months.partition_point(|m| m.month < from);
    data.months[start..].iter().take_while(|m| m.release <= as_of).filter(|m| !m.type_known).map(|m| m.month).collect()
}

/// The next baseline month of a line after `as_of` (from the catalog, else the planned
/// calendar), with whether it is predicted.
pub fn next_baseline(catalog: &Catalog, line: OsLine, as_of: Date) -> (YearMonth, bool) {
    let mut month = as_of.year_month();
    for _ in 0..24 {
        let view = catalog.month(line, month);
        if view.release > as_of && view.kind == MonthType::Baseline {
            return (month, !view.type_known());
        }
        month = month.next();
    }
    (month, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// DOMAIN.md section 5, rule by rule, on the built-in catalog.
    #[test]
    fn track_rules_of_section_5() {
        let c = Catalog::built_in();
        let cases: &[(OsLine, Option<u32>, &str, Track, &str)] = &[
            // Rule 1: on the latest baseline.
            (OsLine::Win11_24H2, Some(8246), "2026-05-01", Track::Baseline, "April 2026 baseline"),
            // Rule 2: hotpatch after the latest baseline, incl. OOB hotpatch.
            (OsLine::Win11_24H2, Some(7781), "2026-03-01", Track::Hotpatch, "Feb hotpatch in March"),
            (OsLine::Win11_24H2, Some(7781), "2026-03-20", Track::Hotpatch, "Feb hotpatch after March release"),
            (OsLine::Win11_24H2, Some(7093), "2025-12-01", Track::Hotpatch, "Nov 2025 OOB hotpatch"),
            (OsLine::Win11_24H2, Some(3983), "2025-06-01", Track::Hotpatch, "May 2025 OOB hotpatch"),
            // Rule 3: older than the latest baseline.
            (OsLine::Win11_24H2, Some(7781), "2026-04-20", Track::Behind, "Feb hotpatch after April baseline"),
            (OsLine::Win11_24H2, Some(2894), "2026-05-20", Track::Behind, "January 2025 baseline"),
            (OsLine::Win11_24H2, Some(1000), "2026-05-20", Track::Behind, "an unlisted old build"),
            // Rule 4: a standard LCU, an OOB LCU or an unlisted (preview) build after the baseline.
            (OsLine::Win11_24H2, Some(7840), "2026-03-01", Track::OffTrack, "Feb standard LCU"),
            (OsLine::Win11_24H2, Some(7628), "2026-02-01", Track::OffTrack, "Jan OOB LCU"),
            (OsLine::Win11_24H2, Some(8894), "2026-08-01", Track::OffTrack, "July OOB LCU"),
            (OsLine::Win11_24H2, Some(8300), "2026-06-10", Track::Behind, "unlisted, after June's unplanned baseline"),
            (OsLine::Win11_24H2, Some(8300), "2026-05-20", Track::OffTrack, "unlisted between May hotpatch and LCU"),
            // Rule 5: unknown.
            (OsLine::Win11_24H2, None, "2026-05-20", Track::Unknown, "no UBR"),
            (OsLine::Win11_24H2, Some(9711), "2026-11-22", Track::Unknown, "catalog ends 2026-10: November not known"),
            (
                OsLine::Win11_24H2,
                Some(8875),
                "2026-11-22",
                Track::Behind,
                "July baseline after October (planned baseline)",
            ),
            // Months of unknown type count as their planned type (section 7).
            (
                OsLine::Win11_24H2,
                Some(9711),
                "2026-11-05",
                Track::Baseline,
                "October LCU, taken as the planned baseline",
            ),
            (OsLine::Win11_24H2, Some(9445), "2026-09-20", Track::OffTrack, "September LCU, planned hotpatch month"),
            (OsLine::Win11_26H2, Some(9711), "2026-11-05", Track::Baseline, "26H2 shares 24H2's builds"),
            // Previews (D releases) are recognised: off the track (rule 4).
            (OsLine::Win11_24H2, Some(8524), "2026-06-01", Track::OffTrack, "May 2026 preview"),
            (OsLine::Win11_24H2, Some(9999), "2026-08-20", Track::Unknown, "newer than the catalog"),
            (OsLine::Win11_24H2, Some(8246), "2026-03-01", Track::Unknown, "released after the evaluation date"),
            (OsLine::Win11_24H2, Some(9000), "2026-08-20", Track::OffTrack, "unlisted, after the July baseline"),
            (OsLine::Win11_24H2, Some(8893), "2026-08-01", Track::Hotpatch, "July OOB hotpatch"),
            (OsLine::Win11_24H2, Some(7985), "2026-03-20", Track::Unknown, "March OOB hotpatch build unknown"),
            (OsLine::Win11_24H2, Some(2240), "2024-10-01", Track::Unknown, "before the catalog"),
            // Behind stays certain beyond the catalog's end.
            (OsLine::Win11_24H2, Some(7623), "2026-11-22", Track::Behind, "Jan 2026 baseline in November"),
            // Unplanned baseline in June 2026: the May hotpatch is behind after June 9.
            (OsLine::Win11_24H2, Some(8390), "2026-06-08", Track::Hotpatch, "May hotpatch before June release"),
            (OsLine::Win11_24H2, Some(8390), "2026-06-10", Track::Behind, "May hotpatch after unplanned June baseline"),
            // 25H2 shares UBRs (section 2).
            (OsLine::Win11_25H2, Some(8390), "2026-05-20", Track::Hotpatch, "25H2 May hotpatch"),
            (OsLine::Win11_25H2, Some(6899), "2025-11-01", Track::Baseline, "25H2 October 2025 baseline"),
            // Windows Server 2025's own series since January 2026.
            (OsLine::Ws2025, Some(32313), "2026-03-01", Track::Hotpatch, "WS2025 Feb hotpatch"),
            (OsLine::Ws2025, Some(32370), "2026-03-01", Track::OffTrack, "WS2025 Feb LCU"),
            (OsLine::Ws2025, Some(32698), "2026-05-01", Track::OffTrack, "WS2025 April OOB"),
            (OsLine::Ws2025, Some(7781), "2026-03-01", Track::Behind, "a client build on WS2025 in 2026"),
            (
                OsLine::Ws2025,
                Some(33000),
                "2026-07-20",
                Track::Behind,
                "older than July's LCU, taken as the planned baseline",
            ),
            (
                OsLine::Ws2025,
                Some(33158),
                "2026-07-20",
                Track::Baseline,
                "WS2025 July LCU, type unknown (planned baseline)",
            ),
            (OsLine::Ws2025, Some(33222), "2026-08-20", Track::Hotpatch, "WS2025 August hotpatch"),
            // Windows Server 2022, including its unplanned baseline and its catalog gap.
            (OsLine::Ws2022, Some(2655), "2024-09-01", Track::Baseline, "WS2022 Aug 2024 unplanned baseline"),
            (OsLine::Ws2022, Some(2582), "2024-09-01", Track::Behind, "WS2022 July 2024 after August baseline"),
            (OsLine::Ws2022, Some(2695), "2024-12-01", Track::Unknown, "WS2022 catalog gap Oct–Dec 2024"),
            (OsLine::Ws2022, Some(5074), "2026-05-20", Track::Hotpatch, "WS2022 May 2026 hotpatch"),
            (
                OsLine::Ws2022,
                Some(5074),
                "2026-06-20",
                Track::Hotpatch,
                "WS2022 May hotpatch; June type unknown (planned hotpatch)",
            ),
            (OsLine::Ws2022, Some(4655), "2026-02-01", Track::Hotpatch, "WS2022 January OOB hotpatch"),
        ];
        for &(line, ubr, as_of, track, what) in cases {
            let p = place(&c, line, ubr, d(as_of));
            assert_eq!(p.track(), track, "{what}: {line} {ubr:?} as of {as_of}: {p:?}");
        }
    }

    #[test]
    fn placements_over_months_of_unknown_type_name_them() {
        let c = Catalog::built_in();
        let ym = |s| YearMonth::parse(s).unwrap();
        assert_eq!(
            predicted_types(&c, OsLine::Win11_24H2, ym("2026-07"), d("2026-11-05")),
            [ym("2026-09"), ym("2026-10")]
        );
        assert_eq!(predicted_types(&c, OsLine::Win11_24H2, ym("2026-04"), d("2026-08-20")), Vec::<YearMonth>::new());
    }

    #[test]
    fn a_gap_names_the_month_the_catalog_lacks() {
        let c = Catalog::built_in();
        assert_eq!(
            place(&c, OsLine::Win11_24H2, Some(9711), d("2026-11-22")),
            Placement::Gap { missing: YearMonth::parse("2026-11").unwrap(), release: d("2026-11-10") }
        );
    }

    #[test]
    fn next_baseline_comes_from_catalog_or_plan() {
        let c = Catalog::built_in();
        let ym = |s| YearMonth::parse(s).unwrap();
        assert_eq!(next_baseline(&c, OsLine::Win11_24H2, d("2026-05-20")), (ym("2026-06"), false));
        assert_eq!(next_baseline(&c, OsLine::Win11_24H2, d("2026-07-20")), (ym("2026-10"), true));
        assert_eq!(
            next_baseline(&c, OsLine::Ws2025, d("2026-06-20")),
            (ym("2026-07"), true),
            "July 2026 is of unknown type for WS2025: its planned type, a baseline, predicted"
        );
    }
}
