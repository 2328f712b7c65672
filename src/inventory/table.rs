//! The JSON formats' records read from text that is not JSON: a CSV export (the Log
//! Analytics portal's *Export → CSV* of `UCClient` or `UCClientUpdateStatus`, an
//! `Export-Csv` of any probe) and PowerShell console text (`Format-List`, the default view of
//! `Get-ComputerInfo` and `Get-CimInstance`). Either way each record is a list of names and
//! values, and the names are matched to the format's fields the way CSV headers are
//! (ignoring case, spaces and punctuation, and the portal's ` [UTC]` suffix), so one
//! `facts` function per format reads JSON, CSV and console text alike.

use std::borrow::Cow;

use super::{
    csv::{self, header_key},
    record::{named, FactsFn, JsonFormat, Memo, PROGRESS_EVERY},
    Format, Sink,
};
use crate::json::value::Scalar;

/// One record of console text: the line it starts on and its properties in order.
pub(crate) struct ListRecord<'a> {
    /// The 1-based line of its first property.
    pub line: usize,
    /// Property names and values (continuation lines joined).
    pub fields: Vec<(&'a str, Cow<'a, str>)>,
}

/// Whether text is PowerShell `Format-List` output: its first lines are `Name : value`
/// pairs (names without spaces, aligned colons).
pub(crate) fn looks_like_list(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).take(4);
    let first = lines.next();
    first.is_some_and(|l| property(l).is_some()) && lines.all(|l| property(l).is_some() || l.starts_with(' '))
}

/// Whether text is PowerShell `Format-Table` output: a header line, then a line of dashes
/// under each column.
pub(crate) fn looks_like_console_table(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty());
    let (Some(head), Some(rule)) = (lines.next(), lines.next()) else { return false };
    !head.contains([',', ';', '\t']) && rule.contains("--") && rule.bytes().all(|b| b == b'-' || b == b' ')
}

/// `Name : value` → (name, value); `None` for any other line.
fn property(line: &str) -> Option<(&str, &str)> {
    let end = line.find(|c: char| c.is_whitespace() || c == ':')?;
    let name = &line[..end];
    let rest = line[end..].trim_start_matches(' ');
    let value = rest.strip_prefix(':')?;
    let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    ok.then(|| (name, value.strip_prefix(' ').unwrap_or(value).trim_end()))
}

/// Splits `Format-List` text into records: blank lines separate objects, and a line that
/// starts with spaces continues the value above it (long values wrap at the console width).
pub(crate) fn read_list(text: &str) -> Vec<ListRecord<'_>> {
    let mut records: Vec<ListRecord<'_>> = Vec::new();
    let mut open = false;
    // The console breaks a long value after a space, which stays at the end of the line.
    let mut broke_after_space = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        let after_space = std::mem::replace(&mut broke_after_space, raw.trim_end_matches('\r').ends_with(' '));
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        match property(line) {
            Some((name, value)) if !raw.starts_with(' ') => {
                if !open {
                    records.push(ListRecord { line: i + 1, fields: Vec::new() });
                    open = true;
                }
                if let Some(record) = records.last_mut() {
                    record.fields.push((name, Cow::Borrowed(value)));
                }
            }
            _ => {
                // A wrapped value: the console breaks it at its width, inside words.
                if let Some((_, value)) = records.last_mut().filter(|_| open).and_then(|r| r.fields.last_mut()) {
                    let gap = if after_space { " " } else { "" };
                    *value = Cow::Owned(format!("{value}{gap}{}", line.trim_start()));
                }
            }
        }
    }
    records
}

/// A CSV header or property name as the formats' field names are matched: the portal's
/// ` [UTC]` (or any bracketed unit) dropped, then [`header_key`].
pub(crate) fn name_key(name: &str) -> String {
    let name = name.trim();
    let name = match name.strip_suffix(']').and_then(|n| n.rsplit_once(" [")) {
        Some((bare, _)) => bare,
        None => name,
    };
    header_key(name)
}

/// The names as the format detection compares them: trimmed, without the bracketed unit.
pub(crate) fn detection_names<'n>(names: impl Iterator<Item = &'n str>) -> Vec<String> {
    names
        .map(|n| {
            let n = n.trim().trim_start_matches('\u{feff}');
            n.strip_suffix(']')
                .and_then(|b| b.rsplit_once(" ["))
                .map_or(n, |(bare, _)| bare)
                .trim_matches('"')
                .to_string()
        })
        .collect()
}

/// Reads a CSV table's rows as records of a JSON format, its fields matched to the columns by
/// name; returns how many records the document held.
pub(crate) fn read_csv(table: &csv::Table<'_>, format: &JsonFormat, sink: &mut Sink<'_>) -> usize {
    let columns: Vec<Option<usize>> = format
        .specs
        .iter()
        .map(|s| {
            let key = name_key(s.name);
            table.header.iter().position(|h| name_key(h) == key)
        })
        .collect();
    read_rows(table, &columns, format.facts, format.names, sink)
}

