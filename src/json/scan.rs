//! Splits a JSON document into records without building it, so each record can be read (and
//! fail) on its own.
//!
//! A document may be: an array of records; an object holding the records under `value`
//! (Microsoft Graph, Defender) or `devices` (canonical); several such objects one after
//! another (Graph pages pasted together) or in an array; or a single object that is itself
//! one record (`Get-ComputerInfo` of one machine). The scanner only finds where each record
//! starts and ends; serde_json then reads each record into its format's type. When the
//! document's structure breaks (cut off, a stray character between records), the scanner
//! keeps the records before the break and says where it is: what follows cannot be split
//! into records reliably.

use std::fmt::Write;

/// Keys under which an object holds a list of records.
const ENVELOPE_KEYS: [&str; 2] = ["value", "devices"];
const ENVELOPE_SPECS: [super::value::FieldSpec; 2] = [super::value::nested("value"), super::value::nested("devices")];

/// Where a record sits in its document, to name it in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct RecordPath {
    /// Which of several concatenated top-level values (0 for the first).
    pub doc: usize,
    /// Which page, when the top level is an array of envelope objects.
    pub page: Option<usize>,
    /// The envelope key the record is listed under.
    pub key: Option<&'static str>,
    /// Index in its list; `None` when the record is the whole top-level object.
    pub index: Option<usize>,
}

impl RecordPath {
    /// The path as people read it: `value[5]`, `[2]`, `[1].value[5]`, `document 2: value[0]`,
    /// ending with the field at fault when there is one (`value[5].osVersion`).
    pub(crate) fn render(&self, docs: usize, field: Option<&str>) -> String {
        let mut out = String::new();
        if docs > 1 {
            let _ = write!(out, "document {}: ", self.doc + 1);
        }
        if let Some(page) = self.page {
            let _ = write!(out, "[{page}].");
        }
        if let Some(key) = self.key {
            out.push_str(key);
        }
        if let Some(i) = self.index {
            let _ = write!(out, "[{i}]");
        }
        let bare = out.is_empty() || out.ends_with(": ");
        match field {
            Some(field) if bare => out.push_str(field),
            Some(field) => {
                out.push('.');
                out.push_str(field);
            }
            None if bare => out.push_str("(the whole object)"),
            None => {}
        }
        out
    }
}

/// Where the document's structure broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ScanError {
    /// 1-based line of the break.
    pub line: usize,
    /// A sentence for people.
    pub message: String,
}

/// What a scan saw of a document's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outline {
    /// How many records were visited and ended where a record ends (a record cut off by a
    /// structural break is not counted; the break is its error).
    pub records: usize,
    /// The envelope key the records were listed under, if any.
    pub envelope: Option<&'static str>,
    /// How many top-level values the document held (more than one: concatenated pages).
    pub docs: usize,
    /// The structural break, if any; nothing after it was visited.
    pub error: Option<ScanError>,
}

/// Called at each record's start offset with its path; returns the offset just after the
/// record (found by parsing it, or by [`skip_value`] when it could not be parsed), or a
/// break that ends the scan.
pub(crate) type Visit<'v> = dyn FnMut(usize, RecordPath) -> Result<usize, Break> + 'v;

/// Line numbers for offsets that mostly increase: counting resumes from the last offset
/// asked about, so wording every error of a document costs one pass over it.
pub(crate) struct Lines<'a> {
    b: &'a [u8],
    offset: usize,
    line: usize,
    /// The byte that ends a line ([`newline`]), once a line is asked for: finding it reads a
    /// document of one line twice over (issue 15: 2–5 ms of 100,000 devices in Chromium),
    /// and most documents have no error to place.
    nl: Option<u8>,
}

impl<'a> Lines<'a> {
    /// Line numbers of `text`.
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        Lines { b: text.as_bytes(), offset: 0, line: 1, nl: None }
    }

    /// The 1-based line of `offset`.
    pub(crate) fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.b.len());
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        let nl = *self.nl.get_or_insert_with(|| newline(self.b));
        self.line += memchr::memchr_iter(nl, &self.b[self.offset..offset]).count();
        self.offset = offset;
        self.line
    }
}

