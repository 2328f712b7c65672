// Issue 4 through the built packages (Node and browser): every sample alone and together,
// files as bytes (UTF-8 with BOM, UTF-16LE as Windows PowerShell 5.1 writes them), the
// per-input format option, and the malformed corpus. Expectations are the same fixtures
// tests/formats.rs checks natively.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (path) => readFileSync(new URL(path, import.meta.url), 'utf8');
const SAMPLES = JSON.parse(read('../fixtures/samples.expected.json'));
const MALFORMED = JSON.parse(read('../fixtures/malformed.json'));
const sample = (file) => read(`../../www/samples/${file}`);
const CHECKS = ['os', 'edition', 'license', 'policy', 'vbs', 'arch', 'baseline'];

/** A device as one line, the form samples.expected.json uses (tests/formats.rs `line`). */
export function deviceLine(d) {
  const s = (v) => (v === null || v === undefined ? '-' : String(v));
  const withStatus = (status) => CHECKS.filter((c) => d.checks[c] === status).join(',');
  const sources = d.sources.map((x) => `${x.input}:${x.record}`).join(',');
  return `${s(d.os.line)} ${s(d.os.build)}.${s(d.os.ubr)} ${s(d.os.edition)} ${s(d.os.arch)} ${d.verdict} ${d.track} fail=${withStatus('fail')} unknown=${withStatus('unknown')} sources=${sources}`;
}

/**
 * CONTRACT.md: every record of every input is in exactly one device's (or other device's)
 * `sources`, or in `errors`; a document-level error (no `record`) stands alone.
 */
export function assertNothingLost(r) {
  for (const info of r.inputs) {
    const seen = [...r.devices, ...r.otherDevices].flatMap((d) => d.sources.filter((s) => s.input === info.index).map((s) => s.record));
    const errors = r.errors.filter((e) => e.input === info.index);
    assert.equal(info.errors, errors.length, `input ${info.index}: error count`);
    if (errors.some((e) => e.record === null || e.record === undefined)) {
      assert.ok(seen.length === 0 && errors.length === 1, `input ${info.index}: a document error stands alone`);
      continue;
    }
    seen.push(...errors.map((e) => e.record));
    seen.sort((a, b) => a - b);
    assert.deepEqual(seen, [...Array(info.records).keys()], `input ${info.index}: every record exactly once`);
  }
}

function checkSet(name, set, r) {
  assertNothingLost(r);
  assert.deepEqual(r.inputs.map((i) => [i.format, i.records]), set.inputs, `${name}: formats`);
  const devices = Object.fromEntries(r.devices.map((d) => [d.key, deviceLine(d)]));
  assert.deepEqual(devices, set.devices, name);
  assert.deepEqual(r.otherDevices.map((o) => [o.key, o.platform, o.version]), set.otherDevices, `${name}: non-Windows devices`);
  assert.deepEqual(r.errors, set.errors, name);
}

/**
 * The calls the cases make, given the package's API. Self-contained (it is sent to the page
 * as source text): bytes travel as plain arrays and become Uint8Arrays here, and the large
 * malformed inputs are generated here, exactly as tests/formats.rs `generated` builds them.
 */
