import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, currencyProblem, DEFAULT_CURRENCY } from '../../src/contract/currency';
import { loanContractSchema } from '../../src/contract/LoanContract';
import { formatIssues } from '../../src/errors/formatIssues';
import { fromZodIssues } from '../../src/errors/fromZod';

const loan = { id: 'L', borrower: { id: 'B', kind: 'retail' }, principal: '1000.00', annualRate: '0.05', disbursedOn: '2026-01-05', termMonths: 3, repayment: 'bullet' };
const problems = (extra: Record<string, unknown>): string => {
  const r = loanContractSchema.safeParse({ ...loan, ...extra });
  return r.success ? 'no problem' : formatIssues(fromZodIssues(r.error.issues, 'h.json', ['loan']));
};

describe('loan.currency', () => {
  it('is an ISO 4217 code of the fixed list; absent means the default, CNY', () => {
    expect(DEFAULT_CURRENCY).toBe('CNY');
    expect(CURRENCY_CODES).toContain('HKD');
    expect(CURRENCY_CODES).not.toContain('XAU');
    expect(loanContractSchema.parse(loan).currency).toBeUndefined();
    expect(loanContractSchema.parse({ ...loan, currency: 'USD' }).currency).toBe('USD');
  });

  it('names the code to write for a common mistake', () => {
    expect(currencyProblem('RMB')?.hint).toBe('write the ISO 4217 code "CNY"');
    expect(currencyProblem('usd')?.hint).toBe('write the ISO 4217 code "USD"');
    const text = problems({ currency: 'CYN' });
    expect(text).toContain('Unknown currency "CYN"');
    expect(text).toContain('h.json: loan.currency');
    expect(problems({ currency: 'ZZZ' })).toContain('write an ISO 4217 code in capitals');
  });
});
