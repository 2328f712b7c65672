// The page's model (www/planner/model.js): what the overview, the table and the device detail
// show, worked out from a report. Pure functions, so they are tested here in Node against
// reports from the built package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { deviceDetail, filterChoices, mainLine, overview, tableRows, view } from '../../www/planner/model.js';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const sample = (file) => readFileSync(new URL(`../../www/samples/${file}`, import.meta.url), 'utf8');
const report = api.evaluate([sample('graph.json'), sample('deviceguard.json')], { asOf: '2026-05-20' });
const calendar = api.releaseCalendar({ line: 'win11-24h2', from: '2026-06', months: 12 });

test('overview: verdict shares, blockers ranked by failing devices, next month and its reasons', () => {
  const o = overview(report, calendar);
  assert.deepEqual(o.verdicts.map((v) => [v.verdict, v.count]), [['hotpatch', 2], ['lcu', 5], ['undetermined', 1]]);
  assert.equal(o.verdicts[1].share, 5 / 8);
  assert.deepEqual(o.blockers.map((b) => [b.check, b.failing, b.unknown]), [['vbs', 2, 1], ['baseline', 2, 0], ['os', 1, 0], ['edition', 1, 0], ['arch', 0, 1]]);
  // June 2026 is an unplanned baseline: everyone restarts; the one device that fails the os
  // check (Windows 10) takes the LCU, the rest the baseline.
  assert.deepEqual(o.next, { month: '2026-06', restart: 8, byUpdate: { baseline: 7, lcu: 1 } });
  assert.equal(o.otherPlatforms, 1);
});

