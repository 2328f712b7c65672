// The calendar cases against the built Node package (pkg/node).
import { test } from 'node:test';
import { createRequire } from 'node:module';
import { callApi } from '../shared/api.mjs';
import { calendarCases } from '../shared/calendar.cases.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');

for (const c of calendarCases) {
  test(c.name, () => c.check(callApi(api, c.fn, c.args)));
}
