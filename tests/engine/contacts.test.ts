import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTACT_DAYS_KEPT,
  attemptsOn,
  borrowerCallsOn,
  borrowerUnreachableDays,
  borrowerUnreachableSince,
  callsToPartyOn,
  contactFacts,
  createContactTracker,
  recordContact,
  type ContactAttemptEvent,
  type ContactBreach,
  type ContactLimits,
  type ContactTracker,
} from '../../src/engine/contacts';
import { toLocalTime } from '../../src/engine/localTime';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, CONTACT_PARTIES } from '../../src/history/events';
import { addDays, day, formatDay, type Day } from '../../src/time/day';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const LIMITS: ContactLimits = { quietFrom: '22:00', quietTo: '08:00', maxCallsPerNumberPerDay: 6 };
const NUMBER = '13800138000';

let seq = 0;
/** A borrower phone call that was not answered, at `at`; `on` is the date written in `at`. */
function attempt(at: string, over: Partial<ContactAttemptEvent> = {}): ContactAttemptEvent {
  return { id: `c${++seq}`, on: day(at.slice(0, 10)), at, party: 'borrower', channel: 'phone', outcome: 'noAnswer', ...over };
}

const kinds = (bs: readonly ContactBreach[]) => bs.map((b) => b.kind);
const tracker = (zone = SH, limits: ContactLimits = LIMITS) => createContactTracker(zone, limits);
/** Records every attempt; returns the breach kinds of each. */
const recordAll = (t: ContactTracker, es: readonly ContactAttemptEvent[]) => es.map((e) => kinds(recordContact(t, e)));

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('local time of an attempt', () => {
  it('converts the instant to the zone, whatever offset `at` was written with', () => {
    for (const at of ['2026-03-01T14:30:00Z', '2026-03-01T22:30:00+08:00', '2026-03-01T09:30:00-05:00', '2026-03-01T23:30:00.999+09:00']) {
      const local = toLocalTime(at, SH);
      expect(local && formatDay(local.day)).toBe('2026-03-01');
      expect(local?.minuteOfDay).toBe(22 * 60 + 30);
    }
    expect(toLocalTime('2026-03-01T23:30:00Z', SH)).toEqual({ day: day('2026-03-02'), minuteOfDay: 7 * 60 + 30 });
    expect(toLocalTime('2026-03-01 23:30', SH)).toBeUndefined();
  });

  it('follows daylight saving in America/New_York, on and around the transition days', () => {
    const at = (s: string) => {
      const l = toLocalTime(s, NY);
      return l && `${formatDay(l.day)} ${Math.floor(l.minuteOfDay / 60)}:${l.minuteOfDay % 60}`;
    };
    expect(at('2026-03-07T03:30:00Z')).toBe('2026-03-06 22:30'); // EST, −05:00
    expect(at('2026-03-08T06:59:59Z')).toBe('2026-03-08 1:59');
    expect(at('2026-03-08T07:00:00Z')).toBe('2026-03-08 3:0'); // spring forward
    expect(at('2026-03-09T02:30:00Z')).toBe('2026-03-08 22:30'); // EDT, −04:00
    expect(at('2026-11-01T05:30:00Z')).toBe('2026-11-01 1:30'); // first 01:30 (EDT)
    expect(at('2026-11-01T06:30:00Z')).toBe('2026-11-01 1:30'); // second 01:30 (EST)
    expect(at('2026-11-02T03:30:00Z')).toBe('2026-11-01 22:30');
  });

  /** Reference: one uncached Intl conversion, read as `YYYY-MM-DD HH:MM`. */
  const reference = (ms: number, zone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(ms);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { day: day(`${part('year')}-${part('month')}-${part('day')}`), minuteOfDay: Number(part('hour')) * 60 + Number(part('minute')) };
  };

  it('agrees with a plain Intl conversion for any instant, in zones with odd offsets and DST', () => {
    const zones = [SH, NY, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Apia', 'UTC'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2090, 0, 1) }), (zone, ms) => {
        expect(toLocalTime(new Date(ms).toISOString(), zone)).toEqual(reference(ms, zone));
      }),
      { numRuns: 500 },
    );
    // Every minute of a day with a transition (converted attempt by attempt, not from the cache).
    for (let ms = Date.UTC(2026, 9, 3, 0, 0); ms < Date.UTC(2026, 9, 5, 0, 0); ms += 60_000) {
      expect(toLocalTime(new Date(ms).toISOString(), 'Australia/Lord_Howe')).toEqual(reference(ms, 'Australia/Lord_Howe'));
    }
  });

  // Regression: dayjs.tz (rejected here for speed) says 03:00 when the host runs TZ=America/Los_Angeles.
  it('Asia/Kathmandu 2036-03-08T20:15Z is 02:00 on 03-09, whatever the host zone', () => {
    expect(toLocalTime('2036-03-08T20:15:00Z', 'Asia/Kathmandu')).toEqual({ day: day('2036-03-09'), minuteOfDay: 120 });
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo'])('does not depend on the host zone (TZ=%s)', (hostZone) => {
    process.env.TZ = hostZone;
    expect(toLocalTime('2026-03-01T14:30:00Z', SH)).toEqual({ day: day('2026-03-01'), minuteOfDay: 22 * 60 + 30 });
    expect(kinds(recordContact(tracker(), attempt('2026-03-01T14:30:00Z')))).toEqual(['quietHours']);
  });
});

