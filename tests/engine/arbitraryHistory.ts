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
    guarantors: fc.integer({ min: 0, max: 2 }),
    collateral: fc.integer({ min: 0, max: 1 }),
    selfPaid: fc.boolean(),
    // Events that do, open or restart tasks, and every instruction: inspections, notices, calls, signals,
    // agencies, write-offs, restructurings and extensions (accepted or refused), collectors and their feedback.
    activities: fc.array(
      fc.record({
        day: fc.integer({ min: 0, max: 1300 }),
        what: fc.constantFrom(
          { type: 'inspection', kind: 'callback' },
          { type: 'inspection', kind: 'onSite' },
          { type: 'inspection', kind: 'workLog' },
          { type: 'inspection', kind: 'signOff' },
          { type: 'inspection', kind: 'report' },
          { type: 'inspection', kind: 'riskReview' },
          { type: 'inspection', kind: 'collateral', collateralId: 'C-0' },
          { type: 'noticeSent', kind: 'collectionNotice', receiptSigned: true },
          { type: 'noticeSent', kind: 'maturityNotice' },
          { type: 'noticeSent', kind: 'guaranteeNotice', party: 'G-0' },
          { type: 'contactAttempt', at: 'T10:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'reached' },
          { type: 'contactAttempt', at: 'T11:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'unreachable' },
          { type: 'contactAttempt', at: 'T23:30:00+08:00', party: 'borrower', channel: 'phone', outcome: 'noAnswer', number: 'n-1' },
          { type: 'contactAttempt', at: 'T12:00:00+08:00', party: 'contact', channel: 'phone', outcome: 'reached' },
          { type: 'fieldVisit', found: false },
          { type: 'agencyPlacement', agencyId: 'AG-1' },
          { type: 'agencyRecall', reason: 'performance' },
          { type: 'writeOffRequest', by: 'officer-A' },
          { type: 'writeOffApproval', by: 'manager-B' },
          { type: 'writeOffApproval', by: 'officer-A' },
          { type: 'judgment' },
          { type: 'promiseToPay', amount: '100.00', by: 'P+5' },
          { type: 'riskSignal', indicator: 'debtRatio', value: '0.85' },
          { type: 'materialEvent', description: 'factory fire' },
          { type: 'ratingChange', rating: 'BBB' },
          { type: 'misappropriation' },
          { type: 'contactAttempt', at: 'T15:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'refused' },
          { type: 'riskSignal', indicator: 'hardship', value: true },
          { type: 'riskSignal', indicator: 'relatedPartyLitigation', value: true },
          { type: 'riskSignal', indicator: 'materialEventResolved', value: true },
          { type: 'restructure', termMonths: 12, repayment: 'equalInstallment', requestedBy: 'officer-A', approvedBy: 'manager-B' },
          { type: 'restructure', termMonths: 6, requestedBy: 'officer-A', approvedBy: 'officer-A' },
          { type: 'extension', newMaturity: 'P+400', requestedBy: 'officer-A', approvedBy: 'manager-B' },
          { type: 'assigned', collectorId: 'C-7' },
          { type: 'assigned', collectorId: 'C-8', agencyId: 'AG-1' },
          { type: 'collectionFeedback', at: 'T16:00:00+08:00' },
          { type: 'collectionFeedback', at: 'T17:30:00+08:00', collectorId: 'C-7' },
        ),
      }),
      { maxLength: 40 },
    ),
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
    r.activities.forEach((a, i) => {
      const on = iso(disbursedOn, a.day);
      const what: Record<string, unknown> = { ...a.what };
      if (typeof what['at'] === 'string') what['at'] = `${on}${what['at']}`;
      if (what['by'] === 'P+5') what['by'] = iso(on, 5);
      if (what['newMaturity'] === 'P+400') what['newMaturity'] = iso(on, 400);
      if (what['party'] === 'G-0' && r.guarantors === 0) delete what['party'];
      if (what['collateralId'] !== undefined && r.collateral === 0) delete what['collateralId'];
      events.push({ id: `a${i}`, on, ...what });
    });
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
          selfPaid: r.selfPaid,
          guarantors: Array.from({ length: r.guarantors }, (_, i) => ({ id: `G-${i}` })),
          collateral: Array.from({ length: r.collateral }, (_, i) => ({ id: `C-${i}`, kind: 'property', value: '100000.00', valuedOn: disbursedOn })),
          ...(r.penaltyRate === undefined ? {} : { penaltyRate: r.penaltyRate }),
        },
        events,
      },
      asOf: iso(disbursedOn, r.asOfOffset),
    };
  });
