// The inventory format cases (issue 4) in headless Chromium, bytes and the 10 MB malformed
// inputs included, against the full web module (pkg/web/release), which reads every format;
// and what the core module (pkg/web) reads itself and what it leaves to the full module.
import { runInBrowser } from '../lib/cases.mjs';
import { formatCases, makeFormatCalls } from '../shared/formats.cases.mjs';
import { coreModuleCases, makeCoreCalls } from '../shared/modules.cases.mjs';

runInBrowser(formatCases, makeFormatCalls, { module: 'pkg/web/release/hotpatch_planner_release.js', label: 'web full module' });
runInBrowser(coreModuleCases, makeCoreCalls);
