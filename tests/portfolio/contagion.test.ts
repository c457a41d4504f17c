import fc from 'fast-check';
import { errorText } from '../support/errorText';
import { describe, expect, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { formatMoney, MAX_FEN } from '../../src/money/fen';
import { applyContagion, type ContagionLoan, type ContagionOptions, type ContagionResult } from '../../src/portfolio/contagion';
import { CLASSIFICATIONS, classificationRank, type Classification } from '../../src/rules/vocabulary';

/**
 * P-CL-8's threshold is a pack parameter; cn-default will carry "0.10" (the policy's 10 %). Spelled out
 * here because the pack does not have the parameter yet; the module never defaults it.
 */
const THRESHOLD = '0.10';

function apply(loans: readonly ContagionLoan[], options: Partial<ContagionOptions> = {}): ContagionResult[] {
  return applyContagion(loans, { threshold: THRESHOLD, ...options });
}

function corporate(loanId: string, classification: Classification, balance: string, borrowerId = 'B-1'): ContagionLoan {
  return { loanId, borrowerId, borrowerKind: 'corporate', classification, balance };
}

function retail(loanId: string, classification: Classification, balance: string, borrowerId = 'R-1'): ContagionLoan {
  return { loanId, borrowerId, borrowerKind: 'retail', classification, balance };
}

const classes = (results: readonly ContagionResult[]) => results.map((r) => r.classification);


function issuesOf(call: () => unknown): [string, string][] {
  try {
    call();
  } catch (e) {
    if (e instanceof PostloanError) return e.issues.map((i) => [i.code, i.path]);
    throw e;
  }
  throw new Error('expected a PostloanError');
}

describe('applyContagion: one corporate borrower, three loans (hand-checked)', () => {
  // Total 10,000,000.00. Exactly 10 %: 1,000,000.00 substandard — not "more than" 10 %.
  it('leaves the borrower alone at exactly 10 %', () => {
    const loans = [corporate('L-1', 'substandard', '1000000.00'), corporate('L-2', 'pass', '6000000.00'), corporate('L-3', 'specialMention', '3000000.00')];
    expect(apply(loans)).toEqual([
      { loanId: 'L-1', classification: 'substandard', changed: false, ruleIds: [] },
      { loanId: 'L-2', classification: 'pass', changed: false, ruleIds: [] },
      { loanId: 'L-3', classification: 'specialMention', changed: false, ruleIds: [] },
    ]);
  });

  it('is exact one fen either side of 10 %', () => {
    // 1,000,000.01 of 10,000,000.01 is 10.0000000899… %: above. 1,000,000.00 of 10,000,000.01 is below.
    expect(classes(apply([corporate('L-1', 'substandard', '1000000.01'), corporate('L-2', 'pass', '9000000.00')]))).toEqual(['substandard', 'substandard']);
    expect(classes(apply([corporate('L-1', 'substandard', '1000000.00'), corporate('L-2', 'pass', '9000000.01')]))).toEqual(['substandard', 'pass']);
    // 0.1 + 0.2 style traps: 3 fen of 30 fen is exactly 10 %.
    expect(classes(apply([corporate('L-1', 'doubtful', '0.01'), corporate('L-2', 'loss', '0.02'), corporate('L-3', 'pass', '0.27')]))).toEqual(['doubtful', 'loss', 'pass']);
  });

  it('makes every loan at least substandard at 10.01 %, keeping doubtful loans doubtful', () => {
    // Non-performing: 600,000.00 doubtful + 401,000.00 substandard = 1,001,000.00 of 10,000,000.00 = 10.01 %.
    const loans = [corporate('L-1', 'doubtful', '600000.00'), corporate('L-2', 'substandard', '401000.00'), corporate('L-3', 'pass', '8999000.00')];
    const reason = 'borrower B-1: 1,001,000.00 of 10,000,000.00 (10.01 %) is non-performing, above 10 %';
    expect(apply(loans)).toEqual([
      { loanId: 'L-1', classification: 'doubtful', changed: false, ruleIds: [] },
      { loanId: 'L-2', classification: 'substandard', changed: false, ruleIds: [] },
      { loanId: 'L-3', classification: 'substandard', changed: true, ruleIds: ['P-CL-8'], reason },
    ]);
  });

  it('matches the documented example', () => {
    const results = apply([
      corporate('L-1', 'substandard', '1200000.00'),
      corporate('L-2', 'pass', '8800000.00'),
      retail('L-3', 'pass', '50000.00', 'B-2'),
    ]);
    expect(results[1]).toEqual({
      loanId: 'L-2',
      classification: 'substandard',
      changed: true,
      ruleIds: ['P-CL-8'],
      reason: 'borrower B-1: 1,200,000.00 of 10,000,000.00 (12.00 %) is non-performing, above 10 %',
    });
    expect(results[2]).toEqual({ loanId: 'L-3', classification: 'pass', changed: false, ruleIds: [] });
  });

  it('shows as many decimals as it takes for the share to read above the threshold, rounding down', () => {
    // 100000001 / 1000000001 = 10.00000008999… %: rounded down, never overstated.
    const [, second] = apply([corporate('L-1', 'loss', '1000000.01'), corporate('L-2', 'specialMention', '9000000.00')]);
    expect(second?.reason).toBe('borrower B-1: 1,000,000.01 of 10,000,000.01 (10.00000008 %) is non-performing, above 10 %');
    const [, third] = apply([corporate('L-1', 'loss', '125.01'), corporate('L-2', 'pass', '874.99')], { threshold: '0.125' });
    expect(third?.reason).toBe('borrower B-1: 125.01 of 1,000.00 (12.501 %) is non-performing, above 12.5 %');
  });

  it('uses a different floor when the pack asks for one', () => {
    const loans = [corporate('L-1', 'doubtful', '200.00'), corporate('L-2', 'pass', '800.00'), corporate('L-3', 'loss', '0.00')];
    expect(classes(apply(loans, { floor: 'doubtful' }))).toEqual(['doubtful', 'doubtful', 'loss']);
    expect(classes(apply(loans, { floor: 'loss' }))).toEqual(['loss', 'loss', 'loss']);
  });

  it('counts only substandard, doubtful and loss as non-performing', () => {
    // 90 % special mention: no contagion, special mention is performing (P-CL-1).
    expect(classes(apply([corporate('L-1', 'specialMention', '900.00'), corporate('L-2', 'pass', '100.00')]))).toEqual(['specialMention', 'pass']);
  });

  it('compares with the threshold the pack gives', () => {
    const loans = [corporate('L-1', 'substandard', '50.00'), corporate('L-2', 'pass', '950.00')]; // 5 %
    expect(classes(apply(loans))).toEqual(['substandard', 'pass']);
    expect(classes(apply(loans, { threshold: '0.049' }))).toEqual(['substandard', 'substandard']);
    expect(classes(apply(loans, { threshold: '0.05' }))).toEqual(['substandard', 'pass']);
    expect(classes(apply([corporate('L-1', 'substandard', '0.01'), corporate('L-2', 'pass', '950.00')], { threshold: '0' }))).toEqual(['substandard', 'substandard']);
  });
});

describe('applyContagion: who is never changed', () => {
  it('leaves retail borrowers alone, however bad their book', () => {
    const loans = [retail('R-L1', 'loss', '900000.00'), retail('R-L2', 'pass', '100000.00'), retail('R-L3', 'specialMention', '1.00')];
    expect(apply(loans)).toEqual([
      { loanId: 'R-L1', classification: 'loss', changed: false, ruleIds: [] },
      { loanId: 'R-L2', classification: 'pass', changed: false, ruleIds: [] },
      { loanId: 'R-L3', classification: 'specialMention', changed: false, ruleIds: [] },
    ]);
  });

  it('leaves a borrower with zero total balance alone', () => {
    const loans = [corporate('L-1', 'loss', '0.00'), corporate('L-2', 'pass', '0.00')];
    expect(classes(apply(loans))).toEqual(['loss', 'pass']);
    expect(classes(apply(loans, { threshold: '0' }))).toEqual(['loss', 'pass']);
  });

  it('returns an empty list for an empty book', () => {
    expect(apply([])).toEqual([]);
  });
});

describe('applyContagion: mixed book', () => {
  it('judges each borrower on its own balance and keeps input order', () => {
    const loans: ContagionLoan[] = [
      corporate('A-1', 'pass', '500.00', 'A'), // A: 300 of 1,000 non-performing (30 %) → infected
      retail('R-1', 'loss', '1000.00', 'R'), // retail: never
      corporate('B-1', 'substandard', '100.00', 'B'), // B: 100 of 1,000 (10 %) → not infected
      corporate('A-2', 'doubtful', '300.00', 'A'),
      corporate('B-2', 'pass', '900.00', 'B'),
      corporate('A-3', 'specialMention', '200.00', 'A'),
      retail('R-2', 'pass', '1.00', 'R'),
      corporate('C-1', 'pass', '1.00', 'C'), // C: no non-performing loan
    ];
    const results = apply(loans);
    expect(results.map((r) => r.loanId)).toEqual(loans.map((l) => l.loanId));
    expect(results.map((r) => [r.loanId, r.classification, r.changed])).toEqual([
      ['A-1', 'substandard', true],
      ['R-1', 'loss', false],
      ['B-1', 'substandard', false],
      ['A-2', 'doubtful', false],
      ['B-2', 'pass', false],
      ['A-3', 'substandard', true],
      ['R-2', 'pass', false],
      ['C-1', 'pass', false],
    ]);
    expect(results.filter((r) => r.changed).map((r) => r.reason)).toEqual([
      'borrower A: 300.00 of 1,000.00 (30.00 %) is non-performing, above 10 %',
      'borrower A: 300.00 of 1,000.00 (30.00 %) is non-performing, above 10 %',
    ]);
    expect(results.filter((r) => !r.changed).every((r) => r.ruleIds.length === 0 && !('reason' in r))).toBe(true);
  });

  it('sums balances past 2^53 fen exactly', () => {
    // 1,000 loans of 100 billion yuan each: 10^16 fen, above Number.MAX_SAFE_INTEGER.
    const big = formatMoney(MAX_FEN);
    const loans = Array.from({ length: 1000 }, (_, i) => corporate(`L-${i}`, i < 100 ? 'substandard' : 'pass', big));
    expect(apply(loans).some((r) => r.changed)).toBe(false); // exactly 10 %
    loans.push(corporate('L-extra', 'loss', '0.01'));
    const results = apply(loans);
    expect(results.filter((r) => r.changed)).toHaveLength(900);
    expect(results[999]?.reason).toMatch(/^borrower B-1: 10,000,000,000,000\.01 of 100,000,000,000,000\.01 \(10\.0{14}8 %\)/);
  });
});

describe('applyContagion: properties', () => {
  const classification = fc.constantFrom(...CLASSIFICATIONS);
  const balance = fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.constant(0), fc.integer({ min: 0, max: MAX_FEN })).map(formatMoney);
  const loan = fc.record({
    borrower: fc.integer({ min: 0, max: 4 }),
    classification,
    balance,
  });
  /** Borrowers 0–2 corporate, 3–4 retail; unique loan ids. */
  const book = fc.array(loan, { maxLength: 25 }).map((ls) =>
    ls.map(
      (l, i): ContagionLoan => ({
        loanId: `L-${i}`,
        borrowerId: `B-${l.borrower}`,
        borrowerKind: l.borrower < 3 ? 'corporate' : 'retail',
        classification: l.classification,
        balance: l.balance,
      }),
    ),
  );
  const options = fc.record({
    threshold: fc.constantFrom('0', '0.05', '0.10', '0.1', '0.3333333333', '0.5', '0.99'),
    floor: fc.constantFrom<Classification>('substandard', 'doubtful', 'loss'),
  });

  it('never improves a loan, and changes only corporate loans, with P-CL-8 and a reason', () => {
    fc.assert(
      fc.property(book, options, (loans, opts) => {
        const results = applyContagion(loans, opts);
        expect(results).toHaveLength(loans.length);
        results.forEach((r, i) => {
          const input = loans[i] as ContagionLoan;
          expect(r.loanId).toBe(input.loanId);
          expect(classificationRank(r.classification)).toBeGreaterThanOrEqual(classificationRank(input.classification));
          expect(r.changed).toBe(r.classification !== input.classification);
          if (r.changed) {
            expect(input.borrowerKind).toBe('corporate');
            expect(r.classification).toBe(opts.floor);
            expect(r.ruleIds).toEqual(['P-CL-8']);
            expect(r.reason).toMatch(new RegExp(`^borrower ${input.borrowerId}: `));
          } else {
            expect(r.ruleIds).toEqual([]);
            expect(r.reason).toBeUndefined();
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with an independent exact computation (rational comparison by cross-multiplication)', () => {
    fc.assert(
      fc.property(book, options, (loans, opts) => {
        const results = applyContagion(loans, opts);
        const [units = '0', decimals = ''] = opts.threshold.split('.');
        const num = BigInt(units + decimals);
        const den = 10n ** BigInt(decimals.length);
        const fen = (s: string) => BigInt(s.replace('.', ''));
        const nonPerforming = new Set<Classification>(['substandard', 'doubtful', 'loss']);
        results.forEach((r, i) => {
          const input = loans[i] as ContagionLoan;
          const mine = loans.filter((l) => l.borrowerId === input.borrowerId);
          const total = mine.reduce((s, l) => s + fen(l.balance), 0n);
          const npl = mine.filter((l) => nonPerforming.has(l.classification)).reduce((s, l) => s + fen(l.balance), 0n);
          const infected = input.borrowerKind === 'corporate' && total > 0n && npl * den > total * num;
          const expected = infected && classificationRank(input.classification) < classificationRank(opts.floor) ? opts.floor : input.classification;
          expect(r.classification).toBe(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: applying it to its own output changes nothing more', () => {
    fc.assert(
      fc.property(book, options, (loans, opts) => {
        const once = applyContagion(loans, opts);
        const again = applyContagion(
          loans.map((l, i) => ({ ...l, classification: (once[i] as ContagionResult).classification })),
          opts,
        );
        expect(classes(again)).toEqual(classes(once));
        expect(again.every((r) => !r.changed)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is order-independent: a shuffled book gives the same result per loan id', () => {
    fc.assert(
      fc.property(
        book.chain((loans) => fc.tuple(fc.constant(loans), fc.shuffledSubarray(loans, { minLength: loans.length, maxLength: loans.length }))),
        options,
        ([loans, shuffled], opts) => {
          const byId = (rs: readonly ContagionResult[]) => new Map(rs.map((r) => [r.loanId, r]));
          const original = applyContagion(loans, opts);
          const permuted = applyContagion(shuffled, opts);
          expect(permuted.map((r) => r.loanId)).toEqual(shuffled.map((l) => l.loanId));
          expect(byId(permuted)).toEqual(byId(original));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not change or read the input objects beyond their fields', () => {
    fc.assert(
      fc.property(book, options, (loans, opts) => {
        const frozen = loans.map((l) => Object.freeze({ ...l }));
        const before = JSON.stringify(frozen);
        applyContagion(Object.freeze(frozen), opts);
        expect(JSON.stringify(frozen)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('applyContagion: errors', () => {
  const good = [corporate('L-1', 'pass', '100.00'), corporate('L-2', 'substandard', '50.00')];

  it('requires the threshold from the pack', () => {
    expect(issuesOf(() => applyContagion(good, {} as ContagionOptions))).toEqual([['rate.format', 'options.threshold']]);
  });

  it('explains bad thresholds', () => {
    expect(errorText(() => apply(good, { threshold: '10%' }))).toMatchInlineSnapshot(`
      "✖ The contagion threshold must be a decimal string such as "0.10", got "10%"
        → at options.threshold
        hint: write a share, not a percentage: 10 % is "0.10""
    `);
    expect(errorText(() => apply(good, { threshold: '10' }))).toMatchInlineSnapshot(`
      "✖ The contagion threshold "10" is 1 (100 %) or more, so no borrower could ever exceed it
        → at options.threshold
        hint: write a share, not a percentage: 10 % is "0.10""
    `);
    expect(errorText(() => apply(good, { threshold: '1' }))).toMatchInlineSnapshot(`
      "✖ The contagion threshold "1" is 1 (100 %) or more, so no borrower could ever exceed it
        → at options.threshold
        hint: write a share, not a percentage: 1 % is "0.01""
    `);
    expect(errorText(() => apply(good, { threshold: '1.5' }))).toMatchInlineSnapshot(`
      "✖ The contagion threshold "1.5" is 1 (100 %) or more, so no borrower could ever exceed it
        → at options.threshold
        hint: write a share below 1: P-CL-8 uses 10 %, "0.10""
    `);
    expect(errorText(() => apply(good, { threshold: 0.1 as unknown as string }))).toMatchInlineSnapshot(`
      "✖ The contagion threshold must be a decimal string such as "0.10", got the number 0.1
        → at options.threshold
        hint: pass the pack parameter: the share of the balance, 10 % is "0.10""
    `);
    expect(issuesOf(() => apply(good, { threshold: '-0.1' }))).toEqual([['rate.format', 'options.threshold']]);
    expect(issuesOf(() => apply(good, { threshold: '.1' }))).toEqual([['rate.format', 'options.threshold']]);
  });

  it('refuses a floor that is not non-performing', () => {
    expect(errorText(() => apply(good, { floor: 'specialMention' }))).toMatchInlineSnapshot(`
      "✖ The contagion floor must be a non-performing tier, got "specialMention"
        → at options.floor
        hint: P-CL-8 makes every loan of the borrower non-performing: use "substandard" (the default), "doubtful" or "loss""
    `);
    expect(issuesOf(() => apply(good, { floor: 'bad' as Classification }))).toEqual([['input.invalid', 'options.floor']]);
  });

  it('explains bad balances', () => {
    const loans = [
      corporate('L-1', 'pass', '1,000.00'),
      corporate('L-2', 'pass', 1000 as unknown as string),
      corporate('L-3', 'pass', '-5.00'),
      corporate('L-4', 'pass', '99999999999999.00'),
      corporate('L-5', 'pass', '10.5'),
    ];
    expect(errorText(() => apply(loans))).toMatchInlineSnapshot(`
      "✖ The balance must be money text in yuan with exactly 2 decimals, got "1,000.00"
        → at loans[0].balance
        hint: write yuan with exactly 2 decimals and no spaces, commas or exponent, e.g. "1200000.00"
      ✖ The balance must be money text with 2 decimals, got the number 1000
        → at loans[1].balance
        hint: pass the outstanding principal as text, e.g. "1200000.00" (ReplayOutput.outstanding.principal): numbers lose fen
      ✖ The balance must not be negative, got "-5.00"
        → at loans[2].balance
        hint: give the outstanding principal: zero or a positive amount
      ✖ The balance "99999999999999.00" is larger than the largest amount postloan accepts
        → at loans[3].balance
        hint: check the amount for extra digits
      ✖ The balance must be money text in yuan with exactly 2 decimals, got "10.5"
        → at loans[4].balance
        hint: write yuan with exactly 2 decimals and no spaces, commas or exponent, e.g. "1200000.00""
    `);
  });

  it('refuses duplicate loan ids, naming each repeat and the first occurrence', () => {
    const loans = [...good, corporate('L-1', 'pass', '1.00', 'B-9'), retail('L-1', 'pass', '1.00')];
    expect(issuesOf(() => apply(loans))).toEqual([
      ['input.invalid', 'loans[2].loanId'],
      ['input.invalid', 'loans[3].loanId'],
    ]);
    expect(errorText(() => apply(loans))).toContain('The loan id "L-1" appears more than once (first at loans[0])');
  });

  it('explains bad ids, kinds and classes, and a borrower listed under both kinds', () => {
    const loans = [
      { loanId: '', borrowerId: 'B-1', borrowerKind: 'corporate', classification: 'pass', balance: '1.00' },
      { loanId: 'L-2', borrowerId: 7, borrowerKind: 'corprate', classification: 'substandrd', balance: '1.00' },
      { loanId: 'L-3', borrowerId: 'B-1', borrowerKind: 'retail', classification: 'pass', balance: '1.00' },
    ] as unknown as ContagionLoan[];
    expect(errorText(() => apply(loans))).toMatchInlineSnapshot(`
      "✖ The loan id must be a non-empty string, got ""
        → at loans[0].loanId
        hint: give every loan its contract id
      ✖ The borrower id must be a non-empty string, got the number 7
        → at loans[1].borrowerId
        hint: give the id of the borrower the loan belongs to
      ✖ The borrower kind must be "retail" or "corporate", got "corprate"
        → at loans[1].borrowerKind
        hint: did you mean "corporate"?
      ✖ The classification must be one of the five tiers, got "substandrd"
        → at loans[1].classification
        hint: did you mean "substandard"?
      ✖ Borrower "B-1" is "retail" here but "corporate" at loans[0]
        → at loans[2].borrowerKind
        hint: a borrower is either retail or corporate: correct the kind or the borrower id"
    `);
  });

  it('reports every problem at once, options first', () => {
    const loans = [corporate('L-1', 'pass', '1.5'), corporate('L-1', 'pass', '1.00')];
    expect(issuesOf(() => applyContagion(loans, { threshold: '10 %', floor: 'pass' }))).toEqual([
      ['rate.format', 'options.threshold'],
      ['input.invalid', 'options.floor'],
      ['money.format', 'loans[0].balance'],
      ['input.invalid', 'loans[1].loanId'],
    ]);
  });
});
