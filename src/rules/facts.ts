import { BORROWER_KINDS, CLASSIFICATIONS, LIFECYCLE_STATES, MANAGEMENT_MODES, REPAYMENT_METHODS, RISK_LEVELS } from './vocabulary';

/**
 * How a fact's value moves with time when no event happens. The engine uses this to compute the next
 * date it must look at a loan (a "wake date") instead of ticking every day:
 * - `dpd`: grows by one a day from the oldest unpaid instalment's due date; rules on it wake the loan
 *   on the exact date a threshold is crossed.
 * - `sinceDisbursement`: grows by one a day from disbursement; same treatment.
 * - `unreachable`: grows by one a day from the first failed attempt to reach the borrower after the last
 *   time they were reached; same treatment.
 * - `inState`: grows by one a day from the day the loan entered its lifecycle state; same treatment.
 * - `sinceCure`: grows by one a day from the day the last arrears were repaid; same treatment.
 * - `dueDates`: changes on an instalment's due date or the day after.
 * - `daily`: may change any day (accruing penalty interest); rules on it make the engine look daily.
 * - `events`: changes only when an event (or a decision) changes it.
 */
export type FactEvolution = 'dpd' | 'sinceDisbursement' | 'unreachable' | 'inState' | 'sinceCure' | 'dueDates' | 'daily' | 'events';

/**
 * Value types of facts. `money` values are integer fen inside; rule files write them as "123.45".
 * `ratio` values are integer millionths inside; rule files write them as decimals ("1.00", "0.85").
 */
export type FactType = 'integer' | 'money' | 'ratio' | 'boolean' | 'enum' | 'string';

/** One entry of the fact catalogue that rules may reference. */
export interface FactSpec {
  readonly type: FactType;
  readonly description: string;
  readonly evolves: FactEvolution;
  /** Allowed values of an `enum` fact. */
  readonly values?: readonly string[];
}

/**
 * The typed fact catalogue: every fact a rule condition may name, with its type and meaning. A rule
 * naming anything else is refused at load time with the nearest valid name.
 */
export const FACT_CATALOGUE = {
  dpd: {
    type: 'integer',
    description: 'Days past due of the oldest unpaid instalment: 0 on its due date, 1 the day after; 0 when nothing is overdue',
    evolves: 'dpd',
  },
  daysSinceDisbursement: {
    type: 'integer',
    description: 'Calendar days since the disbursement date (0 on the disbursement date)',
    evolves: 'sinceDisbursement',
  },
  state: {
    type: 'enum',
    values: LIFECYCLE_STATES,
    description: 'The lifecycle state the loan is in (transition rules see each move of the same day as it happens)',
    evolves: 'events',
  },
  classification: {
    type: 'enum',
    values: CLASSIFICATIONS,
    description: 'The five-tier class: bucket and floor rules see the class before this evaluation, transition rules the class just decided',
    evolves: 'events',
  },
  daysInState: {
    type: 'integer',
    description: 'Calendar days since the loan entered its current lifecycle state (0 on that day)',
    evolves: 'inState',
  },
  riskLevel: {
    type: 'enum',
    values: RISK_LEVELS,
    description: 'Risk level (P-EW-2): rules for it see the level before this evaluation, task rules the level just decided',
    evolves: 'events',
  },
  managementMode: {
    type: 'enum',
    values: MANAGEMENT_MODES,
    description: 'Management mode (P-IN-3): rules for it see the mode before this evaluation, task rules the mode just decided',
    evolves: 'events',
  },
  borrowerUnreachableDays: {
    type: 'integer',
    description: 'Days the borrower has been unreachable: from the first failed contact attempt after the last time they were reached (1 on that day); 0 when reachable (P-CS-4)',
    evolves: 'unreachable',
  },
  daysSinceCure: {
    type: 'integer',
    description: 'Days since all arrears were last repaid after being overdue (0 on that day); 0 while overdue or if never overdue (P-CL-7)',
    evolves: 'sinceCure',
  },
  onTimeSinceCure: {
    type: 'integer',
    description: 'Instalments fallen due since all arrears were last repaid, every one paid on time (P-CL-7); 0 while overdue or if never overdue',
    evolves: 'dueDates',
  },
  collateralCoverage: {
    type: 'ratio',
    description: 'Collateral value (latest valuation of each item) divided by outstanding principal (P-CO-2); 0 without collateral',
    evolves: 'events',
  },
  failedVisits: { type: 'integer', description: 'Field visits (fieldVisit events) that did not find the borrower', evolves: 'events' },
  agencyAssigned: { type: 'boolean', description: 'An outside agency currently holds the case (agencyPlacement, not recalled)', evolves: 'events' },
  guarantorCount: { type: 'integer', description: 'Number of guarantors of the loan', evolves: 'events' },
  collateralCount: { type: 'integer', description: 'Number of collateral items of the loan', evolves: 'events' },
  overduePrincipal: { type: 'money', description: 'Principal of instalments past their due date and unpaid', evolves: 'dueDates' },
  overdueInterest: { type: 'money', description: 'Interest of instalments past their due date and unpaid', evolves: 'dueDates' },
  overduePenalty: { type: 'money', description: 'Penalty interest (罚息) accrued and unpaid', evolves: 'daily' },
  overdueTotal: { type: 'money', description: 'overduePrincipal + overdueInterest + overduePenalty', evolves: 'daily' },
  outstandingPrincipal: { type: 'money', description: 'Principal not yet repaid, due or not', evolves: 'events' },
  outstandingTotal: {
    type: 'money',
    description: 'Outstanding principal + interest already due + penalty accrued, all unpaid',
    evolves: 'daily',
  },
  consecutiveMissed: {
    type: 'integer',
    description: 'Instalments missed in a row, counting back from the latest instalment already past due (a missed instalment was not fully paid by its due date)',
    evolves: 'dueDates',
  },
  cumulativeMissed: {
    type: 'integer',
    description: 'Instalments missed since disbursement, paid later or not',
    evolves: 'dueDates',
  },
  fullyRepaid: {
    type: 'boolean',
    description: 'True when principal, interest and penalty are all repaid',
    evolves: 'events',
  },
  repayment: {
    type: 'enum',
    values: REPAYMENT_METHODS,
    description: 'Repayment method of the contract (explicit when the history gives its own schedule)',
    evolves: 'events',
  },
  singleRepayment: {
    type: 'boolean',
    description: 'True for loans whose principal falls due in one payment (bullet and interest-only)',
    evolves: 'events',
  },
  borrowerKind: { type: 'enum', values: BORROWER_KINDS, description: 'retail or corporate borrower', evolves: 'events' },
  selfPaid: { type: 'boolean', description: 'Self-paid (自主支付) disbursement', evolves: 'events' },
  termMonths: { type: 'integer', description: 'Contract term in months', evolves: 'events' },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACT_CATALOGUE;
export const FACT_NAMES = Object.keys(FACT_CATALOGUE) as FactName[];

/** Values of all facts at one evaluation. Money in fen. */
export type Facts = { -readonly [K in FactName]: FactValueOf<(typeof FACT_CATALOGUE)[K]> };

type FactValueOf<S extends FactSpec> = S['type'] extends 'integer' | 'money' | 'ratio'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : string;

/** Looks a fact up without widening `FACT_CATALOGUE`'s literal types at call sites. */
export function factSpec(name: string): FactSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FACT_CATALOGUE, name) ? FACT_CATALOGUE[name as FactName] : undefined;
}
