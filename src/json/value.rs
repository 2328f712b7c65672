//! Reading JSON objects: the values of the fields a reader wants, each as a [`Scalar`], in
//! one pass over the text, skipping everything else with the scanner's byte loop.
//!
//! A wrong type is not a parser error: the caller gets the value as it is and words what it
//! expected ("osVersion is the number 12345, expected text like 10.0.26100.4349"), because
//! inventories write numbers as text and enums as numbers or names, and each reader decides
//! what it accepts.
//!
//! Written by hand rather than with serde: one small parser serves every format, the
//! options and the release catalogs, which keeps the Wasm small, and reading only the wanted
//! fields is what makes 100,000 records fast.

use std::borrow::Cow;
use std::cell::Cell;

use super::scan::{scan_string, skip_value, skip_ws, Break};

/// Any JSON value, with text borrowed from the document where possible.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar<'a> {
    /// A JSON string (unescaped; borrowed when it had no escapes).
    Text(Cow<'a, str>),
    /// A JSON integer that fits in i64.
    Int(i64),
    /// A JSON integer above i64::MAX.
    UInt(u64),
    /// Any other JSON number (a fraction, an exponent, or too large), as written.
    Number(&'a str),
    /// true or false.
    Bool(bool),
    /// null.
    Null,
    /// An array (its content skipped).
    Array,
    /// An object (its content skipped).
    Object,
    /// A nested object or list kept as JSON text, for fields a format reads inside
    /// (Graph's `hardwareInformation`).
    Raw(&'a str),
}

impl<'a> Scalar<'a> {
    /// A phrase for messages: `the text "abc"`, `the number 5`, `an object`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Scalar::Text(t) if t.chars().count() > 40 => {
                format!("the text \"{}…\"", clean(&t.chars().take(40).collect::<String>()))
            }
            Scalar::Text(t) => format!("the text \"{}\"", clean(t)),
            Scalar::Int(n) => format!("the number {n}"),
            Scalar::UInt(n) => format!("the number {n}"),
            Scalar::Number(n) => format!("the number {n}"),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Null => "null".into(),
            Scalar::Array => "a list".into(),
            Scalar::Object => "an object".into(),
            Scalar::Raw(raw) if raw.starts_with('[') => "a list".into(),
            Scalar::Raw(_) => "an object".into(),
        }
    }

    /// Non-empty trimmed text, or `None` for null and blank text; `Err` for other types.
    pub(crate) fn text(&self) -> Result<Option<&str>, ()> {
        match self {
            Scalar::Text(t) => Ok(Some(trim(t)).filter(|t| !t.is_empty())),
            Scalar::Null => Ok(None),
            _ => Err(()),
        }
    }

    /// A non-negative whole number, written as a number (`26100`, `26100.0`) or as digits in
    /// text (PowerShell often writes numbers as text). `None` for null and blank text.
    pub(crate) fn whole(&self) -> Result<Option<u64>, ()> {
        match self {
            Scalar::Int(n) if *n >= 0 => Ok(Some(*n as u64)),
            Scalar::UInt(n) => Ok(Some(*n)),
            Scalar::Number(n) => match n.split_once('.') {
                Some((whole, zeros)) if !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') => {
                    whole.parse().map(Some).map_err(|_| ())
                }
                _ => Err(()),
            },
            Scalar::Text(t) if t.trim().is_empty() => Ok(None),
            Scalar::Text(t) => t.trim().parse::<u64>().map(Some).map_err(|_| ()),
            Scalar::Null => Ok(None),
            _ => Err(()),
        }
    }

    /// A boolean, written as true/false, 0/1, or text ("True", "1", "yes").
    pub(crate) fn boolean(&self) -> Result<Option<bool>, ()> {
        match self {
            Scalar::Bool(b) => Ok(Some(*b)),
            Scalar::Int(0) => Ok(Some(false)),
            Scalar::Int(1) => Ok(Some(true)),
            Scalar::Null => Ok(None),
            Scalar::Text(t) => {
                let t = t.trim();
                if t.is_empty() {
                    Ok(None)
                } else if ["true", "1", "yes"].iter().any(|y| y.eq_ignore_ascii_case(t)) {
                    Ok(Some(true))
                } else if ["false", "0", "no"].iter().any(|n| n.eq_ignore_ascii_case(t)) {
                    Ok(Some(false))
                } else {
                    Err(())
                }
            }
            _ => Err(()),
        }
    }
}

