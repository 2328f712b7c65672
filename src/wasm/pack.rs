//! The report as it crosses into JS, in three parts that `expand.js` turns back into the
//! plain report object:
//!
//! - `head`: JSON of everything but the devices, plus the tables devices refer to: distinct
//!   OS facts, check outcomes, findings, finding lists, notes, ring names, plan ids.
//! - `ints`: per device, a run of integers (layout below), read in JS as a view over Wasm
//!   memory without copying.
//! - `strings`: every device's key, name and Entra id, concatenated; `ints` holds each one's
//!   length in UTF-16 code units, so JS decodes the text once and slices it.
//!
//! Why not one JSON text: for 100,000 devices that is ~60 MB whose `JSON.parse` alone takes
//! several times as long as parsing the inventory, most of it the same few findings and check
//! outcomes repeated. `evaluateToJson` returns the plain JSON, and the package tests check
//! that `JSON.stringify(evaluate(x))` equals it byte for byte.
//!
//! Per device in `ints` (a `+1` value uses 0 for null):
//! `keyLen, nameLen+1, entraLen+1, os, ring+1, verdict, track, checks, findingList, plan,
//! notes+1, lastSeen, standing+1, staleLastSeen, staleRelease, microsoft+1, nSources, (input, record) ×
//! nSources` (lastSeen dates as days from 0001-01-01, day 1; release dates as days since 1970;
//! `expand.js` writes them as ISO dates).

use std::sync::Arc;

use serde::Serialize;

use crate::hash::FastMap;
use crate::report::{OsFacts, Report};
use crate::rules::{Checks, Finding};

/// The three parts of a packed report.
pub(crate) struct Packed {
    pub head: String,
    pub ints: Vec<u32>,
    pub strings: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Head<'r> {
    // The report's parts, left out when only some devices are packed (a page of a view's rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<&'r crate::date::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    catalog: Option<&'r crate::report::CatalogInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inputs: Option<&'r [crate::inventory::InputInfo]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'r crate::report::Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_devices: Option<&'r [crate::report::OtherDevice]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plans: Option<&'r crate::report::Plans>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<&'r [crate::inventory::InputError]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fleet: Option<&'r crate::fleet::Fleet>,
    count: usize,
    os: Vec<&'r OsFacts>,
    checks: Vec<&'r Checks>,
    findings: Vec<&'r Finding>,
    finding_lists: Vec<Vec<u32>>,
    notes: Vec<&'r [String]>,
    rings: Vec<&'r str>,
    plan_ids: Vec<&'r str>,
    #[cfg(feature = "extra-formats")]
    microsoft: Vec<&'r crate::report::MicrosoftView>,
}

/// Values written once and referred to by index.
struct Table<'r, K, T: ?Sized> {
    index: FastMap<K, u32>,
    items: Vec<&'r T>,
}

impl<'r, K: std::hash::Hash + Eq, T: ?Sized> Table<'r, K, T> {
    fn new() -> Self {
        Table { index: FastMap::default(), items: Vec::new() }
    }

    fn add(&mut self, key: K, item: &'r T) -> u32 {
        let next = self.items.len() as u32;
        *self.index.entry(key).or_insert_with(|| {
            self.items.push(item);
            next
        })
    }
}