describe('quiet hours (P-CS-11)', () => {
  it.each([
    ['2026-03-01T13:59:00Z', '21:59', []],
    ['2026-03-01T13:59:59.999Z', '21:59:59.999', []],
    ['2026-03-01T14:00:00Z', '22:00', ['quietHours']],
    ['2026-03-01T14:30:00Z', '22:30', ['quietHours']],
    ['2026-03-01T23:59:00Z', '07:59 next day', ['quietHours']],
    ['2026-03-02T00:00:00Z', '08:00', []],
    ['2026-03-01T16:00:00-08:00', '08:00 next day, written in another offset', []],
    ['2026-03-01T06:00:00-08:00', '22:00, written in another offset', ['quietHours']],
  ])('%s (%s in Shanghai)', (at, _local, expected) => {
    expect(kinds(recordContact(tracker(), attempt(at)))).toEqual(expected);
  });

  it('applies to phone, sms, app and visits to any party, not to letters', () => {
    const t = tracker();
    const late = '2026-03-01T23:00:00+08:00';
    expect(kinds(recordContact(t, attempt(late, { channel: 'letter' })))).toEqual([]);
    for (const channel of ['phone', 'sms', 'app', 'visit'] as const) {
      expect(kinds(recordContact(t, attempt(late, { channel })))).toEqual(['quietHours']);
    }
    expect(kinds(recordContact(t, attempt(late, { party: 'guarantor', channel: 'sms' })))).toEqual(['quietHours']);
  });

  it('handles a window that does not wrap midnight, and an empty one', () => {
    const t = tracker(SH, { ...LIMITS, quietFrom: '00:00', quietTo: '06:00' });
    expect(recordAll(t, ['2026-03-01T23:59:00+08:00', '2026-03-02T00:00:00+08:00', '2026-03-02T05:59:00+08:00', '2026-03-02T06:00:00+08:00'].map((at) => attempt(at)))).toEqual([
      [],
      ['quietHours'],
      ['quietHours'],
      [],
    ]);
    const none = tracker(SH, { ...LIMITS, quietFrom: '22:00', quietTo: '22:00' });
    expect(kinds(recordContact(none, attempt('2026-03-01T23:00:00+08:00')))).toEqual([]);
  });

  it('uses the DST offset in America/New_York', () => {
    const t = tracker(NY);
    expect(kinds(recordContact(t, attempt('2026-03-07T02:30:00Z')))).toEqual([]); // 21:30 EST
    expect(kinds(recordContact(t, attempt('2026-03-09T02:30:00Z')))).toEqual(['quietHours']); // 22:30 EDT (21:30 in EST)
    expect(kinds(recordContact(t, attempt('2026-07-01T11:59:00Z')))).toEqual(['quietHours']); // 07:59 EDT
    expect(kinds(recordContact(t, attempt('2026-07-01T12:00:00Z')))).toEqual([]); // 08:00 EDT
  });

  it('cannot judge quiet hours of a malformed timestamp, and counts it on `on`', () => {
    const t = tracker();
    expect(kinds(recordContact(t, attempt('2026-03-01T23:00:00+08:00', { at: 'late evening', on: day('2026-03-01') })))).toEqual([]);
    expect(borrowerCallsOn(t, day('2026-03-01'))).toBe(1);
  });
});

