//! Readers for Microsoft's own release-data documents (DOMAIN.md section 9): each one turns a
//! document into plain facts — which release (KB, build, date) belongs to which OS line and
//! servicing month, and which months the document settles as baseline or hotpatch.
//!
//! The readers do not touch the catalog: merging facts from several sources (and deciding which
//! source wins) is the catalog's job. A reader only says what its document states, and where,
//! so that a person can check it. Every reader is total: damaged input gives a
//! [`SourceError`], one unreadable row gives a warning and the rest is still read.

mod cvrf;
mod graph;
mod health;
mod msrc_index;
mod text;
mod toc;

use serde::Serialize;

use crate::catalog::MonthType;
use crate::date::{Date, YearMonth};
use crate::platform::OsLine;

/// Which of Microsoft's release-data documents a text is (DOMAIN.md section 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// An MSRC security update document (`/cvrf/v3.0/cvrf/<YYYY-Mon>`), XML or JSON: the only
    /// monthly source that marks hotpatch KBs explicitly.
    MsrcCvrf,
    /// The MSRC index of monthly documents (`/cvrf/v3.0/updates`): which months exist.
    MsrcIndex,
    /// A Windows release-health page (Windows Server or Windows 11), as Learn's Markdown
    /// rendering or as HTML saved from a browser: hotpatch calendar and release history.
    ReleaseHealth,
    /// A Microsoft Graph Windows Updates catalog export (`catalog/entries` with product
    /// revisions): per release, which revision is a hotpatch.
    GraphCatalog,
    /// support.microsoft.com's Windows 11 servicing table of contents (`toc.json`): B, preview
    /// and out-of-band cumulative updates, without hotpatches.
    SupportToc,
}

impl SourceKind {
    /// A stable identifier for messages and JSON.
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::MsrcCvrf => "msrc-cvrf",
            SourceKind::MsrcIndex => "msrc-index",
            SourceKind::ReleaseHealth => "release-health",
            SourceKind::GraphCatalog => "graph-catalog",
            SourceKind::SupportToc => "support-toc",
        }
    }

    /// What the document is, for people.
    pub fn describe(self) -> &'static str {
        match self {
            SourceKind::MsrcCvrf => "MSRC security update (CVRF) document",
            SourceKind::MsrcIndex => "MSRC index of security update documents",
            SourceKind::ReleaseHealth => "Windows release health page",
            SourceKind::GraphCatalog => "Microsoft Graph Windows Updates catalog export",
            SourceKind::SupportToc => "support.microsoft.com Windows 11 update history contents (toc.json)",
        }
    }
}

/// What a release is within its servicing month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ReleaseKind {
    /// The month's hotpatch (B release, no restart).
    Hotpatch,
    /// The month's B-release cumulative update; in a baseline month it is the baseline.
    Standard,
    /// An out-of-band hotpatch between Patch Tuesdays.
    OobHotpatch,
    /// An out-of-band cumulative update (needs a restart).
    OobLcu,
    /// The optional non-security preview (D release).
    Preview,
}

/// One release a document states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    /// The OS line it is for.
    pub line: OsLine,
    /// The servicing month it belongs to: the B release's month; an out-of-band or preview
    /// release belongs to the month whose B release came before it.
    pub month: YearMonth,
    /// What the release is within the month.
    pub kind: ReleaseKind,
    /// The KB article, normalised to `KB1234567`, when the source names one.
    pub kb: Option<String>,
    /// The update build revision (7781 of 10.0.26100.7781), when the source gives a build.
    pub ubr: Option<u32>,
    /// The release date, when the source gives it.
    pub date: Option<Date>,
    /// Where in the document the release was first seen, for messages.
    pub at: String,
}

/// A month type (baseline or hotpatch) that a document settles for one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeFact {
    /// The OS line.
    pub line: OsLine,
    /// The servicing month.
    pub month: YearMonth,
    /// Baseline or hotpatch.
    pub kind: MonthType,
    /// Whether the type was the planned one, when the document says (`Some(false)` is an
    /// unplanned baseline); `None` when the document does not say.
    pub planned: Option<bool>,
    /// The B release date, when the document gives it.
    pub release: Option<Date>,
    /// Where in the document, for messages.
    pub at: String,
}

/// A document that could not be read, or (as a warning) a part of one that was skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceError {
    /// A stable code: `source.unknown`, `source.xml`, `source.json`, `source.cvrf`,
    /// `source.row`, `source.build`, `source.stale`, `source.month`.
    pub code: &'static str,
    /// Where: a file name with line and column for syntax errors, or a place in the document.
    pub at: String,
    /// What went wrong, naming the source.
    pub message: String,
}

