import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataPath, readDataPath, MAX_PATH_STEPS } from '../../src/rules/dataPath';
import { JSONPath } from 'jsonpath-plus';

describe('parseDataPath: the JSONPath subset rules may use', () => {
  it('reads names and indexes', () => {
    expect(parseDataPath('$.product')).toEqual({ ok: true, path: { text: '$.product', steps: ['product'] } });
    expect(parseDataPath('$.dealer.ids[2]')).toEqual({ ok: true, path: { text: '$.dealer.ids[2]', steps: ['dealer', 'ids', 2] } });
  });

  it.each([
    ['product', 'must start with "$"'],
    ['$', 'names no property'],
    ['$..price', 'filters, wildcards'],
    ['$.list[*]', 'filters, wildcards'],
    ['$.list[?(@.a > 1)]', 'filters, wildcards'],
    ["$['product']", 'quotes'],
    ['$.a[-1]', 'filters'],
    ['$.__proto__', 'not data'],
    ['$.a.constructor', 'not data'],
    ['$.prototype', 'not data'],
    ['$.a[10000]', 'filters'],
    [`$${'.a'.repeat(MAX_PATH_STEPS + 1)}`, 'more than 8'],
  ])('refuses %s', (text, why) => {
    const r = parseDataPath(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(why);
  });
});

describe('readDataPath', () => {
  it('follows own properties and indexes only', () => {
    const value = JSON.parse('{"a":{"b":[10,{"c":"x"}]},"s":"text"}') as unknown;
    expect(readDataPath(value, ['a', 'b', 1, 'c'])).toBe('x');
    expect(readDataPath(value, ['a', 'b', 5])).toBeUndefined();
    expect(readDataPath(value, ['a', 'missing', 0])).toBeUndefined();
    // Never a prototype's member, a string's length or a list's length.
    expect(readDataPath(value, ['toString'])).toBeUndefined();
    expect(readDataPath(value, ['s', 'length'])).toBeUndefined();
    expect(readDataPath(value, ['a', 'b', 'length'])).toBeUndefined();
    expect(readDataPath(value, ['a', 0])).toBeUndefined();
  });

  it('agrees with jsonpath-plus (json-rules-engine\'s resolver) on the subset, for JSON without prototype keys', () => {
    const key = fc.constantFrom('a', 'b', 'c');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string({ maxLength: 3 }), fc.boolean(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(key, tie('value'), { maxKeys: 3 })),
    })).value;
    const step = fc.oneof(key, fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(fc.dictionary(key, json, { maxKeys: 3 }), fc.array(step, { minLength: 1, maxLength: 4 }), (doc, steps) => {
        fc.pre(typeof steps[0] === 'string');
        const text = `$${steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')}`;
        const parsed = parseDataPath(text);
        expect(parsed.ok).toBe(true);
        const ours = readDataPath(doc, steps);
        const theirs: unknown = JSONPath({ path: text, json: doc, wrap: false });
        // jsonpath-plus reads a name on a list (and an index on an object by its key); the subset does not.
        if (ours !== undefined) expect(theirs).toEqual(ours);
      }),
      { numRuns: 300 },
    );
  });
});
