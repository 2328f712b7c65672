//! MSRC CVRF month documents (`/cvrf/v3.0/cvrf/<YYYY-Mon>`), in the XML the API serves by
//! default and in its JSON form (`Accept: application/json`). Both forms are first reduced to
//! the same few fields ([`Doc`]); [`settle`] then decides what the month's releases are.

use std::collections::{HashMap, HashSet};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde_json::Value;

use super::text::{date_prefix, line_column, msrc_month, normalize_kb, parse_build};
use super::{
    base_build, line_for_product, Release, ReleaseKind, ReleaseSet, SourceError, SourceFacts, SourceKind, TypeFact,
};
use crate::catalog::MonthType;
use crate::date::Date;
use crate::platform::OsLine;

/// How far below the month's standard build its own hotpatch build may be.
///
/// Measured on every real sample (SOURCES.md): a month's hotpatch is 57–95 revisions below the
/// same month's standard LCU (2025-02: 87 and 59; 2025-03: 73 and 58; 2025-05: 80 and 62, and
/// 78 for the OOB hotpatch .3983; 2026-02: 59, 59, 57 and 62), while the stale May 2026
/// hotpatches the June 2026 document carries on CVE-2026-48566 are 265 (.8390 vs .8655) and
/// 223 (.32772 vs .32995) below. A hotpatch is cumulative over its baseline and ships on the
/// same Patch Tuesday as the standard build, so a gap of a whole month's revisions (~200+)
/// means an earlier month. 150 sits between the two groups with room on both sides.
const MAX_HOTPATCH_GAP: u32 = 150;

/// The document reduced to what the releases need.
#[derive(Default)]
struct Doc {
    id: Option<String>,
    title: Option<String>,
    initial: Option<Date>,
    current: Option<Date>,
    revision: Option<(String, Option<Date>)>,
    products: HashMap<String, String>,
    remediations: Vec<Remediation>,
}

/// One `Vendor Fix` remediation.
#[derive(Default)]
struct Remediation {
    cve: String,
    description: String,
    subtype: String,
    fixed_build: Option<String>,
    products: Vec<String>,
}

/// Reads either form.
pub(super) fn read(label: &str, text: &str) -> Result<SourceFacts, SourceError> {
    let doc = if text.trim_start().starts_with('<') { read_xml(label, text)? } else { read_json(label, text)? };
    settle(label, doc)
}

fn xml_error(label: &str, text: &str, offset: u64, what: &str) -> SourceError {
    let (line, column) = line_column(text, usize::try_from(offset).unwrap_or(usize::MAX));
    SourceError::new(
        "source.xml",
        format!("{label}:{line}:{column}"),
        format!("{} is not well-formed XML at line {line}, column {column}: {what}", SourceKind::MsrcCvrf.describe()),
    )
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(p) => &name[p + 1..],
        None => name,
    }
}

