// Issue 11 through the built packages (Node and browser): realistic exports in every order
// of each scenario's files give the devices pkg-tests/fixtures/exports.expected.json lists,
// the same fixture tests/real_exports.rs checks natively.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const EXPECTED = JSON.parse(readFileSync(new URL('../fixtures/exports.expected.json', import.meta.url), 'utf8'));
const CHECKS = ['os', 'edition', 'license', 'policy', 'vbs', 'arch', 'baseline'];
/** A file of tests/data/exports as plain numbers: they travel to the page as JSON. */
const bytes = (file) => [...readFileSync(new URL(`../../tests/data/exports/${file}`, import.meta.url))];

/** A device as one line without its sources (tests/real_exports.rs `line`). */
function line(d) {
  const s = (v) => (v === null || v === undefined ? '-' : String(v));
  const withStatus = (status) => CHECKS.filter((c) => d.checks[c] === status).join(',');
  return `${s(d.os.line)} ${s(d.os.build)}.${s(d.os.ubr)} ${s(d.os.edition)} ${s(d.os.arch)} ${d.verdict} ${d.track} fail=${withStatus('fail')} unknown=${withStatus('unknown')} microsoft=${s(d.microsoft?.agreement)}`;
}

/** What a report says, independent of input order (tests/real_exports.rs `outcome`). */
function outcome(r) {
  return {
    devices: Object.fromEntries(r.devices.map((d) => [d.key, line(d)]).sort(([a], [b]) => (a < b ? -1 : 1))),
    errors: r.errors.map((e) => e.message).sort(),
    microsoft: r.summary.microsoft ?? null,
  };
}

/** The calls: every order of the files, as Uint8Arrays. Self-contained (sent to the page). */
export function makeExportCalls(api) {
  const orders = (n) => {
    if (n === 0) return [[]];
    return orders(n - 1).flatMap((rest) => [...Array(rest.length + 1).keys()].map((at) => [...rest.slice(0, at), n - 1, ...rest.slice(at)]));
  };
  return {
    everyOrder: (files, options) => orders(files.length).map((order) => api.evaluate(order.map((i) => Uint8Array.from(files[i])), options)),
  };
}

export const exportCases = EXPECTED.scenarios.map((scenario) => ({
  name: `realistic exports: ${scenario.name}`,
  fn: 'everyOrder',
  args: [scenario.files.map(bytes), { asOf: EXPECTED.asOf }],
  check({ value: reports, error }) {
    assert.equal(error, undefined, error?.message);
    const sorted = (o) => ({ ...o, devices: Object.fromEntries(Object.entries(o.devices).sort(([a], [b]) => (a < b ? -1 : 1))) });
    const want = sorted({ devices: scenario.devices, errors: [...scenario.errors].sort(), microsoft: scenario.microsoft });
    for (const r of reports) {
      assert.deepEqual(outcome(r), want, scenario.name);
      for (const [key, texts] of Object.entries(scenario.say)) {
        const d = r.devices.find((x) => x.key === key);
        const all = [...d.findings.map((f) => `${f.check}: ${f.detail}`), `microsoft: ${d.microsoft?.detail ?? ''}`].join('\n');
        for (const text of texts) assert.ok(all.includes(text), `${scenario.name}: ${key} should say ${text}; it says:\n${all}`);
      }
    }
  },
}));
