/**
 * A small seeded pseudo-random generator for synthetic data: reproducible from a seed on every platform,
 * integers only (no floating-point draws, so no platform-dependent rounding), and never `Math.random`.
 */

/**
 * Largest seed accepted: seeds are unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * createRandom(MAX_SEED).next(); // fine; larger seeds are refused by generatePortfolio
 * ```
 */
export const MAX_SEED = 0xffff_ffff;

/**
 * A stream of pseudo-random numbers. Every draw is an integer; probabilities are given in per-mille so
 * no draw goes through a float.
 *
 * @example
 * ```ts
 * const rng = createRandom(42);
 * rng.int(1, 6);        // a die roll, the same on every run with seed 42
 * rng.chance(250);      // true 25 % of the time
 * rng.pick(['a', 'b']); // one of the items
 * ```
 */
export interface Random {
  /** The next raw 32-bit unsigned integer. */
  next(): number;
  /** A uniform integer in `[min, max]` (both inclusive); `max - min` below 2^21. */
  int(min: number, max: number): number;
  /** True with probability `perMille / 1000`. */
  chance(perMille: number): boolean;
  /** A uniform element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** An element of `items` with probability proportional to its integer `weight`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
}

/**
 * The splitmix32 finaliser (a bijection on 32-bit integers with good avalanche): used to turn a seed
 * and a stream number into well-spread starting states, so neighbouring seeds give unrelated streams.
 *
 * @example
 * ```ts
 * mix32(0) !== mix32(1); // true, and the two differ in about half their bits
 * ```
 */
export function mix32(value: number): number {
  let z = (value + 0x9e37_79b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85eb_ca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2_ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * A mulberry32 generator (period 2^32, passes the usual statistical batteries for this use) started
 * from `seed` and, optionally, an independent `stream` number: `createRandom(seed, i)` gives loan `i`
 * its own stream, so a loan's content does not depend on how many numbers earlier loans drew.
 *
 * @example
 * ```ts
 * const a = createRandom(7, 3);
 * const b = createRandom(7, 3);
 * a.int(0, 99) === b.int(0, 99); // true: same seed and stream, same numbers
 * ```
 */
export function createRandom(seed: number, stream = 0): Random {
  let state = mix32((mix32(seed >>> 0) ^ Math.imul(stream >>> 0, 0x2c1b_3c6d)) >>> 0);
  const next = (): number => {
    state = (state + 0x6d2b_79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // floor(u × n / 2^32) with u < 2^32 and n < 2^21: the product is below 2^53, so the arithmetic is exact.
  const below = (n: number): number => Math.floor((next() * n) / 0x1_0000_0000);
  return {
    next,
    int(min, max) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min || max - min >= 0x20_0000) {
        throw new RangeError(`int(${min}, ${max}): need integers with min ≤ max and a range below 2^21`);
      }
      return min + below(max - min + 1);
    },
    chance(perMille) {
      return below(1000) < perMille;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick needs at least one item');
      return items[below(items.length)] as (typeof items)[number];
    },
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      if (total <= 0) throw new RangeError('weighted needs a positive total weight');
      let r = below(total);
      for (const [item, w] of items) {
        if (r < w) return item;
        r -= w;
      }
      throw new RangeError('unreachable: weights changed during the draw');
    },
  };
}
