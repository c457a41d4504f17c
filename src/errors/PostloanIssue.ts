/**
 * Machine-readable codes for every problem a user can cause. Kept as a string-literal union so callers
 * can switch on them exhaustively.
 */
export type IssueCode =
  | 'json.syntax'
  | 'json.tooDeep'
  | 'json.forbiddenKey'
  | 'input.invalid'
  | 'money.number'
  | 'money.format'
  | 'money.negative'
  | 'money.range'
  | 'rate.format'
  | 'date.format'
  | 'date.invalid'
  | 'event.unknownType'
  | 'event.unknownKind'
  | 'input.tooLong'
  | 'input.tooManyProblems'
  | 'input.controlCharacter'
  | 'event.duplicateId'
  | 'event.beforeDisbursement'
  /** A reversal that names no reversible event: unknown, a reversal, already reversed, or later than it. */
  | 'event.reversal'
  | 'contract.schedule'
  | 'calendar.outOfCoverage'
  | 'calendar.invalid'
  | 'pack.missingFile'
  | 'pack.unknownOperator'
  | 'pack.unknownFact'
  | 'pack.unknownParam'
  | 'pack.missingParam'
  | 'pack.paramType'
  | 'pack.unknownEventType'
  | 'pack.unknownTaskKind'
  | 'pack.cadenceBreach'
  | 'pack.duplicateRule'
  | 'pack.unknownRule'
  | 'pack.tableOverlap'
  | 'pack.invalid'
  | 'pack.emptyGroup'
  | 'pack.unsupportedPath'
  | 'pack.undeclaredData'
  | 'pack.missingOperator'
  | 'cli.usage'
  | 'cli.io'
  /** A bug in postloan caught by a guard (the replay loop stopped advancing); not the user's input. */
  | 'internal.loop'
  | 'store.schema'
  | 'store.conflict'
  | 'store.pack';

/**
 * One problem found in user input: what is wrong, where (file and JSON path), and how to fix it.
 * Issues are plain data; {@link formatIssues} renders them for a terminal.
 */
export interface PostloanIssue {
  readonly code: IssueCode;
  readonly message: string;
  /** The file the problem is in, as the user named it. */
  readonly file?: string;
  /** JSON path inside the file, e.g. `events[3].amount`; empty for the whole document. */
  readonly path: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Only on the last issue of a capped list (`input.tooManyProblems`): how many problems were left out. */
  readonly omitted?: number;
}

/** A path segment as zod and our own walkers produce them. */
export type PathSegment = string | number;

/**
 * Renders a path the way users write it in JSON tools: `events[3].amount`.
 *
 * @example
 * ```ts
 * formatPath(['events', 3, 'amount']); // 'events[3].amount'
 * ```
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
