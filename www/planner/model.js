// What the page shows, worked out from a report (CONTRACT.md "Report"): the fleet overview,
// the device table's rows and a device's detail, in the page's words. Which devices a filter
// shows, and in what order, is the engine's answer (`Planner.view`, src/query.rs); this module
// only says a filter in the engine's terms (`coreFilter`). Pure functions of their arguments,
// so the worker runs them next to the data and the Node tests run them directly.

/** The seven checks in report order, with how the page names them and what each needs. */
export const CHECKS = [
  { id: 'os', label: 'Operating system', needs: 'Windows 11 24H2 or 25H2 (build 26100 or 26200), Windows Server 2025, or Windows Server 2022 Datacenter: Azure Edition.' },
  { id: 'edition', label: 'Edition', needs: 'Enterprise or Education (including Enterprise multi-session); for servers, Datacenter: Azure Edition or Azure Arc hotpatch enrolment.' },
  { id: 'license', label: 'Licence', needs: 'Windows 11 Enterprise E3/E5, Microsoft 365 F3, Windows 11 Education A3/A5, Microsoft 365 Business Premium or Windows 365 Enterprise.' },
  { id: 'policy', label: 'Hotpatch policy', needs: 'Managed by Intune (Windows Autopatch) with the quality update hotpatch setting resolved to Allow.' },
  { id: 'vbs', label: 'VBS running', needs: 'Virtualization-based security running (Win32_DeviceGuard status 2), not only enabled.' },
  { id: 'arch', label: 'Architecture', needs: 'x64; Arm64 only with CHPE disabled (HotPatchRestrictions = 1).' },
  { id: 'baseline', label: 'Baseline (hotpatch track)', needs: 'The latest quarterly baseline, or a hotpatch released after it on the same line.' },
];

export const CHECK_IDS = CHECKS.map((c) => c.id);
export const checkLabel = (id) => CHECKS.find((c) => c.id === id)?.label ?? id;

export const LINES = {
  'win11-24h2': 'Windows 11 24H2',
  'win11-25h2': 'Windows 11 25H2',
  ws2025: 'Windows Server 2025',
  ws2022: 'Windows Server 2022',
  other: 'Other Windows',
};
export const lineLabel = (id) => (id ? LINES[id] ?? id : 'Unknown');
const SHORT_LINES = { 'win11-24h2': 'Win 11 24H2', 'win11-25h2': 'Win 11 25H2', ws2025: 'WS 2025', ws2022: 'WS 2022', other: 'Other' };
/** The OS line in few characters, for table cells. */
export const shortLineLabel = (id) => (id ? SHORT_LINES[id] ?? id : 'Unknown');

export const VERDICTS = { hotpatch: 'Hotpatch', lcu: 'LCU (restart)', undetermined: 'Undetermined' };
export const TRACKS = { baseline: 'On baseline', hotpatch: 'On hotpatch', behind: 'Behind', 'off-track': 'Off track', unknown: 'Unknown', none: 'No hotpatch track' };
/** Windows Autopatch's own `hotpatchReadiness` (report `device.microsoft`), as the page names it. */
export const READINESS = { ready: 'Ready', notReady: 'Not ready' };
/** How the planner's verdict compares with Microsoft's (`device.microsoft.agreement`). */
export const AGREEMENT = { agree: 'The planner agrees', disagree: 'The planner disagrees', plannerUndetermined: 'The planner cannot decide' };
/** The table's Windows Autopatch filter: a comparison, a readiness, or no readiness at all. */
export const AUTOPATCH_FILTERS = [
  ['disagree', 'Disagrees with the planner'],
  ['plannerUndetermined', 'Planner cannot decide'],
  ['agree', 'Agrees with the planner'],
  ['ready', 'Autopatch says ready'],
  ['notReady', 'Autopatch says not ready'],
  ['none', 'Not rated by Autopatch'],
];
export const UPDATES = { hotpatch: 'Hotpatch', baseline: 'Baseline', lcu: 'LCU', 'catch-up': 'Catch-up (baseline + hotpatch)' };

/** The words for the default ring (a device without a ring; `null` in the report). */
export const DEFAULT_RING = 'Default';

/**
 * The default ring's name on the page for this report: `Default`, unless the fleet also has a
 * ring of that name (in any case), which the engine keeps apart from the default ring: then a
 * name no ring of the fleet has, so the two never share a row, a filter or a count.
 */
export function defaultRingLabel(report) {
  const named = new Set((report.fleet?.rings ?? []).flatMap((r) => (r.ring == null ? [] : [r.ring.toLowerCase()])));
  let label = DEFAULT_RING;
  for (let n = 1; named.has(label.toLowerCase()); n++) label = `${DEFAULT_RING} (no ring set${n > 1 ? `, ${n}` : ''})`;
  return label;
}

