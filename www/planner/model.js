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

/** A device's first month with a restart in its plan, or null. */
export function nextRestart(report, d) {
  const month = report.plans[d.plan].months.find((m) => m.restart);
  return month ? { month: month.month, restartBy: month.restartBy, update: month.update } : null;
}

/**
 * Every month some plan covers, in order. Plans start at their ring's first release offered on
 * or after the evaluation date, so rings with different deferrals start in different months:
 * no one plan's months are everyone's.
 */
export function planMonths(report) {
  const months = new Set();
  for (const id of Object.keys(report.plans)) for (const m of report.plans[id].months) months.add(m.month);
  return [...months].sort();
}

/** One table row per device: what the table shows, sorts and filters on. */
export function tableRows(report) {
  // The months each plan restarts in, worked out once per plan and shared by its devices' rows.
  const restartMonths = new Map();
  const restartMonthsOf = (id) => {
    if (!restartMonths.has(id)) restartMonths.set(id, Object.freeze(report.plans[id].months.filter((m) => m.restart).map((m) => m.month)));
    return restartMonths.get(id);
  };
  return report.devices.map((d, index) => {
    const restart = nextRestart(report, d);
    return {
      index,
      key: d.key,
      name: d.name ?? d.key,
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
      restartMonths: restartMonthsOf(d.plan),
      // The inventory record is older than the latest release before the evaluation date.
      ...(d.stale ? { stale: d.stale } : {}),
      // Windows Autopatch's own readiness, and how the planner's verdict compares with it.
      ...(d.microsoft ? { readiness: d.microsoft.hotpatchReadiness, agreement: d.microsoft.agreement } : {}),
    };
  });
}

/**
 * The indices of the rows that pass `filter`, in `sort` order.
 * filter: { search, verdict, check: 'fail:vbs' | 'unknown:arch' | 'any:vbs', ring, line,
 *   restartMonth (devices that restart in that month, by their own plans),
 *   autopatch: 'disagree' | 'plannerUndetermined' | 'agree' | 'ready' | 'notReady' | 'none' }
 * sort: { key: column, dir: 'asc' | 'desc' }
 */
