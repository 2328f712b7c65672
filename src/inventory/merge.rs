//! Joining records from several documents into devices (CONTRACT.md "Merging").
//!
//! Records describe the same device when they share the Entra device id, or, failing that,
//! the host name compared case-insensitively without a DNS suffix (`lap-01.contoso.com` =
//! `LAP-01`). Two records with different Entra ids are different devices even if their names
//! match (a re-imaged machine leaves a stale record). Facts are combined; where sources
//! disagree, the most recently reported value is used (first seen, without timestamps), and
//! the disagreement is kept as a [`Conflict`] so the report can say so.

use crate::hash::FastMap;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::text::fold_case;
use super::Record;
use crate::device::{Facts, HotpatchSetting, License};
use crate::platform::OsFamily;

/// Where a record came from: input index and record index (CONTRACT.md `sources`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceRef {
    /// Index of the input document.
    pub input: usize,
    /// Index of the record in it.
    pub record: usize,
}

/// A fact that sources can disagree on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fact {
    /// Client or server.
    Family,
    /// Build and UBR.
    Build,
    /// Edition.
    Edition,
    /// Architecture.
    Arch,
    /// VBS state.
    Vbs,
    /// The CHPE registry value.
    HotpatchRestrictions,
    /// The AllowRebootlessUpdates registry policy.
    AllowRebootlessUpdates,
    /// The quality update policy's hotpatch setting.
    HotpatchPolicy,
    /// Management.
    Management,
    /// Ring name.
    Ring,
    /// Ring settings.
    RingSettings,
    /// Licence.
    License,
    /// Arc hotpatch enrolment.
    ArcHotpatch,
}

impl Fact {
    /// The fact's name in findings.
    pub fn display(self) -> &'static str {
        match self {
            Fact::Family => "client or server",
            Fact::Build => "build",
            Fact::Edition => "edition",
            Fact::Arch => "architecture",
            Fact::Vbs => "VBS state",
            Fact::HotpatchRestrictions => "HotPatchRestrictions",
            Fact::AllowRebootlessUpdates => "AllowRebootlessUpdates",
            Fact::HotpatchPolicy => "hotpatch policy",
            Fact::Management => "management",
            Fact::Ring => "ring",
            Fact::RingSettings => "ring settings",
            Fact::License => "licence",
            Fact::ArcHotpatch => "Arc hotpatch enrolment",
        }
    }
}

/// Sources that disagree on a fact: the value used, and every value with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// Which fact.
    pub fact: Fact,
    /// The value used.
    pub used: String,
    /// Why that one: "most recently reported" or "first seen".
    pub reason: &'static str,
    /// Every distinct value and the sources that reported it, in source order.
    pub values: Vec<(String, Vec<SourceRef>)>,
}

impl Conflict {
    /// "Sources disagree on the build: 26100.4349 (input 0 record 3), 26100.4946 (input 1
    /// record 0); using 26100.4946, the most recently reported."
    pub fn sentence(&self) -> String {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|(v, sources)| {
                let at: Vec<String> =
                    sources.iter().map(|s| format!("input {} record {}", s.input, s.record)).collect();
                format!("{v} ({})", at.join(", "))
            })
            .collect();
        format!(
            "Sources disagree on the {}: {}; using {}, the {}.",
            self.fact.display(),
            values.join(", "),
            self.used,
            self.reason
        )
    }
}

/// A device: the merged facts of its records, their sources, and any disagreements.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    /// Merged facts.
    pub facts: Facts,
    /// Every record merged into this device, in input and record order.
    pub sources: Vec<SourceRef>,
    /// Facts its sources disagree on.
    pub conflicts: Vec<Conflict>,
    /// Remarks about the merge itself (e.g. a record that matched several devices by name).
    pub notes: Vec<String>,
}

/// A host name without DNS suffix or `DOMAIN\` prefix, lowercased: the name join key.
pub fn short_name(name: &str) -> String {
    let name = name.trim();
    let name = name.rsplit_once('\\').map_or(name, |(_, n)| n);
    let name = name.split('.').next().unwrap_or(name);
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.chars().map(fold_case).collect()
    }
}

