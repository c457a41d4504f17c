/**
 * Business calendars: which days are working days, and working-day arithmetic on top of that.
 *
 * Calendar data is a coverage window plus two exception lists (official days off, and weekend days
 * that are make-up working days, 调休上班). Everything else follows the Monday–Friday rule. A calendar
 * is compiled once into flat tables so the hot paths of a nightly batch (is this a working day, what
 * is the n-th working day after this one) are array lookups rather than loops over days.
 */
import { schemaPhrase } from '../errors/schemaPhrases';
import { z } from 'zod';
import { PostloanError, fail, fromZodIssues, ok, type PostloanIssue, type Result } from '../errors';
import { dayProblem, formatDay, isoWeekday, parseDay, type Day, type IsoDate } from './day';
import { issueFrom } from '../errors/issueText';
import { calendarText } from './calendarMessages';

/**
 * Holiday data for one jurisdiction, as stored in `calendars/*.json`.
 *
 * @example
 * ```ts
 * const data: CalendarData = {
 *   id: 'demo',
 *   coverage: { from: '2026-01-01', to: '2026-12-31' },
 *   holidays: ['2026-01-01', '2026-01-02'],
 *   workdays: ['2026-01-04'],
 * };
 * ```
 */
export interface CalendarData {
  /** Short identifier used in messages, e.g. `cn`. */
  readonly id: string;
  readonly name?: string;
  /** Where the dates come from, so an auditor can check them. */
  readonly source?: string;
  /** The days the lists are authoritative for; outside it nobody knows the holidays yet. */
  readonly coverage: { readonly from: IsoDate; readonly to: IsoDate };
  /** Free-text remarks, e.g. one line per year describing that year's arrangement. */
  readonly notes?: Readonly<Record<string, string>>;
  /** Official days off. Listing a weekend day here is allowed and changes nothing. */
  readonly holidays: readonly IsoDate[];
  /** Saturdays and Sundays that are working days (make-up days). */
  readonly workdays: readonly IsoDate[];
}

/**
 * What a calendar does with a day outside its coverage: `'error'` throws a
 * {@link PostloanError} (`calendar.outOfCoverage`); `'weekends'` counts Monday–Friday as working days.
 *
 * @example
 * ```ts
 * const lenient: OutsideCoverage = 'weekends';
 * cnCalendar({ outsideCoverage: lenient }).isWorkingDay(day('2027-01-04')); // true (a Monday)
 * ```
 */
export type OutsideCoverage = 'error' | 'weekends';

/**
 * Options for {@link createCalendar}.
 *
 * @example
 * ```ts
 * const options: CalendarOptions = { outsideCoverage: 'weekends' };
 * ```
 */
export interface CalendarOptions {
  /** Defaults to `'error'`: guessing holidays silently would move due dates without anyone noticing. */
  readonly outsideCoverage?: OutsideCoverage;
}

/**
 * Working-day queries and arithmetic. Implementations are immutable and safe to share.
 *
 * @example
 * ```ts
 * const cal = cnCalendar();
 * cal.isWorkingDay(day('2026-02-14'));                  // true: a make-up Saturday
 * formatDay(cal.addWorkingDays(day('2026-09-30'), 10)); // '2026-10-20'
 * cal.countWorkingDays(day('2026-09-30'), day('2026-10-20')); // 10
 * ```
 */
export interface BusinessCalendar {
  readonly id: string;
  /** Inclusive; infinite bounds for calendars that need no data. */
  readonly coverage: { readonly from: Day; readonly to: Day };
  readonly outsideCoverage: OutsideCoverage;
  /** Whether `d` is inside the coverage. Never throws, so callers can decide to warn before relying on the fallback. */
  covers(d: Day): boolean;
  /** A working day is a listed make-up day, or a Monday–Friday that is not a listed holiday. */
  isWorkingDay(d: Day): boolean;
  /**
   * n > 0: the n-th working day after d (d itself not counted); n < 0: the |n|-th working day
   * before d; n = 0: d (even when d is not a working day).
   */
  addWorkingDays(d: Day, n: number): Day;
  /**
   * Working days in the half-open range (from, to]; negative when to < from. Counting runs from
   * `from` towards `to`, always excluding `from` and including `to`, so going backwards it counts
   * [to, from). That makes it the exact inverse of {@link BusinessCalendar.addWorkingDays}:
   * `countWorkingDays(d, addWorkingDays(d, n)) === n` for every d and n.
   */
  countWorkingDays(from: Day, to: Day): number;
}

