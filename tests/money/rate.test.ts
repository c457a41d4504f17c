import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN } from '../../src/money/fen';
import { applyRateHalfUp, isZeroRate, parseRate, type Rate } from '../../src/money/rate';

function rate(text: string): Rate {
  const r = parseRate(text);
  if (r === undefined) throw new Error(`bad rate in test: ${text}`);
  return r;
}

describe('parseRate', () => {
  it('keeps rates exact', () => {
    expect(parseRate('0.0435')).toEqual({ units: 435n, scale: 10_000n, text: '0.0435' });
    expect(parseRate('0')).toEqual({ units: 0n, scale: 1n, text: '0' });
    expect(parseRate('1.5')).toEqual({ units: 15n, scale: 10n, text: '1.5' });
  });

  it.each(['', '-0.01', '.5', '0.', '4.35%', '1e-3', '0.00000000001', ' 0.1', '00.1'])('refuses %j', (text) => {
    expect(parseRate(text)).toBeUndefined();
  });

  it('knows a zero rate', () => {
    expect(isZeroRate(rate('0.0000'))).toBe(true);
    expect(isZeroRate(rate('0.0001'))).toBe(false);
  });
});

describe('applyRateHalfUp', () => {
  it('computes monthly interest at 4.35 % a year', () => {
    // 120000.00 × 0.0435 / 12 = 435.00 exactly
    expect(applyRateHalfUp(12_000_000, rate('0.0435'), 1n, 12n)).toBe(43_500);
    // second month of the 等额本息 example: balance 110197.81 × 0.003625 = 399.467… → 399.47
    expect(applyRateHalfUp(11_019_781, rate('0.0435'), 1n, 12n)).toBe(39_947);
  });

  it('computes daily penalty interest on a 360-day year', () => {
    // 10000.00 × 18 % × 31 / 360 = 155.00
    expect(applyRateHalfUp(1_000_000, rate('0.18'), 31n, 360n)).toBe(15_500);
    // 1.00 × 0.05 % × 30 / 360 = 0.0004 yuan → 0.00
    expect(applyRateHalfUp(100, rate('0.0005'), 30n, 360n)).toBe(0);
  });

  it('rounds exact halves away from zero', () => {
    expect(applyRateHalfUp(1, rate('0.5'))).toBe(1);
    expect(applyRateHalfUp(3, rate('0.5'))).toBe(2);
    expect(applyRateHalfUp(-1, rate('0.5'))).toBe(-1);
    expect(applyRateHalfUp(-3, rate('0.5'))).toBe(-2);
  });

  it('matches an exact rational reference', () => {
    const rates = fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 4, max: 8 }))
      .map(([units, decimals]) => {
        const scale = 10 ** decimals;
        return rate(`${Math.floor(units / scale)}.${String(units % scale).padStart(decimals, '0')}`);
      });
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), rates, fc.integer({ min: 1, max: 366 }), (amount, r, days) => {
        const n = BigInt(amount) * r.units * BigInt(days);
        const d = r.scale * 360n;
        const q = n / d;
        const rem = n % d;
        const twice = 2n * (rem < 0n ? -rem : rem);
        const expected = twice >= d ? q + (n < 0n ? -1n : 1n) : q;
        expect(applyRateHalfUp(amount, r, BigInt(days), 360n)).toBe(Number(expected));
      }),
    );
  });
});
