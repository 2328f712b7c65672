// Microsoft's own readiness in the planner page (README "Input formats", Microsoft's own
// readiness): Windows Autopatch device profiles loaded beside a Graph export and a Device
// Guard probe, in headless Chromium. Every count and sentence is checked against the report
// the page's own API returns (and that report against the Node package's), never against
// numbers written here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { openPlanner, session } from '../lib/browser.mjs';

const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
const sample = (file) => readFileSync(new URL(`../../www/samples/${file}`, import.meta.url), 'utf8');
const AS_OF = '2026-05-20';
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const FILES = ['graph.json', 'deviceguard.json', 'autopatch.json'];

let s;
before(async () => {
  s = await session();
});
after(() => s?.close());

const planner = (page, selector) => page.locator(`hotpatch-planner ${selector}`);

/** A fresh planner page evaluating as of AS_OF, recording every hotpatch-report event. */
async function open(options = {}) {
  const page = await openPlanner(s, options);
  await page.evaluate(() => {
    window.__reports = [];
    document.querySelector('hotpatch-planner').addEventListener('hotpatch-report', (e) => window.__reports.push(e.detail));
  });
  await planner(page, 'details.settings > summary').click();
  await evaluated(page, async () => {
    await planner(page, '#as-of').fill(AS_OF);
    await planner(page, '#as-of').dispatchEvent('change');
  });
  await planner(page, 'details.settings > summary').click();
  return page;
}

/**
 * Runs `action`, waits for the evaluation it causes, and returns the whole report through the
 * element's API. A field's input and change events can each start an evaluation: a report
 * read while a newer one runs is refused (as it should be), and the newer one's is read.
 */
async function evaluated(page, action) {
  const before = await page.evaluate(() => window.__reports.length);
  await action();
  await page.waitForFunction((n) => window.__reports.length > n, before, { timeout: 60_000 });
  for (;;) {
    const seen = await page.evaluate(() => window.__reports.length);
    try {
      return await page.evaluate(() => document.querySelector('hotpatch-planner').report);
    } catch (e) {
      if (!/a newer evaluation replaced this report/.test(e.message)) throw e;
      await page.waitForFunction((n) => window.__reports.length > n, seen, { timeout: 60_000 });
    }
  }
}

/** Loads the Graph + Device Guard + Windows Autopatch sample with the sample menu. */
const loadSample = (page, id = 'graph+deviceguard+autopatch') => evaluated(page, () => planner(page, '#sample').selectOption(id));

const countLine = (page) => planner(page, '.count-line').textContent();
async function waitForCount(page, n) {
  await page.waitForFunction((n) => document.querySelector('hotpatch-planner').shadowRoot.querySelector('.count-line').textContent.startsWith(`Showing ${n} `), n);
}
const visibleKeys = (page) => page.evaluate(() => [...document.querySelector('hotpatch-planner').shadowRoot.querySelectorAll('.grid .r:not([hidden])')]
  .filter((r) => r.dataset.key).map((r) => r.dataset.key).sort());

async function openDevice(page, key) {
  await planner(page, '#search').fill(key);
  await waitForCount(page, 1);
  await planner(page, `.grid .r[data-key="${key}"]`).click();
  await planner(page, 'dialog.detail[open]').waitFor();
  assert.equal((await planner(page, '#detail-title').textContent()).toLowerCase(), key);
}

async function closeDevice(page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('hotpatch-planner').shadowRoot.querySelector('dialog.detail').open);
  await planner(page, 'button:text("Clear filters")').click();
}

test('the Autopatch sample is in the sample menu and is read as Windows Autopatch device profiles', async () => {
  const page = await open();
  const report = await loadSample(page);
  assert.deepEqual(report.inputs.map((i) => i.format), ['graph', 'deviceguard', 'autopatch']);
  const want = api.evaluate(FILES.map(sample), { asOf: AS_OF });
  assert.deepEqual(report.summary, want.summary, 'the page evaluates as the Node package does');
  assert.deepEqual(report.devices.map((d) => [d.key, d.microsoft ?? null]), want.devices.map((d) => [d.key, d.microsoft ?? null]));
  assert.deepEqual(report.errors, []);
  const listed = await planner(page, '.input-list li[data-input="2"]').textContent();
  assert.match(listed, new RegExp(`autopatch\\.json.*Windows Autopatch device profiles · ${report.inputs[2].records} records`));
  // The sample exercises every kind of comparison.
  const m = report.summary.microsoft;
  assert.ok(m.disagree > 0 && m.plannerUndetermined > 0 && m.agree > 0, JSON.stringify(m));
  assert.equal(m.ready + m.notReady, m.devices);
  assert.equal(m.agree + m.disagree + m.plannerUndetermined, m.devices);
  assert.deepEqual(page.errors, []);
});

