//! Microsoft's release-data documents (DOMAIN.md section 9) read into facts, checked against
//! the release table of DOMAIN.md section 7. The documents are real samples (see
//! tests/data/release-sources/README.md); the few made by us are said to be so.

// Native only: the release-source readers and proptest are not in the browser build.
#![cfg(not(target_arch = "wasm32"))]

use hotpatch_planner::release::{detect, read, ReleaseKind, SourceFacts, SourceKind};
use hotpatch_planner::{Date, MonthType, OsLine, YearMonth};

use OsLine::{Win11_24H2 as W24, Win11_25H2 as W25, Ws2022 as S22, Ws2025 as S25};
use ReleaseKind::{Hotpatch, OobHotpatch, OobLcu, Preview, Standard};

fn sample(name: &str) -> String {
    let path = format!("{}/tests/data/release-sources/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn facts(name: &str) -> SourceFacts {
    read(Some(name), &sample(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn month(text: &str) -> YearMonth {
    YearMonth::parse(text).unwrap()
}

fn day(text: &str) -> Date {
    Date::parse(text).unwrap()
}

/// (line, month, kind, KB, UBR) of every release, for comparing with a table.
fn releases(f: &SourceFacts) -> Vec<(OsLine, String, ReleaseKind, String, Option<u32>)> {
    f.releases.iter().map(|r| (r.line, r.month.to_string(), r.kind, r.kb.clone().unwrap_or_default(), r.ubr)).collect()
}

fn has(f: &SourceFacts, line: OsLine, m: &str, kind: ReleaseKind, kb: &str, ubr: u32) -> bool {
    f.releases.iter().any(|r| {
        r.line == line && r.month == month(m) && r.kind == kind && r.kb.as_deref() == Some(kb) && r.ubr == Some(ubr)
    })
}

fn month_type(f: &SourceFacts, line: OsLine, m: &str) -> Option<(MonthType, Option<bool>)> {
    f.types.iter().find(|t| t.line == line && t.month == month(m)).map(|t| (t.kind, t.planned))
}

type Row = (OsLine, ReleaseKind, &'static str, u32);

/// A CVRF month document, its month, the releases it gives and the types it settles.
type MonthCase = (&'static str, &'static str, &'static [Row], &'static [(OsLine, MonthType)]);

/// DOMAIN.md section 7: each CVRF month document gives exactly that month's B releases.
#[test]
fn domain_section_7_cvrf_month_documents_give_the_months_releases_and_types() {
    use MonthType::{Baseline as B, Hotpatch as H};
    let table: [MonthCase; 7] = [
        (
            "cvrf-2025-Feb.xml",
            "2025-02",
            &[
                (W24, Hotpatch, "KB5052105", 3107),
                (W24, Standard, "KB5051987", 3194),
                (S25, Hotpatch, "KB5052105", 3107),
                (S25, Standard, "KB5051987", 3194),
                (S22, Hotpatch, "KB5052106", 3148),
                (S22, Standard, "KB5051979", 3207),
            ],
            &[(W24, H), (S25, H), (S22, H)],
        ),
        (
            "cvrf-2025-Mar.xml",
            "2025-03",
            &[
                (W24, Hotpatch, "KB5053636", 3403),
                (W24, Standard, "KB5053598", 3476),
                (S25, Hotpatch, "KB5053636", 3403),
                (S25, Standard, "KB5053598", 3476),
                (S22, Hotpatch, "KB5053638", 3270),
                (S22, Standard, "KB5053603", 3328),
            ],
            &[(W24, H), (S25, H), (S22, H)],
        ),
        (
            "cvrf-2025-Apr.excerpt.xml",
            "2025-04",
            &[
                (W24, Standard, "KB5055523", 3775),
                (S25, Standard, "KB5055523", 3775),
                (S22, Standard, "KB5055526", 3453),
            ],
            &[(W24, B), (S25, B), (S22, B)],
        ),
        (
            "cvrf-2025-May.xml",
            "2025-05",
            &[
                (W24, Hotpatch, "KB5058497", 3981),
                (W24, OobHotpatch, "KB5061258", 3983),
                (W24, Standard, "KB5058411", 4061),
                (S25, Hotpatch, "KB5058497", 3981),
                (S25, Standard, "KB5058411", 4061),
                (S22, Hotpatch, "KB5058500", 3630),
                (S22, Standard, "KB5058385", 3692),
            ],
            &[(W24, H), (S25, H), (S22, H)],
        ),
        (
            "cvrf-2026-Jan.excerpt.xml",
            "2026-01",
            &[
                (W24, Standard, "KB5074109", 7623),
                (W25, Standard, "KB5074109", 7623),
                (S25, Standard, "KB5073379", 32230),
                (S22, Standard, "KB5073457", 4648),
            ],
            &[(W24, B), (W25, B), (S25, B), (S22, B)],
        ),
        (
            "cvrf-2026-Feb.xml",
            "2026-02",
            &[
                (W24, Hotpatch, "KB5077212", 7781),
                (W24, Standard, "KB5077181", 7840),
                (W25, Hotpatch, "KB5077212", 7781),
                (W25, Standard, "KB5077181", 7840),
                (S25, Hotpatch, "KB5075942", 32313),
                (S25, Standard, "KB5075899", 32370),
                (S22, Hotpatch, "KB5075943", 4711),
                (S22, Standard, "KB5075906", 4773),
            ],
            &[(W24, H), (W25, H), (S25, H), (S22, H)],
        ),
        (
            // June 2026 was an unplanned baseline. The document also carries the May 2026
            // hotpatches (and May LCUs) on CVE-2026-48566: not June releases.
            "cvrf-2026-Jun.excerpt.xml",
            "2026-06",
            &[
                (W24, Standard, "KB5094126", 8655),
                (W25, Standard, "KB5094126", 8655),
                (S25, Standard, "KB5094125", 32995),
                (S22, Standard, "KB5094128", 5256),
            ],
            // WS2022: the document has June's LCU and no hotpatch remediation for it, which
            // is what a baseline month looks like in this source (DOMAIN.md lists the type as
            // not known).
            &[(W24, B), (W25, B), (S25, B), (S22, B)],
        ),
    ];
    for (file, m, rows, types) in table {
        let f = facts(file);
        assert_eq!(f.kind, SourceKind::MsrcCvrf, "{file}");
        let mut expected: Vec<_> =
            rows.iter().map(|&(l, k, kb, u)| (l, m.to_string(), k, kb.to_string(), Some(u))).collect();
        let mut got = releases(&f);
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{file}");
        let mut got_types: Vec<_> = f.types.iter().map(|t| (t.line, t.month.to_string(), t.kind)).collect();
        let mut want_types: Vec<_> = types.iter().map(|&(l, k)| (l, m.to_string(), k)).collect();
        got_types.sort_by_key(|t| (t.0, t.1.clone(), t.2 == MonthType::Hotpatch));
        want_types.sort_by_key(|t| (t.0, t.1.clone(), t.2 == MonthType::Hotpatch));
        assert_eq!(got_types, want_types, "{file}");
        assert!(f.releases.iter().all(|r| r.month == month(m)), "{file}");
    }
}

#[test]
fn domain_section_7_cvrf_titles_dates_and_places() {
    let f = facts("cvrf-2026-Feb.xml");
    assert_eq!(f.title, "MSRC CVRF 2026-Feb (revision 304 of 2026-06-28)");
    assert_eq!(f.date, Some(day("2026-06-28")));
    let hp = f.releases.iter().find(|r| r.kind == Hotpatch && r.line == W24).unwrap();
    assert_eq!(hp.date, Some(day("2026-02-10")));
    assert!(hp.at.starts_with("CVE-") && hp.at.ends_with("remediation KB5077212"), "{}", hp.at);
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
    // The OOB hotpatch of 2025-05-16 has no date in the document.
    let may = facts("cvrf-2025-May.xml");
    let oob = may.releases.iter().find(|r| r.kind == OobHotpatch).unwrap();
    assert_eq!((oob.kb.as_deref(), oob.ubr, oob.date), (Some("KB5061258"), Some(3983), None));
}

#[test]
fn domain_section_9_stale_hotpatches_in_the_june_2026_document_are_warnings_not_releases() {
    let f = facts("cvrf-2026-Jun.excerpt.xml");
    assert!(!f.releases.iter().any(|r| matches!(r.kind, Hotpatch | OobHotpatch)));
    assert!(!f.types.iter().any(|t| t.kind == MonthType::Hotpatch));
    let stale: Vec<_> = f.warnings.iter().filter(|w| w.code == "source.stale").map(|w| w.at.as_str()).collect();
    for kb in ["KB5089466", "KB5087423", "KB5089549", "KB5087539"] {
        assert!(stale.iter().any(|at| at.starts_with("CVE-2026-48566") && at.ends_with(kb)), "{kb}: {stale:?}");
    }
    // March 2025 carries February's LCU KB5051987 on one CVE: also not a March release.
    let mar = facts("cvrf-2025-Mar.xml");
    assert!(!mar.releases.iter().any(|r| r.kb.as_deref() == Some("KB5051987")));
    assert!(mar.warnings.iter().any(|w| w.code == "source.stale" && w.at.ends_with("KB5051987")));
}

#[test]
fn domain_section_9_cvrf_json_gives_the_same_facts_as_the_xml() {
    // Converted by make-cvrf-json.py from the real XML (no real JSON document exists).
    let xml = facts("cvrf-2026-Jun.excerpt.xml");
    let json = facts("cvrf-2026-Jun.excerpt.converted.json");
    assert_eq!(json.kind, SourceKind::MsrcCvrf);
    assert_eq!(
        (&json.title, json.date, &json.releases, &json.types),
        (&xml.title, xml.date, &xml.releases, &xml.types)
    );
    assert_eq!(json.warnings, xml.warnings);
}

#[test]
fn domain_section_9_cvrf_json_accepts_type_as_text_and_a_hotpatch_without_build() {
    let doc = r#"{"DocumentTitle":{"Value":"February 2026 Security Updates"},
      "DocumentTracking":{"Identification":{"ID":{"Value":"2026-Feb"}},
        "InitialReleaseDate":"2026-02-10T08:00:00","CurrentReleaseDate":"2026-02-11T00:00:00"},
      "ProductTree":{"Branch":[{"Items":[{"Items":[{"ProductID":"12390","Value":"Windows 11 Version 24H2 for x64-based Systems"}]}]}]},
      "Vulnerability":[
        {"CVE":"CVE-2026-1","Remediations":[
          {"Description":{"Value":"5077181"},"ProductID":["12390"],"Type":2,"SubType":"Security Update","FixedBuild":"10.0.26100.7840"},
          {"Description":{"Value":"5077212"},"ProductID":["12390"],"Type":"Vendor Fix","SubType":"Security Hotpatch Update"},
          {"Description":{"Value":"Release Notes"},"ProductID":["12390"],"Type":2,"SubType":"Security Update","FixedBuild":""},
          {"Description":{"Value":"5077181"},"ProductID":["12390"],"Type":6}]},
        {"CVE":"CVE-2026-2","Remediations":[
          {"Description":{"Value":"5077181"},"ProductID":["12390"],"Type":2,"SubType":"Security Update","FixedBuild":"10.0.26100.7840"},
          {"Description":{"Value":"5077212"},"ProductID":"12390","Type":2,"SubType":"SecurityHotpatchUpdate","FixedBuild":null}]}]}"#;
    let f = read(None, doc).unwrap();
    assert_eq!(f.title, "MSRC CVRF 2026-Feb");
    assert_eq!(
        releases(&f),
        vec![
            (W24, "2026-02".into(), Standard, "KB5077181".into(), Some(7840)),
            (W24, "2026-02".into(), Hotpatch, "KB5077212".into(), None)
        ]
    );
    assert_eq!(month_type(&f, W24, "2026-02"), Some((MonthType::Hotpatch, None)));
}

#[test]
fn domain_section_9_cvrf_without_builds_tells_a_stale_hotpatch_by_how_few_cves_it_fixes() {
    // Before Patch Tuesday a document has no builds: the month's own hotpatch sits on every
    // CVE its LCU fixes, an earlier month's on a few (here 1 of 4).
    let remediation = |cve: &str, kb: &str, subtype: &str| {
        format!(
            r#"{{"CVE":"{cve}","Remediations":[{{"Description":{{"Value":"5094126"}},"ProductID":["1"],"Type":2,"SubType":"Security Update"}},
            {{"Description":{{"Value":"{kb}"}},"ProductID":["1"],"Type":2,"SubType":"{subtype}"}}]}}"#
        )
    };
    let vulns = [
        remediation("CVE-1", "5089466", "Security Hotpatch Update"),
        remediation("CVE-2", "5094126", "Security Update"),
        remediation("CVE-3", "5094126", "Security Update"),
        remediation("CVE-4", "5094126", "Security Update"),
    ];
    let doc = format!(
        r#"{{"DocumentTracking":{{"Identification":{{"ID":{{"Value":"2026-Jun"}}}}}},
        "ProductTree":{{"FullProductName":[{{"ProductID":"1","Value":"Windows 11 Version 24H2 for x64-based Systems"}}]}},
        "Vulnerability":[{}]}}"#,
        vulns.join(",")
    );
    let f = read(None, &doc).unwrap();
    assert_eq!(releases(&f), vec![(W24, "2026-06".into(), Standard, "KB5094126".into(), None)]);
    assert_eq!(month_type(&f, W24, "2026-06"), Some((MonthType::Baseline, None)));
    assert_eq!(f.warnings.len(), 1);
    assert_eq!(f.warnings[0].code, "source.stale");
}

