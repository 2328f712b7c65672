// The fleet overview: verdict counts and shares, next month's restarts, what holds devices
// back (each a click away from the devices), restarts compared with LCU-only, and the
// month-by-ring calendar. When the release data does not reach the months the evaluation
// needs, the card leads with that and with the action that fetches newer data.
import { el, fill } from '../dom.js';
import { checkLabel, dateLabel, monthLabel, UPDATES } from '../model.js';
import { plural } from './inputs.js';
import { monthList } from './release.js';

/**
 * Builds the card. `on.filter(filter)` shows the devices a click is about; `on.refresh()`
 * fetches the latest release data from Microsoft.
 */
export function overviewView(on) {
  const body = el('div');
  const root = el('section', { class: 'card overview', part: 'overview', 'aria-labelledby': 'overview-title' },
    el('header', {}, el('h2', { id: 'overview-title' }, 'Fleet overview')),
    body);
  const empty = () => body.replaceChildren(el('p', { class: 'empty' }, 'Load an inventory to see which devices will hotpatch, which will restart, and why.'));
  empty();

  return {
    root,
    empty,
    /**
     * `result` is the worker's evaluation answer (overview, asOf, catalog…); `missing` the
     * months the release data does not settle (the report's catalog.missing);
     * `onEvaluateAt(date)` evaluates again as of `date` (null: today); `today` is today's date.
     */
    show(result, missing, onEvaluateAt, today) {
      const o = result.overview;
      const pct = (share) => `${Math.round(share * 100)}%`;
      const tiles = el('div', { class: 'tiles' },
        o.verdicts.map((v) => el('div', { class: `tile tone-${v.verdict}`, 'data-verdict': v.verdict },
          el('div', { class: 'n' }, v.count.toLocaleString('en')),
          el('div', { class: 'label' }, { hotpatch: 'Hotpatch', lcu: 'LCU with restart', undetermined: 'Undetermined' }[v.verdict]),
          el('div', { class: 'small muted' }, `${pct(v.share)} of ${plural(o.devices, 'Windows device')}`),
          el('button', { type: 'button', class: 'link small', onclick: () => on.filter({ verdict: v.verdict }) }, 'Show them'))),
        o.otherPlatforms ? el('div', { class: 'tile tone-other' },
          el('div', { class: 'n' }, o.otherPlatforms.toLocaleString('en')),
          el('div', { class: 'label' }, 'Not Windows'),
          el('div', { class: 'small muted' }, 'iOS, macOS, Android…: listed, not evaluated')) : null);
      const bar = el('div', { class: 'bar', role: 'img', 'aria-label': o.verdicts.map((v) => `${v.verdict} ${pct(v.share)}`).join(', ') },
        o.verdicts.map((v) => {
          const part = el('span', { class: `tone-${v.verdict}` });
          // CSSOM, not a style attribute: the page's CSP allows no inline styles.
          part.style.width = `${v.share * 100}%`;
          return part;
        }));

      fill(body,
        asOfBanner(result.asOf, today, onEvaluateAt),
        ...catalogNotices(result, missing, on, onEvaluateAt),
        tiles,
        bar,
        nextMonth(o, on),
        notSeen(result.summary, on),
        microsoftReadiness(result.summary, on),
        el('h3', {}, 'What to fix first'),
        fixes(o, on),
        el('div', { class: 'overview-grid' },
          el('div', {}, el('h3', {}, 'What holds devices back'), blockers(o, on)),
          el('div', {}, el('h3', {}, 'Restarts'), restarts(o))),
        el('h3', {}, `Month by month, per ring`),
        monthChart(o),
        calendar(o, on),
        el('h3', { id: 'standing-title' }, 'Where devices stand today, in Intune’s terms'),
        standing(o, result.asOf, on),
      );
    },
  };
}

/**
 * What the release data lacks, first: the months up to the evaluation date it does not
 * settle, how many devices that leaves undetermined, and the refresh action.
 */
