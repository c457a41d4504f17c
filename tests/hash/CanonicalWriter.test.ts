import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalWriter } from '../../src/hash/CanonicalWriter';
import { canonicalJson } from '../../src/rules/hash';
import { referenceCanonicalJson } from '../support/referenceCanonicalJson';

const original = referenceCanonicalJson;
const writer = new CanonicalWriter();
const bytesOf = (value: unknown): Buffer => Buffer.from(writer.reset().json(value).bytes.subarray(0, writer.length));
const anything = fc.anything({ withNullPrototype: true, withSparseArray: true, withObjectString: false, withBigInt: false, withMap: false, withSet: false, withDate: false, withTypedArray: false });

describe('CanonicalWriter', () => {
  it('writes the UTF-8 bytes of the canonical JSON text, for any JSON-like value', () => {
    fc.assert(
      fc.property(anything, (v) => {
        // A top-level undefined (or function) has no JSON text; nothing hashes one.
        fc.pre(original(v) !== undefined);
        expect(bytesOf(v).equals(Buffer.from(original(v), 'utf8'))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it('strings: Chinese, astral characters, lone surrogates, quotes, backslashes and control characters', () => {
    const strings = ['贷后管理', '逾期 M1 → M2', '😀', 'a😀b', '\ud800', 'x\udc00y', '\udbff\udfff', 'a"b', 'a\\b', '\u0000\u001f\u007f', '\u2028\u2029', ''];
    for (const s of strings) {
      const v = { [s]: [s, { k: s }] };
      expect(bytesOf(v).equals(Buffer.from(canonicalJson(v), 'utf8')), JSON.stringify(s)).toBe(true);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => {
        const v = [a, b, { [a]: b, [b]: a }];
        expect(bytesOf(v).equals(Buffer.from(original(v), 'utf8'))).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('text() encodes any string as TextEncoder does (a lone surrogate as U+FFFD)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(Buffer.from(writer.reset().text(s).bytes.subarray(0, writer.length)).equals(Buffer.from(new TextEncoder().encode(s)))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('numbers: whole numbers around 2^31, negatives, -0, fractions, huge and non-finite ones print as String() does', () => {
    const numbers = [0, -0, 1, -1, 9, 10, 99, 100, 2 ** 31 - 1, -(2 ** 31) + 1, 2 ** 31, -(2 ** 31), 2 ** 53, 1e21, 1.5, -0.1, 5e-7, Number.NaN, Number.POSITIVE_INFINITY];
    for (const n of numbers) expect(bytesOf({ n }).toString('utf8'), String(n)).toBe(original({ n }));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -(2 ** 31) - 5, max: 2 ** 31 + 5 }), fc.double()), (n) => {
        expect(bytesOf([n]).toString('utf8')).toBe(original([n]));
      }),
      { numRuns: 3_000 },
    );
  });

  it('objects of one shape in another key order, and shapes sharing their first key, each sort their own keys', () => {
    expect(bytesOf({ b: 1, a: 2, c: 3 }).toString()).toBe('{"a":2,"b":1,"c":3}');
    expect(bytesOf({ b: 1, c: 3, a: 2 }).toString()).toBe('{"a":2,"b":1,"c":3}');
    expect(bytesOf({ b: 1, a: 2, d: 3 }).toString()).toBe('{"a":2,"b":1,"d":3}');
    expect(bytesOf({ b: 1, a: 2 }).toString()).toBe('{"a":2,"b":1}');
    expect(bytesOf({ b: 1, a: 2, c: 3, d: 4 }).toString()).toBe('{"a":2,"b":1,"c":3,"d":4}');
  });

  it('stays exact once its cache of key orders is full (untrusted snapshots may have any keys)', () => {
    for (let i = 0; i < 3_000; i++) {
      const v = { z: i, [`k${i}`]: 1, [`a${(i * 7919) % 3_000}`]: 2 };
      expect(bytesOf(v).toString()).toBe(original(v));
    }
  });

  it('digestHex() is the SHA-256 of the bytes written, at every length around the block boundaries', () => {
    for (let n = 0; n <= 300; n++) {
      const text = `贷${'x'.repeat(n)}`;
      const hex = writer.reset().text(text).digestHex();
      expect(hex, `length ${n}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('string values of objects and items of arrays (written straight, not through value()): any text, next to any other value', () => {
    // The fast paths of object() and array() for strings, around the other values they still hand to value().
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.constantFrom('', '\ud800', 'a\udc00b', '\udbff\udfff', '\u2028\u2029', 'quote " and \\', '\u0000\u001f\u007f', '贷后 M1 → M2', 'taskOpened'),
    );
    const scalar = fc.oneof(text, fc.constantFrom(0, -0, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, 1e21, -1.5e-7, Number.NaN, null, true, false, undefined), fc.integer(), fc.double());
    const list = fc.array(fc.oneof(text, scalar, fc.array(fc.oneof(text, scalar), { maxLength: 4 })), { maxLength: 6 });
    const entry = fc.record({ on: text, kind: text, ruleIds: fc.array(text, { maxLength: 3 }), items: list, inputs: fc.dictionary(text, scalar, { maxKeys: 4 }), n: scalar });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        expect(bytesOf(entries).equals(Buffer.from(original(entries), 'utf8'))).toBe(true);
        for (const e of entries) expect(bytesOf(e).equals(Buffer.from(original(e), 'utf8'))).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it('shapes sharing their last key (looked up by it) each sort their own keys', () => {
    expect(bytesOf({ b: 1, a: 2, z: 3 }).toString()).toBe('{"a":2,"b":1,"z":3}');
    expect(bytesOf({ a: 2, b: 1, z: 3 }).toString()).toBe('{"a":2,"b":1,"z":3}');
    expect(bytesOf({ c: 1, z: 3 }).toString()).toBe('{"c":1,"z":3}');
    expect(bytesOf({ y: 1, b: 2, z: 3 }).toString()).toBe('{"b":2,"y":1,"z":3}');
    expect(bytesOf({ b: 1, y: 2, z: 3 }).toString()).toBe('{"b":1,"y":2,"z":3}');
  });

  it('grows its buffer for a value larger than it', () => {
    const big = { text: '贷'.repeat(40_000), list: Array.from({ length: 5_000 }, (_, i) => ({ i, s: `entry ${i}` })) };
    expect(bytesOf(big).equals(Buffer.from(original(big), 'utf8'))).toBe(true);
  });
});