describe('calls per number per day (P-CS-11)', () => {
  const hourly = (date: string, n: number, over: Partial<ContactAttemptEvent> = {}) =>
    Array.from({ length: n }, (_, i) => attempt(`${date}T${String(9 + i).padStart(2, '0')}:00:00+08:00`, { number: NUMBER, ...over }));

  it('allows 6 calls, the 7th and 8th are breaches', () => {
    expect(recordAll(tracker(), hourly('2026-03-01', 8))).toEqual([[], [], [], [], [], [], ['tooManyCalls'], ['tooManyCalls']]);
  });

  it('counts different numbers separately, and only phone calls', () => {
    const t = tracker();
    recordAll(t, hourly('2026-03-01', 6));
    expect(recordAll(t, hourly('2026-03-01', 6, { number: '13900139000' })).flat()).toEqual([]);
    expect(recordAll(t, hourly('2026-03-01', 3, { channel: 'sms' })).flat()).toEqual([]);
    expect(kinds(recordContact(t, attempt('2026-03-01T20:00:00+08:00', { number: NUMBER })))).toEqual(['tooManyCalls']);
  });

  it('counts a number whoever it is recorded for', () => {
    const t = tracker();
    recordAll(t, hourly('2026-03-01', 3));
    expect(recordAll(t, hourly('2026-03-01', 4, { party: 'guarantor', partyId: 'g1', outcome: 'reached' })).flat()).toEqual(['tooManyCalls']);
  });

  it('resets the count on the next local day, even when the UTC date has not changed', () => {
    const t = tracker();
    recordAll(t, hourly('2026-03-01', 6));
    // 23:30 UTC on 03-01 is 07:30 on 03-02 in Shanghai: a new day (and quiet hours).
    expect(kinds(recordContact(t, attempt('2026-03-01T23:30:00Z', { number: NUMBER })))).toEqual(['quietHours']);
    expect(recordAll(t, hourly('2026-03-02', 6)).flat()).toEqual(['tooManyCalls']);
    // 15:30 UTC on 03-02 is still 03-02 (23:30) in Shanghai.
    expect(kinds(recordContact(t, attempt('2026-03-02T15:30:00Z', { number: NUMBER })))).toEqual(['quietHours', 'tooManyCalls']);
  });

  it('without a number, groups by party and party id, apart from numbered calls', () => {
    const t = tracker();
    recordAll(t, hourly('2026-03-01', 6)); // with a number, to the borrower
    const numberless = (partyId?: string) => hourly('2026-03-01', 7, { number: undefined, party: 'guarantor', outcome: 'reached', ...(partyId === undefined ? {} : { partyId }) });
    const strip = (es: ContactAttemptEvent[]) => es.map(({ number: _n, ...e }) => e);
    expect(recordAll(t, strip(hourly('2026-03-01', 6, { outcome: 'reached' }))).flat()).toEqual([]);
    expect(recordAll(t, strip(numberless('g1'))).flat()).toEqual(['tooManyCalls']);
    expect(recordAll(t, strip(numberless('g2'))).flat()).toEqual(['tooManyCalls']);
    expect(recordAll(t, strip(numberless())).flat()).toEqual(['tooManyCalls']);
  });

  it('follows the limit from the pack', () => {
    expect(recordAll(tracker(SH, { ...LIMITS, maxCallsPerNumberPerDay: 2 }), hourly('2026-03-01', 3))).toEqual([[], [], ['tooManyCalls']]);
    expect(recordAll(tracker(SH, { ...LIMITS, maxCallsPerNumberPerDay: 0 }), hourly('2026-03-01', 1))).toEqual([['tooManyCalls']]);
  });
});

