import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PostloanError, formatIssues, type PostloanIssue } from '../../src/errors';
import { day, formatDay, isoWeekday, type Day, fromCivil } from '../../src/time/day';
import {
  createCalendar,
  parseCalendarData,
  weekendsOnlyCalendar,
  type BusinessCalendar,
  type CalendarData,
} from '../../src/time/calendar';
import { cnCalendar, cnCalendarData } from '../../src/time/cnCalendar';

const cal = cnCalendar();
const lenient = cnCalendar({ outsideCoverage: 'weekends' });
const FROM = day('2020-01-01');
const TO = day('2026-12-31');

const add = (c: BusinessCalendar, d: string, n: number): string => formatDay(c.addWorkingDays(day(d), n));
const working = (d: string): boolean => cal.isWorkingDay(day(d));

function issuesOf(fn: () => unknown): readonly PostloanIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof PostloanError) return e.issues;
    throw e;
  }
  throw new Error('expected a PostloanError');
}

// Reference implementation straight from the definition, one day at a time.
const holidaySet = new Set(cnCalendarData.holidays);
const workdaySet = new Set(cnCalendarData.workdays);
function naiveIsWorking(d: number): boolean {
  const text = formatDay(d as Day);
  if (d >= FROM && d <= TO) {
    if (workdaySet.has(text)) return true;
    if (holidaySet.has(text)) return false;
  }
  return isoWeekday(d as Day) <= 5;
}
const naiveWeekday = (d: number): boolean => isoWeekday(d as Day) <= 5;
function naiveAdd(isWorking: (d: number) => boolean, d: number, n: number): number {
  const step = n > 0 ? 1 : -1;
  let x = d;
  for (let left = Math.abs(n); left > 0; ) {
    x += step;
    if (isWorking(x)) left--;
  }
  return x;
}
function naiveCount(isWorking: (d: number) => boolean, from: number, to: number): number {
  let c = 0;
  if (to >= from) for (let x = from + 1; x <= to; x++) c += isWorking(x) ? 1 : 0;
  else for (let x = to; x < from; x++) c -= isWorking(x) ? 1 : 0;
  return c;
}

describe('bundled PRC data', () => {
  it('validates and covers 2020-01-01..2026-12-31', () => {
    const r = parseCalendarData(cnCalendarData, 'calendars/cn.json');
    expect(r.ok ? [] : formatIssues(r.issues)).toEqual([]);
    expect(cnCalendarData.coverage).toEqual({ from: '2020-01-01', to: '2026-12-31' });
    expect(cnCalendarData.id).toBe('cn');
    expect(cal.coverage).toEqual({ from: FROM, to: TO });
    expect(cal.outsideCoverage).toBe('error');
  });

  it('keeps both lists sorted', () => {
    expect([...cnCalendarData.holidays].sort()).toEqual(cnCalendarData.holidays);
    expect([...cnCalendarData.workdays].sort()).toEqual(cnCalendarData.workdays);
  });
});

describe('PRC 2026', () => {
  it('Spring Festival: make-up Saturdays Feb 14 and Feb 28, Feb 15–23 off', () => {
    expect(working('2026-02-13')).toBe(true);
    expect(working('2026-02-14')).toBe(true);
    for (let d = 15; d <= 23; d++) expect(working(`2026-02-${d}`), `2026-02-${d}`).toBe(false);
    expect(working('2026-02-24')).toBe(true);
    expect(working('2026-02-28')).toBe(true);
    expect(add(cal, '2026-02-13', 1)).toBe('2026-02-14');
    expect(add(cal, '2026-02-14', 1)).toBe('2026-02-24');
    expect(add(cal, '2026-02-24', -1)).toBe('2026-02-14');
  });

  it('National Day: 10 working days after Sep 30 is Oct 20; Oct 10 (Sat) works', () => {
    expect(add(cal, '2026-09-30', 10)).toBe('2026-10-20');
    expect(cal.countWorkingDays(day('2026-09-30'), day('2026-10-20'))).toBe(10);
    expect(working('2026-10-10')).toBe(true);
    expect(working('2026-09-20')).toBe(true);
    for (let d = 1; d <= 7; d++) expect(working(`2026-10-0${d}`)).toBe(false);
    expect(add(cal, '2026-10-20', -10)).toBe('2026-09-30');
  });

  it('Mid-Autumn: 5 working days after Sep 21 is Sep 29', () => {
    expect(add(cal, '2026-09-21', 5)).toBe('2026-09-29');
    expect(working('2026-09-25')).toBe(false);
  });

  it('Labour Day: May 1–5 off, May 9 (Sat) works', () => {
    for (let d = 1; d <= 5; d++) expect(working(`2026-05-0${d}`)).toBe(false);
    expect(working('2026-05-09')).toBe(true);
    expect(add(cal, '2026-04-30', 1)).toBe('2026-05-06');
  });

  it('New Year: Jan 1–3 off, Jan 4 (Sun) works; Dragon Boat Jun 19 off', () => {
    expect(working('2026-01-02')).toBe(false);
    expect(working('2026-01-04')).toBe(true);
    expect(working('2026-06-19')).toBe(false);
    expect(add(cal, '2025-12-31', 1)).toBe('2026-01-04');
  });
});

