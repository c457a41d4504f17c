import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/rules/hash';
import { referenceCanonicalJson } from '../support/referenceCanonicalJson';

const original = referenceCanonicalJson;

describe('canonicalJson', () => {
  it('prints exactly what the original definition printed, for any JSON-like value', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: false, withBigInt: false, withMap: false, withSet: false, withDate: false, withTypedArray: false }), (v) => {
        expect(canonicalJson(v)).toBe(original(v));
      }),
      { numRuns: 5_000 },
    );
  });

  it('quotes strings as JSON.stringify does: quotes, backslashes, control characters, surrogates alone and paired', () => {
    for (const s of ['plain', '', 'a"b', 'a\\b', '\u0001', '\u001f', '\u007f', '\u2028\u2029', '\ud800', 'x\udc00y', '😀', '贷后管理', '</script>']) {
      expect(canonicalJson(s)).toBe(JSON.stringify(s));
      expect(canonicalJson({ [s]: s })).toBe(`{${JSON.stringify(s)}:${JSON.stringify(s)}}`);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), (a, b) => {
        expect(canonicalJson([a, b, { [a]: b }])).toBe(original([a, b, { [a]: b }]));
      }),
      { numRuns: 3_000 },
    );
  });

  it('keeps the odd cases of the original text: undefined in objects and arrays, -0, NaN, keys to escape', () => {
    const odd = { b: undefined, a: [undefined, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 'é\u2028"\\'], '"k"': { '': null }, __proto__: null };
    expect(canonicalJson(odd)).toBe(original(odd));
    expect(canonicalJson(odd)).toBe('{"\\"k\\"":{"":null},"a":[,0,null,null,1e+21,"é\u2028\\"\\\\"],"b":undefined}');
  });
});
