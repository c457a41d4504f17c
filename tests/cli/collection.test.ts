import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput, TimelineEntry } from '../../src/engine/output';
import { runCli } from './run';

// Collection strategy and early warning through the CLI: cadence (P-CS-2, P-CS-3, P-CS-4), segmentation
// and promises to pay (P-CS-9), monthly collection of non-performing loans (P-CS-8), warning indicators
// and risk level (P-EW-1, P-EW-2), material events (P-EW-3, P-CL-3).
// The loan: 60,000.00 bullet at 6 % for 3 months, due 2026-03-31 (Tuesday), with one contact and one guarantor.

const dir = mkdtempSync(join(tmpdir(), 'postloan-collection-'));
let n = 0;
const loan = {
  id: 'L-C',
  borrower: { id: 'B-C', kind: 'retail', contacts: [{ id: 'K-1', relation: 'spouse' }] },
  guarantors: [{ id: 'G-1' }],
  principal: '60000.00',
  annualRate: '0.0600',
  disbursedOn: '2025-12-31',
  termMonths: 3,
  repayment: 'bullet',
};

function replay(events: readonly Record<string, unknown>[], asOf: string, pack?: string): ReplayOutput {
  const path = join(dir, `c${n++}.json`);
  writeFileSync(path, JSON.stringify({ loan, events }));
  const { code, stdout, stderr } = runCli('replay', path, '--as-of', asOf, ...(pack === undefined ? [] : ['--pack', pack]));
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}

const of = <K extends TimelineEntry['kind']>(out: ReplayOutput, kind: K) => out.timeline.filter((e): e is Extract<TimelineEntry, { kind: K }> => e.kind === kind);
const tasksOf = (out: ReplayOutput, kind: string) => out.tasks.filter((t) => t.kind === kind);
const call = (id: string, at: string, outcome: string, extra: Record<string, unknown> = {}) => ({ id, type: 'contactAttempt', on: at.slice(0, 10), at, party: 'borrower', channel: 'phone', outcome, ...extra });

describe('M1 cadence (P-CS-2, P-CS-3, P-CS-4)', () => {
  it('two calls a day to the borrower on T+1, T+2 and T+3; one call is not enough', () => {
    const out = replay(
      [
        call('a1', '2026-04-01T09:00:00+08:00', 'noAnswer'),
        call('a2', '2026-04-01T15:00:00+08:00', 'noAnswer'),
        call('b1', '2026-04-02T09:00:00+08:00', 'reached'),
        call('c1', '2026-04-03T09:00:00+08:00', 'reached'),
        call('c2', '2026-04-03T16:00:00+08:00', 'reached'),
      ],
      '2026-04-04',
    );
    expect(tasksOf(out, 'borrowerCall').map((t) => [t.id, t.openedOn, t.dueOn, t.status, t.closedBy ?? null])).toEqual([
      ['L-C/borrowerCall/i1+1d/borrower', '2026-04-01', '2026-04-01', 'done', 'a2'],
      ['L-C/borrowerCall/i1+2d/borrower', '2026-04-02', '2026-04-02', 'breached', null],
      ['L-C/borrowerCall/i1+3d/borrower', '2026-04-03', '2026-04-03', 'done', 'c2'],
    ]);
    expect(out.tasks.every((t) => t.ruleId !== 'P-CS-2' || t.kind === 'borrowerCall')).toBe(true);
  });

  it('after T+3 a reachable borrower in M1 is called every day (P-CS-4); contacts are not called (P-CS-11)', () => {
    const out = replay([call('a', '2026-04-02T10:00:00+08:00', 'reached'), call('d', '2026-04-05T10:00:00+08:00', 'reached')], '2026-04-06');
    // dpd 4 on 2026-04-04: the first daily call is due that day; d on 04-05 is late, the next is due 04-06.
    expect(tasksOf(out, 'dailyCall').map((t) => [t.openedOn, t.dueOn, t.status])).toEqual([
      ['2026-04-04', '2026-04-05', 'done'],
      ['2026-04-05', '2026-04-06', 'open'],
    ]);
    expect(tasksOf(out, 'contactCall')).toEqual([]);
  });

  it('after T+3 with the borrower not answering, each contact is called by T+5 (P-CS-3)', () => {
    const out = replay(
      [call('a', '2026-04-02T10:00:00+08:00', 'noAnswer'), { id: 'k', type: 'contactAttempt', on: '2026-04-05', at: '2026-04-05T11:00:00+08:00', party: 'contact', partyId: 'K-1', channel: 'phone', outcome: 'reached' }],
      '2026-04-06',
    );
    expect(tasksOf(out, 'contactCall')).toEqual([
      { id: 'L-C/contactCall/i1+4d/K-1', kind: 'contactCall', ruleId: 'P-CS-3', party: 'contact', partyId: 'K-1', openedOn: '2026-04-04', dueOn: '2026-04-05', status: 'done', instalment: 1, closedOn: '2026-04-05', closedBy: 'k' },
    ]);
  });

  it('a pack whose cadence needs more calls a day than contactConduct allows is refused (never schedules a breach)', () => {
    const pack = mkdtempSync(join(tmpdir(), 'postloan-cadence-'));
    cpSync('rules/cn-default', pack, { recursive: true });
    const file = join(pack, 'collection.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"times": 2', '"times": 7'));
    const path = join(dir, 'cadence.json');
    writeFileSync(path, JSON.stringify({ loan, events: [] }));
    const { code, stderr } = runCli('replay', path, '--pack', pack, '--as-of', '2026-04-01');
    expect(code).toBe(1);
    expect(stderr).toContain('The task needs 7 calls in 1 day, more than contactConduct allows to one number (6 a day): the cadence would schedule a breach of P-CS-11');
    expect(stderr).toContain('lower "times" to at most 6');
  });
});

