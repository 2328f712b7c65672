// The settings card: evaluation date, horizon, tenant settings (saying what is assumed),
// rings (Autopatch's defaults, editable, plus custom rings). Release data has its own card
// (release.js).
import { el } from '../dom.js';
import { AUTOPATCH_RINGS, RING_LIMITS, today } from '../settings.js';

const LICENSES = [
  ['default', 'Assume eligible (no inventory reports licences)'],
  ['eligible', 'Eligible (E3/E5, A3/A5, F3, Business Premium, W365)'],
  ['ineligible', 'Not eligible'],
  ['unknown', 'Unknown'],
];
const HOTPATCH = [
  ['default', 'Microsoft’s default (Allow from 12 May 2026)'],
  ['allow', 'Allow'],
  ['block', 'Block'],
  ['unknown', 'Unknown'],
];
const ARC = [
  ['unknown', 'Unknown'],
  ['enabled', 'Enabled'],
  ['pending', 'Pending'],
  ['not-enrolled', 'Not enrolled'],
  ['disabled', 'Disabled'],
  ['canceled', 'Canceled'],
];

const options = (choices, value) => choices.map(([id, label]) => el('option', { value: id, selected: id === value }, label));

/** A ring's devices as typed or pasted: one name or id per line, or separated by commas, semicolons or tabs (no name or id contains them). */
const lines = (text) => text.split(/[\r\n,;\t]+/).map((l) => l.trim()).filter(Boolean);
/** Name patterns as typed: separated by commas or new lines. */
const patterns = (text) => text.split(/[,\n]/).map((p) => p.trim()).filter(Boolean);

/** "2 devices" / "1 pattern": what a ring takes, in a few words. */
function takes(ring) {
  const n = ring.devices?.length ?? 0;
  const p = ring.namePatterns?.length ?? 0;
  const parts = [n ? `${n.toLocaleString('en')} device${n === 1 ? '' : 's'} listed` : null, p ? `${p} name pattern${p === 1 ? '' : 's'}` : null].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no devices assigned';
}

/**
 * Builds the card. `on.change(settings)` gets a new settings object after every valid edit;
 * `on.deviceList(file)` reads a group's members file into `{ devices, columns, skipped }`.
 */
