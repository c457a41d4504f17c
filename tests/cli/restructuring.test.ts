import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput, TimelineEntry } from '../../src/engine/output';
import { runCli } from './run';

// Restructuring and extension through the CLI (P-LC-1, P-CT-1, P-CL-3, P-CL-6, P-CL-7, P-EW-1).
// Hand-checked figures: a 60,000.00 bullet loan at 6 % for 3 months owes 900.00 of interest on
// 2026-03-31 (60,000.00 × 0.06 × 3 / 12). Restructured on 2026-07-15 over 24 months at the same rate,
// the new principal is 60,900.00 and the level payment is 2,699.13: 60,900 × r(1+r)^24 / ((1+r)^24 − 1)
// with r = 0.005, rounded half up; the first instalment is 304.50 interest + 2,394.63 principal.

const dir = mkdtempSync(join(tmpdir(), 'postloan-restructure-'));
let n = 0;
const loan = { id: 'L-S', borrower: { id: 'B-S', kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' };

function replay(events: readonly Record<string, unknown>[], asOf: string, l: Record<string, unknown> = loan): ReplayOutput {
  const path = join(dir, `s${n++}.json`);
  writeFileSync(path, JSON.stringify({ loan: l, events }));
  const { code, stdout, stderr } = runCli('replay', path, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}

const of = <K extends TimelineEntry['kind']>(out: ReplayOutput, kind: K) => out.timeline.filter((e): e is Extract<TimelineEntry, { kind: K }> => e.kind === kind);
const restructure = { id: 'rs', type: 'restructure', on: '2026-07-15', termMonths: 24, repayment: 'equalInstallment', requestedBy: 'officer-1', approvedBy: 'manager-2' };

/** Monthly payments of 2,699.13 on the 15th from 2026-08-15, skipping the given due dates (paid 5 days late instead). */
function instalmentsPaid(until: string, late: readonly string[] = []): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let k = 0; ; k++) {
    const month = 8 + k;
    const due = `${2026 + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-15`;
    if (due > until) return out;
    const on = late.includes(due) ? due.replace(/-15$/, '-20') : due;
    out.push({ id: `p${k + 1}`, type: 'payment', on, amount: '2699.13' });
  }
}

describe('restructuring (P-LC-1, P-CT-1, P-CL-3, P-CL-6)', () => {
  it('needs two people: one approving their own request is rejected and nothing changes', () => {
    const out = replay([{ ...restructure, approvedBy: 'officer-1' }], '2026-07-20');
    expect(of(out, 'eventRejected')).toEqual([
      { id: expect.stringMatching(/^tl-/), on: '2026-07-15', kind: 'eventRejected', ruleIds: ['P-CT-1'], eventId: 'rs', eventType: 'restructure', reason: 'The restructuring must be approved by someone other than the requester (four-eyes)' },
    ]);
    expect(out).toMatchObject({ state: 'outsourced', dpd: 111, classification: 'substandard' });
    expect(out.restructured).toBeUndefined();
  });

  it('replaces the schedule with the pay-off amount, cures the arrears and keeps a non-performing class (floor substandard)', () => {
    const out = replay([restructure], '2026-07-20');
    expect(of(out, 'scheduleReplaced')).toEqual([
      {
        id: expect.stringMatching(/^tl-/),
        on: '2026-07-15',
        kind: 'scheduleReplaced',
        ruleIds: ['P-LC-1', 'P-CT-1', 'P-CL-6'],
        eventId: 'rs',
        how: 'restructure',
        principal: '60900.00',
        capitalized: { interest: '900.00', penalty: '0.00' },
        instalments: 24,
        firstDueOn: '2026-08-15',
        maturity: '2028-07-15',
        observationEndsOn: '2027-08-15',
      },
    ]);
    expect(out).toMatchObject({
      state: 'normal',
      dpd: 0,
      classification: 'substandard',
      outstanding: { principal: '60900.00', interest: '0.00', total: '60900.00' },
      restructured: { on: '2026-07-15', observationEndsOn: '2027-08-15', inObservation: true },
      limitationExpiresOn: '2031-07-15',
    });
    // The cure moves the state; the class stays: non-performing is sticky and the restructured floor holds.
    expect(of(out, 'stateChanged').at(-1)).toMatchObject({ on: '2026-07-15', from: 'outsourced', to: 'normal' });
    expect(of(out, 'classificationChanged').map((e) => e.to)).toEqual(['specialMention', 'substandard']);
  });

  it('the new instalments are numbered after the old ones and get their own tasks', () => {
    const out = replay([restructure], '2026-08-20');
    expect(out.dpd).toBe(5);
    const reminders = out.tasks.filter((t) => t.kind === 'repaymentReminder');
    expect(reminders.map((t) => [t.instalment, t.dueOn])).toContainEqual([2, '2026-08-14']);
  });

  it('cannot upgrade within the observation period, however well it pays (P-CL-6), and upgrades when it ends (P-CL-7)', () => {
    const during = replay([restructure, ...instalmentsPaid('2026-12-15')], '2026-12-20');
    expect(during).toMatchObject({ state: 'normal', dpd: 0, classification: 'substandard' });
    const after = replay([restructure, ...instalmentsPaid('2027-08-15')], '2027-08-20');
    expect(of(after, 'observationEnded')).toEqual([{ id: expect.stringMatching(/^tl-/), on: '2027-08-15', kind: 'observationEnded', ruleIds: ['P-CL-6'] }]);
    expect(of(after, 'classificationChanged').at(-1)).toMatchObject({ on: '2027-08-15', from: 'substandard', to: 'pass', ruleIds: ['P-CL-7'] });
    expect(after.restructured).toEqual({ on: '2026-07-15', observationEndsOn: '2027-08-15', inObservation: false });
  });

  it('a missed instalment restarts the observation period from the missed date', () => {
    const out = replay([restructure, ...instalmentsPaid('2027-08-15', ['2026-11-15'])], '2027-08-20');
    // 2026-11-15 is the 4th new instalment, number 5 (the old schedule had one).
    expect(of(out, 'observationRestarted')).toEqual([{ id: expect.stringMatching(/^tl-/), on: '2026-11-16', kind: 'observationRestarted', ruleIds: ['P-CL-6'], instalment: 5, observationEndsOn: '2027-11-15' }]);
    expect(out).toMatchObject({ classification: 'substandard', restructured: { observationEndsOn: '2027-11-15', inObservation: true } });
    const later = replay([restructure, ...instalmentsPaid('2027-11-15', ['2026-11-15'])], '2027-11-16');
    expect(later.classification).toBe('pass');
  });

  it('a performing loan restructured is special mention for its observation period only', () => {
    const rs = { ...restructure, on: '2026-02-10' };
    const out = replay([rs], '2026-02-11');
    expect(out).toMatchObject({ state: 'normal', classification: 'specialMention', riskLevel: 'medium' });
    expect(of(out, 'classificationChanged')).toMatchObject([{ on: '2026-02-10', to: 'specialMention', ruleIds: ['P-CL-3'], rules: ['floor-restructured'] }]);
  });

  it('an explicit schedule must repay exactly the pay-off amount', () => {
    const bad = { id: 'rs', type: 'restructure', on: '2026-07-15', schedule: [{ dueOn: '2026-12-31', principal: '60000.00', interest: '500.00' }], requestedBy: 'a', approvedBy: 'b' };
    const out = replay([bad], '2026-07-20');
    expect(of(out, 'eventRejected')[0]?.reason).toBe(
      'The new schedule repays 60000.00 of principal; the restructured amount on 2026-07-15 is 60900.00 (principal 60000.00, interest 900.00, penalty 0.00)',
    );
    const good = { ...bad, schedule: [{ dueOn: '2026-12-31', principal: '60900.00', interest: '1522.50' }] };
    expect(replay([good], '2026-07-20')).toMatchObject({ state: 'normal', outstanding: { principal: '60900.00' } });
  });

  it('a settled loan has nothing to restructure', () => {
    const out = replay([{ id: 'pay', type: 'payment', on: '2026-03-31', amount: '60900.00' }, { ...restructure, on: '2026-04-10' }], '2026-04-10');
    expect(of(out, 'eventRejected')[0]).toMatchObject({ ruleIds: ['P-LC-1'], reason: 'A settled loan has no schedule left to replace' });
  });
});

describe('extension (展期, P-LC-1, P-CT-1, P-EW-1)', () => {
  const extension = { id: 'ex', type: 'extension', on: '2026-03-20', newMaturity: '2026-09-30', requestedBy: 'officer-1', approvedBy: 'manager-2' };

  it('moves the principal to the new maturity; the current interest stays due on its date', () => {
    const out = replay([extension], '2026-03-25');
    expect(of(out, 'scheduleReplaced')).toEqual([
      {
        id: expect.stringMatching(/^tl-/),
        on: '2026-03-20',
        kind: 'scheduleReplaced',
        ruleIds: ['P-LC-1', 'P-CT-1', 'P-CL-6'],
        eventId: 'ex',
        how: 'extension',
        principal: '60000.00',
        capitalized: { interest: '0.00', penalty: '0.00' },
        instalments: 1,
        firstDueOn: '2026-09-30',
        maturity: '2026-09-30',
      },
    ]);
    expect(out).toMatchObject({ state: 'normal', classification: 'pass', extended: { on: '2026-03-20', maturity: '2026-09-30' } });
    expect(out.restructured).toBeUndefined();
    // The 900.00 of interest is still due on 2026-03-31; 6 months more on 60,000.00 at 6 % is 1,800.00.
    const unpaid = replay([extension], '2026-04-05');
    expect(unpaid).toMatchObject({ state: 'overdueM1', dpd: 5, overdue: { principal: '0.00', interest: '900.00' } });
    const paid = replay([extension, { id: 'i', type: 'payment', on: '2026-03-31', amount: '900.00' }, { id: 'f', type: 'payment', on: '2026-09-30', amount: '61800.00' }], '2026-09-30');
    expect(paid).toMatchObject({ state: 'settled', outstanding: { total: '0.00' } });
  });

  it('is refused for an overdue loan, for a maturity not later, and without four eyes', () => {
    const late = replay([{ ...extension, on: '2026-04-10' }], '2026-04-10');
    expect(of(late, 'eventRejected')[0]?.reason).toBe('An extension (展期) is granted before the loan falls due; this loan is 10 days past due — restructure it instead');
    const same = replay([{ ...extension, newMaturity: '2026-03-31' }], '2026-03-25');
    expect(of(same, 'eventRejected')[0]?.reason).toBe('The new maturity 2026-03-31 is not after the current maturity 2026-03-31');
    const self = replay([{ ...extension, approvedBy: 'officer-1' }], '2026-03-25');
    expect(of(self, 'eventRejected')[0]).toMatchObject({ ruleIds: ['P-CT-1'] });
  });

  it('two extension requests within 90 days raise a manual review and medium risk until the first leaves the window (P-EW-1)', () => {
    const events = [
      extension,
      { id: 'i', type: 'payment', on: '2026-03-31', amount: '900.00' },
      { id: 'ex2', type: 'extension', on: '2026-04-10', newMaturity: '2026-12-31', requestedBy: 'officer-1', approvedBy: 'manager-2' },
    ];
    const out = replay(events, '2026-04-15');
    expect(out.riskLevel).toBe('medium');
    expect(out.tasks.filter((t) => t.kind === 'manualReview')).toEqual([
      { id: 'L-S/manualReview/2026-04-10/supervisor', kind: 'manualReview', ruleId: 'P-EW-1', party: 'supervisor', openedOn: '2026-04-10', dueOn: '2026-04-17', status: 'open' },
    ]);
    const later = replay(events, '2026-06-20');
    expect(of(later, 'riskLevelChanged').map((e) => [e.on, e.to])).toEqual([
      ['2026-04-10', 'medium'],
      ['2026-06-18', 'low'],
    ]);
  });
});