/// Walks `text`, calling `visit` at every record. Never fails: a break is reported in
/// [`Outline::error`]. A visitor that returns [`Break::stop`] ends the scan quietly.
pub(crate) fn scan(text: &str, visit: &mut Visit<'_>) -> Outline {
    let mut scanner = Scanner { b: text.as_bytes(), visit, records: 0, envelope: None };
    let mut docs = 0;
    let mut pos = skip_ws(scanner.b, 0);
    let mut error = None;
    while pos < scanner.b.len() {
        let result = match scanner.b[pos] {
            b'[' => scanner.top_array(pos, docs),
            b'{' => scanner.object(pos, docs, None),
            _ => Err(Break::at(pos, "expected a JSON object or array".into())),
        };
        docs += 1;
        match result {
            Ok(end) => pos = skip_ws(scanner.b, end),
            Err(brk) if brk.is_stop() => break,
            Err(brk) => {
                error = Some(brk.into_error(scanner.b, scanner.records));
                break;
            }
        }
    }
    Outline { records: scanner.records, envelope: scanner.envelope, docs, error }
}

/// The field names of a document's first readable record, the envelope it is under, and
/// the first syntax error met on the way: what format detection goes by, and what to say
/// when it cannot place the document. A stray `null`, text or broken record at the start
/// does not hide the format: up to [`DETECT_RECORDS`] records are tried, and the names read
/// before a record breaks still count.
pub(crate) fn first_keys(text: &str) -> (Vec<String>, Option<&'static str>, Option<ScanError>) {
    let b = text.as_bytes();
    let mut keys = Vec::new();
    let mut partial = Vec::new();
    let mut tried = 0;
    let mut broken = None;
    let outline = scan(text, &mut |start, _| {
        let end = skip_value(b, start)?;
        // Only the full module diagnoses syntax errors (the core leaves unknown documents to it).
        #[cfg(feature = "extra-formats")]
        let (found, brk) = super::value::object_keys_checked(&text[start..end]);
        #[cfg(not(feature = "extra-formats"))]
        let (found, brk): (Vec<String>, Option<Break>) = (super::value::object_keys(&text[start..end]), None);
        tried += 1;
        match brk {
            // A broken record's names are a last resort: a whole record may follow.
            Some(brk) => {
                if broken.is_none() {
                    broken = Some(Break::at(start + brk.offset, brk.what).into_syntax_error(b));
                }
                if partial.is_empty() {
                    partial = found;
                }
            }
            None => keys = found,
        }
        if keys.is_empty() && tried < DETECT_RECORDS {
            Ok(end)
        } else {
            Err(Break::stop())
        }
    });
    if keys.is_empty() {
        keys = partial;
    }
    (keys, outline.envelope, broken)
}

/// How many records detection tries before giving up on a document.
const DETECT_RECORDS: usize = 32;

/// Every record skipped, not read: for counting the records of a document nobody reads.
pub(crate) fn skip_all(text: &str) -> Outline {
    let b = text.as_bytes();
    scan(text, &mut |start, _| skip_value(b, start))
}

/// A structural break at a byte offset.
pub(crate) struct Break {
    /// Where.
    pub(crate) offset: usize,
    /// What, as a phrase.
    pub(crate) what: String,
}

impl Break {
    pub(crate) fn at(offset: usize, what: String) -> Break {
        Break { offset, what }
    }

    /// Not a break: a visitor's way to end the scan early.
    pub(crate) fn stop() -> Break {
        Break { offset: usize::MAX, what: String::new() }
    }

    fn is_stop(&self) -> bool {
        self.offset == usize::MAX
    }

    /// A syntax error inside a record, for a document whose format could not be told.
    fn into_syntax_error(self, b: &[u8]) -> ScanError {
        let (line, column) = (line_of(b, self.offset), column_of(b, self.offset));
        ScanError {
            line,
            message: format!("the JSON has a syntax error at line {line}, column {column}: {}; the format could not be told before it, so fix it (or export again) and paste it again", self.what),
        }
    }

