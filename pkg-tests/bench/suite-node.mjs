// One format at one size in a fresh Node process, for pkg-tests/bench/suite.mjs: the full
// module (what pkg/node is built with), loaded by initSync so that its WebAssembly memory can
// be read. Prints the measurement as JSON.
//
//   node pkg-tests/bench/suite-node.mjs '{"files":[…],"parsedFiles":[…],"runs":3,"options":{…}}'
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureFormat, measureMemory } from './suite-measure.js';

const root = resolve(new URL('../..', import.meta.url).pathname);
const { files, parsedFiles, runs, options, memory } = JSON.parse(process.argv[2]);
const dir = `${root}/pkg/web/release`;
const full = await import(pathToFileURL(`${dir}/hotpatch_planner_release.js`).href);
const started = performance.now();
const wasm = full.initSync({ module: readFileSync(`${dir}/hotpatch_planner_release_bg.wasm`) });
const init = performance.now() - started;
const read = (f) => readFileSync(`${root}/${f}`, 'utf8');
const docs = files.map(read);
const engine = { evaluate: full.evaluate, Planner: full.Planner, toCsv: full.toCsv, toIcs: full.toIcs, memory: () => wasm.memory.buffer.byteLength };
// With `memory`, one evaluation alone (measureMemory); else everything, beside JSON.parse.
const result = memory ? measureMemory({ engine, docs, options }) : measureFormat({ engine, docs, parsed: parsedFiles.map(read), runs, options });
// The process's peak resident memory (KiB on Linux): with `memory`, the documents, the module
// and the report; else everything measureFormat held too.
result.rss = process.resourceUsage().maxRSS * 1024;
result.init = init;
console.log(JSON.stringify(result));
