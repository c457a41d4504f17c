import { ruleFactsText } from '../dataFacts';
import type { Instalment } from '../../contract/schedule';
import type { Facts } from '../../rules/facts';
import { formatDay, type Day } from '../../time/day';
import { isCleared, type Task, type TaskBook } from './taskBook';
import { forgetRuleWakes } from './nextTaskWake';
import { rollingMayOpen } from './rulesByAnchor';
import { taskCancelledEntry } from './taskEntries';
import { answerOf, NOT_HOLDING, type RuleHolds } from './ruleHolds';
import { hasRole } from '../../workflow/statechart';

// Tasks no longer needed: cancelled with the reason (instalment paid, rule no longer holding, schedule replaced).

/**
 * A restructuring, extension or re-age replaced the schedule on day `t` from position `from` (a re-age:
 * the instalments from `from` up to `upTo`, those it moved): open tasks of the instalments and maturity
 * it replaced are cancelled with that reason, and every rule looks at the new instalments from the start.
 */
export function scheduleReplaced(book: TaskBook, t: Day, from: number, why: string, upTo = Number.POSITIVE_INFINITY): void {
  book.schedule = book.ledger.schedule;
  const n = book.schedule.length;
  const maturity = n > 0 ? (book.schedule[n - 1] as Instalment).dueOn : undefined;
  for (const task of [...book.open]) {
    const a = task.rule.decision.anchor;
    if ((task.slot !== undefined && task.slot >= from && task.slot < upTo) || ((a === 'maturity' || a === 'missedMaturity') && task.anchorOn !== maturity)) {
      cancelTask(book, task, t, `${why} on ${formatDay(t)}`);
    }
  }
  for (const c of book.cursors) {
    if (c.next > from) c.next = from;
    c.wakeKey = Number.NaN;
  }
  // Instalments and the maturity moved: every rule is looked at again.
  book.visitOn.fill(Number.NEGATIVE_INFINITY);
  forgetRuleWakes(book);
}

/** Cancels an open task with the reason, in the task and in the timeline. */
export function cancelTask(book: TaskBook, task: Task, t: Day, reason: string): void {
  book.open = book.open.filter((k) => k !== task);
  rollingMayOpen(book, task.kind);
  task.status = 'cancelled';
  task.closedOn = t;
  task.reason = reason;
  book.timeline.push(taskCancelledEntry(task, formatDay(t), reason));
}

/** Cancels open tasks that are no longer needed: instalment paid, limitation restarted, rule no longer holding. */
export function cancelUnneeded(book: TaskBook, t: Day, facts: Facts, holds: RuleHolds): void {
  // No copy needed: cancelTask replaces `book.open` rather than changing the array walked here.
  const open = book.open;
  for (const task of open) {
    if (task.slot !== undefined && isCleared(book, task.slot) && !task.rule.decision.anchor.startsWith('eachMissed')) {
      cancelTask(book, task, t, `instalment ${task.instalment} was paid on ${formatDay(book.ledger.clearedOn[task.slot] as Day)}`);
    } else if (task.slot !== undefined && isCleared(book, task.slot)) {
      cancelTask(book, task, t, `instalment ${task.instalment} was paid on ${formatDay(book.ledger.clearedOn[task.slot] as Day)} before the notice was sent`);
    } else if (task.rule.decision.anchor === 'limitationExpiry' && book.limitationExpiry !== task.anchorOn) {
      cancelTask(book, task, t, book.limitationExpiry === undefined ? 'the loan is settled' : `the limitation period restarted; it now expires on ${formatDay(book.limitationExpiry)}`);
    } else if (answerOf(holds, task) === NOT_HOLDING) {
      cancelTask(
        book,
        task,
        t,
        hasRole(book.pack, facts.state, 'settled')
          ? `the loan was settled on ${formatDay(t)}`
          : `rule ${task.rule.id} no longer applies (${ruleFactsText(task.rule, facts)})`,
      );
    }
  }
}
