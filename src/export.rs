//! The report's exports, CSV (RFC 4180) and iCalendar (RFC 5545): the only writers, used by
//! the command line, the Node package and the browser's full module (`toCsv`/`toIcs`; the
//! core module leaves them to the full one, DESIGN.md "Size").
//!
//! Both write one device at a time ([`CsvWriter`], [`IcsWriter`]), so the Wasm boundary can
//! read a report's devices from the JS object one by one instead of holding the whole report
//! twice.

use std::fmt::Write as _;

use crate::date::Date;
use crate::error::Error;
use crate::fields::Fields;
use crate::hash::FastMap;
use crate::hash::FastSet;
use crate::report::{DeviceReport, Plans, Report};
use crate::rules::{CheckId, CheckStatus};
use crate::schedule::{Plan, PlanMonth, UpdateKind};

/// The header row of [`to_csv`].
pub const CSV_COLUMNS: [&str; 23] = [
    "Key",
    "Name",
    "Entra device ID",
    "OS line",
    "Build",
    "Edition",
    "Architecture",
    "Ring",
    "Verdict",
    "Verdict in words",
    "Track",
    "Against the latest release",
    "Last check-in",
    "Failing checks",
    "Unknown checks",
    "Assumed checks",
    "Next restart by",
    "Next restart month",
    "Next restart update",
    "Plan",
    "Reason codes",
    "Why",
    "What to do",
];

/// One CSV cell. Text from an inventory that starts like a formula is prefixed with `'` so a
/// spreadsheet shows it instead of running it (OWASP "CSV injection").
fn cell(out: &mut String, value: &str, from_inventory: bool) {
    let guarded = from_inventory && value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if guarded { format!("'{value}") } else { value.to_string() };
    if text.contains(['"', ',', '\r', '\n']) || (from_inventory && text.starts_with('\'')) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&text);
    }
}

/// The verdict as people read it, from the device's own plan (as the page words it):
/// "Hotpatch", "Hotpatch after one catch-up restart in June 2026", "LCU until the July 2026
/// baseline, then hotpatch", "LCU every month until fixed", "Undetermined — missing VBS".
pub fn verdict_in_words(d: &DeviceReport, plan: Option<&Plan>) -> String {
    match d.verdict {
        crate::rules::Verdict::Hotpatch => "Hotpatch".into(),
        crate::rules::Verdict::Undetermined => {
            let missing: Vec<&str> = CheckId::ALL
                .into_iter()
                .filter(|&c| d.checks.get(c) == CheckStatus::Unknown)
                .map(check_title)
                .collect();
            format!("Undetermined — missing {}", if missing.is_empty() { "a fact".into() } else { missing.join(", ") })
        }
        crate::rules::Verdict::Lcu => match (plan.and_then(|p| p.catch_up), plan.and_then(|p| p.until_baseline)) {
            (Some(month), _) => format!("Hotpatch after one catch-up restart in {}", month.long_name()),
            (None, Some(month)) => format!("LCU until the {} baseline, then hotpatch", month.long_name()),
            (None, None) => "LCU every month until fixed".into(),
        },
    }
}

/// A check's title as the page shows it ("VBS running"), for the verdict in words.
fn check_title(check: CheckId) -> &'static str {
    match check {
        CheckId::Os => "Operating system",
        CheckId::Edition => "Edition",
        CheckId::License => "Licence",
        CheckId::Policy => "Hotpatch policy",
        CheckId::Vbs => "VBS running",
        CheckId::Arch => "Architecture",
        CheckId::Baseline => "Baseline (hotpatch track)",
    }
}

/// The checks of a device with `status`, joined by `;`.
fn checks_with(d: &DeviceReport, status: CheckStatus) -> String {
    CheckId::ALL.into_iter().filter(|&c| d.checks.get(c) == status).map(CheckId::id).collect::<Vec<_>>().join(";")
}

