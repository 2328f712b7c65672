// The planner's Web Worker: owns the Wasm module and the last evaluation, kept in Wasm memory
// by the engine's `Planner`, so that evaluating a million devices, filtering, sorting and
// exporting never block the page and the report never has to exist as JS objects. The page
// asks for what it shows (an overview, a window of table rows, one device) and gets small
// answers; the engine answers which devices a filter shows and in what order.
//
// Messages in:  { id, type, ...payload }   type: evaluate | view | rows | device | export | report | release | devicelist
// Messages out: { id, type: 'progress' | 'done' | 'error', ... }
import init, { Planner, needsFullModule } from '../../pkg/web/hotpatch_planner.js';
import { coreFilter, deviceDetail, filterChoices, overview, tableRows } from './model.js';
import { unsupportedBrowser } from './support.js';

// Errors listed in the page at once; the rest are counted (and all are in the JSON report).
const ERRORS_SHOWN = 500;

let ready = null;
/** The release-document reader (a second Wasm module), loaded on the first `release` request. */
let releaseModule = null;
/**
 * The last evaluation: the engine's planner (its memory is freed when a newer one replaces
 * it), the report without its devices (`head`), the view's size, input names.
 */
let state = null;

const handlers = {
  async evaluate({ id, inputs, options, evaluation }) {
    // A large file comes as a File: read here, off the page's thread.
    const documents = await Promise.all(inputs.map(async (i) => (typeof i.text === 'string' ? i.text : new Uint8Array(i.bytes ?? (await i.blob.arrayBuffer())))));
    // The progress callback is the worker's own; the options themselves are plain data.
    const withProgress = { ...options, onProgress: (p) => postMessage({ id, type: 'progress', ...p }) };
    // The core module reads the JSON of Graph and the canonical format with the built-in
    // release data; for any other document (found by its format detection alone), or with
    // release data loaded, the full module, the same one that reads release data, evaluates
    // everything, once.
    let engine = { Planner };
    let notice = null;
    let run = withProgress;
    if (needsFullModule(documents, options)) {
      postMessage({ id, type: 'progress', stage: 'loading', done: 0, total: 1 });
      const full = await loadReleaseModule();
      if (full) engine = full;
      else if (options.catalog) {
        // Without the full module the loaded release data cannot be read: the built-in data
        // is used, and the page says so (documents the core cannot read are in the errors).
        run = { ...withProgress, catalog: undefined };
        notice = 'The loaded release data was not used: the planner’s release-data module did not load. Evaluated with the built-in release data.';
      }
    }
    const planner = new engine.Planner(documents, run);
    const report = planner.report(false);
    const counts = planner.counts();
    state?.planner.free();
    state = { planner, head: report, count: counts.devices, names: inputs.map((i) => i.name), evaluation };
    return {
      evaluation: state.evaluation,
      notice,
      asOf: report.asOf,
      catalog: report.catalog,
      inputs: report.inputs,
      errors: report.errors.slice(0, ERRORS_SHOWN),
      errorCount: report.errors.length,
      summary: report.summary,
      otherDevices: report.otherDevices.map((o) => ({ key: o.key, name: o.name, platform: o.platform, version: o.version })),
      overview: overview(report),
      line: report.fleet.line,
      choices: filterChoices(report, counts),
      count: state.count,
    };
  },
  view({ filter, sort }) {
    state.count = state.planner.view(coreFilter(filter, state.head), sort);
    return { count: state.count };
  },
  rows({ start, end }) {
    const indices = state.planner.indices(start, end);
    return { rows: tableRows({ ...state.head, devices: state.planner.devices(indices) }, indices) };
  },
  device({ index }) {
    return { device: deviceDetail({ ...state.head, devices: state.planner.devices([index]) }, 0, state.names, index) };
  },
  async export({ kind, key, index }) {
    // Taken before the full module loads: a newer evaluation meanwhile must not pair its
    // view with another report.
    const { planner, head } = state;
    // Each download leaves as a Blob of parts, never one string: a million devices' JSON
    // (~2.5 GB as the page indents it) or CSV (~0.9 GB) is past a JS string's limit, and a
    // Blob crosses to the page without a copy.
    if (kind === 'json') return { blob: await blobOf((keep) => planner.jsonParts(1, keep)) };
    if (kind !== 'csv' && kind !== 'ics') throw new Error(`unknown export ${kind}`);
    // The CSV and iCalendar writers are the engine's (src/export.rs), in the full module:
    // fetched on the first download, like the readers of rarer formats.
    const writer = await loadReleaseModule();
    if (!writer) throw Object.assign(new Error('This copy of the planner could not load its full module, which writes the CSV and iCalendar downloads; the JSON download works without it.'), { code: 'EXTENDED_READER' });
    if (state?.planner !== planner) throw new Error('a newer evaluation replaced this report');
    // The CSV is of the devices the table shows, in its order: filtered to "VBS fails", it is
    // the list to fix (or to import into a group). A planner of the full module writes it
    // from Wasm memory; the core's hands the view's devices over a window at a time, the
    // header with the first.
    if (kind === 'csv') return { blob: await blobOf((keep) => (planner.csvParts ? planner.csvParts(keep) : viewCsv(writer, planner, head, keep))) };
    if (key) {
      // The detail names its device by position and key: a device opened before a newer
      // evaluation finished may be at another position now, or gone.
      const [device] = Number.isInteger(index) && index < head.summary.devices ? planner.devices([index]) : [];
      if (device?.key !== key) throw new Error(`${key} is not at that place in the current report; open the device again`);
      return { blob: new Blob([writer.toIcs({ ...head, devices: [device] }, { fleet: false, devices: [key] })]) };
    }
    // The fleet's calendar: events per ring and month, of any fleet's size.
    return { blob: new Blob([writer.toIcs(plansOnly(planner, head), { fleet: true })]) };
  },
  /**
   * Reads release documents (MSRC CVRF, release-health pages, Graph catalog exports,
   * support.microsoft.com toc.json, planner catalogs) into one catalog over `base`. The
   * reader is a second Wasm module, fetched only now. `docs`: [{ name, text } | { name, bytes }].
   */
  async release({ docs, base, asOf }) {
    const documents = docs.map((d) => (typeof d.text === 'string' ? { name: d.name, text: d.text } : { name: d.name, bytes: new Uint8Array(d.bytes) }));
    const reader = await loadReleaseModule();
    if (!reader) return withoutReleaseModule(documents);
    const result = reader.readReleaseData(documents, { ...(base ? { base } : {}), ...(asOf ? { asOf } : {}) });
    return { catalog: result.catalog, sources: result.sources ?? [], errors: result.errors ?? [], conflicts: result.conflicts ?? [], reader: true };
  },
  /**
   * The names and Entra device ids in a list of devices (a group's members CSV), for a ring's
   * `devices`: read by the engine's reader in the full module, fetched now if need be.
   */
  async devicelist({ bytes }) {
    const reader = await loadReleaseModule();
    if (!reader) throw Object.assign(new Error('This copy of the planner could not load its full module, which reads device lists; paste the names instead.'), { code: 'EXTENDED_READER' });
    return { list: reader.readDeviceList(new Uint8Array(bytes)) };
  },
  /** The whole report as JSON text, for the component's hotpatch-report event (when read). */
  report({ evaluation }) {
    if (!state || (evaluation !== undefined && evaluation !== state.evaluation)) throw new Error('a newer evaluation replaced this report');
    return { json: reportJson() };
  },
};

