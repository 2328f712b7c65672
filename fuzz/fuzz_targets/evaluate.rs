//! An inventory of arbitrary bytes, split into up to three documents (a merge), each read as
//! detected or as a forced format chosen by the first byte: never a panic, the same report
//! twice (determinism), and every record accounted for — each input's records are exactly the
//! records found in devices, other devices and errors. For a JSON document the number of
//! records is counted from the input itself (serde_json and the envelope rules of DOMAIN.md
//! section 4), not taken from the report, so a record the planner never saw cannot hide.
#![no_main]

use hotpatch_planner::{evaluate, Date, EvaluateOptions, Format, Formats, Input};
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let documents: Vec<&[u8]> = rest.splitn(3, |&b| b == 0x1e).collect();
    let inputs: Vec<Input<'_>> = documents.iter().map(|d| Input::Bytes(d)).collect();
    let mut options = EvaluateOptions::new(Date::parse("2026-10-20").expect("a date"));
    if choice & 0x80 != 0 {
        options.format = Formats::All(Format::ALL[usize::from(choice) % Format::ALL.len()]);
    }
    let report = evaluate(&inputs, &options).expect("options are valid");
    let again = evaluate(&inputs, &options).expect("options are valid");
    assert_eq!(report.devices, again.devices, "the same input gives the same devices");
    // Messages stay readable whatever the input (issue 12: a deep document once gave 100 KB).
    for e in &report.errors {
        assert!(
            e.message.chars().count() <= MAX_MESSAGE,
            "a {}-character message: {:.300}…",
            e.message.chars().count(),
            e.message
        );
        // CONTRACT.md: every input error carries a stable code.
        assert!(!e.code.is_empty(), "an error without a code: {e:?}");
    }
    for info in &report.inputs {
        let mut seen: Vec<usize> = report
            .devices
            .iter()
            .flat_map(|d| d.sources.iter())
            .chain(report.other_devices.iter().flat_map(|d| d.sources.iter()))
            .filter(|s| s.input == info.index)
            .map(|s| s.record)
            .collect();
        let errors: Vec<_> = report.errors.iter().filter(|e| e.input == info.index).collect();
        assert_eq!(errors.len(), info.errors, "input {}: error count", info.index);
        if errors.iter().any(|e| e.record.is_none()) {
            assert!(seen.is_empty() && errors.len() == 1, "a document error stands alone");
            continue;
        }
        if let Some(records) = json_records(documents[info.index]) {
            assert_eq!(info.records, records, "input {}: the report's records vs the document's", info.index);
        }
        seen.extend(errors.iter().filter_map(|e| e.record));
        seen.sort_unstable();
        assert_eq!(seen, (0..info.records).collect::<Vec<_>>(), "input {}: every record exactly once", info.index);
    }
});

/// The longest error message a person should have to read.
const MAX_MESSAGE: usize = 1000;

/// The records of a JSON document, counted from its text: `None` when it is not JSON that
/// serde_json reads (then only the report's own count is there to check against).
fn json_records(bytes: &[u8]) -> Option<usize> {
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)).ok()?;
    let mut records = 0;
    let mut any = false;
    // Concatenated pages (`{…}{…}`, as some tools append) are read one after another.
    for value in serde_json::Deserializer::from_str(text).into_iter::<Json>() {
        records += match value.ok()? {
            Json::List(items) => {
                let pages = matches!(items.first(), Some(Json::Object(first)) if envelope_list(first));
                items
                    .iter()
                    .map(|item| if let (true, Json::Object(o)) = (pages, item) { object_records(o, true) } else { 1 })
                    .sum()
            }
            Json::Object(fields) => object_records(&fields, false),
            Json::Other => return None,
        };
        any = true;
    }
    any.then_some(records)
}

/// Whether an object lists records under an envelope key (`value` or `devices`, any case, named
/// once) — what makes a top-level list one of pages.
fn envelope_list(fields: &[(String, Json)]) -> bool {
    ["value", "devices"].iter().any(|key| {
        let named: Vec<_> = fields.iter().filter(|(k, _)| k.eq_ignore_ascii_case(key)).collect();
        matches!(named.as_slice(), [(_, Json::List(_))])
    })
}

/// The records of an object: those of every list under an envelope key, or a Graph single
/// response `{"value": {…}}` (one record), or else the object itself.
fn object_records(fields: &[(String, Json)], page: bool) -> usize {
    let mut found = false;
    let mut records = 0;
    for (key, value) in fields {
        let is_value = key.eq_ignore_ascii_case("value");
        if !is_value && !key.eq_ignore_ascii_case("devices") {
            continue;
        }
        match value {
            Json::Object(_)
                if is_value
                    && !found
                    && !page
                    && fields.iter().all(|(k, _)| k.eq_ignore_ascii_case("value") || k.starts_with('@')) =>
            {
                found = true;
                records += 1;
            }
            Json::List(items) => {
                found = true;
                records += items.len();
            }
            _ => {}
        }
    }
    if found {
        records
    } else {
        1
    }
}

/// A JSON value as far as record counting cares, with every field kept (serde_json's own
/// `Value` keeps only the last of a field named twice).
enum Json {
    Object(Vec<(String, Json)>),
    List(Vec<Json>),
    Other,
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry::<String, Json>()? {
            fields.push(entry);
        }
        Ok(Json::Object(fields))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Json::List(items))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Json, E> {
        Ok(Json::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Json, E> {
        Ok(Json::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Json, E> {
        Ok(Json::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Json, E> {
        Ok(Json::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Json, E> {
        Ok(Json::Other)
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Other)
    }
}
