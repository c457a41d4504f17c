/**
 * The shapes of a generated portfolio: the history files `postloan generate` writes and the context
 * each synthetic loan is drawn in.
 */
import type { Day } from '../time/day';

/**
 * A JSON value of a generated event field.
 *
 * @example
 * ```ts
 * const found: GeneratedValue = false; // a fieldVisit's `found`
 * ```
 */
export type GeneratedValue = string | number | boolean;

/**
 * One event of a generated history, in the history-file format of `docs/history-format.md`.
 *
 * @example
 * ```ts
 * const e: GeneratedEvent = { id: 'e-0007', type: 'payment', on: '2025-03-15', amount: '10237.19' };
 * ```
 */
export interface GeneratedEvent {
  readonly id: string;
  readonly type: string;
  readonly on: string;
  readonly [field: string]: GeneratedValue;
}

/**
 * The `loan` object of a generated history, in the history-file format of `docs/history-format.md`.
 *
 * @example
 * ```ts
 * const loan: GeneratedLoan = history.loan;
 * loan.id; // 'L-000001'
 * ```
 */
export interface GeneratedLoan {
  readonly id: string;
  readonly borrower: { readonly id: string; readonly kind: 'retail' | 'corporate'; readonly contacts: readonly { readonly id: string; readonly relation: string }[] };
  readonly principal: string;
  readonly annualRate: string;
  readonly penaltyRate?: string;
  readonly disbursedOn: string;
  readonly termMonths: number;
  readonly repayment: 'equalInstallment' | 'equalPrincipal' | 'interestOnly' | 'bullet';
  readonly selfPaid: boolean;
  readonly guarantors: readonly { readonly id: string }[];
  readonly collateral: readonly { readonly id: string; readonly kind: string; readonly value: string; readonly valuedOn: string }[];
}

/**
 * A generated loan history: what `parseHistoryValue` accepts and `postloan replay` reads.
 *
 * @example
 * ```ts
 * const [history] = generatePortfolio({ seed: 1, loans: 1, asOf: '2026-06-30' });
 * JSON.stringify(history); // one line of `postloan generate` output
 * ```
 */
export interface GeneratedHistory {
  readonly loan: GeneratedLoan;
  readonly events: readonly GeneratedEvent[];
}

/**
 * How the simulated borrower behaves; see `generate.ts` for the shares.
 *
 * @example
 * ```ts
 * const b: Behaviour = 'lateThenCure';
 * ```
 */
export type Behaviour = 'current' | 'lateThenCure' | 'rollToAgency' | 'earlySettlement' | 'restructured';

/**
 * Everything shared by the loans of one portfolio.
 *
 * @example
 * ```ts
 * const ctx: PortfolioContext = { seed: 42, asOf: day('2026-06-30'), spreadDays: 1095 };
 * ```
 */
export interface PortfolioContext {
  readonly seed: number;
  readonly asOf: Day;
  /** Disbursements fall in the `spreadDays` days before `asOf`. */
  readonly spreadDays: number;
}