/// The Entra id join key: lowercased, without braces; `None` for an all-zero id, which some
/// exports write for devices that are not joined. Borrowed when the id is already in that
/// form, as exports write it.
fn entra_key(id: &str) -> Option<Cow<'_, str>> {
    let id = id.trim().trim_start_matches('{').trim_end_matches('}');
    if id.is_empty() || id.bytes().all(|c| c == b'0' || c == b'-') {
        return None;
    }
    Some(match id.bytes().any(|c| c.is_ascii_uppercase()) {
        true => Cow::Owned(id.to_ascii_lowercase()),
        false => Cow::Borrowed(id),
    })
}

/// Groups records into devices, in order of each device's first record.
pub fn merge(records: Vec<Record>) -> Vec<Device> {
    let n = records.len();
    // The group of each record, without a Vec per group: fleets are mostly one record per
    // device, and 100,000 small allocations show up in the timings.
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    let mut groups = 0usize;
    let mut by_entra: FastMap<Cow<'_, str>, usize> = FastMap::with_capacity_and_hasher(n, Default::default());
    // Name → the one group with that name, or the several when names collide. Only records
    // without an Entra id are joined by name, so the map is built only when there are some.
    let named = records.iter().any(|r| r.facts.entra_id.as_deref().and_then(entra_key).is_none());
    let mut by_name: FastMap<String, NameGroups> = FastMap::default();
    let mut last_seen: Vec<Option<i64>> = Vec::new();
    let mut new_group = |last_seen: &mut Vec<Option<i64>>| {
        groups += 1;
        last_seen.push(None);
        groups - 1
    };
    let mut without_id: Vec<usize> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        let Some(id) = r.facts.entra_id.as_deref().and_then(entra_key) else {
            without_id.push(i);
            continue;
        };
        let g = match by_entra.get(&id) {
            Some(&g) => g,
            None => {
                let g = new_group(&mut last_seen);
                by_entra.insert(id, g);
                g
            }
        };
        group_of[i] = g;
        last_seen[g] = last_seen[g].max(r.facts.last_seen);
        if let Some(name) = r.facts.name.as_deref().filter(|_| named).map(short_name).filter(|n| !n.is_empty()) {
            by_name.entry(name).and_modify(|e| e.add(g)).or_insert(NameGroups::One(g));
        }
    }
    let mut notes: Vec<(usize, String)> = Vec::new();
    for i in without_id {
        let name = records[i].facts.name.as_deref().map(short_name).filter(|n| !n.is_empty());
        let g = match name.as_ref().and_then(|n| by_name.get(n)) {
            Some(NameGroups::One(g)) => *g,
            Some(NameGroups::Many(candidates)) => {
                // Several devices share the name: the most recently seen one gets the record.
                let g = candidates
                    .iter()
                    .copied()
                    .max_by_key(|&g| (last_seen[g], std::cmp::Reverse(g)))
                    .unwrap_or(candidates[0]);
                let s = records[i].source;
                notes.push((
                    g,
                    format!(
                        "Input {} record {} has no Entra device id and its name matches {} devices; it was merged into the most recently seen one.",
                        s.input,
                        s.record,
                        candidates.len()
                    ),
                ));
                g
            }
            None => {
                let g = new_group(&mut last_seen);
                if let Some(name) = name {
                    by_name.insert(name, NameGroups::One(g));
                }
                g
            }
        };
        group_of[i] = g;
    }
    // Most inventories are one record per device, already in order: no sorting, no slots.
    if notes.is_empty() && group_of.iter().enumerate().all(|(i, &g)| g == i) {
        return records
            .into_iter()
            .map(|r| Device { facts: r.facts, sources: vec![r.source], conflicts: Vec::new(), notes: Vec::new() })
            .collect();
    }
    // Members per group in record order (a counting sort), and groups in order of their
    // first record.
    let mut start = vec![0usize; groups + 1];
    for &g in &group_of {
        start[g + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut fill = start.clone();
    let mut members = vec![0usize; n];
    let mut order = Vec::with_capacity(groups);
    for (i, &g) in group_of.iter().enumerate() {
        if fill[g] == start[g] {
            order.push(g);
        }
        members[fill[g]] = i;
        fill[g] += 1;
    }
    notes.sort_by_key(|(g, _)| *g);
    let mut slots: Vec<Option<Record>> = records.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|g| {
            let mut device = match &members[start[g]..start[g + 1]] {
                [only] => {
                    let r = slots[*only].take()?;
                    Device { facts: r.facts, sources: vec![r.source], conflicts: Vec::new(), notes: Vec::new() }
                }
                several => combine(several.iter().filter_map(|&i| slots[i].take()).collect()),
            };
            let from = notes.partition_point(|(ng, _)| *ng < g);
            device.notes.extend(notes[from..].iter().take_while(|(ng, _)| *ng == g).map(|(_, note)| note.clone()));
            Some(device)
        })
        .collect()
}

