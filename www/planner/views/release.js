// The release data card: where the data ends per OS line, the months it does not settle, the
// documents it was read from, and the ways to load newer data: Microsoft's own documents
// fetched on request (only on a click), or any release document dropped, chosen or pasted.
// What is loaded is kept in the browser and can be downloaded or removed.
import { el, fill } from '../dom.js';
import { dateLabel, monthLabel } from '../model.js';
import { plural } from './inputs.js';

const KINDS = {
  'msrc-cvrf': 'MSRC security update (CVRF)',
  'release-health': 'Windows release health page',
  'graph-catalog': 'Microsoft Graph Windows Updates catalog',
  'support-toc': 'support.microsoft.com update history',
  catalog: 'Release catalog (JSON)',
};
export const kindLabel = (kind) => KINDS[kind] ?? kind ?? 'document';

/** `['2026-09', '2026-10']` → `September 2026 and October 2026`. */
export function monthList(months) {
  const names = months.map((m) => monthLabel(m));
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * Builds the card. `on` has: files(File[]), paste(text), fetchLatest(), download(), remove().
 */
export function releaseView(on) {
  const fileInput = el('input', { type: 'file', multiple: true, hidden: true, accept: '.json,.xml,.html,.htm,.md,.txt,application/json,text/xml,application/xml,text/html', 'aria-hidden': 'true', tabindex: '-1' });
  fileInput.addEventListener('change', () => {
    if (fileInput.files.length) on.files([...fileInput.files]);
    fileInput.value = '';
  });
  const paste = el('textarea', { id: 'release-paste', spellcheck: 'false', autocomplete: 'off', rows: '3', placeholder: 'Paste a release document here: an MSRC CVRF document, a release health page, a Graph catalog export, toc.json or a release catalog.' });
  const readPasted = el('button', { type: 'button', onclick: () => {
    if (!paste.value.trim()) return paste.focus();
    on.paste(paste.value);
    paste.value = '';
  } }, 'Read pasted text');
  const drop = el('div', { class: 'drop release-drop', part: 'release-drop-zone' },
    el('p', {}, el('strong', {}, 'Drop release documents here'),
      ' (MSRC CVRF XML or JSON, a saved Windows release health page, a Graph Windows Updates catalog export, support.microsoft.com toc.json, or a release catalog), or ',
      el('button', { type: 'button', onclick: () => fileInput.click() }, 'Choose release files…')),
    el('p', { class: 'small muted' }, 'Files dropped here are read as release data, never as inventory.'),
    el('details', { class: 'release-paste' },
      el('summary', {}, 'Or paste a release document'),
      el('label', { class: 'visually-hidden', for: 'release-paste' }, 'Release document text'),
      paste,
      el('div', { class: 'row' }, readPasted)),
    fileInput);
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      e.stopPropagation();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', (e) => {
    if (!drop.contains(e.relatedTarget)) drop.classList.remove('over');
  });
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    drop.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) on.files(files);
    else if (e.dataTransfer?.getData('text/plain')) on.paste(e.dataTransfer.getData('text/plain'));
  });

  const summary = el('p', { class: 'release-summary' });
  const gap = el('div', { class: 'release-gap' });
  const coverage = el('div', { class: 'coverage-wrap' });
  const sources = el('div', { class: 'release-sources' });
  const status = el('p', { class: 'status release-status', role: 'status', 'aria-live': 'polite' });
  const failures = el('div', { class: 'release-failures' });
  const outcome = el('div', { class: 'release-outcome' });
  const kept = el('div', { class: 'release-kept' });

  const root = el('section', { class: 'card release', part: 'release', 'aria-labelledby': 'release-title' },
    el('header', {}, el('h2', { id: 'release-title' }, 'Release data'),
      el('p', { class: 'small muted' }, 'Which of Microsoft’s monthly releases the planner knows, per OS line.')),
    summary, gap, status, failures, outcome, coverage, sources, drop, kept);

  return {
    root,
    /**
     * Shows the release data in use. `state`: { catalog (the report's catalog info), asOf,
     * missing (the report's catalog.missing), release (what is loaded: { sources, loadedAt, from } or
     * null), storage (whether the browser keeps it), busy }.
     */
    show(state) {
      const { catalog, asOf, missing, release } = state;
      if (!catalog) {
        summary.textContent = 'Reading the built-in release data…';
        return;
      }
      const ends = catalog.lastMonth;
      summary.replaceChildren(
        el('strong', {}, catalog.builtIn ? 'Built-in release data' : release?.from === 'catalog-src' ? 'Release data provided by this page, over the built-in data' : 'Release data you loaded, over the built-in data'),
        ends ? `, ending with ${monthLabel(ends)}.` : '.',
        ` Evaluated as of ${dateLabel(asOf)}.`);

      if (missing.length) {
        const notInData = missing.filter((m) => !ends || m.month > ends);
        const typeUnknown = missing.filter((m) => ends && m.month <= ends);
        fill(gap,
          el('p', {}, el('strong', {}, `Not settled up to ${dateLabel(asOf)}: `),
            notInData.length ? `${monthList(notInData.map((m) => m.month))} ${notInData.length === 1 ? 'is' : 'are'} not in the data` : null,
            notInData.length && typeUnknown.length ? '; ' : null,
            typeUnknown.length ? `Microsoft has not said whether ${monthList(typeUnknown.map((m) => m.month))} ${typeUnknown.length === 1 ? 'was a hotpatch or a baseline month' : 'were hotpatch or baseline months'} (the planner assumes the planned type)` : null,
            '.'),
          el('div', { class: 'row' },
            el('button', { type: 'button', class: 'primary fetch-latest', disabled: state.busy, onclick: () => on.fetchLatest() }, 'Get the latest from Microsoft')),
          el('p', { class: 'small muted' },
            `Asks Microsoft’s Security Update Guide (api.msrc.microsoft.com) for ${plural(missing.length, 'monthly document')}, only when you click. `,
            'Nothing about your devices is sent.'));
      } else {
        fill(gap, el('p', {}, `The release data settles every month up to ${dateLabel(asOf)}.`));
      }

      const rows = state.coverage;
      fill(coverage, rows.length ? el('table', { class: 'coverage' },
        el('caption', {}, 'Where the data ends, per OS line'),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, 'OS line'),
          el('th', { scope: 'col' }, 'Data ends with'),
          el('th', { scope: 'col' }, 'Month type not known'),
          el('th', { scope: 'col' }, 'Predicted from'))),
        el('tbody', {}, rows.map((r) => el('tr', { 'data-line': r.line },
          el('th', { scope: 'row' }, r.name),
          el('td', {}, r.last ? monthLabel(r.last) : '—'),
          el('td', {}, r.typeUnknown.length ? monthList(r.typeUnknown) : 'none'),
          el('td', {}, r.predictedFrom ? `${monthLabel(r.predictedFrom)} on` : '—'))))) : null,
      el('p', { class: 'small muted' }, 'Predicted months follow Microsoft’s planned calendar (baselines in January, April, July and October) and carry no KB or build. A month of unknown type is planned as its calendar type until Microsoft’s documents settle it.'));

      const used = Array.isArray(catalog.sources) ? catalog.sources : release?.sources ?? [];
      fill(sources,
        el('h3', {}, 'Documents in use'),
        el('ul', { class: 'source-list' },
          el('li', {}, 'The built-in catalog shipped with the planner (Microsoft’s hotpatch release notes and KB pages).'),
          used.map((s) => el('li', { 'data-kind': s.kind ?? '' },
            el('span', { class: 'name' }, s.title || s.name || kindLabel(s.kind)),
            el('span', { class: 'meta' }, ' — ', [kindLabel(s.kind), s.name && s.title ? s.name : null, s.date ? `dated ${dateLabel(s.date)}` : null,
              s.months?.length ? `covers ${monthList(s.months)}` : null, s.loadedAt ? `loaded ${dateLabel(s.loadedAt.slice(0, 10))}` : null].filter(Boolean).join(' · '))))));

      const loaded = Boolean(release);
      fill(kept,
        release ? el('div', { class: 'row' },
          el('button', { type: 'button', class: 'download-release', onclick: () => on.download() }, 'Download release data (.json)'),
          loaded ? el('button', { type: 'button', class: 'remove-release', onclick: () => on.remove() }, 'Remove loaded release data') : null) : null,
        el('p', { class: 'small muted kept-note' }, !release ? 'Release data you load is kept in this browser, and can be downloaded as a catalog file for another browser or a colleague.'
          : release.from === 'catalog-src' ? 'This page provides this release data; it is read again at each visit.'
            : state.storage ? `Kept in this browser${release.loadedAt ? ` since ${dateLabel(release.loadedAt.slice(0, 10))}` : ''}. Removing it goes back to the built-in data.`
              : 'Storage is off for this planner: it will be forgotten after a reload.'),
        state.storageNote ? el('p', { class: 'small error' }, state.storageNote) : null);
    },
    /** Progress (0–1, or -1 for an unknown share) or a final sentence; '' clears. */
    showStatus(text, progress = null) {
      status.replaceChildren(text);
      if (progress !== null) {
        const bar = el('progress', { max: '1', 'aria-label': 'Release data progress' });
        if (progress >= 0) bar.value = progress;
        status.prepend(bar, ' ');
      }
    },
    /** Months whose documents could not be fetched: links to open and save by hand. */
    showFailures(list) {
      if (!list.length) return failures.replaceChildren();
      fill(failures, el('div', { class: 'notice warn', role: 'alert' },
        el('p', {}, el('strong', {}, `${plural(list.length, 'document')} could not be fetched from this page`),
          ` (${list[0].reason}${list.length > 1 ? ', …' : ''}). `,
          'Open each link below in your browser, save what it shows as a file (Ctrl+S), then drop the files on “Drop release documents here”.'),
        el('ul', { class: 'manual-links' }, list.map((m) => el('li', {},
          el('a', { href: m.url, target: '_blank', rel: 'noopener noreferrer' }, `${monthLabel(m.month)}: ${m.url}`),
          m.reason !== list[0].reason ? el('span', { class: 'small muted' }, ` — ${m.reason}`) : null)))));
    },
    /**
     * What the last load read: per source, what it added; its errors and conflicts.
     * `answer`: { sources, errors, conflicts }; `names`: the documents' names.
     */
    showOutcome(answer, names) {
      if (!answer) return outcome.replaceChildren();
      const sourceOf = (i) => names[i] ?? `document ${i + 1}`;
      fill(outcome,
        el('h3', {}, 'Last documents read'),
        el('ul', { class: 'outcome-list' },
          answer.sources.map((s) => el('li', { class: 'outcome-source', 'data-kind': s.kind ?? '' },
            el('span', { class: 'name' }, s.title || s.name),
            ` — ${[kindLabel(s.kind), s.date ? `dated ${dateLabel(s.date)}` : null].filter(Boolean).join(', ')}: `,
            describeAdded(s))),
          answer.errors.map((e) => el('li', { class: 'outcome-error' },
            el('span', { class: 'name' }, e.name ?? sourceOf(e.source)),
            e.at ? ` (${e.at})` : '', ': ', e.message)),
          answer.conflicts.map((c) => el('li', { class: 'outcome-conflict' },
            el('span', { class: 'name' }, `${c.line ?? ''} ${c.month ? monthLabel(c.month) : ''}`.trim()),
            `: the documents disagree on ${c.field}`,
            c.values?.length ? ` (${c.values.map((v) => `${v.value ?? 'none'} in ${sourceOf(v.source)}`).join('; ')})` : '',
            c.chosen !== undefined ? `; using ${c.chosen ?? 'none'}` : '',
            c.message ? `. ${c.message}` : '.'))));
    },
  };
}

function describeAdded(s) {
  const added = s.added;
  if (Array.isArray(added)) return added.length ? `added ${added.map((a) => (typeof a === 'string' ? (/^\d{4}-\d{2}$/.test(a) ? monthLabel(a) : a) : [a.line, a.month ? monthLabel(a.month) : null, a.field].filter(Boolean).join(' '))).join(', ')}.` : 'nothing the data did not already have.';
  if (typeof added === 'number') return added ? `${plural(added, 'month')} added.` : 'nothing the data did not already have.';
  if (typeof added === 'string') return added;
  if (s.months?.length) return `covers ${monthList(s.months)}.`;
  return 'read.';
}
