// Issue 11: the realistic export corpus in every order, through the built Node package.
import { runInNode } from '../lib/cases.mjs';
import { exportCases, makeExportCalls } from '../shared/exports.cases.mjs';

runInNode(exportCases, makeExportCalls);
