//! The report (CONTRACT.md "Report") and `evaluate`, which produces it: inventory → devices
//! → rules → schedule → report.

use std::borrow::Cow;
use std::sync::Arc;

use crate::hash::{FastMap, FastSet};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::catalog::Catalog;
use crate::date::{Date, YearMonth};
use crate::device::{Edition, Platform, Readiness, Ring};
use crate::inventory::{self, merge::short_name, Device, Input, InputError, InputInfo, SourceRef};
use crate::options::EvaluateOptions;
use crate::platform::OsLine;
use crate::rules::track::Track;
use crate::rules::{CheckId, CheckStatus, Checks, Finding, PlanStart, Rules, Verdict};
use crate::schedule::{plan, Plan};
use crate::Error;

/// The report's schema version; a breaking change to the report bumps it.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything the planner concluded about an inventory, as of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The evaluation date.
    pub as_of: Date,
    /// Which release data was used and where it ends.
    pub catalog: CatalogInfo,
    /// One entry per input document.
    pub inputs: Vec<InputInfo>,
    /// Counts.
    pub summary: Summary,
    /// Windows devices, in order of their first record.
    pub devices: Vec<DeviceReport>,
    /// Devices on other platforms (iOS, macOS, Android, Linux): listed, not evaluated.
    pub other_devices: Vec<OtherDevice>,
    /// Shared schedules, by id (`p0`, `p1`, …).
    pub plans: Plans,
    /// Every input problem.
    pub errors: Vec<InputError>,
    /// The fleet's answers: next month per ring and why, the month-by-ring table, restarts,
    /// blockers and what to fix first, from the devices and plans above.
    pub fleet: crate::fleet::Fleet,
}

/// Which release data the report used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CatalogInfo {
    /// `true` when no user catalog was merged in.
    pub built_in: bool,
    /// The newest month the catalog holds for any line; later months are predicted.
    pub last_month: Option<YearMonth>,
    /// The last month per OS line.
    pub lines: OrderedMap<OsLine, YearMonth>,
    /// Per OS line: where its data starts and ends, and which months have no known type.
    pub coverage: Vec<crate::catalog::LineCoverage>,
    /// Months up to the evaluation date the release data does not settle, each with the
    /// MSRC document that would: what to refresh first.
    pub missing: Vec<crate::catalog::MissingMonth>,
    /// The release-data documents the catalog was built from (empty for the built-in data
    /// as shipped).
    pub sources: Vec<crate::catalog::SourceInfo>,
    /// Where those documents disagreed, and how each disagreement was settled.
    pub conflicts: Vec<crate::catalog::Conflict>,
    /// Parts of those documents that were skipped, each naming the document and where.
    pub warnings: Vec<crate::catalog::SourceProblem>,
}

/// Counts by verdict and by check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Windows devices evaluated.
    pub devices: usize,
    /// Devices whose verdict is hotpatch.
    pub hotpatch: usize,
    /// Devices whose verdict is lcu.
    pub lcu: usize,
    /// Devices whose verdict is undetermined.
    pub undetermined: usize,
    /// Devices failing each check (only checks with at least one).
    pub failing: OrderedMap<CheckId, usize>,
    /// Devices with each check unknown (only checks with at least one).
    pub unknown: OrderedMap<CheckId, usize>,
    /// Devices on platforms other than Windows.
    pub other_platforms: usize,
    /// Devices whose last check-in is more than a month before the evaluation date: not
    /// seen since `notSeenBefore`.
    pub not_seen: usize,
    /// A month before the evaluation date (31 days): a device last seen before it is counted
    /// in `notSeen` and flagged.
    pub not_seen_before: Option<Date>,
    /// How Microsoft's own readiness verdicts (Windows Autopatch device profiles) compare
    /// with the planner's; absent when no input carries them.
    #[cfg(feature = "extra-formats")]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub microsoft: Option<MicrosoftSummary>,
}

/// The fleet's comparison with Windows Autopatch's hotpatch readiness (DOMAIN.md section 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrosoftSummary {
    /// Devices with a readiness verdict from Microsoft.
    pub devices: usize,
    /// Of those, how many Microsoft calls `ready`.
    pub ready: usize,
    /// And `notReady`.
    pub not_ready: usize,
    /// Devices where the planner's verdict matches Microsoft's.
    pub agree: usize,
    /// Devices where it does not (`device.microsoft.detail` says why).
    pub disagree: usize,
    /// Devices the planner cannot decide, so no comparison is made.
    pub planner_undetermined: usize,
}

/// Microsoft's readiness verdict for one device beside the planner's (DOMAIN.md section 8).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MicrosoftView {
    /// What Windows Autopatch says: `ready` or `notReady`.
    pub hotpatch_readiness: Readiness,
    /// How it compares with the planner's verdict.
    pub agreement: Agreement,
    /// Why they differ, or what the planner cannot tell, for a person; `null` when they agree.
    pub detail: Option<Arc<str>>,
}

