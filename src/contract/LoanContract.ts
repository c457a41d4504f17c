import { z } from 'zod';
import type { Fen } from '../money/fen';
import type { Rate } from '../money/rate';
import { addMonths, toCivil, type Day } from '../time/day';
import { checkExplicitSchedule, explicitScheduleSchema, type ExplicitInstalment } from './explicitSchedule';
import { contractText as text } from './messages';
import {
  checkUniqueIds,
  integerIn,
  isParsedDay,
  isParsedFen,
  isoDay,
  idString,
  nonEmptyString,
  nonNegativeMoney,
  oneOf,
  positiveMoney,
  rateString,
  report,
  strictObject,
  type IssueSink,
} from './primitives';
import { isTimeZone } from '../time/timeZone';
import { attributesSchema, type LoanAttributes } from './attributes';
import { currencyProblem } from './currency';

declare const loanIdBrand: unique symbol;
/**
 * A loan's id; branded so it cannot be confused with a borrower, event or rule id.
 *
 * @example
 * ```ts
 * const id: LoanId = loanContractSchema.parse(json.loan).id;
 * const wrong: LoanId = 'L-1'; // type error: parse the loan, or cast deliberately
 * ```
 */
export type LoanId = string & { readonly [loanIdBrand]: 'LoanId' };

/**
 * How instalments are generated: 等额本息 (equal instalments), 等额本金 (equal principal), 先息后本
 * (monthly interest, principal at maturity), 到期一次还本付息 (everything at maturity).
 *
 * @example
 * ```ts
 * REPAYMENT_METHODS.includes('bullet'); // true
 * ```
 */
export const REPAYMENT_METHODS = ['equalInstallment', 'equalPrincipal', 'interestOnly', 'bullet'] as const;
/**
 * One of {@link REPAYMENT_METHODS}.
 *
 * @example
 * ```ts
 * const method: RepaymentMethod = 'equalPrincipal';
 * ```
 */
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];

/**
 * Kinds of borrower.
 *
 * @example
 * ```ts
 * const kind: BorrowerKind = BORROWER_KINDS[0]; // 'retail'
 * ```
 */
export const BORROWER_KINDS = ['retail', 'corporate'] as const;
/**
 * One of {@link BORROWER_KINDS}.
 *
 * @example
 * ```ts
 * const kind: BorrowerKind = 'corporate';
 * ```
 */
export type BorrowerKind = (typeof BORROWER_KINDS)[number];

/**
 * The time zone business dates are in when a loan does not name one.
 *
 * @example
 * ```ts
 * loanContractSchema.parse({ ...loanWithoutTimeZone }).timeZone === DEFAULT_TIME_ZONE; // true
 * ```
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Longest term accepted: 40 years, the longest mortgage term Chinese banks offer.
 *
 * @example
 * ```ts
 * integerIn(1, MAX_TERM_MONTHS).safeParse(481).success; // false
 * ```
 */
export const MAX_TERM_MONTHS = 480;

/**
 * A person the lender may contact about the borrower (spouse, employer, …).
 *
 * @example
 * ```ts
 * const spouse: Contact = { id: 'c1', relation: 'spouse' };
 * ```
 */
export interface Contact {
  readonly id: string;
  readonly relation: string;
}

/**
 * The borrower; `contacts` is `[]` when the file gives none.
 *
 * @example
 * ```ts
 * const b: Borrower = { id: 'B-1', kind: 'retail', contacts: [], riskRating: 'BBB' };
 * ```
 */
export interface Borrower {
  readonly id: string;
  readonly kind: BorrowerKind;
  readonly contacts: readonly Contact[];
  readonly riskRating?: string;
}

/**
 * A guarantor (保证人) of the loan.
 *
 * @example
 * ```ts
 * const g: Guarantor = { id: 'G-1' };
 * ```
 */
export interface Guarantor {
  readonly id: string;
}

/**
 * A pledged or mortgaged asset and its valuation at signing (later ones are `collateralValuation` events).
 *
 * @example
 * ```ts
 * const flat: Collateral = { id: 'C-1', kind: 'property', value: 20_000_000, valuedOn: day('2026-01-10') };
 * ```
 */
export interface Collateral {
  readonly id: string;
  readonly kind: string;
  readonly value: Fen;
  readonly valuedOn: Day;
}

/**
 * Terms every loan has, whichever way its schedule is set.
 *
 * @example
 * ```ts
 * function describe(t: LoanTerms): string {
 *   return `${t.id}: ${formatMoney(t.principal)} at ${t.annualRate.text}`;
 * }
 * ```
 */
