// The report's exports, CSV (RFC 4180) and iCalendar (RFC 5545), written over the report
// object that evaluate() returned. They live in the package's JS layer rather than in Rust:
// they only format what the report already says, and reading a 100,000-device report back
// into Wasm would cost more (in time and in .wasm size) than writing the text here.
// Exported through the wasm-bindgen functions toCsv/toIcs in src/wasm/mod.rs.

/** A misuse error with a machine-readable code, like the ones Rust throws. */
function misuse(code, field, message) {
  const error = new Error(field ? `${field}: ${message}` : message);
  error.code = code;
  error.field = field;
  return error;
}

function describe(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number ' : ''}${String(value)}`;
}

/** Checks that `report` is a report (or its JSON text) and returns the object. */
function readReport(report) {
  if (typeof report === 'string') {
    try {
      report = JSON.parse(report);
    } catch (e) {
      throw misuse('INVALID_REPORT', '', `the text is not a report's JSON (${e.message})`);
    }
  }
  if (report === null || typeof report !== 'object' || Array.isArray(report)) {
    throw misuse('INVALID_REPORT', '', `found ${describe(report)}, expected a report from evaluate()`);
  }
  if (typeof report.asOf !== 'string') throw misuse('INVALID_REPORT', 'asOf', `found ${describe(report.asOf)}, expected a date written YYYY-MM-DD`);
  if (!Array.isArray(report.devices)) throw misuse('INVALID_REPORT', 'devices', `found ${describe(report.devices)}, expected a list of devices`);
  if (report.plans === null || typeof report.plans !== 'object') throw misuse('INVALID_REPORT', 'plans', `found ${describe(report.plans)}, expected an object of plans`);
  report.devices.forEach((d, i) => {
    if (d === null || typeof d !== 'object') throw misuse('INVALID_REPORT', `devices[${i}]`, `found ${describe(d)}, expected a device`);
    if (typeof d.key !== 'string') throw misuse('INVALID_REPORT', `devices[${i}].key`, `found ${describe(d.key)}, expected text`);
    if (!(d.plan in report.plans)) throw misuse('INVALID_REPORT', `devices[${i}].plan`, `found ${describe(d.plan)}, which is not in plans`);
  });
  return report;
}

const CHECKS = ['os', 'edition', 'license', 'policy', 'vbs', 'arch', 'baseline'];

/** The header row of toCsv. */
export const CSV_COLUMNS = [
  'Key', 'Name', 'Entra device ID', 'OS line', 'Build', 'Edition', 'Architecture', 'Ring', 'Verdict', 'Track',
  'Failing checks', 'Unknown checks', 'Assumed checks', 'Next restart by', 'Next restart month', 'Next restart update', 'Plan',
  'Reason codes', 'Why', 'What to do',
];

// Text from an inventory that starts like a formula is prefixed with ' so a spreadsheet shows
// it instead of running it (OWASP "CSV injection").
const FORMULA = /^[=+\-@\t\r]/;

