// One format at one size, measured in a fresh engine (a Node process or a Chromium Web Worker):
// the first evaluation (cold), the median of the next ones (warm) beside JSON.parse of the
// same text, the same evaluation kept in a planner handle as the page keeps it (no report
// objects in JS), the WebAssembly memory the evaluation left, and every export of the report.
// Plain JS with no Node or DOM API: pkg-tests/bench/suite.mjs runs it in both engines.

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `fn()`'s time in ms and its result, or the error's code (STRING_LIMIT, MEMORY_LIMIT…). */
function timed(fn) {
  const start = performance.now();
  try {
    const value = fn();
    return { ms: performance.now() - start, value };
  } catch (e) {
    return { ms: performance.now() - start, error: e.code ?? (e instanceof RangeError ? 'RangeError' : e.message) };
  }
}

/**
 * `docs`: the inventory's documents (texts); `parsed`: the texts to JSON.parse for the
 * comparison (the same documents, or for a CSV the Graph export of the same devices);
 * `engine`: { evaluate, Planner, toCsv, toIcs, memory: () => bytes }.
 */
export function measureFormat({ engine, docs, parsed, runs, options }) {
  const cold = timed(() => engine.evaluate(docs, options));
  if (cold.error) return { error: cold.error };
  let report = cold.value;
  const devices = report.summary.devices;
  const parse = [];
  const warm = [];
  const planner = [];
  for (let i = 0; i < runs; i++) {
    parse.push(timed(() => parsed.forEach((t) => JSON.parse(t))).ms);
    report = null;
    const run = timed(() => engine.evaluate(docs, options));
    if (run.error) return { error: run.error };
    report = run.value;
    warm.push(run.ms);
    // What the page's worker does: the evaluation kept in Wasm, the report's head and the
    // first window of rows crossing into JS.
    const kept = timed(() => {
      const p = new engine.Planner(docs, options);
      p.report(false);
      p.view({}, { key: 'name' });
      p.devices(p.indices(0, 100));
      p.free();
    });
    if (kept.error) return { error: kept.error };
    planner.push(kept.ms);
  }
  const size = (r) => (r.error ? { error: r.error, ms: r.ms } : { ms: r.ms, chars: typeof r.value === 'number' ? r.value : r.value.length });
  const key = report.devices[0]?.key;
  // The JSON and the CSV as a page or a portal saves a fleet of any size: from a planner, in
  // parts handed over as they are written (here counted, as a file or a Blob would take them).
  const kept = new engine.Planner(docs, options);
  const counted = (write) => {
    let chars = 0;
    write((part) => { chars += part.length; });
    return chars;
  };
  try {
    return {
      devices,
      errors: report.errors.length,
      cold: cold.ms,
      warm: median(warm),
      planner: median(planner),
      parse: median(parse),
      wasm: engine.memory(),
      exports: {
        json: size(timed(() => counted((keep) => kept.jsonParts(0, keep)))),
        csv: size(timed(() => counted((keep) => (kept.csvParts ? kept.csvParts(keep) : csvWindows(engine, kept, keep))))),
        icsFleet: size(timed(() => engine.toIcs(report, { fleet: true }))),
        icsDevice: size(timed(() => engine.toIcs(report, { fleet: false, devices: [key] }))),
      },
    };
  } finally {
    kept.free();
  }
}

/**
 * One evaluation alone, for the peak-memory target: what a script or page holds to evaluate
 * an inventory (the documents' text, the module's memory, the report as objects), without
 * the comparisons and exports of `measureFormat` in the same heap. The caller reads the
 * process's peak afterwards, which the documents and the report both reached.
 */
export function measureMemory({ engine, docs, options }) {
  const run = timed(() => engine.evaluate(docs, options));
  if (run.error) return { error: run.error };
  return { devices: run.value.summary.devices, ms: run.ms, wasm: engine.memory() };
}

/** The page's CSV with the core module's planner: the full module's writer, a window at a time. */
function csvWindows(engine, planner, keep) {
  const head = planner.report(false);
  for (let start = 0; ; start += 20_000) {
    const devices = planner.devices(planner.indices(start, start + 20_000));
    keep(engine.toCsv({ ...head, devices }, { header: start === 0 }));
    if (devices.length < 20_000) return;
  }
}