/// How Microsoft's readiness compares with the planner's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Agreement {
    /// `ready` and hotpatch, or `notReady` and LCU.
    Agree,
    /// One says hotpatch where the other does not.
    Disagree,
    /// The planner's verdict is undetermined.
    PlannerUndetermined,
}

/// One Windows device in the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceReport {
    /// Stable key: the host name without DNS suffix, lowercased (else the Entra id, else
    /// `input-record`), with `~2`, `~3` appended when two devices share it.
    pub key: String,
    /// The host name as reported.
    pub name: Option<String>,
    /// The Entra (Azure AD) device id, when known.
    pub entra_device_id: Option<String>,
    /// Every record merged into the device.
    pub sources: Vec<SourceRef>,
    /// OS facts.
    pub os: OsFacts,
    /// The device's ring name, or `null` for the default ring. Shared between the devices
    /// of a ring.
    pub ring: Option<Arc<str>>,
    /// hotpatch, lcu or undetermined.
    pub verdict: Verdict,
    /// Where the device stands on the hotpatch track.
    pub track: Track,
    /// All seven checks.
    pub checks: Checks,
    /// Checks that failed, are unknown, were assumed, or had disagreeing sources. Shared
    /// between devices whose facts give the same findings.
    pub findings: Arc<[Finding]>,
    /// Key into `plans`, shared with it.
    pub plan: Arc<str>,
    /// Remarks that are not about one check (an unconfigured ring, an ambiguous merge).
    pub notes: Vec<String>,
    /// When an input last heard from the device (its last check-in), where one says; the
    /// latest of its sources.
    pub last_seen: Option<Date>,
    /// Where its build stands against the latest release, in the terms of Intune's Hotpatch
    /// quality updates report (`fleet.rings`); `null` when the release data does not know
    /// the build, or none was reported.
    pub standing: Option<crate::fleet::Standing>,
    /// Present when the inventory last heard from the device before the latest B release
    /// (on or before the evaluation date): its build may have changed since.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub stale: Option<Stale>,
    /// Microsoft's own readiness verdict beside the planner's, when an input carries it
    /// (Windows Autopatch device profiles). Shared between devices that compare the same way.
    #[cfg(feature = "extra-formats")]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub microsoft: Option<Arc<MicrosoftView>>,
}

/// Why Microsoft's readiness and the planner's verdict differ, from the planner's findings;
/// `None` when they agree.
#[cfg(feature = "extra-formats")]
fn readiness_detail(readiness: Readiness, agreement: Agreement, findings: &[Finding]) -> Option<String> {
    let with = |status: CheckStatus| -> Vec<&Finding> { findings.iter().filter(|f| f.status == status).collect() };
    let listed = |list: &[&Finding]| -> String {
        list.iter()
            .map(|f| format!("{} — {}", f.check.label(), first_sentence(&f.detail)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let ids = |list: &[&Finding]| list.iter().map(|f| f.check.label()).collect::<Vec<_>>().join(", ");
    let (failing, unknown) = (with(CheckStatus::Fail), with(CheckStatus::Unknown));
    let assumed: Vec<&Finding> = findings.iter().filter(|f| f.assumed).collect();
    match (readiness, agreement) {
        (_, Agreement::Agree) => None,
        (Readiness::Ready, Agreement::Disagree) => {
            let checks = if failing.len() == 1 { "check fails" } else { "checks fail" };
            let why = match (failing.iter().all(|f| f.check == CheckId::Baseline), unknown.is_empty()) {
                (true, true) => " Microsoft's readiness is about the prerequisites: the device meets them, but it is not on the hotpatch track this month and rejoins it as the baseline check says.".to_string(),
                (true, false) => format!(" Microsoft's readiness is about the prerequisites, some of which the planner cannot check here ({}); the device is not on the hotpatch track this month and rejoins it as the baseline check says.", ids(&unknown)),
                _ => " Microsoft may not see what these inventories show, or one of them is older than Autopatch's data: check the failing fact on the device.".to_string(),
            };
            Some(format!("Windows Autopatch says ready, but the planner expects the LCU because {} {checks}: {}.{why}", if failing.len() == 1 { "this" } else { "these" }, listed(&failing)))
        }
        (Readiness::NotReady, Agreement::Disagree) => Some(format!(
            "Windows Autopatch says not ready, but every check the planner can make passes{}. Autopatch sees what no inventory here carries (licence, the quality update policy, Autopatch registration, its own VBS reading): look at the device in Autopatch's readiness report.",
            if assumed.is_empty() { String::new() } else { format!(" ({} assumed, not read)", ids(&assumed)) }
        )),
        (_, _) => Some(format!(
            "Windows Autopatch says {}; the planner cannot tell, because {} unknown: {}.",
            if readiness == Readiness::Ready { "ready" } else { "not ready" },
            if unknown.len() == 1 { "this check is" } else { "these checks are" },
            listed(&unknown)
        )),
    }
}

/// The first sentence of a finding's detail, for a short list.
#[cfg(feature = "extra-formats")]
fn first_sentence(detail: &str) -> &str {
    match detail.find(". ") {
        Some(end) => &detail[..end],
        None => detail.trim_end_matches('.'),
    }
}

/// When a device's sources last heard from it, as a date.
fn facts_last_seen(device: &Device) -> Option<Date> {
    device.facts.last_seen.and_then(Date::from_unix_seconds)
}

/// A device whose inventory data predates the latest release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stale {
    /// When a source last heard from the device.
    pub last_seen: Date,
    /// The latest B release on or before the evaluation date, which the data predates.
    pub release: Date,
}

/// The OS facts the report shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OsFacts {
    /// The OS line, or `null` without a build.
    pub line: Option<OsLine>,
    /// Build number.
    pub build: Option<u32>,
    /// Update build revision.
    pub ubr: Option<u32>,
    /// Edition name (borrowed for the editions the planner knows).
    pub edition: Option<Cow<'static, str>>,
    /// `x64`, `arm64`, `x86`, `arm`, `64-bit` (x64 or Arm64, unknown which).
    pub arch: Option<Cow<'static, str>>,
}

/// A device on another platform, listed so nothing in the inventory goes unaccounted for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherDevice {
    /// Stable key, like a Windows device's.
    pub key: String,
    /// Name as reported.
    pub name: Option<String>,
    /// `ios`, `macos`, `android`, `linux`, `other`.
    pub platform: Platform,
    /// The OS version as reported.
    pub version: Option<String>,
    /// Every record merged into it.
    pub sources: Vec<SourceRef>,
}

