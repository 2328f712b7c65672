//! The release catalog: per OS line and month, what Microsoft released (DOMAIN.md sections 5
//! and 7), and what a given build number is.
//!
//! The built-in data lives in `data/catalog.json` (schema in the README, section "Release
//! catalog") and is embedded at build time. A user can merge a newer catalog over it
//! ([`Catalog::with_user_json`]); both go through the same reader and the same consistency
//! checks ([`Catalog::problems`]), so a pasted catalog is held to the same rules as ours.
//! Months the catalog does not hold are *predicted* from the planned calendar
//! ([`Catalog::month`]), and say so.

mod built_in;
/// The catalog JSON reader: native code and the full Wasm module only. The browser's core
/// module embeds the built-in catalog as data (`built_in`) and leaves reading release data,
/// catalog JSON included, to the full module (size budget, DESIGN.md "Size").
#[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
mod load;
mod refresh;
mod write;

#[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
pub use refresh::merge::{refresh, Document, Refreshed, SourceReport};

use serde::{Deserialize, Serialize};

use crate::date::{Date, YearMonth};
use crate::platform::OsLine;
use crate::Error;

/// Whether a month's B release is a baseline (restart) or a hotpatch (no restart).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MonthType {
    /// The quarterly cumulative update hotpatches build on; needs a restart.
    Baseline,
    /// A security-only update that installs without a restart on eligible devices.
    Hotpatch,
}

impl MonthType {
    /// The month type Microsoft's planned calendar gives: baselines in January, April, July
    /// and October, hotpatches in the other eight months (DOMAIN.md section 1).
    pub fn planned_for(month: YearMonth) -> MonthType {
        if (month.month() - 1) % 3 == 0 {
            MonthType::Baseline
        } else {
            MonthType::Hotpatch
        }
    }
}

/// How sure the catalog is of a row (DOMAIN.md marks rows from secondary reports).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// From Microsoft's own release notes or KB pages.
    #[default]
    Confirmed,
    /// From secondary reports (press, forums), not yet in Microsoft's pages.
    Secondary,
    /// Sources are missing or contradict each other; the row says what is assumed.
    Unclear,
}

/// What a release between Patch Tuesdays is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OobKind {
    /// An out-of-band hotpatch: keeps a device on the hotpatch track.
    Hotpatch,
    /// An out-of-band cumulative update: needs a restart and takes a device off the track.
    Lcu,
    /// The optional non-security preview (D release, fourth Tuesday): listed so that a
    /// device on one is recognised as off the track rather than unknown (DOMAIN.md
    /// section 5, rule 4).
    Preview,
}

/// A release between Patch Tuesdays: out-of-band, or the optional preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Oob {
    /// Release date, when the source gives one.
    pub date: Option<Date>,
    /// Hotpatch or cumulative update.
    pub kind: OobKind,
    /// KB number, when known.
    pub kb: Option<String>,
    /// Update build revision (UBR), when known.
    pub ubr: Option<u32>,
    /// How sure the source is.
    pub confidence: Confidence,
    /// A remark for people, e.g. "build number not published".
    pub note: Option<String>,
}

/// One month of one OS line in the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogMonth {
    /// The month.
    pub month: YearMonth,
    /// The B release date (Patch Tuesday).
    pub release: Date,
    /// Baseline or hotpatch; the planned type when `type_known` is false.
    pub kind: MonthType,
    /// `false` when Microsoft has not said whether the month is a baseline or a hotpatch
    /// month: the month's standard LCU is known (a device on it is recognised) but its type
    /// is the planned one, and everything that depends on it says so (DOMAIN.md section 7).
    pub type_known: bool,
    /// `false` for an unplanned baseline (a planned hotpatch month turned into a baseline).
    pub planned: bool,
    /// A hotpatch public-preview month (before hotpatch was generally available).
    pub preview: bool,
    /// The baseline or hotpatch KB, when known.
    pub kb: Option<String>,
    /// The baseline or hotpatch UBR, when known.
    pub ubr: Option<u32>,
    /// The standard LCU's KB; for a baseline month, the baseline itself.
    pub lcu_kb: Option<String>,
    /// The standard LCU's UBR; for a baseline month, the baseline itself.
    pub lcu_ubr: Option<u32>,
    /// Out-of-band releases in this month, in date order.
    pub oob: Vec<Oob>,
    /// How sure the source is of this row.
    pub confidence: Confidence,
    /// A remark for people.
    pub note: Option<String>,
    /// Where the row comes from, for people ("MSRC CVRF 2026-Feb; …"), when a release-data
    /// source added or settled it.
    pub source: Option<String>,
    /// `true` for a month copied from the line this line follows (not written back out).
    pub inherited: bool,
}

