import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay } from '../../src/engine/replay';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { parseMoney } from '../../src/money/fen';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { classificationRank } from '../../src/rules/vocabulary';
import { day } from '../../src/time/day';
import { allowedDecisions } from '../../src/workflow/lifecycle';
import { arbitraryHistory } from './arbitraryHistory';

const pack = cnDefaultPack();
const fen = (s: string) => {
  const r = parseMoney(s);
  if (!r.ok) throw new Error(s);
  return r.fen;
};
const run = (h: unknown, asOf: string, daily = false) => replay(unwrap(parseHistoryValue(h, 'h.json')), pack, { asOf: day(asOf), evaluateDaily: daily });

describe('replay invariants over random histories', () => {
  it('wake dates miss nothing: looking only at events and wake dates equals looking every day', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        // nextReviewOn is by definition "tomorrow" when looking every day; everything else must agree.
        const { nextReviewOn: _a, ...woken } = run(history, asOf);
        const { nextReviewOn: _b, ...daily } = run(history, asOf, true);
        expect(woken).toEqual(daily);
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it('is deterministic to the byte', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        expect(JSON.stringify(run(history, asOf))).toBe(JSON.stringify(run(structuredClone(history), asOf)));
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it('replaying to an earlier date gives a prefix of the later timeline', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 400 }), ({ history, asOf }, back) => {
        const later = run(history, asOf);
        const earlierDate = new Date(`${asOf}T00:00:00Z`);
        earlierDate.setUTCDate(earlierDate.getUTCDate() - back);
        const earlierIso = earlierDate.toISOString().slice(0, 10);
        if (earlierIso < history.loan.disbursedOn) return;
        const earlier = run(history, earlierIso);
        expect(earlier.timeline).toEqual(later.timeline.filter((e) => e.on <= earlierIso));
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('conserves money: every fen paid is allocated or recorded as overpaid, and balances add up', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        const out = run(history, asOf);
        let paid = 0;
        let allocated = 0;
        let principalRepaid = 0;
        // A restructuring turns unpaid interest and penalty into principal (P-CL-6): recorded, so counted.
        let capitalized = 0;
        for (const e of out.timeline) {
          if (e.kind === 'scheduleReplaced') capitalized += fen(e.capitalized.interest) + fen(e.capitalized.penalty);
          if (e.kind !== 'paymentApplied') continue;
          paid += fen(e.amount);
          principalRepaid += fen(e.allocated.principal);
          allocated += fen(e.allocated.penalty) + fen(e.allocated.interest) + fen(e.allocated.principal) + (e.overpaid === undefined ? 0 : fen(e.overpaid));
        }
        const received = history.events.filter((e) => e.type === 'payment' && (e.on as string) <= asOf).reduce((s, e) => s + fen(e.amount as string), 0);
        expect(paid).toBe(received);
        expect(allocated).toBe(paid);
        expect(fen(out.outstanding.principal)).toBe(fen(history.loan.principal) + capitalized - principalRepaid);
        for (const a of [out.outstanding, out.overdue]) expect(fen(a.total)).toBe(fen(a.principal) + fen(a.interest) + fen(a.penalty));
        expect(fen(out.overdue.principal)).toBeLessThanOrEqual(fen(out.outstanding.principal));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it('never classifies better than the DPD floor (P-CL-2), and state changes follow the statechart', () => {
    const floorOf = (dpd: number) => (dpd > 360 ? 4 : dpd > 270 ? 3 : dpd > 90 ? 2 : dpd >= 1 ? 1 : 0);
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        const out = run(history, asOf);
        expect(classificationRank(out.classification)).toBeGreaterThanOrEqual(floorOf(out.dpd));
        let state = 'normal';
        for (const e of out.timeline) {
          if (e.kind !== 'stateChanged') continue;
          expect(e.from).toBe(state);
          if (e.eventId === undefined) expect(allowedDecisions(e.from)).toContain(e.to);
          state = e.to;
        }
        expect(out.state).toBe(state);
        if (out.state === 'normal') expect(out.dpd).toBe(0);
        if (out.state === 'overdueM1') expect(out.dpd >= 1 && out.dpd <= 30).toBe(true);
        if (out.state === 'overdueM2M3') expect(out.dpd >= 31 && out.dpd <= 90).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

describe('task invariants over random histories', () => {
  it('ids are unique; done and late tasks name their event; late and breached tasks have exactly one breach entry; nothing opens before disbursement', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        const out = run(history, asOf);
        const ids = out.tasks.map((t) => t.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const t of out.tasks) {
          expect(t.openedOn >= history.loan.disbursedOn && t.openedOn <= asOf).toBe(true);
          const breaches = out.timeline.filter((e) => e.kind === 'taskBreached' && e.taskId === t.id);
          const opened = out.timeline.filter((e) => e.kind === 'taskOpened' && e.taskId === t.id);
          expect(opened).toHaveLength(1);
          if (t.status === 'done' || t.status === 'late') {
            expect(t.closedBy).toBeDefined();
            expect(out.timeline.some((e) => e.kind === 'taskDone' && e.taskId === t.id && e.eventId === t.closedBy)).toBe(true);
          }
          expect(breaches).toHaveLength(t.status === 'late' || t.status === 'breached' ? 1 : 0);
          if (t.status === 'breached') expect(t.dueOn < asOf).toBe(true);
          if (t.status === 'open') expect(t.dueOn >= asOf).toBe(true);
          if (t.status === 'cancelled') expect(t.reason).toBeTruthy();
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});

describe('regressions', () => {
  // Found by the wake-date property: a payment that clears instalments ahead of their due dates must
  // still wake the loan on those dates, because onTimeSinceCure (P-CL-7) counts them.
  it('instalments paid ahead still wake the loan on their due dates (upgrade on 2021-07-02)', () => {
    const history = {
      loan: { id: 'L-PROP', borrower: { id: 'B', kind: 'retail' }, principal: '100.00', annualRate: '0.0600', disbursedOn: '2021-01-02', termMonths: 7, repayment: 'interestOnly' },
      events: [{ id: 'p0', type: 'payment', on: '2021-05-05', amount: '3.00' }],
    };
    const out = run(history, '2021-07-02');
    expect(out.classification).toBe('pass');
    expect(out.timeline.filter((e) => e.kind === 'classificationChanged').at(-1)).toMatchObject({ on: '2021-07-02', from: 'substandard', to: 'pass', ruleIds: ['P-CL-7'] });
    expect(run(history, '2021-07-02', true).classification).toBe('pass');
  });

  // Found by the wake-date property with another seed (decision 545): a task can open with its
  // deadline already behind — here the maturity notice of a one-month loan, due 30 days before a
  // maturity 30 days after disbursement. It is breached at the next evaluation, and the engine must look
  // the next day for it, not on its deadline's next day, which is behind.
  it('a task opened with its deadline already behind is breached the next day (P-NT-1)', () => {
    const history = {
      loan: { id: 'L-PROP', borrower: { id: 'B', kind: 'retail' }, principal: '100.00', annualRate: '0.0000', disbursedOn: '2022-05-31', termMonths: 1, repayment: 'equalInstallment' },
      events: [],
    };
    const opened = run(history, '2022-05-31');
    expect(opened.tasks.filter((t) => t.kind === 'maturityNotice').map((t) => [t.openedOn, t.dueOn, t.status])).toEqual([['2022-05-31', '2022-05-30', 'open']]);
    expect(opened.nextReviewOn).toBe('2022-06-01');
    const woken = run(history, '2022-06-01');
    expect(woken.tasks.find((t) => t.kind === 'maturityNotice')?.status).toBe('breached');
    const { nextReviewOn: _a, ...w } = woken;
    const { nextReviewOn: _b, ...d } = run(history, '2022-06-01', true);
    expect(w).toEqual(d);
  });

  // Found with decision 545 (decision 547): interest paid ahead on the day of disbursement, then a
  // restructuring that day. The paid instalments stayed in the schedule at their own dates, before the
  // new ones, so the collection notices of the new ones (P-NT-5) opened only when the walk over the old
  // ones ended, a year later, back-dated and long breached. They are closed on the restructuring's day
  // now, and each notice opens the day after its instalment is missed.
  it('a restructuring closes instalments paid ahead on its day, so the new ones are walked in date order (P-LC-1, P-NT-5)', () => {
    const history = {
      loan: { id: 'L-PROP', borrower: { id: 'B', kind: 'retail' }, principal: '100.00', annualRate: '0.0435', disbursedOn: '2021-05-30', termMonths: 14, repayment: 'interestOnly' },
      events: [
        { id: 'p0', type: 'payment', on: '2021-05-30', amount: '4.68' },
        { id: 'a0', type: 'restructure', on: '2021-05-30', termMonths: 12, repayment: 'equalInstallment', requestedBy: 'officer-A', approvedBy: 'manager-B' },
      ],
    };
    for (const daily of [false, true]) {
      const out = run(history, '2021-08-02', daily);
      const notices = out.tasks.filter((t) => t.kind === 'interestCollectionNotice');
      expect(notices.map((t) => [t.openedOn, t.dueOn, t.status])).toEqual([
        ['2021-07-01', '2021-07-07', 'breached'],
        ['2021-07-31', '2021-08-06', 'open'],
      ]);
      expect(out.timeline.find((e) => e.kind === 'stateChanged')).toMatchObject({ on: '2021-07-01', to: 'overdueM1' });
    }
  });

  // Found by the wake-date property: a rolling task done by an event of the day it opens (a monthly
  // collection of a loan that turns non-performing the day a collection notice goes out) is followed by
  // the next one at once, not on whichever day the loan is next looked at.
  it('a rolling task done on its opening day opens the next the same day (P-CS-8)', () => {
    const history = {
      loan: { id: 'L-PROP', borrower: { id: 'B', kind: 'retail' }, principal: '100.00', annualRate: '0.0000', disbursedOn: '2021-01-01', termMonths: 1, repayment: 'equalInstallment' },
      events: [{ id: 'a0', on: '2021-05-03', type: 'noticeSent', kind: 'collectionNotice', receiptSigned: true }],
    };
    for (const daily of [false, true]) {
      const tasks = run(history, '2021-05-04', daily).tasks.filter((t) => t.kind === 'nplCollection');
      expect(tasks.map((t) => [t.id, t.openedOn, t.dueOn, t.status])).toEqual([
        ['L-PROP/nplCollection/2021-05-03/collector', '2021-05-03', '2021-06-03', 'done'],
        ['L-PROP/nplCollection/2021-05-03-2/collector', '2021-05-03', '2021-06-03', 'open'],
      ]);
    }
  });
});
