import type { Day } from '../time/day';
import { timestampMillis } from './timestamp';

/**
 * What sorting needs of an event: its day, its place in the file, and a timestamp if it has one.
 *
 * @example
 * ```ts
 * const e: Sortable = { on: day('2026-02-17'), seq: 3, at: '2026-02-17T09:30:00+08:00' };
 * ```
 */
export interface Sortable {
  readonly on: Day;
  readonly seq: number;
  readonly at?: string;
}

function instant(e: Sortable): number | undefined {
  return e.at === undefined ? undefined : timestampMillis(e.at);
}

/**
 * Puts events in replay order: by day; within a day, events with a timestamp (`at`) in time order,
 * everything else in file order (`seq`).
 *
 * "By `at` when both have one, else by file order" is not a total order when timed and untimed events
 * interleave (a 10:00 call, an untimed visit, a 09:00 call would form a cycle), so the day's timed
 * events are sorted among themselves and put back into the positions timed events held in the file;
 * untimed events never move. Ties on the same instant keep file order.
 *
 * @example
 * ```ts
 * sortEvents([
 *   { on: d1, seq: 0, at: '2026-02-17T10:00:00+08:00' },
 *   { on: d1, seq: 1 },
 *   { on: d1, seq: 2, at: '2026-02-17T09:00:00+08:00' },
 * ]).map((e) => e.seq); // [2, 1, 0]
 * ```
 */
export function sortEvents<E extends Sortable>(events: readonly E[]): E[] {
  const byDay = [...events].sort((a, b) => a.on - b.on || a.seq - b.seq);
  const out: E[] = [];
  for (let start = 0; start < byDay.length; ) {
    let end = start;
    while (end < byDay.length && byDay[end]?.on === byDay[start]?.on) end++;
    const day = byDay.slice(start, end);
    const timed = day
      .map((e) => ({ e, t: instant(e) }))
      .filter((x): x is { e: E; t: number } => x.t !== undefined)
      .sort((a, b) => a.t - b.t || a.e.seq - b.e.seq);
    let next = 0;
    for (const e of day) out.push(instant(e) === undefined ? e : (timed[next++]?.e ?? e));
    start = end;
  }
  return out;
}