    fn into_error(self, b: &[u8], records_read: usize) -> ScanError {
        let line = line_of(b, self.offset);
        let column = column_of(b, self.offset);
        let read = match records_read {
            0 => "no record before it could be read".to_string(),
            1 => "the 1 record before it was read".to_string(),
            n => format!("the {n} records before it were read"),
        };
        let message = if self.offset >= b.len() {
            format!("the JSON is cut off ({}); {read}", self.what)
        } else {
            format!("the JSON is broken at line {line}, column {column}: {}; {read}, the rest of the document could not be split into records", self.what)
        };
        ScanError { line, message }
    }
}

struct Scanner<'a, 'v> {
    b: &'a [u8],
    visit: &'v mut Visit<'v>,
    records: usize,
    envelope: Option<&'static str>,
}

impl<'a, 'v> Scanner<'a, 'v> {
    /// Hands the record at `start` to the visitor; returns where it ends.
    fn record(&mut self, start: usize, path: RecordPath) -> Result<usize, Break> {
        let end = (self.visit)(start, path)?;
        self.records += 1;
        Ok(end)
    }

    /// A top-level array: of records, or of envelope pages (`[{"value":[…]}, …]`).
    fn top_array(&mut self, pos: usize, doc: usize) -> Result<usize, Break> {
        let first = skip_ws(self.b, pos + 1);
        let pages = self.b.get(first) == Some(&b'{') && self.envelope_key_of(first).is_some();
        self.array(pos, |s, start, index| {
            if pages && s.b.get(start) == Some(&b'{') {
                s.object(start, doc, Some(index))
            } else {
                s.record(start, RecordPath { doc, page: None, key: None, index: Some(index) })
            }
        })
    }

    /// Walks an array whose `[` is at `pos`, calling `element` at each element's start.
    fn array(
        &mut self,
        pos: usize,
        mut element: impl FnMut(&mut Self, usize, usize) -> Result<usize, Break>,
    ) -> Result<usize, Break> {
        let mut i = skip_ws(self.b, pos + 1);
        if self.b.get(i) == Some(&b']') {
            return Ok(i + 1);
        }
        let mut index = 0;
        loop {
            let end = element(self, i, index)?;
            index += 1;
            i = skip_ws(self.b, end);
            match self.b.get(i) {
                Some(b',') => i = skip_ws(self.b, i + 1),
                Some(b']') => return Ok(i + 1),
                Some(_) => return Err(Break::at(i, format!("expected \",\" or \"]\" after record {}", index - 1))),
                None => return Err(Break::at(i, "a \"]\" is missing".into())),
            }
        }
    }

    /// The envelope key of the object at `pos`, if it lists records under one.
    fn envelope_key_of(&self, pos: usize) -> Option<&'static str> {
        let end = skip_value(self.b, pos).ok()?;
        let text = std::str::from_utf8(&self.b[pos..end]).ok()?;
        let [value, devices] = super::value::parse_object(text, 0, &ENVELOPE_SPECS).ok()?.0;
        let is_list = |v: &Option<super::value::Scalar<'_>>| matches!(v, Some(super::value::Scalar::Raw(r)) if r.starts_with('['));
        ENVELOPE_KEYS.into_iter().zip([is_list(&value), is_list(&devices)]).find(|(_, list)| *list).map(|(k, _)| k)
    }

