// Issue 12: the adversarial shapes that were quadratic, each evaluated at n and 4n through the
// Node package; fails when the time grows more than 6× (linear is 4×, n log n ~4.6×, and the
// garbage collector adds some; quadratic would be 16×). Each time is the best of three runs,
// so a stray pause does not fail it. Run by
// scripts/test.sh at sizes that take seconds:
//
//   node pkg-tests/bench/complexity.mjs [n=10000] [only shapes whose name contains this]
//
// Shapes: distinct devices (n = 250000 reaches 1,000,000 at 4n: DESIGN.md, "Complexity");
// devices that keep one default name (numbered keys); one device from n records; names shared
// by n devices joined by n records without an Entra id; n distinct builds as of 2100-12-31;
// an options object with n rings; a catalog object with n keys (refused, but not in n² time).
import { createRequire } from 'node:module';
import { fleetText } from '../lib/fleet.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const n = Number(process.argv[2] ?? 10_000);
const only = process.argv[3] ?? '';
const AS_OF = '2026-05-20';
const id = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const canonical = (devices) => JSON.stringify({ schemaVersion: 1, devices });

/** Each shape: a name, and for a size k the call to time. */
const shapes = [
  ['distinct devices', (k) => {
    const text = fleetText(k);
    return () => api.evaluate(text, { asOf: AS_OF });
  }],
  ['devices that keep one default name', (k) => {
    const text = canonical(Array.from({ length: k }, (_, i) => ({ name: 'DESKTOP-DEFAULT', entraDeviceId: id(i), build: '10.0.26100.8390' })));
    return () => api.evaluate(text, { asOf: AS_OF });
  }],
  ['one device from k records', (k) => {
    const text = canonical(Array.from({ length: k }, (_, i) => ({ name: 'ONE', entraDeviceId: id(1), build: `10.0.26100.${8000 + (i % 7)}`, lastSeen: `2026-05-${String(1 + (i % 19)).padStart(2, '0')}T00:00:00Z` })));
    return () => api.evaluate(text, { asOf: AS_OF });
  }],
  ['a name shared by k devices, joined by k records without an Entra id', (k) => {
    const withIds = canonical(Array.from({ length: k }, (_, i) => ({ name: 'PC', entraDeviceId: id(i), build: '10.0.26100.8390' })));
    const without = canonical(Array.from({ length: k }, () => ({ name: 'PC', vbs: 'running' })));
    return () => api.evaluate([withIds, without], { asOf: AS_OF });
  }],
  ['k distinct builds, evaluated as of the last day asOf allows', (k) => {
    // Each build's plan runs to the as-of month: before asOf was bounded, 9999-12-31 walked
    // ~96,000 months per distinct build.
    const text = canonical(Array.from({ length: k }, (_, i) => ({ name: `PC-${i}`, build: `10.0.26100.${i + 1}` })));
    return () => api.evaluate(text, { asOf: '2100-12-31' });
  }],
  ['options with k rings', (k) => {
    const rings = Object.fromEntries(Array.from({ length: k }, (_, i) => [`ring-${i}`, { deferralDays: i % 30, deadlineDays: 2, graceDays: 2 }]));
    return () => api.evaluate('{"devices":[]}', { asOf: AS_OF, rings });
  }],
  ['a catalog object with k keys', (k) => {
    const catalog = JSON.stringify(Object.fromEntries(Array.from({ length: k }, (_, i) => [`k${i}`, i])));
    return () => {
      try {
        api.evaluate('{"devices":[]}', { asOf: AS_OF, catalog });
      } catch (e) {
        if (e.code !== 'INVALID_CATALOG') throw e;
      }
    };
  }],
];

const best = (fn) => {
  let min = Infinity;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    fn();
    min = Math.min(min, performance.now() - start);
  }
  return min;
};

let failed = 0;
console.log(`each shape at n = ${n} and 4n = ${4 * n}, best of 3 runs`);
for (const [name, make] of shapes.filter(([name]) => name.includes(only))) {
  let small = best(make(n));
  let large = best(make(4 * n));
  // Below 20 ms the ratio is mostly noise: only a large time can show quadratic growth.
  let ratio = large / Math.max(small, 5);
  // A busy machine can stretch one measurement; quadratic growth (16×) shows again on a
  // second try, a stray pause does not.
  if (ratio > 6 && large >= 20) {
    small = best(make(n));
    large = best(make(4 * n));
    ratio = Math.min(ratio, large / Math.max(small, 5));
  }
  const ok = ratio <= 6 || large < 20;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms (${ratio.toFixed(1)}×)`);
}
if (failed) {
  console.error(`${failed} shape(s) grew more than 6× from n to 4n`);
  process.exit(1);
}
