// Issue 11: the realistic export corpus in every order, through the full web module
// (pkg/web/release) in headless Chromium; the core module hands these documents to it.
import { runInBrowser } from '../lib/cases.mjs';
import { exportCases, makeExportCalls } from '../shared/exports.cases.mjs';

runInBrowser(exportCases, makeExportCalls, { module: 'pkg/web/release/hotpatch_planner_release.js', label: 'web full module' });
