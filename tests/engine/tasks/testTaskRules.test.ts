import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedTaskTests, sortFew, testTaskRules, UNKNOWN_FACT } from '../../../src/engine/tasks/testTaskRules';
import { answerEntries, freshHolds, HOLDING, NOT_HOLDING } from '../../../src/engine/tasks/ruleHolds';
import type { TaskBook, TaskRule } from '../../../src/engine/tasks/taskBook';
import type { Facts } from '../../../src/rules/facts';

/** A task book with just what testTaskRules reads, over rules that count their tests. */
function bookOf(rules: { id: string; facts: string[]; test: (f: Facts) => boolean }[]): { book: TaskBook; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = rules.map((r) => ({
    ...r,
    test: (f: Facts) => {
      calls.set(r.id, (calls.get(r.id) ?? 0) + 1);
      return r.test(f);
    },
  }));
  const book = { pack: { rulesByType: { task: counted } }, holds: freshHolds(new Uint8Array(rules.length)), tests: { valid: false, seen: [], results: [], changed: [] } } as unknown as TaskBook;
  return { book, calls };
}

const RULES = [
  { id: 'overdue', facts: ['dpd'], test: (f: Facts) => f.dpd > 0 },
  { id: 'm1', facts: ['dpd', 'state'], test: (f: Facts) => f.dpd > 30 && f.state !== 'settled' },
  { id: 'always', facts: [], test: () => true },
];

