import { replay, replayWithSnapshot } from '../engine/replay';
import { snapshotText } from '../engine/snapshotText';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { maskIssues } from '../errors/maskPersonalData';
import { parseJson } from '../errors/parseJson';
import { parseHistoryValue } from '../history/parseHistory';
import type { CompiledPack } from '../rules/loadPack';
import type { Day } from '../time/day';
import type { HistoryText, HistoryWhere } from './historyTexts';
import { loanIdOf } from './reportCommand';
import { replayFailureIssues } from './replayFailureIssues';

/** The lines `postloan batch` writes for one history, newline included. */
export interface BatchLine {
  /** The replay output as compact JSON, or an error line. */
  readonly line: string;
  /** With `--snapshots`: the loan's snapshot as compact JSON; the error line again for a failed loan. */
  readonly snapshot?: string;
  /** True for an error line. */
  readonly failed: boolean;
  /** The loan id of a replayed history, for the duplicate check of the writer. */
  readonly loanId?: string;
  /** A failed history's first problem, for the summary of the kinds of problems (printed in the reader's language). */
  readonly problem?: PostloanIssue;
}

/** Options of {@link replayLine}. */
export interface BatchLineOptions {
  readonly pack: CompiledPack;
  readonly asOf: Day;
  readonly snapshots: boolean;
  /** Lean snapshots: see `SnapshotOptions.lean`. */
  readonly lean?: boolean;
}

/**
 * The error line of a history that could not be replayed: `{"error":{"file","line","loanId","issues"}}`,
 * `line` for a line of a JSONL file, `loanId` when the history got far enough to name its loan. Each
 * issue carries its JSON path (`events[3].amount`) and a hint.
 */
export function errorLine(where: HistoryWhere, loanId: string | undefined, issues: readonly PostloanIssue[]): string {
  // The line is a log of its own: personal data in the messages is masked here too (P-CT-3).
  return `${JSON.stringify({ error: { file: where.file, ...(where.line === undefined ? {} : { line: where.line }), ...(loanId === undefined ? {} : { loanId }), issues: maskIssues(issues) } })}\n`;
}

function failed(where: HistoryWhere, loanId: string | undefined, issues: readonly PostloanIssue[], snapshots: boolean): BatchLine {
  const line = errorLine(where, loanId, issues);
  const problem = issues[0];
  return { line, ...(snapshots ? { snapshot: line } : {}), failed: true, ...(problem === undefined ? {} : { problem }) };
}

/**
 * Parses and replays one history of a batch, never throwing: a JSON syntax error, an invalid history or
 * a replay refusal (e.g. `--as-of` before disbursement) becomes an error line naming the file, line,
 * loan and JSON path. Runs the same in-process and in a worker thread.
 *
 * @example
 * ```ts
 * replayLine({ where: { file: 'book.jsonl', line: 1 }, text }, { pack, asOf, snapshots: false }).line;
 * // '{"loanId":"L-00001","state":"normal",…}\n'
 * ```
 */
export function replayLine(item: HistoryText, options: BatchLineOptions): BatchLine {
  const { where } = item;
  if ('issues' in item) return failed(where, undefined, item.issues, options.snapshots);
  const file = where.line === undefined ? where.file : `${where.file}:${where.line}`;
  const json = parseJson(item.text, file);
  if (!json.ok) return failed(where, undefined, json.issues, options.snapshots);
  const loanId = loanIdOf(json.value);
  const parsed = parseHistoryValue(json.value, file);
  if (!parsed.ok) return failed(where, loanId, parsed.issues, options.snapshots);
  try {
    const id = parsed.value.loan.id;
    if (!options.snapshots) return { line: `${JSON.stringify(replay(parsed.value, options.pack, { asOf: options.asOf }))}\n`, failed: false, loanId: id };
    const { output, snapshot } = replayWithSnapshot(parsed.value, options.pack, { asOf: options.asOf, lean: options.lean === true });
    return { line: `${JSON.stringify(output)}\n`, snapshot: `${snapshotText(snapshot)}\n`, failed: false, loanId: id };
  } catch (e) {
    return failed(where, loanId, replayFailureIssues(e, file, parsed.value.loan.id), options.snapshots);
  }
}