/// `str::trim`, without its Unicode scan when the text starts and ends with a visible ASCII
/// character (nearly always).
fn trim(t: &str) -> &str {
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => t,
        _ => t.trim(),
    }
}

/// Control characters shown as `\u{1}` so a message stays one readable line.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
}

/// A field a format reads: its name (matched ignoring ASCII case, as PowerShell does) and
/// whether to keep a nested object as JSON text ([`Scalar::Raw`]) instead of skipping it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FieldSpec {
    /// The field name.
    pub name: &'static str,
    /// Keep an object or list value as raw JSON.
    pub nested: bool,
}

/// A plain field.
pub(crate) const fn field(name: &'static str) -> FieldSpec {
    FieldSpec { name, nested: false }
}

/// A field whose object value is read inside.
pub(crate) const fn nested(name: &'static str) -> FieldSpec {
    FieldSpec { name, nested: true }
}

/// Reads one record whose text is `text`: the values of the `N` wanted fields, in the order
/// of `specs`; every other field is skipped. A failure is a sentence saying what is wrong
/// and, for broken JSON, on which line of the document (`first_line` is the record's first
/// line).
pub(crate) fn parse_record<'a, const N: usize>(
    text: &'a str,
    specs: &[FieldSpec; N],
    first_line: usize,
) -> Result<[Option<Scalar<'a>>; N], String> {
    let line =
        |offset: usize| first_line + text.as_bytes()[..offset.min(text.len())].iter().filter(|&&c| c == b'\n').count();
    let start = skip_ws(text.as_bytes(), 0);
    let (values, end) = parse_object(text, start, specs).map_err(|e| e.record_message(line))?;
    match skip_ws(text.as_bytes(), end) == text.len() {
        true => Ok(values),
        false => {
            Err(ObjectError::Broken(Break::at(end, "text after the end of the record".into())).record_message(line))
        }
    }
}

/// Why [`parse_object`] failed.
pub(crate) enum ObjectError {
    /// The value is not an object; what it is instead.
    NotObject(String),
    /// A wanted field appears twice.
    Duplicate(String),
    /// The JSON is broken at an offset.
    Broken(Break),
}

impl ObjectError {
    /// The sentence for a record that should have described a device; `line` gives the
    /// line of an offset.
    pub(crate) fn record_message(self, line: impl FnOnce(usize) -> usize) -> String {
        match self {
            ObjectError::NotObject(what) => format!("the record is {what}, expected an object describing a device"),
            other => other.message(line),
        }
    }

    /// The sentence for any object; `line` gives the line of an offset.
    pub(crate) fn message(self, line: impl FnOnce(usize) -> usize) -> String {
        match self {
            ObjectError::NotObject(what) => format!("found {what}, expected an object"),
            ObjectError::Duplicate(key) => format!("the field \"{key}\" appears twice"),
            ObjectError::Broken(b) => format!("the record is not valid JSON: {} (line {})", b.what, line(b.offset)),
        }
    }
}

/// What [`read_object`] learned of the n-th field of the last record it read: the key as it
/// was written (when it had no escapes) and which spec that key is (`u8::MAX`: none; a list
/// of specs has fewer than 255).
#[derive(Clone, Copy)]
pub(crate) struct Hint<'a> {
    key: Option<&'a str>,
    spec: u8,
}