/// One OS line's part of the catalog: its build number and its months in order.
#[derive(Clone, Debug)]
pub struct CatalogLine {
    /// Which line.
    pub line: OsLine,
    /// The product name.
    pub name: String,
    /// The major build number (26100, 26200, 20348).
    pub build: u32,
    /// Months in order; gaps are allowed (a gap is a month the catalog does not know).
    pub months: Vec<CatalogMonth>,
    /// The line whose months this one shares, and between which months.
    pub follows: Option<Follows>,
    /// The last month with hotpatch support, when Microsoft has announced an end (Windows
    /// Server 2022: October 2027); later months are predicted without hotpatches.
    pub hotpatch_until: Option<YearMonth>,
    /// Every known build of the line, sorted by UBR, for [`Catalog::identify`].
    builds: Vec<KnownBuild>,
}

/// "This line has the same releases as `line` between `from` and `to`" (25H2 and 26H2 follow
/// 24H2; Windows Server 2025 follows it through December 2025).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Follows {
    /// The line followed.
    pub line: OsLine,
    /// First month shared, if bounded.
    pub from: Option<YearMonth>,
    /// Last month shared, if bounded.
    pub to: Option<YearMonth>,
}

/// One value in a disagreement, and who said it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as text (`hotpatch`, `KB5077212`, `26100.7781`).
    pub value: String,
    /// Who said it (a document's title, or "the base catalog").
    pub source: String,
}

/// Two sources that disagree on one fact of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// The line.
    pub line: OsLine,
    /// The month.
    pub month: YearMonth,
    /// `type`, `kb`, `ubr`, `lcuKb`, `lcuUbr`, `oob`.
    pub field: String,
    /// Every value seen.
    pub values: Vec<ConflictValue>,
    /// The value used.
    pub chosen: String,
    /// A sentence for people.
    pub message: String,
}

/// A document that could not be read, or a part of one that was skipped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceProblem {
    /// The document's position among those given.
    pub source: usize,
    /// Its name, when known.
    pub name: Option<String>,
    /// A stable code (`source.unknown`, `source.xml`, `source.row`, `catalog.inconsistent`…).
    pub code: String,
    /// Where in the document.
    pub at: String,
    /// What is wrong, naming the document.
    pub message: String,
}

impl SourceProblem {
    /// Whether the whole document could not be read (rather than a part of it skipped).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self.code.as_str(),
            "source.unknown" | "source.xml" | "source.json" | "source.cvrf" | "catalog.inconsistent"
        )
    }
}

/// A release-data document a catalog was built from, for people (the report lists them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceInfo {
    /// The file name or URL it was read from, when known.
    pub name: Option<String>,
    /// What kind of source: `msrc-cvrf`, `release-health`, `graph-catalog`, `support-toc`,
    /// `msrc-index` or `catalog`.
    pub kind: String,
    /// Its title ("MSRC CVRF 2026-Feb (revision 304 of 2026-06-28)").
    pub title: String,
    /// The document's own date, when it has one.
    pub date: Option<Date>,
    /// The months (of any line) it added or settled.
    pub months: Vec<YearMonth>,
}

/// What a build number is, according to the catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BuildKind {
    /// A month's baseline.
    Baseline,
    /// A month's hotpatch.
    Hotpatch,
    /// A hotpatch month's standard (restart) cumulative update.
    Lcu,
    /// An out-of-band hotpatch.
    OobHotpatch,
    /// An out-of-band cumulative update.
    OobLcu,
    /// An optional non-security preview (D release).
    Preview,
}

/// A build the catalog knows: which month, what kind, when, and which KB.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownBuild {
    /// The UBR.
    pub ubr: u32,
    /// The catalog month the build belongs to.
    pub month: YearMonth,
    /// Baseline, hotpatch, LCU or OOB.
    pub kind: BuildKind,
    /// Release date; for an OOB with no known date, the month's B release date.
    pub date: Date,
    /// `false` when `date` stands in for an OOB date the source does not give.
    pub date_known: bool,
    /// The KB, when known.
    pub kb: Option<String>,
}

impl KnownBuild {
    /// Whether the build keeps a device on the hotpatch track (a baseline or a hotpatch).
    pub fn is_on_track(&self) -> bool {
        matches!(self.kind, BuildKind::Baseline | BuildKind::Hotpatch | BuildKind::OobHotpatch)
    }

    /// A phrase for findings: "the May 2026 hotpatch KB5089466".
    pub fn describe(&self) -> String {
        let what = match self.kind {
            BuildKind::Baseline => "baseline",
            BuildKind::Hotpatch => "hotpatch",
            BuildKind::Lcu => "standard cumulative update",
            BuildKind::OobHotpatch => "out-of-band hotpatch",
            BuildKind::OobLcu => "out-of-band cumulative update",
            BuildKind::Preview => "optional preview",
        };
        match &self.kb {
            Some(kb) => format!("the {} {what} {kb}", self.month.long_name()),
            None => format!("the {} {what}", self.month.long_name()),
        }
    }
}