describe('testTaskRules', () => {
  it('after a seed, tests only the rules reading an unknown fact or one that moved from its seed (decision 421)', () => {
    // Slots: dpd (read by overdue and m1), state (read by m1). Stored answers are the cursors' `holding`.
    const seeded = (holding: boolean[], seeds: unknown[]) => {
      const b = bookOf(RULES);
      (b.book as unknown as { cursors: { holding: boolean }[] }).cursors = holding.map((h) => ({ holding: h }));
      seedTaskTests(b.book, seeds);
      return b;
    };
    const { book, calls } = seeded([false, false, true], [UNKNOWN_FACT, 'normal']);
    const facts = { dpd: 0, state: 'normal' } as unknown as Facts;
    expect(testTaskRules(book, facts)).toEqual([false, false, true]);
    // dpd was unknown: both its readers are tested; `always` reads nothing and keeps its stored answer.
    expect(Object.fromEntries(calls)).toEqual({ overdue: 1, m1: 1 });
    expect(book.tests.changed).toEqual([]);
    // A known fact that moved from its seed is tested again, and only the answers that moved are listed.
    const again = seeded([false, false, true], [0, 'overdueM1']);
    (facts as { dpd: number }).dpd = 31;
    expect(testTaskRules(again.book, facts)).toEqual([true, true, true]);
    expect(Object.fromEntries(again.calls)).toEqual({ overdue: 1, m1: 1 });
    expect(again.book.tests.changed).toEqual([0, 1]);
    const same = seeded([true, true, true], [31, 'normal']);
    expect(testTaskRules(same.book, facts)).toEqual([true, true, true]);
    expect(Object.fromEntries(same.calls)).toEqual({});
  });

  it('tests every rule once, then only the rules reading a fact that changed', () => {
    const { book, calls } = bookOf(RULES);
    const facts = { dpd: 0, state: 'normal' } as unknown as Facts;
    expect(testTaskRules(book, facts)).toEqual([false, false, true]);
    expect(Object.fromEntries(calls)).toEqual({ overdue: 1, m1: 1, always: 1 });
    testTaskRules(book, facts);
    expect(Object.fromEntries(calls)).toEqual({ overdue: 1, m1: 1, always: 1 });
    (facts as { state: string }).state = 'overdueM1';
    testTaskRules(book, facts);
    expect(Object.fromEntries(calls)).toEqual({ overdue: 1, m1: 2, always: 1 });
    (facts as { dpd: number }).dpd = 31;
    expect(testTaskRules(book, facts)).toEqual([true, true, true]);
    expect(Object.fromEntries(calls)).toEqual({ overdue: 2, m1: 3, always: 1 });
    expect(answerEntries(book.holds, book.pack.rulesByType.task as readonly TaskRule[])).toEqual([
      ['overdue', true],
      ['m1', true],
      ['always', true],
    ]);
  });

  it('lists in tests.changed the rules whose answer changed: all at the first test, then only those that moved', () => {
    const { book } = bookOf(RULES);
    const facts = { dpd: 0, state: 'normal' } as unknown as Facts;
    testTaskRules(book, facts);
    expect(book.tests.changed).toEqual([0, 1, 2]);
    testTaskRules(book, facts);
    expect(book.tests.changed).toEqual([]);
    (facts as { dpd: number }).dpd = 5;
    testTaskRules(book, facts);
    expect(book.tests.changed).toEqual([0]);
    (facts as { dpd: number }).dpd = 31;
    testTaskRules(book, facts);
    expect(book.tests.changed).toEqual([1]);
  });

  it('tests a rule reading two moved facts once, and lists the moved answers in rule order whatever the fact order', () => {
    // Fact slots are in the order rules name them: dpd (rules 0, 2), then state (rules 1, 2). When both
    // move, the scan lists 0, 2, 1, 2; the rules are tested as a walk over all of them would: 0, 1, 2.
    const rules = [
      { id: 'a', facts: ['dpd'], test: (f: Facts) => f.dpd > 0 },
      { id: 'b', facts: ['state'], test: (f: Facts) => f.state !== 'normal' },
      { id: 'c', facts: ['dpd', 'state'], test: (f: Facts) => f.dpd > 0 && f.state !== 'normal' },
    ];
    const { book, calls } = bookOf(rules);
    const facts = { dpd: 0, state: 'normal' } as unknown as Facts;
    testTaskRules(book, facts);
    calls.clear();
    Object.assign(facts, { dpd: 3, state: 'overdueM1' });
    expect(testTaskRules(book, facts)).toEqual([true, true, true]);
    expect(Object.fromEntries(calls)).toEqual({ a: 1, b: 1, c: 1 });
    expect(book.tests.changed).toEqual([0, 1, 2]);
    expect([...book.holds.byRule]).toEqual([HOLDING, HOLDING, HOLDING]);
    expect(book.holds.byId).toBeUndefined();
  });

  it('sortFew sorts the first n entries ascending, keeping repeats and leaving the rest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 12 }), fc.nat(12), (xs, k) => {
        const n = Math.min(k, xs.length);
        const list = Int32Array.from(xs);
        sortFew(list, n);
        expect([...list]).toEqual([...xs.slice(0, n).sort((x, y) => x - y), ...xs.slice(n)]);
      }),
    );
  });

  it('tests every rule again once the book is restored or rebound (answers not kept)', () => {
    const { book, calls } = bookOf(RULES);
    const facts = { dpd: 5, state: 'normal' } as unknown as Facts;
    testTaskRules(book, facts);
    book.tests.valid = false;
    testTaskRules(book, facts);
    expect(Object.fromEntries(calls)).toEqual({ overdue: 2, m1: 2, always: 2 });
  });

  it('answers what testing every rule would, over any sequence of fact values', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ dpd: fc.integer({ min: 0, max: 40 }), state: fc.constantFrom('normal', 'overdueM1', 'settled') }), { minLength: 1, maxLength: 30 }), (seq) => {
        const { book } = bookOf(RULES);
        const facts = { dpd: 0, state: 'normal' } as unknown as Record<string, unknown>;
        for (const step of seq) {
          Object.assign(facts, step);
          const f = facts as unknown as Facts;
          const expected = RULES.map((r) => r.test(f));
          const before = [...book.tests.results];
          expect(testTaskRules(book, f)).toEqual(expected);
          expect([...book.holds.byRule]).toEqual(expected.map((h) => (h ? HOLDING : NOT_HOLDING)));
          // The rules the evaluation must look at again: exactly those whose answer moved.
          const moved = before.length === 0 ? RULES.map((_, r) => r) : RULES.flatMap((_, r) => (before[r] === expected[r] ? [] : [r]));
          expect([...book.tests.changed].sort()).toEqual(moved);
        }
      }),
      { numRuns: 500 },
    );
  });
});
