import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { loadPackDir } from '../../src/node';
import { day, formatDay } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';

// The replay properties of replay.property.test.ts hold for every shipped pack, not only cn-default: the
// regime packs read facts cn-default never does (observations, the contract's attributes, re-ages), so
// their histories here carry those too. Fewer runs a pack than cn-default's, as there are five packs.

const PACKS = ['cn-default', 'cn-consumer-credit', 'ifrs9-cas22', 'eba-dod', 'us-ffiec'] as const;
const packs = new Map(PACKS.map((name) => [name, unwrap(loadPackDir(`rules/${name}`))]));

const iso = (base: string, days: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** The observation names the regime packs read, and one none reads. */
const OBSERVATION_NAMES = ['obligorBankruptcy', 'significantIncrease', 'creditImpaired', 'bankruptcyNotified', 'fraudConfirmed', 'bureauScore'];

const toMoney = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const fenOf = (money: string) => {
  const [yuan = '0', cents = '00'] = money.split('.');
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'));
};

/**
 * arbitraryHistory with observations, a credit type and re-ages: some approved by the requester (refused,
 * four eyes), some approved by someone else, and some after three months of payments of a little over an
 * instalment each, which a re-age of open-end credit needs (P-US-4) and random payments rarely make.
 */
const regimeHistory = fc
  .record({
    base: arbitraryHistory,
    creditType: fc.constantFrom(undefined, 'openEnd', 'openEnd', 'closedEnd'),
    extras: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 1300 }),
        what: fc.oneof(
          fc.record({ type: fc.constant('reAge'), requestedBy: fc.constant('officer-A'), approvedBy: fc.constantFrom('manager-B', 'officer-A') }),
          fc.record({ type: fc.constant('reAgeAfterPayments'), requestedBy: fc.constant('officer-A'), approvedBy: fc.constant('manager-B') }),
          fc.record({ type: fc.constant('observation'), name: fc.constantFrom(...OBSERVATION_NAMES), value: fc.oneof(fc.boolean(), fc.integer({ min: 300, max: 850 }), fc.constantFrom('yes', '')) }),
        ),
      }),
      { maxLength: 8 },
    ),
  })
  .map(({ base, creditType, extras }) => {
    const { history, asOf } = base;
    const { disbursedOn, principal, termMonths } = history.loan;
    const streakPayment = toMoney(Math.max(1, Math.round((fenOf(principal) / termMonths) * 1.1)));
    const events: Record<string, unknown>[] = [...history.events];
    extras.forEach((x, i) => {
      const on = iso(disbursedOn, x.day);
      if (x.what.type !== 'reAgeAfterPayments') {
        events.push({ id: `x${i}`, on, ...x.what });
        return;
      }
      for (const back of [75, 45, 15]) if (x.day >= back) events.push({ id: `x${i}p${back}`, type: 'payment', on: iso(on, -back), amount: streakPayment });
      events.push({ id: `x${i}`, on, type: 'reAge', requestedBy: x.what.requestedBy, approvedBy: x.what.approvedBy });
    });
    const loan = creditType === undefined ? history.loan : { ...history.loan, attributes: { creditType } };
    return { history: { loan, events }, asOf };
  });

/**
 * A re-age that P-US-4 accepts, which random histories seldom make: an open-end loan of equal instalments
 * that missed its first ones, then paid well over an instalment a month for three months, is re-aged at
 * `reAgeDay`; a second re-age `again` days later tests the 12-month and 5-year limits. The activities of
 * arbitraryHistory (calls, visits, notices, instructions) happen around it, its payments do not.
 */
const reAgedHistory = fc
  .record({
    base: arbitraryHistory,
    reAgeDay: fc.integer({ min: 280, max: 700 }),
    again: fc.option(fc.integer({ min: 30, max: 500 }), { nil: undefined }),
    after: fc.integer({ min: 0, max: 600 }),
  })
  .map(({ base, reAgeDay, again, after }) => {
    const { history } = base;
    const loan = { ...history.loan, termMonths: Math.max(24, history.loan.termMonths), repayment: 'equalInstallment', attributes: { creditType: 'openEnd' } };
    const { disbursedOn } = loan;
    const monthly = toMoney(Math.max(1, Math.round((fenOf(loan.principal) / loan.termMonths) * 1.4)));
    const events: Record<string, unknown>[] = history.events.filter((e) => e['type'] !== 'payment');
    const reAgeOn = iso(disbursedOn, reAgeDay);
    for (const back of [75, 45, 15]) events.push({ id: `s${back}`, type: 'payment', on: iso(reAgeOn, -back), amount: monthly });
    events.push({ id: 'r1', type: 'reAge', on: reAgeOn, requestedBy: 'officer-A', approvedBy: 'manager-B' });
    if (again !== undefined) events.push({ id: 'r2', type: 'reAge', on: iso(reAgeOn, again), requestedBy: 'officer-A', approvedBy: 'manager-B' });
    return { history: { loan, events }, asOf: iso(reAgeOn, after) };
  });

