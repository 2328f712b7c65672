//! Reading hand-checked JSON documents (user catalogs, API options) with messages that name
//! the path, the value found and what was expected, e.g.
//! `rings.Broad.deadlineDays: found the number 45, expected a whole number from 0 to 30`.
//!
//! Built on the inventory's JSON reader rather than `serde_json::Value`: the same small
//! parser serves every JSON the planner reads, and the Wasm carries no second one.

use std::borrow::Cow;

use crate::date::{Date, YearMonth};
use crate::error::{Error, ErrorCode};
use crate::json::scan::skip_ws;
use crate::json::value::{list_elements, object_entries, ObjectError, Scalar};

/// A JSON value as these documents hold it: text, number, boolean, null, or a nested object
/// or list kept as raw JSON text.
pub(crate) type Value<'a> = Scalar<'a>;

/// A JSON object being read, with its path and the error code its mistakes carry.
/// The evaluation dates the planner accepts: the years release catalogs can hold (the refresh
/// takes facts from 2020 to 2100 only).
pub(crate) const AS_OF_RANGE: (&str, &str) = ("2020-01-01", "2100-12-31");

pub(crate) struct Fields<'a> {
    entries: Vec<(Cow<'a, str>, Value<'a>)>,
    path: String,
    code: ErrorCode,
}

impl<'a> Fields<'a> {
    /// Reads a whole JSON text that must be one object. `what` names it in the message when
    /// the text is not JSON ("the catalog", "options").
    pub(crate) fn document(text: &'a str, what: &str, code: ErrorCode) -> Result<Fields<'a>, Error> {
        let start = skip_ws(text.as_bytes(), 0);
        let line =
            |offset: usize| 1 + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&c| c == b'\n').count();
        let not_json = |e: ObjectError| match e {
            ObjectError::NotObject(found) if found == "not valid JSON" => {
                Error { code, field: String::new(), message: format!("{what} is not valid JSON") }
            }
            ObjectError::NotObject(found) => {
                Error { code, field: String::new(), message: format!("found {}, expected an object", restyle(&found)) }
            }
            other => Error {
                code,
                field: String::new(),
                message: format!(
                    "{what} is not valid JSON: {}",
                    other.message(line).trim_start_matches("the record is not valid JSON: ")
                ),
            },
        };
        let (entries, end) = object_entries(text, start).map_err(not_json)?;
        if skip_ws(text.as_bytes(), end) != text.len() {
            return Err(Error {
                code,
                field: String::new(),
                message: format!("{what} is not valid JSON: text after the end of the object (line {})", line(end)),
            });
        }
        Ok(Fields { entries, path: String::new(), code })
    }

