// The browser's two modules (DESIGN.md "Size"): the core module (pkg/web) reads the JSON
// that portals pass (Microsoft Graph and the canonical format) itself; every other document
// comes back as one EXTENDED_READER error naming the full module, while the other documents
// are read as usual. The page then evaluates again with the full module
// (www/planner/worker.js).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const sample = (file) => readFileSync(new URL(`../../www/samples/${file}`, import.meta.url), 'utf8');
const CORE = ['graph.json', 'canonical.json'];
const FULL = ['intune.csv', 'computerinfo.json', 'deviceguard.json', 'registry.json', 'ucclient.json', 'defender.json', 'autopatch.json'];
const OTHER_TEXT = [
  'CsName                 : LT-ENG-0142\r\nOsBuildNumber          : 26100\r\nDeviceGuardSmartStatus : Running\r\n',
  'These are the devices we need to patch next month: LAP-01, LAP-02.',
  '"TimeGenerated [UTC]",DeviceName,AzureADDeviceId,OSBuild\r\n"11/20/2026, 3:14:27.511 AM",W11-1,3b9d6f0e-7a21-4c5e-9f84-1d2c3b4a5e61,"10.0.26100.5074"\r\n',
];

const CATALOG = JSON.stringify({ lines: { 'win11-24h2': { months: [{ month: '2026-09', release: '2026-09-08', type: 'hotpatch', kb: 'KB5130001', ubr: 9300, lcuKb: 'KB5130002', lcuUbr: 9340 }] } } });

export const makeCoreCalls = (api) => ({
  evaluate: (input, options) => api.evaluate(input, options),
  /** Each function given release data (`catalog`): the error each throws, or null. */
  withCatalog: (input, catalog) => [
    () => api.evaluate(input, { asOf: '2026-05-20', catalog }),
    () => api.releaseCalendar({ line: 'win11-24h2', from: '2026-09', months: 2, catalog }),
    () => api.lookupBuild({ line: 'win11-24h2', build: '26100.9300', catalog }),
  ].map((f) => {
    try {
      f();
      return null;
    } catch (e) {
      return { code: e.code, field: e.field, message: e.message };
    }
  }),
  /** needsFullModule with and without release data in the options. */
  needsForCatalog: (input, catalog) => [api.needsFullModule(input, {}), api.needsFullModule(input, { catalog }), api.needsFullModule(input, { catalog: [catalog] })],
  /** needsFullModule for each document alone, and for all of them together. */
  needs: (documents) => ({ each: documents.map((d) => api.needsFullModule(d)), all: api.needsFullModule(documents) }),
});

export const coreModuleCases = [
  {
    name: 'the core module carries the built-in release data only: any catalog is EXTENDED_READER, and needsFullModule says so first',
    fn: 'withCatalog',
    args: [sample('graph.json'), CATALOG],
    check({ value }) {
      assert.equal(value.length, 3);
      assert.equal(value[0].code, 'EXTENDED_READER');
      assert.equal(value[0].field, 'catalog');
      assert.match(value[0].message, /read by the full module, `hotpatch-planner\/release`/);
      // releaseCalendar and lookupBuild are the full module's altogether (DESIGN.md "Size").
      assert.deepEqual(value[1], { code: 'EXTENDED_READER', field: '', message: 'releaseCalendar is in the full module: import it from hotpatch-planner/release' });
      assert.deepEqual(value[2], { code: 'EXTENDED_READER', field: '', message: 'lookupBuild is in the full module: import it from hotpatch-planner/release' });
    },
  },
  {
    name: 'needsFullModule is true when the options carry release data',
    fn: 'needsForCatalog',
    args: [sample('graph.json'), CATALOG],
    check({ value }) {
      assert.deepEqual(value, [false, true, true]);
    },
  },
  {
    name: 'needsFullModule tells, by detection alone, which documents the core module leaves to the full one',
    fn: 'needs',
    args: [[...CORE.map(sample), ...FULL.map(sample), ...OTHER_TEXT]],
    check({ value }) {
      assert.deepEqual(value.each, [...CORE.map(() => false), ...FULL.map(() => true), ...OTHER_TEXT.map(() => true)]);
      assert.equal(value.all, true);
    },
  },
  {
    name: 'the core module reads Graph and the canonical format itself',
    fn: 'evaluate',
    args: [CORE.map(sample), { asOf: '2026-05-20' }],
    check({ value: r }) {
      assert.deepEqual(r.errors, []);
      assert.deepEqual(r.inputs.map((i) => i.format), ['graph', 'canonical']);
    },
  },
  {
    name: 'the core module leaves every other document to the full module, and still reads the rest',
    fn: 'evaluate',
    args: [[sample('graph.json'), ...FULL.map(sample), ...OTHER_TEXT], { asOf: '2026-05-20' }],
    check({ value: r }) {
      const extended = r.errors.filter((e) => e.code === 'EXTENDED_READER');
      assert.equal(extended.length, FULL.length + OTHER_TEXT.length, JSON.stringify(r.errors, null, 1));
      assert.deepEqual(extended.map((e) => e.input), [...Array(FULL.length + OTHER_TEXT.length).keys()].map((i) => i + 1));
      for (const e of extended) assert.match(e.message, /the planner's full module \(the Node package, or pkg\/web\/release in a browser\)/);
      assert.ok(r.devices.length > 0 && r.devices.every((d) => d.sources.every((s) => s.input === 0)));
    },
  },
];
