import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { createPortfolioReport, DEFAULT_PORTFOLIO_TARGETS, loanProfile, portfolioReport, type PortfolioLoan } from '../../src/portfolio/report';
import { parseHistoryOrThrow } from '../../src/history/parseHistory';
import { BUCKETS, CLASSIFICATIONS } from '../../src/rules/vocabulary';
import { FROM, TO, handBook as book, handOptions as options } from './handBook';
import { output, profile } from './replayOutputs';
import { errorText } from '../support/errorText';

describe('portfolioReport: a hand-checked book of six loans', () => {
  const report = portfolioReport(book(), options);

  it('counts the loans', () => {
    expect(report.loans).toEqual({ reported: 6, atStart: 5, atEnd: 5, new: 1, settled: 1, writtenOff: 0, notYetDisbursed: 0 });
    expect(report.period).toEqual({ from: FROM, to: TO });
    expect(report.pack).toEqual({ id: 'cn-default', version: '1.0.0', hash: 'sha256:test' });
  });

  it('P-PF-1 at the end: overdue rate 490,000 / 713,000 and NPL ratio 290,000 / 713,000, both above target', () => {
    expect(report.quality.end).toEqual({
      asOf: TO,
      loans: 5,
      balance: '713000.00',
      overdueLoans: 2,
      overdueBalance: '490000.00',
      overduePrincipal: '100000.00',
      nplLoans: 1,
      nplBalance: '290000.00',
      overdueRate: { byBalance: { value: '0.6872', target: '0.03', met: false }, byCount: '0.4000' },
      nplRatio: { byBalance: { value: '0.4067', target: '0.01', met: false }, byCount: '0.2000' },
    });
  });

  it('P-PF-1 at the start: 550,000 / 680,000 overdue, 300,000 / 680,000 non-performing', () => {
    expect(report.quality.start.overdueRate).toEqual({ byBalance: { value: '0.8088', target: '0.03', met: false }, byCount: '0.6000' });
    expect(report.quality.start.nplRatio).toEqual({ byBalance: { value: '0.4412', target: '0.01', met: false }, byCount: '0.2000' });
    expect(report.quality.start.balance).toBe('680000.00');
  });

  it('P-PF-2 cure rates: the M1 loan cured (1/1, target met); the M2 loan rolled to M3 (0/1, not met)', () => {
    expect(report.cure.m1).toEqual({
      buckets: ['M1'],
      loans: 1,
      cured: 1,
      balance: '50000.00',
      curedBalance: '50000.00',
      byCount: { value: '1.0000', target: '0.92', met: true },
      byBalance: '1.0000',
    });
    expect(report.cure.m2m3).toEqual({
      buckets: ['M2', 'M3'],
      loans: 1,
      cured: 0,
      balance: '200000.00',
      curedBalance: '0.00',
      byCount: { value: '0.0000', target: '0.05', met: false },
      byBalance: '0.0000',
    });
  });

  it('P-PF-2 bucket migration: every start loan in one row and one cell', () => {
    const nonZero = report.migration.buckets.rows.flatMap((r) => r.cells.filter((c) => c.count > 0).map((c) => `${r.from}→${c.to}: ${c.count} ${c.startBalance}→${c.endBalance} (${c.rate})`));
    expect(nonZero).toEqual([
      'M0→M0: 1 100000.00→95000.00 (0.5000)',
      'M0→settled: 1 30000.00→0.00 (0.5000)',
      'M1→M0: 1 50000.00→48000.00 (1.0000)',
      'M2→M3: 1 200000.00→200000.00 (1.0000)',
      'M4→M5: 1 300000.00→290000.00 (1.0000)',
    ]);
    expect(report.migration.buckets.keys).toEqual([...BUCKETS, 'settled', 'writtenOff']);
    expect(report.migration.buckets.rows.map((r) => r.count)).toEqual([2, 1, 1, 0, 1, 0, 0, 0, 0, 0]);
    expect(report.migration.buckets.rows[3]?.cells[0]?.rate).toBeNull();
  });

  it('P-PF-2 class migration', () => {
    const nonZero = report.migration.classes.rows.flatMap((r) => r.cells.filter((c) => c.count > 0).map((c) => `${r.from}→${c.to}: ${c.count}`));
    expect(nonZero).toEqual(['pass→pass: 1', 'pass→settled: 1', 'specialMention→pass: 1', 'specialMention→specialMention: 1', 'substandard→substandard: 1']);
    expect(report.migration.classes.keys).toEqual([...CLASSIFICATIONS, 'settled', 'writtenOff']);
  });

  it('P-PF-3 provisioning: Σ provision by class, coverage 100,000 / 290,000, adequacy 100,000 / 96,345', () => {
    expect(report.provisioning).toEqual({
      byClass: [
        { classification: 'pass', loans: 3, balance: '223000.00', rate: '0.015', required: '3345.00' },
        { classification: 'specialMention', loans: 1, balance: '200000.00', rate: '0.03', required: '6000.00' },
        { classification: 'substandard', loans: 1, balance: '290000.00', rate: '0.30', required: '87000.00' },
        { classification: 'doubtful', loans: 0, balance: '0.00', rate: '', required: '0.00' },
        { classification: 'loss', loans: 0, balance: '0.00', rate: '', required: '0.00' },
      ],
      required: '96345.00',
      held: '100000.00',
      coverageRatio: '0.3448',
      adequacyRatio: '1.0379',
      requiredToBalance: '0.1351',
    });
  });

  it('distribution at the end by bucket and class', () => {
    expect(report.distribution.buckets.filter((d) => d.loans > 0)).toEqual([
      { key: 'M0', loans: 3, balance: '223000.00', shareOfBalance: '0.3128' },
      { key: 'M3', loans: 1, balance: '200000.00', shareOfBalance: '0.2805' },
      { key: 'M5', loans: 1, balance: '290000.00', shareOfBalance: '0.4067' },
    ]);
    expect(report.distribution.classes.map((d) => d.loans)).toEqual([3, 1, 1, 0, 0]);
  });

  it('tasks by kind in the period (a deadline on `from` itself is before the period)', () => {
    expect(report.tasks).toEqual([
      { kind: 'collectionNotice', opened: 1, due: 1, done: 0, late: 1, breached: 1, outstandingBreached: 0, onTimeRate: '0.0000' },
      { kind: 'monthlyWorkLog', opened: 1, due: 1, done: 1, late: 0, breached: 0, outstandingBreached: 0, onTimeRate: '1.0000' },
      { kind: 'periodicInspection', opened: 0, due: 1, done: 0, late: 0, breached: 1, outstandingBreached: 1, onTimeRate: '0.0000' },
    ]);
  });

  it('P-PF-6 agencies: recoveries while holding the case, visits and calls while holding it', () => {
    expect(report.agencies).toEqual([
      { agencyId: 'AG-1', cases: 1, recovered: '12000.00', owedAtEnd: '310000.00', recoveryRate: '0.0373', contactedCases: 1, caseCoverage: '1.0000', visitedCases: 1, visitRate: '1.0000', complaintRate: null },
      // The 06-05 payment came before the placement, the 06-26 visit after the recall: neither counts.
      { agencyId: 'AG-2', cases: 1, recovered: '1000.00', owedAtEnd: '215000.00', recoveryRate: '0.0046', contactedCases: 1, caseCoverage: '1.0000', visitedCases: 0, visitRate: '0.0000', complaintRate: null },
    ]);
    expect(report.notes).toContain('Complaint rate (P-PF-6) is not reported: the history format records no complaints.');
  });

  it('P-PF-5 sample from a book too small for it: every borrower, the shortfalls shown', () => {
    const sample = report.supervisorySample;
    expect(sample.population).toEqual({ borrowers: 4, loans: 5 });
    expect(sample.borrowers.map((b) => [b.borrowerId, b.tier, b.reason, b.loanIds.join(' ')])).toEqual([
      ['B3', 'nonPerforming', 'topBalance', 'L4 L3'],
      ['B1', 'pass', 'topBalance', 'L1'],
      ['B5', 'pass', 'topBalance', 'L6'],
      ['B2', 'pass', 'tierQuota', 'L2'],
    ]);
    expect(sample.requirements.map((r) => `${r.requirement} ${r.actual}/${r.required} ${r.met ? 'met' : 'not met'}`)).toEqual([
      'borrowers 4/10 not met',
      'tier pass 3/3 met',
      'tier specialMention 0/4 not met',
      'tier substandard or worse 1/3 not met',
      'top by balance 3/3 met',
      'secured or guaranteed 1/5 not met',
    ]);
  });

  it('P-IN-8 spot check of the month of `to`', () => {
    expect(report.spotCheck).toEqual({ month: '2026-06', seed: 'test', rate: '0.10', population: 1, sampleSize: 1, loanIds: ['L6'], ruleId: 'P-IN-8' });
  });

  it('is independent of the order loans come in', () => {
    const reversed = portfolioReport([...book()].reverse(), options);
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(report));
  });
});

