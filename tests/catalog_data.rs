//! The built-in release catalog, checked as data (DOMAIN.md sections 5 and 7), and the
//! merging and validation of user catalogs.
//!
//! The data checks read `data/catalog.json` directly with serde_json as well as through the
//! catalog reader, so a bug in the reader cannot hide a bad row.
//!
//! Native only: the catalog reader is not in the browser's core module (its built-in data is
//! Rust data generated from the JSON: `src/catalog/built_in.rs`).
#![cfg(not(target_arch = "wasm32"))]

use hotpatch_planner::{release_calendar, BuildKind, CalendarOptions, Catalog, Date, MonthType, OsLine, YearMonth};
use serde_json::Value;

fn raw() -> Value {
    serde_json::from_str(hotpatch_planner::catalog::BUILT_IN_JSON).unwrap()
}

fn raw_months(line: &str) -> Vec<Value> {
    raw()["lines"][line]["months"].as_array().cloned().unwrap_or_default()
}

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).unwrap()
}

const LINES_WITH_ROWS: [&str; 3] = ["win11-24h2", "ws2025", "ws2022"];

#[test]
fn months_are_in_order() {
    for line in LINES_WITH_ROWS {
        let months: Vec<YearMonth> = raw_months(line).iter().map(|m| ym(m["month"].as_str().unwrap())).collect();
        assert!(months.windows(2).all(|w| w[0] < w[1]), "{line}: {months:?}");
    }
}

#[test]
fn b_releases_are_on_second_tuesdays() {
    for line in LINES_WITH_ROWS {
        for m in raw_months(line) {
            let release = Date::parse(m["release"].as_str().unwrap()).unwrap();
            assert_eq!(release.weekday_from_monday(), 1, "{line} {}: not a Tuesday", m["month"]);
            assert!((8..=14).contains(&release.day()), "{line} {}: not the second Tuesday", m["month"]);
            assert_eq!(release.year_month().to_string(), m["month"].as_str().unwrap());
        }
    }
}

