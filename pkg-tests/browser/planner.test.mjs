// The planner handle in headless Chromium, against the core module the page evaluates with
// (pkg-tests/shared/planner.cases.mjs).
import { runInBrowser } from '../lib/cases.mjs';
import { plannerCalls, plannerCases } from '../shared/planner.cases.mjs';

runInBrowser(plannerCases, plannerCalls);
