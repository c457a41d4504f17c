/**
 * Business dates are calendar days with no time and no zone: `YYYY-MM-DD` at the boundary, an integer
 * day number (days since 1970-01-01) inside, so date arithmetic is integer arithmetic and cannot drift
 * with the host's time zone or daylight saving.
 */
import { asciiDigits } from './asciiDigits';

declare const dayBrand: unique symbol;
/** A calendar day as days since 1970-01-01. */
export type Day = number & { readonly [dayBrand]: 'Day' };

/** A `YYYY-MM-DD` string that has been checked to be a real date. */
export type IsoDate = string;

/**
 * Days-from-civil on the proleptic Gregorian calendar (era-based integer formulae): the day of any
 * year, month and day of month. Exported for tests/time/day.test.ts, which holds the month table to it.
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Splits a day into year, month (1–12) and day of month. */
export function toCivil(day: Day): { readonly year: number; readonly month: number; readonly dayOfMonth: number } {
  const k = monthIndexOf(day);
  if (k < 0) return civilOf(day);
  const starts = monthStarts ?? buildMonthStarts();
  const years = (k / 12) | 0;
  return { year: TABLE_FIRST_YEAR + years, month: k - years * 12 + 1, dayOfMonth: day - (starts[k] as number) + 1 };
}

/**
 * {@link toCivil} by the era formulae, for any day (the table covers 1900–2999 only). Exported for
 * tests/time/day.test.ts, which holds the month table to it.
 */
export function civilOf(day: number): { readonly year: number; readonly month: number; readonly dayOfMonth: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, dayOfMonth };
}

/**
 * The first day of each month from January 1900 to January 3000, by month index
 * (`(year − 1900) × 12 + month − 1`): the days `fromCivil` can make. Splitting a day and adding months
 * (`toCivil`, `addMonths`, `formatDay`: tens of thousands of calls a loan in a replay) become a few
 * table reads instead of a dozen divisions; built on first use (13,201 entries, 53 KB).
 */
let monthStarts: Int32Array | undefined;
const TABLE_FIRST_YEAR = 1900;
const TABLE_MONTHS = (2999 - TABLE_FIRST_YEAR + 1) * 12;
const TABLE_FIRST_DAY = daysFromCivil(TABLE_FIRST_YEAR, 1, 1);
const TABLE_END_DAY = daysFromCivil(2999 + 1, 1, 1);
/** The mean length of a Gregorian month (146,097 days in 4,800 months), to guess a day's month. */
const MEAN_MONTH = 146097 / 4800;

function buildMonthStarts(): Int32Array {
  const starts = new Int32Array(TABLE_MONTHS + 1);
  for (let k = 0; k <= TABLE_MONTHS; k++) starts[k] = daysFromCivil(TABLE_FIRST_YEAR + Math.floor(k / 12), (k % 12) + 1, 1);
  monthStarts = starts;
  return starts;
}

/** The month index (see `monthStarts`) of a whole day from 1900-01-01 to 2999-12-31; −1 for any other number. */
function monthIndexOf(day: number): number {
  if (!(day >= TABLE_FIRST_DAY && day < TABLE_END_DAY) || !Number.isInteger(day)) return -1;
  const starts = monthStarts ?? buildMonthStarts();
  // The guess is off by at most one month: calendar months drift less than a month from the mean.
  let k = Math.min(Math.floor((day - TABLE_FIRST_DAY) / MEAN_MONTH), TABLE_MONTHS - 1);
  while ((starts[k] as number) > day) k--;
  while ((starts[k + 1] as number) <= day) k++;
  return k;
}

/** Number of days in a month of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Builds a day from its parts; returns undefined when the parts are not a real date. */
export function fromCivil(year: number, month: number, dayOfMonth: number): Day | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) return undefined;
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return undefined;
  const starts = monthStarts ?? buildMonthStarts();
  return ((starts[(year - TABLE_FIRST_YEAR) * 12 + month - 1] as number) + dayOfMonth - 1) as Day;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The first and last business dates postloan accepts in any input (history dates, as-of dates, pack
 * effective dates, calendars, snapshots). Dates computed from them (maturities, limitation expiries,
 * period ends) may run past the last one; `fromCivil` covers those up to 2999.
 *
 * @example
 * ```ts
 * `dates from ${FIRST_INPUT_DAY} to ${LAST_INPUT_DAY}`; // 'dates from 1900-01-01 to 2199-12-31'
 * ```
 */
export const FIRST_INPUT_DAY = '1900-01-01';
export const LAST_INPUT_DAY = '2199-12-31';
const firstInputDay = daysFromCivil(1900, 1, 1);
const lastInputDay = daysFromCivil(2199, 12, 31);

/**
 * Whether a day is one postloan accepts as input ({@link FIRST_INPUT_DAY}…{@link LAST_INPUT_DAY}); a
 * `Day` built by hand (not by {@link parseDay}) is checked with it.
 *
 * @example
 * ```ts
 * isInputDay(day('2026-04-20')); // true
 * isInputDay(Number.NaN);        // false
 * ```
 */
export function isInputDay(d: number): d is Day {
  return Number.isInteger(d) && d >= firstInputDay && d <= lastInputDay;
}

/**
 * Why a text is not an accepted date, as a phrase for messages: "is not a calendar date" (malformed or
 * impossible) or "is outside the supported dates 1900-01-01 to 2199-12-31"; undefined when it is accepted.
 *
 * @example
 * ```ts
 * dayProblem('2999-01-01'); // 'is outside the supported dates 1900-01-01 to 2199-12-31'
 * ```
 */
