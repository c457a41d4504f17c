import { describe, expect, it } from 'vitest';
import { anchoredOn, rollingMayOpen } from '../../../src/engine/tasks/rulesByAnchor';
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
});
