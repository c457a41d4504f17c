import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Instalment } from '../../src/contract/schedule';
import { applyPayment, createLedger, persistLedger, positionAt, restoreLedger, type Ledger } from '../../src/ledger/ledger';
import { parseRate } from '../../src/money/rate';
import type { AllocationComponent } from '../../src/rules/vocabulary';
import { addDays, day, type Day } from '../../src/time/day';

const PIP: readonly AllocationComponent[] = ['penalty', 'interest', 'principal'];
const PENALTY = parseRate('0.0005');
const START = day('2026-01-31');

/** Six monthly instalments, the second one a grace month that owes nothing. */
const SIX: readonly Instalment[] = [100_000, 0, 100_000, 100_000, 100_000, 100_000].map((principal, i) => ({
  index: i + 1,
  dueOn: addDays(START, 30 * i),
  principal,
  interest: principal === 0 ? 0 : 1_000,
}));

describe('persistLedger / restoreLedger', () => {
  const persisted = (l: Ledger): Omit<Ledger, 'clears'> => {
    const { clears: _, ...rest } = l;
    return rest;
  };

  it('restores a ledger that goes on exactly as the one it was persisted from', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 250_000 })), { maxLength: 8 }), fc.integer({ min: 0, max: 220 }), (payments, later) => {
        const live = createLedger(SIX, PENALTY, PIP);
        let d: Day = START;
        for (const [gap, amount] of [...payments].sort((a, b) => a[0] - b[0])) {
          d = addDays(START, gap);
          applyPayment(live, d, amount);
        }
        const restored = restoreLedger(persistLedger(live), SIX, PENALTY, PIP);
        // `clears` counts the instalments paid since the ledger was made or restored: not persisted.
        const clearsBefore = live.clears;
        expect(restored.clears).toBe(0);
        expect(persisted(restored)).toEqual(persisted(live));
        // The stored state is a copy: the restored ledger changes without changing what was stored.
        const at = addDays(d, later);
        expect(positionAt(restored, at)).toEqual(positionAt(live, at));
        applyPayment(restored, at, 50_000);
        applyPayment(live, at, 50_000);
        expect(persisted(restored)).toEqual(persisted(live));
        expect(restored.clears).toBe(live.clears - clearsBefore);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the schedule out, and only it, without withSchedule, keys in sorted order (the snapshot\'s canonical order)', () => {
    const l = createLedger(SIX, PENALTY, PIP);
    applyPayment(l, addDays(START, 3), 101_000);
    const whole = persistLedger(l);
    const lean = persistLedger(l, false);
    expect(Object.keys(whole)).toEqual([...Object.keys(whole)].sort());
    expect(Object.keys(whole)).toContain('schedule');
    expect(JSON.stringify(lean)).toBe(JSON.stringify({ ...whole, schedule: undefined }));
    expect(lean).not.toHaveProperty('schedule');
  });

  it('copies the instalments it restores on: the schedule given is never changed', () => {
    const given = SIX.map((it) => ({ ...it }));
    const restored = restoreLedger(persistLedger(createLedger(SIX, PENALTY, PIP)), given, PENALTY, PIP);
    expect(restored.schedule).toEqual(given);
    expect(restored.schedule[0]).not.toBe(given[0]);
  });
});
