// The device table: search, filters and sorting (done in the worker), and virtualised rows
// so that 100,000 devices scroll as smoothly as 10: only the rows in view exist in the DOM,
// fetched from the worker in blocks.
import { el } from '../dom.js';
import { AGREEMENT, AUTOPATCH_FILTERS, checkInLabel, checkLabel, CHECKS, dateLabel, DEFAULT_RING, lineLabel, monthLabel, notSeenNote, READINESS, seenChip, shortLineLabel, staleNote, TRACKS, UNKNOWN_LINE, VERDICTS, verdictShort, verdictText } from '../model.js';
import { plural } from './inputs.js';

const COLUMNS = [
  { key: 'name', label: 'Device', cls: 'col-name' },
  { key: 'os', label: 'OS and build', cls: 'col-os' },
  { key: 'edition', label: 'Edition', cls: 'col-edition' },
  { key: 'arch', label: 'Arch', cls: 'col-arch' },
  { key: 'verdict', label: 'Verdict', cls: 'col-verdict' },
  // Shown only when an input carries Windows Autopatch's own readiness.
  { key: 'autopatch', label: 'Autopatch', cls: 'col-autopatch', title: 'What Windows Autopatch itself says about hotpatch readiness' },
  { key: 'track', label: 'Track', cls: 'col-track' },
  { key: 'checks', label: 'Failing / unknown', cls: 'col-checks' },
  { key: 'ring', label: 'Ring', cls: 'col-ring' },
  { key: 'nextRestart', label: 'Next restart', cls: 'col-next' },
];
const BLOCK = 100;
const OVERSCAN = 8;

/**
 * Builds the card. `fetch` talks to the worker: fetch.view(filter, sort) → { count },
 * fetch.rows(start, end) → { rows }. `on.open(row)` opens a device; `on.export(kind)`.
 */
