//! Inventory formats → normalised [`Facts`] per record, and merged devices.
//!
//! Each input document is decoded (UTF-8, UTF-8 with BOM, UTF-16LE/BE with BOM), its format
//! detected (or forced), and split into records by a tolerant scanner, so that one bad
//! record costs only itself: every record ends up either as a [`Record`] or as an
//! [`InputError`] that says where it is and what is wrong, in words a person understands.
//! [`merge()`] then joins records from all documents into devices.

mod autopatch;
mod canonical;
mod computerinfo;
// Text formats: only the full module reads them (the core module reads JSON only).
#[cfg(feature = "extra-formats")]
pub(crate) mod csv;
mod defender;
// Lists of devices for rings (a group's members): read by the full module, on request.
#[cfg(feature = "extra-formats")]
pub mod device_list;
mod deviceguard;
mod graph;
#[cfg(feature = "extra-formats")]
mod intune_csv;
pub mod merge;
mod record;
mod registry;
#[cfg(feature = "extra-formats")]
mod table;
pub(crate) mod text;
mod ucclient;
mod ucclient_update;

use crate::json::scan;

use serde::{Deserialize, Serialize};

use crate::device::Facts;

pub use merge::{merge, Conflict, Device, Fact, SourceRef};
pub use text::Decoding;

/// An inventory format (CONTRACT.md "Format ids").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// The planner's own format, documented by `schema/canonical.schema.json`.
    #[serde(rename = "canonical")]
    Canonical,
    /// Microsoft Graph `managedDevices`.
    #[serde(rename = "graph")]
    Graph,
    /// `Get-ComputerInfo | ConvertTo-Json`.
    #[serde(rename = "computerinfo")]
    ComputerInfo,
    /// `Win32_DeviceGuard` as JSON.
    #[serde(rename = "deviceguard")]
    DeviceGuard,
    /// Registry values as JSON.
    #[serde(rename = "registry")]
    Registry,
    /// Windows Update for Business reports `UCClient` rows as JSON.
    #[serde(rename = "ucclient")]
    UcClient,
    /// Intune "All devices" CSV export.
    #[serde(rename = "intune-csv")]
    IntuneCsv,
    /// Microsoft Defender for Endpoint machines API.
    #[serde(rename = "defender")]
    Defender,
    /// Windows Autopatch device profiles from Microsoft Graph (`windowsUpdates.deviceProfile`):
    /// Microsoft's own hotpatch readiness per device (DOMAIN.md section 8).
    #[serde(rename = "autopatch")]
    Autopatch,
    /// Windows Update for Business reports `UCClientUpdateStatus` rows: a device's build per
    /// update it was offered.
    #[serde(rename = "ucclientupdatestatus")]
    UcClientUpdateStatus,
}

impl Format {
    /// Every format, in the order the documentation lists them.
    pub const ALL: [Format; 10] = [
        Format::Canonical,
        Format::Graph,
        Format::ComputerInfo,
        Format::DeviceGuard,
        Format::Registry,
        Format::UcClient,
        Format::UcClientUpdateStatus,
        Format::IntuneCsv,
        Format::Defender,
        Format::Autopatch,
    ];

    /// The format id (`graph`, `intune-csv`, …).
    pub fn id(self) -> &'static str {
        match self {
            Format::Canonical => "canonical",
            Format::Graph => "graph",
            Format::ComputerInfo => "computerinfo",
            Format::DeviceGuard => "deviceguard",
            Format::Registry => "registry",
            Format::UcClient => "ucclient",
            Format::IntuneCsv => "intune-csv",
            Format::Defender => "defender",
            Format::Autopatch => "autopatch",
            Format::UcClientUpdateStatus => "ucclientupdatestatus",
        }
    }

    /// What the source is, as findings and disagreements name it.
    pub fn display(self) -> &'static str {
        match self {
            Format::Canonical => "the canonical inventory",
            Format::Graph => "Microsoft Graph",
            Format::ComputerInfo => "Get-ComputerInfo",
            Format::DeviceGuard => "the Win32_DeviceGuard probe",
            Format::Registry => "the registry probe",
            Format::UcClient => "Windows Update for Business reports (UCClient)",
            Format::UcClientUpdateStatus => "Windows Update for Business reports (UCClientUpdateStatus)",
            Format::IntuneCsv => "the Intune device export",
            Format::Defender => "Microsoft Defender for Endpoint",
            Format::Autopatch => "the Windows Autopatch device profile",
        }
    }

    /// The bit of this format in a [`FormatSet`].
    pub fn bit(self) -> FormatSet {
        FormatSet(1 << self as u16)
    }

    /// Reads a format id.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// "canonical, graph, …" for messages.
    pub fn ids_for_message() -> String {
        Format::ALL.map(Format::id).join(", ")
    }
}

