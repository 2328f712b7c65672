// Resource limits and failures inside the Wasm, in headless Chromium with the full module
// (pkg/web/release; the test hook is not in the core module). Issue 12.
import { runInBrowser } from '../lib/cases.mjs';
import { limitCalls, limitCases } from '../shared/limits.cases.mjs';

runInBrowser(limitCases, limitCalls, { module: 'pkg/web/release/hotpatch_planner_release.js', label: 'full module in Chromium' });