/// Reads every row of a CSV table: `columns` gives, for each value `facts` takes, the column
/// that holds it. A row with more cells than the header, or whose facts cannot be read, is an
/// error naming its row and line; an unclosed quote ends the table with one more. Returns how
/// many records the document held (rows, and that unreadable rest).
pub(crate) fn read_rows(
    table: &csv::Table<'_>,
    columns: &[Option<usize>],
    facts: FactsFn,
    names: &str,
    sink: &mut Sink<'_>,
) -> usize {
    let mut memo = Memo::new(table.rows.bytes());
    let mut values: Vec<Option<Scalar<'_>>> = Vec::with_capacity(columns.len());
    let mut rows = table.rows.clone();
    let mut count = 0;
    while let Some(row) = rows.next() {
        let i = count;
        count += 1;
        if i % PROGRESS_EVERY == 0 && i > 0 {
            sink.reached(rows.offset());
        }
        let row = match row {
            Ok(row) => row,
            Err((line, message)) => {
                sink.row_error(i, line, message, super::code::ROW_SYNTAX);
                break;
            }
        };
        if row.cells.len() > table.header.len() {
            sink.row_error(
                i,
                row.line,
                too_many(i, row.line, row.cells.len(), table.header.len()),
                super::code::ROW_COLUMNS,
            );
            continue;
        }
        values.clear();
        values.extend(columns.iter().map(|c| cell(c.and_then(|at| row.cells.get(at)))));
        match facts(&values, &mut memo).and_then(|f| named(f, names)) {
            Ok(facts) => sink.record(i, facts),
            Err(p) => sink.row_error(i, row.line, format!("row {i} (line {}): {}", row.line, p.message), p.code),
        }
    }
    count
}

/// "row 3 (line 5) has 9 fields but the header has 8".
pub(crate) fn too_many(i: usize, line: usize, cells: usize, header: usize) -> String {
    format!("row {i} (line {line}) has {cells} fields but the header has {header}")
}

/// A cell as a value: text, with an empty cell read as absent.
fn cell<'a>(value: Option<&Cow<'a, str>>) -> Option<Scalar<'a>> {
    // Borrowed from the document (a row lives only while it is read); a cell that had to be
    // unquoted into a new string (rare) is copied.
    value.filter(|v| !v.trim().is_empty()).map(|v| Scalar::Text(v.clone()))
}

/// Reads console records as records of a JSON format; returns how many there were.
pub(crate) fn read_list_records(records: &[ListRecord<'_>], format: &JsonFormat, sink: &mut Sink<'_>) -> usize {
    let keys: Vec<String> = format.specs.iter().map(|s| name_key(s.name)).collect();
    // A console record is a few hundred bytes of text.
    let mut memo = Memo::new(records.len().saturating_mul(256));
    let mut values: Vec<Option<Scalar<'_>>> = Vec::with_capacity(keys.len());
    for (i, record) in records.iter().enumerate() {
        values.clear();
        values.resize(keys.len(), None);
        for (name, value) in &record.fields {
            let key = name_key(name);
            if let Some(at) = keys.iter().position(|k| *k == key) {
                values[at] = cell(Some(value));
            }
        }
        match (format.facts)(&values, &mut memo).and_then(|f| named(f, format.names)) {
            Ok(facts) => sink.record(i, facts),
            Err(p) => {
                sink.row_error(i, record.line, format!("object {i} (line {}): {}", record.line, p.message), p.code)
            }
        }
    }
    records.len()
}

/// The formats whose console text (`Format-List`) says every fact they read plainly; other
/// console output loses values (nested objects print as type names), so it gets an error
/// with the `ConvertTo-Json` command instead.
pub(crate) const LIST_FORMATS: [Format; 3] = [Format::ComputerInfo, Format::DeviceGuard, Format::Registry];

/// The PowerShell command that gives a format's data as JSON, for errors about console text.
pub(crate) fn json_command(format: Option<Format>) -> &'static str {
    match format {
        Some(Format::ComputerInfo) => "Get-ComputerInfo | ConvertTo-Json > computerinfo.json",
        Some(Format::DeviceGuard) => "Get-CimInstance -Namespace root\\Microsoft\\Windows\\DeviceGuard -ClassName Win32_DeviceGuard | ConvertTo-Json > deviceguard.json",
        Some(Format::Graph | Format::Autopatch) => "the same Microsoft Graph request with Invoke-MgGraphRequest -OutputFilePath devices.json (its JSON as Graph sends it)",
        Some(Format::UcClient | Format::UcClientUpdateStatus) => "the query's .Results | ConvertTo-Json > ucclient.json, or the Log Analytics portal's Export → CSV",
        _ => "the same command piped to ConvertTo-Json (for example Get-ComputerInfo | ConvertTo-Json > computerinfo.json)",
    }
}
