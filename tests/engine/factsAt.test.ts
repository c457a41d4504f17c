import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { factsAt } from '../../src/engine/factsAt';
import { replay } from '../../src/engine/replay';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { explainDecisions } from '../../src/rules/explainDecision';
import { day, formatDay } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';

const pack = cnDefaultPack();
const parse = (h: unknown) => unwrap(parseHistoryValue(h, 'h.json'));

/** 60,000.00 bullet loan maturing 2026-03-31, never repaid. */
const bullet = parse({ loan: { id: 'L-X', borrower: { id: 'B-X', kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' }, events: [] });

describe('factsAt', () => {
  it('gives the facts of the as-of day itself, between two wake dates', () => {
    // The wake dates of this loan are the DPD thresholds (1, 31, 91, …); 2026-07-09 (DPD 100) is none of them.
    const { on, facts } = factsAt(bullet, pack, day('2026-07-09'));
    expect(formatDay(on)).toBe('2026-07-09');
    expect(facts).toMatchObject({ dpd: 100, daysSinceDisbursement: 190, state: 'outsourced', classification: 'substandard', daysInState: 9, outstandingPrincipal: 6_000_000 });
  });

  it('records each move made by a transition rule with the facts the rule saw before it', () => {
    const { moves } = factsAt(bullet, pack, day('2026-07-09'));
    expect(moves.map((m) => [formatDay(m.on), m.ruleId, m.from, m.to, m.facts.dpd, m.facts.state])).toEqual([
      ['2026-04-01', 'enter-m1', 'normal', 'overdueM1', 1, 'normal'],
      ['2026-05-01', 'enter-m2m3', 'overdueM1', 'overdueM2M3', 31, 'overdueM1'],
      ['2026-06-30', 'outsource-at-threshold', 'overdueM2M3', 'outsourced', 91, 'overdueM2M3'],
    ]);
  });

  it('agrees with replay on every decision, and the explanation gives the value replay printed', () => {
    fc.assert(
      fc.property(arbitraryHistory, ({ history, asOf }) => {
        const h = parse(history);
        const out = replay(h, pack, { asOf: day(asOf) });
        const at = factsAt(h, pack, day(asOf));
        expect({ state: at.facts.state, classification: at.facts.classification, riskLevel: at.facts.riskLevel, managementMode: at.facts.managementMode, segment: at.facts.segment }).toEqual({
          state: out.state,
          classification: out.classification,
          riskLevel: out.riskLevel,
          managementMode: out.managementMode,
          segment: out.segment,
        });
        if (formatDay(at.on) === asOf) expect(at.facts.dpd).toBe(out.dpd);
        expect(at.moves.length).toBe(out.timeline.filter((e) => e.kind === 'stateChanged' && e.rules !== undefined).length);
        const topics = unwrap(explainDecisions(pack, at.facts, { bucket: out.bucket })).topics;
        for (const t of topics) {
          if (t.topic === 'permits' || t.topic === 'tasks' || t.topic === 'dimension') continue;
          expect(t.value).toBe(out[t.topic]);
          // Never "the rules now give …": the facts of the day are a fixed point of the decisions.
          expect(t.because).not.toMatch(/now give|stays in force/);
        }
      }),
      { numRuns: 40, seed: 5 },
    );
  });
});
