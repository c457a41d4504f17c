/**
 * The shapes of a portfolio report (P-PF-1 … P-PF-6): its options and targets, the loans it reads, the
 * figures it gives and the builder that makes it. `report.ts` computes them.
 */
import type { ReplayOutput } from '../engine/output';
import type { PostloanIssue } from '../errors/PostloanIssue';
import type { Bucket, Classification } from '../rules/vocabulary';
import type { SpotCheckSample } from './spotCheck';
import type { SupervisorySample } from './supervisorySample';
import type { Statechart } from '../workflow/statechart';
import type { PackScales } from '../rules/scales';

/**
 * Version of the report's JSON shape; raised when a field changes meaning.
 *
 * @example
 * ```ts
 * if (report.reportVersion !== REPORT_VERSION) throw new Error('report from another postloan version');
 * ```
 */
export const REPORT_VERSION = 1;

/**
 * Policy targets of P-PF-1 and P-PF-2, as exact decimal shares, used when the caller gives none. They are
 * reporting thresholds, not replay rules: pass `targets` to use a lender's own.
 *
 * @example
 * ```ts
 * DEFAULT_PORTFOLIO_TARGETS.overdueRate; // '0.03' (P-PF-1: overdue rate ≤ 3 %)
 * ```
 */
export const DEFAULT_PORTFOLIO_TARGETS: PortfolioTargets = {
  overdueRate: '0.03',
  nplRatio: '0.01',
  m1CureRate: '0.92',
  m2m3CureRate: '0.05',
};

/**
 * Targets a report checks figures against: overdue and NPL ratios at most, cure rates at least.
 *
 * @example
 * ```ts
 * const targets: PortfolioTargets = { ...DEFAULT_PORTFOLIO_TARGETS, nplRatio: '0.015' };
 * ```
 */
export interface PortfolioTargets {
  /** P-PF-1: overdue balance / total balance, at most. */
  readonly overdueRate: string;
  /** P-PF-1: substandard + doubtful + loss balance / total balance, at most. */
  readonly nplRatio: string;
  /** P-PF-2: share of M1 loans at the period start that are current at its end, at least. */
  readonly m1CureRate: string;
  /** P-PF-2: the same for M2–M3 loans, at least. */
  readonly m2m3CureRate: string;
}

/**
 * What a report needs from a loan's history beyond its replay outputs: who the borrower is, whether the
 * loan is secured or guaranteed (P-PF-5), when it was disbursed (P-IN-8) and when collectors called and
 * visited (P-PF-6). Build it with {@link loanProfile}.
 *
 * @example
 * ```ts
 * const profile: LoanProfile = loanProfile(parseHistoryOrThrow(text, 'L-1.json'));
 * ```
 */
export interface LoanProfile {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly borrowerKind: 'retail' | 'corporate';
  /** `YYYY-MM-DD`. */
  readonly disbursedOn: string;
  /** The contract lists collateral. */
  readonly secured: boolean;
  /** The contract lists guarantors. */
  readonly guaranteed: boolean;
  /** Days (`YYYY-MM-DD`) of the history's `fieldVisit` events, in order. */
  readonly fieldVisits: readonly string[];
  /** Days (`YYYY-MM-DD`) of the history's `contactAttempt` events, in order. */
  readonly contactAttempts: readonly string[];
}

/**
 * One loan of the book: its profile and its replays at the period's start and end.
 *
 * @example
 * ```ts
 * const loan: PortfolioLoan = {
 *   profile: loanProfile(history),
 *   start: replay(history, pack, { asOf: day('2026-05-31') }),
 *   end: replay(history, pack, { asOf: day('2026-06-30') }),
 * };
 * ```
 */
export interface PortfolioLoan {
  readonly profile: LoanProfile;
  /** Replay at `from`; absent for a loan disbursed after `from` (new in the period). */
  readonly start?: ReplayOutput;
  /** Replay at `to`. */
  readonly end: ReplayOutput;
}

/**
 * The period and the knobs of a report.
 *
 * @example
 * ```ts
 * const options: PortfolioReportOptions = { from: '2026-05-31', to: '2026-06-30', seed: 'report 2026-06', spotCheckRate: '0.10' };
 * ```
 */