    /// An object at `pos`: an envelope (its records are pushed) or, when it has no envelope
    /// key, a record itself (so nothing in the document goes unaccounted for).
    fn object(&mut self, pos: usize, doc: usize, page: Option<usize>) -> Result<usize, Break> {
        let mut i = skip_ws(self.b, pos + 1);
        let mut found = false;
        if self.b.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                if self.b.get(i) != Some(&b'"') {
                    return Err(self.unexpected(i, "a field name in quotes"));
                }
                let key_end = skip_string(self.b, i)?;
                let raw = &self.b[i + 1..key_end - 1];
                // A key written with escapes (`"valu\u0065"`) is the key it spells, as every
                // JSON reader (and serde_json) sees it; the fuzz target's record count found
                // it read as a plain record.
                let unescaped = match memchr::memchr(b'\\', raw) {
                    Some(_) => std::str::from_utf8(&self.b[i..key_end]).ok().and_then(super::value::string_text),
                    None => None,
                };
                let key = unescaped.as_deref().map_or(raw, str::as_bytes);
                i = skip_ws(self.b, key_end);
                if self.b.get(i) != Some(&b':') {
                    return Err(self.unexpected(i, "\":\""));
                }
                i = skip_ws(self.b, i + 1);
                // Matched ignoring ASCII case, as PowerShell writes and reads property names
                // (`Value` from a hand-built object is Graph's `value`).
                let envelope = ENVELOPE_KEYS.into_iter().find(|k| k.as_bytes().eq_ignore_ascii_case(key));
                let value_end = match envelope {
                    // A Graph single-object response some tools wrap as `{"value": {…}}`.
                    Some("value")
                        if !found
                            && self.b.get(i) == Some(&b'{')
                            && page.is_none()
                            && self.only_odata_beside_value(pos) =>
                    {
                        found = true;
                        self.envelope = Some("value");
                        self.record(i, RecordPath { doc, page, key: Some("value"), index: None })?
                    }
                    // Every list under an envelope key is read: a second `value` list in one
                    // object (a hand-merged paste) is records too, not silently skipped.
                    Some(k) if self.b.get(i) == Some(&b'[') => {
                        found = true;
                        self.envelope = Some(k);
                        self.array(i, |s, start, index| {
                            s.record(start, RecordPath { doc, page, key: Some(k), index: Some(index) })
                        })?
                    }
                    _ => skip_value(self.b, i)?,
                };
                i = skip_ws(self.b, value_end);
                match self.b.get(i) {
                    Some(b',') => i = skip_ws(self.b, i + 1),
                    Some(b'}') => {
                        i += 1;
                        break;
                    }
                    _ => return Err(self.unexpected(i, "\",\" or \"}\"")),
                }
            }
        }
        if !found {
            // Not an envelope: the object is itself a record.
            return self.record(pos, RecordPath { doc, page, key: None, index: None });
        }
        Ok(i)
    }

    /// Whether the object at `pos` has, besides `value`, only OData annotations
    /// (`@odata.context`): then an object under `value` is one record, not a field.
    fn only_odata_beside_value(&self, pos: usize) -> bool {
        let Ok(end) = skip_value(self.b, pos) else { return false };
        let Ok(text) = std::str::from_utf8(&self.b[pos..end]) else { return false };
        super::value::object_keys(text).iter().all(|k| k.eq_ignore_ascii_case("value") || k.starts_with('@'))
    }

    fn unexpected(&self, i: usize, expected: &str) -> Break {
        match self.b.get(i) {
            None => Break::at(i, format!("{expected} is missing")),
            Some(&c) => Break::at(i, format!("expected {expected}, found {}", show_byte(c))),
        }
    }
}

