//! Reading catalog JSON (built-in and user-supplied) into a [`Catalog`], merging documents,
//! resolving `follows`, and the consistency checks.
//!
//! The reader walks the JSON by hand (through [`Fields`]) instead of deriving `Deserialize`,
//! so every message can name the exact path, the value found and what was expected.

use super::{Catalog, CatalogMonth, Confidence, Follows, MonthType, Oob, OobKind, RawLine, SourceInfo};
use crate::date::YearMonth;
use crate::error::ErrorCode;
use crate::fields::{text, Fields, Value};
use crate::platform::OsLine;
use crate::Error;

/// Reads and merges catalog documents in order (later ones win per line and month).
pub(super) fn read(texts: &[&str]) -> Result<Catalog, Error> {
    let mut raw: Vec<RawLine> = Vec::new();
    let mut sources: Vec<SourceInfo> = Vec::new();
    for text in texts {
        let doc = Fields::document(text, "the catalog", ErrorCode::InvalidCatalog)?;
        read_document(&doc, &mut raw, &mut sources)?;
    }
    let catalog = super::assemble(raw, sources)?;
    match problems_with_fields(&catalog).into_iter().next() {
        Some((field, message)) => Err(Error::catalog(field, message)),
        None => Ok(catalog),
    }
}

fn read_document(doc: &Fields<'_>, raw: &mut Vec<RawLine>, sources: &mut Vec<SourceInfo>) -> Result<(), Error> {
    doc.only(&["$schema", "schemaVersion", "about", "sources", "lines"])?;
    if let Some(items) = doc.list("sources", "an array of release-data sources")? {
        for (i, item) in items.iter().enumerate() {
            sources.push(read_source(item, format!("sources[{i}]"))?);
        }
    }
    if let Some(v) = doc.get("schemaVersion") {
        if crate::fields::whole(v) != Some(1) {
            return Err(doc.bad("schemaVersion", v, "1"));
        }
    }
    let lines_value =
        doc.get("lines").ok_or_else(|| Error::catalog("lines", "missing; a catalog needs a \"lines\" object"))?;
    let lines = Fields::new(lines_value, "lines".into(), ErrorCode::InvalidCatalog)?;
    for (id, line_value) in lines.entries() {
        let id: &str = id;
        let path = format!("lines.{id}");
        let line = OsLine::from_id(id).filter(|l| l.has_hotpatch()).ok_or_else(|| {
            Error::catalog(
                &path,
                format!(
                    "\"{id}\" is not an OS line; expected one of win11-24h2, win11-25h2, win11-26h2, ws2025, ws2022"
                ),
            )
        })?;
        let obj = Fields::new(line_value, path.clone(), ErrorCode::InvalidCatalog)?;
        obj.only(&["name", "build", "follows", "hotpatchUntil", "months"])?;
        let target = match raw.iter().position(|l| l.line == line) {
            Some(i) => &mut raw[i],
            None => {
                raw.push(RawLine {
                    line,
                    name: None,
                    build: None,
                    follows: None,
                    hotpatch_until: None,
                    months: Vec::new(),
                });
                let last = raw.len() - 1;
                &mut raw[last]
            }
        };
        if let Some(name) = obj.string("name")?.map(str::to_owned) {
            target.name = Some(name);
        }
        if let Some(build) = obj.ubr("build")? {
            target.build = Some(build);
        }
        if let Some(v) = obj.get("follows") {
            target.follows = Some(read_follows(v, format!("{path}.follows"))?);
        }
        if let Some(until) = obj.month("hotpatchUntil")? {
            target.hotpatch_until = Some(until);
        }
        if let Some(items) = obj.list("months", "an array of months")? {
            let mut previous: Option<YearMonth> = None;
            for (i, item) in items.iter().enumerate() {
                let month = read_month(item, format!("{path}.months[{i}]"))?;
                if let Some(p) = previous.filter(|p| *p >= month.month) {
                    return Err(Error::catalog(
                        format!("{path}.months[{i}].month"),
                        format!("\"{}\" comes after \"{p}\"; months must be listed in order, each once", month.month),
                    ));
                }
                previous = Some(month.month);
                target.put(month);
            }
        }
    }
    Ok(())
}

fn read_follows(value: &Value<'_>, path: String) -> Result<Follows, Error> {
    let obj = Fields::new(value, path, ErrorCode::InvalidCatalog)?;
    obj.only(&["line", "from", "to"])?;
    let id = obj
        .string("line")?
        .ok_or_else(|| Error::catalog(obj.at("line"), "missing; expected the id of the line to follow"))?;
    let line = OsLine::from_id(id).filter(|l| l.has_hotpatch()).ok_or_else(|| {
        Error::catalog(
            obj.at("line"),
            format!("\"{id}\" is not an OS line; expected one of win11-24h2, win11-25h2, win11-26h2, ws2025, ws2022"),
        )
    })?;
    Ok(Follows { line, from: obj.month("from")?, to: obj.month("to")? })
}

