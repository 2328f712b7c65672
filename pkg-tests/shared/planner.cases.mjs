// The planner handle (`new Planner(input, options)`, README "The planner handle"): one
// evaluation kept in Wasm memory and asked for views, rows, one device, counts and the whole
// report. Run against the Node package and, in headless Chromium, the core module the page
// uses (issue 13).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fleetText } from '../lib/fleet.mjs';

const fixture = (file) => readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
const FLEET = fixture('fleet.canonical.json');
const OPTIONS = { asOf: '2026-05-20', rings: { Broad: { deferralDays: 9, namePatterns: ['SRV-*'] } } };

/** The calls the cases make; self-contained, as it is also sent to the page as source. */
export const plannerCalls = (api) => {
  const caught = (fn) => {
    try {
      fn();
      return null;
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, field: e.field, message: e.message };
    }
  };
  const keys = (p, start = 0, end = 2 ** 32 - 1) => p.devices(p.indices(start, end)).map((d) => d.key);
  return {
    /** The whole report beside evaluate's, and the report without devices. */
    whole(text, options) {
      const p = new api.Planner(text, options);
      try {
        const head = p.report(false);
        return { same: JSON.stringify(p.report(true)) === JSON.stringify(api.evaluate(text, options)), headDevices: head.devices.length, summary: head.summary, fleetRings: head.fleet.rings.length };
      } finally {
        p.free();
      }
    },
    /**
     * For each filter and sort: what the view holds (keys in order) and what evaluate's report
     * says about those devices, so the test can hold one against the other.
     */
    views(text, options, asks) {
      const p = new api.Planner(text, options);
      const report = api.evaluate(text, options);
      const byKey = new Map(report.devices.map((d, i) => [d.key, i]));
      try {
        return asks.map(([filter, sort]) => {
          const count = p.view(filter, sort);
          const indices = [...p.indices(0, 2 ** 32 - 1)];
          const devices = p.devices(indices);
          return {
            count,
            keys: devices.map((d) => d.key),
            // Each device as the view gives it equals the report's device at its index.
            sameAsReport: devices.every((d, k) => JSON.stringify(d) === JSON.stringify(report.devices[indices[k]]) && byKey.get(d.key) === indices[k]),
            counts: p.counts(),
            window: keys(p, 1, 3),
            verdicts: devices.map((d) => d.verdict),
            names: devices.map((d) => d.name ?? d.key),
          };
        });
      } finally {
        p.free();
      }
    },
    /**
     * The report's JSON in parts (`jsonParts(space)`) beside JSON.stringify of the whole
     * report, at each indent; with `view`, also the CSV in parts beside the planner's toCsv
     * (the full builds).
     */
    parts(text, options, spaces) {
      const p = new api.Planner(text, options);
      try {
        const json = spaces.map((space) => {
          const parts = p.jsonParts(space);
          return {
            space,
            parts: parts.length,
            same: parts.join('') === JSON.stringify(p.report(true), null, space),
            text: space === 1 ? parts.join('') : undefined,
            // (An indent of other characters than white space is no longer JSON.)
            reads: typeof space === 'string' && space.trim() ? null : JSON.parse(parts.join('')).devices.length,
          };
        });
        // Handed over one at a time: the same parts, none kept; a throwing receiver stops
        // the writing with its error, and the planner still answers after it.
        const handed = [];
        const kept = p.jsonParts(1, (part) => handed.push(part));
        let calls = 0;
        const thrown = caught(() => p.jsonParts(0, () => { calls += 1; if (calls === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' }); }));
        const onPart = { kept: kept.length, same: handed.join('') === json[1]?.text, thrown, calls, after: p.view({ verdict: 'lcu' }) === p.counts().devices };
        let csv = null;
        if (p.csvParts) {
          p.view({ verdict: 'lcu' });
          const parts = p.csvParts();
          const handedCsv = [];
          const keptCsv = p.csvParts((part) => handedCsv.push(part));
          const thrownCsv = caught(() => p.csvParts(() => { throw new Error('disk full'); }));
          csv = { parts: parts.length, same: parts.join('') === p.toCsv(), rows: parts.join('').split('\r\n').length - 2, lcu: p.counts().devices, longest: Math.max(...parts.map((x) => x.length)), handed: handedCsv.join('') === parts.join('') && keptCsv.length === 0, thrown: thrownCsv?.message };
        }
        for (const j of json) delete j.text;
        return { json, csv, onPart };
      } finally {
        p.free();
      }
    },
    /** Misuse: each throws an Error with a code and the field. */
    misuse(text, options) {
      const p = new api.Planner(text, options);
      try {
        return {
          verdict: caught(() => p.view({ verdict: 'yes' })),
          check: caught(() => p.view({ check: 'fail:tpm' })),
          unknownField: caught(() => p.view({ rings: 'Broad' })),
          sort: caught(() => p.view({}, { key: 'size' })),
          past: caught(() => p.devices([9999])),
          // A failed view leaves the last one as it was.
          countAfter: p.view({ verdict: 'lcu' }) === p.counts().devices,
          emptyWindow: p.indices(50, 10).length,
          options: caught(() => new api.Planner(text, { months: 99 })),
        };
      } finally {
        p.free();
      }
    },
  };
};

export const plannerCases = [
  {
    name: 'the planner keeps the evaluation: its whole report is evaluate\'s, byte for byte, and its head has no devices',
    fn: 'whole',
    args: [FLEET, OPTIONS],
    check({ value, error }) {
      assert.equal(error, undefined, error?.message);
      assert.equal(value.same, true);
      assert.equal(value.headDevices, 0);
      assert.equal(value.summary.devices, 29);
      assert.ok(value.fleetRings >= 2);
    },
  },
  {
    name: 'views: the devices a filter shows, in the engine\'s order, each the report\'s device at its index, with counts per filter value',
    fn: 'views',
    args: [FLEET, OPTIONS, [
      [{}, undefined],
      [{ verdict: 'lcu' }, { key: 'name', dir: 'desc' }],
      [{ ring: 'Broad' }, { key: 'verdict' }],
      [{ ring: null, check: 'any:vbs' }, undefined],
      [{ search: 'srv-', fix: '' }, { key: 'os', dir: 'desc' }],
    ]],
    check({ value, error }) {
      assert.equal(error, undefined, error?.message);
      const [all, lcu, broad, vbs, servers] = value;
      for (const v of value) {
        assert.equal(v.sameAsReport, true);
        assert.equal(v.count, v.keys.length);
        assert.equal(v.counts.devices, v.count);
        assert.deepEqual(v.window, v.keys.slice(1, 3));
      }
      assert.equal(all.count, 29);
      // By name as people read them: ASCII case ignored, numbers by value.
      const sorted = [...all.names].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }));
      assert.deepEqual(all.names, sorted);
      assert.ok(lcu.verdicts.every((v) => v === 'lcu') && lcu.count === all.counts.verdict.lcu);
      assert.deepEqual(lcu.names, [...lcu.names].sort((a, b) => b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' })));
      assert.deepEqual(lcu.counts.verdict, { hotpatch: 0, lcu: lcu.count, undetermined: 0 });
      // The Broad ring: its own device and the servers its pattern takes; LCU first.
      assert.ok(broad.keys.includes('lap-hp-01') && broad.keys.filter((k) => k.startsWith('srv-')).length === 6, broad.keys.join());
      const order = { lcu: 0, undetermined: 1, hotpatch: 2 };
      assert.deepEqual(broad.verdicts, [...broad.verdicts].sort((a, b) => order[a] - order[b]));
      assert.ok(vbs.count > 0 && vbs.counts.failing.vbs + vbs.counts.unknown.vbs >= vbs.count);
      assert.equal(servers.count, 6);
      assert.equal(all.counts.rings.reduce((a, b) => a + b, 0), 29);
      assert.equal(Object.values(all.counts.lines).reduce((a, b) => a + b, 0), 29);
    },
  },
  {
    name: 'the report as JSON in parts: joined, exactly JSON.stringify of the whole report at each indent, for a fleet of many windows and for none',
    fn: 'parts',
    // 25,000 devices: three windows of devices (PART_DEVICES is 10,000).
    args: [fleetText(25_000, 7), { asOf: '2026-05-20' }, [0, 1, 2, 10, '\t', 'ab', -1, 2.5]],
    check({ value, error }) {
      assert.equal(error, undefined, error?.message);
      for (const j of value.json) {
        assert.equal(j.same, true, `indent ${j.space}`);
        assert.equal(j.parts, 5, `indent ${j.space}: before, three windows, after`);
        if (j.reads !== null) assert.equal(j.reads, 25_000);
      }
      assert.equal(value.onPart.kept, 0, 'handed over, none kept');
      assert.equal(value.onPart.same, true, 'the same parts handed over');
      assert.equal(value.onPart.thrown?.message, 'disk full');
      assert.equal(value.onPart.thrown?.code, 'ENOSPC');
      assert.equal(value.onPart.calls, 2, 'nothing written after the receiver threw');
      assert.equal(value.onPart.after, true, 'the planner answers after a receiver threw');
      if (value.csv) {
        assert.equal(value.csv.same, true);
        assert.equal(value.csv.handed, true);
        assert.equal(value.csv.thrown, 'disk full');
        assert.equal(value.csv.rows, value.csv.lcu);
        // ~9 MB of CSV in parts of about 4 MB.
        assert.ok(value.csv.parts >= 2, `${value.csv.parts} parts`);
        assert.ok(value.csv.longest < 4.5 * 2 ** 20, `${value.csv.longest}`);
      }
    },
  },
  {
    name: 'a report without Windows devices in parts is the same text too',
    fn: 'parts',
    args: ['{"schemaVersion":1,"devices":[]}', { asOf: '2026-05-20' }, [0, 1, 4]],
    check({ value, error }) {
      assert.equal(error, undefined, error?.message);
      for (const j of value.json) {
        assert.equal(j.same, true, `indent ${j.space}`);
        assert.equal(j.reads, 0);
      }
      if (value.csv) assert.equal(value.csv.same, true);
    },
  },
  {
    name: 'a filter or sort the engine cannot read is an INVALID_OPTION error naming the field; a position past the report is too',
    fn: 'misuse',
    args: [FLEET, OPTIONS],
    check({ value, error }) {
      assert.equal(error, undefined, error?.message);
      const is = (e, field, pattern) => {
        assert.equal(e?.isError, true);
        assert.equal(e.code, 'INVALID_OPTION');
        assert.equal(e.field, field);
        assert.match(e.message, pattern);
      };
      is(value.verdict, 'verdict', /found "yes", expected one of "hotpatch", "lcu", "undetermined", "decided"/);
      is(value.check, 'check', /found "fail:tpm", expected one of "fail:os"/);
      is(value.unknownField, 'rings', /unknown field/);
      is(value.sort, 'key', /found "size"/);
      is(value.past, 'indices', /past the report's last device/);
      is(value.options, 'months', /1 to 36/);
      assert.equal(value.countAfter, true);
      assert.equal(value.emptyWindow, 0);
    },
  },
];