test('the overview says how Autopatch rates the fleet and where the planner agrees, disagrees or cannot decide; "show them" filters the table', async () => {
  const page = await open();
  const report = await loadSample(page);
  const m = report.summary.microsoft;
  const n = (x) => x.toLocaleString('en');
  const sentence = (await planner(page, '.microsoft-sentence').textContent()).replace(/\s+/g, ' ');
  assert.ok(sentence.startsWith(`Windows Autopatch rates ${n(m.devices)} devices: ${n(m.ready)} ready, ${n(m.notReady)} not ready. The planner agrees on ${n(m.agree)}, `), sentence);
  assert.ok(sentence.includes(`disagrees on ${n(m.disagree)} (show ${m.disagree === 1 ? 'it' : 'them'})`), sentence);
  assert.ok(sentence.includes(`and cannot decide ${n(m.plannerUndetermined)} (show ${m.plannerUndetermined === 1 ? 'it' : 'them'})`), sentence);
  const unrated = report.summary.devices - m.devices;
  if (unrated) assert.ok(sentence.includes(`${n(unrated)} of the ${n(report.summary.devices)} Windows devices`), sentence);
  else assert.ok(!/not in Autopatch/.test(sentence), 'every device is rated: nothing unknown to report');
  // The overview and the device table, as an admin sees them on a 1280 px screen.
  const top = await planner(page, 'section.overview').boundingBox();
  const bottom = await planner(page, 'section.devices').boundingBox();
  await page.screenshot({ path: `${ARTIFACTS}readiness-overview.png`, fullPage: true, clip: { x: 0, y: top.y - 8, width: 1280, height: bottom.y + bottom.height - top.y + 16 } });

  // "show them": exactly the devices where the two disagree, with the filter set to say so.
  const disagree = report.devices.filter((d) => d.microsoft?.agreement === 'disagree').map((d) => d.key).sort();
  await planner(page, '.microsoft-summary button[data-filter=disagree]').click();
  await waitForCount(page, disagree.length);
  assert.deepEqual(await visibleKeys(page), disagree);
  assert.equal(await planner(page, '#filter-autopatch').inputValue(), 'disagree');
  assert.match(await countLine(page), new RegExp(`^Showing ${disagree.length} of ${report.summary.devices} devices \\(filtered\\)\\.`));
  for (const key of disagree) {
    const chip = planner(page, `.grid .r[data-key="${key}"] .col-autopatch .chip`);
    assert.match(await chip.getAttribute('class'), /\bdisagree\b/, key);
    assert.match(await chip.textContent(), /≠ (Ready|Not ready), the planner disagrees/, key);
  }
  // The same filter from the menu, with the keyboard; and the planner-undetermined ones.
  const undetermined = report.devices.filter((d) => d.microsoft?.agreement === 'plannerUndetermined').map((d) => d.key).sort();
  await planner(page, '#filter-autopatch').focus();
  await planner(page, '#filter-autopatch').selectOption('plannerUndetermined');
  await waitForCount(page, undetermined.length);
  assert.deepEqual(await visibleKeys(page), undetermined);
  // Sorting by the Autopatch column puts the disagreements first.
  await planner(page, 'button:text("Clear filters")').click();
  await planner(page, '[role=columnheader][data-key=autopatch] button').click();
  await page.waitForFunction(() => document.querySelector('hotpatch-planner').shadowRoot.querySelector('[data-key=autopatch]').getAttribute('aria-sort') === 'ascending');
  await page.waitForTimeout(100);
  const order = await page.evaluate(() => [...document.querySelector('hotpatch-planner').shadowRoot.querySelectorAll('.grid .r:not([hidden])')]
    .filter((r) => r.dataset.key).sort((a, b) => a.getAttribute('aria-rowindex') - b.getAttribute('aria-rowindex')).map((r) => r.dataset.key));
  assert.deepEqual(order.slice(0, disagree.length).sort(), disagree);
  assert.deepEqual(page.errors, []);
});

test('a device where Autopatch and the planner disagree shows both verdicts and a warning with the reason', async () => {
  const page = await open();
  const report = await loadSample(page);
  const disagreeing = report.devices.filter((d) => d.microsoft?.agreement === 'disagree');
  assert.ok(disagreeing.length > 0);
  // The one the brief is about first: Device Guard says VBS is not running, Autopatch says ready.
  disagreeing.sort((a, b) => (b.checks.vbs === 'fail') - (a.checks.vbs === 'fail'));
  for (const [i, d] of disagreeing.entries()) {
    await openDevice(page, d.key);
    const says = { ready: 'Ready', notReady: 'Not ready' }[d.microsoft.hotpatchReadiness];
    assert.equal((await planner(page, 'dialog.detail .microsoft-verdict').textContent()).trim(), `Microsoft (Windows Autopatch) says: ${says}`);
    assert.match(await planner(page, 'dialog.detail .planner-verdict').textContent(), { lcu: /LCU every month until fixed|Hotpatch after one catch-up restart|LCU until the .* baseline, then hotpatch/, hotpatch: /Hotpatch/ }[d.verdict]);
    const note = planner(page, 'dialog.detail .microsoft-note.disagree');
    assert.ok(await note.isVisible(), d.key);
    assert.match(await note.getAttribute('class'), /\bwarn\b/, 'a warning');
    assert.equal(await note.locator('.microsoft-detail').textContent(), d.microsoft.detail, 'the core\'s reason, word for word');
    assert.match(await note.textContent(), new RegExp(`disagree: Autopatch says ${says.toLowerCase()}`));
    if (i === 0) await page.screenshot({ path: `${ARTIFACTS}readiness-detail.png` });
    await closeDevice(page);
  }
  // Planner undetermined: a plain note (no warning), with the reason.
  const undetermined = report.devices.find((d) => d.microsoft?.agreement === 'plannerUndetermined');
  await openDevice(page, undetermined.key);
  const note = planner(page, 'dialog.detail .microsoft-note');
  assert.doesNotMatch(await note.getAttribute('class'), /\bwarn\b/);
  assert.equal(await note.locator('.microsoft-detail').textContent(), undetermined.microsoft.detail);
  assert.match(await note.textContent(), /the planner cannot decide/);
  await closeDevice(page);
  // Agreement: Autopatch's verdict, no note.
  const agreeing = report.devices.find((d) => d.microsoft?.agreement === 'agree');
  await openDevice(page, agreeing.key);
  assert.match(await planner(page, 'dialog.detail .microsoft-verdict').textContent(), /says: (Ready|Not ready) The planner agrees\./);
  assert.equal(await planner(page, 'dialog.detail .microsoft-note').count(), 0);
  await closeDevice(page);
  assert.deepEqual(page.errors, []);
});