export interface LoanTerms {
  readonly id: LoanId;
  readonly borrower: Borrower;
  readonly principal: Fen;
  readonly annualRate: Rate;
  readonly disbursedOn: Day;
  /** IANA zone the business dates are in (default {@link DEFAULT_TIME_ZONE}). */
  readonly timeZone: string;
  /** 自主支付: the borrower received the money directly rather than the lender paying the seller. */
  readonly selfPaid: boolean;
  readonly guarantors: readonly Guarantor[];
  readonly collateral: readonly Collateral[];
  /** Contractual penalty interest (罚息) a year on overdue principal; none when absent. */
  readonly penaltyRate?: Rate;
  /** ISO 4217 code of the loan's currency as the file gives it; absent means {@link DEFAULT_CURRENCY}. */
  readonly currency?: string;
  /** The contract's own attributes (free JSON) that rules read as the `attributes` fact; absent means none. */
  readonly attributes?: LoanAttributes;
}

/**
 * A loan whose instalments are generated from a repayment method.
 *
 * @example
 * ```ts
 * if (loan.repayment !== 'explicit') generateInstalments({ ...terms, repayment: loan.repayment });
 * ```
 */
export interface GeneratedLoanContract extends LoanTerms {
  readonly repayment: RepaymentMethod;
  readonly termMonths: number;
  readonly firstDueOn?: Day;
  readonly schedule?: undefined;
}

/**
 * A loan whose instalments are written out in the file.
 *
 * @example
 * ```ts
 * if (loan.repayment === 'explicit') loan.schedule.length; // as many as the file lists
 * ```
 */
export interface ExplicitLoanContract extends LoanTerms {
  /** Not an input value: the schedule is authoritative, whatever `repayment` the file gives with it. */
  readonly repayment: 'explicit';
  /**
   * The `repayment` the file gives next to its `schedule` (core-banking exports carry both): a label,
   * kept as given; a schedule that contradicts it gets a timeline warning (`scheduleContradiction`).
   */
  readonly repaymentLabel?: RepaymentMethod;
  /** As given, or else the whole months from disbursement to the last due date, rounded up. */
  readonly termMonths: number;
  readonly firstDueOn?: undefined;
  readonly schedule: readonly ExplicitInstalment[];
}

/**
 * The parsed `loan` object of a history file: exact values (fen, rates, day numbers), defaults
 * filled in. Discriminated on `repayment`: `'explicit'` when the file gives its own `schedule` (a
 * `repayment` given with it is kept as `repaymentLabel`).
 *
 * @example
 * ```ts
 * const loan: LoanContract = loanContractSchema.parse(json.loan);
 * if (loan.repayment === 'explicit') console.log(loan.schedule.length);
 * else console.log(loan.repayment, loan.termMonths);
 * ```
 */
export type LoanContract = GeneratedLoanContract | ExplicitLoanContract;

const timeZoneSchema = z.string().superRefine((zone, ctx) => {
  if (!isTimeZone(zone)) report(ctx, 'input.invalid', text.unknownTimeZone(zone, Intl.supportedValuesOf('timeZone')));
});

const currencySchema = z.string().superRefine((code, ctx) => {
  const problem = currencyProblem(code);
  if (problem !== undefined) report(ctx, 'input.invalid', problem);
});

const contactSchema = strictObject({ id: idString, relation: nonEmptyString });

const borrowerSchema = strictObject(
  {
    id: idString,
    kind: oneOf(BORROWER_KINDS),
    contacts: z.array(contactSchema).optional(),
    riskRating: nonEmptyString.optional(),
  },
  (value, ctx) => checkUniqueIds(value.contacts, 'contact', 'contacts', ctx),
);

const guarantorSchema = strictObject({ id: idString });

const collateralSchema = strictObject({
  id: idString,
  kind: nonEmptyString,
  value: nonNegativeMoney,
  valuedOn: isoDay,
});

const loanShape = {
  id: idString,
  borrower: borrowerSchema,
  principal: positiveMoney,
  annualRate: rateString,
  disbursedOn: isoDay,
  timeZone: timeZoneSchema.optional(),
  termMonths: integerIn(1, MAX_TERM_MONTHS).optional(),
  repayment: oneOf(REPAYMENT_METHODS).optional(),
  schedule: explicitScheduleSchema.optional(),
  firstDueOn: isoDay.optional(),
  selfPaid: z.boolean().optional(),
  guarantors: z.array(guarantorSchema).optional(),
  collateral: z.array(collateralSchema).optional(),
  penaltyRate: rateString.optional(),
  currency: currencySchema.optional(),
  attributes: attributesSchema.optional(),
};