impl std::fmt::Display for SourceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.at, self.message, self.code)
    }
}

impl std::error::Error for SourceError {}

impl SourceError {
    pub(crate) fn new(code: &'static str, at: impl Into<String>, message: impl Into<String>) -> SourceError {
        SourceError { code, at: at.into(), message: message.into() }
    }
}

/// Everything one document states, as plain facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceFacts {
    /// Which source the document is.
    pub kind: SourceKind,
    /// The document, for people: "MSRC CVRF 2026-Feb (revision 304 of 2026-06-28)".
    pub title: String,
    /// The document's own date (CVRF CurrentReleaseDate, page updated_at, …) when it has one.
    pub date: Option<Date>,
    /// Every release the document states, in document order, each once.
    pub releases: Vec<Release>,
    /// Every month type the document settles.
    pub types: Vec<TypeFact>,
    /// For [`SourceKind::MsrcIndex`] only: the months the index lists.
    pub months: Vec<YearMonth>,
    /// Parts skipped inside an otherwise readable document, each naming where.
    pub warnings: Vec<SourceError>,
}

impl SourceFacts {
    fn new(kind: SourceKind, title: String, date: Option<Date>) -> SourceFacts {
        SourceFacts {
            kind,
            title,
            date,
            releases: Vec::new(),
            types: Vec::new(),
            months: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// Which source a text is, judged by its content (never by a file name) from a few markers.
///
/// Returns `None` for anything else, such as a device inventory.
pub fn detect(text: &str) -> Option<SourceKind> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let first = body.chars().next()?;
    match first {
        '{' | '[' => {
            if body.contains("\"DocumentTracking\"")
                || (body.contains("\"Vulnerability\"") && body.contains("\"ProductTree\""))
            {
                Some(SourceKind::MsrcCvrf)
            } else if body.contains("\"CvrfUrl\"") {
                Some(SourceKind::MsrcIndex)
            } else if body.contains("qualityUpdateCatalogEntry") || body.contains("\"productRevisions\"") {
                Some(SourceKind::GraphCatalog)
            } else if body.contains("\"toc_title\"") {
                Some(SourceKind::SupportToc)
            } else {
                None
            }
        }
        '<' => {
            if body.contains("cvrfdoc") {
                Some(SourceKind::MsrcCvrf)
            } else if health::looks_like(body) {
                Some(SourceKind::ReleaseHealth)
            } else {
                None
            }
        }
        _ => health::looks_like(body).then_some(SourceKind::ReleaseHealth),
    }
}

/// Reads a document into facts. `name` (a file name, if any) only labels messages.
///
/// # Example
/// ```
/// use hotpatch_planner::release::{read, ReleaseKind, SourceKind};
///
/// let toc = r#"{"items":[{"children":[{"toc_title":
///     "July 18, 2026\u2014KB5121767 (OS Builds 26200.8894 and 26100.8894) Out-of-band"}]}]}"#;
/// let facts = read(Some("toc.json"), toc).unwrap();
/// assert_eq!(facts.kind, SourceKind::SupportToc);
/// assert_eq!(facts.releases.len(), 2); // 25H2 and 24H2
/// assert_eq!(facts.releases[0].kind, ReleaseKind::OobLcu);
/// assert_eq!(facts.releases[0].ubr, Some(8894));
/// ```
///
/// # Errors
/// `source.unknown` when the text is none of the known sources; `source.xml` / `source.json`
/// with line and column for a syntax error; `source.cvrf` for a CVRF document without a month.
/// Never panics, whatever the input.
pub fn read(name: Option<&str>, text: &str) -> Result<SourceFacts, SourceError> {
    let label = name.unwrap_or("input");
    let Some(kind) = detect(text) else {
        return Err(SourceError::new(
            "source.unknown",
            label,
            "not a release-data document this planner reads (MSRC CVRF or index, Windows release health page, Graph catalog export, support.microsoft.com toc.json)",
        ));
    };
    let text = text.trim_start_matches('\u{feff}');
    match kind {
        SourceKind::MsrcCvrf => cvrf::read(label, text),
        SourceKind::MsrcIndex => msrc_index::read(label, text),
        SourceKind::ReleaseHealth => health::read(label, text),
        SourceKind::GraphCatalog => graph::read(label, text),
        SourceKind::SupportToc => toc::read(label, text),
    }
}

/// The OS line of an MSRC product name (DOMAIN.md section 2), or `None` for products without a
/// hotpatch line here.
///
/// Windows 11 26H1, "Windows Server 2022, 23H2 Edition" and everything else give `None`.
pub fn line_for_product(name: &str) -> Option<OsLine> {
    let name = name.trim();
    if let Some(rest) = name.strip_prefix("Windows 11 Version ").or_else(|| name.strip_prefix("Windows 11 version ")) {
        return if rest.starts_with("24H2") {
            Some(OsLine::Win11_24H2)
        } else if rest.starts_with("25H2") {
            Some(OsLine::Win11_25H2)
        } else if rest.starts_with("26H2") {
            Some(OsLine::Win11_26H2)
        } else {
            None
        };
    }
    for (prefix, line) in [("Windows Server 2025", OsLine::Ws2025), ("Windows Server 2022", OsLine::Ws2022)] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let rest = rest.trim();
            if rest.is_empty() || rest == "(Server Core installation)" {
                return Some(line);
            }
        }
    }
    None
}

