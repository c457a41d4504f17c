import type { z } from 'zod';
import { formatPath, type PostloanIssue } from './PostloanIssue';
import { nearest } from './suggest';
import { typeWord, zodMessage } from './zodMessage';
import { appendAll } from './appendAll';
import { withTextRef, type TextRef } from './issueText';

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
        out.push({
          code: 'input.invalid',
          file,
          path: formatPath([...prefix, ...(issue.path as (string | number)[]), key]),
          message: `Unknown key "${key}"`,
          hint: nearest(key, knownKeys) === undefined ? 'remove it or fix its spelling' : `did you mean "${nearest(key, knownKeys) ?? ''}"?`,
        });
      }
      continue;
    }
    const path = formatPath([...prefix, ...(issue.path as (string | number)[])]);
    const params = (issue as { params?: { code?: PostloanIssue['code']; hint?: string; text?: TextRef } }).params;
    const hint = params?.hint ?? defaultHint(issue);
    out.push(
      withTextRef(
        {
          code: params?.code ?? 'input.invalid',
          file,
          path,
          message: zodMessage(issue, path),
          ...(hint === undefined ? {} : { hint }),
        },
        params?.text,
      ),
    );
  }
  return out;
}

function defaultHint(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'add this field' : `write ${typeWord(issue.expected)} here`;
    case 'unrecognized_keys':
      return 'remove the unknown key or fix its spelling';
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return undefined;
  }
}
