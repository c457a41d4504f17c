import { describe, expect, it } from 'vitest';
import { attributesSchema, MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_ENTRIES } from '../../src/contract/attributes';
import { loanContractSchema } from '../../src/contract/LoanContract';
import { formatIssues } from '../../src/errors/formatIssues';
import { fromZodIssues } from '../../src/errors/fromZod';

const loan = { id: 'L', borrower: { id: 'B', kind: 'retail' }, principal: '1000.00', annualRate: '0.05', disbursedOn: '2026-01-05', termMonths: 3, repayment: 'bullet' };
const problems = (attributes: unknown): string => {
  const r = loanContractSchema.safeParse({ ...loan, attributes });
  return r.success ? 'no problem' : formatIssues(fromZodIssues(r.error.issues, 'h.json', ['loan']));
};
const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('loan.attributes', () => {
  it('keeps free JSON, frozen and without prototypes', () => {
    const a = loanContractSchema.parse({ ...loan, attributes: { product: 'auto', dealer: { id: 'W-1', tags: ['x'] }, score: 1.5, none: null } }).attributes;
    expect(a).toEqual({ product: 'auto', dealer: { id: 'W-1', tags: ['x'] }, score: 1.5, none: null });
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.getPrototypeOf(a)).toBeNull();
    expect(Object.getPrototypeOf(a?.['dealer'])).toBeNull();
  });

  it('is an object', () => {
    expect(problems(['auto'])).toContain('attributes must be an object');
  });

  it(`is bounded: ${MAX_ATTRIBUTE_DEPTH} levels, ${MAX_ATTRIBUTE_ENTRIES} values, short texts`, () => {
    expect(problems(nested(MAX_ATTRIBUTE_DEPTH))).toBe('no problem');
    expect(problems(nested(MAX_ATTRIBUTE_DEPTH + 1))).toContain('nested more than');
    expect(problems({ list: Array.from({ length: MAX_ATTRIBUTE_ENTRIES }, () => 1) })).toContain(`more than ${MAX_ATTRIBUTE_ENTRIES} values`);
    expect(problems({ note: 'x'.repeat(1001) })).toContain('more than 1000');
    expect(problems({ ['k'.repeat(101)]: 1 })).toContain('more than 100');
  });

  it('regression: a key reaching the prototype is refused, not merged (parsed JSON may carry "__proto__" as an own key)', () => {
    const hostile = JSON.parse('{"dealer": {"__proto__": {"polluted": true}}}') as unknown;
    expect(problems(hostile)).toContain('The key "__proto__" is not allowed');
    expect(problems(hostile)).toContain('loan.attributes.dealer.__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses values that are not JSON (from a program passing objects)', () => {
    expect(attributesSchema.safeParse({ when: new Date(0) }).success).toBe(false);
    expect(attributesSchema.safeParse({ n: Number.NaN }).success).toBe(false);
    expect(attributesSchema.safeParse({ f: () => 1 }).success).toBe(false);
  });
});
