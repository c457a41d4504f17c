/**
 * Every user-facing sentence about JSON text and the size of a problem list (`parseJson`,
 * `checkJsonValue`, `capIssues`), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from './issueText';

/** `199900` → `199,900`: counts of problems as people read them (no locale: output is deterministic). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The texts of problems with JSON input.
 *
 * @example
 * ```ts
 * jsonText.tooDeep(64).hint; // 'flatten the document; postloan files never need deep nesting'
 * ```
 */
export const jsonText = textModule('json', {
  tooManyValues: (max: number): IssueText => ({ message: `The document has more than ${max} values`, hint: 'split the input into smaller files' }),
  /** `what` is `'object' | 'undefined' | 'number'` or another `typeof`. */
  notJsonValue: (what: string, value: string): IssueText => ({
    message: `The value is ${what === 'object' ? 'an object that is not a plain object' : what === 'number' ? `the number ${value}` : what === 'undefined' ? 'undefined' : `a ${what}`}, which JSON cannot hold`,
    hint: 'pass JSON text, or the value JSON.parse returns for it',
  }),
  tooDeep: (max: number): IssueText => ({ message: `The JSON is nested more than ${max} levels deep`, hint: 'flatten the document; postloan files never need deep nesting' }),
  forbiddenKey: (key: string): IssueText => ({
    message: `The key "${key}" is not allowed`,
    hint: 'remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution',
  }),
  tooLong: (length: number, max: number): IssueText => ({ message: `The file is ${length} characters long, above the limit of ${max}`, hint: 'split the input into smaller files' }),
  /** `at` is `[line, column]` when the parser said where; `reason` is JSON.parse's, without any excerpt of the input. */
  syntax: (at: readonly [number, number] | undefined, reason: string): IssueText => ({
    message: `The file is not valid JSON${at === undefined ? '' : ` (line ${at[0]}, column ${at[1]})`}: ${reason === 'notJson' ? 'unexpected character: this is not JSON syntax' : reason}`,
    hint: 'check for a missing comma, quote or bracket near that place',
  }),
  tooManyProblems: (omitted: number, total: number): IssueText => ({
    message: `… and ${groupDigits(omitted)} more problem${omitted === 1 ? '' : 's'} (${groupDigits(total)} in all)`,
    hint: 'fix the problems listed; the others are often the same mistake repeated',
  }),
});
