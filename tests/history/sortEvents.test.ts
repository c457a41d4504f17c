import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortEvents, type Sortable } from '../../src/history/sortEvents';
import { timestampMillis } from '../../src/history/timestamp';
import type { Day } from '../../src/time/day';

const ev = (seq: number, on: number, at?: string): Sortable => ({ seq, on: on as Day, ...(at === undefined ? {} : { at }) });

describe('sortEvents', () => {
  it('orders by day, keeping file order within a day', () => {
    expect(sortEvents([ev(0, 5), ev(1, 3), ev(2, 5), ev(3, 3)]).map((e) => e.seq)).toEqual([1, 3, 0, 2]);
  });

  it('orders timed events by instant within the slots timed events held', () => {
    const d = 20_000;
    const events = [ev(0, d, '2026-02-17T10:00:00+08:00'), ev(1, d), ev(2, d, '2026-02-17T09:00:00+08:00')];
    expect(sortEvents(events).map((e) => e.seq)).toEqual([2, 1, 0]);
  });

  it('does not change its input', () => {
    const events = [ev(0, 2), ev(1, 1)];
    sortEvents(events);
    expect(events.map((e) => e.seq)).toEqual([0, 1]);
  });

  const hours = fc.option(fc.integer({ min: 0, max: 23 }), { nil: undefined });
  const history = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 3 }), hours), { maxLength: 30 })
    .map((xs) => xs.map(([on, h], seq) => ev(seq, on, h === undefined ? undefined : `2026-01-01T${String(h).padStart(2, '0')}:00:00+08:00`)));

  it('is a permutation, sorted by day, timed events by instant then file order, untimed by file order', () => {
    fc.assert(
      fc.property(history, (events) => {
        const sorted = sortEvents(events);
        expect([...sorted].map((e) => e.seq).sort((a, b) => a - b)).toEqual(events.map((e) => e.seq));
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1] as Sortable, sorted[i] as Sortable];
          expect(a.on <= b.on).toBe(true);
        }
        for (const on of new Set(sorted.map((e) => e.on))) {
          const list = sorted.filter((e) => e.on === on);
          const timed = list.filter((e) => e.at !== undefined);
          const untimed = list.filter((e) => e.at === undefined);
          const key = (e: Sortable) => [timestampMillis(e.at ?? '') ?? 0, e.seq] as const;
          for (let i = 1; i < timed.length; i++) {
            const [pa, pb] = [key(timed[i - 1] as Sortable), key(timed[i] as Sortable)];
            expect(pa[0] < pb[0] || (pa[0] === pb[0] && pa[1] < pb[1])).toBe(true);
          }
          expect(untimed.map((e) => e.seq)).toEqual([...untimed.map((e) => e.seq)].sort((a, b) => a - b));
          // Untimed events keep their positions relative to the day's slots.
          const original = events.filter((e) => e.on === list[0]?.on);
          expect(list.map((e) => e.at === undefined)).toEqual(original.map((e) => e.at === undefined));
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(history, (events) => {
        expect(sortEvents(sortEvents(events))).toEqual(sortEvents(events));
      }),
    );
  });
});
