// Benchmark two (or more) web builds side by side, in Node and in headless Chromium: each
// build's evaluate on the same synthetic fleet, as a ratio to JSON.parse of the same text in
// the same engine and process, and where its time goes stage by stage. For before/after
// measurements (DESIGN.md, "Speed").
//
//   node pkg-tests/bench/compare.mjs pkg/bench-old pkg/web [devices=100000] [runs=7] [--format F] [--node-only]
//   node pkg-tests/bench/compare.mjs pkg/bench-old pkg/web --file a.json[,b.json] [runs=7]
//
// Each directory is a `wasm-pack build --target web` output under pkg/ (the only place the
// project's server serves builds from), e.g. an older commit's build copied to pkg/bench-old.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fleetText, writeFleetDocument } from '../lib/fleet.mjs';
import { blankPage, session } from '../lib/browser.mjs';

const args = process.argv.slice(2);
// `--format graph`, `--format graph-list`, `--format intune-csv` or `--format
// graph+deviceguard`: the suite's Graph export, the same as Graph's list calls write it (every
// device's `hardwareInformation` blank), Intune CSV, or Graph export with a Device Guard probe
// per device (two documents, merged) of the same fleet instead of the canonical format (the
// CSV and the probe need the full module's builds).
const format = args.includes('--format') ? args.splice(args.indexOf('--format'), 2)[1] : 'canonical';
const nodeOnly = args.includes('--node-only') ? Boolean(args.splice(args.indexOf('--node-only'), 1)) : false;
// `--file a.json,b.json`: JSON documents of your own (a real export's shape) instead of the
// synthetic fleet, evaluated together, with JSON.parse timed on the same texts.
const files = args.includes('--file') ? args.splice(args.indexOf('--file'), 2)[1]?.split(',') : null;
if (files === undefined || (files && format !== 'canonical')) throw new Error('usage: --file a.json[,b.json] (UTF-8 JSON documents), without --format');
const dirs = args.filter((a) => !/^\d+$/.test(a));
const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
const [count = 100_000, runs = 7] = files ? [0, numbers[0]] : numbers;
if (dirs.length === 0) throw new Error('usage: compare.mjs DIR [DIR…] [devices] [runs]');
const root = resolve(new URL('../..', import.meta.url).pathname);
// The input: one text, or for the merged format the two documents.
// (A byte-order mark is left out: JSON.parse refuses one, where the planner reads past it.)
const readOwn = (f) => readFileSync(f, 'utf8').replace(/^\uFEFF/, '');
const text = files ? (files.length === 1 ? readOwn(files[0]) : files.map(readOwn)) : {
  canonical: () => fleetText(count),
  'graph+deviceguard': () => [documentText(count, 'graph'), documentText(count, 'deviceguard')],
}[format]?.() ?? documentText(count, format);
// What JSON.parse is timed on: the texts, or for a CSV the Graph export of the same devices (as
// the suite does).
const parsed = format === 'intune-csv' ? [documentText(count, 'graph')] : [text].flat();
// Each build's module: the core module's name, or the full module's (`pkg/web/release`), which
// reads the CSV formats.
const names = dirs.map((dir) => (existsSync(`${root}/${dir}/hotpatch_planner.js`) ? 'hotpatch_planner' : 'hotpatch_planner_release'));

/** The fleet as `writeFleetDocument` writes it in `format` (a JSON format the core reads). */
function documentText(count, format) {
  const dir = mkdtempSync(join(tmpdir(), 'compare-'));
  try {
    writeFleetDocument(join(dir, 'doc'), count, format, { writeFileSync, appendFileSync, statSync });
    return readFileSync(join(dir, 'doc'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true });
  }
}
const options = { asOf: '2026-05-20', months: 12 };

/**
 * Medians of JSON.parse and of each build's evaluate, interleaved run by run; and where each
 * build's time goes: a `Planner` made with `onProgress`, timed from one stage's first event to
 * the next (passing the text in, reading, merging, checking, then the fleet and the handle),
 * and evaluate's time beyond the planner's (packing the report and building its objects).
 */
