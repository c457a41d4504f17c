import type { LoanContract } from '../contract/LoanContract';
import type { Instalment } from '../contract/schedule';
import { scheduleContradiction } from '../contract/scheduleContradiction';
import { formatDay } from '../time/day';
import type { TimelineRecord } from './output';

/**
 * The timeline a replay starts with: a `warning` on the disbursement day when the loan's written-out
 * schedule contradicts the `repayment` label it came with. The rule ids are those of the policies the
 * label would otherwise have decided (P-NT-3, P-LC-6), which read the schedule instead; `code` names the
 * failed check ({@link scheduleContradiction}).
 *
 * @example
 * ```ts
 * const timeline = scheduleWarnings(history.loan, history.schedule);
 * timeline[0]?.kind; // 'warning' when a "bullet" loan's schedule repays principal monthly
 * ```
 */
export function scheduleWarnings(loan: LoanContract, schedule: readonly Instalment[]): TimelineRecord[] {
  if (loan.repayment !== 'explicit' || loan.repaymentLabel === undefined) return [];
  const found = scheduleContradiction(loan.repaymentLabel, schedule);
  if (found === undefined) return [];
  return [
    {
      on: formatDay(loan.disbursedOn),
      kind: 'warning',
      ruleIds: ['P-NT-3', 'P-LC-6'],
      code: `schedule.${found.check}`,
      message: `${found.message}; the schedule is authoritative: policies that depend on the repayment shape read it, not the label`,
    },
  ];
}
