import { describe, expect, it } from 'vitest';
import { anchoredOn, rollingMayOpen, waitingFor } from '../../../src/engine/tasks/rulesByAnchor';
import { createTaskBook } from '../../../src/engine/tasks/taskBook';
import { createLedger } from '../../../src/ledger/ledger';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { day } from '../../../src/time/day';

describe('anchoredOn', () => {
  it('lists, in pack order, the indexes of the task rules with that anchor, and nothing for an anchor no rule has', () => {
    const pack = cnDefaultPack();
    const rules = pack.rulesByType.task;
    const want = (a: string): number[] => rules.flatMap((r, i) => (r.decision.type === 'task' && r.decision.anchor === a ? [i] : []));
    for (const a of ['lastDone', 'event', 'limitationExpiry', 'eachWorkingDay', 'eachDay'] as const) expect(anchoredOn(pack, a)).toEqual(want(a));
    expect(anchoredOn(pack, 'lastDone').length).toBeGreaterThan(0);
    expect(anchoredOn(pack, 'eachDay')).toEqual([]);
  });
});

describe('waitingFor', () => {
  it('lists, in pack order, the event rules waiting for that event type, and nothing for a type none waits for', () => {
    const pack = cnDefaultPack();
    const rules = pack.rulesByType.task;
    const want = (type: string): number[] => rules.flatMap((r, i) => (r.decision.type === 'task' && r.decision.anchor === 'event' && r.decision.event === type ? [i] : []));
    const types = new Set(anchoredOn(pack, 'event').map((r) => (rules[r]?.decision as { event?: string }).event));
    expect(types.size).toBeGreaterThan(1);
    for (const type of types) expect(waitingFor(pack, type as string)).toEqual(want(type as string));
    expect([...types].flatMap((type) => waitingFor(pack, type as string)).sort((a, b) => a - b)).toEqual(anchoredOn(pack, 'event'));
    expect(waitingFor(pack, 'payment')).toEqual([]);
  });
});

describe('rollingMayOpen', () => {
  it('brings the visit day of every rolling rule that held, and of no other rule, to the next evaluation', () => {
    const pack = cnDefaultPack();
    const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
    const book = createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
    book.visitOn.fill(Number.POSITIVE_INFINITY);
    for (const c of book.cursors) c.holding = true;
    rollingMayOpen(book);
    const rolling = new Set(anchoredOn(pack, 'lastDone'));
    expect([...book.visitOn].map((v, r) => (rolling.has(r) ? v === Number.NEGATIVE_INFINITY : v === Number.POSITIVE_INFINITY))).not.toContain(false);
  });

  // A rolling rule that did not hold opens nothing until its own answer changes, which brings it back by
  // itself: waking it for every task done was ≈ 670 idle visits a three-year loan.
  it('leaves a rolling rule that did not hold where it was', () => {
    const pack = cnDefaultPack();
    const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
    const book = createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
    book.visitOn.fill(Number.POSITIVE_INFINITY);
    const [first, second] = anchoredOn(pack, 'lastDone') as [number, number];
    (book.cursors[first] as { holding: boolean }).holding = true;
    rollingMayOpen(book);
    expect(book.visitOn[first]).toBe(Number.NEGATIVE_INFINITY);
    expect(book.visitOn[second]).toBe(Number.POSITIVE_INFINITY);
  });

  // A rolling rule waits only on tasks of its own kind: a task of another kind done changes nothing for it.
  it('with a kind, brings back only the rolling rules of that kind that held', () => {
    const pack = cnDefaultPack();
    const loan = { id: 'L-1', disbursedOn: day('2026-01-05'), guarantors: [], collateral: [], borrower: { id: 'B', contacts: [] } } as never;
    const book = createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
    const rules = pack.rulesByType.task;
    const rolling = anchoredOn(pack, 'lastDone');
    const kind = (r: number): string => (rules[r]?.decision as { kind: string }).kind;
    const kinds = new Set(rolling.map(kind));
    expect(kinds.size).toBeGreaterThan(1);
    for (const k of kinds) {
      book.visitOn.fill(Number.POSITIVE_INFINITY);
      for (const c of book.cursors) c.holding = true;
      rollingMayOpen(book, k);
      const woken = [...book.visitOn].flatMap((v, r) => (v === Number.NEGATIVE_INFINITY ? [r] : []));
      expect(woken).toEqual(rolling.filter((r) => kind(r) === k));
    }
    book.visitOn.fill(Number.POSITIVE_INFINITY);
    rollingMayOpen(book, 'noSuchKind');
    expect([...book.visitOn].every((v) => v === Number.POSITIVE_INFINITY)).toBe(true);
  });
});