function cell(value, fromInventory) {
  let text = value === null || value === undefined ? '' : String(value);
  if (fromInventory && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || (fromInventory && text.startsWith("'")) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** toCsv(report): one row per Windows device, RFC 4180 (CRLF, quoted where needed), UTF-8 with a byte-order mark. */
export function reportToCsv(input) {
  const report = readReport(input);
  const rows = [CSV_COLUMNS.join(',')];
  for (const d of report.devices) {
    const plan = report.plans[d.plan];
    const restart = plan.months.find((m) => m.restart);
    const os = d.os ?? {};
    const build = os.build == null ? '' : os.ubr == null ? String(os.build) : `${os.build}.${os.ubr}`;
    const withStatus = (status) => CHECKS.filter((c) => d.checks?.[c] === status).join(';');
    const assumed = (d.findings ?? []).filter((f) => f.assumed).map((f) => f.check).join(';');
    // For people: the failing and unknown checks' reasons, what was seen, and what to do,
    // one finding per line of the cell.
    const open = (d.findings ?? []).filter((f) => f.status !== 'pass');
    const fixes = [...new Set(open.map((f) => f.fix).filter((f) => f))];
    rows.push([
      cell(d.key, true), cell(d.name, true), cell(d.entraDeviceId, true), cell(os.line), cell(build), cell(os.edition, true),
      cell(os.arch), cell(d.ring, true), cell(d.verdict), cell(d.track), cell(withStatus('fail')), cell(withStatus('unknown')),
      cell(assumed), cell(restart?.restartBy), cell(restart?.month), cell(restart?.update), cell(d.plan),
      cell(open.map((f) => f.reason).join(';')), cell(open.map((f) => f.detail).join('\n'), true), cell(fixes.join('\n'), true),
    ].join(','));
  }
  // A byte-order mark, so Excel reads the names as UTF-8 rather than the ANSI code page.
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

function readIcsOptions(options) {
  const out = { fleet: true, devices: null, name: 'Hotpatch Planner' };
  if (options === undefined || options === null) return out;
  if (typeof options !== 'object' || Array.isArray(options)) throw misuse('INVALID_OPTION', '', `found ${describe(options)}, expected an object`);
  for (const key of Object.keys(options)) {
    if (!['fleet', 'devices', 'name'].includes(key)) throw misuse('INVALID_OPTION', key, 'unknown field; expected one of fleet, devices, name');
  }
  if (options.fleet !== undefined) {
    if (typeof options.fleet !== 'boolean') throw misuse('INVALID_OPTION', 'fleet', `found ${describe(options.fleet)}, expected true or false`);
    out.fleet = options.fleet;
  }
  if (options.name !== undefined) {
    if (typeof options.name !== 'string') throw misuse('INVALID_OPTION', 'name', `found ${describe(options.name)}, expected text`);
    out.name = options.name;
  }
  if (options.devices !== undefined) {
    const ok = options.devices === 'all' || (Array.isArray(options.devices) && options.devices.every((k) => typeof k === 'string'));
    if (!ok) throw misuse('INVALID_OPTION', 'devices', `found ${describe(options.devices)}, expected "all" or a list of device keys`);
    out.devices = options.devices === 'all' ? 'all' : new Set(options.devices);
  }
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const longMonth = (ym) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;
const compact = (date) => date.replaceAll('-', '');

function nextDay(date) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function headline(m) {
  const predicted = m.predicted ? ' (predicted)' : '';
  if (m.update === 'hotpatch') return `${longMonth(m.month)} hotpatch, no restart${predicted}`;
  const what = { baseline: 'baseline', 'catch-up': 'catch-up (baseline + hotpatch)' }[m.update] ?? 'cumulative update (LCU)';
  return `${longMonth(m.month)} ${what}${m.restartBy ? `, restart by ${m.restartBy}` : ''}${predicted}`;
}

function details(m) {
  let text = `Released ${m.release}. Offered ${m.offer}. Installs by ${m.installBy}.`;
  text += m.restartBy ? ` Restart required; forced by ${m.restartBy}.` : ' No restart.';
  if (m.kb) text += m.build ? `\n${m.kb} → ${m.build}.` : `\n${m.kb}.`;
  if (m.predicted) text += "\nPredicted from Microsoft's planned calendar: the release data does not cover this month yet.";
  return text;
}

// A ring name or device key as part of an event UID: percent-encoded, so every name gives
// its own UID (a slug once made `пк-01` and `нб-01`, or rings `Pilot A` and `Pilot-A`, share
// UIDs, and calendar clients overwrote one event with the other). Letters, digits and `-`
// stay as they are, so the UIDs of plain names did not change. Ring names and keys are
// matched without case, so they are lowercased.
// A lone surrogate (only in a hand-made report) becomes U+FFFD first, as Rust's strings have it,
// instead of encodeURIComponent's URIError.
const uidPart = (text) => encodeURIComponent(text.toWellFormed().toLowerCase());

/** RFC 5545 section 3.3.11 TEXT escaping. */
function escapeText(text) {
  return text.replace(/[\\;,\n]|\r|[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => ({ '\\': '\\\\', ';': '\\;', ',': '\\,', '\n': '\\n', '\r': '' })[c] ?? ' ');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (section 3.1). */
function fold(line) {
  let out = '';
  let width = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0);
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (width + len > 75) {
      out += '\r\n ';
      width = 1;
    }
    out += ch;
    width += len;
  }
  return `${out}\r\n`;
}

/** toIcs(report, { fleet?, devices?: "all" | string[], name? }): the schedule as all-day events. */
export function reportToIcs(input, options) {
  const report = readReport(input);
  const opts = readIcsOptions(options);
  const stamp = `${compact(report.asOf)}T000000Z`;
  let out = '';
  const line = (text) => { out += fold(text); };
  const event = (uid, m, summary, description) => {
    line('BEGIN:VEVENT');
    line(`UID:${escapeText(uid)}`);
    line(`DTSTAMP:${stamp}`);
    line(`DTSTART;VALUE=DATE:${compact(m.offer)}`);
    line(`DTEND;VALUE=DATE:${compact(nextDay(m.restartBy ?? m.installBy))}`);
    line(`SUMMARY:${escapeText(summary)}`);
    line(`DESCRIPTION:${escapeText(description)}`);
    line(`CATEGORIES:${m.restart ? 'Restart' : 'Hotpatch'}`);
    line('TRANSP:TRANSPARENT');
    line('END:VEVENT');
  };
  line('BEGIN:VCALENDAR');
  line('VERSION:2.0');
  line('PRODID:-//Hotpatch Planner//Hotpatch Planner//EN');
  line('CALSCALE:GREGORIAN');
  line('METHOD:PUBLISH');
  line(`X-WR-CALNAME:${escapeText(opts.name)}`);

  if (opts.fleet) {
    // Devices per plan first (a fleet has few plans), then merge plans that share ring,
    // month, update and offer date into one event per group.
    const perPlan = new Map();
    for (const d of report.devices) perPlan.set(d.plan, (perPlan.get(d.plan) ?? 0) + 1);
    const groups = new Map();
    for (const [id, plan] of Object.entries(report.plans)) {
      const count = perPlan.get(id);
      if (!count) continue;
      const ring = plan.ring ?? 'Default ring';
      for (const m of plan.months) {
        const key = `${ring}\u0000${m.month}\u0000${m.update}\u0000${m.offer}`;
        const g = groups.get(key) ?? { ring, m, count: 0, conditional: 0 };
        g.count += count;
        if (plan.conditional) g.conditional += count;
        groups.set(key, g);
      }
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, g] of ordered) {
      const devices = g.count === 1 ? '1 device' : `${g.count} devices`;
      let description = `${details(g.m)}\nRing ${g.ring}: ${devices}.`;
      if (g.conditional) description += ` ${g.conditional} of them undetermined: this assumes their unknown checks pass.`;
      event(`${uidPart(g.ring)}-${g.m.month}-${g.m.update}-${compact(g.m.offer)}@hotpatch-planner`, g.m, `${headline(g.m)} — ${g.ring}: ${devices}`, description);
    }
  }
  if (opts.devices) {
    for (const d of report.devices) {
      if (opts.devices !== 'all' && !opts.devices.has(d.key)) continue;
      const plan = report.plans[d.plan];
      const who = d.name ?? d.key;
      for (const m of plan.months) {
        let description = details(m);
        if (plan.conditional) description += "\nConditional: assumes the device's unknown checks pass.";
        event(`${uidPart(d.key)}-${m.month}@hotpatch-planner`, m, `${who}: ${headline(m)}`, description);
      }
    }
  }
  line('END:VCALENDAR');
  return out;
}