export interface PortfolioReportOptions {
  /** Period start `YYYY-MM-DD`: the "start" replays are as of the end of this day. */
  readonly from: string;
  /** Period end `YYYY-MM-DD`, after `from`. The period is the days after `from` up to and including `to`. */
  readonly to: string;
  /** Seed of the P-PF-5 and P-IN-8 samples; print it so they can be redrawn. */
  readonly seed: string;
  /** P-IN-8 share of the month's new loans to check: the pack parameter `spotCheckRate` (cn-default "0.10"). */
  readonly spotCheckRate: string;
  /** Month (`YYYY-MM`) whose new loans the P-IN-8 spot check draws from; default the month of `to`. */
  readonly spotCheckMonth?: string;
  /** Loan-loss provisions the lender holds, yuan text; without it the coverage ratios are `null`. */
  readonly provisionsHeld?: string;
  /** Default {@link DEFAULT_PORTFOLIO_TARGETS}. */
  readonly targets?: PortfolioTargets;
  /** Borrowers in the P-PF-5 sample (default and minimum 10) and loans per borrower (1 or 2, default 2). */
  readonly sample?: { readonly borrowers?: number; readonly loansPerBorrower?: 1 | 2 };
  /** The lifecycle statechart of the pack (`pack.statechart`): its `settled` and `writtenOff` roles say which loans left the book. Default: the built-in one. */
  readonly statechart?: Statechart;
  /** The pack's scales (`pack.scales`): the buckets and tiers of the distributions, matrices and provisions, and which tiers are non-performing. Default: cn-default's. */
  readonly scales?: PackScales;
}

/**
 * A history the report could not use, and why. The rest of the book is still reported.
 *
 * @example
 * ```ts
 * // { source: 'book.jsonl', line: 17, loanId: 'L-000017', issues: [{ code: 'money.format', … }] }
 * ```
 */
export interface ReportError {
  /** The file it came from. */
  readonly source: string;
  /** 1-based line of a JSONL file; absent for a one-history file. */
  readonly line?: number;
  /** The loan id, when the history got far enough to name it. */
  readonly loanId?: string;
  readonly issues: readonly PostloanIssue[];
}

/**
 * A ratio with its target: the exact comparison decides `met`, not the rounded text.
 *
 * @example
 * ```ts
 * // { value: '0.0213', target: '0.03', met: true }
 * ```
 */
export interface TargetedRatio {
  /** 4 decimals, half up; `null` when undefined (nothing to divide by). */
  readonly value: string | null;
  readonly target: string;
  /** `null` when the ratio is undefined. */
  readonly met: boolean | null;
}

/**
 * Asset quality on one day (P-PF-1). The book is the loans neither settled nor written off; balances are
 * outstanding principal. A loan is overdue when its DPD is above 0 — its whole balance counts as overdue
 * (逾期贷款余额), as in regulatory returns; `overduePrincipal` is the part actually past due.
 *
 * @example
 * ```ts
 * quality.overdueRate.byBalance; // { value: '0.0213', target: '0.03', met: true }
 * ```
 */
export interface QualityFigures {
  readonly asOf: string;
  readonly loans: number;
  readonly balance: string;
  readonly overdueLoans: number;
  readonly overdueBalance: string;
  readonly overduePrincipal: string;
  readonly nplLoans: number;
  readonly nplBalance: string;
  readonly overdueRate: { readonly byBalance: TargetedRatio; readonly byCount: string | null };
  readonly nplRatio: { readonly byBalance: TargetedRatio; readonly byCount: string | null };
}

/**
 * A cure rate of P-PF-2: of the loans in `from` buckets at the period start, those current (M0, or
 * settled) at its end.
 *
 * @example
 * ```ts
 * // { buckets: ['M1'], loans: 25, cured: 23, byCount: { value: '0.9200', target: '0.92', met: true }, … }
 * ```
 */
export interface CureFigures {
  readonly buckets: readonly Bucket[];
  readonly loans: number;
  readonly cured: number;
  /** Outstanding principal at the start of all these loans, and of those cured. */
  readonly balance: string;
  readonly curedBalance: string;
  readonly byCount: TargetedRatio;
  readonly byBalance: string | null;
}