/// One row per Windows device (RFC 4180: CRLF, quoted where needed), UTF-8 with a byte-order
/// mark so Excel reads the names as UTF-8 rather than the ANSI code page.
pub fn to_csv(report: &Report) -> String {
    let mut text = String::new();
    csv_parts(report, |part| {
        text.push_str(&part);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
    text
}

/// About how long each part of [`csv_parts`] is, in bytes.
pub const CSV_PART: usize = 4 << 20;

/// [`to_csv`]'s text in parts of about [`CSV_PART`] bytes, each handed to `part` as soon as it
/// is written: a million devices' CSV (~0.9 GB) goes to a file without ever being one string.
/// Stops at the first error `part` returns.
pub fn csv_parts<E>(report: &Report, part: impl FnMut(String) -> Result<(), E>) -> Result<(), E> {
    csv_parts_of(&report.plans, &report.devices, part)
}

/// [`csv_parts`] for `devices` of a report whose plans are `plans`, in the order given (a
/// planner's view).
pub fn csv_parts_of<'r, E>(
    plans: &Plans,
    devices: impl IntoIterator<Item = &'r DeviceReport>,
    mut part: impl FnMut(String) -> Result<(), E>,
) -> Result<(), E> {
    let plans = plans_by_id(plans);
    let mut csv = CsvWriter::new();
    for d in devices {
        csv.device(d, plans.get(&*d.plan).copied());
        if csv.text().len() >= CSV_PART {
            part(csv.take())?;
        }
    }
    part(csv.finish())
}

/// The plans of a report by id.
pub(crate) fn plans_by_id(plans: &Plans) -> FastMap<&str, &Plan> {
    plans.0.iter().map(|(id, p)| (&**id, p)).collect()
}

/// Writes [`to_csv`]'s text a device at a time.
pub struct CsvWriter {
    out: String,
}

impl Default for CsvWriter {
    fn default() -> CsvWriter {
        CsvWriter::new()
    }
}

impl CsvWriter {
    /// The byte-order mark and the header row.
    pub fn new() -> CsvWriter {
        let mut out = String::from("\u{feff}");
        out.push_str(&CSV_COLUMNS.join(","));
        out.push_str("\r\n");
        CsvWriter { out }
    }

    /// Rows alone, without the byte-order mark and the header: a later part of a CSV written
    /// in parts by separate writers (the page's view, a window of rows at a time).
    pub fn rows() -> CsvWriter {
        CsvWriter { out: String::new() }
    }

    /// The text so far, for a caller that checks its length.
    pub fn text(&self) -> &str {
        &self.out
    }

    /// Appends the row of `d`, whose plan is `plan`.
    pub fn device(&mut self, d: &DeviceReport, plan: Option<&Plan>) {
        let out = &mut self.out;
        let restart = plan.and_then(|p| p.months.iter().find(|m| m.restart));
        let build = match (d.os.build, d.os.ubr) {
            (None, _) => String::new(),
            (Some(b), None) => b.to_string(),
            (Some(b), Some(u)) => format!("{b}.{u}"),
        };
        let assumed: Vec<&str> = d.findings.iter().filter(|f| f.assumed).map(|f| f.check.id()).collect();
        // For people: the failing and unknown checks' reasons, what was seen, and what to do,
        // one finding per line of the cell.
        let open: Vec<&crate::rules::Finding> = d.findings.iter().filter(|f| f.status != CheckStatus::Pass).collect();
        let reasons: Vec<&str> = open.iter().map(|f| &*f.reason).collect();
        let details: Vec<&str> = open.iter().map(|f| &*f.detail).collect();
        let mut fixes: Vec<&str> = Vec::new();
        for fix in open.iter().filter_map(|f| f.fix.as_deref()).filter(|f| !f.is_empty()) {
            if !fixes.contains(&fix) {
                fixes.push(fix);
            }
        }
        let standing = match d.standing {
            Some(crate::fleet::Standing::Hotpatched) => "hotpatched",
            Some(crate::fleet::Standing::UpToDate) => "up-to-date",
            Some(crate::fleet::Standing::NotUpToDate) => "not-up-to-date",
            None => "",
        };
        let cells: [(&str, bool); 23] = [
            (&d.key, true),
            (d.name.as_deref().unwrap_or(""), true),
            (d.entra_device_id.as_deref().unwrap_or(""), true),
            (d.os.line.map_or("", |l| l.id()), false),
            (&build, false),
            (d.os.edition.as_deref().unwrap_or(""), true),
            (d.os.arch.as_deref().unwrap_or(""), false),
            (d.ring.as_deref().unwrap_or(""), true),
            (d.verdict.id(), false),
            (&verdict_in_words(d, plan), false),
            (d.track.id(), false),
            (standing, false),
            (&d.last_seen.map_or(String::new(), |s| s.to_string()), false),
            (&checks_with(d, CheckStatus::Fail), false),
            (&checks_with(d, CheckStatus::Unknown), false),
            (&assumed.join(";"), false),
            (&restart.and_then(|m| m.restart_by).map_or(String::new(), |r| r.to_string()), false),
            (&restart.map_or(String::new(), |m| m.month.to_string()), false),
            (restart.map_or("", |m| m.update.id()), false),
            (&d.plan, false),
            (&reasons.join(";"), false),
            (&details.join("\n"), true),
            (&fixes.join("\n"), true),
        ];
        for (i, (value, from_inventory)) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            cell(out, value, *from_inventory);
        }
        out.push_str("\r\n");
    }

    /// The text written since the last `take`, leaving the writer empty: a CSV of a million
    /// devices goes out in parts, each far below a JS string's limit.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// The whole text.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Which events [`to_ics`] writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IcsOptions {
    /// One event per ring, month and update, with the number of devices.
    pub fleet: bool,
    /// Per-device events: none, every device, or the devices with these keys.
    pub devices: IcsDevices,
    /// The calendar's name.
    pub name: String,
}

