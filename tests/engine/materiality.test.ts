import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/node';
import { isMaterial, type MaterialityThreshold } from '../../src/engine/materiality';
import { factsAt } from '../../src/engine/factsAt';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistory, type History } from '../../src/history/parseHistory';
import { parseRate, type Rate } from '../../src/money/rate';
import { loadPack, type CompiledPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const EU: MaterialityThreshold = { absolute: { retail: 10_000, corporate: 50_000 }, relative: parseRate('0.01') as Rate };

/** cn-default's files under ../cn-default/, and a variant reading materialDpd (outsourcing on it instead of DPD). */
function variant(parameters: Record<string, unknown>, extraRules: unknown[] = []): ReturnType<typeof loadPack> {
  const base = Object.fromEntries(Object.entries(readPackDir('rules/cn-default')).map(([k, v]) => [`../cn-default/${k}`, v]));
  const rules = {
    rules: [
      {
        id: 'outsource-on-material-dpd',
        name: 'P-LC-4',
        priority: 90,
        conditions: {
          all: [
            { fact: 'materialDpd', operator: 'greaterThan', value: 90 },
            { fact: 'state', operator: 'in', value: ['normal', 'overdueM1', 'overdueM2M3'] },
          ],
        },
        event: { type: 'transition', params: { to: 'outsourced' } },
      },
      ...extraRules,
    ],
  };
  const manifest = { extends: '../cn-default', id: 'material-test', version: '1.0.0', effectiveFrom: '2020-01-01', rules: ['material.json'], parameters: { outsourceAtDpd: 100000, ...parameters } };
  return loadPack({ ...base, 'pack.json': manifest, 'material.json': rules });
}

const PARAMS = { materialityAbsolute: { retail: '100.00', corporate: '500.00' }, materialityRelative: '0.01' };
const pack = (): CompiledPack => unwrap(variant(PARAMS));

/**
 * A retail loan of 12,000.00: 12 instalments of 1,000.00 principal + 50.00 interest on the 15th,
 * 2026-02-15 … 2027-01-15. Events are added per test.
 */
function loan(events: unknown[], overrides: Record<string, unknown> = {}): History {
  const schedule = Array.from({ length: 12 }, (_, i) => {
    const m = i + 2;
    const dueOn = m <= 12 ? `2026-${String(m).padStart(2, '0')}-15` : '2027-01-15';
    return { dueOn, principal: '1000.00', interest: '50.00' };
  });
  const history = {
    loan: { id: 'L-M', borrower: { id: 'B-1', kind: 'retail' }, principal: '12000.00', annualRate: '0.05', disbursedOn: '2026-01-15', currency: 'EUR', schedule, ...overrides },
    events,
  };
  return unwrap(parseHistory(JSON.stringify(history), 'materiality.json'));
}

const paid = (on: string, amount = '1050.00', id = `pay-${on}`) => ({ id, type: 'payment', on, amount });

describe('isMaterial: both components exceeded (2018/171), integer arithmetic', () => {
  it('needs the absolute component exceeded, not reached', () => {
    expect(isMaterial(10_000, 100_000, EU, 'retail')).toBe(false); // 100.00 is not above 100.00
    expect(isMaterial(10_001, 100_000, EU, 'retail')).toBe(true); // 100.01 > 100.00 and > 1 % of 1,000.00
  });

  it('needs the relative component exceeded, not reached', () => {
    expect(isMaterial(15_000, 1_500_000, EU, 'retail')).toBe(false); // 150.00 is exactly 1 % of 15,000.00
    expect(isMaterial(15_000, 1_499_999, EU, 'retail')).toBe(true);
  });

  it('takes the absolute component of the borrower kind', () => {
    expect(isMaterial(30_000, 2_030_000, EU, 'retail')).toBe(true); // 300.00 > 100.00 and > 203.00
    expect(isMaterial(30_000, 2_030_000, EU, 'corporate')).toBe(false); // 300.00 ≤ 500.00
  });

  it('compares exactly far beyond float precision', () => {
    const t: MaterialityThreshold = { absolute: { retail: 0, corporate: 0 }, relative: parseRate('0.0000000001') as Rate };
    // 1 fen against 10^10 fen at 10^-10: exactly equal, not above.
    expect(isMaterial(1, 10_000_000_000, t, 'retail')).toBe(false);
    expect(isMaterial(1, 9_999_999_999, t, 'retail')).toBe(true);
  });
});

describe('materialDpd through a replay', () => {
  it('counts from the first day the arrear is material: 1 on 2026-04-16, 91 on 2026-07-15', () => {
    // Paid in February and March; from April nothing. On 2026-04-16 1,050.00 is past due against an
    // exposure of 10,000.00 principal + 50.00 interest due: above 100.00 and above 100.50.
    const h = loan([paid('2026-02-15'), paid('2026-03-15')]);
    const at = (d: string) => factsAt(h, pack(), day(d)).facts;
    expect([at('2026-04-15').materialDpd, at('2026-04-16').materialDpd, at('2026-07-14').materialDpd, at('2026-07-15').materialDpd]).toEqual([0, 1, 90, 91]);
    expect(at('2026-04-16').materialPastDue).toBe(105_000);
    const out = replay(h, pack(), { asOf: day('2026-08-01') });
    const moves = out.timeline.filter((e) => e.kind === 'stateChanged').map((e) => `${e.on} ${e.kind === 'stateChanged' ? e.to : ''}`);
    expect(moves).toContain('2026-07-15 outsourced');
  });

  it('never counts an arrear at or below the absolute component; daysWithoutMaterialArrears counts from disbursement', () => {
    // 2026-02-15: 960.00 paid of 1,050.00 (interest first): 90.00 of principal stays past due.
    const h = loan([paid('2026-02-15', '960.00')]);
    const f = factsAt(h, pack(), day('2026-02-20')).facts;
    expect([f.dpd, f.materialPastDue, f.materialDpd, f.daysWithoutMaterialArrears]).toEqual([5, 9_000, 0, 36]);
  });

  it('restarts when a payment brings the arrear under the threshold', () => {
    // Missed 2026-02-15 (material from 2026-02-16); on 2026-03-10 980.00 leaves 70.00 past due:
    // no material arrear from that day; then 2026-03-15 is missed: material again from 2026-03-16.
    const h = loan([paid('2026-03-10', '980.00')]);
    const at = (d: string) => factsAt(h, pack(), day(d)).facts;
    expect(at('2026-03-09').materialDpd).toBe(22);
    expect([at('2026-03-10').materialDpd, at('2026-03-10').daysWithoutMaterialArrears]).toEqual([0, 0]);
    expect([at('2026-03-15').materialDpd, at('2026-03-15').daysWithoutMaterialArrears]).toEqual([0, 5]);
    expect([at('2026-03-16').materialDpd, at('2026-03-16').daysWithoutMaterialArrears]).toEqual([1, 0]);
    // Counted from 2026-03-16, not 2026-02-16: 91 on 2026-06-14.
    const out = replay(h, pack(), { asOf: day('2026-07-01') });
    expect(out.timeline.filter((e) => e.kind === 'stateChanged' && e.to === 'outsourced').map((e) => e.on)).toEqual(['2026-06-14']);
  });

  it('leaves penalty interest out of the past-due amount', () => {
    const h = loan([], { penaltyRate: '0.18' });
    const f = factsAt(h, pack(), day('2026-03-01')).facts;
    expect(f.overduePenalty).toBeGreaterThan(0);
    expect(f.materialPastDue).toBe(105_000);
  });

  it('daysSinceRestructuring counts from the latest restructuring', () => {
    const h = loan([{ id: 'rs', type: 'restructure', on: '2026-04-20', termMonths: 24, repayment: 'equalInstallment', requestedBy: 'A', approvedBy: 'B' }]);
    const at = (d: string) => factsAt(h, pack(), day(d)).facts;
    expect([at('2026-04-19').daysSinceRestructuring, at('2026-04-20').daysSinceRestructuring, at('2026-05-20').daysSinceRestructuring]).toEqual([0, 0, 30]);
  });

  it('daysWithoutMaterialEvent: from disbursement, 0 while a material event is open, from its resolution after', () => {
    const h = loan([
      { id: 'me', type: 'materialEvent', on: '2026-04-20', description: 'plant closed' },
      { id: 'ok', type: 'riskSignal', on: '2026-06-30', indicator: 'materialEventResolved', value: true },
    ]);
    const at = (d: string) => factsAt(h, pack(), day(d)).facts.daysWithoutMaterialEvent;
    expect([at('2026-04-19'), at('2026-04-20'), at('2026-06-29'), at('2026-06-30'), at('2026-07-30')]).toEqual([94, 0, 0, 0, 30]);
    const p = pack();
    const { snapshot } = replayWithSnapshot(h, p, { asOf: day('2026-07-01') });
    expect(snapshot.state.materialEventResolvedOn).toBe(day('2026-06-30'));
  });

  it('wakes on the exact days: the wake-date replay equals the daily one', () => {
    // A pack whose only rule reads materialDpd: nothing else makes the engine look on due dates.
    const cn = readPackDir('rules/cn-default');
    const raw = cn['pack.json'];
    const manifest = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { parameters: Record<string, unknown> };
    const { allocationOrder, contactConduct, limitationYears, provisionRates } = manifest.parameters;
    const rules = {
      rules: [
        { id: 'bucket', name: 'P-LC-2', conditions: { all: [{ fact: 'dpd', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'bucket', params: { bucket: 'M0' } } },
        { id: 'high-on-material-dpd', name: 'P-EW-2', conditions: { all: [{ fact: 'materialDpd', operator: 'greaterThan', value: 90 }] }, event: { type: 'riskLevel', params: { level: 'high' } } },
      ],
    };
    const only = unwrap(
      loadPack({
        'pack.json': { id: 'material-only', version: '1.0.0', effectiveFrom: '2020-01-01', calendar: 'cn', timeZone: 'Europe/Paris', rules: ['r.json'], parameters: { allocationOrder, contactConduct, limitationYears, provisionRates, ...PARAMS } },
        'r.json': rules,
      }),
    );
    expect(only.thresholds.materialDpd).toEqual([91]);
    const missed = replay(loan([paid('2026-02-15'), paid('2026-03-15')]), only, { asOf: day('2026-12-31') });
    expect(missed.timeline.filter((e) => e.kind === 'riskLevelChanged').map((e) => e.on)).toEqual(['2026-07-15']);
    const histories = [loan([paid('2026-02-15'), paid('2026-03-15')]), loan([paid('2026-03-10', '980.00')]), loan([paid('2026-02-15', '960.00')], { borrower: { id: 'B-2', kind: 'corporate' } })];
    for (const h of histories) {
      const asOf = day('2026-12-31');
      // The review day differs by design: the daily replay looks again tomorrow.
      const daily = (p: CompiledPack) => ({ ...replay(h, p, { asOf, evaluateDaily: true }), nextReviewOn: null });
      for (const p of [pack(), only]) expect({ ...replay(h, p, { asOf }), nextReviewOn: null }).toEqual(daily(p));
    }
  });

  it('a replay resumed from a snapshot in the middle of a material arrear equals the full replay', () => {
    const h = loan([paid('2026-03-10', '980.00')]);
    const p = pack();
    const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= day('2026-04-01')) }, p, { asOf: day('2026-04-01') });
    expect(snapshot.state.materiality).toEqual({ since: day('2026-03-16'), endedOn: day('2026-03-10') });
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), p));
    const resumed = resumeReplay(restored, p, [], { asOf: day('2026-08-01') });
    expect(resumed.output).toEqual(replay(h, p, { asOf: day('2026-08-01') }));
  });
});

describe('materiality parameters', () => {
  it('a rule on materialDpd needs both parameters', () => {
    const r = variant({});
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([
      ['pack.missingParam', 'parameters'],
      ['pack.missingParam', 'parameters'],
    ]);
    expect(r.issues[0]?.message).toContain('materialityAbsolute');
  });

  it('a malformed parameter names its path', () => {
    const r = variant({ materialityAbsolute: { retail: 100, corporate: '500.00' }, materialityRelative: '1 %' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['parameters.materialityAbsolute.retail', 'parameters.materialityRelative']);
  });

  it('a pack without them (cn-default) computes nothing and keeps its snapshot shape', () => {
    const base = unwrap(loadPack(Object.fromEntries(Object.entries(readPackDir('rules/cn-default')))));
    expect(base.materiality).toBeUndefined();
    const h = loan([]);
    expect(factsAt(h, base, day('2026-06-01')).facts.materialDpd).toBe(0);
    expect(replayWithSnapshot(h, base, { asOf: day('2026-06-01') }).snapshot.state.materiality).toBeUndefined();
  });
});
