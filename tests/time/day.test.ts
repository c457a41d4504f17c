import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, civilOf, daysFromCivil, endOfMonth, formatDay, fromCivil, parseDay, toCivil, type Day } from '../../src/time/day';

// The era formulae day.ts used before its month table (issue 14) are kept in it (`daysFromCivil`,
// `civilOf`) for the days outside the table; the table, the chunked print cache and the character-code
// parser are held to them and to the regular expression parseDay matched before.
const referenceDaysFromCivil = daysFromCivil;
const referenceToCivil = civilOf;

function referenceDaysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function referenceFormatDay(d: number): string {
  const { year, month, dayOfMonth } = referenceToCivil(d);
  return `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

function referenceAddMonths(d: number, months: number, anchorDayOfMonth?: number): number {
  const { year, month, dayOfMonth } = referenceToCivil(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const want = anchorDayOfMonth ?? dayOfMonth;
  return referenceDaysFromCivil(y, m, Math.min(want, referenceDaysInMonth(y, m)));
}

function referenceParseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return undefined;
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > referenceDaysInMonth(year, month)) return undefined;
  const d = referenceDaysFromCivil(year, month, dayOfMonth);
  return d >= referenceDaysFromCivil(1900, 1, 1) && d <= referenceDaysFromCivil(2199, 12, 31) ? d : undefined;
}

/** A margin of days on both sides of the month table (1900-01-01 … 2999-12-31), where the formulae take over. */
const FIRST = referenceDaysFromCivil(1899, 11, 1);
const LAST = referenceDaysFromCivil(3000, 2, 28);

describe('day arithmetic by month table (issue 14)', () => {
  it('toCivil and formatDay agree with the era formulae on every day from 1899-11-01 to 3000-02-28', () => {
    for (let d = FIRST; d <= LAST; d++) {
      const want = referenceToCivil(d);
      const got = toCivil(d as Day);
      if (got.year !== want.year || got.month !== want.month || got.dayOfMonth !== want.dayOfMonth) expect(got, String(d)).toEqual(want);
      const text = formatDay(d as Day);
      if (text !== referenceFormatDay(d)) expect(text, String(d)).toBe(referenceFormatDay(d));
      // Printed twice: the second comes from the cache.
      if (formatDay(d as Day) !== text) expect(formatDay(d as Day)).toBe(text);
    }
  });

  it('fromCivil and parseDay give every date its day, and refuse the same texts as the pattern', () => {
    for (let d = FIRST; d <= LAST; d++) {
      const { year, month, dayOfMonth } = referenceToCivil(d);
      const inTable = year >= 1900 && year <= 2999;
      const made = fromCivil(year, month, dayOfMonth);
      if (made !== (inTable ? d : undefined)) expect(made, referenceFormatDay(d)).toBe(inTable ? d : undefined);
      const text = referenceFormatDay(d);
      if (parseDay(text) !== referenceParseDay(text)) expect(parseDay(text), text).toBe(referenceParseDay(text));
    }
  });

  it('parseDay refuses what the pattern refuses: other lengths, non-ASCII digits, signs, impossible dates', () => {
    const texts = ['2026-02-29', '2024-02-29', '2100-02-29', '2000-02-29', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2026-1-01', '2026-01-1', ' 2026-01-01', '2026-01-01 ', '2026-01-01\n', '２０２６-01-01', '2026/01/01', '+202-01-01', '2026-0a-01', '2026--1-01', '-026-01-01', '', '1899-12-31', '2200-01-01', '2199-12-31', '1900-01-01'];
    for (const t of texts) expect(parseDay(t), JSON.stringify(t)).toBe(referenceParseDay(t));
    const digitOrNot = fc.constantFrom(...'0123456789-/ a\u0660'.split(''));
    fc.assert(
      fc.property(fc.array(digitOrNot, { minLength: 8, maxLength: 12 }).map((cs) => cs.join('')), (t) => {
        expect(parseDay(t)).toBe(referenceParseDay(t));
      }),
      { numRuns: 20_000 },
    );
  });

  it('parseDay of something that is not a string reads its text, as the pattern did', () => {
    expect(parseDay(undefined as unknown as string)).toBeUndefined();
    expect(parseDay(20260101 as unknown as string)).toBeUndefined();
    expect(parseDay({ toString: () => '2026-01-01' } as unknown as string)).toBe(parseDay('2026-01-01'));
  });

  it('addMonths agrees with the era formulae: month ends, leap years, anchors, both directions, the table edges', () => {
    const anchors = [undefined, 1, 15, 28, 29, 30, 31, 0, -3, 32, 15.5];
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), fc.integer({ min: -400, max: 400 }), fc.constantFrom(...anchors), (d, months, anchor) => {
        expect(addMonths(d as Day, months, anchor)).toBe(referenceAddMonths(d, months, anchor));
      }),
      { numRuns: 50_000 },
    );
    const ends = ['2024-01-31', '2024-02-29', '2023-02-28', '2100-02-28', '2000-02-29', '1900-01-31', '2999-12-31', '2999-11-30', '1900-01-01'];
    for (const end of ends) {
      const d = referenceParseDay(end) ?? referenceDaysFromCivil(Number(end.slice(0, 4)), Number(end.slice(5, 7)), Number(end.slice(8)));
      for (let months = -13; months <= 13; months++) {
        for (const anchor of anchors) expect(addMonths(d as Day, months, anchor), `${end} ${months} ${anchor}`).toBe(referenceAddMonths(d, months, anchor));
      }
    }
  });

  it('days that are not whole numbers, and fractional months, go through the formulae as before', () => {
    for (const d of [20_000.5, -0.5, Number.NaN]) {
      expect(toCivil(d as Day)).toEqual(referenceToCivil(d));
      expect(formatDay(d as Day)).toBe(referenceFormatDay(d));
      expect(addMonths(d as Day, 1)).toBe(referenceAddMonths(d, 1));
    }
    expect(addMonths(20_000 as Day, 1.5)).toBe(referenceAddMonths(20_000, 1.5));
    expect(addMonths(20_000 as Day, 1, Number.NaN)).toBe(referenceAddMonths(20_000, 1, Number.NaN));
  });
});

describe('endOfMonth', () => {
  const on = (text: string, months: number) => formatDay(endOfMonth(parseDay(text) as Day, months));

  it('the last day of the month, leap years and year ends included', () => {
    expect(on('2026-06-10', 0)).toBe('2026-06-30');
    expect(on('2026-06-30', 0)).toBe('2026-06-30');
    expect(on('2026-02-01', 0)).toBe('2026-02-28');
    expect(on('2024-02-29', 0)).toBe('2024-02-29');
    expect(on('2100-02-10', 0)).toBe('2100-02-28');
    expect(on('2000-02-10', 0)).toBe('2000-02-29');
    expect(on('2026-12-31', 1)).toBe('2027-01-31');
    expect(on('2026-12-31', 2)).toBe('2027-02-28');
    expect(on('2026-01-15', 120)).toBe('2036-01-31');
  });

  it('is the day before the first of the month after, for any day and distance', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: 109_000 }), fc.integer({ min: 0, max: 120 }), (d, months) => {
        const { year, month } = toCivil(d as Day);
        const next = (month - 1 + months + 1) % 12 + 1;
        const nextYear = year + Math.floor((month - 1 + months + 1) / 12);
        expect(endOfMonth(d as Day, months)).toBe(addDays(referenceDaysFromCivil(nextYear, next, 1) as Day, -1));
      }),
      { numRuns: 20_000 },
    );
  });
});
