//! Questions asked of one report kept in memory: which devices pass a filter, in what order,
//! and how many of them have each filter value. This is how the page's table, and a portal's
//! grid, show a fleet of a million devices a page of rows at a time, without the whole
//! report crossing into JavaScript (the Wasm `Planner`). What a filter means (a fix group, a
//! `fleet.next` reason group, a month's restarts) is decided here, once, next to the fleet
//! answers whose counts it must reproduce.

use std::cmp::Ordering;

use crate::date::YearMonth;
use crate::error::Error;
use crate::fields::Fields;
use crate::fleet::Standing;
use crate::hash::FastMap;
use crate::platform::OsLine;
use crate::report::{Agreement, DeviceReport, Report};
use crate::rules::{CheckId, CheckStatus, Verdict};
use crate::schedule::{Plan, UpdateKind};

/// Which devices a view shows. Every part given must hold (CONTRACT additions in the README,
/// "The planner handle").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Text found, ignoring ASCII case, in the device's name, key or Entra device id.
    pub search: String,
    /// `hotpatch`, `lcu`, `undetermined`, or `decided` (hotpatch or LCU).
    pub verdict: Option<VerdictFilter>,
    /// A check, and which of its outcomes: `fail:vbs`, `unknown:vbs` or `any:vbs` (either).
    pub check: Option<(Outcomes, CheckId)>,
    /// The ring the device is planned under; `Some(None)` is the default ring (JSON `null`).
    pub ring: Option<Option<String>>,
    /// The OS line; `Some(None)` is an unknown line (JSON `null`).
    pub line: Option<Option<OsLine>>,
    /// Devices that restart in this month by their own plans.
    pub restart_month: Option<YearMonth>,
    /// A fix group of `fleet.fixes` (`edition+vbs`): LCU devices failing exactly those checks.
    pub fix: Option<u8>,
    /// Devices whose own next month (their plan's first) is this one.
    pub first_month: Option<YearMonth>,
    /// A reason group of `fleet.next` (`baseline`, `catch-up`, `lcu:vbs`): decided devices
    /// that restart in their first month for that reason.
    pub reason: Option<Reason>,
    /// Windows Autopatch's readiness or its comparison with the planner.
    pub autopatch: Option<Autopatch>,
    /// Only devices last seen before `summary.notSeenBefore`.
    pub not_seen: bool,
    /// The build against the latest release; `Some(None)` is `unknown`.
    pub standing: Option<Option<Standing>>,
}

/// The verdicts a filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictFilter {
    /// One verdict.
    Is(Verdict),
    /// Hotpatch or LCU: the planner could decide.
    Decided,
}

/// Which outcomes of a check a filter keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcomes {
    /// `fail`.
    Fail,
    /// `unknown`.
    Unknown,
    /// `any`: fail or unknown.
    Any,
}

/// A `fleet.next` reason group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// `baseline`.
    Baseline,
    /// `catch-up`.
    CatchUp,
    /// `lcu` and the failing checks (a bit per check in report order).
    Lcu(u8),
}

/// The Windows Autopatch filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Autopatch {
    /// Microsoft's readiness compared with the verdict.
    Agreement(Agreement),
    /// Microsoft's readiness: `ready` (true) or `notReady`.
    Ready(bool),
    /// `none`: no readiness from Microsoft.
    None,
}

/// A column to sort by; devices with no value sort last in either direction, and devices
/// that tie stay in name order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// The name (the key where there is none), as people read it: ASCII case ignored,
    /// numbers by value (`pc-9` before `pc-10`).
    Name,
    /// The OS line, then build and UBR.
    Os,
    /// The edition's name.
    Edition,
    /// The architecture's name.
    Arch,
    /// LCU, then undetermined, then hotpatch: what needs attention first.
    Verdict,
    /// The track's id.
    Track,
    /// Disagreements with Windows Autopatch first.
    Autopatch,
    /// Failing checks (more first when descending), then unknown ones.
    Checks,
    /// The ring's name; the default ring counts as no value.
    Ring,
    /// The date of the next forced restart.
    NextRestart,
}