#[test]
fn domain_section_9_msrc_index_lists_the_months() {
    let f = facts("updates-index.2026-07-06.json");
    assert_eq!(f.kind, SourceKind::MsrcIndex);
    assert_eq!(f.months.len(), 189);
    for m in ["2026-02", "2026-07", "2018-02", "1999-09"] {
        assert!(f.months.contains(&month(m)), "{m}");
    }
    assert!(f.releases.is_empty() && f.types.is_empty());
    assert_eq!(f.warnings.len(), 1);
    assert!(f.warnings[0].message.contains("2017-May-B"));
}

/// DOMAIN.md section 7, Windows Server tables, as the release-health page states them.
#[test]
fn domain_section_7_release_health_calendar_gives_server_month_types() {
    use MonthType::{Baseline as B, Hotpatch as H};
    let f = facts("windows-server-release-info.2026-05-13.learn-markdown.md");
    assert_eq!(f.kind, SourceKind::ReleaseHealth);
    assert_eq!(f.title, "Windows Server release information (Microsoft Learn, 2026-05-13)");
    assert_eq!(f.date, Some(day("2026-05-13")));
    let types: [(OsLine, &str, MonthType, bool); 12] = [
        (S25, "2024-11", H, true),
        (S25, "2025-01", B, true),
        (S25, "2026-01", B, true),
        (S25, "2026-05", H, true),
        (S22, "2024-07", B, true),
        (S22, "2024-08", B, false),
        (S22, "2024-09", H, true),
        (S22, "2025-01", B, true),
        (S22, "2025-02", H, true),
        (S22, "2026-02", H, true),
        (S22, "2026-04", B, true),
        (S22, "2026-05", H, true),
    ];
    for (line, m, kind, planned) in types {
        assert_eq!(month_type(&f, line, m), Some((kind, Some(planned))), "{line} {m}");
    }
    // Rows after the page's date are blank and may still change: no type for them.
    for m in ["2026-06", "2026-07", "2026-12"] {
        assert_eq!(month_type(&f, S25, m), None, "{m}");
        assert_eq!(month_type(&f, S22, m), None, "{m}");
    }
    assert_eq!(f.types.iter().filter(|t| t.line == S25).count(), 19);
    assert_eq!(f.types.iter().filter(|t| t.line == S22).count(), 29);
    // Windows Server 2019 and 2016 have no hotpatch line here.
    assert!(f.releases.iter().all(|r| matches!(r.line, S25 | S22)));
}

