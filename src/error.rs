//! The one public error type.
//!
//! Errors are only for misuse: invalid options, an invalid user-supplied release catalog, or
//! a value passed to an export that is not a report. Problems with the *inventory* are never
//! errors; they are data in [`crate::Report::errors`], so that one bad record cannot cost the
//! others. Each error carries a stable machine-readable [`ErrorCode`] (which becomes the JS
//! `Error.code`), the option or catalog field it concerns, and a message that names the
//! field, the value that was given and what was expected.

use std::fmt;

/// What kind of misuse an [`Error`] reports; stable across versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// An option is missing, of the wrong type, or out of range.
    InvalidOption,
    /// A user-supplied release catalog is not valid JSON or breaks the catalog schema.
    InvalidCatalog,
    /// `input` is neither text, bytes, nor a list of them.
    InvalidInput,
    /// A value given to `toCsv`/`toIcs` is not a report.
    InvalidReport,
}

impl ErrorCode {
    /// The code as JS sees it, e.g. `"INVALID_OPTION"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::InvalidCatalog => "INVALID_CATALOG",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::InvalidReport => "INVALID_REPORT",
        }
    }
}

/// A misuse of the API, with a code, the field concerned and a readable message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// What kind of misuse this is.
    pub code: ErrorCode,
    /// The option or catalog path concerned, e.g. `rings.Broad.deadlineDays` or
    /// `lines.ws2025.months[2].release`; empty when the whole value is wrong.
    pub field: String,
    /// What was given and what was expected, in a sentence.
    pub message: String,
}

impl Error {
    /// An invalid option: names the field, the value given and what was expected.
    pub fn option(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error { code: ErrorCode::InvalidOption, field: field.into(), message: message.into() }
    }

    /// An invalid user catalog at `field`.
    pub fn catalog(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error { code: ErrorCode::InvalidCatalog, field: field.into(), message: message.into() }
    }

    /// A value that should have been a report and is not.
    pub fn report(message: impl Into<String>) -> Error {
        Error { code: ErrorCode::InvalidReport, field: String::new(), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for Error {}
