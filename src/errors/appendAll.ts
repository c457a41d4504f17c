/**
 * Appends every item of `items` to `target`, one by one. `target.push(...items)` passes each item as
 * an argument and overflows the call stack beyond about 100,000 items (a history with 200,000 bad
 * events); problem lists and other unbounded arrays are appended with this instead.
 *
 * @example
 * ```ts
 * const issues: PostloanIssue[] = [];
 * appendAll(issues, historyResult.issues);
 * ```
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