/// The groups (devices) that carry a name.
enum NameGroups {
    One(usize),
    Many(Vec<usize>),
}

impl NameGroups {
    fn add(&mut self, g: usize) {
        match self {
            NameGroups::One(first) if *first != g => *self = NameGroups::Many(vec![*first, g]),
            NameGroups::Many(list) if !list.contains(&g) => list.push(g),
            _ => {}
        }
    }
}

/// Combines the facts of one device's records (in source order).
fn combine(mut records: Vec<Record>) -> Device {
    let sources: Vec<SourceRef> = records.iter().map(|r| r.source).collect();
    if records.len() == 1 {
        let facts = records.pop().map(|r| r.facts).unwrap_or_default();
        return Device { facts, sources, conflicts: Vec::new(), notes: Vec::new() };
    }
    let facts: Vec<&Facts> = records.iter().map(|r| &r.facts).collect();
    let mut conflicts = Vec::new();
    let mut merged = Facts {
        name: facts.iter().find_map(|f| f.name.clone()),
        entra_id: facts.iter().find_map(|f| f.entra_id.clone()),
        platform: facts.iter().find_map(|f| f.platform),
        platform_version: facts.iter().find_map(|f| f.platform_version.clone()),
        last_seen: facts.iter().filter_map(|f| f.last_seen).max(),
        ..Facts::default()
    };
    let mut pick = |fact: Fact, get: &dyn Fn(&Facts) -> Option<String>| -> Option<usize> {
        let (winner, conflict) = choose(&facts, &sources, fact, get);
        conflicts.extend(conflict);
        winner
    };
    let build = |f: &Facts| f.build.map(|b| f.ubr.map_or(b.to_string(), |u| format!("{b}.{u}")));
    let family = |f: &Facts| {
        f.family.map(|x| {
            match x {
                OsFamily::Client => "client",
                OsFamily::Server => "server",
            }
            .to_string()
        })
    };
    let edition = |f: &Facts| f.edition.as_ref().map(|e| e.display().to_string());
    let arch = |f: &Facts| f.arch.map(|a| a.display().to_string());
    let vbs = |f: &Facts| f.vbs.map(|v| v.display().to_string());
    let chpe = |f: &Facts| f.hotpatch_restrictions.map(|v| v.to_string());
    let reboot = |f: &Facts| f.allow_rebootless_updates.map(|v| u8::from(v).to_string());
    let policy = |f: &Facts| {
        f.hotpatch_policy.map(|v| {
            match v {
                HotpatchSetting::Allow => "allow",
                HotpatchSetting::Block => "block",
            }
            .to_string()
        })
    };
    let management = |f: &Facts| f.management.map(|m| m.display().to_string());
    let ring = |f: &Facts| f.ring.clone();
    let ring_settings =
        |f: &Facts| f.ring_settings.map(|r| format!("{}/{}/{}", r.deferral_days, r.deadline_days, r.grace_days));
    let license = |f: &Facts| {
        f.license.map(|l| {
            match l {
                License::Eligible => "eligible",
                License::Ineligible => "ineligible",
            }
            .to_string()
        })
    };
    let arc = |f: &Facts| f.arc_hotpatch.map(|a| a.display().to_string());

    // A build without UBR agrees with the same build with one; prefer the one with a UBR.
    if let Some(w) = pick(Fact::Build, &|f| {
        if facts.iter().any(|o| o.build == f.build && o.ubr.is_some()) && f.ubr.is_none() {
            None
        } else {
            build(f)
        }
    }) {
        merged.build = facts[w].build;
        merged.ubr = facts[w].ubr;
    }
    if let Some(w) = pick(Fact::Family, &family) {
        merged.family = facts[w].family;
    }
    if let Some(w) = pick(Fact::Edition, &edition) {
        merged.edition = facts[w].edition.clone();
    }
    // "64-bit" agrees with x64 and Arm64: it only says less.
    if let Some(w) = pick(Fact::Arch, &|f| {
        if f.arch == Some(crate::device::Arch::Bits64)
            && facts.iter().any(|o| o.arch.is_some_and(|a| a != crate::device::Arch::Bits64))
        {
            None
        } else {
            arch(f)
        }
    }) {
        merged.arch = facts[w].arch;
    }
    if let Some(w) = pick(Fact::Vbs, &vbs) {
        merged.vbs = facts[w].vbs;
    }
    if let Some(w) = pick(Fact::HotpatchRestrictions, &chpe) {
        merged.hotpatch_restrictions = facts[w].hotpatch_restrictions;
    }
    if let Some(w) = pick(Fact::AllowRebootlessUpdates, &reboot) {
        merged.allow_rebootless_updates = facts[w].allow_rebootless_updates;
    }
    if let Some(w) = pick(Fact::HotpatchPolicy, &policy) {
        merged.hotpatch_policy = facts[w].hotpatch_policy;
    }
    if let Some(w) = pick(Fact::Management, &management) {
        merged.management = facts[w].management;
    }
    if let Some(w) = pick(Fact::Ring, &ring) {
        merged.ring = facts[w].ring.clone();
    }
    if let Some(w) = pick(Fact::RingSettings, &ring_settings) {
        merged.ring_settings = facts[w].ring_settings;
    }
    if let Some(w) = pick(Fact::License, &license) {
        merged.license = facts[w].license;
    }
    if let Some(w) = pick(Fact::ArcHotpatch, &arc) {
        merged.arc_hotpatch = facts[w].arc_hotpatch;
    }
    Device { facts: merged, sources, conflicts, notes: Vec::new() }
}