describe('portfolioReport: edge cases', () => {
  it('an empty book: ratios undefined (null), not 0', () => {
    const report = portfolioReport([], options);
    expect(report.quality.end.overdueRate.byBalance).toEqual({ value: null, target: '0.03', met: null });
    expect(report.cure.m1.byCount).toEqual({ value: null, target: '0.92', met: null });
    expect(report.provisioning.coverageRatio).toBeNull();
    expect(report.pack).toBeNull();
  });

  it('compares with the target exactly: 3.00004 % is above 3 % though it prints as 0.0300', () => {
    const loans: PortfolioLoan[] = [
      { profile: profile('A', 'B1'), end: output({ loanId: 'A', asOf: TO, principal: '9699996.00' }) },
      { profile: profile('B', 'B2'), end: output({ loanId: 'B', asOf: TO, dpd: 5, bucket: 'M1', state: 'overdueM1', principal: '300004.00' }) },
    ];
    expect(portfolioReport(loans, options).quality.end.overdueRate.byBalance).toEqual({ value: '0.0300', target: '0.03', met: false });
    const exact: PortfolioLoan[] = [
      { profile: profile('A', 'B1'), end: output({ loanId: 'A', asOf: TO, principal: '9700000.00' }) },
      { profile: profile('B', 'B2'), end: output({ loanId: 'B', asOf: TO, dpd: 5, bucket: 'M1', state: 'overdueM1', principal: '300000.00' }) },
    ];
    expect(portfolioReport(exact, options).quality.end.overdueRate.byBalance.met).toBe(true);
  });

  it('targets can be overridden; without provisions held the coverage ratios are null with a note', () => {
    const { provisionsHeld: _, ...noHeld } = options;
    const report = portfolioReport(book(), { ...noHeld, targets: { ...DEFAULT_PORTFOLIO_TARGETS, m2m3CureRate: '0' } });
    expect(report.cure.m2m3.byCount.met).toBe(true);
    expect(report.provisioning.coverageRatio).toBeNull();
    expect(report.notes.some((n) => n.includes('provisionsHeld'))).toBe(true);
  });

  it('a loan id seen twice is an error entry, reported once', () => {
    const builder = createPortfolioReport(options);
    const [first] = book();
    if (first === undefined) throw new Error('no loans');
    builder.add(first, { source: 'book.jsonl', line: 1 });
    builder.add(first, { source: 'book.jsonl', line: 7 });
    const report = builder.finish();
    expect(report.loans.reported).toBe(1);
    expect(report.errors).toEqual([
      { source: 'book.jsonl', line: 7, loanId: 'L1', issues: [{ code: 'input.invalid', path: 'loan.id', message: 'Loan L1 appears more than once in the book; only its first history is reported', hint: 'give each loan one history' }] },
    ]);
  });

  it('replays of the wrong dates are a programming error, thrown', () => {
    const builder = createPortfolioReport(options);
    expect(() => builder.add({ profile: profile('X', 'B'), end: output({ loanId: 'X', asOf: '2026-07-01', principal: '1.00' }) })).toThrow(/end replay date is 2026-07-01, expected 2026-06-30/);
  });

  it('reports every bad option at once', () => {
    const bad = () => createPortfolioReport({ from: '2026-06-30', to: '2026-05-31', seed: '', spotCheckRate: '10%', provisionsHeld: '12', targets: { ...DEFAULT_PORTFOLIO_TARGETS, nplRatio: '1 %' }, sample: { borrowers: 5 } });
    expect(bad).toThrow(PostloanError);
    expect(errorText(bad)).toMatchInlineSnapshot(`
      "✖ The period must end after it starts: from 2026-06-30 to 2026-05-31
        → at options.to
        hint: swap the dates, or give a later end date
      ✖ The sample seed must be a non-empty string without NUL, got ""
        → at options.seed
        hint: give a seed and print it with the report, e.g. "report 2026-06"
      ✖ The target nplRatio must be a decimal share such as "0.03", got "1 %"
        → at options.targets.nplRatio
        hint: write a share, not a percentage: 3 % is "0.03"
      ✖ The provisions held must be money text with 2 decimals, got "12"
        → at options.provisionsHeld
        hint: e.g. "1250000.00"
      ✖ The spot-check rate must be a decimal string such as "0.10", got "10%"
        → at options.spotCheckRate
        hint: write a share, not a percentage: 10 % is "0.10"
      ✖ P-PF-5 samples at least 10 borrowers, got the number 5
        → at options.sample.borrowers
        hint: leave it out for 10, or give a larger whole number"
    `);
  });

  it('loanProfile reads borrower, security, disbursement, visits and calls from a history', () => {
    const history = parseHistoryOrThrow(
      JSON.stringify({
        loan: { id: 'L-P', borrower: { id: 'B-P', kind: 'corporate' }, principal: '1000.00', annualRate: '0.05', disbursedOn: '2026-01-10', termMonths: 6, repayment: 'bullet', guarantors: [{ id: 'G-1' }] },
        events: [
          { id: 'v', type: 'fieldVisit', on: '2026-03-02', found: false },
          { id: 'c', type: 'contactAttempt', on: '2026-03-01', at: '2026-03-01T10:00:00+08:00', party: 'borrower', channel: 'phone', outcome: 'noAnswer' },
        ],
      }),
      'p.json',
    );
    expect(loanProfile(history)).toEqual({
      loanId: 'L-P',
      borrowerId: 'B-P',
      borrowerKind: 'corporate',
      disbursedOn: '2026-01-10',
      secured: false,
      guaranteed: true,
      fieldVisits: ['2026-03-02'],
      contactAttempts: ['2026-03-01'],
    });
  });
});

