// One format at one size in a fresh Chromium Web Worker, for pkg-tests/bench/suite.mjs (copied
// next to the benchmark's documents under pkg/, which the project's server serves). Evaluates
// with the module the page would use (the core module for Graph and canonical JSON, the full
// one otherwise); the exports are the full module's, as in the page.
import { measureFormat, measureMemory } from './suite-measure.js';

self.onmessage = async ({ data: { files, parsedFiles, full, runs, options, memory } }) => {
  try {
    let started = performance.now();
    const release = await import('/pkg/web/release/hotpatch_planner_release.js');
    const releaseWasm = await release.default();
    let init = performance.now() - started;
    let evaluator = release;
    let wasm = releaseWasm;
    if (!full) {
      started = performance.now();
      evaluator = await import('/pkg/web/hotpatch_planner.js');
      wasm = await evaluator.default();
      init = performance.now() - started;
    }
    const text = (f) => fetch(`/${f}`).then((r) => r.text());
    const docs = await Promise.all(files.map(text));
    const engine = { evaluate: evaluator.evaluate, Planner: evaluator.Planner, toCsv: release.toCsv, toIcs: release.toIcs, memory: () => wasm.memory.buffer.byteLength };
    // With `memory`, one evaluation alone (measureMemory); else everything, beside JSON.parse.
    if (memory) postMessage({ result: { ...measureMemory({ engine, docs, options }), init } });
    else postMessage({ result: { ...measureFormat({ engine, docs, parsed: await Promise.all(parsedFiles.map(text)), runs, options }), init } });
  } catch (e) {
    postMessage({ error: `${e.code ?? ''} ${e.message ?? e}` });
  }
};
