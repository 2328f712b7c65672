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

/** Builds the card. `on.change(settings)` gets a new settings object after every valid edit. */
export function settingsView(on) {
  const summary = el('span', { class: 'small muted' });
  const form = el('form', { novalidate: true });
  form.addEventListener('submit', (e) => e.preventDefault());
  const root = el('details', { class: 'card settings', part: 'settings' },
    el('summary', {}, el('h2', {}, 'Settings'), summary),
    form);
  let current = null;

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
        el('p', { class: 'small muted' }, 'Devices with no ring, or a ring not listed here, use a 0-day deferral, 7-day deadline and 2-day grace period.'),
        el('div', { class: 'row' }, newRing, addRing, resetRings)),
      error ? el('p', { class: 'small error', role: 'alert' }, error) : null,
    );

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
