import fc from 'fast-check';

const toMoney = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const iso = (base: string, days: number) => {
  const d = new Date(`${base}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** A random but valid loan history: any repayment method, optional penalty, payments of random sizes and dates. */
export const arbitraryHistory = fc
  .record({
    repayment: fc.constantFrom('equalInstallment', 'equalPrincipal', 'interestOnly', 'bullet'),
    termMonths: fc.integer({ min: 1, max: 36 }),
    principalFen: fc.integer({ min: 100_00, max: 2_000_000_00 }),
    rate: fc.constantFrom('0.0000', '0.0435', '0.0600', '0.1200', '0.2400'),
    penaltyRate: fc.option(fc.constantFrom('0.0650', '0.1800'), { nil: undefined }),
    disbursedOffset: fc.integer({ min: 0, max: 600 }),
    payments: fc.array(fc.record({ day: fc.integer({ min: 0, max: 1300 }), fraction: fc.integer({ min: 1, max: 1500 }) }), { maxLength: 30 }),
    lawsuitDay: fc.option(fc.integer({ min: 0, max: 1300 }), { nil: undefined }),
    asOfOffset: fc.integer({ min: 0, max: 1400 }),
  })
  .map((r) => {
    const disbursedOn = iso('2021-01-01', r.disbursedOffset);
    const events: Record<string, unknown>[] = r.payments.map((p, i) => ({
      id: `p${i}`,
      type: 'payment',
      on: iso(disbursedOn, p.day),
      // Fractions of a rough instalment, from a few fen to several instalments.
      amount: toMoney(Math.max(1, Math.round((r.principalFen / Math.max(1, r.termMonths)) * (p.fraction / 1000)))),
    }));
    if (r.lawsuitDay !== undefined) events.push({ id: 'suit', type: 'lawsuitFiled', on: iso(disbursedOn, r.lawsuitDay) });
    return {
      history: {
        loan: {
          id: 'L-PROP',
          borrower: { id: 'B', kind: 'retail' },
          principal: toMoney(r.principalFen),
          annualRate: r.rate,
          disbursedOn,
          termMonths: r.termMonths,
          repayment: r.repayment,
          ...(r.penaltyRate === undefined ? {} : { penaltyRate: r.penaltyRate }),
        },
        events,
      },
      asOf: iso(disbursedOn, r.asOfOffset),
    };
  });