    /// An options object as JS passes it; blank text or `null` is no options, as `undefined`
    /// is in JS (only JSON's own whitespace: a form feed is not JSON).
    pub(crate) fn options(json: &'a str) -> Result<Fields<'a>, Error> {
        let json = match json.trim_matches([' ', '\t', '\n', '\r']) {
            "" | "null" => "{}",
            other => other,
        };
        Fields::document(json, "the options", ErrorCode::InvalidOption)
    }

    /// Starts reading `value`, which must be an object.
    pub(crate) fn new(value: &Value<'a>, path: String, code: ErrorCode) -> Result<Fields<'a>, Error> {
        match value {
            Scalar::Raw(raw) if raw.starts_with('{') => match object_entries(raw, 0) {
                Ok((entries, _)) => Ok(Fields { entries, path, code }),
                Err(e) => Err(Error {
                    code,
                    field: path,
                    message: e.message(|_| 1).replace("the record is not valid JSON", "not valid JSON"),
                }),
            },
            other => {
                Err(Error { code, field: path, message: format!("found {}, expected an object", describe(other)) })
            }
        }
    }

    /// The fields, in order.
    pub(crate) fn entries(&self) -> &[(Cow<'a, str>, Value<'a>)] {
        &self.entries
    }

    /// The path of `key` inside this object.
    pub(crate) fn at(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// An error about `key`.
    pub(crate) fn error(&self, key: &str, message: impl Into<String>) -> Error {
        Error { code: self.code, field: self.at(key), message: message.into() }
    }

    /// Rejects keys outside `allowed`, so a typo is an error rather than silently ignored.
    pub(crate) fn only(&self, allowed: &[&str]) -> Result<(), Error> {
        match self.entries.iter().map(|(k, _)| k).find(|k| !allowed.contains(&k.as_ref())) {
            Some(key) => Err(self.error(key, format!("unknown field; expected one of {}", allowed.join(", ")))),
            None => Ok(()),
        }
    }

    /// The value of `key`; JSON `null` counts as absent (as `undefined` does in JS).
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v).filter(|v| !matches!(v, Scalar::Null))
    }

    /// "found X, expected Y" about `key`.
    pub(crate) fn bad(&self, key: &str, found: &Value<'_>, expected: &str) -> Error {
        self.error(key, format!("found {}, expected {expected}", describe(found)))
    }

    /// Like [`Fields::bad`], or "missing" when the key is absent.
    pub(crate) fn bad_or_missing(&self, key: &str, expected: &str) -> Error {
        match self.get(key) {
            Some(v) => self.bad(key, v, expected),
            None => self.error(key, format!("missing; expected {expected}")),
        }
    }

    /// An optional string.
    pub(crate) fn string(&self, key: &str) -> Result<Option<&str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Scalar::Text(s)) => Ok(Some(s)),
            Some(v) => Err(self.bad(key, v, "text")),
        }
    }

    /// An optional boolean.
    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Scalar::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.bad(key, v, "true or false")),
        }
    }

    /// An optional whole number within `range`.
    pub(crate) fn int_in(&self, key: &str, range: std::ops::RangeInclusive<u32>) -> Result<Option<u32>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match whole(v).filter(|n| range.contains(n)) {
                Some(n) => Ok(Some(n)),
                None => Err(self.bad(key, v, &format!("a whole number from {} to {}", range.start(), range.end()))),
            },
        }
    }

    /// An optional date written `YYYY-MM-DD`.
    pub(crate) fn date(&self, key: &str) -> Result<Option<Date>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                text(v).and_then(Date::parse).map(Some).ok_or_else(|| self.bad(key, v, "a date written YYYY-MM-DD"))
            }
        }
    }

    /// An optional evaluation date (`asOf`): a date written YYYY-MM-DD within
    /// [`AS_OF_RANGE`], the years release data can describe. A date far outside would only
    /// make every placement walk centuries of predicted months (issue 12).
    pub(crate) fn as_of(&self, key: &str) -> Result<Option<Date>, Error> {
        let Some(date) = self.date(key)? else { return Ok(None) };
        let (first, last) = AS_OF_RANGE;
        match (Date::parse(first), Date::parse(last), self.get(key)) {
            (Some(a), Some(b), Some(v)) if date < a || date > b => {
                Err(self.bad(key, v, &format!("a date from {first} to {last}")))
            }
            _ => Ok(Some(date)),
        }
    }

    /// An optional month written `YYYY-MM`.
    pub(crate) fn month(&self, key: &str) -> Result<Option<YearMonth>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                text(v).and_then(YearMonth::parse).map(Some).ok_or_else(|| self.bad(key, v, "a month written YYYY-MM"))
            }
        }
    }

    /// An optional string that must be one of `choices`.
    pub(crate) fn choice(&self, key: &str, choices: &[&'static str]) -> Result<Option<&'static str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let found = text(v).and_then(|s| choices.iter().find(|c| **c == s));
                let expected = choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                found.copied().map(Some).ok_or_else(|| self.bad(key, v, &format!("one of {expected}")))
            }
        }
    }

    /// An optional list: its elements.
    pub(crate) fn list(&self, key: &str, expected: &str) -> Result<Option<Vec<Value<'a>>>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Scalar::Raw(raw)) if raw.starts_with('[') => {
                list_elements(raw).map(Some).map_err(|b| self.error(key, format!("not valid JSON: {}", b.what)))
            }
            Some(v) => Err(self.bad(key, v, expected)),
        }
    }

    /// An optional list of texts (empty when absent).
    pub(crate) fn texts(&self, key: &str, expected: &str) -> Result<Vec<String>, Error> {
        let items = self.list(key, expected)?.unwrap_or_default();
        let mut texts = Vec::with_capacity(items.len());
        for item in &items {
            match text(item) {
                Some(t) => texts.push(t.to_owned()),
                None => return Err(self.bad(key, item, expected)),
            }
        }
        Ok(texts)
    }

    /// A required OS line that has a hotpatch track (`other` is not accepted).
    pub(crate) fn hotpatch_line(&self, key: &str) -> Result<crate::OsLine, Error> {
        self.choice(key, &["win11-24h2", "win11-25h2", "win11-26h2", "ws2025", "ws2022"])?
            .and_then(crate::OsLine::from_id)
            .ok_or_else(|| {
                self.bad_or_missing(
                    key,
                    "one of \"win11-24h2\", \"win11-25h2\", \"win11-26h2\", \"ws2025\", \"ws2022\"",
                )
            })
    }
}

/// Text, if the value is text.
pub(crate) fn text<'v>(value: &'v Value<'_>) -> Option<&'v str> {
    match value {
        Scalar::Text(t) => Some(t),
        _ => None,
    }
}

/// A whole number that fits in u32, if the value is one.
pub(crate) fn whole(value: &Value<'_>) -> Option<u32> {
    match value {
        Scalar::Int(n) => u32::try_from(*n).ok(),
        _ => None,
    }
}

/// A short description of a value for messages: `"2026-13-01"`, `the number 5`, `an array`.
pub(crate) fn describe(value: &Value<'_>) -> String {
    match value {
        Scalar::Text(s) if s.chars().count() > 40 => format!("\"{}…\"", s.chars().take(40).collect::<String>()),
        Scalar::Text(s) => format!("\"{s}\""),
        Scalar::Array => "an array".into(),
        Scalar::Raw(raw) if raw.starts_with('[') => "an array".into(),
        other => restyle(&other.describe()),
    }
}

/// The inventory's wording of a value ("the text \"x\"", "a list") in this module's style.
fn restyle(described: &str) -> String {
    match described {
        "a list" => "an array".into(),
        d => match d.strip_prefix("the text ") {
            Some(quoted) => quoted.to_string(),
            None => d.to_string(),
        },
    }
}
