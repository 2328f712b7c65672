// The benchmark suite (issue 15; README "Speed", DESIGN.md "Speed"): every format at every
// size, in Node and in headless Chromium in a Web Worker, each evaluation beside JSON.parse
// of the same text in the same engine and process; the first call in a fresh engine (cold)
// and the median of the next ones (warm); the memory it takes; and every export of the
// report. Prints one table, then the targets and whether each is met.
//
//   node pkg-tests/bench/suite.mjs [--sizes 10000,100000,1000000] [--runs 3]
//        [--engines node,chromium] [--formats graph,canonical,intune-csv,graph+deviceguard] [--keep]
//
// Needs the built packages (scripts/build.sh). The documents are written under
// pkg/bench-data/ (the project's server serves pkg/), and removed afterwards unless --keep.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { blankPage, session } from '../lib/browser.mjs';

const root = resolve(new URL('../..', import.meta.url).pathname);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const engines = arg('engines', 'node,chromium').split(',');
const formats = arg('formats', 'graph,canonical,intune-csv,graph+deviceguard').split(',');
const options = { asOf: '2026-05-20', months: 12 };

// Each format: the documents evaluated together, and what JSON.parse is timed on (for the CSV,
// the Graph export of the same devices: the closest JSON a browser would parse instead).
const FORMATS = {
  graph: { files: ['graph.json'], parsed: ['graph.json'], full: false },
  canonical: { files: ['canonical.json'], parsed: ['canonical.json'], full: false },
  'intune-csv': { files: ['intune.csv'], parsed: ['graph.json'], full: true },
  'graph+deviceguard': { files: ['graph.json', 'deviceguard.json'], parsed: ['graph.json', 'deviceguard.json'], full: true },
};
const FILE_FORMAT = { 'graph.json': 'graph', 'canonical.json': 'canonical', 'intune.csv': 'intune-csv', 'deviceguard.json': 'deviceguard' };

const dataDir = `${root}/pkg/bench-data`;
mkdirSync(dataDir, { recursive: true });
copyFileSync(new URL('./suite-measure.js', import.meta.url), `${dataDir}/suite-measure.js`);
copyFileSync(new URL('./suite-worker.js', import.meta.url), `${dataDir}/suite-worker.js`);

/** The documents of `size` devices (written once per run of the suite). */
function documents(size) {
  const dir = `${dataDir}/${size}`;
  mkdirSync(dir, { recursive: true });
  const needed = new Set(formats.flatMap((f) => [...FORMATS[f].files, ...FORMATS[f].parsed]));
  const bytes = {};
  for (const file of needed) {
    const path = `${dir}/${file}`;
    if (!existsSync(path)) writeInChild(path, size, FILE_FORMAT[file]);
    bytes[file] = statSync(path).size;
  }
  return { path: (file) => `pkg/bench-data/${size}/${file}`, bytes };
}

/**
 * Writes a document in a child process: a million devices' documents are gigabytes of objects
 * made and dropped, and this process stays alive (blocked) while every Node job runs beside it.
 */
function writeInChild(path, size, format) {
  const script = `import * as fs from 'node:fs'; import { writeFleetDocument } from ${JSON.stringify(new URL('../lib/fleet.mjs', import.meta.url).href)};
    writeFleetDocument(${JSON.stringify(path)}, ${size}, ${JSON.stringify(format)}, fs);`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`writing ${path}: ${child.stderr.trim()}`);
}

