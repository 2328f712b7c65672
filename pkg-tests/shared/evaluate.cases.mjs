// evaluate / evaluateToJson / toCsv / toIcs through the public API (CONTRACT.md "Report"),
// run against the Node and the web build alike. Expectations for the fleet fixture were
// worked out by hand from DOMAIN.md (pkg-tests/fixtures/fleet.expected.json); the Rust tests
// check the same file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readExport } from '../lib/exports.mjs';
import { fleetText } from '../lib/fleet.mjs';

const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
export const FLEET = fixture('fleet.canonical.json');
export const EXPECTED = JSON.parse(fixture('fleet.expected.json'));
const CHECKS = ['os', 'edition', 'license', 'policy', 'vbs', 'arch', 'baseline'];

const summaryOf = (d) => ({
  verdict: d.verdict,
  track: d.track,
  failing: CHECKS.filter((c) => d.checks[c] === 'fail'),
  unknown: CHECKS.filter((c) => d.checks[c] === 'unknown'),
});

/** Cases: { name, fn, args, check(result) }. `check` runs in Node on what the call returned. */
export const evaluateCases = [
  ...Object.entries(EXPECTED.asOf).map(([asOf, devices]) => ({
    name: `the fleet fixture as of ${asOf} gives what DOMAIN.md says`,
    fn: 'evaluate',
    args: [FLEET, { asOf }],
    check({ value: r }) {
      assert.equal(r.schemaVersion, 1);
      assert.equal(r.asOf, asOf);
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.inputs, [{ index: 0, format: 'canonical', detected: true, records: 30, errors: 0 }]);
      assert.deepEqual(Object.fromEntries(r.devices.map((d) => [d.key, summaryOf(d)])), devices);
      assert.deepEqual(r.otherDevices.map((o) => [o.key, o.platform, o.version]), [['phone-27', 'ios', '17.5.1']]);
      const count = (v) => Object.values(devices).filter((d) => d.verdict === v).length;
      assert.equal(r.summary.devices, 29);
      assert.deepEqual([r.summary.hotpatch, r.summary.lcu, r.summary.undetermined], [count('hotpatch'), count('lcu'), count('undetermined')]);
      for (const check of CHECKS) {
        const failing = Object.values(devices).filter((d) => d.failing.includes(check)).length;
        assert.equal(r.summary.failing[check], failing || undefined, `failing ${check}`);
      }
      assert.equal(r.catalog.builtIn, true);
      assert.equal(r.catalog.lastMonth, '2026-10');
      assert.deepEqual(r.catalog.lines, { 'win11-24h2': '2026-10', 'win11-25h2': '2026-10', 'win11-26h2': '2026-10', ws2025: '2026-10', ws2022: '2026-10' });
      assert.deepEqual(r.catalog.sources, []);
      assert.deepEqual(r.catalog.conflicts, []);
      assert.deepEqual(r.catalog.coverage.find((c) => c.line === 'win11-24h2'),
        { line: 'win11-24h2', name: 'Windows 11, version 24H2', first: '2024-11', last: '2026-10', lastKnownType: '2026-08', typeUnknown: ['2026-09', '2026-10'], hotpatchUntil: null });
      assert.equal(r.catalog.coverage.find((c) => c.line === 'ws2022').hotpatchUntil, '2027-10');
      // Every device's plan exists and has 12 months; only undetermined devices' plans are conditional.
      for (const d of r.devices) {
        const plan = r.plans[d.plan];
        assert.equal(plan.months.length, 12);
        assert.equal(plan.conditional, d.verdict === 'undetermined', d.key);
      }
    },
  })),
  {
    name: 'plans as of 2026-05-20: update, offer, install-by and restart-by per month',
    fn: 'evaluate',
    args: [FLEET, { asOf: '2026-05-20' }],
    check({ value: r }) {
      for (const [key, months] of Object.entries(EXPECTED.plans['2026-05-20'])) {
        const d = r.devices.find((x) => x.key === key);
        const got = r.plans[d.plan].months.slice(0, 4).map((m) => [m.month, m.update, m.offer, m.installBy, m.restartBy]);
        assert.deepEqual(got, months, key);
      }
      const hp = r.devices.find((x) => x.key === 'lap-hp-01');
      assert.equal(hp.ring, 'Broad');
      assert.equal(hp.entraDeviceId, '7a1c2e3f-0001-4b5c-8d9e-000000000001');
      assert.deepEqual(hp.sources, [{ input: 0, record: 0 }]);
      assert.deepEqual(hp.os, { line: 'win11-24h2', build: 26100, ubr: 8390, edition: 'Enterprise', arch: 'x64' });
      const may = r.plans[hp.plan].months[0];
      assert.deepEqual(may, { month: '2026-05', release: '2026-05-12', update: 'hotpatch', restart: false, predicted: false, kb: 'KB5089466', build: '26100.8390', offer: '2026-05-21', installBy: '2026-05-26', restartBy: null });
      // Findings: what was seen, what the rule needs, and the fix.
      const arm = r.devices.find((x) => x.key === 'arm-nochpe-12');
      const f = arm.findings.find((x) => x.check === 'arch');
      assert.equal(f.status, 'unknown');
      assert.match(f.fix, /HotPatchRestrictions = 1 \(DWORD\) and restart/);
      const license = hp.findings.find((x) => x.check === 'license');
      assert.deepEqual([license.status, license.assumed, license.fix], ['pass', true, null]);
    },
  },
  {
    name: 'options.onProgress hears each stage in order, never going back, ending at its total',
    fn: 'withProgress',
    args: [fleetText(20000, 7), { asOf: '2026-05-20', months: 3 }],
    check({ value: { events, devices } }) {
      assert.equal(devices, 20000);
      const stages = events.map((e) => e.stage);
      assert.deepEqual([...new Set(stages)], ['reading', 'merging', 'checking']);
      for (const stage of ['reading', 'checking']) {
        const steps = events.filter((e) => e.stage === stage);
        assert.ok(steps.length > 3, `${stage} reports along the way`);
        assert.ok(steps.every((e, i) => i === 0 || steps[i - 1].done <= e.done), `${stage} never goes back`);
        assert.equal(steps.at(-1).done, steps.at(-1).total);
      }
    },
  },
  {
    name: 'JSON.stringify of the report equals evaluateToJson byte for byte',
    fn: 'evaluateBoth',
    args: [FLEET, { asOf: '2026-05-20', months: 3 }],
    check({ value: [objectJson, text] }) {
      assert.equal(objectJson, text);
    },
  },
  {
    name: 'shared sub-objects are frozen; per-device objects are not',
    fn: 'frozenness',
    args: [FLEET, { asOf: '2026-05-20' }],
    check({ value }) {
      assert.deepEqual(value, { device: false, sources: false, checks: true, os: true, findings: true });
    },
  },
  {
    name: 'bad options throw an Error with a code; bad content never throws',
    fn: 'evaluateErrors',
    args: [],
    check({ value }) {
      assert.deepEqual(value.options, { isError: true, code: 'INVALID_OPTION', field: 'rings.Broad.deadlineDays', message: 'rings.Broad.deadlineDays: found the number 45, expected a whole number from 0 to 30' });
      assert.deepEqual(value.input, { isError: true, code: 'INVALID_INPUT', field: 'input', message: 'input: found number, expected the text of an inventory (a string), its bytes (a Uint8Array), or an array of those' });
      assert.equal(value.junk.devices.length, 0);
      // The full builds (Node) say what the document is; the browser's core module leaves
      // that to the full module (DESIGN.md "Two browser modules").
      if (value.full) assert.match(value.junk.errors[0].message, /^not a known inventory format/);
      else assert.equal(value.junk.errors[0].code, 'EXTENDED_READER');
      assert.equal(value.mixed.devices.length, 1, 'the good document is still read');
      assert.deepEqual(value.mixed.inputs.map((i) => i.format), [null, 'canonical']);
      for (const e of value.unjsonable) {
        assert.equal(e.code, 'INVALID_OPTION', JSON.stringify(e));
        assert.equal(e.message, 'the options cannot be read as JSON: a BigInt, a cycle or a getter that throws');
      }
      assert.deepEqual(value.nonFinite.map((e) => [e.code, e.field, e.message]), ['NaN', 'Infinity', '-Infinity'].map((n) => ['INVALID_OPTION', 'months', `months: found the number ${n}, expected a whole number`]));
      assert.deepEqual([value.farAsOf.code, value.farAsOf.field, value.farAsOf.message], ['INVALID_OPTION', 'asOf', 'asOf: found "9999-12-31", expected a date from 2020-01-01 to 2100-12-31']);
    },
  },
  {
    name: 'toCsv: one row per device, read back by Python\'s csv module',
    fn: 'toCsv',
    args: [FLEET, { asOf: '2026-05-20' }],
    check({ value: text }) {
      const { header, rows } = readExport('csv', text);
      assert.deepEqual(header.slice(0, 3), ['Key', 'Name', 'Entra device ID']);
      assert.equal(rows.length, 29);
      const row = Object.fromEntries(header.map((h, i) => [h, rows[0][i]]));
      assert.deepEqual(row, {
        Key: 'lap-hp-01', Name: 'LAP-HP-01', 'Entra device ID': '7a1c2e3f-0001-4b5c-8d9e-000000000001', 'OS line': 'win11-24h2', Build: '26100.8390',
        Edition: 'Enterprise', Architecture: 'x64', Ring: 'Broad', Verdict: 'hotpatch', 'Verdict in words': 'Hotpatch', Track: 'hotpatch',
        'Against the latest release': 'hotpatched', 'Last check-in': '', 'Failing checks': '', 'Unknown checks': '',
        'Assumed checks': 'license;policy', 'Next restart by': '2026-06-23', 'Next restart month': '2026-06', 'Next restart update': 'baseline', Plan: row.Plan,
        'Reason codes': '', Why: '', 'What to do': '',
      });
      const w10 = rows.find((r) => r[0] === 'w10-17');
      // Windows 10 fails os only: it has no hotpatch track, so baseline is not applicable (DOMAIN.md section 4).
      assert.equal(w10[header.indexOf('Failing checks')], 'os');
      // For people: why, and what to do, from the findings (issue 13).
      assert.equal(w10[header.indexOf('Reason codes')], 'os.no-hotpatch');
      assert.match(w10[header.indexOf('Why')], /hotpatch needs Windows 11, version 24H2 or later/);
      assert.equal(w10[header.indexOf('What to do')], 'Upgrade to Windows 11, version 24H2 or 25H2.');
    },
  },
  {
    name: 'toCsv quotes and defuses what an inventory could smuggle in',
    fn: 'toCsv',
    args: [JSON.stringify({ devices: [{ name: '=HYPERLINK("http://x")', build: '10.0.26100.8390', edition: 'Enterprise', arch: 'x64', vbs: 'running' }, { name: 'A, "B"\nC', build: 26100, edition: 'Pro' }] }), { asOf: '2026-05-20' }],
    check({ value: text }) {
      const { rows } = readExport('csv', text);
      assert.equal(rows[0][1], '\'=HYPERLINK("http://x")');
      assert.equal(rows[1][1], 'A, "B"\nC');
    },
  },
  {
    name: 'toIcs: per-ring events parse with the icalendar package',
    fn: 'toIcs',
    args: [FLEET, { asOf: '2026-05-20', months: 3 }, undefined],
    check({ value: text }) {
      const { calendar, events } = readExport('ics', text);
      assert.deepEqual(calendar, { version: '2.0', prodid: '-//Hotpatch Planner//Hotpatch Planner//EN', name: 'Hotpatch Planner' });
      const broadMay = events.find((e) => e.uid === 'broad-2026-05-hotpatch-20260521@hotpatch-planner');
      assert.deepEqual([broadMay.start, broadMay.end, broadMay.categories], ['2026-05-21', '2026-05-27', ['Hotpatch']]);
      assert.match(broadMay.summary, /^May 2026 hotpatch, no restart — Broad: 1 device$/);
      const june = events.filter((e) => e.uid.includes('-2026-06-baseline-'));
      assert.ok(june.length >= 2);
      assert.ok(june.every((e) => e.categories[0] === 'Restart' && /restart by 2026-06-/.test(e.summary)));
      assert.ok(events.every((e) => e.stamp === '2026-05-20T00:00:00+00:00'));
      const total = events.filter((e) => e.uid.includes('-2026-07-')).map((e) => Number(/(\d+) devices?$/.exec(e.summary)[1])).reduce((a, b) => a + b, 0);
      assert.equal(total, 29, 'every device appears once per month');
    },
  },
  {
    // Issue 13: UIDs came from a lossy slug, so calendar clients overwrote one event with
    // another's. Names that are letters, digits and "-" keep the UIDs they had.
    name: 'toIcs: every device and every ring has its own event UIDs, however they are named',
    fn: 'toIcs',
    args: [JSON.stringify({ schemaVersion: 1, devices: ['пк-01', 'нб-01', 'Pilot A', 'Pilot-A', 'pc 1', 'pc_1'].map((name, i) => ({ name, ring: ['Pilot A', 'Pilot-A'][i % 2], build: '10.0.26100.8390', edition: 'Enterprise', arch: 'x64', vbs: 'running' })) }),
      { asOf: '2026-05-20', months: 2, rings: { 'Pilot A': { deferralDays: 1 }, 'Pilot-A': { deferralDays: 1 } } }, { fleet: true, devices: 'all' }],
    check({ value: text }) {
      const { events } = readExport('ics', text);
      const uids = events.map((e) => e.uid);
      assert.equal(new Set(uids).size, uids.length, `duplicate UIDs: ${uids.join(' ')}`);
      assert.equal(events.length, 6 * 2 + 2 * 2, 'two months for six devices, and for two rings');
      assert.ok(uids.includes('%D0%BF%D0%BA-01-2026-06@hotpatch-planner'), uids.join(' '));
      assert.ok(uids.some((u) => u.startsWith('pilot%20a-2026-06-')) && uids.some((u) => u.startsWith('pilot-a-2026-06-')), uids.join(' '));
    },
  },
  {
    name: 'toIcs: a ring named "Default ring" and the default ring (devices without one) are two rings of events, counted apart',
    fn: 'toIcs',
    args: [JSON.stringify({ schemaVersion: 1, devices: [['A', null], ['B', 'Default ring'], ['C', 'default ring'], ['D', null], ['E', null]].map(([name, ring]) => ({ name, ...(ring ? { ring } : {}), build: '10.0.26100.8390', edition: 'Enterprise', arch: 'x64', vbs: 'running' })) }),
      // Configured with the default ring's settings (an unconfigured name is scheduled as the
      // default ring, and says so): the same months and offer dates, so only the ring tells
      // the two apart.
      { asOf: '2026-05-20', months: 1, rings: { 'Default ring': {} } }, { fleet: true }],
    check({ value: text }) {
      const { events } = readExport('ics', text);
      const uids = events.map((e) => e.uid);
      assert.equal(new Set(uids).size, uids.length, `duplicate UIDs: ${uids.join(' ')}`);
      assert.deepEqual(events.map((e) => e.summary.replace(/^.* — /, '')).sort(), ['Default ring (no ring set): 3 devices', 'Default ring: 2 devices']);
      // The default ring's UIDs are the ones it always had; the named ring's are marked.
      assert.ok(uids.some((u) => u.startsWith('default%20ring-2026-06-')) && uids.some((u) => u.startsWith('ring:default%20ring-2026-06-')), uids.join(' '));
    },
  },
  {
    name: 'toIcs: per-device events on request',
    fn: 'toIcs',
    args: [FLEET, { asOf: '2026-05-20', months: 2 }, { fleet: false, devices: ['w10-17'], name: 'W10' }],
    check({ value: text }) {
      const { calendar, events } = readExport('ics', text);
      assert.equal(calendar.name, 'W10');
      assert.deepEqual(events.map((e) => e.uid), ['w10-17-2026-06@hotpatch-planner', 'w10-17-2026-07@hotpatch-planner']);
      // No catalog covers Windows 10: the months are marked predicted (no KB or build).
      assert.match(events[0].summary, /^W10-17: June 2026 cumulative update \(LCU\), restart by 2026-06-16 \(predicted\)$/);
    },
  },
];