/// A JSON object kept as a list of entries in a fixed order (plans in the order devices
/// first use them, checks in report order). Lighter in Wasm than a `BTreeMap`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderedMap<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for OrderedMap<K, V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<K: PartialEq, V> OrderedMap<K, V> {
    /// The value for a key.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        self.0.iter().find(|(k, _)| k.borrow() == key).map(|(_, v)| v)
    }
}

impl<K: Serialize, V: Serialize> Serialize for OrderedMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

/// Plans by id (`p0`, `p1`, …), in the order devices first use them.
pub type Plans = OrderedMap<Arc<str>, Plan>;

/// Evaluates an inventory: reads every input, merges records into devices, checks every
/// prerequisite, places each device on the track, and plans its updates.
///
/// Never fails because of the inventory's content: unreadable documents and records are in
/// [`Report::errors`], and every other record is evaluated.
///
/// # Errors
/// `INVALID_CATALOG` when `options.catalog` is not a valid release catalog.
///
/// # Example
/// ```
/// use hotpatch_planner::{evaluate, Date, EvaluateOptions, Input, Verdict};
/// let inventory = r#"{"devices":[{"name":"LAP-01","build":"10.0.26100.8390","edition":"Enterprise",
///                    "arch":"x64","vbs":"running"}]}"#;
/// let options = EvaluateOptions::new(Date::parse("2026-05-20").unwrap());
/// let report = evaluate(&[Input::Text(inventory)], &options).unwrap();
/// assert_eq!(report.devices[0].verdict, Verdict::Hotpatch);
/// ```
pub fn evaluate(inputs: &[Input<'_>], options: &EvaluateOptions) -> Result<Report, Error> {
    evaluate_with_progress(inputs, options, &mut |_| {})
}

/// A stage of an evaluation, for progress bars.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the inputs; `done`/`total` count bytes.
    Reading,
    /// Joining records into devices; one step.
    Merging,
    /// Checking and planning devices; `done`/`total` count devices.
    Checking,
}

impl Stage {
    /// The stage's id in JS (`reading`, `merging`, `checking`).
    pub fn id(self) -> &'static str {
        match self {
            Stage::Reading => "reading",
            Stage::Merging => "merging",
            Stage::Checking => "checking",
        }
    }
}

/// How far an evaluation has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// What it is doing.
    pub stage: Stage,
    /// How much of the stage is done.
    pub done: usize,
    /// How much there is in the stage.
    pub total: usize,
}

/// How many devices pass between progress reports while checking.
const CHECK_PROGRESS_EVERY: usize = 4096;

