// The evaluate cases against the built web package (pkg/web) in headless Chromium: the call
// runs in the page, the checks in Node on what it returned.
import { test, before, after } from 'node:test';
import { session } from '../lib/browser.mjs';
import { evaluateCases, makeCalls } from '../shared/evaluate.cases.mjs';

let s;
let page;
before(async () => {
  s = await session();
  // The page's CSP forbids eval, as it should; only this harness needs it to install the calls.
  page = await s.page({ bypassCSP: true });
  await page.goto(`${s.url}www/`);
  await page.evaluate(async ([pkgUrl, makeCallsSource]) => {
    const api = await import(pkgUrl);
    await api.default();
    window.__calls = (0, eval)(`(${makeCallsSource})`)(api);
  }, [`${s.url}pkg/web/hotpatch_planner.js`, makeCalls.toString()]);
});
after(() => s?.close());

for (const c of evaluateCases) {
  test(`web build: ${c.name}`, async () => {
    const result = await page.evaluate(([fn, args]) => window.__calls[fn](...args), [c.fn, c.args]);
    c.check(result);
  });
}
