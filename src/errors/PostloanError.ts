import type { PostloanIssue } from './PostloanIssue';
import { formatIssues } from './formatIssues';
import { capIssues } from './capIssues';
import { maskIssues } from './maskPersonalData';

/**
 * The one error type postloan throws for problems in user input. It carries every issue found, not
 * only the first, so a user can fix a file in one pass.
 *
 * @example
 * ```ts
 * try { replayOrThrow(history, pack, { asOf: '2026-04-20' }); }
 * catch (e) { if (e instanceof PostloanError) console.error(formatIssues(e.issues)); }
 * ```
 */
export class PostloanError extends Error {
  override readonly name = 'PostloanError';
  readonly issues: readonly PostloanIssue[];

  constructor(issues: readonly PostloanIssue[]) {
    // The issues a caller reads are masked like the printed message (P-CT-3).
    // Bounded (a history with 200,000 bad events) and masked like the printed message (P-CT-3).
    const masked = maskIssues(capIssues(issues));
    super(formatIssues(masked));
    this.issues = masked;
  }
}

/** Result of every loading function: `{ ok: true, value }` or every problem found. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly PostloanIssue[] };

/** Unwraps a {@link Result}, throwing a {@link PostloanError} with all issues when it failed. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new PostloanError(result.issues);
}

/** Builds a successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/**
 * Builds a failed {@link Result}: at most `MAX_ISSUES` (1,000) issues (the last counting the rest), masked
 * (P-CT-3), as a caller may log them as they are.
 */
export function fail<T = never>(issues: readonly PostloanIssue[]): Result<T> {
  return { ok: false, issues: maskIssues(capIssues(issues)) };
}
