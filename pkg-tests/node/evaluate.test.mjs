// The evaluate cases against the built Node package (pkg/node).
import { runInNode } from '../lib/cases.mjs';
import { evaluateCases, makeCalls } from '../shared/evaluate.cases.mjs';

runInNode(evaluateCases, makeCalls);