const SORT_KEYS: [&str; 10] =
    ["name", "os", "edition", "arch", "verdict", "track", "autopatch", "checks", "ring", "nextRestart"];
const SORTS: [SortKey; 10] = [
    SortKey::Name,
    SortKey::Os,
    SortKey::Edition,
    SortKey::Arch,
    SortKey::Verdict,
    SortKey::Track,
    SortKey::Autopatch,
    SortKey::Checks,
    SortKey::Ring,
    SortKey::NextRestart,
];

/// An order: a column and whether it descends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest first.
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Sort { key: SortKey::Name, descending: false }
    }
}

/// The fields a filter may have (`label` is words for the filter, kept by the page, ignored).
const FILTER_FIELDS: [&str; 13] = [
    "search",
    "verdict",
    "check",
    "ring",
    "line",
    "restartMonth",
    "fix",
    "firstMonth",
    "reason",
    "autopatch",
    "notSeen",
    "standing",
    "label",
];

/// `check` filters: each outcome (fail, unknown, any) with each check in report order.
const CHECK_FILTERS: [&str; 21] = [
    "fail:os",
    "fail:edition",
    "fail:license",
    "fail:policy",
    "fail:vbs",
    "fail:arch",
    "fail:baseline",
    "unknown:os",
    "unknown:edition",
    "unknown:license",
    "unknown:policy",
    "unknown:vbs",
    "unknown:arch",
    "unknown:baseline",
    "any:os",
    "any:edition",
    "any:license",
    "any:policy",
    "any:vbs",
    "any:arch",
    "any:baseline",
];

/// The ids of [`OS_ORDER`].
const LINE_IDS: [&str; 6] = ["other", "win11-24h2", "win11-25h2", "win11-26h2", "ws2022", "ws2025"];

/// Bit `i` for the `i`th check of [`CheckId::ALL`].
fn bit(check: CheckId) -> u8 {
    1 << CheckId::ALL.iter().position(|&c| c == check).unwrap_or(0)
}

/// The failing checks of `d` as bits.
fn failing(d: &DeviceReport) -> u8 {
    CheckId::ALL.iter().filter(|&&c| d.checks.get(c) == CheckStatus::Fail).fold(0, |m, &c| m | bit(c))
}

/// Reads `edition+vbs` (check ids joined by `+`) as bits.
fn checks_of(text: &str) -> Option<u8> {
    text.split('+').try_fold(0, |m, id| Some(m | bit(*CheckId::ALL.iter().find(|c| c.id() == id)?)))
}