describe('borrower reachability (P-CS-4)', () => {
  const facts = (t: ContactTracker, d: string) => contactFacts(t, day(d));

  it('is reachable (undefined) when never attempted', () => {
    const f = facts(tracker(), '2026-03-01');
    expect(f.borrowerUnreachableSince).toBeUndefined();
    expect(f.borrowerUnreachableDays).toBe(0);
    expect(f.lastBorrowerReachOn).toBeUndefined();
  });

  it('failed, failed, reached → reachable', () => {
    const t = tracker();
    recordAll(t, [
      attempt('2026-03-01T09:00:00+08:00'),
      attempt('2026-03-01T10:00:00+08:00', { outcome: 'unreachable' }),
      attempt('2026-03-02T09:00:00+08:00', { outcome: 'reached' }),
    ]);
    expect(facts(t, '2026-03-02')).toMatchObject({ borrowerUnreachableSince: undefined, borrowerUnreachableDays: 0, lastBorrowerReachOn: day('2026-03-02') });
  });

  it('reached, failed on 03-02, failed on 03-03 → unreachable since 03-02; 5 days on 03-06', () => {
    const t = tracker();
    recordAll(t, [
      attempt('2026-03-01T09:00:00+08:00', { outcome: 'reached' }),
      attempt('2026-03-02T09:00:00+08:00'),
      attempt('2026-03-03T09:00:00+08:00', { outcome: 'unreachable' }),
    ]);
    expect(facts(t, '2026-03-03')).toMatchObject({ borrowerUnreachableSince: day('2026-03-02'), borrowerUnreachableDays: 2, lastBorrowerReachOn: day('2026-03-01') });
    expect(facts(t, '2026-03-06').borrowerUnreachableDays).toBe(5);
  });

  it('gives the unreachability facts alone, as contactFacts gives them, on every day around the attempts', () => {
    const t = tracker();
    const check = () => {
      for (let d = day('2026-02-27'); d <= day('2026-03-09'); d = addDays(d, 1)) {
        const all = contactFacts(t, d);
        expect(borrowerUnreachableSince(t)).toBe(all.borrowerUnreachableSince);
        expect(borrowerUnreachableDays(t, d)).toBe(all.borrowerUnreachableDays);
      }
    };
    check();
    recordAll(t, [attempt('2026-03-02T09:00:00+08:00'), attempt('2026-03-03T09:00:00+08:00', { outcome: 'unreachable' })]);
    check();
    recordAll(t, [attempt('2026-03-05T09:00:00+08:00', { outcome: 'reached' })]);
    check();
  });

  it('counts promiseToPay and refused as reached, on any channel; third parties and guarantors do not matter', () => {
    for (const outcome of ['promiseToPay', 'refused', 'reached'] as const) {
      const t = tracker();
      recordContact(t, attempt('2026-03-01T09:00:00+08:00'));
      recordContact(t, attempt('2026-03-02T09:00:00+08:00', { outcome, channel: 'visit' }));
      recordContact(t, attempt('2026-03-02T10:00:00+08:00', { party: 'guarantor', outcome: 'noAnswer' }));
      recordContact(t, attempt('2026-03-02T11:00:00+08:00', { party: 'contact', partyId: 'c1', outcome: 'unreachable' }));
      expect(facts(t, '2026-03-02')).toMatchObject({ borrowerUnreachableSince: undefined, lastBorrowerReachOn: day('2026-03-02') });
    }
  });

  it('uses the local date of `at`', () => {
    const t = tracker();
    recordContact(t, attempt('2026-03-01T23:30:00Z')); // 03-02 07:30 in Shanghai
    expect(facts(t, '2026-03-02')).toMatchObject({ borrowerUnreachableSince: day('2026-03-02'), lastBorrowerAttemptOn: day('2026-03-02') });
  });
});