/// Reads the object that starts at `start` in `doc` into `out` (cleared, then one slot per
/// spec, in the order of `specs`): the wanted fields' values. Returns the offset just after
/// the object. `out` is the caller's, so reading a whole document reuses one buffer.
///
/// `hints` (also the caller's, kept across the records of a document read with the same
/// `specs`) remembers the n-th key of the last record and which spec it was: exports write
/// every record's fields in the same order, so a key is almost always the one the last record
/// had at its place, found by comparing its bytes once, without scanning it for escapes or
/// comparing it with every spec. That holds for the fields a format skips too: a Graph export
/// has dozens of fields a device (26 in the page's sample), of which the planner reads 10.
pub(crate) fn read_object<'a>(
    doc: &'a str,
    start: usize,
    specs: &[FieldSpec],
    out: &mut Vec<Option<Scalar<'a>>>,
    hints: &mut Vec<Hint<'a>>,
) -> Result<usize, ObjectError> {
    debug_assert!(specs.len() < usize::from(u8::MAX), "a hint's spec is a u8 below u8::MAX");
    out.clear();
    out.resize(specs.len(), None);
    let reader = Reader { text: doc, b: doc.as_bytes() };
    if reader.b.get(start) != Some(&b'{') {
        let what = reader.value(start, true).map_or_else(|_| "not valid JSON".to_string(), |(v, _)| v.describe());
        return Err(ObjectError::NotObject(what));
    }
    let mut duplicate = None;
    let mut nth = 0;
    let expected = Cell::new(hints.first().and_then(|h| h.key));
    reader
        .fields_expecting(start, &expected, |key, exact, at, reader| {
            // A key written exactly as the last record's at this place is the spec (or none)
            // that key was: with the same specs, which spec a key is depends on its text alone.
            let found = match hints.get(nth) {
                Some(h) if exact => specs.get(usize::from(h.spec)).map(|_| usize::from(h.spec)),
                // Exports usually spell names exactly as the specs do; case differences are rarer.
                _ => specs.iter().position(|spec| spec.name == &**key).or_else(|| {
                    specs.iter().position(|spec| spec.name.len() == key.len() && spec.name.eq_ignore_ascii_case(key))
                }),
            };
            let remembered = Hint {
                key: match key {
                    Cow::Borrowed(written) => Some(*written),
                    Cow::Owned(_) => None,
                },
                spec: found.and_then(|i| u8::try_from(i).ok()).unwrap_or(u8::MAX),
            };
            match hints.get_mut(nth) {
                Some(h) => *h = remembered,
                None => hints.push(remembered),
            }
            nth += 1;
            expected.set(hints.get(nth).and_then(|h| h.key));
            match found {
                Some(i) if out[i].is_some() => {
                    duplicate = Some(key.to_string());
                    Err(Break::stop())
                }
                Some(i) => {
                    let (value, end) = reader.value(at, specs[i].nested)?;
                    out[i] = Some(value);
                    Ok(end)
                }
                None => skip_value(reader.b, at),
            }
        })
        .map_err(|b| match duplicate.take() {
            Some(key) => ObjectError::Duplicate(key),
            None => ObjectError::Broken(b),
        })
}

/// [`read_object`] into a fixed array, for readers with a known set of fields.
pub(crate) fn parse_object<'a, const N: usize>(
    doc: &'a str,
    start: usize,
    specs: &[FieldSpec; N],
) -> Result<([Option<Scalar<'a>>; N], usize), ObjectError> {
    let mut fields = Vec::with_capacity(N);
    let end = read_object(doc, start, specs, &mut fields, &mut Vec::new())?;
    let mut out: [Option<Scalar<'a>>; N] = std::array::from_fn(|_| None);
    for (slot, value) in out.iter_mut().zip(fields) {
        *slot = value;
    }
    Ok((out, end))
}

/// An object's fields in document order.
pub(crate) type Entries<'a> = Vec<(Cow<'a, str>, Scalar<'a>)>;

/// Every field of the object starting at `start`, in order, with nested objects and lists
/// kept as raw text ([`Scalar::Raw`]); and the offset just after the object. For small
/// hand-checked documents (options, release catalogs), where every field matters.
pub(crate) fn object_entries<'a>(doc: &'a str, start: usize) -> Result<(Entries<'a>, usize), ObjectError> {
    let reader = Reader { text: doc, b: doc.as_bytes() };
    if reader.b.get(start) != Some(&b'{') {
        let what = reader.value(start, true).map_or_else(|_| "not valid JSON".to_string(), |(v, _)| v.describe());
        return Err(ObjectError::NotObject(what));
    }
    let mut entries: Entries<'a> = Vec::new();
    // Keys seen, for the duplicate check: a scan of a few keys, a set beyond that (a
    // catalog or options object with 100,000 keys must not cost 10^10 comparisons).
    let mut seen: crate::hash::FastSet<String> = Default::default();
    let mut duplicate = None;
    let end = reader
        .fields(start, |key, at, reader| {
            let again = match entries.len() {
                0..=16 => entries.iter().any(|(k, _)| k == key),
                17 => {
                    seen.extend(entries.iter().map(|(k, _)| k.to_string()));
                    !seen.insert(key.to_string())
                }
                _ => !seen.insert(key.to_string()),
            };
            if again {
                duplicate = Some(key.to_string());
                return Err(Break::stop());
            }
            let (value, end) = reader.value(at, true)?;
            // Keys are read into a fresh Cow by `fields`; keep an owned copy (documents
            // read this way are small).
            entries.push((Cow::Owned(key.to_string()), value));
            Ok(end)
        })
        .map_err(|b| match duplicate.take() {
            Some(key) => ObjectError::Duplicate(key),
            None => ObjectError::Broken(b),
        })?;
    Ok((entries, end))
}

/// The elements of a JSON list given as raw text, nested values kept raw; `Err` with the
/// offset and a phrase when it is not a well-formed list.
pub(crate) fn list_elements(text: &str) -> Result<Vec<Scalar<'_>>, Break> {
    let reader = Reader { text, b: text.as_bytes() };
    let b = reader.b;
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'[') {
        return Err(Break::at(i, "expected a list".into()));
    }
    let mut out = Vec::new();
    i = skip_ws(b, i + 1);
    if b.get(i) == Some(&b']') {
        return Ok(out);
    }
    loop {
        let (value, end) = reader.value(i, true)?;
        out.push(value);
        i = skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = skip_ws(b, i + 1),
            Some(b']') => return Ok(out),
            _ => return Err(Break::at(i, "expected \",\" or \"]\" in a list".into())),
        }
    }
}

