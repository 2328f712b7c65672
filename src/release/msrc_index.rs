//! The MSRC index of monthly documents (`/cvrf/v3.0/updates`): which months exist, so that a
//! refresh knows which month documents to fetch.

use serde_json::Value;

use super::cvrf::json_error;
use super::text::{date_prefix, msrc_month};
use super::{SourceError, SourceFacts, SourceKind};

pub(super) fn read(label: &str, text: &str) -> Result<SourceFacts, SourceError> {
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(SourceKind::MsrcIndex, label, &e))?;
    let items = root.get("value").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    // The index's own date is the newest change of any document it lists.
    let date =
        items.iter().filter_map(|i| i.get("CurrentReleaseDate").and_then(Value::as_str).and_then(date_prefix)).max();
    let title = match date {
        Some(d) => format!("MSRC security update index ({} documents, newest change {d})", items.len()),
        None => format!("MSRC security update index ({} documents)", items.len()),
    };
    let mut facts = SourceFacts::new(SourceKind::MsrcIndex, title, date);
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("value[{i}]");
        match item.get("ID").and_then(Value::as_str) {
            Some(id) => match msrc_month(id) {
                Some(month) => {
                    if seen.insert(month) {
                        facts.months.push(month);
                    }
                }
                None => facts.warnings.push(SourceError::new(
                    "source.month",
                    at,
                    format!("document ID {id:?} is not a month of the form 2026-Feb (skipped)"),
                )),
            },
            None => facts.warnings.push(SourceError::new("source.row", at, "entry without an ID (skipped)")),
        }
    }
    Ok(facts)
}
