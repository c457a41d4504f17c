import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay } from '../../src/engine/replay';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack, type CompiledPack, type PackFiles } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';
import { generatePortfolio } from '../../src/portfolio/generate';
import { arbitraryHistory } from './arbitraryHistory';

// Decision 542: a loan is looked at on a due date, or the day after, only when a due-date fact the pack
// reads can change there; an instalment paid ahead changes only onTimeSinceCure (while cured) and
// consecutiveMissed (after a missed one). Each pack below is cn-default plus one rule that raises the
// risk level on one due-date fact alone, so the day that fact changes is in the timeline
// (riskLevelChanged): any day the engine fails to look at shows as a difference from looking every day.

type Files = Record<string, unknown> & { 'pack.json': { rules: string[] } };

function packReading(fact: string, value: unknown): CompiledPack {
  const files = structuredClone(cnDefaultPackFiles) as unknown as Files;
  files['pack.json'].rules.push('extra.json');
  files['extra.json'] = {
    rules: [
      {
        id: `risk-on-${fact}`,
        name: 'P-EW-2',
        priority: 1000,
        conditions: { all: [{ fact, operator: 'greaterThanInclusive', value }] },
        event: { type: 'riskLevel', params: { level: 'high' } },
      },
    ],
  };
  return unwrap(loadPack(files as unknown as PackFiles, { dir: 'rules/due-dates/' }));
}

const FACTS: readonly [string, unknown][] = [
  ['consecutiveMissed', 1],
  ['consecutiveMissed', 2],
  ['cumulativeMissed', 2],
  ['onTimeSinceCure', 1],
  ['onTimeSinceCure', 2],
  ['overduePrincipal', '0.01'],
  ['overdueInterest', '0.01'],
];

describe.each(FACTS)('a rule on %s ≥ %s', (fact, value) => {
  const pack = packReading(fact, value);

  it('is read by the pack as the test means it', () => {
    expect(pack.wakeOnDueDates).toBe(true);
    expect(pack.dueDatesPaidAhead).toEqual({ onTimeSinceCure: true, consecutiveMissed: true });
  });

  it('wake dates miss nothing: looking only at events and wake dates equals looking every day', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        const h = unwrap(parseHistoryValue(history, 'h.json'));
        const { nextReviewOn: _a, ...woken } = replay(h, pack, { asOf: day(asOf) });
        const { nextReviewOn: _b, ...daily } = replay(h, pack, { asOf: day(asOf), evaluateDaily: true });
        expect(woken).toEqual(daily);
      }),
      { numRuns: 150, seed: 542 },
    );
  });
});

describe('an instalment paid ahead', () => {
  const loan = { id: 'L-AHEAD', borrower: { id: 'B', kind: 'retail' }, principal: '1200.00', annualRate: '0.0000', disbursedOn: '2021-01-01', termMonths: 12, repayment: 'equalPrincipal' };
  const riskChanges = (pack: CompiledPack, events: unknown[], asOf: string, daily = false) =>
    replay(unwrap(parseHistoryValue({ loan, events }, 'h.json')), pack, { asOf: day(asOf), evaluateDaily: daily })
      .timeline.filter((e) => e.kind === 'riskLevelChanged')
      .map((e) => `${e.on} ${'from' in e ? e.from : ''}→${'to' in e ? e.to : ''}`);

  // The first instalment (due 2021-02-01) is paid four days late, the second (due 2021-03-01) early.
  const lateThenEarly = [
    { id: 'p1', type: 'payment', on: '2021-02-05', amount: '100.00' },
    { id: 'p2', type: 'payment', on: '2021-02-10', amount: '100.00' },
  ];

  it.each([
    ['ends a run of missed instalments on the day after its due date', 'consecutiveMissed', '2021-03-02 high→low'],
    ['is counted on its due date while the loan is cured', 'onTimeSinceCure', '2021-03-01 low→high'],
  ])('%s (%s)', (_, fact, change) => {
    const pack = packReading(fact, 1);
    const woken = riskChanges(pack, lateThenEarly, '2021-03-05');
    expect(woken).toContain(change);
    expect(woken).toEqual(riskChanges(pack, lateThenEarly, '2021-03-05', true));
  });

  it('lets a loan that never missed one sleep through the days its paid instalments would wake it', () => {
    // Both instalments due 2021-02-01 and 2021-03-01 are paid on 2021-01-20, and the loan was never
    // overdue. cn-default reads consecutiveMissed, cumulativeMissed and onTimeSinceCure: none can change
    // on 2021-02-02 (the day after a due date). Its repayment reminder (P-NT-2) would open on 2021-02-26
    // for the instalment due 2021-03-01, which is paid, and its interest collection notice on 2021-02-02
    // only for an unpaid instalment. So the loan sleeps until the monthly work log of 2021-03-01; it used
    // to wake on 2021-02-02.
    const history = unwrap(parseHistoryValue({ loan, events: [{ id: 'p1', type: 'payment', on: '2021-01-20', amount: '200.00' }] }, 'h.json'));
    const out = replay(history, cnDefaultPack(), { asOf: day('2021-02-01') });
    expect(out.nextReviewOn).toBe('2021-03-01');
    // With only the first instalment paid, the second wakes the loan on the day its reminder opens.
    const unpaid = replay(unwrap(parseHistoryValue({ loan, events: [{ id: 'p1', type: 'payment', on: '2021-01-20', amount: '100.00' }] }, 'h.json')), cnDefaultPack(), {
      asOf: day('2021-02-01'),
    });
    expect(unpaid.nextReviewOn).toBe('2021-02-26');
  });
});

describe('a generated three-year book', () => {
  // The bench's book (bench/scale.mjs): its loans pay ahead, late and in part, over three years.
  it('looked at only on events and wake dates, equals looking every day', () => {
    const pack = cnDefaultPack();
    const asOf = '2026-06-16';
    let compared = 0;
    for (const history of generatePortfolio({ seed: 20_261_123, loans: 40, asOf, years: 3 })) {
      const h = unwrap(parseHistoryValue(history, 'h.json'));
      const { nextReviewOn: _a, ...woken } = replay(h, pack, { asOf: day(asOf) });
      const { nextReviewOn: _b, ...daily } = replay(h, pack, { asOf: day(asOf), evaluateDaily: true });
      expect(woken).toEqual(daily);
      compared++;
    }
    expect(compared).toBe(40);
  });
});
