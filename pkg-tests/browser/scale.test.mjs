// Issue 13, "done when": the page handles a 1,000,000-device Microsoft Graph export in
// headless Chromium without freezing the main thread for more than 100 ms at a time. The
// file goes in through the file picker, as an admin would give it; the page's heartbeat
// measures the longest main-thread gap, and the browser's resident memory (every Chromium
// process, from /proc) is sampled throughout. The numbers are printed for the README.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, closeSync, fstatSync, openSync, readSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPlanner, session, watchMainThread } from '../lib/browser.mjs';
import { writeGraphExport } from '../lib/fleet.mjs';
import { occurrences } from '../lib/files.mjs';

const DEVICES = Number(process.env.SCALE_DEVICES ?? 1_000_000);

let s;
let dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hp-scale-'));
  // A profile on disk, as an admin's own browser has: the downloads of a million devices are
  // Blobs of gigabytes, which a private context cannot hold (worker.js says so instead).
  s = await session({}, { profile: join(dir, 'profile') });
});
after(async () => {
  await s?.close();
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** Resident memory of every Chromium process, in bytes (Linux /proc). */
function chromiumRss() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (!/^Name:\s*(chrom|headless)/m.test(status)) continue;
      total += Number(/^VmRSS:\s*(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // the process ended
    }
  }
  return total;
}

/** Bytes free to this user on the file system holding `path`. */
function freeBytes(path) {
  const { bavail, bsize } = statfsSync(path);
  return bavail * bsize;
}

/** The first line and the last 5 bytes of the file at `path`, read without reading it all. */
function ends(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(64);
    readSync(fd, head, 0, 64, 0);
    const tail = Buffer.alloc(5);
    readSync(fd, tail, 0, 5, fstatSync(fd).size - 5);
    return [head.toString('utf8').split('\n').slice(0, 2).join('\n'), tail.toString('utf8')];
  } finally {
    closeSync(fd);
  }
}