describe('PRC other years', () => {
  it('2020: Spring Festival extended to Feb 2, Feb 1 make-up cancelled', () => {
    expect(working('2020-01-19')).toBe(true);
    expect(working('2020-01-31')).toBe(false);
    expect(working('2020-02-01')).toBe(false);
    expect(working('2020-02-02')).toBe(false);
    expect(working('2020-02-03')).toBe(true);
    expect(add(cal, '2020-01-23', 1)).toBe('2020-02-03');
    expect(working('2020-10-08')).toBe(false);
    expect(working('2020-10-10')).toBe(true);
  });

  it('2021', () => {
    expect(working('2021-02-07')).toBe(true);
    expect(working('2021-02-20')).toBe(true);
    expect(add(cal, '2021-02-10', 1)).toBe('2021-02-18');
    expect(working('2021-09-18')).toBe(true);
    expect(working('2021-09-21')).toBe(false);
  });

  it('2022', () => {
    expect(working('2022-01-29')).toBe(true);
    expect(working('2022-01-30')).toBe(true);
    expect(working('2022-04-02')).toBe(true);
    expect(working('2022-04-04')).toBe(false);
    expect(add(cal, '2022-09-30', 1)).toBe('2022-10-08');
  });

  it('2023 (New Year from 2022-12-31 is set by the 2023 notice)', () => {
    expect(working('2023-01-02')).toBe(false);
    expect(working('2023-01-28')).toBe(true);
    expect(working('2023-04-05')).toBe(false);
    expect(add(cal, '2023-09-28', 1)).toBe('2023-10-07');
  });

  it('2024: New Year’s Eve Feb 9 is a working day', () => {
    expect(working('2024-02-04')).toBe(true);
    expect(working('2024-02-09')).toBe(true);
    expect(add(cal, '2024-02-09', 1)).toBe('2024-02-18');
    expect(working('2024-04-07')).toBe(true);
    expect(working('2024-09-14')).toBe(true);
  });

  it('2025', () => {
    expect(working('2025-01-01')).toBe(false);
    expect(working('2025-01-26')).toBe(true);
    expect(working('2025-02-08')).toBe(true);
    expect(working('2025-06-02')).toBe(false);
    expect(add(cal, '2025-09-30', 1)).toBe('2025-10-09');
  });
});

