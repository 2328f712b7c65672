// Runs one suite of API cases ({ name, fn, args, check }) against a build of the package, the
// way lightningcss runs one suite against each of its builds. `makeCalls(api)` returns the
// functions the cases name (or the API itself); in the browser it is sent to the page as
// source text and runs there. A call's result comes back as { value } or, when it threw,
// { error: { isError, code, field, message } }, and `check` runs in Node on that.
import { test, before, after } from 'node:test';
import { createRequire } from 'node:module';
import { session } from './browser.mjs';

/** `fn()` as { value } or { error }. Self-contained: it is also sent to the page. */
export function attempt(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: { isError: e instanceof Error, code: e.code, field: e.field, message: e.message } };
  }
}

/** The calls the calendar cases make: the API's own functions. */
export const apiItself = (api) => api;

/** The cases against the built Node package (pkg/node). */
export function runInNode(cases, makeCalls) {
  const api = createRequire(import.meta.url)('../../pkg/node/hotpatch_planner.js');
  const calls = makeCalls(api);
  for (const c of cases) {
    test(c.name, () => c.check(attempt(() => calls[c.fn](...c.args))));
  }
}

/**
 * The cases against the built web package in headless Chromium, on the planner's page: the
 * core module (pkg/web) unless `module` names another (the full module,
 * pkg/web/release/hotpatch_planner_release.js). Returns the session getter, for suites that
 * also test the page itself.
 */
export function runInBrowser(cases, makeCalls, { module = 'pkg/web/hotpatch_planner.js', label = 'web build' } = {}) {
  let s;
  let page;
  before(async () => {
    s = await session();
    // The page's CSP forbids eval, as it should; only this harness needs it to install the calls.
    page = await s.page({ bypassCSP: true });
    await page.goto(`${s.url}www/`);
    await page.evaluate(async ([pkgUrl, makeSource, attemptSource]) => {
      const api = await import(pkgUrl);
      await api.default();
      const calls = (0, eval)(`(${makeSource})`)(api);
      const run = (0, eval)(`(${attemptSource})`);
      window.__call = (fn, args) => run(() => calls[fn](...args));
    }, [`${s.url}${module}`, makeCalls.toString(), attempt.toString()]);
  });
  after(() => s?.close());
  for (const c of cases) {
    test(`${label}: ${c.name}`, async () => {
      c.check(await page.evaluate(([fn, args]) => window.__call(fn, args), [c.fn, c.args]));
    });
  }
  return () => s;
}
