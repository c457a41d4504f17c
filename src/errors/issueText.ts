/**
 * How an issue remembers which sentence it says, so a terminal can print it in another language.
 *
 * Library results keep `message` and `hint` in English (the JSON a caller stores or compares never
 * changes with the locale). Each text module (`contractText`, `historyText`, …) is wrapped by
 * {@link textModule}: every text it builds carries, invisibly, its module, key and arguments (a
 * {@link TextRef}). An issue built from such a text keeps the reference (non-enumerable, so
 * `JSON.stringify`, `toEqual` and spreads do not see it); `localizeIssue` rebuilds the sentence from
 * the same arguments with the locale's builder.
 */
import type { IssueText } from '../contract/messages';
import type { PostloanIssue } from './PostloanIssue';

/** The text modules; each has an English builder object and a zh-CN translation of the same shape. */
export type TextModuleId = 'contract' | 'history' | 'lint' | 'zod' | 'condition' | 'pack' | 'json' | 'store' | 'cli' | 'calendar' | 'replay' | 'portfolio' | 'statechart';

/** Which sentence a text is: its module, its builder and the facts it was built from. */
export interface TextRef {
  readonly module: TextModuleId;
  readonly key: string;
  readonly args: readonly unknown[];
}

const TEXT_REF = Symbol('postloan.textRef');

/**
 * A translation of a text module: one builder per English builder, taking the same arguments, so a
 * missing or mistyped translation fails the typecheck.
 *
 * @example
 * ```ts
 * const zh: Translation<typeof historyText> = { timestampFormat: (v) => ({ message: `…${v}`, hint: '…' }), … };
 * ```
 */
export type Translation<M> = {
  readonly [K in keyof M]: M[K] extends (...args: infer A) => IssueText ? (...args: A) => IssueText : never;
};

type Builders = Record<string, (...args: never[]) => IssueText>;

/**
 * The text reference an issue, a text or a zod issue's params carry, if any.
 *
 * @example
 * ```ts
 * textRefOf(historyText.loanMissing()); // { module: 'history', key: 'loanMissing', args: [] }
 * ```
 */
export function textRefOf(value: object): TextRef | undefined {
  return (value as { [TEXT_REF]?: TextRef })[TEXT_REF];
}

/**
 * `target` with `ref` attached, non-enumerable (invisible to JSON, equality and spreads).
 *
 * @example
 * ```ts
 * const issue = withTextRef({ code: 'input.invalid', path: '', ...t }, textRefOf(t));
 * ```
 */
export function withTextRef<T extends object>(target: T, ref: TextRef | undefined): T {
  if (ref !== undefined) Object.defineProperty(target, TEXT_REF, { value: ref, enumerable: false });
  return target;
}

/**
 * Wraps a module of English text builders so each text it builds carries its {@link TextRef}.
 *
 * @example
 * ```ts
 * export const calendarText = textModule('calendar', { notObject: (v: unknown): IssueText => ({ message: '…' }) });
 * ```
 */
export function textModule<M extends Builders>(module: TextModuleId, builders: M): M {
  const out: Record<string, (...args: unknown[]) => IssueText> = {};
  for (const [key, build] of Object.entries(builders)) {
    out[key] = (...args: unknown[]): IssueText => withTextRef({ ...(build as (...a: unknown[]) => IssueText)(...args) }, { module, key, args });
  }
  return out as unknown as M;
}

/**
 * An issue: `fields` followed by the text's message and hint, keeping the text's reference.
 *
 * @example
 * ```ts
 * issueFrom({ code: 'input.invalid', file: 'h.json', path: 'loan' }, historyText.loanMissing());
 * ```
 */
export function issueFrom<F extends Omit<PostloanIssue, 'message' | 'hint'>>(fields: F, text: IssueText): F & IssueText {
  return withTextRef({ ...fields, message: text.message, ...(text.hint === undefined ? {} : { hint: text.hint }) }, textRefOf(text));
}

/**
 * A copy of `issue` with some fields changed, keeping its text reference (a spread alone drops it).
 *
 * @example
 * ```ts
 * e.issues.map((i) => reissue(i, { file: i.file ?? file }));
 * ```
 */
export function reissue<T extends object>(issue: T, changes: Partial<T>): T {
  return withTextRef({ ...issue, ...changes }, textRefOf(issue));
}