/// [`evaluate`], calling `progress` now and then (every few thousand records or devices, and
/// at each stage's start and end) so that a worker can drive a progress bar on a large
/// inventory. The report is the same.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_with_progress(
    inputs: &[Input<'_>],
    options: &EvaluateOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    let inventory = read_inventory(inputs, options, progress);
    evaluate_inventory(inventory, options, progress)
}

/// The first stage of [`evaluate_with_progress`], reading the inputs into records, for a
/// caller that owns the inputs and frees them before [`evaluate_inventory`]: the records keep
/// nothing of the inputs, whose text is as large as everything the later stages hold (the
/// command line frees a million devices' 0.4 GB export this way).
pub fn read_inventory(
    inputs: &[Input<'_>],
    options: &EvaluateOptions,
    progress: &mut dyn FnMut(Progress),
) -> inventory::Inventory {
    inventory::read_with_progress(inputs, &options.format, &mut |done, total| {
        progress(Progress { stage: Stage::Reading, done, total })
    })
}

/// The stages of [`evaluate_with_progress`] after [`read_inventory`]: merging the records
/// into devices, then checking and planning each. The report is the one
/// [`evaluate_with_progress`] gives for the same inputs.
///
/// # Errors
/// As [`evaluate`].
pub fn evaluate_inventory(
    inventory: inventory::Inventory,
    options: &EvaluateOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<Report, Error> {
    let catalog = options.catalog.load()?;
    progress(Progress { stage: Stage::Merging, done: 0, total: 1 });
    // Each device is made as it is checked: the records' facts move once, into its report.
    let devices = inventory::merge::devices(inventory.records);
    let total = devices.len();
    progress(Progress { stage: Stage::Checking, done: 0, total });
    let mut builder = Builder::new(&catalog, options, total);
    for (i, device) in devices.into_iter().enumerate() {
        if i % CHECK_PROGRESS_EVERY == 0 && i > 0 {
            progress(Progress { stage: Stage::Checking, done: i, total });
        }
        builder.add(device);
    }
    progress(Progress { stage: Stage::Checking, done: total, total });
    Ok(builder.finish(&catalog, options.as_of, inventory.inputs, inventory.errors))
}

/// The plan-sharing key: devices with equal keys get the same plan.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PlanKey {
    line: Option<OsLine>,
    /// Index into `Builder::rings`.
    ring: usize,
    start: PlanStart,
    conditional: bool,
}

/// A ring name as [`Builder::ring`] resolved it.
struct Resolved {
    /// The label devices carrying the name show.
    label: Option<Arc<str>>,
    /// Its place in `Builder::rings`.
    ring: usize,
    /// The note it adds to each device (a ring that is not configured).
    note: Option<String>,
}

struct Builder<'c> {
    catalog: &'c Catalog,
    options: &'c EvaluateOptions,
    rules: Rules<'c>,
    plans: Vec<(Arc<str>, Plan)>,
    plan_ids: FastMap<PlanKey, usize>,
    /// Ring names, shared by the devices that carry them.
    names: FastMap<String, Arc<str>>,
    /// Each ring name a record carries (without settings of its own), as `ring` resolved it.
    named_rings: FastMap<String, Resolved>,
    /// Ring identities (name shown on the plan, settings) met so far.
    rings: Vec<(Option<Arc<str>>, Ring)>,
    ring_index: FastMap<(Option<Arc<str>>, Ring), usize>,
    /// Each device's key as first given ([`Builder::key`]), hashed above its place in
    /// `given`: whether two are equal is worked out once all are given ([`Builder::unique_keys`]).
    key_hashes: Vec<u64>,
    /// Where each key given lives, in the order given: another device (`true`) or a device,
    /// and its place in that list.
    given: Vec<(bool, u32)>,
    /// Configured rings by lowercased name: one lookup per device however many rings.
    rings_by_name: FastMap<String, usize>,
    /// The rings' device lists by lowercased short name or Entra id, each to the first
    /// `options.ring_members` entry that lists it: one lookup per device however long.
    listed: FastMap<String, usize>,
    devices: Vec<DeviceReport>,
    others: Vec<OtherDevice>,
    summary: Summary,
    failing: [usize; 7],
    unknown: [usize; 7],
    /// Per OS line (by [`OsLine`] order), the latest B release on or before the evaluation
    /// date: what a device's data must be newer than not to be stale. Worked out once.
    latest_release: Vec<(OsLine, Date)>,
    /// Comparisons with Microsoft's readiness, by readiness and the (shared) findings. Only
    /// the full module reads Autopatch device profiles, so only it compares.
    #[cfg(feature = "extra-formats")]
    microsoft: FastMap<(Readiness, Verdict, usize, usize), Arc<MicrosoftView>>,
}

