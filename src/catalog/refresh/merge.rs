//! Merging what Microsoft's release documents say into a base catalog.
//!
//! The rules (DOMAIN.md sections 5, 7 and 9):
//! - A month's type comes from the documents that settle it; MSRC CVRF (the only monthly
//!   source that marks hotpatch KBs) outranks the release-health pages, which outrank the
//!   Graph catalog. A type no document settles stays as the base catalog has it, or
//!   `unknown` for a new month.
//! - A document's facts fill what the base lacks; where they differ from the base or from
//!   another document, the higher-ranked source wins and the disagreement is reported, never
//!   resolved silently.
//! - A hotpatch named in a month's document whose build is not newer than every build of the
//!   earlier months is an earlier month's hotpatch (CVRF repeats old hotpatch KBs on new
//!   CVEs): it is not taken as this month's.
//! - The result is read back through the catalog reader, so it passes the same consistency
//!   checks as any catalog; if it does not, the refresh reports why and keeps the base.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::{
    Catalog, CatalogLine, CatalogMonth, Confidence, Conflict, ConflictValue, MonthType, Oob, OobKind, SourceInfo,
    SourceProblem,
};
use crate::date::{Date, YearMonth};
use crate::platform::OsLine;
use crate::release::{self, Release, ReleaseKind, SourceFacts, SourceKind};

/// The first and last (year, month) a release document's facts may name: Windows Server 2022
/// (hotpatch on Azure Edition) came out in 2021; 2100 bounds the calendar the planner
/// reasons about.
const FIRST_MONTH: (i32, u32) = (2020, 1);
const LAST_MONTH: (i32, u32) = (2100, 12);

/// A release document to merge: its text and, when known, its file name or URL.
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// File name or URL, for messages and the catalog's source list.
    pub name: Option<&'a str>,
    /// The document's text.
    pub text: &'a str,
}

/// What one document contributed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceReport {
    /// Its position among the documents given.
    pub index: usize,
    /// Its file name or URL, when known.
    pub name: Option<String>,
    /// `msrc-cvrf`, `release-health`, `graph-catalog`, `support-toc`, `msrc-index`, `catalog`.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its own date.
    pub date: Option<Date>,
    /// The months (of any line) it added or changed.
    pub months: Vec<YearMonth>,
    /// How many facts (a type, a KB, a build, an OOB) it added or changed.
    pub added: usize,
    /// Months an MSRC index lists (only for `msrc-index`): what can be fetched.
    pub lists: Vec<YearMonth>,
}

/// The result of a refresh: the new catalog and what each document did.
#[derive(Clone, Debug)]
pub struct Refreshed {
    /// The merged catalog (the base when nothing could be merged).
    pub catalog: Catalog,
    /// One entry per document read.
    pub sources: Vec<SourceReport>,
    /// Unreadable documents and skipped parts.
    pub errors: Vec<SourceProblem>,
    /// Disagreements between sources, and how each was settled.
    pub conflicts: Vec<Conflict>,
}

/// How much a source kind is trusted on a month's type and builds (higher wins).
fn rank(kind: SourceKind) -> u8 {
    match kind {
        SourceKind::MsrcCvrf => 4,
        SourceKind::ReleaseHealth => 3,
        SourceKind::GraphCatalog => 2,
        SourceKind::SupportToc => 1,
        SourceKind::MsrcIndex => 0,
    }
}

/// A fact with the document that gave it.
#[derive(Clone, Debug)]
struct Said<T> {
    value: T,
    rank: u8,
    source: usize,
}

/// Everything the documents say about one line and month.
#[derive(Default)]
struct Facts {
    kind: Vec<Said<MonthType>>,
    hotpatch: Vec<Said<(Option<String>, Option<u32>)>>,
    standard: Vec<Said<(Option<String>, Option<u32>)>>,
    extra: Vec<Said<Release>>,
}

