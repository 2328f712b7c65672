//! Inventory formats → normalised [`Facts`] per record, and merged devices.
//!
//! Each input document is decoded (UTF-8, UTF-8 with BOM, UTF-16LE/BE with BOM), its format
//! detected (or forced), and split into records by a tolerant scanner, so that one bad
//! record costs only itself: every record ends up either as a [`Record`] or as an
//! [`InputError`] that says where it is and what is wrong, in words a person understands.
//! [`merge`] then joins records from all documents into devices.

mod canonical;
pub mod merge;
mod record;
mod text;

use crate::json::{scan, value};

use serde::{Deserialize, Serialize};

use crate::device::Facts;

pub use merge::{merge, Conflict, Device, Fact, SourceRef};

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
}

impl Format {
    /// Every format, in the order the documentation lists them.
    pub const ALL: [Format; 8] = [
        Format::Canonical,
        Format::Graph,
        Format::ComputerInfo,
        Format::DeviceGuard,
        Format::Registry,
        Format::UcClient,
        Format::IntuneCsv,
        Format::Defender,
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
        }
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
    /// What it says, normalised.
    pub facts: Facts,
}

/// A problem with the input: a document that is no known format, a record that cannot be
/// read, or the point where a broken document stops being readable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

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
pub fn read(inputs: &[Input<'_>], forced: Option<Format>) -> Inventory {
    let mut inventory = Inventory::default();
    for (index, input) in inputs.iter().enumerate() {
        let before = inventory.errors.len();
        let (format, records) = match text::decode(*input) {
            Ok(text) => read_document(index, &text, forced, &mut inventory),
            Err(message) => {
                inventory.errors.push(InputError { input: index, record: None, path: None, line: None, message });
                (None, 0)
            }
        };
        let errors = inventory.errors.len() - before;
        inventory.inputs.push(InputInfo { index, format, detected: forced.is_none(), records, errors });
    }
    inventory
}

/// Reads one decoded document; returns the format used and how many records it held.
fn read_document(index: usize, text: &str, forced: Option<Format>, out: &mut Inventory) -> (Option<Format>, usize) {
    let document_error = |message: String| InputError { input: index, record: None, path: None, line: None, message };
    if text.trim().is_empty() {
        out.errors.push(document_error("the input is empty".into()));
        return (None, 0);
    }
    let (first, envelope) = scan::first_record(text);
    let keys = first.map(|(start, end)| value::object_keys(&text[start..end])).unwrap_or_default();
    let format = match forced.or_else(|| detect(envelope, &keys)) {
        Some(f) => f,
        None => {
            let outline = scan::skip_all(text);
            out.errors.push(document_error(unknown_format_message(text, &outline, &keys)));
            return (None, outline.records);
        }
    };
    // Records are about 100–400 bytes of JSON: reserving for the smaller saves re-copying
    // every record as the list grows.
    out.records.reserve(text.len() / 256);
    let mut sink = Sink { input: index, out, pending_paths: Vec::new() };
    let outline = match format {
        Format::Canonical => canonical::read(text, &mut sink),
        other => {
            let outline = scan::skip_all(text);
            for record in 0..outline.records {
                sink.out.errors.push(InputError {
                    input: index,
                    record: Some(record),
                    path: None,
                    line: None,
                    message: format!("record {record}: reading the {} format is not supported yet", other.id()),
                });
            }
            outline
        }
    };
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
        });
    }
    (Some(format), count)
}

/// Guesses the format of a JSON document from its envelope and first record's fields.
fn detect(envelope: Option<&str>, keys: &[String]) -> Option<Format> {
    if envelope == Some("devices") {
        return Some(Format::Canonical);
    }
    canonical::looks_like(keys).then_some(Format::Canonical)
}

fn unknown_format_message(text: &str, outline: &scan::Outline, keys: &[String]) -> String {
    let start: String =
        text.trim_start_matches('\u{feff}').trim_start().chars().take(40).filter(|c| !c.is_control()).collect();
    if outline.records == 0 {
        match &outline.error {
            Some(err) => format!("not a known inventory format: the text is not JSON ({}), and not a CSV export (it starts with \"{start}\")", err.message),
            None => "not a known inventory format: the JSON holds no records".into(),
        }
    } else {
        let shown: Vec<&str> = keys.iter().take(8).map(String::as_str).collect();
        format!(
            "not a known inventory format: its records have the fields {}; expected one of the formats {} (see the README)",
            if shown.is_empty() { "(none)".to_string() } else { shown.join(", ") },
            Format::ids_for_message()
        )
    }
}

/// Where a format reader puts its records and errors.
pub(crate) struct Sink<'o> {
    input: usize,
    out: &'o mut Inventory,
    /// Errors whose JSON path is worded when the scan ends (it depends on how many
    /// top-level documents there were).
    pending_paths: Vec<(usize, scan::RecordPath)>,
}

impl Sink<'_> {
    /// A record that was read.
    pub(crate) fn record(&mut self, record: usize, facts: Facts) {
        self.out.records.push(Record { source: SourceRef { input: self.input, record }, facts });
    }

    /// A JSON record that could not be read.
    pub(crate) fn record_error(&mut self, record: usize, path: scan::RecordPath, line: usize, message: String) {
        self.pending_paths.push((self.out.errors.len(), path));
        self.out.errors.push(InputError {
            input: self.input,
            record: Some(record),
            path: None,
            line: Some(line),
            message,
        });
    }

    /// Words the paths of this document's record errors.
    fn finish(self, docs: usize) {
        for (i, path) in self.pending_paths {
            if let Some(e) = self.out.errors.get_mut(i) {
                e.path = Some(path.render(docs));
            }
        }
    }
}