describe('segmentation and promises to pay (P-CS-9)', () => {
  it('a promise paid in full by its date is kept; an unpaid one is broken the day after', () => {
    const kept = replay([{ id: 'pp', type: 'promiseToPay', on: '2026-04-02', amount: '1000.00', by: '2026-04-10' }, { id: 'p', type: 'payment', on: '2026-04-08', amount: '1000.00' }], '2026-04-12');
    expect(of(kept, 'promiseKept')).toEqual([{ id: expect.stringMatching(/^tl-/), on: '2026-04-08', kind: 'promiseKept', ruleIds: ['P-CS-9'], eventId: 'pp', amount: '1000.00', by: '2026-04-10', paid: '1000.00' }]);
    const broken = replay([{ id: 'pp', type: 'promiseToPay', on: '2026-04-02', amount: '1000.00', by: '2026-04-10' }, { id: 'p', type: 'payment', on: '2026-04-08', amount: '400.00' }], '2026-04-12');
    expect(of(broken, 'promiseBroken')).toEqual([{ id: expect.stringMatching(/^tl-/), on: '2026-04-11', kind: 'promiseBroken', ruleIds: ['P-CS-9'], eventId: 'pp', amount: '1000.00', by: '2026-04-10', paid: '400.00' }]);
  });

  it('able and willing by default; two broken promises make the borrower unwilling: a firm notice within 3 WD', () => {
    const events = [
      call('r', '2026-04-01T10:00:00+08:00', 'reached'),
      { id: 'pp1', type: 'promiseToPay', on: '2026-04-01', amount: '1000.00', by: '2026-04-03' },
      { id: 'pp2', type: 'promiseToPay', on: '2026-04-06', amount: '1000.00', by: '2026-04-08' },
    ];
    const out = replay(events, '2026-04-10');
    expect(of(out, 'segmentChanged').map((e) => [e.on, e.to, e.rules])).toEqual([
      ['2026-04-01', 'ableWilling', ['segment-able-willing']],
      ['2026-04-09', 'ableUnwilling', ['segment-able-unwilling']],
    ]);
    expect(out.segment).toBe('ableUnwilling');
    // 2026-04-09 is a Thursday: 3 working days later is Tuesday 2026-04-14.
    expect(tasksOf(out, 'firmNotice')).toMatchObject([{ ruleId: 'P-CS-9', party: 'borrower', openedOn: '2026-04-09', dueOn: '2026-04-14', status: 'open' }]);
  });

  it('a refusal when reached makes the borrower unwilling at once', () => {
    const out = replay([call('r', '2026-04-02T10:00:00+08:00', 'refused')], '2026-04-02');
    expect(out.segment).toBe('ableUnwilling');
  });

  it('hardship makes the borrower willing but unable: a hardship plan, done by a promise to pay', () => {
    const out = replay(
      [
        { id: 'h', type: 'riskSignal', on: '2026-04-02', indicator: 'hardship', value: true },
        { id: 'pp', type: 'promiseToPay', on: '2026-04-07', amount: '5000.00', by: '2026-04-30' },
      ],
      '2026-04-08',
    );
    expect(out.segment).toBe('unableWilling');
    // Thursday 2026-04-02 + 5 WD, with Qingming (04-04 to 04-06) off: 04-03, 04-07, 04-08, 04-09, 04-10.
    expect(tasksOf(out, 'hardshipPlan')).toMatchObject([{ ruleId: 'P-CS-9', openedOn: '2026-04-02', dueOn: '2026-04-10', status: 'done', closedBy: 'pp' }]);
  });

  it('lost contact: each guarantor is asked to perform, by a guarantee-performance notice naming them', () => {
    const out = replay(
      [call('u1', '2026-04-01T10:00:00+08:00', 'unreachable'), { id: 'g', type: 'noticeSent', on: '2026-04-08', kind: 'guaranteePerformance', party: 'G-1' }],
      '2026-04-09',
    );
    expect(of(out, 'segmentChanged').at(-1)).toMatchObject({ on: '2026-04-05', to: 'lostContact' });
    // Sunday 2026-04-05 (Qingming) + 5 WD: 04-07, 04-08, 04-09, 04-10, 04-13.
    expect(tasksOf(out, 'guarantorDemand')).toMatchObject([{ party: 'guarantor', partyId: 'G-1', openedOn: '2026-04-05', dueOn: '2026-04-13', status: 'done', closedBy: 'g' }]);
  });

  it('no segment once the arrears are paid', () => {
    const out = replay([call('r', '2026-04-02T10:00:00+08:00', 'refused'), { id: 'p', type: 'payment', on: '2026-04-03', amount: '60900.00' }], '2026-04-04');
    expect(out).toMatchObject({ state: 'settled', segment: 'none' });
  });
});

