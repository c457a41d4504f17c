import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideDown, divideHalfUp, toSafeNumber } from '../../src/money/rounding';

/** Half away from zero written differently: sign × floor((2|n| + |d|) / 2|d|). */
function referenceHalfUp(n: bigint, d: bigint): bigint {
  const abs = (x: bigint) => (x < 0n ? -x : x);
  const q = (2n * abs(n) + abs(d)) / (2n * abs(d));
  return (n < 0n) !== (d < 0n) ? -q : q;
}

describe('divideHalfUp', () => {
  it('rounds halves away from zero (四舍五入)', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(5n, -2n)).toBe(-3n);
    expect(divideHalfUp(-5n, -2n)).toBe(3n);
    expect(divideHalfUp(7n, 2n)).toBe(4n);
    expect(divideHalfUp(149n, 100n)).toBe(1n);
    expect(divideHalfUp(150n, 100n)).toBe(2n);
    expect(divideHalfUp(-149n, 100n)).toBe(-1n);
    expect(divideHalfUp(0n, 3n)).toBe(0n);
  });

  it('agrees with a reference formula', () => {
    const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    const nonZero = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n);
    fc.assert(
      fc.property(big, nonZero, (n, d) => {
        expect(divideHalfUp(n, d)).toBe(referenceHalfUp(n, d));
      }),
      { numRuns: 2000 },
    );
  });

  it('is never more than half a unit from the exact quotient', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, d) => {
        const q = divideHalfUp(n, d);
        const error = q * d - n; // (q − n/d)·d
        expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
      }),
    );
  });

  it('refuses division by zero', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => divideDown(1n, 0n)).toThrow(RangeError);
  });
});

describe('toSafeNumber', () => {
  it('converts safe values and refuses the rest', () => {
    expect(toSafeNumber(123n)).toBe(123);
    expect(() => toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
  });
});