fn read_source(value: &Value<'_>, path: String) -> Result<SourceInfo, Error> {
    let obj = Fields::new(value, path, ErrorCode::InvalidCatalog)?;
    obj.only(&["name", "kind", "title", "date", "months"])?;
    let kind = obj
        .string("kind")?
        .ok_or_else(|| Error::catalog(obj.at("kind"), "missing; expected the kind of source, e.g. \"msrc-cvrf\""))?;
    let months = match obj.list("months", "an array of months written YYYY-MM")? {
        None => Vec::new(),
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                text(v)
                    .and_then(YearMonth::parse)
                    .ok_or_else(|| Error::catalog(obj.at(&format!("months[{i}]")), "expected a month written YYYY-MM"))
            })
            .collect::<Result<_, _>>()?,
    };
    Ok(SourceInfo {
        name: obj.string("name")?.map(str::to_owned),
        kind: kind.to_owned(),
        title: obj.string("title")?.unwrap_or_default().to_owned(),
        date: obj.date("date")?,
        months,
    })
}

fn read_month(value: &Value<'_>, path: String) -> Result<CatalogMonth, Error> {
    let obj = Fields::new(value, path, ErrorCode::InvalidCatalog)?;
    obj.only(&[
        "month",
        "release",
        "type",
        "planned",
        "preview",
        "kb",
        "ubr",
        "lcuKb",
        "lcuUbr",
        "oob",
        "confidence",
        "note",
        "source",
    ])?;
    let month = obj
        .month("month")?
        .ok_or_else(|| Error::catalog(obj.at("month"), "missing; expected the month written YYYY-MM"))?;
    let release = obj
        .date("release")?
        .ok_or_else(|| Error::catalog(obj.at("release"), "missing; expected the B release date written YYYY-MM-DD"))?;
    // "unknown": Microsoft has not said; the month takes its planned type and says so.
    let (kind, type_known) = match obj.get("type").and_then(text) {
        Some("baseline") => (MonthType::Baseline, true),
        Some("hotpatch") => (MonthType::Hotpatch, true),
        Some("unknown") => (MonthType::planned_for(month), false),
        _ => return Err(obj.bad_or_missing("type", "\"baseline\", \"hotpatch\" or \"unknown\"")),
    };
    if !type_known && (obj.get("kb").is_some() || obj.get("ubr").is_some() || obj.get("planned").is_some()) {
        return Err(Error::catalog(
            obj.at("type"),
            "a month of unknown type gives only its standard LCU (lcuKb, lcuUbr): kb, ubr and planned need the type",
        ));
    }
    let planned_derived = kind == MonthType::planned_for(month);
    if let Some(planned) = obj.bool("planned")? {
        if planned != planned_derived {
            let expected = if planned_derived { "true" } else { "false" };
            return Err(Error::catalog(
                obj.at("planned"),
                format!("{planned} contradicts the planned calendar (baselines in January, April, July, October): a {} in {month} is planned = {expected}", type_name(kind)),
            ));
        }
    }
    let (kb, ubr) = match type_known {
        true => (obj.kb("kb")?, obj.ubr("ubr")?),
        // The known LCU of a month whose planned type is a baseline is taken as that baseline.
        false if kind == MonthType::Baseline => (obj.kb("lcuKb")?, obj.ubr("lcuUbr")?),
        false => (None, None),
    };
    let (lcu_kb, lcu_ubr) = match kind {
        // A baseline is itself the month's cumulative update.
        MonthType::Baseline => {
            let lcu_kb = obj.kb("lcuKb")?;
            let lcu_ubr = obj.ubr("lcuUbr")?;
            if lcu_kb.is_some() && lcu_kb != kb || lcu_ubr.is_some() && lcu_ubr != ubr {
                return Err(Error::catalog(obj.at("lcuKb"), "a baseline month's standard LCU is the baseline itself; leave lcuKb and lcuUbr out or equal to kb and ubr"));
            }
            (kb.clone(), ubr)
        }
        MonthType::Hotpatch => (obj.kb("lcuKb")?, obj.ubr("lcuUbr")?),
    };
    let oob = match obj.list("oob", "an array of out-of-band releases")? {
        None => Vec::new(),
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| read_oob(v, obj.at(&format!("oob[{i}]"))))
            .collect::<Result<_, _>>()?,
    };
    Ok(CatalogMonth {
        month,
        release,
        kind,
        type_known,
        planned: planned_derived,
        preview: obj.bool("preview")?.unwrap_or(false),
        kb,
        ubr,
        lcu_kb,
        lcu_ubr,
        oob,
        confidence: obj.confidence()?,
        note: obj.string("note")?.map(str::to_owned),
        source: obj.string("source")?.map(str::to_owned),
        inherited: false,
    })
}

fn read_oob(value: &Value<'_>, path: String) -> Result<Oob, Error> {
    let obj = Fields::new(value, path, ErrorCode::InvalidCatalog)?;
    obj.only(&["date", "kind", "kb", "ubr", "confidence", "note"])?;
    let kind = match obj.get("kind").and_then(text) {
        Some("hotpatch") => OobKind::Hotpatch,
        Some("lcu") => OobKind::Lcu,
        Some("preview") => OobKind::Preview,
        _ => return Err(obj.bad_or_missing("kind", "\"hotpatch\", \"lcu\" or \"preview\"")),
    };
    Ok(Oob {
        date: obj.date("date")?,
        kind,
        kb: obj.kb("kb")?,
        ubr: obj.ubr("ubr")?,
        confidence: obj.confidence()?,
        note: obj.string("note")?.map(str::to_owned),
    })
}

