// The first evaluation beside the next ones, for web builds side by side: each evaluates the same
// synthetic fleet in a fresh Web Worker of headless Chromium (once, then five more times beside
// JSON.parse of the same text), builds interleaved rep by rep. The workers start from a page
// that loads no module (DESIGN.md "The first evaluation").
//
//   node pkg-tests/bench/cold.mjs pkg/bench-old pkg/web [devices=100000] [reps=5] [--hold DIR]
//
// Each directory is a `wasm-pack build --target web` output under pkg/, as for compare.mjs.
// `--hold DIR` first starts a worker that keeps DIR's module instantiated throughout, as the
// planner's page keeps its own: V8 then shares the code it optimises in one worker with every
// later worker of the same module, and their "first" evaluations show it.
import { fleetText } from '../lib/fleet.mjs';
import { blankPage, session } from '../lib/browser.mjs';

const args = process.argv.slice(2);
const held = args.includes('--hold') ? args.splice(args.indexOf('--hold'), 2)[1] : null;
const dirs = args.filter((a) => !/^\d+$/.test(a));
const [count = 100_000, reps = 5] = args.filter((a) => /^\d+$/.test(a)).map(Number);
if (dirs.length === 0) throw new Error('usage: cold.mjs DIR [DIR…] [devices] [reps] [--hold DIR]');
const text = fleetText(count);
const options = { asOf: '2026-05-20', months: 12 };

/** In a page: a module worker made from `source` (one message in, one out). */
function runWorker(source, message) {
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { type: 'module' });
  return new Promise((done) => {
    worker.onmessage = ({ data }) => done({ worker, data });
    worker.onerror = (e) => done({ worker, data: { error: e.message || 'the worker failed' } });
    worker.postMessage(message);
  });
}

const s = await session();
try {
  // bypassCSP: the server's policy forbids workers made from a Blob.
  const page = await blankPage(s, { bypassCSP: true });
  await page.evaluate(({ text, runWorkerSource }) => {
    window.text = text;
    // eslint-disable-next-line no-new-func
    window.runWorker = new Function(`return (${runWorkerSource})`)();
  }, { text, runWorkerSource: runWorker.toString() });
  if (held) {
    await page.evaluate(async (dir) => {
      const source = `self.onmessage = async () => { const m = await import('${location.origin}/${dir}/hotpatch_planner.js'); await m.default(); postMessage('ready'); };`;
      window.holder = (await window.runWorker(source, null)).worker;
    }, held);
  }
  const rows = Object.fromEntries(dirs.map((dir) => [dir, []]));
  for (let rep = 0; rep < reps; rep++) {
    for (const dir of dirs) {
      rows[dir].push(await page.evaluate(async ({ dir, options }) => {
        const source = `self.onmessage = async ({ data: { text, options } }) => {
          try {
            const m = await import('${location.origin}/${dir}/hotpatch_planner.js');
            await m.default();
            const time = (f) => { const start = performance.now(); f(); return performance.now() - start; };
            const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
            const cold = time(() => m.evaluate(text, options));
            const warm = [];
            const parse = [];
            for (let i = 0; i < 5; i++) {
              parse.push(time(() => JSON.parse(text)));
              warm.push(time(() => m.evaluate(text, options)));
            }
            postMessage({ cold, warm: median(warm), parse: median(parse) });
          } catch (e) {
            postMessage({ error: String(e.message ?? e) });
          }
        };`;
        const { worker, data } = await window.runWorker(source, { text: window.text, options });
        worker.terminate();
        return data;
      }, { dir, options }));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${count} canonical devices, ${(text.length / 1e6).toFixed(1)} MB, ${reps} fresh workers per build${held ? `, ${held} held by another worker` : ''}`);
  console.log('build                      cold      warm   JSON.parse  cold/warm (each worker)');
  for (const dir of dirs) {
    const r = rows[dir];
    const failed = r.find((x) => x.error);
    if (failed) {
      console.log(`${dir.padEnd(24)} fails: ${failed.error}`);
      process.exitCode = 1;
      continue;
    }
    const ms = (t) => `${t.toFixed(0).padStart(5)} ms`;
    const ratios = r.map((x) => x.cold / x.warm);
    console.log(`${dir.padEnd(24)} ${ms(median(r.map((x) => x.cold)))} ${ms(median(r.map((x) => x.warm)))} ${ms(median(r.map((x) => x.parse)))}    ${median(ratios).toFixed(2)}× (${ratios.map((x) => x.toFixed(2)).join(', ')})`);
  }
} finally {
  await s.close();
}