#[test]
fn domain_section_7_release_health_builds_and_kbs() {
    let f = facts("windows-server-release-info.2026-05-13.learn-markdown.md");
    let rows: [(OsLine, &str, ReleaseKind, &str, u32); 16] = [
        // Hotpatch calendar (KB from a /topic/ slug or a /help/ link).
        (S25, "2026-02", Hotpatch, "KB5075942", 32313),
        (S25, "2026-05", Hotpatch, "KB5087423", 32772),
        (S25, "2025-05", Hotpatch, "KB5058497", 3981),
        (S25, "2024-11", Hotpatch, "KB5046696", 2240),
        (S22, "2024-09", Hotpatch, "KB5042880", 2695),
        (S22, "2026-05", Hotpatch, "KB5087424", 5074),
        // Release history: B, D is absent for servers, OOB in the month before it.
        (S25, "2026-01", Standard, "KB5073379", 32230),
        (S25, "2026-01", OobLcu, "KB5077793", 32234),
        (S25, "2026-01", OobLcu, "KB5078135", 32236),
        (S25, "2026-04", OobLcu, "KB5091157", 32698),
        (S25, "2026-05", Standard, "KB5087539", 32860),
        (S22, "2024-08", Standard, "KB5041160", 2655),
        (S22, "2026-01", OobLcu, "KB5078136", 4651),
        (S22, "2026-02", OobLcu, "KB5082314", 4776),
        (S22, "2026-05", Standard, "KB5087545", 5139),
        (S22, "2025-02", Standard, "KB5051979", 3207),
    ];
    for (line, m, kind, kb, ubr) in rows {
        assert!(has(&f, line, m, kind, kb, ubr), "{line} {m} {kind:?} {kb} {ubr}");
    }
    // The calendar's baseline rows repeat the history's B rows: one release each.
    let jan: Vec<_> = f.releases.iter().filter(|r| r.line == S25 && r.kb.as_deref() == Some("KB5073379")).collect();
    assert_eq!(jan.len(), 1);
    // The `2024-10 A` row (no KB link) is not a monthly release.
    assert!(!f.releases.iter().any(|r| r.line == S25 && r.ubr == Some(1742)));
    assert!(f.warnings.is_empty(), "{:?}", f.warnings);
}