/** `2026-06` → `June 2026`. */
export function monthLabel(month, style = 'long') {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString('en-GB', { month: style, year: 'numeric', timeZone: 'UTC' });
}

/** `2026-06-16` → `16 Jun 2026`. */
export function dateLabel(date) {
  if (!date) return '';
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The last check-in Microsoft Graph writes for a device that has never synced
 * (`lastSyncDateTime` 0001-01-01T00:00:00Z, .NET's smallest date). The core reports the date
 * as written; the page says it in words rather than as "1 Jan 1".
 */
export const NEVER_SYNCED = '0001-01-01';

/**
 * A last check-in in words: `2026-06-16` → `16 Jun 2026`, followed by "not seen for over a
 * month" when `notSeen`; Graph's never-synced date → "never".
 */
export function checkInLabel(date, notSeen = false) {
  if (date === NEVER_SYNCED) return 'never (the inventory gives 0001-01-01)';
  return `${dateLabel(date)}${notSeen ? ' — not seen for over a month' : ''}`;
}

/** The table's chip for a device not seen for over a month: `seen 2 Mar 2026`, or `never seen`. */
export function seenChip(date) {
  return date === NEVER_SYNCED ? 'never seen' : `seen ${dateLabel(date)}`;
}

/** Why a device not seen for over a month is flagged, in words. */
export function notSeenNote(date) {
  return date === NEVER_SYNCED ? 'never checked in: the inventory gives 0001-01-01' : `not seen since ${dateLabel(date)}, over a month before the evaluation date`;
}

/**
 * A device's `stale` mark in words: `{ lastSeen, release }` → "inventory from 20 May 2026,
 * older than the November 2026 release (10 Nov 2026)".
 */
export function staleNote(stale) {
  if (!stale) return '';
  const release = stale.release ? `${monthLabel(stale.release.slice(0, 7))} release (${dateLabel(stale.release)})` : 'latest release';
  if (stale.lastSeen === NEVER_SYNCED) return `inventory of a device that has never checked in (it gives 0001-01-01): what it says may predate the ${release}`;
  return `inventory from ${stale.lastSeen ? dateLabel(stale.lastSeen) : 'an unknown date'}, older than the ${release}`;
}

/**
 * What a plan tells its devices' rows, worked out once per plan and shared by them: its first
 * restart, every month it restarts in, its first month, and how an LCU device on it gets back
 * on the track.
 */
function planFacts(plan) {
  const restart = plan.months.find((m) => m.restart);
  const first = plan.months[0];
  return {
    restart: restart ? { month: restart.month, restartBy: restart.restartBy, update: restart.update } : null,
    restartMonths: Object.freeze(plan.months.filter((m) => m.restart).map((m) => m.month)),
    first: first ? Object.freeze({ month: first.month, update: first.update, restart: first.restart }) : null,
    back: backOnTrack(plan),
  };
}

/** What `backOnTrack` says for a plan that does not hotpatch later, and for any device not on the LCU. */
const NOT_BACK = Object.freeze({ catchUp: null, untilBaseline: null });

/**
 * For devices on the LCU whose plan hotpatches later, how they get back on the track, as the
 * core's plan says: `catchUp`, the month of their one catch-up restart, or `untilBaseline`,
 * the baseline month they take the LCU until. Both null for the LCU every month.
 */
function backOnTrack(plan) {
  if (!plan.catchUp && !plan.untilBaseline) return NOT_BACK;
  return Object.freeze({ catchUp: plan.catchUp ?? null, untilBaseline: plan.untilBaseline ?? null });
}

/** A device's way back on the track (`backOnTrack` of its plan), when it is on the LCU. */
const backOf = (d, back) => (d.verdict === 'lcu' ? back : NOT_BACK);

/**
 * The verdict in words, from the device's own plan: "Hotpatch", "Hotpatch after one catch-up
 * restart in December 2026", "LCU every month until fixed", "Undetermined — missing VBS running".
 * `d` is a table row or a device detail (verdict, catchUp, unknown check ids).
 */
export function verdictText(d) {
  if (d.verdict === 'hotpatch') return 'Hotpatch';
  if (d.verdict === 'undetermined') return `Undetermined — missing ${d.unknown.map((c) => checkLabel(c)).join(', ') || 'a fact'}`;
  if (d.catchUp) return `Hotpatch after one catch-up restart in ${monthLabel(d.catchUp)}`;
  if (d.untilBaseline) return `LCU until the ${monthLabel(d.untilBaseline)} baseline, then hotpatch`;
  return 'LCU every month until fixed';
}

/** The verdict's short form for table cells: "Hotpatch", "Catch-up, then hotpatch", "LCU", "Undetermined". */
export function verdictShort(d) {
  if (d.verdict === 'lcu') return d.catchUp ? 'Catch-up, then hotpatch' : d.untilBaseline ? 'LCU, then hotpatch' : 'LCU every month';
  return VERDICTS[d.verdict];
}

/** A device's standing against the latest release, in Intune's words. */
export const STANDINGS = {
  hotpatched: 'on the latest release, hotpatched',
  'up-to-date': 'on the latest release (standard build)',
  'not-up-to-date': 'not up to date: on an older release',
};

/** Whether a device was last seen before the core's cut-off (`summary.notSeenBefore`, a month before the evaluation date). */
const notSeen = (report, d) => report.summary.notSeenBefore != null && d.lastSeen != null && d.lastSeen < report.summary.notSeenBefore;

/**
 * One table row per device of `report.devices`: what the table shows. `indices` gives each
 * device's position in the whole report (`Planner.indices`), which opens its detail.
 */
export function tableRows(report, indices) {
  const perPlan = new Map();
  const factsOf = (id) => {
    if (!perPlan.has(id)) perPlan.set(id, planFacts(report.plans[id]));
    return perPlan.get(id);
  };
  const defaultRing = defaultRingLabel(report);
  return report.devices.map((d, k) => {
    const facts = factsOf(d.plan);
    const restart = facts.restart;
    return {
      index: indices ? indices[k] : k,
      key: d.key,
      name: d.name ?? d.key,
      // Searched too: an admin often has a device's Entra id from another console.
      entraDeviceId: d.entraDeviceId ?? null,
      line: d.os.line,
      build: d.os.build === null ? null : d.os.ubr === null ? `${d.os.build}` : `${d.os.build}.${d.os.ubr}`,
      edition: d.os.edition,
      arch: d.os.arch,
      verdict: d.verdict,
      track: d.track,
      failing: CHECK_IDS.filter((c) => d.checks[c] === 'fail'),
      unknown: CHECK_IDS.filter((c) => d.checks[c] === 'unknown'),
      ring: d.ring ?? defaultRing,
      nextRestart: restart?.restartBy ?? null,
      nextRestartMonth: restart?.month ?? null,
      nextRestartUpdate: restart?.update ?? null,
      // Every month the device restarts in, by its own plan: what the month filter and the
      // month-by-ring table count (a device restarting in a month is one whatever came before).
      restartMonths: facts.restartMonths,
      // How a device on the LCU gets back on the track, when its plan says it does.
      ...backOf(d, facts.back),
      // The plan's first month: the device's own next month (the fleet's `next` lines).
      first: facts.first,
      // The inventory record is older than the latest release before the evaluation date.
      ...(d.stale ? { stale: d.stale } : {}),
      // Its last check-in, where an input says, and whether that is over a month ago.
      lastSeen: d.lastSeen ?? null,
      notSeen: notSeen(report, d),
      // Its build against the latest release, as the core counts it for Intune's terms.
      standing: d.standing ?? null,
      // Windows Autopatch's own readiness, and how the planner's verdict compares with it.
      ...(d.microsoft ? { readiness: d.microsoft.hotpatchReadiness, agreement: d.microsoft.agreement } : {}),
    };
  });
}

/** The OS line filter's value for devices whose line is unknown (`null` to the engine). */
export const UNKNOWN_LINE = 'unknown';

/**
 * The page's filter as the engine's `Planner.view` takes it (README "The planner handle"). The
 * page names the default ring and an unknown OS line with words (`defaultRingLabel(report)`,
 * `unknown`), where the engine takes `null`; `notSeen` is a flag. Everything else passes as it is:
 * { search, verdict, check, ring, line, restartMonth, fix, firstMonth, reason, autopatch,
 *   notSeen, standing, label (words for the filter, ignored) }.
 */
export function coreFilter(filter = {}, report = {}) {
  const { ring, line, notSeen: unseen, ...rest } = filter;
  return {
    ...rest,
    ...(ring ? { ring: ring === defaultRingLabel(report) ? null : ring } : {}),
    ...(line ? { line: line === UNKNOWN_LINE ? null : line } : {}),
    ...(unseen ? { notSeen: true } : {}),
  };
}

/**
 * The fleet overview, as the page shows it: the core's fleet answers (`report.fleet`, the same
 * numbers every face gives) with ring names for people, and the verdicts' shares.
 */
export function overview(report) {
  const s = report.summary;
  const f = report.fleet;
  const share = (n) => (s.devices ? n / s.devices : 0);
  const defaultRing = defaultRingLabel(report);
  return {
    devices: s.devices,
    otherPlatforms: s.otherPlatforms,
    verdicts: ['hotpatch', 'lcu', 'undetermined'].map((v) => ({ verdict: v, count: s[v], share: share(s[v]) })),
    line: f.line,
    blockers: f.blockers,
    restarts: f.restarts,
    defaultRing,
    next: f.next.map((n) => ({ ...n, ring: n.ring ?? defaultRing })),
    fixes: f.fixes,
    releaseUndetermined: f.releaseUndetermined,
    calendar: {
      // A month whose type Microsoft has not published is marked like one beyond the data.
      months: f.months.map((m) => ({ month: m.month, type: m.type, planned: m.planned, predicted: m.predicted || !m.typeKnown, kb: m.kb, build: m.build })),
      rings: f.rings.map((r) => ({ ring: r.ring ?? defaultRing, devices: r.devices, cells: r.months })),
    },
    releaseDataEnds: report.catalog.lastMonth,
    predictedFrom: f.predictedFrom,
    // Where devices stand today, in Intune's terms (the core's counts, as they are).
    standing: {
      rings: f.rings.map((r) => ({ ring: r.ring ?? defaultRing, devices: r.devices, hotpatched: r.hotpatched, upToDate: r.upToDate, notUpToDate: r.notUpToDate, buildUnknown: r.buildUnknown })),
      releases: f.releases,
    },
  };
}

/** Ring names in the order the core gives the fleet's rings (configured first, default last). */
function ringOrder(report) {
  const defaultRing = defaultRingLabel(report);
  return report.fleet.rings.map((r) => r.ring ?? defaultRing);
}

/**
 * The values the table's filters offer: rings in the fleet's order, and the OS lines that
 * have devices (`counts`: `Planner.counts()` of every device), `unknown` last.
 */
export function filterChoices(report, counts) {
  const lines = Object.entries(counts.lines).filter(([, n]) => n > 0).map(([id]) => (id === 'unknown' ? UNKNOWN_LINE : id));
  return { rings: ringOrder(report), lines };
}

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 };

/**
 * One device with everything its detail view shows: all seven checks, sources, schedule.
 * `report.devices[at]` is the device; `index` its position in the whole report.
 */
export function deviceDetail(report, at, inputNames = [], index = at) {
  const d = report.devices[at];
  const plan = report.plans[d.plan];
  const findings = new Map(d.findings.map((f) => [f.check, f]));
  return {
    index,
    key: d.key,
    name: d.name ?? d.key,
    entraDeviceId: d.entraDeviceId,
    os: d.os,
    ring: d.ring ?? defaultRingLabel(report),
    verdict: d.verdict,
    track: d.track,
    notes: d.notes,
    // What stands in the way first: failing checks, then unknown ones, then those that pass
    // (each group in report order).
    checks: CHECKS.map((c) => {
      const f = findings.get(c.id);
      return { id: c.id, label: c.label, needs: c.needs, status: d.checks[c.id], assumed: f?.assumed ?? false, detail: f?.detail ?? null, fix: f?.fix ?? null };
    }).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]),
    sources: d.sources.map((s) => ({
      input: s.input,
      record: s.record,
      name: inputNames[s.input] ?? `Input ${s.input + 1}`,
      format: report.inputs[s.input]?.format ?? null,
    })),
    plan: { conditional: plan.conditional, ring: plan.ring, months: plan.months },
    ...backOf(d, backOnTrack(plan)),
    unknown: CHECK_IDS.filter((c) => d.checks[c] === 'unknown'),
    ...(d.stale ? { stale: d.stale } : {}),
    lastSeen: d.lastSeen ?? null,
    notSeen: notSeen(report, d),
    standing: d.standing ?? null,
    ...(d.microsoft ? { microsoft: d.microsoft } : {}),
  };
}

/** Where Microsoft's monthly CVRF documents are: the only other host the page may ask. */
export const CVRF_BASE = 'https://api.msrc.microsoft.com/cvrf/v3.0/cvrf/';

/**
 * Per OS line (the report's `catalog.coverage`): where its data ends, its months of unknown
 * type, and from when months are predicted.
 */
export function coverageRows(catalog) {
  const next = (month) => {
    const [y, m] = month.split('-').map(Number);
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  };
  return (catalog?.coverage ?? []).map((c) => ({ line: c.line, name: c.name, first: c.first, last: c.last, typeUnknown: c.typeUnknown, predictedFrom: c.last ? next(c.last) : null }));
}
