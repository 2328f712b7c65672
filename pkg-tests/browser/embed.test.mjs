// Embedding (issue 6): the imitation portal www/embed-demo.html with two <hotpatch-planner>
// instances and a headless-API table, in headless Chromium under the strict CSP; also served
// from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { session } from '../lib/browser.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const sample = (file) => readFileSync(new URL(`../../www/samples/${file}`, import.meta.url), 'utf8');
const AS_OF = '2026-05-20';

let s;
before(async () => {
  s = await session();
});
after(() => s?.close());

/** Opens the demo with CSP violations and every hotpatch-report/-error recorded per instance. */
async function openDemo(url = `${s.url}www/embed-demo.html`, sess = s) {
  const page = await sess.page({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    window.__csp = [];
    window.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const type of ['hotpatch-report', 'hotpatch-error']) {
      document.addEventListener(type, (e) => window.__events.push({ type, id: e.target.id, detail: type === 'hotpatch-report' ? { summary: e.detail.summary, asOf: e.detail.asOf } : e.detail }));
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.headless && /devices:/.test(document.getElementById('london-status').textContent), null, { timeout: 30_000 });
  await lastReport(page, 'pilot');
  return page;
}

/** Waits for instance `id`'s next report after `count` reports, and returns it. */
async function lastReport(page, id, after = 0) {
  await page.waitForFunction(([id, n]) => window.__events.filter((e) => e.id === id && e.type === 'hotpatch-report').length > n, [id, after], { timeout: 30_000 });
  return page.evaluate((id) => window.__events.filter((e) => e.id === id && e.type === 'hotpatch-report').at(-1).detail, id);
}
const reportCount = (page, id) => page.evaluate((id) => window.__events.filter((e) => e.id === id && e.type === 'hotpatch-report').length, id);
const inside = (page, id, selector) => page.locator(`#${id} ${selector}`);

test('both instances render and evaluate independently, each with its own settings', async () => {
  const page = await openDemo();
  const pilot = await lastReport(page, 'pilot');
  const london = await lastReport(page, 'london');
  // The pilot reads its src (the Intune CSV) with its attributes; London reads the two
  // exports the portal passed to evaluate(), with hotpatch blocked and six months.
  assert.deepEqual(pilot.summary, api.evaluate(sample('intune.csv'), { asOf: AS_OF, tenant: { license: 'eligible' } }).summary);
  assert.deepEqual(london.summary, api.evaluate([sample('graph.json'), sample('deviceguard.json')], { asOf: AS_OF, months: 6, tenant: { hotpatch: 'block' } }).summary);
  assert.equal(london.summary.hotpatch, 0, 'hotpatch blocked by the London instance\'s policy setting');
  // Sections: the pilot shows only the overview and the devices.
  assert.equal(await inside(page, 'pilot', 'section.inputs').isHidden(), true);
  assert.equal(await inside(page, 'pilot', 'details.settings').isHidden(), true);
  assert.equal(await inside(page, 'london', 'section.inputs').isVisible(), true);
  // London has six months in its calendar, the pilot twelve.
  assert.equal(await inside(page, 'london', 'table.calendar thead th').count(), 1 + 6);
  assert.equal(await inside(page, 'pilot', 'table.calendar thead th').count(), 1 + 12);
  // A change in one leaves the other alone.
  const pilotReports = await reportCount(page, 'pilot');
  const before = await reportCount(page, 'london');
  await inside(page, 'london', '#sample').selectOption('canonical');
  const changed = await lastReport(page, 'london', before);
  assert.equal(changed.summary.devices, 3);
  assert.equal(await reportCount(page, 'pilot'), pilotReports, 'the pilot did not re-evaluate');
  assert.deepEqual((await lastReport(page, 'pilot')).summary, pilot.summary);
  // Each has its own worker.
  assert.equal(await page.evaluate(() => document.getElementById('pilot').summary.devices), pilot.summary.devices);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the strict CSP reports no violation');
});

test('the host page\'s styles do not reach into the component, and the component\'s do not leak out', async () => {
  const page = await openDemo();
  const plain = await s.page({ viewport: { width: 1400, height: 1000 } });
  await plain.goto(`${s.url}www/`);
  await plain.locator('hotpatch-planner #sample').selectOption('graph');
  await plain.locator('hotpatch-planner .grid .r[data-key]').first().waitFor();
  const look = (p, id) => p.evaluate((id) => {
    const root = (id ? document.getElementById(id) : document.querySelector('hotpatch-planner')).shadowRoot;
    const pick = (el, props) => Object.fromEntries(props.map((k) => [k, getComputedStyle(el)[k]]));
    return {
      button: pick(root.querySelector('.exports button'), ['backgroundColor', 'fontFamily', 'borderRadius', 'color']),
      heading: pick(root.querySelector('.devices h2'), ['textTransform', 'color', 'borderBottomStyle']),
      grid: pick(root.querySelector('.grid'), ['outlineStyle', 'outlineColor']),
    };
  }, id);
  // London (no theming from the host, but the host's aggressive button/h2/.grid rules) looks
  // like the plain page, apart from its dark theme colours: compare the properties themes do
  // not touch.
  const london = await look(page, 'london');
  const reference = await look(plain);
  assert.equal(london.button.fontFamily, reference.button.fontFamily, 'the host\'s Comic Sans does not reach the buttons');
  assert.equal(london.button.borderRadius, reference.button.borderRadius);
  assert.notEqual(london.button.backgroundColor, 'rgb(255, 105, 180)', 'no hotpink');
  assert.deepEqual(london.heading, { ...reference.heading, color: london.heading.color });
  assert.equal(london.heading.textTransform, 'none');
  assert.equal(london.grid.outlineStyle, 'none', 'the host\'s lime outline on .grid does not apply inside');
  // The pilot is themed on purpose, through the documented custom properties and ::part().
  const pilot = await look(page, 'pilot');
  assert.match(pilot.button.fontFamily, /Georgia/);
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('pilot').shadowRoot.querySelector('.overview')).borderTopColor), 'rgb(162, 28, 175)');
  // And nothing of the component's leaks out: the portal's own .card and table keep their look.
  const portal = await page.evaluate(() => ({
    card: getComputedStyle(document.getElementById('portal-card')).borderRadius,
    cell: getComputedStyle(document.querySelector('#portal-table td')).borderTopColor,
    button: document.querySelectorAll('body > button, .portal-main > button').length,
  }));
  assert.deepEqual(portal, { card: '2px', cell: 'rgb(196, 181, 253)', button: 0 });
  // No globals beyond the custom element.
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /hotpatch|planner|wasm/i.test(k) && !k.startsWith('__')));
  assert.deepEqual(globals, []);
  assert.deepEqual(page.errors, []);
});

