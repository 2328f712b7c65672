//! The internal readers, exposed for the fuzz targets in `fuzz/` (feature `fuzzing`, never in
//! a release build): a differential target holds each against a reference implementation
//! (serde_json, the `csv` crate), which needs the reader's own answer, not the report it
//! feeds.

use crate::json::{scan, value};

/// A JSON value as the planner's reader reads it, with every field kept in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits in i64.
    Int(i64),
    /// An integer above i64::MAX that fits in u64.
    UInt(u64),
    /// Any other number, as written.
    Number(String),
    /// A string, unescaped.
    Text(String),
    /// A list.
    List(Vec<Json>),
    /// An object's fields, in order.
    Object(Vec<(String, Json)>),
}

/// Why [`read_json`] gave no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON: the reader's phrase.
    Syntax(String),
    /// An object names a field twice, which the planner refuses (serde_json keeps the last).
    Duplicate(String),
    /// Nested deeper than `max_depth` (the reader itself has no limit; the recursion here has).
    TooDeep,
}

/// Reads the whole of `text` as one JSON value with the reader every format, the options and
/// the catalogs use: objects through `object_entries`, lists through `list_elements`.
pub fn read_json(text: &str, max_depth: usize) -> Result<Json, JsonError> {
    let b = text.as_bytes();
    // Objects and lists come back raw, ended where the scanner's skip ends them.
    let (first, end) = value::value_at(text, scan::skip_ws(b, 0)).map_err(|e| JsonError::Syntax(e.what))?;
    if scan::skip_ws(b, end) != b.len() {
        return Err(JsonError::Syntax("text after the value".into()));
    }
    convert(first, max_depth)
}

fn convert(scalar: value::Scalar<'_>, depth: usize) -> Result<Json, JsonError> {
    use value::Scalar;
    Ok(match scalar {
        Scalar::Null => Json::Null,
        Scalar::Bool(v) => Json::Bool(v),
        Scalar::Int(n) => Json::Int(n),
        Scalar::UInt(n) => Json::UInt(n),
        Scalar::Number(n) => Json::Number(n.to_string()),
        Scalar::Text(t) => Json::Text(t.into_owned()),
        Scalar::Raw(_) | Scalar::Array | Scalar::Object if depth == 0 => return Err(JsonError::TooDeep),
        Scalar::Raw(raw) if raw.starts_with('[') => Json::List(
            value::list_elements(raw)
                .map_err(|e| JsonError::Syntax(e.what))?
                .into_iter()
                .map(|v| convert(v, depth - 1))
                .collect::<Result<_, _>>()?,
        ),
        Scalar::Raw(raw) => {
            let (entries, _) = value::object_entries(raw, 0).map_err(|e| match e {
                value::ObjectError::Duplicate(key) => JsonError::Duplicate(key),
                other => JsonError::Syntax(other.message(|_| 1)),
            })?;
            Json::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| Ok((k.into_owned(), convert(v, depth - 1)?)))
                    .collect::<Result<_, _>>()?,
            )
        }
        Scalar::Array | Scalar::Object => unreachable!("value_at keeps nested values raw"),
    })
}

/// How the inventory scanner splits a document: the records it found and its structural
/// error, if any (the same outline every format's reading starts from).
pub fn json_outline(text: &str) -> (usize, Option<String>) {
    let outline = scan::skip_all(text);
    (outline.records, outline.error.map(|e| e.message))
}

/// A CSV document as the planner reads it: the header, each data row with the line it
/// starts on, and where it stopped being readable.
#[cfg(feature = "extra-formats")]
pub struct CsvTable {
    /// The header row's cells.
    pub header: Vec<String>,
    /// The data rows: (1-based line, cells). Rows of blank cells are not rows.
    pub rows: Vec<(usize, Vec<String>)>,
    /// A quote never closed: (line, message).
    pub error: Option<(usize, String)>,
}

/// Reads `text` with the planner's CSV reader (delimiter sniffed from the header line).
#[cfg(feature = "extra-formats")]
pub fn read_csv(text: &str) -> CsvTable {
    let table = crate::inventory::csv::read(text);
    let mut rows = Vec::new();
    let mut error = None;
    for row in table.rows {
        match row {
            Ok(r) => rows.push((r.line, r.cells.into_iter().map(|c| c.into_owned()).collect())),
            Err(e) => error = Some(e),
        }
    }
    CsvTable { header: table.header.into_iter().map(|c| c.into_owned()).collect(), rows, error }
}
