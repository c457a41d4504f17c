import { MAX_ID_LENGTH, UNSAFE_CHARACTERS } from '../errors/unsafeText';
import { parseMoney } from '../money/fen';
import { parseRate } from '../money/rate';
import { parseDay, type Day } from '../time/day';

// The field checks of the fast validation paths (`acceptEvent`, `acceptLoan`): each accepts exactly what
// the schema's primitive of the same name accepts and converts it the same way, or returns NO — never an
// issue: whatever a fast path does not accept goes to the zod schema, which alone words the problems.

/**
 * What a fast check returns for a value it does not accept (no accepted value is this symbol).
 *
 * @example
 * ```ts
 * if (idText(raw.id) === NO) return undefined; // let the schema look
 * ```
 */
export const NO: unique symbol = Symbol('not accepted');

/**
 * A fast check: the value as the schema would parse it, or {@link NO}.
 *
 * @example
 * ```ts
 * const check: FastCheck = integerIn(1, 480);
 * ```
 */
export type FastCheck = (value: unknown) => unknown;

/**
 * `idString`: non-blank, at most `MAX_ID_LENGTH` characters, no unsafe characters.
 *
 * @example
 * ```ts
 * idText('L-1'); // 'L-1'
 * ```
 */
export const idText: FastCheck = (v) => (typeof v === 'string' && v.trim() !== '' && v.length <= MAX_ID_LENGTH && !UNSAFE_CHARACTERS.test(v) ? v : NO);

/**
 * `nonEmptyString`: a string with a non-blank character.
 *
 * @example
 * ```ts
 * nonBlank(' '); // NO
 * ```
 */
export const nonBlank: FastCheck = (v) => (typeof v === 'string' && v.trim() !== '' ? v : NO);

/**
 * `z.string()`.
 *
 * @example
 * ```ts
 * anyString(''); // ''
 * ```
 */
export const anyString: FastCheck = (v) => (typeof v === 'string' ? v : NO);

/**
 * `z.boolean()`.
 *
 * @example
 * ```ts
 * bool(false); // false
 * ```
 */
export const bool: FastCheck = (v) => (typeof v === 'boolean' ? v : NO);

/** Days already parsed, by their text: a book's events fall on a few thousand dates. Bounded against a hostile feed. */
const knownDays = new Map<string, Day>();
const MAX_KNOWN_DAYS = 50_000;

/**
 * `isoDay`: a business date, as a {@link Day}.
 *
 * @example
 * ```ts
 * dayText('2026-02-15') === day('2026-02-15'); // true
 * ```
 */
export const dayText: FastCheck = (v) => {
  if (typeof v !== 'string') return NO;
  const known = knownDays.get(v);
  if (known !== undefined) return known;
  const d = parseDay(v);
  if (d === undefined) return NO;
  if (knownDays.size < MAX_KNOWN_DAYS) knownDays.set(v, d);
  return d;
};

const money =
  (least: number): FastCheck =>
  (v) => {
    if (typeof v !== 'string') return NO;
    const m = parseMoney(v);
    return m.ok && m.fen >= least ? m.fen : NO;
  };

/**
 * `positiveMoney`: fen, at least one.
 *
 * @example
 * ```ts
 * positiveAmount('0.01'); // 1
 * ```
 */
export const positiveAmount = money(1);

/**
 * `nonNegativeMoney`: fen, zero or more.
 *
 * @example
 * ```ts
 * nonNegativeAmount('0.00'); // 0
 * ```
 */
export const nonNegativeAmount = money(0);

/**
 * `rateString`: a yearly rate below 1.
 *
 * @example
 * ```ts
 * yearlyRate('0.0435'); // { units: 435n, scale: 10000n, text: '0.0435' }
 * ```
 */
export const yearlyRate: FastCheck = (v) => {
  const r = typeof v === 'string' ? parseRate(v) : undefined;
  return r !== undefined && r.units < r.scale ? r : NO;
};

/**
 * `integerIn(min, max)`.
 *
 * @example
 * ```ts
 * integerIn(1, 480)(12); // 12
 * ```
 */
export const integerIn =
  (min: number, max: number): FastCheck =>
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : NO);

/**
 * `oneOf(values)`.
 *
 * @example
 * ```ts
 * oneOf(['retail', 'corporate'])('retail'); // 'retail'
 * ```
 */
export const oneOf =
  (values: readonly string[]): FastCheck =>
  (v) => (typeof v === 'string' && values.includes(v) ? v : NO);
