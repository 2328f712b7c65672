// releaseCalendar / lookupBuild through the public API (CONTRACT.md "CalendarMonth").
import assert from 'node:assert/strict';

const pick = (m) => [m.month, m.type, m.planned, m.predicted, m.kb, m.build, m.lcuKb, m.lcuBuild];

export const calendarCases = [
  {
    name: 'Windows 11 24H2 2026: catalog KBs and builds January–October (September and October of unknown type), predicted after',
    fn: 'releaseCalendar',
    args: [{ line: 'win11-24h2', from: '2026-01', months: 12 }],
    check({ value }) {
      assert.deepEqual(value.map(pick), [
        ['2026-01', 'baseline', true, false, 'KB5074109', '26100.7623', 'KB5074109', '26100.7623'],
        ['2026-02', 'hotpatch', true, false, 'KB5077212', '26100.7781', 'KB5077181', '26100.7840'],
        ['2026-03', 'hotpatch', true, false, 'KB5079420', '26100.7979', 'KB5079473', '26100.8037'],
        ['2026-04', 'baseline', true, false, 'KB5083769', '26100.8246', 'KB5083769', '26100.8246'],
        ['2026-05', 'hotpatch', true, false, 'KB5089466', '26100.8390', 'KB5089549', '26100.8457'],
        ['2026-06', 'baseline', false, false, 'KB5094126', '26100.8655', 'KB5094126', '26100.8655'],
        ['2026-07', 'baseline', true, false, 'KB5101650', '26100.8875', 'KB5101650', '26100.8875'],
        ['2026-08', 'hotpatch', true, false, 'KB5120994', '26100.9106', 'KB5121003', '26100.9168'],
        // DOMAIN.md section 7: the standard update is known, the month's type is not.
        ['2026-09', 'hotpatch', true, false, null, null, 'KB5124008', '26100.9445'],
        ['2026-10', 'baseline', true, false, null, '26100.9711', null, '26100.9711'],
        ['2026-11', 'hotpatch', true, true, null, null, null, null],
        ['2026-12', 'hotpatch', true, true, null, null, null, null],
      ]);
      assert.deepEqual(value.map((m) => m.release), [
        '2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09',
        '2026-07-14', '2026-08-11', '2026-09-08', '2026-10-13', '2026-11-10', '2026-12-08',
      ]);
      assert.ok(value.every((m) => m.line === 'win11-24h2'));
      assert.deepEqual(value.map((m) => m.typeKnown), [true, true, true, true, true, true, true, true, false, false, false, false]);
      assert.deepEqual(value[0].oob, [
        { date: '2026-01-17', kind: 'lcu', kb: 'KB5077744', build: '26100.7627' },
        { date: '2026-01-24', kind: 'lcu', kb: 'KB5078127', build: '26100.7628' },
      ]);
      assert.match(value[10].note, /Predicted from the planned calendar: the catalog covers 2024-11 to 2026-10/);
      // May's KB5089573 is the optional preview (D release), not an out-of-band update.
      assert.deepEqual(value[4].oob, [{ date: '2026-05-26', kind: 'preview', kb: 'KB5089573', build: '26100.8524' }]);
    },
  },
  {
    name: 'Windows Server 2025: own build series and June 2026 unplanned baseline',
    fn: 'releaseCalendar',
    args: [{ line: 'ws2025', from: '2025-12', months: 8 }],
    check({ value }) {
      assert.deepEqual(value.map((m) => [m.month, m.type, m.planned, m.build]), [
        ['2025-12', 'hotpatch', true, '26100.7392'],
        ['2026-01', 'baseline', true, '26100.32230'],
        ['2026-02', 'hotpatch', true, '26100.32313'],
        ['2026-03', 'hotpatch', true, '26100.32463'],
        ['2026-04', 'baseline', true, '26100.32690'],
        ['2026-05', 'hotpatch', true, '26100.32772'],
        ['2026-06', 'baseline', false, '26100.32995'],
        // July 2026: type not known (the planned baseline is assumed); its LCU is known.
        ['2026-07', 'baseline', true, '26100.33158'],
      ]);
      assert.equal(value[7].confidence, 'unclear');
      assert.equal(value[7].typeKnown, false);
    },
  },
  {
    name: 'Windows Server 2022: August 2024 unplanned baseline; no hotpatch after October 2027',
    fn: 'releaseCalendar',
    args: [{ line: 'ws2022', from: '2024-08', months: 2 }],
    check({ value }) {
      assert.deepEqual(value.map((m) => [m.type, m.planned, m.kb]), [['baseline', false, 'KB5041160'], ['hotpatch', true, 'KB5042880']]);
    },
  },
  {
    name: 'Windows Server 2022 hotpatch support ends after October 2027: later months are restart months',
    fn: 'releaseCalendar',
    args: [{ line: 'ws2022', from: '2027-08', months: 4 }],
    check({ value }) {
      assert.deepEqual(value.map((m) => [m.month, m.type, m.predicted]), [
        ['2027-08', 'hotpatch', true], ['2027-09', 'hotpatch', true], ['2027-10', 'baseline', true], ['2027-11', 'baseline', true],
      ]);
      assert.match(value[3].note, /hotpatch support for Windows Server 2022 ends after October 2027/);
    },
  },
  {
    name: 'months defaults to 12',
    fn: 'releaseCalendar',
    args: [{ line: 'win11-25h2', from: '2025-10' }],
    check({ value }) {
      assert.equal(value.length, 12);
      assert.equal(value[0].build, '26200.6899');
    },
  },
  {
    name: 'a newer catalog merges over the built-in one',
    releaseData: true,
    fn: 'releaseCalendar',
    args: [{
      line: 'win11-24h2', from: '2026-09', months: 2,
      catalog: JSON.stringify({ lines: { 'win11-24h2': { months: [{ month: '2026-09', release: '2026-09-08', type: 'hotpatch', kb: 'KB5130001', ubr: 9300, lcuKb: 'KB5130002', lcuUbr: 9340 }] } } }),
    }],
    check({ value }) {
      // The given September replaces the built-in one; October stays the built-in month.
      assert.deepEqual(value.map((m) => [m.predicted, m.typeKnown, m.build]), [[false, true, '26100.9300'], [false, false, '26100.9711']]);
    },
  },
  {
    name: 'an invalid option throws an Error with code and field',
    fn: 'releaseCalendar',
    args: [{ line: 'win11-24h2', from: '2026-01', months: 500 }],
    check({ error }) {
      assert.deepEqual(error, { isError: true, code: 'INVALID_OPTION', field: 'months', message: 'months: found the number 500, expected a whole number from 1 to 120' });
    },
  },
  {
    name: 'an unknown option is named, not ignored',
    fn: 'releaseCalendar',
    args: [{ line: 'win11-24h2', form: '2026-01' }],
    check({ error }) {
      assert.equal(error.code, 'INVALID_OPTION');
      assert.equal(error.message, 'form: unknown field; expected one of line, from, months, catalog, builtInCatalog');
    },
  },
  {
    name: 'an invalid catalog throws INVALID_CATALOG naming the field',
    releaseData: true,
    fn: 'releaseCalendar',
    args: [{ line: 'win11-24h2', from: '2026-01', catalog: '{"lines":{"win11-24h2":{"months":[{"month":"2026-09","release":"Sept 8","type":"hotpatch"}]}}}' }],
    check({ error }) {
      assert.deepEqual(error, {
        isError: true, code: 'INVALID_CATALOG', field: 'lines.win11-24h2.months[0].release',
        message: 'lines.win11-24h2.months[0].release: found "Sept 8", expected a date written YYYY-MM-DD',
      });
    },
  },
  {
    name: 'lookupBuild tells what a build is',
    fn: 'lookupBuild',
    args: [{ line: 'win11-24h2', build: '10.0.26100.8524' }],
    check({ value }) {
      assert.deepEqual(value, { line: 'win11-24h2', build: '26100.8524', month: '2026-05', kind: 'preview', date: '2026-05-26', kb: 'KB5089573', hotpatchTrack: false, typeKnown: true });
    },
  },
];