/// A month as the planner sees it: from the catalog where it has the month, otherwise
/// predicted from the planned calendar.
#[derive(Clone, Copy, Debug)]
pub struct MonthView<'a> {
    /// The month.
    pub month: YearMonth,
    /// The B release date: the catalog's, or Patch Tuesday for a predicted month.
    pub release: Date,
    /// Baseline or hotpatch.
    pub kind: MonthType,
    /// `false` only for an unplanned baseline from the catalog.
    pub planned: bool,
    /// The catalog's row, or `None` when the month is predicted.
    pub entry: Option<&'a CatalogMonth>,
    /// `true` for a predicted month after the line's hotpatch support ended: every device
    /// takes a restart update (the month is shown as a baseline month).
    pub after_support: bool,
}

impl MonthView<'_> {
    /// Whether the month lies outside the catalog and was predicted.
    pub fn predicted(&self) -> bool {
        self.entry.is_none()
    }

    /// Whether the month's type (baseline or hotpatch) is Microsoft's, rather than predicted
    /// from the planned calendar: `false` for a month outside the catalog and for a catalog
    /// month whose type is not known.
    pub fn type_known(&self) -> bool {
        self.entry.is_some_and(|e| e.type_known)
    }
}

/// The release catalog: the built-in data, possibly with a user's catalog merged over it.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// One entry per line, in [`OsLine`] order.
    lines: Vec<CatalogLine>,
    built_in: bool,
    /// The release-data documents this catalog was built from (kept in its JSON).
    sources: Vec<SourceInfo>,
    /// Where the documents merged into it disagreed (not kept in its JSON).
    conflicts: Vec<Conflict>,
    /// Parts of those documents that were skipped (not kept in its JSON).
    warnings: Vec<SourceProblem>,
}

/// The built-in catalog's text, embedded at build time.
pub const BUILT_IN_JSON: &str = include_str!("../../data/catalog.json");

impl Catalog {
    /// The built-in catalog.
    ///
    /// The embedded data is checked by the test suite (`tests/catalog_data.rs`), so reading it
    /// cannot fail in a released build; should it ever, the result is an empty catalog in
    /// which every month is predicted, rather than a panic.
    pub fn built_in() -> Catalog {
        built_in::catalog().unwrap_or_else(|_| Catalog::empty())
    }

    /// A catalog from catalog JSON documents merged in order (later ones win per line and
    /// month), over the built-in data when `over_built_in`, else on their own (a portal that
    /// hosts a complete refreshed catalog, or a test that cuts the data back).
    ///
    /// # Errors
    /// `INVALID_CATALOG` naming the document's field, as [`Catalog::with_user_json`].
    #[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
    pub fn from_documents(over_built_in: bool, documents: &[&str]) -> Result<Catalog, Error> {
        if over_built_in && documents.is_empty() {
            return Ok(Catalog::built_in());
        }
        let texts: Vec<&str> =
            over_built_in.then_some(BUILT_IN_JSON).into_iter().chain(documents.iter().copied()).collect();
        let mut catalog = load::read(&texts)?;
        catalog.built_in = false;
        Ok(catalog)
    }

    /// The built-in catalog with a user-supplied catalog (JSON text, same schema) merged
    /// over it: a user month replaces the built-in month of the same line; new months and
    /// lines are added.
    ///
    /// # Errors
    /// An [`Error`] with code `INVALID_CATALOG` naming the field, the value and what was
    /// expected, when the text is not valid JSON, breaks the schema, or the merged catalog
    /// fails a consistency check (see [`Catalog::problems`]).
    #[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
    pub fn with_user_json(user: &str) -> Result<Catalog, Error> {
        Catalog::from_documents(true, &[user])
    }

    fn empty() -> Catalog {
        Catalog { lines: Vec::new(), built_in: true, sources: Vec::new(), conflicts: Vec::new(), warnings: Vec::new() }
    }

    /// Records a document the catalog was built from (once), for the report's `sources`.
    pub fn add_source(&mut self, source: SourceInfo) {
        if !self.sources.contains(&source) {
            self.sources.push(source);
        }
    }

    /// Parts of the release documents merged into this catalog that were skipped (a row that
    /// could not be read, a remediation repeated from an earlier month, a month that broke a
    /// catalog rule), each naming the document and where.
    pub fn warnings(&self) -> &[SourceProblem] {
        &self.warnings
    }

    /// Where the release documents merged into this catalog disagreed, and how each was settled.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The release-data documents this catalog was built from.
    pub fn sources(&self) -> &[SourceInfo] {
        &self.sources
    }

    /// `true` when no user catalog was merged in.
    pub fn is_built_in(&self) -> bool {
        self.built_in
    }

    /// One line's data, if the catalog has any for it.
    pub fn line(&self, line: OsLine) -> Option<&CatalogLine> {
        self.lines.iter().find(|l| l.line == line)
    }

    /// Every line the catalog has, in [`OsLine`] order.
    pub fn lines(&self) -> impl Iterator<Item = &CatalogLine> {
        self.lines.iter()
    }

    /// The last month the catalog holds for `line`.
    pub fn last_month(&self, line: OsLine) -> Option<YearMonth> {
        self.line(line).and_then(|l| l.months.last()).map(|m| m.month)
    }