/// The devices [`to_ics`] writes events for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IcsDevices {
    /// None.
    None,
    /// Every device.
    All,
    /// The devices with these keys.
    Keys(Vec<String>),
}

impl Default for IcsOptions {
    fn default() -> IcsOptions {
        IcsOptions { fleet: true, devices: IcsDevices::None, name: "Hotpatch Planner".into() }
    }
}

/// `2026-06-16` → `20260616`.
fn compact(date: Date) -> String {
    date.to_string().replace('-', "")
}

fn headline(m: &PlanMonth) -> String {
    let predicted = if m.predicted { " (predicted)" } else { "" };
    let month = m.month.long_name();
    if m.update == UpdateKind::Hotpatch {
        return format!("{month} hotpatch, no restart{predicted}");
    }
    let what = match m.update {
        UpdateKind::Baseline => "baseline",
        UpdateKind::CatchUp => "catch-up (baseline + hotpatch)",
        _ => "cumulative update (LCU)",
    };
    let by = m.restart_by.map_or(String::new(), |r| format!(", restart by {r}"));
    format!("{month} {what}{by}{predicted}")
}

fn details(m: &PlanMonth) -> String {
    let mut text = format!("Released {}. Offered {}. Installs by {}.", m.release, m.offer, m.install_by);
    match m.restart_by {
        Some(r) => {
            let _ = write!(text, " Restart required; forced by {r}.");
        }
        None => text.push_str(" No restart."),
    }
    if let Some(kb) = &m.kb {
        match &m.build {
            Some(build) => {
                let _ = write!(text, "\n{kb} → {build}.");
            }
            None => {
                let _ = write!(text, "\n{kb}.");
            }
        }
    }
    if m.predicted {
        text.push_str("\nPredicted from Microsoft's planned calendar: the release data does not cover this month yet.");
    }
    text
}

