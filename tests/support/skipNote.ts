/**
 * Says why tests are skipped, once per file, in the run's output: a local run without Chromium or a
 * build should say what it did not test rather than pass silently. Returns `skip` for `it.skipIf`.
 */
export function skipNote(skip: boolean, reason: string): boolean {
  if (skip) console.warn(`[skipped] ${reason}`);
  return skip;
}
