import { describe, expect, it } from 'vitest';
import { factsAt } from '../../src/engine/factsAt';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { explainDecisions, shownValue } from '../../src/rules/explainDecision';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const pack = cnDefaultPack();
/** 60,000.00 bullet loan maturing 2026-03-31, never repaid: DPD 100 on 2026-07-09. */
const history = unwrap(parseHistoryValue({ loan: { id: 'L-X', borrower: { id: 'B-X', kind: 'retail' }, principal: '60000.00', annualRate: '0.0600', disbursedOn: '2025-12-31', termMonths: 3, repayment: 'bullet' }, events: [] }, 'h.json'));
const { facts } = factsAt(history, pack, day('2026-07-09'));

describe('explainDecisions', () => {
  it('lists the decisions in a fixed order, each with the rules behind it and their roles', () => {
    const { topics } = unwrap(explainDecisions(pack, facts, { bucket: 'M4' }));
    expect(topics.map((t) => t.topic)).toEqual(['bucket', 'classification', 'state', 'riskLevel', 'managementMode', 'segment', 'permits', 'tasks']);
    expect(topics[1]?.rules.map((r) => [r.ruleId, r.role, r.held])).toEqual([
      ['floor-substandard', 'decides', true],
      ['floor-special-mention', 'alsoHolds', true],
    ]);
    // Without the move, the state is explained by what holds now only.
    expect(topics[2]).toMatchObject({ value: 'outsourced', because: 'No move into outsourced was given to explain.', rules: [] });
  });

  it('an unknown rule fails with the nearest rule id', () => {
    const r = explainDecisions(pack, facts, { rule: 'bucket-m4' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ code: 'input.invalid', file: 'rules/cn-default/pack.json', path: 'rule', message: 'Pack cn-default 1.0.0 has no rule "bucket-m4"', hint: 'did you mean "bucket-M4"?' }]);
  });

  it('reads descriptions from the files given, or from the built-in files for the built-in pack only', () => {
    const copy = unwrap(loadPack(cnDefaultPackFiles, { dir: 'elsewhere/' }));
    const mine = { ...copy, id: 'mine' };
    expect(unwrap(explainDecisions(mine, facts, { rule: 'bucket-M4' })).topics[0]?.rules[0]?.description).toBeUndefined();
    expect(unwrap(explainDecisions(mine, facts, { rule: 'bucket-M4', files: cnDefaultPackFiles })).topics[0]?.rules[0]?.description).toBe('DPD 91–120.');
    expect(unwrap(explainDecisions(pack, facts, { rule: 'bucket-M4' })).topics[0]?.rules[0]?.description).toBe('DPD 91–120.');
  });
});

describe('shownValue', () => {
  it('writes money as yuan text and ratios as decimals, as rule files do', () => {
    expect(shownValue('outstandingPrincipal', 6_000_000)).toBe('60000.00');
    expect(shownValue('collateralCoverage', 850_000)).toBe('0.85');
    expect(shownValue('collateralCoverage', 1_234_567)).toBe('1.234567');
    expect(shownValue('collateralCoverage', Number.MAX_SAFE_INTEGER)).toBe('∞');
    expect(shownValue('dpd', 100)).toBe(100);
    expect(shownValue('state', ['normal', 'overdueM1'])).toEqual(['normal', 'overdueM1']);
  });
});
