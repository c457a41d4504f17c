import type { Fen } from './fen';
import { divideHalfUp, toSafeNumber } from './rounding';

/**
 * An exact decimal rate: `units / scale`, e.g. "0.0435" → { units: 435n, scale: 10000n }.
 * Rates stay exact so interest computed from them rounds exactly once.
 */
export interface Rate {
  readonly units: bigint;
  readonly scale: bigint;
  /** The decimal string it was parsed from, kept for output. */
  readonly text: string;
}

/** The shape of a rate string: a non-negative decimal, at most 10 decimals (the JSON Schemas of input files use it too). */
export const RATE_RE = /^(0|[1-9]\d{0,2})(?:\.(\d{1,10}))?$/;

/**
 * Parses a non-negative decimal rate string ("0.0435" = 4.35 %). At most 10 decimals.
 *
 * @example
 * ```ts
 * parseRate('0.0435'); // { units: 435n, scale: 10000n, text: '0.0435' }
 * ```
 */
export function parseRate(text: string): Rate | undefined {
  const m = RATE_RE.exec(text);
  if (m === null) return undefined;
  const decimals = m[2] ?? '';
  const scale = 10n ** BigInt(decimals.length);
  return { units: BigInt(m[1] ?? '0') * scale + BigInt(decimals === '' ? '0' : decimals), scale, text };
}

/**
 * `amount × rate × num / den`, rounded half up to the fen. Used for monthly interest
 * (`num = 1, den = 12`) and daily penalty interest (`num = days, den = 360`).
 *
 * @example
 * ```ts
 * applyRateHalfUp(12_000_000, parseRate('0.0435')!, 1n, 12n); // 43500 (435.00 yuan)
 * ```
 */
export function applyRateHalfUp(amount: Fen, rate: Rate, num = 1n, den = 1n): Fen {
  return toSafeNumber(divideHalfUp(BigInt(amount) * rate.units * num, rate.scale * den));
}

/** True when the rate is exactly zero. */
export function isZeroRate(rate: Rate): boolean {
  return rate.units === 0n;
}
