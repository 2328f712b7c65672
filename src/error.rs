//! The one public error type.
//!
//! Errors are for misuse (invalid options, an invalid user-supplied release catalog, a value
//! passed to an export that is not a report), for a resource limit reached (a result longer
//! than a JavaScript string can be, more memory than WebAssembly has), and for the planner's
//! own bugs (`INTERNAL`, after which the Wasm module is restarted). Problems with the *inventory* are never
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
    /// A result would be a JavaScript string longer than the engine allows (V8, in Node.js
    /// and Chromium: 2^29 − 24 UTF-16 units): the inventory must be evaluated in parts.
    StringLimit,
    /// The evaluation needed more memory than a WebAssembly module can have (4 GiB). The
    /// module is restarted, so the next call works.
    MemoryLimit,
    /// A bug in the planner (a panic). The module is restarted, so the next call works.
    Internal,
    /// Release data (the `catalog` option) given to the browser's core module, which carries
    /// only the built-in catalog: the full module (`hotpatch-planner/release`) reads it. The
    /// page and the component switch modules themselves (`needsFullModule`).
    ExtendedReader,
}

impl ErrorCode {
    /// The code as JS sees it, e.g. `"INVALID_OPTION"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidOption => "INVALID_OPTION",
            ErrorCode::InvalidCatalog => "INVALID_CATALOG",
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::InvalidReport => "INVALID_REPORT",
            ErrorCode::StringLimit => "STRING_LIMIT",
            ErrorCode::MemoryLimit => "MEMORY_LIMIT",
            ErrorCode::Internal => "INTERNAL",
            ErrorCode::ExtendedReader => "EXTENDED_READER",
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
        // The `field` property keeps the exact path; the sentence shows a readable one, since
        // a ring or key name can be any length (issue 12).
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else if self.field.chars().nth(80).is_some() {
            write!(f, "{}…: {}", self.field.chars().take(80).collect::<String>(), self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for Error {}
