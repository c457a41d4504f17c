import type { PortfolioLoan, PortfolioReportOptions } from '../../src/portfolio/report';
import { output, profile } from './replayOutputs';

export const FROM = '2026-05-31';
export const TO = '2026-06-30';
export const handOptions: PortfolioReportOptions = { from: FROM, to: TO, seed: 'test', spotCheckRate: '0.10', provisionsHeld: '100000.00' };

/**
 * Six loans with known states, every figure below worked out by hand:
 * - L1 (B1): current all along, 100,000.00 → 95,000.00.
 * - L2 (B2): M1 at the start, cured: 50,000.00 → 48,000.00.
 * - L3 (B3, secured): M2 → M3, special mention, 200,000.00; placed with AG-2 on 06-20, recalled 06-25.
 * - L4 (B3): M4 → M5, substandard, outsourced to AG-1 since March: 300,000.00 → 290,000.00 after a
 *   12,000.00 recovery on 06-10.
 * - L5 (B4): current at the start, settled in June.
 * - L6 (B5): disbursed 2026-06-10 (new in the period), 80,000.00.
 */
export function handBook(): PortfolioLoan[] {
  const s = (spec: Omit<Parameters<typeof output>[0], 'asOf'>) => output({ ...spec, asOf: FROM });
  const e = (spec: Omit<Parameters<typeof output>[0], 'asOf'>) => output({ ...spec, asOf: TO });
  return [
    {
      profile: profile('L1', 'B1'),
      start: s({ loanId: 'L1', principal: '100000.00', provision: '1500.00' }),
      end: e({
        loanId: 'L1',
        principal: '95000.00',
        provision: '1425.00',
        tasks: [
          { id: 't1', kind: 'monthlyWorkLog', ruleId: 'P-IN-10', party: 'loanOfficer', openedOn: '2026-06-01', dueOn: '2026-06-30', status: 'done', closedOn: '2026-06-20', closedBy: 'e1' },
          { id: 't2', kind: 'periodicInspection', ruleId: 'P-IN-4', party: 'loanOfficer', openedOn: '2026-01-10', dueOn: '2026-06-15', status: 'breached' },
        ],
        timeline: [{ on: '2026-06-16', kind: 'taskBreached', ruleIds: ['P-IN-4'], taskId: 't2', taskKind: 'periodicInspection', party: 'loanOfficer', dueOn: '2026-06-15' }],
      }),
    },
    {
      profile: profile('L2', 'B2'),
      start: s({ loanId: 'L2', state: 'overdueM1', bucket: 'M1', dpd: 10, classification: 'specialMention', principal: '50000.00', overduePrincipal: '2000.00' }),
      end: e({
        loanId: 'L2',
        principal: '48000.00',
        provision: '720.00',
        tasks: [
          { id: 't3', kind: 'monthlyWorkLog', ruleId: 'P-IN-10', party: 'loanOfficer', openedOn: '2026-05-01', dueOn: '2026-05-31', status: 'done', closedOn: '2026-05-30', closedBy: 'e2' },
          { id: 't4', kind: 'collectionNotice', ruleId: 'P-NT-4', party: 'borrower', openedOn: '2026-06-02', dueOn: '2026-06-12', status: 'late', closedOn: '2026-06-18', closedBy: 'e3' },
        ],
        timeline: [{ on: '2026-06-13', kind: 'taskBreached', ruleIds: ['P-NT-4'], taskId: 't4', taskKind: 'collectionNotice', party: 'borrower', dueOn: '2026-06-12' }],
      }),
    },
    {
      profile: profile('L3', 'B3', { borrowerKind: 'corporate', secured: true, contactAttempts: ['2026-06-21'], fieldVisits: ['2026-06-26'] }),
      start: s({ loanId: 'L3', state: 'overdueM2M3', bucket: 'M2', dpd: 40, classification: 'specialMention', principal: '200000.00', overduePrincipal: '20000.00' }),
      end: e({
        loanId: 'L3',
        state: 'overdueM2M3',
        bucket: 'M3',
        dpd: 70,
        classification: 'specialMention',
        principal: '200000.00',
        total: '215000.00',
        overduePrincipal: '30000.00',
        provision: '6000.00',
        timeline: [
          { on: '2026-06-05', kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId: 'p0', amount: '500.00', allocated: { penalty: '0.00', interest: '500.00', principal: '0.00' } },
          { on: '2026-06-20', kind: 'agencyAssigned', ruleIds: ['P-CS-7'], eventId: 'a1', agencyId: 'AG-2' },
          { on: '2026-06-22', kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId: 'p1', amount: '1000.00', allocated: { penalty: '0.00', interest: '1000.00', principal: '0.00' } },
          { on: '2026-06-25', kind: 'agencyRecalled', ruleIds: ['P-CS-7'], eventId: 'a2', agencyId: 'AG-2', reason: 'performance' },
        ],
      }),
    },
    {
      profile: profile('L4', 'B3', { borrowerKind: 'corporate', fieldVisits: ['2026-03-01', '2026-06-05'], contactAttempts: ['2026-06-03'] }),
      start: s({ loanId: 'L4', state: 'outsourced', bucket: 'M4', dpd: 100, classification: 'substandard', principal: '300000.00', overduePrincipal: '60000.00' }),
      end: e({
        loanId: 'L4',
        state: 'outsourced',
        bucket: 'M5',
        dpd: 130,
        classification: 'substandard',
        principal: '290000.00',
        total: '310000.00',
        overduePrincipal: '70000.00',
        provision: '87000.00',
        timeline: [
          { on: '2026-03-15', kind: 'agencyAssigned', ruleIds: ['P-CS-7'], eventId: 'a0', agencyId: 'AG-1' },
          { on: '2026-04-02', kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId: 'p2', amount: '700.00', allocated: { penalty: '700.00', interest: '0.00', principal: '0.00' } },
          { on: '2026-06-10', kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId: 'p3', amount: '12000.00', allocated: { penalty: '500.00', interest: '1500.00', principal: '10000.00' } },
        ],
      }),
    },
    {
      profile: profile('L5', 'B4'),
      start: s({ loanId: 'L5', principal: '30000.00' }),
      end: e({ loanId: 'L5', state: 'settled', principal: '0.00' }),
    },
    {
      profile: profile('L6', 'B5', { disbursedOn: '2026-06-10' }),
      end: e({ loanId: 'L6', principal: '80000.00', provision: '1200.00' }),
    },
  ];
}

