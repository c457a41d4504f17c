import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput, TaskOutput } from '../../src/engine/output';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { formatMoney } from '../../src/money/fen';
import { formatDay } from '../../src/time/day';
import { runCli } from './run';

// Every P-IN and P-NT rule of cn-default through the CLI, with due dates checked by hand against the
// 2026 PRC calendar: Jan 1–3 off, Jan 4 (Sun) worked; Feb 15–23 off, Feb 14 and 28 (Sat) worked;
// Apr 4–6 off; May 1–5 off, May 9 (Sat) worked; Jun 19–21 off; Sep 25–27 off, Sep 20 (Sun) worked;
// Oct 1–7 off, Oct 10 (Sat) worked.

const dir = mkdtempSync(join(tmpdir(), 'postloan-tasks-'));
let counter = 0;

type Loan = Record<string, unknown>;
const retail = (over: Loan = {}): Loan => ({
  id: 'L-T',
  borrower: { id: 'B-1', kind: 'retail' },
  principal: '100000.00',
  annualRate: '0.0600',
  disbursedOn: '2026-03-02',
  termMonths: 12,
  repayment: 'equalInstallment',
  ...over,
});

/** A bullet loan maturing 2026-09-30 with one guarantor. */
const bulletToSep30 = (over: Loan = {}): Loan =>
  retail({ disbursedOn: '2026-03-30', termMonths: 6, repayment: 'bullet', guarantors: [{ id: 'G-1' }], ...over });

/** Payments of every instalment on its due date up to `until`, amounts from the library's own schedule. */
function onTime(loan: Loan, until: string): Record<string, unknown>[] {
  const { schedule } = unwrap(parseHistoryValue({ loan, events: [] }, 'loan.json'));
  return schedule
    .filter((i) => formatDay(i.dueOn) <= until)
    .map((i) => ({ id: `due-${i.index}`, type: 'payment', on: formatDay(i.dueOn), amount: formatMoney(i.principal + i.interest) }));
}

