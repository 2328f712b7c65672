// What the page shows, worked out from a report (CONTRACT.md "Report"): the fleet overview,
// the device table's rows, filtering and sorting. Pure functions of their arguments, so the
// worker runs them next to the data and the Node tests run them directly.

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

/** The ring a device is planned under, as the page names it. */
export const DEFAULT_RING = 'Default';
const ringOf = (d) => d.ring ?? DEFAULT_RING;

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
 * A device's `stale` mark in words: `{ lastSeen, release }` → "inventory from 2026-05-20,
 * older than the November 2026 release".
 */
export function staleNote(stale) {
  if (!stale) return '';
  return `inventory from ${stale.lastSeen ?? 'an unknown date'}, older than the ${stale.release ? `${monthLabel(stale.release.slice(0, 7))} release (${dateLabel(stale.release)})` : 'latest release'}`;
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

/**
 * Whether a row is in a `fleet.next` reason group: a decided device that restarts in its
 * first month for `reason` (`baseline`, `catch-up`, `lcu:<failing checks>`).
 */
function inReason(r, reason) {
  if (r.verdict === 'undetermined' || !r.first?.restart) return false;
  if (reason.startsWith('lcu:')) return r.first.update === 'lcu' && r.failing.join('+') === reason.slice(4);
  return r.first.update === reason;
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

/** One table row per device: what the table shows, sorts and filters on. */
export function tableRows(report) {
  const perPlan = new Map();
  const factsOf = (id) => {
    if (!perPlan.has(id)) perPlan.set(id, planFacts(report.plans[id]));
    return perPlan.get(id);
  };
  return report.devices.map((d, index) => {
    const facts = factsOf(d.plan);
    const restart = facts.restart;
    return {
      index,
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
      ring: ringOf(d),
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

/**
 * The indices of the rows that pass `filter`, in `sort` order.
 * filter: { search, verdict ('decided': hotpatch or LCU), check: 'fail:vbs' | 'unknown:arch' | 'any:vbs', ring, line,
 *   notSeen (devices whose last check-in is over a month before the evaluation date),
 *   standing ('hotpatched' | 'up-to-date' | 'not-up-to-date' | 'unknown': the build against the latest release),
 *   restartMonth (devices that restart in that month, by their own plans),
 *   fix ('edition+vbs': the LCU devices failing exactly those checks, a fleet fix group),
 *   firstMonth and reason (a `fleet.next` line's reason group: devices whose own next month
 *   is firstMonth and who restart then for that reason), label (words for the filter, ignored),
 *   autopatch: 'disagree' | 'plannerUndetermined' | 'agree' | 'ready' | 'notReady' | 'none' }
 * sort: { key: column, dir: 'asc' | 'desc' }
 */
export function view(rows, filter = {}, sort = { key: 'name', dir: 'asc' }) {
  const search = filter.search?.trim().toLowerCase();
  const [checkStatus, checkId] = filter.check ? filter.check.split(':') : [];
  const keep = (r) =>
    (!search || r.name.toLowerCase().includes(search) || r.key.includes(search) || (r.entraDeviceId?.toLowerCase().includes(search) ?? false)) &&
    (!filter.verdict || r.verdict === filter.verdict || (filter.verdict === 'decided' && r.verdict !== 'undetermined')) &&
    (!checkId ||
      (checkStatus !== 'unknown' && r.failing.includes(checkId)) ||
      (checkStatus !== 'fail' && r.unknown.includes(checkId))) &&
    (!filter.ring || r.ring === filter.ring) &&
    (!filter.line || (r.line ?? '') === filter.line) &&
    (!filter.restartMonth || r.restartMonths.includes(filter.restartMonth)) &&
    (!filter.fix || (r.verdict === 'lcu' && r.failing.join('+') === filter.fix)) &&
    (!filter.firstMonth || r.first?.month === filter.firstMonth) &&
    (!filter.reason || inReason(r, filter.reason)) &&
    (!filter.autopatch || autopatchMatches(r, filter.autopatch)) &&
    (!filter.notSeen || r.notSeen) &&
    (!filter.standing || (r.standing ?? 'unknown') === filter.standing);
  const order = [];
  for (let i = 0; i < rows.length; i++) if (keep(rows[i])) order.push(i);
  const value = SORT_VALUES[sort.key] ?? SORT_VALUES.name;
  const dir = sort.dir === 'desc' ? -1 : 1;
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const compare = (a, b) => {
    const va = value(rows[a]);
    const vb = value(rows[b]);
    // Missing values sort last whichever the direction.
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const c = typeof va === 'number' ? va - vb : collator.compare(va, vb);
    return c * dir || collator.compare(rows[a].name, rows[b].name);
  };
  return order.sort(compare);
}

/** Whether a row passes the Windows Autopatch filter (AUTOPATCH_FILTERS). */
function autopatchMatches(r, value) {
  if (value === 'none') return !r.readiness;
  return r.agreement === value || r.readiness === value;
}

const VERDICT_ORDER = { lcu: 0, undetermined: 1, hotpatch: 2 };
// Disagreements first: they are what an admin looks at.
const AGREEMENT_ORDER = { disagree: 0, plannerUndetermined: 1, agree: 2 };
const SORT_VALUES = {
  name: (r) => r.name,
  os: (r) => (r.line ? `${r.line} ${r.build ?? ''}` : null),
  edition: (r) => r.edition,
  arch: (r) => r.arch,
  verdict: (r) => VERDICT_ORDER[r.verdict],
  track: (r) => r.track,
  autopatch: (r) => (r.readiness ? AGREEMENT_ORDER[r.agreement] * 2 + (r.readiness === 'ready' ? 0 : 1) : null),
  checks: (r) => r.failing.length * 10 + r.unknown.length,
  ring: (r) => r.ring,
  nextRestart: (r) => r.nextRestart,
};

/**
 * The fleet overview, as the page shows it: the core's fleet answers (`report.fleet`, the same
 * numbers every face gives) with ring names for people, and the verdicts' shares.
 */
export function overview(report) {
  const s = report.summary;
  const f = report.fleet;
  const share = (n) => (s.devices ? n / s.devices : 0);
  return {
    devices: s.devices,
    otherPlatforms: s.otherPlatforms,
    verdicts: ['hotpatch', 'lcu', 'undetermined'].map((v) => ({ verdict: v, count: s[v], share: share(s[v]) })),
    line: f.line,
    blockers: f.blockers,
    restarts: f.restarts,
    next: f.next.map((n) => ({ ...n, ring: n.ring ?? DEFAULT_RING })),
    fixes: f.fixes,
    releaseUndetermined: f.releaseUndetermined,
    calendar: {
      // A month whose type Microsoft has not published is marked like one beyond the data.
      months: f.months.map((m) => ({ month: m.month, type: m.type, planned: m.planned, predicted: m.predicted || !m.typeKnown, kb: m.kb, build: m.build })),
      rings: f.rings.map((r) => ({ ring: r.ring ?? DEFAULT_RING, devices: r.devices, cells: r.months })),
    },
    releaseDataEnds: report.catalog.lastMonth,
    predictedFrom: f.predictedFrom,
    // Where devices stand today, in Intune's terms (the core's counts, as they are).
    standing: {
      rings: f.rings.map((r) => ({ ring: r.ring ?? DEFAULT_RING, devices: r.devices, hotpatched: r.hotpatched, upToDate: r.upToDate, notUpToDate: r.notUpToDate, buildUnknown: r.buildUnknown })),
      releases: f.releases,
    },
  };
}

/** Ring names in the order the core gives the fleet's rings (configured first, default last). */
function ringOrder(report) {
  return report.fleet.rings.map((r) => r.ring ?? DEFAULT_RING);
}

/** The distinct values the table's filters offer: rings in the fleet's order, OS lines. */
export function filterChoices(report, rows) {
  const lines = new Set();
  for (const r of rows) lines.add(r.line ?? '');
  return { rings: ringOrder(report), lines: [...lines].sort() };
}

const STATUS_ORDER = { fail: 0, unknown: 1, pass: 2 };

/** One device with everything its detail view shows: all seven checks, sources, schedule. */
export function deviceDetail(report, index, inputNames = []) {
  const d = report.devices[index];
  const plan = report.plans[d.plan];
  const findings = new Map(d.findings.map((f) => [f.check, f]));
  return {
    key: d.key,
    name: d.name ?? d.key,
    entraDeviceId: d.entraDeviceId,
    os: d.os,
    ring: ringOf(d),
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
