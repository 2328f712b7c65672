// A portal's TypeScript using the package's types (checked by pkg-tests/node/types.test.mjs
// with `tsc --strict`). Lines marked @ts-expect-error must fail to compile: the types are
// precise enough to catch the mistakes a portal developer makes.
import init, { evaluate, evaluateToJson, lookupBuild, Planner, releaseCalendar, toCsv, toIcs } from '../../pkg/web/hotpatch_planner.js';
import type { CheckId, DeviceReport, EvaluateOptions, Finding, PlanMonth, Report, Verdict, ViewCounts, ViewFilter } from '../../pkg/web/hotpatch_planner.js';
import type { HotpatchPlanner, PlannerReportDetail } from '../../www/planner/hotpatch-planner.js';

await init();

const options: EvaluateOptions = {
  asOf: '2026-05-20',
  months: 12,
  format: ['auto', 'deviceguard'],
  tenant: { license: 'eligible', hotpatch: 'allow', arcHotpatch: 'unknown' },
  rings: { Broad: { deferralDays: 9, deadlineDays: 5, graceDays: 2 }, Pilot: { deferralDays: 0 } },
  defaultRing: 'Broad',
  onProgress: (p) => console.log(p.stage, p.done / p.total),
};
const report: Report = evaluate(['{"devices":[]}', new Uint8Array([0x5b, 0x5d])], options);
const plain: Report = evaluate('{"devices":[]}');
const json: string = evaluateToJson('{"devices":[]}', { asOf: '2026-05-20' });

function reasons(d: DeviceReport): string[] {
  return d.findings.filter((f: Finding) => f.status !== 'pass').map((f) => `${f.check}: ${f.detail}${f.fix ? ` Fix: ${f.fix}` : ''}`);
}
const failing: CheckId[] = (Object.keys(report.devices[0].checks) as CheckId[]).filter((c) => report.devices[0].checks[c] === 'fail');
const verdict: Verdict = report.devices[0].verdict;
const next: PlanMonth | undefined = report.plans[report.devices[0].plan].months.find((m) => m.restart);
const restartBy: string | null = next?.restartBy ?? null;
const csv: string = toCsv(report);
const ics: string = toIcs(report, { fleet: true, devices: ['lap-01'] });
const calendar = releaseCalendar({ line: 'win11-24h2', from: '2026-01', months: 12 });
const june: 'baseline' | 'hotpatch' = calendar[5].type;
const info = lookupBuild({ line: 'ws2025', build: '26100.32772' });
const onTrack: boolean | undefined = info?.hotpatchTrack;

// The planner handle: a large fleet kept in Wasm memory, asked for a page of rows at a time.
const handle = new Planner('{"devices":[]}', { asOf: '2026-05-20' });
const vbsFilter: ViewFilter = { ring: null, check: 'fail:vbs', verdict: 'decided' };
const shown: number = handle.view(vbsFilter, { key: 'nextRestart', dir: 'desc' });
const page: DeviceReport[] = handle.devices(handle.indices(0, 50));
const counts: ViewCounts = handle.counts();
const perRing: number = counts.rings[0] + counts.lines.unknown + counts.failing.vbs;
const head: Report = handle.report(false);
// A report of any size in parts: kept, or handed over one at a time.
const parts: string[] = handle.jsonParts();
handle.jsonParts(1, (part: string) => parts.push(part));
const rows: string = toCsv({ ...head, devices: page }, { header: false });
handle.free();

const planner = document.querySelector('hotpatch-planner') as HotpatchPlanner;
planner.months = 6;
planner.tenant = { license: 'ineligible' };
planner.sections = ['overview', 'devices'];
planner.addEventListener('hotpatch-report', async (e) => {
  const detail: PlannerReportDetail = e.detail;
  const r: Report = await detail.report;
  console.log(detail.summary.hotpatch, r.devices.length);
});
planner.addEventListener('hotpatch-error', (e) => console.log(e.detail.code, e.detail.message));
const done: PlannerReportDetail = await planner.evaluate([{ name: 'graph.json', text: '{}' }]);

// @ts-expect-error: an inventory is text or bytes, not a number
evaluate(42);
// @ts-expect-error: no such format
evaluate('x', { format: 'xml' });
// @ts-expect-error: tenant licence values are "eligible" | "ineligible" | "unknown"
evaluate('x', { tenant: { license: 'yes' } });
// @ts-expect-error: verdicts are hotpatch | lcu | undetermined
const wrong: Verdict = 'restart';
// @ts-expect-error: a device's name may be null
const name: string = report.devices[0].name;
// @ts-expect-error: "other" has no release calendar
releaseCalendar({ line: 'other', from: '2026-01' });
// @ts-expect-error: a check filter is an outcome and a check id
handle.view({ check: 'vbs' });
// @ts-expect-error: no such column to sort by
handle.view({}, { key: 'size' });
// @ts-expect-error: sections are inputs | settings | overview | devices
planner.sections = ['everything'];

console.log(plain, json, reasons, failing, verdict, restartBy, csv, ics, june, onTrack, done, wrong, name, shown, page, perRing, head);