describe('third parties only when the borrower cannot be reached (P-CS-11)', () => {
  const toContact = (at: string) => attempt(at, { party: 'contact', partyId: 'c1', outcome: 'reached', number: NUMBER });

  it('is a breach before any borrower attempt has failed', () => {
    expect(kinds(recordContact(tracker(), toContact('2026-03-01T10:00:00+08:00')))).toEqual(['thirdPartyWhileReachable']);
  });

  it('is a breach while the borrower answered and has not failed since', () => {
    const t = tracker();
    recordContact(t, attempt('2026-03-01T09:00:00+08:00', { outcome: 'reached' }));
    expect(kinds(recordContact(t, toContact('2026-03-03T10:00:00+08:00')))).toEqual(['thirdPartyWhileReachable']);
  });

  it('is allowed once the latest borrower attempt failed on a later day than the last reach', () => {
    const t = tracker();
    recordContact(t, attempt('2026-03-01T09:00:00+08:00', { outcome: 'reached' }));
    recordContact(t, attempt('2026-03-02T09:00:00+08:00'));
    expect(kinds(recordContact(t, toContact('2026-03-02T10:00:00+08:00')))).toEqual([]);
    const never = tracker();
    recordContact(never, attempt('2026-03-02T09:00:00+08:00', { outcome: 'unreachable' }));
    expect(kinds(recordContact(never, toContact('2026-03-02T10:00:00+08:00')))).toEqual([]);
  });

  it('is a breach when the borrower was reached earlier the same local day', () => {
    const t = tracker();
    recordContact(t, attempt('2026-03-02T09:00:00+08:00', { outcome: 'promiseToPay' }));
    recordContact(t, attempt('2026-03-02T15:00:00+08:00'));
    expect(kinds(recordContact(t, toContact('2026-03-02T16:00:00+08:00')))).toEqual(['thirdPartyWhileReachable']);
    expect(kinds(recordContact(t, toContact('2026-03-03T10:00:00+08:00')))).toEqual([]);
  });

  it('never applies to guarantors', () => {
    expect(kinds(recordContact(tracker(), attempt('2026-03-01T10:00:00+08:00', { party: 'guarantor', partyId: 'g1' })))).toEqual([]);
  });
});

describe('breach messages', () => {
  it('never contain the number or the party id', () => {
    const t = tracker(SH, { ...LIMITS, maxCallsPerNumberPerDay: 1 });
    const all = [
      ...recordContact(t, attempt('2026-03-01T23:00:00+08:00', { id: 'x1', party: 'contact', partyId: NUMBER, number: NUMBER })),
      ...recordContact(t, attempt('2026-03-01T23:10:00+08:00', { id: 'x2', party: 'contact', partyId: NUMBER, number: NUMBER })),
    ];
    expect(new Set(kinds(all))).toEqual(new Set(['quietHours', 'tooManyCalls', 'thirdPartyWhileReachable']));
    for (const b of all) {
      expect(b.ruleId).toBe('P-CS-11');
      expect(b.message).not.toContain(NUMBER);
      expect(b.message).not.toContain('138');
    }
    expect(all.map((b) => b.message)).toMatchInlineSnapshot(`
      [
        "Contact attempt x1 (phone) at 23:00 local time (Asia/Shanghai) falls in the quiet hours 22:00–08:00: no collection contact then (P-CS-11). Schedule it from 08:00.",
        "Contact attempt x1 (phone) went to a third party while the borrower was reachable: no borrower attempt has failed yet. Third parties may be contacted only when the borrower cannot be reached, only for contact details (P-CS-11).",
        "Contact attempt x2 (phone) at 23:10 local time (Asia/Shanghai) falls in the quiet hours 22:00–08:00: no collection contact then (P-CS-11). Schedule it from 08:00.",
        "Contact attempt x2 is the 2nd call on 2026-03-01 (local) to the same number; at most 1 calls a day to one number are allowed (P-CS-11).",
        "Contact attempt x2 (phone) went to a third party while the borrower was reachable: no borrower attempt has failed yet. Third parties may be contacted only when the borrower cannot be reached, only for contact details (P-CS-11).",
      ]
    `);
  });
});

