import { describe, expect, it } from 'vitest';
import { contractSchedule, generatedContractSchedule, isContractSchedule } from '../../src/contract/contractSchedule';
import { loanContractSchema, type LoanContract } from '../../src/contract/LoanContract';
import { generateSchedule, type Instalment } from '../../src/contract/schedule';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { parseRate, type Rate } from '../../src/money/rate';
import { day, type Day } from '../../src/time/day';

const rawLoan = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  borrower: { id: `B-${id}`, kind: 'retail' },
  principal: '120000.00',
  annualRate: '0.0435',
  disbursedOn: '2026-01-15',
  termMonths: 12,
  repayment: 'equalInstallment',
  ...over,
});

const explicitLoan = (id: string): Record<string, unknown> => ({
  id,
  borrower: { id: `B-${id}`, kind: 'retail' },
  principal: '3000.00',
  annualRate: '0.0435',
  disbursedOn: '2026-01-15',
  schedule: [
    { dueOn: '2026-02-15', principal: '1000.00', interest: '10.88' },
    { dueOn: '2026-03-15', principal: '1000.00', interest: '7.25' },
    { dueOn: '2026-04-15', principal: '1000.00', interest: '3.63' },
  ],
});

const parsed = (loan: Record<string, unknown>): { loan: LoanContract; schedule: readonly Instalment[] } => unwrap(parseHistoryValue({ loan, events: [] }, 'h.json'));

describe('contractSchedule: the contract’s schedule once per contract object (issue 14)', () => {
  it('a validated history hands out the schedule it kept: generated once, equal to generateSchedule', () => {
    const h = parsed(rawLoan('L-1'));
    expect(h.schedule).toEqual(generateSchedule(h.loan));
    expect(generatedContractSchedule(h.loan)).toBe(h.schedule);
    expect(contractSchedule(h.loan)).toBe(h.schedule);
    expect(isContractSchedule(h.loan, h.schedule)).toBe(true);
  });

  it('gives every contract its own schedule, whichever was asked first', () => {
    const terms = [
      { principal: '120000.00' },
      { principal: '120000.01' },
      { annualRate: '0.0436' },
      { termMonths: 13 },
      { disbursedOn: '2026-01-16' },
      { repayment: 'equalPrincipal' },
      { firstDueOn: '2026-02-20' },
    ];
    const histories = terms.map((over, i) => parsed(rawLoan(`L-${i}`, over)));
    for (const [i, h] of histories.entries()) {
      expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
      for (const [j, other] of histories.entries()) expect(isContractSchedule(h.loan, other.schedule)).toBe(i === j);
    }
    // Two equal contracts are two objects: each has its own schedule, equal to the other's.
    const a = parsed(rawLoan('L-same'));
    const b = parsed(rawLoan('L-same'));
    expect(contractSchedule(a.loan)).not.toBe(contractSchedule(b.loan));
    expect(contractSchedule(a.loan)).toEqual(contractSchedule(b.loan));
  });

  it('answers the same warm or cold: a contract nobody generated a schedule for is generated for', () => {
    const loan = loanContractSchema.parse(rawLoan('L-cold'));
    expect(generatedContractSchedule(loan)).toBeUndefined();
    expect(isContractSchedule(loan, generateSchedule(loan))).toBe(true);
    expect(generatedContractSchedule(loan)).toEqual(generateSchedule(loan));
  });

  it('tells a schedule changed in place after it was handed out from the contract’s', () => {
    const h = parsed(rawLoan('L-edit'));
    const original = generateSchedule(h.loan);
    const first = h.schedule[0] as Instalment;
    (first as { interest: number }).interest = first.interest + 1;
    expect(isContractSchedule(h.loan, h.schedule)).toBe(false);
    expect(generatedContractSchedule(h.loan)).toBeUndefined();
    // Asked again, the contract's schedule is generated again, not the edited one handed back.
    expect(contractSchedule(h.loan)).toEqual(original);
    expect(contractSchedule(h.loan)).not.toBe(h.schedule);

    const g = parsed(rawLoan('L-edit-2'));
    (g.schedule as Instalment[]).pop();
    expect(isContractSchedule(g.loan, g.schedule)).toBe(false);
    const k = parsed(rawLoan('L-edit-3'));
    (k.schedule as Instalment[])[3] = { ...(k.schedule[3] as Instalment), index: 5 };
    expect(isContractSchedule(k.loan, k.schedule)).toBe(false);
  });

  it('follows a contract changed after it was validated', () => {
    const h = parsed(rawLoan('L-terms'));
    const before = h.schedule;
    // What a JavaScript caller can do to the contract it was handed.
    const loan = h.loan as unknown as { principal: number; annualRate: Rate; firstDueOn?: Day; termMonths: number };
    loan.principal = 100_000_00;
    expect(isContractSchedule(h.loan, before)).toBe(false);
    expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
    loan.annualRate = parseRate('0.05')!;
    expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
    loan.firstDueOn = day('2026-02-28');
    expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
    loan.termMonths = 6;
    expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
    expect(contractSchedule(h.loan)).toHaveLength(6);
  });

  it('keeps a written-out schedule by its lines: an edited line is another schedule', () => {
    const h = parsed(explicitLoan('L-explicit'));
    expect(h.schedule).toEqual(generateSchedule(h.loan));
    expect(isContractSchedule(h.loan, h.schedule)).toBe(true);
    const lines = h.loan.schedule as unknown as { interest: number }[];
    (lines[1] as { interest: number }).interest += 1;
    expect(isContractSchedule(h.loan, h.schedule)).toBe(false);
    expect(contractSchedule(h.loan)).toEqual(generateSchedule(h.loan));
    expect(contractSchedule(h.loan)[1]?.interest).toBe(726);
  });
});
