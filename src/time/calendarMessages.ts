/**
 * Every user-facing sentence about a business calendar (its file and its coverage), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * The texts of calendar problems.
 *
 * @example
 * ```ts
 * calendarText.listedTwice('2026-10-01', 'holidays', 'holidays[3]').hint; // 'remove the duplicate'
 * ```
 */
export const calendarText = textModule('calendar', {
  /** `problem`: not YYYY-MM-DD, not a real date, or outside the supported dates (`range` says how). */
  badDate: (text: string, problem: 'shape' | 'real' | 'range', range: string): IssueText => ({
    message: problem === 'shape' ? `"${text}" is not a YYYY-MM-DD date` : `"${text}" ${problem === 'range' ? range : 'is not a real date'}`,
    hint: problem === 'shape' ? 'write the date as YYYY-MM-DD with leading zeros, e.g. "2026-02-03"' : problem === 'range' ? 'check the year' : 'check the month and the day of month',
  }),
  coverageReversed: (from: string, to: string): IssueText => ({ message: `coverage.from (${from}) is after coverage.to (${to})`, hint: 'swap the two dates' }),
  listedTwice: (day: string, list: string, earlier: string): IssueText => ({ message: `${day} is listed twice in "${list}" (also at ${earlier})`, hint: 'remove the duplicate' }),
  outsideCoverage: (day: string, from: string, to: string): IssueText => ({
    message: `${day} is outside the coverage ${from} to ${to}`,
    hint: 'widen "coverage" to include it, or remove the date',
  }),
  workdayOnWeekday: (day: string, isoWeekday: number): IssueText => ({
    message: `${day} is a ${WEEKDAYS[isoWeekday - 1] ?? ''}, which is already a working day`,
    hint: 'list only Saturdays and Sundays that are make-up working days (调休上班) in "workdays"; remove this date or check it',
  }),
  holidayAndWorkday: (day: string, clash: string): IssueText => ({
    message: `${day} is listed both as a holiday (${clash}) and as a working day`,
    hint: 'keep the date in only one of "holidays" and "workdays"',
  }),
  notCovered: (day: string, id: string, from: string, to: string): IssueText => ({
    message: `The date ${day} is outside the coverage of business calendar "${id}" (${from} to ${to})`,
    hint: 'add the year to the calendar data, plug in your own calendar, or set "calendarFallback": "weekends" in pack.json to count Monday–Friday as working days (a warning is recorded)',
  }),
});
