import { parseRate, type Rate } from '../money/rate';

// The rates of a book are a handful of strings repeated across its loans ("0.0435", "0.0005"): a trusted
// restore reads two per loan, and parsing one builds three bigints. The parse is a pure function of the
// text, so a rate already parsed is given back, the same object to every loan.

/** Parsed rates by their text; cleared when it reaches {@link MAX_RATES} (a book of all-different rates). */
const parsed = new Map<string, Rate>();
const MAX_RATES = 1024;

/**
 * `parseRate(text)`, from a cache of the texts parsed before: the same units, scale and text, frozen (one
 * object is shared by every contract with that rate). Undefined for a text that is not a rate (not cached).
 *
 * @example
 * ```ts
 * knownRate('0.0435') === knownRate('0.0435'); // true: { units: 435n, scale: 10000n, text: '0.0435' }
 * ```
 */
export function knownRate(text: string): Rate | undefined {
  let r = parsed.get(text);
  if (r !== undefined) return r;
  r = parseRate(text);
  if (r === undefined) return undefined;
  if (parsed.size >= MAX_RATES) parsed.clear();
  parsed.set(text, Object.freeze(r));
  return r;
}