#[test]
fn domain_section_9_release_health_html_gives_the_same_facts_as_the_markdown() {
    // Made by us from the Markdown by make-release-health-html.py, in Learn's HTML structure.
    let md = facts("windows-server-release-info.2026-05-13.learn-markdown.md");
    let html = facts("windows-server-release-info.2026-05-13.from-markdown.html");
    assert_eq!(
        detect(&sample("windows-server-release-info.2026-05-13.from-markdown.html")),
        Some(SourceKind::ReleaseHealth)
    );
    assert_eq!((&html.title, html.date), (&md.title, md.date));
    let strip = |f: &SourceFacts| {
        let mut f = f.clone();
        f.releases.iter_mut().for_each(|r| r.at.clear());
        f.types.iter_mut().for_each(|t| t.at.clear());
        (f.releases, f.types)
    };
    assert_eq!(strip(&html), strip(&md));
}

#[test]
fn domain_section_9_windows_11_release_health_synthetic_page() {
    // Only a hand-made Windows 11 page exists (synthetic, see the README).
    let f = facts("windows11-release-health.avnsx.html");
    assert_eq!(
        releases(&f),
        vec![
            (W25, "2026-05".into(), Standard, "KB5089549".into(), Some(8457)),
            (W25, "2026-04".into(), Preview, "KB5083631".into(), Some(8328)),
            (W24, "2026-05".into(), Standard, "KB5089549".into(), Some(8457)),
        ]
    );
    assert!(f.types.is_empty());
}

