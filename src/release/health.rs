//! Windows release-health pages (Windows Server and Windows 11): the hotpatch calendar tables
//! (Month | Update type | Type | Availability date | Build | KB article) and the release
//! history tables (Servicing option | Update type | Availability date | Build | KB article).
//!
//! Two renderings of the same page are read: Microsoft Learn's Markdown
//! (`?accept=text/markdown`) and HTML saved from a browser. Both are first turned into the same
//! blocks (a piece of heading text, or a table row of cells with their link), so one set of rules
//! reads the tables, whichever form the page came in.

use std::collections::HashSet;

use super::text::{date_prefix, dotted_month, find_kb, kb_from_help_url, parse_build};
use super::{
    base_build, client_line_for_build, servicing_month, Release, ReleaseKind, ReleaseSet, SourceError, SourceFacts,
    SourceKind, TypeFact,
};
use crate::catalog::MonthType;
use crate::date::{Date, YearMonth};
use crate::platform::OsLine;

/// Whether a text looks like one of the pages (cheap markers only).
pub(super) fn looks_like(body: &str) -> bool {
    body.contains("Update type") && body.contains("OS build") && (body.contains("KB article") || body.contains("Build"))
}

/// A table cell: its text and the target of its first link.
#[derive(Default, Debug)]
struct Cell {
    text: String,
    link: Option<String>,
}

enum Block {
    /// Text outside tables (headings, paragraphs): names the OS section.
    Text(String),
    /// A table row; `first` is the table's header row.
    Row { cells: Vec<Cell>, first: bool, at: String },
}

/// The page's own metadata.
#[derive(Default)]
struct Page {
    title: Option<String>,
    date: Option<Date>,
}

pub(super) fn read(_label: &str, text: &str) -> Result<SourceFacts, SourceError> {
    let html = text.trim_start().starts_with('<');
    let (page, blocks) = if html { html_blocks(text) } else { markdown_blocks(text) };
    let title = page.title.as_deref().map(|t| t.trim_end_matches(" | Microsoft Learn").trim().to_string());
    let title = title.filter(|t| !t.is_empty()).unwrap_or_else(|| "Windows release health page".to_string());
    let title = match page.date {
        Some(d) => format!("{title} (Microsoft Learn, {d})"),
        None => format!("{title} (Microsoft Learn)"),
    };
    let mut facts = SourceFacts::new(SourceKind::ReleaseHealth, title, page.date);
    let mut reader = Tables { page_month: page.date.map(Date::year_month), ..Tables::default() };
    for block in blocks {
        match block {
            Block::Text(t) => {
                if let Some(section) = section_of(&t) {
                    reader.section = Some(section);
                }
            }
            Block::Row { cells, first: true, .. } => reader.header(&cells),
            Block::Row { cells, at, .. } => reader.row(&cells, &at, &mut facts),
        }
    }
    facts.releases = reader.releases.into_vec();
    Ok(facts)
}

/// Which OS a part of the page is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Line(OsLine),
    /// A Windows 11 table not headed by a version: the build number tells 24H2 from 25H2.
    ClientByBuild,
    /// An OS without a hotpatch line here (Windows Server 2019/2016, Windows 11 26H1, 23H2…).
    Skip,
}

