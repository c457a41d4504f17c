import { formatDay } from '../../time/day';
import { recordObservation } from '../dataFacts';
import type { HandlerTable } from './EventHandler';

/**
 * Dated measurements the lender supplies (a bureau score, an income check): recorded on the timeline
 * and read by rules as the `observations` fact, whose value for each name is the latest observation.
 */
export const observationHandlers: Pick<HandlerTable, 'observation'> = {
  observation(run, e) {
    recordObservation(run, e.name, e.value);
    const declared = run.pack.declarations?.observations;
    const on = formatDay(e.on);
    run.timeline.push({ on, kind: 'observationRecorded', ruleIds: [], eventId: e.id, name: e.name, value: e.value });
    const problem = declared === undefined ? undefined : declaredProblem(declared, e.name, e.value);
    if (problem !== undefined) run.timeline.push({ on, kind: 'warning', ruleIds: [], eventId: e.id, code: 'observation.undeclared', message: problem });
  },
};

function declaredProblem(declared: Readonly<Record<string, string>>, name: string, value: string | number | boolean): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(declared, name)) {
    return `Pack declares no observation "${name}"; it is recorded and no rule reads it`;
  }
  const type = declared[name];
  return typeof value === type ? undefined : `Observation "${name}" is declared ${type ?? ''}, but this one is ${typeof value}; rules comparing it may not hold`;
}
