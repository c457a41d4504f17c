import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/replay';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

// Found by the reversal property test (seed 120): a daily task rule (P-CS-10) opens the day's task in the
// morning of a day with events, so a reversal, itself an event of its day, moved the 02-19 opening before
// the breach of 02-18 — the replay no longer equalled the replay without the reversed event.
const loan = {
  id: 'L-PROP', borrower: { id: 'B', kind: 'retail' }, principal: '100.00', annualRate: '0.0000', disbursedOn: '2021-01-01',
  termMonths: 1, repayment: 'equalInstallment', selfPaid: false, guarantors: [], collateral: [],
};
const assigned = { id: 'a0', on: '2021-01-01', type: 'assigned', collectorId: 'C-8', agencyId: 'AG-1' };
const inspection = { id: 'a1', on: '2021-02-19', type: 'inspection', kind: 'callback' };
const reversal = { id: 'rev', type: 'reversal', on: '2021-02-19', reverses: 'a1', reason: 'entered in error' };
const run = (events: readonly unknown[]) => replay(unwrap(parseHistoryValue({ loan, events }, 'h.json')), cnDefaultPack(), { asOf: day('2021-02-19') });

describe('regression: a reversal does not move the day\'s daily-task openings', () => {
  it('the day of a reversal opens and breaches daily tasks in the order of the day without the reversed event', () => {
    const reversed = run([assigned, inspection, reversal]);
    const without = run([assigned]);
    const kinds = (o: typeof without) => o.timeline.filter((e) => e.on === '2021-02-19' && e.kind !== 'eventReversed').map((e) => `${e.kind} ${e.id}`);
    expect(kinds(reversed)).toEqual(kinds(without));
    expect(kinds(without).map((k) => k.split(' ')[0])).toEqual(['taskBreached', 'taskOpened']);
  });
});
