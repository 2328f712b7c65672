// Issue 12: a call that fails inside the Wasm (a panic, memory exhausted) or whose result is
// too large for a JavaScript string throws an Error with a code, and never poisons the calls
// after it. Run against the Node package and, in headless Chromium, the full module (the test
// hook is not in the core module; its start function and allocator are the same code).
import assert from 'node:assert/strict';

/** The calls the cases make; self-contained, as it is also sent to the page as source. */
export const limitCalls = (api) => {
  const caught = (fn) => {
    try {
      fn();
      return null;
    } catch (e) {
      return { isError: e instanceof Error, code: e.code, field: e.field, message: e.message };
    }
  };
  const small = JSON.stringify({ schemaVersion: 1, devices: [{ name: 'LAP-01', build: '10.0.26100.8390' }, { name: 'LAP-02', build: '10.0.26100.8390' }] });
  const names = () => api.evaluate(small, { asOf: '2026-05-20' }).devices.map((d) => d.name).join(' ');
  return {
    /** Fails `times` times in the Wasm, each failure followed by an ordinary evaluation. */
    failThenEvaluate: (kind, times) => Array.from({ length: times }, () => ({ failure: caught(() => api.__failForTests(kind)), after: names() })),
    /** Each function given a catalog whose KB starts with a multi-byte character (it once panicked). */
    euroCatalog: () => {
      const catalog = '{"lines":{"win11-24h2":{"months":[{"month":"2026-09","release":"2026-09-08","type":"hotpatch","kb":"€12345"}]}}}';
      return [
        caught(() => api.evaluate(small, { asOf: '2026-05-20', catalog })),
        caught(() => api.evaluateToJson(small, { asOf: '2026-05-20', catalog })),
        caught(() => api.releaseCalendar({ line: 'win11-24h2', from: '2026-09', months: 2, catalog })),
        caught(() => api.lookupBuild({ line: 'win11-24h2', build: '26100.8390', catalog })),
      ];
    },
    /** A report whose names add up to more than a JS string can hold, written as CSV, then an ordinary evaluation. */
    hugeCsv: () => {
      const report = api.evaluate(small, { asOf: '2026-05-20' });
      for (const device of report.devices) device.name = 'x'.repeat(300_000_000);
      return { failure: caught(() => api.toCsv(report)), after: names() };
    },
  };
};

export const limitCases = [
  {
    name: 'a catalog KB starting with a multi-byte character is INVALID_CATALOG in every function (it once trapped the module)',
    fn: 'euroCatalog',
    args: [],
    check: ({ value }) => {
      for (const failure of value) {
        assert.equal(failure.code, 'INVALID_CATALOG', JSON.stringify(failure));
        assert.match(failure.message, /kb: found "€12345", expected a KB number like "KB5077212"$/);
      }
    },
  },
  {
    name: 'a panic in the Wasm is an INTERNAL error, and every call after it works (no poisoning)',
    fn: 'failThenEvaluate',
    args: ['panic', 8],
    check: ({ value }) => {
      for (const { failure, after } of value) {
        assert.equal(failure.isError, true);
        assert.equal(failure.code, 'INTERNAL');
        assert.match(failure.message, /^internal error \(panicked at .*a panic asked for by a test\); the planner restarted, so the next call works/s);
        assert.equal(after, 'LAP-01 LAP-02');
      }
    },
  },
  {
    name: "WebAssembly's memory exhausted is a MEMORY_LIMIT error, and every call after it works",
    fn: 'failThenEvaluate',
    args: ['memory', 3],
    check: ({ value }) => {
      for (const { failure, after } of value) {
        assert.equal(failure.code, 'MEMORY_LIMIT');
        assert.match(failure.message, /more than WebAssembly's 4 GiB of memory; evaluate the inventory in parts/);
        assert.equal(after, 'LAP-01 LAP-02');
      }
    },
  },
  {
    name: 'an export longer than a JavaScript string can be is a STRING_LIMIT error, and the next call works',
    fn: 'hugeCsv',
    args: [],
    check: ({ value }) => {
      assert.equal(value.failure.code, 'STRING_LIMIT', JSON.stringify(value.failure));
      assert.match(value.failure.message, /^the CSV would be longer than a JavaScript string can be \(536870888 characters\); evaluate the inventory in parts$/);
      assert.equal(value.after, 'LAP-01 LAP-02');
    },
  },
];