#[test]
fn domain_section_9_windows_11_hotpatch_calendar_by_version() {
    // A made-up page in the shape the Windows 11 page is described with (no real copy).
    let page = "---\ntitle: Windows 11 release information | Microsoft Learn\nupdated_at: 2026-05-13T00:00:00Z\n---\n\
## Windows 11 hotpatch calendar\n\n**Version 24H2 (OS build 26100)**\n\n\
| Month | Update type | Type | Availability date | Build | KB article |\n| --- | --- | --- | --- | --- | --- |\n\
| May | 2026.05 B | Hotpatch | 2026-05-12 | 26100.8390 | [KB5089466](https://support.microsoft.com/help/5089466) |\n\
| June | 2026.06 B | Hotpatch |  |  |  |\n\n**Version 25H2 (OS build 26200)**\n\n\
| Month | Update type | Type | Availability date | Build | KB article |\n| --- | --- | --- | --- | --- | --- |\n\
| April | 2026.04 B | Baseline (Restart) | 2026-04-14 | 26200.8246 | [KB5083769](https://support.microsoft.com/help/5083769) |\n\n\
## Windows 11 release history\n\n**Version 24H2 (OS build 26100)**\n\n\
| Servicing option | Update type | Availability date | Build | KB article |\n| --- | --- | --- | --- | --- |\n\
| General Availability Channel | 2026-05 D | 2026-05-26 | 26100.8524 | [KB5089573](https://support.microsoft.com/help/5089573) |\n";
    let f = read(None, page).unwrap();
    assert!(has(&f, W24, "2026-05", Hotpatch, "KB5089466", 8390));
    assert!(has(&f, W25, "2026-04", Standard, "KB5083769", 8246));
    assert!(has(&f, W24, "2026-05", Preview, "KB5089573", 8524));
    assert_eq!(month_type(&f, W24, "2026-05"), Some((MonthType::Hotpatch, Some(true))));
    assert_eq!(month_type(&f, W25, "2026-04"), Some((MonthType::Baseline, Some(true))));
    assert_eq!(month_type(&f, W24, "2026-06"), None);
}