// ---------------------------------------------------------------------------------------------
// Validation

/**
 * zod schema of a calendar file's shape (`calendars/*.json`, or a pack's own calendar file).
 * {@link parseCalendarData} adds the checks zod cannot express: real dates, coverage, duplicates.
 *
 * @example
 * ```ts
 * calendarSchema.safeParse({ id: 'demo', coverage: { from: '2026-01-01', to: '2026-12-31' }, holidays: [], workdays: [] }).success; // true
 * ```
 */
export const calendarSchema = z.strictObject({
  /** Lets editors validate the file against the shipped JSON Schema; postloan ignores it. */
  $schema: z.string().optional(),
  id: z.string().min(1, { error: schemaPhrase.calendarIdEmpty }),
  name: z.string().optional(),
  source: z.string().optional(),
  coverage: z.strictObject({ from: z.string(), to: z.string() }),
  notes: z.record(z.string(), z.string()).optional(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
});


const outOfRange = (text: string): boolean => dayProblem(text)?.startsWith('is outside') === true;

/** Parses one date field, recording why it is unusable; shape and real-date problems get distinct codes. */
function checkDate(text: string, file: string, path: string, issues: PostloanIssue[]): Day | undefined {
  const d = parseDay(text);
  if (d !== undefined) return d;
  const shaped = /^\d{4}-\d{2}-\d{2}$/.test(text);
  issues.push(issueFrom({ code: shaped ? 'date.invalid' : 'date.format', file, path }, calendarText.badDate(text, shaped ? (outOfRange(text) ? 'range' : 'real') : 'shape', dayProblem(text) ?? '')));
  return undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The checks zod cannot express. They read the raw value defensively so that they still run when the
 * structure has problems elsewhere: a user fixing a calendar file should see every problem in one pass.
 */
function semanticIssues(value: unknown, file: string): PostloanIssue[] {
  const issues: PostloanIssue[] = [];
  const root = asRecord(value);
  if (root === undefined) return issues;

  let from: Day | undefined;
  let to: Day | undefined;
  const coverage = asRecord(root['coverage']);
  if (coverage !== undefined) {
    const f = coverage['from'];
    const t = coverage['to'];
    if (typeof f === 'string') from = checkDate(f, file, 'coverage.from', issues);
    if (typeof t === 'string') to = checkDate(t, file, 'coverage.to', issues);
    if (from !== undefined && to !== undefined && from > to) {
      issues.push(issueFrom({ code: 'calendar.invalid', file, path: 'coverage' }, calendarText.coverageReversed(formatDay(from), formatDay(to))));
      // An inverted window would flag every listed date as outside it; one issue says it all.
      from = undefined;
      to = undefined;
    }
  }

  const holidayAt = new Map<number, string>();
  for (const list of ['holidays', 'workdays'] as const) {
    const items = root[list];
    if (!Array.isArray(items)) continue;
    const seen = new Map<number, string>();
    items.forEach((item: unknown, i) => {
      if (typeof item !== 'string') return; // zod reports the type
      const path = `${list}[${i}]`;
      const d = checkDate(item, file, path, issues);
      if (d === undefined) return;
      const text = formatDay(d);
      const earlier = seen.get(d);
      if (earlier !== undefined) {
        issues.push(issueFrom({ code: 'calendar.invalid', file, path }, calendarText.listedTwice(text, list, earlier)));
        return;
      }
      seen.set(d, path);
      if (from !== undefined && to !== undefined && (d < from || d > to)) {
        issues.push(issueFrom({ code: 'calendar.invalid', file, path }, calendarText.outsideCoverage(text, formatDay(from), formatDay(to))));
      }
      if (list === 'holidays') {
        holidayAt.set(d, path);
        return;
      }
      const weekday = isoWeekday(d);
      if (weekday <= 5) {
        issues.push(issueFrom({ code: 'calendar.invalid', file, path }, calendarText.workdayOnWeekday(text, weekday)));
      }
      const clash = holidayAt.get(d);
      if (clash !== undefined) {
        issues.push(issueFrom({ code: 'calendar.invalid', file, path }, calendarText.holidayAndWorkday(text, clash)));
      }
    });
  }
  return issues;
}

/**
 * Validates calendar data (typically the parsed contents of a `calendars/*.json` file) and reports
 * every problem at once, each with the file, a JSON path such as `workdays[3]`, and a hint.
 *
 * Checked: the exact set of keys, real `YYYY-MM-DD` dates, `coverage.from <= coverage.to`, every
 * listed date inside the coverage, no duplicates, no date in both lists, and `workdays` holding only
 * Saturdays and Sundays. Holidays on weekdays and on weekends are both fine.
 *
 * @example
 * ```ts
 * const r = parseCalendarData(JSON.parse(text), 'calendars/cn.json');
 * if (!r.ok) console.error(formatIssues(r.issues));
 * else createCalendar(r.value);
 * ```
 */
export function parseCalendarData(value: unknown, file: string): Result<CalendarData> {
  // reportInput lets the hint distinguish a missing field from one of the wrong type.
  const parsed = calendarSchema.safeParse(value, { reportInput: true });
  const issues = [...(parsed.success ? [] : fromZodIssues(parsed.error.issues, file)), ...semanticIssues(value, file)];
  if (!parsed.success || issues.length > 0) return fail(issues);
  const v = parsed.data;
  // Frozen so the compiled tables (cached per data object) can never disagree with the data.
  return ok(
    Object.freeze({
      id: v.id,
      ...(v.name === undefined ? {} : { name: v.name }),
      ...(v.source === undefined ? {} : { source: v.source }),
      coverage: Object.freeze({ from: v.coverage.from, to: v.coverage.to }),
      ...(v.notes === undefined ? {} : { notes: Object.freeze({ ...v.notes }) }),
      holidays: Object.freeze([...v.holidays]),
      workdays: Object.freeze([...v.workdays]),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Weekday arithmetic

// Day 4 (1970-01-05) is a Monday. Counting from a Monday makes every 7-day block contribute exactly 5
// weekdays, so both directions below are closed formulas instead of loops.
const MONDAY = 4;

/** Number of Monday–Friday days in [day 4, x], extended monotonically below day 4 (it goes negative). */
function weekdayRank(x: number): number {
  const t = x - MONDAY;
  const weeks = Math.floor(t / 7);
  const r = t - weeks * 7;
  return weeks * 5 + (r < 5 ? r + 1 : 5);
}

/** The Monday–Friday day whose {@link weekdayRank} is `m`. */
function weekdayWithRank(m: number): number {
  const k = m - 1;
  const weeks = Math.floor(k / 5);
  return MONDAY + weeks * 7 + (k - weeks * 5);
}

function checkSteps(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addWorkingDays needs an integer number of days, got ${n}`);
}

// ---------------------------------------------------------------------------------------------
// Calendars
//
// Both implementations work with a "rank": a non-decreasing count of working days up to and including
// a day, which steps by one exactly on working days. Counting is a difference of ranks, and the n-th
// working day is the day holding a given rank, so the two operations are inverse by construction.

abstract class RankedCalendar implements BusinessCalendar {
  abstract readonly id: string;
  abstract readonly coverage: { readonly from: Day; readonly to: Day };
  abstract readonly outsideCoverage: OutsideCoverage;
  abstract covers(d: Day): boolean;
  abstract isWorkingDay(d: Day): boolean;
  /** Working days up to and including `x`, relative to an arbitrary origin. */
  protected abstract rank(x: number): number;
  /** The working day whose rank is `k`; checks coverage in error mode. */
  protected abstract dayWithRank(k: number): number;
  /** Throws in error mode when `d` is outside the coverage. */
  protected abstract guard(d: Day): void;

  addWorkingDays(d: Day, n: number): Day {
    checkSteps(n);
    this.guard(d);
    if (n === 0) return d;
    // Forward: the working day holding rank(d) + n. Backward: count working days strictly before d,
    // i.e. start from rank(d - 1), so a non-working d does not count as one of the |n| days.
    const k = n > 0 ? this.rank(d) + n : this.rank(d - 1) + n + 1;
    return this.dayWithRank(k) as Day;
  }

  countWorkingDays(from: Day, to: Day): number {
    this.guard(from);
    this.guard(to);
    return to >= from ? this.rank(to) - this.rank(from) : this.rank(to - 1) - this.rank(from - 1);
  }
}

interface Tables {
  readonly from: number;
  readonly to: number;
  /** 1 where the day (offset from `from`) is a working day. */
  readonly flags: Uint8Array;
  /** prefix[i] = working days among offsets [0, i). */
  readonly prefix: Int32Array;
  /** Offsets of the working days in order: the (k)-th working day is work[k - 1]. */
  readonly work: Int32Array;
  /** weekdayRank(from - 1) and weekdayRank(to): anchors for the weekend rule on either side. */
  readonly rankBefore: number;
  readonly rankAtEnd: number;
}

function compile(data: CalendarData): Tables {
  const from = parseDay(data.coverage.from) as number;
  const to = parseDay(data.coverage.to) as number;
  const length = to - from + 1;
  const flags = new Uint8Array(length);
  for (let i = 0; i < length; i++) flags[i] = isoWeekday((from + i) as Day) <= 5 ? 1 : 0;
  for (const h of data.holidays) flags[(parseDay(h) as number) - from] = 0;
  for (const w of data.workdays) flags[(parseDay(w) as number) - from] = 1;
  const prefix = new Int32Array(length + 1);
  let total = 0;
  for (let i = 0; i < length; i++) {
    total += flags[i] ?? 0;
    prefix[i + 1] = total;
  }
  const work = new Int32Array(total);
  for (let i = 0, k = 0; i < length; i++) if (flags[i] === 1) work[k++] = i;
  return { from, to, flags, prefix, work, rankBefore: weekdayRank(from - 1), rankAtEnd: weekdayRank(to) };
}

// Compiling touches every day of the coverage; cache per (frozen) data object so that creating a
// calendar per pack or per option set stays cheap.
const compiled = new WeakMap<CalendarData, Tables>();

class TableCalendar extends RankedCalendar {
  readonly id: string;
  readonly coverage: { readonly from: Day; readonly to: Day };
  readonly outsideCoverage: OutsideCoverage;
  private readonly t: Tables;
  private readonly strict: boolean;
  private readonly total: number;

  constructor(id: string, tables: Tables, outsideCoverage: OutsideCoverage) {
    super();
    this.id = id;
    this.t = tables;
    this.coverage = Object.freeze({ from: tables.from as Day, to: tables.to as Day });
    this.outsideCoverage = outsideCoverage;
    this.strict = outsideCoverage === 'error';
    this.total = tables.work.length;
  }

  covers(d: Day): boolean {
    return d >= this.t.from && d <= this.t.to;
  }

  isWorkingDay(d: Day): boolean {
    const i = d - this.t.from;
    if (i >= 0 && i < this.t.flags.length) return this.t.flags[i] === 1;
    this.guard(d);
    return isoWeekday(d) <= 5;
  }

  protected guard(d: Day): void {
    if (this.strict && !(d >= this.t.from && d <= this.t.to)) throw this.outOfCoverage(d);
  }

  protected rank(x: number): number {
    const t = this.t;
    if (x < t.from) return weekdayRank(x) - t.rankBefore;
    if (x > t.to) return this.total + weekdayRank(x) - t.rankAtEnd;
    return t.prefix[x - t.from + 1] ?? 0;
  }

  protected dayWithRank(k: number): number {
    const t = this.t;
    if (k >= 1 && k <= this.total) return t.from + (t.work[k - 1] ?? 0);
    // The answer lies beyond the data. Report the first day past the edge: that is the day the
    // count needed and could not know.
    if (this.strict) throw this.outOfCoverage((k < 1 ? t.from - 1 : t.to + 1) as Day);
    return k < 1 ? weekdayWithRank(k + t.rankBefore) : weekdayWithRank(k - this.total + t.rankAtEnd);
  }

  private outOfCoverage(d: Day): PostloanError {
    return new PostloanError([
      issueFrom({ code: 'calendar.outOfCoverage', path: '' }, calendarText.notCovered(formatDay(d), this.id, formatDay(this.coverage.from), formatDay(this.coverage.to))),
    ]);
  }
}

class WeekendsOnlyCalendar extends RankedCalendar {
  readonly id: string;
  readonly coverage = Object.freeze({ from: Number.NEGATIVE_INFINITY as Day, to: Number.POSITIVE_INFINITY as Day });
  readonly outsideCoverage: OutsideCoverage = 'weekends';

  constructor(id: string) {
    super();
    this.id = id;
  }

  covers(): boolean {
    return true;
  }

  isWorkingDay(d: Day): boolean {
    return isoWeekday(d) <= 5;
  }

  protected guard(): void {}

  protected rank(x: number): number {
    return weekdayRank(x);
  }

  protected dayWithRank(k: number): number {
    return weekdayWithRank(k);
  }
}

/**
 * Compiles calendar data into a {@link BusinessCalendar}. The data is validated (a
 * {@link PostloanError} lists every problem) and compiled once per data object; afterwards
 * `isWorkingDay` is a table lookup and `addWorkingDays` / `countWorkingDays` are O(1) inside the
 * coverage and closed-form weekday arithmetic outside it. The data must not be mutated afterwards.
 *
 * @example
 * ```ts
 * const cal = createCalendar(cnCalendarData);                 // throws outside 2020–2026
 * const lenient = createCalendar(cnCalendarData, { outsideCoverage: 'weekends' });
 * formatDay(cal.addWorkingDays(day('2026-04-30'), 1));        // '2026-05-06'
 * ```
 */
export function createCalendar(data: CalendarData, options: CalendarOptions = {}): BusinessCalendar {
  const outside = options.outsideCoverage ?? 'error';
  if (outside !== 'error' && outside !== 'weekends') {
    throw new TypeError(`outsideCoverage must be "error" or "weekends", got ${JSON.stringify(outside)}`);
  }
  let tables = compiled.get(data);
  if (tables === undefined) {
    const r = parseCalendarData(data, `calendar "${String(data.id)}"`);
    if (!r.ok) throw new PostloanError(r.issues);
    tables = compile(r.value);
    compiled.set(data, tables);
  }
  return new TableCalendar(data.id, tables, outside);
}

/**
 * A calendar without holidays: Monday–Friday are working days, on every date. Useful in tests, and
 * for lenders that have no holiday data. Its coverage is infinite, so it never throws.
 *
 * @example
 * ```ts
 * const cal = weekendsOnlyCalendar();
 * formatDay(cal.addWorkingDays(day('2026-10-01'), 2)); // '2026-10-05' (Thu → Mon)
 * ```
 */
export function weekendsOnlyCalendar(id = 'weekends'): BusinessCalendar {
  return new WeekendsOnlyCalendar(id);
}