/// The section a heading opens: "Windows Server 2025 (OS build 26100)", "Version 24H2 (OS build
/// 26100)", "Windows 11 hotpatch calendar"; `None` for other text.
fn section_of(text: &str) -> Option<Section> {
    let t = text.trim();
    if t.chars().count() > 160 {
        return None;
    }
    if let Some(p) = t.find("(OS build") {
        if t.contains("Server 2025") {
            return Some(Section::Line(OsLine::Ws2025));
        }
        if t.contains("Server 2022") {
            return Some(Section::Line(OsLine::Ws2022));
        }
        if t.contains("Server") {
            return Some(Section::Skip);
        }
        let digits: String =
            t.get(p + 9..).unwrap_or("").trim_start().chars().take_while(char::is_ascii_digit).collect();
        return Some(match digits.parse().ok().and_then(client_line_for_build) {
            Some(line) => Section::Line(line),
            None => Section::Skip,
        });
    }
    (t.contains("Windows 11") && t.to_ascii_lowercase().contains("hotpatch calendar")).then_some(Section::ClientByBuild)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Table {
    Calendar,
    History,
}

/// Column positions of the table being read.
#[derive(Default)]
struct Columns {
    update_type: Option<usize>,
    kind: Option<usize>,
    date: Option<usize>,
    build: Option<usize>,
    kb: Option<usize>,
}

#[derive(Default)]
struct Tables {
    section: Option<Section>,
    table: Option<Table>,
    columns: Columns,
    page_month: Option<YearMonth>,
    releases: ReleaseSet,
    typed: HashSet<(OsLine, YearMonth)>,
}

impl Tables {
    fn header(&mut self, cells: &[Cell]) {
        let names: Vec<String> = cells.iter().map(|c| c.text.trim().to_ascii_lowercase()).collect();
        let find = |n: &str| names.iter().position(|x| x == n);
        self.columns = Columns {
            update_type: find("update type"),
            kind: find("type"),
            date: find("availability date"),
            build: find("build"),
            kb: find("kb article"),
        };
        self.table = match (find("month"), self.columns.update_type, self.columns.kind, self.columns.build) {
            (Some(_), Some(_), Some(_), _) => Some(Table::Calendar),
            (None, Some(_), None, Some(_)) => Some(Table::History),
            _ => None,
        };
    }

    fn row(&mut self, cells: &[Cell], at: &str, facts: &mut SourceFacts) {
        let Some(table) = self.table else { return };
        let section = match self.section {
            None | Some(Section::Skip) => return,
            Some(s) => s,
        };
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i));
        let text = |i: Option<usize>| cell(i).map_or("", |c| c.text.trim());
        let update_type = text(self.columns.update_type);
        let Some(month) = dotted_month(update_type) else {
            facts.warnings.push(SourceError::new(
                "source.row",
                at,
                format!("update type {update_type:?} is not of the form 2026-01 B (row skipped)"),
            ));
            return;
        };
        let date_text = text(self.columns.date);
        let build_text = text(self.columns.build);
        let date = Date::parse(date_text).or_else(|| date_prefix(date_text));
        let kb = cell(self.columns.kb)
            .and_then(|c| find_kb(&c.text).or_else(|| c.link.as_deref().and_then(kb_from_help_url)));
        let build = parse_build(build_text);
        if !build_text.is_empty() && build.is_none() {
            facts.warnings.push(SourceError::new(
                "source.build",
                at,
                format!("build {build_text:?} is not a build number (row skipped)"),
            ));
            return;
        }
        let line = match (section, build) {
            (Section::Line(line), _) => Some(line),
            (_, Some((b, _))) => client_line_for_build(b),
            _ => None,
        };
        let Some(line) = line else { return };
        if let Some((b, _)) = build {
            if Some(b) != base_build(line) {
                facts.warnings.push(SourceError::new(
                    "source.build",
                    at,
                    format!("build {build_text} is not a build of {line} (row skipped)"),
                ));
                return;
            }
        }
        let ubr = build.map(|(_, u)| u);
        match table {
            Table::Calendar => {
                let kind_text = text(self.columns.kind).to_ascii_lowercase();
                let kind = if kind_text.contains("baseline") {
                    MonthType::Baseline
                } else if kind_text.contains("hotpatch") {
                    MonthType::Hotpatch
                } else {
                    facts.warnings.push(SourceError::new(
                        "source.row",
                        at,
                        format!("type {kind_text:?} is neither baseline nor hotpatch (row skipped)"),
                    ));
                    return;
                };
                // `2024.08 B^\*^` (Markdown) or `2024.08 B*` (HTML): initially planned as a
                // hotpatch, so an unplanned baseline.
                let unplanned = update_type.contains('*');
                let blank = date.is_none() && build.is_none() && kb.is_none();
                // A future row has no date, build or KB yet and "may still change": it settles
                // nothing unless its month has already come by the page's own date.
                if blank && self.page_month.is_none_or(|p| month > p) {
                    return;
                }
                if self.typed.insert((line, month)) {
                    facts.types.push(TypeFact {
                        line,
                        month,
                        kind,
                        planned: Some(!unplanned),
                        release: date,
                        at: at.to_string(),
                    });
                }
                if !blank {
                    let kind = if kind == MonthType::Hotpatch { ReleaseKind::Hotpatch } else { ReleaseKind::Standard };
                    self.releases.add(Release { line, month, kind, kb, ubr, date, at: at.to_string() });
                }
            }
            Table::History => {
                let letter = update_type.rsplit(' ').next().unwrap_or("").trim().to_ascii_uppercase();
                let (kind, month) = match letter.as_str() {
                    "B" => (ReleaseKind::Standard, month),
                    "D" => (ReleaseKind::Preview, month),
                    "OOB" => (ReleaseKind::OobLcu, date.map_or(month, servicing_month)),
                    // A (first release) and other letters are not monthly releases of a line.
                    _ => return,
                };
                self.releases.add(Release { line, month, kind, kb, ubr, date, at: at.to_string() });
            }
        }
    }
}

