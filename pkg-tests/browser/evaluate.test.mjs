// The evaluate cases against the built web package in headless Chromium: the call runs in
// the page, the checks in Node on what it returned. The core module (pkg/web) evaluates; the
// CSV and iCalendar writers are in the full module (pkg/web/release), and the core says so.
import { runInBrowser } from '../lib/cases.mjs';
import { coreWriterCases, evaluateCases, makeCalls, writerCases } from '../shared/evaluate.cases.mjs';

const writes = (c) => c.fn === 'toCsv' || c.fn === 'toIcs';
runInBrowser([...evaluateCases.filter((c) => !writes(c)), ...coreWriterCases], makeCalls);
runInBrowser([...evaluateCases.filter(writes), ...writerCases], makeCalls, { module: 'pkg/web/release/hotpatch_planner_release.js', label: 'web full module' });
