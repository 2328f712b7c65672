// The inventory format cases (issue 4) against the built web package in headless Chromium,
// bytes and the 10 MB malformed inputs included.
import { runInBrowser } from '../lib/cases.mjs';
import { formatCases, makeFormatCalls } from '../shared/formats.cases.mjs';

runInBrowser(formatCases, makeFormatCalls);
