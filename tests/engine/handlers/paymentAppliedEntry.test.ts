import { describe, expect, it } from 'vitest';
import { paymentAppliedEntry } from '../../../src/engine/handlers/paymentAppliedEntry';
import type { PaymentAllocation } from '../../../src/ledger/ledger';
import { formatMoney } from '../../../src/money/fen';

// The entry was built with a spread per optional key; its key order is output and feeds the timeline
// id, so the literals must give the same keys in the same order in every case.
describe('paymentAppliedEntry', () => {
  it('has the keys, values and key order of the entry built with spreads: recovery or not, interest waived or not, overpaid or not', () => {
    for (const recovery of [false, true]) {
      for (const interestWaived of [0, 1234]) {
        for (const overpaid of [0, 5]) {
          const a: PaymentAllocation = { penalty: 100, interest: 2_000, principal: 30_001, interestWaived, overpaid, settledEarly: interestWaived > 0 };
          const spread = {
            on: '2026-02-03',
            kind: 'paymentApplied',
            ruleIds: recovery ? ['P-NT-10', 'P-LC-7'] : ['P-NT-10'],
            ...(recovery ? { recovery: true as const } : {}),
            eventId: 'e-9',
            amount: '321.06',
            allocated: { penalty: formatMoney(a.penalty), interest: formatMoney(a.interest), principal: formatMoney(a.principal) },
            ...(a.interestWaived > 0 ? { interestWaived: formatMoney(a.interestWaived) } : {}),
            ...(a.overpaid > 0 ? { overpaid: formatMoney(a.overpaid) } : {}),
          };
          const entry = paymentAppliedEntry('2026-02-03', 'e-9', '321.06', a, recovery);
          expect(entry).toStrictEqual(spread);
          expect(JSON.stringify(entry)).toBe(JSON.stringify(spread));
        }
      }
    }
  });
});
