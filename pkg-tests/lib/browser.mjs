// Headless Chromium for the package tests: Debian's /usr/bin/chromium driven by
// playwright-core (which cannot download its own browser here), plus the project's static
// server on a free port.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium with flags that keep it off the (closed) network. */
export function launch() {
  return chromium.launch(LAUNCH);
}

// `JSFLAGS` (e.g. `--no-liftoff --no-wasm-lazy-compilation`) passes V8 flags, for
// measurements that take a part of the engine out of the picture (DESIGN.md "The first
// evaluation"); no test sets it, and a page cannot ask for it.
const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : [])],
};

/**
 * Starts the server and a browser; returns `{ url, browser, page(), close() }`.
 * `page()` opens a page that fails the test on any uncaught page error or console error,
 * and records every request URL in `page.requests`.
 */
export async function session(serverOptions = {}, { profile } = {}) {
  const { server, url } = await startServer({ port: 0, ...serverOptions });
  // With `profile` (a directory), pages open in one browser profile kept on disk, as a
  // user's own Chromium is, instead of a private context: a private context keeps every Blob
  // in memory (2 GB in all), a profile pages large ones to disk (a million devices' report).
  // Its pages share that one context, so `page(options)` ignores the options then (it
  // accepts downloads).
  const persistent = profile && await chromium.launchPersistentContext(profile, { ...LAUNCH, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  // (A persistent context has no Browser object of its own: `browser` is null then.)
  const browser = persistent ? persistent.browser() : await launch();
  const pages = [];
  return {
    url,
    browser,
    async page(options = {}) {
      const context = persistent ?? await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
      const page = await context.newPage();
      page.errors = [];
      page.requests = [];
      page.on('pageerror', (err) => page.errors.push(err.message));
      page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
      page.on('request', (req) => page.requests.push(req.url()));
      pages.push(page);
      return page;
    },
    async close() {
      await (persistent ?? browser).close();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * A page on the server's origin that loads no module of the planner, for benchmarks that start
 * workers there. V8 keeps one compiled module per process for the same bytes, shared by all
 * their instances (workers' too) with the code it has optimised: a page whose own worker holds
 * the planner's module (`www/` does) keeps that code alive, and a new worker's first
 * evaluation then runs code earlier workers optimised (DESIGN.md "The first evaluation").
 * Writes `pkg/bench-data/blank.html` (the server serves pkg/).
 */
export async function blankPage(s, options = {}) {
  const dir = new URL('../../pkg/bench-data/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('blank.html', dir), '<!doctype html><meta charset="utf-8"><title>benchmark</title>\n');
  const page = await s.page(options);
  await page.goto(`${s.url}pkg/bench-data/blank.html`);
  return page;
}

/**
 * A fresh page on the planner (`www/`) with localStorage cleared, recording every
 * Content-Security-Policy violation in `window.__csp`.
 */
export async function openPlanner(s, options = {}) {
  const page = await s.page(options);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${s.url}www/`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  return page;
}

/**
 * Starts watching the page's main thread: a heartbeat every 16 ms (its longest gap is the
 * longest the page was unresponsive) and the Long Tasks API (tasks of 50 ms and more).
 * Returns `stop()`, which resolves to `{ gaps, long }` (milliseconds).
 */
export async function watchMainThread(page) {
  await page.evaluate(() => {
    window.__gaps = [];
    window.__long = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    let last = performance.now();
    window.__beat = setInterval(() => {
      const now = performance.now();
      window.__gaps.push(now - last);
      last = now;
    }, 16);
  });
  return () => page.evaluate(() => {
    clearInterval(window.__beat);
    return { gaps: window.__gaps, long: window.__long };
  });
}
