import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loanContractSchema, REPAYMENT_METHODS, type RepaymentMethod } from '../../src/contract/LoanContract';
import { generateInstalments, generateSchedule, levelFactor, maturityOf, monthlyInterestOf, type Instalment, type ScheduleTerms } from '../../src/contract/schedule';
import { formatMoney, MAX_FEN } from '../../src/money/fen';
import { applyRateHalfUp, parseRate, type Rate } from '../../src/money/rate';
import { addMonths, day, daysInMonth, formatDay, fromCivil, toCivil } from '../../src/time/day';

function rate(text: string): Rate {
  const r = parseRate(text);
  if (r === undefined) throw new Error(`bad rate in test: ${text}`);
  return r;
}

/** One line per instalment: index, due date, principal, interest, total. */
function table(schedule: readonly Instalment[]): string {
  return schedule
    .map((i) => `${i.index} ${formatDay(i.dueOn)} ${formatMoney(i.principal)} + ${formatMoney(i.interest)} = ${formatMoney(i.principal + i.interest)}`)
    .join('\n');
}

function terms(overrides: Partial<ScheduleTerms> = {}): ScheduleTerms {
  return {
    principal: 12_000_000,
    annualRate: rate('0.0435'),
    startOn: day('2026-01-15'),
    termMonths: 12,
    repayment: 'equalInstallment',
    ...overrides,
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('equalInstallment (等额本息)', () => {
  it('120000.00 at 4.35 % over 12 months pays 10237.19 a month', () => {
    // r = 0.0435 / 12 = 435 / 120000. A = P·r·(1+r)^n / ((1+r)^n − 1) exactly, as a fraction of fen:
    //   A = 12000000 · 435 · 120435^12 / (120000 · (120435^12 − 120000^12)) = 1023718.80… fen → 10237.19
    // (docs/history-format.md's example event pays "10236.17": that is just an example amount, not this payment.)
    const n = 12n;
    const exact = (12_000_000n * 435n * 120_435n ** n * 100n) / (120_000n * (120_435n ** n - 120_000n ** n));
    expect(exact).toBe(102_371_880n); // hundredths of a fen: 1023718.80
    // Month 1: interest 120000.00 × 0.003625 = 435.00, principal 10237.19 − 435.00 = 9802.19.
    // Month 2: balance 110197.81 × 0.003625 = 399.467… → 399.47.
    // Month 12: the balance left, 10200.19, plus 10200.19 × 0.003625 = 36.976… → 36.98.
    const schedule = generateInstalments(terms());
    expect(table(schedule)).toMatchInlineSnapshot(`
      "1 2026-02-15 9802.19 + 435.00 = 10237.19
      2 2026-03-15 9837.72 + 399.47 = 10237.19
      3 2026-04-15 9873.38 + 363.81 = 10237.19
      4 2026-05-15 9909.18 + 328.01 = 10237.19
      5 2026-06-15 9945.10 + 292.09 = 10237.19
      6 2026-07-15 9981.15 + 256.04 = 10237.19
      7 2026-08-15 10017.33 + 219.86 = 10237.19
      8 2026-09-15 10053.64 + 183.55 = 10237.19
      9 2026-10-15 10090.09 + 147.10 = 10237.19
      10 2026-11-15 10126.66 + 110.53 = 10237.19
      11 2026-12-15 10163.37 + 73.82 = 10237.19
      12 2027-01-15 10200.19 + 36.98 = 10237.17"
    `);
    expect(sum(schedule.map((i) => i.principal))).toBe(12_000_000);
  });

  it('at a zero rate splits principal evenly, the last instalment taking the rounding', () => {
    expect(table(generateInstalments(terms({ principal: 10_000, annualRate: rate('0'), termMonths: 3 })))).toMatchInlineSnapshot(`
      "1 2026-02-15 33.33 + 0.00 = 33.33
      2 2026-03-15 33.33 + 0.00 = 33.33
      3 2026-04-15 33.34 + 0.00 = 33.34"
    `);
    // Same as equalPrincipal: both are P/n a month when nothing accrues.
    expect(generateInstalments(terms({ annualRate: rate('0'), termMonths: 7 }))).toEqual(
      generateInstalments(terms({ annualRate: rate('0'), termMonths: 7, repayment: 'equalPrincipal' })),
    );
  });
});

describe('equalPrincipal (等额本金)', () => {
  it('repays P/n each month with interest on the balance', () => {
    // 120000.00 / 12 = 10000.00; interest 435.00, then 110000.00 × 0.003625 = 398.75, …
    expect(table(generateInstalments(terms({ repayment: 'equalPrincipal' })))).toMatchInlineSnapshot(`
      "1 2026-02-15 10000.00 + 435.00 = 10435.00
      2 2026-03-15 10000.00 + 398.75 = 10398.75
      3 2026-04-15 10000.00 + 362.50 = 10362.50
      4 2026-05-15 10000.00 + 326.25 = 10326.25
      5 2026-06-15 10000.00 + 290.00 = 10290.00
      6 2026-07-15 10000.00 + 253.75 = 10253.75
      7 2026-08-15 10000.00 + 217.50 = 10217.50
      8 2026-09-15 10000.00 + 181.25 = 10181.25
      9 2026-10-15 10000.00 + 145.00 = 10145.00
      10 2026-11-15 10000.00 + 108.75 = 10108.75
      11 2026-12-15 10000.00 + 72.50 = 10072.50
      12 2027-01-15 10000.00 + 36.25 = 10036.25"
    `);
  });

  it('puts the rounding in the last instalment', () => {
    // 1000.00 / 3 = 333.333… → 333.33, 333.33, 333.34
    expect(table(generateInstalments(terms({ principal: 100_000, termMonths: 3, repayment: 'equalPrincipal' })))).toMatchInlineSnapshot(`
      "1 2026-02-15 333.33 + 3.63 = 336.96
      2 2026-03-15 333.33 + 2.42 = 335.75
      3 2026-04-15 333.34 + 1.21 = 334.55"
    `);
  });

  it('regression: never repays more principal than is left (3 fen over 5 months)', () => {
    // halfUp(3 / 5) = 1 fen a month would leave −1 fen for the last instalment; capped instead.
    const s = generateInstalments(terms({ principal: 3, termMonths: 5, repayment: 'equalPrincipal' }));
    expect(s.map((i) => i.principal)).toEqual([1, 1, 1, 0, 0]);
  });
});

describe('interestOnly (先息后本) and bullet (到期一次还本付息)', () => {
  it('interestOnly pays interest monthly and principal at maturity', () => {
    expect(table(generateInstalments(terms({ repayment: 'interestOnly', termMonths: 3 })))).toMatchInlineSnapshot(`
      "1 2026-02-15 0.00 + 435.00 = 435.00
      2 2026-03-15 0.00 + 435.00 = 435.00
      3 2026-04-15 120000.00 + 435.00 = 120435.00"
    `);
  });

  it('bullet pays everything at maturity', () => {
    // 120000.00 × 0.0435 × 12 / 12 = 5220.00
    expect(table(generateInstalments(terms({ repayment: 'bullet' })))).toMatchInlineSnapshot(`"1 2027-01-15 120000.00 + 5220.00 = 125220.00"`);
    // 50000.00 × 0.0435 × 7 / 12 = 1268.75
    expect(table(generateInstalments(terms({ principal: 5_000_000, repayment: 'bullet', termMonths: 7 })))).toMatchInlineSnapshot(`"1 2026-08-15 50000.00 + 1268.75 = 51268.75"`);
  });
});

describe('due dates', () => {
  it('fall on the disbursement day of month, clamped to month end', () => {
    const s = generateInstalments(terms({ startOn: day('2026-01-31'), termMonths: 5, repayment: 'interestOnly' }));
    expect(s.map((i) => formatDay(i.dueOn))).toEqual(['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    const leap = generateInstalments(terms({ startOn: day('2028-01-30'), termMonths: 2, repayment: 'interestOnly' }));
    expect(leap.map((i) => formatDay(i.dueOn))).toEqual(['2028-02-29', '2028-03-30']);
  });

  it('follow firstDueOn and keep its day of month', () => {
    const s = generateInstalments(terms({ startOn: day('2026-01-20'), firstDueOn: day('2026-02-28'), termMonths: 3 }));
    expect(s.map((i) => formatDay(i.dueOn))).toEqual(['2026-02-28', '2026-03-28', '2026-04-28']);
    const end = generateInstalments(terms({ startOn: day('2026-01-31'), firstDueOn: day('2026-03-31'), termMonths: 3 }));
    expect(end.map((i) => formatDay(i.dueOn))).toEqual(['2026-03-31', '2026-04-30', '2026-05-31']);
  });

  it('bullet matures termMonths after disbursement', () => {
    const s = generateInstalments(terms({ startOn: day('2026-01-31'), termMonths: 1, repayment: 'bullet' }));
    expect(formatDay(maturityOf(s))).toBe('2026-02-28');
  });
});

describe('generateSchedule', () => {
  it('generates the schedule of the docs/history-format.md example loan', () => {
    const loan = loanContractSchema.parse({
      id: 'L-2026-0001',
      borrower: { id: 'B-1', kind: 'retail' },
      principal: '120000.00',
      annualRate: '0.0435',
      disbursedOn: '2026-01-15',
      termMonths: 12,
      repayment: 'equalInstallment',
    });
    const s = generateSchedule(loan);
    expect(s).toEqual(generateInstalments(terms()));
    expect(formatDay(maturityOf(s))).toBe('2027-01-15');
  });

  it('numbers an explicit schedule from 1 and keeps it as given', () => {
    const loan = loanContractSchema.parse({
      id: 'L-X',
      borrower: { id: 'B-1', kind: 'corporate' },
      principal: '2000.00',
      annualRate: '0.06',
      disbursedOn: '2026-01-15',
      schedule: [
        { dueOn: '2026-04-15', principal: '0.00', interest: '30.00' },
        { dueOn: '2026-07-15', principal: '2000.00', interest: '30.00' },
      ],
    });
    expect(table(generateSchedule(loan))).toMatchInlineSnapshot(`
      "1 2026-04-15 0.00 + 30.00 = 30.00
      2 2026-07-15 2000.00 + 30.00 = 2030.00"
    `);
  });

  it('maturityOf an empty schedule is a programming error', () => {
    expect(() => maturityOf([])).toThrow(RangeError);
  });

  it('refuses impossible terms', () => {
    expect(() => generateInstalments(terms({ termMonths: 0 }))).toThrow(RangeError);
    expect(() => generateInstalments(terms({ principal: 0 }))).toThrow(RangeError);
    expect(() => generateInstalments(terms({ repayment: 'bullet', firstDueOn: day('2026-02-15') }))).toThrow(RangeError);
  });
});

describe('schedule properties', () => {
  const startDay = fc
    .record({ year: fc.integer({ min: 1990, max: 2080 }), month: fc.integer({ min: 1, max: 12 }), dayOfMonth: fc.integer({ min: 1, max: 31 }) })
    .map(({ year, month, dayOfMonth }) => fromCivil(year, month, Math.min(dayOfMonth, daysInMonth(year, month))))
    .filter((d) => d !== undefined);
  const rates = fc
    .tuple(fc.integer({ min: 0, max: 3_600 }), fc.constantFrom(4, 5, 6))
    .map(([units, decimals]) => rate(`0.${String(units * 10 ** (decimals - 4)).padStart(decimals, '0')}`));
  const arbitraryTerms = fc
    .record({
      principal: fc.oneof(fc.integer({ min: 1, max: 1_000 }), fc.integer({ min: 1, max: 10_000_000_000_000 })),
      annualRate: rates,
      startOn: startDay,
      termMonths: fc.oneof(fc.integer({ min: 1, max: 36 }), fc.integer({ min: 1, max: 480 })),
      repayment: fc.constantFrom<RepaymentMethod>(...REPAYMENT_METHODS),
      firstDueOffset: fc.option(fc.integer({ min: 1, max: 59 }), { nil: undefined }),
    })
    .map(({ firstDueOffset, ...t }): ScheduleTerms => {
      if (firstDueOffset === undefined || t.repayment === 'bullet') return t;
      const latest = addMonths(t.startOn, 2);
      return { ...t, firstDueOn: Math.min(t.startOn + firstDueOffset, latest) as ScheduleTerms['startOn'] };
    });

  it('principal parts are non-negative integers summing exactly to the principal', () => {
    fc.assert(
      fc.property(arbitraryTerms, (t) => {
        const s = generateInstalments(t);
        for (const i of s) {
          expect(Number.isSafeInteger(i.principal) && i.principal >= 0).toBe(true);
          expect(Number.isSafeInteger(i.interest) && i.interest >= 0).toBe(true);
        }
        expect(sum(s.map((i) => i.principal))).toBe(t.principal);
      }),
      { numRuns: 500 },
    );
  });

  it('due dates strictly increase after the start, one per month (one for bullet), indexes 1..n', () => {
    fc.assert(
      fc.property(arbitraryTerms, (t) => {
        const s = generateInstalments(t);
        expect(s).toHaveLength(t.repayment === 'bullet' ? 1 : t.termMonths);
        s.forEach((i, k) => {
          expect(i.index).toBe(k + 1);
          expect(i.dueOn > (k === 0 ? t.startOn : (s[k - 1]?.dueOn ?? t.startOn))).toBe(true);
        });
        const anchor = toCivil(t.firstDueOn ?? t.startOn).dayOfMonth;
        for (const i of s) {
          const c = toCivil(i.dueOn);
          expect(c.dayOfMonth).toBe(Math.min(anchor, daysInMonth(c.year, c.month)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('equalInstallment payments are level, the last off by at most the compounded rounding', () => {
    // Against exact arithmetic, each month's balance error grows as e' = (1+r)·e + δ with |δ| ≤ 1 fen
    // (½ from rounding the payment, ½ from rounding the interest), so the last payment is off by at
    // most Σ (1+r)^k + 1 = ((1+r)^n − 1) / r + 1 fen.
    const big = arbitraryTerms.filter((t) => t.repayment === 'equalInstallment' && t.principal >= 100 * t.termMonths * 100);
    fc.assert(
      fc.property(big, (t) => {
        const s = generateInstalments(t);
        const totals = s.map((i) => i.principal + i.interest);
        const payment = totals[0] ?? 0;
        expect(totals.slice(0, -1).every((x) => x === payment)).toBe(true);
        const r = Number(t.annualRate.units) / Number(t.annualRate.scale) / 12;
        const bound = r === 0 ? t.termMonths : ((1 + r) ** t.termMonths - 1) / r + 1;
        expect(Math.abs((totals[totals.length - 1] ?? 0) - payment)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 300 },
    );
  });
});

describe('monthlyInterestOf (issue 14, end of day)', () => {
  it('gives the fen applyRateHalfUp gives, on doubles while exact and on bigints beyond', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: MAX_FEN })),
        fc.oneof(fc.constantFrom('0', '0.0435', '0.1115', '0.5', '0.9999999999', '0.0000000001', '0.24'), fc.integer({ min: 0, max: 9_999_999_999 }).map((u) => `0.${String(u).padStart(10, '0')}`)),
        (balance, text) => {
          const rate = parseRate(text) as Rate;
          expect(monthlyInterestOf(rate)(balance)).toBe(applyRateHalfUp(balance, rate, 1n, 12n));
        },
      ),
      { numRuns: 2000 },
    );
    // Exactly half a fen rounds up; just below half rounds down (1 fen at 6 % a year is 0.005 fen a month).
    const six = parseRate('0.06') as Rate;
    expect(monthlyInterestOf(six)(100)).toBe(applyRateHalfUp(100, six, 1n, 12n));
    expect(monthlyInterestOf(six)(99)).toBe(applyRateHalfUp(99, six, 1n, 12n));
    expect(monthlyInterestOf(six)(MAX_FEN)).toBe(applyRateHalfUp(MAX_FEN, six, 1n, 12n));
  });
});

describe('levelFactor: kept level-payment factors are the ones computed again (decision 380)', () => {
  it('gives the formula for every rate and term, kept or not', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 999_999n }), fc.constantFrom(100n, 10_000n, 1_000_000n), fc.integer({ min: 1, max: 480 }), (units, scale, n) => {
        const d = scale * 12n;
        const grown = (d + units) ** BigInt(n);
        const want = { multiplier: units * grown, divisor: d * (grown - d ** BigInt(n)) };
        expect(levelFactor(units, scale, n)).toEqual(want);
        // Asked again (kept now), and after a neighbour with the same digits in other places.
        levelFactor(units * 10n, scale, n);
        expect(levelFactor(units, scale, n)).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it('a schedule generated with the factors kept is the schedule generated fresh', () => {
    const terms = (principal: number, rate: string, termMonths: number): ScheduleTerms => ({ principal, annualRate: parseRate(rate) as Rate, startOn: day('2026-01-15'), termMonths, repayment: 'equalInstallment' });
    const first = generateInstalments(terms(12_000_000, '0.0435', 12));
    expect(first[0]).toEqual({ index: 1, dueOn: day('2026-02-15'), principal: 980219, interest: 43500 });
    for (let i = 0; i < 3; i++) expect(generateInstalments(terms(12_000_000, '0.0435', 12))).toEqual(first);
    expect(generateInstalments(terms(7_300_000, '0.0435', 12))[0]?.principal).not.toBe(first[0]?.principal);
  });
});