describe('per-day counts (P-CS-2, P-CS-3)', () => {
  it('counts attempts by party and channel on each local day', () => {
    const t = tracker();
    recordAll(t, [
      attempt('2026-03-01T09:00:00+08:00'),
      attempt('2026-03-01T15:00:00+08:00', { outcome: 'unreachable' }),
      attempt('2026-03-01T16:00:00+08:00', { channel: 'sms' }),
      attempt('2026-03-01T17:00:00+08:00', { party: 'contact', partyId: 'c1', number: NUMBER }),
      attempt('2026-03-01T18:00:00+08:00', { party: 'contact', partyId: 'c1' }),
      attempt('2026-03-01T18:30:00+08:00', { party: 'contact', partyId: 'c2' }),
      attempt('2026-03-01T19:00:00+08:00', { party: 'guarantor', channel: 'letter' }),
      attempt('2026-03-01T17:00:00Z'), // 03-02 01:00 local
    ]);
    const d = day('2026-03-01');
    expect(borrowerCallsOn(t, d)).toBe(2);
    expect(attemptsOn(t, d, 'borrower')).toBe(3);
    expect(attemptsOn(t, d, 'borrower', 'sms')).toBe(1);
    expect(attemptsOn(t, d, 'contact')).toBe(3);
    expect(attemptsOn(t, d, 'guarantor', 'letter')).toBe(1);
    expect(callsToPartyOn(t, d, 'contact', 'c1')).toBe(2);
    expect(callsToPartyOn(t, d, 'contact', 'c2')).toBe(1);
    expect(callsToPartyOn(t, d, 'borrower')).toBe(2);
    expect(contactFacts(t, d)).toEqual({
      borrowerUnreachableSince: d,
      borrowerUnreachableDays: 1,
      lastBorrowerReachOn: undefined,
      lastBorrowerAttemptOn: day('2026-03-02'),
      borrowerAttemptsToday: 3,
      borrowerCallsToday: 2,
      thirdPartyAttemptsToday: 3,
    });
    expect(contactFacts(t, day('2026-03-02'))).toMatchObject({ borrowerAttemptsToday: 1, borrowerCallsToday: 1, thirdPartyAttemptsToday: 0 });
    expect(contactFacts(t, day('2026-03-03'))).toMatchObject({ borrowerAttemptsToday: 0, borrowerUnreachableDays: 3 });
  });

  it(`keeps ${CONTACT_DAYS_KEPT} days of counts, over a history of any length`, () => {
    const t = tracker();
    const first = day('2026-01-01');
    const dates: Day[] = Array.from({ length: 1100 }, (_, i) => addDays(first, i));
    for (const d of dates) recordContact(t, attempt(`${formatDay(d)}T10:00:00+08:00`, { outcome: 'reached' }));
    const last = dates[dates.length - 1] as Day;
    expect(borrowerCallsOn(t, last)).toBe(1);
    expect(borrowerCallsOn(t, addDays(last, 1 - CONTACT_DAYS_KEPT))).toBe(1);
    expect(borrowerCallsOn(t, addDays(last, -CONTACT_DAYS_KEPT))).toBe(0);
    // An attempt dated before the kept days (its `at` a week off its `on`) is not counted, and does not throw.
    expect(recordContact(t, attempt('2026-01-05T10:00:00+08:00', { number: NUMBER }))).toEqual([]);
    expect(borrowerCallsOn(t, day('2026-01-05'))).toBe(0);
    expect(contactFacts(t, last).lastBorrowerReachOn).toBe(last);
  });
});

