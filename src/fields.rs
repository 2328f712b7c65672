//! Reading hand-validated JSON objects (user catalogs, API options) with messages that name
//! the path, the value found and what was expected, e.g.
//! `rings.Broad.deadlineDays: found the number 45, expected a whole number from 0 to 30`.

use serde_json::{Map, Value};

use crate::date::{Date, YearMonth};
use crate::error::{Error, ErrorCode};

/// A JSON object being read, with its path and the error code its mistakes carry.
pub(crate) struct Fields<'a> {
    pub(crate) map: &'a Map<String, Value>,
    path: String,
    code: ErrorCode,
}

impl<'a> Fields<'a> {
    /// Starts reading `value`, which must be an object.
    pub(crate) fn new(value: &'a Value, path: String, code: ErrorCode) -> Result<Fields<'a>, Error> {
        match value {
            Value::Object(map) => Ok(Fields { map, path, code }),
            other => {
                Err(Error { code, field: path, message: format!("found {}, expected an object", describe(other)) })
            }
        }
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
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(key) => Err(self.error(key, format!("unknown field; expected one of {}", allowed.join(", ")))),
            None => Ok(()),
        }
    }

    /// The value of `key`; JSON `null` counts as absent (as `undefined` does in JS).
    pub(crate) fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// "found X, expected Y" about `key`.
    pub(crate) fn bad(&self, key: &str, found: &Value, expected: &str) -> Error {
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
    pub(crate) fn string(&self, key: &str) -> Result<Option<&'a str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(v) => Err(self.bad(key, v, "text")),
        }
    }

    /// An optional boolean.
    pub(crate) fn bool(&self, key: &str) -> Result<Option<bool>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.bad(key, v, "true or false")),
        }
    }

    /// An optional whole number within `range`.
    pub(crate) fn int_in(&self, key: &str, range: std::ops::RangeInclusive<u32>) -> Result<Option<u32>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()).filter(|n| range.contains(n)) {
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
                v.as_str().and_then(Date::parse).map(Some).ok_or_else(|| self.bad(key, v, "a date written YYYY-MM-DD"))
            }
        }
    }

    /// An optional month written `YYYY-MM`.
    pub(crate) fn month(&self, key: &str) -> Result<Option<YearMonth>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .and_then(YearMonth::parse)
                .map(Some)
                .ok_or_else(|| self.bad(key, v, "a month written YYYY-MM")),
        }
    }

    /// An optional string that must be one of `choices`.
    pub(crate) fn choice(&self, key: &str, choices: &[&'static str]) -> Result<Option<&'static str>, Error> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let found = v.as_str().and_then(|s| choices.iter().find(|c| **c == s));
                let expected = choices.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
                found.copied().map(Some).ok_or_else(|| self.bad(key, v, &format!("one of {expected}")))
            }
        }
    }

    /// A required OS line that has a hotpatch track (`other` is not accepted).
    pub(crate) fn hotpatch_line(&self, key: &str) -> Result<crate::OsLine, Error> {
        self.choice(key, &["win11-24h2", "win11-25h2", "ws2025", "ws2022"])?
            .and_then(crate::OsLine::from_id)
            .ok_or_else(|| self.bad_or_missing(key, "one of \"win11-24h2\", \"win11-25h2\", \"ws2025\", \"ws2022\""))
    }
}

/// A short description of a JSON value for messages: `"2026-13-01"`, `the number 5`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => format!("\"{}…\"", s.chars().take(40).collect::<String>()),
        Value::String(s) => format!("\"{s}\""),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}
