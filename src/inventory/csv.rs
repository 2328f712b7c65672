//! Reading CSV (RFC 4180): quoted fields with embedded delimiters, doubled quotes and line
//! breaks; CRLF or LF; a delimiter of `,`, `;` (Excel in many European locales saves that
//! way) or tab, chosen from the header line.

use std::borrow::Cow;

use super::text::{fold_case, is_word_char};

/// One data row: its 1-based line and its cells.
pub(crate) struct Row<'a> {
    /// The line the row starts on.
    pub line: usize,
    /// Cells, unquoted.
    pub cells: Vec<Cow<'a, str>>,
}

/// A CSV document: its header, and its data rows read as they are asked for.
pub(crate) struct Table<'a> {
    /// The header row's cells.
    pub header: Vec<Cow<'a, str>>,
    /// The data rows after the header (blank lines skipped).
    pub rows: Rows<'a>,
}

/// The data rows of a [`Table`], each read when it is reached: a reader turns each into a
/// record and drops it, so a million rows never exist at once (the whole table used to be
/// built first, as large as the records made from it). Ends with `Err((line, message))`
/// where the text stops being readable (a quote never closed).
#[derive(Clone)]
pub(crate) struct Rows<'a> {
    text: &'a str,
    delim: u8,
    /// Where the next row starts, and its line; the text's end once the rows are over.
    at: usize,
    line: usize,
    /// How many cells a row has room for from the start: the header's width once it is read
    /// (a row's list grew four times on its way to Intune's 17 columns).
    width: usize,
}

impl<'a> Rows<'a> {
    /// The size of the text the rows are read from, in bytes.
    pub(crate) fn bytes(&self) -> usize {
        self.text.len()
    }

    /// How far into the text the rows have been read, in bytes (for progress).
    pub(crate) fn offset(&self) -> usize {
        self.at
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Result<Row<'a>, (usize, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.at < self.text.len() {
            let start_line = self.line;
            match row(self.text, self.delim, &mut self.at, &mut self.line, self.width) {
                // A row of empty cells (",,,," as Excel leaves after deleting rows) is no record.
                Ok(cells) if cells.iter().all(|c| c.trim().is_empty()) => {}
                Ok(cells) => return Some(Ok(Row { line: start_line, cells })),
                Err(message) => {
                    // Nothing after a quote never closed can be read.
                    self.at = self.text.len();
                    return Some(Err((start_line, message)));
                }
            }
        }
        None
    }
}

/// Where the unquoted cell from byte `i` ends: at the next delimiter or line break, or the
/// text's end. In the Wasm, one SIMD comparison looks at 16 bytes at a time while 16 remain
/// (tested in Chromium by `tests/web.rs`, since native code never takes that path); a row of
/// an Intune export is ~250 bytes, and a byte at a time was most of reading it.
fn cell_end(b: &[u8], i: usize, delim: u8) -> usize {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    let i = {
        use core::arch::wasm32::{u8x16_eq, u8x16_splat, v128_or};
        let ends = |v| {
            v128_or(
                u8x16_eq(v, u8x16_splat(delim)),
                v128_or(u8x16_eq(v, u8x16_splat(b'\n')), u8x16_eq(v, u8x16_splat(b'\r'))),
            )
        };
        match crate::json::scan::first_in_steps_of_16(b, i, ends) {
            Ok(end) => return end,
            Err(rest) => rest,
        }
    };
    i + b[i..].iter().position(|&c| c == delim || c == b'\n' || c == b'\r').unwrap_or(b.len() - i)
}

/// The delimiter of a header line: the most frequent of `,` `;` tab outside quotes.
fn delimiter(first_line: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in first_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Reads `text`'s header and sets up its rows. Never fails: a quote left open ends the rows
/// with an error, the rows before it kept.
pub(crate) fn read(text: &str) -> Table<'_> {
    let first_line = text.lines().next().unwrap_or("");
    // Excel writes `sep=;` as a first line to name the delimiter: honour it and skip it.
    let (delim, at, line) = match excel_separator(first_line) {
        Some(d) => (d, first_line.len() + usize::from(text[first_line.len()..].starts_with("\r\n")) + 1, 2),
        None => (delimiter(header_line(text)), 0, 1),
    };
    let mut rows = Rows { text, delim, at, line, width: 8 };
    // The header is the first row with anything in it. When it cannot be read, the rows
    // start where it does, and give its error.
    let mut after = rows.clone();
    let header = match after.next() {
        Some(Ok(row)) => {
            // At most 64: a header of thousands of cells (a broken file) must not reserve that
            // much for every row.
            rows = Rows { width: row.cells.len().min(64), ..after };
            row.cells
        }
        _ => Vec::new(),
    };
    Table { header, rows }
}

