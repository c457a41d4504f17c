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
    // Every due date counts, paid ahead or not: facts such as onTimeSinceCure change on it.
    const schedule = ledger.schedule;
    let lo = 0;
    let hi = schedule.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((schedule[mid] as { dueOn: Day }).dueOn + 1 <= d) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < schedule.length; i++) {
      const due = (schedule[i] as { dueOn: Day }).dueOn;
      const w = due > d ? due : due + 1 > d ? due + 1 : undefined;
      if (w !== undefined) {
        if (w < best) best = w;
        break;
      }
    }
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
}