    /// The last month the catalog holds for any line.
    pub fn last_month_overall(&self) -> Option<YearMonth> {
        self.lines().filter_map(|l| l.months.last()).map(|m| m.month).max()
    }

    /// A month of a line: the catalog's row, or a prediction from the planned calendar
    /// (baselines in January, April, July and October, released on Patch Tuesday) when the
    /// catalog does not hold it — after its last month, before its first, or in a gap.
    ///
    /// After a line's announced end of hotpatch support (`hotpatch_until`), predicted months
    /// are restart months for every device (shown as baselines).
    pub fn month(&self, line: OsLine, month: YearMonth) -> MonthView<'_> {
        match self.entry(line, month) {
            Some(entry) => MonthView {
                month,
                release: entry.release,
                kind: entry.kind,
                planned: entry.planned,
                entry: Some(entry),
                after_support: false,
            },
            None => {
                let after_support = self.line(line).and_then(|l| l.hotpatch_until).is_some_and(|end| month > end);
                MonthView {
                    month,
                    release: month.patch_tuesday(),
                    kind: if after_support { MonthType::Baseline } else { MonthType::planned_for(month) },
                    planned: true,
                    entry: None,
                    after_support,
                }
            }
        }
    }

    /// The latest B release of `line` on or before `as_of` (predicted past the data): what a
    /// device must be on to be up to date, and what inventory data must be newer than.
    pub fn latest_release(&self, line: OsLine, as_of: Date) -> Date {
        let this = self.month(line, as_of.year_month()).release;
        if this <= as_of {
            this
        } else {
            self.month(line, as_of.year_month().prev()).release
        }
    }

    /// The catalog's row for a line and month, if it has one.
    pub fn entry(&self, line: OsLine, month: YearMonth) -> Option<&CatalogMonth> {
        let months = &self.line(line)?.months;
        months.binary_search_by_key(&month, |m| m.month).ok().map(|i| &months[i])
    }

    /// What build `line`.`ubr` is: which month's baseline, hotpatch, standard LCU or OOB, or
    /// `None` when the catalog does not know it.
    ///
    /// # Example
    /// ```
    /// use hotpatch_planner::{Catalog, BuildKind, OsLine};
    /// let catalog = Catalog::built_in();
    /// let build = catalog.identify(OsLine::Win11_24H2, 7781).unwrap();
    /// assert_eq!(build.kind, BuildKind::Hotpatch);
    /// assert_eq!(build.month.to_string(), "2026-02");
    /// assert_eq!(build.kb.as_deref(), Some("KB5077212"));
    /// ```
    pub fn identify(&self, line: OsLine, ubr: u32) -> Option<&KnownBuild> {
        let builds = &self.line(line)?.builds;
        builds.binary_search_by_key(&ubr, |b| b.ubr).ok().map(|i| &builds[i])
    }

    /// Every known build of a line, sorted by UBR.
    pub fn builds(&self, line: OsLine) -> &[KnownBuild] {
        self.line(line).map_or(&[], |l| l.builds.as_slice())
    }

    /// The catalog as catalog JSON (the schema it is read from), with its sources; `about`
    /// says where it came from. Reading the text back gives the same catalog.
    pub fn to_json(&self, about: &str) -> String {
        write::to_json(self, about)
    }

    /// Per OS line, where its release data starts and ends and which months have a known
    /// update but no known type (the report's `catalog.coverage`).
    pub fn coverage(&self) -> Vec<LineCoverage> {
        self.lines
            .iter()
            .map(|l| LineCoverage {
                line: l.line,
                name: l.name.clone(),
                first: l.months.first().map(|m| m.month),
                last: l.months.last().map(|m| m.month),
                last_known_type: l.last_known_type(),
                type_unknown: l.months.iter().filter(|m| !m.type_known).map(|m| m.month).collect(),
                hotpatch_until: l.hotpatch_until,
            })
            .collect()
    }

    /// The months up to `as_of` (released on or before it, within the last
    /// [`MISSING_WINDOW_MONTHS`]) that the release data does not settle for some line: not in
    /// the catalog at all, or in it without a known type. Each comes with the MSRC CVRF
    /// document that would settle it, the one source that marks hotpatches (DOMAIN.md
    /// section 9).
    pub fn missing(&self, as_of: Date) -> Vec<MissingMonth> {
        let newest = as_of.year_month();
        let oldest = newest.plus(1 - MISSING_WINDOW_MONTHS as i32);
        let mut out: Vec<MissingMonth> = Vec::new();
        for l in &self.lines {
            let Some(first) = l.months.first().map(|m| m.month) else { continue };
            let mut month = oldest.max(first);
            while month <= newest {
                let view = self.month(l.line, month);
                let settled = view.type_known() || view.after_support;
                if !settled && view.release <= as_of {
                    match out.binary_search_by_key(&month, |m| m.month) {
                        Ok(i) => out[i].lines.push(l.line),
                        Err(i) => out.insert(
                            i,
                            MissingMonth {
                                month,
                                release: view.release,
                                lines: vec![l.line],
                                url: msrc_cvrf_url(month),
                            },
                        ),
                    }
                }
                month = month.next();
            }
        }
        out
    }

    /// Consistency problems in the catalog's data, as readable sentences; empty when the
    /// data is sound. The rules (DOMAIN.md sections 1 and 7): months strictly in order; B
    /// releases on the month's second Tuesday; a hotpatch build lower than the same month's
    /// standard LCU; every build of a month higher than every build of earlier months; every
    /// UBR of a line distinct; OOB releases dated after the month's B release and before the
    /// next one; every hotpatch month after a baseline with no unknown month between
    /// (except the hotpatch public preview, whose baseline predates the catalog).
    #[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
    pub fn problems(&self) -> Vec<String> {
        load::problems(self)
    }
}

