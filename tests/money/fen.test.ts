import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, MAX_FEN, parseMoney, sumFen } from '../../src/money/fen';

/** Canonical money text built digit by digit, independent of formatMoney. */
function referenceText(fen: number): string {
  const abs = Math.abs(fen);
  const digits = String(abs).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

describe('parseMoney / formatMoney', () => {
  it('round-trips every amount in the accepted range', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_FEN, max: MAX_FEN }), (fen) => {
        const text = formatMoney(fen);
        expect(text).toBe(referenceText(fen));
        expect(parseMoney(text)).toEqual({ ok: true, fen });
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips canonical strings', () => {
    const canonical = fc
      .tuple(fc.boolean(), fc.integer({ min: 0, max: 99_999_999_999 }), fc.integer({ min: 0, max: 99 }))
      .filter(([neg, yuan, cents]) => !(neg && yuan === 0 && cents === 0))
      .map(([neg, yuan, cents]) => `${neg ? '-' : ''}${yuan}.${String(cents).padStart(2, '0')}`);
    fc.assert(
      fc.property(canonical, (text) => {
        const r = parseMoney(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(formatMoney(r.fen)).toBe(text);
      }),
    );
  });

  it('reads the contract example exactly', () => {
    expect(parseMoney('10236.17')).toEqual({ ok: true, fen: 1_023_617 });
    expect(parseMoney('0.01')).toEqual({ ok: true, fen: 1 });
    expect(formatMoney(1_023_617)).toBe('10236.17');
    expect(formatMoney(5)).toBe('0.05');
  });

  it('accepts negative amounts and never produces a negative zero', () => {
    expect(parseMoney('-12.30')).toEqual({ ok: true, fen: -1230 });
    expect(formatMoney(-5)).toBe('-0.05');
    const zero = parseMoney('-0.00');
    expect(zero.ok && Object.is(zero.fen, 0)).toBe(true);
  });

  it.each(['1.5', '1,000.00', '1e3', ' 1.00', '1.00 ', '01.00', '00.00', '1.000', '.50', '1.', '+1.00', '1', '', 'NaN', '１.００', '1.0O', '--1.00'])(
    'refuses %j as a format error',
    (text) => {
      expect(parseMoney(text)).toEqual({ ok: false, reason: 'format' });
    },
  );

  it('refuses amounts above MAX_FEN as out of range', () => {
    expect(formatMoney(MAX_FEN)).toBe('100000000000.00');
    expect(parseMoney('100000000000.00')).toEqual({ ok: true, fen: MAX_FEN });
    expect(parseMoney('100000000000.01')).toEqual({ ok: false, reason: 'range' });
    expect(parseMoney('99999999999999.99')).toEqual({ ok: false, reason: 'range' });
  });

  it('formatMoney refuses non-integers instead of printing a wrong amount', () => {
    expect(() => formatMoney(0.1 + 0.2)).toThrow(RangeError);
    expect(() => formatMoney(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });

  it('sumFen adds exactly', () => {
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([])).toBe(0);
  });
});