/// The keys of a JSON object, in order; empty if `text` is not a readable object.
pub(crate) fn object_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let start = skip_ws(text.as_bytes(), 0);
    let reader = Reader { text, b: text.as_bytes() };
    if reader.b.get(start) != Some(&b'{') {
        return keys;
    }
    let read = reader.fields(start, |key, at, reader| {
        keys.push(key.to_string());
        skip_value(reader.b, at)
    });
    if read.is_err() {
        keys.clear();
    }
    keys
}

/// The keys of a JSON object read before any syntax error, and the error (its offset in
/// `text`); no keys when `text` is not an object.
#[cfg(feature = "extra-formats")]
pub(crate) fn object_keys_checked(text: &str) -> (Vec<String>, Option<Break>) {
    let mut keys = Vec::new();
    let start = skip_ws(text.as_bytes(), 0);
    let reader = Reader { text, b: text.as_bytes() };
    if reader.b.get(start) != Some(&b'{') {
        return (keys, None);
    }
    let read = reader.fields(start, |key, at, reader| {
        keys.push(key.to_string());
        // The value is checked, not only skipped, so a syntax error in it is found here.
        reader.value(at, true).map(|(_, end)| end)
    });
    (keys, read.err())
}

/// The value starting at `at` (nested objects and lists kept raw) and where it ends: for the
/// fuzz targets, which read whole documents through the same reader.
#[cfg(feature = "fuzzing")]
pub(crate) fn value_at(text: &str, at: usize) -> Result<(Scalar<'_>, usize), Break> {
    Reader { text, b: text.as_bytes() }.value(at, true)
}

/// The text of the JSON string `quoted` (quotes included), unescaped; `None` when it is not
/// one well-formed string.
pub(crate) fn string_text(quoted: &str) -> Option<String> {
    let (text, end) = Reader { text: quoted, b: quoted.as_bytes() }.string(0).ok()?;
    (end == quoted.len()).then(|| text.into_owned())
}

/// A single JSON value of any kind (for describing what a record is instead of an object).
#[cfg(test)]
fn parse_value(text: &str) -> Result<Scalar<'_>, String> {
    let reader = Reader { text, b: text.as_bytes() };
    let (value, end) = reader.value(skip_ws(text.as_bytes(), 0), false).map_err(|b| b.what)?;
    match skip_ws(text.as_bytes(), end) == text.len() {
        true => Ok(value),
        false => Err("text after the value".into()),
    }
}

