// The page's model (www/planner/model.js): what the overview, the table and the device detail
// show. The overview's numbers are the core's (`report.fleet`, tests/fleet_answers.rs); here
// they are checked again, independently, against the devices' own plans, and the table's
// filters (the engine's `Planner.view`, given the page's filters through `coreFilter`) against
// them. Tested in Node against reports and planners from the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { coreFilter, defaultRingLabel, deviceDetail, filterChoices, overview, tableRows as rowsOf, verdictText } from '../../www/planner/model.js';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const sample = (file) => readFileSync(new URL(`../../www/samples/${file}`, import.meta.url), 'utf8');

// Each report comes with the engine's planner over the same inputs, so that the table's rows
// can be filtered as the page filters them: by the engine, with the page's filter words.
const plannerOf = new WeakMap();
function evaluate(inputs, options) {
  const r = api.evaluate(inputs, options);
  plannerOf.set(r, new api.Planner(inputs, options));
  return r;
}
const reportOf = new WeakMap();
function tableRows(r) {
  const rows = rowsOf(r);
  plannerOf.set(rows, plannerOf.get(r));
  reportOf.set(rows, r);
  return rows;
}
/** The positions of the rows the page's `filter` shows, in `sort` order. */
function view(rows, filter = {}, sort = undefined) {
  const planner = plannerOf.get(rows);
  planner.view(coreFilter(filter, reportOf.get(rows)), sort);
  return [...planner.indices(0, 2 ** 32 - 1)];
}
/** The counts the page's filters offer, of every device. */
function countsOf(r) {
  const planner = plannerOf.get(r);
  planner.view();
  return planner.counts();
}

const report = evaluate([sample('graph.json'), sample('deviceguard.json')], { asOf: '2026-05-20' });

/** Per ring and own next month, from the devices' own plans: [ring, month, decided, restart, undetermined]. */
function nextByHand(r) {
  const lines = new Map();
  for (const d of r.devices) {
    const first = r.plans[d.plan].months[0];
    const key = `${d.ring ?? 'Default'} ${first.month}`;
    const line = lines.get(key) ?? [d.ring ?? 'Default', first.month, 0, 0, 0];
    if (d.verdict === 'undetermined') line[4] += 1;
    else {
      line[2] += 1;
      if (first.restart) line[3] += 1;
    }
    lines.set(key, line);
  }
  return [...lines.values()];
}

test('overview: verdict shares, blockers ranked by failing devices, next month and its reasons', () => {
  const o = overview(report);
  assert.deepEqual(o.verdicts.map((v) => [v.verdict, v.count]), [['hotpatch', 2], ['lcu', 5], ['undetermined', 1]]);
  assert.equal(o.verdicts[1].share, 5 / 8);
  assert.deepEqual(o.blockers.map((b) => [b.check, b.failing, b.unknown]), [['vbs', 2, 1], ['baseline', 2, 0], ['os', 1, 0], ['edition', 1, 0], ['arch', 0, 1]]);
  // June 2026 is an unplanned baseline: everyone restarts; the one device that fails the os
  // check (Windows 10) takes the LCU, the rest the baseline. The undetermined device apart.
  assert.deepEqual(o.next.map((n) => [n.ring, n.month, n.devices, n.restart, n.undetermined]), nextByHand(report));
  assert.deepEqual(o.next[0].reasons.map((r) => [r.reason, r.devices]), [['baseline', 6], ['lcu:os', 1]]);
  assert.equal(o.otherPlatforms, 1);
  assert.equal(o.line, 'win11-24h2');
});

test('overview: restarts with the plan against LCU every month, decided and conditional apart', () => {
  const r = overview(report).restarts;
  // Count by hand from the plans: every device restarts in each restart month of its plan.
  let planned = 0;
  let conditional = 0;
  for (const d of report.devices) {
    const plan = report.plans[d.plan];
    const n = plan.months.filter((m) => m.restart).length;
    if (plan.conditional) conditional += n;
    else planned += n;
  }
  assert.deepEqual(r, {
    horizon: 12, lcuOnly: 96, planned, decidedDevices: 7, avoided: 7 * 12 - planned,
    conditional, conditionalDevices: 1, conditionalAvoided: 12 - conditional,
  });
  assert.ok(r.avoided > 0);
});

