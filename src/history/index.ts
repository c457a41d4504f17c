export { parseHistory, parseHistoryValue, parseHistoryOrThrow, type History } from './parseHistory';
export {
  loanEventSchema,
  EVENT_TYPES,
  CONTACT_PARTIES,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  type LoanEvent,
  type EventOf,
  type EventType,
  type ParsedEvent,
} from './events';
export { sortEvents, type Sortable } from './sortEvents';
export { isoTimestamp, timestampMillis } from './timestamp';
