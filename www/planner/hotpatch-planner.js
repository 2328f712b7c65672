// <hotpatch-planner>: the planner as a web component. Drop or paste inventories, see every
// device's verdict, the reasons and the fixes, and the month-by-month schedule.
//
// Everything is inside an open shadow root (the host page's CSS stays out, ours stays in).
// Evaluation runs in a Web Worker (worker.js) that owns the Wasm module and the report; the
// element only ever holds what it shows. Its stylesheet, worker, Wasm and samples resolve
// from this module's own URL, so it works from any path. No inline script or style: it runs
// under `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`.
import { PlannerClient } from './client.js';
import { el } from './dom.js';
import { CVRF_BASE, coverageRows, dateLabel, monthLabel } from './model.js';
import { Store, today, toOptions } from './settings.js';
import { detailView } from './views/detail.js';
import { inputsView, plural, SAMPLES } from './views/inputs.js';
import { overviewView } from './views/overview.js';
import { releaseView } from './views/release.js';
import { settingsView } from './views/settings-form.js';
import { tableView } from './views/table.js';

const SECTIONS = ['inputs', 'settings', 'release', 'overview', 'devices'];
// The samples, each named literally so that bundlers (Vite, webpack, Rollup) see and ship
// them; resolved from this module's URL like every other asset.
const SAMPLE_URLS = {
  'graph.json': new URL('../samples/graph.json', import.meta.url),
  'deviceguard.json': new URL('../samples/deviceguard.json', import.meta.url),
  'registry.json': new URL('../samples/registry.json', import.meta.url),
  'computerinfo.json': new URL('../samples/computerinfo.json', import.meta.url),
  'ucclient.json': new URL('../samples/ucclient.json', import.meta.url),
  'intune.csv': new URL('../samples/intune.csv', import.meta.url),
  'defender.json': new URL('../samples/defender.json', import.meta.url),
  'canonical.json': new URL('../samples/canonical.json', import.meta.url),
  'autopatch.json': new URL('../samples/autopatch.json', import.meta.url),
};

/** Properties a page may set before the element is defined (see connectedCallback). */
const PROPERTIES = ['asOf', 'months', 'sections', 'src', 'catalogSrc', 'inventory', 'tenant', 'rings'];
const STAGES = { loading: 'Loading the reader for these formats', reading: 'Reading the inventory', merging: 'Joining records into devices', checking: 'Checking devices' };

