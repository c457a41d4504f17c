/**
 * The default pack's allocation order (P-LC-8, parameter `allocationOrder`: penalty → interest →
 * principal): a partial payment on an overdue instalment pays the penalty first, then the interest, and
 * only what is left reaches the principal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/engine/output';
import { parseMoney } from '../../src/money/fen';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { replayHistory } from '../../src/testing';

const base = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: Record<string, unknown> };
/** cured-m1's loan with contractual penalty interest, and no events but one payment. */
const loan = { ...base.loan, penaltyRate: '0.18' };

/** Pays on 2026-03-10: instalment 1 (due 2026-02-15) is 23 days overdue, instalment 2 not yet due. */
const PAID_ON = '2026-03-10';

function paymentOf(amount: string): Extract<TimelineEntry, { kind: 'paymentApplied' }> {
  const out = replayHistory({ loan, events: [{ id: 'p1', type: 'payment', on: PAID_ON, amount }] }, { asOf: PAID_ON });
  const entry = out.timeline.find((e) => e.kind === 'paymentApplied');
  if (entry?.kind !== 'paymentApplied') throw new Error('no paymentApplied entry');
  return entry;
}

function fen(text: string): number {
  const r = parseMoney(text);
  if (!r.ok) throw new Error(`not money: ${text}`);
  return r.fen;
}

const money = (f: number): string => (f / 100).toFixed(2);

/** What is overdue on the payment day, before paying. */
const overdue = replayHistory({ loan, events: [] }, { asOf: PAID_ON }).overdue;
const penalty = fen(overdue.penalty);
const interest = fen(overdue.interest);

describe('default allocation order', () => {
  it('is penalty, interest, principal in the default pack', () => {
    expect(cnDefaultPack().allocationOrder).toEqual(['penalty', 'interest', 'principal']);
    // Each component is owed, so the order shows in how a partial payment splits.
    expect(penalty).toBeGreaterThan(1);
    expect(interest).toBeGreaterThan(1);
    expect(fen(overdue.principal)).toBeGreaterThan(1);
  });

  it('a payment smaller than the penalty goes to the penalty only', () => {
    expect(paymentOf('0.01').allocated).toEqual({ penalty: '0.01', interest: '0.00', principal: '0.00' });
    expect(paymentOf(money(penalty - 1)).allocated).toEqual({ penalty: money(penalty - 1), interest: '0.00', principal: '0.00' });
  });

  it('then the interest, before any principal', () => {
    expect(paymentOf(money(penalty + 1)).allocated).toEqual({ penalty: overdue.penalty, interest: '0.01', principal: '0.00' });
    expect(paymentOf(money(penalty + interest)).allocated).toEqual({ penalty: overdue.penalty, interest: overdue.interest, principal: '0.00' });
  });

  it('the principal last', () => {
    expect(paymentOf(money(penalty + interest + 1)).allocated).toEqual({ penalty: overdue.penalty, interest: overdue.interest, principal: '0.01' });
  });
});
