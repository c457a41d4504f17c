import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/money/allocate';
import { MAX_FEN } from '../../src/money/fen';

const ratios = fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 }).filter((r) => r.some((x) => x > 0));

describe('allocate', () => {
  it('hands remainders out deterministically', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(101, [1, 1, 1])).toEqual([34, 34, 33]);
    expect(allocate(5, [0, 1, 1])).toEqual([0, 3, 2]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
    expect(allocate(0, [3, 7])).toEqual([0, 0]);
  });

  it('parts always sum to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), ratios, (total, r) => {
        const parts = allocate(total, r);
        expect(parts).toHaveLength(r.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        for (const p of parts) expect(Number.isSafeInteger(p)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('each part is its floor share or one fen more, and zero ratios get nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), ratios, (total, r) => {
        const parts = allocate(total, r);
        const sum = BigInt(r.reduce((a, b) => a + b, 0));
        const abs = BigInt(Math.abs(total));
        parts.forEach((p, i) => {
          const ri = BigInt(r[i] ?? 0);
          const floorShare = (abs * ri) / sum;
          const got = BigInt(Math.abs(p));
          expect(got === floorShare || got === floorShare + 1n).toBe(true);
          // Same sign as the total: never a part pulling the other way.
          expect(p === 0 || Math.sign(p) === Math.sign(total)).toBe(true);
          if (ri === 0n) expect(p === 0).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('is within one fen of every exact share: leftover fen go to the largest remainders', () => {
    // Exact shares of 30 by these ratios are 4.24…, 3.82…, 7, 2.21…, 4.57…, 1.74…, 0.76…, 5.63…;
    // the 4 fen left after flooring go to the largest fractions (.82, .76, .74, .63), never to the exact 7.
    expect(allocate(30, [382, 344, 630, 199, 412, 157, 69, 507])).toEqual([4, 4, 7, 2, 4, 2, 1, 6]);
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), ratios, (total, r) => {
        const parts = allocate(total, r);
        const sum = BigInt(r.reduce((a, b) => a + b, 0));
        parts.forEach((p, i) => {
          // |p − total·rᵢ/sum| < 1  ⇔  |p·sum − total·rᵢ| < sum
          const diff = BigInt(p) * sum - BigInt(total) * BigInt(r[i] ?? 0);
          expect((diff < 0n ? -diff : diff) < sum).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('is deterministic, and ties between equal remainders go to the earlier part', () => {
    expect(allocate(2, [1, 1, 1])).toEqual([1, 1, 0]);
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), ratios, (total, r) => {
        expect(allocate(total, r)).toEqual(allocate(total, [...r]));
      }),
    );
  });

  // Regression: a zero part of a negative total once came out as -0, which breaks Object.is comparisons.
  it('never returns negative zero', () => {
    expect(allocate(-5, [0, 1]).map((p) => Object.is(p, -0))).toEqual([false, false]);
    expect(allocate(-1, [1, 1, 1]).map((p) => Object.is(p, -0))).toEqual([false, false, false]);
  });

  it('refuses meaningless ratios', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [1, -1])).toThrow(RangeError);
    expect(() => allocate(100, [1.5])).toThrow(RangeError);
    expect(() => allocate(0.5, [1])).toThrow(RangeError);
  });
});