test('overview: what to fix first, each group the LCU devices failing exactly its checks', () => {
  const o = overview(report);
  const rows = tableRows(report);
  assert.ok(o.fixes.length > 0);
  for (let i = 1; i < o.fixes.length; i++) assert.ok(o.fixes[i - 1].restartsAvoidedPerYear >= o.fixes[i].restartsAvoidedPerYear, 'ranked');
  for (const g of o.fixes) {
    const want = report.devices.filter((d) => d.verdict === 'lcu' && d.findings.filter((f) => f.status === 'fail').map((f) => f.check).join('+') === g.checks.join('+'));
    assert.equal(g.devices, want.length, g.reason);
    assert.deepEqual(view(rows, { fix: g.checks.join('+') }).map((i) => rows[i].key).sort(), want.map((d) => d.key).sort(), g.reason);
  }
});

test('overview: the month-by-ring calendar with release types from the catalog', () => {
  const c = overview(report).calendar;
  assert.equal(c.months.length, 12);
  assert.deepEqual(c.months[0], { month: '2026-06', type: 'baseline', planned: false, predicted: false, kb: 'KB5094126', build: '26100.8655' });
  assert.equal(c.months[3].predicted, true, 'September 2026: its type is not published, so it is predicted');
  assert.equal(c.months[5].predicted, true, 'November 2026 is beyond the catalog');
  assert.deepEqual(c.rings.map((r) => r.ring), ['Default']);
  const aug = c.rings[0].cells[2];
  const decided = report.devices.filter((d) => d.verdict !== 'undetermined');
  const hotpatching = decided.filter((d) => !report.plans[d.plan].months[2].restart).length;
  assert.deepEqual(aug, { restart: decided.length - hotpatching, hotpatch: hotpatching, undetermined: 1 });
});

test('table rows, filters, search and sorting', () => {
  const rows = tableRows(report);
  const lap2 = rows.find((r) => r.key === 'con-lap-0102');
  assert.deepEqual({ ...lap2, index: 0 }, {
    index: 0, key: 'con-lap-0102', name: 'CON-LAP-0102', line: 'win11-24h2', build: '26100.8390', edition: 'Enterprise', arch: 'x64',
    entraDeviceId: report.devices.find((d) => d.key === 'con-lap-0102').entraDeviceId,
    verdict: 'lcu', track: 'hotpatch', failing: ['vbs'], unknown: [], ring: 'Default', catchUp: null, untilBaseline: null,
    first: { month: '2026-06', update: 'baseline', restart: true },
    nextRestart: '2026-06-16', nextRestartMonth: '2026-06', nextRestartUpdate: 'baseline',
    lastSeen: '2026-05-19', notSeen: false,
    // On May's hotpatch build (26100.8390), the latest release as of 20 May.
    standing: 'hotpatched',
    restartMonths: report.plans[report.devices.find((d) => d.key === 'con-lap-0102').plan].months.filter((m) => m.restart).map((m) => m.month),
  });
  assert.ok(lap2.restartMonths.length > 1, 'an LCU device restarts in several months');
  const keys = (order) => order.map((i) => rows[i].key);
  assert.deepEqual(keys(view(rows, { search: 'lap-010' })), ['con-lap-0101', 'con-lap-0102', 'con-lap-0103', 'con-lap-0105', 'con-lap-0106']);
  // By Entra device id too, in any case (issue 14: "search by name only").
  assert.ok(lap2.entraDeviceId);
  assert.deepEqual(keys(view(rows, { search: lap2.entraDeviceId.slice(0, 13).toUpperCase() })), ['con-lap-0102']);
  assert.deepEqual(keys(view(rows, { check: 'fail:vbs' })), ['con-kiosk-0107', 'con-lap-0102']);
  assert.deepEqual(keys(view(rows, { check: 'unknown:vbs' })), ['con-old-0108']);
  assert.deepEqual(keys(view(rows, { check: 'any:vbs' })), ['con-kiosk-0107', 'con-lap-0102', 'con-old-0108']);
  // Months later, every sample device is more than a month from its last check-in.
  const later = evaluate([sample('graph.json'), sample('deviceguard.json')], { asOf: '2026-08-20' });
  const laterRows = tableRows(later);
  assert.equal(later.summary.notSeen, 8, 'every Graph device has a check-in');
  assert.equal(view(laterRows, { notSeen: 'yes' }).length, 8);
  assert.equal(view(rows, { notSeen: 'yes' }).length, 0, 'in May every check-in is recent');
  // The standing filter is the core's per-device standing, and its counts are the fleet's.
  for (const [state, count] of [['hotpatched', 'hotpatched'], ['up-to-date', 'upToDate'], ['not-up-to-date', 'notUpToDate'], ['unknown', 'buildUnknown']]) {
    assert.equal(view(rows, { standing: state }).length, report.fleet.rings.reduce((n, r) => n + r[count], 0), state);
  }
  assert.equal(view(rows, { verdict: 'hotpatch', line: 'win11-25h2' }).length, 1);
  const byVerdict = keys(view(rows, {}, { key: 'verdict', dir: 'asc' }));
  assert.deepEqual(byVerdict.slice(-2), ['con-lap-0101', 'con-lap-0103'], 'hotpatch last, then by name');
  assert.deepEqual(keys(view(rows, {}, { key: 'name', dir: 'desc' }))[0], 'con-old-0108');
  assert.deepEqual(filterChoices(report, countsOf(report)), { rings: ['Default'], lines: ['other', 'win11-24h2', 'win11-25h2'] });
});

