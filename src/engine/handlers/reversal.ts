import { formatDay } from '../../time/day';
import type { HandlerTable } from './EventHandler';

/**
 * A reversal: the event it names was taken out of the history before the replay (`withoutReversed`), so
 * all that is left here is to say so on the reversal's day. It moves nothing else: the output is that of
 * the history without the reversed event, but for this entry.
 */
export const reversalHandlers: Pick<HandlerTable, 'reversal'> = {
  reversal(run, e) {
    run.timeline.push({ on: formatDay(e.on), kind: 'eventReversed', ruleIds: [], eventId: e.id, reverses: e.reverses, reason: e.reason });
  },
};
