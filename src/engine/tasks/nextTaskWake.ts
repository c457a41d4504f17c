import type { Instalment } from '../../contract/schedule';
import type { TaskParams } from '../../rules/decisions';
import { addDays, type Day } from '../../time/day';
import { cachedPeriod, singleConsidered, type RuleCursor } from './ruleCursor';
import { missedOpen, openOf, singleAnchor } from './taskAnchors';
import type { TaskBook, TaskRule } from './taskBook';
import { earliest, lookAhead } from './taskOffsets';

// The next day a task opens or breaches without any event: the task part of a loan's wake date.

/** When a task of this anchor opens, or an earlier safe day when the calendar cannot tell yet. */
export function wakeFor(book: TaskBook, p: TaskParams, anchor: Day, periodStart: Day | undefined): Day {
  const due = lookAhead(book, anchor, p.due);
  if (due === undefined) return periodStart ?? earliest(anchor, p.due);
  // (An open date before disbursement is clamped by the caller; waking early is always safe.)
  if (typeof p.opens === 'object' && lookAhead(book, anchor, p.opens) === undefined) return earliest(anchor, p.opens);
  return openOf(book, p, anchor, due, periodStart);
}

/**
 * `wakeFor` of the anchor, computed once per cursor position `key` (instalment or period index, or the
 * anchor day): evaluations and wake checks both ask.
 */
export function wakeAt(book: TaskBook, c: RuleCursor, p: TaskParams, key: number, anchor: Day, periodStart: Day | undefined): Day {
  if (c.wakeKey !== key) {
    c.wakeKey = key;
    c.wakeOn = wakeFor(book, p, anchor, periodStart);
  }
  return c.wakeOn;
}

/**
 * The next day after `t` on which a task opens or breaches without any event; undefined when none.
 * Runs after every evaluation of a loan, so it allocates nothing: no closures, no keys but a single
 * anchor's on its first look.
 */
export function nextTaskWake(book: TaskBook, t: Day): Day | undefined {
  let best = Number.POSITIVE_INFINITY;
  for (const task of book.open) {
    const d = addDays(task.dueOn, 1);
    if (d > t && d < best) best = d;
  }
  const n = book.schedule.length;
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const cursors = book.cursors;
  for (let r = 0; r < rules.length; r++) {
    const c = cursors[r] as RuleCursor;
    // A rule that does not hold opens nothing until an evaluation finds it holding again.
    if (!c.holding) continue;
    const p = (rules[r] as TaskRule).decision;
    const next = c.next;
    let d: number = Number.POSITIVE_INFINITY;
    switch (p.anchor) {
      case 'eachDueDate':
      case 'eachInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
          d = i === next ? wakeAt(book, c, p, i, it.dueOn, undefined) : wakeFor(book, p, it.dueOn, undefined);
          break;
        }
        break;
      case 'eachMissedDueDate':
      case 'eachMissedInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
          d = missedOpen(book, p, it.dueOn);
          break;
        }
        break;
      case 'monthEnd':
      case 'quarterEnd':
      case 'halfYearEnd':
      case 'yearEnd': {
        const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
        d = wakeAt(book, c, p, next, period.end, period.start);
        break;
      }
      case 'disbursement':
      case 'maturity':
      case 'missedMaturity':
      case 'limitationExpiry': {
        const anchor = singleAnchor(book, p.anchor);
        if (anchor === undefined) break;
        if (p.anchor === 'missedMaturity') d = addDays(anchor, 1);
        else if (!singleConsidered(c, p, anchor)) d = wakeAt(book, c, p, anchor, anchor, undefined);
        break;
      }
      case 'eachDay':
      case 'eachWorkingDay': {
        // Every (working) day while the rule holds: the next one not yet considered.
        let w = (next > t ? next : t + 1) as Day;
        if (p.anchor === 'eachWorkingDay') for (let i = 0; i < 31 && !book.pack.calendar.isWorkingDay(w); i++) w = addDays(w, 1);
        d = w;
        break;
      }
      default:
        break;
    }
    if (d > t && d < best) best = d;
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}