fn attribute(e: &BytesStart<'_>, wanted: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == wanted)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// Streams the XML once, keeping only the leaves the releases need.
fn read_xml(label: &str, text: &str) -> Result<Doc, SourceError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(true);
    let mut doc = Doc::default();
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut buf = String::new();
    let mut cve = String::new();
    let mut product_id: Option<String> = None;
    let mut remediation: Option<Remediation> = None;
    let mut revision_number: Option<String> = None;
    let mut saw_root = false;
    loop {
        let event = reader.read_event().map_err(|e| xml_error(label, text, reader.error_position(), &e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name = local(e.name().as_ref()).to_vec();
                saw_root |= name == b"cvrfdoc";
                buf.clear();
                match name.as_slice() {
                    b"FullProductName" => product_id = attribute(&e, b"ProductID"),
                    b"Vulnerability" => cve.clear(),
                    b"Remediation" => {
                        remediation = (attribute(&e, b"Type").as_deref() == Some("Vendor Fix"))
                            .then(|| Remediation { cve: cve.clone(), ..Remediation::default() })
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Empty(_) => buf.clear(),
            Event::Text(t) if wanted(&stack) => {
                let piece =
                    t.unescape().map_err(|e| xml_error(label, text, reader.buffer_position(), &e.to_string()))?;
                buf.push_str(&piece);
            }
            Event::CData(c) if wanted(&stack) => {
                buf.push_str(&String::from_utf8_lossy(&c.into_inner()));
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                let parent = stack.last().map(Vec::as_slice).unwrap_or(b"");
                let value = buf.trim().to_string();
                match (parent, name.as_slice()) {
                    (b"cvrfdoc", b"DocumentTitle") => doc.title = Some(value),
                    (b"Identification", b"ID") => doc.id = Some(value),
                    (b"DocumentTracking", b"InitialReleaseDate") => doc.initial = date_prefix(&value),
                    (b"DocumentTracking", b"CurrentReleaseDate") => doc.current = date_prefix(&value),
                    (b"Revision", b"Number") => revision_number = Some(value),
                    (b"Revision", b"Date") => {
                        // The first revision is the document's; vulnerabilities carry their own.
                        if let (Some(number), None) = (revision_number.take(), &doc.revision) {
                            doc.revision = Some((number, date_prefix(&value)));
                        }
                    }
                    (_, b"FullProductName") => {
                        if let Some(id) = product_id.take() {
                            doc.products.insert(id, value);
                        }
                    }
                    (b"Vulnerability", b"CVE") => cve = value,
                    (b"Remediation", field) => {
                        if let Some(r) = remediation.as_mut() {
                            match field {
                                b"Description" => r.description = value,
                                b"SubType" => r.subtype = value,
                                b"FixedBuild" => r.fixed_build = Some(value),
                                b"ProductID" => r.products.push(value),
                                _ => {}
                            }
                        }
                    }
                    (_, b"Remediation") => {
                        if let Some(r) = remediation.take() {
                            doc.remediations.push(r);
                        }
                    }
                    _ => {}
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(xml_error(label, text, text.len() as u64, "the document ends before its elements are closed"));
    }
    if !saw_root {
        return Err(xml_error(label, text, 0, "no cvrf:cvrfdoc element"));
    }
    Ok(doc)
}

/// Whether the text inside the innermost element is one the reader keeps (the long release
/// notes HTML is not unescaped at all).
fn wanted(stack: &[Vec<u8>]) -> bool {
    let Some(name) = stack.last() else { return false };
    matches!(
        name.as_slice(),
        b"DocumentTitle"
            | b"ID"
            | b"InitialReleaseDate"
            | b"CurrentReleaseDate"
            | b"Number"
            | b"Date"
            | b"FullProductName"
            | b"CVE"
            | b"Description"
            | b"SubType"
            | b"FixedBuild"
            | b"ProductID"
    )
}

/// A JSON string, or the `Value` string of an object such as `{"Value": "2026-Feb"}`.
fn text_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => text_of(o.get("Value")),
        _ => None,
    }
}

pub(super) fn json_error(kind: SourceKind, label: &str, e: &serde_json::Error) -> SourceError {
    let (line, column) = (e.line(), e.column());
    SourceError::new(
        "source.json",
        format!("{label}:{line}:{column}"),
        format!("{} is not valid JSON at line {line}, column {column}: {e}", kind.describe()),
    )
}

/// The JSON form uses the XML element names as PascalCase keys (`DocumentTracking`,
/// `Vulnerability[].Remediations[]`); `Type` is a number (2 = Vendor Fix) or, in some
/// re-serialisations, the text.
fn read_json(label: &str, text: &str) -> Result<Doc, SourceError> {
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(SourceKind::MsrcCvrf, label, &e))?;
    let mut doc = Doc { title: text_of(root.get("DocumentTitle")), ..Doc::default() };
    if let Some(tracking) = root.get("DocumentTracking") {
        doc.id = text_of(tracking.get("Identification").and_then(|i| i.get("ID")));
        doc.initial = text_of(tracking.get("InitialReleaseDate")).as_deref().and_then(date_prefix);
        doc.current = text_of(tracking.get("CurrentReleaseDate")).as_deref().and_then(date_prefix);
        if let Some(Value::Array(revisions)) = tracking.get("RevisionHistory") {
            doc.revision = revisions.last().and_then(|r| {
                Some((text_of(r.get("Number"))?, text_of(r.get("Date")).as_deref().and_then(date_prefix)))
            });
        }
    }
    if let Some(tree) = root.get("ProductTree") {
        collect_products(tree, &mut doc.products, 0);
    }
    let vulnerabilities = root.get("Vulnerability").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    for v in vulnerabilities {
        let cve = text_of(v.get("CVE")).unwrap_or_default();
        let remediations = v.get("Remediations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for r in remediations {
            let vendor_fix = match r.get("Type") {
                Some(Value::Number(n)) => n.as_u64() == Some(2),
                Some(Value::String(s)) => s.eq_ignore_ascii_case("vendor fix") || s == "2",
                _ => false,
            };
            if !vendor_fix {
                continue;
            }
            let products = match r.get("ProductID") {
                Some(Value::Array(ids)) => ids.iter().filter_map(|i| text_of(Some(i))).collect(),
                other => text_of(other).into_iter().collect(),
            };
            doc.remediations.push(Remediation {
                cve: cve.clone(),
                description: text_of(r.get("Description")).unwrap_or_default(),
                subtype: text_of(r.get("SubType")).unwrap_or_default(),
                fixed_build: text_of(r.get("FixedBuild")),
                products,
            });
        }
    }
    Ok(doc)
}

/// Every `{"ProductID": …, "Value": …}` anywhere in the product tree (the flat
/// `FullProductName` list and the nested `Branch[].Items[]`). The depth guard keeps a hostile
/// document from exhausting the stack (serde_json already limits nesting to 128).
fn collect_products(v: &Value, out: &mut HashMap<String, String>, depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(o) => {
            if let (Some(id), Some(Value::String(name))) = (text_of(o.get("ProductID")), o.get("Value")) {
                out.entry(id).or_insert_with(|| name.clone());
            }
            for child in o.values() {
                collect_products(child, out, depth + 1);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_products(i, out, depth + 1)),
        _ => {}
    }
}

/// `Security Update`, or the hotpatch subtype in any of its real spellings
/// (`Security Hotpatch Update`, `Security HotPatch Update`, `SecurityHotpatchUpdate`).
fn fix_kind(subtype: &str) -> Option<ReleaseKind> {
    let squeezed: String = subtype.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    match squeezed.as_str() {
        "securityupdate" => Some(ReleaseKind::Standard),
        "securityhotpatchupdate" => Some(ReleaseKind::Hotpatch),
        _ => None,
    }
}

/// One distinct (line, kind, KB, UBR) and the CVEs it fixes.
struct Seen {
    release: Release,
    cves: HashSet<String>,
}

/// Turns the remediations into the month's releases and types.
///
/// The same release sits on hundreds of CVEs: each distinct (line, kind, KB, UBR) is counted
/// once, with the number of CVEs it fixes. Per line, the month's standard LCU is the
/// `Security Update` on the most CVEs (2025-03 also carries February's KB5051987 on one CVE,
/// 2026-06 May's LCUs on one). A hotpatch remediation is the month's own when its build is
/// within [`MAX_HOTPATCH_GAP`] below that standard build (or, without builds, when it sits on
/// at least half of the line's CVEs); the one on the most CVEs is the month's hotpatch, any
/// other one an out-of-band hotpatch (2025-05: KB5058497 .3981 on 35 of 36 CVEs, KB5061258
/// .3983 on 1). Remediations of earlier months are warnings, never releases of this month.
fn settle(label: &str, doc: Doc) -> Result<SourceFacts, SourceError> {
    let id = doc.id.clone().unwrap_or_default();
    let Some(month) = msrc_month(&id) else {
        return Err(SourceError::new(
            "source.cvrf",
            format!("{label}: DocumentTracking/Identification/ID"),
            format!("{} has no month identifier of the form 2026-Feb (found {id:?})", SourceKind::MsrcCvrf.describe()),
        ));
    };
    let title = match &doc.revision {
        Some((number, Some(date))) => format!("MSRC CVRF {id} (revision {number} of {date})"),
        Some((number, None)) => format!("MSRC CVRF {id} (revision {number})"),
        None => format!("MSRC CVRF {id}"),
    };
    let mut facts = SourceFacts::new(SourceKind::MsrcCvrf, title, doc.current);

    let mut seen: Vec<Seen> = Vec::new();
    let mut index: HashMap<(OsLine, ReleaseKind, String, Option<u32>), usize> = HashMap::new();
    let mut line_cves: HashMap<OsLine, HashSet<&str>> = HashMap::new();
    let mut bad_builds: HashSet<(String, String)> = HashSet::new();
    for r in &doc.remediations {
        let Some(kind) = fix_kind(&r.subtype) else { continue };
        let Some(kb) = normalize_kb(&r.description) else { continue };
        let at = format!("{}, remediation {kb}", r.cve);
        for pid in &r.products {
            let Some(line) = doc.products.get(pid).and_then(|name| line_for_product(name)) else { continue };
            let ubr = match r.fixed_build.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                None => None,
                Some(text) => match parse_build(text) {
                    Some((build, ubr)) if Some(build) == base_build(line) => Some(ubr),
                    _ => {
                        if bad_builds.insert((kb.clone(), text.to_string())) {
                            facts.warnings.push(SourceError::new(
                                "source.build",
                                at.clone(),
                                format!("FixedBuild {text:?} is not a build of {line} (skipped)"),
                            ));
                        }
                        continue;
                    }
                },
            };
            if kind == ReleaseKind::Standard {
                line_cves.entry(line).or_default().insert(&r.cve);
            }
            let key = (line, kind, kb.clone(), ubr);
            let slot = *index.entry(key).or_insert_with(|| {
                seen.push(Seen {
                    release: Release {
                        line,
                        month,
                        kind,
                        kb: Some(kb.clone()),
                        ubr,
                        date: doc.initial,
                        at: at.clone(),
                    },
                    cves: HashSet::new(),
                });
                seen.len() - 1
            });
            seen[slot].cves.insert(r.cve.clone());
        }
    }

    // The month's standard LCU per line: the one on the most CVEs, then the highest build.
    let mut main_standard: HashMap<OsLine, usize> = HashMap::new();
    for (i, s) in seen.iter().enumerate().filter(|(_, s)| s.release.kind == ReleaseKind::Standard) {
        let better = match main_standard.get(&s.release.line) {
            None => true,
            Some(&j) => (s.cves.len(), s.release.ubr) > (seen[j].cves.len(), seen[j].release.ubr),
        };
        if better {
            main_standard.insert(s.release.line, i);
        }
    }
    // Which hotpatch remediations are this month's, and the main one per line.
    let mut in_month = vec![false; seen.len()];
    let mut main_hotpatch: HashMap<OsLine, usize> = HashMap::new();
    for (i, s) in seen.iter().enumerate().filter(|(_, s)| s.release.kind == ReleaseKind::Hotpatch) {
        let line = s.release.line;
        let standard = main_standard.get(&line).map(|&j| &seen[j]);
        let line_total = line_cves.get(&line).map_or(0, HashSet::len);
        in_month[i] = match (s.release.ubr, standard.and_then(|st| st.release.ubr)) {
            (Some(h), Some(st)) => h < st && st - h <= MAX_HOTPATCH_GAP,
            // Nothing to compare with: a line with only hotpatch remediations keeps them.
            _ if line_total == 0 => true,
            // A document published before Patch Tuesday has no builds yet: a month's own
            // hotpatch sits on (nearly) every CVE its standard LCU fixes, a stale one on few.
            _ => s.cves.len() * 2 >= line_total,
        };
        if in_month[i] {
            let better = match main_hotpatch.get(&line) {
                None => true,
                Some(&j) => {
                    (s.cves.len(), std::cmp::Reverse(s.release.ubr))
                        > (seen[j].cves.len(), std::cmp::Reverse(seen[j].release.ubr))
                }
            };
            if better {
                main_hotpatch.insert(line, i);
            }
        }
    }

    let mut releases = ReleaseSet::default();
    for (i, s) in seen.into_iter().enumerate() {
        let mut release = s.release;
        let line = release.line;
        let keep = match release.kind {
            ReleaseKind::Standard => main_standard.get(&line) == Some(&i),
            ReleaseKind::Hotpatch if in_month[i] => {
                if main_hotpatch.get(&line) != Some(&i) {
                    // A second hotpatch of the same month is an out-of-band one; the document
                    // does not give its date.
                    release.kind = ReleaseKind::OobHotpatch;
                    release.date = None;
                }
                true
            }
            _ => false,
        };
        if keep {
            releases.add(release);
        } else {
            facts.warnings.push(SourceError::new(
                "source.stale",
                release.at.clone(),
                format!(
                    "{} {} {} on {} CVE(s) is not this month's release for {line} (an earlier month's, left out)",
                    if release.kind == ReleaseKind::Hotpatch { "hotpatch" } else { "security update" },
                    release.kb.as_deref().unwrap_or("?"),
                    release.ubr.map_or_else(|| "without build".to_string(), |u| format!(".{u}")),
                    s.cves.len()
                ),
            ));
        }
    }
    facts.releases = releases.into_vec();

    // A hotpatch line with a standard LCU this month is settled: hotpatch when the month has
    // its own hotpatch for the line, baseline when it has none (DOMAIN.md section 9).
    for line in &OsLine::HOTPATCH_LINES {
        if main_standard.contains_key(line) {
            let at = facts
                .releases
                .iter()
                .find(|r| r.line == *line && r.kind == ReleaseKind::Standard)
                .map(|r| r.at.clone());
            let (kind, at) = match main_hotpatch.get(line) {
                Some(_) => {
                    let hp = facts.releases.iter().find(|r| r.line == *line && r.kind == ReleaseKind::Hotpatch);
                    (MonthType::Hotpatch, hp.map(|r| r.at.clone()))
                }
                None => (MonthType::Baseline, at),
            };
            facts.types.push(TypeFact {
                line: *line,
                month,
                kind,
                planned: None,
                release: doc.initial,
                at: at.unwrap_or_default(),
            });
        }
    }
    Ok(facts)
}
