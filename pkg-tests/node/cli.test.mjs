// Issue 13: the native command line (src/bin/hotpatch-planner) against the Node package, as
// a pipeline would use it. Its report is the Wasm package's byte for byte (the golden test of
// the boundary: the native serde JSON against the JS object the package builds, stringified),
// and its CSV and iCalendar are the package's: the same writers (src/export.rs), which in the
// package read the report back from the JS object, so this also proves that round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fleetText } from '../lib/fleet.mjs';
import { occurrences, readChunks } from '../lib/files.mjs';

const root = new URL('../..', import.meta.url).pathname;
// Every temporary directory, removed when the file's tests end, passed or not (the million
// devices' CSV and JSON are ~3 GB).
const temporary = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hp-cli-'));
  temporary.push(dir);
  return dir;
};
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const SAMPLES = JSON.parse(readFileSync(new URL('../fixtures/samples.expected.json', import.meta.url), 'utf8'));
const samplePath = (file) => join(root, 'www/samples', file);
const bin = join(root, 'target/release/hotpatch-planner');

before(() => {
  // The release build: the 1,000,000-device run below takes seconds with it, minutes without.
  execFileSync('cargo', ['build', '--quiet', '--release', '--bin', 'hotpatch-planner'], { cwd: root, stdio: 'inherit' });
});

const cli = (args) => spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 30 });

for (const [name, set] of Object.entries(SAMPLES.sets)) {
  test(`samples: ${name}: the command line's JSON, CSV and iCalendar are the package's, byte for byte`, () => {
    const paths = set.files.map(samplePath);
    const texts = set.files.map((f) => readFileSync(samplePath(f), 'utf8'));
    const options = { asOf: SAMPLES.asOf };
    const json = cli(['evaluate', '--as-of', SAMPLES.asOf, '--to', 'json', ...paths]);
    assert.equal(json.stdout, `${api.evaluateToJson(texts, options)}\n`);
    const report = api.evaluate(texts, options);
    assert.equal(cli(['evaluate', '--as-of', SAMPLES.asOf, '--to', 'csv', ...paths]).stdout, api.toCsv(report));
    const ics = cli(['evaluate', '--as-of', SAMPLES.asOf, '--to', 'ics', '--ics-devices', 'all', ...paths]);
    assert.equal(ics.stdout, api.toIcs(report, { fleet: true, devices: 'all' }));
    assert.equal(json.status, report.errors.length ? 1 : 0, 'exit 1 exactly when some record could not be read');
  });
}

test('a device that never synced (Graph writes 0001-01-01): the JSON is still the package\'s byte for byte; rings by list and pattern too', () => {
  const dir = tempDir();
  const graph = JSON.parse(readFileSync(samplePath('graph.json'), 'utf8'));
  const devices = graph.value ?? graph;
  devices[0].lastSyncDateTime = '0001-01-01T00:00:00Z';
  const text = JSON.stringify(graph);
  writeFileSync(join(dir, 'graph.json'), text);
  const optionsText = '{"rings":{"Pilot":{"deferralDays":0,"devices":["CON-LAP-0102"],"namePatterns":["con-lap-01*"]}}}';
  writeFileSync(join(dir, 'options.json'), optionsText);
  const out = cli(['evaluate', '--as-of', '2026-05-20', '--options', join(dir, 'options.json'), '--to', 'json', join(dir, 'graph.json')]);
  const options = { ...JSON.parse(optionsText), asOf: '2026-05-20' };
  assert.equal(out.stdout, `${api.evaluateToJson(text, options)}\n`);
  const report = JSON.parse(out.stdout);
  assert.equal(report.devices[0].lastSeen, '0001-01-01', 'as Graph wrote it, not 1970-01-01');
  assert.ok(report.devices.some((d) => d.ring === 'Pilot' && d.notes.some((n) => n.includes('listed in its devices'))));
});