impl Filter {
    /// Reads a filter from its JSON text (`{ "verdict": "lcu", "check": "fail:vbs" }`); blank
    /// text or `null` is no filter, and so is an empty text in any field (what an HTML select
    /// gives for "any"). Unknown fields and values are `INVALID_OPTION`, naming the field: a
    /// misspelt filter must not quietly show every device.
    pub fn from_json(json: &str) -> Result<Filter, Error> {
        let f = Fields::options(json)?;
        f.only(&FILTER_FIELDS)?;
        let text = |key: &str| -> Result<Option<&str>, Error> { Ok(f.string(key)?.filter(|t| !t.is_empty())) };
        let month = |key: &str| match text(key) {
            Ok(None) => Ok(None),
            _ => f.month(key),
        };
        // Which of `names` the field holds, by position; empty text is none.
        let pick = |key: &str, names: &[&'static str]| -> Result<Option<usize>, Error> {
            Ok(match text(key)? {
                None => None,
                Some(_) => f.choice(key, names)?.and_then(|c| names.iter().position(|n| *n == c)),
            })
        };
        let checks = |key: &str, prefix: &str| -> Result<Option<u8>, Error> {
            match text(key)? {
                None => Ok(None),
                Some(t) => t.strip_prefix(prefix).and_then(checks_of).map(Some).ok_or_else(|| {
                    let expected = format!("{prefix}check ids joined by + ({prefix}edition+vbs)");
                    // `describe` cuts a long text short: messages stay readable.
                    f.bad(key, f.get(key).unwrap_or(&crate::fields::Value::Null), &expected)
                }),
            }
        };
        // `null` asks for what has no value (the default ring, an unknown line), unlike other
        // fields, where `null` is absent as `undefined` is in JS.
        let null = |key: &str| f.entries().iter().any(|(k, v)| k == key && matches!(v, crate::fields::Value::Null));
        let reason = match text("reason")? {
            Some("baseline") => Some(Reason::Baseline),
            Some("catch-up") => Some(Reason::CatchUp),
            Some("lcu") => Some(Reason::Lcu(0)),
            _ => checks("reason", "lcu:")?.map(Reason::Lcu),
        };
        Ok(Filter {
            search: f.string("search")?.unwrap_or("").trim().to_ascii_lowercase(),
            verdict: pick("verdict", &["hotpatch", "lcu", "undetermined", "decided"])?.map(|i| {
                [Verdict::Hotpatch, Verdict::Lcu, Verdict::Undetermined]
                    .get(i)
                    .map_or(VerdictFilter::Decided, |&v| VerdictFilter::Is(v))
            }),
            check: pick("check", &CHECK_FILTERS)?
                .map(|i| ([Outcomes::Fail, Outcomes::Unknown, Outcomes::Any][i / 7], CheckId::ALL[i % 7])),
            ring: if null("ring") { Some(None) } else { text("ring")?.map(|r| Some(r.to_string())) },
            line: if null("line") { Some(None) } else { pick("line", &LINE_IDS)?.map(|i| Some(OS_ORDER[i])) },
            restart_month: month("restartMonth")?,
            fix: checks("fix", "")?,
            first_month: month("firstMonth")?,
            reason,
            autopatch: pick("autopatch", &["disagree", "plannerUndetermined", "agree", "ready", "notReady", "none"])?
                .map(|i| {
                    [
                        Autopatch::Agreement(Agreement::Disagree),
                        Autopatch::Agreement(Agreement::PlannerUndetermined),
                        Autopatch::Agreement(Agreement::Agree),
                        Autopatch::Ready(true),
                        Autopatch::Ready(false),
                        Autopatch::None,
                    ][i]
                }),
            not_seen: f.bool("notSeen")?.unwrap_or(false),
            standing: pick("standing", &["hotpatched", "up-to-date", "not-up-to-date", "unknown"])?
                .map(|i| [Standing::Hotpatched, Standing::UpToDate, Standing::NotUpToDate].get(i).copied()),
        })
    }
}

impl Sort {
    /// Reads `{ "key": "nextRestart", "dir": "desc" }`; blank text or `null` is by name.
    pub fn from_json(json: &str) -> Result<Sort, Error> {
        let f = Fields::options(json)?;
        f.only(&["key", "dir"])?;
        let key = f
            .choice("key", &SORT_KEYS)?
            .map_or(SortKey::Name, |k| SORTS[SORT_KEYS.iter().position(|&s| s == k).unwrap_or(0)]);
        Ok(Sort { key, descending: f.choice("dir", &["asc", "desc"])? == Some("desc") })
    }
}

/// What a filter needs of each plan, worked out once per plan rather than per device.
struct PlanPass {
    /// The plan passes the month filters (restart month, first month).
    months: bool,
    /// What its first month restarts for, when it does.
    first_restart: Option<UpdateKind>,
}

/// One report's devices, ready for views: each device's plan as a position in `report.plans`.
pub struct Index {
    plan_of: Vec<u32>,
}

impl Index {
    /// Indexes `report`: one pass over its devices.
    pub fn new(report: &Report) -> Index {
        let plans: FastMap<&str, u32> =
            report.plans.0.iter().enumerate().map(|(i, (id, _))| (&**id, i as u32)).collect();
        let plan_of = report.devices.iter().map(|d| plans.get(&*d.plan).copied().unwrap_or(0)).collect();
        Index { plan_of }
    }