#[test]
fn hotpatch_builds_are_lower_than_the_same_months_lcu() {
    let mut compared = 0;
    for line in LINES_WITH_ROWS {
        for m in raw_months(line) {
            if let (Some("hotpatch"), Some(hp), Some(lcu)) =
                (m["type"].as_str(), m["ubr"].as_u64(), m["lcuUbr"].as_u64())
            {
                assert!(hp < lcu, "{line} {}: hotpatch {hp} >= LCU {lcu}", m["month"]);
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 31, "hotpatch months with both builds in the data file");
}

#[test]
fn every_hotpatch_month_comes_after_a_baseline() {
    let catalog = Catalog::built_in();
    for line in catalog.lines() {
        let mut since_baseline = false;
        let mut previous: Option<YearMonth> = None;
        for m in &line.months {
            if previous.is_some_and(|p| p.next() != m.month) {
                since_baseline = false;
            }
            previous = Some(m.month);
            match m.kind {
                MonthType::Baseline => since_baseline = true,
                // A month of unknown type only predicts a hotpatch (DOMAIN.md section 7), and a
                // month a line inherits was checked on the line it follows.
                MonthType::Hotpatch if !m.type_known || m.inherited => {}
                // The 2024 hotpatch preview built on an October 2024 baseline the catalog lacks.
                MonthType::Hotpatch => assert!(since_baseline || m.preview, "{} {}", line.line, m.month),
            }
        }
    }
}

#[test]
fn the_reader_finds_no_problem_in_the_built_in_data() {
    assert_eq!(Catalog::built_in().problems(), Vec::<String>::new());
}

#[test]
fn the_catalog_holds_every_row_of_domain_section_7() {
    // (line, month, type, kb, ubr, lcu kb, lcu ubr): a spot check of each table's rows.
    type Row<'a> = (OsLine, &'a str, MonthType, Option<&'a str>, Option<u32>, Option<&'a str>, Option<u32>);
    let rows: &[Row] = &[
        (
            OsLine::Win11_24H2,
            "2024-11",
            MonthType::Hotpatch,
            Some("KB5046696"),
            Some(2240),
            Some("KB5046617"),
            Some(2314),
        ),
        (
            OsLine::Win11_24H2,
            "2025-01",
            MonthType::Baseline,
            Some("KB5050009"),
            Some(2894),
            Some("KB5050009"),
            Some(2894),
        ),
        (
            OsLine::Win11_24H2,
            "2025-09",
            MonthType::Hotpatch,
            Some("KB5065474"),
            Some(6508),
            Some("KB5065426"),
            Some(6584),
        ),
        (
            OsLine::Win11_24H2,
            "2026-04",
            MonthType::Baseline,
            Some("KB5083769"),
            Some(8246),
            Some("KB5083769"),
            Some(8246),
        ),
        (
            OsLine::Win11_24H2,
            "2026-06",
            MonthType::Baseline,
            Some("KB5094126"),
            Some(8655),
            Some("KB5094126"),
            Some(8655),
        ),
        (
            OsLine::Win11_24H2,
            "2026-07",
            MonthType::Baseline,
            Some("KB5101650"),
            Some(8875),
            Some("KB5101650"),
            Some(8875),
        ),
        (
            OsLine::Win11_24H2,
            "2026-08",
            MonthType::Hotpatch,
            Some("KB5120994"),
            Some(9106),
            Some("KB5121003"),
            Some(9168),
        ),
        // Type not known: the standard LCU only, typed by the planned calendar.
        (OsLine::Win11_24H2, "2026-09", MonthType::Hotpatch, None, None, Some("KB5124008"), Some(9445)),
        (OsLine::Win11_24H2, "2026-10", MonthType::Baseline, None, Some(9711), None, Some(9711)),
        (OsLine::Win11_26H2, "2026-10", MonthType::Baseline, None, Some(9711), None, Some(9711)),
        (
            OsLine::Win11_25H2,
            "2026-02",
            MonthType::Hotpatch,
            Some("KB5077212"),
            Some(7781),
            Some("KB5077181"),
            Some(7840),
        ),
        (OsLine::Ws2025, "2025-06", MonthType::Hotpatch, Some("KB5060841"), Some(4270), Some("KB5060842"), Some(4349)),
        (
            OsLine::Ws2025,
            "2026-01",
            MonthType::Baseline,
            Some("KB5073379"),
            Some(32230),
            Some("KB5073379"),
            Some(32230),
        ),
        (
            OsLine::Ws2025,
            "2026-05",
            MonthType::Hotpatch,
            Some("KB5087423"),
            Some(32772),
            Some("KB5087539"),
            Some(32860),
        ),
        (
            OsLine::Ws2025,
            "2026-06",
            MonthType::Baseline,
            Some("KB5094125"),
            Some(32995),
            Some("KB5094125"),
            Some(32995),
        ),
        (
            OsLine::Ws2025,
            "2026-07",
            MonthType::Baseline,
            Some("KB5099536"),
            Some(33158),
            Some("KB5099536"),
            Some(33158),
        ),
        (
            OsLine::Ws2025,
            "2026-08",
            MonthType::Hotpatch,
            Some("KB5120228"),
            Some(33222),
            Some("KB5120233"),
            Some(33296),
        ),
        (OsLine::Ws2025, "2026-09", MonthType::Hotpatch, None, None, Some("KB5122871"), Some(33438)),
        (OsLine::Ws2025, "2026-10", MonthType::Baseline, None, Some(33650), None, Some(33650)),
        (OsLine::Ws2022, "2024-08", MonthType::Baseline, Some("KB5041160"), Some(2655), Some("KB5041160"), Some(2655)),
        (OsLine::Ws2022, "2024-09", MonthType::Hotpatch, Some("KB5042880"), Some(2695), Some("KB5042881"), Some(2700)),
        (OsLine::Ws2022, "2026-05", MonthType::Hotpatch, Some("KB5087424"), Some(5074), Some("KB5087545"), Some(5139)),
        (OsLine::Ws2022, "2026-06", MonthType::Hotpatch, None, None, Some("KB5094128"), Some(5256)),
        (OsLine::Ws2022, "2026-07", MonthType::Baseline, Some("KB5099540"), Some(5386), Some("KB5099540"), Some(5386)),
        (OsLine::Ws2022, "2026-08", MonthType::Hotpatch, Some("KB5120229"), Some(5440), Some("KB5120242"), Some(5499)),
        (OsLine::Ws2022, "2026-10", MonthType::Baseline, None, Some(5761), None, Some(5761)),
    ];
    let c = Catalog::built_in();
    for &(line, month, kind, kb, ubr, lcu_kb, lcu_ubr) in rows {
        let m = c.entry(line, ym(month)).unwrap_or_else(|| panic!("{line} {month} missing"));
        assert_eq!(
            (m.kind, m.kb.as_deref(), m.ubr, m.lcu_kb.as_deref(), m.lcu_ubr),
            (kind, kb, ubr, lcu_kb, lcu_ubr),
            "{line} {month}"
        );
    }
    let count = |line| c.line(line).unwrap().months.len();
    assert_eq!(count(OsLine::Win11_24H2), 24);
    assert_eq!(count(OsLine::Win11_25H2), 13, "October 2025 to October 2026");
    assert_eq!(count(OsLine::Win11_26H2), 2, "September and October 2026");
    assert_eq!(count(OsLine::Ws2025), 24, "14 shared months and 10 of its own");
    assert_eq!(count(OsLine::Ws2022), 25);
    // The months whose type Microsoft has not published (DOMAIN.md section 7).
    let unknown: Vec<String> = c
        .lines()
        .flat_map(|l| l.months.iter().filter(|m| !m.type_known).map(move |m| format!("{} {}", l.line, m.month)))
        .collect();
    assert_eq!(
        unknown,
        [
            "win11-24h2 2026-09",
            "win11-24h2 2026-10",
            "win11-25h2 2026-09",
            "win11-25h2 2026-10",
            "win11-26h2 2026-09",
            "win11-26h2 2026-10",
            "ws2025 2026-07",
            "ws2025 2026-09",
            "ws2025 2026-10",
            "ws2022 2026-06",
            "ws2022 2026-07",
            "ws2022 2026-09",
            "ws2022 2026-10"
        ]
    );
    // Unplanned baselines and the months marked as less certain.
    let unplanned: Vec<String> = c
        .lines()
        .flat_map(|l| l.months.iter().filter(|m| !m.planned).map(move |m| format!("{} {}", l.line, m.month)))
        .collect();
    assert_eq!(unplanned, ["win11-24h2 2026-06", "win11-25h2 2026-06", "ws2025 2026-06", "ws2022 2024-08"]);
    use hotpatch_planner::catalog::Confidence;
    assert_eq!(c.entry(OsLine::Win11_24H2, ym("2026-07")).unwrap().confidence, Confidence::Secondary);
    assert_eq!(c.entry(OsLine::Ws2025, ym("2026-07")).unwrap().confidence, Confidence::Unclear);
}

#[test]
fn oob_releases_have_their_dates() {
    let c = Catalog::built_in();
    for (line, ubr, kind, date) in [
        (OsLine::Win11_24H2, 3983, BuildKind::OobHotpatch, Some("2025-05-16")),
        (OsLine::Win11_24H2, 7093, BuildKind::OobHotpatch, Some("2025-11-20")),
        (OsLine::Win11_24H2, 8117, BuildKind::OobLcu, Some("2026-03-31")),
        // KB5089573 is May 2026's optional preview, not an out-of-band update (DOMAIN.md section 7).
        (OsLine::Win11_24H2, 8524, BuildKind::Preview, Some("2026-05-26")),
        (OsLine::Win11_24H2, 8893, BuildKind::OobHotpatch, Some("2026-07-18")),
        (OsLine::Win11_24H2, 8894, BuildKind::OobLcu, Some("2026-07-18")),
        (OsLine::Win11_24H2, 9457, BuildKind::OobLcu, Some("2026-09-14")),
        (OsLine::Win11_24H2, 9550, BuildKind::Preview, Some("2026-09-22")),
        (OsLine::Ws2025, 32698, BuildKind::OobLcu, Some("2026-04-19")),
        (OsLine::Ws2025, 32234, BuildKind::OobLcu, Some("2026-01-17")),
        (OsLine::Ws2022, 4655, BuildKind::OobHotpatch, Some("2026-01-24")),
    ] {
        let b = c.identify(line, ubr).unwrap();
        assert_eq!(b.kind, kind, "{line}.{ubr}");
        assert_eq!(b.date_known.then(|| b.date.to_string()).as_deref(), date, "{line}.{ubr}");
    }
    // The March 2026 OOB hotpatch has no published build, but the month lists it.
    let march = c.entry(OsLine::Win11_24H2, ym("2026-03")).unwrap();
    assert_eq!(march.oob[0].kb.as_deref(), Some("KB5084897"));
    assert_eq!(march.oob[0].ubr, None);
}

#[test]
fn a_user_catalog_merges_over_the_built_in_one() {
    let user = r#"{
      "schemaVersion": 1,
      "lines": {
        "win11-24h2": { "months": [
          { "month": "2026-08", "release": "2026-08-11", "type": "hotpatch", "kb": "KB5121001", "ubr": 9100, "lcuKb": "KB5121003", "lcuUbr": 9168 },
          { "month": "2026-09", "release": "2026-09-08", "type": "hotpatch", "kb": "kb5130001", "ubr": 9300, "lcuKb": "KB5130002", "lcuUbr": 9340 },
          { "month": "2026-10", "release": "2026-10-13", "type": "baseline", "kb": "KB5140001", "ubr": 9500 }
        ] }
      }
    }"#;
    let c = Catalog::with_user_json(user).unwrap();
    assert!(!c.is_built_in());
    assert_eq!(c.last_month(OsLine::Win11_24H2), Some(ym("2026-10")));
    // The user row replaced the built-in August row, which had no hotpatch KB.
    assert_eq!(c.entry(OsLine::Win11_24H2, ym("2026-08")).unwrap().kb.as_deref(), Some("KB5121001"));
    // KB numbers are normalised.
    assert_eq!(c.entry(OsLine::Win11_24H2, ym("2026-09")).unwrap().kb.as_deref(), Some("KB5130001"));
    // 25H2 follows 24H2, so it gets the new months too.
    assert_eq!(c.identify(OsLine::Win11_25H2, 9500).unwrap().kind, BuildKind::Baseline);
    // Windows Server 2025 follows 24H2 only through 2025: not affected.
    assert!(c.identify(OsLine::Ws2025, 9500).is_none());
    // Older built-in rows are untouched.
    assert_eq!(c.identify(OsLine::Win11_24H2, 7781).unwrap().kb.as_deref(), Some("KB5077212"));
    let months = release_calendar(&CalendarOptions {
        line: OsLine::Win11_25H2,
        from: ym("2026-09"),
        months: 3,
        catalog: hotpatch_planner::catalog::CatalogChoice::over_built_in(vec![user.into()]),
    })
    .unwrap();
    assert_eq!(months.iter().map(|m| m.predicted).collect::<Vec<_>>(), [false, false, true]);
}

