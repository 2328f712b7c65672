// The imitation portal's own script: feeds the London planner two exports through its
// evaluate() method, shows its summary in the portal's own badge, and renders a third
// inventory into the portal's own table with the headless API: the full module, since the
// Device Guard and registry probes are read by it, not by the core module.
import init, { evaluate } from '../pkg/web/release/hotpatch_planner_release.js';

const text = async (file) => (await fetch(new URL(`samples/${file}`, document.baseURI))).text();

const london = document.getElementById('london');
const status = document.getElementById('london-status');
london.addEventListener('hotpatch-report', (e) => {
  const s = e.detail.summary;
  status.textContent = `${s.devices} devices: ${s.hotpatch} hotpatch, ${s.lcu} LCU, ${s.undetermined} undetermined`;
});
london.addEventListener('hotpatch-error', (e) => {
  status.textContent = `error: ${e.detail.message}`;
});
await customElements.whenDefined('hotpatch-planner');
await london.evaluate([{ name: 'graph.json', text: await text('graph.json') }, { name: 'deviceguard.json', text: await text('deviceguard.json') }]);

// Headless: the engine itself, no component.
await init();
const report = evaluate([await text('graph.json'), await text('deviceguard.json'), await text('registry.json')], { asOf: '2026-05-20', months: 3 });
const tbody = document.querySelector('#portal-table tbody');
for (const d of report.devices) {
  const row = document.createElement('tr');
  const why = d.findings.filter((f) => f.status !== 'pass').map((f) => f.check).join(', ') || 'all prerequisites met';
  const restart = report.plans[d.plan].months.find((m) => m.restart);
  for (const [value, cls] of [[d.name ?? d.key], [d.verdict, `verdict-${d.verdict}`], [why], [restart ? restart.restartBy : 'none in 3 months']]) {
    const cell = document.createElement('td');
    cell.textContent = value;
    if (cls) cell.className = cls;
    row.append(cell);
  }
  tbody.append(row);
}
document.body.dataset.headless = String(report.devices.length);
