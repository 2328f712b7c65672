// The TypeScript types (src/wasm/types.d.ts, appended by wasm-bindgen to the package's .d.ts,
// and www/planner/hotpatch-planner.d.ts) are written by hand, so they are checked against what
// the Rust code really does:
// - every object the built package returns (reports with errors, other devices and plans,
//   calendars, build lookups) has exactly the fields its interface declares, with values of
//   the declared types (read from the .d.ts with the TypeScript compiler API);
// - the option interfaces name exactly the fields the core accepts (its "unknown field"
//   errors list them);
// - a portal's code compiles against them with `tsc --strict`, and its mistakes do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const api = require('../../pkg/node/hotpatch_planner.js');
const path = (p) => new URL(`../../${p}`, import.meta.url).pathname;
const sample = (file) => readFileSync(path(`www/samples/${file}`), 'utf8');

/** Interfaces and type aliases of a .d.ts, by name. */
function declarations(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map();
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) out.set(node.name.text, node);
  });
  return out;
}

const TYPES = declarations(path('pkg/node/hotpatch_planner.d.ts'));

/** A type name, also of nodes made here (which have no source text). */
const nameOf = (n) => (ts.isIdentifier(n) ? n.text : n.getText());

/** The literal values of a union of literal types (following aliases), or null if it is not one. */
function literals(node) {
  if (ts.isParenthesizedTypeNode(node)) return literals(node.type);
  if (ts.isLiteralTypeNode(node)) return ts.isStringLiteral(node.literal) ? [node.literal.text] : null;
  if (ts.isUnionTypeNode(node)) {
    const all = node.types.map(literals);
    return all.every(Boolean) ? all.flat() : null;
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = nameOf(node.typeName);
    if (name === 'Exclude') {
      const remove = literals(node.typeArguments[1]);
      return literals(node.typeArguments[0])?.filter((v) => !remove.includes(v)) ?? null;
    }
    const decl = TYPES.get(name);
    return decl && ts.isTypeAliasDeclaration(decl) ? literals(decl.type) : null;
  }
  return null;
}

