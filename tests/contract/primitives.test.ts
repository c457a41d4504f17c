import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  integerIn,
  isoDay,
  moneyString,
  nonEmptyString,
  nonNegativeMoney,
  oneOf,
  positiveMoney,
  rateString,
  strictObject,
} from '../../src/contract/primitives';
import { formatIssues, fromZodIssues } from '../../src/errors';
import { formatDay } from '../../src/time/day';

/** Formatted issues of parsing `value` as the field `x` of test.json, or the parsed value. */
function check(schema: z.ZodType, value: unknown): unknown {
  const r = schema.safeParse(value, { reportInput: true });
  return r.success ? r.data : formatIssues(fromZodIssues(r.error.issues, 'test.json', ['x']));
}

function codes(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : fromZodIssues(r.error.issues, 'test.json').map((i) => i.code);
}

describe('moneyString', () => {
  it('parses yuan strings to fen', () => {
    expect(moneyString.parse('10236.17')).toBe(1_023_617);
    expect(moneyString.parse('-0.05')).toBe(-5);
    expect(positiveMoney.parse('0.01')).toBe(1);
    expect(nonNegativeMoney.parse('0.00')).toBe(0);
  });

  it('refuses a JSON number with a hint showing the string to write', () => {
    expect(check(moneyString, 10236.17)).toMatchInlineSnapshot(`
      "✖ Money must be a decimal string with 2 decimals, got the number 10236.17
        → at test.json: x
        hint: write "10236.17" as a string with 2 decimals: JSON numbers lose fen"
    `);
    expect(check(moneyString, 100)).toContain('hint: write "100.00" as a string');
    expect(check(moneyString, 0.1 + 0.2)).toContain('e.g. "10236.17"');
    expect(codes(positiveMoney, 12)).toEqual(['money.number']);
  });

  it.each(['1.5', '1,000.00', '1e3', ' 1.00', '01.00', '1.000', 'abc', ''])('refuses %j with money.format', (text) => {
    expect(codes(moneyString, text)).toEqual(['money.format']);
  });

  it('suggests the canonical form when there is one', () => {
    expect(check(moneyString, '1,000')).toMatchInlineSnapshot(`
      "✖ Money must be a decimal string in yuan with exactly 2 decimals, got "1,000"
        → at test.json: x
        hint: write "1000.00": exactly 2 decimals, no spaces, commas, leading zeros or exponent"
    `);
    expect(check(moneyString, '1.5')).toContain('hint: write "1.50"');
    expect(check(moneyString, '1e3')).toContain('hint: write yuan with exactly 2 decimals');
    expect(check(moneyString, true)).toContain('got the boolean true');
  });

  it('refuses zero or negative where the amount must be positive', () => {
    expect(check(positiveMoney, '-1.00')).toMatchInlineSnapshot(`
      "✖ The amount must be greater than zero, got "-1.00"
        → at test.json: x
        hint: give a positive amount such as "100.00""
    `);
    expect(codes(positiveMoney, '0.00')).toEqual(['money.negative']);
    expect(codes(nonNegativeMoney, '-0.01')).toEqual(['money.negative']);
    expect(codes(nonNegativeMoney, '0.00')).toEqual([]);
  });

  it('refuses amounts beyond 100 billion yuan as money.range', () => {
    expect(codes(moneyString, '100000000000.01')).toEqual(['money.range']);
  });

  it('reports a missing amount', () => {
    expect(check(strictObject({ amount: positiveMoney }), {})).toMatchInlineSnapshot(`
      "✖ Required: the amount is missing
        → at test.json: x.amount
        hint: add this field, e.g. "100.00""
    `);
  });
});