describe('pre-collection (P-CS-1)', () => {
  it('a high-risk borrower is reminded 7 to 3 days before a due date; a low-risk one is not', () => {
    const monthly = { ...loan, termMonths: 6, repayment: 'interestOnly' };
    const path = join(dir, 'pre.json');
    const events = [
      { id: 's', type: 'riskSignal', on: '2026-02-10', indicator: 'relatedPartyLitigation', value: true },
      { id: 'p1', type: 'payment', on: '2026-01-31', amount: '300.00' },
      { id: 'p2', type: 'payment', on: '2026-02-27', amount: '300.00' },
      { id: 'r', type: 'contactAttempt', on: '2026-02-24', at: '2026-02-24T10:00:00+08:00', party: 'borrower', channel: 'sms', outcome: 'reached' },
    ];
    writeFileSync(path, JSON.stringify({ loan: monthly, events }));
    const out = JSON.parse(runCli('replay', path, '--as-of', '2026-03-30').stdout) as ReplayOutput;
    // 2026-02-28 (month-end clamp of the 31st): open 02-21, due 02-25; 2026-03-31: open 03-24, due 03-28 (missed).
    expect(tasksOf(out, 'preCollection').map((t) => [t.instalment, t.openedOn, t.dueOn, t.status, t.closedBy ?? null])).toEqual([
      [2, '2026-02-21', '2026-02-25', 'done', 'r'],
      [3, '2026-03-24', '2026-03-28', 'breached', null],
    ]);
    writeFileSync(path, JSON.stringify({ loan: monthly, events: events.slice(1) }));
    expect(tasksOf(JSON.parse(runCli('replay', path, '--as-of', '2026-03-30').stdout) as ReplayOutput, 'preCollection')).toEqual([]);
  });
});

