/**
 * Exact decimal arithmetic for portfolio figures: sums of fen as bigint (a book's total can pass 2^53
 * fen), ratios rounded half up to a fixed number of decimals, comparisons against targets without
 * rounding. Nothing here goes through a float.
 */
import { parseMoney } from '../money/fen';
import { parseRate } from '../money/rate';
import { divideHalfUp } from '../money/rounding';

/**
 * Decimals of every ratio in a portfolio report.
 *
 * @example
 * ```ts
 * ratioText(1n, 8n); // '0.1250': RATIO_DECIMALS (4) digits after the point
 * ```
 */
export const RATIO_DECIMALS = 4;
const RATIO_SCALE = 10n ** BigInt(RATIO_DECIMALS);

/**
 * Fen as yuan text with exactly two decimals, for sums of any size.
 *
 * @example
 * ```ts
 * moneyText(1_023_617n); // '10236.17'
 * ```
 */
export function moneyText(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/**
 * Yuan text (as in replay output) to fen; throws on malformed text (replay output is always well formed).
 *
 * @example
 * ```ts
 * fenOf('10236.17'); // 1023617n
 * ```
 */
export function fenOf(text: string): bigint {
  const r = parseMoney(text);
  if (!r.ok) throw new RangeError(`not money text: ${JSON.stringify(text)}`);
  return BigInt(r.fen);
}

/**
 * `numerator / denominator` as a decimal string with {@link RATIO_DECIMALS} decimals, rounded half up;
 * `null` when the denominator is zero (no loans, no balance: the ratio is undefined, not 0).
 *
 * @example
 * ```ts
 * ratioText(1n, 3n);  // '0.3333'
 * ratioText(2n, 3n);  // '0.6667'
 * ratioText(5n, 0n);  // null
 * ```
 */
export function ratioText(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  const units = divideHalfUp(numerator * RATIO_SCALE, denominator);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  return `${negative ? '-' : ''}${abs / RATIO_SCALE}.${(abs % RATIO_SCALE).toString().padStart(RATIO_DECIMALS, '0')}`;
}

/**
 * Compares the exact ratio `numerator / denominator` with a decimal target string: -1, 0 or 1. Exact, so
 * a ratio of 3.00004 % is above a 3 % target even though it prints as "0.0300".
 *
 * @example
 * ```ts
 * compareRatio(3n, 100n, '0.03'); // 0
 * compareRatio(300_004n, 10_000_000n, '0.03'); // 1
 * ```
 */
export function compareRatio(numerator: bigint, denominator: bigint, target: string): -1 | 0 | 1 {
  const rate = parseRate(target);
  if (rate === undefined) throw new RangeError(`not a decimal rate: ${JSON.stringify(target)}`);
  const left = numerator * rate.scale;
  const right = rate.units * denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}
