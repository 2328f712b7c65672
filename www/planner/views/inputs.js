// The inventory card: drop zone, file picker, paste area, samples, the list of loaded
// documents with the format each was read as, progress, and the problems found in them.
import { allFormatsHelp } from '../help.js';
import { el, fill } from '../dom.js';

/**
 * Format ids the user can force per document (README "Input formats"): a short name for the
 * menu (a select is as wide as its longest option) and, where it differs, the full one the
 * document list shows.
 */
const FORMATS = [
  ['auto', 'detect'],
  ['graph', 'Graph'],
  ['computerinfo', 'Get-ComputerInfo'],
  ['deviceguard', 'Device Guard'],
  ['registry', 'registry probe'],
  ['ucclient', 'WUfB reports (UCClient)', 'Windows Update for Business reports (UCClient)'],
  ['ucclientupdatestatus', 'WUfB reports (UCClientUpdateStatus)', 'Windows Update for Business reports (UCClientUpdateStatus)'],
  ['intune-csv', 'Intune CSV'],
  ['defender', 'Defender'],
  ['autopatch', 'Autopatch device profiles', 'Windows Autopatch device profiles'],
  ['canonical', 'canonical'],
];
const FORMAT_NAMES = Object.fromEntries(FORMATS.map(([id, short, full]) => [id, full ?? short]));

/** The samples in www/samples, singly and in the combinations worth trying. */
export const SAMPLES = [
  { id: 'graph+deviceguard', label: 'Graph export + Device Guard probe', files: ['graph.json', 'deviceguard.json'] },
  { id: 'graph+deviceguard+registry', label: 'Graph + Device Guard + registry probe', files: ['graph.json', 'deviceguard.json', 'registry.json'] },
  { id: 'graph+deviceguard+autopatch', label: 'Graph + Device Guard + Windows Autopatch readiness', files: ['graph.json', 'deviceguard.json', 'autopatch.json'] },
  { id: 'all', label: 'Every sample together', files: ['graph.json', 'deviceguard.json', 'registry.json', 'computerinfo.json', 'ucclient.json', 'intune.csv', 'defender.json', 'canonical.json', 'autopatch.json'] },
  { id: 'graph', label: 'Graph managedDevices only', files: ['graph.json'] },
  { id: 'intune', label: 'Intune “All devices” CSV', files: ['intune.csv'] },
  { id: 'computerinfo', label: 'Get-ComputerInfo', files: ['computerinfo.json'] },
  { id: 'deviceguard', label: 'Win32_DeviceGuard probe', files: ['deviceguard.json'] },
  { id: 'registry', label: 'Registry probe', files: ['registry.json'] },
  { id: 'ucclient', label: 'Windows Update for Business reports (UCClient)', files: ['ucclient.json'] },
  { id: 'defender', label: 'Defender machines', files: ['defender.json'] },
  { id: 'autopatch', label: 'Windows Autopatch device profiles', files: ['autopatch.json'] },
  { id: 'canonical', label: 'Canonical format', files: ['canonical.json'] },
];

/**
 * Builds the card. `on` has: files(FileList|File[]), paste(text), sample(id), remove(index),
 * format(index, id), clear(), keep(bool).
 */