export function makeFormatCalls(api) {
  const utf16 = (text, bom) => {
    const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
    let at = 0;
    const push = (u) => { out[at++] = u & 0xff; out[at++] = u >> 8; };
    if (bom) push(0xfeff);
    for (let i = 0; i < text.length; i++) push(text.charCodeAt(i));
    return out;
  };
  const generated = (kind) => {
    let x = 1;
    const next = () => { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; return x >>> 16; };
    const encode = (s) => new TextEncoder().encode(s);
    const deep = (field, close) => encode(`[{"deviceName":"MAL-A","operatingSystem":"Windows","osVersion":"10.0.26100.8390",${field}${'['.repeat(100000)}${']'.repeat(100000)}${close}]`);
    switch (kind) {
      case 'junk': {
        const alphabet = encode('abcdefghij{}[]":,0123456789 \n\\truefalsenull');
        const out = new Uint8Array(10_000_001);
        out[0] = 0x5b;
        for (let i = 1; i < out.length; i++) out[i] = alphabet[next() % alphabet.length];
        return out;
      }
      case 'binary': {
        const out = new Uint8Array(10_000_000);
        for (let i = 0; i < out.length; i++) out[i] = next() & 0xff;
        return out;
      }
      case 'deep-unread': return deep('"x":', '}');
      case 'deep-read': return deep('"hardwareInformation":{"serialNumber":"S1","deviceGuardVirtualizationBasedSecurityState":', '}}');
      default: throw new Error(`unknown generator ${kind}`);
    }
  };
  const hex = (h) => Uint8Array.from(h.match(/../g), (b) => parseInt(b, 16));
  return {
    evaluate: (input, options) => api.evaluate(input, options),
    /** Each text as the bytes of `encoding`: utf8, utf8-bom or utf16le-bom. */
    evaluateEncoded: (texts, encoding, options) => api.evaluate(texts.map((t) => {
      if (encoding === 'utf16le-bom') return utf16(t, true);
      const bytes = new TextEncoder().encode(t);
      if (encoding === 'utf8') return bytes;
      return new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    }), options),
    /** Byte arrays (plain arrays, so they travel to the page) as Uint8Arrays. */
    evaluateBytes: (arrays, options) => api.evaluate(arrays.map((a) => Uint8Array.from(a)), options),
    /** Each text as Windows-1252 bytes (Latin-1 letters, and the € and – Windows adds). */
    evaluateWindows1252: (texts, options) => api.evaluate(texts.map((t) => Uint8Array.from([...t], (c) => {
      const code = { '€': 0x80, '–': 0x96 }[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`${c} is not in Windows-1252`);
      return code;
    })), options),
    /** The same texts passed as strings and as their UTF-8 bytes. */
    evaluateAsTextAndBytes: (texts, options) => [
      api.evaluate(texts, options),
      api.evaluate(texts.map((t) => new TextEncoder().encode(t)), options),
    ],
    /** Every malformed case beside the good document; the reports, in case order. */
    malformed: (cases, good) => cases.map((c) => {
      const first = typeof c.text === 'string' ? c.text : c.bytesHex ? hex(c.bytesHex) : generated(c.generate);
      const options = { asOf: '2026-05-20', ...(c.format ? { format: [c.format] } : {}) };
      return api.evaluate([first, good], options);
    }),
  };
}

/** A canonical device, named `name` (JSON-escaped here, so any string). */
const canonicalDevice = (name) =>
  `{"name":${JSON.stringify(name)},"family":"client","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running","management":"intune","license":"eligible"}`;
const canonicalDocument = (names) => `{"schemaVersion":1,"devices":[\n${names.map(canonicalDevice).join(',\n')}]}`;

/** [name as reported, name as written]: a lone surrogate is read as U+FFFD. */
const NON_ASCII = [
  ['Büro-PC-01', 'Büro-PC-01'],
  ['東京-ラップトップ-02', '東京-ラップトップ-02'],
  ['Ωmega-\u{1F600}-03', 'Ωmega-\u{1F600}-03'],
  ['BAD-\uFFFD-04', 'BAD-\uD800-04'],
  ['x'.repeat(5000) + 'é', 'x'.repeat(5000) + 'é'],
];

const utf8 = (text) => new TextEncoder().encode(text);
const set = (name) => SAMPLES.sets[name];
const texts = (name) => set(name).files.map(sample);
const asOf = SAMPLES.asOf;