/// A line as read from one or more documents (or the built-in data), before `follows` is
/// resolved.
struct RawLine {
    line: OsLine,
    name: Option<String>,
    build: Option<u32>,
    follows: Option<Follows>,
    hotpatch_until: Option<YearMonth>,
    /// Sorted by month, each month once.
    months: Vec<CatalogMonth>,
}

impl RawLine {
    /// Adds a month, replacing the one already there for the same month.
    #[cfg(any(not(target_arch = "wasm32"), feature = "release-sources"))]
    fn put(&mut self, month: CatalogMonth) {
        match self.months.binary_search_by_key(&month.month, |m| m.month) {
            Ok(i) => self.months[i] = month,
            Err(i) => self.months.insert(i, month),
        }
    }
}

/// Lines as read into a catalog: each line that follows another gets the followed line's
/// months it lacks (marked inherited). The consistency checks are the caller's: the reader
/// runs them on what a user gives, the test suite on the built-in data.
fn assemble(mut raw: Vec<RawLine>, sources: Vec<SourceInfo>) -> Result<Catalog, Error> {
    crate::order::sort_by_key(&mut raw, |l| l.line as u64);
    let mut lines = Vec::new();
    for raw_line in &raw {
        let line = raw_line.line;
        let path = format!("lines.{line}");
        let missing = |key: &str| {
            Error::catalog(
                format!("{path}.{key}"),
                format!("missing; a line that is not in the built-in catalog needs \"{key}\""),
            )
        };
        let name = raw_line.name.clone().ok_or_else(|| missing("name"))?;
        let build = raw_line.build.ok_or_else(|| missing("build"))?;
        let mut months = raw_line.months.clone();
        if let Some(follows) = raw_line.follows {
            let source = raw.iter().find(|l| l.line == follows.line).ok_or_else(|| {
                Error::catalog(
                    format!("{path}.follows.line"),
                    format!("\"{}\" has no data in the catalog to follow", follows.line),
                )
            })?;
            if source.follows.is_some() {
                return Err(Error::catalog(
                    format!("{path}.follows.line"),
                    format!("\"{}\" itself follows another line; follow the original line instead", follows.line),
                ));
            }
            for entry in &source.months {
                let inside =
                    follows.from.is_none_or(|f| entry.month >= f) && follows.to.is_none_or(|t| entry.month <= t);
                if let (true, Err(i)) = (inside, months.binary_search_by_key(&entry.month, |m| m.month)) {
                    months.insert(i, CatalogMonth { inherited: true, ..entry.clone() });
                }
            }
        }
        lines.push(CatalogLine::new(line, name, build, months, raw_line.follows, raw_line.hotpatch_until));
    }
    Ok(Catalog { lines, built_in: true, sources, conflicts: Vec::new(), warnings: Vec::new() })
}

impl CatalogLine {
    fn new(
        line: OsLine,
        name: String,
        build: u32,
        months: Vec<CatalogMonth>,
        follows: Option<Follows>,
        hotpatch_until: Option<YearMonth>,
    ) -> CatalogLine {
        let mut builds = Vec::new();
        for m in &months {
            let mut push = |ubr: Option<u32>, kind, date, date_known, kb: &Option<String>| {
                if let Some(ubr) = ubr {
                    builds.push(KnownBuild { ubr, month: m.month, kind, date, date_known, kb: kb.clone() });
                }
            };
            match m.kind {
                MonthType::Baseline => push(m.ubr, BuildKind::Baseline, m.release, true, &m.kb),
                MonthType::Hotpatch => {
                    push(m.ubr, BuildKind::Hotpatch, m.release, true, &m.kb);
                    push(m.lcu_ubr, BuildKind::Lcu, m.release, true, &m.lcu_kb);
                }
            }
            for oob in &m.oob {
                let kind = match oob.kind {
                    OobKind::Hotpatch => BuildKind::OobHotpatch,
                    OobKind::Lcu => BuildKind::OobLcu,
                    OobKind::Preview => BuildKind::Preview,
                };
                push(oob.ubr, kind, oob.date.unwrap_or(m.release), oob.date.is_some(), &oob.kb);
            }
        }
        crate::order::sort_by_key(&mut builds, |b| u64::from(b.ubr));
        CatalogLine { line, name, build, months, follows, hotpatch_until, builds }
    }

