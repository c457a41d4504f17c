import type { EventOf, EventType } from '../../history/events';
import type { Run } from '../run';

/**
 * What one event type does to a loan being replayed: records its effect on the timeline and the run, or
 * rejects it with the reason. The replay loop records an event nothing else interprets, so a handler with
 * nothing to do does nothing.
 */
export type EventHandler<T extends EventType> = (run: Run, e: EventOf<T>) => void;

/** One handler for every event type: a type without one fails the typecheck. */
export type HandlerTable = { readonly [T in EventType]: EventHandler<T> };
