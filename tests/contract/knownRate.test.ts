import { describe, expect, it } from 'vitest';
import { knownRate } from '../../src/contract/knownRate';
import { trustedLoanContract } from '../../src/contract/trustedLoanContract';
import { parseRate } from '../../src/money/rate';

const loan = (id: string, annualRate: string) => ({
  id,
  borrower: { id: `B-${id}`, kind: 'retail' },
  principal: '10000.00',
  annualRate,
  disbursedOn: '2026-01-15',
  termMonths: 12,
  repayment: 'equalInstallment',
  penaltyRate: '0.0005',
});

describe('knownRate (issue 14, end of day)', () => {
  it('gives what parseRate gives, the same frozen object for the same text', () => {
    for (const text of ['0', '0.0435', '0.0005', '12.5', '0.1234567891']) {
      const r = knownRate(text);
      expect(r).toEqual(parseRate(text));
      expect(knownRate(text)).toBe(r);
      expect(Object.isFrozen(r)).toBe(true);
    }
  });

  it('refuses what parseRate refuses, and caches nothing for it', () => {
    for (const text of ['', '-0.1', '1e-3', '0.12345678901', '1000', ' 0.1']) expect(knownRate(text)).toBeUndefined();
  });

  it('never gives one text the rate of another', () => {
    const texts = ['0.0435', '0.04350', '0.435', '0.0436', '4.35'];
    for (const t of texts) knownRate(t);
    for (const t of texts) expect(knownRate(t)).toEqual(parseRate(t));
  });

  it('keeps giving right answers past its size bound', () => {
    for (let i = 0; i < 2500; i++) expect(knownRate(`0.${String(i).padStart(6, '0')}`)?.units).toBe(BigInt(i));
    expect(knownRate('0.0435')).toEqual(parseRate('0.0435'));
  });

  it('is what a trusted contract reads: two loans of one rate share it, each loan keeps its own', () => {
    const a = trustedLoanContract(loan('L-1', '0.0435'));
    const b = trustedLoanContract(loan('L-2', '0.0435'));
    const c = trustedLoanContract(loan('L-3', '0.0600'));
    expect(a?.annualRate).toBe(b?.annualRate);
    expect(a?.penaltyRate).toBe(c?.penaltyRate);
    expect(c?.annualRate).toEqual(parseRate('0.0600'));
    expect(a?.id).toBe('L-1');
    expect(b?.id).toBe('L-2');
  });
});