describe('working-day arithmetic', () => {
  it('n = 0 returns the day itself, even a holiday', () => {
    expect(add(cal, '2026-02-16', 0)).toBe('2026-02-16');
  });

  it('counts from a non-working day in both directions', () => {
    // Sunday 2026-03-08: the previous working day is Friday, the next one Monday.
    expect(add(cal, '2026-03-08', -1)).toBe('2026-03-06');
    expect(add(cal, '2026-03-08', 1)).toBe('2026-03-09');
    expect(cal.countWorkingDays(day('2026-03-08'), day('2026-03-06'))).toBe(-1);
    expect(cal.countWorkingDays(day('2026-03-08'), day('2026-03-08'))).toBe(0);
  });

  it('rejects a fractional number of days', () => {
    expect(() => cal.addWorkingDays(day('2026-03-09'), 1.5)).toThrow(RangeError);
  });

  it('countWorkingDays inverts addWorkingDays (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM - 30, max: TO + 30 }), fc.integer({ min: -400, max: 400 }), (d, n) => {
        const target = lenient.addWorkingDays(d as Day, n);
        expect(lenient.countWorkingDays(d as Day, target)).toBe(n);
        if (n !== 0) expect(lenient.isWorkingDay(target)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // Strict mode: keep the target well inside the coverage.
    fc.assert(
      fc.property(fc.integer({ min: FROM + 650, max: TO - 650 }), fc.integer({ min: -400, max: 400 }), (d, n) => {
        const target = cal.addWorkingDays(d as Day, n);
        expect(cal.countWorkingDays(d as Day, target)).toBe(n);
        if (n !== 0) expect(cal.isWorkingDay(target)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('matches a day-by-day reference over the whole coverage and its edges', () => {
    let mismatches = 0;
    for (let d = FROM - 40; d <= TO + 40; d++) {
      if (lenient.isWorkingDay(d as Day) !== naiveIsWorking(d)) mismatches++;
      if (d >= FROM && d <= TO && cal.isWorkingDay(d as Day) !== naiveIsWorking(d)) mismatches++;
      for (let n = -25; n <= 25; n++) {
        if (lenient.addWorkingDays(d as Day, n) !== naiveAdd(naiveIsWorking, d, n)) mismatches++;
      }
      for (let k = -40; k <= 40; k += 3) {
        if (lenient.countWorkingDays(d as Day, (d + k) as Day) !== naiveCount(naiveIsWorking, d, d + k)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });

  it('handles spans longer than the coverage without looping day by day', () => {
    const before = day('2015-06-01');
    const after = day('2031-06-01');
    const expected = naiveCount(naiveIsWorking, before, after);
    expect(lenient.countWorkingDays(before, after)).toBe(expected);
    expect(lenient.addWorkingDays(before, expected)).toBe(naiveAdd(naiveIsWorking, before, expected));
    expect(lenient.addWorkingDays(after, -expected)).toBe(naiveAdd(naiveIsWorking, after, -expected));
    // Every working day of the coverage, counted from the day before it starts.
    expect(cal.countWorkingDays(FROM, TO) + (cal.isWorkingDay(FROM) ? 1 : 0)).toBe(naiveCount(naiveIsWorking, FROM - 1, TO));
  });
});

describe('outside the coverage', () => {
  it('throws calendar.outOfCoverage by default', () => {
    const issues = issuesOf(() => cal.isWorkingDay(day('2027-01-05')));
    expect(issues.map((i) => i.code)).toEqual(['calendar.outOfCoverage']);
    expect(formatIssues(issues)).toMatchInlineSnapshot(`
      "✖ The date 2027-01-05 is outside the coverage of business calendar "cn" (2020-01-01 to 2026-12-31)
        hint: add the year to the calendar data, plug in your own calendar, or set "calendarFallback": "weekends" in pack.json to count Monday–Friday as working days (a warning is recorded)"
    `);
    expect(() => cal.countWorkingDays(day('2026-12-01'), day('2027-01-05'))).toThrow(PostloanError);
    expect(() => cal.addWorkingDays(day('2019-12-31'), 1)).toThrow(PostloanError);
  });

  it('throws when the result would leave the coverage, naming the first unknown day', () => {
    expect(formatIssues(issuesOf(() => cal.addWorkingDays(day('2026-12-30'), 5)))).toContain('The date 2027-01-01 is outside');
    expect(formatIssues(issuesOf(() => cal.addWorkingDays(day('2020-01-03'), -3)))).toContain('The date 2019-12-31 is outside');
    expect(add(cal, '2026-12-30', 1)).toBe('2026-12-31');
  });

  it('covers() never throws', () => {
    expect(cal.covers(day('2027-01-05'))).toBe(false);
    expect(cal.covers(day('2019-12-31'))).toBe(false);
    expect(cal.covers(FROM)).toBe(true);
    expect(cal.covers(TO)).toBe(true);
  });

  it('falls back to Monday–Friday across the boundary in weekends mode', () => {
    expect(lenient.outsideCoverage).toBe('weekends');
    // Dec 31 (Thu), Jan 1 2027 (Fri, no data so a working day), Jan 4, 5, 6.
    expect(add(lenient, '2026-12-30', 5)).toBe('2027-01-06');
    expect(lenient.countWorkingDays(day('2026-12-30'), day('2027-01-06'))).toBe(5);
    // 2020-01-01 is a holiday; then 2019-12-31, 12-30, 12-27.
    expect(add(lenient, '2020-01-02', -3)).toBe('2019-12-27');
    expect(lenient.isWorkingDay(day('2027-01-02'))).toBe(false);
    expect(lenient.isWorkingDay(day('2027-01-04'))).toBe(true);
    expect(lenient.covers(day('2027-01-04'))).toBe(false);
  });
});

describe('weekendsOnlyCalendar', () => {
  const wk = weekendsOnlyCalendar();

  it('counts Monday–Friday everywhere and never throws', () => {
    expect(wk.id).toBe('weekends');
    expect(weekendsOnlyCalendar('bank-x').id).toBe('bank-x');
    expect(wk.covers(day('1900-01-01'))).toBe(true);
    expect(add(wk, '2026-10-01', 2)).toBe('2026-10-05');
    expect(add(wk, '2026-10-03', -1)).toBe('2026-10-02');
    expect(add(wk, '2026-01-05', 5)).toBe('2026-01-12');
    expect(wk.isWorkingDay(day('2026-02-16'))).toBe(true);
  });

  it('matches the day-by-day reference on far-apart dates', () => {
    fc.assert(
      fc.property(fc.integer({ min: day('1900-01-01'), max: fromCivil(2999, 12, 31) as number }), fc.integer({ min: -3000, max: 3000 }), (d, n) => {
        const target = wk.addWorkingDays(d as Day, n);
        expect(target).toBe(naiveAdd(naiveWeekday, d, n));
        expect(wk.countWorkingDays(d as Day, target)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCalendarData', () => {
  const good: CalendarData = {
    id: 'demo',
    coverage: { from: '2026-01-01', to: '2026-12-31' },
    holidays: ['2026-01-01'],
    workdays: ['2026-01-04'],
  };

  it('accepts good data and builds a calendar from it', () => {
    const r = parseCalendarData(good, 'demo.json');
    expect(r.ok).toBe(true);
    const c = createCalendar(good);
    expect(c.id).toBe('demo');
    expect(c.isWorkingDay(day('2026-01-01'))).toBe(false);
    expect(c.isWorkingDay(day('2026-01-04'))).toBe(true);
  });

  it('reports every problem at once, with paths', () => {
    const r = parseCalendarData(
      {
        ...good,
        extra: true,
        holidays: ['2026-01-01', '2026-1-2', '2027-01-01', '2026-02-14', '2026-01-01', 7],
        workdays: ['2026-02-11', '2026-02-14', '2026-02-30'],
      },
      'demo.json',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['input.invalid', 'holidays[5]'],
      ['input.invalid', 'extra'],
      ['date.format', 'holidays[1]'],
      ['calendar.invalid', 'holidays[2]'],
      ['calendar.invalid', 'holidays[4]'],
      ['calendar.invalid', 'workdays[0]'],
      ['calendar.invalid', 'workdays[1]'],
      ['date.invalid', 'workdays[2]'],
    ]);
    expect(r.issues.every((i) => i.file === 'demo.json' && i.hint !== undefined)).toBe(true);
    expect(formatIssues(r.issues)).toMatchInlineSnapshot(`
      "✖ \`holidays[5]\` must be a string, not a number
        → at demo.json: holidays[5]
        hint: write a string here
      ✖ Unknown key "extra"
        → at demo.json: extra
        hint: remove it or fix its spelling
      ✖ "2026-1-2" is not a YYYY-MM-DD date
        → at demo.json: holidays[1]
        hint: write the date as YYYY-MM-DD with leading zeros, e.g. "2026-02-03"
      ✖ 2027-01-01 is outside the coverage 2026-01-01 to 2026-12-31
        → at demo.json: holidays[2]
        hint: widen "coverage" to include it, or remove the date
      ✖ 2026-01-01 is listed twice in "holidays" (also at holidays[0])
        → at demo.json: holidays[4]
        hint: remove the duplicate
      ✖ 2026-02-11 is a Wednesday, which is already a working day
        → at demo.json: workdays[0]
        hint: list only Saturdays and Sundays that are make-up working days (调休上班) in "workdays"; remove this date or check it
      ✖ 2026-02-14 is listed both as a holiday (holidays[3]) and as a working day
        → at demo.json: workdays[1]
        hint: keep the date in only one of "holidays" and "workdays"
      ✖ "2026-02-30" is not a real date
        → at demo.json: workdays[2]
        hint: check the month and the day of month"
    `);
  });

  it('reports an inverted coverage once', () => {
    const r = parseCalendarData({ ...good, coverage: { from: '2026-12-31', to: '2026-01-01' } }, 'demo.json');
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.message])).toEqual([
      ['coverage', 'coverage.from (2026-12-31) is after coverage.to (2026-01-01)'],
    ]);
  });

  it('reports structural problems', () => {
    const r = parseCalendarData({ id: '', coverage: { from: '2026-01-01' }, holidays: 'none' }, 'demo.json');
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['id', 'coverage.to', 'holidays', 'workdays']);
    expect(parseCalendarData(null, 'demo.json').ok).toBe(false);
  });

  it('createCalendar refuses invalid data and unknown options', () => {
    const bad: CalendarData = { ...good, workdays: ['2026-01-07'] };
    expect(issuesOf(() => createCalendar(bad)).map((i) => i.path)).toEqual(['workdays[0]']);
    expect(() => createCalendar(good, { outsideCoverage: 'weekend' as 'weekends' })).toThrow(TypeError);
  });
});
