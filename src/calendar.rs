//! The release calendar of an OS line: per month, what ships and when (CONTRACT.md,
//! "CalendarMonth"), from the catalog where it has the month and predicted otherwise.

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Confidence, MonthType, OobKind};
use crate::date::{Date, YearMonth};
use crate::error::ErrorCode;
use crate::fields::Fields;
use crate::platform::OsLine;
use crate::Error;

/// The most months one calendar request may ask for (ten years).
pub const MAX_CALENDAR_MONTHS: u32 = 120;

/// What to put in a calendar: `{ line, from, months, catalog? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarOptions {
    /// The OS line; `other` has no calendar.
    pub line: OsLine,
    /// The first month.
    pub from: YearMonth,
    /// How many months, 1–[`MAX_CALENDAR_MONTHS`].
    pub months: u32,
    /// The release data to use.
    pub catalog: crate::catalog::CatalogChoice,
}

impl CalendarOptions {
    /// Reads the options object as JS passes it (`{ line, from, months, catalog? }`).
    ///
    /// # Errors
    /// `INVALID_OPTION` naming the field, the value and what was expected.
    pub fn from_json(json: &str) -> Result<CalendarOptions, Error> {
        let f = Fields::document(json, "the options", ErrorCode::InvalidOption)?;
        f.only(&["line", "from", "months", "catalog", "builtInCatalog"])?;
        let line = f.hotpatch_line("line")?;
        let from = f.month("from")?.ok_or_else(|| f.bad_or_missing("from", "a month written YYYY-MM"))?;
        let months = f.int_in("months", 1..=MAX_CALENDAR_MONTHS)?.unwrap_or(12);
        let catalog = crate::catalog::CatalogChoice::read(&f)?;
        Ok(CalendarOptions { line, from, months, catalog })
    }
}

/// One month of a line's release calendar, as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarMonth {
    /// `YYYY-MM`.
    pub month: YearMonth,
    /// The B release date (Patch Tuesday).
    pub release: Date,
    /// Baseline (restart) or hotpatch (no restart on eligible devices).
    #[serde(rename = "type")]
    pub kind: MonthType,
    /// `false` for an unplanned baseline (or a hotpatch in a planned baseline month).
    pub planned: bool,
    /// `true` when the month is not in the catalog and its type comes from the planned
    /// calendar; `kb` and `build` are then null.
    pub predicted: bool,
    /// `false` when Microsoft has not said whether the month is a baseline or a hotpatch
    /// month (or the month is predicted): `type` is then the planned type.
    pub type_known: bool,
    /// The OS line.
    pub line: OsLine,
    /// The baseline or hotpatch KB.
    pub kb: Option<String>,
    /// The baseline or hotpatch build, `26100.7781`.
    pub build: Option<String>,
    /// The standard (restart) LCU's KB; in a baseline month, the baseline.
    pub lcu_kb: Option<String>,
    /// The standard LCU's build.
    pub lcu_build: Option<String>,
    /// Out-of-band releases of the month.
    pub oob: Vec<CalendarOob>,
    /// A hotpatch public-preview month.
    pub preview: bool,
    /// How sure the catalog is of this month.
    pub confidence: Confidence,
    /// A remark for people: where the data comes from or what is assumed.
    pub note: Option<String>,
}

/// An out-of-band release in a [`CalendarMonth`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarOob {
    /// Release date, when known.
    pub date: Option<Date>,
    /// Hotpatch or cumulative update.
    pub kind: OobKind,
    /// KB, when known.
    pub kb: Option<String>,
    /// Build, when known.
    pub build: Option<String>,
}

/// The release calendar for `options.line`, `options.months` months from `options.from`.
///
/// Every month appears, in order: from the catalog where it has the month, otherwise
/// predicted from the planned calendar with `predicted: true`, no KB and no build, and a note
/// saying where the catalog's data for the line ends.
///
/// # Errors
/// `INVALID_CATALOG` when `options.catalog` is not a valid catalog.
///
/// # Example
/// ```
/// use hotpatch_planner::{release_calendar, CalendarOptions, OsLine, YearMonth};
/// let months = release_calendar(&CalendarOptions {
///     line: OsLine::Win11_24H2,
///     from: YearMonth::parse("2026-01").unwrap(),
///     months: 12,
///     catalog: Default::default(),
/// }).unwrap();
/// assert_eq!(months[1].kb.as_deref(), Some("KB5077212"));
/// assert!(!months[8].type_known); // September 2026: its LCU is known, its type is not
/// assert!(months[10].predicted); // November 2026: beyond the built-in data
/// ```
pub fn release_calendar(options: &CalendarOptions) -> Result<Vec<CalendarMonth>, Error> {
    let catalog = options.catalog.load()?;
    Ok(calendar(&catalog, options.line, options.from, options.months))
}