function replay(loan: Loan, events: readonly Record<string, unknown>[], asOf: string): ReplayOutput {
  const path = join(dir, `h${counter++}.json`);
  writeFileSync(path, JSON.stringify({ loan, events }));
  const { code, stdout, stderr } = runCli('replay', path, '--as-of', asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}

function tasksOf(out: ReplayOutput, kind: string): TaskOutput[] {
  return out.tasks.filter((t) => t.kind === kind);
}

function only(out: ReplayOutput, kind: string, party?: string): TaskOutput {
  const found = tasksOf(out, kind).filter((t) => party === undefined || (t.partyId ?? t.party) === party);
  expect(found, `${kind} tasks`).toHaveLength(1);
  return found[0] as TaskOutput;
}

const pick = (t: TaskOutput) => ({ ruleId: t.ruleId, party: t.party, ...(t.partyId === undefined ? {} : { partyId: t.partyId }), openedOn: t.openedOn, dueOn: t.dueOn, status: t.status });

describe('inspections (P-IN-*)', () => {
  it('P-IN-1: callback 7 days after disbursement, 3 days when self-paid; an inspection of kind callback does it', () => {
    const out = replay(retail(), [{ id: 'cb', type: 'inspection', on: '2026-03-04', kind: 'callback' }], '2026-03-20');
    expect(pick(only(out, 'disbursementCallback'))).toEqual({ ruleId: 'P-IN-1', party: 'borrower', openedOn: '2026-03-02', dueOn: '2026-03-09', status: 'done' });
    const selfPaid = replay(retail({ selfPaid: true }), [], '2026-03-20');
    expect(pick(only(selfPaid, 'disbursementCallback'))).toMatchObject({ dueOn: '2026-03-05', status: 'breached' });
  });

  it('P-IN-2: first inspection within 30 days; done a day late it is late, and the breach stays in the timeline', () => {
    const out = replay(retail(), [{ id: 'v', type: 'inspection', on: '2026-04-02', kind: 'onSite' }], '2026-04-10');
    const t = only(out, 'firstInspection');
    expect(pick(t)).toEqual({ ruleId: 'P-IN-2', party: 'loanOfficer', openedOn: '2026-03-02', dueOn: '2026-04-01', status: 'late' });
    expect(out.timeline.filter((e) => 'taskId' in e && e.taskId === t.id).map((e) => `${e.on} ${e.kind}`)).toEqual([
      '2026-03-02 taskOpened',
      '2026-04-02 taskBreached',
      '2026-04-02 taskDone',
    ]);
  });

  it('P-IN-3: key mode from 5,000,000.00 outstanding principal, with key-mode inspection frequency', () => {
    const big = replay(retail({ principal: '6000000.00' }), [], '2026-03-10');
    expect(big.managementMode).toBe('key');
    expect(big.timeline.find((e) => e.kind === 'managementModeChanged')).toMatchObject({ on: '2026-03-02', from: 'regular', to: 'key', ruleIds: ['P-IN-3'], rules: ['key-mode-by-balance'] });
    expect(pick(only(big, 'periodicInspection'))).toMatchObject({ ruleId: 'P-IN-4', dueOn: '2026-06-02' });
    expect(replay(retail({ principal: '4999999.99' }), [], '2026-03-10').managementMode).toBe('regular');
  });

  it('P-IN-4: regular pass every 6 months; special mention quarterly from the day it starts', () => {
    const out = replay(retail(), [{ id: 'p1', type: 'payment', on: '2026-04-02', amount: '8606.64' }], '2026-05-10');
    const periodic = tasksOf(out, 'periodicInspection');
    // 100,000.00 at 6 % over 12 months: instalment 8,606.64; the 2026-05-02 one is missed → DPD 1 on 05-03.
    expect(periodic.map(pick)).toEqual([
      { ruleId: 'P-IN-4', party: 'loanOfficer', openedOn: '2026-03-02', dueOn: '2026-09-02', status: 'cancelled' },
      { ruleId: 'P-IN-4', party: 'loanOfficer', openedOn: '2026-05-03', dueOn: '2026-08-03', status: 'open' },
    ]);
    expect(periodic[0]?.reason).toMatch(/^rule inspect-regular-pass no longer applies \(.*classification specialMention/);
  });

  it('P-IN-5: half-year report within 15 WD after the half-year end', () => {
    const out = replay(retail(), onTime(retail(), '2026-07-05'), '2026-07-05');
    expect(pick(only(out, 'inspectionReport'))).toEqual({ ruleId: 'P-IN-5', party: 'loanOfficer', openedOn: '2026-06-30', dueOn: '2026-07-21', status: 'open' });
  });

  it('P-IN-5: key pass loans report quarterly; annual report 20 WD after the year end, counted on weekdays with a warning past the calendar', () => {
    // Interest-only, so the outstanding principal stays at 6,000,000.00 and the loan stays in key mode.
    const big = retail({ principal: '6000000.00', termMonths: 24, repayment: 'interestOnly' });
    const out = replay(big, onTime(big, '2027-01-05'), '2027-01-05');
    expect(tasksOf(out, 'inspectionReport').map((t) => `${t.id.split('/')[2]} ${t.dueOn}`)).toEqual([
      // Q1 is exempt (disbursed less than 2 months before 2026-03-31, P-IN-6).
      '2026-Q2 2026-07-21',
      '2026-Q3 2026-10-27', // 15 WD after 09-30: Oct 8, 9, 10 (Sat, worked), 12–16, 19–23, 26, 27
      '2026-Q4 2027-01-21', // past the calendar's coverage: Monday–Friday
    ]);
    expect(pick(only(out, 'annualReport'))).toMatchObject({ ruleId: 'P-IN-5', dueOn: '2027-01-28' });
    // The first task counted from outside the coverage is the interest reminder for 2027-01-02: due 10 WD
    // before (Jan 1 counts as a weekday: Jan 1, Dec 31, 30, 29, 28, 25, 24, 23, 22, 21), open from 15 WD before.
    expect(tasksOf(out, 'interestReminder').find((t) => t.instalment === 10)).toMatchObject({ openedOn: '2026-12-14', dueOn: '2026-12-21' });
    expect(out.timeline).toContainEqual({
      id: expect.stringMatching(/^tl-/),
      on: '2026-12-14',
      kind: 'warning',
      ruleIds: [],
      message: 'Working days in 2027 are counted as Monday to Friday: business calendar "cn" covers 2020-01-01 to 2026-12-31 (calendarFallback "weekends")',
    });
  });

  it('P-IN-6: no inspection or report for a regular pass loan of 6 months or less, nor for a period the loan was disbursed within 2 months of', () => {
    const short = replay(retail({ termMonths: 6 }), onTime(retail({ termMonths: 6 }), '2026-07-31'), '2026-07-31');
    expect(tasksOf(short, 'periodicInspection')).toEqual([]);
    expect(tasksOf(short, 'inspectionReport')).toEqual([]);
    const late = replay(retail({ disbursedOn: '2026-05-15' }), onTime(retail({ disbursedOn: '2026-05-15' }), '2026-07-31'), '2026-07-31');
    expect(tasksOf(late, 'inspectionReport')).toEqual([]); // 05-15 is within 2 months of 06-30
  });

  it('P-IN-7: each collateral item inspected within a year; not for a pass loan of a year or less', () => {
    const collateral = [
      { id: 'C-1', kind: 'property', value: '300000.00', valuedOn: '2026-02-20' },
      { id: 'C-2', kind: 'vehicle', value: '80000.00', valuedOn: '2026-02-20' },
    ];
    const loan = retail({ termMonths: 24, collateral });
    const out = replay(loan, [...onTime(loan, '2026-09-10'), { id: 'ci', type: 'inspection', on: '2026-09-01', kind: 'collateral', collateralId: 'C-2' }], '2026-09-10');
    // Each item has its own clock: C-2, inspected on 09-01, is next due a year after that.
    expect(tasksOf(out, 'collateralInspection').map((t) => [t.party, t.partyId, t.dueOn, t.status])).toEqual([
      ['collateral', 'C-1', '2027-03-02', 'open'],
      ['collateral', 'C-2', '2027-03-02', 'done'],
      ['collateral', 'C-2', '2027-09-01', 'open'],
    ]);
    expect(tasksOf(replay(retail({ collateral }), onTime(retail({ collateral }), '2026-09-10'), '2026-09-10'), 'collateralInspection')).toEqual([]);
  });

  it('P-IN-8: misappropriation found → demand early settlement by the next working day', () => {
    const out = replay(retail(), [{ id: 'm', type: 'misappropriation', on: '2026-04-30' }], '2026-05-10');
    // Thursday 04-30; May 1–5 are off, so the next working day is Wednesday 05-06.
    expect(pick(only(out, 'earlySettlementDemand'))).toEqual({ ruleId: 'P-IN-8', party: 'borrower', openedOn: '2026-04-30', dueOn: '2026-05-06', status: 'breached' });
  });

  it('P-IN-9: low risk reviewed every 3 months; overdue → immediate inspection by the next working day', () => {
    const out = replay(bulletToSep30(), [], '2026-10-09');
    expect(pick(tasksOf(out, 'riskMonitoring')[0] as TaskOutput)).toMatchObject({ ruleId: 'P-IN-9', openedOn: '2026-03-30', dueOn: '2026-06-30' });
    // DPD 1 on 10-01, inside the National Day holiday: the next working day is 10-08.
    expect(pick(only(out, 'overdueInspection'))).toEqual({ ruleId: 'P-IN-9', party: 'loanOfficer', openedOn: '2026-10-01', dueOn: '2026-10-08', status: 'breached' });
    expect(out.riskLevel).toBe('medium');
    expect(tasksOf(out, 'riskMonitoring').at(-1)).toMatchObject({ openedOn: '2026-10-01', dueOn: '2026-11-01', status: 'open' });
  });

  it('P-IN-10: work log within 2 WD of an inspection, sign-off within 2 WD of the log (across Labour Day and a make-up Saturday)', () => {
    const out = replay(
      retail(),
      [
        ...onTime(retail(), '2026-05-20'),
        { id: 'v', type: 'inspection', on: '2026-04-30', kind: 'onSite' },
        { id: 'log', type: 'inspection', on: '2026-05-07', kind: 'workLog' },
      ],
      '2026-05-20',
    );
    // 2 WD after Thu 04-30: May 6, May 7. 2 WD after Thu 05-07: Fri 05-08, Sat 05-09 (worked).
    expect(pick(only(out, 'workLogEntry'))).toEqual({ ruleId: 'P-IN-10', party: 'loanOfficer', openedOn: '2026-04-30', dueOn: '2026-05-07', status: 'done' });
    expect(pick(only(out, 'supervisorSignOff'))).toEqual({ ruleId: 'P-IN-10', party: 'supervisor', openedOn: '2026-05-07', dueOn: '2026-05-09', status: 'breached' });
    expect(tasksOf(out, 'monthlyWorkLog').map((t) => [t.openedOn, t.dueOn, t.status])).toEqual([
      ['2026-03-02', '2026-03-31', 'breached'],
      ['2026-04-01', '2026-04-30', 'breached'],
      // The 05-07 entry does May's task; a monthly requirement cannot be made up after its month.
      ['2026-05-01', '2026-05-31', 'done'],
    ]);
  });
});

describe('notices (P-NT-*)', () => {
  it('P-NT-1: maturity notice 1 month before maturity (from 45 days before) to the borrower and to each guarantor', () => {
    const out = replay(bulletToSep30(), [{ id: 'n', type: 'noticeSent', on: '2026-08-25', kind: 'maturityNotice' }], '2026-09-01');
    expect(pick(only(out, 'maturityNotice'))).toEqual({ ruleId: 'P-NT-1', party: 'borrower', openedOn: '2026-08-16', dueOn: '2026-08-30', status: 'done' });
    expect(pick(only(out, 'guarantorMaturityNotice'))).toEqual({ ruleId: 'P-NT-1', party: 'guarantor', partyId: 'G-1', openedOn: '2026-08-16', dueOn: '2026-08-30', status: 'breached' });
  });

  it('P-NT-2: phone reminder a week before maturity; repayment reminder the day before each due date, not done late', () => {
    const out = replay(
      bulletToSep30(),
      [
        { id: 'c1', type: 'contactAttempt', on: '2026-09-23', at: '2026-09-23T10:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'reached' },
        { id: 'c2', type: 'contactAttempt', on: '2026-09-30', at: '2026-09-30T10:00:00+08:00', party: 'borrower', channel: 'sms', outcome: 'reached' },
      ],
      '2026-09-30',
    );
    expect(pick(only(out, 'maturityCallReminder'))).toEqual({ ruleId: 'P-NT-2', party: 'borrower', openedOn: '2026-09-20', dueOn: '2026-09-23', status: 'done' });
    // The SMS on the due date itself is too late for a reminder due the day before: it stays breached.
    expect(pick(only(out, 'repaymentReminder'))).toEqual({ ruleId: 'P-NT-2', party: 'borrower', openedOn: '2026-09-27', dueOn: '2026-09-29', status: 'breached' });
  });

  it('P-NT-2: no reminder for an instalment already paid', () => {
    const out = replay(retail(), [{ id: 'early', type: 'payment', on: '2026-03-20', amount: '8606.64' }], '2026-04-10');
    expect(tasksOf(out, 'repaymentReminder')).toEqual([]);
  });

  it('P-NT-3: interest reminder 10 WD before an interest date (Sunday 09-20 is a working day)', () => {
    const loan = retail({ disbursedOn: '2026-06-21', termMonths: 12, repayment: 'interestOnly' });
    const out = replay(loan, [{ id: 'p1', type: 'payment', on: '2026-07-21', amount: '500.00' }, { id: 'p2', type: 'payment', on: '2026-08-21', amount: '500.00' }], '2026-09-10');
    expect(tasksOf(out, 'interestReminder').map((t) => [t.instalment, t.dueOn])).toEqual([
      [1, '2026-07-07'],
      [2, '2026-08-07'],
      [3, '2026-09-08'],
    ]);
  });

  it('P-NT-4: maturity 2026-09-30 missed → collection notice and guarantee notice due 2026-10-20', () => {
    const out = replay(bulletToSep30(), [{ id: 'g', type: 'noticeSent', on: '2026-10-12', kind: 'guaranteeNotice', party: 'G-1' }], '2026-10-25');
    expect(pick(only(out, 'collectionNotice'))).toEqual({ ruleId: 'P-NT-4', party: 'borrower', openedOn: '2026-10-01', dueOn: '2026-10-20', status: 'breached' });
    expect(pick(only(out, 'guaranteeNotice'))).toEqual({ ruleId: 'P-NT-4', party: 'guarantor', partyId: 'G-1', openedOn: '2026-10-01', dueOn: '2026-10-20', status: 'done' });
  });

  it('regression (issue 11 #15): a task party is a role, partyId names the guarantor; notices in either form do it; ids unchanged', () => {
    // Two guarantors: the notice to G-2 in the events' convention, the one to G-1 naming the id in party.
    const loan = bulletToSep30({ guarantors: [{ id: 'G-1' }, { id: 'G-2' }] });
    const out = replay(
      loan,
      [
        { id: 'g2', type: 'noticeSent', on: '2026-10-12', kind: 'guaranteeNotice', party: 'guarantor', partyId: 'G-2' },
        { id: 'g1', type: 'noticeSent', on: '2026-10-13', kind: 'guaranteeNotice', party: 'G-1' },
      ],
      '2026-10-25',
    );
    expect(tasksOf(out, 'guaranteeNotice').map((t) => [t.id, t.party, t.partyId, t.status, t.closedBy])).toEqual([
      ['L-T/guaranteeNotice/2026-09-30/G-1', 'guarantor', 'G-1', 'done', 'g1'],
      ['L-T/guaranteeNotice/2026-09-30/G-2', 'guarantor', 'G-2', 'done', 'g2'],
    ]);
    // Task timeline entries say the same; borrower tasks have no partyId.
    expect(out.timeline.find((e) => e.kind === 'taskDone' && e.taskKind === 'guaranteeNotice')).toMatchObject({ party: 'guarantor', partyId: 'G-2', eventId: 'g2' });
    expect(only(out, 'collectionNotice')).not.toHaveProperty('partyId');
    // A notice naming the role without saying which guarantor does neither task.
    const vague = replay(loan, [{ id: 'g', type: 'noticeSent', on: '2026-10-12', kind: 'guaranteeNotice', party: 'guarantor' }], '2026-10-25');
    expect(tasksOf(vague, 'guaranteeNotice').map((t) => t.status)).toEqual(['breached', 'breached']);
  });

  it('P-NT-5: interest date 2026-09-21 missed → signed collection notice due 2026-09-29; cancelled when paid first', () => {
    const loan = retail({ disbursedOn: '2026-06-21', termMonths: 12, repayment: 'interestOnly' });
    const paid = [
      { id: 'p1', type: 'payment', on: '2026-07-21', amount: '500.00' },
      { id: 'p2', type: 'payment', on: '2026-08-21', amount: '500.00' },
    ];
    const missed = replay(loan, paid, '2026-10-01');
    expect(pick(only(missed, 'interestCollectionNotice'))).toEqual({ ruleId: 'P-NT-5', party: 'borrower', openedOn: '2026-09-22', dueOn: '2026-09-29', status: 'breached' });
    const cured = replay(loan, [...paid, { id: 'p3', type: 'payment', on: '2026-09-24', amount: '500.00' }], '2026-10-01');
    expect(only(cured, 'interestCollectionNotice')).toMatchObject({ status: 'cancelled', reason: 'instalment 3 was paid on 2026-09-24 before the notice was sent' });
  });

  it('P-NT-6: a signed written notice every month while overdue, rolling from the last one', () => {
    const out = replay(bulletToSep30(), [{ id: 'n1', type: 'noticeSent', on: '2026-10-15', kind: 'collectionNotice', receiptSigned: true }], '2026-11-20');
    expect(tasksOf(out, 'overdueNotice').map(pick)).toEqual([
      { ruleId: 'P-NT-6', party: 'borrower', openedOn: '2026-10-01', dueOn: '2026-11-01', status: 'done' },
      { ruleId: 'P-NT-6', party: 'borrower', openedOn: '2026-10-15', dueOn: '2026-11-15', status: 'breached' },
    ]);
  });

  it('P-NT-6: long-overdue loans (DPD above longOverdueDpd 360): quarterly notices to the borrower and each guarantor', () => {
    const out = replay(bulletToSep30(), [], '2027-10-01');
    // DPD 361 on 2027-09-26.
    expect(tasksOf(out, 'longOverdueNotice').map(pick)).toEqual([{ ruleId: 'P-NT-6', party: 'borrower', openedOn: '2027-09-26', dueOn: '2027-12-26', status: 'open' }]);
    expect(only(out, 'longOverdueGuarantorNotice', 'G-1')).toMatchObject({ dueOn: '2027-12-26' });
  });

  it('P-NT-7: limitation 3 years from maturity, restarted by a payment; warning task 90 days before expiry', () => {
    expect(replay(bulletToSep30(), [], '2026-10-05').limitationExpiresOn).toBe('2029-09-30');
    const paid = replay(bulletToSep30(), [{ id: 'part', type: 'payment', on: '2027-01-10', amount: '1000.00' }], '2027-01-11');
    expect(paid.limitationExpiresOn).toBe('2030-01-10');
    const warned = replay(bulletToSep30(), [], '2029-07-05');
    expect(pick(only(warned, 'limitationWarning'))).toEqual({ ruleId: 'P-NT-7', party: 'loanOfficer', openedOn: '2029-07-02', dueOn: '2029-09-29', status: 'open' });
    const sued = replay(bulletToSep30(), [{ id: 's', type: 'lawsuitFiled', on: '2029-08-01' }], '2029-08-02');
    expect(only(sued, 'limitationWarning')).toMatchObject({ status: 'done', closedBy: 's' });
    expect(sued.limitationExpiresOn).toBe('2032-08-01');
  });

  it('P-NT-8: material event report within 1 WD (Mid-Autumn: Thu 09-24 → Mon 09-28)', () => {
    const out = replay(retail(), [{ id: 'me', type: 'materialEvent', on: '2026-09-24', description: 'plant fire' }], '2026-09-30');
    expect(pick(only(out, 'materialEventReport'))).toEqual({ ruleId: 'P-NT-8', party: 'loanOfficer', openedOn: '2026-09-24', dueOn: '2026-09-28', status: 'breached' });
  });

  it('P-NT-9: rating renewed each year after the year of disbursement', () => {
    const loan = retail();
    const out = replay(loan, onTime(loan, '2027-01-05'), '2027-01-05');
    expect(tasksOf(out, 'ratingRenewal').map(pick)).toEqual([{ ruleId: 'P-NT-9', party: 'loanOfficer', openedOn: '2027-01-01', dueOn: '2027-12-31', status: 'open' }]);
  });

  it('P-NT-9: rating adjusted within 15 WD of a material event or of becoming non-performing', () => {
    const out = replay(
      retail(),
      [...onTime(retail(), '2026-10-20'), { id: 'me', type: 'materialEvent', on: '2026-09-24', description: 'plant fire' }, { id: 'r', type: 'ratingChange', on: '2026-10-16', rating: 'BB' }],
      '2026-10-20',
    );
    expect(tasksOf(out, 'ratingRenewal')).toEqual([]); // the approval rating covers 2026
    // 15 WD after 09-24: Sep 28, 29, 30, Oct 8, 9, 10 (Sat), 12–16, 19–22 → 10-22.
    expect(pick(tasksOf(out, 'ratingAdjustment')[0] as TaskOutput)).toEqual({ ruleId: 'P-NT-9', party: 'loanOfficer', openedOn: '2026-09-24', dueOn: '2026-10-22', status: 'done' });
  });

  it('P-NT-10: ledger entry the day of every repayment; year-end carry-forward within 20 WD', () => {
    const out = replay(retail(), [{ id: 'p1', type: 'payment', on: '2026-04-02', amount: '8606.64' }], '2027-01-05');
    expect(out.timeline.find((e) => e.kind === 'paymentApplied')).toMatchObject({ on: '2026-04-02', ruleIds: ['P-NT-10'], eventId: 'p1' });
    expect(pick(only(out, 'ledgerCarryForward'))).toMatchObject({ ruleId: 'P-NT-10', openedOn: '2026-12-31', dueOn: '2027-01-28' });
  });
});

describe('task lifecycle', () => {
  it('tasks of a loan settled before the period end are cancelled with the reason', () => {
    const out = replay(retail({ termMonths: 3 }), [{ id: 'payoff', type: 'payment', on: '2026-03-20', amount: '100500.00' }], '2026-04-10');
    expect(out.state).toBe('settled');
    const monthly = tasksOf(out, 'monthlyWorkLog');
    expect(monthly.map((t) => [t.id.split('/')[2], t.status, t.reason])).toEqual([['2026-03', 'cancelled', 'the loan was settled on 2026-03-20']]);
    expect(only(out, 'settlementCertificate')).toMatchObject({ ruleId: 'P-LC-8', openedOn: '2026-03-20', dueOn: '2026-03-27' });
  });

  it('a 3-year loan with a full task history replays to the same bytes every time', () => {
    const events: Record<string, unknown>[] = [];
    for (let m = 1; m <= 36; m++) {
      const due = new Date(Date.UTC(2026, 2 + m, 2)).toISOString().slice(0, 10);
      if (m % 7 !== 0) events.push({ id: `p${m}`, type: 'payment', on: due, amount: '3042.19' });
      if (m % 6 === 0) events.push({ id: `v${m}`, type: 'inspection', on: due, kind: 'onSite' }, { id: `l${m}`, type: 'inspection', on: due, kind: 'workLog' });
    }
    const loan = retail({ termMonths: 36 });
    const path = join(dir, 'three-years.json');
    writeFileSync(path, JSON.stringify({ loan, events }));
    const a = runCli('replay', path, '--as-of', '2029-04-01');
    const b = runCli('replay', path, '--as-of', '2029-04-01');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout) as ReplayOutput;
    expect(out.tasks.length).toBeGreaterThan(100);
    expect(new Set(out.tasks.map((t) => t.status))).toEqual(new Set(['done', 'late', 'breached', 'cancelled', 'open']));
  });
});