/// The rings' device lists (lowercased names without DNS suffix, and Entra ids), each entry
/// to the first ring that lists it.
fn listed_devices(members: &[crate::options::RingMembers]) -> FastMap<String, usize> {
    let mut listed = FastMap::default();
    // Last ring first, so that the first ring listing a device is the one left.
    for (i, m) in members.iter().enumerate().rev() {
        for device in m.devices.iter().rev() {
            listed.insert(crate::inventory::merge::short_name(device), i);
        }
    }
    listed
}

/// Whether `name` matches `pattern`: `*` any run of characters, `?` one, ASCII case ignored.
/// Linear in practice: a star only ever moves the last star's match one character on.
pub(crate) fn name_matches(pattern: &str, name: &str) -> bool {
    let (p, n) = (pattern.as_bytes(), name.as_bytes());
    // One UTF-8 character's length from its first byte, so that `?` takes a whole character.
    let width = |b: u8| match b {
        0xf0.. => 4,
        0xe0.. => 3,
        0xc0.. => 2,
        _ => 1,
    };
    let (mut i, mut j, mut star, mut resume) = (0, 0, None, 0);
    while j < n.len() {
        match p.get(i) {
            Some(b'*') => {
                star = Some(i);
                resume = j;
                i += 1;
            }
            Some(b'?') => {
                i += 1;
                j += width(n[j]);
            }
            Some(c) if c.eq_ignore_ascii_case(&n[j]) => {
                i += 1;
                j += 1;
            }
            _ => match star {
                Some(s) => {
                    i = s + 1;
                    resume += width(n[resume]);
                    j = resume;
                }
                None => return false,
            },
        }
    }
    p[i.min(p.len())..].iter().all(|&c| c == b'*')
}

impl<'c> Builder<'c> {
    /// The ring the options assign to a device without one of its own, with the sentence
    /// that says why: listed by name or Entra id first, then the first matching pattern.
    fn assigned(&self, f: &crate::Facts) -> Option<(usize, String)> {
        let members = &self.options.ring_members;
        if members.is_empty() {
            return None;
        }
        let ring_name = |m: usize| self.options.rings[members[m].ring].name.as_deref().unwrap_or_default();
        let by_name = f.name.as_deref().map(crate::inventory::merge::short_name).and_then(|n| self.listed.get(&n));
        // An Entra id reduces like a name (lowercase; a GUID has no DNS suffix).
        let by_id =
            || f.entra_id.as_deref().map(crate::inventory::merge::short_name).and_then(|id| self.listed.get(&id));
        if let Some(&m) = by_name.or_else(by_id) {
            let ring = ring_name(m);
            return Some((m, format!("Ring \"{ring}\": listed in its devices (option rings.{ring}.devices).")));
        }
        let name = f.name.as_deref()?;
        members.iter().enumerate().find_map(|(m, member)| {
            let pattern = member.name_patterns.iter().find(|p| name_matches(p, name))?;
            let ring = ring_name(m);
            Some((m, format!("Ring \"{ring}\": its name matches \"{pattern}\" (option rings.{ring}.namePatterns).")))
        })
    }

