//! What every inventory format's reader shares: the one-pass loop over a JSON document's
//! records, the wording of field errors, the memo of values a fleet repeats, and the
//! conversions from what exports write to normalised facts.

use std::borrow::Cow;

use super::Sink;
use crate::date::parse_timestamp;
use crate::device::{Arch, Edition, Facts, Management, Platform, Vbs};
use crate::hash::FxHasher;
use crate::json::scan::{scan, skip_value, Lines, Outline};
use crate::json::value::{read_object, FieldSpec, Hint, ObjectError, Scalar};
use crate::platform::parse_version;
use std::hash::Hasher;

/// What a record's values (in the order of a format's fields) say, or what is wrong with it.
pub(crate) type FactsFn = for<'a> fn(&[Option<Scalar<'a>>], &mut Memo<'a>) -> Result<Facts, Problem>;

/// How a format reads a record: the fields it wants, and how their values become facts.
pub(crate) struct JsonFormat {
    /// The wanted fields; `facts` gets their values in this order.
    pub specs: &'static [FieldSpec],
    /// The facts a record says, or what is wrong with it.
    pub facts: FactsFn,
    /// The fields that name a device, for the error when a record has none of them
    /// ("deviceName or azureADDeviceId").
    pub names: &'static str,
}

/// Why a record could not be read: a sentence, and the field at fault when there is one
/// (it ends the error's JSON path, `value[5].osVersion`).
#[derive(Debug, PartialEq)]
pub(crate) struct Problem {
    /// The field, as the export names it; nested fields joined with dots.
    pub field: Option<String>,
    /// What is wrong, for a person.
    pub message: String,
    /// What is wrong, for a program ([`super::code`]).
    pub code: &'static str,
}

impl Problem {
    /// A field at fault: its value's type or content.
    pub(crate) fn field(field: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { field: Some(field.into()), message: message.into(), code: super::code::FIELD_INVALID }
    }
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Problem { field: None, message, code: super::code::RECORD_INVALID }
    }
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        Problem::from(message.to_owned())
    }
}

/// The facts of a record that names its device, or why it cannot be used: a record that names no device (every
/// name and id field missing or empty) cannot be joined, shown or acted on.
pub(crate) fn named(facts: Facts, names: &str) -> Result<Facts, Problem> {
    if facts.name.is_none() && facts.entra_id.is_none() {
        return Err(Problem {
            code: super::code::NO_DEVICE,
            ..format!("it names no device: {names} is missing or empty").into()
        });
    }
    Ok(facts)
}

/// How many records pass between progress reports.
pub(crate) const PROGRESS_EVERY: usize = 4096;

/// Reads every record of a JSON document in one pass: each record is parsed where the
/// scanner finds it (no second walk over its bytes) into one reused buffer.
pub(crate) fn read_json(text: &str, sink: &mut Sink<'_>, format: &JsonFormat) -> Outline {
    let mut index = 0;
    let mut lines = Lines::new(text);
    let mut memo = Memo::new(text.len());
    let mut fields: Vec<Option<Scalar<'_>>> = Vec::with_capacity(format.specs.len());
    let mut hints = Vec::new();
    scan(text, &mut |start, path| {
        let i = index;
        index += 1;
        if i % PROGRESS_EVERY == 0 && i > 0 {
            sink.reached(start);
        }
        match read_object(text, start, format.specs, &mut fields, &mut hints) {
            Ok(end) => {
                match (format.facts)(&fields, &mut memo).and_then(|f| named(f, format.names)) {
                    Ok(facts) => sink.record(i, facts),
                    Err(p) => sink.record_error(
                        i,
                        path,
                        p.field,
                        lines.at(start),
                        format!("record {i}: {}", p.message),
                        p.code,
                    ),
                }
                Ok(end)
            }
            Err(e) => {
                let end = skip_value(text.as_bytes(), start)?;
                let line = lines.at(start);
                let (field, code) = match &e {
                    ObjectError::Duplicate(key) => (Some(key.clone()), super::code::DUPLICATE_FIELD),
                    _ => (None, super::code::RECORD_SYNTAX),
                };
                let message = e.record_message(|offset| lines.at(offset));
                sink.record_error(i, path, field, line, format!("record {i}: {message}"), code);
                Ok(end)
            }
        }
    })
}