describe('migration matrix invariants', () => {
  const buckets = fc.constantFrom(...BUCKETS);
  const classes = fc.constantFrom(...CLASSIFICATIONS);
  const state = fc.constantFrom('normal', 'overdueM1', 'outsourced', 'settled', 'writtenOff' as const);
  const side = fc.record({ bucket: buckets, classification: classes, state, principalFen: fc.integer({ min: 0, max: 1_000_000_00 }) });
  const money = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

  it('row counts equal the loans at the start; every row sums its cells; balances are conserved per row', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ start: fc.option(side, { nil: undefined }), end: side }), { maxLength: 60 }), (loans) => {
        const book: PortfolioLoan[] = loans.map((l, i) => ({
          profile: profile(`L${i}`, `B${i % 7}`),
          end: output({ loanId: `L${i}`, asOf: TO, ...l.end, principal: money(l.end.principalFen) }),
          ...(l.start === undefined ? {} : { start: output({ loanId: `L${i}`, asOf: FROM, ...l.start, principal: money(l.start.principalFen) }) }),
        }));
        const report = portfolioReport(book, options);
        for (const matrix of [report.migration.buckets, report.migration.classes] as const) {
          const rowCounts = matrix.rows.map((r) => r.count);
          expect(rowCounts.reduce((a, b) => a + b, 0)).toBe(loans.filter((l) => l.start !== undefined).length);
          for (const r of matrix.rows) {
            expect(r.cells.reduce((s, c) => s + c.count, 0)).toBe(r.count);
            const fen = (t: string) => BigInt(t.replace('.', ''));
            expect(r.cells.reduce((s, c) => s + fen(c.startBalance), 0n)).toBe(fen(r.balance));
          }
          const started = (k: string) => loans.filter((l) => l.start !== undefined && (l.start.state === 'settled' || l.start.state === 'writtenOff' ? l.start.state : matrix === report.migration.buckets ? l.start.bucket : l.start.classification) === k).length;
          for (const r of matrix.rows) expect(r.count).toBe(started(r.from));
        }
        expect(report.distribution.buckets.reduce((s, d) => s + d.loans, 0)).toBe(report.loans.atEnd);
        expect(report.quality.end.loans).toBe(report.loans.atEnd);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
