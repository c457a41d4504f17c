import { BORROWER_KINDS, CLASSIFICATIONS, COLLECTION_SEGMENTS, LIFECYCLE_STATES, MANAGEMENT_MODES, REPAYMENT_METHODS, RISK_LEVELS } from './vocabulary';

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
 * - `materialDpd`: grows by one a day from the day a material arrear began (the pack's materiality
 *   threshold breached); same treatment, and the engine also looks on each due date and the day after,
 *   where an arrear may become material.
 * - `sinceMaterialArrears`: grows by one a day from the day the last material arrear ended (from
 *   disbursement if there never was one); same treatment as `materialDpd`.
 * - `sinceRestructuring`: grows by one a day from the latest restructuring; same treatment.
 * - `sinceMaterialEvent`: grows by one a day from the day the last material event was resolved (from
 *   disbursement if there never was one); same treatment.
 * - `dueDates`: changes on an instalment's due date or the day after.
 * - `daily`: may change any day (accruing penalty interest); rules on it make the engine look daily.
 * - `scheduled`: changes on a date the engine already knows from past events (the end of a
 *   restructuring's observation period, the day an extension request leaves the 90-day window, the
 *   day after a promise to pay falls due); the engine wakes the loan on those dates.
 * - `events`: changes only when an event (or a decision) changes it.
 */
export type FactEvolution =
  | 'dpd'
  | 'sinceDisbursement'
  | 'unreachable'
  | 'inState'
  | 'sinceCure'
  | 'materialDpd'
  | 'sinceMaterialArrears'
  | 'sinceRestructuring'
  | 'sinceMaterialEvent'
  | 'dueDates' | 'daily' | 'scheduled' | 'events';

/**
 * Value types of facts. `money` values are integer fen inside; rule files write them as "123.45".
 * `ratio` values are integer millionths inside; rule files write them as decimals ("1.00", "0.85").
 * `data` facts are JSON objects that rules read with a `path` (`"$.product"`).
 */
export type FactType = 'integer' | 'money' | 'ratio' | 'boolean' | 'enum' | 'string' | 'data';

/**
 * The value of a `data` fact: JSON the lender supplies (contract attributes, latest observations), read
 * by rules through a `path`.
 */