/// "`field` is X, expected Y" — the one wording of every field error.
pub(crate) fn field_error(field: &str, found: &Scalar<'_>, expected: &str) -> Problem {
    Problem::field(field, format!("{field} is {}, expected {expected}", found.describe()))
}

/// Reads an optional field with `read`, turning `Err` into the standard message.
pub(crate) fn read_field<'s, 'a, T>(
    field: &str,
    value: &'s Option<Scalar<'a>>,
    expected: &str,
    read: impl FnOnce(&'s Scalar<'a>) -> Result<Option<T>, ()>,
) -> Result<Option<T>, Problem> {
    match value {
        None => Ok(None),
        Some(v) => read(v).map_err(|()| field_error(field, v, expected)),
    }
}

/// The memo's places at most: a fleet's distinct editions, builds, architectures and the
/// like are a few hundred at most, so two often met rarely share a place.
const MEMO_PLACES: usize = 4096;

/// Answers already worked out for the texts of this document: a fleet writes the same few
/// editions, builds and architectures thousands of times, and matching a name against every
/// spelling costs more than a lookup. One table for every kind of answer keeps the Wasm small.
pub(crate) struct Memo<'a> {
    /// The last answer for each place a kind and text hash to: a lookup is one hash and one
    /// comparison, with no probing (issue 15: a hash map's lookup was most of the memo's
    /// time). A text whose place a newer one took is worked out again, so a document of
    /// endlessly different texts costs its time, never memory.
    known: Vec<Option<(Kind, &'a str, Parsed)>>,
    /// [`Memo::nested`]'s buffers, reused from record to record, and the key order of the
    /// last nested object read.
    nested_values: Vec<Option<Scalar<'a>>>,
    nested_hints: Vec<Hint<'a>>,
    /// The specs `nested_hints` and `nested_values` are for.
    nested_specs: Option<*const [FieldSpec]>,
    /// The text whose fields `nested_values` holds, when its last read succeeded.
    nested_last: Option<&'a str>,
}

/// What a memoised text was read as.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Platform,
    Version,
    Edition,
    Arch,
    VbsWmi,
    VbsGraph,
    Management,
}

/// A memoised answer.
#[derive(Clone)]
pub(crate) enum Parsed {
    Edition(Option<Edition>),
    Version(Option<(u32, Option<u32>)>),
    Arch(Option<Arch>),
    Vbs(Option<Vbs>),
    Management(Option<Management>),
    Platform(Option<Platform>),
    /// The text is not a valid value of its kind.
    Invalid,
}

impl<'a> Memo<'a> {
    /// An empty memo for a document of `bytes`: a place per 256 bytes, 16 to
    /// [`MEMO_PLACES`], so that a page given thousands of one-device probes does not fill a
    /// table of a fleet's size for each (~110 KB in the Wasm).
    pub(crate) fn new(bytes: usize) -> Self {
        let places = (bytes / 256).clamp(16, MEMO_PLACES).next_power_of_two();
        Memo {
            known: (0..places).map(|_| None).collect(),
            nested_values: Vec::new(),
            nested_hints: Vec::new(),
            nested_specs: None,
            nested_last: None,
        }
    }

    /// The fields `specs` of the nested object `raw` (a record's [`Scalar::Raw`], such as
    /// Graph's `hardwareInformation`), as `parse_object` reads them, but with this document's
    /// buffers and the key order its records keep: no allocation per record, and each key
    /// taken as expected ([`read_object`]). A text equal to the last one read successfully
    /// (with the same specs) is not read again: Graph's list calls give most devices the same
    /// `hardwareInformation`.
    pub(crate) fn nested<const N: usize>(
        &mut self,
        raw: &'a str,
        specs: &[FieldSpec; N],
    ) -> Result<[Option<Scalar<'a>>; N], ObjectError> {
        // The hints and the values read belong to one list of specs (`read_object`).
        let specs_at: *const [FieldSpec] = specs.as_slice();
        if self.nested_specs != Some(specs_at) {
            self.nested_specs = Some(specs_at);
            self.nested_hints.clear();
            self.nested_last = None;
        }
        if self.nested_last != Some(raw) {
            self.nested_last = None;
            read_object(raw, 0, specs, &mut self.nested_values, &mut self.nested_hints)?;
            self.nested_last = Some(raw);
        }
        Ok(std::array::from_fn(|i| self.nested_values.get(i).cloned().flatten()))
    }