/// A set of formats: the kinds of source a device's records came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FormatSet(pub u16);

impl FormatSet {
    /// Whether the set holds `format`.
    pub fn has(self, format: Format) -> bool {
        self.0 & format.bit().0 != 0
    }

    /// The formats in the set, in [`Format::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |f| self.has(*f))
    }
}

impl std::ops::BitOr for FormatSet {
    type Output = FormatSet;
    fn bitor(self, other: FormatSet) -> FormatSet {
        FormatSet(self.0 | other.0)
    }
}

/// Which format to read each input as: detected per document, one forced for all, or one
/// per input (`None` entries, and inputs beyond the list, are detected).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Formats {
    /// Detect every input's format.
    #[default]
    Detect,
    /// Read every input as this format.
    All(Format),
    /// The format of each input by index; `None` detects.
    PerInput(Vec<Option<Format>>),
}

impl Formats {
    /// The forced format of input `index`, if any.
    pub fn forced(&self, index: usize) -> Option<Format> {
        match self {
            Formats::Detect => None,
            Formats::All(format) => Some(*format),
            Formats::PerInput(list) => list.get(index).copied().flatten(),
        }
    }
}

/// One input document: text as pasted, or bytes as read from a file (decoded here).
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    /// Text (a JS string).
    Text(&'a str),
    /// Bytes (a JS `Uint8Array`): UTF-8, or UTF-16 with a byte-order mark as Windows
    /// PowerShell 5.1's `>` and `Out-File` write.
    Bytes(&'a [u8]),
}

/// A record that could be read: where it came from and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Where it came from.
    pub source: SourceRef,
    /// The kind of source, which decides whose word counts when sources disagree
    /// ([`merge::rank`]).
    pub format: Format,
    /// What it says, normalised.
    pub facts: Facts,
}

/// A problem with the input: a document that is no known format, a record that cannot be
/// read, or the point where a broken document stops being readable.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    /// Index of the input document.
    pub input: usize,
    /// Index of the record in its document, when the problem is one record.
    pub record: Option<usize>,
    /// JSON path of the record or value (`value[5].osVersion`), when JSON.
    pub path: Option<String>,
    /// Line number (1-based), when known: CSV rows and broken JSON.
    pub line: Option<usize>,
    /// What is wrong, for a person.
    pub message: String,
    /// For a program: why, as a stable code (README "Input error codes"): `input.*` for a
    /// whole document, `record.*` and `field.*` for one JSON record, `row.*` for one CSV row,
    /// and `EXTENDED_READER` when the document is one this build does not read (PowerShell
    /// console text, a CSV) but the planner's full module does (`pkg/node`, `pkg/web/release`);
    /// the page then evaluates again with that module.
    #[serde(default)]
    pub code: String,
}

/// [`InputError::code`]s, one per kind of problem (README "Input error codes").
pub mod code {
    /// The input is empty.
    pub const EMPTY: &str = "input.empty";
    /// The document is no inventory format the planner knows (JSON, CSV or text).
    pub const UNKNOWN_FORMAT: &str = "input.unknown-format";
    /// The document's JSON syntax breaks, so detection or the rest of it cannot be read.
    pub const SYNTAX: &str = "input.syntax";
    /// PowerShell `Format-Table` output, which cuts values to fit the console.
    pub const CONSOLE_TABLE: &str = "input.console-table";
    /// PowerShell `Format-List` text whose nested values print as type names.
    pub const CONSOLE_LIST: &str = "input.console-list";
    /// The format forced by the `format` option cannot be this document (CSV given JSON).
    pub const WRONG_FORMAT: &str = "input.wrong-format";
    /// A JSON record that is not a valid object (or not JSON at all).
    pub const RECORD_SYNTAX: &str = "record.syntax";
    /// A JSON record that gives one field twice.
    pub const DUPLICATE_FIELD: &str = "record.duplicate-field";
    /// A record that names no device (every name and id field missing or empty).
    pub const NO_DEVICE: &str = "record.no-device";
    /// A record that cannot be read for a reason no single field carries.
    pub const RECORD_INVALID: &str = "record.invalid";
    /// A field of the wrong type or with a value the format does not allow (the path ends
    /// with it).
    pub const FIELD_INVALID: &str = "field.invalid";
    /// A CSV row with more cells than the header has columns.
    pub const ROW_COLUMNS: &str = "row.columns";
    /// CSV syntax that breaks (a quote never closed).
    pub const ROW_SYNTAX: &str = "row.syntax";
}