#[test]
fn domain_section_9_graph_catalog_marks_the_hotpatch_revision() {
    let f = facts("catalog-entries.hotpatch-2024-09.graph-docs.json");
    assert_eq!(f.kind, SourceKind::GraphCatalog);
    assert_eq!(
        releases(&f),
        vec![
            (W24, "2024-09".into(), Hotpatch, "KB5043088".into(), Some(1656)),
            (W24, "2024-09".into(), Standard, "KB5043080".into(), Some(1742)),
        ]
    );
    assert_eq!(month_type(&f, W24, "2024-09"), Some((MonthType::Hotpatch, None)));
    assert_eq!(f.releases[0].at, "value[0].productRevisions[5]");
    // The older sample writes isHotpatchUpdate as the string "false" and version "24H2".
    let older = facts("catalog-entries.top3-2024-10.graph-docs.json");
    assert_eq!(
        releases(&older),
        vec![
            (W24, "2024-10".into(), Preview, "KB5044384".into(), Some(2161)),
            (W24, "2024-10".into(), Standard, "KB5044284".into(), Some(2033)),
            (W24, "2024-09".into(), Preview, "KB5043178".into(), Some(1882)),
        ]
    );
    assert!(older.types.is_empty(), "standard revisions alone settle no type");
    assert_eq!(older.releases[0].date, Some(day("2024-10-24")));
}

#[test]
fn domain_section_9_graph_catalog_pages_pasted_together_or_a_plain_array() {
    let a = sample("catalog-entries.hotpatch-2024-09.graph-docs.json");
    let b = sample("catalog-entries.top3-2024-10.graph-docs.json");
    let pasted = read(None, &format!("{a}\n{b}")).unwrap();
    assert_eq!(pasted.releases.len(), 5);
    let value: serde_json::Value = serde_json::from_str(&a).unwrap();
    let array = serde_json::to_string(&value["value"]).unwrap();
    assert_eq!(detect(&array), Some(SourceKind::GraphCatalog));
    assert_eq!(
        releases(&read(None, &array).unwrap()),
        releases(&facts("catalog-entries.hotpatch-2024-09.graph-docs.json"))
    );
}

