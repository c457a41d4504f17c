import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factChangeScan, factChangeSource } from '../../../src/engine/tasks/factChangeScan';
import type { FactName, Facts } from '../../../src/rules/facts';

const HOSTILE = ['dpd', 'a"b', 'back\\slash', '*/ x', 'line\u2028sep\u2029', '__proto__', 'constructor', '}); throw 1; ({', '\n'];

describe('factChangeScan', () => {
  it('marks the readers of each changed fact, keeps the new values, and says whether any changed', () => {
    const scan = factChangeScan(['dpd', 'state'] as FactName[], [[0, 2], [1]]);
    const seen: unknown[] = [0, 'normal'];
    const marks = new Uint8Array(3);
    expect(scan({ dpd: 0, state: 'normal' } as unknown as Facts, seen, marks)).toBe(false);
    expect([...marks]).toEqual([0, 0, 0]);
    expect(scan({ dpd: 5, state: 'normal' } as unknown as Facts, seen, marks)).toBe(true);
    expect([...marks]).toEqual([1, 0, 1]);
    expect(seen).toEqual([5, 'normal']);
  });

  it('writes no fact name into its source but as a JSON string literal', () => {
    const source = factChangeSource(HOSTILE as FactName[], HOSTILE.map((_, i) => [i]));
    let rest = source;
    for (const name of HOSTILE) rest = rest.split(JSON.stringify(name).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')).join('');
    expect(rest).toMatch(/^[\w\s"=;!(){}[\]]*$/);
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
          const marks = new Uint8Array(names.length);
          const changed = scan(facts as unknown as Facts, seen, marks);
          const expected = new Uint8Array(names.length);
          let any = false;
          names.forEach((n, i) => {
            if (facts[n] === want[i]) return;
            want[i] = facts[n];
            any = true;
            for (const r of readers[i] as number[]) expected[r] = 1;
          });
          expect(changed).toBe(any);
          expect([...marks]).toEqual([...expected]);
          expect(seen).toEqual(want);
        }
      }),
    );
  });
});