export class HotpatchPlanner extends HTMLElement {
  static observedAttributes = ['as-of', 'months', 'sections', 'src', 'catalog-src', 'inventory', 'license', 'hotpatch', 'arc-hotpatch', 'rings', 'storage-key'];

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.inputs = [];
    this.result = null;
    this.built = false;
    this.pendingEvaluation = null;
    this.pendingProperties = [];
    this.whenBuilt = new Promise((resolve) => {
      this.resolveBuilt = resolve;
    });
  }

  connectedCallback() {
    // Properties a page set before this element was defined sit on the instance and hide the
    // class's accessors: take them off and apply them once built.
    for (const name of PROPERTIES) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this.pendingProperties.push([name, value]);
      }
    }
    if (!this.built) this.build();
    for (const [name, value] of this.pendingProperties.splice(0)) this[name] = value;
    this.client ??= new PlannerClient();
    // A file dropped beside the drop zone would make the browser open it in place of the
    // page (and lose what was loaded): such a drop is refused; drop zones take theirs first.
    this.strayDrop ??= (e) => {
      if (e.defaultPrevented || !e.dataTransfer?.types?.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', this.strayDrop);
    window.addEventListener('drop', this.strayDrop);
    this.scheduleEvaluation(0);
  }

  disconnectedCallback() {
    this.client?.terminate();
    this.client = null;
    window.removeEventListener('dragover', this.strayDrop);
    window.removeEventListener('drop', this.strayDrop);
  }

  attributeChangedCallback(name, old, value) {
    if (!this.built || old === value) return;
    if (name === 'sections') return this.applySections();
    if (name === 'src') return this.loadSrc();
    if (name === 'catalog-src') return this.loadCatalogSrc();
    if (name === 'inventory') return this.loadInventoryAttribute();
    if (name === 'storage-key') {
      this.store = new Store(this.storageKey);
      return this.showRelease();
    }
    this.settings = this.withAttributes(this.settings);
    this.showSettings();
    this.scheduleEvaluation();
  }

  get storageKey() {
    const key = this.getAttribute('storage-key') ?? 'hotpatch-planner';
    return key === 'none' ? null : key;
  }

  /** Settings from attributes override stored ones (the host page decides). */
  withAttributes(settings) {
    const s = { ...settings };
    const asOf = this.getAttribute('as-of');
    if (asOf !== null) s.asOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
    const months = Number(this.getAttribute('months'));
    if (this.hasAttribute('months') && Number.isInteger(months) && months >= 1 && months <= 36) s.months = months;
    for (const name of ['license', 'hotpatch']) if (this.hasAttribute(name)) s[name] = this.getAttribute(name);
    if (this.hasAttribute('arc-hotpatch')) s.arcHotpatch = this.getAttribute('arc-hotpatch');
    if (this.hasAttribute('rings')) {
      try {
        const rings = JSON.parse(this.getAttribute('rings'));
        if (!rings || typeof rings !== 'object' || Array.isArray(rings)) throw new Error('expected an object of rings by name');
        s.rings = { ...s.rings, ...rings };
      } catch (e) {
        this.fail({ message: `rings: ${e.message}`, code: 'INVALID_OPTION', field: 'rings' });
      }
    }
    return s;
  }

  build() {
    this.built = true;
    const css = el('link', { rel: 'stylesheet', href: new URL('./planner.css', import.meta.url).href });
    this.store = new Store(this.storageKey);
    this.settings = this.withAttributes(this.store.loadSettings());
    /** The loaded release data: { catalog, sources, loadedAt, from: 'user' | 'catalog-src' } or null. */
    this.release = this.store.loadRelease();
    if (this.release) this.release.from = 'user';

    this.views = {
      inputs: inputsView({
        files: (files) => this.addFiles(files),
        paste: (text) => this.addInputs([{ name: `Pasted text ${this.inputs.filter((i) => i.name.startsWith('Pasted')).length + 1}`, text, format: 'auto' }]),
        sample: (id) => this.loadSample(id),
        remove: (i) => this.setInputs(this.inputs.filter((_, k) => k !== i)),
        format: (i, format) => this.setInputs(this.inputs.map((input, k) => (k === i ? { ...input, format } : input))),
        clear: () => this.clear(),
        keep: (keep) => {
          this.settings = { ...this.settings, keepInventory: keep };
          this.saveSettings();
          this.saveInventory();
        },
      }),
      settings: settingsView({
        change: (settings) => this.applySettings(settings),
        // A group's members (or any device list) read by the engine, for a ring's devices.
        deviceList: async (file) => (await this.ask('devicelist', { bytes: await file.arrayBuffer() })).list,
      }),
      release: releaseView({
        files: async (files) => this.loadRelease(await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })))),
        paste: (text) => this.loadRelease([{ name: 'Pasted release document', text }]),
        fetchLatest: () => this.fetchLatest(),
        download: () => this.downloadRelease(),
        remove: () => this.removeRelease(),
      }),
      overview: overviewView({
        filter: (f) => this.showDevices(f),
        refresh: () => this.fetchLatest(),
        // A fix group's devices as the table's CSV (names, Entra device ids, why, what to do).
        groupCsv: async (filter, name) => {
          // The table's CSV of the group; the table's own filter is put back after.
          const table = this.views.devices;
          const before = table.filter;
          await table.setFilter(filter);
          await this.download('csv', null, name);
          await table.setFilter(before);
        },
      }),
      devices: tableView(
        {
          view: (filter, sort) => this.ask('view', { filter, sort }),
          rows: (start, end) => this.ask('rows', { start, end }),
        },
        {
          open: (row) => this.openDevice(row),
          export: (kind) => this.download(kind),
        },
      ),
    };
    this.detail = detailView({ ics: (key, index) => this.download('ics', key, null, index) });
    // The first stop of the keyboard: straight to the answers, past the inputs and settings.
    const skip = el('a', { class: 'skip-link', href: '#overview-title', onclick: (e) => {
      e.preventDefault();
      const overview = this.views.overview.root;
      overview.tabIndex = -1;
      overview.focus();
      overview.scrollIntoView({ block: 'start' });
    } }, 'Skip to the results');
    const planner = el('div', { class: 'planner', part: 'planner' },
      skip, this.views.inputs.root, this.views.settings.root, this.views.release.root, this.views.overview.root, this.views.devices.root, this.detail.root);
    this.shadowRoot.replaceChildren(css, planner);
    this.applySections();

    if (this.settings.keepInventory) this.inputs = this.store.loadInventory();
    this.views.inputs.setKeep(this.settings.keepInventory);
    this.views.inputs.showInputs(this.inputs);
    this.showSettings();
    this.showRelease();
    if (this.hasAttribute('catalog-src')) this.loadCatalogSrc();
    if (this.hasAttribute('src')) this.loadSrc();
    else if (this.hasAttribute('inventory')) this.loadInventoryAttribute();
    this.resolveBuilt();
  }

  loadInventoryAttribute() {
    const text = this.getAttribute('inventory');
    this.setInputs(text ? [{ name: 'inventory', text, format: 'auto' }] : []);
  }

  applySections() {
    const attr = this.getAttribute('sections');
    const shown = attr ? attr.split(/[\s,]+/).filter(Boolean) : SECTIONS;
    for (const name of SECTIONS) this.views[name].root.hidden = !shown.includes(name);
    this.views.devices.render();
  }

  showSettings() {
    this.views.settings.show(this.settings, this.settingsError);
  }

  /** The evaluation date in use: the last evaluation's, or the settings' (today when unset). */
  get evaluationDate() {
    return this.result?.asOf ?? this.settings.asOf ?? today();
  }

  showRelease() {
    const catalog = this.result?.catalog ?? null;
    this.views.release.show({
      catalog,
      asOf: this.evaluationDate,
      missing: catalog ? this.missing() : [],
      coverage: coverageRows(catalog),
      release: this.release,
      storage: Boolean(this.store.storage),
      storageNote: this.releaseStorageNote ?? null,
      busy: this.releaseBusy ?? false,
    });
  }

  /**
   * The months the release data in use does not settle, each with the MSRC document URL that
   * would (the report's `catalog.missing`). Only Microsoft's API is ever asked: the CSP allows
   * it and nothing else.
   */
  missing() {
    return (this.result?.catalog?.missing ?? []).filter((m) => m.url.startsWith(CVRF_BASE));
  }

  /**
   * Reads release documents in the worker (the release module, loaded on first use) into a
   * catalog over the one in use, and evaluates with it. Kept (and saved, for the user's own
   * loads) only if the evaluation accepts it. `docs`: [{ name, text } | { name, bytes }].
   */
  async loadRelease(docs, { from = 'user' } = {}) {
    const view = this.views.release;
    if (!this.client) return 'failed';
    view.showStatus(`Reading ${docs.length === 1 ? docs[0].name : `${docs.length} release documents`}…`, -1);
    const payload = docs.map((d) => (typeof d.text === 'string' ? { name: d.name, text: d.text } : { name: d.name, bytes: d.bytes.slice(0) }));
    let answer;
    try {
      answer = await this.client.request('release', { docs: payload, base: this.release?.catalog ?? null, asOf: this.evaluationDate },
        { transfer: payload.filter((p) => p.bytes).map((p) => p.bytes) });
    } catch (e) {
      view.showStatus(`The release data could not be read: ${e.message}`);
      this.fail({ message: e.message, code: e.code ?? (from === 'catalog-src' ? 'INVALID_CATALOG_SRC' : null), field: e.field });
      return 'failed';
    }
    view.showOutcome(answer, docs.map((d) => d.name));
    if (!answer.catalog) {
      view.showStatus(docs.length === 1 && answer.errors[0]
        ? `Not used: ${answer.errors[0].message}`
        : 'Nothing was loaded: none of the documents could be read as release data (see below).');
      if (from === 'catalog-src') this.fail({ message: `catalog-src: ${answer.errors[0]?.message ?? 'not release data'}`, code: 'INVALID_CATALOG_SRC', field: 'catalog-src' });
      return 'empty';
    }
    const previous = this.release;
    const loadedAt = new Date().toISOString();
    const added = answer.sources.map((s) => ({ name: s.name ?? null, kind: s.kind ?? null, title: s.title ?? null, date: s.date ?? null, months: s.months ?? [], loadedAt }));
    this.release = {
      catalog: answer.catalog,
      // With the reader the new catalog includes the old one; without it, it replaces it.
      sources: answer.reader ? [...(previous?.sources ?? []), ...added] : added,
      loadedAt,
      from,
    };
    const result = await this.runEvaluation();
    if (result === 'invalid') {
      this.release = previous;
      view.showStatus(`Not used: ${this.lastError?.message}`);
      this.scheduleEvaluation(0);
      return 'invalid';
    }
    if (result === 'ok') {
      if (this.release.from === 'user') this.releaseStorageNote = this.store.saveRelease(this.release);
      view.showStatus(`Release data loaded from ${docs.length === 1 ? docs[0].name : `${docs.length} documents`}${answer.errors.length ? `, with ${answer.errors.length} problem${answer.errors.length === 1 ? '' : 's'}` : ''}.`);
      this.showRelease();
    }
    return result;
  }

  /**
   * "Get the latest from Microsoft": fetches each unsettled month's MSRC CVRF document (only
   * on this click), then reads them like dropped documents. Months that cannot be fetched are
   * listed as links to open and save by hand.
   */
  async fetchLatest() {
    const view = this.views.release;
    const months = this.missing();
    if (!months.length || this.releaseBusy) return;
    this.releaseBusy = true;
    this.showRelease();
    view.showFailures([]);
    const docs = [];
    const failures = [];
    try {
      for (const [i, m] of months.entries()) {
        view.showStatus(`Fetching ${monthLabel(m.month)} from Microsoft (${i + 1} of ${months.length})…`, i / months.length);
        try {
          const response = await fetch(m.url, { headers: { Accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
          if (!response.ok) throw new Error(`Microsoft’s server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
          docs.push({ name: `MSRC CVRF ${m.url.slice(CVRF_BASE.length)}`, text: await response.text() });
        } catch (e) {
          const reason = e instanceof TypeError ? 'the browser could not reach it: offline, blocked by a proxy, firewall or the page’s security policy, or refused by the server' : e.message;
          failures.push({ ...m, reason });
        }
      }
    } finally {
      this.releaseBusy = false;
    }
    view.showFailures(failures);
    if (docs.length) await this.loadRelease(docs);
    else {
      view.showStatus('Nothing could be fetched from Microsoft.');
      this.showRelease();
    }
    if (failures.length) this.views.release.root.scrollIntoView?.({ block: 'nearest' });
  }

  /** Downloads the loaded release data as a catalog file. */
  downloadRelease() {
    try {
      if (!this.release) return;
      this.save(this.release.catalog, 'application/json', `hotpatch-catalog-${today()}.json`);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Forgets the loaded release data: back to the built-in data. */
  removeRelease() {
    this.release = null;
    this.releaseStorageNote = null;
    this.store.forgetRelease();
    this.views.release.showOutcome(null);
    this.views.release.showFailures([]);
    this.views.release.showStatus('Loaded release data removed: the built-in data is in use.');
    this.scheduleEvaluation(0);
  }

  saveSettings() {
    this.store.saveSettings(this.settings);
  }

  saveInventory() {
    if (!this.settings.keepInventory) {
      this.store.forgetInventory();
      this.views.inputs.setKeep(false);
      return;
    }
    const problem = this.store.saveInventory(this.inputs);
    this.views.inputs.setKeep(true, problem ?? (this.storageKey ? `Kept in this browser (${plural(this.inputs.length, 'document')}).` : 'Storage is off for this planner.'));
  }

  /** Settings from the form: kept only if they evaluate (a refused option is shown with its reason). */
  async applySettings(next) {
    const previous = this.settings;
    this.settings = next;
    this.settingsError = null;
    const answer = await this.runEvaluation();
    if (answer === 'invalid') {
      this.settings = previous;
      this.settingsError = `Not applied: ${this.lastError?.message}`;
      this.views.settings.open();
      this.scheduleEvaluation(0);
    } else {
      this.saveSettings();
    }
    this.showSettings();
  }

  async addFiles(files) {
    this.addInputs(await Promise.all(files.map((f) => fileInput(f, f.name))));
  }

  addInputs(list) {
    this.setInputs([...this.inputs, ...list]);
  }

  setInputs(list) {
    this.inputs = list;
    this.sampleLoaded = false;
    // New inventory: once evaluated, the view goes to the answers (the overview).
    this.revealResults = list.length > 0;
    this.views.inputs.showInputs(this.inputs);
    this.saveInventory();
    this.scheduleEvaluation(0);
  }

  async loadSample(id) {
    const sample = SAMPLES.find((s) => s.id === id);
    if (!sample) return;
    try {
      const docs = await Promise.all(sample.files.map(async (file) => {
        const url = SAMPLE_URLS[file];
        // A bundler may inline a small file as a data: URL, which a strict CSP does not let
        // fetch() read; it needs no request anyway.
        if (url.protocol === 'data:') return { name: file, text: dataUrlText(url.href), format: 'auto' };
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${file}: ${response.status} ${response.statusText}`);
        return { name: file, text: await response.text(), format: 'auto' };
      }));
      this.setInputs(docs);
      this.sampleLoaded = true;
    } catch (e) {
      this.fail({ message: `The sample could not be loaded: ${e.message}` });
    }
  }

  /** `catalog-src`: a catalog (or any release document) on the same origin, read as release data. */
  async loadCatalogSrc() {
    const src = this.getAttribute('catalog-src');
    if (!src) return;
    let url;
    try {
      url = new URL(src, document.baseURI);
    } catch {
      return this.fail({ message: `catalog-src is not a URL: ${src}`, code: 'INVALID_CATALOG_SRC', field: 'catalog-src' });
    }
    if (url.origin !== location.origin) return this.fail({ message: `catalog-src must be on this page's origin (${location.origin}); ${url.origin} was not loaded`, code: 'INVALID_CATALOG_SRC', field: 'catalog-src' });
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const name = decodeURIComponent(url.pathname.split('/').pop() || 'catalog');
      const bytes = await response.arrayBuffer();
      await this.whenBuilt;
      this.client ??= new PlannerClient();
      await this.loadRelease([{ name, bytes }], { from: 'catalog-src' });
    } catch (e) {
      this.fail({ message: `${src} could not be loaded: ${e.message}`, code: 'INVALID_CATALOG_SRC', field: 'catalog-src' });
    }
  }

  /** `src`: an inventory file on the same origin, loaded as the first document. */
  async loadSrc() {
    const src = this.getAttribute('src');
    if (!src) return;
    const url = new URL(src, document.baseURI);
    if (url.origin !== location.origin) return this.fail({ message: `src must be on this page's origin (${location.origin}); ${url.origin} was not loaded`, code: 'INVALID_SRC' });
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
      const name = decodeURIComponent(url.pathname.split('/').pop() || 'inventory');
      this.setInputs([{ name, bytes: await response.arrayBuffer(), format: 'auto' }]);
    } catch (e) {
      this.fail({ message: `${src} could not be loaded: ${e.message}`, code: 'INVALID_SRC' });
    }
  }

  scheduleEvaluation(delay = 150) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runEvaluation(), delay);
  }

  /** Evaluates the loaded inputs with the current settings; returns 'ok', 'invalid' (options refused), 'failed' or 'superseded'. */
  async runEvaluation() {
    clearTimeout(this.timer);
    if (!this.client) return 'superseded';
    const view = this.views.inputs;
    const options = toOptions(this.settings, this.inputs.map((i) => i.format), this.release?.catalog ?? null);
    const started = performance.now();
    const size = this.inputs.reduce((n, i) => n + (i.text?.length ?? i.bytes?.byteLength ?? i.blob.size), 0);
    view.showStatus(this.inputs.length ? 'Evaluating…' : '', this.inputs.length ? -1 : null);
    let result;
    try {
      this.pendingEvaluation = this.client.evaluate(this.inputs, options, (p) => {
        const share = p.total ? p.done / p.total : 0;
        view.showStatus(`${STAGES[p.stage] ?? p.stage}${p.stage === 'merging' || p.stage === 'loading' ? '' : ` (${Math.round(share * 100)}%)`}…`, p.stage === 'merging' || p.stage === 'loading' ? -1 : share);
      });
      result = await this.pendingEvaluation;
    } catch (e) {
      if (e.superseded) return 'superseded';
      view.showStatus(e.message);
      this.fail(e);
      return e.code === 'INVALID_OPTION' || e.code === 'INVALID_CATALOG' ? 'invalid' : 'failed';
    }
    this.result = result;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    view.showInputs(this.inputs, result.inputs);
    view.showProblems(result.errors, result.errorCount, this.inputs);
    if (this.inputs.length) {
      view.showStatus(`${plural(result.summary.devices, 'Windows device')} evaluated as of ${dateLabel(result.asOf)} in ${seconds} s${size > 1e6 ? ` (${(size / 1e6).toFixed(1)} MB)` : ''}.${result.notice ? ` ${result.notice}` : ''}${this.sampleLoaded ? ` ${sampleAge(result.asOf)}` : ''}`);
      this.views.overview.show(result, this.missing(), (date) => this.applySettings({ ...this.settings, asOf: date }), today());
      if (this.revealResults && result.summary.devices + result.summary.otherPlatforms > 0) {
        this.revealResults = false;
        this.views.overview.root.scrollIntoView({ block: 'start' });
      }
    } else {
      view.showStatus('');
      this.views.overview.empty();
    }
    await this.views.devices.reset(result);
    this.showSettings();
    this.showRelease();
    this.announce(result);
    return 'ok';
  }

  /**
   * Fires hotpatch-report; the full report is fetched from the worker only if read (a
   * million devices' report is longer than a JS string can be: it is never made unasked).
   */
  announce(result) {
    const client = this.client;
    let reportJson;
    const json = () => (reportJson ??= client.request('report', { evaluation: result.evaluation }).then((a) => a.json));
    let parsed;
    const detail = {
      asOf: result.asOf,
      summary: result.summary,
      inputs: result.inputs,
      errorCount: result.errorCount,
      catalog: result.catalog,
      /** The whole report (CONTRACT.md "Report"), as a promise: it is parsed on first use. */
      get report() {
        parsed ??= json().then((text) => JSON.parse(text));
        return parsed;
      },
      /** The report as JSON text. */
      get json() {
        return json();
      },
    };
    this.lastDetail = detail;
    this.dispatchEvent(new CustomEvent('hotpatch-report', { detail, bubbles: true, composed: true }));
  }

  fail(error) {
    this.lastError = error;
    const detail = { message: error.message, code: error.code ?? null, field: error.field ?? null };
    this.dispatchEvent(new CustomEvent('hotpatch-error', { detail, bubbles: true, composed: true }));
  }

  ask(type, payload) {
    return this.client.request(type, payload);
  }

  async openDevice(row) {
    const { device } = await this.ask('device', { index: row.index });
    this.detail.show(device, this.shadowRoot.activeElement);
  }

  showDevices(filter) {
    this.views.devices.setFilter(filter).then(() => this.views.devices.focus());
  }

  async download(kind, key, part, index) {
    try {
      const { blob } = await this.ask('export', { kind, key, index });
      const type = { csv: 'text/csv', json: 'application/json', ics: 'text/calendar' }[kind];
      const stamp = this.result?.asOf ?? 'report';
      const what = part ? `devices-${safe(part)}` : kind === 'json' ? 'report' : kind === 'ics' ? 'calendar' : 'devices';
      const name = key ? `hotpatch-${safe(key)}-${stamp}.${kind}` : `hotpatch-${what}-${stamp}.${kind}`;
      this.save(blob, type, name);
      this.views.devices.exportFailed(null);
    } catch (e) {
      const what = { csv: 'CSV', json: 'JSON report', ics: 'calendar' }[kind];
      this.views.devices.exportFailed(`The ${what} could not be written: ${e.message}`);
      this.fail(e);
    }
  }

  /** Offers `content` (a string or a Blob of parts) as a file download, made in the browser. */
  save(content, type, name) {
    const blob = new Blob([content], { type: `${type};charset=utf-8` });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name, hidden: true });
    this.shadowRoot.append(a);
    a.click();
    a.remove();
    // The browser reads the file from its URL for as long as the download takes, and
    // revoking the URL cancels it: a million devices' report is 2.5 GB, ~40 s to disk here.
    // So the URL lives a minute plus a second per 10 MB (a disk slower than that is rare).
    setTimeout(() => URL.revokeObjectURL(url), 60_000 + blob.size / 10_000);
  }

  // ---- Public API (README "Web component") ----

  /** Evaluation date (YYYY-MM-DD), or null for today; reflects the as-of attribute. */
  get asOf() {
    return this.settings?.asOf ?? this.getAttribute('as-of');
  }

  set asOf(value) {
    if (value) this.setAttribute('as-of', value);
    else this.removeAttribute('as-of');
  }

  /** Months to plan, 1–36; reflects the months attribute. */
  get months() {
    return this.settings?.months ?? 12;
  }

  set months(value) {
    this.setAttribute('months', String(value));
  }

  /** The sections shown: any of inputs, settings, release, overview, devices (default all). */
  get sections() {
    const attr = this.getAttribute('sections');
    return attr ? attr.split(/[\s,]+/).filter(Boolean) : [...SECTIONS];
  }

  set sections(value) {
    this.setAttribute('sections', Array.isArray(value) ? value.join(' ') : String(value));
  }

  /** URL of a same-origin inventory file to load; reflects the src attribute. */
  get src() {
    return this.getAttribute('src');
  }

  set src(value) {
    this.setAttribute('src', value);
  }

  /** URL of a same-origin release catalog (or release document) to load; reflects the catalog-src attribute. */
  get catalogSrc() {
    return this.getAttribute('catalog-src');
  }

  set catalogSrc(value) {
    if (value) this.setAttribute('catalog-src', value);
    else this.removeAttribute('catalog-src');
  }

  /** The inventory as text: setting it replaces what is loaded (like the inventory attribute). */
  get inventory() {
    return this.inputs.map((i) => i.text ?? null);
  }

  set inventory(value) {
    this.evaluate(value).catch((e) => this.fail(e));
  }

  /** Tenant settings: { license, hotpatch, arcHotpatch }. */
  get tenant() {
    const s = this.settings;
    return s ? { license: s.license === 'default' ? undefined : s.license, hotpatch: s.hotpatch === 'default' ? undefined : s.hotpatch, arcHotpatch: s.arcHotpatch } : {};
  }

  set tenant(value = {}) {
    if (!this.built) return this.pendingProperties.push(['tenant', value]);
    const s = { ...this.settings };
    if ('license' in value) s.license = value.license ?? 'default';
    if ('hotpatch' in value) s.hotpatch = value.hotpatch ?? 'default';
    if ('arcHotpatch' in value) s.arcHotpatch = value.arcHotpatch ?? 'unknown';
    this.applySettings(s);
  }

  /** Update rings by name ({ Broad: { deferralDays, deadlineDays, graceDays } }), merged over the current ones. */
  get rings() {
    return structuredClone(this.settings?.rings ?? {});
  }

  set rings(value) {
    if (!this.built) return this.pendingProperties.push(['rings', value]);
    this.applySettings({ ...this.settings, rings: { ...this.settings.rings, ...value } });
  }

  /** The last evaluation's summary, or null. */
  get summary() {
    return this.lastDetail?.summary ?? null;
  }

  /** The last evaluation's full report (a promise), or null. */
  get report() {
    return this.lastDetail?.report ?? null;
  }

  /**
   * Replaces the inventory and evaluates. `inputs`: a string, File/Blob, ArrayBuffer,
   * Uint8Array, `{ name, text | bytes }`, or an array of those. Resolves with the
   * hotpatch-report event's detail.
   */
  async evaluate(inputs) {
    await this.whenBuilt;
    if (inputs !== undefined) {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      this.inputs = await Promise.all(list.map(async (item, i) => toInput(item, i)));
      this.sampleLoaded = false;
      this.views.inputs.showInputs(this.inputs);
      this.saveInventory();
    }
    const answer = await this.runEvaluation();
    if (answer !== 'ok') throw new Error(`the evaluation ${answer === 'superseded' ? 'was replaced by a newer one' : 'failed'}`);
    return this.lastDetail;
  }

  /** Removes every loaded document (and what was kept in the browser). */
  clear() {
    this.views.devices.setFilter({});
    this.detail.close();
    this.setInputs([]);
  }
}

