import type { z } from 'zod';
import { formatPath, type PostloanIssue } from './PostloanIssue';
import { appendAll } from './appendAll';
import { issueFrom, withTextRef, type TextRef } from './issueText';
import { zodText } from './zodText';

/**
 * Converts zod issues into postloan issues. Custom refinements put their code and hint into
 * `params: { code, hint }`; everything else becomes `input.invalid` with a hint derived from the issue.
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  prefix: readonly (string | number)[] = [],
  knownKeys: readonly string[] = [],
): PostloanIssue[] {
  const out: PostloanIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest rather than "invalid input".
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      appendAll(out, fromZodIssues(best, file, [...prefix, ...(issue.path as (string | number)[])], knownKeys));
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      // One issue per key, pointing at the key itself rather than at the object holding it.
      for (const key of issue.keys) {
        out.push(issueFrom({ code: 'input.invalid', file, path: formatPath([...prefix, ...(issue.path as (string | number)[]), key]) }, zodText.unknownKey(key, knownKeys)));
      }
      continue;
    }
    const path = formatPath([...prefix, ...(issue.path as (string | number)[])]);
    const params = (issue as { params?: { code?: PostloanIssue['code']; hint?: string; text?: TextRef } }).params;
    const text = params?.text;
    // A refinement of ours names its text; anything else is worded from zod's issue.
    const t = zodText.issue(issue, path, params?.hint);
    out.push(issueFrom({ code: params?.code ?? 'input.invalid', file, path }, text === undefined ? t : withTextRef({ ...t }, text)));
  }
  return out;
}