/// Merges `docs` over `base`. Never fails: unreadable documents are listed in `errors` and
/// the others still merged; if the merged data breaks a catalog rule, `errors` says which and
/// the base catalog is returned.
pub fn refresh(base: Catalog, docs: &[Document<'_>]) -> Refreshed {
    let mut errors = Vec::new();
    let mut read: Vec<(usize, SourceFacts)> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        match release::read(doc.name, doc.text) {
            Ok(facts) => {
                for w in &facts.warnings {
                    errors.push(problem(i, doc.name, w.code, &w.at, &w.message));
                }
                read.push((i, facts));
            }
            Err(e) => errors.push(problem(i, doc.name, e.code, &e.at, &e.message)),
        }
    }
    let titles: BTreeMap<usize, String> = read.iter().map(|(i, f)| (*i, f.title.clone())).collect();
    let mut by_month: BTreeMap<(OsLine, YearMonth), Facts> = BTreeMap::new();
    // Months outside the hotpatch era are no release data (and would let one document make
    // the merge's work grow without bound): skipped, with a warning.
    let era = |m: YearMonth| (FIRST_MONTH..=LAST_MONTH).contains(&(m.year(), m.month()));
    for (i, f) in &read {
        let rank = rank(f.kind);
        let outside =
            f.types.iter().map(|t| t.month).chain(f.releases.iter().map(|r| r.month)).filter(|m| !era(*m)).count();
        if outside > 0 {
            errors.push(problem(
                *i,
                docs[*i].name,
                "source.month",
                "",
                &format!("{}: {outside} entries dated before 2020 or after 2100 were skipped", f.title),
            ));
        }
        // A month's type; whether it was planned follows from the type (DOMAIN.md section 1).
        for t in f.types.iter().filter(|t| era(t.month)) {
            let entry = by_month.entry((t.line, t.month)).or_default();
            entry.kind.push(Said { value: t.kind, rank, source: *i });
        }
        for r in f.releases.iter().filter(|r| era(r.month)) {
            let entry = by_month.entry((r.line, r.month)).or_default();
            let said = |value| Said { value, rank, source: *i };
            match r.kind {
                ReleaseKind::Hotpatch => entry.hotpatch.push(said((r.kb.clone(), r.ubr))),
                ReleaseKind::Standard => {
                    entry.standard.push(said((r.kb.clone(), r.ubr)));
                }
                _ => entry.extra.push(Said { value: r.clone(), rank, source: *i }),
            }
        }
    }

    let mut lines: BTreeMap<OsLine, Line> = base
        .lines
        .iter()
        .map(|l| {
            (
                l.line,
                Line {
                    name: l.name.clone(),
                    build: l.build,
                    follows: l.follows,
                    hotpatch_until: l.hotpatch_until,
                    months: l.months.iter().filter(|m| !m.inherited).cloned().collect(),
                    all: l.months.clone(),
                },
            )
        })
        .collect();
    let mut conflicts = Vec::new();
    // Which documents changed each (line, month): a month that breaks a catalog rule is taken
    // back alone, and the error names those documents.
    let mut touched_by: BTreeMap<(OsLine, YearMonth), Vec<usize>> = BTreeMap::new();
    let mut touched: BTreeMap<usize, (Vec<YearMonth>, usize)> = BTreeMap::new();
    let mut touch = |source: usize, month: YearMonth| {
        let t = touched.entry(source).or_default();
        if !t.0.contains(&month) {
            t.0.push(month);
        }
        t.1 += 1;
    };
    let name_of = |source: usize| titles.get(&source).cloned().unwrap_or_default();
    for ((line_id, month), facts) in &by_month {
        let line = lines.entry(*line_id).or_insert_with(|| Line::new(*line_id));
        // The highest build of earlier months, over the months this line shows (its own and
        // those it follows): a hotpatch not above it belongs to an earlier month.
        let earlier_max = line
            .all
            .iter()
            .chain(line.months.iter())
            .filter(|m| m.month < *month)
            .flat_map(|m| [m.ubr, m.lcu_ubr].into_iter().chain(m.oob.iter().map(|o| o.ubr)))
            .flatten()
            .max();
        let hotpatch: Vec<&Said<(Option<String>, Option<u32>)>> = facts
            .hotpatch
            .iter()
            .filter(|h| !matches!((h.value.1, earlier_max), (Some(u), Some(max)) if u <= max))
            .collect();
        let existing = line.months.iter().position(|m| m.month == *month);
        let inherited = line.all.iter().find(|m| m.month == *month && m.inherited).cloned();
        let mut m = match existing {
            Some(i) => line.months[i].clone(),
            None => inherited.clone().map_or_else(|| empty_month(*month), |m| CatalogMonth { inherited: false, ..m }),
        };
        let base_label = "the base catalog".to_string();
        let mut sources_here: Vec<usize> = Vec::new();

        // The month's type.
        if let Some(best) = best(&facts.kind) {
            let kind = best.value;
            let disagree: Vec<&Said<MonthType>> = facts.kind.iter().filter(|s| s.value != kind).collect();
            if !disagree.is_empty() || (m.type_known && m.kind != kind && existing.is_some()) {
                let mut values: Vec<ConflictValue> = facts
                    .kind
                    .iter()
                    .map(|s| ConflictValue { value: type_id(s.value).into(), source: name_of(s.source) })
                    .collect();
                if m.type_known && existing.is_some() {
                    values.insert(0, ConflictValue { value: type_id(m.kind).into(), source: base_label.clone() });
                }
                conflicts.push(conflict(*line_id, *month, "type", values, type_id(kind), &name_of(best.source)));
            }
            if !m.type_known || m.kind != kind {
                touch(best.source, *month);
            }
            m.kind = kind;
            m.type_known = true;
            m.planned = kind == MonthType::planned_for(*month);
            sources_here.push(best.source);
        }

        // Builds: the hotpatch (hotpatch months) and the standard LCU.
        let mut set = |field: &str,
                       slot_kb: &mut Option<String>,
                       slot_ubr: &mut Option<u32>,
                       said: &[&Said<(Option<String>, Option<u32>)>],
                       conflicts: &mut Vec<Conflict>,
                       sources_here: &mut Vec<usize>| {
            let Some(top) = best(said.iter().copied()) else { return };
            let (kb, ubr) = top.value.clone();
            for (label, old, new) in [
                (field.to_string(), slot_kb.clone(), kb.clone()),
                (format!("{field}Build"), slot_ubr.map(|u| u.to_string()), ubr.map(|u| u.to_string())),
            ] {
                let mut values: Vec<ConflictValue> = Vec::new();
                if let (Some(o), Some(n)) = (&old, &new) {
                    if o != n {
                        values.push(ConflictValue { value: o.clone(), source: base_label.clone() });
                    }
                }
                for s in said.iter() {
                    let v = if label == field { s.value.0.clone() } else { s.value.1.map(|u| u.to_string()) };
                    if let (Some(v), Some(n)) = (v, &new) {
                        if &v != n && !values.iter().any(|x| x.value == v) {
                            values.push(ConflictValue { value: v, source: name_of(s.source) });
                        }
                    }
                }
                if let (false, Some(n)) = (values.is_empty(), &new) {
                    values.push(ConflictValue { value: n.clone(), source: name_of(top.source) });
                    conflicts.push(conflict(*line_id, *month, &label, values, n, &name_of(top.source)));
                }
            }
            if kb.is_some() && *slot_kb != kb || ubr.is_some() && *slot_ubr != ubr {
                touch(top.source, *month);
                sources_here.push(top.source);
            }
            if kb.is_some() {
                *slot_kb = kb;
            }
            if ubr.is_some() {
                *slot_ubr = ubr;
            }
        };
        let standard: Vec<&Said<(Option<String>, Option<u32>)>> = facts.standard.iter().collect();
        match (m.type_known, m.kind) {
            (true, MonthType::Hotpatch) => {
                let (mut kb, mut ubr) = (m.kb.take(), m.ubr.take());
                set("kb", &mut kb, &mut ubr, &hotpatch, &mut conflicts, &mut sources_here);
                (m.kb, m.ubr) = (kb, ubr);
                let (mut kb, mut ubr) = (m.lcu_kb.take(), m.lcu_ubr.take());
                set("lcuKb", &mut kb, &mut ubr, &standard, &mut conflicts, &mut sources_here);
                (m.lcu_kb, m.lcu_ubr) = (kb, ubr);
            }
            (true, MonthType::Baseline) => {
                let (mut kb, mut ubr) = (m.kb.take(), m.ubr.take());
                set("kb", &mut kb, &mut ubr, &standard, &mut conflicts, &mut sources_here);
                (m.kb, m.ubr) = (kb.clone(), ubr);
                (m.lcu_kb, m.lcu_ubr) = (kb, ubr);
            }
            (false, planned) => {
                let (mut kb, mut ubr) = (m.lcu_kb.take(), m.lcu_ubr.take());
                set("lcuKb", &mut kb, &mut ubr, &standard, &mut conflicts, &mut sources_here);
                (m.lcu_kb, m.lcu_ubr) = (kb.clone(), ubr);
                if planned == MonthType::Baseline {
                    (m.kb, m.ubr) = (kb, ubr);
                } else {
                    (m.kb, m.ubr) = (None, None);
                }
            }
        }
        // Hotpatch remediations of a month no source typed: a hotpatch month after all.
        if !m.type_known && !hotpatch.is_empty() {
            m.type_known = true;
            m.kind = MonthType::Hotpatch;
            m.planned = MonthType::planned_for(*month) == MonthType::Hotpatch;
            let (mut kb, mut ubr) = (None, None);
            set("kb", &mut kb, &mut ubr, &hotpatch, &mut conflicts, &mut sources_here);
            (m.kb, m.ubr) = (kb, ubr);
        }

        // Out-of-band releases and previews.
        for said in &facts.extra {
            let r = &said.value;
            let kind = match r.kind {
                ReleaseKind::OobHotpatch => OobKind::Hotpatch,
                ReleaseKind::Preview => OobKind::Preview,
                _ => OobKind::Lcu,
            };
            let same = m
                .oob
                .iter_mut()
                .find(|o| (o.kb.is_some() && o.kb == r.kb) || (o.ubr.is_some() && o.ubr == r.ubr && o.kind == kind));
            match same {
                Some(o) => {
                    let mut changed = false;
                    if o.ubr.is_none() && r.ubr.is_some() {
                        o.ubr = r.ubr;
                        changed = true;
                    }
                    if o.kb.is_none() && r.kb.is_some() {
                        o.kb = r.kb.clone();
                        changed = true;
                    }
                    if o.date.is_none() && r.date.is_some() {
                        o.date = r.date;
                        changed = true;
                    }
                    if o.kind != kind && r.kind != ReleaseKind::OobLcu {
                        // A preview or hotpatch named as such is more specific than "out-of-band".
                        o.kind = kind;
                        changed = true;
                    }
                    if let (Some(a), Some(b)) = (o.ubr, r.ubr) {
                        if a != b {
                            conflicts.push(conflict(
                                *line_id,
                                *month,
                                "oob",
                                vec![
                                    ConflictValue { value: a.to_string(), source: base_label.clone() },
                                    ConflictValue { value: b.to_string(), source: name_of(said.source) },
                                ],
                                &a.to_string(),
                                &base_label,
                            ));
                        }
                    }
                    if changed {
                        touch(said.source, *month);
                        sources_here.push(said.source);
                    }
                }
                None => {
                    // The same build as the month's own update is not a second release.
                    if r.ubr.is_some() && (r.ubr == m.ubr || r.ubr == m.lcu_ubr) {
                        continue;
                    }
                    m.oob.push(Oob {
                        date: r.date,
                        kind,
                        kb: r.kb.clone(),
                        ubr: r.ubr,
                        confidence: Confidence::Confirmed,
                        note: None,
                    });
                    touch(said.source, *month);
                    sources_here.push(said.source);
                }
            }
        }
        m.oob.sort_by_key(|o| (o.date, o.ubr));
        // A new month's B release is its Patch Tuesday (DOMAIN.md section 1), whatever date a
        // source gives its update (a toc.json entry can be a pre-release build).
        sources_here.sort_unstable();
        sources_here.dedup();
        if !sources_here.is_empty() {
            touched_by.insert((*line_id, *month), sources_here.clone());
            let names: Vec<String> = sources_here.iter().map(|&s| name_of(s)).collect();
            m.source = Some(match &m.source {
                Some(old) if !names.iter().all(|n| old.contains(n.as_str())) => format!("{old}; {}", names.join("; ")),
                Some(old) => old.clone(),
                None => names.join("; "),
            });
            // Microsoft's own document settled it: no longer a secondary report.
            if sources_here.iter().any(|s| read.iter().any(|(i, f)| i == s && rank(f.kind) >= 3)) && m.type_known {
                m.confidence = Confidence::Confirmed;
            }
        }
        if existing.is_none() && sources_here.is_empty() && inherited.is_some() {
            continue;
        }
        match existing {
            Some(i) => line.months[i] = m,
            None => {
                let at = line.months.partition_point(|x| x.month < *month);
                line.months.insert(at, m);
            }
        }
    }

    let mut sources: Vec<SourceInfo> = base.sources.clone();
    let mut reports = Vec::new();
    for (i, f) in &read {
        let (months, added) = touched.remove(i).unwrap_or_default();
        let mut months = months;
        months.sort_unstable();
        let info = SourceInfo {
            name: docs[*i].name.map(str::to_owned),
            kind: f.kind.id().to_string(),
            title: f.title.clone(),
            date: f.date,
            months: months.clone(),
        };
        // Every document read is a source, also one that only confirmed what was known.
        if !sources.contains(&info) {
            sources.push(info);
        }
        reports.push(SourceReport {
            index: *i,
            name: docs[*i].name.map(str::to_owned),
            kind: f.kind.id().to_string(),
            title: f.title.clone(),
            date: f.date,
            months,
            added,
            lists: f.months.clone(),
        });
    }

    // Build and check the merged catalog; a month that breaks a catalog rule (a hotpatch month
    // with no baseline before it, builds that do not grow…) goes back to what the base had,
    // with an error naming it and its documents, and the rest is checked again. Each round
    // takes back one month, so this ends.
    let base_months: BTreeMap<OsLine, Vec<CatalogMonth>> =
        base.lines.iter().map(|l| (l.line, l.months.iter().filter(|m| !m.inherited).cloned().collect())).collect();
    loop {
        let merged = Catalog {
            lines: lines
                .iter()
                .map(|(id, l)| {
                    CatalogLine::new(*id, l.name.clone(), l.build, l.months.clone(), l.follows, l.hotpatch_until)
                })
                .collect(),
            built_in: false,
            sources: sources.clone(),
            conflicts: Vec::new(),
            warnings: Vec::new(),
        };
        let text = merged.to_json("Release data merged by Hotpatch Planner");
        let e = match super::super::load::read(&[&text]) {
            Ok(mut catalog) => {
                catalog.built_in = false;
                catalog.conflicts = conflicts.clone();
                catalog.warnings = errors.iter().filter(|e| !e.is_fatal()).cloned().collect();
                return Refreshed { catalog, sources: reports, errors, conflicts };
            }
            Err(e) => e,
        };
        let at = month_of_field(&e.field).filter(|key| touched_by.contains_key(key));
        let Some((line_id, month)) = at else {
            errors.push(SourceProblem {
                source: read.first().map_or(0, |(i, _)| *i),
                name: None,
                code: "catalog.inconsistent".into(),
                at: e.field.clone(),
                message: format!(
                    "The release documents together break a catalog rule, so they were not merged: {}",
                    e.message
                ),
            });
            return Refreshed { catalog: base, sources: reports, errors, conflicts };
        };
        let by = touched_by.remove(&(line_id, month)).unwrap_or_default();
        let names: Vec<String> = by.iter().map(|&s| name_of(s)).collect();
        errors.push(SourceProblem {
            source: by.first().copied().unwrap_or(0),
            name: by.first().and_then(|&s| docs.get(s)).and_then(|d| d.name).map(str::to_owned),
            code: "source.inconsistent".into(),
            at: e.field.clone(),
            message: format!(
                "{} {} from {} was not used: {}",
                line_id.display_name(),
                month.long_name(),
                names.join("; "),
                e.message
            ),
        });
        if let Some(l) = lines.get_mut(&line_id) {
            l.months.retain(|m| m.month != month);
            if let Some(original) = base_months.get(&line_id).and_then(|ms| ms.iter().find(|m| m.month == month)) {
                let at = l.months.partition_point(|m| m.month < month);
                l.months.insert(at, original.clone());
            }
        }
    }
}

