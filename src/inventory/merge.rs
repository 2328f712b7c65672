//! Joining records from several documents into devices (CONTRACT.md "Merging").
//!
//! Records describe the same device when they share the Entra device id, or, failing that,
//! the host name compared case-insensitively without a DNS suffix (`lap-01.contoso.com` =
//! `LAP-01`). Two records with different Entra ids are different devices even if their names
//! match (a re-imaged machine leaves a stale record). Facts are combined; where sources
//! disagree, the most recently reported value is used (first seen, without timestamps), and
//! the disagreement is kept as a [`Conflict`] so the report can say so.

use std::borrow::Cow;
use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::text::fold_case;
use super::{Format, FormatSet, Record};
use crate::device::{Arch, Facts, HotpatchSetting, License, Vbs};
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
    /// Windows or another operating system.
    Platform,
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
    /// Microsoft's hotpatch readiness verdict.
    Readiness,
}

impl Fact {
    /// The fact's name in findings.
    pub fn display(self) -> &'static str {
        match self {
            Fact::Platform => "operating system",
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
            Fact::Readiness => "Windows Autopatch hotpatch readiness",
        }
    }
}

/// Sources that disagree on a fact: the value used, and every value with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// Which fact.
    pub fact: Fact,
    /// The value used; `None` when no source could be preferred and the fact is unknown.
    pub used: Option<String>,
    /// Why that one.
    pub reason: Reason,
    /// Every distinct value and the sources that reported it (with their kind), in source
    /// order.
    pub values: Vec<(String, Vec<(SourceRef, Format)>)>,
}

/// Why a disagreement was settled the way it was (DOMAIN.md section 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The source of the used value outranks the others for this fact ([`rank`]).
    Outranks(Format, Vec<Format>),
    /// The used value was reported most recently.
    Newest,
    /// No source says when it was read: the highest build is used (builds only go up).
    HighestBuild,
    /// Nothing tells the values apart: the fact is taken as unknown.
    Undecided,
    /// Two fields of one record disagree (a UCClient row's `OSBuild` and
    /// `OSRevisionNumber`); the record counts with the higher value.
    OwnFields,
}

impl Conflict {
    /// "Sources disagree on the build: 26100.4349 (Microsoft Graph, input 0 record 3),
    /// 26100.4946 (the registry probe, input 1 record 0); using 26100.4946, the most recently
    /// reported."
    pub fn sentence(&self) -> String {
        // At most a few values, and a few sources per value, then how many more: a device
        // merged from 100,000 records must not get a finding of megabytes (issue 12).
        const SHOWN: usize = 5;
        // Written into one buffer: a merged fleet can have a conflict on every device, and a
        // list and a join per value cost more than the text.
        let mut out = String::with_capacity(256);
        let more = |out: &mut String, n: usize, what: &str| {
            if n > SHOWN {
                let _ = write!(out, " and {} more {what}", n - SHOWN);
            }
        };
        let fact = self.fact.display();
        out.push_str(match self.reason {
            Reason::OwnFields => "One record disagrees with itself on the ",
            _ => "Sources disagree on the ",
        });
        out.push_str(fact);
        out.push_str(": ");
        for (i, (v, sources)) in self.values.iter().take(SHOWN).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(v);
            out.push_str(" (");
            for (k, (s, format)) in sources.iter().take(SHOWN).enumerate() {
                let _ = write!(
                    out,
                    "{}{}, input {} record {}",
                    if k > 0 { "; " } else { "" },
                    format.display(),
                    s.input,
                    s.record
                );
            }
            more(&mut out, sources.len(), "records");
            out.push(')');
        }
        more(&mut out, self.values.len(), "values");
        let used = self.used.as_deref().unwrap_or_default();
        let _ = match &self.reason {
            Reason::Newest => write!(out, "; using {used}, the most recently reported."),
            Reason::HighestBuild => write!(
                out,
                "; using {used}, the highest: none of them says when it was read, and a device's build only goes up."
            ),
            Reason::Outranks(winner, below) => {
                let _ = write!(out, "; using {used}, because for the {fact} {} is believed over ", winner.display());
                for (k, f) in below.iter().enumerate() {
                    out.push_str(if k > 0 { " and " } else { "" });
                    out.push_str(f.display());
                }
                write!(out, ".")
            }
            Reason::Undecided => write!(
                out,
                "; none of them outranks the others or says when it was read, so the {fact} is taken as unknown."
            ),
            Reason::OwnFields => {
                write!(out, "; that record counts as {used}, the higher (a device's build only goes up).")
            }
        };
        out
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
    let mut short = String::new();
    push_short_name(name, &mut short);
    short
}

