import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay } from '../../src/engine/replay';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

// A loan whose borrower pays ahead, then settles, extends or restructures (decisions 547 and 548): the
// current period is the first instalment due after the day even when it is paid, and the schedule stays
// in date order.

const pack = cnDefaultPack();
const run = (h: unknown, asOf: string, daily = false) => replay(unwrap(parseHistoryValue(h, 'h.json')), pack, { asOf: day(asOf), evaluateDaily: daily });

/** 3,000.00 at 12 % a year, interest only over 3 months: 30.00 of interest a month, amounts to follow by hand. */
const loan = { id: 'L-AHEAD', borrower: { id: 'B', kind: 'retail' }, principal: '3000.00', annualRate: '0.1200', disbursedOn: '2026-01-01', termMonths: 3, repayment: 'interestOnly' };

describe('a loan paid ahead', () => {
  // Interest only: 30.00 on 02-01 and 03-01, 3,030.00 on 04-01. Paying 30.00 on 01-10 pays the 02-01
  // instalment ahead; on 01-20 the current period is that one, which owes nothing, so the pay-off is the
  // principal and the interest of both later periods is waived (the previous build asked for 30.00 more).
  it('settles on the pay-off amount without a later period\'s interest (P-LC-8)', () => {
    const history = {
      loan,
      events: [
        { id: 'p1', type: 'payment', on: '2026-01-10', amount: '30.00' },
        { id: 'p2', type: 'payment', on: '2026-01-20', amount: '3000.00' },
      ],
    };
    for (const daily of [false, true]) {
      const out = run(history, '2026-02-10', daily);
      expect(out.state).toBe('settled');
      const applied = out.timeline.filter((e) => e.kind === 'paymentApplied');
      expect(applied.at(-1)).toMatchObject({ on: '2026-01-20', eventId: 'p2', allocated: { principal: '3000.00', interest: '0.00', penalty: '0.00' }, interestWaived: '60.00' });
      expect(applied.at(-1)).not.toHaveProperty('overpaid');
    }
  });

  it('is extended from the paid period\'s due date, no later period\'s interest kept (P-LC-1)', () => {
    const history = {
      loan,
      events: [
        { id: 'p1', type: 'payment', on: '2026-01-10', amount: '30.00' },
        { id: 'x1', type: 'extension', on: '2026-01-20', newMaturity: '2026-07-01', requestedBy: 'officer-A', approvedBy: 'manager-B' },
      ],
    };
    const out = run(history, '2026-03-10');
    const replaced = out.timeline.find((e) => e.kind === 'scheduleReplaced');
    expect(replaced).toMatchObject({ on: '2026-01-20', how: 'extension', principal: '3000.00', firstDueOn: '2026-03-01', maturity: '2026-07-01' });
    // The instalment paid ahead falls due on 02-01 and owes nothing; the first new one on 03-01 is due.
    expect(out).toMatchObject({ state: 'overdueM1', dpd: 9 });
    const { nextReviewOn: _a, ...woken } = out;
    const { nextReviewOn: _b, ...daily } = run(history, '2026-03-10', true);
    expect(woken).toEqual(daily);
  });

  it('is restructured without the capitalised interest of a later period (P-LC-1)', () => {
    const history = {
      loan,
      events: [
        { id: 'p1', type: 'payment', on: '2026-01-10', amount: '60.00' },
        { id: 'r1', type: 'restructure', on: '2026-01-20', termMonths: 6, repayment: 'equalPrincipal', requestedBy: 'officer-A', approvedBy: 'manager-B' },
      ],
    };
    const out = run(history, '2026-01-20');
    expect(out.timeline.find((e) => e.kind === 'scheduleReplaced')).toMatchObject({ principal: '3000.00', capitalized: { interest: '0.00', penalty: '0.00' }, firstDueOn: '2026-02-20' });
  });
});
