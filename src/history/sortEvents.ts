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
  // A history usually arrives in order, and a day rarely has two timed events: both are checked before
  // anything is sorted or a timestamp parsed.
  const byDay = inDayOrder(events) ? events.slice() : [...events].sort(byDayThenSeq);
  for (let start = 0; start < byDay.length; ) {
    const on = byDay[start]?.on;
    let end = start;
    let timedCount = 0;
    for (; end < byDay.length && byDay[end]?.on === on; end++) if (byDay[end]?.at !== undefined) timedCount++;
    if (timedCount > 1) placeTimed(byDay, start, end);
    start = end;
  }
  return byDay;
}

function byDayThenSeq(a: Sortable, b: Sortable): number {
  return a.on - b.on || a.seq - b.seq;
}

function inDayOrder(events: readonly Sortable[]): boolean {
  for (let i = 1; i < events.length; i++) if (byDayThenSeq(events[i - 1] as Sortable, events[i] as Sortable) > 0) return false;
  return true;
}

/** Sorts the timed events of one day (`start` to `end`) among themselves, in the positions they hold. */
function placeTimed<E extends Sortable>(events: E[], start: number, end: number): void {
  const slots: number[] = [];
  const timed: { e: E; t: number }[] = [];
  for (let i = start; i < end; i++) {
    const e = events[i] as E;
    const t = instant(e);
    if (t === undefined) continue;
    slots.push(i);
    timed.push({ e, t });
  }
  timed.sort((a, b) => a.t - b.t || a.e.seq - b.e.seq);
  timed.forEach(({ e }, k) => {
    events[slots[k] as number] = e;
  });
}