    /// The positions in `report.devices` of the devices that pass `filter`, in `sort` order.
    /// Linear in the devices for the filter, n log n for the sort.
    pub fn select(&mut self, report: &Report, filter: &Filter, sort: Sort) -> Vec<u32> {
        let plans: Vec<PlanPass> = report.plans.0.iter().map(|(_, p)| plan_pass(p, filter)).collect();
        let not_seen_before = report.summary.not_seen_before;
        let keep = |(i, d): &(usize, &DeviceReport)| {
            let plan = &plans[self.plan_of[*i] as usize];
            let status = |c| d.checks.get(c);
            plan.months
                && (filter.search.is_empty() || search(d, &filter.search))
                && filter.verdict.is_none_or(|v| match v {
                    VerdictFilter::Is(v) => d.verdict == v,
                    VerdictFilter::Decided => d.verdict != Verdict::Undetermined,
                })
                && filter.check.is_none_or(|(o, c)| {
                    matches!(
                        (o, status(c)),
                        (Outcomes::Fail | Outcomes::Any, CheckStatus::Fail)
                            | (Outcomes::Unknown | Outcomes::Any, CheckStatus::Unknown)
                    )
                })
                && filter.ring.as_ref().is_none_or(|r| r.as_deref() == d.ring.as_deref())
                && filter.line.is_none_or(|l| l == d.os.line)
                && filter.fix.is_none_or(|m| d.verdict == Verdict::Lcu && failing(d) == m)
                && filter.reason.is_none_or(|r| {
                    d.verdict != Verdict::Undetermined
                        && match (r, plan.first_restart) {
                            (Reason::Baseline, Some(UpdateKind::Baseline)) => true,
                            (Reason::CatchUp, Some(UpdateKind::CatchUp)) => true,
                            (Reason::Lcu(m), Some(UpdateKind::Lcu)) => failing(d) == m,
                            _ => false,
                        }
                })
                && filter.autopatch.is_none_or(|a| match (a, microsoft(d)) {
                    (Autopatch::None, m) => m.is_none(),
                    (Autopatch::Agreement(x), Some(m)) => m.agreement == x,
                    (Autopatch::Ready(r), Some(m)) => (m.hotpatch_readiness == crate::device::Readiness::Ready) == r,
                    _ => false,
                })
                && (!filter.not_seen || not_seen(d, not_seen_before))
                && filter.standing.is_none_or(|s| s == d.standing)
        };
        let mut order: Vec<u32> = report.devices.iter().enumerate().filter(keep).map(|(i, _)| i as u32).collect();
        self.sort(report, &mut order, sort);
        order
    }

