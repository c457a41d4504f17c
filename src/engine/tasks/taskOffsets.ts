import { PostloanError } from '../../errors/PostloanError';
import type { Deadline, Offset } from '../../rules/decisions';
import { addDays, addMonths, endOfMonth, type Day } from '../../time/day';
import type { TaskBook } from './taskBook';

// Offsets (calendar days, months, working days) from a task anchor, exact or, ahead of the calendar, safe.

/**
 * `d` moved by an offset: calendar days, calendar months, or working days on the pack's calendar; or, for
 * a deadline, the last day of `d`'s month or of a month after it.
 */
export function applyOffset(book: TaskBook, d: Day, offset: Deadline): Day {
  if ('days' in offset) return addDays(d, offset.days);
  if ('months' in offset) return addMonths(d, offset.months);
  if ('endOfMonth' in offset) return endOfMonth(d, offset.endOfMonth);
  return book.pack.calendar.addWorkingDays(d, offset.workingDays);
}

/**
 * Like {@link applyOffset}, for looking ahead: undefined instead of an error when a strict calendar does
 * not cover the dates. Only a task that actually opens needs its deadline, and then the error stands.
 */
export function lookAhead(book: TaskBook, d: Day, offset: Deadline): Day | undefined {
  try {
    return applyOffset(book, d, offset);
  } catch (e) {
    if (e instanceof PostloanError && e.issues.every((i) => i.code === 'calendar.outOfCoverage')) return undefined;
    throw e;
  }
}

/** An early bound for `d` moved by an offset whose exact value the calendar cannot give: safe to wake at. */
export function earliest(d: Day, offset: Deadline): Day {
  if ('workingDays' in offset && offset.workingDays < 0) return addDays(d, 2 * offset.workingDays - 15);
  if ('days' in offset && offset.days < 0) return addDays(d, offset.days);
  if ('months' in offset && offset.months < 0) return addMonths(d, offset.months);
  return d;
}

/** An offset in a task key: distinguishes the instances of rules that differ only by opening day. */
export function offsetKey(o: Offset | 'periodStart'): string {
  if (o === 'periodStart') return 'p';
  return 'days' in o ? `${o.days}d` : 'months' in o ? `${o.months}m` : `${o.workingDays}wd`;
}

/** The offset counted back instead of forward. */
export function negate(o: Offset): Offset {
  if ('days' in o) return { days: -o.days };
  if ('months' in o) return { months: -o.months };
  return { workingDays: -o.workingDays };
}
