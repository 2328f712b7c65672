// Resource limits and failures inside the Wasm, against the Node package (issue 12).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { runInNode } from '../lib/cases.mjs';
import { limitCalls, limitCases } from '../shared/limits.cases.mjs';

runInNode(limitCases, limitCalls);

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');

test('an inventory larger than one evaluation reads is a MEMORY_LIMIT error naming the input, before anything is copied', () => {
  // 1.5 GiB of zeros: the pages are never touched, so the test needs little real memory.
  const huge = new Uint8Array(1.5 * 2 ** 30);
  assert.throws(() => api.evaluate([new Uint8Array(10), huge], { asOf: '2026-05-20' }), (e) => {
    assert.equal(e.code, 'MEMORY_LIMIT');
    assert.equal(e.field, 'input[1]');
    assert.equal(e.message, 'input[1]: the inventory is over 1610 MB, more than the 1 GiB one evaluation reads; evaluate it in parts');
    return true;
  });
  assert.equal(api.evaluate('{"devices":[{"name":"A","build":"10.0.26100.8390"}]}', { asOf: '2026-05-20' }).devices.length, 1);
});
