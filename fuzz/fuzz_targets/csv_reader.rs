//! Differential: the planner's CSV reader against the `csv` crate on RFC 4180 input. The
//! fuzzer's bytes are a table (rows split by 0x1e, cells by 0x1f; the first byte picks the
//! dialect); the `csv` crate writes it, and the planner must read back the same cells on the
//! same lines the `csv` crate's reader reports, with rows of blank cells dropped (by design:
//! Excel leaves them after deleting rows). The delimiter is the planner's to sniff from the
//! header line, so `;` and tab tables have a header that names it.
//!
//! Then the same text is evaluated as an Intune CSV export: its record count must be the
//! number of data rows counted from the table above (not from the report), and every row must
//! end in exactly one device, other device or error.
#![no_main]

use hotpatch_planner::fuzzing::read_csv;
use hotpatch_planner::{evaluate, Date, EvaluateOptions, Format, Formats, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&dialect, rest)) = data.split_first() else { return };
    let Ok(body) = std::str::from_utf8(rest) else { return };
    let delimiter = [b',', b';', b'\t'][usize::from(dialect & 3) % 3];
    let terminator = match dialect >> 2 & 3 {
        0 => csv::Terminator::Any(b'\n'),
        1 => csv::Terminator::CRLF,
        _ => csv::Terminator::Any(b'\r'),
    };
    let always = dialect & 0x10 != 0;
    let quote_style = if always { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary };
    let mut table: Vec<Vec<&str>> = body.split('\x1e').map(|row| row.split('\x1f').collect()).collect();
    // Half the inputs get Intune's header, so the evaluation below reads their rows.
    if dialect & 0x20 != 0 {
        table.insert(0, vec!["Device name", "OS", "OS version", "Azure AD Device ID"]);
    }
    let Some(first) = table.first() else { return };
    // The planner sniffs the delimiter from the header line: it must be there to find, and
    // the header must not be an Excel `sep=` line, which names a delimiter of its own.
    let holds_delimiters = first.iter().any(|c| c.contains([',', ';', '\t']));
    if (holds_delimiters && !always)
        || (delimiter != b',' && (first.len() < 2 || is_blank(first)))
        || first.first().is_some_and(|c| c.trim_start_matches('\u{feff}').starts_with("sep="))
    {
        return;
    }

    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(terminator)
        .quote_style(quote_style)
        .flexible(true)
        .from_writer(Vec::new());
    for row in &table {
        writer.write_record(row).expect("writing to memory");
    }
    let text = String::from_utf8(writer.into_inner().expect("flushed")).expect("UTF-8 in, UTF-8 out");

    // The reference reader: its records and the lines they start on.
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut reference = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        // Where the next record starts, as a line counted by LF (as the planner counts).
        let byte = reader.position().byte() as usize;
        if !reader.read_record(&mut record).expect("the csv crate reads what it wrote") {
            break;
        }
        // The csv crate stops inside a CRLF and skips empty lines: the record itself starts
        // after every line break there.
        let byte = byte + text.as_bytes()[byte..].iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        let line = 1 + text.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count();
        reference.push((line, record.iter().map(str::to_string).collect::<Vec<_>>()));
    }
    let mut expected: Vec<Vec<String>> =
        table.iter().filter(|row| !is_blank(row)).map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
    // A byte-order mark that starts the text is the encoding's, not the first cell's: the csv
    // crate's reader drops it, and so does the planner's decoding (`inventory::text`) before
    // its CSV reader sees the text.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            if let Some(cell) = expected.first_mut().and_then(|row| row.first_mut()) {
                cell.replace_range(..'\u{feff}'.len_utf8(), "");
            }
            // A first row that held only the mark is blank without it: both readers skip it.
            if expected.first().is_some_and(|row| is_blank(row)) {
                expected.remove(0);
            }
            rest.to_string()
        }
        None => text,
    };
    let reference_cells: Vec<Vec<String>> =
        reference.iter().filter(|(_, cells)| !is_blank(cells)).map(|(_, cells)| cells.clone()).collect();
    assert_eq!(reference_cells, expected, "the csv crate reads back what it wrote");

    let ours = read_csv(&text);
    assert!(ours.error.is_none(), "the planner fails on RFC 4180 text: {:?}\n{text:?}", ours.error);
    let mut read: Vec<Vec<String>> = Vec::new();
    if !ours.header.is_empty() || !ours.rows.is_empty() {
        read.push(ours.header.clone());
    }
    read.extend(ours.rows.iter().map(|(_, cells)| cells.clone()));
    assert_eq!(read, expected, "cells differ from what was written: {text:?}");
    // The csv crate counts lines by LF only; with CR-only endings its lines mean nothing.
    if !matches!(terminator, csv::Terminator::Any(b'\r')) {
        let lines: Vec<usize> =
            reference.iter().filter(|(_, cells)| !is_blank(cells)).skip(1).map(|(line, _)| *line).collect();
        let ours_lines: Vec<usize> = ours.rows.iter().map(|(line, _)| *line).collect();
        assert_eq!(ours_lines, lines, "rows start on other lines than the csv crate says: {text:?}");
    }

    // Accounting from the input: every data row of the table is one record.
    let rows = expected.len().saturating_sub(1);
    let mut options = EvaluateOptions::new(Date::parse("2026-10-20").expect("a date"));
    options.format = Formats::All(Format::IntuneCsv);
    let report = evaluate(&[Input::Text(&text)], &options).expect("options are valid");
    let info = &report.inputs[0];
    let errors: Vec<_> = report.errors.iter().collect();
    if errors.iter().any(|e| e.record.is_none()) {
        assert!(errors.len() == 1 && report.devices.is_empty(), "a document error stands alone");
        return;
    }
    assert_eq!(info.records, rows, "records counted by the report vs rows in the table: {text:?}");
    let mut seen: Vec<usize> = report
        .devices
        .iter()
        .flat_map(|d| d.sources.iter())
        .chain(report.other_devices.iter().flat_map(|d| d.sources.iter()))
        .map(|s| s.record)
        .chain(errors.iter().filter_map(|e| e.record))
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..rows).collect::<Vec<_>>(), "every row exactly once: {text:?}");
});

/// A row the planner drops: every cell blank.
fn is_blank<S: AsRef<str>>(row: &[S]) -> bool {
    row.iter().all(|c| c.as_ref().trim().is_empty())
}
