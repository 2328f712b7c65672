//! support.microsoft.com's Windows 11 update-history contents (`toc.json`). Each article title
//! names a cumulative update: `July 18, 2026—KB5121767 (OS Builds 26200.8894 and 26100.8894)
//! Out-of-band`, `… Preview`, or a plain title for the B release. Hotpatches are not listed,
//! so this source settles no month types.

use serde_json::Value;

use super::cvrf::json_error;
use super::text::{english_date, find_kb, parse_build};
use super::{
    client_line_for_build, servicing_month, Release, ReleaseKind, ReleaseSet, SourceError, SourceFacts, SourceKind,
};

pub(super) fn read(label: &str, text: &str) -> Result<SourceFacts, SourceError> {
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(SourceKind::SupportToc, label, &e))?;
    let mut titles = Vec::new();
    collect(&root, String::new(), &mut titles, 0);
    let mut facts = SourceFacts::new(SourceKind::SupportToc, String::new(), None);
    let mut releases = ReleaseSet::default();
    for (at, title) in &titles {
        // Lane headings ("Windows 11, version 25H2") and other pages have no date-dash-KB form.
        let Some((date_text, rest)) = title.split_once('\u{2014}') else { continue };
        let Some(date) = english_date(date_text) else {
            facts.warnings.push(SourceError::new(
                "source.row",
                at.clone(),
                format!("no date in title {title:?} (skipped)"),
            ));
            continue;
        };
        let Some(kb) = find_kb(rest) else {
            facts.warnings.push(SourceError::new(
                "source.row",
                at.clone(),
                format!("no KB in title {title:?} (skipped)"),
            ));
            continue;
        };
        let (inside, suffix) = match (rest.find('('), rest.rfind(')')) {
            (Some(open), Some(close)) if open < close => {
                (rest.get(open + 1..close).unwrap_or(""), rest.get(close + 1..).unwrap_or(""))
            }
            _ => ("", rest),
        };
        let lower = suffix.to_ascii_lowercase();
        let kind = if lower.contains("preview") {
            ReleaseKind::Preview
        } else if lower.contains("out-of-band") || lower.contains("out of band") {
            ReleaseKind::OobLcu
        } else {
            ReleaseKind::Standard
        };
        let month = if kind == ReleaseKind::Standard { date.year_month() } else { servicing_month(date) };
        // "OS Builds 26200.8894 and 26100.8894": one release per build of a known line.
        for word in inside.split(|c: char| c.is_whitespace() || c == ',') {
            let Some((build, ubr)) = parse_build(word) else { continue };
            let Some(line) = client_line_for_build(build) else { continue };
            releases.add(Release {
                line,
                month,
                kind,
                kb: Some(kb.clone()),
                ubr: Some(ubr),
                date: Some(date),
                at: at.clone(),
            });
        }
    }
    facts.releases = releases.into_vec();
    let newest = facts.releases.iter().filter_map(|r| r.date).max();
    facts.title = match newest {
        Some(d) => format!("Windows 11 update history contents (support.microsoft.com, newest article {d})"),
        None => "Windows 11 update history contents (support.microsoft.com)".to_string(),
    };
    Ok(facts)
}

/// Every `toc_title` in document order with its path (`items[2].children[5]`).
fn collect(v: &Value, path: String, out: &mut Vec<(String, String)>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => {
            if let Some(Value::String(title)) = o.get("toc_title") {
                out.push((if path.is_empty() { "toc".to_string() } else { path.clone() }, title.clone()));
            }
            for (key, child) in o {
                if matches!(child, Value::Array(_) | Value::Object(_)) {
                    let p = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                    collect(child, p, out, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, format!("{path}[{i}]"), out, depth + 1);
            }
        }
        _ => {}
    }
}
