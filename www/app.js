// The planner page: hosts <hotpatch-planner> and the release calendar. Reads the clock (for
// today's defaults) and the form; all planning is done by the Wasm package.
import './planner/hotpatch-planner.js';
import { el } from './planner/dom.js';
import { unsupportedBrowser } from './planner/support.js';

const section = document.querySelector('.release-calendar');
const form = document.getElementById('cal-form');
const list = document.getElementById('cal-months');
const notice = document.getElementById('cal-notice');

// Start from the URL (#line=…&from=YYYY-MM&months=N) or from January of this year.
const params = new URLSearchParams(location.hash.slice(1));
const today = new Date();
form.line.value = params.get('line') ?? 'win11-24h2';
form.from.value = params.get('from') ?? `${today.getFullYear()}-01`;
form.months.value = params.get('months') ?? '12';

form.addEventListener('input', render);
form.addEventListener('submit', (e) => e.preventDefault());

/**
 * `releaseCalendar` of the full module (pkg/web/release): the core module the planner
 * evaluates with leaves the calendar out (its size budget, DESIGN.md "Size"), so the module is
 * fetched when the calendar is about to be seen, or at once when the address asks for one.
 */
let releaseCalendar = null;
async function load() {
  notice.textContent = 'Loading the release calendar…';
  let full;
  try {
    // A literal path, so that a bundler ships the module as a chunk of its own.
    full = await import('../pkg/web/release/hotpatch_planner_release.js');
  } catch (e) {
    notice.textContent = `The release calendar could not be loaded (${e.message}); reload the page to try again.`;
    return;
  }
  try {
    await full.default();
  } catch (e) {
    notice.textContent = unsupportedBrowser(e).message;
    return;
  }
  releaseCalendar = full.releaseCalendar;
  render();
}
if (params.has('line') || params.has('from')) load();
else {
  const near = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    near.disconnect();
    load();
  }, { rootMargin: '400px' });
  near.observe(section);
}

function render() {
  if (!releaseCalendar || !form.checkValidity()) return;
  const options = { line: form.line.value, from: form.from.value, months: Number(form.months.value) };
  history.replaceState(null, '', `#${new URLSearchParams(options)}`);
  let months;
  try {
    months = releaseCalendar(options);
  } catch (err) {
    notice.textContent = err.message;
    list.replaceChildren();
    return;
  }
  const predicted = months.filter((m) => m.predicted);
  const lastKnown = months.filter((m) => !m.predicted).at(-1);
  const typeUnknown = months.filter((m) => !m.predicted && m.typeKnown === false);
  notice.textContent = (predicted.length === 0
    ? 'Every month shown comes from the release data.'
    : `The built-in release data for this line ${lastKnown ? `ends with ${lastKnown.month}` : 'does not cover these months'}: ` +
      `${predicted.length} month${predicted.length === 1 ? ' is' : 's are'} predicted from Microsoft's planned calendar and carry no KB or build.`) +
    (typeUnknown.length
      ? ` Microsoft has not said whether ${typeUnknown.map((m) => m.month).join(', ')} ${typeUnknown.length === 1 ? 'was a hotpatch or a baseline month' : 'were hotpatch or baseline months'}: shown as the planned type.`
      : '');
  list.replaceChildren(...months.map(monthCard));
}

function monthCard(m) {
  const kind = m.type === 'baseline' ? (m.planned ? 'baseline' : 'unplanned') : 'hotpatch';
  const label = {
    baseline: 'Baseline · restart',
    unplanned: 'Unplanned baseline · restart',
    hotpatch: 'Hotpatch · no restart',
  }[kind];
  const typeUnknown = !m.predicted && m.typeKnown === false;
  const card = el('li', { class: `month ${kind}${m.predicted ? ' predicted' : ''}${typeUnknown ? ' type-unknown' : ''}`, 'data-month': m.month },
    el('h3', {}, monthName(m.month)),
    el('p', { class: 'kind' }, label, m.predicted ? el('span', { class: 'tag' }, 'predicted') : null,
      typeUnknown ? el('span', { class: 'tag' }, 'type not published') : null,
      m.preview ? el('span', { class: 'tag' }, 'preview') : null,
      m.confidence !== 'confirmed' && !m.predicted ? el('span', { class: 'tag' }, m.confidence) : null),
    el('p', { class: 'release' }, 'Released ', el('time', { datetime: m.release }, m.release)),
  );
  const facts = el('dl');
  if (typeUnknown) {
    facts.append(el('dt', {}, 'Standard update'), el('dd', {}, `${m.lcuKb ?? 'KB not known'} → ${m.lcuBuild ?? 'build not known'}`));
  } else if (!m.predicted) {
    const name = m.type === 'baseline' ? 'Baseline' : 'Hotpatch';
    facts.append(el('dt', {}, name), el('dd', {}, m.kb ? `${m.kb} → ${m.build ?? 'build not known'}` : 'KB not known yet'));
    if (m.type === 'hotpatch') {
      facts.append(el('dt', {}, 'Standard LCU'), el('dd', {}, m.lcuKb ? `${m.lcuKb} → ${m.lcuBuild ?? 'build not known'}` : 'not known'));
    }
  }
  for (const o of m.predicted ? [] : m.oob) {
    facts.append(el('dt', {}, { hotpatch: 'Out-of-band hotpatch', lcu: 'Out-of-band LCU', preview: 'Optional preview' }[o.kind] ?? o.kind),
      el('dd', {}, [o.kb ?? 'KB not known', o.build ?? 'build not known', o.date ?? 'date not known'].join(' · ')));
  }
  card.append(facts);
  if (m.note) card.append(el('p', { class: 'note' }, m.note));
  return card;
}

function monthName(ym) {
  const [y, mo] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
