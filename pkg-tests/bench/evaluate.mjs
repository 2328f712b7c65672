// Benchmark: evaluate 100,000 canonical devices with a 12-month horizon through the built
// Node package, next to JSON.parse of the same text in the same process.
//
//   node pkg-tests/bench/evaluate.mjs [devices=100000] [runs=5]
//
// Target: evaluate within 2× of JSON.parse (never above 3×). Prints the median of `runs`.
// Exits non-zero above 3× so it can gate a run; timings vary with the machine, so it is not
// part of the unit tests.
import { createRequire } from 'node:module';
import { fleetText } from '../lib/fleet.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const count = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 5);
const text = fleetText(count);
const options = { asOf: '2026-05-20', months: 12 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const start = performance.now();
  const result = fn();
  return [performance.now() - start, result];
}

// Warm up both (JIT, Wasm compilation, allocator growth).
JSON.parse(text);
api.evaluate(text, options);

const parse = [];
const evaluate = [];
let report;
for (let i = 0; i < runs; i++) {
  parse.push(time(() => JSON.parse(text))[0]);
  const [ms, r] = time(() => api.evaluate(text, options));
  evaluate.push(ms);
  report = r;
}
const p = median(parse);
const e = median(evaluate);
const ratio = e / p;
console.log(`input: ${count} canonical devices, ${(text.length / 1e6).toFixed(1)} MB; horizon 12 months`);
console.log(`JSON.parse: ${p.toFixed(0)} ms   evaluate: ${e.toFixed(0)} ms   ratio: ${ratio.toFixed(2)}× (target ≤ 2×, limit 3×)`);
console.log(`report: ${report.devices.length} devices, ${Object.keys(report.plans).length} plans, ${report.errors.length} errors`);
if (report.devices.length !== count) throw new Error(`expected ${count} devices, got ${report.devices.length}`);
if (ratio > 3) {
  console.error('evaluate is more than 3× JSON.parse');
  process.exit(1);
}
