// Release data in the page (issue 10, parts 3 and 4), in headless Chromium: the overview says
// plainly what the release data lacks, "Get the latest from Microsoft" asks Microsoft's API
// for exactly the missing months (the network is intercepted: Microsoft is never contacted),
// a failed fetch lists the documents to save by hand, loaded data is kept, downloaded and
// removed, and the component's catalog-src attribute loads a same-origin catalog.
//
// Tests marked "needs the release module" read Microsoft's documents with
// pkg/web/release/hotpatch_planner_release.js, which a build without it does not have.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { openPlanner, session } from '../lib/browser.mjs';

const AS_OF = '2026-11-26';
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const CVRF_FEB = readFileSync(new URL('../fixtures/release-sources/cvrf-2026-Feb.xml', import.meta.url));
const CATALOG = readFileSync(new URL('../../data/catalog.json', import.meta.url), 'utf8');
const RELEASE_MODULE = existsSync(new URL('../../pkg/web/release/hotpatch_planner_release.js', import.meta.url));
const MSRC = 'https://api.msrc.microsoft.com/';
const SIX = JSON.stringify({
  schemaVersion: 1,
  devices: [1, 2, 3, 4, 5, 6].map((i) => ({ name: `PC-${i}`, family: 'client', build: '10.0.26100.9711', edition: 'Enterprise', arch: 'x64', vbs: 'running' })),
});

let s;
before(async () => {
  s = await session();
});
after(() => s?.close());

const planner = (page, selector) => page.locator(`hotpatch-planner ${selector}`);
const shadowText = (page) => page.evaluate(() => document.querySelector('hotpatch-planner').shadowRoot.querySelector('.planner').textContent);

/** A fresh page with storage cleared, every report and error recorded, evaluating as of AS_OF. */
async function open(options = {}) {
  const page = await openPlanner(s, options);
  await watch(page);
  // The page's own first (empty) evaluation is reported first: a report of it arriving late
  // would pass for the report of the next action.
  await page.waitForFunction(() => document.querySelector('hotpatch-planner').lastDetail || window.__reports.length > 0);
  await evaluated(page, () => page.evaluate((date) => { document.querySelector('hotpatch-planner').asOf = date; }, AS_OF));
  return page;
}

function watch(page) {
  return page.evaluate(() => {
    window.__reports = [];
    window.__errors = [];
    const el = document.querySelector('hotpatch-planner');
    el.addEventListener('hotpatch-report', (e) => window.__reports.push({ asOf: e.detail.asOf, summary: e.detail.summary, catalog: e.detail.catalog }));
    el.addEventListener('hotpatch-error', (e) => window.__errors.push(e.detail));
  });
}

async function evaluated(page, action) {
  const n = await page.evaluate(() => window.__reports.length);
  await action();
  await page.waitForFunction((n) => window.__reports.length > n, n, { timeout: 60_000 });
  return page.evaluate(() => window.__reports.at(-1));
}

/** Pastes the six devices into the inventory's paste area. */
const pasteSix = (page) => evaluated(page, () => page.evaluate((text) => {
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  document.querySelector('hotpatch-planner').shadowRoot.querySelector('#paste')
    .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}, SIX));

/** Drops files on the release data's own drop zone. */
const dropRelease = (page, files) => page.evaluate((files) => {
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(new File([f.text], f.name));
  document.querySelector('hotpatch-planner').shadowRoot.querySelector('.release-drop')
    .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}, files);

/** The MSRC documents the page should ask for: the report's catalog.missing, as it is. */
const expectedUrls = (catalog) => catalog.missing.map((m) => m.url);

