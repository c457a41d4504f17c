import { formatDay } from '../../time/day';
import { recordContact } from '../contacts';
import type { HandlerTable } from './EventHandler';

/** Contact with the borrower and the other parties: calls and messages under the conduct rules, field visits, notices. */
export const contactHandlers: Pick<HandlerTable, 'contactAttempt' | 'fieldVisit' | 'noticeSent'> = {
  contactAttempt(run, e) {
    if (e.outcome === 'refused') run.willingness.refusedContacts++;
    // Facts first, breaches flagged: a contact that breaks the conduct rules is recorded, never dropped.
    for (const b of recordContact(run.contacts, e)) {
      run.timeline.push({ on: formatDay(e.on), kind: 'policyBreach', ruleIds: [b.ruleId], eventId: e.id, breach: b.kind, message: b.message });
    }
  },
  fieldVisit(run, e) {
    if (!e.found) run.resolution.failedVisits++;
  },
  noticeSent(run, e) {
    // A demand with a signed receipt interrupts the statute of limitations (P-NT-7).
    if (e.receiptSigned === true) run.resolution.lastInterruption = e.on;
  },
};