/// [`short_name`], added to the end of `out`: the name join writes every record's into one
/// text instead of allocating one for each.
fn push_short_name(name: &str, out: &mut String) {
    let start = out.len();
    // Most host names are letters, digits and hyphens: nothing to cut, only to lowercase
    // (one pass instead of the six below; every device's key and name join takes it).
    let plain = name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let name = if plain {
        name
    } else {
        let name = name.trim();
        let name = name.rsplit_once('\\').map_or(name, |(_, n)| n);
        // An IP address is a name as it is: `10.0.0.5` is not host `10` in domain `0.0.5`.
        let ip = name.contains(':')
            || (name.split('.').count() == 4 && name.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        if ip {
            name
        } else {
            name.split('.').next().unwrap_or(name)
        }
    };
    if plain || name.is_ascii() {
        out.push_str(name);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(name.chars().map(fold_case));
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
    devices(records).collect()
}

/// The devices [`merge`] gives, one at a time, made as they are taken: each record's facts
/// move once, into the device taken, instead of into a list of every device first (natively,
/// 0.3 GB written and read back for a million devices). Its length is the number of devices.
pub fn devices(mut records: Vec<Record>) -> Devices {
    let n = records.len();
    // The group of each record, without a Vec per group: fleets are mostly one record per
    // device, and 100,000 small allocations show up in the timings.
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    let mut groups = 0usize;
    let mut last_seen: Vec<Option<i64>> = Vec::new();
    let mut new_group = |last_seen: &mut Vec<Option<i64>>| {
        groups += 1;
        last_seen.push(None);
        groups - 1
    };
    let mut without_id: Vec<usize> = Vec::new();
    // The records that carry an Entra id, joined by it: each with the first record (in record
    // order) that has its id, then a group per first record, in record order.
    let first = first_with_same_id(&records, &mut without_id);
    for (i, r) in records.iter().enumerate() {
        let Some(&f) = first.get(i).filter(|f| **f != u32::MAX) else { continue };
        let g = match f as usize {
            f if f == i => new_group(&mut last_seen),
            f => group_of[f],
        };
        group_of[i] = g;
        last_seen[g] = last_seen[g].max(r.facts.last_seen);
    }
    // Records without an Entra id join the device that carries their name.
    let mut notes = if without_id.is_empty() {
        Vec::new()
    } else {
        join_by_name(&records, &mut group_of, &without_id, &mut last_seen, &mut new_group)
    };
    // Most inventories are one record per device, already in order: no sorting, no slots.
    if notes.is_empty() && group_of.iter().enumerate().all(|(i, &g)| g == i) {
        return Devices { left: n, next: Box::new(records.into_iter().map(alone)) };
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
    crate::order::sort_by_key(&mut notes, |(g, _)| *g as u64);
    let left = order.len();
    // One group's records at a time, in one list kept from group to group.
    let mut group: Vec<Record> = Vec::new();
    // Every group has members and each record is in one group, so each record's facts are
    // taken once, where they are (a list of the records as options was a copy of them all:
    // 34 MB for 100,000 Graph devices each with a Device Guard probe).
    let mut take = move |i: usize| {
        let r = &mut records[i];
        Record { source: r.source, format: r.format, facts: std::mem::take(&mut r.facts) }
    };
    let next = order.into_iter().map(move |g| {
        let mut device = match &members[start[g]..start[g + 1]] {
            [only] => alone(take(*only)),
            several => {
                group.clear();
                group.extend(several.iter().map(|&i| take(i)));
                combine(&mut group)
            }
        };
        let from = notes.partition_point(|(ng, _)| *ng < g);
        device.notes.extend(notes[from..].iter().take_while(|(ng, _)| *ng == g).map(|(_, note)| note.clone()));
        device
    });
    Devices { left, next: Box::new(next) }
}

/// Joins each record without an Entra id (`without_id`, in record order) to a group by its
/// [`short_name`], setting `group_of`: the one group (device) whose records carry that name;
/// where several do, the most recently seen, and on a tie the smallest Entra id (not the first
/// file's), with a note for that group; where none does, a new group, which later id-less
/// records of that name join. A record without a name is a group of its own.
///
/// Names are told apart by sorting their hashes ([`crate::hash::first_of_equal_texts`]), as
/// the Entra ids are: a map of a million names missed the cache on every probe (issue 15:
/// merging a million Graph devices with a Device Guard probe each took 18× a hundred
/// thousand). Each name class is known by its first record, and what it holds is kept in a
/// list indexed by that record: nearly every name is its own first, so the list is read in
/// order.
fn join_by_name(
    records: &[Record],
    group_of: &mut [usize],
    without_id: &[usize],
    last_seen: &mut Vec<Option<i64>>,
    new_group: &mut dyn FnMut(&mut Vec<Option<i64>>) -> usize,
) -> Vec<(usize, String)> {
    // Every record's short name, one after another in one text.
    let mut names = String::new();
    let mut ends: Vec<u32> = Vec::with_capacity(records.len());
    let mut hashed: Vec<u64> = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let start = names.len();
        if let Some(name) = r.facts.name.as_deref() {
            push_short_name(name, &mut names);
        }
        ends.push(names.len() as u32);
        if names.len() > start {
            hashed.push(crate::hash::hashed_at(&names[start..], i as u32));
        }
    }
    let name_of = |i: usize| &names[if i == 0 { 0 } else { ends[i - 1] as usize }..ends[i] as usize];
    crate::hash::sort_by_hash(&mut hashed);
    // The first record with each record's name; `u32::MAX` for a record without one.
    let first = crate::hash::first_of_equal_texts(&hashed, records.len(), &|i| Cow::Borrowed(name_of(i as usize)));
    drop(hashed);

    // Per name class (at its first record): 0 for no group yet, 1 + the group for one, and
    // for several `MANY` with their place in `many` (a list, not a map: no map type more in
    // the core module).
    const MANY: u32 = 1 << 31;
    let mut class: Vec<u32> = vec![0; records.len()];
    let mut many: Vec<SharedName> = Vec::new();
    // The Entra id of each group that carries a name, for ties.
    let mut group_ids: Vec<Option<Cow<'_, str>>> = Vec::new();
    for (i, r) in records.iter().enumerate().filter(|(i, _)| group_of[*i] != usize::MAX) {
        let (g, f) = (group_of[i], first[i]);
        if f == u32::MAX {
            continue;
        }
        let added = match class[f as usize] {
            0 => {
                class[f as usize] = g as u32 + 1;
                true
            }
            several if several & MANY != 0 => {
                many.get_mut((several & !MANY) as usize).is_some_and(|groups| groups.add(g))
            }
            one if one as usize - 1 == g => false,
            one => {
                class[f as usize] = MANY | many.len() as u32;
                many.push(SharedName::new(one as usize - 1, g));
                true
            }
        };
        if added {
            if group_ids.len() <= g {
                group_ids.resize(g + 1, None);
            }
            group_ids[g] = r.facts.entra_id.as_deref().and_then(entra_key);
        }
    }
    // Where several devices share a name, the one an id-less record joins: the most recently
    // seen, and on a tie the smallest Entra id (not the first file's), worked out once per name.
    for shared in &mut many {
        let key = |g: usize| (last_seen[g], std::cmp::Reverse(group_ids.get(g).cloned().flatten()));
        shared.best = shared.groups.iter().copied().max_by(|a, b| key(*a).cmp(&key(*b))).unwrap_or(shared.best);
    }
    let mut notes: Vec<(usize, String)> = Vec::new();
    for &i in without_id {
        let f = first[i];
        let g = match class.get(f as usize).copied() {
            None => new_group(last_seen),
            Some(0) => {
                let g = new_group(last_seen);
                class[f as usize] = g as u32 + 1;
                g
            }
            Some(several) if several & MANY != 0 => match many.get((several & !MANY) as usize) {
                // Several devices share the name: the most recently seen one gets the record.
                Some(shared) => {
                    let (g, s) = (shared.best, records[i].source);
                    notes.push((
                    g,
                    format!(
                        "Input {} record {} has no Entra device id and its name matches {} devices; it was merged into the most recently seen one.",
                        s.input,
                        s.record,
                            shared.groups.len()
                        ),
                    ));
                    g
                }
                // Never: a class is marked MANY with its entry.
                None => new_group(last_seen),
            },
            Some(one) => one as usize - 1,
        };
        group_of[i] = g;
    }
    notes
}

/// For each record with an Entra id, the first record (in record order) with the same id;
/// `u32::MAX` for a record without one, which is added to `without_id` (in record order).
///
/// By sorting the ids' hashes, not by a map of the ids: a million distinct ids made a map
/// whose every probe missed the cache (merging took 20× the time of 100,000 records), where
/// a radix sort reads and writes its lists in order. Each record is one number, its id's
/// 32-bit hash above its index, so the sort keeps equal hashes in record order
/// ([`crate::hash::first_of_equal_texts`]).
fn first_with_same_id(records: &[Record], without_id: &mut Vec<usize>) -> Vec<u32> {
    let id_of = |i: usize| records[i].facts.entra_id.as_deref().and_then(entra_key);
    let mut hashed: Vec<u64> = Vec::with_capacity(records.len());
    for i in 0..records.len() {
        match id_of(i) {
            Some(id) => hashed.push(crate::hash::hashed_at(&id, i as u32)),
            None => without_id.push(i),
        }
    }
    crate::hash::sort_by_hash(&mut hashed);
    // Every record hashed has an id: the default is never taken.
    crate::hash::first_of_equal_texts(&hashed, records.len(), &|i| id_of(i as usize).unwrap_or_default())
}

/// The devices of [`devices`], made as they are taken.
pub struct Devices {
    /// How many are left to take.
    left: usize,
    /// Makes the next one (one record alone, or a group combined).
    next: Box<dyn Iterator<Item = Device>>,
}

impl Iterator for Devices {
    type Item = Device;

    fn next(&mut self) -> Option<Device> {
        let device = self.next.next()?;
        self.left = self.left.saturating_sub(1);
        Some(device)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Devices {}

/// The device of a record no other record joins.
fn alone(r: Record) -> Device {
    Device {
        conflicts: own_conflict(&r).into_iter().collect(),
        facts: r.facts,
        sources: vec![r.source],
        notes: Vec::new(),
    }
}

/// The groups (devices) that share a name: in the order met, the same as a set for finding
/// one, and the one id-less records join. A name of one group (nearly every name) is kept in
/// [`join_by_name`]'s list of classes alone, so only a shared name keeps a set, and 50,000
/// phones all named "iPhone" cost one probe each.
struct SharedName {
    groups: Vec<usize>,
    members: crate::hash::FastSet<usize>,
    best: usize,
}

impl SharedName {
    /// The name's first two groups.
    fn new(first: usize, second: usize) -> SharedName {
        SharedName { groups: vec![first, second], members: [first, second].into_iter().collect(), best: first }
    }

    /// Adds group `g` unless it is there already; whether it was added.
    fn add(&mut self, g: usize) -> bool {
        let added = self.members.insert(g);
        if added {
            self.groups.push(g);
        }
        added
    }
}

/// A record that disagrees with itself, as a conflict between its two fields.
#[cfg(feature = "extra-formats")]
fn own_conflict(r: &Record) -> Option<Conflict> {
    let d = r.facts.disputed.as_deref()?;
    let at = vec![(r.source, r.format)];
    Some(Conflict {
        fact: d.fact,
        used: Some(d.used.clone()),
        reason: Reason::OwnFields,
        values: d.values.iter().map(|(v, field)| (format!("{v} in {field}"), at.clone())).collect(),
    })
}

/// Only the UCClient reader, in the full module, finds records that disagree with themselves.
#[cfg(not(feature = "extra-formats"))]
fn own_conflict(_: &Record) -> Option<Conflict> {
    None
}

/// How much a kind of source is believed for a fact, before recency: the one place that
/// says whose word counts when sources disagree (DOMAIN.md section 4). Higher wins; equal
/// ranks go by which was reported most recently, never by the order the inputs were given.
pub fn rank(fact: Fact, format: Format) -> u8 {
    match fact {
        // A Win32_DeviceGuard probe asks WMI directly; Get-ComputerInfo wraps the same query
        // (and writes 0 when it cannot run it); Graph's hardwareInformation is Intune's copy,
        // filled only now and then. A canonical inventory states what its portal knows.
        Fact::Vbs => match format {
            Format::DeviceGuard | Format::Canonical => 3,
            Format::ComputerInfo => 2,
            _ => 1,
        },
        _ => 1,
    }
}

/// Combines the facts of one device's records. The result does not depend on the order of
/// the records: every choice goes by rank, recency, or the values themselves.
/// The name, Entra id and OS version the device keeps are moved out of `records`.
fn combine(records: &mut [Record]) -> Device {
    let sources: Vec<SourceRef> = records.iter().map(|r| r.source).collect();
    if let [only] = records {
        let facts = std::mem::take(&mut only.facts);
        return Device { facts, sources, conflicts: Vec::new(), notes: Vec::new() };
    }
    // The records as they are (no list of references to them, nor of their facts: two
    // allocations for every merged device).
    let all: &[Record] = records;
    let facts = || all.iter().map(|r| &r.facts);
    // Identity facts that do not disagree in substance (the same name with or without its
    // DNS suffix): the newest record's, else the one that sorts first.
    let newest_first = |a: &&Record, b: &&Record| {
        b.facts.last_seen.cmp(&a.facts.last_seen).then((a.format as u8).cmp(&(b.format as u8)))
    };
    // The record whose text is used: moved out of it at the end, not copied.
    let identity = |get: &dyn Fn(&Facts) -> Option<&str>| -> Option<usize> {
        all.iter()
            .enumerate()
            .filter(|(_, r)| get(&r.facts).is_some())
            .min_by(|(_, a), (_, b)| newest_first(a, b).then_with(|| get(&a.facts).cmp(&get(&b.facts))))
            .map(|(i, _)| i)
    };
    let name = identity(&|f| f.name.as_deref());
    let entra_id = identity(&|f| f.entra_id.as_deref());
    let platform_version = identity(&|f| f.platform_version.as_deref());
    let mut merged = Facts { last_seen: facts().filter_map(|f| f.last_seen).max(), ..Facts::default() };
    let mut conflicts = Vec::new();
    // One buffer for every fact's values: a device with two records otherwise allocates a
    // list per fact. Allocated by the first fact two records report (most merged devices have
    // one or none).
    let mut values = Vec::new();
    let mut pick = |fact: Fact, get: &dyn Value| -> Option<usize> {
        // Most facts of a merged device come from one of its records alone (a Device Guard
        // probe reports VBS and little else): that record's value is used, as `choose` would
        // use it, without asking every record for its value as text.
        let mut reporting = all.iter().enumerate().filter(|(_, r)| reports(&r.facts, fact)).map(|(i, _)| i);
        match (reporting.next(), reporting.next()) {
            (None, _) => None,
            (Some(only), None) => get(&all[only].facts).map(|_| only),
            _ => {
                let (winner, conflict) = choose(all, &sources, fact, get, &mut values);
                conflicts.extend(conflict);
                winner
            }
        }
    };
    // Each fact's value as the conflict shows it: borrowed where it already is text (every
    // name and enum), so a device whose sources agree allocates nothing to compare them
    // (100,000 Graph devices each with a Device Guard probe: ~60 allocations a device before).
    let family = value(|f| {
        f.family.map(|x| {
            Cow::Borrowed(match x {
                OsFamily::Client => "client",
                OsFamily::Server => "server",
            })
        })
    });
    let platform = value(|f| f.platform.map(|p| Cow::Borrowed(p.display())));
    let edition = value(|f| f.edition.as_ref().map(|e| Cow::Borrowed(e.display())));
    // WMI's "enabled but not running" (a probe's or Get-ComputerInfo's 1) beside Graph's
    // "enabled, restart required" is one state: Graph's word adds why it is not running (the
    // DeviceStatus CSP's "reboot required"). Not a disagreement; whose word is used is still
    // the VBS precedence's (DOMAIN.md section 4: the probe over Get-ComputerInfo over Graph).
    // Only Graph's word, and only beside sources that outrank Graph, so rank alone picks the
    // word used: two sources of one rank that say these two words (a canonical inventory can
    // say either) still disagree, as any other state beside them does.
    let graph_rank = rank(Fact::Vbs, Format::Graph);
    let restart_pending = all.iter().any(|r| r.format == Format::Graph && r.facts.vbs == Some(Vbs::RebootRequired))
        && all.iter().all(|r| match r.facts.vbs {
            None => true,
            Some(Vbs::RebootRequired) => r.format == Format::Graph,
            Some(Vbs::EnabledNotRunning) => rank(Fact::Vbs, r.format) > graph_rank,
            Some(_) => false,
        });
    let vbs = value(|f| {
        f.vbs.map(|v| match v {
            Vbs::RebootRequired if restart_pending => Cow::Borrowed(Vbs::EnabledNotRunning.display()),
            v => Cow::Borrowed(v.display()),
        })
    });
    let chpe = value(|f| f.hotpatch_restrictions.map(|v| Cow::Owned(v.to_string())));
    let reboot = value(|f| f.allow_rebootless_updates.map(|v| Cow::Borrowed(if v { "1" } else { "0" })));
    let policy = value(|f| {
        f.hotpatch_policy.map(|v| {
            Cow::Borrowed(match v {
                HotpatchSetting::Allow => "allow",
                HotpatchSetting::Block => "block",
            })
        })
    });
    let management = value(|f| f.management.map(|m| Cow::Borrowed(m.display())));
    let ring = value(|f| f.ring.as_deref().map(Cow::Borrowed));
    let ring_settings = value(|f| {
        f.ring_settings.map(|r| Cow::Owned(format!("{}/{}/{}", r.deferral_days, r.deadline_days, r.grace_days)))
    });
    let license = value(|f| {
        f.license.map(|l| {
            Cow::Borrowed(match l {
                License::Eligible => "eligible",
                License::Ineligible => "ineligible",
            })
        })
    });
    let arc = value(|f| f.arc_hotpatch.map(|a| Cow::Borrowed(a.display())));
    #[cfg(feature = "extra-formats")]
    let readiness = value(|f| f.readiness.map(|r| Cow::Borrowed(r.id())));

    if let Some(w) = pick(Fact::Platform, &platform) {
        merged.platform = all[w].facts.platform;
    }
    // UCClientUpdateStatus lists every update a device installed: only its newest is the
    // device's build, the others are history, not a disagreement.
    let history = |f: &Facts| f.origin.formats.has(Format::UcClientUpdateStatus) && f.build.is_some();
    // One record with a build (a Graph export beside probes that carry none) has nothing to
    // compare it with: it is used, as `choose` would, without writing every build as text.
    let mut with_build = all.iter().enumerate().filter(|(_, r)| r.facts.build.is_some()).map(|(i, _)| i);
    let build = match (with_build.next(), with_build.next()) {
        (None, _) => None,
        (Some(only), None) => Some(only),
        _ => {
            let newest_installed = facts().filter(|f| history(f)).filter_map(|f| f.last_seen).max();
            // A build without UBR agrees with the same build with one; prefer the one with a
            // UBR. Worked out once: a device with thousands of rows must not compare every pair.
            let with_ubr: crate::hash::FastSet<u32> =
                facts().filter(|f| f.ubr.is_some()).filter_map(|f| f.build).collect();
            pick(Fact::Build, &|f| {
                if (f.ubr.is_none() && f.build.is_some_and(|b| with_ubr.contains(&b)))
                    || (history(f) && f.last_seen < newest_installed)
                {
                    None
                } else {
                    build_text(f)
                }
            })
        }
    };
    if let Some(w) = build {
        merged.build = all[w].facts.build;
        merged.ubr = all[w].facts.ubr;
        merged.origin.build = Some(all[w].format);
    }
    if let Some(w) = pick(Fact::Family, &family) {
        merged.family = all[w].facts.family;
    }
    if let Some(w) = pick(Fact::Edition, &edition) {
        merged.edition = all[w].facts.edition.clone();
        merged.origin.edition = Some(all[w].format);
    }
    // "64-bit" agrees with x64 and Arm64 (it only says less), not with a 32-bit value.
    let specific_64 = facts().any(|o| matches!(o.arch, Some(Arch::X64 | Arch::Arm64)));
    if let Some(w) = pick(Fact::Arch, &|f| match f.arch {
        Some(Arch::Bits64) if specific_64 => None,
        a => a.map(|a| Cow::Borrowed(a.display())),
    }) {
        merged.arch = all[w].facts.arch;
        merged.origin.arch = Some(all[w].format);
    }
    if let Some(w) = pick(Fact::Vbs, &vbs) {
        merged.vbs = all[w].facts.vbs;
        merged.origin.vbs = Some(all[w].format);
    }
    if let Some(w) = pick(Fact::HotpatchRestrictions, &chpe) {
        merged.hotpatch_restrictions = all[w].facts.hotpatch_restrictions;
    }
    if let Some(w) = pick(Fact::AllowRebootlessUpdates, &reboot) {
        merged.allow_rebootless_updates = all[w].facts.allow_rebootless_updates;
    }
    if let Some(w) = pick(Fact::HotpatchPolicy, &policy) {
        merged.hotpatch_policy = all[w].facts.hotpatch_policy;
    }
    if let Some(w) = pick(Fact::Management, &management) {
        merged.management = all[w].facts.management;
    }
    if let Some(w) = pick(Fact::Ring, &ring) {
        merged.ring = all[w].facts.ring.clone();
    }
    if let Some(w) = pick(Fact::RingSettings, &ring_settings) {
        merged.ring_settings = all[w].facts.ring_settings;
    }
    if let Some(w) = pick(Fact::License, &license) {
        merged.license = all[w].facts.license;
    }
    if let Some(w) = pick(Fact::ArcHotpatch, &arc) {
        merged.arc_hotpatch = all[w].facts.arc_hotpatch;
    }
    // Only the full module reads Autopatch device profiles, the one source of readiness.
    #[cfg(feature = "extra-formats")]
    if let Some(w) = pick(Fact::Readiness, &readiness) {
        merged.readiness = all[w].facts.readiness;
    }
    conflicts.extend(all.iter().filter_map(own_conflict));
    // A fact the sources disagree on and none can be preferred: the findings say so, instead
    // of "no inventory reports it".
    for c in conflicts.iter().filter(|c| c.used.is_none()) {
        merged.origin.undecided |= 1 << c.fact as u16;
    }
    merged.origin.formats = all.iter().fold(FormatSet::default(), |set, r| set | r.format.bit());
    merged.origin.vbs_unread = facts().any(|f| f.origin.vbs_unread);
    merged.name = name.and_then(|w| records[w].facts.name.take());
    merged.entra_id = entra_id.and_then(|w| records[w].facts.entra_id.take());
    merged.platform_version = platform_version.and_then(|w| records[w].facts.platform_version.take());
    Device { facts: merged, sources, conflicts, notes: Vec::new() }
}

/// Whether a record reports `fact` at all: a fact's [`Value`] is `None` where this is false.
fn reports(f: &Facts, fact: Fact) -> bool {
    match fact {
        Fact::Platform => f.platform.is_some(),
        Fact::Family => f.family.is_some(),
        Fact::Build => f.build.is_some(),
        Fact::Edition => f.edition.is_some(),
        Fact::Arch => f.arch.is_some(),
        Fact::Vbs => f.vbs.is_some(),
        Fact::HotpatchRestrictions => f.hotpatch_restrictions.is_some(),
        Fact::AllowRebootlessUpdates => f.allow_rebootless_updates.is_some(),
        Fact::HotpatchPolicy => f.hotpatch_policy.is_some(),
        Fact::Management => f.management.is_some(),
        Fact::Ring => f.ring.is_some(),
        Fact::RingSettings => f.ring_settings.is_some(),
        Fact::License => f.license.is_some(),
        Fact::ArcHotpatch => f.arc_hotpatch.is_some(),
        Fact::Readiness => f.readiness.is_some(),
    }
}

/// A fact's value in a record, as text for comparing and for the conflict's sentence.
trait Value: for<'f> Fn(&'f Facts) -> Option<Cow<'f, str>> {}
impl<F: for<'f> Fn(&'f Facts) -> Option<Cow<'f, str>>> Value for F {}

/// Gives a closure the signature [`Value`] needs (closures do not infer a borrowed result).
fn value<F: Value>(get: F) -> F {
    get
}

/// A build as text: `26100.4349`, or `26100` without UBR.
fn build_text(f: &Facts) -> Option<Cow<'static, str>> {
    f.build.map(|b| Cow::Owned(f.ubr.map_or(b.to_string(), |u| format!("{b}.{u}"))))
}

/// Picks the record whose value of a fact is used (DOMAIN.md section 4): among the sources
/// of the highest [`rank`], the most recently reported; when those still disagree (no
/// timestamps to tell them apart), the highest build for the build (a device's build only
/// goes up), and nothing for any other fact: the planner does not guess. Returns the index
/// and, if values differ, the conflict.
fn choose<'a>(
    records: &'a [Record],
    sources: &[SourceRef],
    fact: Fact,
    get: &dyn Value,
    values: &mut Vec<(usize, Cow<'a, str>)>,
) -> (Option<usize>, Option<Conflict>) {
    values.clear();
    values.extend(records.iter().enumerate().filter_map(|(i, r)| get(&r.facts).map(|v| (i, v))));
    // Most facts of a merged device come from one of its sources alone.
    match values.as_slice() {
        [] => return (None, None),
        [(only, _)] => return (Some(*only), None),
        _ => {}
    }
    let rank_of = |i: usize| rank(fact, records[i].format);
    let best = values.iter().map(|(i, _)| rank_of(*i)).max().unwrap_or(0);
    let newest =
        values.iter().filter(|(i, _)| rank_of(*i) == best).filter_map(|(i, _)| records[*i].facts.last_seen).max();
    // The contenders: the highest rank, and among those the newest (all of them when none is
    // dated). Equal values from several kinds of source name the first kind in `Format`
    // declaration order; different builds, the highest.
    let build_key =
        |i: usize| (records[i].facts.build, records[i].facts.ubr, std::cmp::Reverse(records[i].format as u8));
    let mut winner: Option<(usize, &str)> = None;
    let mut settled = true;
    for (i, v) in values
        .iter()
        .filter(|(i, _)| rank_of(*i) == best && (newest.is_none() || records[*i].facts.last_seen == newest))
    {
        winner = match winner {
            None => Some((*i, v)),
            Some((w, wv)) => {
                settled &= v == wv;
                let better = match fact {
                    Fact::Build => build_key(*i) > build_key(w),
                    _ => v == wv && (records[*i].format as u8) < (records[w].format as u8),
                };
                if better {
                    Some((*i, v))
                } else {
                    Some((w, wv))
                }
            }
        };
    }
    if !settled && fact != Fact::Build {
        winner = None;
    }
    // Sources that agree (most devices): no conflict to describe.
    if values.iter().all(|(_, v)| *v == values[0].1) {
        return (winner.map(|(w, _)| w), None);
    }
    // Every distinct value, in value order (not input order: the sentence reads the same
    // whatever the order of the files), with the sources that said it.
    let mut distinct: Vec<(String, Vec<(SourceRef, Format)>)> = Vec::new();
    for (i, v) in values.iter() {
        let at = (sources[*i], records[*i].format);
        match distinct.binary_search_by(|(d, _)| d.as_str().cmp(v)) {
            Ok(found) => distinct[found].1.push(at),
            Err(place) => distinct.insert(place, (v.to_string(), vec![at])),
        }
    }
    let reason = match winner {
        None => Reason::Undecided,
        Some(_) if !settled => Reason::HighestBuild,
        Some((_, wv)) if values.iter().any(|(i, v)| v != wv && rank_of(*i) == best) => Reason::Newest,
        Some((w, _)) => {
            // The outranked kinds, highest rank first, then in `Format::ALL` order (no sort:
            // each sort instantiation costs kilobytes of Wasm).
            let below: Vec<Format> = (0..best)
                .rev()
                .flat_map(|r| Format::ALL.into_iter().filter(move |f| rank(fact, *f) == r))
                .filter(|f| values.iter().any(|(i, _)| rank_of(*i) < best && records[*i].format == *f))
                .collect();
            Reason::Outranks(records[w].format, below)
        }
    };
    let used = winner.map(|(_, v)| v.to_string());
    let winner = winner.map(|(w, _)| w);
    (winner, Some(Conflict { fact, used, reason, values: distinct }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{Edition, Vbs};

    fn rec(input: usize, record: usize, facts: Facts) -> Record {
        rec_as(Format::Graph, input, record, facts)
    }

    fn rec_as(format: Format, input: usize, record: usize, facts: Facts) -> Record {
        Record { source: SourceRef { input, record }, format, facts }
    }

    fn named(name: &str) -> Facts {
        Facts { name: Some(name.into()), ..Facts::default() }
    }

    /// Records join by Entra id however the id is written (case, braces, spaces), each to the
    /// first record with its id; records without one (or with the all-zero id) are left to
    /// the name join, in record order.
    #[test]
    fn records_join_the_first_record_with_their_entra_id() {
        let ids = [
            Some("AB-1"),
            None,
            Some("{ab-1}"),
            Some("cd-2"),
            Some("00000000-0000-0000-0000-000000000000"),
            Some(" ab-1 "),
            Some("CD-2"),
            Some("ef-3"),
        ];
        let records: Vec<Record> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| rec(0, i, Facts { entra_id: id.map(str::to_string), ..named("X") }))
            .collect();
        let mut without_id = Vec::new();
        let first = first_with_same_id(&records, &mut without_id);
        assert_eq!(first, [0, u32::MAX, 0, 3, u32::MAX, 0, 3, 7]);
        assert_eq!(without_id, [1, 4]);
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
            "Sources disagree on the build: 26100.4349 (Microsoft Graph, input 0 record 3), 26100.4946 (Microsoft Graph, input 1 record 0); using 26100.4946, the most recently reported."
        );
    }

    /// DOMAIN.md section 4: which source wins is a rule (rank, then recency), never the order
    /// the inputs were given in; what nothing settles is unknown.
    #[test]
    fn precedence_is_a_rule_not_input_order() {
        let guard = |input| rec_as(Format::DeviceGuard, input, 0, Facts { vbs: Some(Vbs::Running), ..named("A") });
        let info = |input| rec_as(Format::ComputerInfo, input, 0, Facts { vbs: Some(Vbs::Off), ..named("A") });
        let graph = |input| {
            rec_as(Format::Graph, input, 0, Facts { vbs: Some(Vbs::NotLicensed), last_seen: Some(900), ..named("A") })
        };
        for order in [[0, 1, 2], [2, 1, 0], [1, 0, 2], [1, 2, 0]] {
            let records: Vec<Record> = order
                .iter()
                .enumerate()
                .map(|(input, kind)| match kind {
                    0 => guard(input),
                    1 => info(input),
                    _ => graph(input),
                })
                .collect();
            let d = &merge(records)[0];
            assert_eq!(d.facts.vbs, Some(Vbs::Running), "order {order:?}");
            assert_eq!(d.facts.origin.vbs, Some(Format::DeviceGuard));
            assert!(d.conflicts[0].sentence().contains("because for the VBS state the Win32_DeviceGuard probe is believed over Get-ComputerInfo and Microsoft Graph"), "{}", d.conflicts[0].sentence());
        }
        // Two sources of one kind without timestamps: unknown, whatever the order.
        for (a, b) in [(Vbs::Off, Vbs::Running), (Vbs::Running, Vbs::Off)] {
            let devices = merge(vec![
                rec_as(Format::DeviceGuard, 0, 0, Facts { vbs: Some(a), ..named("B") }),
                rec_as(Format::DeviceGuard, 1, 0, Facts { vbs: Some(b), ..named("B") }),
            ]);
            assert_eq!(devices[0].facts.vbs, None);
            assert_eq!(devices[0].conflicts[0].reason, Reason::Undecided);
        }
        // Builds without timestamps: the highest, whatever the order.
        for (a, b) in [(4349, 4946), (4946, 4349)] {
            let devices = merge(vec![
                rec_as(Format::Registry, 0, 0, Facts { build: Some(26100), ubr: Some(a), ..named("C") }),
                rec_as(Format::ComputerInfo, 1, 0, Facts { build: Some(26100), ubr: Some(b), ..named("C") }),
            ]);
            assert_eq!(devices[0].facts.ubr, Some(4946));
            assert_eq!(devices[0].conflicts[0].reason, Reason::HighestBuild);
        }
        // "64-bit" against x86 is a disagreement; against x64 it only says less.
        let arch = |a, b| {
            merge(vec![
                rec_as(Format::Defender, 0, 0, Facts { arch: Some(a), ..named("D") }),
                rec_as(Format::ComputerInfo, 1, 0, Facts { arch: Some(b), ..named("D") }),
            ])
            .remove(0)
        };
        assert_eq!(arch(Arch::Bits64, Arch::X86).conflicts.len(), 1);
        assert_eq!(arch(Arch::Bits64, Arch::X64).conflicts.len(), 0);
    }

    /// DOMAIN.md section 4 (VBS words per source, and whose word wins): WMI's "enabled but
    /// not running" beside Graph's "enabled, restart required" is one state told with and
    /// without its reason, not a disagreement; the precedence still picks the word used.
    /// Beside a third state, every word counts again.
    #[test]
    fn vbs_enabled_not_running_agrees_with_restart_required() {
        let probe = |vbs| rec_as(Format::DeviceGuard, 1, 0, Facts { vbs: Some(vbs), ..named("E") });
        let graph = |record, vbs| rec_as(Format::Graph, 0, record, Facts { vbs: Some(vbs), ..named("E") });
        let info = |vbs| rec_as(Format::ComputerInfo, 2, 0, Facts { vbs: Some(vbs), ..named("E") });
        for (records, winner) in [
            (vec![probe(Vbs::EnabledNotRunning), graph(0, Vbs::RebootRequired)], Format::DeviceGuard),
            (vec![graph(0, Vbs::RebootRequired), probe(Vbs::EnabledNotRunning)], Format::DeviceGuard),
            (vec![graph(0, Vbs::RebootRequired), info(Vbs::EnabledNotRunning)], Format::ComputerInfo),
            (
                vec![info(Vbs::EnabledNotRunning), graph(0, Vbs::RebootRequired), probe(Vbs::EnabledNotRunning)],
                Format::DeviceGuard,
            ),
        ] {
            let d = merge(records).remove(0);
            assert_eq!(d.conflicts, vec![], "one state, said with and without why");
            assert_eq!((d.facts.vbs, d.facts.origin.vbs), (Some(Vbs::EnabledNotRunning), Some(winner)));
        }
        // Graph's records alone keep their own word.
        let d = merge(vec![graph(0, Vbs::RebootRequired), graph(1, Vbs::RebootRequired)]).remove(0);
        assert_eq!((d.conflicts.len(), d.facts.vbs), (0, Some(Vbs::RebootRequired)));
        // Sources of one rank saying the two words (a canonical inventory can say either)
        // still disagree, in either order: no record order may pick the word.
        let canonical = |input, vbs| rec_as(Format::Canonical, input, 0, Facts { vbs: Some(vbs), ..named("E") });
        for pair in [
            [canonical(3, Vbs::RebootRequired), probe(Vbs::EnabledNotRunning)],
            [canonical(3, Vbs::EnabledNotRunning), canonical(4, Vbs::RebootRequired)],
        ] {
            for order in [pair.to_vec(), pair.iter().rev().cloned().collect()] {
                let d = merge(order).remove(0);
                assert_eq!((d.conflicts.len(), d.facts.vbs), (1, None), "undecided, as before");
            }
        }
        // Other words beside "enabled but not running" still disagree, and the probe wins.
        for graph_says in [Vbs::Off, Vbs::HardwareUnsupported, Vbs::Running] {
            let d = merge(vec![probe(Vbs::EnabledNotRunning), graph(0, graph_says)]).remove(0);
            assert_eq!((d.conflicts.len(), d.facts.vbs), (1, Some(Vbs::EnabledNotRunning)), "{graph_says:?}");
        }
        // A third state brings every word back: the probe outranks both of Graph's.
        let d =
            merge(vec![probe(Vbs::EnabledNotRunning), graph(0, Vbs::RebootRequired), graph(1, Vbs::Running)]).remove(0);
        assert_eq!(d.conflicts.len(), 1);
        assert_eq!(d.conflicts[0].values.len(), 3);
        assert_eq!(d.facts.vbs, Some(Vbs::EnabledNotRunning));
    }

    /// DOMAIN.md section 4 (joining by name): id-less records whose name no device with an
    /// Entra id carries are one device per name, in the order of their first record; a record
    /// with no name left once shortened (a bare `DOMAIN\`) or none at all is a device alone.
    #[test]
    fn id_less_records_of_a_new_name_are_one_device() {
        let probe = |input, record, name: Option<&str>| {
            rec_as(Format::DeviceGuard, input, record, Facts { name: name.map(str::to_string), ..Facts::default() })
        };
        let devices = merge(vec![
            rec(0, 0, Facts { entra_id: Some("a1".into()), ..named("LAP-01") }),
            probe(1, 0, Some("LAP-09.contoso.com")),
            probe(1, 1, Some("CONTOSO\\")),
            probe(1, 2, None),
            probe(1, 3, Some("lap-01")),
            probe(2, 0, Some("CONTOSO\\LAP-09")),
            probe(2, 1, Some("CONTOSO\\")),
        ]);
        let sources: Vec<Vec<(usize, usize)>> =
            devices.iter().map(|d| d.sources.iter().map(|s| (s.input, s.record)).collect()).collect();
        assert_eq!(sources, vec![vec![(0, 0), (1, 3)], vec![(1, 0), (2, 0)], vec![(1, 1)], vec![(1, 2)], vec![(2, 1)]]);
    }

    /// An id-less record whose name matches several devices seen at the same time joins the
    /// one with the smallest Entra id, whatever the order.
    #[test]
    fn a_name_shared_by_devices_seen_at_once_joins_the_same_one_in_any_order() {
        let a = || rec(0, 0, Facts { entra_id: Some("a1".into()), ..named("LAP-01") });
        let b = || rec(1, 0, Facts { entra_id: Some("b2".into()), ..named("LAP-01") });
        let probe = || rec_as(Format::ComputerInfo, 2, 0, Facts { vbs: Some(Vbs::Running), ..named("LAP-01") });
        for records in [vec![a(), b(), probe()], vec![b(), a(), probe()], vec![probe(), b(), a()]] {
            let devices = merge(records);
            let joined = devices.iter().find(|d| d.sources.len() == 2).unwrap();
            assert_eq!(joined.facts.entra_id.as_deref(), Some("a1"));
        }
    }

    /// DOMAIN.md section 4 (joining by name): a device counts once among the devices that
    /// share a name, however many of its records carry the name, before or after the name
    /// became shared.
    #[test]
    fn a_device_with_several_records_counts_once_among_those_sharing_its_name() {
        let a = |r, name| rec(0, r, Facts { entra_id: Some("a1".into()), ..named(name) });
        let b = |r, name| rec(1, r, Facts { entra_id: Some("b2".into()), ..named(name) });
        let probe = rec_as(Format::ComputerInfo, 2, 0, Facts { vbs: Some(Vbs::Running), ..named("LAP-01") });
        for records in [
            vec![a(0, "LAP-01"), a(1, "lap-01.contoso.com"), b(0, "LAP-01"), b(1, "LAP-01"), a(2, "LAP-01")],
            vec![b(0, "LAP-01"), a(0, "LAP-01"), a(1, "LAP-01"), b(1, "lap-01"), a(2, "LAP-01")],
        ] {
            let devices = merge([records, vec![probe.clone()]].concat());
            assert_eq!(devices.len(), 2);
            let joined = devices.iter().find(|d| d.sources.iter().any(|s| s.input == 2)).unwrap();
            assert_eq!(
                joined.notes,
                ["Input 2 record 0 has no Entra device id and its name matches 2 devices; it was merged into the most recently seen one."]
            );
        }
    }

    /// Every kind of disagreement reads as one sentence (DOMAIN.md section 4), with at most five
    /// sources per value and five values, then how many more.
    #[test]
    fn conflicts_read_as_sentences() {
        let at = |input, record, format| (SourceRef { input, record }, format);
        let graph = |n: usize| (0..n).map(|r| at(0, r, Format::Graph)).collect::<Vec<_>>();
        let conflict = |reason, values: Vec<(&str, Vec<(SourceRef, Format)>)>, used: Option<&str>| Conflict {
            fact: Fact::Vbs,
            used: used.map(str::to_string),
            reason,
            values: values.into_iter().map(|(v, s)| (v.to_string(), s)).collect(),
        };
        let two = || vec![("off", vec![at(1, 4, Format::DeviceGuard)]), ("not configured", graph(1))];
        for (c, want) in [
            (
                conflict(Reason::Outranks(Format::DeviceGuard, vec![Format::ComputerInfo, Format::Graph]), two(), Some("off")),
                "Sources disagree on the VBS state: off (the Win32_DeviceGuard probe, input 1 record 4), not configured (Microsoft Graph, input 0 record 0); using off, because for the VBS state the Win32_DeviceGuard probe is believed over Get-ComputerInfo and Microsoft Graph.",
            ),
            (
                conflict(Reason::Newest, two(), Some("off")),
                "Sources disagree on the VBS state: off (the Win32_DeviceGuard probe, input 1 record 4), not configured (Microsoft Graph, input 0 record 0); using off, the most recently reported.",
            ),
            (
                conflict(Reason::Undecided, vec![("off", graph(7)), ("running", graph(1))], None),
                "Sources disagree on the VBS state: off (Microsoft Graph, input 0 record 0; Microsoft Graph, input 0 record 1; Microsoft Graph, input 0 record 2; Microsoft Graph, input 0 record 3; Microsoft Graph, input 0 record 4 and 2 more records), running (Microsoft Graph, input 0 record 0); none of them outranks the others or says when it was read, so the VBS state is taken as unknown.",
            ),
            (
                conflict(Reason::HighestBuild, (0..7).map(|_| ("x", graph(1))).collect(), Some("x")),
                "Sources disagree on the VBS state: x (Microsoft Graph, input 0 record 0), x (Microsoft Graph, input 0 record 0), x (Microsoft Graph, input 0 record 0), x (Microsoft Graph, input 0 record 0), x (Microsoft Graph, input 0 record 0) and 2 more values; using x, the highest: none of them says when it was read, and a device's build only goes up.",
            ),
            (
                conflict(Reason::OwnFields, vec![("1 in a", graph(1)), ("2 in b", graph(1))], Some("2")),
                "One record disagrees with itself on the VBS state: 1 in a (Microsoft Graph, input 0 record 0), 2 in b (Microsoft Graph, input 0 record 0); that record counts as 2, the higher (a device's build only goes up).",
            ),
        ] {
            assert_eq!(c.sentence(), want);
        }
    }

    /// Issue 12: a disagreement among many values names a few and counts the rest.
    #[test]
    fn a_disagreement_among_many_values_stays_readable() {
        let records: Vec<Record> = (0..1000)
            .map(|i| {
                rec(0, i, Facts { entra_id: Some("a1".into()), build: Some(26100), ubr: Some(i as u32), ..named("A") })
            })
            .collect();
        let sentence = merge(records)[0].conflicts[0].sentence();
        assert!(sentence.len() < 600, "{} bytes: {sentence}", sentence.len());
        assert!(sentence.contains(" and 995 more values;"), "{sentence}");
    }

    #[test]
    fn names_normalise() {
        assert_eq!(short_name(" LAP-01.contoso.com "), "lap-01");
        assert_eq!(short_name("LAP_01-X"), "lap_01-x", "a plain name is only lowercased");
        assert_eq!(short_name(""), "");
        assert_eq!(short_name("CONTOSO\\Lap-01"), "lap-01");
        assert_eq!(short_name("10.0.0.5"), "10.0.0.5", "an IP address is not cut at its first dot");
        assert_eq!(short_name("FE80::1"), "fe80::1");
        assert_eq!(short_name("İSTANBUL-01.contoso.com"), short_name("istanbul-01"));
        assert_eq!(entra_key("00000000-0000-0000-0000-000000000000"), None);
    }
}