/// [`InputError::code`] of a document only the full module reads.
pub const EXTENDED_READER: &str = "EXTENDED_READER";

/// What the report says about each input document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputInfo {
    /// Index of the input.
    pub index: usize,
    /// The format it was read as; `null` when it is no known format.
    pub format: Option<Format>,
    /// Whether the format was detected (`true`) or forced by the `format` option.
    pub detected: bool,
    /// How many records it held (read or not).
    pub records: usize,
    /// How many of them (or of the document) went to `errors`.
    pub errors: usize,
    /// How its bytes were decoded, when they were not UTF-8 or UTF-16: `windows-1252`, or
    /// `utf-8-repaired` (invalid bytes read as U+FFFD). Absent for text and well-formed bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoding: Option<text::Decoding>,
}

/// Everything read from the inputs, before merging.
#[derive(Clone, Debug, Default)]
pub struct Inventory {
    /// Readable records, in input and record order.
    pub records: Vec<Record>,
    /// One entry per input.
    pub inputs: Vec<InputInfo>,
    /// Every problem, in input and record order.
    pub errors: Vec<InputError>,
}

/// Reads every input document; never fails, whatever the content.
pub fn read(inputs: &[Input<'_>], formats: &Formats) -> Inventory {
    read_with_progress(inputs, formats, &mut |_, _| {})
}

/// [`read`], telling `progress(done, total)` how many of the inputs' bytes it has read, now
/// and then (every few thousand records), for progress bars on large inventories.
pub fn read_with_progress(
    inputs: &[Input<'_>],
    formats: &Formats,
    progress: &mut dyn FnMut(usize, usize),
) -> Inventory {
    let size = |input: &Input<'_>| match input {
        Input::Text(t) => t.len(),
        Input::Bytes(b) => b.len(),
    };
    let total: usize = inputs.iter().map(size).sum();
    let mut base = 0;
    let mut inventory = Inventory::default();
    for (index, input) in inputs.iter().enumerate() {
        let before = inventory.errors.len();
        let forced = formats.forced(index);
        let (text, decoding) = text::decode(*input);
        // Offsets in decoded text, scaled to the input's own size (UTF-16 is twice as long).
        let (raw, decoded) = (size(input), text.len().max(1));
        // In u64: on wasm32 the product overflows usize for inputs over 64 KiB.
        let scale = |offset: usize| (offset.min(decoded) as u64 * raw as u64 / decoded as u64) as usize;
        let mut at = |offset: usize| progress(base + scale(offset), total);
        let (format, records) = read_document(index, &text, forced, &mut inventory, &mut at);
        base += raw;
        progress(base, total);
        let errors = inventory.errors.len() - before;
        inventory.inputs.push(InputInfo { index, format, detected: forced.is_none(), records, errors, decoding });
    }
    inventory
}

/// Whether any input is one this build does not read (it would answer it with
/// [`EXTENDED_READER`]): lets a caller choose the full module before evaluating, instead of
/// evaluating twice. Only detection runs (each document's first records). Always `false` in
/// a build with every reader.
pub fn needs_extended_reader(inputs: &[Input<'_>], formats: &Formats) -> bool {
    #[cfg(feature = "extra-formats")]
    {
        let _ = (inputs, formats);
        false
    }
    #[cfg(not(feature = "extra-formats"))]
    inputs.iter().enumerate().any(|(index, input)| {
        let (text, _) = text::decode(*input);
        let start = text.trim_start();
        if start.is_empty() {
            return false;
        }
        if !start.starts_with(['{', '[']) {
            return true;
        }
        let (keys, envelope, _) = scan::first_keys(&text);
        formats.forced(index).or_else(|| detect(envelope, &keys)).and_then(json_format).is_none()
    })
}

/// Reads one decoded document; returns the format used and how many records it held.
fn read_document(
    index: usize,
    text: &str,
    forced: Option<Format>,
    out: &mut Inventory,
    at: &mut dyn FnMut(usize),
) -> (Option<Format>, usize) {
    let document_error =
        |code: &str, message: String| InputError { input: index, message, code: code.into(), ..InputError::default() };
    if text.trim().is_empty() {
        out.errors.push(document_error(code::EMPTY, "the input is empty".into()));
        return (None, 0);
    }
    let start = text.trim_start();
    if !start.starts_with(['{', '[']) {
        // The core module reads JSON only (Graph and the canonical format: what portals
        // pass); every text export a person downloads goes to the full module.
        #[cfg(not(feature = "extra-formats"))]
        {
            let _ = (forced, at);
            out.errors.push(document_error(EXTENDED_READER, "a text document (CSV, console text or other text) is read by the planner's full module (the Node package, or pkg/web/release in a browser), not by this one".into()));
            return (None, 0);
        }
        #[cfg(feature = "extra-formats")]
        if table::looks_like_list(text) {
            return read_console_list(index, text, forced, out, at);
        }
        #[cfg(feature = "extra-formats")]
        if table::looks_like_console_table(text) {
            let names: Vec<String> = start.lines().next().unwrap_or("").split_whitespace().map(str::to_owned).collect();
            let format = forced.or_else(|| detect_console(&names));
            out.errors.push(document_error(code::CONSOLE_TABLE, format!("not a known inventory format: this is PowerShell table output (Format-Table), which cuts values to fit the console; run {} instead", table::json_command(format))));
            return (None, 0);
        }
        #[cfg(feature = "extra-formats")]
        if csv::looks_like(text) || forced.is_some_and(|f| f == Format::IntuneCsv) {
            return read_csv_document(index, text, forced, out, at);
        }
    }
    let (keys, envelope, broken) = scan::first_keys(text);
    let format = match forced.or_else(|| detect(envelope, &keys)) {
        Some(f) => f,
        None => {
            let outline = scan::skip_all(text);
            // The core module leaves the diagnosis (what the document looks like, where its
            // syntax breaks, what to run instead) to the full module.
            #[cfg(not(feature = "extra-formats"))]
            {
                let _ = broken;
                let what = match outline.records {
                    0 => "a document that is no known inventory format",
                    _ => "a JSON document whose records are no known inventory format",
                };
                out.errors.push(document_error(EXTENDED_READER, format!("{what}: the planner's full module (the Node package, or pkg/web/release in a browser) says why")));
            }
            #[cfg(feature = "extra-formats")]
            {
                let (code, message) = match broken {
                    // Detection could not place it because a record is broken: say where.
                    Some(err) => (code::SYNTAX, err.message),
                    None => (code::UNKNOWN_FORMAT, unknown_format_message(text, &outline, &keys)),
                };
                out.errors.push(document_error(code, message));
            }
            return (None, outline.records);
        }
    };
    let Some(json) = json_format(format) else {
        let error = match format {
            Format::IntuneCsv => document_error(code::WRONG_FORMAT, format!("{} is CSV, but this input is JSON", format.display())),
            // A format only the full module reads (see `json_format`).
            _ => document_error(EXTENDED_READER, format!("{} is read by the planner's full module (the Node package, or pkg/web/release in a browser), not by this one", format.display())),
        };
        out.errors.push(error);
        return (None, 0);
    };
    // Records are about 100–400 bytes of JSON: reserving for the smaller saves re-copying
    // every record as the list grows.
    out.records.reserve(text.len() / 256);
    let mut sink = Sink { input: index, format, out, pending_paths: Vec::new(), at };
    let outline = record::read_json(text, &mut sink, json);
    sink.finish(outline.docs);
    let mut count = outline.records;
    if let Some(err) = outline.error {
        count += 1;
        out.errors.push(InputError {
            input: index,
            record: Some(outline.records),
            path: None,
            line: Some(err.line),
            message: err.message,
            code: code::SYNTAX.into(),
        });
    }
    (Some(format), count)
}

/// The reader of a format whose records are JSON objects (every format but the Intune CSV).
/// The browser's core module (built without `extra-formats`) has only Graph's and the
/// canonical format's; the full module has them all (size budget, DESIGN.md).
fn json_format(format: Format) -> Option<&'static record::JsonFormat> {
    Some(match format {
        Format::Canonical => &canonical::FORMAT,
        Format::Graph => &graph::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::ComputerInfo => &computerinfo::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::DeviceGuard => &deviceguard::FORMAT,
        #[cfg(not(feature = "extra-formats"))]
        Format::ComputerInfo | Format::DeviceGuard => return None,
        #[cfg(feature = "extra-formats")]
        Format::Registry => &registry::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::UcClient => &ucclient::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::UcClientUpdateStatus => &ucclient_update::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::Defender => &defender::FORMAT,
        #[cfg(feature = "extra-formats")]
        Format::Autopatch => &autopatch::FORMAT,
        #[cfg(not(feature = "extra-formats"))]
        Format::Registry | Format::UcClient | Format::UcClientUpdateStatus | Format::Defender | Format::Autopatch => {
            return None
        }
        Format::IntuneCsv => return None,
    })
}

/// A CSV document: the Intune export (by its translated headers), or any format whose field
/// names are the columns (the Log Analytics portal's export of UCClient, an `Export-Csv`).
#[cfg(feature = "extra-formats")]
fn read_csv_document(
    index: usize,
    text: &str,
    forced: Option<Format>,
    out: &mut Inventory,
    at: &mut dyn FnMut(usize),
) -> (Option<Format>, usize) {
    let table = csv::read(text);
    let names = table::detection_names(table.header.iter().map(|h| h.as_ref()));
    let format = forced.or_else(|| {
        detect_columns(&names).or_else(|| intune_csv::has_device_column(&table.header).then_some(Format::IntuneCsv))
    });
    let Some(format) = format else {
        let message = csv_message(&names);
        out.errors.push(InputError {
            input: index,
            line: Some(1),
            message,
            code: code::UNKNOWN_FORMAT.into(),
            ..InputError::default()
        });
        return (None, table.rows.filter(Result::is_ok).count());
    };
    let mut sink = Sink { input: index, format, out, pending_paths: Vec::new(), at };
    let count = match json_format(format) {
        Some(json) => table::read_csv(&table, json, &mut sink),
        None => intune_csv::read(&table, &mut sink),
    };
    (Some(format), count)
}

/// PowerShell `Format-List` text: read where every value is plain (Get-ComputerInfo,
/// Win32_DeviceGuard, the registry probe); otherwise an error with the command that gives
/// the same data as JSON.
#[cfg(feature = "extra-formats")]
fn read_console_list(
    index: usize,
    text: &str,
    forced: Option<Format>,
    out: &mut Inventory,
    at: &mut dyn FnMut(usize),
) -> (Option<Format>, usize) {
    let records = table::read_list(text);
    let names: Vec<String> = records.iter().take(4).flat_map(|r| r.fields.iter().map(|(n, _)| n.to_string())).collect();
    let format = forced.or_else(|| detect_console(&names));
    match format.and_then(|f| table::LIST_FORMATS.contains(&f).then_some(f)) {
        Some(format) => {
            let json = json_format(format).unwrap_or(&computerinfo::FORMAT);
            let mut sink = Sink { input: index, format, out, pending_paths: Vec::new(), at };
            (Some(format), table::read_list_records(&records, json, &mut sink))
        }
        None => {
            let what = format.map_or(String::new(), |f| format!(" of {}", f.display()));
            out.errors.push(InputError {
                input: index,
                record: None,
                path: None,
                line: Some(1),
                message: format!("not a known inventory format: this is PowerShell console text (Format-List){what}, where nested values print as type names; run {} instead", table::json_command(format)),
                code: code::CONSOLE_LIST.into(),
            });
            (None, records.len())
        }
    }
}

/// Each format's test on a record's field names, in the order detection tries them (it
/// matters where names overlap: canonical and Graph first, registry, whose `EditionID` is
/// common, last).
type Detector = (Format, fn(&[String]) -> bool);
const DETECTORS: [Detector; 9] = [
    (Format::Canonical, canonical::looks_like),
    (Format::Autopatch, autopatch::looks_like),
    (Format::UcClientUpdateStatus, ucclient_update::looks_like),
    (Format::Graph, graph::looks_like),
    (Format::Defender, defender::looks_like),
    (Format::UcClient, ucclient::looks_like),
    (Format::DeviceGuard, deviceguard::looks_like),
    (Format::ComputerInfo, computerinfo::looks_like),
    (Format::Registry, registry::looks_like),
];

/// Guesses the format of a JSON document from its envelope and first record's fields.
fn detect(envelope: Option<&str>, keys: &[String]) -> Option<Format> {
    if envelope == Some("devices") {
        return Some(Format::Canonical);
    }
    DETECTORS.into_iter().find(|(_, test)| test(keys)).map(|(format, _)| format)
}

#[cfg(feature = "extra-formats")]
/// The format of console text's property names: as JSON detection, and again with the first
/// letter lowered, since PowerShell modules print Graph's `deviceName` as `DeviceName`.
fn detect_console(names: &[String]) -> Option<Format> {
    detect(None, names).or_else(|| {
        let camel: Vec<String> = names
            .iter()
            .map(|n| {
                let mut c = n.chars();
                c.next().map_or(String::new(), |f| std::iter::once(f.to_ascii_lowercase()).chain(c).collect())
            })
            .collect();
        detect(None, &camel)
    })
}

#[cfg(feature = "extra-formats")]
/// The format whose field names a CSV header holds: the JSON formats that come as CSV (the
/// probes and Windows Update for Business reports); Intune's export is told apart by its
/// translated headers, after these.
fn detect_columns(names: &[String]) -> Option<Format> {
    DETECTORS
        .into_iter()
        .filter(|(format, _)| !matches!(format, Format::Canonical | Format::Graph | Format::Defender))
        .find(|(_, test)| test(names))
        .map(|(format, _)| format)
}

/// Why a CSV is no known export: its columns, and what the nearest export lacks.
#[cfg(feature = "extra-formats")]
fn csv_message(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(8).map(|n| text::clip(n)).collect();
    let more = if names.len() > shown.len() { ", …" } else { "" };
    let keys: Vec<String> = names.iter().map(|n| table::name_key(n)).collect();
    let needs: [(&str, &[&str]); 3] = [
        ("the Intune device export", &["Device name", "OS version", "Azure AD Device ID"]),
        ("Windows Update for Business reports UCClient", &["DeviceName", "AzureADDeviceId", "OSBuild"]),
        ("Windows Update for Business reports UCClientUpdateStatus", &["DeviceName", "TargetBuild", "ClientSubstate"]),
    ];
    let lacking = |cols: &[&str]| -> Vec<String> {
        cols.iter().filter(|c| !keys.contains(&table::name_key(c))).map(|c| format!("\"{c}\"")).collect()
    };
    let (name, lacks) = needs
        .iter()
        .map(|(name, cols)| (*name, lacking(cols)))
        .min_by_key(|(_, lacks)| lacks.len())
        .unwrap_or(("the Intune device export", Vec::new()));
    format!(
        "not a known inventory format: a CSV with the columns {}{more}; the nearest known export, {name}, also needs the columns {}, which this one lacks (see the README's Input formats)",
        shown.join(", "),
        lacks.join(", ")
    )
}

/// Why a document is no known format, in words that point at what to export instead.
#[cfg(feature = "extra-formats")]
fn unknown_format_message(text: &str, outline: &scan::Outline, keys: &[String]) -> String {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let shown: String = start.chars().take(40).filter(|c| !c.is_control()).collect();
    let ellipsis = if start.chars().count() > 40 { "…" } else { "" };
    if keys.iter().map(String::as_str).eq(["tables"]) {
        return "not a known inventory format: this is a Log Analytics query API response (tables, columns and rows); export the query's results instead: .Results | ConvertTo-Json from Invoke-AzOperationalInsightsQuery, or Export → CSV in the portal".into();
    }
    if outline.records > 0 {
        let fields: Vec<String> = keys.iter().take(8).map(|k| text::clip(k)).collect();
        return match fields.is_empty() {
            true => "not a known inventory format: none of its first records is an object with fields".into(),
            false => format!(
                "not a known inventory format: its records have the fields {}{}; expected one of the formats {} (see the README)",
                fields.join(", "),
                if keys.len() > fields.len() { ", …" } else { "" },
                Format::ids_for_message()
            ),
        };
    }
    let head: Vec<char> = start.chars().take(512).collect();
    let binary =
        head.iter().filter(|&&c| c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace())).count() * 10 > head.len();
    match (start.as_bytes().first(), &outline.error) {
        _ if start.starts_with("PK\u{3}\u{4}") => "not a known inventory format: this is a ZIP archive (an Excel workbook?); save or export it as CSV".into(),
        _ if binary => "not a known inventory format: this is a binary file, not text; export the inventory as JSON or CSV".into(),
        (Some(b'<'), _) => format!("not a known inventory format: this is XML or HTML (it starts with \"{shown}{ellipsis}\"); export with ConvertTo-Json instead of Export-Clixml or ConvertTo-Html"),
        (Some(b'[' | b'{'), Some(err)) => err.message.clone(),
        (Some(b'[' | b'{'), None) => "the input holds no records: the JSON list is empty".into(),
        _ if single_json_value(start) => {
            format!("not a known inventory format: the JSON is a single value (\"{shown}{ellipsis}\"), not a device or a list of devices")
        }
        _ => format!("not a known inventory format: the text is neither JSON nor a CSV export with a \"Device name\" column (it starts with \"{shown}{ellipsis}\")"),
    }
}