export type DataFactValue = Readonly<Record<string, unknown>>;

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
  materialPastDue: {
    type: 'money',
    description:
      'The past-due amount the materiality threshold is tested on: principal and interest of instalments past their due date and unpaid, without penalty interest (it accrues daily); 0 without materialityAbsolute/materialityRelative parameters',
    evolves: 'dueDates',
  },
  materialDpd: {
    type: 'integer',
    description:
      'Days past due counted only while the past due amount is material (Delegated Regulation (EU) 2018/171): materialPastDue above the pack\'s materialityAbsolute for the borrower kind AND above materialityRelative × the exposure (outstanding principal + interest due and unpaid); 1 on the first day both are exceeded, back to 0 the day either is not; needs those parameters',
    evolves: 'materialDpd',
  },
  daysWithoutMaterialArrears: {
    type: 'integer',
    description:
      'Days since the last material arrear ended (0 on the first day without one; counted from disbursement when there never was one); 0 while materialDpd > 0; needs the materiality parameters',
    evolves: 'sinceMaterialArrears',
  },
  daysSinceRestructuring: {
    type: 'integer',
    description: 'Calendar days since the latest accepted restructuring (0 on that day); 0 if never restructured (read with restructured)',
    evolves: 'sinceRestructuring',
  },
  daysWithoutMaterialEvent: {
    type: 'integer',
    description:
      'Days since the last material adverse event was resolved (0 on that day; counted from disbursement when there never was one); 0 while one is open (P-EW-3)',
    evolves: 'sinceMaterialEvent',
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
    description:
      'Repayment method of the contract as given (explicit when the history gives its own schedule without one); a label: rules that depend on the repayment shape read principalAtMaturity',
    evolves: 'events',
  },
  singleRepayment: {
    type: 'boolean',
    description: 'Same as principalAtMaturity (kept for packs written before it)',
    evolves: 'events',
  },
  principalAtMaturity: {
    type: 'boolean',
    description:
      "True when the contract's schedule repays all principal with its last instalment (bullet, interest-only, or a written-out schedule of that shape), whatever its repayment label",
    evolves: 'events',
  },
  borrowerKind: { type: 'enum', values: BORROWER_KINDS, description: 'retail or corporate borrower', evolves: 'events' },
  selfPaid: { type: 'boolean', description: 'Self-paid (自主支付) disbursement', evolves: 'events' },
  termMonths: { type: 'integer', description: 'Contract term in months', evolves: 'events' },
  segment: {
    type: 'enum',
    values: COLLECTION_SEGMENTS,
    description: 'Collection segment by ability × willingness (P-CS-9), decided after the state moves of the day: segment rules see the segment before this evaluation, task rules the segment just decided; none while not being collected',
    evolves: 'events',
  },
  restructured: { type: 'boolean', description: 'The loan has been restructured (重组, an accepted restructure event; P-LC-1 flag)', evolves: 'events' },
  restructuredWhileNonPerforming: {
    type: 'boolean',
    description: 'The latest restructuring was made while the loan was classified non-performing (P-CL-3)',
    evolves: 'events',
  },
  extended: { type: 'boolean', description: 'The loan has been extended (展期, an accepted extension event; P-LC-1 flag)', evolves: 'events' },
  inObservation: {
    type: 'boolean',
    description:
      'Within the observation period of the latest restructuring (P-CL-6): from that day until at least 2 repayment periods and 1 year after the first repayment date after it, restarted by a missed instalment',
    evolves: 'scheduled',
  },
  extensionRequestsLast90Days: {
    type: 'integer',
    description: 'Extension requests (extension events, accepted or not) in the last 90 days including today (P-EW-1)',
    evolves: 'scheduled',
  },
  reAgesLast12Months: {
    type: 'integer',
    description: 'Re-ages accepted (reAge events the pack permitted) in the 12 months up to today, before the day\'s own: a re-age leaves the count on its anniversary',
    evolves: 'scheduled',
  },
  reAgesLast5Years: {
    type: 'integer',
    description: 'Re-ages accepted in the 5 years (60 months) up to today, before the day\'s own',
    evolves: 'scheduled',
  },
  monthsOnBook: {
    type: 'integer',
    description: 'Whole calendar months since disbursement (0 in the first month; the disbursement day of the month, clamped to short months, starts each month)',
    evolves: 'scheduled',
  },
  instalmentsPaidLast3Months: {
    type: 'ratio',
    description:
      'Payments received in the 3 months up to today, as a multiple of the contractual amount (principal + interest) of the oldest instalment not fully paid: "3.00" is three instalments\' worth, paid monthly or at once; 0 when nothing is owed',
    evolves: 'scheduled',
  },
  openPromise: { type: 'boolean', description: 'A promise to pay is pending: made, not yet kept, its date not yet passed (P-CS-9)', evolves: 'events' },
  brokenPromises: {
    type: 'integer',
    description: 'Promises to pay broken (not paid in full by their date) since the loan last fell overdue (P-CS-9)',
    evolves: 'scheduled',
  },
  refusedContacts: {
    type: 'integer',
    description: 'Contact attempts with outcome refused since the loan last fell overdue (P-CS-9: unwilling)',
    evolves: 'events',
  },
  materialEventOpen: {
    type: 'boolean',
    description: 'A material adverse event (materialEvent) was reported and not yet resolved by a riskSignal materialEventResolved = true (P-EW-3)',
    evolves: 'events',
  },
  debtRatio: { type: 'ratio', description: 'Latest debt ratio reported by a riskSignal debtRatio (P-EW-1); 0 when none', evolves: 'events' },
  cashFlowDrop: {
    type: 'ratio',
    description: 'Latest drop in operating cash flow reported by a riskSignal cashFlowDrop, as a fraction (0.30 = down 30%) (P-EW-1); 0 when none',
    evolves: 'events',
  },
  relatedPartyLitigation: {
    type: 'boolean',
    description: 'Latest riskSignal relatedPartyLitigation: a related party is sued or its equity is frozen (P-EW-1)',
    evolves: 'events',
  },
  repaymentChannelChanged: {
    type: 'boolean',
    description: 'Latest riskSignal repaymentChannelChanged: a sudden change of repayment channel (P-EW-1)',
    evolves: 'events',
  },
  hardship: {
    type: 'boolean',
    description: 'Latest riskSignal hardship: the borrower is willing but unable to pay (job loss, illness, business failure) (P-CS-9)',
    evolves: 'events',
  },
  collectorAssigned: { type: 'boolean', description: 'The loan has a collector (an assigned event, P-CS-10)', evolves: 'events' },
  attributes: {
    type: 'data',
    description: 'The contract\'s own attributes (loan.attributes, free JSON), read with a path such as "$.product"; a pack may declare them with their types',
    evolves: 'events',
  },
  observations: {
    type: 'data',
    description: 'The latest value of each observation event by name (a bureau score, an income check), read with a path such as "$.bureauScore"; a pack may declare them with their types',
    evolves: 'events',
  },
} as const satisfies Record<string, FactSpec>;