test('a ring named "Default" beside devices without a ring: two rows, two filters, never merged', () => {
  const device = (name, ring) => ({ name, family: 'client', build: '10.0.26100.8390', edition: 'Enterprise', arch: 'x64', vbs: 'running', ...(ring ? { ring } : {}) });
  const doc = JSON.stringify({ schemaVersion: 1, devices: [device('NONE-1'), device('NAMED-1', 'Default'), device('NAMED-2', 'default'), device('NONE-2')] });
  const options = { asOf: '2026-05-20', rings: { Default: { deferralDays: 9, deadlineDays: 5, graceDays: 2 } } };
  const r = evaluate([doc], options);
  // The engine keeps them apart: a configured ring "Default" and the default ring (null).
  assert.deepEqual(r.fleet.rings.map((x) => [x.ring, x.devices]), [['Default', 2], [null, 2]]);
  const label = defaultRingLabel(r);
  assert.equal(label, 'Default (no ring set)');
  assert.equal(defaultRingLabel(evaluate([sample('graph.json')], { asOf: '2026-05-20' })), 'Default', 'without such a ring, the default ring is "Default"');
  assert.deepEqual(filterChoices(r, countsOf(r)).rings, ['Default', label]);
  const o = overview(r);
  assert.deepEqual(o.calendar.rings.map((x) => [x.ring, x.devices]), [['Default', 2], [label, 2]]);
  assert.deepEqual(o.standing.rings.map((x) => x.ring), ['Default', label]);
  const rows = tableRows(r);
  assert.deepEqual(rows.map((x) => [x.key, x.ring]), [['none-1', label], ['named-1', 'Default'], ['named-2', 'Default'], ['none-2', label]]);
  const keys = (order) => order.map((i) => rows[i].key).sort();
  assert.deepEqual(keys(view(rows, { ring: 'Default' })), ['named-1', 'named-2']);
  assert.deepEqual(keys(view(rows, { ring: label })), ['none-1', 'none-2']);
  assert.equal(deviceDetail(r, 0).ring, label);
  assert.deepEqual(coreFilter({ ring: label }, r), { ring: null });
  assert.deepEqual(coreFilter({ ring: 'Default' }, r), { ring: 'Default' });
});

