import { describe, expect, it } from 'vitest';
import { replay } from '../../src/engine/replay';
import { unwrap } from '../../src/errors/PostloanError';
import type { History, LoanEvent } from '../../src/history/parseHistory';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { addDays, day, formatDay } from '../../src/time/day';

/** A loan with one rating change a day for `n` days (an event nothing else reacts to). */
function dailyEvents(n: number): History {
  const start = day('2020-01-02');
  const events = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, type: 'ratingChange', on: formatDay(addDays(start, i)), rating: 'A' }));
  return unwrap(
    parseHistoryValue(
      { loan: { id: 'L-long', borrower: { id: 'B-1', kind: 'retail' }, principal: '100000.00', annualRate: '0.0435', disbursedOn: '2020-01-01', termMonths: 120, repayment: 'equalInstallment' }, events },
      'h.json',
    ),
  );
}

/** The history with its events behind a proxy that counts every read of an event by index. */
function counted(h: History): { history: History; reads: () => number } {
  let reads = 0;
  const events = new Proxy(h.events as LoanEvent[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { history: { ...h, events }, reads: () => reads };
}

describe('replay is linear in the number of events (issue 11, item 6)', () => {
  it('regression: reads each event a bounded number of times, not once per visited day', () => {
    // Before the fix every visited day filtered the whole history: 3,000 events on 3,000 days were read
    // about 9 million times. Linear replay reads each a handful of times.
    const n = 3000;
    const { history, reads } = counted(dailyEvents(n));
    const out = replay(history, cnDefaultPack(), { asOf: day('2028-12-31') });
    expect(out.timeline.filter((e) => e.kind === 'eventRecorded')).toHaveLength(n);
    expect(reads()).toBeLessThan(10 * n);
  });

  it('the same output with the events read by index as with a plain array', () => {
    const h = dailyEvents(200);
    const { history } = counted(h);
    const asOf = day('2021-06-30');
    expect(JSON.stringify(replay(history, cnDefaultPack(), { asOf }))).toBe(JSON.stringify(replay(h, cnDefaultPack(), { asOf })));
  });
});
