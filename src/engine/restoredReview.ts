import { parseDay, type Day } from '../time/day';
import type { RestoredSnapshot } from './snapshot';

// A snapshot's `nextReviewOn` is the wake its run computed on its last day (`nextWake(run, run.day)`,
// without daily evaluation: `snapshotReview`), and the checksum seals it. A trusted restore keeps it, so
// the resumed run starts from it instead of working the same wake out again from the restored state.

/** The review day of each trusted restore, with the day it was computed on. */
const reviews = new WeakMap<RestoredSnapshot, { readonly day: number; readonly wake: Day | undefined }>();

/**
 * Keeps the sealed review day of a trusted restore (`null`: the loan never wakes without an event). A
 * text that is not a date keeps nothing: the resume computes the wake.
 */
export function keepReview(restored: RestoredSnapshot, review: unknown): void {
  if (review === null) reviews.set(restored, { day: restored.state.day, wake: undefined });
  else if (typeof review === 'string') {
    const wake = parseDay(review);
    if (wake !== undefined && wake > restored.state.day) reviews.set(restored, { day: restored.state.day, wake });
  }
}

/**
 * The wake the restored run would compute on day `d` (not evaluated daily), when a trusted restore kept
 * it for that day; undefined when not known (the caller computes it). `{ wake: undefined }` is "never".
 */
export function reviewOfRestore(restored: RestoredSnapshot, d: Day): { readonly wake: Day | undefined } | undefined {
  const kept = reviews.get(restored);
  return kept !== undefined && kept.day === d ? kept : undefined;
}