    /// Sorts `order` (positions in `report.devices`) by the column, then by name (ascending
    /// unless the column is the name), then by position.
    fn sort(&self, report: &Report, order: &mut Vec<u32>, sort: Sort) {
        let devices = &report.devices;
        let plans = &report.plans.0;
        let plan_of = &self.plan_of;
        let number = |i: u32| -> Option<u64> {
            let d = &devices[i as usize];
            match sort.key {
                SortKey::Os => {
                    let line = d.os.line.map(|l| line_rank(l) as u64)?;
                    let (b, u) = (d.os.build.map_or(0, |b| b as u64 + 1), d.os.ubr.map_or(0, |u| u as u64 + 1));
                    Some(line << 56 | b.min((1 << 28) - 1) << 28 | u.min((1 << 28) - 1))
                }
                SortKey::Verdict => Some(match d.verdict {
                    Verdict::Lcu => 0,
                    Verdict::Undetermined => 1,
                    Verdict::Hotpatch => 2,
                }),
                SortKey::Autopatch => microsoft(d).map(|m| {
                    let agreement = match m.agreement {
                        Agreement::Disagree => 0,
                        Agreement::PlannerUndetermined => 1,
                        Agreement::Agree => 2,
                    };
                    agreement * 2 + u64::from(m.hotpatch_readiness != crate::device::Readiness::Ready)
                }),
                SortKey::Checks => {
                    let count = |s| CheckId::ALL.iter().filter(|&&c| d.checks.get(c) == s).count() as u64;
                    Some(count(CheckStatus::Fail) * 10 + count(CheckStatus::Unknown))
                }
                _ => plans[plan_of[i as usize] as usize]
                    .1
                    .months
                    .iter()
                    .find(|m| m.restart)
                    .and_then(|m| m.restart_by)
                    .map(|d| d.days_from_ce() as u64),
            }
        };
        // Devices without a value come last in either direction.
        let column = |order: Option<Ordering>| match order {
            Some(o) if sort.descending => o.reverse(),
            Some(o) => o,
            None => Ordering::Equal,
        };
        let compare = |a: u32, b: u32| {
            let (x, y) = (&devices[a as usize], &devices[b as usize]);
            let by = match sort.key {
                SortKey::Name => Ordering::Equal,
                SortKey::Edition | SortKey::Arch | SortKey::Track | SortKey::Ring => {
                    match (text(x, sort.key), text(y, sort.key)) {
                        (Some(p), Some(q)) => column(Some(natural(p, q))),
                        (p, q) => q.is_none().cmp(&p.is_none()).reverse(),
                    }
                }
                _ => match (number(a), number(b)) {
                    (Some(p), Some(q)) => column(Some(p.cmp(&q))),
                    (p, q) => q.is_none().cmp(&p.is_none()).reverse(),
                },
            };
            by.then_with(|| {
                let o = natural(name(x), name(y));
                if sort.key == SortKey::Name {
                    column(Some(o))
                } else {
                    o
                }
            })
            .then(a.cmp(&b))
        };
        if sort.key == SortKey::Name {
            // The page's usual order, fast at a million devices: by a key of each name's first
            // characters that orders as `natural` does (`name_key`), then only the names that
            // share a key by `natural` itself.
            let key = |i: u32| name_key(name(&devices[i as usize]));
            crate::order::sort_by_key(order, |&i| if sort.descending { !key(i) } else { key(i) });
            let mut start = 0;
            while start < order.len() {
                let k = key(order[start]);
                let end = start + order[start..].iter().take_while(|&&i| key(i) == k).count();
                heap_sort(&mut order[start..end], &compare);
                start = end;
            }
            return;
        }
        heap_sort(order, &compare);
    }
}

/// The name a device is listed under: its name, or its key when it has none.
fn name(d: &DeviceReport) -> &str {
    d.name.as_deref().unwrap_or(&d.key)
}

/// A text column's value.
fn text(d: &DeviceReport, key: SortKey) -> Option<&str> {
    match key {
        SortKey::Edition => d.os.edition.as_deref(),
        SortKey::Arch => d.os.arch.as_deref(),
        SortKey::Track => Some(d.track.id()),
        _ => d.ring.as_deref(),
    }
}

/// A line's place in [`OS_ORDER`].
fn line_rank(line: OsLine) -> usize {
    OS_ORDER.iter().position(|&o| o == line).unwrap_or(0)
}

/// OS lines in the order of their ids, as the page's text sort put them.
const OS_ORDER: [OsLine; 6] =
    [OsLine::Other, OsLine::Win11_24H2, OsLine::Win11_25H2, OsLine::Win11_26H2, OsLine::Ws2022, OsLine::Ws2025];

/// What `filter` asks of one plan.
fn plan_pass(plan: &Plan, filter: &Filter) -> PlanPass {
    let first = plan.months.first();
    let months = filter.restart_month.is_none_or(|m| plan.months.iter().any(|p| p.restart && p.month == m))
        && filter.first_month.is_none_or(|m| first.is_some_and(|f| f.month == m));
    PlanPass { months, first_restart: first.filter(|f| f.restart).map(|f| f.update) }
}