function releaseGap(result, allMissing, on, onEvaluateAt) {
  const o = result.overview;
  const ends = result.catalog.lastMonth;
  // Only the months unsettled for the fleet's own OS lines (the report lists every line's).
  const fleetLines = new Set(result.choices?.lines ?? []);
  const missing = allMissing.filter((m) => !m.lines || !fleetLines.size || m.lines.some((l) => fleetLines.has(l)));
  if (!missing.length) return null;
  const notInData = missing.filter((m) => !ends || m.month > ends);
  const typeUnknown = missing.filter((m) => ends && m.month <= ends);
  const affected = o.releaseUndetermined;
  let lead;
  if (notInData.length === 1) {
    const m = notInData[0];
    lead = `${ends ? `Release data ends ${monthLabel(ends)}: ` : ''}${monthLabel(m.month)}’s release${m.release ? ` (${dateLabel(m.release)})` : ''} is not known`;
  } else if (notInData.length) {
    lead = `${ends ? `Release data ends ${monthLabel(ends)}: ` : ''}the releases of ${monthList(notInData.map((m) => m.month))} are not known`;
  } else {
    lead = `The release data does not say whether ${monthList(typeUnknown.map((m) => m.month))} ${typeUnknown.length === 1 ? 'was a hotpatch or a baseline month' : 'were hotpatch or baseline months'}`;
  }
  lead += affected ? `, so ${affected.toLocaleString('en')} of ${plural(o.devices, 'device')} ${affected === 1 ? 'is' : 'are'} undetermined.` : '.';
  const asOfMonth = result.asOf.slice(0, 7);
  const lastDay = ends && asOfMonth > ends ? endOfMonth(ends) : null;
  return el('div', { class: `notice release-gap-notice${affected ? ' warn' : ''}`, role: 'note' },
    el('p', { class: 'lead' }, el('strong', {}, lead)),
    notInData.length && typeUnknown.length ? el('p', { class: 'small' },
      `Microsoft has not said whether ${monthList(typeUnknown.map((m) => m.month))} ${typeUnknown.length === 1 ? 'was a hotpatch or a baseline month' : 'were hotpatch or baseline months'}; the planner assumes the planned type.`) : null,
    el('div', { class: 'row' },
      el('button', { type: 'button', class: 'primary fetch-latest', onclick: () => on.refresh() }, 'Get the latest from Microsoft'),
      lastDay ? el('button', { type: 'button', class: 'evaluate-at', onclick: () => onEvaluateAt(lastDay) }, `Evaluate as of ${lastDay} instead`) : null),
    el('p', { class: 'small muted' }, 'Fetches Microsoft’s monthly security update documents for those months, only when you click; you can also drop release documents in Release data.'));
}

/** When the evaluation is not as of today, it says so first, with the way back. */
function asOfBanner(asOf, today, onEvaluateAt) {
  if (!today || asOf === today) return null;
  return el('div', { class: 'notice warn as-of-banner', role: 'note' },
    el('strong', {}, `Evaluated as of ${dateLabel(asOf)}, not today (${dateLabel(today)}).`),
    ` Every answer below is as it ${asOf < today ? 'stood' : 'will stand'} on that date. `,
    el('button', { type: 'button', class: 'back-to-today', onclick: () => onEvaluateAt(null) }, 'Back to today'));
}

function catalogNotices(result, missing, on, onEvaluateAt) {
  const o = result.overview;
  const notices = [];
  const ends = result.catalog.lastMonth;
  const gap = missing.length ? releaseGap(result, missing, on, onEvaluateAt) : null;
  if (gap) notices.push(gap);
  const predicted = o.predictedFrom ? `from ${monthLabel(o.predictedFrom)} on, months are predicted from Microsoft’s planned calendar (baselines in January, April, July and October) and carry no KB or build. Microsoft can still turn a hotpatch month into a baseline.` : null;
  // With the gap said first, this notice keeps only what the gap notice does not say.
  notices.push(gap
    ? (predicted ? el('p', { class: 'notice small', role: 'note' }, `${predicted.charAt(0).toUpperCase()}${predicted.slice(1)}`) : null)
    : el('p', { class: 'notice small', role: 'note' },
      result.catalog.builtIn ? 'Built-in release data' : 'Loaded release catalog',
      ends ? ` ends with ${monthLabel(ends)}` : '',
      predicted ? `; ${predicted}` : '.',
      ` Evaluated as of ${dateLabel(result.asOf)}.`));
  return notices.filter(Boolean);
}

