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
