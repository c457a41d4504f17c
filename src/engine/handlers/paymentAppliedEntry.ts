import type { PaymentAllocation } from '../../ledger/ledger';
import { formatMoney } from '../../money/fen';
import type { DateText, MoneyText, TimelineRecord } from '../output';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type PaymentApplied = Extract<TimelineRecord, { readonly kind: 'paymentApplied' }>;

/**
 * The `paymentApplied` entry of a payment: `on`, kind, rule ids, `recovery: true` for a payment on a
 * written-off loan (P-LC-7), the event, the amount, its allocation, then the interest waived and the
 * amount overpaid when there are any. Its key order is output and feeds the timeline id. A payment of
 * none of those three cases (nearly every payment) is one object literal, built at once in its final
 * shape; the others add their keys in that order (spreading a literal per optional key, as the handler
 * did, made three throw-away objects and a copy per payment).
 */
export function paymentAppliedEntry(on: DateText, eventId: string, amount: MoneyText, a: PaymentAllocation, recovery: boolean): TimelineRecord {
  const allocated = { penalty: formatMoney(a.penalty), interest: formatMoney(a.interest), principal: formatMoney(a.principal) };
  if (!recovery && a.interestWaived <= 0 && a.overpaid <= 0) return { on, kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId, amount, allocated };
  const entry: Mutable<PaymentApplied> = recovery
    ? { on, kind: 'paymentApplied', ruleIds: ['P-NT-10', 'P-LC-7'], recovery: true, eventId, amount, allocated }
    : { on, kind: 'paymentApplied', ruleIds: ['P-NT-10'], eventId, amount, allocated };
  if (a.interestWaived > 0) entry.interestWaived = formatMoney(a.interestWaived);
  if (a.overpaid > 0) entry.overpaid = formatMoney(a.overpaid);
  return entry;
}