export function settingsView(on) {
  const summary = el('span', { class: 'small muted' });
  const form = el('form', { novalidate: true });
  form.addEventListener('submit', (e) => e.preventDefault());
  const root = el('details', { class: 'card settings', part: 'settings' },
    el('summary', {}, el('h2', {}, 'Settings'), summary),
    form);
  let current = null;
  // The form is drawn again after every change: which ring editors are open, and what the
  // last file read said, survive that.
  const openRings = new Set();
  const statusOf = new Map();

  function emit(next) {
    current = next;
    on.change(structuredClone(next));
  }

  function render(settings, error) {
    current = settings;
    const asOf = el('input', { type: 'date', id: 'as-of', value: settings.asOf ?? '', required: false });
    asOf.addEventListener('change', () => emit({ ...current, asOf: asOf.value || null }));
    const months = el('input', { type: 'number', id: 'months', min: '1', max: '36', value: settings.months });
    months.addEventListener('change', () => {
      const n = Number(months.value);
      if (Number.isInteger(n) && n >= 1 && n <= 36) emit({ ...current, months: n });
      else months.reportValidity();
    });
    const license = el('select', { id: 'license' }, options(LICENSES, settings.license));
    license.addEventListener('change', () => emit({ ...current, license: license.value }));
    const hotpatch = el('select', { id: 'hotpatch' }, options(HOTPATCH, settings.hotpatch));
    hotpatch.addEventListener('change', () => emit({ ...current, hotpatch: hotpatch.value }));
    const arc = el('select', { id: 'arc' }, options(ARC, settings.arcHotpatch));
    arc.addEventListener('change', () => emit({ ...current, arcHotpatch: arc.value }));

    const ringRows = Object.entries(settings.rings).map(([name, ring]) => ringRow(name, ring));
    const newRing = el('input', { type: 'text', id: 'new-ring', placeholder: 'Ring name', 'aria-label': 'New ring name' });
    const addRing = el('button', { type: 'button', onclick: () => {
      const name = newRing.value.trim();
      if (!name || Object.keys(current.rings).some((r) => r.toLowerCase() === name.toLowerCase())) return newRing.focus();
      emit({ ...current, rings: { ...current.rings, [name]: { ...AUTOPATCH_RINGS.Broad } } });
      render(current);
    } }, 'Add ring');
    const resetRings = el('button', { type: 'button', onclick: () => {
      emit({ ...current, rings: structuredClone(AUTOPATCH_RINGS) });
      render(current);
    } }, 'Reset to Autopatch defaults');


    form.replaceChildren(
      el('fieldset', {}, el('legend', {}, 'When'),
        el('div', { class: 'row' },
          el('label', { class: 'field', for: 'as-of' }, 'Evaluate as of (empty: today)', asOf),
          el('label', { class: 'field', for: 'months' }, 'Months to plan', months))),
      el('fieldset', {}, el('legend', {}, 'Tenant (no export carries these)'),
        el('div', { class: 'row' },
          el('label', { class: 'field', for: 'license' }, 'Windows licence', license),
          el('label', { class: 'field', for: 'hotpatch' }, 'Hotpatch setting for devices in no quality update policy', hotpatch),
          el('label', { class: 'field', for: 'arc' }, 'Windows Server 2025 Arc hotpatch enrolment', arc))),
      el('fieldset', {}, el('legend', {}, 'Update rings (days)'),
        el('table', { class: 'rings' },
          el('thead', {}, el('tr', {}, ['Ring', 'Deferral (0–30)', 'Deadline (0–30)', 'Grace (0–7)', ''].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, ringRows)),
        el('div', { class: 'row' }, newRing, addRing, resetRings)),
      el('fieldset', { class: 'ring-members' }, el('legend', {}, 'Which devices each ring takes'),
        el('p', { class: 'small muted' }, 'Graph and Intune exports do not say which ring a device is in. List devices (names or Entra device IDs, or a group’s members file) or name patterns under a ring. A ring that the inventory itself gives a device (Windows Update for Business reports) is kept. Devices that no ring takes use a 0-day deferral, 7-day deadline and 2-day grace period.'),
        Object.entries(settings.rings).map(([name, ring]) => membersEditor(name, ring))),
      error ? el('p', { class: 'small error', role: 'alert' }, error) : null,
    );

    /** Where a ring's devices are listed: patterns, names or ids, or a group's members file. */
    function membersEditor(name, ring) {
      const id = `ring-${Object.keys(settings.rings).indexOf(name)}`;
      const summary = el('span', { class: 'small muted' }, takes(ring));
      const status = el('p', { class: 'small', role: 'status', 'aria-live': 'polite' }, statusOf.get(name) ?? '');
      const say = (text) => {
        statusOf.set(name, text);
        status.textContent = text;
      };
      const patternInput = el('input', { type: 'text', id: `${id}-patterns`, value: (ring.namePatterns ?? []).join(', '), placeholder: 'for example CON-LAP-*, LAB-?-*', spellcheck: 'false' });
      const list = el('textarea', { id: `${id}-devices`, rows: '4', placeholder: 'for example\nCON-LAP-0101\n7a1c2e3f-0002-4b5c-8d9e-000000000002', spellcheck: 'false' }, (ring.devices ?? []).join('\n'));
      const file = el('input', { type: 'file', id: `${id}-file`, accept: '.csv,.txt,text/csv,text/plain' });
      const save = () => {
        const next = { ...current.rings[name] };
        const devices = lines(list.value);
        const named = patterns(patternInput.value);
        if (devices.length) next.devices = devices;
        else delete next.devices;
        if (named.length) next.namePatterns = named;
        else delete next.namePatterns;
        summary.textContent = takes(next);
        emit({ ...current, rings: { ...current.rings, [name]: next } });
      };
      patternInput.addEventListener('change', save);
      list.addEventListener('change', save);
      file.addEventListener('change', async () => {
        const chosen = file.files[0];
        if (!chosen) return;
        say(`Reading ${chosen.name}…`);
        try {
          const read = await on.deviceList(chosen);
          const had = new Set(lines(list.value).map((d) => d.toLowerCase()));
          const added = read.devices.filter((d) => !had.has(d.toLowerCase()));
          list.value = [...lines(list.value), ...added].join('\n');
          const from = read.columns.length ? ` (columns ${read.columns.join(', ')})` : '';
          const skipped = read.skipped ? `; ${read.skipped} row${read.skipped === 1 ? '' : 's'} that ${read.skipped === 1 ? 'is' : 'are'} not a device skipped` : '';
          say(`Added ${added.length.toLocaleString('en')} from ${chosen.name}${from}${skipped}.`);
          file.value = '';
          save();
        } catch (e) {
          say(`${chosen.name}: ${e.message}`);
          file.value = '';
        }
      });
      const details = el('details', { class: 'members', 'data-ring': name, open: openRings.has(name) },
        el('summary', {}, el('strong', {}, name), ' — ', summary),
        el('label', { class: 'field', for: `${id}-patterns` }, 'Name patterns (comma-separated; * any characters, ? one)', patternInput),
        el('label', { class: 'field', for: `${id}-devices` }, 'Device names or Entra device IDs, one per line (or separated by commas)', list),
        el('label', { class: 'field', for: `${id}-file` }, 'Add a group’s members (Entra or Intune CSV export)', file),
        status);
      details.addEventListener('toggle', () => (details.open ? openRings.add(name) : openRings.delete(name)));
      return details;
    }

    function ringRow(name, ring) {
      const cell = (field) => {
        const input = el('input', { type: 'number', min: '0', max: String(RING_LIMITS[field]), value: ring[field], 'aria-label': `${name} ${field.replace('Days', '')} days` });
        input.addEventListener('change', () => {
          const n = Number(input.value);
          if (!Number.isInteger(n) || n < 0 || n > RING_LIMITS[field]) return input.reportValidity();
          emit({ ...current, rings: { ...current.rings, [name]: { ...current.rings[name], [field]: n } } });
        });
        return el('td', {}, input);
      };
      const remove = AUTOPATCH_RINGS[name] ? null : el('button', { type: 'button', onclick: () => {
        const rings = { ...current.rings };
        delete rings[name];
        emit({ ...current, rings });
        render(current);
      }, 'aria-label': `Remove ring ${name}` }, 'Remove');
      return el('tr', {}, el('th', { scope: 'row' }, name), cell('deferralDays'), cell('deadlineDays'), cell('graceDays'), el('td', {}, remove));
    }
  }

  return {
    root,
    /** Shows `settings`; `error` is why the last change was refused. */
    show(settings, error = null) {
      render(settings, error);
      summary.textContent = describe(settings);
    },
    open() {
      root.open = true;
    },
  };
}

/** One line saying what the settings assume. */
export function describe(s) {
  const parts = [
    `as of ${s.asOf ?? `today (${today()})`}`,
    `${s.months} months`,
    s.license === 'default' ? 'licence assumed eligible' : `licence ${s.license}`,
    s.hotpatch === 'default' ? 'hotpatch: Microsoft’s default' : `hotpatch ${s.hotpatch}`,
    `${Object.keys(s.rings).length} rings`,
  ];
  return parts.join(' · ');
}
