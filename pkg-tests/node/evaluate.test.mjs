// The evaluate cases against the built Node package (pkg/node).
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { evaluateCases, makeCalls } from '../shared/evaluate.cases.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const calls = makeCalls(api);

for (const c of evaluateCases) {
  test(c.name, () => c.check(calls[c.fn](...c.args)));
}