#[test]
fn domain_section_7_support_toc_lists_b_preview_and_out_of_band_updates() {
    let f = facts("windows11-toc.live-sample.2026-07.avnsx.json");
    assert_eq!(f.kind, SourceKind::SupportToc);
    let rows: [(OsLine, &str, ReleaseKind, &str, u32, &str); 10] = [
        (W24, "2026-07", OobLcu, "KB5121767", 8894, "2026-07-18"),
        (W25, "2026-07", OobLcu, "KB5121767", 8894, "2026-07-18"),
        (W24, "2026-07", Preview, "KB5101684", 8973, "2026-07-28"),
        (W24, "2026-05", Preview, "KB5089573", 8524, "2026-05-26"),
        (W24, "2026-01", Standard, "KB5074109", 7623, "2026-01-13"),
        (W24, "2026-01", OobLcu, "KB5077744", 7627, "2026-01-17"),
        (W24, "2026-01", OobLcu, "KB5078127", 7628, "2026-01-24"),
        (W24, "2026-06", Standard, "KB5094126", 8655, "2026-06-09"),
        // The real title without a space: "KB5055627(OS Build 26100.3915) Preview".
        (W24, "2025-04", Preview, "KB5055627", 3915, "2025-04-25"),
        // A preview published before Patch Tuesday belongs to the month before.
        (W24, "2025-11", Preview, "KB5070311", 7309, "2025-12-01"),
    ];
    for (line, m, kind, kb, ubr, date) in rows {
        let r = f
            .releases
            .iter()
            .find(|r| r.line == line && r.kind == kind && r.kb.as_deref() == Some(kb))
            .unwrap_or_else(|| panic!("{line} {kb}"));
        assert_eq!((r.month, r.ubr, r.date), (month(m), Some(ubr), Some(day(date))), "{kb}");
    }
    // 26H1 (28000), 23H2 (22631) and older lanes are skipped; one release per line and KB.
    assert!(f.releases.iter().all(|r| matches!(r.line, W24 | W25)));
    let mut keys: Vec<_> = releases(&f);
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
    assert!(f.types.is_empty());
    assert!(!f.releases.iter().any(|r| r.kind == Hotpatch));
}

#[test]
fn domain_section_9_each_source_is_detected_by_content() {
    let cases = [
        ("cvrf-2026-Jan.excerpt.xml", SourceKind::MsrcCvrf),
        ("cvrf-2026-Jun.excerpt.converted.json", SourceKind::MsrcCvrf),
        ("updates-index.2026-07-06.json", SourceKind::MsrcIndex),
        ("windows-server-release-info.2026-05-13.learn-markdown.md", SourceKind::ReleaseHealth),
        ("windows11-release-health.avnsx.html", SourceKind::ReleaseHealth),
        ("catalog-entries.top3-2024-10.graph-docs.json", SourceKind::GraphCatalog),
        ("windows11-toc.live-sample.2026-07.avnsx.json", SourceKind::SupportToc),
    ];
    for (file, kind) in cases {
        assert_eq!(detect(&sample(file)), Some(kind), "{file}");
        assert_eq!(kind.id(), facts(file).kind.id());
        assert!(!kind.describe().is_empty());
    }
    let inventory = r#"[{"DeviceName":"PC-1","OSBuild":"26100.7781","OSVersion":"10.0.26100.7781"}]"#;
    for text in [inventory, "DeviceName,OSBuild\nPC-1,26100.7781\n", "", "   ", "hello", "<html><body>hi</body></html>"]
    {
        assert_eq!(detect(text), None, "{text:?}");
        assert_eq!(read(Some("x.txt"), text).unwrap_err().code, "source.unknown");
    }
}

