//! The built-in catalog as Rust data, generated from `data/catalog.json` by the catalog
//! reader itself (the test below writes `built_in_data.rs` and fails while it is stale).
//!
//! Why not read the JSON at start-up: the browser's core module then needs no catalog JSON
//! reader, which left it 11 KB (gzip) lighter (DESIGN.md "Size"); reading release data,
//! catalog JSON included, is the full module's work. The test suite holds this data to the
//! same consistency checks as any catalog (`tests/catalog_data.rs`).

use super::{assemble, Catalog, CatalogMonth, Confidence, Follows, MonthType, Oob, OobKind, RawLine};
use crate::date::{Date, YearMonth};
use crate::platform::OsLine;
use crate::Error;

/// A line: what `lines.<id>` says in the JSON.
struct L {
    line: OsLine,
    name: &'static str,
    build: u32,
    follows: Option<F>,
    /// `YYYYMM`.
    hotpatch_until: Option<u32>,
    months: &'static [M],
}

/// `follows`, months written `YYYYMM`.
struct F {
    line: OsLine,
    from: Option<u32>,
    to: Option<u32>,
}

/// A month as written in the JSON (`planned` follows from the type; nothing is inherited).
struct M {
    /// `YYYYMM`.
    month: u32,
    /// `YYYYMMDD`.
    release: u32,
    kind: MonthType,
    type_known: bool,
    preview: bool,
    kb: Option<&'static str>,
    ubr: Option<u32>,
    lcu_kb: Option<&'static str>,
    lcu_ubr: Option<u32>,
    oob: &'static [O],
    confidence: Confidence,
    note: Option<&'static str>,
    source: Option<&'static str>,
}

/// An out-of-band release; `date` written `YYYYMMDD`.
struct O {
    date: Option<u32>,
    kind: OobKind,
    kb: Option<&'static str>,
    ubr: Option<u32>,
    confidence: Confidence,
    note: Option<&'static str>,
}

const LINES: &[L] = include!("built_in_data.rs");

fn month(yyyymm: u32) -> YearMonth {
    YearMonth::of((yyyymm / 100) as i32, yyyymm % 100)
}

fn date(yyyymmdd: u32) -> Date {
    let (ym, day) = (yyyymmdd / 100, yyyymmdd % 100);
    Date::from_ymd((ym / 100) as i32, ym % 100, day).unwrap_or_else(|| month(ym).first_day())
}

fn owned(text: Option<&'static str>) -> Option<String> {
    text.map(str::to_owned)
}

/// The built-in catalog.
pub(super) fn catalog() -> Result<Catalog, Error> {
    let raw = LINES
        .iter()
        .map(|l| RawLine {
            line: l.line,
            name: Some(l.name.to_owned()),
            build: Some(l.build),
            follows: l.follows.as_ref().map(|f| Follows { line: f.line, from: f.from.map(month), to: f.to.map(month) }),
            hotpatch_until: l.hotpatch_until.map(month),
            months: l
                .months
                .iter()
                .map(|m| CatalogMonth {
                    month: month(m.month),
                    release: date(m.release),
                    kind: m.kind,
                    type_known: m.type_known,
                    planned: m.kind == MonthType::planned_for(month(m.month)),
                    preview: m.preview,
                    kb: owned(m.kb),
                    ubr: m.ubr,
                    lcu_kb: owned(m.lcu_kb),
                    lcu_ubr: m.lcu_ubr,
                    oob: m
                        .oob
                        .iter()
                        .map(|o| Oob {
                            date: o.date.map(date),
                            kind: o.kind,
                            kb: owned(o.kb),
                            ubr: o.ubr,
                            confidence: o.confidence,
                            note: owned(o.note),
                        })
                        .collect(),
                    confidence: m.confidence,
                    note: owned(m.note),
                    source: owned(m.source),
                    inherited: false,
                })
                .collect(),
        })
        .collect();
    assemble(raw, Vec::new())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::fmt::Write;

    fn ym(m: YearMonth) -> String {
        format!("{}{:02}", m.year(), m.month())
    }

    fn ymd(d: Date) -> String {
        format!("{}{:02}{:02}", d.year(), d.month(), d.day())
    }

    fn opt<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
        value.map_or("None".into(), |v| format!("Some({})", show(v)))
    }

    fn text(value: &Option<String>) -> String {
        opt(value.as_deref(), |t| format!("{t:?}"))
    }

    /// The Rust data for a catalog read from JSON: each line's own months (not inherited).
    fn generate(catalog: &Catalog) -> String {
        let mut out = String::from(
            "// Generated from data/catalog.json by `UPDATE_BUILT_IN=1 cargo test --lib catalog::built_in`\n\
             // (scripts/refresh-catalog.sh runs it); do not edit. See src/catalog/built_in.rs.\n&[\n",
        );
        for l in catalog.lines() {
            let follows = opt(l.follows, |f| {
                format!("F {{ line: OsLine::{:?}, from: {}, to: {} }}", f.line, opt(f.from, ym), opt(f.to, ym))
            });
            writeln!(
                out,
                "    L {{ line: OsLine::{:?}, name: {:?}, build: {}, follows: {follows}, hotpatch_until: {}, months: &[",
                l.line,
                l.name,
                l.build,
                opt(l.hotpatch_until, ym)
            )
            .unwrap();
            for m in l.months.iter().filter(|m| !m.inherited) {
                let oob: Vec<String> = m
                    .oob
                    .iter()
                    .map(|o| {
                        format!(
                            "O {{ date: {}, kind: OobKind::{:?}, kb: {}, ubr: {:?}, confidence: Confidence::{:?}, note: {} }}",
                            opt(o.date, ymd),
                            o.kind,
                            text(&o.kb),
                            o.ubr,
                            o.confidence,
                            text(&o.note)
                        )
                    })
                    .collect();
                writeln!(
                    out,
                    "        M {{ month: {}, release: {}, kind: MonthType::{:?}, type_known: {}, preview: {}, kb: {}, ubr: {:?}, lcu_kb: {}, lcu_ubr: {:?}, oob: &[{}], confidence: Confidence::{:?}, note: {}, source: {} }},",
                    ym(m.month),
                    ymd(m.release),
                    m.kind,
                    m.type_known,
                    m.preview,
                    text(&m.kb),
                    m.ubr,
                    text(&m.lcu_kb),
                    m.lcu_ubr,
                    oob.join(", "),
                    m.confidence,
                    text(&m.note),
                    text(&m.source)
                )
                .unwrap();
            }
            out.push_str("    ] },\n");
        }
        out.push_str("]\n");
        out
    }

    /// DOMAIN.md section 7: the embedded data is the JSON, read by the catalog reader.
    #[test]
    fn built_in_data_is_the_json() {
        let from_json = super::super::load::read(&[super::super::BUILT_IN_JSON]).expect("the built-in JSON reads");
        assert!(from_json.sources().is_empty(), "the built-in catalog lists no sources");
        let generated = generate(&from_json);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/catalog/built_in_data.rs");
        if std::env::var_os("UPDATE_BUILT_IN").is_some() {
            std::fs::write(path, &generated).unwrap();
            // This test binary holds the data it was built with: the comparison below is for
            // the next build (scripts/refresh-catalog.sh runs the test again).
            return;
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == generated,
            "src/catalog/built_in_data.rs is stale: run UPDATE_BUILT_IN=1 cargo test --lib catalog::built_in"
        );
        assert_eq!(format!("{:?}", catalog().unwrap()), format!("{from_json:?}"));
    }
}
