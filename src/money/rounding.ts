/**
 * Integer division with explicit rounding. All money arithmetic that divides goes through here, so
 * the rounding mode is always named at the call site (dinero's `halfUp`).
 */

/**
 * `numerator / denominator` rounded half away from zero ("四舍五入"), exact for any size of bigint.
 *
 * @example
 * ```ts
 * divideHalfUp(5n, 2n);  // 3n
 * divideHalfUp(-5n, 2n); // -3n
 * ```
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = n / d;
  const r = n % d;
  const rounded = r * 2n >= d ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/** `numerator / denominator` rounded towards zero. */
export function divideDown(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  return numerator / denominator;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/** Converts a bigint fen result back to a number, asserting it is safe. */
export function toSafeNumber(value: bigint): number {
  // The bounds are made once: every instalment and interest amount passes here, and each BigInt() is an allocation.
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw new RangeError(`amount ${value} fen is outside the safe integer range`);
  }
  return Number(value);
}