#[test]
fn domain_section_9_unreadable_documents_name_the_source_and_position() {
    let xml = sample("cvrf-2026-Jan.excerpt.xml");
    let cut = &xml[..xml.len() / 2];
    let e = read(Some("jan.xml"), cut).unwrap_err();
    assert_eq!(e.code, "source.xml");
    assert!(e.at.starts_with("jan.xml:") && e.message.contains("CVRF") && e.message.contains("line"), "{e}");
    let bad = "<cvrf:cvrfdoc xmlns:cvrf=\"x\">\n  <cvrf:DocumentTitle>a</cvrf:Wrong>\n</cvrf:cvrfdoc>";
    let e = read(Some("bad.xml"), bad).unwrap_err();
    assert_eq!((e.code, e.at.as_str()), ("source.xml", "bad.xml:2:24"), "{e}");

    let json = sample("updates-index.2026-07-06.json");
    let e = read(Some("index.json"), &json[..1000]).unwrap_err();
    assert_eq!(e.code, "source.json");
    assert!(e.at.starts_with("index.json:1:") && e.message.contains("MSRC index"), "{e}");
    let e = read(Some("toc.json"), "{\"toc_title\": \n  [1,}").unwrap_err();
    assert_eq!((e.code, e.at.as_str()), ("source.json", "toc.json:2:6"), "{e}");

    let e = read(Some("nomonth.xml"), "<cvrf:cvrfdoc xmlns:cvrf=\"x\"></cvrf:cvrfdoc>").unwrap_err();
    assert_eq!(e.code, "source.cvrf");
}

#[test]
fn domain_section_9_one_bad_row_is_a_warning_and_the_rest_is_read() {
    let md = sample("windows-server-release-info.2026-05-13.learn-markdown.md")
        .replace("| LTSC | 2026-04 B | 2026-04-14 | 26100.32690 |", "| LTSC | 2026-04 B | 2026-04-14 | 26100.3x690 |");
    let f = read(None, &md).unwrap();
    assert_eq!(f.warnings.len(), 1, "{:?}", f.warnings);
    assert_eq!(f.warnings[0].code, "source.build");
    assert!(f.warnings[0].at.starts_with("line "));
    assert!(has(&f, S25, "2026-05", Standard, "KB5087539", 32860));
}

#[test]
fn a_large_cvrf_document_reads_quickly() {
    let text = sample("cvrf-2025-Feb.xml");
    let start = std::time::Instant::now();
    let f = read(None, &text).unwrap();
    let took = start.elapsed();
    assert_eq!(f.releases.len(), 6);
    if !cfg!(debug_assertions) {
        assert!(took.as_millis() < 1000, "{took:?}");
    }
}

/// Damaged documents: cut at many places, with multi-byte characters inserted. Reading must
/// return a value or an error, never panic.
#[test]
fn damaged_documents_never_panic() {
    let files = [
        "cvrf-2026-Jan.excerpt.xml",
        "cvrf-2026-Jun.excerpt.converted.json",
        "updates-index.2026-07-06.json",
        "windows-server-release-info.2026-05-13.learn-markdown.md",
        "windows-server-release-info.2026-05-13.from-markdown.html",
        "windows11-release-health.avnsx.html",
        "catalog-entries.top3-2024-10.graph-docs.json",
        "windows11-toc.live-sample.2026-07.avnsx.json",
    ];
    for file in files {
        let text = sample(file);
        let bytes = text.as_bytes();
        let step = (bytes.len() / 150).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let truncated = String::from_utf8_lossy(&bytes[..cut]);
            let _ = read(Some(file), &truncated);
            let mut spliced = bytes[..cut].to_vec();
            spliced.extend_from_slice("é—😀\u{feff}|<>&\"".as_bytes());
            spliced.extend_from_slice(&bytes[cut..]);
            let _ = read(Some(file), &String::from_utf8_lossy(&spliced));
        }
    }
}

mod properties {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_after_a_source_marker_never_panics(
            prefix in prop::sample::select(vec![
                "<cvrf:cvrfdoc xmlns:cvrf=\"x\">",
                "{\"DocumentTracking\":",
                "{\"CvrfUrl\":1,\"value\":[",
                "{\"productRevisions\":[",
                "[{\"toc_title\":\"",
                "---\nupdated_at: 2026-05-13\n---\n**Windows Server 2025 (OS build 26100)**\n| Month | Update type | Type | Build | KB article |\n",
                "<table><tr><th>Update type</th><th>Build</th></tr><tr><td>OS build",
            ]),
            body in "\\PC{0,200}",
        ) {
            let text = format!("{prefix}{body}");
            let _ = hotpatch_planner::release::read(None, &text);
            let _ = hotpatch_planner::release::detect(&text);
        }
    }
}