/**
 * Where a loan stands for migration: a bucket or class while on the book, or how it left.
 *
 * @example
 * ```ts
 * const key: MigrationKey<Bucket> = 'settled';
 * ```
 */
export type MigrationKey<K extends string> = K | 'settled' | 'writtenOff';

/**
 * One cell of a migration matrix: loans that went from the row's status to the column's.
 *
 * @example
 * ```ts
 * // { to: 'M2', count: 4, startBalance: '210000.00', endBalance: '208750.00', rate: '0.1600' }
 * ```
 */
export interface MigrationCell<K extends string> {
  readonly to: MigrationKey<K>;
  readonly count: number;
  /** Outstanding principal of these loans at the period start, and at its end. */
  readonly startBalance: string;
  readonly endBalance: string;
  /** `count / row count`, 4 decimals; `null` for an empty row. */
  readonly rate: string | null;
}

/**
 * A migration (roll-rate) matrix of P-PF-2: every loan on the book or closed at the period start is in
 * exactly one row (its status then) and one cell (its status at the end), so row counts add up to the
 * loans at the start. Loans new in the period are not in it.
 *
 * @example
 * ```ts
 * matrix.rows.find((r) => r.from === 'M1')?.cells.find((c) => c.to === 'M2')?.rate; // M1 → M2 roll rate
 * ```
 */
export interface MigrationMatrix<K extends string> {
  readonly keys: readonly MigrationKey<K>[];
  readonly rows: readonly { readonly from: MigrationKey<K>; readonly count: number; readonly balance: string; readonly cells: readonly MigrationCell<K>[] }[];
}

/**
 * Loans on the book at the period end by bucket or class.
 *
 * @example
 * ```ts
 * // { key: 'M1', loans: 12, balance: '640000.00', shareOfBalance: '0.0120' }
 * ```
 */
export interface DistributionRow<K extends string> {
  readonly key: K;
  readonly loans: number;
  readonly balance: string;
  readonly shareOfBalance: string | null;
}

/**
 * Provisioning by class at the period end (P-PF-3, rates of P-CL-5 as the replay applied them).
 *
 * @example
 * ```ts
 * // { classification: 'substandard', loans: 3, balance: '90000.00', rate: '0.30', required: '27000.00' }
 * ```
 */
export interface ProvisionRow {
  readonly classification: Classification;
  readonly loans: number;
  readonly balance: string;
  /** The rate the replays applied; a list joined by `/` when loans of the class used different rates. */
  readonly rate: string;
  readonly required: string;
}

/**
 * Tasks of one kind in the period, from the replays' task lists and timelines.
 *
 * @example
 * ```ts
 * // { kind: 'collectionNotice', opened: 8, due: 7, done: 5, late: 1, breached: 2, outstandingBreached: 1, onTimeRate: '0.7143' }
 * ```
 */
export interface TaskRow {
  readonly kind: string;
  /** Opened in the period. */
  readonly opened: number;
  /** Deadline in the period (cancelled tasks excluded). */
  readonly due: number;
  /** Done on time in the period. */
  readonly done: number;
  /** Done in the period after their deadline. */
  readonly late: number;
  /** Deadlines missed in the period (`taskBreached` entries), whether made up later or not. */
  readonly breached: number;
  /** Breached and still not done at the period end, whenever the deadline was. */
  readonly outstandingBreached: number;
  /** Of the tasks due in the period, the share done by their deadline. */
  readonly onTimeRate: string | null;
}

/**
 * One collection agency in the period (P-PF-6).
 *
 * @example
 * ```ts
 * // { agencyId: 'AG-01', cases: 14, recovered: '83000.00', owedAtEnd: '512000.00', recoveryRate: '0.1395',
 * //   contactedCases: 14, caseCoverage: '1.0000', visitedCases: 9, visitRate: '0.6429', complaintRate: null }
 * ```
 */