/// One row from byte `*at` (its start), moving `*at` past it and `*lines` past its line breaks:
/// its cells, or why the rest of the text cannot be read (a quote never closed). A function of
/// its own, called per row, because V8 optimises a WebAssembly function for its later calls
/// only (no on-stack replacement): a whole table parsed in one call ran unoptimised the first
/// time (DESIGN.md "The first evaluation").
#[inline(never)]
fn row<'t>(
    text: &'t str,
    delim: u8,
    at: &mut usize,
    lines: &mut usize,
    width: usize,
) -> Result<Vec<Cow<'t, str>>, String> {
    let b = text.as_bytes();
    let (mut i, mut line) = (*at, *lines);
    let start_line = line;
    let mut cells = Vec::with_capacity(width);
    loop {
        // One field.
        if b.get(i) == Some(&b'"') {
            let mut j = i + 1;
            let mut doubled = false;
            loop {
                match b.get(j) {
                    None => {
                        return Err(format!(
                        "a quoted field that starts on line {start_line} is never closed; the rows before it were read"
                    ))
                    }
                    Some(b'"') if b.get(j + 1) == Some(&b'"') => {
                        doubled = true;
                        j += 2;
                    }
                    Some(b'"') => break,
                    Some(b'\n') => {
                        line += 1;
                        j += 1;
                    }
                    Some(_) => j += 1,
                }
            }
            let inner = &text[i + 1..j];
            let mut cell = if doubled { Cow::Owned(inner.replace("\"\"", "\"")) } else { Cow::Borrowed(inner) };
            i = j + 1;
            // Anything between the closing quote and the delimiter is kept, as Excel does.
            let rest = cell_end(b, i, delim) - i;
            if rest > 0 {
                cell = Cow::Owned(format!("{cell}{}", &text[i..i + rest]));
                i += rest;
            }
            cells.push(cell);
        } else {
            let len = cell_end(b, i, delim) - i;
            cells.push(Cow::Borrowed(&text[i..i + len]));
            i += len;
        }
        match b.get(i) {
            Some(&c) if c == delim => i += 1,
            Some(b'\r') => {
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                line += 1;
                break;
            }
            Some(b'\n') => {
                i += 1;
                line += 1;
                break;
            }
            _ => break,
        }
    }
    (*at, *lines) = (i, line);
    Ok(cells)
}

/// The header: the first line with anything on it, up to the first line break outside
/// quotes (CR, LF or CRLF; a quoted header cell may hold a line break). Issue 12: a blank
/// first line, CR-only line endings or such a cell must not hide the delimiter.
fn header_line(text: &str) -> &str {
    let start = text.len() - text.trim_start_matches(['\r', '\n']).len();
    let b = text.as_bytes();
    let mut quoted = false;
    let mut end = start;
    while end < b.len() {
        match b[end] {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ => {}
        }
        end += 1;
    }
    &text[start..end]
}

/// The delimiter named by Excel's `sep=X` first line.
fn excel_separator(first_line: &str) -> Option<u8> {
    let rest = first_line.trim_start_matches('\u{feff}').trim_end().strip_prefix("sep=")?;
    match rest.as_bytes() {
        [d @ (b',' | b';' | b'\t' | b'|')] => Some(*d),
        _ => None,
    }
}

/// Whether text looks like a CSV table: a header of at least two cells and a next line with
/// as many (prose with a comma in it has no such second line).
pub(crate) fn looks_like(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}');
    if start.trim_start().starts_with(['{', '[']) {
        return false;
    }
    // The first 64 KiB or so (cut at a character boundary) decide; not the whole file.
    let mut cut = start.len().min(64 * 1024);
    while !start.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut table = read(&start[..cut]);
    table.header.len() >= 2 && table.rows.next().is_some_and(|r| r.is_ok_and(|r| r.cells.len() >= 2))
}