/// Packs a report (see the module docs for the layout): every device, or those at the
/// positions `pick` gives, in its order; with the report's other parts (`whole`) or only the
/// tables its devices refer to.
pub(crate) fn pack(report: &Report, pick: Option<&[u32]>, whole: bool) -> Packed {
    let count = pick.map_or(report.devices.len(), <[u32]>::len);
    let mut strings = String::with_capacity(count * 48);
    let mut ints: Vec<u32> = Vec::with_capacity(count * 19);
    let mut os: Table<&OsFacts, OsFacts> = Table::new();
    let mut checks: Table<Checks, Checks> = Table::new();
    // Findings and finding lists are shared (`Arc`) between devices with the same facts, so
    // they are told apart by address: no long text is hashed per device.
    let mut findings: Table<(usize, usize, u8), Finding> = Table::new();
    let mut finding_lists: Vec<Vec<u32>> = Vec::new();
    let mut finding_list_index: FastMap<(usize, usize), u32> = FastMap::default();
    let mut rings: Table<&str, str> = Table::new();
    let mut notes: Vec<&[String]> = Vec::new();
    // Shared (`Arc`) between devices that compare the same way: told apart by address. Only
    // the full module reads Microsoft's readiness (expand.js takes a missing table as empty).
    #[cfg(feature = "extra-formats")]
    let mut microsoft: Table<usize, crate::report::MicrosoftView> = Table::new();

    let mut text = |s: &str| -> u32 {
        strings.push_str(s);
        utf16_len(s)
    };
    for k in 0..count {
        let d = &report.devices[pick.map_or(k, |p| p[k] as usize)];
        let list_key = (Arc::as_ptr(&d.findings) as *const Finding as usize, d.findings.len());
        let finding_list = match finding_list_index.get(&list_key) {
            Some(&i) => i,
            None => {
                let list = d.findings.iter().map(|f| findings.add(finding_key(f), f)).collect();
                finding_lists.push(list);
                let i = finding_lists.len() as u32 - 1;
                finding_list_index.insert(list_key, i);
                i
            }
        };
        let note = if d.notes.is_empty() {
            0
        } else if notes.last().is_some_and(|last| **last == *d.notes) {
            // The same notes as the device before (devices of one ring list or pattern, or of
            // one update policy, mostly come together): shared, not repeated in the head.
            notes.len() as u32
        } else {
            notes.push(&d.notes);
            notes.len() as u32
        };
        #[cfg(feature = "extra-formats")]
        let readiness = d.microsoft.as_ref().map_or(0, |m| microsoft.add(Arc::as_ptr(m) as usize, m) + 1);
        #[cfg(not(feature = "extra-formats"))]
        let readiness = 0;
        ints.extend([
            text(&d.key),
            d.name.as_deref().map_or(0, |n| text(n) + 1),
            d.entra_device_id.as_deref().map_or(0, |n| text(n) + 1),
            os.add(&d.os, &d.os),
            d.ring.as_deref().map_or(0, |r| rings.add(r, r) + 1),
            d.verdict as u32,
            d.track as u32,
            checks.add(d.checks, &d.checks),
            finding_list,
            crate::fleet::plan_position(&report.plans.0, &d.plan).unwrap_or(0) as u32,
            note,
            // Days from 0001-01-01 (day 1, so never 0): Graph's "never synced" is a date too.
            d.last_seen.map_or(0, |s| s.days_from_ce()),
            d.standing.map_or(0, |s| s as u32 + 1),
            d.stale.map_or(0, |s| s.last_seen.days_from_ce()),
            d.stale.map_or(0, |s| s.release.days_since_1970()),
            readiness,
            d.sources.len() as u32,
        ]);
        for s in &d.sources {
            ints.extend([s.input as u32, s.record as u32]);
        }
    }
    let head = Head {
        schema_version: whole.then_some(report.schema_version),
        as_of: whole.then_some(&report.as_of),
        catalog: whole.then_some(&report.catalog),
        inputs: whole.then_some(&report.inputs[..]),
        summary: whole.then_some(&report.summary),
        other_devices: whole.then_some(&report.other_devices[..]),
        plans: whole.then_some(&report.plans),
        errors: whole.then_some(&report.errors[..]),
        fleet: whole.then_some(&report.fleet),
        count,
        os: os.items,
        checks: checks.items,
        findings: findings.items,
        finding_lists,
        notes,
        rings: rings.items,
        plan_ids: report.plans.0.iter().map(|(id, _)| &**id).collect(),
        #[cfg(feature = "extra-formats")]
        microsoft: microsoft.items,
    };
    // Writing these types cannot fail (no fractions, no maps with keys other than text).
    let head =
        crate::json::write::to_string(&head).unwrap_or_else(|_| "{\"error\":\"could not write the report\"}".into());
    Packed { head, ints, strings }
}

/// Length in UTF-16 code units, the unit JS strings are sliced in.
fn utf16_len(s: &str) -> u32 {
    if s.is_ascii() {
        s.len() as u32
    } else {
        s.encode_utf16().count() as u32
    }
}

/// A finding's identity: its shared texts' addresses and its check, status and assumption.
fn finding_key(f: &Finding) -> (usize, usize, u8) {
    let detail = Arc::as_ptr(&f.detail) as *const u8 as usize;
    let fix = f.fix.as_ref().map_or(0, |x| Arc::as_ptr(x) as *const u8 as usize);
    (detail, fix, (f.check as u8) << 3 | (f.status as u8) << 1 | u8::from(f.assumed))
}
