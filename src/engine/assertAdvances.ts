import { PostloanError } from '../errors/PostloanError';
import { formatDay, type Day } from '../time/day';

const shown = (d: number): string => (Number.isInteger(d) ? formatDay(d as Day) : String(d));

/**
 * The replay loop's guard: the next day it visits must be after the day it is on (a wake date) or not
 * before it (the next event). Anything else — a wake date on or before today, NaN, events out of order —
 * would loop for ever; it is reported as an internal error naming the loan and the day instead.
 *
 * @example
 * ```ts
 * assertAdvances('L-1', day('2026-04-20'), day('2026-04-21'), day('2026-04-21')); // fine
 * assertAdvances('L-1', day('2026-04-20'), Number.NaN, Number.POSITIVE_INFINITY); // throws internal.loop
 * ```
 */
export function assertAdvances(loanId: string, d: Day, wake: number, nextEvent: number): void {
  if (wake > d && nextEvent >= d) return;
  const what = wake > d ? `its next event is dated ${shown(nextEvent)}, before the day` : `its next wake date is ${shown(wake)}, not after the day`;
  throw new PostloanError([
    {
      code: 'internal.loop',
      path: '',
      message: `Internal error: the replay of loan ${loanId} stopped advancing on ${formatDay(d)}: ${what}`,
      hint: 'this is a bug in postloan, not in your input; please report it with the history, the pack and the as-of date',
    },
  ]);
}