test(`a ${DEVICES.toLocaleString('en')}-device Graph export: evaluated in the worker, the main thread never frozen over 100 ms`, { timeout: 900_000 }, async () => {
  // The export and the three downloads are ~3.8 KB a device on disk (398 + 2,486 + 884 MB at a
  // million, with the calendar small), all under the temporary directory, where Chromium
  // writes downloads too; the profile's blob storage may hold the JSON and CSV Blobs as well
  // while their URLs live (`save` in hotpatch-planner.js): up to ~7.3 KB a device. A full disk
  // makes Chromium cancel a download ("canceled", and nothing else said): one CI run failed so,
  // with the machine's disk filled by other work. Said first, plainly, rather than after
  // minutes of work.
  const needed = DEVICES * 8_000;
  assert.ok(freeBytes(dir) >= needed, `this test writes ~${(needed / 1e9).toFixed(1)} GB under ${tmpdir()}; ${(freeBytes(dir) / 1e9).toFixed(1)} GB are free`);
  const file = join(dir, 'managedDevices.json');
  writeGraphExport(file, DEVICES, 13, writeFileSync, appendFileSync);
  const size = statSync(file).size;
  const page = await openPlanner(s, { acceptDownloads: true });
  await page.evaluate(() => {
    window.__reports = [];
    document.querySelector('hotpatch-planner').addEventListener('hotpatch-report', (e) => window.__reports.push(e.detail));
  });
  const stop = await watchMainThread(page);
  const idle = chromiumRss();
  let peak = idle;
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRss()); }, 250);
  // The page reports its empty state too: wait for the report of this file.
  const started = Date.now();
  try {
    await page.locator('hotpatch-planner .inputs input[type=file][multiple]').setInputFiles(file);
    await page.waitForFunction(() => window.__reports.some((r) => r.summary.devices > 0), null, { timeout: 600_000, polling: 500 });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (Date.now() - started) / 1000;
  // Only these fields: reading the detail's `report` would ask for the whole report.
  const detail = await page.evaluate(() => {
    const d = window.__reports.find((r) => r.summary.devices > 0);
    return { summary: d.summary, errorCount: d.errorCount };
  });
  // The table answers at the far end as at the start: scrolled near the end, then to it, the
  // last device is in view and the scrollable area has not grown past the table (a scaled
  // scrollbar places rows relative to the view).
  const viewport = page.locator('hotpatch-planner .viewport');
  const spacer = await viewport.evaluate((v) => v.scrollHeight);
  await viewport.evaluate((v) => { v.scrollTop = v.scrollHeight - v.clientHeight - 300; });
  await page.waitForTimeout(300);
  await viewport.evaluate((v) => { v.scrollTop = v.scrollHeight; });
  const last = await page.waitForFunction((n) => {
    const root = document.querySelector('hotpatch-planner').shadowRoot;
    const v = root.querySelector('.viewport').getBoundingClientRect();
    const row = [...root.querySelectorAll('.grid .r')].find((r) => !r.hidden && r.getAttribute('aria-rowindex') === String(n + 1) && r.dataset.key);
    if (!row) return null;
    const b = row.getBoundingClientRect();
    return b.top >= v.top - 1 && b.bottom <= v.bottom + 1 ? row.dataset.key : null;
  }, DEVICES, { timeout: 60_000 });
  assert.ok(await last.jsonValue(), 'the last device is in view');
  assert.equal(await viewport.evaluate((v) => v.scrollHeight), spacer, 'the scrollable area stays the table');
  // The keyboard goes there too: Home, then End, focuses the last row without moving the view away.
  await page.locator('hotpatch-planner .grid .r:not([hidden])').first().focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await page.waitForFunction((n) => document.querySelector('hotpatch-planner').shadowRoot.activeElement?.getAttribute('aria-rowindex') === String(n + 1), DEVICES, { timeout: 30_000 });
  // A filter over every device, from the overview.
  await page.locator('hotpatch-planner .tile[data-verdict=undetermined] button').click();
  await page.waitForFunction((n) => document.querySelector('hotpatch-planner').shadowRoot.querySelector('.count-line').textContent.startsWith(`Showing ${n.toLocaleString('en')} `), detail.summary.undetermined, { timeout: 60_000 });
  peak = Math.max(peak, chromiumRss());
  const { gaps, long } = await stop();
  // Every download of every device (issue 15): the JSON report (written in parts, far past a
  // JS string's limit at a million devices), the CSV and the fleet's calendar. The main
  // thread is watched apart: the browser's own handling of a file of gigabytes is not the
  // page's evaluation.
  const stopDownloads = await watchMainThread(page);
  await page.locator('hotpatch-planner button:text("Clear filters")').click();
  await page.waitForFunction((n) => document.querySelector('hotpatch-planner').shadowRoot.querySelector('.count-line').textContent === `${n.toLocaleString('en')} devices.`, DEVICES, { timeout: 60_000 });
  const downloads = {};
  for (const [label, kind] of [['JSON report', 'json'], ['CSV', 'csv'], ['Calendar (.ics)', 'ics']]) {
    const begun = Date.now();
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), page.locator(`hotpatch-planner .exports button:text("${label}")`).click()]);
    // A canceled download says only "canceled": say which one, and what the disk had left.
    const path = await file.path().catch(async (e) => {
      throw new Error(`the ${label} download failed (${await file.failure()}) after ${((Date.now() - begun) / 1000).toFixed(1)} s, with ${(freeBytes(dir) / 1e9).toFixed(1)} GB free under ${tmpdir()}`, { cause: e });
    });
    downloads[kind] = { path, seconds: (Date.now() - begun) / 1000, size: statSync(path).size };
    peak = Math.max(peak, chromiumRss());
  }
  const downloading = await stopDownloads();
  const worst = Math.max(...gaps);
  const longest = Math.max(0, ...long);
  const mb = (n) => `${Math.round(n / 1e6).toLocaleString('en')} MB`;
  console.log(`${DEVICES.toLocaleString('en')} Graph devices (${mb(size)}): ${seconds.toFixed(1)} s from file to report; longest main-thread task ${longest.toFixed(0)} ms (${long.length} over 50 ms), longest heartbeat gap ${worst.toFixed(0)} ms over ${gaps.length} beats; Chromium resident memory ${mb(idle)} idle, ${mb(peak)} at peak`);
  const longestDownloading = Math.max(0, ...downloading.long);
  console.log(`${Object.entries(downloads).map(([kind, d]) => `${kind} ${mb(d.size)} in ${d.seconds.toFixed(1)} s`).join(', ')}; meanwhile the longest main-thread task ${longestDownloading.toFixed(0)} ms, heartbeat gap ${Math.max(...downloading.gaps).toFixed(0)} ms`);
  assert.equal(detail.summary.devices, DEVICES);
  // Each device once in the JSON (its verdict, at the devices' indent) and in the CSV (a line).
  const json = downloads.json.path;
  // Downloads of gigabytes keep the page answering too. The page's own part of a download is
  // a few milliseconds (a Blob from the worker, a URL, a click); the parts are written in the
  // worker and the file by the browser. What the Long Tasks API sees on the main thread
  // meanwhile is the browser's: a trace of this test shows memory-reducing garbage
  // collections of the page's 5 MB heap (25–66 ms here) and tasks stretched by the scheduler
  // while the worker and the browser's file writer keep both cores busy (one CI run: 340 ms).
  // Writing any export on the main thread would be seconds (the JSON alone is 24 s of
  // writing), which this bound fails on.
  assert.ok(longestDownloading <= 1000, `a main-thread task took ${longestDownloading.toFixed(0)} ms while downloading`);
  assert.deepEqual(ends(json), ['{\n "schemaVersion": 1,', '\n }\n}'], 'one JSON document, whole');
  assert.equal(occurrences(json, '\n   "verdict": "'), DEVICES);
  assert.equal(occurrences(downloads.csv.path, '\r\n'), DEVICES + 1, 'the header and a line per device');
  assert.ok(downloads.ics.size > 1000 && occurrences(downloads.ics.path, 'BEGIN:VEVENT') > 0);
  assert.equal(detail.errorCount, 0);
  assert.ok(longest <= 100, `a main-thread task took ${longest.toFixed(0)} ms`);
  // The heartbeat also sees what the long-task API does not (garbage collection, a busy
  // renderer); on this 2-core machine it wavers by a few frames.
  assert.ok(worst <= 200, `the heartbeat stopped for ${worst.toFixed(0)} ms`);
  assert.deepEqual(page.errors, []);
});
