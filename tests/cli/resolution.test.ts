import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput } from '../../src/engine/output';
import { runCli } from './run';

// Agency placement and recall, early outsourcing, litigation and write-off through the CLI
// (P-LC-4, P-LC-5, P-LC-6, P-LC-7, P-CS-6, P-CS-7, P-CT-1).

const dir = mkdtempSync(join(tmpdir(), 'postloan-resolution-'));
let n = 0;
/** A 60,000.00 retail bullet loan maturing 2026-03-31, never repaid unless events say so. */
const loan = { id: 'L-R', borrower: { id: 'B-R', kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' };

function replay(events: readonly Record<string, unknown>[], asOf: string): ReplayOutput {
  const path = join(dir, `r${n++}.json`);
  writeFileSync(path, JSON.stringify({ loan, events }));
  const { code, stdout, stderr } = runCli('replay', path, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}

const visit = (id: string, on: string) => ({ id, type: 'fieldVisit', on, found: false });
const entriesFor = (out: ReplayOutput, eventId: string) => out.timeline.filter((e) => 'eventId' in e && e.eventId === eventId);

describe('early outsourcing (P-LC-5, P-CS-6)', () => {
  it('a placement before outsourceAtDpd after one failed visit is rejected with the reason; after two it is accepted', () => {
    const one = replay([visit('v1', '2026-04-10'), { id: 'place', type: 'agencyPlacement', on: '2026-04-20', agencyId: 'AG-1' }], '2026-04-25');
    expect(one.state).toBe('overdueM1');
    expect(entriesFor(one, 'place')).toEqual([
      {
        id: expect.stringMatching(/^tl-/),
        on: '2026-04-20',
        kind: 'eventRejected',
        ruleIds: ['P-LC-5', 'P-CS-6'],
        eventId: 'place',
        eventType: 'agencyPlacement',
        reason: 'Placement before the outsourcing threshold is not permitted yet: rule permit-early-outsourcing (P-LC-5) needs failedVisits ≥ 2 (it is 1)',
      },
    ]);
    const two = replay([visit('v1', '2026-04-10'), visit('v2', '2026-04-15'), { id: 'place', type: 'agencyPlacement', on: '2026-04-20', agencyId: 'AG-1' }], '2026-04-25');
    expect(two).toMatchObject({ state: 'outsourced', agencyId: 'AG-1', dpd: 25 });
    expect(entriesFor(two, 'place').map((e) => e.kind)).toEqual(['stateChanged', 'agencyAssigned']);
    expect(entriesFor(two, 'place')[0]).toMatchObject({ from: 'overdueM1', to: 'outsourced', ruleIds: ['P-LC-5'], inputs: { failedVisits: 2 } });
  });

  it('a placement of a performing loan is rejected', () => {
    const out = replay([{ id: 'place', type: 'agencyPlacement', on: '2026-02-01', agencyId: 'AG-1' }], '2026-02-02');
    expect(entriesFor(out, 'place')).toMatchObject([{ kind: 'eventRejected', ruleIds: ['P-LC-4'], reason: 'Only an overdue loan is placed with an agency; this loan is normal' }]);
  });
});

describe('agencies (P-LC-4, P-CS-7)', () => {
  it('reaching outsourceAtDpd raises the agency-choice task; the placement does it; a recall raises a new one', () => {
    const out = replay(
      [
        { id: 'place', type: 'agencyPlacement', on: '2026-07-02', agencyId: 'AG-1' },
        { id: 'recall', type: 'agencyRecall', on: '2026-08-03', reason: 'poor performance' },
      ],
      '2026-08-05',
    );
    // DPD 91 on 2026-06-30 (maturity 2026-03-31).
    const choices = out.tasks.filter((t) => t.kind === 'agencyPlacement');
    expect(choices.map((t) => [t.openedOn, t.dueOn, t.status, t.closedBy ?? null])).toEqual([
      ['2026-06-30', '2026-07-07', 'done', 'place'],
      ['2026-08-03', '2026-08-10', 'open', null],
    ]);
    expect(out.agencyId).toBeUndefined();
    expect(entriesFor(out, 'recall')).toMatchObject([{ kind: 'agencyRecalled', ruleIds: ['P-CS-7'], agencyId: 'AG-1', reason: 'poor performance' }]);
  });

  it('a cured outsourced loan returns to normal and is recalled from its agency (P-LC-3)', () => {
    const out = replay([{ id: 'place', type: 'agencyPlacement', on: '2026-07-02', agencyId: 'AG-1' }, { id: 'pay', type: 'payment', on: '2026-07-20', amount: '61000.00' }], '2026-07-25');
    expect(out.state).toBe('settled');
    expect(out.timeline.find((e) => e.kind === 'agencyRecalled')).toMatchObject({ on: '2026-07-20', ruleIds: ['P-LC-3'], agencyId: 'AG-1', reason: 'the loan is settled' });
  });

  it('a recall when no agency holds the case is rejected', () => {
    const out = replay([{ id: 'recall', type: 'agencyRecall', on: '2026-07-02', reason: 'test' }], '2026-07-03');
    expect(entriesFor(out, 'recall')).toMatchObject([{ kind: 'eventRejected', ruleIds: ['P-CS-7'], reason: 'No agency holds this case' }]);
  });
});

describe('litigation (P-LC-6)', () => {
  it('a lawsuit moves an overdue loan to litigation; a judgment is recorded; a judgment without a lawsuit is rejected', () => {
    const out = replay([{ id: 'j0', type: 'judgment', on: '2026-05-01' }, { id: 'suit', type: 'lawsuitFiled', on: '2026-05-10' }, { id: 'j1', type: 'judgment', on: '2026-09-01' }], '2026-09-05');
    expect(out).toMatchObject({ state: 'litigation', lawsuitFiledOn: '2026-05-10', judgmentOn: '2026-09-01' });
    expect(entriesFor(out, 'j0')).toMatchObject([{ kind: 'eventRejected', reason: 'A judgment needs a lawsuit: this loan is overdueM1' }]);
    expect(entriesFor(out, 'j1')).toMatchObject([{ kind: 'judgmentRecorded', ruleIds: ['P-LC-6'] }]);
  });
});

describe('write-off (P-LC-7, P-CT-1)', () => {
  // DPD 361 (loss) on 2027-03-27.
  it('a write-off approved by its requester is rejected (four-eyes); approved by someone else it is accepted', () => {
    const request = { id: 'req', type: 'writeOffRequest', on: '2027-04-01', by: 'officer-A' };
    const same = replay([request, { id: 'ok', type: 'writeOffApproval', on: '2027-04-02', by: 'officer-A' }], '2027-04-05');
    expect(same.state).toBe('outsourced');
    expect(entriesFor(same, 'ok')).toMatchObject([{ kind: 'eventRejected', ruleIds: ['P-CT-1'], reason: 'The approver must be someone other than the requester (four-eyes): request req was made by the same person' }]);
    const other = replay([request, { id: 'ok', type: 'writeOffApproval', on: '2027-04-02', by: 'manager-B' }], '2027-04-05');
    expect(other.state).toBe('writtenOff');
    expect(entriesFor(other, 'ok')).toMatchObject([{ kind: 'stateChanged', from: 'outsourced', to: 'writtenOff', ruleIds: ['P-LC-7', 'P-CT-1'] }]);
  });

  it('only a loss loan may be written off; an approval without a request is rejected', () => {
    const out = replay([{ id: 'req', type: 'writeOffRequest', on: '2026-09-01', by: 'officer-A' }, { id: 'ok', type: 'writeOffApproval', on: '2026-09-02', by: 'manager-B' }], '2026-09-05');
    expect(out.state).toBe('outsourced');
    expect(entriesFor(out, 'req')).toMatchObject([{ kind: 'eventRejected', ruleIds: ['P-LC-7'], reason: 'Only a loan classified loss may be written off; this loan is substandard' }]);
    expect(entriesFor(out, 'ok')).toMatchObject([{ kind: 'eventRejected', ruleIds: ['P-LC-7', 'P-CT-1'], reason: 'There is no write-off request to approve' }]);
  });

  it('recoveries after write-off are recorded', () => {
    const out = replay(
      [
        { id: 'req', type: 'writeOffRequest', on: '2027-04-01', by: 'officer-A' },
        { id: 'ok', type: 'writeOffApproval', on: '2027-04-02', by: 'manager-B' },
        { id: 'rec', type: 'payment', on: '2027-06-01', amount: '5000.00' },
      ],
      '2027-06-05',
    );
    expect(out.state).toBe('writtenOff');
    expect(entriesFor(out, 'rec')).toMatchObject([{ kind: 'paymentApplied', recovery: true, ruleIds: ['P-NT-10', 'P-LC-7'], amount: '5000.00' }]);
  });
});

describe('contacts (P-CS-4, P-CS-5, P-CS-11, P-CL-3)', () => {
  const call = (id: string, at: string, outcome: string, extra: Record<string, unknown> = {}) => ({
    id,
    type: 'contactAttempt',
    on: at.slice(0, 10),
    at,
    party: 'borrower',
    channel: 'phone',
    outcome,
    ...extra,
  });

  it('a 60,000.00 loan whose borrower is unreachable for five days: lost contact, special mention floor and a field visit task', () => {
    const out = replay(
      [
        call('c1', '2026-04-06T10:00:00+08:00', 'noAnswer'),
        call('c2', '2026-04-07T10:00:00+08:00', 'unreachable'),
        call('c3', '2026-04-09T10:00:00+08:00', 'unreachable'),
      ],
      '2026-04-12',
    );
    // Unreachable since 04-06: the fifth day is 04-10 (no event that day: a wake date).
    expect(out.tasks.find((t) => t.kind === 'fieldVisit')).toMatchObject({ ruleId: 'P-CS-5', party: 'collector', openedOn: '2026-04-10', dueOn: '2026-04-17', status: 'open' });
    expect(out.tasks.some((t) => t.kind === 'informationRepair')).toBe(false);
    const visitDone = replay(
      [
        call('c1', '2026-04-06T10:00:00+08:00', 'noAnswer'),
        call('c2', '2026-04-07T10:00:00+08:00', 'unreachable'),
        { id: 'v', type: 'fieldVisit', on: '2026-04-13', found: true, photos: 3 },
      ],
      '2026-04-14',
    );
    expect(visitDone.tasks.find((t) => t.kind === 'fieldVisit')).toMatchObject({ status: 'done', closedBy: 'v' });
  });

  it('below fieldVisitBalance no visit is required but information repair is; reaching the borrower does it', () => {
    const small = { ...loan, principal: '20000.00' };
    const path = join(dir, 'small.json');
    writeFileSync(path, JSON.stringify({ loan: small, events: [call('c1', '2026-04-06T10:00:00+08:00', 'noAnswer'), call('c2', '2026-04-13T10:00:00+08:00', 'reached')] }));
    const out = JSON.parse(runCli('replay', path, '--as-of', '2026-04-14').stdout) as ReplayOutput;
    expect(out.tasks.some((t) => t.kind === 'fieldVisit')).toBe(false);
    expect(out.tasks.find((t) => t.kind === 'informationRepair')).toMatchObject({ ruleId: 'P-CS-5', openedOn: '2026-04-10', status: 'done', closedBy: 'c2' });
  });

  it('a current loan whose borrower is lost is classified special mention (P-CL-3), and pass again once reached', () => {
    const current = { ...loan, termMonths: 12, repayment: 'interestOnly' };
    const path = join(dir, 'current.json');
    const events = [
      { id: 'p1', type: 'payment', on: '2026-01-31', amount: '300.00' },
      call('c1', '2026-02-02T10:00:00+08:00', 'unreachable'),
      call('c2', '2026-02-09T10:00:00+08:00', 'reached'),
    ];
    writeFileSync(path, JSON.stringify({ loan: current, events }));
    const out = JSON.parse(runCli('replay', path, '--as-of', '2026-02-10').stdout) as ReplayOutput;
    expect(out.timeline.filter((e) => e.kind === 'classificationChanged').map((e) => [e.on, 'to' in e ? e.to : '', e.ruleIds])).toEqual([
      ['2026-02-06', 'specialMention', ['P-CL-3']],
      ['2026-02-09', 'pass', ['P-CL-4']],
    ]);
  });

  it('a call at night and a seventh call to one number are recorded and flagged, never dropped (P-CS-11)', () => {
    const calls = [call('night', '2026-04-06T22:30:00+08:00', 'noAnswer', { number: '138****0001' })];
    for (let i = 1; i <= 7; i++) calls.push(call(`d${i}`, `2026-04-07T1${i}:00:00+08:00`, 'noAnswer', { number: '138****0001' }));
    const out = replay(calls, '2026-04-08');
    const breaches = out.timeline.filter((e) => e.kind === 'policyBreach');
    expect(breaches.map((e) => [e.on, 'eventId' in e ? e.eventId : '', 'breach' in e ? e.breach : '', e.ruleIds])).toEqual([
      ['2026-04-06', 'night', 'quietHours', ['P-CS-11']],
      ['2026-04-07', 'd7', 'tooManyCalls', ['P-CS-11']],
    ]);
    expect(JSON.stringify(out)).not.toContain('138****0001');
  });
});

describe('legal review (P-LC-6)', () => {
  it('a single-repayment loan more than 90 days overdue gets a legal review task; the lawsuit does it', () => {
    // Bullet maturing 2026-03-31: DPD 91 on 2026-06-30.
    const out = replay([{ id: 'suit', type: 'lawsuitFiled', on: '2026-07-06' }], '2026-07-10');
    expect(out.tasks.find((t) => t.kind === 'legalReview')).toMatchObject({ ruleId: 'P-LC-6', openedOn: '2026-06-30', dueOn: '2026-07-14', status: 'done', closedBy: 'suit' });
  });

  it('three consecutive missed instalments trigger the review the day after the third is missed', () => {
    const amortising = { ...loan, termMonths: 12, repayment: 'equalPrincipal' };
    const path = join(dir, 'amortising.json');
    writeFileSync(path, JSON.stringify({ loan: amortising, events: [] }));
    const out = JSON.parse(runCli('replay', path, '--as-of', '2026-04-10').stdout) as ReplayOutput;
    // Due 01-31, 02-28, 03-31: the third is missed on 04-01.
    expect(out.missedInstalments).toEqual({ consecutive: 3, cumulative: 3 });
    expect(out.tasks.find((t) => t.kind === 'legalReview')).toMatchObject({ openedOn: '2026-04-01', status: 'open' });
  });
});

describe('collateral (P-CO-1, P-CO-2)', () => {
  const secured = {
    ...loan,
    termMonths: 12,
    repayment: 'interestOnly',
    collateral: [{ id: 'C-1', kind: 'property', value: '70000.00', valuedOn: '2025-12-20' }],
  };
  const run = (events: readonly Record<string, unknown>[], asOf: string): ReplayOutput => {
    const path = join(dir, `secured${n++}.json`);
    writeFileSync(path, JSON.stringify({ loan: secured, events }));
    return JSON.parse(runCli('replay', path, '--as-of', asOf).stdout) as ReplayOutput;
  };
  const interest = (on: string) => ({ id: `i-${on}`, type: 'payment', on, amount: '300.00' });

  it('a revaluation below the outstanding principal demands more security and floors the class; a later revaluation restores it', () => {
    const out = run(
      [
        interest('2026-01-31'),
        { id: 'val', type: 'collateralValuation', on: '2026-02-10', collateralId: 'C-1', value: '54000.00' },
        interest('2026-02-28'),
        { id: 'val2', type: 'collateralValuation', on: '2026-03-20', collateralId: 'C-1', value: '65000.00' },
      ],
      '2026-03-25',
    );
    expect(out.timeline.find((e) => e.kind === 'collateralRevalued')).toMatchObject({ on: '2026-02-10', ruleIds: ['P-CO-1'], collateralId: 'C-1', value: '54000.00', previous: '70000.00' });
    // 54,000 / 60,000 = 0.9 < 1.00: special mention (P-CL-3) and a demand due 10 WD later: Feb 11, 12, 13,
    // 14 (Sat, worked), 24, 25, 26, 27, 28 (Sat, worked), Mar 2 — Spring Festival 02-15..23 is off.
    expect(out.timeline.find((e) => e.kind === 'classificationChanged')).toMatchObject({ on: '2026-02-10', to: 'specialMention', ruleIds: ['P-CL-3'], inputs: { collateralCount: 1, collateralCoverage: '0.9' } });
    expect(out.tasks.find((t) => t.kind === 'additionalSecurityDemand')).toMatchObject({ ruleId: 'P-CO-2', openedOn: '2026-02-10', dueOn: '2026-03-02', status: 'breached' });
    expect(out.classification).toBe('pass');
  });

  it('every item is revalued within a year; a valuation of that item does it', () => {
    const out = run([interest('2026-01-31'), { id: 'val', type: 'collateralValuation', on: '2026-06-01', collateralId: 'C-1', value: '72000.00' }], '2026-06-05');
    expect(out.tasks.filter((t) => t.kind === 'collateralRevaluation').map((t) => [t.party, t.partyId, t.dueOn, t.status])).toEqual([
      ['collateral', 'C-1', '2026-12-31', 'done'],
      ['collateral', 'C-1', '2027-06-01', 'open'],
    ]);
  });
});