    fn new(catalog: &'c Catalog, options: &'c EvaluateOptions, capacity: usize) -> Builder<'c> {
        Builder {
            catalog,
            options,
            rules: Rules::new(catalog, options),
            plans: Vec::new(),
            plan_ids: FastMap::default(),
            names: FastMap::default(),
            named_rings: FastMap::default(),
            rings: Vec::new(),
            ring_index: FastMap::default(),
            key_hashes: Vec::with_capacity(capacity),
            given: Vec::with_capacity(capacity),
            rings_by_name: crate::options::ring_index(&options.rings),
            listed: listed_devices(&options.ring_members),
            devices: Vec::with_capacity(capacity),
            others: Vec::new(),
            summary: Summary { not_seen_before: options.as_of.sub_days(31), ..Summary::default() },
            failing: [0; 7],
            unknown: [0; 7],
            #[cfg(feature = "extra-formats")]
            microsoft: FastMap::default(),
            latest_release: OsLine::HOTPATCH_LINES
                .into_iter()
                .chain([OsLine::Other])
                .map(|line| (line, catalog.latest_release(line, options.as_of)))
                .collect(),
        }
    }

    /// A ring name, shared by every device that carries it.
    fn name(&mut self, name: &str) -> Arc<str> {
        match self.names.get(name) {
            Some(shared) => shared.clone(),
            None => {
                let shared: Arc<str> = name.into();
                self.names.insert(name.to_string(), shared.clone());
                shared
            }
        }
    }

    /// A device's key: its short name, else its Entra id, else where its first record is.
    /// Two devices may get the same one here: [`Builder::unique_keys`] tells them apart once
    /// every device has its key. `other`: whether it goes to `others`.
    fn key(&mut self, device: &Device, other: bool) -> String {
        let f = &device.facts;
        let key = f
            .name
            .as_deref()
            .map(short_name)
            .filter(|n| !n.is_empty())
            .or_else(|| f.entra_id.as_deref().map(|id| id.trim().to_ascii_lowercase()).filter(|id| !id.is_empty()))
            .unwrap_or_else(|| {
                device
                    .sources
                    .first()
                    .map_or_else(|| "device".into(), |s| format!("input{}-record{}", s.input, s.record))
            });
        let place = if other { self.others.len() } else { self.devices.len() };
        self.key_hashes.push(crate::hash::hashed_at(&key, self.given.len() as u32));
        self.given.push((other, place as u32));
        key
    }

    /// Makes every key unique, in the order the keys were given: a key already given gets the
    /// first `~n` suffix (from 2) that no key given before has. Nearly every fleet has no two
    /// equal keys, which sorting the keys' hashes shows without a set of a million keys (whose
    /// every probe missed the cache); only then are the keys gone through in order with one.
    fn unique_keys(&mut self) {
        let mut hashes = std::mem::take(&mut self.key_hashes);
        crate::hash::sort_by_hash(&mut hashes);
        let first =
            crate::hash::first_of_equal_texts(&hashes, self.given.len(), &|n| self.given_key(n as usize).into());
        let twins = first.iter().enumerate().any(|(n, &f)| f as usize != n);
        if !twins {
            return;
        }
        let mut keys: FastSet<String> = FastSet::with_capacity_and_hasher(self.given.len(), Default::default());
        // Per key that several devices share, the next `~n` suffix to try: a fleet where
        // thousands of devices keep one default name costs one probe each, not one per twin.
        let mut next_suffix: FastMap<String, usize> = FastMap::default();
        for n in 0..self.given.len() {
            let key = self.given_key(n).to_string();
            if keys.insert(key.clone()) {
                continue;
            }
            let next = next_suffix.entry(key.clone()).or_insert(2);
            let mut k = *next;
            while !keys.insert(format!("{key}~{k}")) {
                k += 1;
            }
            *next = k + 1;
            let unique = format!("{key}~{k}");
            match self.given[n] {
                (true, at) => self.others[at as usize].key = unique,
                (false, at) => self.devices[at as usize].key = unique,
            }
        }
    }

    /// The `n`-th key given, where it now lives (a device's or another device's).
    fn given_key(&self, n: usize) -> &str {
        match self.given[n] {
            (true, at) => &self.others[at as usize].key,
            (false, at) => &self.devices[at as usize].key,
        }
    }

    /// The device's ring: its label on the report and its place in `rings` (the name the
    /// plan shows and the settings). The record's own settings, else the named ring, else
    /// the default ring; notes say which when it is not plain.
    fn ring(&mut self, f: &crate::Facts, notes: &mut Vec<String>) -> (Option<Arc<str>>, usize) {
        let options = self.options;
        // A name that is a configured ring, ignoring case, takes its configured spelling, so
        // that "broad" and "Broad" are one ring everywhere (the fleet's rows, the filters).
        let configured = f.ring.as_ref().and_then(|name| match name.bytes().any(|b| b.is_ascii_uppercase()) {
            true => self.rings_by_name.get(&name.to_ascii_lowercase()),
            false => self.rings_by_name.get(name.as_str()),
        });
        let (ring_label, plan_ring_name, ring) = match (&f.ring_settings, &f.ring) {
            (Some(settings), name) => {
                let name = configured.and_then(|&i| options.rings[i].name.as_deref()).or(name.as_deref());
                (name, name, *settings)
            }
            (None, Some(name)) => {
                match configured.map(|&i| &options.rings[i]) {
                    Some(configured) => (configured.name.as_deref(), configured.name.as_deref(), configured.ring),
                    None => {
                        notes.push(format!("Ring \"{name}\" is not configured (option rings); the default ring was used for its schedule."));
                        (Some(name.as_str()), options.default_ring.name.as_deref(), options.default_ring.ring)
                    }
                }
            }
            (None, None) => match self.assigned(f) {
                Some((members, why)) => {
                    let ring = &options.rings[options.ring_members[members].ring];
                    notes.push(why);
                    (ring.name.as_deref(), ring.name.as_deref(), ring.ring)
                }
                None => (None, options.default_ring.name.as_deref(), options.default_ring.ring),
            },
        };
        if let Some(settings) = &f.ring_settings {
            // The record's own policy decides the schedule: say what it is, and that it wins
            // over a configured ring that differs.
            let differs = configured.is_some_and(|&i| options.rings[i].ring != *settings);
            let days = |n: u32| format!("{n} day{}", if n == 1 { "" } else { "s" });
            notes.push(format!(
                "Update policy from the inventory: deferral {}, deadline {}, grace period {}{}.",
                days(settings.deferral_days),
                days(settings.deadline_days),
                days(settings.grace_days),
                if differs { ", used instead of the configured ring's settings" } else { "" }
            ));
        }
        let ring_label = ring_label.map(|n| self.name(n));
        let plan_ring_name = plan_ring_name.map(|n| self.name(n));
        let ring_ix = match self.ring_index.get(&(plan_ring_name.clone(), ring)) {
            Some(&i) => i,
            None => {
                self.rings.push((plan_ring_name.clone(), ring));
                self.ring_index.insert((plan_ring_name, ring), self.rings.len() - 1);
                self.rings.len() - 1
            }
        };
        (ring_label, ring_ix)
    }

    /// Adds one merged device. Kept out of the loop over devices: the core module is ~600
    /// bytes (gzip) smaller for it, and evaluation measured no slower (DESIGN.md "Size").
    #[inline(never)]
    fn add(&mut self, device: Device) {
        let other = device.facts.platform.is_some_and(|p| p != Platform::Windows);
        let key = self.key(&device, other);
        if let Some(platform) = device.facts.platform.filter(|_| other) {
            self.summary.other_platforms += 1;
            self.others.push(OtherDevice {
                key,
                name: device.facts.name,
                platform,
                version: device.facts.platform_version,
                sources: device.sources,
            });
            return;
        }
        let assessment = self.rules.assess(&device);
        let f = &device.facts;
        let mut notes = device.notes.clone();
        notes.extend(
            device
                .conflicts
                .iter()
                .filter(|c| {
                    matches!(
                        c.fact,
                        inventory::Fact::Ring
                            | inventory::Fact::RingSettings
                            | inventory::Fact::Platform
                            | inventory::Fact::Readiness
                    )
                })
                .map(|c| c.sentence()),
        );

        // Devices carry a few ring names: each is worked out once (looked up among the
        // configured rings ignoring case, shared) and then found by its text, one lookup.
        let (ring_label, ring_ix) = match (&f.ring_settings, f.ring.as_deref()) {
            (None, Some(name)) => match self.named_rings.get(name) {
                Some(known) => {
                    notes.extend(known.note.iter().cloned());
                    (known.label.clone(), known.ring)
                }
                None => {
                    let before = notes.len();
                    let (label, ring) = self.ring(f, &mut notes);
                    let note = notes.get(before).cloned();
                    self.named_rings.insert(name.to_string(), Resolved { label: label.clone(), ring, note });
                    (label, ring)
                }
            },
            _ => self.ring(f, &mut notes),
        };
        let ring = self.rings[ring_ix].1;
        let conditional = assessment.verdict == Verdict::Undetermined;
        let plan_key = PlanKey { line: assessment.line, ring: ring_ix, start: assessment.start, conditional };
        let index = match self.plan_ids.get(&plan_key) {
            Some(&i) => i,
            None => {
                let p = plan(
                    self.catalog,
                    plan_key.line,
                    self.rings[ring_ix].0.as_deref(),
                    &ring,
                    plan_key.start,
                    conditional,
                    self.options.as_of,
                    self.options.months,
                );
                self.plans.push((format!("p{}", self.plans.len()).into(), p));
                self.plan_ids.insert(plan_key, self.plans.len() - 1);
                self.plans.len() - 1
            }
        };

        let s = &mut self.summary;
        s.devices += 1;
        match assessment.verdict {
            Verdict::Hotpatch => s.hotpatch += 1,
            Verdict::Lcu => s.lcu += 1,
            Verdict::Undetermined => s.undetermined += 1,
        }
        for (i, id) in CheckId::ALL.into_iter().enumerate() {
            match assessment.checks.get(id) {
                CheckStatus::Fail => self.failing[i] += 1,
                CheckStatus::Unknown => self.unknown[i] += 1,
                CheckStatus::Pass => {}
            }
        }
        let last_seen = facts_last_seen(&device);
        let stale = self.stale(assessment.line, last_seen);
        if last_seen.is_some_and(|seen| Some(seen) < self.summary.not_seen_before) {
            self.summary.not_seen += 1;
        }
        #[cfg(feature = "extra-formats")]
        let microsoft = device.facts.readiness.map(|r| self.compare(r, assessment.verdict, &assessment.findings));
        let Device { facts, sources, .. } = device;
        self.devices.push(DeviceReport {
            key,
            name: facts.name,
            entra_device_id: facts.entra_id,
            sources,
            os: OsFacts {
                line: assessment.line,
                build: facts.build,
                ubr: facts.ubr,
                edition: facts.edition.map(Edition::into_display),
                arch: facts.arch.map(|a| Cow::Borrowed(a.display())),
            },
            ring: ring_label,
            verdict: assessment.verdict,
            track: assessment.track,
            checks: assessment.checks,
            findings: assessment.findings,
            plan: self.plans[index].0.clone(),
            notes,
            last_seen,
            standing: None,
            stale,
            #[cfg(feature = "extra-formats")]
            microsoft,
        });
    }

    /// Microsoft's readiness beside the planner's verdict, counted in the summary, with the
    /// reason for a difference in words (DOMAIN.md section 8).
    #[cfg(feature = "extra-formats")]
    fn compare(&mut self, readiness: Readiness, verdict: Verdict, findings: &Arc<[Finding]>) -> Arc<MicrosoftView> {
        let agreement = match (readiness, verdict) {
            (_, Verdict::Undetermined) => Agreement::PlannerUndetermined,
            (Readiness::Ready, Verdict::Hotpatch) | (Readiness::NotReady, Verdict::Lcu) => Agreement::Agree,
            _ => Agreement::Disagree,
        };
        let summary = self.summary.microsoft.get_or_insert_with(MicrosoftSummary::default);
        summary.devices += 1;
        match readiness {
            Readiness::Ready => summary.ready += 1,
            Readiness::NotReady => summary.not_ready += 1,
        }
        match agreement {
            Agreement::Agree => summary.agree += 1,
            Agreement::Disagree => summary.disagree += 1,
            Agreement::PlannerUndetermined => summary.planner_undetermined += 1,
        }
        let key = (readiness, verdict, Arc::as_ptr(findings) as *const Finding as usize, findings.len());
        if let Some(known) = self.microsoft.get(&key) {
            return known.clone();
        }
        let detail = readiness_detail(readiness, agreement, findings).map(Arc::from);
        let view = Arc::new(MicrosoftView { hotpatch_readiness: readiness, agreement, detail });
        self.microsoft.insert(key, view.clone());
        view
    }

    /// Whether data last reported at `last_seen` predates the latest B release of `line` on
    /// or before the evaluation date.
    fn stale(&self, line: Option<OsLine>, last_seen: Option<Date>) -> Option<Stale> {
        let last_seen = last_seen?;
        let line = line.unwrap_or(OsLine::Win11_24H2);
        let release = self.latest_release.iter().find(|(l, _)| *l == line).map(|(_, d)| *d)?;
        (last_seen < release).then_some(Stale { last_seen, release })
    }

    fn finish(mut self, catalog: &Catalog, as_of: Date, inputs: Vec<InputInfo>, errors: Vec<InputError>) -> Report {
        self.unique_keys();
        let counts = |n: [usize; 7]| OrderedMap(CheckId::ALL.into_iter().zip(n).filter(|(_, n)| *n > 0).collect());
        self.summary.failing = counts(self.failing);
        self.summary.unknown = counts(self.unknown);
        Report {
            schema_version: SCHEMA_VERSION,
            as_of,
            catalog: CatalogInfo {
                built_in: catalog.is_built_in(),
                last_month: catalog.last_month_overall(),
                lines: OrderedMap(catalog.lines().filter_map(|l| l.months.last().map(|m| (l.line, m.month))).collect()),
                coverage: catalog.coverage(),
                missing: catalog.missing(as_of),
                sources: catalog.sources().to_vec(),
                conflicts: catalog.conflicts().to_vec(),
                warnings: catalog.warnings().to_vec(),
            },
            fleet: crate::fleet::fleet(&mut self.devices, &self.plans, catalog, self.options),
            inputs,
            summary: self.summary,
            devices: self.devices,
            other_devices: self.others,
            plans: OrderedMap(self.plans),
            errors,
        }
    }
}

#[cfg(test)]
mod tests {
    /// Ring name patterns (README "Rings"): `*` any run, `?` one character, ASCII case ignored.
    #[test]
    fn name_patterns_match_as_admins_write_them() {
        for (pattern, name, want) in [
            ("CON-LAP-*", "con-lap-0101", true),
            ("CON-LAP-*", "CON-DSK-0101", false),
            ("*", "", true),
            ("*", "anything", true),
            ("", "", true),
            ("", "a", false),
            ("a*b*c", "aXXbYYc", true),
            ("a*b*c", "aXXbYY", false),
            ("*ab", "aab", true),
            ("*ab*ab", "abxabab", true),
            ("?", "Ω", true),
            ("??", "Ω", false),
            ("LAB-?-*", "lab-Ω-7", true),
            ("*-7", "lab-Ω-7", true),
            ("Ω*", "ω1", false),
            ("LAP-0?", "LAP-01.contoso.com", false),
            ("LAP-0?*", "LAP-01.contoso.com", true),
        ] {
            assert_eq!(super::name_matches(pattern, name), want, "{pattern:?} against {name:?}");
        }
    }
}