    /// `read(value)`, looked up first when the value is text borrowed from the document.
    fn read(&mut self, kind: Kind, value: &Scalar<'a>, read: impl FnOnce(&Scalar<'a>) -> Parsed) -> Parsed {
        match value {
            Scalar::Text(Cow::Borrowed(text)) => {
                let mut hash = FxHasher::default();
                hash.write(text.as_bytes());
                hash.write_u8(kind as u8);
                // The table's length is a power of two (`new`).
                let at = hash.finish() as usize & (self.known.len() - 1);
                if let Some((k, t, known)) = &self.known[at] {
                    if *k == kind && t == text {
                        return known.clone();
                    }
                }
                let answer = read(value);
                self.known[at] = Some((kind, text, answer.clone()));
                answer
            }
            _ => read(value),
        }
    }
}

/// Optional text, trimmed; blank counts as absent.
pub(crate) fn text(field: &str, value: &Option<Scalar<'_>>) -> Result<Option<String>, Problem> {
    read_field(field, value, "text", |s| s.text().map(|t| t.map(str::to_owned)))
}

/// A whole number that fits in u32, written as a number or as digits in text.
pub(crate) fn whole(field: &str, value: &Option<Scalar<'_>>, expected: &str) -> Result<Option<u32>, Problem> {
    read_field(field, value, expected, whole_u32)
}

/// [`whole`] for one value.
pub(crate) fn whole_u32(s: &Scalar<'_>) -> Result<Option<u32>, ()> {
    match s.whole()? {
        None => Ok(None),
        Some(n) => u32::try_from(n).map(Some).map_err(|_| ()),
    }
}

/// A boolean: true/false, 0/1, "True"/"1"/"yes".
pub(crate) fn boolean(field: &str, value: &Option<Scalar<'_>>) -> Result<Option<bool>, Problem> {
    read_field(field, value, "true, false, 1 or 0", |s| s.boolean())
}

/// A Windows version as text (`10.0.26100.4349`, `26100.4349`, `26100`), or — where
/// `number_ok` — a bare build number. Returns build and UBR.
pub(crate) fn version<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
    expected: &str,
    number_ok: bool,
) -> Result<Option<(u32, Option<u32>)>, Problem> {
    let Some(v) = value else { return Ok(None) };
    match v {
        Scalar::Text(t) if t.trim().is_empty() => Ok(None),
        Scalar::Text(_) => {
            match memo.read(Kind::Version, v, |s| Parsed::Version(s.text().ok().flatten().and_then(parse_version))) {
                Parsed::Version(Some(found)) => Ok(Some(found)),
                _ => Err(field_error(field, v, expected)),
            }
        }
        Scalar::Null => Ok(None),
        other if number_ok => {
            whole_u32(other).map(|b| b.map(|b| (b, None))).map_err(|()| field_error(field, other, expected))
        }
        other => Err(field_error(field, other, expected)),
    }
}

/// An edition as text (EditionID, SKU family or product name) or a SKU number.
pub(crate) fn edition<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
) -> Result<Option<Edition>, Problem> {
    let Some(v) = value else { return Ok(None) };
    match v {
        Scalar::Text(_) => {
            match memo.read(Kind::Edition, v, |s| Parsed::Edition(s.text().ok().flatten().and_then(Edition::parse))) {
                Parsed::Edition(e) => Ok(e),
                _ => Ok(None),
            }
        }
        other => sku(field, &Some(other.clone())),
    }
}

/// A `GetProductInfo` SKU number (`skuNumber`, `OperatingSystemSKU`); an unknown number is
/// an edition the planner does not know (it fails the edition check, saying the number).
pub(crate) fn sku(field: &str, value: &Option<Scalar<'_>>) -> Result<Option<Edition>, Problem> {
    Ok(whole(field, value, "a SKU number such as 4 (Enterprise)")?
        .filter(|n| *n != 0)
        .map(|n| Edition::from_sku(n).unwrap_or_else(|| Edition::Other(format!("SKU {n}")))))
}

