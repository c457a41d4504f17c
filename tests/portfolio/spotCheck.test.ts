import { createHash } from 'node:crypto';
import { errorText } from '../support/errorText';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { spotCheckSample, type SpotCheckLoan, type SpotCheckOptions } from '../../src/portfolio/spotCheck';
import { addDays, day, type Day } from '../../src/time/day';

const MARCH_1 = day('2026-03-01');

/** `n` loans L-0000 … spread over March 2026 (days 1–31). */
function marchLoans(n: number, prefix = 'L-'): SpotCheckLoan[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(4, '0')}`, disbursedOn: addDays(MARCH_1, i % 31) }));
}

/** The P-IN-8 rate comes from the pack (cn-default: "0.10"), never from TypeScript. */
const PACK_RATE = cnDefaultPack().parameters['spotCheckRate'] as string;

function draw(loans: readonly SpotCheckLoan[], options: Partial<SpotCheckOptions> = {}) {
  return spotCheckSample(loans, { month: '2026-03', seed: 'spot-check 2026-03', rate: PACK_RATE, ...options });
}

/** The auditor's recipe, written out independently: sort by hex sha256(seed NUL id), take the first k. */
function auditorRedraw(seed: string, ids: readonly string[], k: number): string[] {
  const key = (id: string) => createHash('sha256').update(Buffer.from(`${seed}\u0000${id}`, 'utf8')).digest('hex');
  return [...ids].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).slice(0, k);
}


const noNul = (s: string) => !s.includes('\u0000');

describe('spotCheckSample: sample size', () => {
  it.each([
    [0, 0],
    [1, 1],
    [9, 1],
    [10, 1],
    [11, 2],
    [100, 10],
  ])('%i loans at "0.10" → %i', (n, size) => {
    const s = draw(marchLoans(n), { rate: '0.10' });
    expect(s.population).toBe(n);
    expect(s.sampleSize).toBe(size);
    expect(s.loanIds).toHaveLength(size);
  });

  it.each([
    [1, 1],
    [10, 2], // 1.5 → 2
    [20, 3],
    [21, 4], // 3.15 → 4
    [100, 15],
  ])('%i loans at "0.15" → %i', (n, size) => {
    expect(draw(marchLoans(n), { rate: '0.15' }).sampleSize).toBe(size);
  });

  it('computes on the decimal string, not on a float (regression: 0.07 × 100 = 7.000000000000001 in floating point)', () => {
    expect(draw(marchLoans(100), { rate: '0.07' }).sampleSize).toBe(7);
    expect(draw(marchLoans(100), { rate: '0.55' }).sampleSize).toBe(55);
    expect(draw(marchLoans(100), { rate: '0.1000000001' }).sampleSize).toBe(11);
  });

  it('uses the P-IN-8 floor of 10 % set by the cn-default pack', () => {
    expect(PACK_RATE).toBe('0.10');
    const s = draw(marchLoans(11));
    expect(s.rate).toBe('0.10');
    expect(s.sampleSize).toBe(2);
  });

  it('raises the size to the minimum, but never above the population', () => {
    expect(draw(marchLoans(20), { minimum: 5 }).sampleSize).toBe(5);
    expect(draw(marchLoans(100), { minimum: 5 }).sampleSize).toBe(10);
    expect(draw(marchLoans(4), { minimum: 10 }).sampleSize).toBe(4);
    expect(draw(marchLoans(0), { minimum: 10 }).sampleSize).toBe(0);
    expect(draw(marchLoans(3), { minimum: 0 }).sampleSize).toBe(1);
  });

  it('checks every loan at rate "1"', () => {
    const s = draw(marchLoans(7), { rate: '1' });
    expect(s.sampleSize).toBe(7);
    expect([...s.loanIds].sort()).toEqual(marchLoans(7).map((l) => l.id));
  });

  it('returns the whole record for the report', () => {
    const s = draw(marchLoans(11), { seed: 'audit', rate: '0.10' });
    expect(s).toEqual({
      month: '2026-03',
      seed: 'audit',
      rate: '0.10',
      population: 11,
      sampleSize: 2,
      loanIds: auditorRedraw('audit', marchLoans(11).map((l) => l.id), 2),
      ruleId: 'P-IN-8',
    });
    expectTypeOf(s.ruleId).toEqualTypeOf<'P-IN-8'>();
    expectTypeOf(s.loanIds).toEqualTypeOf<readonly string[]>();
  });

  it('types its inputs', () => {
    // @ts-expect-error the seed is required
    expect(() => spotCheckSample([], { month: '2026-03' })).toThrow(PostloanError);
    // @ts-expect-error disbursedOn is a Day, not a date string
    expect(() => spotCheckSample([{ id: 'L-1', disbursedOn: '2026-03-01' }], { month: '2026-03', seed: 's' })).toThrow(PostloanError);
  });
});

describe('spotCheckSample: eligibility', () => {
  it('counts only loans disbursed in the review month, boundaries included', () => {
    const loans: SpotCheckLoan[] = [
      { id: 'feb-28', disbursedOn: day('2026-02-28') },
      { id: 'mar-01', disbursedOn: day('2026-03-01') },
      { id: 'mar-31', disbursedOn: day('2026-03-31') },
      { id: 'apr-01', disbursedOn: day('2026-04-01') },
      { id: 'mar-2025', disbursedOn: day('2025-03-15') },
    ];
    const s = draw(loans, { rate: '1' });
    expect(s.population).toBe(2);
    expect([...s.loanIds].sort()).toEqual(['mar-01', 'mar-31']);
  });

  it('knows leap-year Februaries', () => {
    const loans: SpotCheckLoan[] = [
      { id: 'a', disbursedOn: day('2024-02-29') },
      { id: 'b', disbursedOn: day('2024-03-01') },
    ];
    expect(spotCheckSample(loans, { month: '2024-02', seed: 's', rate: '1' }).loanIds).toEqual(['a']);
  });

  it('never picks a loan from another month, whatever its rank', () => {
    const others = marchLoans(500, 'APR-').map((l) => ({ ...l, disbursedOn: addDays(l.disbursedOn, 31) }));
    const s = draw([...marchLoans(50), ...others], { rate: '0.5' });
    expect(s.population).toBe(50);
    expect(s.loanIds.every((id) => id.startsWith('L-'))).toBe(true);
    // Loans of other months do not even move the sample.
    expect(s.loanIds).toEqual(draw(marchLoans(50), { rate: '0.5' }).loanIds);
  });

  it('ignores principal: the sample cannot be steered by balance', () => {
    const plain = marchLoans(40);
    const withPrincipal = plain.map((l, i) => ({ ...l, principal: (i + 1) * 1_000_000 }));
    expect(draw(withPrincipal).loanIds).toEqual(draw(plain).loanIds);
  });
});

describe('spotCheckSample: reproducible selection', () => {
  it('matches the documented example', () => {
    const loans = [
      { id: 'L-0001', disbursedOn: day('2026-03-02') },
      { id: 'L-0002', disbursedOn: day('2026-03-17') },
      { id: 'L-0003', disbursedOn: day('2026-02-27') },
    ];
    const s = spotCheckSample(loans, { month: '2026-03', seed: 'spot-check 2026-03', rate: '0.10' });
    expect(s.population).toBe(2);
    expect(s.sampleSize).toBe(1);
    expect(s.loanIds).toEqual(['L-0001']);
  });

  it('pins one draw, so a change of the ranking recipe cannot go unnoticed', () => {
    expect(draw(marchLoans(30), { seed: 'pinned', rate: '0.10' }).loanIds).toMatchInlineSnapshot(`
      [
        "L-0006",
        "L-0010",
        "L-0021",
      ]
    `);
  });

  it('can be redrawn by an auditor from the seed alone (sha256 of seed NUL id, lowest first)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), { minLength: 0, maxLength: 40 }),
        fc.string({ minLength: 1, maxLength: 20 }).filter(noNul),
        fc.constantFrom('0.10', '0.15', '0.5', '1'),
        (ids, seed, rate) => {
          const loans = ids.map((id) => ({ id, disbursedOn: MARCH_1 }));
          const s = draw(loans, { seed, rate });
          expect(s.loanIds).toEqual(auditorRedraw(seed, ids, s.sampleSize));
        },
      ),
    );
  });

  it('gives the same sample for the same seed, whatever the input order', () => {
    const loans = marchLoans(200);
    const first = draw(loans, { seed: 'repeat' });
    expect(draw(loans, { seed: 'repeat' })).toEqual(first);
    expect(draw([...loans].reverse(), { seed: 'repeat' })).toEqual(first);
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: loans.length, maxLength: loans.length }),
        (keys) => {
          // A permutation from random sort keys.
          const shuffled = loans.map((l, i) => ({ l, k: keys[i] ?? 0, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.l);
          expect(draw(shuffled, { seed: 'repeat' }).loanIds).toEqual(first.loanIds);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives different samples for different seeds (1,000 loans)', () => {
    const loans = marchLoans(1000);
    const samples = Array.from({ length: 20 }, (_, i) => draw(loans, { seed: `seed-${i}` }).loanIds);
    expect(new Set(samples.map((s) => s.join(','))).size).toBe(20);
    // Independent draws of 100 from 1,000 share about 10 loans, never most of them.
    const [a = [], b = []] = samples;
    const shared = a.filter((id) => b.includes(id)).length;
    expect(shared).toBeLessThan(40);
  });

  it('gives every eligible loan about the same chance (100 loans at 10 %, 200 seeds)', () => {
    const loans = marchLoans(100);
    const counts = new Map(loans.map((l) => [l.id, 0]));
    for (let s = 0; s < 200; s++) {
      for (const id of draw(loans, { seed: `fairness-${s}` }).loanIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const values = [...counts.values()];
    expect(values.reduce((a, b) => a + b, 0)).toBe(2000);
    // Expected 20 each; the bounds are loose (≈ 3.5 standard deviations) yet catch "always the first 10".
    for (const v of values) {
      expect(v).toBeGreaterThanOrEqual(5);
      expect(v).toBeLessThanOrEqual(40);
    }
  });
});

describe('spotCheckSample: stability under insertion', () => {
  const ids = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 60 });
  const seed = fc.string({ minLength: 1, maxLength: 16 }).filter(noNul);
  const rate = fc.constantFrom('0.10', '0.15', '0.25', '0.5');

  it('adding a loan changes at most one selected id when the size stays the same, and only adds one when it grows', () => {
    fc.assert(
      fc.property(ids, fc.string({ minLength: 1, maxLength: 8 }), fc.nat(), seed, rate, (base, extra, at, seedText, rateText) => {
        fc.pre(!base.includes(extra));
        const loans = base.map((id) => ({ id, disbursedOn: MARCH_1 }));
        const position = at % (loans.length + 1);
        const grown = [...loans.slice(0, position), { id: extra, disbursedOn: addDays(MARCH_1, 9) }, ...loans.slice(position)];
        const before = draw(loans, { seed: seedText, rate: rateText });
        const after = draw(grown, { seed: seedText, rate: rateText });
        const removed = before.loanIds.filter((id) => !after.loanIds.includes(id));
        const added = after.loanIds.filter((id) => !before.loanIds.includes(id));
        if (after.sampleSize === before.sampleSize) {
          expect(removed.length).toBeLessThanOrEqual(1);
          expect(added).toEqual(removed.length === 0 ? [] : [extra]);
        } else {
          expect(after.sampleSize).toBe(before.sampleSize + 1);
          expect(removed).toEqual([]);
          expect(added).toHaveLength(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a higher rate extends the sample of a lower one (selection order is a ranking)', () => {
    fc.assert(
      fc.property(ids, seed, (base, seedText) => {
        const loans = base.map((id) => ({ id, disbursedOn: MARCH_1 }));
        const low = draw(loans, { seed: seedText, rate: '0.10' });
        const high = draw(loans, { seed: seedText, rate: '0.30' });
        expect(high.loanIds.slice(0, low.sampleSize)).toEqual(low.loanIds);
      }),
    );
  });
});

describe('spotCheckSample: errors', () => {
  const loans = marchLoans(3);

  it('refuses duplicate loan ids, naming each repeat and the first occurrence', () => {
    const dup: SpotCheckLoan[] = [...loans, { id: 'L-0001', disbursedOn: day('2026-02-10') }, { id: 'L-0001', disbursedOn: MARCH_1 }];
    expect(errorText(() => draw(dup))).toMatchInlineSnapshot(`
      "✖ The loan id "L-0001" appears more than once (first at loans[1])
        → at loans[3].id
        hint: list each loan once: remove the duplicate or correct its id
      ✖ The loan id "L-0001" appears more than once (first at loans[1])
        → at loans[4].id
        hint: list each loan once: remove the duplicate or correct its id"
    `);
    try {
      draw(dup);
    } catch (e) {
      expect(e).toBeInstanceOf(PostloanError);
      expect((e as PostloanError).issues.map((i) => [i.code, i.path])).toEqual([
        ['input.invalid', 'loans[3].id'],
        ['input.invalid', 'loans[4].id'],
      ]);
    }
  });

  it.each([
    ['2026-3', 'date.format'],
    ['2026-03-15', 'date.format'],
    ['March 2026', 'date.format'],
    ['2026/03', 'date.format'],
    ['', 'date.format'],
    ['2026-13', 'date.invalid'],
    ['2026-00', 'date.invalid'],
    ['1899-12', 'date.invalid'],
  ])('refuses the month %j with %s at options.month', (month, code) => {
    expect(() => draw(loans, { month })).toThrow(PostloanError);
    try {
      draw(loans, { month });
    } catch (e) {
      expect((e as PostloanError).issues.map((i) => [i.code, i.path])).toEqual([[code, 'options.month']]);
    }
  });

  it('explains bad months', () => {
    expect(errorText(() => draw(loans, { month: '2026-03-15' }))).toMatchInlineSnapshot(`
      "✖ The review month must be "YYYY-MM" without a day, got "2026-03-15"
        → at options.month
        hint: write "2026-03""
    `);
    expect(errorText(() => draw(loans, { month: '2026-3' }))).toMatchInlineSnapshot(`
      "✖ The review month must be "YYYY-MM" with a two-digit month, got "2026-3"
        → at options.month
        hint: write "2026-03""
    `);
    expect(errorText(() => draw(loans, { month: '2026-13' }))).toMatchInlineSnapshot(`
      "✖ "2026-13" is not a month: the month must be 01–12
        → at options.month
        hint: check the month digits"
    `);
  });

  it('explains bad rates', () => {
    expect(errorText(() => draw(loans, { rate: '10%' }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate must be a decimal string such as "0.10", got "10%"
        → at options.rate
        hint: write a share, not a percentage: 10 % is "0.10""
    `);
    expect(errorText(() => draw(loans, { rate: '.1' }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate must be a decimal string such as "0.10", got ".1"
        → at options.rate
        hint: write the share of loans to check as a decimal string: 10 % is "0.10""
    `);
    expect(errorText(() => draw(loans, { rate: '0' }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate "0" would check no loans
        → at options.rate
        hint: P-IN-8 requires at least 10 % of the month's new loans: use a rate such as "0.10""
    `);
    expect(errorText(() => draw(loans, { rate: '1.5' }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate "1.5" is above 1 (100 % of the loans)
        → at options.rate
        hint: write a share between 0 and 1: 10 % is "0.10", every loan is "1""
    `);
    expect(errorText(() => draw(loans, { rate: '5' }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate "5" is above 1 (100 % of the loans)
        → at options.rate
        hint: write a share, not a percentage: 5 % is "0.05""
    `);
    expect(errorText(() => draw(loans, { rate: 0.1 as unknown as string }))).toMatchInlineSnapshot(`
      "✖ The spot-check rate must be a decimal string such as "0.10", got the number 0.1
        → at options.rate
        hint: write the share of loans to check as a decimal string: 10 % is "0.10""
    `);
  });

  it('explains bad seeds, minimums and loan records', () => {
    expect(errorText(() => draw(loans, { seed: '' }))).toMatchInlineSnapshot(`
      "✖ The seed is empty
        → at options.seed
        hint: give a seed and print it in the report so auditors can redraw the sample, e.g. "spot-check 2026-03 draw 1""
    `);
    expect(errorText(() => draw(loans, { seed: 'a\u0000b' }))).toMatchInlineSnapshot(`
      "✖ The seed contains a NUL character (U+0000)
        → at options.seed
        hint: remove it: NUL separates the seed from the loan id in the rank key"
    `);
    expect(errorText(() => draw(loans, { minimum: 1.5 }))).toMatchInlineSnapshot(`
      "✖ The minimum sample size must be a whole number of loans, 0 or more, got the number 1.5
        → at options.minimum
        hint: give a count such as 1, or leave it out for the default of 1"
    `);
    expect(errorText(() => draw([{ id: '', disbursedOn: Number.NaN as Day }]))).toMatchInlineSnapshot(`
      "✖ A loan id must be a non-empty string, got ""
        → at loans[0].id
        hint: give every loan its contract id
      ✖ The disbursement day must be a Day, got the number NaN
        → at loans[0].disbursedOn
        hint: convert the "YYYY-MM-DD" date with parseDay first"
    `);
  });

  it('reports every problem at once', () => {
    const dup: SpotCheckLoan[] = [...loans, { id: 'L-0002', disbursedOn: MARCH_1 }];
    expect(errorText(() => spotCheckSample(dup, { month: '2026-3', seed: '', rate: '10', minimum: -1 }))).toMatchInlineSnapshot(`
      "✖ The review month must be "YYYY-MM" with a two-digit month, got "2026-3"
        → at options.month
        hint: write "2026-03"
      ✖ The spot-check rate "10" is above 1 (100 % of the loans)
        → at options.rate
        hint: write a share, not a percentage: 10 % is "0.10"
      ✖ The minimum sample size must be a whole number of loans, 0 or more, got the number -1
        → at options.minimum
        hint: give a count such as 1, or leave it out for the default of 1
      ✖ The seed is empty
        → at options.seed
        hint: give a seed and print it in the report so auditors can redraw the sample, e.g. "spot-check 2026-03 draw 1"
      ✖ The loan id "L-0002" appears more than once (first at loans[2])
        → at loans[3].id
        hint: list each loan once: remove the duplicate or correct its id"
    `);
  });
});