const histories = fc.oneof(regimeHistory, reAgedHistory);

/** A day from disbursement to the as-of date, `at` days in (or the as-of date). */
const splitDay = (disbursedOn: string, asOf: string, at: number) => day(iso(disbursedOn, Math.min(at, Math.max(0, (Date.parse(asOf) - Date.parse(disbursedOn)) / 86_400_000))));

/** Every date of `value` (a day or a timestamp's day) moved `days` later: a history within a later pack's effective dates. */
function shifted<T>(value: T, days: number): T {
  if (days === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return /^\d{4}-\d{2}-\d{2}/.test(v) ? iso(v.slice(0, 10), days) + v.slice(10) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

const parse = (h: unknown): History => unwrap(parseHistoryValue(h, 'h.json'));

describe.each(PACKS)('replay invariants of the %s pack over random histories', (name) => {
  const pack = packs.get(name)!;
  // arbitraryHistory disburses from 2021-01-01 on; a pack effective later gets its histories moved into its dates.
  const shift = Math.max(0, (Date.parse(formatDay(pack.effectiveFrom)) - Date.parse('2021-01-01')) / 86_400_000);
  const shiftedHistories = histories.map((x) => shifted(x, shift));

  it('wake dates miss nothing: looking only at events and wake dates equals looking every day', () => {
    fc.assert(
      fc.property(shiftedHistories, ({ history, asOf }) => {
        const h = parse(history);
        const { nextReviewOn: _a, ...woken } = replay(h, pack, { asOf: day(asOf) });
        const { nextReviewOn: _b, ...daily } = replay(h, pack, { asOf: day(asOf), evaluateDaily: true });
        expect(woken).toEqual(daily);
      }),
      { numRuns: 40, seed: 11 },
    );
  });

  it('a snapshot taken on any day, stored as JSON and restored, resumes to the full replay byte for byte', () => {
    fc.assert(
      fc.property(shiftedHistories, fc.integer({ min: 0, max: 1400 }), fc.boolean(), ({ history, asOf }, at, trusted) => {
        const h = parse(history);
        const full = JSON.stringify(replay(h, pack, { asOf: day(asOf) }));
        const split = splitDay(history.loan.disbursedOn, asOf, at);
        const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= split) }, pack, { asOf: split });
        const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack, { trusted }));
        const resumed = resumeReplay(restored, pack, h.events.filter((e) => e.on > split), { asOf: day(asOf) });
        expect(JSON.stringify(resumed.output)).toBe(full);
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it('a lean snapshot resumes to the full replay: every field but the earlier timeline and tasks, which it leaves out', () => {
    fc.assert(
      fc.property(shiftedHistories, fc.integer({ min: 0, max: 1400 }), ({ history, asOf }, at) => {
        const h = parse(history);
        const full = replay(h, pack, { asOf: day(asOf) });
        const split = splitDay(history.loan.disbursedOn, asOf, at);
        const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= split) }, pack, { asOf: split, lean: true });
        const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack, { trusted: true }));
        const { output } = resumeReplay(restored, pack, h.events.filter((e) => e.on > split), { asOf: day(asOf), lean: true });
        const before = output.continues?.timelineEntriesBefore ?? 0;
        expect(JSON.stringify(output.timeline)).toBe(JSON.stringify(full.timeline.slice(before)));
        const { timeline: _t1, tasks: _k1, continues: _c1, ...rest } = output;
        const { timeline: _t2, tasks: _k2, continues: _c2, ...fullRest } = full;
        expect(JSON.stringify(rest)).toBe(JSON.stringify(fullRest));
        // The tasks a lean output lists are those still open or changed since the snapshot; each is the full replay's.
        const byId = new Map(full.tasks.map((t) => [t.id, JSON.stringify(t)]));
        for (const t of output.tasks) expect(JSON.stringify(t)).toBe(byId.get(t.id));
      }),
      { numRuns: 60, seed: 13 },
    );
  });

  it('is deterministic to the byte', () => {
    fc.assert(
      fc.property(shiftedHistories, ({ history, asOf }) => {
        expect(JSON.stringify(replay(parse(history), pack, { asOf: day(asOf) }))).toBe(JSON.stringify(replay(parse(structuredClone(history)), pack, { asOf: day(asOf) })));
      }),
      { numRuns: 20, seed: 14 },
    );
  });
});