test('device detail: all seven checks in order, with the engine\'s findings, sources named', () => {
  const index = report.devices.findIndex((d) => d.key === 'con-arm-0104');
  const d = deviceDetail(report, index, ['graph.json', 'deviceguard.json']);
  // Failing and unknown checks first (issue 14), then the passing ones, each in report order.
  assert.deepEqual(d.checks.map((c) => [c.id, c.status]), [['arch', 'unknown'], ['os', 'pass'], ['edition', 'pass'], ['license', 'pass'], ['policy', 'pass'], ['vbs', 'pass'], ['baseline', 'pass']]);
  const kiosk = deviceDetail(report, report.devices.findIndex((x) => x.key === 'con-kiosk-0107'));
  const statuses = kiosk.checks.map((c) => c.status);
  assert.deepEqual(statuses, [...statuses].sort((a, b) => ['fail', 'unknown', 'pass'].indexOf(a) - ['fail', 'unknown', 'pass'].indexOf(b)));
  assert.equal(statuses[0], 'fail');
  const arch = d.checks.find((c) => c.id === 'arch');
  assert.match(arch.fix, /HotPatchRestrictions = 1 \(DWORD\)/);
  assert.equal(d.checks.find((c) => c.id === 'license').assumed, true);
  assert.deepEqual(d.sources, [{ input: 0, record: 3, name: 'graph.json', format: 'graph' }, { input: 1, record: 3, name: 'deviceguard.json', format: 'deviceguard' }]);
  assert.equal(d.plan.conditional, true);
  assert.equal(d.plan.months.length, 12);
});

// Issue 13's drift bugs: rings with other deferrals start their plans in other months.
const ringDevice = (name, ring, extra = {}) => ({ name, ring, family: 'client', build: '10.0.26100.8655', edition: 'Enterprise', arch: 'x64', vbs: 'running', management: 'intune', license: 'eligible', ...extra });
const ringed = evaluate(JSON.stringify({ schemaVersion: 1, devices: [
  ringDevice('T1', 'Test'), ringDevice('T2', 'Test', { edition: 'Professional' }), ringDevice('B1', 'Broad'), ringDevice('B2', 'Broad', { vbs: 'off' }), ringDevice('B3', 'Broad', { vbs: null }),
] }), { asOf: '2026-06-15', tenant: { hotpatch: 'allow' } });

test('overview: each ring says its own next month, counted by its devices\' own plans (a Test and a Broad ring a month apart)', () => {
  const o = overview(ringed);
  assert.deepEqual(o.next.map((n) => n.ring), ['Test', 'Broad']);
  // As of 15 June, Test (no deferral) got June's release on the 9th: its next is July; Broad
  // (9 days) is offered June's on the 18th.
  assert.deepEqual(o.next.map((n) => [n.ring, n.month, n.devices, n.restart, n.undetermined]), nextByHand(ringed));
  assert.deepEqual(o.next.map((n) => n.month), ['2026-07', '2026-06']);
  assert.equal(o.next[1].undetermined, 1, 'the device without a VBS reading is counted apart');
});

test('the month-by-ring table has every plan\'s months, and each cell\'s restart count is exactly the devices its link shows', () => {
  for (const r of [report, ringed]) {
    const o = overview(r);
    const rows = tableRows(r);
    const months = [...new Set(Object.values(r.plans).flatMap((p) => p.months.map((m) => m.month)))].sort();
    assert.deepEqual(o.calendar.months.map((m) => m.month), months);
    for (const ring of o.calendar.rings) {
      ring.cells.forEach((cell, i) => {
        const month = o.calendar.months[i].month;
        assert.equal(view(rows, { ring: ring.ring, restartMonth: month, verdict: 'decided' }).length, cell.restart, `${ring.ring} ${month}`);
      });
    }
  }
  // The month filter is "restarts in", not "next restart in": a device restarting in June and
  // again in October is in both months' lists.
  const rows = tableRows(ringed);
  const b2 = rows.find((row) => row.key === 'b2');
  assert.ok(b2.restartMonths.length > 1);
  for (const month of b2.restartMonths) assert.ok(view(rows, { restartMonth: month }).map((i) => rows[i].key).includes('b2'), month);
});

