import { collectorHandlers } from './collectors';
import { contactHandlers } from './contacts';
import type { HandlerTable } from './EventHandler';
import { paymentHandlers } from './payments';
import { resolutionHandlers } from './resolution';
import { restructuringHandlers } from './restructuring';
import { reversalHandlers } from './reversal';
import { signalHandlers } from './signals';
import { observationHandlers } from './observations';

/**
 * Every event type's handler, by family. Typed as the full table: an event type added to the history
 * schema without a handler here fails the typecheck instead of being ignored at run time.
 */
export const handlers: HandlerTable = {
  ...paymentHandlers,
  ...contactHandlers,
  ...resolutionHandlers,
  ...restructuringHandlers,
  ...signalHandlers,
  ...collectorHandlers,
  ...reversalHandlers,
  ...observationHandlers,
};