/// The client line of a Windows 11 build number, for sources that give only builds:
/// 26100 is 24H2, 26200 is 25H2. Servers are told apart by their section, not by number.
pub(crate) fn client_line_for_build(build: u32) -> Option<OsLine> {
    match build {
        26100 => Some(OsLine::Win11_24H2),
        26200 => Some(OsLine::Win11_25H2),
        26300 => Some(OsLine::Win11_26H2),
        _ => None,
    }
}

/// The base build number each line's releases carry, to catch a build filed under the wrong line.
pub(crate) fn base_build(line: OsLine) -> Option<u32> {
    match line {
        OsLine::Win11_24H2 | OsLine::Ws2025 => Some(26100),
        OsLine::Win11_25H2 => Some(26200),
        OsLine::Win11_26H2 => Some(26300),
        OsLine::Ws2022 => Some(20348),
        OsLine::Other => None,
    }
}

/// The servicing month of a release published on `date`: a B release's own month; an
/// out-of-band or preview release published before its month's Patch Tuesday belongs to the
/// previous month, whose B release came before it (DOMAIN.md section 1).
pub(crate) fn servicing_month(date: Date) -> YearMonth {
    let month = date.year_month();
    if date < month.patch_tuesday() {
        month.prev()
    } else {
        month
    }
}

/// Collects releases once each per (line, kind, KB, UBR), in document order, in linear time.
#[derive(Default)]
pub(crate) struct ReleaseSet {
    seen: std::collections::HashSet<(OsLine, ReleaseKind, Option<String>, Option<u32>)>,
    list: Vec<Release>,
}

impl ReleaseSet {
    /// Adds the release unless the same one is already there; returns whether it was new.
    pub(crate) fn add(&mut self, release: Release) -> bool {
        let key = (release.line, release.kind, release.kb.clone(), release.ubr);
        if self.seen.insert(key) {
            self.list.push(release);
            true
        } else {
            false
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Release> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_names_map_to_lines_as_domain_section_2_says() {
        let cases = [
            ("Windows 11 Version 24H2 for x64-based Systems", Some(OsLine::Win11_24H2)),
            ("Windows 11 Version 24H2 for ARM64-based Systems", Some(OsLine::Win11_24H2)),
            ("Windows 11 Version 25H2 for x64-based Systems", Some(OsLine::Win11_25H2)),
            ("Windows 11 version 26H1 for x64-based Systems", None),
            ("Windows 11 Version 26H2 for x64-based Systems", Some(OsLine::Win11_26H2)),
            ("Windows 11 Version 23H2 for x64-based Systems", None),
            ("Windows Server 2025", Some(OsLine::Ws2025)),
            ("Windows Server 2025 (Server Core installation)", Some(OsLine::Ws2025)),
            ("Windows Server 2022", Some(OsLine::Ws2022)),
            ("Windows Server 2022 (Server Core installation)", Some(OsLine::Ws2022)),
            ("Windows Server 2022, 23H2 Edition (Server Core installation)", None),
            ("Windows Server 2019", None),
            ("Windows 10 Version 22H2 for x64-based Systems", None),
        ];
        for (name, line) in cases {
            assert_eq!(line_for_product(name), line, "{name}");
        }
    }

    #[test]
    fn a_preview_before_patch_tuesday_belongs_to_the_month_before() {
        assert_eq!(servicing_month(Date::from_ymd(2025, 12, 1).unwrap()), YearMonth::of(2025, 11));
        assert_eq!(servicing_month(Date::from_ymd(2026, 1, 17).unwrap()), YearMonth::of(2026, 1));
        assert_eq!(servicing_month(Date::from_ymd(2026, 5, 26).unwrap()), YearMonth::of(2026, 5));
    }
}
