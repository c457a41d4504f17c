/**
 * Money is an integer number of fen (0.01 CNY). Every function here asserts safe integers so a fen can
 * never silently become a float.
 */
export type Fen = number;

/** Largest amount accepted at the boundary: 10^13 fen = 100 billion yuan, far below 2^53. */
export const MAX_FEN = 10_000_000_000_000;

/** Throws (a programming error, not a user error) when a value is not a safe integer fen amount. */
export function assertFen(value: number, what = 'amount'): asserts value is Fen {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer number of fen, got ${String(value)}`);
  }
}

/** The shape of a money string: yuan with exactly two decimals (the JSON Schemas of input files use it too). */
export const MONEY_RE = /^(-)?(0|[1-9]\d{0,12})\.(\d{2})$/;

/** Why a money string was refused; the caller turns it into a user-facing issue with a path. */
export type MoneyParseFailure = 'format' | 'range';

/**
 * Parses a decimal yuan string with exactly two decimals into fen.
 *
 * @example
 * ```ts
 * parseMoney('10236.17'); // { ok: true, fen: 1023617 }
 * parseMoney('1.5');      // { ok: false, reason: 'format' }
 * ```
 */
export function parseMoney(
  text: string,
): { readonly ok: true; readonly fen: Fen } | { readonly ok: false; readonly reason: MoneyParseFailure } {
  const m = MONEY_RE.exec(text);
  if (m === null) {
    return { ok: false, reason: /^-?\d{14,}(\.\d+)?$/.test(text) ? 'range' : 'format' };
  }
  const fen = Number(m[2]) * 100 + Number(m[3]);
  if (fen > MAX_FEN) return { ok: false, reason: 'range' };
  return { ok: true, fen: m[1] === '-' && fen !== 0 ? -fen : fen };
}

/**
 * Prints fen as a yuan decimal string with exactly two decimals.
 *
 * @example
 * ```ts
 * formatMoney(1023617); // '10236.17'
 * formatMoney(-5);      // '-0.05'
 * ```
 */
export function formatMoney(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Adds fen amounts, asserting the result stays a safe integer. */
export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += v;
  assertFen(total, 'sum');
  return total;
}
