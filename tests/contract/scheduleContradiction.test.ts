import { describe, expect, it } from 'vitest';
import { REPAYMENT_METHODS } from '../../src/contract/LoanContract';
import { generateInstalments } from '../../src/contract/schedule';
import { SCHEDULE_TOLERANCE_FEN, scheduleContradiction } from '../../src/contract/scheduleContradiction';
import { parseRate } from '../../src/money/rate';
import { addMonths, day } from '../../src/time/day';

const rate = parseRate('0.0435');
if (rate === undefined) throw new Error('bad rate in test');

/** A monthly schedule from 2026-01-15 with the given [principal, interest] pairs in fen. */
function lines(pairs: readonly (readonly [number, number])[]) {
  const start = day('2026-01-15');
  return pairs.map(([principal, interest], i) => ({ index: i + 1, dueOn: addMonths(start, i + 1), principal, interest }));
}

describe('scheduleContradiction', () => {
  it('finds nothing in a schedule the method itself generates', () => {
    for (const repayment of REPAYMENT_METHODS) {
      const schedule = generateInstalments({ principal: 12_000_000, annualRate: rate, startOn: day('2026-01-15'), termMonths: 12, repayment });
      expect(scheduleContradiction(repayment, schedule)).toBeUndefined();
    }
  });

  it('equalInstallment: instalment totals more than one fen apart, the last instalment aside', () => {
    // Within rounding: one fen apart, and a last instalment that absorbs rounding.
    expect(scheduleContradiction('equalInstallment', lines([[90_000, 10_000], [90_501, 9_500], [95_000, 9_000]]))).toBeUndefined();
    const found = scheduleContradiction('equalInstallment', lines([[90_000, 10_000], [90_500, 9_498], [95_000, 9_000]]));
    expect(found?.check).toBe('equalInstallment.unequalPayments');
    expect(found?.message).toBe(
      'The schedule is labelled "equalInstallment" but its instalments are not equal: instalment 1 (2026-02-15) 1000.00, instalment 2 (2026-03-15) 999.98 (more than 0.01 apart)',
    );
  });

  it('equalPrincipal: principal parts more than one fen apart, the last instalment aside', () => {
    expect(scheduleContradiction('equalPrincipal', lines([[100_000, 500], [100_001, 400], [99_000, 300]]))).toBeUndefined();
    expect(scheduleContradiction('equalPrincipal', lines([[100_000, 500], [100_000 + SCHEDULE_TOLERANCE_FEN + 1, 400], [99_000, 300]]))?.check).toBe(
      'equalPrincipal.unequalPrincipal',
    );
    // A grace month repays no principal: that is not equal principal either.
    expect(scheduleContradiction('equalPrincipal', lines([[0, 0], [150_000, 250], [150_000, 60]]))?.check).toBe('equalPrincipal.unequalPrincipal');
  });

  it('interestOnly: principal before maturity', () => {
    expect(scheduleContradiction('interestOnly', lines([[0, 2_000], [0, 2_000], [500_000, 2_000]]))).toBeUndefined();
    const found = scheduleContradiction('interestOnly', lines([[0, 2_000], [1_000, 2_000], [499_000, 2_000]]));
    expect(found).toEqual({
      check: 'interestOnly.principalBeforeMaturity',
      message: 'The schedule is labelled "interestOnly" but repays principal before maturity: instalment 2 (2026-03-15) 10.00 of principal',
    });
  });

  it('bullet: more than one principal payment; interest lines alone are not', () => {
    expect(scheduleContradiction('bullet', lines([[0, 2_000], [0, 2_000], [500_000, 2_000]]))).toBeUndefined();
    expect(scheduleContradiction('bullet', lines([[250_000, 2_000], [250_000, 1_000]]))?.check).toBe('bullet.severalPrincipalPayments');
  });
});
