// The evaluate cases against the built web package (pkg/web) in headless Chromium: the call
// runs in the page, the checks in Node on what it returned.
import { runInBrowser } from '../lib/cases.mjs';
import { evaluateCases, makeCalls } from '../shared/evaluate.cases.mjs';

runInBrowser(evaluateCases, makeCalls);
