import type { Instalment } from '../../contract/schedule';
import type { TaskParams } from '../../rules/decisions';
import { addDays, type Day } from '../../time/day';
import { cachedPeriod, cachedWake, wasConsidered, type RuleCursor } from './ruleCursor';
import { missedOpen, openOf, singleAnchor, singleKey } from './taskAnchors';
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

/** The next day after `t` on which a task opens or breaches without any event; undefined when none. */
export function nextTaskWake(book: TaskBook, t: Day): Day | undefined {
  let best = Number.POSITIVE_INFINITY;
  const consider = (d: Day): void => {
    if (d > t && d < best) best = d;
  };
  for (const task of book.open) consider(addDays(task.dueOn, 1));
  const n = book.schedule.length;
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  for (let r = 0; r < rules.length; r++) {
    const p = (rules[r] as TaskRule).decision;
    const c = book.cursors[r] as RuleCursor;
    // A rule that does not hold opens nothing until an evaluation finds it holding again.
    if (!c.holding) continue;
    const next = c.next;
    switch (p.anchor) {
      case 'eachDueDate':
      case 'eachInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachInterestDate' && it.interest === 0) continue;
          consider(i === next ? cachedWake(c, i, () => wakeFor(book, p, it.dueOn, undefined)) : wakeFor(book, p, it.dueOn, undefined));
          break;
        }
        break;
      case 'eachMissedDueDate':
      case 'eachMissedInterestDate':
        for (let i = next; i < n; i++) {
          const it = book.schedule[i] as Instalment;
          if (p.anchor === 'eachMissedInterestDate' && it.interest === 0) continue;
          consider(missedOpen(book, p, it.dueOn));
          break;
        }
        break;
      case 'monthEnd':
      case 'quarterEnd':
      case 'halfYearEnd':
      case 'yearEnd': {
        const period = cachedPeriod(c, p.anchor, book.loan.disbursedOn);
        consider(cachedWake(c, next, () => wakeFor(book, p, period.end, period.start)));
        break;
      }
      case 'disbursement':
      case 'maturity':
      case 'missedMaturity':
      case 'limitationExpiry': {
        const anchor = singleAnchor(book, p.anchor);
        if (anchor === undefined) break;
        if (p.anchor === 'missedMaturity') consider(addDays(anchor, 1));
        else if (!wasConsidered(c, anchor, () => singleKey(p.anchor, anchor))) consider(cachedWake(c, anchor, () => wakeFor(book, p, anchor, undefined)));
        break;
      }
      case 'eachDay':
      case 'eachWorkingDay': {
        // Every (working) day while the rule holds: the next one not yet considered.
        let d = (next > t ? next : t + 1) as Day;
        if (p.anchor === 'eachWorkingDay') for (let i = 0; i < 31 && !book.pack.calendar.isWorkingDay(d); i++) d = addDays(d, 1);
        consider(d);
        break;
      }
      default:
        break;
    }
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}
