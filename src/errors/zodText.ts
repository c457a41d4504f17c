/**
 * The texts of issues converted from zod: our wording of zod's own checks (`zodMessage`) and of keys
 * a strict schema does not know.
 */
import type { z } from 'zod';
import type { IssueText } from '../contract/messages';
import { textModule } from './issueText';
import { nearest } from './suggest';
import { typeWord, zodMessage } from './zodMessage';

/** The hint for a zod issue no refinement of ours gave one to. */
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

/**
 * Texts of issues found by zod (see `fromZodIssues`).
 *
 * @example
 * ```ts
 * zodText.unknownKey('anchr', ['anchor']).hint; // 'did you mean "anchor"?'
 * ```
 */
export const zodText = textModule('zod', {
  unknownKey: (key: string, known: readonly string[]): IssueText => {
    const near = nearest(key, known);
    return { message: `Unknown key "${key}"`, hint: near === undefined ? 'remove it or fix its spelling' : `did you mean "${near}"?` };
  },
  /** `hint` is the one a schema gave in its params, if any. */
  issue: (issue: z.core.$ZodIssue, path: string, hint: string | undefined): IssueText => {
    const h = hint ?? defaultHint(issue);
    return { message: zodMessage(issue, path), ...(h === undefined ? {} : { hint: h }) };
  },
});