/// A ring name or device key as part of an event UID: lowercased and percent-encoded as
/// JavaScript's `encodeURIComponent` does, so every name gives its own UID and names of
/// letters, digits and `-` give themselves.
fn uid_part(text: &str) -> String {
    let mut out = String::new();
    for b in text.to_lowercase().bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// RFC 5545 section 3.3.11 TEXT escaping.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets without splitting a UTF-8 character (RFC 5545
/// section 3.1).
fn line(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn event(out: &mut String, stamp: &str, uid: &str, m: &PlanMonth, summary: &str, description: &str) {
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", escape_text(uid)));
    line(out, &format!("DTSTAMP:{stamp}"));
    line(out, &format!("DTSTART;VALUE=DATE:{}", compact(m.offer)));
    line(out, &format!("DTEND;VALUE=DATE:{}", compact(m.restart_by.unwrap_or(m.install_by).add_days(1))));
    line(out, &format!("SUMMARY:{}", escape_text(summary)));
    line(out, &format!("DESCRIPTION:{}", escape_text(description)));
    line(out, &format!("CATEGORIES:{}", if m.restart { "Restart" } else { "Hotpatch" }));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
}

/// The schedule as all-day events (RFC 5545).
pub fn to_ics(report: &Report, options: &IcsOptions) -> String {
    let plans = plans_by_id(&report.plans);
    let mut ics = IcsWriter::new(report.as_of, options);
    for d in &report.devices {
        ics.device(d, plans.get(&*d.plan).copied());
    }
    ics.finish(&report.plans)
}

/// Writes [`to_ics`]'s text a device at a time: the fleet's events need only how many devices
/// follow each plan, and each device's own events are written as it comes.
pub struct IcsWriter<'o> {
    options: &'o IcsOptions,
    stamp: String,
    /// The keys asked for (a set: they can be every device's); `None` for all or none.
    wanted: Option<FastSet<&'o str>>,
    /// Devices per plan id (a fleet has few plans).
    per_plan: FastMap<String, usize>,
    /// The per-device events so far.
    devices: String,
}

impl<'o> IcsWriter<'o> {
    /// A calendar of a report evaluated as of `as_of`.
    pub fn new(as_of: Date, options: &'o IcsOptions) -> IcsWriter<'o> {
        let wanted = match &options.devices {
            IcsDevices::Keys(keys) => Some(keys.iter().map(String::as_str).collect()),
            _ => None,
        };
        IcsWriter {
            options,
            stamp: format!("{}T000000Z", compact(as_of)),
            wanted,
            per_plan: FastMap::default(),
            devices: String::new(),
        }
    }

    /// The devices' events so far (the fleet's, written last, are few), for a caller that
    /// checks the length.
    pub fn text(&self) -> &str {
        &self.devices
    }

    /// Counts `d` into its plan's events and writes its own events if they were asked for.
    pub fn device(&mut self, d: &DeviceReport, plan: Option<&Plan>) {
        if self.count(&d.plan, &d.key) {
            self.events(d, plan);
        }
    }

    /// Counts a device of plan `plan` into the fleet's events; whether the device with `key`
    /// gets events of its own (then [`IcsWriter::events`] writes them). A caller holding
    /// devices elsewhere reads the rest of a device only when this says so.
    pub fn count(&mut self, plan: &str, key: &str) -> bool {
        if self.options.fleet {
            match self.per_plan.get_mut(plan) {
                Some(count) => *count += 1,
                None => {
                    self.per_plan.insert(plan.to_string(), 1);
                }
            }
        }
        self.options.devices != IcsDevices::None && self.wanted.as_ref().is_none_or(|keys| keys.contains(key))
    }

    /// Writes the events of `d`, whose plan is `plan`.
    pub fn events(&mut self, d: &DeviceReport, plan: Option<&Plan>) {
        let Some(plan) = plan else { return };
        let who = d.name.as_deref().unwrap_or(&d.key);
        for m in &plan.months {
            let mut description = details(m);
            if plan.conditional {
                description.push_str("\nConditional: assumes the device's unknown checks pass.");
            }
            let uid = format!("{}-{}@hotpatch-planner", uid_part(&d.key), m.month);
            event(&mut self.devices, &self.stamp, &uid, m, &format!("{who}: {}", headline(m)), &description);
        }
    }

    /// The calendar: its head, the fleet's events (one per ring, month, update and offer date,
    /// with the number of devices), the devices' events, its end.
    pub fn finish(self, plans: &Plans) -> String {
        let mut out = String::new();
        for text in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Hotpatch Planner//Hotpatch Planner//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ] {
            line(&mut out, text);
        }
        line(&mut out, &format!("X-WR-CALNAME:{}", escape_text(&self.options.name)));
        if self.options.fleet {
            fleet_events(&mut out, &self.stamp, plans, &self.per_plan);
        }
        out.push_str(&self.devices);
        line(&mut out, "END:VCALENDAR");
        out
    }
}

/// One event per ring, month, update and offer date, with the devices of every plan that
/// shares them.
fn fleet_events(out: &mut String, stamp: &str, plans: &Plans, per_plan: &FastMap<String, usize>) {
    struct Group<'r> {
        ring: &'r str,
        month: &'r PlanMonth,
        count: usize,
        conditional: usize,
    }
    // The default ring (devices without one) is written "Default ring". A ring of the fleet
    // that is itself named so, in any case, stays apart from it: its own events, counts and
    // UIDs, and the default ring's events say that no ring is set.
    const DEFAULT: &str = "Default ring";
    let default_uid = uid_part(DEFAULT);
    let named_default = plans.0.iter().any(|(_, p)| p.ring.as_deref().is_some_and(|r| uid_part(r) == default_uid));
    let default_label = if named_default { "Default ring (no ring set)" } else { DEFAULT };
    let mut groups: Vec<(Vec<u16>, bool, Group<'_>)> = Vec::new();
    let mut index: FastMap<(bool, String), usize> = FastMap::default();
    for (id, plan) in &plans.0 {
        let Some(&count) = per_plan.get(&**id) else { continue };
        let is_default = plan.ring.is_none();
        let ring = plan.ring.as_deref().unwrap_or(default_label);
        for m in &plan.months {
            let key = format!("{ring}\u{0}{}\u{0}{}\u{0}{}", m.month, m.update.id(), m.offer);
            let at = *index.entry((is_default, key.clone())).or_insert_with(|| {
                // Ordered as JavaScript orders strings (UTF-16 code units), as the writer
                // in the package once did: the order calendars have had.
                groups.push((
                    key.encode_utf16().collect(),
                    is_default,
                    Group { ring, month: m, count: 0, conditional: 0 },
                ));
                groups.len() - 1
            });
            let group = &mut groups[at].2;
            group.count += count;
            if plan.conditional {
                group.conditional += count;
            }
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    for (_, is_default, g) in &groups {
        let devices = if g.count == 1 { "1 device".to_string() } else { format!("{} devices", g.count) };
        let mut description = format!("{}\nRing {}: {devices}.", details(g.month), g.ring);
        if g.conditional > 0 {
            let _ =
                write!(description, " {} of them undetermined: this assumes their unknown checks pass.", g.conditional);
        }
        // The default ring's UIDs are as they have always been; a ring named like it takes a
        // `ring:` mark, which `uid_part` never writes (it encodes `:`).
        let ring_uid = if *is_default {
            default_uid.clone()
        } else {
            match uid_part(g.ring) {
                part if part == default_uid => format!("ring:{part}"),
                part => part,
            }
        };
        let uid = format!(
            "{}-{}-{}-{}@hotpatch-planner",
            ring_uid,
            g.month.month,
            g.month.update.id(),
            compact(g.month.offer)
        );
        event(out, stamp, &uid, g.month, &format!("{} — {}: {devices}", headline(g.month), g.ring), &description);
    }
}

/// How [`CsvWriter`] starts a text: `toCsv`'s options as JS passes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Whether the text starts with the byte-order mark and the header row (the default); a
    /// caller writing a CSV in parts (a window of rows at a time) leaves them out of all but
    /// the first.
    pub header: bool,
}

impl CsvOptions {
    /// Reads `{ header? }`.
    ///
    /// # Errors
    /// `INVALID_OPTION` naming the field.
    pub fn from_json(json: &str) -> Result<CsvOptions, Error> {
        let f = Fields::options(json)?;
        f.only(&["header"])?;
        Ok(CsvOptions { header: f.bool("header")?.unwrap_or(true) })
    }
}

impl IcsOptions {
    /// Reads the options object as JS passes it (`{ fleet?, devices?: "all" | string[], name? }`).
    ///
    /// # Errors
    /// `INVALID_OPTION` naming the field, the value and what was expected.
    pub fn from_json(json: &str) -> Result<IcsOptions, Error> {
        let f = Fields::options(json)?;
        f.only(&["fleet", "devices", "name"])?;
        let mut options = IcsOptions::default();
        if let Some(fleet) = f.bool("fleet")? {
            options.fleet = fleet;
        }
        if let Some(name) = f.string("name")? {
            options.name = name.to_owned();
        }
        let expected = "\"all\" or a list of device keys";
        options.devices = match f.get("devices") {
            None => IcsDevices::None,
            Some(crate::fields::Value::Text(t)) if t == "all" => IcsDevices::All,
            Some(crate::fields::Value::Raw(raw)) if raw.starts_with('[') => {
                IcsDevices::Keys(f.texts("devices", expected)?)
            }
            Some(other) => return Err(f.bad("devices", other, expected)),
        };
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, ErrorCode, EvaluateOptions, Input};

    /// The iCalendar options as JS passes them (README "toIcs"), misuse named by field.
    #[test]
    fn ics_options_read_as_the_package_takes_them() {
        let keys = |k: &[&str]| IcsDevices::Keys(k.iter().map(|s| s.to_string()).collect());
        let ok: [(&str, bool, IcsDevices, &str); 5] = [
            ("", true, IcsDevices::None, "Hotpatch Planner"),
            ("null", true, IcsDevices::None, "Hotpatch Planner"),
            (r#"{"fleet":false,"devices":"all"}"#, false, IcsDevices::All, "Hotpatch Planner"),
            (r#"{"devices":["a","b"],"name":"W10"}"#, true, keys(&["a", "b"]), "W10"),
            (r#"{"devices":[],"fleet":null}"#, true, keys(&[]), "Hotpatch Planner"),
        ];
        for (json, fleet, devices, name) in ok {
            let got = IcsOptions::from_json(json).unwrap();
            assert_eq!(got, IcsOptions { fleet, devices, name: name.into() }, "{json}");
        }
        let bad = [
            (r#"{"fleets":true}"#, "fleets", "unknown field; expected one of fleet, devices, name"),
            (r#"{"devices":"some"}"#, "devices", r#"found "some", expected "all" or a list of device keys"#),
            (r#"{"devices":["a",1]}"#, "devices", r#"found the number 1, expected "all" or a list of device keys"#),
            (r#"{"fleet":"yes"}"#, "fleet", r#"found "yes", expected true or false"#),
            (r#"{"name":5}"#, "name", "found the number 5, expected text"),
        ];
        for (json, field, message) in bad {
            let e = IcsOptions::from_json(json).unwrap_err();
            assert_eq!(
                (e.code, e.field.as_str(), e.message.as_str()),
                (ErrorCode::InvalidOption, field, message),
                "{json}"
            );
        }
    }

    /// The package's writers read the report back from its JSON, a device at a time: what they
    /// read must be what was written, or the package and the command line would differ.
    #[test]
    fn a_report_read_back_from_its_json_writes_the_same_exports() {
        let fleet = include_str!("../pkg-tests/fixtures/fleet.canonical.json");
        let report =
            evaluate(&[Input::Text(fleet)], &EvaluateOptions::new(Date::parse("2026-05-20").unwrap())).unwrap();
        let plans: Plans = serde_json::from_str(&serde_json::to_string(&report.plans).unwrap()).unwrap();
        let by_id = plans_by_id(&plans);
        let options = IcsOptions { devices: IcsDevices::All, ..IcsOptions::default() };
        let (mut csv, mut ics) = (CsvWriter::new(), IcsWriter::new(report.as_of, &options));
        for d in &report.devices {
            let read: DeviceReport = serde_json::from_str(&serde_json::to_string(d).unwrap()).unwrap();
            assert_eq!(&read, d);
            csv.device(&read, by_id.get(&*read.plan).copied());
            ics.device(&read, by_id.get(&*read.plan).copied());
        }
        assert_eq!(csv.finish(), to_csv(&report));
        assert_eq!(ics.finish(&plans), to_ics(&report, &options));
    }
}
