// The planner handle against the Node package (pkg-tests/shared/planner.cases.mjs), and what
// only the full builds have: the view's CSV written from Wasm memory.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { runInNode } from '../lib/cases.mjs';
import { plannerCalls, plannerCases } from '../shared/planner.cases.mjs';

runInNode(plannerCases, plannerCalls);

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');

test('a planner of the full builds writes its view as CSV, the same text as toCsv of those devices', () => {
  const text = readFileSync(new URL('../fixtures/fleet.canonical.json', import.meta.url), 'utf8');
  const options = { asOf: '2026-05-20' };
  const p = new api.Planner(text, options);
  try {
    p.view({ check: 'fail:edition' }, { key: 'name', dir: 'desc' });
    const devices = p.devices(p.indices(0, 100));
    assert.ok(devices.length > 1);
    assert.equal(p.toCsv(), api.toCsv({ ...p.report(false), devices }));
  } finally {
    p.free();
  }
});