/** When the samples' devices last checked in (their newest lastSyncDateTime). */
const SAMPLES_SYNCED = '2026-05-19';

/** The samples' age, said when they load: as of a later date their builds are behind. */
function sampleAge(asOf) {
  const [y1, m1] = SAMPLES_SYNCED.split('-').map(Number);
  const [y2, m2] = asOf.split('-').map(Number);
  const months = (y2 - y1) * 12 + (m2 - m1);
  return months > 0
    ? `These samples were synced on ${dateLabel(SAMPLES_SYNCED)}, ${months === 1 ? 'a month' : `${months} months`} before the evaluation date: their devices have missed the releases since (evaluate as of ${dateLabel('2026-05-20')} to see them as they were).`
    : `These samples were synced on ${dateLabel(SAMPLES_SYNCED)}.`;
}

/**
 * Files from 8 MB on stay Files (Blobs): the worker reads them itself, so the page never copies
 * hundreds of megabytes on its own thread (a million Graph devices are ~400 MB).
 */
const LARGE_FILE = 8 * 1024 * 1024;
async function fileInput(file, name) {
  return file.size >= LARGE_FILE ? { name, blob: file, format: 'auto' } : { name, bytes: await file.arrayBuffer(), format: 'auto' };
}

async function toInput(item, i) {
  const name = item?.name ?? `Document ${i + 1}`;
  if (typeof item === 'string') return { name, text: item, format: 'auto' };
  if (item instanceof Blob) return fileInput(item, name);
  if (item instanceof ArrayBuffer) return { name, bytes: item.slice(0), format: 'auto' };
  if (ArrayBuffer.isView(item)) return { name, bytes: item.buffer.slice(item.byteOffset, item.byteOffset + item.byteLength), format: 'auto' };
  if (item && typeof item.text === 'string') return { name, text: item.text, format: item.format ?? 'auto' };
  if (item && item.bytes) return { ...(await toInput(item.bytes, i)), name, format: item.format ?? 'auto' };
  throw new TypeError(`input ${i}: expected text, a File, bytes, or { name, text }`);
}

/** The text of a `data:` URL (base64 or percent-encoded), as UTF-8. */
function dataUrlText(href) {
  const comma = href.indexOf(',');
  const meta = href.slice(5, comma);
  const body = href.slice(comma + 1);
  if (!meta.endsWith(';base64')) return decodeURIComponent(body);
  const binary = atob(body);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const safe = (s) => s.replace(/[^a-z0-9._-]+/gi, '_').slice(0, 60);

if (!customElements.get('hotpatch-planner')) customElements.define('hotpatch-planner', HotpatchPlanner);
