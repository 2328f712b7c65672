// Rebuilds the plain report object from the three parts made by src/wasm/pack.rs.
//
// Keys are created in the order serde writes them, so JSON.stringify(report) equals the
// text evaluateToJson returns. Sub-objects that are identical across devices (os, checks,
// findings and their lists, an empty notes list) are built once, frozen and shared: a fleet
// of 100,000 devices has a few hundred distinct ones, and sharing them makes the report
// faster to build, to send to another thread, and smaller in memory. Everything per device
// (the device object, its sources) is its own.

// Enum orders of Verdict and Track in src/rules (their declaration order).
const VERDICTS = ['hotpatch', 'lcu', 'undetermined'];
const TRACKS = ['baseline', 'hotpatch', 'behind', 'off-track', 'unknown', 'none'];
// fleet::Standing, in its order.
const STANDINGS = ['hotpatched', 'up-to-date', 'not-up-to-date'];
const NO_NOTES = Object.freeze([]);

const frozen = (value) => Object.freeze(value);
// Days since 1970-01-01 as YYYY-MM-DD (UTC: no time zone can shift a whole-day count).
const isoDate = (days) => new Date(days * 86400000).toISOString().slice(0, 10);
// Last-seen dates come as days from 0001-01-01 (day 1): Graph's "never synced" is 0001-01-01.
const CE_TO_1970 = 719163;

export function expandReport(headText, ints, strings) {
  const h = JSON.parse(headText);
  const os = h.os.map((o) => frozen({ line: o.line, build: o.build, ubr: o.ubr, edition: o.edition, arch: o.arch }));
  const checks = h.checks.map((c) => frozen({ os: c.os, edition: c.edition, license: c.license, policy: c.policy, vbs: c.vbs, arch: c.arch, baseline: c.baseline }));
  const findings = h.findings.map((f) => frozen({ check: f.check, status: f.status, reason: f.reason, assumed: f.assumed, detail: f.detail, fix: f.fix }));
  const findingLists = h.findingLists.map((list) => frozen(list.map((i) => findings[i])));
  const notes = h.notes.map((list) => frozen(list));
  const microsoft = (h.microsoft ?? []).map((m) => frozen({ hotpatchReadiness: m.hotpatchReadiness, agreement: m.agreement, detail: m.detail }));
  // Stale marks are shared, like the other repeated sub-objects: a fleet has few distinct
  // (last seen, release) pairs, and formatting dates per device would cost ~0.1 s at 100k.
  const staleMarks = new Map();
  const staleOf = (lastSeen, release) => {
    const key = lastSeen * 1e5 + release;
    let mark = staleMarks.get(key);
    if (!mark) staleMarks.set(key, (mark = frozen({ lastSeen: isoDate(lastSeen), release: isoDate(release) })));
    return mark;
  };
  // Last check-ins, one string per day met (a fleet's devices share few days).
  const days = new Map();
  const dayOf = (day) => {
    let text = days.get(day);
    if (text === undefined) days.set(day, (text = isoDate(day)));
    return text;
  };
  const devices = new Array(h.count);
  let i = 0;
  let at = 0;
  const take = (length) => {
    const s = strings.substring(at, at + length);
    at += length;
    return s;
  };
  for (let n = 0; n < h.count; n++) {
    const key = take(ints[i]);
    const name = ints[i + 1] ? take(ints[i + 1] - 1) : null;
    const entraDeviceId = ints[i + 2] ? take(ints[i + 2] - 1) : null;
    const ns = ints[i + 16];
    const sources = new Array(ns);
    for (let k = 0, j = i + 17; k < ns; k++, j += 2) sources[k] = { input: ints[j], record: ints[j + 1] };
    devices[n] = {
      key,
      name,
      entraDeviceId,
      sources,
      os: os[ints[i + 3]],
      ring: ints[i + 4] ? h.rings[ints[i + 4] - 1] : null,
      verdict: VERDICTS[ints[i + 5]],
      track: TRACKS[ints[i + 6]],
      checks: checks[ints[i + 7]],
      findings: findingLists[ints[i + 8]],
      plan: h.planIds[ints[i + 9]],
      notes: ints[i + 10] ? notes[ints[i + 10] - 1] : NO_NOTES,
      lastSeen: ints[i + 11] ? dayOf(ints[i + 11] - CE_TO_1970) : null,
      standing: ints[i + 12] ? STANDINGS[ints[i + 12] - 1] : null,
      // Undefined unless the device's data predates the latest release: JSON.stringify leaves
      // it out as serde does, and every device object keeps one shape (adding the key to some
      // devices only made V8 keep two, measurably slower at 100,000 devices).
      stale: ints[i + 13] ? staleOf(ints[i + 13] - CE_TO_1970, ints[i + 14]) : undefined,
      // Undefined, like stale, unless an input carries Microsoft's readiness for the device.
      microsoft: ints[i + 15] ? microsoft[ints[i + 15] - 1] : undefined,
    };
    i += 17 + 2 * ns;
  }
  return {
    schemaVersion: h.schemaVersion,
    asOf: h.asOf,
    catalog: h.catalog,
    inputs: h.inputs,
    summary: h.summary,
    devices,
    otherDevices: h.otherDevices,
    plans: h.plans,
    errors: h.errors,
    fleet: h.fleet,
  };
}

