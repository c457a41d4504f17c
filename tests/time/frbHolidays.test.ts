import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { loadPackDir } from '../../src/node';
import { parseCalendarData } from '../../src/time/calendar';
import { day, formatDay } from '../../src/time/day';

// us-ffiec's working days are the Federal Reserve Banks' (rules/us-ffiec/frb-holidays.json). The file's
// dates are re-derived here from the rules they follow, independently of how the file was written, so a
// typo or a missed observance in the data fails.

const file = 'rules/us-ffiec/frb-holidays.json';
const data = unwrap(parseCalendarData(JSON.parse(readFileSync(file, 'utf8')), file));

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday … 6 Saturday
/** The n-th `wd` of month m (n = -1: the last). */
function nthWeekday(y: number, m: number, wd: number, n: number): [number, number, number] {
  if (n > 0) {
    const first = weekday(y, m, 1);
    return [y, m, 1 + ((wd - first + 7) % 7) + 7 * (n - 1)];
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return [y, m, lastDay - ((weekday(y, m, lastDay) - wd + 7) % 7)];
}

/** The Reserve Banks' closures of year y: 5 U.S.C. 6103(a) holidays; Sunday → the Monday after; Saturday → none. */
function closures(y: number): string[] {
  const days: [number, number, number][] = [
    [y, 1, 1],
    nthWeekday(y, 1, 1, 3),
    nthWeekday(y, 2, 1, 3),
    nthWeekday(y, 5, 1, -1),
    ...(y >= 2022 ? ([[y, 6, 19]] as [number, number, number][]) : []),
    [y, 7, 4],
    nthWeekday(y, 9, 1, 1),
    nthWeekday(y, 10, 1, 2),
    [y, 11, 11],
    nthWeekday(y, 11, 4, 4),
    [y, 12, 25],
  ];
  return days.flatMap(([yy, m, d]) => {
    const wd = weekday(yy, m, d);
    if (wd === 6) return [];
    return [wd === 0 ? iso(yy, m, d + 1) : iso(yy, m, d)];
  });
}

describe('the Federal Reserve holiday calendar of us-ffiec', () => {
  it('lists exactly the closures the rules give, 2020–2030', () => {
    expect(data.coverage.from).toBe('2020-01-01');
    expect(data.coverage.to).toBe('2030-12-31');
    const expected: string[] = [];
    for (let y = 2020; y <= 2030; y++) expected.push(...closures(y));
    expect([...data.holidays]).toEqual(expected.sort());
    expect(data.workdays).toEqual([]);
  });

  it('known dates: Thanksgiving 2026-11-26, Juneteenth 2022 on Monday the 20th, open on Friday 2026-07-03', () => {
    const pack = unwrap(loadPackDir('rules/us-ffiec'));
    const cal = pack.calendar;
    expect(cal.isWorkingDay(day('2026-11-26'))).toBe(false);
    expect(cal.isWorkingDay(day('2022-06-20'))).toBe(false);
    expect(cal.isWorkingDay(day('2021-06-18'))).toBe(true);
    expect(cal.isWorkingDay(day('2026-07-03'))).toBe(true);
    expect(cal.isWorkingDay(day('2023-01-02'))).toBe(false);
  });

  it('regression: us-ffiec counted working days on the PRC calendar (National Day week closed, Thanksgiving open)', () => {
    const us = unwrap(loadPackDir('rules/us-ffiec')).calendar;
    const cn = unwrap(loadPackDir('rules/cn-default')).calendar;
    expect(us.isWorkingDay(day('2026-10-01'))).toBe(true);
    expect(cn.isWorkingDay(day('2026-10-01'))).toBe(false);
    expect(formatDay(us.addWorkingDays(day('2026-11-25'), 2))).toBe('2026-11-30');
    expect(formatDay(cn.addWorkingDays(day('2026-11-25'), 2))).toBe('2026-11-27');
    expect(formatDay(us.addWorkingDays(day('2026-09-30'), 5))).toBe('2026-10-07');
  });
});