/** How many devices become objects at a time for the full module's writers. */
const WINDOW = 20_000;

/**
 * A Blob of the parts `write(keep)` hands to `keep`, each made a Blob as it comes: the
 * strings can go as soon as they are written, so no more than one part is held as text.
 */
async function blobOf(write) {
  const pieces = [];
  write((part) => pieces.push(new Blob([part])));
  const blob = new Blob(pieces);
  // The browser keeps a Blob in its own process, with a limit (2 GB in all for a private
  // window, whose Blobs cannot go to disk): past it the Blob exists but cannot be read, and
  // its download would fail without a word. Reading its last byte tells.
  try {
    await blob.slice(Math.max(0, blob.size - 1)).arrayBuffer();
  } catch {
    throw new Error(`the file would be ${(blob.size / 1e9).toFixed(1)} GB, more than this browser keeps for a file made in the page (a private window keeps 2 GB in all); open the planner in a normal window, or write it with the command line (hotpatch-planner evaluate --to json or --to csv)`);
  }
  return blob;
}

/** The view's CSV, written by `writer` (the full module) a window of devices at a time. */
function viewCsv(writer, planner, head, keep) {
  for (let start = 0; ; start += WINDOW) {
    const devices = planner.devices(planner.indices(start, start + WINDOW));
    keep(writer.toCsv({ ...head, devices }, { header: start === 0 }));
    if (devices.length < WINDOW) return;
  }
}