test('--options takes the API\'s options as written: a ring named twice in different case is one ring, the later settings winning', () => {
  const dir = tempDir();
  const optionsText = '{"rings":{"pilot":{"deferralDays":0,"deadlineDays":2},"Pilot":{"deadlineDays":7}},"defaultRing":"Pilot","tenant":{"hotpatch":"allow"}}';
  writeFileSync(join(dir, 'options.json'), optionsText);
  const out = cli(['evaluate', '--as-of', '2026-05-20', '--months', '3', '--options', join(dir, 'options.json'), '--to', 'json', samplePath('graph.json')]);
  const want = api.evaluateToJson(readFileSync(samplePath('graph.json'), 'utf8'), { ...JSON.parse(optionsText), asOf: '2026-05-20', months: 3 });
  assert.equal(out.stdout, `${want}\n`);
  assert.ok(want.includes('"ring":"Pilot"'), 'the later spelling names the ring');
});

test('the text summary says what the report says; unreadable records make exit code 1 and are named on stderr', () => {
  const dir = tempDir();
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '[{"deviceName":"OK-01","operatingSystem":"Windows","osVersion":"10.0.26100.8390"},{"deviceName":42}]');
  const out = cli(['evaluate', '--as-of', '2026-05-20', samplePath('graph.json'), broken]);
  assert.equal(out.status, 1);
  const report = api.evaluate([readFileSync(samplePath('graph.json'), 'utf8'), readFileSync(broken, 'utf8')], { asOf: '2026-05-20' });
  const s = report.summary;
  assert.match(out.stdout, new RegExp(`^${s.devices} Windows devices: ${s.hotpatch} hotpatch .*, ${s.lcu} LCU with restart .*, ${s.undetermined} undetermined`, 'm'));
  assert.match(out.stdout, /broken\.json: graph, 2 records, 1 problems/);
  // The fleet answers, as the page shows them: next month per ring with why, what to fix first.
  const f = report.fleet;
  assert.ok(f.next.length > 0 && f.fixes.length > 0);
  for (const n of f.next) assert.ok(out.stdout.includes(`: ${n.restart} of ${n.devices} decided devices restart (${n.reasons.map((r) => `${r.devices} for ${r.text}`).join('; ')})`), `${out.stdout} has ${JSON.stringify(n)}`);
  const restarts = (n) => `${n} restart${n === 1 ? '' : 's'}`;
  for (const g of f.fixes) assert.ok(out.stdout.includes(`  ${g.text}: ${g.devices} device${g.devices === 1 ? '' : 's'}, ${restarts(g.restartsAvoidedPerYear)} avoided a year${g.restartsAvoidedOnce ? `, ${restarts(g.restartsAvoidedOnce)} once` : ''} (${g.reason})`), g.reason);
  assert.match(out.stdout, new RegExp(`broken\\.json: ${report.errors[0].message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const json = cli(['evaluate', '--as-of', '2026-05-20', '--to', 'json', samplePath('graph.json'), broken]);
  assert.equal(json.status, 1);
  assert.match(json.stderr, /broken\.json: /);
});

test('bad usage and bad options exit 2 and say why; --help exits 0 for every command', () => {
  for (const command of ['evaluate', 'calendar', 'lookup', 'catalog']) {
    const help = cli([command, '--help']);
    assert.equal(help.status, 0, command);
    assert.match(help.stdout, new RegExp(`^hotpatch-planner ${command}: `), command);
  }
  const cases = [
    [['evaluate', '--as-of', '2026-05-20'], /no inventory file given/],
    [['evaluate', '--to', 'xml', samplePath('graph.json')], /--to "xml": expected text, json, csv or ics/],
    [['evaluate', '--as-of', '22/11/2026', samplePath('graph.json')], /asOf: found "22\/11\/2026", expected a date written YYYY-MM-DD/],
    [['evaluate', '--months', '500', samplePath('graph.json')], /months: found the number 500, expected a whole number from 1 to 36/],
    [['evaluate', join(root, 'no-such-file.json')], /no-such-file\.json: /],
    [['calendar', '--line', 'win12', '--from', '2026-05'], /line/],
    [['frobnicate'], /unknown command/],
  ];
  for (const [args, message] of cases) {
    const out = cli(args);
    assert.equal(out.status, 2, args.join(' '));
    assert.match(out.stderr, message, args.join(' '));
  }
});

test('calendar and lookup answer as releaseCalendar and lookupBuild do', () => {
  const months = JSON.parse(cli(['calendar', '--line', 'win11-24h2', '--from', '2026-01', '--months', '6', '--to', 'json']).stdout);
  assert.deepEqual(months, api.releaseCalendar({ line: 'win11-24h2', from: '2026-01', months: 6 }));
  const info = JSON.parse(cli(['lookup', '--line', 'win11-24h2', '--build', '26100.8390', '--to', 'json']).stdout);
  assert.deepEqual(info, api.lookupBuild({ line: 'win11-24h2', build: '26100.8390' }));
  // The UBR alone, as the help says (a number to the API).
  assert.deepEqual(JSON.parse(cli(['lookup', '--line', 'win11-24h2', '--build', '8390', '--to', 'json']).stdout), info);
  assert.match(cli(['lookup', '--line', 'win11-24h2', '--build', '26100.8390']).stdout, /^26100\.8390 \(win11-24h2\): hotpatch of May 2026, released 2026-05-12, KB5089466; on the hotpatch track/);
  assert.match(cli(['lookup', '--line', 'win11-24h2', '--build', '26100.1']).stdout, /not a build the release data knows/);
});

test('1,000,000 devices: the command line evaluates them and its counts are the package\'s', () => {
  const dir = tempDir();
  const file = join(dir, 'fleet.json');
  writeFileSync(file, fleetText(1_000_000));
  const start = performance.now();
  const out = cli(['evaluate', '--as-of', '2026-05-20', '--to', 'csv', '--output', join(dir, 'fleet.csv'), file]);
  const seconds = (performance.now() - start) / 1000;
  assert.equal(out.status, 0, out.stderr);
  // Read back row by row: with the findings' words for people, the CSV of a million devices
  // is longer than one JavaScript string can be.
  const verdicts = { hotpatch: 0, lcu: 0, undetermined: 0 };
  let rows = 0;
  let rest = '';
  for (const chunk of readChunks(join(dir, 'fleet.csv'))) {
    const lines = (rest + chunk).split('\r\n');
    rest = lines.pop();
    for (const line of lines) {
      rows += 1;
      // The synthetic fleet's first nine cells hold no quotes or commas.
      const verdict = line.split(',', 9)[8];
      if (verdict in verdicts) verdicts[verdict] += 1;
    }
  }
  assert.equal(rest, '', 'the last row ends with CRLF');
  assert.equal(rows, 1_000_000 + 1, 'a header and a row per device');
  const summary = cli(['evaluate', '--as-of', '2026-05-20', file]).stdout;
  const count = (verdict) => verdicts[verdict];
  assert.match(summary, new RegExp(`^1000000 Windows devices: ${count('hotpatch')} hotpatch .*, ${count('lcu')} LCU with restart .*, ${count('undetermined')} undetermined`, 'm'));
  // The JSON report, ~2 GB: written as it is made (issue 15), each device once.
  const jsonStart = performance.now();
  const report = join(dir, 'report.json');
  const json = cli(['evaluate', '--as-of', '2026-05-20', '--to', 'json', '--output', report, file]);
  const jsonSeconds = (performance.now() - jsonStart) / 1000;
  assert.equal(json.status, 0, json.stderr);
  assert.equal(occurrences(report, '"verdict":"'), 1_000_000);
  console.log(`1,000,000 devices: ${seconds.toFixed(1)} s to CSV, ${jsonSeconds.toFixed(1)} s to ${Math.round(statSync(report).size / 1e6)} MB of JSON with the command line`);
});
