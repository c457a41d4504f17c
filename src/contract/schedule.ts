import { assertFen, type Fen } from '../money/fen';
import { applyRateHalfUp, type Rate } from '../money/rate';
import { divideHalfUp, toSafeNumber } from '../money/rounding';
import { addMonths, toCivil, type Day } from '../time/day';
import { MAX_TERM_MONTHS, type LoanContract, type RepaymentMethod } from './LoanContract';

/**
 * One instalment of a loan's repayment schedule: what falls due on which day.
 *
 * @example
 * ```ts
 * const first: Instalment = generateSchedule(loan)[0]!;
 * formatMoney(first.principal + first.interest); // '10237.19'
 * ```
 */
export interface Instalment {
  /** Position in the schedule, 1-based (期数). */
  readonly index: number;
  readonly dueOn: Day;
  readonly principal: Fen;
  readonly interest: Fen;
}

/**
 * What generating a schedule needs: a loan's terms, or a restructure's new terms for the balance left.
 *
 * @example
 * ```ts
 * const terms: ScheduleTerms = {
 *   principal: 8_000_000, annualRate: parseRate('0.0435')!, startOn: day('2026-06-01'),
 *   termMonths: 24, repayment: 'equalInstallment',
 * };
 * ```
 */
export interface ScheduleTerms {
  readonly principal: Fen;
  readonly annualRate: Rate;
  /** Day the money was paid out (or the restructure took effect); instalments fall due after it. */
  readonly startOn: Day;
  readonly termMonths: number;
  readonly repayment: RepaymentMethod;
  /** Due day of the first instalment; later ones keep its day of month. Not for `bullet`. */
  readonly firstDueOn?: Day;
}

/** Due date of instalment `k` (1-based): monthly, on the anchor day of month clamped to month end. */
function dueDates(terms: ScheduleTerms): Day[] {
  const { startOn, termMonths, firstDueOn } = terms;
  const dates: Day[] = [];
  if (firstDueOn === undefined) {
    const anchor = toCivil(startOn).dayOfMonth;
    for (let k = 1; k <= termMonths; k++) dates.push(addMonths(startOn, k, anchor));
  } else {
    const anchor = toCivil(firstDueOn).dayOfMonth;
    for (let k = 1; k <= termMonths; k++) dates.push(addMonths(firstDueOn, k - 1, anchor));
  }
  return dates;
}

/**
 * 等额本息 payment `A = P·r·(1+r)^n / ((1+r)^n − 1)` with `r = units / (scale·12)`, computed on exact
 * rationals and rounded half up once. With `d = scale·12`, `u = units` it is
 * `P·u·(d+u)^n / (d·((d+u)^n − d^n))`.
 */
function levelPayment(principal: Fen, rate: Rate, n: number): Fen {
  if (rate.units === 0n) return toSafeNumber(divideHalfUp(BigInt(principal), BigInt(n)));
  const { multiplier, divisor } = levelFactor(rate.units, rate.scale, n);
  return toSafeNumber(divideHalfUp(BigInt(principal) * multiplier, divisor));
}

/** The principal-free parts of {@link levelPayment}: `u·(d+u)^n` and `d·((d+u)^n − d^n)`. */
interface LevelFactor {
  readonly multiplier: bigint;
  readonly divisor: bigint;
}

/**
 * Level-payment factors by rate and term. The two powers are most of a schedule's cost, and a book's
 * loans share a few hundred rates and terms while every restore regenerates its schedule; the factors
 * are exact integers, so a kept one is the one computed again. Bounded: emptied when full.
 */
const levelFactors = new Map<string, LevelFactor>();
const MAX_LEVEL_FACTORS = 4_096;

/** `u·(d+u)^n` and `d·((d+u)^n − d^n)` for `d = scale·12`, kept by `units/scale/n`. Exported for its test. */
export function levelFactor(units: bigint, scale: bigint, n: number): LevelFactor {
  const key = `${units}/${scale}/${n}`;
  let f = levelFactors.get(key);
  if (f === undefined) {
    const d = scale * 12n;
    const grown = (d + units) ** BigInt(n);
    f = { multiplier: units * grown, divisor: d * (grown - d ** BigInt(n)) };
    if (levelFactors.size >= MAX_LEVEL_FACTORS) levelFactors.clear();
    levelFactors.set(key, f);
  }
  return f;
}

/**
 * `balance × rate / 12` rounded half up, as `applyRateHalfUp(balance, rate, 1n, 12n)`. A schedule
 * computes it once a month, and every nightly restore regenerates its loan's schedule: while the product
 * `balance × units` is a safe integer (at a rate of four decimals, any balance below ≈ 9 billion yuan) the
 * division is done on exact integers in doubles — remainder first, so nothing is rounded — and gives
 * the same fen; beyond that it is done with bigints.
 */
export function monthlyInterestOf(rate: Rate): (balance: Fen) => Fen {
  const units = Number(rate.units);
  const den = Number(rate.scale * 12n);
  const exact = Number.isSafeInteger(units) && Number.isSafeInteger(2 * den);
  return (balance) => {
    const product = balance * units;
    if (!exact || balance < 0 || !Number.isSafeInteger(product)) return applyRateHalfUp(balance, rate, 1n, 12n);
    const r = product % den;
    const q = (product - r) / den;
    return 2 * r >= den ? q + 1 : q;
  };
}

