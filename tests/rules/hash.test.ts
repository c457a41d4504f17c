import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/rules/hash';

/** The original definition of canonical JSON: the text every stored pack hash and snapshot checksum was made of. */
function original(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(original).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${original((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('canonicalJson', () => {
  it('prints exactly what the original definition printed, for any JSON-like value', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: false, withBigInt: false, withMap: false, withSet: false, withDate: false, withTypedArray: false }), (v) => {
        expect(canonicalJson(v)).toBe(original(v));
      }),
      { numRuns: 5_000 },
    );
  });

  it('keeps the odd cases of the original text: undefined in objects and arrays, -0, NaN, keys to escape', () => {
    const odd = { b: undefined, a: [undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 'é\u2028"\\'], '"k"': { '': null }, __proto__: null };
    expect(canonicalJson(odd)).toBe(original(odd));
    expect(canonicalJson(odd)).toBe('{"\\"k\\"":{"":null},"a":[,0,null,null,1e+21,"é\u2028\\"\\\\"],"b":undefined}');
  });
});
