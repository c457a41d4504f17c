import type { Instalment } from '../../contract/schedule';
import type { TaskParams } from '../../rules/decisions';
import { addDays, formatDay, type Day } from '../../time/day';
import type { TaskBook } from './taskBook';
import { applyOffset } from './taskOffsets';

// The dates a task instance hangs on: once-per-loan anchors, and the open date from an anchor.

/** The date of a once-per-loan anchor; undefined when there is none (no schedule, or settled for the limitation). */
export function singleAnchor(book: TaskBook, anchor: 'disbursement' | 'maturity' | 'missedMaturity' | 'limitationExpiry'): Day | undefined {
  if (anchor === 'disbursement') return book.loan.disbursedOn;
  if (anchor === 'limitationExpiry') return book.limitationExpiry;
  const n = book.schedule.length;
  return n > 0 ? (book.schedule[n - 1] as Instalment).dueOn : undefined;
}

/** Task key of a once-per-loan anchor; the limitation expiry moves, so its key says which one. */
export function singleKey(anchor: string, d: Day): string {
  return `${anchor === 'limitationExpiry' ? 'expiry-' : ''}${formatDay(d)}`;
}

/**
 * Whether a rule held on an instance's open day: the answer before this evaluation for a day skipped
 * since the last one (answers are constant between evaluations), else today's answer.
 */
export function heldOn(opened: Day, t: Day, before: boolean, now: boolean): boolean {
  return opened < t ? before : now;
}

/** A task never opens before the disbursement date. */
export function clampOpen(disbursed: Day, opened: Day): Day {
  return opened < disbursed ? disbursed : opened;
}

/** Open date: explicit `opens`, else the anchor, or the due date when the deadline is before the anchor. */
export function openOf(book: TaskBook, p: TaskParams, anchor: Day, due: Day, periodStart: Day | undefined): Day {
  if (p.opens === 'periodStart') return periodStart ?? anchor;
  if (p.opens !== undefined) return applyOffset(book, anchor, p.opens);
  return due < anchor ? due : anchor;
}

/** A missed instalment's task opens the day after the due date, or later with `opens` (T+2, T+4 …). */
export function missedOpen(book: TaskBook, p: TaskParams, dueOn: Day): Day {
  const next = addDays(dueOn, 1);
  if (p.opens === undefined || p.opens === 'periodStart') return next;
  const at = applyOffset(book, dueOn, p.opens);
  return at > next ? at : next;
}
