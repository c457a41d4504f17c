import { formatMoney, type Fen } from '../money/fen';
import { formatDay } from '../time/day';
import type { RepaymentMethod } from './LoanContract';
import type { Instalment } from './schedule';

/**
 * How far apart two amounts that a repayment method makes equal may be in a written-out schedule: one
 * fen, the rounding of one half-up rounding. The last instalment is never compared: it absorbs the
 * rounding of the others, so principal sums exactly.
 *
 * @example
 * ```ts
 * SCHEDULE_TOLERANCE_FEN; // 1
 * ```
 */
export const SCHEDULE_TOLERANCE_FEN = 1;

/**
 * The check a written-out schedule failed against the `repayment` method it is labelled with.
 *
 * - `equalInstallment.unequalPayments`: two instalments before the last differ in total (principal +
 *   interest) by more than {@link SCHEDULE_TOLERANCE_FEN}.
 * - `equalPrincipal.unequalPrincipal`: two instalments before the last differ in principal by more than
 *   {@link SCHEDULE_TOLERANCE_FEN}.
 * - `interestOnly.principalBeforeMaturity`: an instalment before the last repays principal.
 * - `bullet.severalPrincipalPayments`: more than one instalment repays principal.
 *
 * @example
 * ```ts
 * const check: ScheduleCheck = 'bullet.severalPrincipalPayments';
 * ```
 */
export type ScheduleCheck =
  | 'equalInstallment.unequalPayments'
  | 'equalPrincipal.unequalPrincipal'
  | 'interestOnly.principalBeforeMaturity'
  | 'bullet.severalPrincipalPayments';

/**
 * A contradiction between a schedule and its label: which check failed, and a sentence that names the
 * instalments that show it.
 *
 * @example
 * ```ts
 * const c: ScheduleContradiction = { check: 'interestOnly.principalBeforeMaturity', message: '…' };
 * ```
 */
export interface ScheduleContradiction {
  readonly check: ScheduleCheck;
  readonly message: string;
}

type Line = Pick<Instalment, 'index' | 'dueOn' | 'principal' | 'interest'>;

/** The first and the last line of `lines` that `amount` puts furthest apart, when more than the tolerance. */
function spread(lines: readonly Line[], amount: (l: Line) => Fen): readonly [Line, Line] | undefined {
  let low: Line | undefined;
  let high: Line | undefined;
  for (const l of lines) {
    if (low === undefined || amount(l) < amount(low)) low = l;
    if (high === undefined || amount(l) > amount(high)) high = l;
  }
  if (low === undefined || high === undefined || amount(high) - amount(low) <= SCHEDULE_TOLERANCE_FEN) return undefined;
  return low.index < high.index ? [low, high] : [high, low];
}

function describe(l: Line, amount: Fen): string {
  return `instalment ${l.index} (${formatDay(l.dueOn)}) ${formatMoney(amount)}`;
}

/**
 * Checks a written-out schedule against the `repayment` method the file labels it with. The schedule
 * stays authoritative either way: a contradiction is reported (a timeline warning), never refused,
 * because core-banking exports carry both and their schedule is what the borrower owes.
 *
 * @example
 * ```ts
 * const c = scheduleContradiction('bullet', generateSchedule(loan));
 * if (c !== undefined) console.warn(c.check, c.message);
 * ```
 */
export function scheduleContradiction(method: RepaymentMethod, schedule: readonly Line[]): ScheduleContradiction | undefined {
  const beforeLast = schedule.slice(0, -1);
  switch (method) {
    case 'equalInstallment': {
      const total = (l: Line): Fen => l.principal + l.interest;
      const pair = spread(beforeLast, total);
      if (pair === undefined) return undefined;
      return {
        check: 'equalInstallment.unequalPayments',
        message: `The schedule is labelled "equalInstallment" but its instalments are not equal: ${describe(pair[0], total(pair[0]))}, ${describe(pair[1], total(pair[1]))} (more than ${formatMoney(SCHEDULE_TOLERANCE_FEN)} apart)`,
      };
    }
    case 'equalPrincipal': {
      const part = (l: Line): Fen => l.principal;
      const pair = spread(beforeLast, part);
      if (pair === undefined) return undefined;
      return {
        check: 'equalPrincipal.unequalPrincipal',
        message: `The schedule is labelled "equalPrincipal" but its principal parts are not equal: ${describe(pair[0], part(pair[0]))}, ${describe(pair[1], part(pair[1]))} (more than ${formatMoney(SCHEDULE_TOLERANCE_FEN)} apart)`,
      };
    }
    case 'interestOnly': {
      const early = beforeLast.find((l) => l.principal > 0);
      if (early === undefined) return undefined;
      return {
        check: 'interestOnly.principalBeforeMaturity',
        message: `The schedule is labelled "interestOnly" but repays principal before maturity: ${describe(early, early.principal)} of principal`,
      };
    }
    case 'bullet': {
      const payments = schedule.filter((l) => l.principal > 0);
      if (payments.length <= 1) return undefined;
      return {
        check: 'bullet.severalPrincipalPayments',
        message: `The schedule is labelled "bullet" but repays principal in ${payments.length} instalments, from ${describe(payments[0] as Line, (payments[0] as Line).principal)}`,
      };
    }
  }
}
