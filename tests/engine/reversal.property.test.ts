import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import type { ReplayOutput } from '../../src/engine/output';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { addDays, day, formatDay } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';

const pack = cnDefaultPack();
const parse = (h: unknown) => unwrap(parseHistoryValue(h, 'h.json'));

/** A random history, one of its events, and a reversal of it dated `lag` days after the event. */
const withReversal = fc
  .tuple(arbitraryHistory, fc.nat(), fc.integer({ min: 0, max: 400 }))
  .filter(([{ history }]) => history.events.length > 0)
  .map(([{ history, asOf }, pick, lag]) => {
    const events = history.events;
    const target = events[pick % events.length] as Record<string, unknown>;
    const on = formatDay(addDays(day(target['on'] as string), lag));
    const reversal = { id: 'rev', type: 'reversal', on, reverses: target['id'], reason: 'entered in error' };
    return { history, asOf, target, reversal };
  });

/** The output without the reversal's own record: what the contract says equals the history without the event. */
const withoutRecord = (o: ReplayOutput): ReplayOutput => ({ ...o, timeline: o.timeline.filter((e) => e.kind !== 'eventReversed') });

describe('a reversal undoes its event for every day (issue 12, item 3)', () => {
  it('once known, the replay equals the replay of the history without the event, but for the reversal entry', () => {
    fc.assert(
      fc.property(withReversal, ({ history, asOf, target, reversal }) => {
        const reversed = replay(parse({ ...history, events: [...history.events, reversal] }), pack, { asOf: day(asOf) });
        if (reversal.on > asOf) {
          // Not yet known on the as-of date: the event stands.
          expect(JSON.stringify(reversed)).toBe(JSON.stringify(replay(parse(history), pack, { asOf: day(asOf) })));
          return;
        }
        const removed = replay(parse({ ...history, events: history.events.filter((e) => e !== target) }), pack, { asOf: day(asOf) });
        expect(JSON.stringify(withoutRecord(reversed))).toBe(JSON.stringify(removed));
        const records = reversed.timeline.filter((e) => e.kind === 'eventReversed');
        expect(records).toEqual([expect.objectContaining({ on: reversal.on, kind: 'eventReversed', eventId: 'rev', reverses: target['id'], reason: 'entered in error', ruleIds: [] })]);
      }),
      { numRuns: 150, seed: 120 },
    );
  });

  it('a resumed replay given the reversal equals the full replay, from the start when the event is in the snapshot', () => {
    fc.assert(
      fc.property(withReversal, fc.integer({ min: 0, max: 1400 }), ({ history, asOf, reversal }, split) => {
        const full = parse({ ...history, events: [...history.events, reversal] });
        const end = day(asOf);
        if (day(reversal.on) > end) return;
        const t = addDays(full.loan.disbursedOn, split) >= day(reversal.on) ? addDays(day(reversal.on), -1) : addDays(full.loan.disbursedOn, split);
        if (t < full.loan.disbursedOn) return;
        const before = { ...full, events: full.events.filter((e) => e.on <= t) };
        const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(replayWithSnapshot(before, pack, { asOf: t }).snapshot)), pack));
        const later = full.events.filter((e) => e.on > t);
        const r = resumeReplay(restored, pack, later, { asOf: end, history: full });
        expect(JSON.stringify(r.output)).toBe(JSON.stringify(replay(full, pack, { asOf: end })));
        const targetInSnapshot = !later.some((e) => e.id === reversal.reverses);
        expect(r.replayedFromStart === true).toBe(targetInSnapshot);
      }),
      { numRuns: 100, seed: 121 },
    );
  });
});