/// Picks the record whose value of a fact is used: the most recently seen among those that
/// have a value, else the first. Returns its index and, if values differ, the conflict.
fn choose(
    facts: &[&Facts],
    sources: &[SourceRef],
    fact: Fact,
    get: &dyn Fn(&Facts) -> Option<String>,
) -> (Option<usize>, Option<Conflict>) {
    let values: Vec<(usize, String)> = facts.iter().enumerate().filter_map(|(i, f)| get(f).map(|v| (i, v))).collect();
    let Some(&(first, _)) = values.first() else { return (None, None) };
    let mut distinct: Vec<(String, Vec<SourceRef>)> = Vec::new();
    for (i, v) in &values {
        match distinct.iter_mut().find(|(d, _)| d == v) {
            Some((_, at)) => at.push(sources[*i]),
            None => distinct.push((v.clone(), vec![sources[*i]])),
        }
    }
    let newest = values
        .iter()
        .filter_map(|(i, _)| facts[*i].last_seen.map(|t| (t, std::cmp::Reverse(*i))))
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    let (winner, reason) = match newest {
        Some(i) => (i, "most recently reported"),
        None => (first, "first seen"),
    };
    if distinct.len() < 2 {
        return (Some(winner), None);
    }
    let used = values.iter().find(|(i, _)| *i == winner).map(|(_, v)| v.clone()).unwrap_or_default();
    (Some(winner), Some(Conflict { fact, used, reason, values: distinct }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{Edition, Vbs};

    fn rec(input: usize, record: usize, facts: Facts) -> Record {
        Record { source: SourceRef { input, record }, facts }
    }

    fn named(name: &str) -> Facts {
        Facts { name: Some(name.into()), ..Facts::default() }
    }

    #[test]
    fn joins_by_entra_id_then_by_short_name() {
        let records = vec![
            rec(
                0,
                0,
                Facts { entra_id: Some("AAAA-1".into()), build: Some(26100), ubr: Some(4349), ..named("LAP-01") },
            ),
            rec(0, 1, Facts { entra_id: Some("bbbb-2".into()), ..named("LAP-02") }),
            rec(1, 0, Facts { vbs: Some(Vbs::Running), ..named("lap-01.contoso.com") }),
            rec(
                2,
                0,
                Facts { entra_id: Some("{aaaa-1}".into()), edition: Some(Edition::Enterprise), ..named("other-name") },
            ),
            rec(2, 1, named("LAP-03")),
            rec(3, 0, Facts { hotpatch_restrictions: Some(1), ..named("CONTOSO\\lap-03") }),
            rec(3, 1, Facts::default()),
        ];
        let devices = merge(records);
        let sources: Vec<Vec<(usize, usize)>> =
            devices.iter().map(|d| d.sources.iter().map(|s| (s.input, s.record)).collect()).collect();
        assert_eq!(sources, vec![vec![(0, 0), (1, 0), (2, 0)], vec![(0, 1)], vec![(2, 1), (3, 0)], vec![(3, 1)]]);
        let lap01 = &devices[0].facts;
        assert_eq!(
            (lap01.ubr, lap01.vbs, lap01.edition.clone()),
            (Some(4349), Some(Vbs::Running), Some(Edition::Enterprise))
        );
        assert_eq!(devices[2].facts.hotpatch_restrictions, Some(1));
    }

    #[test]
    fn same_name_different_entra_ids_are_different_devices() {
        let devices = merge(vec![
            rec(0, 0, Facts { entra_id: Some("a1".into()), last_seen: Some(100), ..named("LAP-01") }),
            rec(0, 1, Facts { entra_id: Some("b2".into()), last_seen: Some(200), ..named("LAP-01") }),
            rec(1, 0, Facts { vbs: Some(Vbs::Running), ..named("LAP-01") }),
        ]);
        assert_eq!(devices.len(), 2);
        assert_eq!(devices[1].sources.len(), 2, "the id-less record joins the newest");
        assert!(devices[1].notes[0].contains("matches 2 devices"));
    }

    #[test]
    fn disagreeing_builds_use_the_most_recent_and_say_so() {
        let devices = merge(vec![
            rec(0, 3, Facts { build: Some(26100), ubr: Some(4349), last_seen: Some(100), ..named("A") }),
            rec(1, 0, Facts { build: Some(26100), ubr: Some(4946), last_seen: Some(200), ..named("a") }),
            rec(2, 0, Facts { build: Some(26100), ..named("A") }),
        ]);
        let d = &devices[0];
        assert_eq!(d.facts.ubr, Some(4946));
        assert_eq!(d.conflicts.len(), 1, "a build without UBR does not disagree");
        assert_eq!(
            d.conflicts[0].sentence(),
            "Sources disagree on the build: 26100.4349 (input 0 record 3), 26100.4946 (input 1 record 0); using 26100.4946, the most recently reported."
        );
        // Without timestamps, the first source wins.
        let devices = merge(vec![
            rec(0, 0, Facts { vbs: Some(Vbs::Off), ..named("B") }),
            rec(1, 0, Facts { vbs: Some(Vbs::Running), ..named("B") }),
        ]);
        assert_eq!(devices[0].facts.vbs, Some(Vbs::Off));
        assert_eq!(devices[0].conflicts[0].reason, "first seen");
    }

    #[test]
    fn names_normalise() {
        assert_eq!(short_name(" LAP-01.contoso.com "), "lap-01");
        assert_eq!(short_name("CONTOSO\\Lap-01"), "lap-01");
        assert_eq!(entra_key("00000000-0000-0000-0000-000000000000"), None);
    }
}