export function tableView(fetch, on) {
  let filter = {};
  // What the last evaluation called the default ring (model.js defaultRingLabel): its name can
  // change with the fleet, and a ring filter kept across evaluations keeps its meaning.
  let defaultRing = DEFAULT_RING;
  let sort = { key: 'name', dir: 'asc' };
  let count = 0;
  let total = 0;
  let blocks = new Map();
  let generation = 0;
  let active = 0;
  let rowHeight = 40;
  // Browsers cap an element's height (Chromium ~33.5 million px, Firefox ~17.9 million): a
  // million rows of 40 px would be cut short. Past this height the scrollbar is scaled and
  // rows are placed relative to where the view is.
  const MAX_HEIGHT = 8_000_000;
  /** The spacer's height: every row's, up to MAX_HEIGHT. */
  const spacerHeight = () => Math.min(count * rowHeight, MAX_HEIGHT);

  const search = el('input', { type: 'search', id: 'search', placeholder: 'Name or Entra device id', autocomplete: 'off' });
  let searchTimer;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => setFilter({ ...filter, search: search.value }), 150);
  });
  const verdict = select('verdict', 'Verdict', [['', 'All verdicts'], ...Object.entries(VERDICTS), ['decided', 'Hotpatch or LCU (decided)']]);
  const check = select('check', 'Prerequisite', [['', 'All prerequisites'],
    ...CHECKS.flatMap((c) => [[`fail:${c.id}`, `${c.label}: fails`], [`unknown:${c.id}`, `${c.label}: unknown`]])]);
  const ring = select('ring', 'Ring', [['', 'All rings']]);
  const line = select('line', 'OS line', [['', 'All OS lines']]);
  const month = select('restartMonth', 'Restarts in', [['', 'Any month']]);
  // The overview's "what to fix first" groups: LCU devices failing exactly those checks.
  const fix = select('fix', 'Fix group', [['', 'Any']]);
  const autopatch = select('autopatch', 'Windows Autopatch', [['', 'Any readiness'], ...AUTOPATCH_FILTERS]);
  autopatch.label.hidden = true;
  const reset = el('button', { type: 'button', onclick: () => setFilter({}) }, 'Clear filters');
  const countLine = el('p', { class: 'count-line', role: 'status', 'aria-live': 'polite' });

  const headCells = COLUMNS.map((c) => el('div', { role: 'columnheader', class: c.cls, 'aria-sort': 'none', 'data-key': c.key },
    el('button', { type: 'button', onclick: () => setSort(c.key), title: c.title }, c.label)));
  const head = el('div', { class: 'head', role: 'row', 'aria-rowindex': '1' }, headCells);
  const spacer = el('div', { class: 'spacer' });
  const viewport = el('div', { class: 'viewport', role: 'rowgroup', tabindex: '-1' }, spacer);
  const grid = el('div', { class: 'grid', role: 'table', 'aria-label': 'Devices', 'aria-rowcount': '1' },
    el('div', { role: 'rowgroup' }, head), viewport);
  const pool = [];
  viewport.addEventListener('scroll', () => requestAnimationFrame(render), { passive: true });
  viewport.addEventListener('keydown', keydown);

  // Off until there is something to download.
  const exportButtons = el('div', { class: 'exports', role: 'group', 'aria-label': 'Download' },
    el('button', { type: 'button', disabled: true, onclick: () => on.export('csv'), title: 'The devices shown, with why and what to do (every device when nothing is filtered)' }, 'CSV'),
    el('button', { type: 'button', disabled: true, onclick: () => on.export('json') }, 'JSON report'),
    el('button', { type: 'button', disabled: true, onclick: () => on.export('ics') }, 'Calendar (.ics)'));
  // Why a download did not happen (the writers' module could not load, a fleet too large).
  const exportStatus = el('p', { class: 'export-status', role: 'alert', hidden: true });

  const root = el('section', { class: 'card devices', part: 'devices', 'aria-labelledby': 'devices-title' },
    el('header', {}, el('h2', { id: 'devices-title' }, 'Devices'), exportButtons),
    exportStatus,
    el('div', { class: 'toolbar' },
      el('label', { class: 'field search', for: 'search' }, 'Search', search),
      verdict.label, check.label, ring.label, line.label, month.label, fix.label, autopatch.label, reset),
    grid,
    countLine);

  function select(id, label, choices) {
    const s = el('select', { id: `filter-${id}` }, choices.map(([v, t]) => el('option', { value: v }, t)));
    s.addEventListener('change', () => setFilter({ ...filter, [id]: s.value || undefined }));
    return Object.assign(s, { label: el('label', { class: 'field', for: `filter-${id}` }, label, s) });
  }

  function fill(s, choices) {
    const keep = s.value;
    s.replaceChildren(s.firstElementChild, ...choices.map(([v, t]) => el('option', { value: v }, t)));
    s.value = choices.some(([v]) => v === keep) ? keep : '';
  }

  async function setFilter(next) {
    filter = Object.fromEntries(Object.entries(next).filter(([, v]) => v));
    search.value = filter.search ?? '';
    verdict.value = filter.verdict ?? '';
    check.value = filter.check ?? '';
    ring.value = filter.ring ?? '';
    line.value = filter.line ?? '';
    month.value = filter.restartMonth ?? '';
    fix.value = filter.fix ?? '';
    autopatch.value = filter.autopatch ?? '';
    await refresh();
  }

  async function setSort(key) {
    sort = { key, dir: sort.key === key && sort.dir === 'asc' ? 'desc' : 'asc' };
    // A new order starts at its top, not at the old order's scroll position.
    viewport.scrollTop = 0;
    active = 0;
    for (const cell of headCells) cell.setAttribute('aria-sort', cell.dataset.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    await refresh();
  }

  async function refresh() {
    const mine = ++generation;
    const answer = await fetch.view(filter, sort);
    if (mine !== generation) return;
    count = answer.count;
    blocks = new Map();
    active = Math.min(active, Math.max(0, count - 1));
    grid.setAttribute('aria-rowcount', String(count + 1));
    spacer.style.height = `${spacerHeight()}px`;
    // Short lists take only the room they need; long ones scroll inside the viewport.
    viewport.style.height = `${Math.max(3, Math.min(count, 12)) * rowHeight + 2}px`;
    const filtered = Object.keys(filter).length > 0;
    // A filter from the overview that no control shows says what it is.
    const what = filter.label ? `: ${filter.label}` : '';
    countLine.textContent = filtered ? `Showing ${count.toLocaleString('en')} of ${plural(total, 'device')} (filtered${what}).` : `${plural(count, 'device')}.`;
    viewport.scrollTop = Math.min(viewport.scrollTop, Math.max(0, spacerHeight() - viewport.clientHeight));
    render();
  }

  /** How much further the rows go than the scrollbar: 1 unless the list passes MAX_HEIGHT. */
  function scale() {
    const room = spacerHeight() - viewport.clientHeight;
    const rows = count * rowHeight - viewport.clientHeight;
    return room > 0 && rows > room ? rows / room : 1;
  }

  /** The top of the view, in rows' pixels (row i starts at i × rowHeight). */
  const viewTop = () => viewport.scrollTop * scale();
  const scrollToRows = (top) => { viewport.scrollTop = top / scale(); };

  function render() {
    const top = viewTop();
    const height = spacerHeight();
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + viewport.clientHeight) / rowHeight) + OVERSCAN);
    const need = last - first;
    while (pool.length < need) {
      const row = el('div', { class: 'r', role: 'row', tabindex: '-1' }, COLUMNS.map((c) => el('div', { role: 'cell', class: c.cls })));
      row.addEventListener('click', () => openRow(Number(row.dataset.index)));
      row.addEventListener('focus', () => { active = Number(row.dataset.index); });
      pool.push(row);
      viewport.append(row);
    }
    for (let k = 0; k < pool.length; k++) {
      const row = pool[k];
      const i = first + k;
      if (k >= need) {
        row.hidden = true;
        delete row.dataset.key;
        continue;
      }
      row.hidden = false;
      row.dataset.index = String(i);
      row.setAttribute('aria-rowindex', String(i + 2));
      row.tabIndex = i === active ? 0 : -1;
      // Rows stay inside the spacer: one past its end would stretch the scrollable area
      // (with a scaled scrollbar, overscan rows near the end can reach beyond it).
      const y = viewport.scrollTop + i * rowHeight - top;
      if (y >= height) {
        row.hidden = true;
        delete row.dataset.key;
        continue;
      }
      row.style.height = y + rowHeight > height ? `${height - y}px` : '';
      row.style.transform = `translateY(${y}px)`;
      const data = rowAt(i);
      if (data) paint(row, data);
      else blank(row);
    }
  }

  function rowAt(i) {
    const block = blocks.get(Math.floor(i / BLOCK));
    if (block === undefined) {
      load(Math.floor(i / BLOCK));
      return null;
    }
    return block?.[i % BLOCK] ?? null;
  }

  async function load(b) {
    blocks.set(b, null);
    const mine = generation;
    const { rows } = await fetch.rows(b * BLOCK, (b + 1) * BLOCK);
    if (mine !== generation) return;
    blocks.set(b, rows);
    render();
  }

  function paint(row, r) {
    row.dataset.key = r.key;
    const cells = row.children;
    const set = (i, text, title = text) => {
      cells[i].textContent = text ?? '—';
      cells[i].title = title ?? '';
    };
    set(0, r.name);
    cells[0].className = 'col-name name';
    if (r.notSeen) {
      const note = notSeenNote(r.lastSeen);
      cells[0].append(' ', el('span', { class: 'chip stale not-seen', title: note }, seenChip(r.lastSeen)));
      cells[0].title = `${r.name}: ${note}`;
    } else if (r.stale) {
      const note = staleNote(r.stale);
      cells[0].append(' ', el('span', { class: 'chip stale', title: note }, 'old inventory'));
      cells[0].title = `${r.name}: ${note}`;
    } else if (r.lastSeen) {
      cells[0].title = `${r.name}: last check-in ${checkInLabel(r.lastSeen)}`;
    }
    set(1, r.line ? `${shortLineLabel(r.line)} · ${r.build ?? 'build unknown'}` : r.build ?? 'unknown', r.line ? `${lineLabel(r.line)}, build ${r.build ?? 'unknown'}` : '');
    set(2, r.edition);
    set(3, r.arch);
    cells[4].replaceChildren(el('span', { class: `badge tone-${r.catchUp ? 'catch-up' : r.verdict}`, title: verdictText(r) }, verdictShort(r)));
    paintReadiness(cells[5], r);
    set(6, TRACKS[r.track] ?? r.track);
    cells[7].replaceChildren(
      ...r.failing.map((c) => el('span', { class: 'chip fail', title: `${checkLabel(c)} fails` }, checkLabel(c))),
      ...r.unknown.map((c) => el('span', { class: 'chip unknown', title: `${checkLabel(c)} unknown` }, `${checkLabel(c)}?`)));
    if (!r.failing.length && !r.unknown.length) cells[7].textContent = 'none';
    set(8, r.ring);
    set(9, r.nextRestart ? dateLabel(r.nextRestart) : 'none planned', r.nextRestartMonth ? `${monthLabel(r.nextRestartMonth)}: ${r.nextRestartUpdate}` : '');
    const microsoft = r.readiness ? `; Windows Autopatch says ${READINESS[r.readiness].toLowerCase()}${r.agreement === 'agree' ? '' : ` (${AGREEMENT[r.agreement].toLowerCase()})`}` : '';
    const seen = r.notSeen ? ` (${notSeenNote(r.lastSeen)})` : r.stale ? ` (${staleNote(r.stale)})` : '';
    row.setAttribute('aria-label', `${r.name}: ${verdictText(r)}${microsoft}${seen}`);
  }

  /** Windows Autopatch's readiness as a chip, marked when the planner disagrees. */
  function paintReadiness(cell, r) {
    cell.title = '';
    if (!r.readiness) {
      cell.replaceChildren(el('span', { class: 'muted' }, '—'));
      cell.title = 'Not in the Windows Autopatch data';
      return;
    }
    const says = `Windows Autopatch says ${READINESS[r.readiness].toLowerCase()}`;
    const chip = el('span', { class: `chip readiness ${r.readiness === 'ready' ? 'ready' : 'not-ready'} ${r.agreement}` },
      r.agreement === 'disagree' ? el('span', { 'aria-hidden': 'true' }, '≠ ') : null,
      READINESS[r.readiness],
      r.agreement === 'agree' ? null : el('span', { class: 'visually-hidden' }, `, ${AGREEMENT[r.agreement].toLowerCase()}`));
    cell.replaceChildren(chip);
    cell.title = r.agreement === 'agree' ? `${says}; the planner agrees` : `${says}; ${AGREEMENT[r.agreement].toLowerCase()} (open the device for why)`;
  }

  function blank(row) {
    delete row.dataset.key;
    for (const cell of row.children) cell.textContent = '';
    row.children[0].textContent = 'Loading…';
    row.removeAttribute('aria-label');
  }

  async function openRow(i) {
    active = i;
    const r = rowAt(i);
    if (r) on.open(r);
  }

  function focusRow(i) {
    active = Math.max(0, Math.min(count - 1, i));
    const top = active * rowHeight;
    if (top < viewTop()) scrollToRows(top);
    else if (top + rowHeight > viewTop() + viewport.clientHeight) scrollToRows(top + rowHeight - viewport.clientHeight);
    render();
    // Without scrolling: the view is where it should be (with a scaled scrollbar, the
    // browser's own scrolling to the row would move every row by the scale).
    pool.find((row) => row.dataset.index === String(active))?.focus({ preventScroll: true });
    // The table itself in the window (on a phone it is taller than the screen).
    viewport.scrollIntoView({ block: 'nearest' });
  }

  function keydown(e) {
    const page = Math.max(1, Math.floor(viewport.clientHeight / rowHeight) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) focusRow(active + moves[e.key]);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(count - 1);
    else if (e.key === 'Enter' || e.key === ' ') openRow(active);
    else return;
    e.preventDefault();
  }

  return {
    root,
    /** A new evaluation: fresh choices, the filter kept where it still applies. */
    async reset(result) {
      total = result.count;
      for (const b of exportButtons.children) b.disabled = total === 0;
      rowHeight = parseFloat(getComputedStyle(root).getPropertyValue('--hp-row-height')) || 40;
      const kept = ring.value;
      fill(ring, result.choices.rings.map((r) => [r, r]));
      const nowDefault = result.overview.defaultRing;
      // The default ring stays selected under its new name; a ring that had the default ring's
      // new name before is not the default ring: that filter goes.
      if (kept && kept === defaultRing) ring.value = result.choices.rings.includes(nowDefault) ? nowDefault : '';
      else if (kept && kept === nowDefault) ring.value = '';
      defaultRing = nowDefault;
      fill(line, result.choices.lines.map((l) => [l, l === UNKNOWN_LINE ? 'Unknown' : lineLabel(l)]));
      fill(month, result.overview.calendar.months.map((m) => [m.month, monthLabel(m.month)]));
      fill(fix, result.overview.fixes.map((g) => [g.checks.join('+'), g.text]));
      // The Autopatch column and filter exist only when an input carries Microsoft's readiness.
      const microsoft = Boolean(result.summary?.microsoft);
      grid.classList.toggle('with-autopatch', microsoft);
      autopatch.label.hidden = !microsoft;
      await setFilter({ ...filter, ring: ring.value, line: line.value, restartMonth: month.value, fix: fix.value, check: check.value, autopatch: microsoft ? autopatch.value : '' });
    },
    setFilter,
    get filter() {
      return { ...filter };
    },
    /** Focuses the first row (after a click in the overview). */
    focus() {
      root.scrollIntoView({ block: 'start' });
      if (count) focusRow(0);
      else search.focus();
    },
    /** Re-renders after the element's size may have changed (a section shown). */
    render,
    /** Says why a download failed; null clears it. */
    exportFailed(message) {
      exportStatus.textContent = message ?? '';
      exportStatus.hidden = !message;
    },
  };
}