/// Skips one JSON value starting at `pos`; returns the offset just after it. Checks only
/// what is needed to find the end (strings and bracket nesting); serde_json checks the rest
/// when the record is read.
pub(crate) fn skip_value(b: &[u8], pos: usize) -> Result<usize, Break> {
    match b.get(pos) {
        Some(b'"') => skip_string(b, pos),
        Some(b'{' | b'[') => {
            let mut stack = Brackets::default();
            let mut i = pos;
            while i < b.len() {
                match b[i] {
                    b'"' => {
                        i = skip_string(b, i)?;
                        continue;
                    }
                    b'{' => stack.push(b'}'),
                    b'[' => stack.push(b']'),
                    c @ (b'}' | b']') => {
                        if stack.pop() != Some(c) {
                            return Err(Break::at(i, format!("found {} that closes nothing open", show_byte(c))));
                        }
                        if stack.depth == 0 {
                            return Ok(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            Err(Break::at(b.len(), format!("{} \"{}\" never closed", stack.depth, stack.closers())))
        }
        Some(c) if c.is_ascii_alphanumeric() || *c == b'-' => {
            let len =
                b[pos..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.')).count();
            Ok(pos + len)
        }
        Some(&c) => Err(Break::at(pos, format!("expected a value, found {}", show_byte(c)))),
        None => Err(Break::at(pos, "a value is missing".into())),
    }
}

/// The closing brackets still owed, innermost last: a bit per level for the first 64
/// levels (records rarely nest deeper), a list beyond, so skipping a record allocates
/// nothing.
#[derive(Default)]
struct Brackets {
    bits: u64,
    deeper: Vec<u8>,
    depth: usize,
}

impl Brackets {
    fn push(&mut self, closer: u8) {
        if self.depth < 64 {
            let bit = u64::from(closer == b'}') << self.depth;
            self.bits = (self.bits & !(1 << self.depth)) | bit;
        } else {
            self.deeper.push(closer);
        }
        self.depth += 1;
    }

    fn pop(&mut self) -> Option<u8> {
        self.depth = self.depth.checked_sub(1)?;
        if self.depth < 64 {
            Some(if self.bits >> self.depth & 1 == 1 { b'}' } else { b']' })
        } else {
            self.deeper.pop()
        }
    }

    /// The owed closers, innermost first; past 20 of them, the first 20 and "…" (a message
    /// stays readable however deep the document: issue 12).
    fn closers(&self) -> String {
        let shallow = (0..self.depth.min(64)).rev().map(|d| if self.bits >> d & 1 == 1 { '}' } else { ']' });
        let all = self.deeper.iter().rev().map(|&c| c as char).chain(shallow);
        let mut out: String = all.take(20).collect();
        if self.depth > 20 {
            out.push('…');
        }
        out
    }
}

/// Skips a string whose opening quote is at `pos`.
pub(crate) fn skip_string(b: &[u8], pos: usize) -> Result<usize, Break> {
    scan_string(b, pos).map(|s| s.end)
}

/// What [`scan_string`] learned about a string.
pub(crate) struct StringScan {
    /// Offset just after the closing quote.
    pub end: usize,
    /// It contains a backslash escape.
    pub escaped: bool,
    /// It contains a raw control character (invalid JSON).
    pub control: bool,
}

/// Finds the end of the string whose opening quote is at `pos`, noting escapes and raw
/// control characters. In the Wasm, one SIMD comparison finds all three in 16 bytes at a time
/// while 16 bytes remain (tested in Chromium by `tests/web.rs`, since native code never takes
/// that path). Then, and natively, `memchr2` finds the quote or backslash (measured faster in
/// Wasm than an inlined eight-bytes-at-a-time loop) and the control-character check is one
/// branch-free pass that the compiler vectorises.
pub(crate) fn scan_string(b: &[u8], pos: usize) -> Result<StringScan, Break> {
    let mut out = StringScan { end: 0, escaped: false, control: false };
    let mut i = pos + 1;
    // Most texts of an inventory (names, ids, versions) end within the first 16 or 32 bytes,
    // sooner than `memchr2` has set up (reading 57 -> 54 ms in Chromium, DESIGN.md).
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    loop {
        use core::arch::wasm32::{u8x16_eq, u8x16_lt, u8x16_splat, v128_or};
        let special = |v| {
            v128_or(
                v128_or(u8x16_eq(v, u8x16_splat(b'"')), u8x16_eq(v, u8x16_splat(b'\\'))),
                u8x16_lt(v, u8x16_splat(0x20)),
            )
        };
        match first_in_steps_of_16(b, i, special) {
            Err(rest) => {
                i = rest;
                break;
            }
            Ok(at) => i = at,
        }
        match b[i] {
            b'"' => {
                out.end = i + 1;
                return Ok(out);
            }
            b'\\' => {
                // The escaped byte is skipped, but a raw control character there is still one
                // (as the whole-text check below finds it).
                out.escaped = true;
                out.control |= b.get(i + 1).is_some_and(|&c| c < 0x20);
                i += 2;
            }
            _ => {
                out.control = true;
                i += 1;
            }
        }
    }
    while let Some(found) = b.get(i..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest)) {
        i += found;
        if b[i] == b'"' {
            out.end = i + 1;
            out.control |= b[pos + 1..i].iter().fold(false, |c, &x| c | (x < 0x20));
            return Ok(out);
        }
        out.escaped = true;
        i += 2;
    }
    Err(Break::at(b.len(), "a text in quotes never closed".into()))
}

/// The first byte from `i` on that `hits` marks (a SIMD comparison of 16 bytes giving a lane
/// of ones for each byte wanted), looked at 16 bytes at a time; `Err` with where it stopped
/// when fewer than 16 bytes are left, for the caller to finish byte by byte. Shared by the
/// JSON text scan and the CSV cell scan, the one place that loads 16 bytes at once.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
pub(crate) fn first_in_steps_of_16(
    b: &[u8],
    mut i: usize,
    hits: impl Fn(core::arch::wasm32::v128) -> core::arch::wasm32::v128,
) -> Result<usize, usize> {
    while let Some(chunk) = b.get(i..i + 16) {
        // SAFETY: `chunk` is 16 readable bytes, and `v128.load` needs no alignment.
        let v = unsafe { core::arch::wasm32::v128_load(chunk.as_ptr().cast()) };
        match core::arch::wasm32::u8x16_bitmask(hits(v)) {
            0 => i += 16,
            mask => return Ok(i + mask.trailing_zeros() as usize),
        }
    }
    Err(i)
}

pub(crate) fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The byte that ends a line: `\n`, or `\r` in a document written with old Mac line
/// endings (no `\n` at all), so its errors are not all on line 1.
pub(crate) fn newline(b: &[u8]) -> u8 {
    if memchr::memchr(b'\n', b).is_none() && memchr::memchr(b'\r', b).is_some() {
        b'\r'
    } else {
        b'\n'
    }
}

fn line_of(b: &[u8], offset: usize) -> usize {
    let nl = newline(b);
    1 + b[..offset.min(b.len())].iter().filter(|&&c| c == nl).count()
}

fn column_of(b: &[u8], offset: usize) -> usize {
    let offset = offset.min(b.len());
    let nl = newline(b);
    let line_start = b[..offset].iter().rposition(|&c| c == nl).map_or(0, |p| p + 1);
    // Columns count characters, not bytes.
    1 + b[line_start..offset].iter().filter(|&&c| (c & 0xC0) != 0x80).count()
}

fn show_byte(c: u8) -> String {
    match c {
        0x20..=0x7E => format!("\"{}\"", c as char),
        _ => format!("the byte 0x{c:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record as "path text", and the outline.
    fn collect(text: &str) -> (Vec<String>, Outline) {
        let mut seen = Vec::new();
        let outline = scan(text, &mut |start, path| {
            let end = skip_value(text.as_bytes(), start)?;
            seen.push((path, &text[start..end]));
            Ok(end)
        });
        (seen.iter().map(|(p, t)| format!("{} {t}", p.render(outline.docs, None))).collect(), outline)
    }

    #[test]
    fn splits_the_shapes_inventories_come_in() {
        let (s, o) = collect(r#"[{"a":1}, {"a":[2,{"b":"]}"}]}]"#);
        assert_eq!(s, [r#"[0] {"a":1}"#, r#"[1] {"a":[2,{"b":"]}"}]}"#]);
        assert_eq!(o.error, None);

        let (s, o) = collect(r#"{"@odata.context":"x","value":[{"id":"1"},{"id":"2"}],"@odata.nextLink":"y"}"#);
        assert_eq!(s, [r#"value[0] {"id":"1"}"#, r#"value[1] {"id":"2"}"#]);
        assert_eq!(o.envelope, Some("value"));

        // Graph pages pasted one after another, and as an array of pages.
        let (s, _) = collect("{\"value\":[{\"id\":\"1\"}]}\n{\"value\":[{\"id\":\"2\"}]}");
        assert_eq!(s, [r#"document 1: value[0] {"id":"1"}"#, r#"document 2: value[0] {"id":"2"}"#]);
        let (s, _) = collect(r#"[{"value":[{"id":"1"}]},{"value":[{"id":"2"},{"id":"3"}]}]"#);
        assert_eq!(s, [r#"[0].value[0] {"id":"1"}"#, r#"[1].value[0] {"id":"2"}"#, r#"[1].value[1] {"id":"3"}"#]);

        // One object is one record.
        let (s, _) = collect(r#"{"CsName":"LAP-01","OsBuildNumber":"26100"}"#);
        assert_eq!(s, [r#"(the whole object) {"CsName":"LAP-01","OsBuildNumber":"26100"}"#]);

        let (s, o) = collect(r#"{"devices":[]}"#);
        assert!(s.is_empty() && o.error.is_none());

        // An envelope key written with escapes is still the envelope (issue 12, found by the
        // evaluate fuzz target counting records from the input).
        let (s, _) = collect(r#"{"valu\u0065":[{"id":"1"},{"id":"2"}]}"#);
        assert_eq!(s, [r#"value[0] {"id":"1"}"#, r#"value[1] {"id":"2"}"#]);
    }

    #[test]
    fn a_cut_off_document_keeps_the_records_before_the_cut() {
        let (s, o) = collect("[{\"a\":1},\n{\"a\":2},\n{\"a\":\"thr");
        assert_eq!(s.len(), 2);
        let e = o.error.unwrap();
        assert_eq!(e.line, 3);
        assert_eq!(e.message, "the JSON is cut off (a text in quotes never closed); the 2 records before it were read");
    }

    #[test]
    fn a_broken_document_says_where() {
        let (s, o) = collect("[{\"a\":1} x {\"a\":2}]");
        assert_eq!(s.len(), 1);
        assert_eq!(o.error.unwrap().message, "the JSON is broken at line 1, column 10: expected \",\" or \"]\" after record 0; the 1 record before it was read, the rest of the document could not be split into records");
        let (_, o) = collect("[{\"a\":1]");
        assert_eq!(o.error.unwrap().message, "the JSON is broken at line 1, column 8: found \"]\" that closes nothing open; no record before it could be read, the rest of the document could not be split into records");
        let (s, o) = collect("Device name,OS\nLAP-01,Windows");
        assert!(s.is_empty());
        assert!(o
            .error
            .unwrap()
            .message
            .starts_with("the JSON is broken at line 1, column 1: expected a JSON object or array"));
    }

    #[test]
    fn the_string_scan_agrees_with_a_byte_by_byte_one() {
        // A reference: the end of the string, and whether it had escapes or raw controls.
        fn reference(b: &[u8], pos: usize) -> Option<(usize, bool, bool)> {
            let (mut i, mut escaped, mut control) = (pos + 1, false, false);
            while i < b.len() {
                match b[i] {
                    b'"' => return Some((i + 1, escaped, control)),
                    b'\\' => {
                        escaped = true;
                        control |= b.get(i + 1).is_some_and(|&c| c < 0x20);
                        i += 2;
                    }
                    c => {
                        control |= c < 0x20;
                        i += 1;
                    }
                }
            }
            None
        }
        let alphabet: &[u8] = b"ab\"\\\x01\x1f \xc3\xa9\x7f\x80\xff0";
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 33) as usize % 40;
            let mut text = vec![b'"'];
            for k in 0..len {
                let pick = (seed >> (k % 50)) as usize ^ k.wrapping_mul(31);
                text.push(alphabet[pick % alphabet.len()]);
            }
            let got = scan_string(&text, 0).ok().map(|s| (s.end, s.escaped, s.control));
            assert_eq!(got, reference(&text, 0), "{text:?}");
        }
    }

    /// Issue 12: envelope keys match ignoring case (`Value`, `Devices`).
    #[test]
    fn envelope_keys_ignore_case() {
        let outline = skip_all(r#"{"Value":[{"a":1},{"a":2}]}"#);
        assert_eq!((outline.records, outline.envelope), (2, Some("value")));
        assert_eq!(skip_all(r#"{"DEVICES":[{"a":1}]}"#).envelope, Some("devices"));
    }

    /// Issue 12: a document cut off 100,000 levels deep gets a message of readable length.
    #[test]
    fn a_cut_off_deep_document_gets_a_short_message() {
        let text = "[".repeat(100_000);
        let message = skip_all(&text).error.unwrap().message;
        assert!(message.len() < 200, "{} bytes", message.len());
        assert!(message.contains("99999 \"]]]]]]]]]]]]]]]]]]]]…\" never closed"), "{message}");
    }

    /// Issue 12: with old Mac line endings (CR only) errors are on their own lines, not all on 1.
    #[test]
    fn cr_only_line_endings_count_lines() {
        let mut lines = Lines::new("[1,\r2,\r3]");
        assert_eq!((lines.at(0), lines.at(4), lines.at(7)), (1, 2, 3));
        assert_eq!(line_of(b"a\rb\rc", 4), 3);
        assert_eq!(column_of(b"ab\rcd", 4), 2);
    }

    #[test]
    fn deep_nesting_does_not_recurse() {
        let deep = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
        let (s, o) = collect(&deep);
        assert_eq!(s.len(), 1);
        assert!(o.error.is_none());
    }
}