test('events carry the report; attributes and properties change what is evaluated', async () => {
  const page = await openDemo();
  // The event's report (a promise, parsed when first read) is the engine's.
  const report = await page.evaluate(async () => {
    const detail = await document.getElementById('pilot').evaluate();
    const r = await detail.report;
    return { devices: r.devices.map((d) => [d.key, d.verdict]), months: r.plans[r.devices[0].plan].months.length, asOf: r.asOf };
  });
  const want = api.evaluate(sample('intune.csv'), { asOf: AS_OF, tenant: { license: 'eligible' } });
  assert.deepEqual(report.devices, want.devices.map((d) => [d.key, d.verdict]));
  assert.equal(report.months, 12);
  // Properties: months, tenant, rings, asOf, sections.
  let n = await reportCount(page, 'pilot');
  await page.evaluate(() => { document.getElementById('pilot').months = 3; });
  await lastReport(page, 'pilot', n);
  assert.equal(await page.evaluate(async () => { const r = await document.getElementById('pilot').report; return r.plans[r.devices[0].plan].months.length; }), 3);
  assert.equal(await page.getAttribute('#pilot', 'months'), '3', 'months reflects to its attribute');
  n = await reportCount(page, 'pilot');
  await page.evaluate(() => { document.getElementById('pilot').tenant = { license: 'ineligible' }; });
  const noLicence = await lastReport(page, 'pilot', n);
  assert.equal(noLicence.summary.hotpatch, 0);
  assert.equal(noLicence.summary.undetermined, 0);
  n = await reportCount(page, 'pilot');
  await page.evaluate(() => { document.getElementById('pilot').setAttribute('as-of', '2026-02-20'); });
  assert.equal((await lastReport(page, 'pilot', n)).asOf, '2026-02-20');
  n = await reportCount(page, 'pilot');
  await page.evaluate(() => { document.getElementById('pilot').rings = { Broad: { deferralDays: 3, deadlineDays: 1, graceDays: 1 } }; });
  await lastReport(page, 'pilot', n);
  assert.equal((await page.evaluate(() => document.getElementById('pilot').rings)).Broad.deferralDays, 3);
  await page.evaluate(() => { document.getElementById('pilot').sections = ['devices']; });
  assert.equal(await inside(page, 'pilot', 'section.overview').isHidden(), true);
  assert.equal(await inside(page, 'pilot', 'section.devices').isVisible(), true);
  // The inventory attribute and property, and clear().
  n = await reportCount(page, 'london');
  await page.evaluate((text) => document.getElementById('london').setAttribute('inventory', text), sample('canonical.json'));
  assert.equal((await lastReport(page, 'london', n)).summary.devices, 3);
  n = await reportCount(page, 'london');
  await page.evaluate(() => document.getElementById('london').clear());
  assert.equal((await lastReport(page, 'london', n)).summary.devices, 0);
  // Errors come as hotpatch-error: a src on another origin is refused.
  await page.evaluate(() => { document.getElementById('london').src = 'https://example.invalid/devices.json'; });
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'hotpatch-error' && e.id === 'london'));
  const error = await page.evaluate(() => window.__events.find((e) => e.type === 'hotpatch-error').detail);
  assert.equal(error.code, 'INVALID_SRC');
  assert.match(error.message, /must be on this page's origin/);
  assert.ok(page.requests.every((u) => !u.includes('example.invalid')), 'nothing was requested from the other origin');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
});

test('the headless API renders into the portal\'s own table', async () => {
  const page = await openDemo();
  const rows = await page.$$eval('#portal-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  const want = api.evaluate([sample('graph.json'), sample('deviceguard.json'), sample('registry.json')], { asOf: AS_OF, months: 3 });
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), want.devices.map((d) => [d.name, d.verdict]));
  assert.deepEqual(page.errors, []);
});

test('served from a sub-path, the demo and the page work: assets resolve from the module\'s URL', async () => {
  const sub = await session({ base: '/tools/hotpatch/' });
  try {
    assert.match(sub.url, /\/tools\/hotpatch\/$/);
    const page = await openDemo(`${sub.url}www/embed-demo.html`, sub);
    assert.equal((await lastReport(page, 'london')).summary.devices, 8);
    assert.ok(page.requests.every((u) => new URL(u).pathname.startsWith('/tools/hotpatch/') || u.startsWith('blob:')), page.requests.join('\n'));
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await page.screenshot({ path: new URL('../artifacts/embed-demo.png', import.meta.url).pathname, fullPage: true });
  } finally {
    await sub.close();
  }
});
