import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ExplicitInstalment } from '../../src/contract/explicitSchedule';
import { loanContractSchema, type LoanContract, type LoanId, type RepaymentMethod } from '../../src/contract/LoanContract';
import { formatIssues, fromZodIssues } from '../../src/errors';
import { formatDay } from '../../src/time/day';

/** The `loan` object of docs/history-format.md's example history. */
const exampleLoan = {
  id: 'L-2026-0001',
  borrower: { id: 'B-1', kind: 'retail', contacts: [{ id: 'c1', relation: 'spouse' }] },
  principal: '120000.00',
  annualRate: '0.0435',
  disbursedOn: '2026-01-15',
  termMonths: 12,
  repayment: 'equalInstallment',
  selfPaid: false,
  guarantors: [{ id: 'G-1' }],
  collateral: [{ id: 'C-1', kind: 'property', value: '200000.00', valuedOn: '2026-01-10' }],
};

function parse(loan: unknown): LoanContract {
  return loanContractSchema.parse(loan);
}

/** The issues of a loan object as a user sees them. */
function problems(loan: unknown): string {
  const r = loanContractSchema.safeParse(loan, { reportInput: true });
  if (r.success) return 'ok';
  return formatIssues(fromZodIssues(r.error.issues, 'history.json', ['loan']));
}

const explicitLoan = {
  id: 'L-X',
  borrower: { id: 'B-1', kind: 'corporate' },
  principal: '3000.00',
  annualRate: '0.06',
  disbursedOn: '2026-01-15',
  schedule: [
    { dueOn: '2026-04-15', principal: '1000.00', interest: '45.00' },
    { dueOn: '2026-07-15', principal: '1000.00', interest: '30.00' },
    { dueOn: '2026-10-15', principal: '1000.00', interest: '15.00' },
  ],
};

