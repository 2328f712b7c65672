//! What every inventory format's reader shares: the wording of field errors and the memo of
//! values a fleet repeats.

use std::borrow::Cow;

use crate::hash::FastMap;
use crate::json::value::Scalar;

/// "`field` is X, expected Y" — the one wording of every field error.
pub(crate) fn field_error(field: &str, found: &Scalar<'_>, expected: &str) -> String {
    format!("{field} is {}, expected {expected}", found.describe())
}

/// Reads an optional field with `read`, turning `Err` into the standard message.
pub(crate) fn read_field<'s, 'a, T>(
    field: &str,
    value: &'s Option<Scalar<'a>>,
    expected: &str,
    read: impl FnOnce(&'s Scalar<'a>) -> Result<Option<T>, ()>,
) -> Result<Option<T>, String> {
    match value {
        None => Ok(None),
        Some(v) => read(v).map_err(|()| field_error(field, v, expected)),
    }
}

/// Answers already worked out for the texts of this document: a fleet writes the same few
/// editions, builds and architectures thousands of times, and matching a name against every
/// spelling costs more than a lookup. One map for every kind of answer keeps the Wasm small.
pub(crate) struct Memo<'a> {
    known: FastMap<(u8, &'a str), Parsed>,
}

/// A memoised answer.
#[derive(Clone)]
pub(crate) enum Parsed {
    Edition(Option<crate::device::Edition>),
    Build(Option<(u32, Option<u32>)>),
    Arch(Option<crate::device::Arch>),
    Vbs(Option<crate::device::Vbs>),
    Management(Option<crate::device::Management>),
    Platform(Option<crate::device::Platform>),
    /// The text is not a valid value of its kind.
    Invalid,
}

impl<'a> Memo<'a> {
    /// An empty memo.
    pub(crate) fn new() -> Self {
        Memo { known: FastMap::default() }
    }

    /// `read(value)`, looked up first when the value is text borrowed from the document.
    /// `kind` tells answers of different kinds for the same text apart.
    pub(crate) fn read(&mut self, kind: u8, value: &Scalar<'a>, read: impl FnOnce(&Scalar<'a>) -> Parsed) -> Parsed {
        match value {
            Scalar::Text(Cow::Borrowed(text)) => {
                if let Some(known) = self.known.get(&(kind, *text)) {
                    return known.clone();
                }
                let answer = read(value);
                self.known.insert((kind, text), answer.clone());
                answer
            }
            _ => read(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_say_what_was_found_and_expected() {
        assert_eq!(
            field_error("osVersion", &Scalar::Int(12345), "text like 10.0.26100.4349"),
            "osVersion is the number 12345, expected text like 10.0.26100.4349"
        );
    }
}
