import { assertFen, type Fen } from './fen';

/**
 * Splits `total` fen by integer ratios so the parts sum to exactly `total`. Each part first gets its
 * floor share; the fen left over go one at a time to the parts in list order (dinero's `allocate`).
 *
 * @example
 * ```ts
 * allocate(100, [1, 1, 1]); // [34, 33, 33]
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
  const sign = total < 0 ? -1 : 1;
  const abs = BigInt(Math.abs(total));
  const big = BigInt(sum);
  const parts = ratios.map((r) => (abs * BigInt(r)) / big);
  let remainder = abs - parts.reduce((a, b) => a + b, 0n);
  for (let i = 0; remainder > 0n; i = (i + 1) % parts.length) {
    if (ratios[i] === 0) continue;
    parts[i] = (parts[i] ?? 0n) + 1n;
    remainder -= 1n;
  }
  return parts.map((p) => sign * Number(p));
}
