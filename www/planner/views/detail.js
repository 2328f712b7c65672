// One device in full: the planner's verdict with Windows Autopatch's own readiness beside it
// (when an input carries it); all seven checks with status, the assumed marker, what was seen
// and the fix; notes; its month-by-month schedule; and the records it was built from.
import { el, fill } from '../dom.js';
import { formatHelp, helpForCheck } from '../help.js';
import { checkInLabel, dateLabel, lineLabel, monthLabel, READINESS, STANDINGS, staleNote, TRACKS, UPDATES, verdictText } from '../model.js';

const STATUS = { pass: 'Pass', fail: 'Fail', unknown: 'Unknown' };

/** Builds the dialog. `on.ics(key, index)` downloads the device's calendar. */
export function detailView(on) {
  const body = el('div', { class: 'inner' });
  const root = el('dialog', { class: 'detail', part: 'detail', 'aria-labelledby': 'detail-title' }, body);
  // A click on the backdrop (the dialog element itself, outside .inner) closes it.
  root.addEventListener('click', (e) => {
    if (e.target === root) root.close();
  });
  let returnFocus = null;
  root.addEventListener('close', () => returnFocus?.focus?.());

  return {
    root,
    /** Opens the dialog on `d` (model.deviceDetail's shape). */
    show(d, from) {
      returnFocus = from ?? null;
      const os = d.os;
      const close = el('button', { type: 'button', onclick: () => root.close() }, 'Close');
      fill(body,
        el('header', {},
          el('div', {}, el('h2', { id: 'detail-title', tabindex: '-1' }, d.name),
            el('p', { class: 'verdicts' },
              el('span', { class: 'verdict-line planner-verdict' }, 'Planner: ',
                el('span', { class: `badge tone-${d.catchUp ? 'catch-up' : d.verdict}` }, verdictText(d)), ' ',
                el('span', { class: 'small muted track' }, `Track: ${TRACKS[d.track] ?? d.track}`)),
              d.microsoft ? el('span', { class: 'verdict-line microsoft-verdict', 'data-readiness': d.microsoft.hotpatchReadiness, 'data-agreement': d.microsoft.agreement },
                'Microsoft (Windows Autopatch) says: ',
                el('span', { class: `badge tone-${d.microsoft.hotpatchReadiness === 'ready' ? 'hotpatch' : 'lcu'}` }, READINESS[d.microsoft.hotpatchReadiness] ?? d.microsoft.hotpatchReadiness),
                d.microsoft.agreement === 'agree' ? el('span', { class: 'small muted' }, ' The planner agrees.') : null) : null)),
          el('div', { class: 'row' },
            el('button', { type: 'button', onclick: () => on.ics(d.key, d.index) }, 'Download its calendar (.ics)'), close)),
        microsoftNote(d.microsoft),
        d.stale ? el('p', { class: 'notice warn small stale-note' }, el('strong', {}, `${staleNote(d.stale).replace(/^i/, 'I')}.`),
          ' The device may have installed updates since; this verdict is about the build it reported then.') : null,
        el('dl', { class: 'facts' },
          fact('OS', os.line ? lineLabel(os.line) : 'unknown'),
          fact('Build', os.build === null ? 'unknown' : `${os.build}.${os.ubr ?? '?'}`),
          fact('Edition', os.edition ?? 'unknown'),
          fact('Architecture', os.arch ?? 'unknown'),
          fact('Ring', d.ring),
          fact('Against the latest release', d.standing ? STANDINGS[d.standing] : 'build not in the release data'),
          fact('Last check-in', d.lastSeen ? checkInLabel(d.lastSeen, d.notSeen) : 'not in the inventory'),
          d.entraDeviceId ? fact('Entra device id', d.entraDeviceId) : null),
        el('section', { 'aria-labelledby': 'checks-title' },
          el('h3', { id: 'checks-title' }, 'Prerequisites'),
          el('ol', { class: 'checks' }, d.checks.map((c) => el('li', { class: `tone-${c.status}`, 'data-check': c.id },
            el('div', { class: 'title' },
              el('span', { class: 'status' }, STATUS[c.status]),
              el('span', {}, c.label),
              c.assumed ? el('span', { class: 'tag', title: 'A tenant setting or default decided this, not the device’s own data' }, 'assumed') : null),
            el('p', { class: 'seen' }, c.detail ?? (c.status === 'pass' ? `Meets the requirement: ${c.needs}` : c.needs)),
            c.fix ? el('p', { class: 'fix' }, el('strong', {}, 'Fix: '), c.fix) : null,
            // Unknown: the export that would tell it, with its command.
            c.status === 'unknown' && helpForCheck(c.id).length ? el('details', { class: 'help' },
              el('summary', {}, 'How to find this out'), helpForCheck(c.id).map(formatHelp)) : null)))),
        d.notes.length ? el('section', {}, el('h3', {}, 'Notes'), el('ul', {}, d.notes.map((n) => el('li', {}, n)))) : null,
        schedule(d),
        el('section', {}, el('h3', {}, 'Where this comes from'),
          el('ul', { class: 'sources' }, d.sources.map((s) => el('li', {}, `${s.name}${s.format ? ` (${s.format})` : ''}, record ${s.record}`)))),
      );
      if (!root.open) root.showModal();
      body.querySelector('#detail-title').focus();
    },
    close() {
      if (root.open) root.close();
    },
  };
}