/** Cases: { name, fn, args, check(result) }; `check` runs in Node on what the call returned. */
export const formatCases = [
  ...Object.keys(SAMPLES.sets).map((name) => ({
    name: `samples: ${name} gives the expected devices`,
    fn: 'evaluate',
    args: [texts(name), { asOf }],
    check: ({ value }) => checkSet(name, set(name), value),
  })),
  ...['utf8', 'utf8-bom', 'utf16le-bom'].map((encoding) => ({
    name: `samples: Graph and Device Guard files as ${encoding} bytes read like text`,
    fn: 'evaluateEncoded',
    args: [texts('graph + deviceguard'), encoding, { asOf }],
    check: ({ value }) => checkSet('graph + deviceguard', set('graph + deviceguard'), value),
  })),
  {
    // Issue 12: Windows PowerShell 5.1's Set-Content and Excel's "CSV (Comma delimited)" save
    // in Windows-1252 on Western European Windows; every ü and é was lost as U+FFFD.
    name: 'bytes in Windows-1252 keep their letters, and the report says how they were read',
    fn: 'evaluateWindows1252',
    args: [['{"value":[{"deviceName":"LAP-MÜNCHEN-01","operatingSystem":"Windows","osVersion":"10.0.26100.8390","userDisplayName":"Jürgen Müller – €"}]}'], { asOf }],
    check({ value }) {
      assert.deepEqual(value.errors, []);
      assert.deepEqual(value.devices.map((d) => d.name), ['LAP-MÜNCHEN-01']);
      assert.equal(value.inputs[0].decoding, 'windows-1252');
    },
  },
  {
    name: 'UTF-8 with a damaged byte keeps every record, and the report says bytes were replaced',
    fn: 'evaluateBytes',
    args: [[
      [...utf8('{"value":[{"deviceName":"LAP-Ü-01","operatingSystem":"Windows","osVersion":"10.0.26100.8390"},{"deviceName":"LAP-'), 0xff, ...utf8('-02","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}]}')],
      [...utf8('{"value":[{"deviceName":"LAP-Ü-03","operatingSystem":"Windows","osVersion":"10.0.26100.8390"}]}')],
    ], { asOf }],
    check({ value }) {
      assert.deepEqual(value.errors, []);
      assert.deepEqual(value.devices.map((d) => d.name), ['LAP-Ü-01', 'LAP-\uFFFD-02', 'LAP-Ü-03']);
      assert.equal(value.inputs[0].decoding, 'utf-8-repaired');
      assert.equal(value.inputs[1].decoding, undefined, 'well-formed UTF-8 is not remarked on');
    },
  },
  {
    // Strings cross into Wasm through TextEncoder.encodeInto in two passes (src/wasm/text.js):
    // ASCII first, then room for the rest. Names put non-ASCII text at the start, in the
    // middle and at the very end, with astral characters and a lone surrogate.
    name: 'text with non-ASCII names reads the same as a string and as UTF-8 bytes',
    fn: 'evaluateAsTextAndBytes',
    args: [[canonicalDocument(NON_ASCII.map(([, written]) => written)), canonicalDocument(['PLAIN-06', 'Ende-\u{1F4BB}'])], { asOf }],
    check({ value: [fromText, fromBytes] }) {
      assert.deepEqual(fromText, fromBytes);
      assert.deepEqual(fromText.errors, []);
      const names = fromText.devices.map((d) => d.name);
      assert.deepEqual(names, [...NON_ASCII.map(([reported]) => reported), 'PLAIN-06', 'Ende-\u{1F4BB}']);
      const plain = fromText.devices.find((d) => d.name === 'PLAIN-06');
      const strip = (line) => line.replace(/ sources=.*/, '');
      for (const d of fromText.devices) assert.equal(strip(deviceLine(d)), strip(deviceLine(plain)), d.name);
    },
  },
  {
    name: 'a Graph list export alone leaves VBS unknown; with a Device Guard probe the devices are decided',
    fn: 'evaluate',
    args: [texts('graph'), { asOf }],
    check({ value: r }) {
      const lap = r.devices.find((d) => d.key === 'con-lap-0101');
      assert.deepEqual([lap.verdict, lap.checks.vbs], ['undetermined', 'unknown']);
      assert.equal(set('graph + deviceguard').devices['con-lap-0101'].split(' ')[4], 'hotpatch');
    },
  },
  {
    name: 'format: one per input, "auto" detects',
    fn: 'evaluate',
    args: [[sample('graph.json'), sample('deviceguard.json')], { asOf, format: ['auto', 'deviceguard'] }],
    check({ value: r }) {
      assert.deepEqual(r.inputs.map((i) => [i.format, i.detected]), [['graph', true], ['deviceguard', false]]);
      assert.equal(r.devices.find((d) => d.key === 'con-lap-0101').verdict, 'hotpatch');
    },
  },
  {
    name: 'format: an unknown id throws INVALID_OPTION naming the item',
    fn: 'evaluate',
    args: [sample('graph.json'), { format: ['graph', 'xml'] }],
    check({ error }) {
      assert.equal(error.code, 'INVALID_OPTION');
      assert.equal(error.field, 'format');
      assert.match(error.message, /^format: item 1: found the text "xml", expected "auto" or one of canonical, graph/);
    },
  },
  {
    name: `the malformed corpus (${MALFORMED.cases.length} inputs): clear errors, nothing else lost`,
    fn: 'malformed',
    args: [MALFORMED.cases, JSON.stringify(MALFORMED.good)],
    check({ value: results }) {
      assert.ok(MALFORMED.cases.length >= 30);
      MALFORMED.cases.forEach((c, i) => {
        const r = results[i];
        assertNothingLost(r);
        const e = c.expect;
        assert.deepEqual([r.inputs[0].format, r.inputs[0].records], [e.format, e.records], `${c.name}: format and records`);
        const keys = r.devices.filter((d) => d.sources.some((s) => s.input === 0)).map((d) => d.key);
        assert.deepEqual(keys, e.devices, `${c.name}: devices`);
        const errors = r.errors.map((x) => ({ record: x.record ?? null, path: x.path ?? null, line: x.line ?? null, message: x.message }));
        assert.deepEqual(errors, e.errors, `${c.name}: errors`);
        assert.equal(r.devices.find((d) => d.key === 'mal-good')?.verdict, 'hotpatch', `${c.name}: the good document`);
      });
    },
  },
];
