import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factChangeScan, factChangeSource } from '../../../src/engine/tasks/factChangeScan';
import type { FactName, Facts } from '../../../src/rules/facts';

const HOSTILE = ['dpd', 'a"b', 'back\\slash', '*/ x', 'line\u2028sep\u2029', '__proto__', 'constructor', '}); throw 1; ({', '\n'];

describe('factChangeScan', () => {
  it('lists the readers of each changed fact, keeps the new values, and says how many it listed', () => {
    const scan = factChangeScan(['dpd', 'state'] as FactName[], [[0, 2], [1, 2]]);
    const seen: unknown[] = [0, 'normal'];
    const marked = new Int32Array(4);
    expect(scan({ dpd: 0, state: 'normal' } as unknown as Facts, seen, marked)).toBe(0);
    expect(scan({ dpd: 5, state: 'normal' } as unknown as Facts, seen, marked)).toBe(2);
    expect([...marked.subarray(0, 2)]).toEqual([0, 2]);
    expect(seen).toEqual([5, 'normal']);
    // Both facts moved: each reader listed in fact order, a rule reading both listed twice.
    expect(scan({ dpd: 6, state: 'watch' } as unknown as Facts, seen, marked)).toBe(4);
    expect([...marked]).toEqual([0, 2, 1, 2]);
  });

  it('writes no fact name into its source but as a JSON string literal', () => {
    const source = factChangeSource(HOSTILE as FactName[], HOSTILE.map((_, i) => [i]));
    let rest = source;
    for (const name of HOSTILE) rest = rest.split(JSON.stringify(name).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')).join('');
    expect(rest).toMatch(/^[\w\s"=;!+(){}[\]]*$/);
    expect(source).not.toMatch(/[\u2028\u2029]/);
  });

  it('reads facts of any name as the loop over names does, value for value', () => {
    const names = HOSTILE as FactName[];
    const readers = names.map((_, i) => [i, (i + 1) % names.length]);
    const scan = factChangeScan(names, readers);
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b'), fc.boolean()), { minLength: names.length, maxLength: names.length }), { minLength: 1, maxLength: 6 }), (rounds) => {
        const seen: unknown[] = [];
        const want: unknown[] = [];
        for (const values of rounds) {
          const facts = Object.create(null) as Record<string, unknown>;
          names.forEach((n, i) => (facts[n] = values[i]));
          const marked = new Int32Array(2 * names.length);
          const count = scan(facts as unknown as Facts, seen, marked);
          const expected: number[] = [];
          names.forEach((n, i) => {
            if (facts[n] === want[i]) return;
            want[i] = facts[n];
            expected.push(...(readers[i] as number[]));
          });
          expect([...marked.subarray(0, count)]).toEqual(expected);
          expect(seen).toEqual(want);
        }
      }),
    );
  });
});
