//! Microsoft Graph Windows Updates catalog exports: `qualityUpdateCatalogEntry` objects with
//! their `productRevisions`, as one response (`{"value": [...]}`), a plain array of entries,
//! or several response pages pasted one after another (an `@odata.nextLink` walk saved page
//! by page).
//!
//! Type facts: a B entry with a hotpatch revision for a line settles that month as a hotpatch
//! month. An entry with only standard revisions settles nothing, because a Graph query is
//! often filtered (the docs' own example asks only for `isHotpatchUpdate eq true`, another
//! only for expeditable entries) and the absence of a hotpatch revision in an export does not
//! show that the month had none.

use serde_json::{Deserializer, Value};

use super::cvrf::json_error;
use super::text::{date_prefix, dotted_month, normalize_kb};
use super::{
    client_line_for_build, servicing_month, Release, ReleaseKind, ReleaseSet, SourceError, SourceFacts, SourceKind,
    TypeFact,
};
use crate::catalog::MonthType;
use crate::platform::OsLine;

pub(super) fn read(label: &str, text: &str) -> Result<SourceFacts, SourceError> {
    let mut entries: Vec<(String, Value)> = Vec::new();
    for (page, value) in Deserializer::from_str(text).into_iter::<Value>().enumerate() {
        let value = value.map_err(|e| json_error(SourceKind::GraphCatalog, label, &e))?;
        match value {
            Value::Array(items) => {
                entries.extend(items.into_iter().enumerate().map(|(i, v)| (format!("page {page}, [{i}]"), v)))
            }
            Value::Object(mut o) => match o.remove("value") {
                Some(Value::Array(items)) => {
                    entries.extend(items.into_iter().enumerate().map(|(i, v)| (format!("page {page}, value[{i}]"), v)))
                }
                _ => entries.push((format!("page {page}"), Value::Object(o))),
            },
            _ => {}
        }
    }
    // Page numbers only help when several pages were pasted together.
    if entries.iter().all(|(at, _)| at.starts_with("page 0")) {
        for (at, _) in &mut entries {
            *at = at.trim_start_matches("page 0").trim_start_matches(", ").to_string();
            if at.is_empty() {
                *at = "entry".to_string();
            }
        }
    }
    let mut facts = SourceFacts::new(SourceKind::GraphCatalog, String::new(), None);
    let mut releases = ReleaseSet::default();
    let mut typed = std::collections::HashSet::new();
    for (at, entry) in &entries {
        let name = ["shortName", "displayName", "catalogName"]
            .iter()
            .filter_map(|k| entry.get(*k).and_then(Value::as_str))
            .find_map(update_name);
        let cadence = entry.get("qualityUpdateCadence").and_then(Value::as_str).unwrap_or("");
        let out_of_band = cadence.eq_ignore_ascii_case("outOfBand");
        let Some(revisions) = entry.get("productRevisions").and_then(Value::as_array) else {
            facts.warnings.push(SourceError::new(
                "source.row",
                at.clone(),
                "catalog entry without productRevisions (skipped; query with $expand=…/productRevisions)",
            ));
            continue;
        };
        let entry_date = entry.get("releaseDateTime").and_then(Value::as_str).and_then(date_prefix);
        let letter = name.map(|(_, l)| l);
        if !out_of_band && !matches!(letter, Some('B' | 'D')) {
            facts.warnings.push(SourceError::new(
                "source.row",
                at.clone(),
                "catalog entry is neither a B, a D nor an out-of-band release (skipped)".to_string(),
            ));
            continue;
        }
        for (i, rev) in revisions.iter().enumerate() {
            let rat = format!("{at}.productRevisions[{i}]");
            let build = rev.get("osBuild").and_then(|b| b.get("buildNumber")).and_then(Value::as_u64);
            let ubr = rev.get("osBuild").and_then(|b| b.get("updateBuildRevision")).and_then(Value::as_u64);
            let product = rev.get("product").and_then(Value::as_str).unwrap_or("");
            let line = match (product, build) {
                (p, Some(20348)) if p.contains("Server 2022") => Some(OsLine::Ws2022),
                (p, Some(26100)) if p.contains("Server 2025") => Some(OsLine::Ws2025),
                (p, Some(b)) if p.starts_with("Windows 11") => u32::try_from(b).ok().and_then(client_line_for_build),
                _ => None,
            };
            let Some(line) = line else { continue };
            let hotpatch = match rev.get("isHotpatchUpdate") {
                Some(Value::Bool(b)) => *b,
                Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
                _ => false,
            };
            let date = rev.get("releaseDateTime").and_then(Value::as_str).and_then(date_prefix).or(entry_date);
            let kind = match (out_of_band, letter, hotpatch) {
                (true, _, true) => ReleaseKind::OobHotpatch,
                (true, _, false) => ReleaseKind::OobLcu,
                (false, Some('D'), _) => ReleaseKind::Preview,
                (false, _, true) => ReleaseKind::Hotpatch,
                (false, _, false) => ReleaseKind::Standard,
            };
            let month = match (kind, name, date) {
                (ReleaseKind::OobHotpatch | ReleaseKind::OobLcu, _, Some(d)) => Some(servicing_month(d)),
                (_, Some((m, _)), _) => Some(m),
                (_, None, Some(d)) => Some(servicing_month(d)),
                _ => None,
            };
            let Some(month) = month else {
                facts.warnings.push(SourceError::new("source.row", rat, "revision without a month or date (skipped)"));
                continue;
            };
            let kb = rev
                .get("knowledgeBaseArticle")
                .and_then(|k| k.get("id"))
                .and_then(Value::as_str)
                .and_then(normalize_kb);
            let ubr = ubr.and_then(|u| u32::try_from(u).ok());
            releases.add(Release { line, month, kind, kb, ubr, date, at: rat.clone() });
            if kind == ReleaseKind::Hotpatch && typed.insert((line, month)) {
                facts.types.push(TypeFact {
                    line,
                    month,
                    kind: MonthType::Hotpatch,
                    planned: None,
                    release: date,
                    at: rat,
                });
            }
        }
    }
    facts.releases = releases.into_vec();
    facts.date = facts.releases.iter().filter_map(|r| r.date).max();
    facts.title = match facts.date {
        Some(d) => format!("Microsoft Graph Windows Updates catalog ({} entries, newest {d})", entries.len()),
        None => format!("Microsoft Graph Windows Updates catalog ({} entries)", entries.len()),
    };
    Ok(facts)
}

/// `2024.09 B` anywhere in an entry's names (`09/10/2024 - 2024.09 B SecurityUpdate …`):
/// the month and the release letter.
fn update_name(text: &str) -> Option<(crate::date::YearMonth, char)> {
    text.char_indices().filter(|(_, c)| c.is_ascii_digit()).find_map(|(i, _)| {
        let rest = text.get(i..)?;
        let month = dotted_month(rest)?;
        let mut tail = rest.get(7..)?.chars();
        (tail.next()? == ' ').then_some(())?;
        let letter = tail.next()?;
        let after = tail.next();
        (letter.is_ascii_uppercase() && after.is_none_or(|c| !c.is_alphanumeric())).then_some((month, letter))
    })
}
