// The planner's settings: what they default to, how they are kept in the browser
// (localStorage; inventories only when the user asks), and the evaluate options they make.

/** Windows Autopatch's default rings (deferral / deadline / grace days). */
export const AUTOPATCH_RINGS = {
  Test: { deferralDays: 0, deadlineDays: 0, graceDays: 0 },
  First: { deferralDays: 1, deadlineDays: 2, graceDays: 2 },
  Fast: { deferralDays: 6, deadlineDays: 2, graceDays: 2 },
  Broad: { deferralDays: 9, deadlineDays: 5, graceDays: 2 },
};

/** Limits from DOMAIN.md section 6 (the core checks them too). */
export const RING_LIMITS = { deferralDays: 30, deadlineDays: 30, graceDays: 7 };

export function defaultSettings() {
  return {
    asOf: null, // null: today, read when evaluating
    months: 12,
    license: 'default', // default | eligible | ineligible | unknown
    hotpatch: 'default', // default | allow | block | unknown
    arcHotpatch: 'unknown',
    rings: structuredClone(AUTOPATCH_RINGS),
    keepInventory: false,
  };
}

/** Today's date in the browser's time zone, as YYYY-MM-DD: the only place the page reads the clock. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The evaluate options these settings make. `formats` is the per-input format list;
 * `catalog` the loaded release data's catalog JSON (null: the built-in data only).
 */
export function toOptions(settings, formats, catalog = null) {
  const tenant = {};
  if (settings.license !== 'default') tenant.license = settings.license;
  if (settings.hotpatch !== 'default') tenant.hotpatch = settings.hotpatch;
  if (settings.arcHotpatch !== 'unknown') tenant.arcHotpatch = settings.arcHotpatch;
  const options = { asOf: settings.asOf ?? today(), months: settings.months, tenant, rings: settings.rings };
  if (formats.some((f) => f !== 'auto')) options.format = formats;
  if (catalog) options.catalog = catalog;
  return options;
}

/** A store for one planner instance's settings and (optionally) inventory. */
export class Store {
  /** `key` separates instances (the element's storage-key attribute); null keeps nothing. */
  constructor(key) {
    this.key = key;
  }

  get storage() {
    try {
      return this.key ? globalThis.localStorage ?? null : null;
    } catch {
      return null; // storage disabled (privacy settings, sandboxed frames)
    }
  }

  loadSettings() {
    const saved = this.read('settings');
    const settings = defaultSettings();
    if (!saved || typeof saved !== 'object') return settings;
    // An evaluation date other than today is not restored: kept silently, it would change
    // every answer on the next visit without saying so.
    for (const key of Object.keys(settings)) if (key in saved && key !== 'asOf') settings[key] = saved[key];
    return settings;
  }

  saveSettings(settings) {
    return this.write('settings', settings);
  }

  /**
   * The loaded release data: { catalog (JSON text), sources: [{ name, kind, title, date,
   * months }], loadedAt (ISO time) }, or null. A catalog kept by an older version of the page
   * in the settings (`settings.catalog = { name, text }`) is taken over once.
   */
  loadRelease() {
    const saved = this.read('release');
    if (saved && typeof saved.catalog === 'string') {
      return { catalog: saved.catalog, sources: Array.isArray(saved.sources) ? saved.sources : [], loadedAt: saved.loadedAt ?? null };
    }
    const settings = this.read('settings');
    const old = settings?.catalog;
    if (old && typeof old.text === 'string') {
      delete settings.catalog;
      this.write('settings', settings);
      const release = { catalog: old.text, sources: [{ name: old.name ?? 'catalog', kind: 'catalog', title: null, date: null, months: [] }], loadedAt: null };
      this.saveRelease(release);
      return release;
    }
    return null;
  }

  /** Keeps the release data; returns an error message when the browser has no room. */
  saveRelease(release) {
    return this.write('release', release);
  }

  forgetRelease() {
    this.storage?.removeItem(`${this.key}:release`);
  }

  /** Inventories as [{ name, text } | { name, base64 }], kept only when the user asks. */
  loadInventory() {
    const saved = this.read('inventory');
    if (!Array.isArray(saved)) return [];
    return saved.map((i) => (typeof i.text === 'string' ? { name: i.name, text: i.text, format: i.format ?? 'auto' } : { name: i.name, bytes: fromBase64(i.base64), format: i.format ?? 'auto' }));
  }

  /** Saves the inventory; returns an error message when the browser's storage is too small. */
  saveInventory(inputs) {
    const large = inputs.find((i) => i.blob);
    if (large) {
      // An older, smaller inventory kept before must not come back in its place.
      this.forgetInventory();
      return `${large.name} (${Math.round(large.blob.size / 1e6)} MB) is too large to keep in this browser.`;
    }
    const data = inputs.map((i) => (typeof i.text === 'string' ? { name: i.name, text: i.text, format: i.format } : { name: i.name, base64: toBase64(i.bytes), format: i.format }));
    return this.write('inventory', data);
  }

  forgetInventory() {
    this.storage?.removeItem(`${this.key}:inventory`);
  }

  read(what) {
    try {
      const text = this.storage?.getItem(`${this.key}:${what}`);
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  write(what, value) {
    const storage = this.storage;
    if (!storage) return null;
    try {
      storage.setItem(`${this.key}:${what}`, JSON.stringify(value));
      return null;
    } catch {
      storage.removeItem(`${this.key}:${what}`);
      return 'The browser has no room to keep this much here; it will not be remembered after a reload.';
    }
  }
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}
