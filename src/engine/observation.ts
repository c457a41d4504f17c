import type { Instalment } from '../contract/schedule';
import { addDays, addMonths, formatDay, type Day } from '../time/day';
import type { Run } from './run';

/** End of an observation period starting at the due date of schedule position `slot` (P-CL-6). */
export function observationEnd(schedule: readonly Instalment[], slot: number): Day {
  const start = (schedule[slot] as Instalment).dueOn;
  const second = (schedule[Math.min(slot + 2, schedule.length - 1)] as Instalment).dueOn;
  const year = addMonths(start, 12);
  return second > year ? second : year;
}

/** A missed instalment inside the observation period restarts it from the missed date (P-CL-6). */
export function updateObservation(run: Run, d: Day): void {
  const obs = run.restructuring.observation;
  if (obs === undefined || obs.endReported) return;
  const { schedule, clearedOn } = run.ledger;
  while (obs.scanFrom < schedule.length) {
    const it = schedule[obs.scanFrom] as Instalment;
    if (it.dueOn >= d || it.dueOn >= obs.end) break;
    const cleared = clearedOn[obs.scanFrom] as number;
    if (it.dueOn >= obs.start && (cleared < 0 || cleared > it.dueOn)) {
      obs.start = it.dueOn;
      obs.end = observationEnd(schedule, obs.scanFrom);
      run.timeline.push({ on: formatDay(addDays(it.dueOn, 1)), kind: 'observationRestarted', ruleIds: ['P-CL-6'], instalment: it.index, observationEndsOn: formatDay(obs.end) });
    }
    obs.scanFrom++;
  }
  if (d >= obs.end) {
    obs.endReported = true;
    run.timeline.push({ on: formatDay(obs.end), kind: 'observationEnded', ruleIds: ['P-CL-6'] });
  }
}