/** The principal a month other than the last repays, given the balance before it (not yet capped). */
function principalRule(terms: ScheduleTerms, monthlyInterest: (balance: Fen) => Fen): (balance: Fen) => Fen {
  switch (terms.repayment) {
    case 'equalInstallment': {
      const payment = levelPayment(terms.principal, terms.annualRate, terms.termMonths);
      // Interest can exceed the payment only on a balance above the original principal; guard anyway.
      return (balance) => Math.max(payment - monthlyInterest(balance), 0);
    }
    case 'equalPrincipal': {
      const part = toSafeNumber(divideHalfUp(BigInt(terms.principal), BigInt(terms.termMonths)));
      return () => part;
    }
    default:
      return () => 0;
  }
}

/**
 * The principal the first instalment of {@link generateInstalments}`(terms)` repays, without generating
 * the others: what telling a schedule's shape needs when the loan is resumed from a snapshot, many
 * loans at a time.
 *
 * @example
 * ```ts
 * firstInstalmentPrincipal({ ...terms, repayment: 'interestOnly' }); // 0 unless termMonths is 1
 * ```
 */
export function firstInstalmentPrincipal(terms: ScheduleTerms): Fen {
  if (terms.repayment === 'bullet' || terms.termMonths === 1) return terms.principal;
  const monthlyInterest = monthlyInterestOf(terms.annualRate);
  return Math.min(principalRule(terms, monthlyInterest)(terms.principal), terms.principal);
}

/**
 * Generates the repayment schedule of `terms` (rules of `docs/history-format.md`): monthly instalments on the
 * start day of month (clamped to month end) or on `firstDueOn`'s; monthly interest = annual rate / 12
 * on the principal outstanding before the instalment, rounded half up to the fen; the last instalment
 * repays whatever principal is left, so principal sums exactly.
 *
 * - `equalInstallment`: a level payment (exact, rounded once); each month's principal is the payment
 *   minus that month's interest. At a zero rate this is `equalPrincipal` without interest.
 * - `equalPrincipal`: `P / n` rounded half up each month, interest on the balance.
 * - `interestOnly`: interest every month, all principal with the last instalment.
 * - `bullet`: one instalment `termMonths` after the start: principal plus `P · rate · termMonths / 12`.
 *
 * A month's principal never exceeds the balance left, so tiny loans over many months end early with
 * zero-principal instalments rather than a negative one.
 *
 * @example
 * ```ts
 * const s = generateInstalments({
 *   principal: 12_000_000, annualRate: parseRate('0.0435')!, startOn: day('2026-01-15'),
 *   termMonths: 12, repayment: 'equalInstallment',
 * });
 * s[0]; // { index: 1, dueOn: <2026-02-15>, principal: 980219, interest: 43500 } — payment 10237.19
 * ```
 */
export function generateInstalments(terms: ScheduleTerms): readonly Instalment[] {
  const { principal, annualRate, termMonths: n, repayment } = terms;
  assertFen(principal, 'principal');
  if (principal <= 0) throw new RangeError(`principal must be positive, got ${principal}`);
  if (!Number.isInteger(n) || n < 1 || n > MAX_TERM_MONTHS) {
    throw new RangeError(`termMonths must be a whole number from 1 to ${MAX_TERM_MONTHS}, got ${n}`);
  }
  const monthlyInterest = monthlyInterestOf(annualRate);

  if (repayment === 'bullet') {
    if (terms.firstDueOn !== undefined) throw new RangeError('firstDueOn does not apply to a bullet loan');
    const dueOn = addMonths(terms.startOn, n, toCivil(terms.startOn).dayOfMonth);
    return [{ index: 1, dueOn, principal, interest: applyRateHalfUp(principal, annualRate, BigInt(n), 12n) }];
  }

  const dates = dueDates(terms);
  const regularPrincipal = principalRule(terms, monthlyInterest);
  const out: Instalment[] = [];
  let balance = principal;
  dates.forEach((dueOn, i) => {
    const interest = monthlyInterest(balance);
    const part = i === n - 1 ? balance : Math.min(regularPrincipal(balance), balance);
    out.push({ index: i + 1, dueOn, principal: part, interest });
    balance -= part;
  });
  return out;
}

/**
 * The repayment schedule of a loan: generated from its `repayment` method (see
 * {@link generateInstalments}), or its explicit `schedule` numbered from 1.
 *
 * @example
 * ```ts
 * const schedule = generateSchedule(loanContractSchema.parse(json.loan));
 * formatDay(maturityOf(schedule)); // '2027-01-15'
 * ```
 */
export function generateSchedule(loan: LoanContract): readonly Instalment[] {
  if (loan.repayment === 'explicit') {
    return loan.schedule.map((line, i) => ({ index: i + 1, dueOn: line.dueOn, principal: line.principal, interest: line.interest }));
  }
  return generateInstalments({
    principal: loan.principal,
    annualRate: loan.annualRate,
    startOn: loan.disbursedOn,
    termMonths: loan.termMonths,
    repayment: loan.repayment,
    ...(loan.firstDueOn === undefined ? {} : { firstDueOn: loan.firstDueOn }),
  });
}

/**
 * The maturity date (到期日) of a schedule: the due date of its last instalment.
 *
 * @example
 * ```ts
 * formatDay(maturityOf(generateSchedule(loan))); // '2027-01-15' for 12 months from 2026-01-15
 * ```
 */
export function maturityOf(schedule: readonly Pick<Instalment, 'dueOn'>[]): Day {
  const last = schedule[schedule.length - 1];
  if (last === undefined) throw new RangeError('an empty schedule has no maturity');
  return last.dueOn;
}
