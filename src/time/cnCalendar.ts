/**
 * The built-in calendar of the People's Republic of China (2020–2026), from the State Council
 * General Office's annual holiday notices. The JSON is embedded by the bundler, so the calendar works
 * without reading files at run time.
 */
import data from '../../calendars/cn.json';
import { formatIssues } from '../errors';
import { createCalendar, parseCalendarData, type BusinessCalendar, type CalendarData, type CalendarOptions } from './calendar';

/**
 * The bundled PRC holiday data (`calendars/cn.json`): official days off and make-up working days
 * (调休上班), coverage 2020-01-01 to 2026-12-31.
 *
 * @example
 * ```ts
 * cnCalendarData.coverage; // { from: '2020-01-01', to: '2026-12-31' }
 * ```
 */
export const cnCalendarData: CalendarData = data;

let validated: CalendarData | undefined;

// Validated on first use rather than at import: importing the library should cost nothing for users
// who never touch the PRC calendar. A failure here means a broken release, not bad user input.
function validatedData(): CalendarData {
  if (validated === undefined) {
    const r = parseCalendarData(data, 'calendars/cn.json');
    if (!r.ok) throw new Error(`postloan packaging bug: the bundled calendars/cn.json is invalid\n${formatIssues(r.issues)}`);
    validated = r.value;
  }
  return validated;
}

/**
 * The PRC business calendar. By default a day outside 2020–2026 throws `calendar.outOfCoverage`;
 * pass `{ outsideCoverage: 'weekends' }` to count Monday–Friday there instead.
 *
 * @example
 * ```ts
 * const cal = cnCalendar();
 * cal.isWorkingDay(day('2026-02-14'));                  // true: make-up Saturday before Spring Festival
 * formatDay(cal.addWorkingDays(day('2026-09-30'), 10)); // '2026-10-20'
 * ```
 */
export function cnCalendar(options: CalendarOptions = {}): BusinessCalendar {
  return createCalendar(validatedData(), options);
}