#[test]
fn invalid_user_catalogs_name_the_field_the_value_and_what_was_expected() {
    let month = |extra: &str| {
        format!(
            r#"{{"lines":{{"win11-24h2":{{"months":[{{"month":"2026-09","release":"2026-09-08","type":"hotpatch"{extra}}}]}}}}}}"#
        )
    };
    let cases: Vec<(String, &str)> = vec![
        ("{".into(), "the catalog is not valid JSON: the object is not closed (line 1)"),
        ("[]".into(), "found an array, expected an object"),
        ("{}".into(), "lines: missing; a catalog needs a \"lines\" object"),
        (r#"{"schemaVersion":2,"lines":{}}"#.into(), "schemaVersion: found the number 2, expected 1"),
        (r#"{"lines":{"win12":{}}}"#.into(), "lines.win12: \"win12\" is not an OS line; expected one of win11-24h2, win11-25h2, win11-26h2, ws2025, ws2022"),
        (r#"{"lines":{"win11-24h2":{"months":{}}}}"#.into(), "lines.win11-24h2.months: found an object, expected an array of months"),
        (month(r#","ubr":"9300""#), "lines.win11-24h2.months[0].ubr: found \"9300\", expected a whole number from 1 to 4294967295"),
        (month(r#","ubr":-1"#), "lines.win11-24h2.months[0].ubr: found the number -1, expected a whole number from 1 to 4294967295"),
        (month(r#","kb":"5130001""#), "lines.win11-24h2.months[0].kb: found \"5130001\", expected a KB number like \"KB5077212\""),
        (month(r#","lcuKB":"KB5130002""#), "lines.win11-24h2.months[0].lcuKB: unknown field; expected one of month, release, type, planned, preview, kb, ubr, lcuKb, lcuUbr, oob, confidence, note, source"),
        (month(r#","confidence":"sure""#), "lines.win11-24h2.months[0].confidence: found \"sure\", expected one of \"confirmed\", \"secondary\", \"unclear\""),
        (month(r#","planned":false"#), "lines.win11-24h2.months[0].planned: false contradicts the planned calendar (baselines in January, April, July, October): a hotpatch in 2026-09 is planned = true"),
        (month(r#","ubr":9400,"lcuUbr":9300"#), "lines.win11-24h2.months[\"2026-09\"].ubr: hotpatch build 9400 is not lower than the same month's standard LCU build 9300"),
        (month(r#","ubr":8000"#), "lines.win11-24h2.months[\"2026-09\"].ubr: build 8000 is not higher than build 9278 of an earlier month; builds only grow"),
        (month(r#","oob":[{"date":"2026-10-20","kind":"lcu","ubr":9400}]"#), "lines.win11-24h2.months[\"2026-09\"].oob[0].date: 2026-10-20 is not between this month's B release (2026-09-08) and the next (2026-10-13)"),
        (month(r#","oob":[{"kind":"reboot"}]"#), "lines.win11-24h2.months[0].oob[0].kind: found \"reboot\", expected \"hotpatch\", \"lcu\" or \"preview\""),
        (r#"{"lines":{"win11-24h2":{"months":[{"month":"2026-09","release":"2026-09-09","type":"hotpatch"}]}}}"#.into(),
            "lines.win11-24h2.months[\"2026-09\"].release: 2026-09-09 is not the second Tuesday of 2026-09 (2026-09-08); B releases ship on Patch Tuesday"),
        (r#"{"lines":{"win11-24h2":{"months":[{"month":"2026-09","release":"2026-09-08"}]}}}"#.into(),
            "lines.win11-24h2.months[0].type: missing; expected \"baseline\", \"hotpatch\" or \"unknown\""),
        (r#"{"lines":{"win11-24h2":{"months":[{"month":"2026-10","release":"2026-10-13","type":"baseline"},{"month":"2026-09","release":"2026-09-08","type":"hotpatch"}]}}}"#.into(),
            "lines.win11-24h2.months[1].month: \"2026-09\" comes after \"2026-10\"; months must be listed in order, each once"),
        (r#"{"lines":{"ws2022":{"months":[{"month":"2024-11","release":"2024-11-12","type":"hotpatch"}]}}}"#.into(),
            "lines.ws2022.months[\"2024-11\"].type: a hotpatch month needs a baseline earlier in the catalog with no unknown month between"),
        (month(r#","kb":"€12345""#), "lines.win11-24h2.months[0].kb: found \"€12345\", expected a KB number like \"KB5077212\""),
        (r#"{"lines":{"win11-24h2":{"months":[{"month":"2026-11","release":"2026-11-10","type":"unknown","kb":"KB5130001"}]}}}"#.into(),
            "lines.win11-24h2.months[0].type: a month of unknown type gives only its standard LCU (lcuKb, lcuUbr): kb, ubr and planned need the type"),
        (r#"{"lines":{"ws2025":{"follows":{"line":"win11-25h2"}}}}"#.into(),
            "lines.ws2025.follows.line: \"win11-25h2\" itself follows another line; follow the original line instead"),
    ];
    for (text, expected) in cases {
        let err = Catalog::with_user_json(&text).unwrap_err();
        assert_eq!(err.code, hotpatch_planner::ErrorCode::InvalidCatalog, "{text}");
        assert_eq!(err.to_string(), expected, "{text}");
    }
}

#[test]
fn the_built_in_file_is_in_the_writers_layout_so_a_refresh_diffs_only_what_changed() {
    // scripts/refresh-catalog.sh rewrites data/catalog.json with Catalog::to_json: keeping the
    // file in that layout means a refresh that adds a month shows only that month in review.
    let about = raw()["about"].as_str().unwrap().to_string();
    assert_eq!(Catalog::built_in().to_json(&about), hotpatch_planner::catalog::BUILT_IN_JSON);
}
