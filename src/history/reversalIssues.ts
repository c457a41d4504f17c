import type { IssueText } from '../contract/messages';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { nearest } from '../errors/suggest';
import type { LoanEvent } from './events';
import { historyText as text } from './messages';

/**
 * How {@link reversalIssues} reports. `pathOf` places an event in its input (default `events[seq]`);
 * `undefined` leaves the event unreported (it was checked when it was recorded, e.g. a stored one).
 * `exists` says an id is in the input although it is not among `events` (an event that failed to parse:
 * a reversal of it is not "unknown").
 */
export interface ReversalCheckOptions {
  readonly file?: string;
  readonly pathOf?: (e: LoanEvent) => string | undefined;
  readonly exists?: (id: string) => boolean;
}

const atSeq = (e: LoanEvent): string => `events[${e.seq}]`;

/**
 * Every `reversal` that names no event it may undo, one issue each (code `event.reversal`): the event is
 * not in the history, is itself a reversal, is already reversed by an earlier reversal (in `events`
 * order — give them in the order they were recorded), or is dated after the reversal. Each has the JSON
 * path of the reversal's offending field and a hint.
 *
 * @example
 * ```ts
 * reversalIssues(history.events, { file: 'history.json' });
 * // [{ code: 'event.reversal', path: 'events[7].reverses', message: 'Reversal "r1" reverses event "p9", which is not in the history', … }]
 * ```
 */
export function reversalIssues(events: readonly LoanEvent[], options: ReversalCheckOptions = {}): PostloanIssue[] {
  // Most histories have no reversal: nothing to index then.
  if (!events.some((e) => e.type === 'reversal')) return [];
  const { file, pathOf = atSeq, exists } = options;
  const byId = new Map<string, LoanEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  const reversedBy = new Map<string, string>();
  const issues: PostloanIssue[] = [];
  for (const e of events) {
    if (e.type !== 'reversal') continue;
    const at = pathOf(e);
    const report = (t: IssueText, field: 'reverses' | 'on'): void => {
      if (at === undefined) return;
      issues.push({ code: 'event.reversal', ...(file === undefined ? {} : { file }), path: `${at}.${field}`, message: t.message, ...(t.hint === undefined ? {} : { hint: t.hint }) });
    };
    const target = byId.get(e.reverses);
    if (target === undefined) {
      if (exists?.(e.reverses) !== true) report(text.reversalUnknown(e.id, e.reverses, nearest(e.reverses, byId.keys())), 'reverses');
      continue;
    }
    if (target.type === 'reversal') {
      report(text.reversalOfReversal(e.id, e.reverses), 'reverses');
      continue;
    }
    if (e.on < target.on) report(text.reversalBeforeEvent(e.id, e.on, target.id, target.on), 'on');
    const first = reversedBy.get(target.id);
    if (first === undefined) reversedBy.set(target.id, e.id);
    else report(text.reversalRepeated(e.id, target.id, first), 'reverses');
  }
  return issues;
}