function measure(builds, text, parsed, options, runs) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const time = (fn) => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  const STAGES = ['in', 'reading', 'merging', 'checking', 'after'];
  const stages = (b) => {
    const at = {};
    const start = performance.now();
    const planner = new b.Planner(text, {
      ...options,
      onProgress: ({ stage, done, total }) => {
        at[stage] ??= performance.now();
        if (stage === 'checking' && done === total) at.after = performance.now();
      },
    });
    const end = performance.now();
    planner.free();
    const marks = [start, at.reading, at.merging, at.checking, at.after, end];
    return { total: end - start, parts: STAGES.map((_, i) => marks[i + 1] - marks[i]) };
  };
  const parseAll = () => parsed.forEach((t) => JSON.parse(t));
  parseAll();
  for (const b of builds) b.evaluate(text, options);
  const parse = [];
  const evaluate = builds.map(() => []);
  const planner = builds.map(() => []);
  for (let i = 0; i < runs; i++) {
    parse.push(time(parseAll));
    builds.forEach((b, k) => evaluate[k].push(time(() => b.evaluate(text, options))));
    builds.forEach((b, k) => planner[k].push(stages(b)));
  }
  return {
    parse: median(parse),
    evaluate: evaluate.map(median),
    stages: planner.map((list, k) => [...STAGES.map((_, i) => median(list.map((p) => p.parts[i]))), median(evaluate[k]) - median(list.map((p) => p.total))]),
  };
}

const rows = [];
// Node.
const builds = [];
for (const [k, dir] of dirs.entries()) {
  const module = await import(pathToFileURL(`${root}/${dir}/${names[k]}.js`).href);
  module.initSync({ module: readFileSync(`${root}/${dir}/${names[k]}_bg.wasm`) });
  builds.push(module);
}
const node = measure(builds, text, parsed, options, runs);
dirs.forEach((dir, k) => rows.push(['Node', dir, node.parse, node.evaluate[k], node.stages[k]]));

// Headless Chromium: the same function, the same text, in one page. `--node-only` skips it
// (a million devices' text is more than the page can be handed).
const s = nodeOnly ? null : await session();
if (s) try {
  // bypassCSP: the server's policy forbids compiling the shared `measure` from text. A page
  // with no module of its own, so no build starts with code another instance optimised.
  const page = await blankPage(s, { bypassCSP: true });
  // The texts JSON.parse times are sent only when they are not the input: a page is handed
  // one copy of a merged fleet's 73 MB, not two.
  const chromium = await page.evaluate(async ({ dirs, names, text, own, options, runs, measureSource }) => {
    const parsed = own ?? [text].flat();
    const builds = [];
    for (const [k, dir] of dirs.entries()) {
      const module = await import(`/${dir}/${names[k]}.js`);
      await module.default();
      builds.push(module);
    }
    // eslint-disable-next-line no-new-func
    const measure = new Function(`return (${measureSource})`)();
    return measure(builds, text, parsed, options, runs);
  }, { dirs, names, text, own: format === 'intune-csv' ? parsed : null, options, runs, measureSource: measure.toString() });
  dirs.forEach((dir, k) => rows.push(['Chromium', dir, chromium.parse, chromium.evaluate[k], chromium.stages[k]]));
} finally {
  await s.close();
}

const megabytes = [text].flat().reduce((sum, t) => sum + t.length, 0) / 1e6;
console.log(`${files ? files.join(', ') : `${count} ${format} devices`}, ${megabytes.toFixed(1)} MB, median of ${runs} runs, interleaved`);
console.log('engine     build                      JSON.parse   evaluate   ratio');
for (const [engine, dir, p, e] of rows) {
  console.log(`${engine.padEnd(10)} ${dir.padEnd(26)} ${p.toFixed(0).padStart(7)} ms ${e.toFixed(0).padStart(7)} ms  ${(e / p).toFixed(2)}×`);
}
console.log('\nwhere the time goes (ms, medians): passing the text in / reading / merging / checking / fleet and handle / packing and objects');
for (const [engine, dir, , , parts] of rows) {
  console.log(`${engine.padEnd(10)} ${dir.padEnd(26)} ${parts.map((t) => t.toFixed(0)).join(' / ')}`);
}