/// The line and month a catalog field names: `lines.win11-24h2.months["2024-09"].type`.
fn month_of_field(field: &str) -> Option<(OsLine, YearMonth)> {
    let rest = field.strip_prefix("lines.")?;
    let (line, rest) = rest.split_once(".months[\"")?;
    let (month, _) = rest.split_once("\"]")?;
    Some((OsLine::from_id(line)?, YearMonth::parse(month)?))
}

/// A line being merged: its own months (written out) and every month it shows.
struct Line {
    name: String,
    build: u32,
    follows: Option<super::super::Follows>,
    hotpatch_until: Option<YearMonth>,
    months: Vec<CatalogMonth>,
    all: Vec<CatalogMonth>,
}

impl Line {
    /// A line the base catalog lacks, named after the OS line.
    fn new(line: OsLine) -> Line {
        let build = release::base_build(line).unwrap_or(26100);
        let name = match line {
            OsLine::Ws2022 => "Windows Server 2022 Datacenter: Azure Edition".to_string(),
            other => other.display_name().to_string(),
        };
        Line { name, build, follows: None, hotpatch_until: None, months: Vec::new(), all: Vec::new() }
    }
}

fn empty_month(month: YearMonth) -> CatalogMonth {
    CatalogMonth {
        month,
        release: month.patch_tuesday(),
        kind: MonthType::planned_for(month),
        type_known: false,
        planned: true,
        preview: false,
        kb: None,
        ubr: None,
        lcu_kb: None,
        lcu_ubr: None,
        oob: Vec::new(),
        confidence: Confidence::Confirmed,
        note: None,
        source: None,
        inherited: false,
    }
}