describe('loanContractSchema', () => {
  it('parses the docs/history-format.md example into exact values', () => {
    const loan = parse(exampleLoan);
    expect({ ...loan, disbursedOn: formatDay(loan.disbursedOn), annualRate: loan.annualRate.text }).toMatchInlineSnapshot(`
      {
        "annualRate": "0.0435",
        "borrower": {
          "contacts": [
            {
              "id": "c1",
              "relation": "spouse",
            },
          ],
          "id": "B-1",
          "kind": "retail",
        },
        "collateral": [
          {
            "id": "C-1",
            "kind": "property",
            "value": 20000000,
            "valuedOn": 20463,
          },
        ],
        "disbursedOn": "2026-01-15",
        "guarantors": [
          {
            "id": "G-1",
          },
        ],
        "id": "L-2026-0001",
        "principal": 12000000,
        "repayment": "equalInstallment",
        "selfPaid": false,
        "termMonths": 12,
        "timeZone": "Asia/Shanghai",
      }
    `);
    expect(formatDay(loan.collateral[0]?.valuedOn ?? loan.disbursedOn)).toBe('2026-01-10');
  });

  it('fills defaults: no contacts, not self-paid, no guarantors or collateral, Asia/Shanghai', () => {
    const { contacts: _c, ...borrower } = exampleLoan.borrower;
    const { selfPaid: _s, guarantors: _g, collateral: _k, ...rest } = exampleLoan;
    const loan = parse({ ...rest, borrower });
    expect(loan.borrower.contacts).toEqual([]);
    expect(loan.selfPaid).toBe(false);
    expect(loan.guarantors).toEqual([]);
    expect(loan.collateral).toEqual([]);
    expect(loan.timeZone).toBe('Asia/Shanghai');
    expect('penaltyRate' in loan).toBe(false);
    expect('firstDueOn' in loan).toBe(false);
  });

  it('accepts the optional terms', () => {
    const loan = parse({
      ...exampleLoan,
      borrower: { ...exampleLoan.borrower, riskRating: 'BBB' },
      firstDueOn: '2026-02-28',
      penaltyRate: '0.06525',
      timeZone: 'Asia/Hong_Kong',
      selfPaid: true,
    });
    expect(loan.borrower.riskRating).toBe('BBB');
    expect(loan.penaltyRate?.text).toBe('0.06525');
    expect(loan.repayment !== 'explicit' && loan.firstDueOn !== undefined ? formatDay(loan.firstDueOn) : null).toBe('2026-02-28');
    expect(loan.timeZone).toBe('Asia/Hong_Kong');
    expect(loan.selfPaid).toBe(true);
  });

  it('takes an explicit schedule instead of a repayment method', () => {
    const loan = parse(explicitLoan);
    expect(loan.repayment).toBe('explicit');
    // No termMonths given: derived as the months from disbursement to the last due date.
    expect(loan.termMonths).toBe(9);
    expect(loan.schedule?.map((l) => [formatDay(l.dueOn), l.principal, l.interest])).toMatchInlineSnapshot(`
      [
        [
          "2026-04-15",
          100000,
          4500,
        ],
        [
          "2026-07-15",
          100000,
          3000,
        ],
        [
          "2026-10-15",
          100000,
          1500,
        ],
      ]
    `);
    expect(parse({ ...explicitLoan, termMonths: 12 }).termMonths).toBe(12);
  });

  it('reports every problem of the loan at once', () => {
    expect(
      problems({
        ...exampleLoan,
        id: '',
        principal: 120000,
        annualRate: '4.35',
        disbursedOn: '2026-02-30',
        termMonths: 0,
        borrower: { id: 'B-1', kind: 'retial' },
        collateral: [{ id: 'C-1', kind: 'property', value: '-1.00', valuedOn: '2026-01-10' }],
      }),
    ).toMatchInlineSnapshot(`
      "✖ This text must not be empty
        → at history.json: loan.id
        hint: write a value, or remove the field if it is optional
      ✖ Expected one of "retail", "corporate", got "retial"
        → at history.json: loan.borrower.kind
        hint: did you mean "retail"?
      ✖ Money must be a decimal string with 2 decimals, got the number 120000
        → at history.json: loan.principal
        hint: write "120000.00" as a string with 2 decimals: JSON numbers lose fen
      ✖ The rate "4.35" is 435 % a year, which is not a plausible loan rate
        → at history.json: loan.annualRate
        hint: write rates as decimals: 4.35 % a year is "0.0435"
      ✖ "2026-02-30" is not a calendar date
        → at history.json: loan.disbursedOn
        hint: February 2026 has 28 days
      ✖ Expected a whole number from 1 to 480, got the number 0
        → at history.json: loan.termMonths
        hint: give a whole number such as 1
      ✖ The amount must not be negative, got "-1.00"
        → at history.json: loan.collateral[0].value
        hint: give zero or a positive amount such as "100.00""
    `);
  });

  it('suggests the key meant by a typo', () => {
    const { principal: _p, ...rest } = exampleLoan;
    expect(problems({ ...rest, princpal: '120000.00', borrower: { ...exampleLoan.borrower, knd: 'retail' } })).toMatchInlineSnapshot(`
      "✖ Unknown key "knd"
        → at history.json: loan.borrower.knd
        hint: did you mean "kind"?
      ✖ Required: the amount is missing
        → at history.json: loan.principal
        hint: add this field, e.g. "100.00"
      ✖ Unknown key "princpal"
        → at history.json: loan.princpal
        hint: did you mean "principal"?"
    `);
  });

  it('regression (issue 11 #14): accepts repayment and schedule together, the schedule authoritative and the method a label', () => {
    // Core-banking exports carry both; this was refused with "give exactly one".
    expect(problems({ ...explicitLoan, repayment: 'equalPrincipal', termMonths: 9 })).toBe('ok');
    const loan = parse({ ...explicitLoan, repayment: 'equalPrincipal', termMonths: 9 });
    expect(loan.repayment).toBe('explicit');
    if (loan.repayment !== 'explicit') throw new Error('narrowed above');
    expect(loan.repaymentLabel).toBe('equalPrincipal');
    expect(loan.termMonths).toBe(9);
    expect(loan.schedule.map((l) => l.principal)).toEqual([100_000, 100_000, 100_000]);
    // A schedule alone has no label; firstDueOn still does not go with a schedule.
    const alone = parse(explicitLoan);
    expect(alone.repayment === 'explicit' && alone.repaymentLabel).toBeUndefined();
    expect(problems({ ...explicitLoan, repayment: 'bullet', firstDueOn: '2026-02-15' })).toContain('loan.firstDueOn');
  });

  it('wants a repayment method or a schedule, and termMonths with a method', () => {
    const { repayment: _r, ...noMethod } = exampleLoan;
    expect(problems(noMethod)).toMatchInlineSnapshot(`
      "✖ The loan needs either "repayment" (a method) or an explicit "schedule"
        → at history.json: loan
        hint: add "repayment": "equalInstallment" (or "equalPrincipal", "interestOnly", "bullet"), or "schedule": [{ "dueOn", "principal", "interest" }]"
    `);
    const { termMonths: _t, ...noTerm } = exampleLoan;
    expect(problems(noTerm)).toMatchInlineSnapshot(`
      "✖ termMonths is required when instalments are generated from "repayment"
        → at history.json: loan.termMonths
        hint: add "termMonths": the number of months from disbursement to maturity, e.g. 12"
    `);
    expect(problems({ ...exampleLoan, repayment: 'equalInstalment' })).toContain('did you mean "equalInstallment"?');
  });

  it('checks an explicit schedule: order, dates after disbursement, principal total', () => {
    expect(
      problems({
        ...explicitLoan,
        schedule: [
          { dueOn: '2026-01-15', principal: '1000.00', interest: '45.00' },
          { dueOn: '2026-07-15', principal: '1000.00', interest: '30.00' },
          { dueOn: '2026-07-15', principal: '999.99', interest: '-15.00' },
        ],
      }),
    ).toMatchInlineSnapshot(`
      "✖ The amount must not be negative, got "-15.00"
        → at history.json: loan.schedule[2].interest
        hint: give zero or a positive amount such as "100.00"
      ✖ The instalment due on 2026-01-15 is not after disbursedOn (2026-01-15)
        → at history.json: loan.schedule[0].dueOn
        hint: every instalment must fall due after disbursedOn
      ✖ The instalment due on 2026-07-15 is not after the one listed before it (due 2026-07-15)
        → at history.json: loan.schedule[2].dueOn
        hint: list instalments in date order, at most one per day
      ✖ The schedule's principal adds up to 2999.99, but the loan principal is 3000.00
        → at history.json: loan.schedule
        hint: make the instalments' principal add up to exactly 3000.00 (difference 0.01)"
    `);
    expect(problems({ ...explicitLoan, schedule: [] })).toContain('The schedule has no instalments');
  });

  it('names both amounts when the schedule does not repay the principal', () => {
    expect(problems({ ...explicitLoan, principal: '3000.01' })).toMatchInlineSnapshot(`
      "✖ The schedule's principal adds up to 3000.00, but the loan principal is 3000.01
        → at history.json: loan.schedule
        hint: make the instalments' principal add up to exactly 3000.01 (difference 0.01)"
    `);
  });

  it('keeps firstDueOn after disbursement and within two months', () => {
    expect(problems({ ...exampleLoan, firstDueOn: '2026-01-15' })).toMatchInlineSnapshot(`
      "✖ firstDueOn 2026-01-15 is not after disbursedOn 2026-01-15
        → at history.json: loan.firstDueOn
        hint: the first instalment falls due after the money is paid out"
    `);
    expect(problems({ ...exampleLoan, firstDueOn: '2026-03-16' })).toMatchInlineSnapshot(`
      "✖ firstDueOn 2026-03-16 is more than 2 months after disbursement (latest 2026-03-15)
        → at history.json: loan.firstDueOn
        hint: set firstDueOn within two months of disbursedOn, or leave it out to start one month after disbursement"
    `);
    expect(problems({ ...exampleLoan, firstDueOn: '2026-03-15' })).toBe('ok');
    expect(problems({ ...exampleLoan, repayment: 'bullet', firstDueOn: '2026-02-15' })).toContain('does not apply to a bullet loan');
    expect(problems({ ...explicitLoan, firstDueOn: '2026-02-15' })).toContain('firstDueOn only applies to generated instalments');
  });

  it('wants unique ids of contacts, guarantors and collateral', () => {
    expect(
      problems({
        ...exampleLoan,
        borrower: { ...exampleLoan.borrower, contacts: [{ id: 'c1', relation: 'spouse' }, { id: 'c1', relation: 'employer' }] },
        guarantors: [{ id: 'G-1' }, { id: 'G-2' }, { id: 'G-1' }],
        collateral: [exampleLoan.collateral[0], exampleLoan.collateral[0]],
      }),
    ).toMatchInlineSnapshot(`
      "✖ The contact id "c1" is already used by contacts[0]
        → at history.json: loan.borrower.contacts[1].id
        hint: give each contact its own id
      ✖ The guarantor id "G-1" is already used by guarantors[0]
        → at history.json: loan.guarantors[2].id
        hint: give each guarantor its own id
      ✖ The collateral id "C-1" is already used by collateral[0]
        → at history.json: loan.collateral[1].id
        hint: give each collateral its own id"
    `);
  });

  it('refuses an unknown time zone', () => {
    expect(problems({ ...exampleLoan, timeZone: 'Asia/Shangai' })).toMatchInlineSnapshot(`
      "✖ "Asia/Shangai" is not a known IANA time zone
        → at history.json: loan.timeZone
        hint: did you mean "Asia/Shanghai"?"
    `);
  });

  it('refuses a loan that is not an object', () => {
    expect(problems('L-1')).toMatchInlineSnapshot(`
      "✖ \`loan\` must be an object ({ … }), not a string
        → at history.json: loan
        hint: write an object ({ … }) here"
    `);
  });
});

describe('LoanContract types', () => {
  it('brands the loan id', () => {
    expectTypeOf<LoanContract['id']>().toEqualTypeOf<LoanId>();
    // @ts-expect-error a plain string is not a LoanId
    const id: LoanId = 'L-1';
    expect(id).toBe('L-1');
  });

  it('narrows on repayment', () => {
    const loan = parse(explicitLoan);
    if (loan.repayment === 'explicit') expectTypeOf(loan.schedule).toEqualTypeOf<readonly ExplicitInstalment[]>();
    else {
      expectTypeOf(loan.schedule).toEqualTypeOf<undefined>();
      expectTypeOf(loan.repayment).toEqualTypeOf<RepaymentMethod>();
    }
  });
});