/// Cells of a Markdown table row `| a | [KB1](url) |`, with link text and target.
fn markdown_cells(line: &str) -> Vec<Cell> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner
        .split('|')
        .map(|raw| {
            let raw = raw.trim();
            match (raw.find('['), raw.find("]("), raw.rfind(')')) {
                (Some(open), Some(mid), Some(close)) if open < mid && mid + 2 <= close => Cell {
                    text: format!("{}{}{}", &raw[..open], &raw[open + 1..mid], &raw[close + 1..]).replace("**", ""),
                    link: Some(raw[mid + 2..close].to_string()),
                },
                _ => Cell { text: raw.replace("**", ""), link: None },
            }
        })
        .collect()
}

fn markdown_blocks(text: &str) -> (Page, Vec<Block>) {
    let mut page = Page::default();
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    // Front matter: `title:`, `updated_at:` (preferred) and `ms.date:`.
    if lines.peek().is_some_and(|(_, l)| l.trim() == "---") {
        lines.next();
        let mut ms_date = None;
        for (_, l) in lines.by_ref() {
            if l.trim() == "---" {
                break;
            }
            if let Some((key, value)) = l.split_once(':') {
                match key.trim() {
                    "title" => page.title = Some(value.trim().to_string()),
                    "updated_at" => page.date = date_prefix(value),
                    "ms.date" => ms_date = date_prefix(value),
                    _ => {}
                }
            }
        }
        page.date = page.date.or(ms_date);
    }
    let mut in_table = false;
    for (n, l) in lines {
        let t = l.trim();
        if t.starts_with('|') {
            let cells = markdown_cells(t);
            let separator =
                cells.iter().all(|c| !c.text.is_empty() && c.text.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            if !separator {
                blocks.push(Block::Row { cells, first: !in_table, at: format!("line {}", n + 1) });
            }
            in_table = true;
        } else {
            in_table = false;
            if !t.is_empty() {
                let heading = t.trim_start_matches('#').trim().trim_matches('*').trim();
                if page.title.is_none() && t.starts_with("# ") {
                    page.title = Some(heading.to_string());
                }
                blocks.push(Block::Text(heading.to_string()));
            }
        }
    }
    (page, blocks)
}

/// Decodes the character references a saved page uses in text and attributes.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.char_indices().take(12).find(|(_, c)| *c == ';').map(|(i, _)| i);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The value of attribute `name` in a tag's inside text (`a href="…" class=x`).
fn html_attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower.get(from..)?.find(name) {
        let start = from + p;
        from = start + name.len();
        let before_ok = start == 0 || lower.as_bytes().get(start - 1).is_some_and(|b| b.is_ascii_whitespace());
        let rest = tag.get(from..)?.trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?,
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        return Some(decode_entities(value));
    }
    None
}

