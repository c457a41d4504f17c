import { formatDay } from '../../time/day';
import type { HandlerTable } from './EventHandler';

/**
 * The collector's day (P-CS-10): an `assigned` event gives the loan its collector, who is then the
 * assignee of every collector's task that opens; a `collectionFeedback` only does tasks (its task kinds
 * say which), so it changes nothing else.
 */
export const collectorHandlers: Pick<HandlerTable, 'assigned' | 'collectionFeedback'> = {
  assigned(run, e) {
    run.tasks.collector = e.agencyId === undefined ? { collectorId: e.collectorId } : { collectorId: e.collectorId, agencyId: e.agencyId };
    run.facts.collectorAssigned = true;
    run.timeline.push({ on: formatDay(e.on), kind: 'collectorAssigned', ruleIds: ['P-CS-10'], eventId: e.id, ...run.tasks.collector });
  },
  collectionFeedback() {
    // Nothing beyond the tasks it does (closed by the replay loop, as for every event).
  },
};