fn type_name(kind: MonthType) -> &'static str {
    match kind {
        MonthType::Baseline => "baseline",
        MonthType::Hotpatch => "hotpatch",
    }
}

/// Catalog-only readers on top of [`Fields`].
trait CatalogFields {
    fn kb(&self, key: &str) -> Result<Option<String>, Error>;
    fn confidence(&self) -> Result<Confidence, Error>;
    fn ubr(&self, key: &str) -> Result<Option<u32>, Error>;
}

impl CatalogFields for Fields<'_> {
    /// A KB number: `KB` and 6–8 digits; the letters may be in any case.
    fn kb(&self, key: &str) -> Result<Option<String>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                // `get`, not indexing: a value may start with a multi-byte character.
                let digits = text(v).and_then(|s| {
                    let (prefix, digits) = (s.get(..2)?, s.get(2..)?);
                    (prefix.eq_ignore_ascii_case("KB")
                        && (6..=8).contains(&digits.len())
                        && digits.bytes().all(|b| b.is_ascii_digit()))
                    .then_some(digits)
                });
                digits.map(|d| Some(format!("KB{d}"))).ok_or_else(|| self.bad(key, v, "a KB number like \"KB5077212\""))
            }
        }
    }

    fn confidence(&self) -> Result<Confidence, Error> {
        Ok(match self.choice("confidence", &["confirmed", "secondary", "unclear"])? {
            Some("secondary") => Confidence::Secondary,
            Some("unclear") => Confidence::Unclear,
            _ => Confidence::Confirmed,
        })
    }

    fn ubr(&self, key: &str) -> Result<Option<u32>, Error> {
        self.int_in(key, 1..=u32::MAX)
    }
}

pub(super) fn problems(catalog: &Catalog) -> Vec<String> {
    problems_with_fields(catalog).into_iter().map(|(field, message)| format!("{field}: {message}")).collect()
}

/// The consistency rules listed on [`Catalog::problems`], as (field, message) pairs.
fn problems_with_fields(catalog: &Catalog) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in catalog.lines() {
        let mut highest_before: Option<u32> = None;
        let mut on_track_since_baseline = false;
        let mut previous: Option<YearMonth> = None;
        for m in &line.months {
            let at = |field: &str| format!("lines.{}.months[\"{}\"].{field}", line.line, m.month);
            if previous.is_some_and(|p| p.next() != m.month) {
                // A month the catalog does not know may have been an unplanned baseline.
                on_track_since_baseline = false;
            }
            previous = Some(m.month);
            let tuesday = m.month.patch_tuesday();
            if m.release != tuesday {
                out.push((
                    at("release"),
                    format!(
                        "{} is not the second Tuesday of {} ({tuesday}); B releases ship on Patch Tuesday",
                        m.release, m.month
                    ),
                ));
            }
            if let (MonthType::Hotpatch, Some(hp), Some(lcu)) = (m.kind, m.ubr, m.lcu_ubr) {
                if hp >= lcu {
                    out.push((
                        at("ubr"),
                        format!("hotpatch build {hp} is not lower than the same month's standard LCU build {lcu}"),
                    ));
                }
            }
            match m.kind {
                MonthType::Baseline => on_track_since_baseline = true,
                // A month of unknown type only predicts a hotpatch; it needs no baseline before it.
                MonthType::Hotpatch if !on_track_since_baseline && !m.preview && m.type_known && !m.inherited => out
                    .push((
                        at("type"),
                        "a hotpatch month needs a baseline earlier in the catalog with no unknown month between".into(),
                    )),
                MonthType::Hotpatch => {}
            }
            let next_release = m.month.next().patch_tuesday();
            for (i, oob) in m.oob.iter().enumerate() {
                if let Some(date) = oob.date.filter(|d| *d <= m.release || *d >= next_release) {
                    out.push((
                        at(&format!("oob[{i}].date")),
                        format!(
                            "{date} is not between this month's B release ({}) and the next ({next_release})",
                            m.release
                        ),
                    ));
                }
            }
            let ubrs: Vec<u32> =
                [m.ubr, m.lcu_ubr].into_iter().flatten().chain(m.oob.iter().filter_map(|o| o.ubr)).collect();
            if let (Some(low), Some(high)) = (ubrs.iter().min(), highest_before) {
                if *low <= high {
                    out.push((
                        at("ubr"),
                        format!("build {low} is not higher than build {high} of an earlier month; builds only grow"),
                    ));
                }
            }
            highest_before = ubrs.iter().copied().chain(highest_before).max();
        }
        for pair in line.builds.windows(2) {
            if pair[0].ubr == pair[1].ubr {
                out.push((
                    format!("lines.{}", line.line),
                    format!("build {} appears twice ({} and {})", pair[0].ubr, pair[0].month, pair[1].month),
                ));
            }
        }
    }
    out
}
