// What crosses between `postloan batch` and its worker threads. Histories and lines are plain data,
// except the issues they carry: those travel as portable issues, so their text references (and with
// them the reader's language) survive the structured clone.
import { fromPortable, toPortable, type PortableIssue } from '../errors/portableIssue';
import type { BatchLine } from './batchLine';
import type { HistoryText } from './historyTexts';

/** A history on its way to a worker. */
export type WireHistory = { readonly where: HistoryText['where']; readonly text: string } | { readonly where: HistoryText['where']; readonly issues: readonly PortableIssue[] };

/** A batch line on its way back. */
export type WireLine = Omit<BatchLine, 'problem'> & { readonly problem?: PortableIssue };

/** `item` ready for `postMessage`. */
export function toWireHistory(item: HistoryText): WireHistory {
  return 'issues' in item ? { where: item.where, issues: item.issues.map(toPortable) } : item;
}

/** The history a worker received. */
export function fromWireHistory(item: WireHistory): HistoryText {
  return 'issues' in item ? { where: item.where, issues: item.issues.map(fromPortable) } : item;
}

/** `line` ready for `postMessage`. */
export function toWireLine(line: BatchLine): WireLine {
  const { problem, ...rest } = line;
  return problem === undefined ? rest : { ...rest, problem: toPortable(problem) };
}

/** The line a worker sent back. */
export function fromWireLine(line: WireLine): BatchLine {
  const { problem, ...rest } = line;
  return problem === undefined ? rest : { ...rest, problem: fromPortable(problem) };
}