/// Whether `needle` (lower case) is in the device's name, key or Entra id, ignoring ASCII case.
fn search(d: &DeviceReport, needle: &str) -> bool {
    let found = |hay: &str| {
        hay.len() >= needle.len()
            && hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    d.name.as_deref().is_some_and(found) || found(&d.key) || d.entra_device_id.as_deref().is_some_and(found)
}

/// Windows Autopatch's readiness for the device; only the full module reads it.
fn microsoft(d: &DeviceReport) -> Option<&crate::report::MicrosoftView> {
    #[cfg(feature = "extra-formats")]
    return d.microsoft.as_deref();
    #[cfg(not(feature = "extra-formats"))]
    {
        let _ = d;
        None
    }
}

/// Whether the device's last check-in is before the report's cut-off.
fn not_seen(d: &DeviceReport, before: Option<crate::date::Date>) -> bool {
    matches!((d.last_seen, before), (Some(seen), Some(before)) if seen < before)
}

/// Sorts by `less`: a heap sort, a few hundred bytes of Wasm where the standard library's
/// sorts are several KB for each comparison they are given (DESIGN.md, "Size"); n log n,
/// and the comparison's own tie-break makes the order total.
fn heap_sort(items: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    let sift = |items: &mut [u32], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && compare(items[child], items[child + 1]) == Ordering::Less {
            child += 1;
        }
        if compare(items[root], items[child]) != Ordering::Less {
            return;
        }
        items.swap(root, child);
        root = child;
    };
    let n = items.len();
    for root in (0..n / 2).rev() {
        sift(items, root, n);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift(items, 0, end);
    }
}

/// The first characters of a name as a number that orders names as [`natural`] does, as far
/// as it goes: ASCII letters in lower case, and each run of digits as `'0'` plus its length
/// without leading zeros (so `9` sorts before `10`) followed by its digits. A run of more than
/// eight digits ends the key, as does the eighth byte; names whose keys are equal are ordered
/// by `natural` itself.
fn name_key(name: &str) -> u64 {
    let b = name.as_bytes();
    let mut out = [0u8; 8];
    let mut n = 0;
    let mut i = 0;
    while i < b.len() && n < 8 {
        if b[i].is_ascii_digit() {
            let mut start = i;
            while start < b.len() && b[start] == b'0' {
                start += 1;
            }
            let mut end = start;
            while end < b.len() && b[end].is_ascii_digit() {
                end += 1;
            }
            if end - start > 8 {
                out[n] = b'9';
                break;
            }
            out[n] = b'0' + (end - start) as u8;
            n += 1;
            for &d in &b[start..end] {
                if n < 8 {
                    out[n] = d;
                    n += 1;
                }
            }
            i = end;
        } else {
            out[n] = b[i].to_ascii_lowercase();
            n += 1;
            i += 1;
        }
    }
    u64::from_be_bytes(out)
}

/// Compares names as people read them: ASCII case ignored, runs of digits by their value.
fn natural(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i].is_ascii_digit() && b[j].is_ascii_digit() {
            let digits = |s: &[u8], mut k: usize| {
                while k < s.len() && s[k] == b'0' {
                    k += 1;
                }
                let start = k;
                while k < s.len() && s[k].is_ascii_digit() {
                    k += 1;
                }
                (start, k)
            };
            let ((sa, ea), (sb, eb)) = (digits(a, i), digits(b, j));
            let o = (ea - sa).cmp(&(eb - sb)).then_with(|| a[sa..ea].cmp(&b[sb..eb]));
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (ea, eb);
        } else {
            let o = a[i].to_ascii_lowercase().cmp(&b[j].to_ascii_lowercase());
            if o != Ordering::Equal {
                return o;
            }
            (i, j) = (i + 1, j + 1);
        }
    }
    (a.len() - i).cmp(&(b.len() - j))
}

