import { applyPayment } from '../../ledger/ledger';
import { formatMoney } from '../../money/fen';
import { formatDay } from '../../time/day';
import { notePayment } from '../reAging';
import type { HandlerTable } from './EventHandler';
import { paymentAppliedEntry } from './paymentAppliedEntry';
import { hasRole } from '../../workflow/statechart';

/**
 * Payments (P-NT-10): allocated by the ledger, counted towards open promises to pay (P-CS-9); a payment
 * after write-off is a recovery (P-LC-7). A partial payment interrupts the statute of limitations (P-NT-7).
 */
export const paymentHandlers: Pick<HandlerTable, 'payment'> = {
  payment(run, e) {
    run.resolution.lastInterruption = e.on;
    const on = formatDay(e.on);
    const a = applyPayment(run.ledger, e.on, e.amount);
    notePayment(run, e.on, e.amount);
    run.timeline.push(paymentAppliedEntry(on, e.id, formatMoney(e.amount), a, hasRole(run.pack, run.state, 'writtenOff')));
    const w = run.willingness;
    for (const p of w.promises) p.paid += e.amount;
    if (w.promises.length > 0) {
      const kept = w.promises.filter((p) => p.paid >= p.amount);
      for (const p of kept) {
        run.timeline.push({ on, kind: 'promiseKept', ruleIds: ['P-CS-9'], eventId: p.eventId, amount: formatMoney(p.amount), by: formatDay(p.by), paid: formatMoney(p.paid) });
      }
      if (kept.length > 0) w.promises = w.promises.filter((p) => p.paid < p.amount);
    }
    if (a.overpaid > 0) {
      run.timeline.push({
        on,
        kind: 'warning',
        ruleIds: ['P-NT-10'],
        eventId: e.id,
        message: `Payment ${e.id} exceeds everything owed by ${formatMoney(a.overpaid)}; the excess is recorded as overpaid, to be refunded or applied by hand`,
      });
    }
  },
};