/**
 * Issue 13: the exports are written once, by the engine's writers (src/export.rs), which read
 * the report a device at a time. Misuse names where the report is wrong; the report's JSON
 * text gives the same bytes as the object. For the Node package and the full web module.
 */
export const writerCases = [
  {
    name: 'toCsv and toIcs give the same bytes for a report and for its JSON text',
    fn: 'exportBoth',
    args: [FLEET, { asOf: '2026-05-20', months: 3 }],
    check({ value }) {
      assert.equal(value.csv[0], value.csv[1]);
      assert.equal(value.csv[0], value.csv[2], 'the CSV in windows joins to the whole');
      assert.equal(value.csv[0], value.csv[3]);
      assert.ok(value.csv[0].startsWith('\ufeffKey,Name,'));
      assert.equal('\ufeff' + value.csv[0].slice(1).split('\r\n').slice(1).join('\r\n'), '\ufeff' + value.rowsOnly, 'without the header: the rows alone');
      assert.equal(value.ics[0], value.ics[1]);
      assert.equal(readExport('csv', value.csv[0]).rows.length, 29);
    },
  },
  {
    name: 'what is not a report is INVALID_REPORT, naming where, and a good report after it still works',
    fn: 'exportErrors',
    args: [],
    check({ value }) {
      const got = Object.fromEntries(Object.entries(value.errors).map(([k, e]) => [k, e && [e.code, e.field, e.message]]));
      assert.deepEqual(got, {
        number: ['INVALID_REPORT', '', 'found the number 42, expected a report from evaluate()'],
        list: ['INVALID_REPORT', '', 'found a list, expected a report from evaluate()'],
        text: ['INVALID_REPORT', '', got.text[2]],
        asOf: ['INVALID_REPORT', 'asOf', 'asOf: found the number 1, expected a date written YYYY-MM-DD'],
        devices: ['INVALID_REPORT', 'devices', 'devices: found nothing, expected a list of devices'],
        device: ['INVALID_REPORT', 'devices[1]', 'devices[1]: found null, expected a device from evaluate()'],
        plan: ['INVALID_REPORT', 'devices[1].plan', 'devices[1].plan: not one of the report\'s plans'],
        verdict: ['INVALID_REPORT', 'devices[0]', got.verdict[2]],
        icsOption: ['INVALID_OPTION', 'fleets', 'fleets: unknown field; expected one of fleet, devices, name'],
        icsDevices: ['INVALID_OPTION', 'devices', 'devices: found "some", expected "all" or a list of device keys'],
        csvOption: ['INVALID_OPTION', 'header', got.csvOption[2]],
      });
      assert.match(got.csvOption[2], /^header: found "no", expected true or false/);
      assert.match(got.text[2], /^the text is not a report's JSON \(/);
      assert.match(got.verdict[2], /^devices\[0\]: unknown variant `maybe`/);
      assert.equal(value.after.split('\r\n').length, 4, 'two devices and the header');
    },
  },
];

/** The core web module leaves the writers to the full module, and says so. */
export const coreWriterCases = [
  {
    name: 'toCsv and toIcs in the core module throw EXTENDED_READER, pointing to the full module',
    fn: 'exportErrors',
    args: [],
    check({ value }) {
      for (const e of [value.errors.number, value.errors.icsOption]) {
        assert.equal(e.code, 'EXTENDED_READER');
        assert.match(e.message, /^to(Csv|Ics) is in the full module: import it from hotpatch-planner\/release/);
      }
    },
  },
];

/**
 * The functions the cases call, given the package `api`; runs in Node or in a page (so it
 * must not use anything from this module's scope: it is sent to the page as source text).
 */
export function makeCalls(api) {
  const caught = (fn) => {
    try {
      fn();
      return undefined;
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, field: e.field, message: e.message };
    }
  };
  return {
    evaluate: (text, options) => api.evaluate(text, options),
    evaluateBoth: (text, options) => [JSON.stringify(api.evaluate(text, options)), api.evaluateToJson(text, options)],
    frozenness: (text, options) => {
      const r = api.evaluate(text, options);
      const d = r.devices[0];
      return { device: Object.isFrozen(d), sources: Object.isFrozen(d.sources), checks: Object.isFrozen(d.checks), os: Object.isFrozen(d.os), findings: Object.isFrozen(d.findings) };
    },
    evaluateErrors: () => ({
      full: typeof api.readReleaseData === 'function',
      options: caught(() => api.evaluate('{"devices":[]}', { rings: { Broad: { deadlineDays: 45 } } })),
      input: caught(() => api.evaluate(42)),
      junk: api.evaluate('%PDF-1.7 not an inventory', { asOf: '2026-05-20' }),
      mixed: api.evaluate(['<html>', '{"devices":[{"name":"A","build":"10.0.26100.8390"}]}'], { asOf: '2026-05-20' }),
      // Issue 12: what JSON cannot carry is an error, not quietly today's date or 12 months.
      unjsonable: [{ asOf: '2026-05-20', extra: 1n }, (() => { const o = { asOf: '2026-05-20' }; o.self = o; return o; })(), { get asOf() { throw new Error('nope'); } }]
        .map((o) => caught(() => api.evaluate('{"devices":[]}', o))),
      nonFinite: [NaN, Infinity, -Infinity].map((months) => caught(() => api.evaluate('{"devices":[]}', { asOf: '2026-05-20', months }))),
      farAsOf: caught(() => api.evaluate('{"devices":[]}', { asOf: '9999-12-31' })),
    }),
    withProgress: (text, options) => {
      const events = [];
      const report = api.evaluate(text, { ...options, onProgress: (e) => events.push(e) });
      return { events, devices: report.devices.length };
    },
    toCsv: (text, options) => api.toCsv(api.evaluate(text, options)),
    toIcs: (text, options, icsOptions) => api.toIcs(api.evaluate(text, options), icsOptions),
    exportBoth: (text, options) => {
      const r = api.evaluate(text, options);
      const json = JSON.stringify(r);
      // A CSV written a window at a time: the first with the header, the rest without.
      const windows = [r.devices.slice(0, 10), r.devices.slice(10, 11), r.devices.slice(11)]
        .map((devices, i) => api.toCsv({ ...r, devices }, { header: i === 0 }));
      return { csv: [api.toCsv(r), api.toCsv(json), windows.join(''), api.toCsv(r, {})], ics: [api.toIcs(r, { devices: 'all' }), api.toIcs(json, { devices: 'all' })], rowsOnly: api.toCsv(r, { header: false }) };
    },
    exportErrors: () => {
      const small = '{"devices":[{"name":"A","build":"10.0.26100.8390"},{"name":"B","build":"10.0.26100.8390"}]}';
      const r = () => JSON.parse(JSON.stringify(api.evaluate(small, { asOf: '2026-05-20' })));
      const edit = (change) => { const x = r(); change(x); return x; };
      return {
        errors: {
          number: caught(() => api.toCsv(42)),
          list: caught(() => api.toCsv([])),
          text: caught(() => api.toCsv('{"asOf":')),
          asOf: caught(() => api.toCsv(edit((x) => { x.asOf = 1; }))),
          devices: caught(() => api.toCsv(edit((x) => { delete x.devices; }))),
          device: caught(() => api.toCsv(edit((x) => { x.devices[1] = null; }))),
          plan: caught(() => api.toIcs(edit((x) => { x.devices[1].plan = 'p99'; }))),
          verdict: caught(() => api.toCsv(edit((x) => { x.devices[0].verdict = 'maybe'; }))),
          icsOption: caught(() => api.toIcs(r(), { fleets: true })),
          csvOption: caught(() => api.toCsv(r(), { header: 'no' })),
          icsDevices: caught(() => api.toIcs(r(), { devices: 'some' })),
        },
        // The core module has no writers (and no release readers): nothing to write after.
        after: typeof api.readReleaseData === 'function' ? api.toCsv(r()) : null,
      };
    },
  };
}
