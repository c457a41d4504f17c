import type { PostloanIssue } from './PostloanIssue';
import { jsonText } from './jsonMessages';
import { textRefOf, withTextRef } from './issueText';

/**
 * The most issues a result or error holds. A history with 200,000 bad events has 200,000 problems;
 * the first thousand show what is wrong, and the count says how much.
 */
export const MAX_ISSUES = 1000;

/** How many issues a terminal is shown; the rest are counted in one closing line. */
export const MAX_PRINTED_ISSUES = 100;

export { groupDigits } from './jsonMessages';

/**
 * How many problems a list stands for: its issues plus those a closing `input.tooManyProblems` counts.
 *
 * @example
 * ```ts
 * const r = parseHistory(text, "book.json");
 * if (!r.ok) console.error(`${problemCount(r.issues)} problems`); // 400000, though r.issues holds 1,000
 * ```
 */
export function problemCount(issues: readonly PostloanIssue[]): number {
  let n = 0;
  for (const i of issues) n += i.code === 'input.tooManyProblems' ? (i.omitted ?? 0) : 1;
  return n;
}

/**
 * At most `max` issues: the first `max - 1` and one closing `input.tooManyProblems` issue that counts
 * the rest (its `omitted`). A list already capped keeps its count. Lists within the limit are returned
 * as they are.
 *
 * @example
 * ```ts
 * const capped = capIssues(issues); // 200,000 issues → 999 of them and "… and 199,001 more problems"
 * capped[capped.length - 1].omitted; // 199001
 * ```
 */
export function capIssues(issues: readonly PostloanIssue[], max: number = MAX_ISSUES): readonly PostloanIssue[] {
  if (issues.length <= max) return issues;
  const kept = issues.slice(0, max - 1).filter((i) => i.code !== 'input.tooManyProblems');
  const omitted = problemCount(issues) - kept.length;
  return [...kept, tooMany(omitted, kept.length + omitted)];
}

function tooMany(omitted: number, total: number): PostloanIssue {
  const t = jsonText.tooManyProblems(omitted, total);
  return withTextRef({ code: 'input.tooManyProblems', path: '', message: t.message, ...(t.hint === undefined ? {} : { hint: t.hint }), omitted }, textRefOf(t));
}