/// A small tag scanner for saved pages: enough for headings, paragraphs and tables, not a
/// general HTML parser. Text in `script` and `style` is dropped.
fn html_blocks(text: &str) -> (Page, Vec<Block>) {
    let mut page = Page::default();
    let mut blocks = Vec::new();
    let mut loose = String::new();
    let mut row: Option<(Vec<Cell>, usize)> = None;
    let mut cell: Option<Cell> = None;
    let mut first_row = false;
    let mut in_title = false;
    let mut title = String::new();
    let mut line = 1usize;
    let mut rest = text;
    let mut ms_date = None;
    let flush = |loose: &mut String, blocks: &mut Vec<Block>| {
        let t = loose.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            blocks.push(Block::Text(t));
        }
        loose.clear();
    };
    while !rest.is_empty() {
        let (chunk, after) = match rest.find('<') {
            Some(p) => (&rest[..p], &rest[p..]),
            None => (rest, ""),
        };
        line += chunk.bytes().filter(|&b| b == b'\n').count();
        let decoded = decode_entities(chunk);
        if in_title {
            title.push_str(&decoded);
        } else if let Some(c) = cell.as_mut() {
            c.text.push_str(&decoded);
        } else if row.is_none() {
            loose.push_str(&decoded);
        }
        if after.is_empty() {
            break;
        }
        let Some(close) = after.find('>') else { break };
        let tag = &after[1..close];
        line += tag.bytes().filter(|&b| b == b'\n').count();
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("script" | "style", false) => {
                let skip = rest
                    .match_indices("</")
                    .find(|(i, _)| rest.get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(&name)))
                    .map_or(rest.len(), |(i, _)| i);
                line += rest.get(..skip).unwrap_or("").bytes().filter(|&b| b == b'\n').count();
                rest = rest.get(skip..).unwrap_or("");
            }
            ("title", false) => in_title = true,
            ("title", true) => in_title = false,
            ("meta", _) => {
                let key = html_attribute(tag, "name").or_else(|| html_attribute(tag, "property")).unwrap_or_default();
                let value = html_attribute(tag, "content").unwrap_or_default();
                match key.as_str() {
                    "updated_at" => page.date = date_prefix(&value),
                    "ms.date" => ms_date = date_prefix(&value),
                    _ => {}
                }
            }
            ("table", false) => {
                flush(&mut loose, &mut blocks);
                first_row = true;
            }
            ("tr", false) => row = Some((Vec::new(), line)),
            ("tr", true) => {
                if let Some((mut cells, at)) = row.take() {
                    if let Some(c) = cell.take() {
                        cells.push(c);
                    }
                    blocks.push(Block::Row { cells, first: first_row, at: format!("line {at}") });
                    first_row = false;
                }
            }
            ("td" | "th", false) => {
                if let (Some((cells, _)), Some(c)) = (row.as_mut(), cell.take()) {
                    cells.push(c);
                }
                cell = row.is_some().then(Cell::default);
            }
            ("td" | "th", true) => {
                if let (Some((cells, _)), Some(c)) = (row.as_mut(), cell.take()) {
                    cells.push(c);
                }
            }
            ("a", false) => {
                if let Some(c) = cell.as_mut() {
                    if c.link.is_none() {
                        c.link = html_attribute(tag, "href");
                    }
                }
            }
            ("br", _) => loose.push(' '),
            (
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "div" | "strong" | "b" | "li" | "caption" | "section"
                | "header",
                _,
            ) if row.is_none() => flush(&mut loose, &mut blocks),
            _ => {}
        }
    }
    flush(&mut loose, &mut blocks);
    page.date = page.date.or(ms_date);
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    page.title = (!title.is_empty()).then_some(title);
    (page, blocks)
}