/// How many devices of a view (`order`) have each filter value: what a page shows next to
/// its filters. Numbers in a fixed order, which the Wasm boundary names (`expand.js`,
/// `expandCounts`): devices; hotpatch, LCU, undetermined; failing per check and unknown per
/// check (report order); hotpatched, up to date, not up to date, standing unknown; not seen;
/// per OS line in [`LINE_IDS`] order, then unknown; then per ring of `report.fleet.rings`, in
/// its order.
pub fn counts(report: &Report, order: &[u32]) -> Vec<u32> {
    let rings = &report.fleet.rings;
    let ring_at: FastMap<&str, u32> =
        rings.iter().enumerate().map(|(i, r)| (r.ring.as_deref().unwrap_or(""), i as u32)).collect();
    const LINES_AT: usize = 4 + 14 + 4 + 1;
    let mut n = vec![0u32; LINES_AT + 7 + rings.len()];
    n[0] = order.len() as u32;
    for &i in order {
        let d = &report.devices[i as usize];
        n[1 + d.verdict as usize] += 1;
        for (k, &c) in CheckId::ALL.iter().enumerate() {
            match d.checks.get(c) {
                CheckStatus::Fail => n[4 + k] += 1,
                CheckStatus::Unknown => n[11 + k] += 1,
                CheckStatus::Pass => {}
            }
        }
        n[18 + d.standing.map_or(3, |s| s as usize)] += 1;
        n[22] += u32::from(not_seen(d, report.summary.not_seen_before));
        n[LINES_AT + d.os.line.map_or(6, line_rank)] += 1;
        if let Some(&r) = ring_at.get(d.ring.as_deref().unwrap_or("")) {
            n[LINES_AT + 7 + r as usize] += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tables written out for size agree with the enums they name.
    #[test]
    fn the_filter_tables_follow_the_enums() {
        for (i, name) in CHECK_FILTERS.iter().enumerate() {
            let outcome = ["fail", "unknown", "any"][i / 7];
            assert_eq!(*name, format!("{outcome}:{}", CheckId::ALL[i % 7].id()));
        }
        for (line, id) in OS_ORDER.iter().zip(LINE_IDS) {
            assert_eq!(line.id(), id);
        }
        let mut ids = LINE_IDS;
        ids.sort_unstable();
        assert_eq!(ids, LINE_IDS, "in the order of their ids");
        assert_eq!(OS_ORDER.len(), OsLine::HOTPATCH_LINES.len() + 1);
    }

    #[test]
    fn names_compare_as_people_read_them() {
        let cases = [
            ("pc-9", "PC-10", Ordering::Less),
            ("pc-010", "pc-10", Ordering::Equal),
            ("a", "A", Ordering::Equal),
            ("a1b", "a1", Ordering::Greater),
            ("", "a", Ordering::Less),
        ];
        for (a, b, want) in cases {
            assert_eq!(natural(a, b), want, "{a} {b}");
            assert_eq!(natural(b, a), want.reverse(), "{b} {a}");
        }
        // The key orders as `natural` wherever the keys differ.
        let names = [
            "",
            "a",
            "A-1",
            "a-01",
            "a-9",
            "a-10",
            "a10",
            "a 1",
            "a.1",
            "ab",
            "pc-0009",
            "pc-123456789",
            "pc-1234567890",
            "pc-99999999",
            "é",
            "Z",
            "lap-0000123",
            "lap-0000124",
            "lap-000012",
            "x0",
            "x00",
            "x000a",
        ];
        for a in names {
            for b in names {
                let (ka, kb) = (name_key(a), name_key(b));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), natural(a, b), "{a:?} {b:?}");
                }
            }
        }
        let mut items: Vec<u32> = (0..1000).rev().collect();
        heap_sort(&mut items, &|a, b| (a % 7).cmp(&(b % 7)).then(a.cmp(&b)));
        assert!(items.windows(2).all(|w| ((w[0] % 7), w[0]) < ((w[1] % 7), w[1])));
    }
}
