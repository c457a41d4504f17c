import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import type { LoanEvent } from '../history/events';
import { reversalIssues, type ReversalCheckOptions } from '../history/reversalIssues';
import { formatDay, type Day } from '../time/day';

/**
 * The events a replay up to `asOf` applies: every event but those a reversal dated on or before `asOf`
 * undoes. A reversal undoes its event for every day — the replay is that of the history without it — once
 * it is known; before its own date it is not, and the event stands. The reversals themselves stay: each
 * records its `eventReversed` entry on its day.
 *
 * @example
 * ```ts
 * withoutReversed(history.events, asOf).some((e) => e.id === 'p3'); // false once reversal r1 of p3 is known
 * ```
 */
export function withoutReversed(events: readonly LoanEvent[], asOf: Day): readonly LoanEvent[] {
  const reversed = new Set<string>();
  for (const e of events) if (e.type === 'reversal' && e.on <= asOf) reversed.add(e.reverses);
  return reversed.size === 0 ? events : events.filter((e) => !reversed.has(e.id));
}

/**
 * Refuses a history whose reversals name no event they may undo (see `reversalIssues`). `parseHistory`
 * refuses such a file already; this guards a history built by hand. File order (`seq`) decides which of
 * two reversals of one event is the repeat. `options` as for `reversalIssues` (the new events of a resumed
 * replay are not the whole history: an id they do not hold may be in the snapshot's past).
 */
export function checkReversals(events: readonly LoanEvent[], options: ReversalCheckOptions = {}): void {
  if (!events.some((e) => e.type === 'reversal')) return;
  const issues = reversalIssues([...events].sort((a, b) => a.seq - b.seq), options);
  if (issues.length > 0) throw new PostloanError(issues);
}

/**
 * The new events of a resumed replay that reverse an event the snapshot has already taken in (one not
 * among `events`): like a back-dated event, the past must be replayed, from the loan's full history.
 *
 * @example
 * ```ts
 * reversalsOfThePast(loanId, snapshot.asOf, asOf, [reversalOfP1]); // one issue: p1 is in the snapshot's past
 * ```
 */
export function reversalsOfThePast(loanId: string, snapshotAsOf: Day, asOf: Day, events: readonly LoanEvent[]): PostloanIssue[] {
  const ids = new Set(events.map((e) => e.id));
  const issues: PostloanIssue[] = [];
  events.forEach((e, i) => {
    if (e.type !== 'reversal' || e.on <= snapshotAsOf || e.on > asOf || ids.has(e.reverses)) return;
    issues.push({
      code: 'input.invalid',
      path: `events[${i}].reverses`,
      message: `Reversal ${e.id} of loan ${loanId} reverses event ${e.reverses}, which is not among the new events: an event the snapshot of ${formatDay(snapshotAsOf)} has taken in cannot be taken out of it`,
      hint: 'give the loan\'s full history (options.history) to replay it from the start without the reversed event',
    });
  });
  return issues;
}