describe('non-performing collection (P-CS-8)', () => {
  it('a non-performing loan is collected at least monthly', () => {
    const out = replay([call('m', '2026-07-20T10:00:00+08:00', 'noAnswer')], '2026-08-25');
    // dpd 91 on 2026-06-30: substandard; first collection due a month later.
    expect(tasksOf(out, 'nplCollection').map((t) => [t.ruleId, t.openedOn, t.dueOn, t.status])).toEqual([
      ['P-CS-8', '2026-06-30', '2026-07-30', 'done'],
      ['P-CS-8', '2026-07-20', '2026-08-20', 'breached'],
    ]);
  });
});

describe('early warning (P-EW-1, P-EW-2, P-EW-3, P-CL-3)', () => {
  it('indicators raise the risk level: debt ratio medium, related-party litigation high (and key mode)', () => {
    const out = replay(
      [
        { id: 's1', type: 'riskSignal', on: '2026-02-02', indicator: 'debtRatio', value: '0.75' },
        { id: 's2', type: 'riskSignal', on: '2026-02-10', indicator: 'relatedPartyLitigation', value: true },
        { id: 's3', type: 'riskSignal', on: '2026-02-20', indicator: 'relatedPartyLitigation', value: false },
        { id: 's4', type: 'riskSignal', on: '2026-02-25', indicator: 'debtRatio', value: 0.5 },
      ],
      '2026-02-26',
    );
    expect(of(out, 'riskLevelChanged').map((e) => [e.on, e.to, e.rules, e.inputs])).toEqual([
      ['2026-02-02', 'medium', ['risk-medium'], expect.objectContaining({ debtRatio: '0.75' })],
      ['2026-02-10', 'high', ['risk-high'], expect.objectContaining({ relatedPartyLitigation: true })],
      ['2026-02-20', 'medium', ['risk-medium'], expect.objectContaining({ debtRatio: '0.75' })],
      ['2026-02-25', 'low', [], {}],
    ]);
    expect(of(out, 'managementModeChanged').map((e) => [e.on, e.to])).toEqual([
      ['2026-02-10', 'key'],
      ['2026-02-20', 'regular'],
    ]);
    expect(of(out, 'riskSignalRecorded')[0]).toEqual({ id: expect.stringMatching(/^tl-/), on: '2026-02-02', kind: 'riskSignalRecorded', ruleIds: ['P-EW-1'], eventId: 's1', indicator: 'debtRatio', value: '0.75' });
  });

  it('an unknown indicator is recorded with a warning and a suggestion; a wrong value is refused with its path', () => {
    const out = replay([{ id: 's', type: 'riskSignal', on: '2026-02-02', indicator: 'debtRatoi', value: '0.9' }], '2026-02-03');
    expect(of(out, 'warning')).toMatchObject([{ eventId: 's', ruleIds: ['P-EW-1'], message: expect.stringContaining('did you mean "debtRatio"?') }]);
    expect(out.riskLevel).toBe('low');
    const path = join(dir, 'bad-signal.json');
    writeFileSync(path, JSON.stringify({ loan, events: [{ id: 's', type: 'riskSignal', on: '2026-02-02', indicator: 'hardship', value: 'yes' }] }));
    const bad = runCli('replay', path, '--as-of', '2026-02-03');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Risk indicator "hardship" is true or false; "yes" is not');
    expect(bad.stderr).toContain('events[0].value');
  });

  it('a material adverse event: report within 1 WD (P-NT-8), special mention (P-CL-3), high risk (P-EW-3) until resolved', () => {
    const events = [
      { id: 'm', type: 'materialEvent', on: '2026-02-05', description: 'factory fire' },
      { id: 'r', type: 'noticeSent', on: '2026-02-06', kind: 'materialEventReport' },
      { id: 'ok', type: 'riskSignal', on: '2026-03-02', indicator: 'materialEventResolved', value: true },
    ];
    const out = replay(events, '2026-03-03');
    expect(of(out, 'classificationChanged').map((e) => [e.on, e.to, e.rules])).toEqual([
      ['2026-02-05', 'specialMention', ['floor-material-event']],
      ['2026-03-02', 'pass', []],
    ]);
    expect(of(out, 'riskLevelChanged').map((e) => [e.on, e.to])).toEqual([
      ['2026-02-05', 'high'],
      ['2026-03-02', 'low'],
    ]);
    expect(of(out, 'riskSignalRecorded')[0]).toMatchObject({ ruleIds: ['P-EW-3'], indicator: 'materialEventResolved' });
  });
});