export function view(rows, filter = {}, sort = { key: 'name', dir: 'asc' }) {
  const search = filter.search?.trim().toLowerCase();
  const [checkStatus, checkId] = filter.check ? filter.check.split(':') : [];
  const keep = (r) =>
    (!search || r.name.toLowerCase().includes(search) || r.key.includes(search)) &&
    (!filter.verdict || r.verdict === filter.verdict) &&
    (!checkId ||
      (checkStatus !== 'unknown' && r.failing.includes(checkId)) ||
      (checkStatus !== 'fail' && r.unknown.includes(checkId))) &&
    (!filter.ring || r.ring === filter.ring) &&
    (!filter.line || (r.line ?? '') === filter.line) &&
    (!filter.restartMonth || r.restartMonths.includes(filter.restartMonth)) &&
    (!filter.autopatch || autopatchMatches(r, filter.autopatch));
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
 * The fleet overview: verdict counts and shares, blocking checks ranked, restarts compared
 * with LCU-only, next month's restarts with their reasons, and the month-by-ring calendar.
 * `calendar` is releaseCalendar()'s months for the fleet's main line over the horizon.
 */
export function overview(report, calendar = []) {
  const s = report.summary;
  const share = (n) => (s.devices ? n / s.devices : 0);
  const verdicts = ['hotpatch', 'lcu', 'undetermined'].map((v) => ({ verdict: v, count: s[v], share: share(s[v]) }));
  const blockers = CHECK_IDS.map((id) => ({ check: id, failing: s.failing[id] ?? 0, unknown: s.unknown[id] ?? 0 }))
    .filter((b) => b.failing || b.unknown)
    .sort((a, b) => b.failing - a.failing || b.unknown - a.unknown || CHECK_IDS.indexOf(a.check) - CHECK_IDS.indexOf(b.check));

  // Devices per plan, so that each plan's months are walked once.
  const perPlan = new Map();
  const ringsPerPlan = new Map();
  for (const d of report.devices) {
    perPlan.set(d.plan, (perPlan.get(d.plan) ?? 0) + 1);
    const rings = ringsPerPlan.get(d.plan) ?? new Map();
    rings.set(ringOf(d), (rings.get(ringOf(d)) ?? 0) + 1);
    ringsPerPlan.set(d.plan, rings);
  }
  const months = planMonths(report);
  const horizon = report.plans[report.devices[0]?.plan]?.months.length ?? 0;
  let planned = 0;
  let conditional = 0;
  const cells = new Map(); // `${ring}|${month}` → { restart, hotpatch }
  // Each device's next month is its own plan's first: rings with other deferrals can be a
  // month apart, so the fleet's line names the earliest and each ring says its own.
  const nextMonth = months[0];
  const next = { month: nextMonth ?? null, restart: 0, byUpdate: {} };
  for (const [id, count] of perPlan) {
    const plan = report.plans[id];
    const restarts = plan.months.filter((m) => m.restart).length;
    if (plan.conditional) conditional += restarts * count;
    else planned += restarts * count;
    for (const [ring, n] of ringsPerPlan.get(id)) {
      for (const m of plan.months) {
        const cell = cells.get(`${ring}|${m.month}`) ?? { restart: 0, hotpatch: 0 };
        if (m.restart) cell.restart += n;
        else cell.hotpatch += n;
        cells.set(`${ring}|${m.month}`, cell);
      }
    }
    const first = plan.months[0];
    if (first?.restart) {
      next.restart += count;
      next.byUpdate[first.update] = (next.byUpdate[first.update] ?? 0) + count;
    }
  }
  // Next month again, over the determined devices only: a count that mixes in undetermined
  // devices (whose plans assume their unknowns pass) would read as more certain than it is.
  // Per ring too, each in the month its own plans start.
  const determined = { month: nextMonth ?? null, devices: 0, restart: 0, byUpdate: {}, undetermined: 0 };
  const perRing = new Map();
  // Undetermined devices the release data leaves undetermined (their baseline check unknown).
  let releaseUndetermined = 0;
  for (const d of report.devices) {
    const first = report.plans[d.plan].months[0];
    const ring = ringOf(d);
    // By ring and the device's own next month: devices of one ring can carry their own ring
    // settings (UCClient), and so start a month apart.
    const key = `${ring}\u0000${first?.month ?? ''}`;
    let r = perRing.get(key);
    if (!r) perRing.set(key, (r = { ring, month: first?.month ?? null, devices: 0, restart: 0, byUpdate: {}, undetermined: 0 }));
    if (d.verdict === 'undetermined') {
      determined.undetermined += 1;
      r.undetermined += 1;
      if (d.checks.baseline === 'unknown') releaseUndetermined += 1;
      continue;
    }
    determined.devices += 1;
    r.devices += 1;
    if (first?.restart) {
      for (const n of [determined, r]) {
        n.restart += 1;
        n.byUpdate[first.update] = (n.byUpdate[first.update] ?? 0) + 1;
      }
    }
  }
  const lcuOnly = s.devices * horizon;
  const decided = report.devices.filter((d) => !report.plans[d.plan].conditional).length;
  const rings = [...new Set(report.devices.map(ringOf))].sort((a, b) => ringRank(a) - ringRank(b) || a.localeCompare(b));
  const byMonth = new Map(calendar.map((c) => [c.month, c]));
  return {
    devices: s.devices,
    otherPlatforms: s.otherPlatforms,
    verdicts,
    blockers,
    restarts: {
      horizon,
      lcuOnly,
      // Devices whose plan is decided (not conditional): restarts they will have.
      planned,
      decidedDevices: decided,
      avoided: decided * horizon - planned,
      // Undetermined devices' plans assume their unknown checks pass.
      conditional,
      conditionalDevices: s.devices - decided,
      conditionalAvoided: (s.devices - decided) * horizon - conditional,
    },
    next,
    nextDetermined: determined,
    // The same per ring and next month, in ring order: each line counts the devices whose own
    // next month it names.
    nextByRing: [...perRing.values()].sort((a, b) => ringRank(a.ring) - ringRank(b.ring) || a.ring.localeCompare(b.ring) || (a.month ?? '').localeCompare(b.month ?? '')),
    releaseUndetermined,
    calendar: {
      months: months.map((month) => {
        const c = byMonth.get(month);
        // A month whose type Microsoft has not published is shown as predicted, like one beyond the data.
        return { month, type: c?.type ?? null, planned: c?.planned ?? null, predicted: c ? c.predicted || c.typeKnown === false : true, kb: c?.kb ?? null, build: c?.build ?? null };
      }),
      rings: rings.map((ring) => ({
        ring,
        cells: months.map((month) => cells.get(`${ring}|${month}`) ?? { restart: 0, hotpatch: 0 }),
      })),
    },
    releaseDataEnds: report.catalog.lastMonth,
    predictedFrom: months.find((m) => m > report.catalog.lastMonth) ?? null,
  };
}

const RING_ORDER = ['Test', 'First', 'Fast', 'Broad'];
const ringRank = (ring) => {
  const i = RING_ORDER.findIndex((r) => r.toLowerCase() === ring.toLowerCase());
  return i === -1 ? (ring === DEFAULT_RING ? 5 : 4) : i;
};

/** The line most devices are on (for the calendar's month types), defaulting to Windows 11 24H2. */
export function mainLine(report) {
  const counts = new Map();
  for (const d of report.devices) if (d.os.line && d.os.line !== 'other') counts.set(d.os.line, (counts.get(d.os.line) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'win11-24h2';
}

/** The distinct values the table's filters offer. */
export function filterChoices(rows) {
  const rings = new Set();
  const lines = new Set();
  for (const r of rows) {
    rings.add(r.ring);
    lines.add(r.line ?? '');
  }
  return {
    rings: [...rings].sort((a, b) => ringRank(a) - ringRank(b) || a.localeCompare(b)),
    lines: [...lines].sort(),
  };
}

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
    checks: CHECKS.map((c) => {
      const f = findings.get(c.id);
      return { id: c.id, label: c.label, needs: c.needs, status: d.checks[c.id], assumed: f?.assumed ?? false, detail: f?.detail ?? null, fix: f?.fix ?? null };
    }),
    sources: d.sources.map((s) => ({
      input: s.input,
      record: s.record,
      name: inputNames[s.input] ?? `Input ${s.input + 1}`,
      format: report.inputs[s.input]?.format ?? null,
    })),
    plan: { conditional: plan.conditional, ring: plan.ring, months: plan.months },
    ...(d.stale ? { stale: d.stale } : {}),
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