test('with release data that ends before the evaluation date, the overview leads with it and the refresh, and no count hides undetermined devices', async () => {
  const page = await open();
  const got = await pasteSix(page);
  assert.equal(got.summary.devices, 6);
  assert.equal(got.summary.undetermined, 6, 'the built-in data cannot place these builds in November 2026');
  // First after the as-of banner (shown when the test runs on another day than AS_OF).
  const order = await planner(page, '.overview > div > *').evaluateAll((els) => els.map((e) => e.className).filter((c) => !/as-of-banner/.test(c)));
  assert.match(order[0], /release-gap-notice/, 'the release data notice comes first');
  const first = planner(page, '.overview .release-gap-notice');
  const lead = await first.locator('.lead').textContent();
  const ends = got.catalog.lastMonth;
  const endsLabel = new Date(`${ends}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  assert.ok(lead.startsWith(`Release data ends ${endsLabel}: `), lead);
  assert.match(lead, /November 2026.* not known, so 6 of 6 devices are undetermined\.$/);
  assert.equal(await first.locator('button:text("Get the latest from Microsoft")').count(), 1, 'the refresh is right there');
  // Said once (issue 14: two notices said nearly the same thing): the next notice only adds
  // how later months are predicted.
  const others = await planner(page, '.overview p.notice.small').allTextContents();
  assert.ok(others.every((t) => !/ends with/.test(t)), JSON.stringify(others));
  const text = await shadowText(page);
  assert.ok(!text.includes('0 of 6'), 'no "0 of 6": the undetermined devices are not hidden in a count');
  const next = await planner(page, '.next').textContent();
  assert.match(next, /6 undetermined/);
  // The release data card says the same, per OS line.
  assert.match(await planner(page, '.release-gap').textContent(), /November 2026/);
  assert.ok(await planner(page, 'table.coverage tr[data-line="win11-24h2"]').count() === 1);
  await page.screenshot({ path: `${ARTIFACTS}release-overview.png`, fullPage: true });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== new URL(s.url).origin), [], 'nothing asked of another origin before the click');
});

/** Intercepts Microsoft's API: `respond(route)` answers; returns the list of URLs asked. */
async function interceptMsrc(page, respond) {
  const asked = [];
  await page.context().route(`${MSRC}**`, (route) => {
    asked.push(route.request().url());
    return respond(route);
  });
  return asked;
}

test('"Get the latest from Microsoft" asks for exactly the missing months\' CVRF documents, only on the click, and nothing else', async () => {
  const page = await open();
  const asked = await interceptMsrc(page, (route) => route.fulfill({
    status: 200, contentType: 'application/xml', headers: { 'Access-Control-Allow-Origin': '*' }, body: CVRF_FEB,
  }));
  const got = await pasteSix(page);
  assert.deepEqual(asked, [], 'nothing is fetched before the click');
  const want = expectedUrls(got.catalog);
  assert.ok(want.length > 0 && want.every((u) => u.startsWith(`${MSRC}cvrf/v3.0/cvrf/`)), want.join(' '));
  await planner(page, '.overview button:text("Get the latest from Microsoft")').click();
  await page.waitForFunction(() => /Release data loaded|Nothing was loaded|could not be read/.test(document.querySelector('hotpatch-planner').shadowRoot.querySelector('.release-status').textContent), null, { timeout: 60_000 });
  assert.deepEqual(asked, want, 'exactly the missing months, each once');
  const origin = new URL(s.url).origin;
  assert.deepEqual(page.requests.filter((u) => !u.startsWith('blob:') && new URL(u).origin !== origin), want, 'no request anywhere else');
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'the CSP allows Microsoft\'s API');
  assert.equal(await planner(page, '.release-failures [role=alert]').count(), 0);
  await page.screenshot({ path: `${ARTIFACTS}release-fetched.png`, fullPage: true });
});

test('the fetched CVRF document is read and listed as a source of the release data in use (needs the release module)', async () => {
  assert.ok(RELEASE_MODULE, 'pkg/web/release/hotpatch_planner_release.js is not built');
  const page = await open();
  await interceptMsrc(page, (route) => route.fulfill({
    status: 200, contentType: 'application/xml', headers: { 'Access-Control-Allow-Origin': '*' }, body: CVRF_FEB,
  }));
  await pasteSix(page);
  const after = await evaluated(page, () => planner(page, '.release button:text("Get the latest from Microsoft")').click());
  assert.equal(after.catalog.builtIn, false);
  assert.ok(after.catalog.sources.some((x) => x.kind === 'msrc-cvrf'), JSON.stringify(after.catalog.sources));
  await planner(page, '.source-list li[data-kind="msrc-cvrf"]').first().waitFor();
  assert.match(await planner(page, '.outcome-list').textContent(), /MSRC security update \(CVRF\)/);
  assert.match(await planner(page, '.release-summary').textContent(), /Release data you loaded/);
  assert.deepEqual(page.errors, []);
});

test('when Microsoft cannot be reached, the page lists the documents to open, save and drop', async () => {
  for (const [how, respond] of [
    ['offline', (route) => route.abort('internetdisconnected')],
    ['HTTP 503', (route) => route.fulfill({ status: 503, headers: { 'Access-Control-Allow-Origin': '*' }, body: 'busy' })],
  ]) {
    const page = await open();
    await interceptMsrc(page, respond);
    const got = await pasteSix(page);
    const want = expectedUrls(got.catalog);
    await planner(page, '.release button:text("Get the latest from Microsoft")').click();
    const alert = planner(page, '.release-failures [role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.textContent(), /could not be fetched from this page.*Open each link below in your browser, save what it shows as a file/, how);
    const links = await alert.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.href, text: a.textContent, target: a.target })));
    assert.deepEqual(links.map((l) => l.href), want, how);
    assert.ok(links.some((l) => l.text.startsWith('November 2026')), `${how}: named by month`);
    if (how === 'HTTP 503') assert.match(await alert.textContent(), /answered 503/);
    assert.match(await planner(page, '.release-status').textContent(), /Nothing could be fetched/);
    assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), [], how);
    if (how === 'offline') await page.screenshot({ path: `${ARTIFACTS}release-fetch-failed.png`, fullPage: true });
  }
});

test('the page\'s CSP allows api.msrc.microsoft.com to be fetched, and nothing else new', async () => {
  const page = await s.page();
  const response = await page.goto(`${s.url}www/`);
  const header = response.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = (policy) => Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values.join(' ')]));
  const want = {
    'default-src': "'self'",
    'script-src': "'self' 'wasm-unsafe-eval'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'connect-src': "'self' https://api.msrc.microsoft.com",
    'worker-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
  };
  assert.deepEqual(directives(meta), want);
  assert.deepEqual(directives(header), { ...want, 'frame-ancestors': "'self'" });
});

test('loaded release data is kept after a reload, downloads as a catalog file, and Remove goes back to the built-in data', async () => {
  const page = await open({ acceptDownloads: true });
  await pasteSix(page);
  // An invalid catalog is refused with its reason; the built-in data stays.
  await page.evaluate(() => { window.__statuses = []; });
  await dropRelease(page, [{ name: 'broken.json', text: '{"schemaVersion": 1, "lines": {"win11-24h2": {"months": [{"month": "2026-13"}]}}}' }]);
  await planner(page, '.release-status').filter({ hasText: /^Not used: / }).waitFor({ timeout: 30_000 });
  assert.match(await planner(page, '.release-summary').textContent(), /^Built-in release data/);
  // A valid one (the built-in catalog's own file, loaded as a user catalog) is used and kept.
  const loaded = await evaluated(page, () => dropRelease(page, [{ name: 'catalog-2026-08.json', text: CATALOG }]));
  assert.equal(loaded.catalog.builtIn, false);
  await planner(page, '.release-status').filter({ hasText: 'Release data loaded from catalog-2026-08.json' }).waitFor();
  assert.match(await planner(page, '.release-summary').textContent(), /^Release data you loaded/);
  assert.match(await planner(page, '.source-list').textContent(), /catalog-2026-08\.json/);
  assert.equal(await page.evaluate(() => document.querySelector('hotpatch-planner').summary.devices), 6, 'the file was release data, not inventory');
  // Kept after a reload.
  await page.reload();
  await watch(page);
  await planner(page, '.release-summary').filter({ hasText: /^Release data you loaded/ }).waitFor({ timeout: 30_000 });
  assert.match(await planner(page, '.source-list').textContent(), /catalog-2026-08\.json/);
  assert.match(await planner(page, '.kept-note').textContent(), /^Kept in this browser since /);
  // Download: a catalog file that parses, the data that was loaded.
  const [file] = await Promise.all([page.waitForEvent('download'), planner(page, 'button:text("Download release data (.json)")').click()]);
  assert.match(file.suggestedFilename(), /^hotpatch-catalog-\d{4}-\d{2}-\d{2}\.json$/);
  const downloaded = JSON.parse(readFileSync(await file.path(), 'utf8'));
  assert.ok(downloaded.lines && downloaded.lines['win11-24h2'], 'a catalog');
  // Remove: back to the built-in data, also after a reload.
  const removed = await evaluated(page, () => planner(page, 'button:text("Remove loaded release data")').click());
  assert.equal(removed.catalog.builtIn, true);
  assert.match(await planner(page, '.release-summary').textContent(), /^Built-in release data/);
  assert.equal(await page.evaluate(() => localStorage.getItem('hotpatch-planner:release')), null);
  await page.reload();
  await planner(page, '.release-summary').filter({ hasText: /^Built-in release data/ }).waitFor({ timeout: 30_000 });
  assert.deepEqual(page.errors, []);
});

test('storage-key="none": loaded release data is used but not kept', async () => {
  const page = await open();
  await page.evaluate(() => document.querySelector('hotpatch-planner').setAttribute('storage-key', 'none'));
  await evaluated(page, () => dropRelease(page, [{ name: 'catalog.json', text: CATALOG }]));
  await planner(page, '.kept-note').filter({ hasText: 'Storage is off' }).waitFor();
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith(':release')).length), 0);
});

test('catalog-src loads a same-origin catalog at start; another origin is refused with an error event', async () => {
  const page = await s.page();
  await page.route('**/www/test-data/catalog-2026-08.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: CATALOG }));
  await page.goto(`${s.url}www/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await watch(page);
  await page.evaluate(() => { document.querySelector('hotpatch-planner').catalogSrc = 'test-data/catalog-2026-08.json'; });
  // The first evaluation may still be the built-in data's; the catalog's follows.
  await page.waitForFunction(() => window.__reports.some((r) => r.catalog.builtIn === false), null, { timeout: 30_000 });
  assert.equal(await page.evaluate(() => document.querySelector('hotpatch-planner').getAttribute('catalog-src')), 'test-data/catalog-2026-08.json', 'the property reflects to its attribute');
  assert.match(await planner(page, '.release-summary').textContent(), /^Release data provided by this page/);
  assert.equal(await page.evaluate(() => localStorage.getItem('hotpatch-planner:release')), null, 'the page\'s data is read again at each visit, not kept');
  // Another origin: refused, never requested.
  await page.evaluate(() => { document.querySelector('hotpatch-planner').setAttribute('catalog-src', 'https://example.invalid/catalog.json'); });
  await page.waitForFunction(() => window.__errors.length > 0);
  const error = await page.evaluate(() => window.__errors[0]);
  assert.equal(error.code, 'INVALID_CATALOG_SRC');
  assert.match(error.message, /must be on this page's origin/);
  assert.ok(page.requests.every((u) => !u.includes('example.invalid')));
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no accessibility violations in the release data card and the overview\'s notice, with a failed fetch listed', async () => {
  const axe = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await open({ bypassCSP: true, colorScheme });
    await interceptMsrc(page, (route) => route.abort('internetdisconnected'));
    await pasteSix(page);
    await planner(page, '.release button:text("Get the latest from Microsoft")').click();
    await planner(page, '.release-failures [role=alert]').waitFor({ timeout: 30_000 });
    await planner(page, '.release-paste > summary').click();
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('hotpatch-planner'), { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(violations, [], colorScheme);
  }
});