describe('rateString', () => {
  it('keeps the rate exact', () => {
    expect(rateString.parse('0.0435')).toEqual({ units: 435n, scale: 10_000n, text: '0.0435' });
    expect(rateString.parse('0')).toEqual({ units: 0n, scale: 1n, text: '0' });
  });

  it('refuses malformed rates and numbers', () => {
    expect(codes(rateString, '4.35%')).toEqual(['rate.format']);
    expect(codes(rateString, '-0.01')).toEqual(['rate.format']);
    expect(check(rateString, 0.0435)).toMatchInlineSnapshot(`
      "✖ A rate must be a decimal string such as "0.0435" (4.35 % a year), got the number 0.0435
        → at test.json: x
        hint: write it as a string: "0.0435"; JSON numbers lose precision"
    `);
  });

  it('catches a percentage written where a decimal belongs', () => {
    expect(check(rateString, '4.35')).toMatchInlineSnapshot(`
      "✖ The rate "4.35" is 435 % a year, which is not a plausible loan rate
        → at test.json: x
        hint: write rates as decimals: 4.35 % a year is "0.0435""
    `);
    expect(codes(rateString, '1')).toEqual(['rate.format']);
    expect(codes(rateString, '0.99')).toEqual([]);
  });
});

describe('isoDay', () => {
  it('parses real dates', () => {
    expect(formatDay(isoDay.parse('2026-02-28'))).toBe('2026-02-28');
    expect(formatDay(isoDay.parse('2028-02-29'))).toBe('2028-02-29');
  });

  it('names a date that is not in the calendar', () => {
    expect(check(isoDay, '2026-02-30')).toMatchInlineSnapshot(`
      "✖ "2026-02-30" is not a calendar date
        → at test.json: x
        hint: February 2026 has 28 days"
    `);
    expect(codes(isoDay, '2026-02-30')).toEqual(['date.invalid']);
    expect(codes(isoDay, '2027-02-29')).toEqual(['date.invalid']);
    expect(codes(isoDay, '2026-13-01')).toEqual(['date.invalid']);
    expect(codes(isoDay, '1800-01-01')).toEqual(['date.invalid']);
  });

  it('refuses other shapes with date.format and shows YYYY-MM-DD', () => {
    expect(check(isoDay, '2026-2-3')).toMatchInlineSnapshot(`
      "✖ A date must be a string "YYYY-MM-DD", got "2026-2-3"
        → at test.json: x
        hint: use YYYY-MM-DD: "2026-02-03""
    `);
    expect(check(isoDay, 20260215)).toContain('hint: use YYYY-MM-DD');
    for (const bad of ['2026/02/15', '2026-02-15T00:00:00Z', ' 2026-02-15', '15.02.2026', 20260215, null]) {
      expect(codes(isoDay, bad)).toEqual(['date.format']);
    }
  });
});

describe('small helpers', () => {
  it('nonEmptyString refuses blank text', () => {
    expect(codes(nonEmptyString, '  ')).toEqual(['input.invalid']);
    expect(nonEmptyString.parse('x')).toBe('x');
  });

  it('integerIn checks whole numbers and bounds', () => {
    const months = integerIn(1, 480);
    expect(months.parse(12)).toBe(12);
    for (const bad of [0, 481, 1.5, '12', Number.NaN]) expect(codes(months, bad)).toEqual(['input.invalid']);
  });

  it('oneOf suggests the nearest value', () => {
    expect(check(oneOf(['retail', 'corporate']), 'retial')).toMatchInlineSnapshot(`
      "✖ Expected one of "retail", "corporate", got "retial"
        → at test.json: x
        hint: did you mean "retail"?"
    `);
  });
});

describe('strictObject', () => {
  const schema = strictObject({ amount: positiveMoney, on: isoDay });

  it('reports each unknown key with a did-you-mean, together with field errors', () => {
    expect(check(schema, { ammount: '1.00', on: '2026-02-30' })).toMatchInlineSnapshot(`
      "✖ Required: the amount is missing
        → at test.json: x.amount
        hint: add this field, e.g. "100.00"
      ✖ "2026-02-30" is not a calendar date
        → at test.json: x.on
        hint: February 2026 has 28 days
      ✖ Unknown key "ammount"
        → at test.json: x.ammount
        hint: did you mean "amount"?"
    `);
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(check(schema, { amount: '1.00', on: '2026-02-01', zzz: 1 })).toContain('the keys allowed here are "amount", "on"');
  });

  it('returns only known keys', () => {
    expect(schema.parse({ amount: '1.00', on: '2026-02-01' })).toEqual({ amount: 100, on: isoDay.parse('2026-02-01') });
  });
});