// CheckId::ALL and query::LINE_IDS, in their orders.
const CHECK_IDS = ['os', 'edition', 'license', 'policy', 'vbs', 'arch', 'baseline'];
const LINE_IDS = ['other', 'win11-24h2', 'win11-25h2', 'win11-26h2', 'ws2022', 'ws2025'];

/** Names the numbers of src/query.rs `counts` (its doc gives their order). */
export function expandCounts(n) {
  const named = (names, at) => Object.fromEntries(names.map((name, i) => [name, n[at + i]]));
  const lines = named(LINE_IDS, 23);
  lines.unknown = n[29];
  return {
    devices: n[0],
    verdict: named(VERDICTS, 1),
    failing: named(CHECK_IDS, 4),
    unknown: named(CHECK_IDS, 11),
    standing: { ...named(STANDINGS, 18), unknown: n[21] },
    notSeen: n[22],
    lines,
    rings: Array.from(n.subarray(30)),
  };
}

// The report's JSON in parts (Planner.jsonParts): the same text as
// JSON.stringify(report, null, space), with the devices written a window at a time. Each
// piece is JSON.stringify of a one-key object at the piece's real depth, cut out by known
// lengths, so any indent JSON.stringify takes gives the same text.

/** The indent JSON.stringify makes of `space` (ECMA-262 SerializeJSONProperty's gap). */
function gapOf(space) {
  // A Number or String object counts as its value; its own valueOf is not called.
  if (space instanceof Number) space = Number.prototype.valueOf.call(space);
  if (space instanceof String) space = String.prototype.toString.call(space);
  if (typeof space === 'number') return ' '.repeat(Math.max(0, Math.min(10, Math.trunc(space) || 0)));
  if (typeof space === 'string') return space.slice(0, 10);
  return '';
}

/**
 * Starts writing `report` (without its devices, `summary.devices` of them) in parts: each
 * part goes to `onPart`, or is kept in `parts` when there is none. Never throws (it is called
 * from the Wasm without a catch): `onPart` is first called, and checked, by jsonNext.
 */
export function jsonFrame(report, space, onPart) {
  const gap = gapOf(space);
  const nl = gap ? '\n' : '';
  const colon = gap ? ': ' : ':';
  // `{` + line break + gap before a member of the top level, and `}` after the last one.
  const open = 1 + nl.length + gap.length;
  const entries = [];
  let at = 0;
  for (const [key, value] of Object.entries(report)) {
    if (key === 'devices') {
      at = entries.length;
      continue;
    }
    const text = JSON.stringify({ [key]: value }, null, gap);
    if (text !== '{}') entries.push(text.slice(open, text.length - 1 - nl.length));
  }
  const sep = `,${nl}${gap}`;
  const count = report.summary.devices;
  const parts = [];
  return {
    parts,
    onPart,
    emit: (part) => parts.push(part),
    gap,
    // What precedes the first device: up to the list's `[`, then each device's own line.
    before: `{${nl}${gap}${[...entries.slice(0, at), ''].join(sep)}"devices"${colon}[`,
    // The list's end on its own line (when it has devices), the members after it, the end.
    after: `${count ? nl + gap : ''}]${entries.slice(at).map((e) => sep + e).join('')}${nl}}`,
    first: true,
  };
}

/**
 * Writes a window of devices as they stand inside the list (the text of `{ devices }`
 * without its frame); without devices, the rest of the report, returning the parts kept.
 */
export function jsonNext(writer, devices) {
  if (writer.before !== null) {
    if (writer.onPart !== undefined && writer.onPart !== null) {
      if (typeof writer.onPart !== 'function') throw new TypeError('onPart must be a function, or left out to keep the parts');
      writer.emit = writer.onPart;
    }
    writer.emit(writer.before);
    writer.before = null;
  }
  if (!devices) {
    writer.emit(writer.after);
    return writer.parts;
  }
  const { gap } = writer;
  const nl = gap ? '\n' : '';
  const text = JSON.stringify({ devices }, null, gap);
  // `{` nl gap `"devices"` colon `[` … nl gap `]` nl `}`: the devices, each after its line
  // break and two gaps, and the commas between them.
  const inner = text.slice(1 + nl.length + gap.length + 10 + (gap ? 2 : 1), text.length - (nl.length + gap.length + 1 + nl.length + 1));
  writer.emit(writer.first ? inner : `,${inner}`);
  writer.first = false;
  return undefined;
}