describe('createContactTracker', () => {
  it.each([
    ['an unknown zone', 'Asia/Shanghia', LIMITS],
    ['a malformed quietFrom', SH, { ...LIMITS, quietFrom: '22h' }],
    ['an hour out of range', SH, { ...LIMITS, quietTo: '24:00' }],
    ['a fractional call limit', SH, { ...LIMITS, maxCallsPerNumberPerDay: 6.5 }],
    ['a negative call limit', SH, { ...LIMITS, maxCallsPerNumberPerDay: -1 }],
  ])('refuses %s', (_what, zone, limits) => {
    expect(() => createContactTracker(zone, limits)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const offset = fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15);
  const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2029, 0, 1) });
  /** `at` for an instant, written with an offset. */
  const write = (ms: number, off: number) => {
    const local = new Date(Math.floor(ms / 60_000) * 60_000 + off * 60_000).toISOString().slice(0, 19);
    const abs = Math.abs(off);
    return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  };
  const attemptArb = fc
    .record({
      ms: instant,
      off: offset,
      garbled: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
      party: fc.constantFrom(...CONTACT_PARTIES),
      partyId: fc.option(fc.constantFrom('c1', 'c2', 'g1'), { nil: undefined }),
      channel: fc.constantFrom(...CONTACT_CHANNELS),
      outcome: fc.constantFrom(...CONTACT_OUTCOMES),
      number: fc.option(fc.constantFrom('13800138000', '13900139000', '1'), { nil: undefined }),
    })
    .map(({ ms, off, garbled, partyId, number, ...rest }): ContactAttemptEvent & { ms: number } => ({
      id: 'e',
      on: day(new Date(ms).toISOString().slice(0, 10)),
      at: garbled ? write(ms, off).slice(0, 16) : write(ms, off),
      ...rest,
      ...(partyId === undefined ? {} : { partyId }),
      ...(number === undefined ? {} : { number }),
      ms,
    }));
  // Replays are in history order (by instant).
  const historyArb = fc.array(attemptArb, { maxLength: 60 }).map((es) => [...es].sort((a, b) => a.ms - b.ms).map(({ ms: _ms, ...e }, i) => ({ ...e, id: `e${i}` })));

  const zone = fc.constantFrom(SH, NY, 'UTC', 'Asia/Kathmandu');
  const limits = fc.record({
    quietFrom: fc.constantFrom('22:00', '00:00', '21:30', '08:00'),
    quietTo: fc.constantFrom('08:00', '06:00', '22:00', '00:00'),
    maxCallsPerNumberPerDay: fc.integer({ min: 0, max: 8 }),
  });

  const replay = (z: string, l: ContactLimits, history: readonly ContactAttemptEvent[]) => {
    const t = createContactTracker(z, l);
    return history.map((e) => {
      const breaches = recordContact(t, e);
      return { breaches, facts: contactFacts(t, e.on) };
    });
  };

  it('recordContact never throws, and the same sequence gives the same breaches and facts', () => {
    fc.assert(
      fc.property(zone, limits, historyArb, (z, l, history) => {
        const a = replay(z, l, history);
        expect(replay(z, l, history)).toEqual(a);
        for (const { breaches } of a) for (const b of breaches) expect(b.ruleId).toBe('P-CS-11');
      }),
    );
  });

  it('the offset `at` is written with does not change the breaches', () => {
    fc.assert(
      fc.property(zone, historyArb, fc.array(offset, { minLength: 60, maxLength: 60 }), (z, history, offsets) => {
        const rewritten = history.map((e, i) => {
          const ms = Date.parse(e.at);
          return Number.isNaN(ms) || e.at.length < 20 ? e : { ...e, at: write(ms, offsets[i] ?? 0) };
        });
        expect(replay(z, LIMITS, rewritten).map((r) => r.breaches)).toEqual(replay(z, LIMITS, history).map((r) => r.breaches));
      }),
    );
  });
});

describe('one number written several ways (P-CS-11)', () => {
  // Regression: numbers were counted as raw text, so 8 calls to one number written 4 ways gave no
  // breach instead of 2.
  it('counts 8 calls to one number written 4 ways as 8 calls to it: 2 breaches', () => {
    const ways = ['138 1234 5678', '138-1234-5678', '+86 13812345678', '0086-138-1234-5678'];
    const calls = Array.from({ length: 8 }, (_, i) => attempt(`2026-03-01T${String(9 + i).padStart(2, '0')}:00:00+08:00`, { number: ways[i % 4] as string }));
    expect(recordAll(tracker(), calls).flat()).toEqual(['tooManyCalls', 'tooManyCalls']);
  });

  it('keeps different numbers apart', () => {
    const calls = Array.from({ length: 8 }, (_, i) => attempt(`2026-03-01T${String(9 + i).padStart(2, '0')}:00:00+08:00`, { number: i % 2 === 0 ? '138 1234 5678' : '139 1234 5678' }));
    expect(recordAll(tracker(), calls).flat()).toEqual([]);
  });
});
