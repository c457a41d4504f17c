import { assertFen, type Fen } from './fen';

/**
 * Splits `total` fen by integer ratios so the parts sum to exactly `total` and each part is within one
 * fen of its exact share. Each part first gets the floor of its share; the fen left over go, one each,
 * to the parts with the largest fractional remainders, ties to the earlier part (largest-remainder
 * method), so the result is deterministic.
 *
 * @example
 * ```ts
 * allocate(100, [1, 1, 1]); // [34, 33, 33]
 * allocate(-100, [1, 1, 1]); // [-34, -33, -33]
 * ```
 */
export function allocate(total: Fen, ratios: readonly number[]): Fen[] {
  assertFen(total, 'total');
  if (ratios.length === 0) throw new RangeError('allocate needs at least one ratio');
  let sum = 0;
  for (const r of ratios) {
    if (!Number.isSafeInteger(r) || r < 0) throw new RangeError(`ratios must be non-negative integers, got ${r}`);
    sum += r;
  }
  if (sum === 0) throw new RangeError('ratios must not all be zero');
  const negative = total < 0;
  const abs = BigInt(Math.abs(total));
  const big = BigInt(sum);
  const parts = ratios.map((r) => (abs * BigInt(r)) / big);
  const remainders = ratios.map((r, i) => ({ i, rem: (abs * BigInt(r)) % big }));
  let left = Number(abs - parts.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left--;
  }
  return parts.map((p) => (p === 0n ? 0 : negative ? -Number(p) : Number(p)));
}
