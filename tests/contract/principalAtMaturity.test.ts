import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loanContractSchema, REPAYMENT_METHODS } from '../../src/contract/LoanContract';
import { contractPrincipalAtMaturity, principalAtMaturity } from '../../src/contract/principalAtMaturity';
import { generateSchedule } from '../../src/contract/schedule';

const line = (principal: number) => ({ principal });

describe('principalAtMaturity', () => {
  it('is true when only the last instalment repays principal (or there is one instalment)', () => {
    expect(principalAtMaturity([line(0), line(0), line(500_000)])).toBe(true);
    expect(principalAtMaturity([line(500_000)])).toBe(true);
    expect(principalAtMaturity([line(0), line(1), line(499_999)])).toBe(false);
    expect(principalAtMaturity([])).toBe(false);
  });

  it('of the contract agrees with the generated or written-out schedule, for every method and term', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REPAYMENT_METHODS),
        fc.integer({ min: 1, max: 480 }),
        // Tiny principals too: 0.01 over 480 months repays nothing before maturity, whatever the method.
        fc.oneof(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 1_000_000_000 })),
        fc.constantFrom('0.00', '0.0435', '0.18'),
        (repayment, termMonths, fen, annualRate) => {
          const loan = loanContractSchema.parse({
            id: 'L-1',
            borrower: { id: 'B-1', kind: 'retail' },
            principal: (fen / 100).toFixed(2),
            annualRate,
            disbursedOn: '2026-01-31',
            termMonths,
            repayment,
          });
          expect(contractPrincipalAtMaturity(loan)).toBe(principalAtMaturity(generateSchedule(loan)));
        },
      ),
      { numRuns: 300, seed: 14 },
    );
  });
});