/**
 * Where Windows Autopatch and the planner differ: a warning when they disagree, a plain note
 * when the planner cannot decide; each with the core's reason. Nothing when they agree.
 */
function microsoftNote(m) {
  if (!m || m.agreement === 'agree') return null;
  const says = READINESS[m.hotpatchReadiness]?.toLowerCase() ?? m.hotpatchReadiness;
  if (m.agreement === 'disagree') {
    return el('div', { class: 'notice warn microsoft-note disagree', role: 'note' },
      el('p', {}, el('strong', {}, `Windows Autopatch and the planner disagree: Autopatch says ${says}.`)),
      m.detail ? el('p', { class: 'small microsoft-detail' }, m.detail) : null);
  }
  return el('div', { class: 'notice microsoft-note undetermined', role: 'note' },
    el('p', {}, el('strong', {}, `Windows Autopatch says ${says}; the planner cannot decide.`)),
    m.detail ? el('p', { class: 'small microsoft-detail' }, m.detail) : null);
}

function fact(name, value) {
  return el('div', {}, el('dt', {}, name), el('dd', {}, value));
}

function schedule(d) {
  const p = d.plan;
  return el('section', { 'aria-labelledby': 'schedule-title' },
    el('h3', { id: 'schedule-title' }, 'Schedule'),
    p.conditional ? el('p', { class: 'notice warn small' }, 'This device is undetermined: its schedule assumes the unknown prerequisites pass. If one fails, every month is an LCU with a restart.') : null,
    el('div', { class: 'schedule-wrap', tabindex: '0', role: 'region', 'aria-label': 'Schedule, month by month' },
      el('table', { class: 'schedule' },
        el('thead', {}, el('tr', {}, ['Month', 'Update', 'KB → build', 'Released', 'Offered', 'Install by', 'Restart by'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, p.months.map((m) => el('tr', { class: `${m.restart ? 'restart' : 'norestart'}${m.predicted ? ' predicted' : ''}`, 'data-month': m.month },
          el('td', {}, monthLabel(m.month), m.predicted ? ' (predicted)' : ''),
          el('td', {}, UPDATES[m.update] ?? m.update, m.restart ? ', restart' : ', no restart'),
          el('td', {}, m.kb ? `${m.kb} → ${m.build ?? '?'}` : '—'),
          el('td', {}, dateLabel(m.release)),
          el('td', {}, dateLabel(m.offer)),
          el('td', {}, dateLabel(m.installBy)),
          el('td', {}, m.restartBy ? dateLabel(m.restartBy) : '—')))))));
}