/// The calendar of a line from an already loaded catalog.
pub fn calendar(catalog: &Catalog, line: OsLine, from: YearMonth, months: u32) -> Vec<CalendarMonth> {
    let data = catalog.line(line);
    let build = |ubr: Option<u32>| ubr.and_then(|u| data.map(|d| d.build_string(u)));
    let coverage = match (data.and_then(|d| d.months.first()), data.and_then(|d| d.months.last())) {
        (Some(first), Some(last)) => format!("the catalog covers {} to {} for this line", first.month, last.month),
        _ => "the catalog has no data for this line".to_string(),
    };
    (0..months as i32)
        .map(|i| {
            let view = catalog.month(line, from.plus(i));
            match view.entry {
                Some(e) => CalendarMonth {
                    month: view.month,
                    release: view.release,
                    kind: view.kind,
                    planned: view.planned,
                    predicted: false,
                    type_known: e.type_known,
                    line,
                    kb: e.kb.clone(),
                    build: build(e.ubr),
                    lcu_kb: e.lcu_kb.clone(),
                    lcu_build: build(e.lcu_ubr),
                    oob: e
                        .oob
                        .iter()
                        .map(|o| CalendarOob { date: o.date, kind: o.kind, kb: o.kb.clone(), build: build(o.ubr) })
                        .collect(),
                    preview: e.preview,
                    confidence: e.confidence,
                    note: e.note.clone(),
                },
                None => CalendarMonth {
                    month: view.month,
                    release: view.release,
                    kind: view.kind,
                    planned: true,
                    predicted: true,
                    type_known: false,
                    line,
                    kb: None,
                    build: None,
                    lcu_kb: None,
                    lcu_build: None,
                    oob: Vec::new(),
                    preview: false,
                    confidence: Confidence::Unclear,
                    note: Some(if view.after_support {
                        format!("Predicted: hotpatch support for {} ends after {}, so every month needs a restart ({coverage}).", line.display_name(), data.and_then(|d| d.hotpatch_until).map_or_else(String::new, |m| m.long_name()))
                    } else {
                        format!("Predicted from the planned calendar: {coverage}.")
                    }),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cal(line: OsLine, from: &str, months: u32) -> Vec<CalendarMonth> {
        release_calendar(&CalendarOptions {
            line,
            from: YearMonth::parse(from).unwrap(),
            months,
            catalog: Default::default(),
        })
        .unwrap()
    }

    #[test]
    fn win11_2026_has_catalog_months_then_predicted_ones() {
        let months = cal(OsLine::Win11_24H2, "2026-01", 12);
        assert_eq!(months.len(), 12);
        let kbs: Vec<_> = months.iter().map(|m| m.kb.as_deref()).collect();
        assert_eq!(
            &kbs[..7],
            &[
                Some("KB5074109"),
                Some("KB5077212"),
                Some("KB5079420"),
                Some("KB5083769"),
                Some("KB5089466"),
                Some("KB5094126"),
                Some("KB5101650")
            ]
        );
        // August: a hotpatch month (secondary reports), with its standard LCU.
        assert!(!months[7].predicted && months[7].type_known);
        assert_eq!((months[7].kb.as_deref(), months[7].lcu_build.as_deref()), (Some("KB5120994"), Some("26100.9168")));
        // September and October: the standard LCU is known, the type is not (DOMAIN.md section 7).
        assert!(months[8..10].iter().all(|m| !m.predicted && !m.type_known));
        assert_eq!(
            (months[8].kind, months[8].kb.as_deref(), months[8].lcu_build.as_deref()),
            (MonthType::Hotpatch, None, Some("26100.9445"))
        );
        assert_eq!((months[9].kind, months[9].build.as_deref()), (MonthType::Baseline, Some("26100.9711")));
        assert!(months[10..].iter().all(|m| m.predicted && m.kb.is_none() && m.build.is_none()));
        // June 2026: unplanned baseline (DOMAIN.md section 1).
        assert_eq!((months[5].kind, months[5].planned), (MonthType::Baseline, false));
        assert_eq!(months[9].kind, MonthType::Baseline, "October is a planned baseline");
        assert_eq!(months[1].build.as_deref(), Some("26100.7781"));
        assert_eq!(months[1].lcu_build.as_deref(), Some("26100.7840"));
    }

    #[test]
    fn win11_25h2_uses_26200_builds() {
        let months = cal(OsLine::Win11_25H2, "2025-10", 3);
        assert_eq!(months[1].build.as_deref(), Some("26200.7092"));
        assert_eq!(months[1].oob[0].build.as_deref(), Some("26200.7093"));
        // Before October 2025 the 25H2 line has no data: predicted.
        assert!(cal(OsLine::Win11_25H2, "2025-09", 1)[0].predicted);
    }

    #[test]
    fn options_from_json_name_the_field() {
        let err = CalendarOptions::from_json(&serde_json::json!({ "line": "win12", "from": "2026-01" }).to_string())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "line: found \"win12\", expected one of \"win11-24h2\", \"win11-25h2\", \"win11-26h2\", \"ws2025\", \"ws2022\""
        );
        let err = CalendarOptions::from_json(&serde_json::json!({ "line": "ws2025", "from": "2026-1" }).to_string())
            .unwrap_err();
        assert_eq!(err.to_string(), "from: found \"2026-1\", expected a month written YYYY-MM");
        let err = CalendarOptions::from_json(
            &serde_json::json!({ "line": "ws2025", "from": "2026-01", "months": 0 }).to_string(),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "months: found the number 0, expected a whole number from 1 to 120");
        let ok = CalendarOptions::from_json(&serde_json::json!({ "line": "ws2025", "from": "2026-01" }).to_string())
            .unwrap();
        assert_eq!(ok.months, 12);
    }
}