export function dayProblem(text: string): string | undefined {
  const m = ISO_RE.exec(text);
  if (m === null) return 'is not a calendar date';
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return 'is not a calendar date';
  const d = daysFromCivil(year, month, dayOfMonth);
  return isInputDay(d) ? undefined : `is outside the supported dates ${FIRST_INPUT_DAY} to ${LAST_INPUT_DAY}`;
}

/**
 * Parses a strict `YYYY-MM-DD` date in the accepted range ({@link FIRST_INPUT_DAY}…{@link LAST_INPUT_DAY}).
 * `2026-02-30`, `2026-2-3` and `2999-01-01` are refused.
 *
 * @example
 * ```ts
 * parseDay('2026-02-28'); // a Day
 * parseDay('2026-02-30'); // undefined
 * ```
 */
export function parseDay(text: string): Day | undefined {
  // Read by character codes: the same strings as ISO_RE (`\d` is 0–9 only, exactly ten characters),
  // without a match array and three Number() conversions for each of the thousands of dates a history holds.
  if (typeof text !== 'string') return parseDayByPattern(text);
  if (text.length !== 10 || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
  const year = asciiDigits(text, 0, 4);
  const month = asciiDigits(text, 5, 2);
  const dayOfMonth = asciiDigits(text, 8, 2);
  if (year < 0 || month < 0 || dayOfMonth < 0) return undefined;
  const d = fromCivil(year, month, dayOfMonth);
  return d !== undefined && isInputDay(d) ? d : undefined;
}

/** {@link parseDay} of something that is not a string (JavaScript callers): what the pattern makes of its text. */
function parseDayByPattern(text: unknown): Day | undefined {
  const m = ISO_RE.exec(text as string);
  if (m === null) return undefined;
  const d = fromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return d !== undefined && isInputDay(d) ? d : undefined;
}

/** Like {@link parseDay} for values already validated; throws on a malformed date (a bug, not input). */
export function day(text: string): Day {
  const d = parseDay(text);
  if (d === undefined) throw new RangeError(`${JSON.stringify(text)} ${dayProblem(text) ?? 'is not a date'}`);
  return d;
}

/**
 * Printed days, in chunks of 1,024 days made on first use, over the days `monthStarts` covers: an array
 * read instead of a `Map` lookup (the engine prints the same few thousand days over and over: task
 * ids, due dates, timeline entries). At most ≈ 400 chunks, so bounded whatever days are printed.
 */
const formatChunks: (string[] | undefined)[] = [];
const CHUNK_BITS = 10;

/** Prints a day as `YYYY-MM-DD`. */
export function formatDay(d: Day): IsoDate {
  const i = d - TABLE_FIRST_DAY;
  if (!(i >= 0 && i < TABLE_END_DAY - TABLE_FIRST_DAY && (i | 0) === i)) {
    const { year, month, dayOfMonth } = civilOf(d);
    return isoText(year, month, dayOfMonth);
  }
  const chunk = (formatChunks[i >> CHUNK_BITS] ??= new Array<string>(1 << CHUNK_BITS));
  const at = i & ((1 << CHUNK_BITS) - 1);
  const cached = chunk[at];
  if (cached !== undefined) return cached;
  const { year, month, dayOfMonth } = toCivil(d);
  return (chunk[at] = isoText(year, month, dayOfMonth));
}

function isoText(year: number, month: number, dayOfMonth: number): IsoDate {
  return `${year}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/** `d + n` calendar days. */
export function addDays(d: Day, n: number): Day {
  return (d + n) as Day;
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: Day, b: Day): number {
  return b - a;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(d: Day): number {
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/**
 * Adds calendar months keeping the anchor day of month, clamped to the month's end
 * (2026-01-31 + 1 month = 2026-02-28; with anchor 31, + 2 months = 2026-03-31).
 *
 * @example
 * ```ts
 * formatDay(addMonths(day('2026-01-31'), 1)); // '2026-02-28'
 * ```
 */
export function addMonths(d: Day, months: number, anchorDayOfMonth?: number): Day {
  const k = monthIndexOf(d);
  const to = k + months;
  if (k >= 0 && Number.isInteger(months) && to >= 0 && to < TABLE_MONTHS) {
    // A month's days are consecutive, so the day wanted is the month's first day plus (day of month − 1).
    const starts = monthStarts as Int32Array;
    const start = starts[to] as number;
    const want = anchorDayOfMonth ?? d - (starts[k] as number) + 1;
    return (start + Math.min(want, (starts[to + 1] as number) - start) - 1) as Day;
  }
  const { year, month, dayOfMonth } = civilOf(d);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const want = anchorDayOfMonth ?? dayOfMonth;
  return daysFromCivil(y, m, Math.min(want, daysInMonth(y, m))) as Day;
}

/**
 * The last day of the month `months` months after `d`'s month (0: `d`'s own month).
 *
 * @example
 * ```ts
 * formatDay(endOfMonth(day('2026-02-10'), 0)); // '2026-02-28'
 * formatDay(endOfMonth(day('2026-12-31'), 2)); // '2027-02-28'
 * ```
 */
export function endOfMonth(d: Day, months: number): Day {
  const { year, month } = toCivil(d);
  const m = month - 1 + months;
  const y = year + Math.floor(m / 12);
  const mm = (m % 12 + 12) % 12 + 1;
  return daysFromCivil(y, mm, daysInMonth(y, mm)) as Day;
}

/** The earlier of two days. */
export function minDay(a: Day, b: Day): Day {
  return a <= b ? a : b;
}