/// An architecture. `strict`: text that is no known architecture is an error (the
/// canonical format); otherwise it counts as unknown (exports write `unknown`).
pub(crate) fn arch<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
    strict: bool,
) -> Result<Option<Arch>, Problem> {
    read_field(field, value, "\"x64\", \"arm64\" or \"x86\"", |s| {
        match memo.read(Kind::Arch, s, |s| match s.text() {
            Ok(None) => Parsed::Arch(None),
            Ok(Some(t)) => Arch::parse(t).map_or(Parsed::Invalid, |a| Parsed::Arch(Some(a))),
            Err(()) => Parsed::Invalid,
        }) {
            Parsed::Arch(a) => Ok(a),
            _ if strict => Err(()),
            _ => Ok(None),
        }
    })
}

/// VBS as WMI and Get-ComputerInfo report it: 0 off, 1 enabled (configured) not running,
/// 2 running; or the names (`Running`, `Configured`, `Off`, and the canonical format's).
pub(crate) fn vbs_wmi<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
    expected: &str,
) -> Result<Option<Vbs>, Problem> {
    read_field(field, value, expected, |s| {
        match memo.read(Kind::VbsWmi, s, |s| match s {
            Scalar::Text(t) if t.trim().is_empty() => Parsed::Vbs(None),
            // The digit as text ("2", as CSV and some scripts write it) is still WMI's
            // numbering, not Graph's (DOMAIN.md section 4).
            Scalar::Text(t) if !t.trim().bytes().all(|b| b.is_ascii_digit()) => {
                Vbs::from_name(t).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v)))
            }
            other => match other.whole() {
                Ok(None) => Parsed::Vbs(None),
                Ok(Some(n)) => Vbs::from_wmi(n).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v))),
                Err(()) => Parsed::Invalid,
            },
        }) {
            Parsed::Vbs(v) => Ok(v),
            _ => Err(()),
        }
    })
}

/// VBS as Microsoft Graph reports it: `deviceGuardVirtualizationBasedSecurityState`, by
/// name or by enum number (where 0 is running and 2 is "64-bit required": not WMI's).
pub(crate) fn vbs_graph<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
) -> Result<Option<Vbs>, Problem> {
    let expected = "a deviceGuardVirtualizationBasedSecurityState such as \"running\"";
    read_field(field, value, expected, |s| {
        match memo.read(Kind::VbsGraph, s, |s| match s {
            Scalar::Text(t) if t.trim().is_empty() => Parsed::Vbs(None),
            Scalar::Text(t) => Vbs::from_graph(t).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v))),
            other => match other.whole() {
                Ok(None) => Parsed::Vbs(None),
                Ok(Some(n)) => Vbs::from_graph(&n.to_string()).map_or(Parsed::Invalid, |v| Parsed::Vbs(Some(v))),
                Err(()) => Parsed::Invalid,
            },
        }) {
            Parsed::Vbs(v) => Ok(v),
            _ => Err(()),
        }
    })
}

/// How updates are managed (canonical names or Graph's `managementAgent`).
pub(crate) fn management<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
) -> Result<Option<Management>, Problem> {
    read_field(field, value, "text such as \"intune\" or \"configmgr\"", |s| {
        match memo.read(Kind::Management, s, |s| {
            s.text().map_or(Parsed::Invalid, |t| Parsed::Management(t.and_then(Management::parse)))
        }) {
            Parsed::Management(m) => Ok(m),
            _ => Err(()),
        }
    })
}

/// The operating system family of a record (`Windows`, `iOS`, `WindowsServer2025`…).
pub(crate) fn platform<'a>(
    field: &str,
    value: &Option<Scalar<'a>>,
    memo: &mut Memo<'a>,
) -> Result<Option<Platform>, Problem> {
    read_field(field, value, "text such as \"Windows\" or \"iOS\"", |s| {
        match memo.read(Kind::Platform, s, |s| {
            s.text().map_or(Parsed::Invalid, |t| Parsed::Platform(t.and_then(Platform::parse)))
        }) {
            Parsed::Platform(p) => Ok(p),
            _ => Err(()),
        }
    })
}

