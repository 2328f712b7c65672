// The calendar cases against the built web package (pkg/web) in headless Chromium, and the
// calendar page itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInBrowser, apiItself } from '../lib/cases.mjs';
import { calendarCases } from '../shared/calendar.cases.mjs';

// Release data given as `catalog` is read by the full module (the core module carries the
// built-in catalog only: DESIGN.md "Size"; modules.cases.mjs checks what the core says).
// releaseCalendar and lookupBuild are the full module's altogether: the page's calendar section
// loads that module when it is shown (DESIGN.md "Size").
const full = (c) => c.releaseData || c.fn === 'lookupBuild' || c.fn === 'releaseCalendar';
const session = runInBrowser(calendarCases.filter((c) => !full(c)), apiItself);
runInBrowser(calendarCases.filter(full), apiItself, { module: 'pkg/web/release/hotpatch_planner_release.js', label: 'web full module' });

test('the page shows the 2026 Windows 11 calendar with June unplanned, September and October of unknown type, and later months predicted', async () => {
  const s = session();
  const p = await s.page({ viewport: { width: 1280, height: 1500 } });
  await p.goto(`${s.url}www/#line=win11-24h2&from=2026-01&months=12`);
  await p.waitForSelector('.month');
  const cards = await p.$$eval('.month', (els) => els.map((e) => ({ month: e.dataset.month, cls: e.className, text: e.textContent })));
  assert.equal(cards.length, 12);
  const june = cards.find((c) => c.month === '2026-06');
  assert.match(june.cls, /\bunplanned\b/);
  assert.match(june.text, /Unplanned baseline · restart/);
  assert.match(june.text, /KB5094126 → 26100\.8655/);
  assert.match(cards[1].text, /Hotpatch · no restart/);
  assert.match(cards[1].text, /KB5077212 → 26100\.7781/);
  assert.match(cards[1].text, /KB5077181 → 26100\.7840/);
  assert.deepEqual(cards.filter((c) => /\bpredicted\b/.test(c.cls)).map((c) => c.month), ['2026-11', '2026-12']);
  assert.deepEqual(cards.filter((c) => /\btype-unknown\b/.test(c.cls)).map((c) => c.month), ['2026-09', '2026-10']);
  assert.match(cards[8].text, /type not published/);
  assert.match(cards[8].text, /Standard update.*KB5124008 → 26100\.9445/);
  assert.match(cards[4].text, /Optional preview.*KB5089573/);
  assert.match(cards[9].cls, /\bbaseline\b/);
  assert.match(await p.textContent('#cal-notice'), /ends with 2026-10: 2 months are predicted.*Microsoft has not said whether 2026-09, 2026-10 were hotpatch or baseline months/);
  // Changing the line re-renders.
  await p.selectOption('select[name=line]', 'ws2022');
  await p.waitForFunction(() => document.querySelector('.month h3')?.textContent === 'January 2026' && /5020/.test(document.body.textContent));
  assert.match(await p.textContent('#cal-notice'), /ends with 2026-10: 2 months are predicted/);
  await p.screenshot({ path: 'pkg-tests/artifacts/calendar.png', fullPage: true });
  assert.deepEqual(p.errors, []);
  assert.ok(p.requests.every((u) => new URL(u).origin === new URL(s.url).origin), 'every request stays on the origin');
});
