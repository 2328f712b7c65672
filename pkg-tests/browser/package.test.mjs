// The npm package as another project gets it (issue 6): `npm pack`, install the tarball into
// a fresh project, use it from Node (CommonJS and ES modules), and bundle a tiny portal page
// with Vite that uses both the headless API and <hotpatch-planner>, then load the bundle in
// headless Chromium under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { launch } from '../lib/browser.mjs';
import { startServer, CSP } from '../../scripts/serve.mjs';

const root = new URL('../../', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'hotpatch-package-'));
const app = join(work, 'portal');
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

before(() => {
  // The package is built by the test run; --ignore-scripts skips prepack's rebuild.
  const tarball = npm(['pack', '--ignore-scripts', '--pack-destination', work], root).trim().split('\n').pop();
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  npm(['install', join(work, tarball)], app);
});

test('the tarball holds the package and nothing of the development tree', () => {
  const installed = join(app, 'node_modules/hotpatch-planner');
  for (const file of ['package.json', 'README.md', 'LICENSE', 'pkg/web/hotpatch_planner_bg.wasm', 'pkg/web/release/hotpatch_planner_release_bg.wasm', 'pkg/node/hotpatch_planner.js', 'pkg/web/hotpatch_planner.d.ts',
    'www/planner/hotpatch-planner.js', 'www/planner/hotpatch-planner.d.ts', 'www/planner/worker.js', 'www/planner/planner.css', 'www/samples/graph.json', 'schema/canonical.schema.json']) {
    assert.ok(existsSync(join(installed, file)), file);
  }
  for (const file of ['src', 'pkg-tests', 'scripts', 'Cargo.toml', 'www/index.html', 'node_modules']) assert.ok(!existsSync(join(installed, file)), `${file} is not shipped`);
  const meta = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(meta.name, 'hotpatch-planner');
  assert.equal(meta.license, 'MIT');
  assert.match(meta.version, /^\d+\.\d+\.\d+$/);
});

test('Node: require() and import both get the synchronous API', () => {
  const cjs = execFileSync(process.execPath, ['-e', `
    const { evaluate, releaseCalendar } = require('hotpatch-planner');
    const fs = require('node:fs');
    const text = fs.readFileSync(require.resolve('hotpatch-planner/samples/graph.json'), 'utf8');
    const r = evaluate(text, { asOf: '2026-05-20' });
    console.log(JSON.stringify([r.summary.devices, r.inputs[0].format, releaseCalendar({ line: 'win11-24h2', from: '2026-06', months: 1 })[0].type]));
  `], { cwd: app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(cjs), [8, 'graph', 'baseline']);
  const esm = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import { evaluate, toCsv } from 'hotpatch-planner';
    import { createRequire } from 'node:module';
    import { readFileSync } from 'node:fs';
    const schema = createRequire(import.meta.url).resolve('hotpatch-planner/schema/canonical.schema.json');
    const r = evaluate('{"devices":[{"name":"A","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"}]}', { asOf: '2026-05-20' });
    console.log(JSON.stringify([r.devices[0].verdict, toCsv(r).split('\\r\\n').length, JSON.parse(readFileSync(schema, 'utf8')).title]));
  `], { cwd: app, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(esm), ['hotpatch', 3, 'Hotpatch Planner canonical inventory']);
});

let server;
let browser;
after(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done()));
  rmSync(work, { recursive: true, force: true });
});

test('a page bundled with Vite uses the headless API and the component, under the strict CSP', async () => {
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title><link rel="icon" href="data:,">
<script type="module" src="./main.js"></script></head>
<body><h1>Portal</h1><p id="headless">…</p>
<hotpatch-planner as-of="2026-05-20" storage-key="none"></hotpatch-planner></body></html>`);
  writeFileSync(join(app, 'main.js'), `
import init, { evaluate } from 'hotpatch-planner';
import 'hotpatch-planner/component';
await init();
const r = evaluate('{"devices":[{"name":"A","build":"10.0.26100.8390","edition":"Enterprise","arch":"x64","vbs":"running"},{"name":"B","build":"10.0.26100.8390","edition":"Professional"}]}', { asOf: '2026-05-20' });
document.getElementById('headless').textContent = r.devices.map((d) => d.name + ': ' + d.verdict).join(', ');
`);
  await build({ root: app, base: './', logLevel: 'error', build: { outDir: 'dist', emptyOutDir: true } });
  ({ server } = await startServer({ port: 0, root: join(app, 'dist'), served: [''], base: '/portal/' }));
  const url = `http://127.0.0.1:${server.address().port}/portal/index.html`;
  browser = await launch();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(url);
  assert.equal(response.headers()['content-security-policy'], CSP);
  await page.waitForFunction(() => document.getElementById('headless').textContent !== '…');
  assert.equal(await page.textContent('#headless'), 'A: hotpatch, B: lcu');
  // The component from the bundle: its worker, Wasm, stylesheet and samples all resolved.
  // Every sample is shipped in the bundle.
  await page.locator('hotpatch-planner #sample').selectOption('all');
  await page.waitForFunction(() => document.querySelector('hotpatch-planner').summary?.devices === 14, null, { timeout: 30_000 });
  await page.locator('hotpatch-planner #sample').selectOption('graph+deviceguard');
  await page.waitForFunction(() => document.querySelector('hotpatch-planner').summary?.devices === 8, null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('hotpatch-planner').shadowRoot.querySelector('.card')).borderTopStyle), 'solid', 'the stylesheet loaded');
  assert.equal(await page.locator('hotpatch-planner .tile[data-verdict=hotpatch] .n').textContent(), '2');
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
});
