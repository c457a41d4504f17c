import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { issueFrom, reissue } from '../errors/issueText';
import { cliText } from './cliMessages';

/**
 * The issues of a history whose replay threw, for a command that goes on with the rest of the book
 * (`batch`, `report`, `diff`): a refusal's own issues, named after `file` when they name no file; any
 * other error as an internal error for loan `loanId`.
 *
 * @example
 * ```ts
 * builder.addError({ ...at, issues: replayFailureIssues(e, 'book.jsonl:3', history.loan.id) });
 * ```
 */
export function replayFailureIssues(e: unknown, file: string, loanId: string): readonly PostloanIssue[] {
  return e instanceof PostloanError
    ? e.issues.map((i) => reissue(i, { file: i.file ?? file }))
    : [issueFrom({ code: 'input.invalid', file, path: '' }, cliText.internalForLoan(loanId, e instanceof Error ? e.message : String(e)))];
}
