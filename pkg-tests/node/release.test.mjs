// Microsoft's release documents through the built Node package (DOMAIN.md sections 7 and 9):
// readReleaseData on every real sample, and evaluate with the built-in data cut back to 2025
// plus the real 2026 documents, deciding the devices the cut data leaves undetermined.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const sample = (name) => readFileSync(new URL(`../../tests/data/release-sources/${name}`, import.meta.url), 'utf8');

test('every real sample reads into the months it holds (DOMAIN.md section 7)', () => {
  const cases = [
    ['cvrf-2026-Feb.xml', 'msrc-cvrf', ['2026-02']],
    ['cvrf-2026-Jan.excerpt.xml', 'msrc-cvrf', ['2026-01']],
    ['cvrf-2026-Jun.excerpt.xml', 'msrc-cvrf', ['2026-06']],
    ['cvrf-2026-Jun.excerpt.converted.json', 'msrc-cvrf', ['2026-06']],
    ['windows-server-release-info.2026-05-13.learn-markdown.md', 'release-health', null],
    ['catalog-entries.hotpatch-2024-09.graph-docs.json', 'graph-catalog', null],
    ['windows11-toc.live-sample.2026-07.avnsx.json', 'support-toc', null],
    ['updates-index.2026-07-06.json', 'msrc-index', []],
  ];
  for (const [file, kind, months] of cases) {
    const data = api.readReleaseData([{ name: file, text: sample(file) }], { asOf: '2026-07-20' });
    assert.equal(data.sources.length, 1, file);
    assert.equal(data.sources[0].kind, kind, file);
    if (months) for (const m of months) assert.ok(data.sources[0].months.includes(m) || data.sources[0].added === 0, `${file}: ${m} in ${data.sources[0].months}`);
    // Allowed: remediations repeated from earlier months (stale), odd index ids, and months
    // before the catalog's first baseline that cannot stand alone (the 2024 hotpatch preview).
    const allowed = ['source.stale', 'source.month', 'source.inconsistent'];
    assert.deepEqual(data.errors.filter((e) => !allowed.includes(e.code)), [], file);
    for (const e of data.errors.filter((x) => x.code === 'source.inconsistent')) assert.match(e.message, /(2024|2025)/, `${file}: ${e.message}`);
    assert.equal(typeof data.catalog, 'string');
  }
  // The index lists what can be fetched.
  const index = api.readReleaseData([sample('updates-index.2026-07-06.json')]);
  assert.ok(index.sources[0].lists.includes('2026-07'));
});

test('June 2026 CVRF settles Windows Server 2022 June 2026 as a baseline, not May\'s repeated hotpatch', () => {
  const data = api.readReleaseData([{ name: '2026-Jun', text: sample('cvrf-2026-Jun.excerpt.xml') }]);
  const calendar = api.releaseCalendar({ line: 'ws2022', from: '2026-06', months: 1, catalog: data.catalog });
  assert.deepEqual(calendar.map((m) => [m.type, m.typeKnown, m.planned, m.build]), [['baseline', true, false, '20348.5256']]);
  assert.match(calendar[0].note ?? '', /./);
});

test('with the data cut back to 2025, real 2026 documents decide the same devices as DOMAIN.md section 7', () => {
  const full = JSON.parse(api.readReleaseData([{ name: 'x', text: sample('cvrf-2026-Feb.xml') }]).catalog);
  for (const line of Object.values(full.lines)) line.months = line.months.filter((m) => m.month <= '2025-12');
  delete full.sources;
  const cut = JSON.stringify(full);
  const device = (name, family, build, edition) => ({ name, family, build, edition, arch: 'x64', vbs: 'running', license: 'eligible', hotpatchPolicy: 'allow' });
  const fleet = JSON.stringify({ schemaVersion: 1, devices: [
    device('W11-HP', 'client', '10.0.26100.7781', 'Enterprise'),
    device('W11-LCU', 'client', '10.0.26100.7840', 'Enterprise'),
    device('WS25-HP', 'server', '10.0.26100.32313', 'ServerTurbine'),
    device('WS22-HP', 'server', '10.0.20348.4711', 'ServerTurbine'),
  ] });
  const verdicts = (r) => Object.fromEntries(r.devices.map((d) => [d.key, [d.verdict, d.track]]));
  const before = api.evaluate(fleet, { asOf: '2026-02-20', catalog: cut, builtInCatalog: false });
  assert.ok(before.devices.every((d) => d.verdict === 'undetermined'));
  assert.deepEqual(before.catalog.missing.map((m) => m.month), ['2026-01', '2026-02']);
  const docs = [cut, sample('cvrf-2026-Jan.excerpt.xml'), sample('cvrf-2026-Feb.xml'), sample('windows-server-release-info.2026-05-13.learn-markdown.md')];
  const after = api.evaluate(fleet, { asOf: '2026-02-20', catalog: docs, builtInCatalog: false });
  assert.deepEqual(verdicts(after), {
    'w11-hp': ['hotpatch', 'hotpatch'], 'w11-lcu': ['lcu', 'off-track'], 'ws25-hp': ['hotpatch', 'hotpatch'], 'ws22-hp': ['hotpatch', 'hotpatch'],
  });
  assert.deepEqual(after.catalog.sources.map((s) => s.kind), ['msrc-cvrf', 'msrc-cvrf', 'release-health']);
  assert.deepEqual(after.catalog.missing, []);
});

test('an unreadable document is an error naming it; the others still merge; misuse throws', () => {
  const data = api.readReleaseData([{ name: 'broken.xml', text: '<cvrf:cvrfdoc><oops' }, { name: 'feb.xml', text: sample('cvrf-2026-Feb.xml') }]);
  assert.equal(data.errors.length, 1);
  assert.equal(data.errors[0].source, 0);
  assert.match(`${data.errors[0].at} ${data.errors[0].message}`, /broken\.xml/);
  assert.equal(data.sources[0].index, 1);
  const nothing = api.readReleaseData([{ name: 'notes.txt', text: 'hello' }]);
  assert.equal(nothing.catalog, null, 'nothing to load');
  assert.throws(() => api.readReleaseData([42]), (e) => e.code === 'INVALID_INPUT');
  assert.throws(() => api.readReleaseData([], { base: '{' }), (e) => e.code === 'INVALID_CATALOG');
});