    /// The full build string for a UBR of this line: `26100.7781`.
    pub fn build_string(&self, ubr: u32) -> String {
        format!("{}.{ubr}", self.build)
    }

    /// The last month whose type (baseline or hotpatch) the catalog knows.
    pub fn last_known_type(&self) -> Option<YearMonth> {
        self.months.iter().rev().find(|m| m.type_known).map(|m| m.month)
    }
}

/// Which release data to use (the `catalog` and `builtInCatalog` options of `evaluate`,
/// `releaseCalendar` and `lookupBuild`): the built-in catalog, with documents merged over it,
/// or the documents alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogChoice {
    /// Catalog JSON documents and, where the release-source readers are built in (native
    /// code, the Node package, the release-data module), any of Microsoft's release
    /// documents (DOMAIN.md section 9), merged in order.
    pub documents: Vec<String>,
    /// `false` to use only `documents` (`builtInCatalog: false`).
    pub built_in: bool,
}

impl Default for CatalogChoice {
    fn default() -> CatalogChoice {
        CatalogChoice { documents: Vec::new(), built_in: true }
    }
}

impl CatalogChoice {
    /// The built-in catalog with `documents` merged over it.
    pub fn over_built_in(documents: Vec<String>) -> CatalogChoice {
        CatalogChoice { documents, built_in: true }
    }

    /// Reads `catalog` (text, or a list of texts) and `builtInCatalog` from an options object.
    pub(crate) fn read(f: &crate::fields::Fields<'_>) -> Result<CatalogChoice, Error> {
        let expected = "catalog JSON or a release document as text, or a list of them";
        let documents = match f.get("catalog") {
            None => Vec::new(),
            Some(crate::fields::Value::Raw(raw)) if raw.starts_with('[') => {
                let items = f.list("catalog", expected)?.unwrap_or_default();
                let mut documents = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match crate::fields::text(item) {
                        Some(t) => documents.push(t.to_owned()),
                        None => {
                            return Err(
                                f.error("catalog", format!("item {i}: found {}, expected {expected}", item.describe()))
                            )
                        }
                    }
                }
                documents
            }
            Some(_) => vec![f.string("catalog")?.unwrap_or_default().to_owned()],
        };
        let built_in = f.bool("builtInCatalog")?.unwrap_or(true);
        if !built_in && documents.is_empty() {
            return Err(f.error("builtInCatalog", "false needs release data in the catalog option"));
        }
        Ok(CatalogChoice { documents, built_in })
    }

    /// The catalog these options describe.
    ///
    /// # Errors
    /// `INVALID_CATALOG` naming the document and field.
    pub fn load(&self) -> Result<Catalog, Error> {
        if self.documents.is_empty() {
            return Ok(Catalog::built_in());
        }
        let texts: Vec<&str> = self.documents.iter().map(String::as_str).collect();
        refresh::load(self.built_in, &texts)
    }
}

/// How far back [`Catalog::missing`] looks: a year of releases.
pub const MISSING_WINDOW_MONTHS: u32 = 12;

/// The MSRC CVRF document of a month: `https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/2026-Nov`.
pub fn msrc_cvrf_url(month: YearMonth) -> String {
    format!("https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/{}", msrc_month_id(month))
}

/// The MSRC document id of a month: `2026-Nov`.
pub fn msrc_month_id(month: YearMonth) -> String {
    format!("{}-{}", month.year(), &month.name()[..3])
}

/// Where one OS line's release data stands (the report's `catalog.coverage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineCoverage {
    /// The line.
    pub line: OsLine,
    /// Its product name.
    pub name: String,
    /// The first month the catalog has.
    pub first: Option<YearMonth>,
    /// The last month the catalog has; later months are predicted.
    pub last: Option<YearMonth>,
    /// The last month whose type (baseline or hotpatch) is known.
    pub last_known_type: Option<YearMonth>,
    /// Months with a known update but no known type: taken as their planned type.
    pub type_unknown: Vec<YearMonth>,
    /// The last month with hotpatch support, when an end is announced.
    pub hotpatch_until: Option<YearMonth>,
}

/// A month the release data does not settle (the report's `catalog.missing`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingMonth {
    /// The month.
    pub month: YearMonth,
    /// Its B release date (Patch Tuesday, or the catalog's date).
    pub release: Date,
    /// The lines for which it is unsettled.
    pub lines: Vec<OsLine>,
    /// The MSRC CVRF document that settles it.
    pub url: String,
}

/// What to look up: `{ line, build, catalog? }`, where `build` is `"26100.7781"`,
/// `"10.0.26100.7781"` or a bare UBR number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupOptions {
    /// The OS line the build belongs to.
    pub line: OsLine,
    /// The UBR to identify.
    pub ubr: u32,
    /// The release data to use.
    pub catalog: CatalogChoice,
}