/// The fact to use: from the highest-ranked source, the first given among equals.
fn best<'a, T: 'a>(said: impl IntoIterator<Item = &'a Said<T>>) -> Option<&'a Said<T>> {
    said.into_iter().max_by_key(|s| (s.rank, std::cmp::Reverse(s.source)))
}

fn type_id(kind: MonthType) -> &'static str {
    match kind {
        MonthType::Baseline => "baseline",
        MonthType::Hotpatch => "hotpatch",
    }
}

fn conflict(
    line: OsLine,
    month: YearMonth,
    field: &str,
    values: Vec<ConflictValue>,
    chosen: &str,
    by: &str,
) -> Conflict {
    let list: Vec<String> = values.iter().map(|v| format!("{} ({})", v.value, v.source)).collect();
    Conflict {
        line,
        month,
        field: field.to_string(),
        message: format!(
            "Sources disagree on {field} of {} {}: {}; using {chosen}, from {by}.",
            line.display_name(),
            month.long_name(),
            list.join(", ")
        ),
        values,
        chosen: chosen.to_string(),
    }
}

fn problem(source: usize, name: Option<&str>, code: &str, at: &str, message: &str) -> SourceProblem {
    SourceProblem {
        source,
        name: name.map(str::to_owned),
        code: code.to_string(),
        at: at.to_string(),
        message: message.to_string(),
    }
}