export function inputsView(on) {
  const fileInput = el('input', { type: 'file', multiple: true, hidden: true, accept: '.json,.csv,.txt,application/json,text/csv,text/plain', 'aria-hidden': 'true', tabindex: '-1' });
  fileInput.addEventListener('change', () => {
    if (fileInput.files.length) on.files([...fileInput.files]);
    fileInput.value = '';
  });
  const paste = el('textarea', { id: 'paste', spellcheck: 'false', autocomplete: 'off', placeholder: 'Paste an export here (JSON, CSV, or PowerShell Format-List text): it is read as soon as you paste.' });
  paste.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text/plain');
    if (!text) return;
    // Large pastes never enter the textarea: rendering megabytes of text would freeze the page.
    e.preventDefault();
    on.paste(text);
  });
  const addTyped = el('button', { type: 'button', onclick: () => { if (paste.value.trim()) { on.paste(paste.value); paste.value = ''; } } }, 'Read this text');
  const drop = el('div', { class: 'drop', part: 'drop-zone' },
    el('p', {}, el('strong', {}, 'Drop export files here'), ' (.json, .csv or PowerShell .txt; several at once, UTF-8 or the UTF-16 Windows PowerShell writes), or ',
      el('button', { type: 'button', class: 'primary', onclick: () => fileInput.click() }, 'Choose files…')),
    el('label', { class: 'field', for: 'paste' }, 'Or paste an export'),
    paste,
    el('div', { class: 'row' }, addTyped),
    fileInput,
  );
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
  }
  drop.addEventListener('dragleave', (e) => {
    if (!drop.contains(e.relatedTarget)) drop.classList.remove('over');
  });
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) on.files(files);
    else if (e.dataTransfer?.getData('text/plain')) on.paste(e.dataTransfer.getData('text/plain'));
  });

  const sample = el('select', { id: 'sample' },
    el('option', { value: '' }, 'Choose a sample…'),
    SAMPLES.map((s) => el('option', { value: s.id }, s.label)));
  sample.addEventListener('change', () => {
    if (sample.value) on.sample(sample.value);
    sample.value = '';
  });
  const keep = el('input', { type: 'checkbox', id: 'keep' });
  keep.addEventListener('change', () => on.keep(keep.checked));
  const clear = el('button', { type: 'button', onclick: () => on.clear() }, 'Clear inventory');
  const list = el('ul', { class: 'input-list', 'aria-label': 'Loaded documents' });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const problems = el('details', { class: 'problems', hidden: true });
  const storageNote = el('p', { class: 'small muted', role: 'status' });

  const root = el('section', { class: 'card inputs', part: 'inputs', 'aria-labelledby': 'inputs-title' },
    el('header', {}, el('h2', { id: 'inputs-title' }, 'Inventory'),
      el('p', { class: 'small muted' }, 'Everything stays in this browser: nothing you load is sent anywhere.')),
    drop,
    el('div', { class: 'row' },
      el('label', { class: 'field', for: 'sample' }, 'Try a sample (replaces what is loaded)', sample),
      clear),
    list,
    allFormatsHelp(),
    status,
    problems,
    el('p', { class: 'small' }, el('label', {}, keep, ' Keep the loaded inventory in this browser after a reload')),
    storageNote,
  );

  /** What the report's `inputs[].decoding` says, for the file list. */
  const DECODING = {
    'windows-1252': ' · not UTF-8: read as Windows-1252 (Western European)',
    'utf-8-repaired': ' · some bytes are not UTF-8 and show as �',
  };
  return {
    root,
    /** Shows the loaded documents, with what the last evaluation said about each. */
    showInputs(inputs, infos = []) {
      list.replaceChildren(...inputs.map((input, i) => {
        const info = infos[i];
        const format = el('select', { 'aria-label': `Read ${input.name} as`, class: 'small' },
          FORMATS.map(([id, label]) => el('option', { value: id, selected: id === input.format }, id === 'auto' ? `format: ${label}` : `read as ${label}`)));
        format.addEventListener('change', () => on.format(i, format.value));
        const what = !info ? 'not read yet'
          : info.format === null ? 'not a known format'
            : `${FORMAT_NAMES[info.format] ?? info.format}${info.detected ? '' : ' (forced)'} · ${plural(info.records, 'record')}${info.errors ? ` · ${plural(info.errors, 'problem')}` : ''}${DECODING[info.decoding] ?? ''}`;
        return el('li', { 'data-input': i },
          el('span', { class: 'name' }, input.name),
          el('span', { class: 'meta grow' }, what),
          format,
          el('button', { type: 'button', onclick: () => on.remove(i), 'aria-label': `Remove ${input.name}` }, 'Remove'));
      }));
      if (!inputs.length) list.append(el('li', { class: 'empty' }, 'No inventory loaded yet. Drop a Microsoft Graph export and a Device Guard probe, or try a sample.'));
    },
    /** Progress of a running evaluation, or a final sentence. */
    showStatus(text, progress = null) {
      status.replaceChildren(text);
      if (progress !== null) {
        const bar = el('progress', { max: '1', 'aria-label': 'Evaluation progress' });
        if (progress >= 0) bar.value = progress;
        status.prepend(bar, ' ');
      }
    },
    /** The problems found in the inputs, each with where it is. */
    showProblems(errors, total, inputs) {
      problems.hidden = total === 0;
      if (!total) return problems.replaceChildren();
      const where = (e) => [
        inputs[e.input]?.name ?? `input ${e.input + 1}`,
        e.record !== null && e.record !== undefined ? `record ${e.record}` : null,
        e.path ? e.path : null,
        e.line ? `line ${e.line}` : null,
      ].filter(Boolean).join(' · ');
      fill(problems,
        el('summary', {}, `${plural(total, 'problem')} in the inputs (the other records were read)`),
        el('ol', {}, errors.map((e) => el('li', {}, el('span', { class: 'where' }, where(e)), ': ', e.message))),
        total > errors.length ? el('p', { class: 'small muted' }, `…and ${total - errors.length} more, all listed in the JSON report.`) : null,
      );
    },
    setKeep(value, note = '') {
      keep.checked = value;
      storageNote.textContent = note;
    },
  };
}

export function plural(n, word) {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