test('overview: restarts with the plan against LCU every month, decided and conditional apart', () => {
  const r = overview(report, calendar).restarts;
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

test('overview: the month-by-ring calendar with release types from the catalog', () => {
  const c = overview(report, calendar).calendar;
  assert.equal(c.months.length, 12);
  assert.deepEqual(c.months[0], { month: '2026-06', type: 'baseline', planned: false, predicted: false, kb: 'KB5094126', build: '26100.8655' });
  assert.equal(c.months[3].predicted, true, 'September 2026: its type is not published, so it is predicted');
  assert.equal(c.months[5].predicted, true, 'November 2026 is beyond the catalog');
  assert.deepEqual(c.rings.map((r) => r.ring), ['Default']);
  const aug = c.rings[0].cells[2];
  const hotpatching = report.devices.filter((d) => !report.plans[d.plan].months[2].restart).length;
  assert.deepEqual(aug, { restart: 8 - hotpatching, hotpatch: hotpatching });
  assert.equal(mainLine(report), 'win11-24h2');
});

test('table rows, filters, search and sorting', () => {
  const rows = tableRows(report);
  const lap2 = rows.find((r) => r.key === 'con-lap-0102');
  assert.deepEqual({ ...lap2, index: 0 }, {
    index: 0, key: 'con-lap-0102', name: 'CON-LAP-0102', line: 'win11-24h2', build: '26100.8390', edition: 'Enterprise', arch: 'x64',
    verdict: 'lcu', track: 'hotpatch', failing: ['vbs'], unknown: [], ring: 'Default',
    nextRestart: '2026-06-16', nextRestartMonth: '2026-06', nextRestartUpdate: 'baseline',
    restartMonths: report.plans[report.devices.find((d) => d.key === 'con-lap-0102').plan].months.filter((m) => m.restart).map((m) => m.month),
  });
  assert.ok(lap2.restartMonths.length > 1, 'an LCU device restarts in several months');
  const keys = (order) => order.map((i) => rows[i].key);
  assert.deepEqual(keys(view(rows, { search: 'lap-010' })), ['con-lap-0101', 'con-lap-0102', 'con-lap-0103', 'con-lap-0105', 'con-lap-0106']);
  assert.deepEqual(keys(view(rows, { check: 'fail:vbs' })), ['con-kiosk-0107', 'con-lap-0102']);
  assert.deepEqual(keys(view(rows, { check: 'unknown:vbs' })), ['con-old-0108']);
  assert.deepEqual(keys(view(rows, { check: 'any:vbs' })), ['con-kiosk-0107', 'con-lap-0102', 'con-old-0108']);
  assert.equal(view(rows, { verdict: 'hotpatch', line: 'win11-25h2' }).length, 1);
  const byVerdict = keys(view(rows, {}, { key: 'verdict', dir: 'asc' }));
  assert.deepEqual(byVerdict.slice(-2), ['con-lap-0101', 'con-lap-0103'], 'hotpatch last, then by name');
  assert.deepEqual(keys(view(rows, {}, { key: 'name', dir: 'desc' }))[0], 'con-old-0108');
  assert.deepEqual(filterChoices(rows), { rings: ['Default'], lines: ['other', 'win11-24h2', 'win11-25h2'] });
});

test('device detail: all seven checks in order, with the engine\'s findings, sources named', () => {
  const index = report.devices.findIndex((d) => d.key === 'con-arm-0104');
  const d = deviceDetail(report, index, ['graph.json', 'deviceguard.json']);
  assert.deepEqual(d.checks.map((c) => [c.id, c.status]), [['os', 'pass'], ['edition', 'pass'], ['license', 'pass'], ['policy', 'pass'], ['vbs', 'pass'], ['arch', 'unknown'], ['baseline', 'pass']]);
  const arch = d.checks.find((c) => c.id === 'arch');
  assert.match(arch.fix, /HotPatchRestrictions = 1 \(DWORD\)/);
  assert.equal(d.checks.find((c) => c.id === 'license').assumed, true);
  assert.deepEqual(d.sources, [{ input: 0, record: 3, name: 'graph.json', format: 'graph' }, { input: 1, record: 3, name: 'deviceguard.json', format: 'deviceguard' }]);
  assert.equal(d.plan.conditional, true);
  assert.equal(d.plan.months.length, 12);
});

// Issue 13's drift bugs: rings with other deferrals start their plans in other months.
const ringDevice = (name, ring, extra = {}) => ({ name, ring, family: 'client', build: '10.0.26100.8655', edition: 'Enterprise', arch: 'x64', vbs: 'running', management: 'intune', license: 'eligible', ...extra });
const ringed = api.evaluate(JSON.stringify({ schemaVersion: 1, devices: [
  ringDevice('T1', 'Test'), ringDevice('T2', 'Test', { edition: 'Professional' }), ringDevice('B1', 'Broad'), ringDevice('B2', 'Broad', { vbs: 'off' }), ringDevice('B3', 'Broad', { vbs: null }),
] }), { asOf: '2026-06-15', tenant: { hotpatch: 'allow' } });

test('overview: each ring says its own next month, counted by its devices\' own plans (a Test and a Broad ring a month apart)', () => {
  const o = overview(ringed, []);
  const byRing = Object.fromEntries(o.nextByRing.map((r) => [r.ring, r]));
  assert.deepEqual(o.nextByRing.map((r) => r.ring), ['Test', 'Broad']);
  // As of 15 June, Test (no deferral) got June's release on the 9th: its next is July; Broad
  // (9 days) is offered June's on the 18th.
  assert.equal(byRing.Test.month, '2026-07');
  assert.equal(byRing.Broad.month, '2026-06');
  for (const r of o.nextByRing) {
    const devices = ringed.devices.filter((d) => d.ring === r.ring && d.verdict !== 'undetermined');
    const restarting = devices.filter((d) => ringed.plans[d.plan].months[0].restart);
    assert.deepEqual([r.devices, r.restart], [devices.length, restarting.length], r.ring);
    assert.ok(devices.every((d) => ringed.plans[d.plan].months[0].month === r.month), `${r.ring}: every device's own next month`);
  }
  assert.equal(byRing.Broad.undetermined, 1, 'the device without a VBS reading is counted apart');
});

test('the month-by-ring table has every plan\'s months, and each cell\'s restart count is exactly the devices its link shows', () => {
  for (const r of [report, ringed]) {
    const o = overview(r, []);
    const rows = tableRows(r);
    const months = [...new Set(Object.values(r.plans).flatMap((p) => p.months.map((m) => m.month)))].sort();
    assert.deepEqual(o.calendar.months.map((m) => m.month), months);
    for (const ring of o.calendar.rings) {
      ring.cells.forEach((cell, i) => {
        const month = o.calendar.months[i].month;
        assert.equal(view(rows, { ring: ring.ring, restartMonth: month }).length, cell.restart, `${ring.ring} ${month}`);
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
