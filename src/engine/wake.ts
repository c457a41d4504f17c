import type { Instalment } from '../contract/schedule';
import type { Day } from '../time/day';
import { borrowerUnreachableSince } from './contacts';
import { nextMaterialityWake } from './materiality';
import { EXTENSION_WINDOW_DAYS, type Run } from './run';
import { nextReAgeWake } from './reAging';
import { nextTaskWake } from './tasks';
import { hasRole } from '../workflow/statechart';

/** The next day after `d` on which some rule's answer may change without any event. */
export function nextWake(run: Run, d: Day, daily: boolean): Day | undefined {
  const taskWake = run.pack.rulesByType.task.length > 0 ? nextTaskWake(run.tasks, d) : undefined;
  const stateWake = nextStateWake(run, d, daily);
  if (taskWake === undefined) return stateWake;
  return stateWake === undefined || taskWake < stateWake ? taskWake : stateWake;
}

function nextStateWake(run: Run, d: Day, daily: boolean): Day | undefined {
  if (hasRole(run.pack, run.state, 'settled')) return undefined;
  if (daily || run.pack.wakeDaily) return (d + 1) as Day;
  const { ledger, pack } = run;
  let best = Number.POSITIVE_INFINITY;
  const first = ledger.firstOpen;
  if (first < ledger.schedule.length) {
    const oldest = (ledger.schedule[first] as { dueOn: Day }).dueOn;
    for (const c of pack.thresholds.dpd) {
      const w = oldest + c;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  const since = pack.thresholds.unreachable.length > 0 ? borrowerUnreachableSince(run.contacts) : undefined;
  if (since !== undefined) {
    // borrowerUnreachableDays is d − since + 1: it reaches c on since + c − 1.
    for (const c of pack.thresholds.unreachable) {
      const w = since + c - 1;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  if (run.cure.curedOn !== undefined) {
    for (const c of pack.thresholds.sinceCure) {
      const w = run.cure.curedOn + c;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  const material = nextMaterialityWake(run, d);
  if (material < best) best = material;
  for (const c of pack.thresholds.inState) {
    const w = run.stateSince + c;
    if (w > d) {
      if (w < best) best = w;
      break;
    }
  }
  // Dates known from past events (facts that evolve `scheduled`).
  const obs = run.restructuring.observation;
  if (obs !== undefined && !obs.endReported) {
    if (obs.end > d && obs.end < best) best = obs.end;
    const next = ledger.schedule[obs.scanFrom];
    if (next !== undefined && next.dueOn < obs.end) {
      const w = next.dueOn + 1 > d ? next.dueOn + 1 : d + 1;
      if (w < best) best = w;
    }
  }
  for (const r of run.restructuring.extensionRequests) {
    const w = r + EXTENSION_WINDOW_DAYS;
    if (w > d && w < best) best = w;
  }
  for (const p of run.willingness.promises) if (p.by + 1 > d && p.by + 1 < best) best = p.by + 1;
  const reAgeWake = nextReAgeWake(run, d);
  if (reAgeWake !== undefined && reAgeWake < best) best = reAgeWake;
  const disbursed = run.history.loan.disbursedOn;
  for (const c of pack.thresholds.sinceDisbursement) {
    const w = disbursed + c;
    if (w > d) {
      if (w < best) best = w;
      break;
    }
  }
  if (pack.wakeOnDueDates) {
    const w = nextDueDateWake(run, d);
    if (w !== undefined && w < best) best = w;
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}


/**
 * The first due date after `d`, or day after a due date, on which a due-date fact the pack reads can
 * change without an event (decision 542). An instalment not fully paid changes them on both days: its
 * interest falls due on the due date (the exposure of the materiality test), and on the day after it is
 * past due (the overdue amounts, `materialPastDue`, the missed counts). One paid ahead, by the end of
 * `d`, stays paid until an event, and an event is evaluated anyway, so it changes only:
 * - `onTimeSinceCure` on its due date, while the loan is cured (the count takes every instalment fallen
 *   due since the cure);
 * - `consecutiveMissed` on the day after, when the instalment before it was missed (the run ends).
 * The engine wakes there only when the pack reads the fact (`dueDatesPaidAhead`).
 */
function nextDueDateWake(run: Run, d: Day): Day | undefined {
  const { schedule, clearedOn } = run.ledger;
  const ahead = run.pack.dueDatesPaidAhead;
  const cured = ahead.onTimeSinceCure && run.cure.curedOn !== undefined;
  // The first instalment whose due date or day after is still to come.
  let lo = 0;
  let hi = schedule.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((schedule[mid] as Instalment).dueOn + 1 <= d) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < schedule.length; i++) {
    const due = (schedule[i] as Instalment).dueOn;
    // A schedule after a restructuring on its first day may hold a day already past: not a wake.
    if (due + 1 <= d) continue;
    if ((clearedOn[i] as number) < 0) return due > d ? due : ((due + 1) as Day);
    if (cured && due > d) return due;
    // Only the first one can end a run of missed instalments: those after it follow a paid one.
    if (i === lo && ahead.consecutiveMissed && i > 0 && missed(schedule[i - 1] as Instalment, clearedOn[i - 1] as number)) {
      return (due + 1) as Day;
    }
  }
  return undefined;
}

/** Not fully paid by the end of its due date (the ledger's definition of a missed instalment). */
function missed(it: Instalment, clearedOn: number): boolean {
  return clearedOn < 0 || clearedOn > it.dueOn;
}