impl LookupOptions {
    /// Reads the options object as JS passes it.
    ///
    /// # Errors
    /// `INVALID_OPTION` naming the field, the value and what was expected.
    pub fn from_json(json: &str) -> Result<LookupOptions, Error> {
        let f = crate::fields::Fields::document(json, "the options", crate::ErrorCode::InvalidOption)?;
        f.only(&["line", "build", "catalog", "builtInCatalog"])?;
        let line = f.hotpatch_line("line")?;
        let expected = "a build like \"26100.7781\" or a UBR number";
        let ubr = match f.get("build") {
            Some(v @ crate::json::value::Scalar::Int(_)) => crate::fields::whole(v),
            Some(crate::json::value::Scalar::Text(s)) => crate::platform::parse_version(s).and_then(|(_, ubr)| ubr),
            _ => None,
        };
        let ubr = ubr.ok_or_else(|| f.bad_or_missing("build", expected))?;
        Ok(LookupOptions { line, ubr, catalog: CatalogChoice::read(&f)? })
    }
}

/// The answer to a build lookup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BuildInfo {
    /// The OS line.
    pub line: OsLine,
    /// The full build, `26100.7781`.
    pub build: String,
    /// The catalog month the build belongs to.
    pub month: YearMonth,
    /// Baseline, hotpatch, standard LCU or OOB.
    pub kind: BuildKind,
    /// Release date (for an OOB whose date is not known, the month's B release).
    pub date: Date,
    /// The KB, when known.
    pub kb: Option<String>,
    /// Whether a device on this build is on the hotpatch track (as of that month).
    pub hotpatch_track: bool,
    /// `false` when Microsoft has not said whether the build's month is a baseline or a
    /// hotpatch month: `kind` and `hotpatchTrack` then follow the planned calendar.
    pub type_known: bool,
}

/// Identifies a build against the built-in catalog (or a user catalog merged over it).
///
/// # Errors
/// `INVALID_CATALOG` when `options.catalog` is not a valid catalog.
pub fn lookup_build(options: &LookupOptions) -> Result<Option<BuildInfo>, Error> {
    let catalog = options.catalog.load()?;
    let Some(line) = catalog.line(options.line) else { return Ok(None) };
    Ok(catalog.identify(options.line, options.ubr).map(|b| BuildInfo {
        line: options.line,
        build: line.build_string(b.ubr),
        month: b.month,
        kind: b.kind,
        date: b.date,
        kb: b.kb.clone(),
        hotpatch_track: b.is_on_track(),
        type_known: catalog.entry(options.line, b.month).is_some_and(|m| m.type_known),
    }))
}