/** Cross-field rules of a loan; runs on the partly parsed object so they add to, not hide, field errors. */
function checkLoan(loan: Readonly<Record<string, unknown>>, ctx: IssueSink): void {
  const hasRepayment = loan.repayment !== undefined;
  const hasSchedule = loan.schedule !== undefined;
  if (!hasRepayment && !hasSchedule) report(ctx, 'contract.schedule', text.noRepayment());
  if (hasRepayment && !hasSchedule && loan.termMonths === undefined) {
    report(ctx, 'input.invalid', text.termMonthsRequired(), ['termMonths']);
  }
  const disbursedOn = isParsedDay(loan.disbursedOn) ? loan.disbursedOn : undefined;
  if (hasSchedule) {
    const total = checkExplicitSchedule(loan.schedule, disbursedOn, 'disbursedOn', ctx, ['schedule']);
    if (total !== undefined && isParsedFen(loan.principal) && total !== BigInt(loan.principal)) {
      report(ctx, 'contract.schedule', text.schedulePrincipalSum(total, loan.principal), ['schedule']);
    }
  }
  const firstDueOn = loan.firstDueOn;
  if (firstDueOn !== undefined) {
    if (hasSchedule) report(ctx, 'contract.schedule', text.firstDueOnWithSchedule(), ['firstDueOn']);
    else if (loan.repayment === 'bullet') report(ctx, 'contract.schedule', text.firstDueOnWithBullet(), ['firstDueOn']);
    else if (isParsedDay(firstDueOn) && disbursedOn !== undefined) {
      const latest = addMonths(disbursedOn, 2);
      if (firstDueOn <= disbursedOn) {
        report(ctx, 'contract.schedule', text.firstDueOnNotAfter(firstDueOn, disbursedOn), ['firstDueOn']);
      } else if (firstDueOn > latest) {
        report(ctx, 'contract.schedule', text.firstDueOnTooLate(firstDueOn, latest), ['firstDueOn']);
      }
    }
  }
  checkUniqueIds(loan.guarantors, 'guarantor', 'guarantors', ctx);
  checkUniqueIds(loan.collateral, 'collateral', 'collateral', ctx);
}

/** Whole months from `start` until `end`, rounded up: the term an explicit schedule spans. */
function monthsUntil(start: Day, end: Day): number {
  const anchor = toCivil(start).dayOfMonth;
  let months = 1;
  while (months < MAX_TERM_MONTHS && addMonths(start, months, anchor) < end) months++;
  return months;
}

/** A loan object with each field parsed, before defaults are filled in (what the schema hands its transform). */
export type LoanInput = z.output<ReturnType<typeof strictObject<typeof loanShape>>>;

type Assembling = { -readonly [K in keyof ExplicitLoanContract | keyof GeneratedLoanContract]?: unknown };

/**
 * Fills in the defaults of parsed fields: the one place a {@link LoanContract} is assembled. Built key by
 * key in the contract's order (its terms, then the schedule's keys), an optional key set only when it has
 * a value: every history and every restored snapshot assembles one, and spreads copied it key by key.
 */
export function toLoanContract(v: LoanInput): LoanContract {
  const given = v.borrower;
  const borrower: { -readonly [K in keyof Borrower]?: Borrower[K] } = { id: given.id, kind: given.kind, contacts: given.contacts ?? [] };
  if (given.riskRating !== undefined) borrower.riskRating = given.riskRating;
  const c: Assembling = {
    id: v.id,
    borrower,
    principal: v.principal,
    annualRate: v.annualRate,
    disbursedOn: v.disbursedOn,
    timeZone: v.timeZone ?? DEFAULT_TIME_ZONE,
    selfPaid: v.selfPaid ?? false,
    guarantors: v.guarantors ?? [],
    collateral: v.collateral ?? [],
  };
  if (v.penaltyRate !== undefined) c.penaltyRate = v.penaltyRate;
  if (v.currency !== undefined) c.currency = v.currency;
  if (v.attributes !== undefined) c.attributes = v.attributes;
  if (v.schedule !== undefined) {
    c.repayment = 'explicit';
    c.termMonths = v.termMonths ?? monthsUntil(v.disbursedOn, v.schedule[v.schedule.length - 1]?.dueOn ?? v.disbursedOn);
    c.schedule = v.schedule;
    if (v.repayment !== undefined) c.repaymentLabel = v.repayment;
    return c as ExplicitLoanContract;
  }
  if (v.repayment === undefined || v.termMonths === undefined) {
    // checkLoan reported this already, and zod never runs a transform after an issue.
    throw new Error('unreachable: loan without repayment terms passed validation');
  }
  c.repayment = v.repayment;
  c.termMonths = v.termMonths;
  if (v.firstDueOn !== undefined) c.firstDueOn = v.firstDueOn;
  return c as GeneratedLoanContract;
}

/**
 * zod schema of the `loan` object of a history file (see `docs/history-format.md`). Unknown keys are errors with
 * a did-you-mean hint; every problem of the object is reported at once, cross-field rules included:
 * `repayment` or `schedule` (both: the schedule decides, the method is a label); an explicit schedule in date order, after disbursement,
 * repaying exactly `principal`; `firstDueOn` after disbursement and within two months; unique ids.
 *
 * @example
 * ```ts
 * const r = loanContractSchema.safeParse(json.loan);
 * if (!r.success) console.error(formatIssues(fromZodIssues(r.error.issues, 'history.json', ['loan'])));
 * ```
 */
export const loanContractSchema = strictObject(loanShape, checkLoan).transform(toLoanContract);
