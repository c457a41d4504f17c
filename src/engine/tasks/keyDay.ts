import { parseDay, type Day } from '../../time/day';

// Task keys read as days, for the compact closed ids (a key that is a date is kept as a day number).

/** Keys already read as days (or found not to be one): the same few hundred dates recur in every loan of a batch. */
const keyDays = new Map<string, Day | null>();

/** `parseDay` of a task key, remembered (bounded, like `formatDay`'s cache). */
export function dayOfKey(key: string): Day | undefined {
  let d = keyDays.get(key);
  if (d === undefined) {
    d = parseDay(key) ?? null;
    if (keyDays.size < 100_000) keyDays.set(key, d);
  }
  return d ?? undefined;
}
