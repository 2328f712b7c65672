// The inventory format cases (issue 4) against the built Node package, and the canonical
// format's JSON Schema checked by a third-party validator (Python jsonschema).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNode } from '../lib/cases.mjs';
import { formatCases, makeFormatCalls } from '../shared/formats.cases.mjs';

runInNode(formatCases, makeFormatCalls);

const path = (relative) => new URL(`../../${relative}`, import.meta.url).pathname;
/** { file: [schema errors] } from the jsonschema package. */
const validate = (...files) =>
  JSON.parse(execFileSync('python3', [path('pkg-tests/helpers/check_schema.py'), path('schema/canonical.schema.json'), ...files], { encoding: 'utf8' }));

test('the canonical sample and the fleet fixture are valid under schema/canonical.schema.json', () => {
  const files = [path('www/samples/canonical.json'), path('pkg-tests/fixtures/fleet.canonical.json')];
  assert.deepEqual(validate(...files), Object.fromEntries(files.map((f) => [f, []])));
});

test('the schema rejects what evaluate rejects: a device without a name or id, an unknown architecture', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hotpatch-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ schemaVersion: 1, devices: [{ build: '10.0.26100.8390' }, { name: 'A', arch: 'sparc' }] }));
  const errors = validate(bad)[bad];
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(errors[0], /^devices\/0: /);
  assert.match(errors[1], /^devices\/1\/arch: 'sparc' is not one of/);
});