function endOfMonth(month) {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/**
 * Next month's restarts: a line per ring and month (the core's `fleet.next`: each device in
 * its own plan's first month), with the reasons grouped. Undetermined devices are counted
 * apart: their plans assume what is unknown passes, so folding them into the count would read
 * as more certain than it is.
 */
function nextMonth(o, on) {
  const lines = o.next;
  if (!lines.length) return el('p', {}, 'No device has a schedule.');
  if (lines.length === 1) {
    const n = lines[0];
    return el('p', { class: 'next', 'data-month': n.month }, ...nextLine(o, n, '', lines.length, on));
  }
  return el('ul', { class: 'next-rings' }, lines.map((n) =>
    el('li', { class: 'next', 'data-month': n.month, 'data-ring': n.ring }, ...nextLine(o, n, `${n.ring} — `, lines.length, on))));
}

/** The words of one next-month line (`n`: a `fleet.next` entry). */
function nextLine(o, n, prefix, count, on) {
  // With one line for the fleet, its devices are everyone; with several, the ring's.
  const filter = count > 1 ? { ring: n.ring } : {};
  // Each reason a link to exactly its devices, with what fixes it.
  const reasons = n.reasons.map((r) => {
    const fix = o.fixes.find((g) => r.reason.startsWith('lcu:') && g.reason === `fix:${r.reason.slice(4)}`);
    const label = `${n.ring === o.defaultRing && count === 1 ? '' : `${n.ring}, `}${monthLabel(n.month)}: restart for ${r.text}`;
    return [
      // A link (not a button): it wraps with the sentence on a narrow screen.
      el('a', { href: '#devices-title', class: 'reason', 'data-reason': r.reason, onclick: (e) => {
        e.preventDefault();
        on.filter({ ...filter, firstMonth: n.month, reason: r.reason, label });
      } }, `${r.devices.toLocaleString('en')} for ${r.text}`),
      fix ? ` (fix: ${fix.text})` : null,
    ];
  }).flatMap((parts, i) => (i ? ['; ', ...parts] : parts));
  // The decided devices the count names: the undetermined ones have their own link.
  const show = n.restart ? el('button', { type: 'button', class: 'link show-why', onclick: () => on.filter({ ...filter, firstMonth: n.month, restartMonth: n.month, verdict: 'decided' }) }, 'Show them and why') : null;
  if (!n.undetermined) {
    return [el('strong', {}, `${prefix}${monthLabel(n.month)}: ${n.restart.toLocaleString('en')} of ${plural(n.devices, 'device')} will restart`),
      ...(reasons.length ? [' — ', ...reasons, '.'] : ['.']),
      show ? ' ' : null, show];
  }
  const undetermined = el('button', { type: 'button', class: 'link', onclick: () => on.filter({ ...filter, firstMonth: n.month, verdict: 'undetermined' }) }, `${n.undetermined.toLocaleString('en')} undetermined`);
  if (!n.devices) {
    return [el('strong', {}, `${prefix}${monthLabel(n.month)}: no device is determined, so who restarts is not known`), ' (', undetermined, ').'];
  }
  return [el('strong', {}, `${prefix}${monthLabel(n.month)}: ${n.restart.toLocaleString('en')} of ${plural(n.devices, 'determined device')} will restart`),
    ...(reasons.length ? [' — ', ...reasons] : []),
    '; ', undetermined, ' counted apart.',
    show ? ' ' : null, show];
}

/**
 * What to fix first: the core's fix groups (LCU devices by the checks that keep them there),
 * most restarts avoided per year first, each a click away from its devices.
 */
function fixes(o, on) {
  // A group whose fix avoids nothing (it catches up at a baseline it would restart for
  // anyway) is no fix to make first.
  const groups = o.fixes.filter((g) => g.restartsAvoidedPerYear || g.restartsAvoidedOnce);
  if (!groups.length) return el('p', { class: 'muted' }, 'No device takes the LCU for a reason a fix would remove.');
  return el('ol', { class: 'fixes' }, groups.map((g) => el('li', { 'data-fix': g.reason },
    el('strong', {}, sentenceCase(g.text)), ': ',
    el('button', { type: 'button', class: 'link', onclick: () => on.filter({ fix: g.checks.join('+') }) }, plural(g.devices, 'device')),
    g.restartsAvoidedPerYear
      ? `, ${plural(g.restartsAvoidedPerYear, 'restart')} avoided a year${g.restartsAvoidedOnce ? ` and ${plural(g.restartsAvoidedOnce, 'restart')} once` : ''}.`
      : `, ${plural(g.restartsAvoidedOnce, 'restart')} avoided once (they catch up by themselves).`,
    ' ',
    el('button', { type: 'button', class: 'small group-csv', 'aria-label': `Download the ${plural(g.devices, 'device')} to ${g.text} as CSV`,
      onclick: () => on.groupCsv({ fix: g.checks.join('+') }, g.reason.replace(':', '-')) }, 'CSV'),
    g.fixes.length ? el('span', { class: 'small muted fix-how' }, ` ${g.fixes[0]}`) : null)));
}

const sentenceCase = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Windows Autopatch's own readiness beside the planner's verdicts, in one sentence: how many
 * devices Autopatch rates and how, where the planner agrees, disagrees (a click away) or
 * cannot decide, and how many devices Autopatch does not rate at all.
 */
function microsoftReadiness(summary, on) {
  const m = summary?.microsoft;
  if (!m) return null;
  const n = (count) => count.toLocaleString('en');
  const show = (filter, count, what) => el('button', {
    type: 'button', class: 'link', 'data-filter': filter, onclick: () => on.filter({ autopatch: filter }),
    'aria-label': `show ${count === 1 ? 'it' : 'them'}: the ${plural(count, 'device')} ${what}`,
  }, `show ${count === 1 ? 'it' : 'them'}`);
  const parts = [
    m.agree === m.devices ? `agrees on all ${n(m.devices)}` : `agrees on ${m.agree ? n(m.agree) : 'none'}`,
  ];
  if (m.disagree) parts.push([`disagrees on ${n(m.disagree)} (`, show('disagree', m.disagree, 'where Windows Autopatch and the planner disagree'), ')']);
  if (m.plannerUndetermined) parts.push([`cannot decide ${n(m.plannerUndetermined)} (`, show('plannerUndetermined', m.plannerUndetermined, 'Windows Autopatch rates but the planner cannot decide'), ')']);
  const joined = parts.flatMap((p, i) => [i === 0 ? null : i < parts.length - 1 ? ', ' : parts.length === 2 ? ' and ' : ', and ', p]).flat();
  const unrated = summary.devices - m.devices;
  return el('div', { class: 'notice microsoft-summary', role: 'note', 'aria-labelledby': 'microsoft-title' },
    el('h3', { id: 'microsoft-title' }, 'Microsoft’s own readiness (Windows Autopatch)'),
    el('p', { class: 'microsoft-sentence' },
      `Windows Autopatch rates ${plural(m.devices, 'device')}: ${n(m.ready)} ready, ${n(m.notReady)} not ready. The planner `,
      ...joined, '.',
      unrated > 0 ? ` ${n(unrated)} of the ${plural(summary.devices, 'Windows device')} ${unrated === 1 ? 'is' : 'are'} not in Autopatch’s data.` : null),
    m.disagree || m.plannerUndetermined ? el('p', { class: 'small muted' }, 'Open a device to see why the two differ. Autopatch’s readiness is shown, never used by the planner’s checks.') : null);
}

/** Devices that have not checked in for over a month: their builds may have changed since. */
function notSeen(summary, on) {
  const n = summary?.notSeen ?? 0;
  if (!n) return null;
  return el('p', { class: 'notice warn not-seen-summary' },
    `${plural(n, 'device')} ${n === 1 ? 'has' : 'have'} not checked in since ${dateLabel(summary.notSeenBefore)}, over a month before the evaluation date: what ${n === 1 ? 'it' : 'they'} run now may differ from the inventory. `,
    el('button', { type: 'button', class: 'link', onclick: () => on.filter({ notSeen: 'yes', label: 'not seen for over a month' }) }, n === 1 ? 'Show it' : 'Show them'));
}

function blockers(o, on) {
  if (!o.blockers.length) return el('p', { class: 'muted' }, 'Nothing: every prerequisite is met on every device.');
  return el('ol', { class: 'blockers' }, o.blockers.map((b) => el('li', { 'data-check': b.check },
    el('span', { class: 'check' }, checkLabel(b.check)),
    b.failing ? el('button', { type: 'button', class: 'link count-fail', onclick: () => on.filter({ check: `fail:${b.check}` }) }, `${plural(b.failing, 'device')} ${b.failing === 1 ? 'fails' : 'fail'}`) : null,
    b.unknown ? el('button', { type: 'button', class: 'link count-unknown', onclick: () => on.filter({ check: `unknown:${b.check}` }) }, `${plural(b.unknown, 'device')} unknown`) : null)));
}

function restarts(o) {
  const r = o.restarts;
  const span = r.horizon === 12 ? 'a year' : `the next ${r.horizon} months`;
  return el('div', {},
    el('p', {}, el('strong', { class: 'avoided' }, `${r.avoided.toLocaleString('en')} restarts avoided`),
      ` over ${span} on the ${plural(r.decidedDevices, 'decided device')}: ${r.planned.toLocaleString('en')} with this plan instead of ${(r.decidedDevices * r.horizon).toLocaleString('en')} with the LCU every month.`),
    r.conditionalDevices ? el('p', { class: 'small muted' },
      `The ${plural(r.conditionalDevices, 'undetermined device')} would avoid ${r.conditionalAvoided.toLocaleString('en')} more if their unknown checks pass.`) : null);
}

/**
 * Restarts month by month as bars (every ring together): the quarterly baselines stand out
 * at a glance. Each bar says its numbers to a screen reader; the table below has them all.
 */
function monthChart(o) {
  const c = o.calendar;
  const totals = c.months.map((_, i) => c.rings.reduce((t, r) => ({
    restart: t.restart + r.cells[i].restart, hotpatch: t.hotpatch + r.cells[i].hotpatch, undetermined: t.undetermined + r.cells[i].undetermined,
  }), { restart: 0, hotpatch: 0, undetermined: 0 }));
  const most = Math.max(1, ...totals.map((t) => t.restart + t.hotpatch + t.undetermined));
  const part = (kind, n) => {
    const span = el('span', { class: `part ${kind}` });
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    span.style.height = `${(n / most) * 100}%`;
    return span;
  };
  return el('div', { class: 'month-chart', role: 'group', 'aria-label': 'Devices per month: restart, hotpatch, undetermined' },
    c.months.map((m, i) => {
      const t = totals[i];
      return el('div', { class: 'month-bar', role: 'img', 'data-month': m.month,
        'aria-label': `${monthLabel(m.month)}: ${t.restart.toLocaleString('en')} restart, ${t.hotpatch.toLocaleString('en')} hotpatch, ${t.undetermined.toLocaleString('en')} undetermined` },
      el('div', { class: 'stack' }, part('restart', t.restart), part('hotpatch', t.hotpatch), part('undetermined', t.undetermined)),
      el('span', { class: 'label' }, monthLabel(m.month, 'short').replace(' 20', ' ’')));
    }),
    el('p', { class: 'legend small muted' },
      el('span', { class: 'key restart' }), ' restart ', el('span', { class: 'key hotpatch' }), ' hotpatch ', el('span', { class: 'key undetermined' }), ' undetermined'));
}

/**
 * Where each ring stands today as Intune's Hotpatch quality updates report counts it, and the
 * devices per release as its Windows quality update distribution report lists them, so an
 * admin can hold the planner against what Intune shows. Only what an inventory tells.
 */
function standing(o, asOf, on) {
  const s = o.standing;
  const n = (x) => x.toLocaleString('en');
  const latest = (r) => {
    const known = r.devices - r.buildUnknown;
    return known ? `${Math.round(((r.hotpatched + r.upToDate) / known) * 100)} % of ${n(known)}` : '—';
  };
  const rings = el('table', { class: 'standing' },
    el('caption', { class: 'visually-hidden' }, 'Per ring: devices on the latest quality update, by hotpatch or standard build, and those behind'),
    el('thead', {}, el('tr', {}, ['Ring', 'Hotpatched', 'Up to date (standard build)', 'Not up to date', 'Build not known', 'With the latest quality update'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, s.rings.map((r) => {
      // Each count is a link to exactly its devices.
      const cell = (count, state, what) => el('td', {}, count ? el('button', {
        type: 'button', class: 'link', 'data-standing': state, onclick: () => on.filter({ ring: r.ring, standing: state, label: what }),
        'aria-label': `${r.ring}: ${plural(count, 'device')} ${what}`,
      }, n(count)) : '0');
      return el('tr', { 'data-ring': r.ring }, el('th', { scope: 'row' }, r.ring),
        cell(r.hotpatched, 'hotpatched', 'on the latest release through its hotpatch'),
        cell(r.upToDate, 'up-to-date', 'on the latest release through its standard build'),
        cell(r.notUpToDate, 'not-up-to-date', 'on an older release'),
        cell(r.buildUnknown, 'unknown', 'on a build the release data does not know'),
        el('td', {}, latest(r)));
    })));
  const releases = s.releases.length ? el('table', { class: 'standing releases' },
    el('caption', { class: 'visually-hidden' }, 'Devices per quality update release'),
    el('thead', {}, el('tr', {}, ['Release', 'Released', 'Hotpatch build', 'Standard build'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, s.releases.map((r) => el('tr', { 'data-release': r.release }, el('th', { scope: 'row' }, r.release),
      el('td', {}, dateLabel(r.date)), el('td', {}, r.hotpatch ? n(r.hotpatch) : '—'), el('td', {}, r.standard ? n(r.standard) : '—'))))) : null;
  return el('div', { class: 'standing-wrap' },
    rings,
    el('p', { class: 'small muted' }, `As Intune’s Hotpatch quality updates report counts devices on the latest release (the latest Patch Tuesday release on or before ${dateLabel(asOf)}, or newer): through its hotpatch, or through its standard build. What only Intune knows (in progress, paused, not ready) is not in an inventory. “Build not known”: no build reported, or one the release data does not list.`),
    releases,
    releases ? el('p', { class: 'small muted' }, 'Devices per release, as Intune’s Windows quality update distribution report lists them: B is Patch Tuesday’s release, OOB out of band, D the optional preview.') : null);
}

function calendar(o, on) {
  const c = o.calendar;
  const kind = (m) => (m.type === 'baseline' ? (m.planned === false ? 'unplanned' : 'baseline') : m.type === 'hotpatch' ? 'hotpatch' : null);
  const kindLabel = { baseline: 'Baseline', unplanned: 'Unplanned baseline', hotpatch: 'Hotpatch' };
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Ring'), c.months.map((m) => el('th', { scope: 'col' },
    el('button', { type: 'button', onclick: () => on.filter({ restartMonth: m.month }), title: `Devices that restart in ${monthLabel(m.month)}` }, monthLabel(m.month, 'short')))));
  const types = el('tr', {}, el('th', { scope: 'row' }, 'Release'), c.months.map((m) => {
    const k = kind(m);
    return el('td', { class: `${k ? `kind-${k}` : ''}${m.predicted ? ' predicted' : ''}`, title: m.kb ? `${m.kb} → ${m.build}` : 'predicted: no KB or build yet' },
      k ? kindLabel[k] : '—', m.predicted ? el('span', { class: 'visually-hidden' }, ' (predicted)') : null, m.predicted ? '*' : '');
  }));
  const rows = c.rings.map((r) => el('tr', {}, el('th', { scope: 'row' }, r.ring), r.cells.map((cell, i) => {
    const month = c.months[i].month;
    return el('td', { class: cell.restart ? 'restart' : 'none', 'data-month': month },
      // The cell's count is who restarts that month in that ring: the link shows exactly them.
      cell.restart ? el('button', { type: 'button', class: 'link', onclick: () => on.filter({ ring: r.ring, restartMonth: month, verdict: 'decided' }), title: `${r.ring}: devices that restart in ${monthLabel(month)}` }, `${cell.restart.toLocaleString('en')} restart`) : null,
      cell.hotpatch ? el('span', {}, `${cell.hotpatch.toLocaleString('en')} hotpatch`) : null,
      // Undetermined devices apart: whether they restart rests on what the inventory lacks.
      cell.undetermined ? el('span', { class: 'muted' }, `${cell.undetermined.toLocaleString('en')} undetermined`) : null,
      cell.restart || cell.hotpatch || cell.undetermined ? null : '—');
  })));
  return el('div', { class: 'calendar-wrap' },
    el('table', { class: 'calendar' },
      el('caption', { class: 'visually-hidden' }, 'Release type and devices restarting or hotpatching per month and ring'),
      el('thead', {}, head), el('tbody', {}, types, rows)),
    el('p', { class: 'small muted' }, '* predicted month. “restart”: devices that install a baseline or LCU and restart that month; “hotpatch”: devices that install without a restart; “undetermined”: devices whose verdict rests on a check the inventory does not settle. ',
      `Updates: ${Object.values(UPDATES).join(', ')}.`));
}