export interface AgencyRow {
  readonly agencyId: string;
  /** Loans it held at some time in the period. */
  readonly cases: number;
  /** Payments applied (penalty, interest and principal) while it held the case, in the period. */
  readonly recovered: string;
  /** What its cases still owed (outstanding total) at the period end. */
  readonly owedAtEnd: string;
  /** `recovered / (recovered + owedAtEnd)`. */
  readonly recoveryRate: string | null;
  /** Cases with a contact attempt or field visit while it held them. */
  readonly contactedCases: number;
  readonly caseCoverage: string | null;
  /** Cases with a field visit while it held them. */
  readonly visitedCases: number;
  readonly visitRate: string | null;
  /** Always `null`: the history format records no complaints (see docs). */
  readonly complaintRate: null;
}

/**
 * A portfolio report: the figures of P-PF-1 … P-PF-6 over a period, the P-IN-8 spot check, and every
 * history that could not be used. Money is yuan text with 2 decimals, ratios 4-decimal text (half up).
 *
 * @example
 * ```ts
 * report.quality.end.nplRatio.byBalance; // { value: '0.0087', target: '0.01', met: true }
 * report.cure.m1.byCount.value;          // '0.9310'
 * report.errors.length;                  // histories skipped, with the reason
 * ```
 */
export interface PortfolioReport {
  readonly reportVersion: typeof REPORT_VERSION;
  readonly period: { readonly from: string; readonly to: string };
  /** The rule pack of the replays (of the first loan; a loan replayed under another pack is an error). */
  readonly pack: { readonly id: string; readonly version: string; readonly hash: string } | null;
  readonly seed: string;
  readonly loans: {
    /** Histories reported on. */
    readonly reported: number;
    /** On the book (neither settled nor written off) at the start and at the end. */
    readonly atStart: number;
    readonly atEnd: number;
    /** Disbursed in the period. */
    readonly new: number;
    /** Settled or written off in the period. */
    readonly settled: number;
    readonly writtenOff: number;
    /** Disbursed after the period end: not reported on. */
    readonly notYetDisbursed: number;
  };
  /** P-PF-1 at the start and the end. */
  readonly quality: { readonly start: QualityFigures; readonly end: QualityFigures };
  /** P-PF-2 cure rates. */
  readonly cure: { readonly m1: CureFigures; readonly m2m3: CureFigures };
  /** P-PF-2 migration between buckets and between classes. */
  readonly migration: { readonly buckets: MigrationMatrix<Bucket>; readonly classes: MigrationMatrix<Classification> };
  /** Book at the end by bucket and by class (for charts). */
  readonly distribution: { readonly buckets: readonly DistributionRow<Bucket>[]; readonly classes: readonly DistributionRow<Classification>[] };
  /** P-PF-3. */
  readonly provisioning: {
    readonly byClass: readonly ProvisionRow[];
    readonly required: string;
    readonly held: string | null;
    /** Provisions held / NPL balance (拨备覆盖率); `null` without `provisionsHeld` or NPL. */
    readonly coverageRatio: string | null;
    /** Provisions held / provisions required. */
    readonly adequacyRatio: string | null;
    /** Provisions required / total balance (拨贷比). */
    readonly requiredToBalance: string | null;
  };
  readonly tasks: readonly TaskRow[];
  /** P-PF-6, by agency id. */
  readonly agencies: readonly AgencyRow[];
  /** P-PF-5, drawn from the book at the end. */
  readonly supervisorySample: SupervisorySample;
  /** P-IN-8. */
  readonly spotCheck: SpotCheckSample;
  /** Caveats a reader needs (what a figure cannot show with the data given). */
  readonly notes: readonly string[];
  readonly errors: readonly ReportError[];
}

/**
 * A report in progress: add loans one at a time (memory stays at the aggregates plus, per loan on the
 * book, the few fields the P-PF-5 sample needs), record unusable histories, then finish.
 *
 * @example
 * ```ts
 * const builder = createPortfolioReport(options);
 * for (const loan of loans) builder.add(loan);
 * builder.addError({ source: 'book.jsonl', line: 17, issues });
 * const report = builder.finish();
 * ```
 */
export interface PortfolioReportBuilder {
  /** Adds a loan; a loan id seen before is recorded as an error and skipped. */
  add(loan: PortfolioLoan, source?: { readonly source: string; readonly line?: number }): void;
  /** Counts a loan disbursed after the period end (not reported on). */
  skipNotYetDisbursed(): void;
  addError(error: ReportError): void;
  finish(): PortfolioReport;
}