/// The one-pass reader over a record in a document. Failures are [`Break`]s (an offset and
/// a phrase): the caller words them, with line numbers only when one is needed.
struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Walks the fields of the object at `start`, calling `field(key, value_start, self)`,
    /// which returns where the value ends. Checks the punctuation between fields; returns
    /// the offset just after the object.
    fn fields(
        &self,
        start: usize,
        mut field: impl FnMut(&str, usize, &Self) -> Result<usize, Break>,
    ) -> Result<usize, Break> {
        self.fields_expecting(start, &Cell::new(None), |key, _, at, reader| field(key, at, reader))
    }

    /// [`Reader::fields`], where `expected` holds the key the next one is likely to be (the
    /// callback updates it): a key that is exactly that text, closing quote included, is taken
    /// as it is written, without scanning it for escapes. An expected key has no quote,
    /// backslash or control character (a key read before without escapes), so the key's text
    /// is that text. The callback's second argument says whether the key was the expected one.
    fn fields_expecting(
        &self,
        start: usize,
        expected: &Cell<Option<&'a str>>,
        mut field: impl FnMut(&Cow<'a, str>, bool, usize, &Self) -> Result<usize, Break>,
    ) -> Result<usize, Break> {
        let b = self.b;
        let mut i = skip_ws(b, start + 1);
        if b.get(i) == Some(&b'}') {
            i += 1;
        } else {
            loop {
                if b.get(i) != Some(&b'"') {
                    let what = match b.get(i) {
                        Some(b'}') => "trailing comma".to_string(),
                        Some(c) => format!("expected a field name in quotes, found {}", show(*c)),
                        None => "the object is not closed".to_string(),
                    };
                    return Err(Break::at(i, what));
                }
                let written = expected.get().filter(|name| {
                    b.get(i + 1..i + 2 + name.len())
                        .is_some_and(|k| k[name.len()] == b'"' && &k[..name.len()] == name.as_bytes())
                });
                let (key, key_end) = match written {
                    Some(name) => (Cow::Borrowed(&self.text[i + 1..i + 1 + name.len()]), i + 2 + name.len()),
                    None => self.string(i)?,
                };
                i = skip_ws(b, key_end);
                if b.get(i) != Some(&b':') {
                    return Err(Break::at(i, "expected \":\" after a field name".into()));
                }
                i = skip_ws(b, i + 1);
                i = skip_ws(b, field(&key, written.is_some(), i, self)?);
                match b.get(i) {
                    Some(b',') => i = skip_ws(b, i + 1),
                    Some(b'}') => {
                        i += 1;
                        break;
                    }
                    Some(c) => return Err(Break::at(i, format!("expected \",\" or \"}}\", found {}", show(*c)))),
                    None => return Err(Break::at(i, "the object is not closed".into())),
                }
            }
        }
        Ok(i)
    }

    /// The value starting at `at` and where it ends. `keep_nested` keeps an object or list
    /// as raw text; otherwise it is skipped.
    fn value(&self, at: usize, keep_nested: bool) -> Result<(Scalar<'a>, usize), Break> {
        let b = self.b;
        match b.get(at) {
            Some(b'"') => {
                let (text, end) = self.string(at)?;
                Ok((Scalar::Text(text), end))
            }
            Some(c @ (b'{' | b'[')) => {
                let end = skip_value(b, at)?;
                let value = match (keep_nested, c) {
                    (true, _) => Scalar::Raw(&self.text[at..end]),
                    (false, b'{') => Scalar::Object,
                    (false, _) => Scalar::Array,
                };
                Ok((value, end))
            }
            Some(b't') if b[at..].starts_with(b"true") => Ok((Scalar::Bool(true), at + 4)),
            Some(b'f') if b[at..].starts_with(b"false") => Ok((Scalar::Bool(false), at + 5)),
            Some(b'n') if b[at..].starts_with(b"null") => Ok((Scalar::Null, at + 4)),
            Some(b'-' | b'0'..=b'9') => self.number(at),
            Some(c) => Err(Break::at(at, format!("expected a value, found {}", show(*c)))),
            None => Err(Break::at(at, "a value is missing".into())),
        }
    }

    /// A JSON number (RFC 8259 grammar): an integer when it fits, else kept as written.
    fn number(&self, at: usize) -> Result<(Scalar<'a>, usize), Break> {
        let b = self.b;
        let digits = |mut i: usize| {
            let from = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            (i, i - from)
        };
        let mut i = at + usize::from(b[at] == b'-');
        let (after_int, n) = digits(i);
        if n == 0 || (n > 1 && b[i] == b'0') {
            return Err(Break::at(at, "a number is written wrongly".into()));
        }
        i = after_int;
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            let (after, n) = digits(i + 1);
            if n == 0 {
                return Err(Break::at(at, "a number is written wrongly".into()));
            }
            i = after;
            integer = false;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1 + usize::from(matches!(b.get(i + 1), Some(b'+' | b'-')));
            let (after, n) = digits(i);
            if n == 0 {
                return Err(Break::at(at, "a number is written wrongly".into()));
            }
            i = after;
            integer = false;
        }
        let written = &self.text[at..i];
        let value = if integer {
            written
                .parse::<i64>()
                .map(Scalar::Int)
                .or_else(|_| written.parse::<u64>().map(Scalar::UInt))
                .unwrap_or(Scalar::Number(written))
        } else {
            Scalar::Number(written)
        };
        Ok((value, i))
    }

    /// The string whose opening quote is at `at`, unescaped, and where it ends.
    fn string(&self, at: usize) -> Result<(Cow<'a, str>, usize), Break> {
        let scanned = scan_string(self.b, at)?;
        let end = scanned.end;
        let inner = &self.text[at + 1..end - 1];
        let escape = scanned.escaped;
        if scanned.control {
            let c = inner.bytes().position(|c| c < 0x20).unwrap_or(0);
            return Err(Break::at(at + 1 + c, "a text contains a control character; it must be escaped".into()));
        }
        if !escape {
            return Ok((Cow::Borrowed(inner), end));
        }
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.char_indices();
        while let Some((pos, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let bad = || Break::at(at + 1 + pos, "a text has an invalid escape".into());
            match chars.next().map(|(_, e)| e) {
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('/') => out.push('/'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let unit = hex4(&mut chars).ok_or_else(bad)?;
                    let code = if (0xD800..0xDC00).contains(&unit) {
                        // A high surrogate pairs with a following \u low surrogate. Alone, it
                        // reads as U+FFFD and what follows it is read as usual.
                        let mut ahead = chars.clone();
                        let low = match (ahead.next(), ahead.next()) {
                            (Some((_, '\\')), Some((_, 'u'))) => {
                                hex4(&mut ahead).filter(|l| (0xDC00..0xE000).contains(l))
                            }
                            _ => None,
                        };
                        if low.is_some() {
                            chars = ahead;
                        }
                        low.map(|l| 0x10000 + ((unit - 0xD800) << 10) + (l - 0xDC00))
                    } else {
                        Some(unit)
                    };
                    out.push(code.and_then(char::from_u32).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                _ => return Err(bad()),
            }
        }
        Ok((Cow::Owned(out), end))
    }
}

/// Four hex digits of a `\u` escape.
fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(value)
}

fn show(c: u8) -> String {
    match c {
        0x20..=0x7E => format!("\"{}\"", c as char),
        _ => format!("the byte 0x{c:02X}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(json: &str) -> Scalar<'_> {
        parse_value(json).unwrap()
    }

    /// Issue 12: duplicate keys are found among a few keys and among many (through a set, so a
    /// 100,000-key object costs linear time).
    #[test]
    fn duplicate_keys_are_found_among_few_and_many() {
        let object = |n: usize, again: usize| {
            let mut keys: Vec<String> = (0..n).map(|i| format!("\"k{i}\":{i}")).collect();
            keys.push(format!("\"k{again}\":0"));
            format!("{{{}}}", keys.join(","))
        };
        for (n, again) in [(3, 1), (17, 16), (18, 0), (40, 39)] {
            let text = object(n, again);
            assert!(
                matches!(object_entries(&text, 0), Err(ObjectError::Duplicate(k)) if k == format!("k{again}")),
                "{n} keys"
            );
        }
        let distinct = format!("{{{}}}", (0..40).map(|i| format!("\"k{i}\":{i}")).collect::<Vec<_>>().join(","));
        assert_eq!(object_entries(&distinct, 0).map(|(e, _)| e.len()).ok(), Some(40));
    }

    /// A key that is byte for byte the field the last record had at that place is taken
    /// without scanning it; every other key (longer, escaped, another field, fields in
    /// another order) still reads as the name it spells.
    #[test]
    fn keys_read_the_same_whether_or_not_they_are_the_expected_field() {
        const SPECS: [FieldSpec; 3] = [field("name"), field("build"), field("ubr")];
        let mut out = Vec::new();
        let mut hints = Vec::new();
        // The values read, as text (a borrowed and an owned text read the same).
        let mut read = |text: &'static str| match read_object(text, 0, &SPECS, &mut out, &mut hints) {
            Ok(_) => {
                out.iter().map(|v| v.as_ref().map_or(String::new(), Scalar::describe)).collect::<Vec<_>>().join("|")
            }
            Err(ObjectError::Duplicate(key)) => format!("duplicate {key}"),
            Err(_) => "broken".to_string(),
        };
        let values = |name: &str, build: i64| format!("the text \"{name}\"|the number {build}|");
        assert_eq!(read(r#"{"name":"A","build":1}"#), values("A", 1));
        // The same order: both keys as expected.
        assert_eq!(read(r#"{"name":"B","build":2}"#), values("B", 2));
        // A longer key that starts with the expected name is another field.
        assert_eq!(read(r#"{"names":"x","name":"C","build":3}"#), values("C", 3));
        // An escaped key spells the name; fields in another order.
        assert_eq!(read(r#"{"bu\u0069ld":4,"n\u0061me":"D"}"#), values("D", 4));
        assert_eq!(read(r#"{"build":5,"name":"E"}"#), values("E", 5));
        // The expected name again, after another order.
        assert_eq!(read(r#"{"build":6,"name":"F","build":7}"#), "duplicate build");
        // A key cut short by the end of the text is broken JSON, not the expected name.
        assert_eq!(read(r#"{"build":8,"name"#), "broken");
    }

    #[test]
    fn reads_any_value() {
        assert_eq!(s(r#""a""#), Scalar::Text(Cow::Borrowed("a")));
        assert_eq!(s(r#""a\n\u00e9\ud83d\ude00\/""#), Scalar::Text(Cow::Owned("a\né😀/".into())));
        assert_eq!(s(r#""\ud83d""#), Scalar::Text(Cow::Owned("\u{FFFD}".into())), "a lone surrogate");
        // What follows a lone surrogate is kept: text, another escape, a lone low surrogate.
        assert_eq!(s(r#""a\ud800-04""#), Scalar::Text(Cow::Owned("a\u{FFFD}-04".into())));
        assert_eq!(s(r#""\ud800\u0041\n""#), Scalar::Text(Cow::Owned("\u{FFFD}A\n".into())));
        assert_eq!(s(r#""\udc00x\ud83d\ude00""#), Scalar::Text(Cow::Owned("\u{FFFD}x\u{1F600}".into())));
        assert_eq!(s(r#""\ud800\ud83d\ude00""#), Scalar::Text(Cow::Owned("\u{FFFD}\u{1F600}".into())));
        assert_eq!(s("12"), Scalar::Int(12));
        assert_eq!(s("-12"), Scalar::Int(-12));
        assert_eq!(s("18446744073709551615"), Scalar::UInt(u64::MAX));
        assert_eq!(s("99999999999999999999999"), Scalar::Number("99999999999999999999999"));
        assert_eq!(s("1e400000").describe(), "the number 1e400000");
        assert_eq!(s("1.5").describe(), "the number 1.5");
        assert_eq!(s("[1,[2]]"), Scalar::Array);
        assert_eq!(s(r#"{"a":{"b":1}}"#), Scalar::Object);
        assert_eq!(s("null"), Scalar::Null);
        for bad in ["01", "1.", "-", "1e", "tru", "\"a\\x\"", "\"a\u{1}\"", "\"abc"] {
            assert!(parse_value(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn records_keep_only_wanted_fields() {
        let specs = [field("name"), field("ubr"), nested("hw")];
        let [name, ubr, hw] =
            parse_record(r#"{"Name":"A","x":[1,{"y":2}],"hw":{"vbs":"running"},"ubr":5}"#, &specs, 1).unwrap();
        assert_eq!(name, Some(Scalar::Text(Cow::Borrowed("A"))), "names match ignoring ASCII case");
        assert_eq!(ubr, Some(Scalar::Int(5)));
        assert_eq!(hw, Some(Scalar::Raw(r#"{"vbs":"running"}"#)));
        for (record, message) in [
            (r#"{"name":"A","NAME":"B"}"#, "the field \"NAME\" appears twice"),
            ("{\"name\":\"A\",\n}", "the record is not valid JSON: trailing comma (line 4)"),
            (r#"{"name" "A"}"#, "the record is not valid JSON: expected \":\" after a field name (line 3)"),
            (r#"{"name":"A" "ubr":5}"#, "the record is not valid JSON: expected \",\" or \"}\", found \"\"\" (line 3)"),
            (r#"{"ubr":07}"#, "the record is not valid JSON: a number is written wrongly (line 3)"),
            (
                "{\"name\":\"a\u{0}b\"}",
                "the record is not valid JSON: a text contains a control character; it must be escaped (line 3)",
            ),
            (r#"[1]"#, "the record is a list, expected an object describing a device"),
            (r#""LAP-01""#, "the record is the text \"LAP-01\", expected an object describing a device"),
        ] {
            assert_eq!(parse_record(record, &specs, 3).unwrap_err(), message, "{record}");
        }
    }

    #[test]
    fn field_order_hints_never_change_what_is_read() {
        // The hints from one record's order must not misplace the next record's fields,
        // whatever order, case or duplicates it has.
        let specs = [field("name"), field("ubr"), field("arch")];
        let (mut out, mut hints) = (Vec::new(), Vec::new());
        let mut read = |record: &'static str| {
            read_object(record, 0, &specs, &mut out, &mut hints).map(|_| out.clone()).map_err(|e| e.message(|_| 1))
        };
        let t = |s: &'static str| Some(Scalar::Text(Cow::Borrowed(s)));
        assert_eq!(read(r#"{"name":"A","ubr":1,"arch":"x64"}"#), Ok(vec![t("A"), Some(Scalar::Int(1)), t("x64")]));
        assert_eq!(read(r#"{"arch":"arm64","x":0,"name":"B"}"#), Ok(vec![t("B"), None, t("arm64")]));
        assert_eq!(read(r#"{"NAME":"C","ubr":3}"#), Ok(vec![t("C"), Some(Scalar::Int(3)), None]));
        assert_eq!(read(r#"{"name":"D","name":"E"}"#), Err("the field \"name\" appears twice".to_string()));
        assert_eq!(read(r#"{"name":"F","ubr":6,"arch":"x86"}"#), Ok(vec![t("F"), Some(Scalar::Int(6)), t("x86")]));
        // Keys a reader skips are remembered too: the same unknown key at the same place is
        // skipped again, a spec's name where an unknown key was is still read, and a key
        // matched ignoring case stays that spec (and a duplicate of it).
        assert_eq!(read(r#"{"x":1,"NAME":"G","ubr":7}"#), Ok(vec![t("G"), Some(Scalar::Int(7)), None]));
        assert_eq!(read(r#"{"x":{"name":"no"},"NAME":"H","ubr":8}"#), Ok(vec![t("H"), Some(Scalar::Int(8)), None]));
        assert_eq!(read(r#"{"name":"I","x":2,"ubr":9}"#), Ok(vec![t("I"), Some(Scalar::Int(9)), None]));
        assert_eq!(read(r#"{"name":"J","NAME":"K"}"#), Err("the field \"NAME\" appears twice".to_string()));
        assert_eq!(read(r#"{"x":3,"NAME":"L","name":"M"}"#), Err("the field \"name\" appears twice".to_string()));
        assert_eq!(read(r#"{"\u0078":4,"arch":"arm64"}"#), Ok(vec![None, None, t("arm64")]));
        assert_eq!(read(r#"{"x":5,"arch":"x64"}"#), Ok(vec![None, None, t("x64")]));
    }

    #[test]
    fn lenient_readers() {
        assert_eq!(s(r#"" 26100 ""#).whole(), Ok(Some(26100)));
        assert_eq!(s("26100").whole(), Ok(Some(26100)));
        assert_eq!(s("26100.0").whole(), Ok(Some(26100)));
        assert_eq!(s("-1").whole(), Err(()));
        assert_eq!(s("26100.5").whole(), Err(()));
        assert_eq!(s(r#""26100.1""#).whole(), Err(()));
        assert_eq!(s(r#""True""#).boolean(), Ok(Some(true)));
        assert_eq!(s("0").boolean(), Ok(Some(false)));
        assert_eq!(s(r#""  ""#).text(), Ok(None));
        assert_eq!(s("12345").describe(), "the number 12345");
        assert_eq!(s("\"a\\u0001b\"").describe(), "the text \"a\\u{1}b\"");
    }

    #[test]
    fn object_keys_are_listed_in_order() {
        assert_eq!(object_keys(r#"{"b":1,"a":{"x":[1]}}"#), ["b", "a"]);
        assert!(object_keys("[1]").is_empty());
        assert!(object_keys(r#"{"a":1,}"#).is_empty());
    }
}
