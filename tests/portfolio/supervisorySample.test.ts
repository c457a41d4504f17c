import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { supervisorySample, type SampleLoan } from '../../src/portfolio/supervisorySample';
import { CLASSIFICATIONS, type Classification } from '../../src/rules/vocabulary';

const loan = (n: number, classification: Classification, yuan: number, extra: Partial<SampleLoan> = {}): SampleLoan => ({
  loanId: `L-${String(n).padStart(3, '0')}`,
  borrowerId: `B-${String(n).padStart(3, '0')}`,
  classification,
  balance: BigInt(yuan) * 100n,
  secured: false,
  guaranteed: false,
  ...extra,
});

/** 30 borrowers: 15 pass, 8 special mention, 7 non-performing; every third one secured. */
function book(): SampleLoan[] {
  const classes: Classification[] = [...Array<Classification>(15).fill('pass'), ...Array<Classification>(8).fill('specialMention'), 'substandard', 'substandard', 'substandard', 'doubtful', 'doubtful', 'loss', 'loss'];
  return classes.map((c, i) => loan(i + 1, c, 10_000 + i * 1_000, { secured: i % 3 === 0 }));
}

describe('supervisorySample (P-PF-5)', () => {
  it('meets every requirement on a book that allows it', () => {
    const sample = supervisorySample(book(), { seed: 'exam 2026-Q2' });
    expect(sample.ruleId).toBe('P-PF-5');
    expect(sample.population).toEqual({ borrowers: 30, loans: 30 });
    expect(sample.borrowers).toHaveLength(10);
    expect(sample.requirements.every((r) => r.met)).toBe(true);
    expect(sample.requirements.map((r) => `${r.requirement}: ${r.actual}`)).toEqual([
      'borrowers: 10',
      'tier pass: 3',
      'tier specialMention: 4',
      'tier substandard or worse: 3',
      'top by balance: 3',
      'secured or guaranteed: 5',
    ]);
    // The three largest balances (the last three loans, all loss) come first.
    expect(sample.borrowers.slice(0, 3).map((b) => [b.borrowerId, b.reason])).toEqual([
      ['B-030', 'topBalance'],
      ['B-029', 'topBalance'],
      ['B-028', 'topBalance'],
    ]);
  });

  it('takes each tier in rank-key order: sha256(seed NUL borrower id), lowest first, an auditor can recompute', () => {
    const loans = Array.from({ length: 12 }, (_, i) => loan(i + 1, 'specialMention', 100, { secured: true }));
    const sample = supervisorySample(loans, { seed: 's' });
    const ranked = loans
      .map((l) => ({ id: l.borrowerId, key: createHash('sha256').update(`s\u0000${l.borrowerId}`, 'utf8').digest('hex') }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((r) => r.id);
    // Equal balances: the top three are the smallest ids; then rank order.
    const quotaPicks = sample.borrowers.filter((b) => b.reason !== 'topBalance').map((b) => b.borrowerId);
    expect(quotaPicks).toEqual(ranked.filter((id) => !['B-001', 'B-002', 'B-003'].includes(id)).slice(0, 7));
  });

  it('spreads a tier shortfall over the other tiers', () => {
    // Only one special-mention borrower: its three missing places go to pass and non-performing.
    const loans = [...Array.from({ length: 10 }, (_, i) => loan(i + 1, 'pass', 1000)), loan(11, 'specialMention', 1000), ...Array.from({ length: 10 }, (_, i) => loan(i + 12, 'loss', 1000))];
    const sample = supervisorySample(loans, { seed: 'x' });
    const tiers = sample.borrowers.map((b) => b.tier);
    expect(sample.borrowers).toHaveLength(10);
    expect(tiers.filter((t) => t === 'specialMention')).toHaveLength(1);
    // Shortfall 3, handed out one at a time: pass, non-performing, pass.
    expect(tiers.filter((t) => t === 'pass')).toHaveLength(5);
    expect(tiers.filter((t) => t === 'nonPerforming')).toHaveLength(4);
    expect(sample.requirements.find((r) => r.requirement === 'tier specialMention')).toEqual({ requirement: 'tier specialMention', required: 4, actual: 1, met: false });
  });

  it('prefers secured or guaranteed borrowers until five are in', () => {
    const loans = [
      ...Array.from({ length: 20 }, (_, i) => loan(i + 1, CLASSIFICATIONS[i % 3] as Classification, 1000)),
      loan(21, 'pass', 1000, { guaranteed: true }),
      loan(22, 'specialMention', 1000, { secured: true }),
      loan(23, 'specialMention', 1000, { secured: true, guaranteed: true }),
      loan(24, 'substandard', 1000, { guaranteed: true }),
      loan(25, 'pass', 1000, { secured: true }),
      loan(26, 'doubtful', 1000, { secured: true }),
    ];
    const sample = supervisorySample(loans, { seed: 'y' });
    expect(sample.borrowers.filter((b) => b.secured || b.guaranteed).length).toBeGreaterThanOrEqual(5);
    expect(sample.requirements.every((r) => r.met)).toBe(true);
  });

  it('groups loans by borrower: the borrower takes its worst class, its total balance and at most 2 loans, worst first', () => {
    const loans = [
      loan(1, 'pass', 5000, { borrowerId: 'B-X', loanId: 'L-A' }),
      loan(2, 'doubtful', 100, { borrowerId: 'B-X', loanId: 'L-B' }),
      loan(3, 'pass', 7000, { borrowerId: 'B-X', loanId: 'L-C', guaranteed: true }),
    ];
    const [b] = supervisorySample(loans, { seed: 'z' }).borrowers;
    expect(b).toEqual({ borrowerId: 'B-X', tier: 'nonPerforming', classification: 'doubtful', balance: '12100.00', secured: false, guaranteed: true, reason: 'topBalance', loanIds: ['L-B', 'L-C'] });
    expect(supervisorySample(loans, { seed: 'z', loansPerBorrower: 1 }).borrowers[0]?.loanIds).toEqual(['L-B']);
  });

  it('is reproducible and independent of input order; another seed gives another sample', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(book(), { minLength: 30, maxLength: 30 }), (shuffled) => {
        expect(supervisorySample(shuffled, { seed: 'exam' })).toEqual(supervisorySample(book(), { seed: 'exam' }));
      }),
      { numRuns: 30, seed: 11 },
    );
    const ids = (seed: string) => supervisorySample(book(), { seed }).borrowers.map((b) => b.borrowerId);
    expect(ids('exam')).not.toEqual(ids('exam 2'));
  });

  it('refuses a sample smaller than the policy minimum, a bad seed or loans per borrower', () => {
    expect(() => supervisorySample([], { seed: '' })).toThrow(PostloanError);
    expect(() => supervisorySample([], { seed: 's', borrowers: 9 })).toThrow(/at least 10 borrowers/);
    expect(() => supervisorySample([], { seed: 's', loansPerBorrower: 3 as 2 })).toThrow(/1 or 2 loans per borrower/);
  });
});