/** Resident memory of every Chromium process, in bytes (Linux /proc). */
function chromiumRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!/chrom/i.test(readFileSync(`/proc/${pid}/comm`, 'utf8'))) continue;
      total += Number(/^VmRSS:\s*(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

const rows = [];

/** `job` in a fresh Node process: its answer, or `{ error }`. */
function inNode(job) {
  const child = spawnSync(process.execPath, ['--max-old-space-size=16384', `${root}/pkg-tests/bench/suite-node.mjs`, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = child.stdout.trim().split('\n').pop();
  return child.status === 0 ? JSON.parse(line) : { error: (child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ') };
}

/**
 * `job` in a fresh Web Worker (as the page starts one per planner) of a browser started for it
 * and closed after it, as a user's first visit is: its answer, with the peak resident memory of
 * every Chromium process over the browser's before it (`rss`). A browser kept open from job to
 * job kept what earlier workers grew to, and stayed alive beside the Node jobs.
 */
async function inChromium(job) {
  const own = await session();
  try {
    return await inWorker(await blankPage(own), job);
  } finally {
    await own.close();
  }
}

/** `job` in a fresh Web Worker of `page`, with the peak of Chromium's resident memory over its start. */
async function inWorker(page, job) {
  const idle = chromiumRss();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 200);
  const answer = await page.evaluate((job) => new Promise((done) => {
    const worker = new Worker('/pkg/bench-data/suite-worker.js', { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      done(data);
    };
    worker.onerror = (e) => {
      worker.terminate();
      done({ error: e.message || 'the worker failed' });
    };
    worker.postMessage(job);
  }), job);
  clearInterval(sampler);
  return { ...(answer.result ?? { error: answer.error }), rss: peak - idle };
}

try {
  for (const size of sizes) {
    const docs = documents(size);
    for (const format of formats) {
      const f = FORMATS[format];
      const job = { files: f.files.map(docs.path), parsedFiles: f.parsed.map(docs.path), full: f.full, runs, options };
      const input = f.files.reduce((n, file) => n + docs.bytes[file], 0);
      for (const [engine, run] of [['Node', inNode], ['Chromium', inChromium]]) {
        if (!engines.includes(engine.toLowerCase())) continue;
        const measured = await run(job);
        // The peak-memory target's measurement: one evaluation alone in another fresh
        // process or worker (the documents, the module, the report), not the comparisons,
        // repeated runs and exports above, which share their heap.
        const alone = measured.error ? null : await run({ ...job, memory: true });
        rows.push({ engine, format, size, input, ...measured, ...(alone && { alone: alone.error ? { error: alone.error } : { rss: alone.rss, wasm: alone.wasm } }) });
        print(rows.at(-1));
      }
    }
  }
} finally {
  if (!process.argv.includes('--keep')) rmSync(dataDir, { recursive: true, force: true });
}

function print(r) {
  const mb = (b) => (b === undefined ? '' : `${(b / 2 ** 20).toFixed(0)} MB`);
  const ms = (t) => (t === undefined ? '' : t >= 10_000 ? `${(t / 1000).toFixed(1)} s` : `${t.toFixed(0)} ms`);
  const out = (e) => (!e ? '' : e.error ? `fails: ${e.error}` : ms(e.ms));
  if (!print.header) {
    print.header = true;
    console.log(['engine', 'format', 'devices', 'input', 'init', 'JSON.parse', 'cold', 'warm', 'warm/parse', 'cold/warm', 'planner (page)', 'Wasm memory', 'peak RSS', 'one evaluation: peak RSS (Wasm)', 'JSON', 'CSV', 'iCal fleet', 'iCal device'].join(' | '));
  }
  const cells = r.error
    ? [r.engine, r.format, r.size.toLocaleString('en'), mb(r.input), `fails: ${r.error}`]
    : [r.engine, r.format, r.size.toLocaleString('en'), mb(r.input), ms(r.init), ms(r.parse), ms(r.cold), ms(r.warm), `${(r.warm / r.parse).toFixed(2)}×`, `${(r.cold / r.warm).toFixed(2)}×`, `${ms(r.planner)} (${(r.planner / r.parse).toFixed(2)}×)`,
      mb(r.wasm), mb(r.rss), !r.alone ? '' : r.alone.error ? `fails: ${r.alone.error}` : `${mb(r.alone.rss)} (${mb(r.alone.wasm)})`, out(r.exports.json), out(r.exports.csv), out(r.exports.icsFleet), out(r.exports.icsDevice)];
  console.log(cells.join(' | '));
}

// The targets (issue 15), for every engine and format measured.
console.log('\nTargets:');
const find = (engine, format, size) => rows.find((r) => r.engine === engine && r.format === format && r.size === size && !r.error);
let met = true;
const check = (ok, text) => {
  met &&= ok;
  console.log(`${ok ? 'met    ' : 'NOT MET'} ${text}`);
};
for (const engine of new Set(rows.map((r) => r.engine))) {
  for (const format of formats) {
    const at100k = find(engine, format, 100_000);
    const at1m = find(engine, format, 1_000_000);
    if (at100k) check(at100k.warm / at100k.parse <= 2, `${engine} ${format}: warm evaluate at 100,000 ≤ 2× JSON.parse (${(at100k.warm / at100k.parse).toFixed(2)}×)`);
    for (const r of rows.filter((x) => x.engine === engine && x.format === format && !x.error)) {
      check(r.cold / r.warm <= 1.3, `${engine} ${format} at ${r.size.toLocaleString('en')}: cold ≤ 1.3× warm (${(r.cold / r.warm).toFixed(2)}×)`);
      const failed = Object.entries(r.exports).filter(([, e]) => e.error);
      check(failed.length === 0, `${engine} ${format} at ${r.size.toLocaleString('en')}: every export works${failed.length ? ` (${failed.map(([k, e]) => `${k}: ${e.error}`).join(', ')})` : ''}`);
    }
    // Peak memory of one evaluation (the documents, the module's memory, the report as
    // objects) beside what a million devices must hold: the input twice (its text and its
    // copy in WebAssembly memory) and the report (its JSON text's size).
    if (at1m && at1m.exports.json.chars) {
      const budget = 2 * at1m.input + at1m.exports.json.chars;
      const peak = at1m.alone?.rss;
      // (Nothing measured, or no growth at all, is a broken measurement, not a pass.)
      check(peak > 0 && peak <= budget, `${engine} ${format} at 1,000,000: peak memory of one evaluation ≤ 2× the input + the report (${peak === undefined ? at1m.alone?.error ?? 'not measured' : `${(peak / 2 ** 20).toFixed(0)} MB`} of ${(budget / 2 ** 20).toFixed(0)} MB)`);
    }
    if (at100k && at1m) {
      check(at1m.warm / at100k.warm <= 11, `${engine} ${format}: 1,000,000 ≤ 11× the 100,000 time (${(at1m.warm / at100k.warm).toFixed(1)}×)`);
      console.log(`        (the page's planner handle: ${(at1m.planner / at100k.planner).toFixed(1)}×)`);
    }
    for (const r of rows.filter((x) => x.engine === engine && x.format === format && x.error)) check(false, `${engine} ${format} at ${r.size.toLocaleString('en')}: ${r.error}`);
  }
}
process.exitCode = met ? 0 : 1;