test('the verdict in words tells apart hotpatch, a catch-up then hotpatch, LCU every month, and what is missing (issue 14)', () => {
  const rows = tableRows(report);
  const text = (key) => verdictText(rows.find((r) => r.key === key));
  // As of 15 August 2026 a device on April's baseline is behind July's: August's update
  // catches it up (one restart), then it hotpatches.
  const behindReport = evaluate(JSON.stringify({ schemaVersion: 1, devices: [ringDevice('BEHIND', 'Broad', { build: '10.0.26100.8246' })] }), { asOf: '2026-08-15' });
  const behind = tableRows(behindReport)[0];
  assert.deepEqual([behind.verdict, behind.track, behind.failing], ['lcu', 'behind', ['baseline']]);
  assert.equal(verdictText(behind), 'Hotpatch after one catch-up restart in August 2026');
  assert.equal(verdictText(deviceDetail(behindReport, 0)), 'Hotpatch after one catch-up restart in August 2026');
  // Off the track (on July's out-of-band standard update): the LCU until October's baseline.
  const offReport = evaluate(JSON.stringify({ schemaVersion: 1, devices: [ringDevice('OFF', 'Broad', { build: '10.0.26100.8894' })] }), { asOf: '2026-08-15' });
  const off = tableRows(offReport)[0];
  assert.deepEqual([off.verdict, off.track], ['lcu', 'off-track']);
  assert.equal(verdictText(off), 'LCU until the October 2026 baseline, then hotpatch');
  assert.equal(text('con-lap-0102'), 'LCU every month until fixed');
  assert.equal(text('con-lap-0101'), 'Hotpatch');
  // Behind as of 20 May 2026: June's (unplanned) baseline catches it up, then it hotpatches.
  assert.equal(text('con-lap-0105'), 'Hotpatch after one catch-up restart in June 2026');
  assert.equal(text('con-arm-0104'), 'Undetermined — missing Architecture');
  assert.equal(verdictText(deviceDetail(report, report.devices.findIndex((d) => d.key === 'con-arm-0104'))), 'Undetermined — missing Architecture');
});

test('each reason of each next-month line filters the table to exactly its devices (issue 14: "each group a link to its devices")', () => {
  for (const r of [report, ringed]) {
    const o = overview(r);
    const rows = tableRows(r);
    assert.ok(o.next.some((n) => n.reasons.length > 0));
    for (const n of o.next) {
      for (const reason of n.reasons) {
        const shown = view(rows, { ring: n.ring, firstMonth: n.month, reason: reason.reason });
        assert.equal(shown.length, reason.devices, `${n.ring} ${n.month} ${reason.reason}`);
      }
      // "Show them and why": the line's restarting decided devices, exactly.
      assert.equal(view(rows, { ring: n.ring, firstMonth: n.month, restartMonth: n.month, verdict: 'decided' }).length, n.restart, `${n.ring} ${n.month}`);
    }
  }
});

test('the CSV says each verdict in the same words as the page, from the plan the core gives (issue 14)', async () => {
  const { readExport } = await import('../lib/exports.mjs');
  // The samples at three dates, and a device off the track (on July's out-of-band LCU): every wording.
  const seen = new Set();
  const off = JSON.stringify({ schemaVersion: 1, devices: [ringDevice('OFF', 'Broad', { build: '10.0.26100.8894' })] });
  for (const [asOf, inputs] of [['2026-05-20'], ['2026-08-20'], ['2026-11-26'], ['2026-08-15', [off]]]) {
    const r = evaluate(inputs ?? [sample('graph.json'), sample('deviceguard.json')], { asOf });
    const { header, rows } = readExport('csv', api.toCsv(r));
    const words = new Map(rows.map((row) => [row[0], row[header.indexOf('Verdict in words')]]));
    for (const row of tableRows(r)) {
      assert.equal(words.get(row.key), verdictText(row), `${asOf} ${row.key}`);
      seen.add(words.get(row.key).replace(/ in .*| the .*|—.*/, ''));
    }
  }
  assert.deepEqual([...seen].sort(), ['Hotpatch', 'Hotpatch after one catch-up restart', 'LCU every month until fixed', 'LCU until', 'Undetermined '], 'every wording is compared at least once');
});