/** Problems with `value` as the type `node` (empty when it conforms), with paths. */
function check(value, node, at) {
  const kind = node.kind;
  const K = ts.SyntaxKind;
  if (kind === K.ParenthesizedType) return check(value, node.type, at);
  if (kind === K.StringKeyword) return typeof value === 'string' ? [] : [`${at}: expected string, got ${JSON.stringify(value)}`];
  if (kind === K.NumberKeyword) return typeof value === 'number' ? [] : [`${at}: expected number, got ${JSON.stringify(value)}`];
  if (kind === K.BooleanKeyword) return typeof value === 'boolean' ? [] : [`${at}: expected boolean, got ${JSON.stringify(value)}`];
  if (kind === K.LiteralType) {
    const lit = node.literal;
    if (lit.kind === K.NullKeyword) return value === null ? [] : [`${at}: expected null`];
    if (ts.isStringLiteral(lit)) return value === lit.text ? [] : [`${at}: expected "${lit.text}", got ${JSON.stringify(value)}`];
    if (ts.isNumericLiteral(lit)) return value === Number(lit.text) ? [] : [`${at}: expected ${lit.text}, got ${JSON.stringify(value)}`];
    return [`${at}: unsupported literal`];
  }
  if (kind === K.UnionType) {
    const tries = node.types.map((t) => check(value, t, at));
    return tries.some((p) => p.length === 0) ? [] : [`${at}: ${JSON.stringify(value)} matches none of ${node.getText()}`];
  }
  if (kind === K.ArrayType) {
    if (!Array.isArray(value)) return [`${at}: expected an array`];
    return value.flatMap((v, i) => check(v, node.elementType, `${at}[${i}]`));
  }
  if (kind === K.TypeLiteral) return checkMembers(value, node.members, at);
  if (kind === K.TypeReference) {
    const name = nameOf(node.typeName);
    const args = node.typeArguments ?? [];
    if (name === 'Array') return check(value, ts.factory.createArrayTypeNode(args[0]), at);
    if (name === 'Exclude') {
      const allowed = literals(node);
      return allowed.includes(value) ? [] : [`${at}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`];
    }
    if (name === 'Record' || name === 'Partial') {
      const record = name === 'Partial' ? args[0] : node;
      const [keyType, valueType] = record.typeArguments;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected an object`];
      const keys = literals(keyType);
      const problems = [];
      for (const [k, v] of Object.entries(value)) {
        if (keys && !keys.includes(k)) problems.push(`${at}.${k}: not a key of ${keyType.getText()}`);
        problems.push(...check(v, valueType, `${at}.${k}`));
      }
      if (keys && name === 'Record') for (const k of keys) if (!(k in value)) problems.push(`${at}.${k}: missing`);
      return problems;
    }
    const decl = TYPES.get(name);
    if (!decl) return [`${at}: unknown type ${name}`];
    if (ts.isTypeAliasDeclaration(decl)) return check(value, decl.type, at);
    return checkMembers(value, decl.members, at, name);
  }
  return [`${at}: unsupported type ${node.getText()}`];
}

/** An object against an interface's members: no missing required field, no extra field. */
function checkMembers(value, members, at, name = 'object') {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected ${name}, got ${JSON.stringify(value)}`];
  const problems = [];
  const declared = new Map(members.filter(ts.isPropertySignature).map((m) => [m.name.getText().replace(/^"|"$/g, ''), m]));
  for (const [key, member] of declared) {
    // An optional field may be absent or undefined (TypeScript's `key?: T` allows both; the
    // report keeps `stale: undefined` on every device so that all device objects share a shape).
    if (!(key in value) || (member.questionToken && value[key] === undefined)) {
      if (!member.questionToken) problems.push(`${at}.${key}: missing (${name} requires it)`);
      continue;
    }
    problems.push(...check(value[key], member.type, `${at}.${key}`));
  }
  for (const key of Object.keys(value)) if (!declared.has(key)) problems.push(`${at}.${key}: not declared in ${name}`);
  return problems;
}

const typed = (name) => ts.factory.createTypeReferenceNode(name);

test('reports from every kind of input have exactly the declared fields and types', () => {
  const malformed = JSON.parse(readFileSync(path('pkg-tests/fixtures/malformed.json'), 'utf8'));
  const reports = [
    api.evaluate(readFileSync(path('pkg-tests/fixtures/fleet.canonical.json'), 'utf8'), { asOf: '2026-05-20' }),
    api.evaluate(['graph.json', 'deviceguard.json', 'registry.json', 'computerinfo.json', 'ucclient.json', 'intune.csv', 'defender.json', 'canonical.json'].map(sample), { asOf: '2026-05-20', months: 3 }),
    api.evaluate(malformed.cases.filter((c) => typeof c.text === 'string').map((c) => c.text), { asOf: '2026-11-22' }),
    api.evaluate('[]'),
  ];
  for (const [i, report] of reports.entries()) {
    assert.deepEqual(check(report, typed('Report'), `report${i}`), []);
  }
  // The reports exercise what the types describe: nulls, errors, other devices, conflicts.
  assert.ok(reports[2].errors.some((e) => e.path !== null) && reports[2].errors.some((e) => e.record === null));
  assert.ok(reports[1].otherDevices.length > 0);
  // A field the types do not know is caught: the check itself can fail.
  // (A JSON copy: the report shares os/checks/findings objects between devices.)
  const extra = JSON.parse(JSON.stringify(reports[0]));
  extra.devices[0].os.kernel = '6.1';
  delete extra.devices[0].track;
  assert.deepEqual(check(extra, typed('Report'), 'r').sort(), ['r.devices[0].os.kernel: not declared in OsFacts', 'r.devices[0].track: missing (DeviceReport requires it)']);
});

test('calendars and build lookups have exactly the declared fields and types', () => {
  for (const line of ['win11-24h2', 'win11-25h2', 'ws2025', 'ws2022']) {
    const months = api.releaseCalendar({ line, from: '2024-10', months: 36 });
    assert.deepEqual(check(months, ts.factory.createArrayTypeNode(typed('CalendarMonth')), line), []);
  }
  for (const [line, build] of [['win11-24h2', '26100.8390'], ['win11-24h2', '26100.8524'], ['ws2025', '26100.32772'], ['win11-24h2', '26100.8246'], ['win11-24h2', '26100.8457']]) {
    const info = api.lookupBuild({ line, build });
    assert.notEqual(info, null, `${line} ${build}`);
    assert.deepEqual(check(info, typed('BuildInfo'), build), []);
  }
  assert.equal(api.lookupBuild({ line: 'win11-24h2', build: '26100.1' }), null);
});

/** The field names the core accepts for an options object, from its "unknown field" error. */
function accepted(call) {
  try {
    call();
  } catch (e) {
    const m = /expected one of (.*)$/.exec(e.message);
    assert.ok(m, e.message);
    return m[1].split(', ').sort();
  }
  assert.fail('expected an unknown-field error');
}
const declaredKeys = (name, except = []) => TYPES.get(name).members.map((m) => m.name.getText()).filter((k) => !except.includes(k)).sort();

test('the option interfaces name exactly the fields the core accepts', () => {
  const x = { zzz: 1 };
  // onProgress is read by the JS boundary, not the core.
  assert.deepEqual(declaredKeys('EvaluateOptions', ['onProgress']), accepted(() => api.evaluate('[]', x)));
  assert.deepEqual(declaredKeys('TenantOptions'), accepted(() => api.evaluate('[]', { tenant: x })));
  assert.deepEqual(declaredKeys('Ring'), accepted(() => api.evaluate('[]', { rings: { Broad: x } })));
  assert.deepEqual(declaredKeys('CalendarOptions'), accepted(() => api.releaseCalendar({ line: 'win11-24h2', from: '2026-01', ...x })));
  assert.deepEqual(declaredKeys('LookupOptions'), accepted(() => api.lookupBuild({ line: 'win11-24h2', build: '26100.1', ...x })));
  assert.deepEqual(declaredKeys('IcsOptions'), accepted(() => api.toIcs(api.evaluate('[]'), x)));
  // Every literal the types allow for a format is one the core takes.
  for (const id of literals(TYPES.get('FormatId').type)) api.evaluate('[]', { format: id });
  for (const license of literals(TYPES.get('TenantOptions').members.find((m) => m.name.getText() === 'license').type)) api.evaluate('[]', { tenant: { license } });
});

test('a portal\'s TypeScript compiles against the types with tsc --strict, and its mistakes do not', () => {
  const tsc = path('node_modules/typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path('pkg-tests/types/tsconfig.json')], { encoding: 'utf8' });
  } catch (e) {
    assert.fail(`tsc reported:\n${e.stdout}${e.stderr}`);
  }
});