/**
 * The report with each device reduced to its key and plan: all the fleet's calendar reads
 * (events per ring and month count devices per plan). A million whole devices as objects
 * would take gigabytes; these are taken a window at a time.
 */
function plansOnly(planner, head) {
  const devices = [];
  for (let start = 0; start < head.summary.devices; start += WINDOW) {
    const all = [...Array(Math.min(WINDOW, head.summary.devices - start)).keys()].map((i) => start + i);
    for (const d of planner.devices(all)) devices.push({ key: d.key, plan: d.plan });
  }
  return { ...head, devices };
}

/** The last report as JSON text; past V8's string limit, a STRING_LIMIT error that says what to do. */
function reportJson(space) {
  try {
    return JSON.stringify(state.planner.report(true), null, space);
  } catch (e) {
    if (!(e instanceof RangeError) && e.code !== 'STRING_LIMIT') throw e;
    throw Object.assign(new Error(`the report of ${state.head.summary.devices.toLocaleString('en')} devices is longer than a JavaScript string can be; use the CSV export, or evaluate the inventory in parts`), { code: 'STRING_LIMIT' });
  }
}

/**
 * The full module (pkg/web/release): the core plus the release-data readers, the rarer
 * inventory readers and the CSV and iCalendar writers; null when this build has none (a
 * dynamic import that fails).
 */
async function loadReleaseModule() {
  // A literal path, so that a bundler ships the module (part of the package) as a chunk of
  // its own, fetched only when it is imported here. Should the fetch fail, the page reads
  // Graph and canonical JSON and release catalogs only, and says what it could not read.
  releaseModule ??= import('../../pkg/web/release/hotpatch_planner_release.js')
    .then(async (module) => {
      await module.default();
      return module;
    })
    .catch(() => {
      // The import or the module's start failed. Not kept: a network glitch must not cost
      // every later evaluation its module.
      releaseModule = null;
      return null;
    });
  return releaseModule;
}

/** Without the release module no release data can be read: each document says so. */
function withoutReleaseModule(documents) {
  const errors = documents.map((d, i) => ({ source: i, name: d.name, at: null, code: 'NO_RELEASE_READER', message: 'This copy of the planner has no reader for release data (catalogs and Microsoft’s release documents): the release-data module is not installed with it.' }));
  return { catalog: null, sources: [], errors, conflicts: [], reader: false };
}

self.onmessage = async ({ data }) => {
  const { id, type } = data;
  try {
    ready ??= init().catch((e) => { throw unsupportedBrowser(e); });
    await ready;
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request ${type}`);
    if (!['evaluate', 'release', 'report', 'devicelist'].includes(type) && !state) throw new Error('nothing has been evaluated yet');
    postMessage({ id, type: 'done', ...(await handler(data)) });
  } catch (e) {
    // A panic, or memory exhausted inside the Wasm, restarts the module before its next call:
    // the planner kept from before points into the old instance and must be neither used nor
    // freed. (An input over the size limit is refused before anything is allocated; it names
    // the input in `field` and restarts nothing.)
    if (e.code === 'INTERNAL' || (e.code === 'MEMORY_LIMIT' && !e.field)) state = null;
    postMessage({ id, type: 'error', error: { message: e.message, code: e.code ?? null, field: e.field ?? null } });
  }
};
