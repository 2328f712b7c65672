// The evaluate cases against the built Node package (pkg/node).
import { runInNode } from '../lib/cases.mjs';
import { evaluateCases, makeCalls, writerCases } from '../shared/evaluate.cases.mjs';

runInNode([...evaluateCases, ...writerCases], makeCalls);