#[cfg(all(test, any(not(target_arch = "wasm32"), feature = "release-sources")))]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).unwrap()
    }

    #[test]
    fn built_in_catalog_reads_and_is_consistent() {
        let catalog = Catalog::built_in();
        assert_eq!(catalog.lines().count(), 5);
        assert_eq!(catalog.problems(), Vec::<String>::new());
        assert_eq!(catalog.last_month(OsLine::Win11_24H2), Some(ym("2026-10")));
        assert_eq!(catalog.last_month(OsLine::Win11_26H2), Some(ym("2026-10")), "26H2 follows 24H2 from 2026-09");
        assert_eq!(catalog.last_month(OsLine::Ws2022), Some(ym("2026-10")));
        assert_eq!(catalog.last_month_overall(), Some(ym("2026-10")));
    }

    #[test]
    fn a_kb_starting_with_a_multibyte_character_is_an_error_not_a_panic() {
        // Found by fuzzing: `s[..2]` split "€".
        let user = r#"{"lines":{"win11-24h2":{"months":[{"month":"2026-09","release":"2026-09-08","type":"hotpatch","kb":"€12345"}]}}}"#;
        let err = Catalog::with_user_json(user).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::InvalidCatalog);
        assert!(err.to_string().contains("KB number"), "{err}");
    }

    #[test]
    fn the_catalog_writes_itself_as_catalog_json_that_reads_back_the_same() {
        let c = Catalog::built_in();
        let text = c.to_json("test");
        let back = Catalog::from_documents(false, &[&text]).unwrap();
        for line in c.lines() {
            assert_eq!(back.line(line.line).unwrap().months, line.months, "{}", line.line);
        }
    }

    #[test]
    fn missing_months_name_the_msrc_document_to_fetch() {
        let c = Catalog::built_in();
        let missing = c.missing(crate::Date::parse("2026-11-26").unwrap());
        let months: Vec<String> = missing.iter().map(|m| m.month.to_string()).collect();
        // WS2022's June and July 2026, every line's September and October (type not known),
        // and November (not in the data).
        assert_eq!(months, ["2026-06", "2026-07", "2026-09", "2026-10", "2026-11"]);
        assert_eq!(missing[4].url, "https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/2026-Nov");
        assert_eq!(missing[4].release.to_string(), "2026-11-10");
        assert_eq!(msrc_month_id(ym("2027-01")), "2027-Jan");
    }

    #[test]
    fn identify_tells_each_kind_of_build() {
        // DOMAIN.md section 7 rows.
        let c = Catalog::built_in();
        let cases = [
            (OsLine::Win11_24H2, 7623, BuildKind::Baseline, "2026-01", Some("KB5074109")),
            (OsLine::Win11_24H2, 7781, BuildKind::Hotpatch, "2026-02", Some("KB5077212")),
            (OsLine::Win11_24H2, 7840, BuildKind::Lcu, "2026-02", Some("KB5077181")),
            (OsLine::Win11_24H2, 3983, BuildKind::OobHotpatch, "2025-05", Some("KB5061258")),
            (OsLine::Win11_24H2, 7628, BuildKind::OobLcu, "2026-01", Some("KB5078127")),
            (OsLine::Win11_24H2, 8039, BuildKind::OobLcu, "2026-03", Some("KB5085516")),
            // Previews (D releases) are known builds, off the track (DOMAIN.md section 5 rule 4).
            (OsLine::Win11_24H2, 8524, BuildKind::Preview, "2026-05", Some("KB5089573")),
            (OsLine::Win11_24H2, 8893, BuildKind::OobHotpatch, "2026-07", Some("KB5121768")),
            // A month of unknown type: its LCU is recognised, typed by the planned calendar.
            (OsLine::Win11_24H2, 9445, BuildKind::Lcu, "2026-09", Some("KB5124008")),
            (OsLine::Win11_24H2, 9711, BuildKind::Baseline, "2026-10", None),
            (OsLine::Win11_26H2, 9711, BuildKind::Baseline, "2026-10", None),
            // 25H2 shares 24H2's UBRs from October 2025 (DOMAIN.md section 2).
            (OsLine::Win11_25H2, 7092, BuildKind::Hotpatch, "2025-11", Some("KB5068966")),
            // Windows Server 2025 shares 24H2's builds through 2025, then its own series.
            (OsLine::Ws2025, 6899, BuildKind::Baseline, "2025-10", Some("KB5066835")),
            (OsLine::Ws2025, 32313, BuildKind::Hotpatch, "2026-02", Some("KB5075942")),
            (OsLine::Ws2025, 32698, BuildKind::OobLcu, "2026-04", Some("KB5091157")),
            (OsLine::Ws2022, 2655, BuildKind::Baseline, "2024-08", Some("KB5041160")),
            (OsLine::Ws2022, 5139, BuildKind::Lcu, "2026-05", Some("KB5087545")),
        ];
        for (line, ubr, kind, month, kb) in cases {
            let b = c.identify(line, ubr).unwrap_or_else(|| panic!("{line} {ubr} unknown"));
            assert_eq!((b.kind, b.month.to_string().as_str(), b.kb.as_deref()), (kind, month, kb), "{line}.{ubr}");
        }
        // Unknown builds.
        assert!(c.identify(OsLine::Win11_25H2, 4652).is_none(), "25H2 did not exist in July 2025");
        assert!(c.identify(OsLine::Ws2025, 7623).is_none(), "WS2025 has its own series since 2026-01");
        assert!(c.identify(OsLine::Win11_24H2, 9999).is_none());
        assert!(c.identify(OsLine::Other, 1).is_none());
    }

    #[test]
    fn months_outside_the_catalog_are_predicted_from_the_planned_calendar() {
        let c = Catalog::built_in();
        let sep = c.month(OsLine::Win11_24H2, ym("2026-09"));
        assert!(!sep.predicted() && !sep.type_known(), "in the catalog, type not known");
        assert_eq!((sep.kind, sep.release.to_string()), (MonthType::Hotpatch, "2026-09-08".into()));
        let nov = c.month(OsLine::Win11_24H2, ym("2026-11"));
        assert_eq!((nov.kind, nov.predicted()), (MonthType::Hotpatch, true));
        let jan = c.month(OsLine::Win11_24H2, ym("2027-01"));
        assert_eq!((jan.kind, jan.predicted()), (MonthType::Baseline, true));
        // Windows Server 2022 hotpatch support ends after October 2027 (DOMAIN.md section 2).
        let ws = c.month(OsLine::Ws2022, ym("2027-08"));
        assert_eq!((ws.kind, ws.after_support), (MonthType::Hotpatch, false));
        let ws = c.month(OsLine::Ws2022, ym("2027-11"));
        assert_eq!((ws.kind, ws.after_support), (MonthType::Baseline, true));
        // A gap inside Windows Server 2022's data is predicted too.
        assert!(c.month(OsLine::Ws2022, ym("2024-11")).predicted());
        // June 2026 is an unplanned baseline from the catalog, not the planned hotpatch.
        let jun = c.month(OsLine::Win11_24H2, ym("2026-06"));
        assert_eq!((jun.kind, jun.planned, jun.predicted()), (MonthType::Baseline, false, false));
    }
}