export type FactName = keyof typeof FACT_CATALOGUE;
export const FACT_NAMES = Object.keys(FACT_CATALOGUE) as FactName[];

/** Values of all facts at one evaluation. Money in fen. */
export type Facts = { -readonly [K in FactName]: FactValueOf<(typeof FACT_CATALOGUE)[K]> };

type FactValueOf<S extends FactSpec> = S['type'] extends 'integer' | 'money' | 'ratio'
  ? number
  : S['type'] extends 'boolean'
    ? boolean
    : S['type'] extends 'data'
      ? DataFactValue
      : string;

/** Looks a fact up without widening `FACT_CATALOGUE`'s literal types at call sites. */
export function factSpec(name: string): FactSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FACT_CATALOGUE, name) ? FACT_CATALOGUE[name as FactName] : undefined;
}

/**
 * What a rule reads as the fact named like a dimension of its pack (`scales.dimensions`): an enum whose
 * value only a decision changes. Its values are the pack's, checked where the pack is loaded.
 *
 * @example
 * ```ts
 * DIMENSION_FACT.evolves; // 'events'
 * ```
 */
export const DIMENSION_FACT: FactSpec = Object.freeze({ type: 'enum', description: "A dimension of the pack's scales (scales.dimensions)", evolves: 'events' });

/**
 * The spec of a fact a compiled rule reads: a built-in fact's, or {@link DIMENSION_FACT} for a name the
 * pack declares as a dimension (the only other names a loaded pack's rules can read).
 *
 * @example
 * ```ts
 * specOf('dpd').type; // 'integer'
 * specOf('stage').type; // 'enum'
 * ```
 */
export function specOf(name: string): FactSpec {
  return factSpec(name) ?? DIMENSION_FACT;
}

/**
 * Names an object inherits: a dimension named so would be read from the prototype by a careless lookup,
 * so none may have one of these names.
 */
export const INHERITED_NAMES: readonly string[] = Object.getOwnPropertyNames(Object.prototype);

/**
 * What a dimension's name looks like: camelCase letters and digits (the generated predicates read the
 * fact by this name, so nothing else may get through).
 *
 * @example
 * ```ts
 * DIMENSION_NAME.test('stage'); // true
 * ```
 */
export const DIMENSION_NAME = /^[a-z][A-Za-z0-9]{0,31}$/;

/**
 * Whether `name` can name a dimension: {@link DIMENSION_NAME}, and not a name every object inherits.
 *
 * @example
 * ```ts
 * isDimensionName('stage'); // true
 * isDimensionName('constructor'); // false
 * ```
 */
export function isDimensionName(name: string): boolean {
  return DIMENSION_NAME.test(name) && !INHERITED_NAMES.includes(name);
}