test('a Windows 10 device has no hotpatch track, shown in full in the table and the detail', async () => {
  const page = await open();
  const report = await loadSample(page);
  const win10 = report.devices.filter((d) => d.track === 'none');
  assert.ok(win10.length > 0, 'the samples have a Windows 10 device');
  for (const d of win10) {
    const cell = planner(page, `.grid .r[data-key="${d.key}"] .col-track`);
    assert.equal(await cell.textContent(), 'No hotpatch track');
    assert.ok(await cell.isVisible(), 'the track column is shown at this width');
    assert.ok(await cell.evaluate((c) => c.scrollWidth <= c.clientWidth), 'not cut off');
    await openDevice(page, d.key);
    assert.equal(await planner(page, 'dialog.detail .track').textContent(), 'Track: No hotpatch track');
    await closeDevice(page);
  }
  assert.deepEqual(page.errors, []);
});

test('without Autopatch data nothing about it is shown; its profiles read from .txt and .csv files too', async () => {
  const page = await open();
  const plain = await loadSample(page, 'graph+deviceguard');
  assert.equal(plain.summary.microsoft, undefined);
  assert.equal(await planner(page, '.microsoft-summary').count(), 0);
  assert.equal(await planner(page, '#filter-autopatch').isVisible(), false);
  assert.equal(await planner(page, '[role=columnheader][data-key=autopatch]').isVisible(), false);
  await planner(page, '.grid .r[data-key]').first().click();
  await planner(page, 'dialog.detail[open]').waitFor();
  assert.equal(await planner(page, 'dialog.detail .microsoft-verdict').count(), 0);
  assert.equal(await planner(page, 'dialog.detail .microsoft-note').count(), 0);
  await page.keyboard.press('Escape');

  // The same profiles as a .txt file and as the CSV an Export-Csv writes, dropped on the page.
  const json = JSON.parse(sample('autopatch.json')).value;
  const columns = ['id', 'azureAdDeviceId', 'deviceName', 'deviceModel', 'osBuild', 'osStatus', 'hotpatchReadiness'];
  const csv = [columns.map((c) => `"${c}"`).join(','), ...json.map((d) => columns.map((c) => `"${d[c]}"`).join(','))].join('\r\n');
  const want = api.evaluate(FILES.map(sample), { asOf: AS_OF });
  for (const [name, text] of [['autopatch.txt', sample('autopatch.json')], ['autopatch.csv', csv]]) {
    await evaluated(page, () => planner(page, 'button:text("Clear inventory")').click());
    const got = await evaluated(page, () => page.evaluate(([files]) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.text], f.name));
      document.querySelector('hotpatch-planner').shadowRoot.querySelector('.drop')
        .dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [[{ name: 'graph.json', text: sample('graph.json') }, { name: 'deviceguard.json', text: sample('deviceguard.json') }, { name, text }]]));
    assert.equal(got.inputs[2].format, 'autopatch', name);
    assert.deepEqual(got.summary.microsoft, want.summary.microsoft, name);
    assert.match(await planner(page, '.input-list li[data-input="2"]').textContent(), /Windows Autopatch device profiles/);
  }
  assert.deepEqual(page.errors, []);
});

test('axe-core finds no accessibility violations with Autopatch data, light and dark, with a disagreeing device open', async () => {
  const axe = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
  for (const colorScheme of ['light', 'dark']) {
    const page = await open({ bypassCSP: true, colorScheme });
    const report = await loadSample(page);
    await page.addScriptTag({ content: axe });
    const run = () => page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('hotpatch-planner'), { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(await run(), [], `${colorScheme}: overview and table`);
    await openDevice(page, report.devices.find((d) => d.microsoft?.agreement === 'disagree').key);
    assert.deepEqual(await run(), [], `${colorScheme}: device detail`);
    assert.deepEqual(page.errors, []);
  }
});