/// A timestamp (ISO 8601, `/Date(…)/`, US-style), as seconds since 1970.
pub(crate) fn timestamp(field: &str, value: &Option<Scalar<'_>>) -> Result<Option<i64>, Problem> {
    read_field(field, value, "a timestamp like \"2026-11-20T10:11:12Z\"", |s| match s.text()? {
        None => Ok(None),
        Some(t) => parse_timestamp(t).map(Some).ok_or(()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_say_what_was_found_and_expected() {
        let problem = field_error("osVersion", &Scalar::Int(12345), "text like 10.0.26100.4349");
        assert_eq!(problem.message, "osVersion is the number 12345, expected text like 10.0.26100.4349");
        assert_eq!(problem.field.as_deref(), Some("osVersion"));
    }

    #[test]
    fn conversions_read_what_exports_write() {
        let mut memo = Memo::new(0);
        let t = |s: &'static str| Some(Scalar::Text(Cow::Borrowed(s)));
        assert_eq!(version("v", &t("10.0.26100.4349"), &mut memo, "x", false), Ok(Some((26100, Some(4349)))));
        assert_eq!(version("v", &Some(Scalar::Int(26100)), &mut memo, "x", true), Ok(Some((26100, None))));
        assert_eq!(
            version("osVersion", &Some(Scalar::Int(12345)), &mut memo, "text like 10.0.26100.4349", false)
                .unwrap_err()
                .message,
            "osVersion is the number 12345, expected text like 10.0.26100.4349"
        );
        assert_eq!(edition("e", &Some(Scalar::Int(4)), &mut memo), Ok(Some(Edition::Enterprise)));
        assert_eq!(edition("e", &Some(Scalar::Int(9999)), &mut memo), Ok(Some(Edition::Other("SKU 9999".into()))));
        assert_eq!(arch("a", &t("unknown"), &mut memo, false), Ok(None));
        assert!(arch("a", &t("sparc"), &mut memo, true).is_err());
        // WMI's 2 is running; Graph's 2 is "64-bit required".
        assert_eq!(vbs_wmi("v", &Some(Scalar::Int(2)), &mut memo, "x"), Ok(Some(Vbs::Running)));
        assert_eq!(vbs_graph("v", &Some(Scalar::Int(2)), &mut memo), Ok(Some(Vbs::Requires64Bit)));
        assert_eq!(vbs_graph("v", &t("running"), &mut memo), Ok(Some(Vbs::Running)));
        assert_eq!(vbs_wmi("v", &t("Configured"), &mut memo, "x"), Ok(Some(Vbs::EnabledNotRunning)));
        assert_eq!(vbs_wmi("v", &t("2"), &mut memo, "x"), Ok(Some(Vbs::Running)), "WMI's 2 as text");
        assert_eq!(vbs_graph("v", &t("2"), &mut memo), Ok(Some(Vbs::Requires64Bit)), "Graph's 2 as text");
    }

    /// The memo keeps a bounded number of answers: a document with far more distinct texts
    /// than places, read twice over in different orders, still gets each text's own answer,
    /// and one text read as two kinds keeps two answers.
    #[test]
    fn memo_answers_stay_right_past_its_places() {
        let texts: Vec<String> = (0..4 * MEMO_PLACES).map(|n| format!("10.0.26100.{n}")).collect();
        // The largest table and the smallest (a document of a few bytes).
        for (bytes, places) in [(usize::MAX, MEMO_PLACES), (0, 16)] {
            let mut memo = Memo::new(bytes);
            assert_eq!(memo.known.len(), places);
            let forward: Vec<usize> = (0..texts.len()).collect();
            for order in [forward.clone(), forward.into_iter().rev().collect()] {
                for n in order {
                    let text = Some(Scalar::Text(Cow::Borrowed(texts[n].as_str())));
                    let found = version("v", &text, &mut memo, "x", false);
                    assert_eq!(found, Ok(Some((26100, Some(n as u32)))), "{}", texts[n]);
                }
            }
        }
        let mut memo = Memo::new(0);
        // "2" is WMI's running and Graph's "64-bit required": one text, two kinds, both kept.
        for _ in 0..3 {
            assert_eq!(vbs_wmi("v", &Some(Scalar::Text(Cow::Borrowed("2"))), &mut memo, "x"), Ok(Some(Vbs::Running)));
            assert_eq!(
                vbs_graph("v", &Some(Scalar::Text(Cow::Borrowed("2"))), &mut memo),
                Ok(Some(Vbs::Requires64Bit))
            );
        }
    }
}