/// A header name reduced for matching: lowercase, without spaces and punctuation, so
/// "Device name", "DeviceName" and "device_name" match, and "Nom de l'appareil" is
/// "nomdelappareil".
pub(crate) fn header_key(name: &str) -> String {
    name.trim().trim_start_matches('\u{feff}').chars().filter(|&c| is_word_char(c)).map(fold_case).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table<'_>) -> Vec<Vec<String>> {
        t.rows.clone().flatten().map(|r| r.cells.iter().map(|c| c.to_string()).collect()).collect()
    }

    fn lines(t: &Table<'_>) -> Vec<usize> {
        t.rows.clone().flatten().map(|r| r.line).collect()
    }

    fn error(t: &Table<'_>) -> Option<(usize, String)> {
        t.rows.clone().find_map(Result::err)
    }

    #[test]
    fn reads_rfc_4180() {
        let t = read("Device name,OS version,Note\r\nLAP-01,10.0.26100.4349,\"a, b\"\r\n\"LAP \"\"02\"\"\",10.0.26100.1,\"two\r\nlines\"\r\n\r\nLAP-03,,x\r\n");
        assert_eq!(t.header, ["Device name", "OS version", "Note"]);
        assert_eq!(
            cells(&t),
            [
                vec!["LAP-01", "10.0.26100.4349", "a, b"],
                vec!["LAP \"02\"", "10.0.26100.1", "two\r\nlines"],
                vec!["LAP-03", "", "x"]
            ]
        );
        assert_eq!(lines(&t), [2, 3, 6]);
        assert!(error(&t).is_none());
    }

    #[test]
    fn semicolons_tabs_and_lf() {
        let t = read("Gerätename;Betriebssystem\nPC-1;Windows\n");
        assert_eq!((t.header.len(), cells(&t)), (2, vec![vec!["PC-1".to_string(), "Windows".to_string()]]));
        let t = read("a\tb\n1\t2");
        assert_eq!(cells(&t), [vec!["1", "2"]]);
    }

    #[test]
    fn an_open_quote_keeps_the_rows_before_it() {
        let t = read("a,b\n1,2\n\"3,4\n5,6\n");
        assert_eq!(cells(&t), [vec!["1", "2"]]);
        assert_eq!(error(&t).unwrap().0, 3);
        // A header that cannot be read: no header, no rows, the error once.
        let t = read("\"a,b\n1,2\n");
        assert!(t.header.is_empty() && cells(&t).is_empty());
        assert_eq!(t.rows.clone().map(|r| r.err().map(|e| e.0)).collect::<Vec<_>>(), [Some(1)]);
    }

    #[test]
    fn excel_sep_line_and_rows_of_empty_cells() {
        let t = read("sep=;\r\nDevice name;OS version\r\nPC-1;10.0.26100.1\r\n;;\r\n ; \r\nPC-2;10.0.26100.2\r\n");
        assert_eq!(t.header, ["Device name", "OS version"]);
        assert_eq!(cells(&t), [vec!["PC-1", "10.0.26100.1"], vec!["PC-2", "10.0.26100.2"]]);
        assert_eq!(lines(&t), [3, 6]);
        assert!(looks_like("a,b\n1,2") && !looks_like("Patch these: LAP-01, LAP-02.") && !looks_like("[1,2]\n"));
    }

    /// Issue 12: the delimiter is sniffed from the header whatever comes before it or ends it.
    #[test]
    fn the_delimiter_comes_from_the_header_line() {
        assert_eq!(read("\r\nDevice name;OS version\r\nPC-1;10.0.26100.1\r\n").header, ["Device name", "OS version"]);
        assert_eq!(read("Device name\tOS version\rPC-1\t10.0.26100.1\r").header, ["Device name", "OS version"]);
        let t = read("\"Device\nname\";\"OS, version\"\nPC-1;10.0.26100.1\n");
        assert_eq!(t.header, ["Device\nname", "OS, version"]);
        assert_eq!(cells(&t), [vec!["PC-1", "10.0.26100.1"]]);
    }

    #[test]
    fn header_keys() {
        assert_eq!(header_key("Device name"), "devicename");
        assert_eq!(header_key("Nom de l'appareil"), "nomdelappareil");
        assert_eq!(header_key("\u{feff}Azure AD Device ID"), "azureaddeviceid");
        assert_eq!(header_key("Gerätename"), "gerätename");
    }
}