/// Whether the text is one JSON number, text, boolean or null (a paste of one cell).
#[cfg(feature = "extra-formats")]
fn single_json_value(text: &str) -> bool {
    let t = text.trim_end();
    (t.len() >= 2 && t.starts_with('"') && t.ends_with('"') && !t[1..t.len() - 1].contains('"'))
        || matches!(t, "true" | "false" | "null")
        || (t.starts_with(|c: char| c == '-' || c.is_ascii_digit())
            && t.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')))
}

/// Where a format reader puts its records and errors.
pub(crate) struct Sink<'o> {
    input: usize,
    format: Format,
    out: &'o mut Inventory,
    /// Errors whose JSON path is worded when the scan ends (it depends on how many
    /// top-level documents there were).
    pending_paths: Vec<(usize, scan::RecordPath, Option<String>)>,
    /// Where the reader is in the document (a byte offset), for progress.
    at: &'o mut dyn FnMut(usize),
}

impl Sink<'_> {
    /// The reader has got to byte `offset` of the document; called every few thousand
    /// records, so progress costs nothing per record.
    pub(crate) fn reached(&mut self, offset: usize) {
        (self.at)(offset);
    }

    /// A record that was read; its facts are marked as said by this document's format.
    pub(crate) fn record(&mut self, record: usize, mut facts: Facts) {
        facts.origin = crate::device::Origin::of(&facts, self.format);
        self.out.records.push(Record { source: SourceRef { input: self.input, record }, format: self.format, facts });
    }

    /// A JSON record that could not be read; `field` (when one field is at fault) ends its
    /// path.
    pub(crate) fn record_error(
        &mut self,
        record: usize,
        path: scan::RecordPath,
        field: Option<String>,
        line: usize,
        message: String,
        code: &str,
    ) {
        self.pending_paths.push((self.out.errors.len(), path, field));
        self.row_error(record, line, message, code);
    }

    /// A CSV row that could not be read (or a JSON record, whose path `finish` adds), with
    /// its [`code`].
    pub(crate) fn row_error(&mut self, record: usize, line: usize, message: String, code: &str) {
        self.out.errors.push(InputError {
            input: self.input,
            record: Some(record),
            path: None,
            line: Some(line),
            message,
            code: code.into(),
        });
    }

    /// Words the paths of this document's record errors.
    fn finish(self, docs: usize) {
        for (i, path, field) in self.pending_paths {
            if let Some(e) = self.out.errors.get_mut(i) {
                e.path = Some(path.render(docs, field.as_deref()));
            }
        }
    }
}
