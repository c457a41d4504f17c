import type { LoanContract } from './LoanContract';
import { firstInstalmentPrincipal, type Instalment } from './schedule';

/**
 * Whether a schedule repays all its principal with its last instalment (先息后本, 到期一次还本付息, or a
 * written-out schedule of that shape): every instalment before the last repays no principal. A
 * one-instalment schedule is such a schedule. Policies that depend on the repayment shape (P-NT-3's
 * interest reminder, P-LC-6's single-repayment trigger) read this, not the `repayment` label, because a
 * core-banking export's schedule is authoritative and its label may not match it.
 *
 * @example
 * ```ts
 * principalAtMaturity(generateSchedule(interestOnlyLoan)); // true
 * principalAtMaturity(generateSchedule(equalInstallmentLoan)); // false (12 months)
 * ```
 */
export function principalAtMaturity(schedule: readonly Pick<Instalment, 'principal'>[]): boolean {
  for (let i = 0; i < schedule.length - 1; i++) if ((schedule[i] as Pick<Instalment, 'principal'>).principal > 0) return false;
  return schedule.length > 0;
}

/**
 * {@link principalAtMaturity} of the loan's contractual schedule (not of one a restructuring put in
 * force), without generating it: a generated schedule repays no principal before maturity exactly when
 * its first instalment repays none (until principal is repaid the balance, and with it each month's
 * principal, stays the same), so the first instalment decides.
 *
 * @example
 * ```ts
 * contractPrincipalAtMaturity(loanContractSchema.parse(json.loan)) === principalAtMaturity(generateSchedule(loan)); // true
 * ```
 */
export function contractPrincipalAtMaturity(loan: LoanContract): boolean {
  if (loan.repayment === 'explicit') return principalAtMaturity(loan.schedule);
  if (loan.repayment === 'interestOnly' || loan.repayment === 'bullet' || loan.termMonths === 1) return true;
  const first = firstInstalmentPrincipal({
    principal: loan.principal,
    annualRate: loan.annualRate,
    startOn: loan.disbursedOn,
    termMonths: loan.termMonths,
    repayment: loan.repayment,
  });
  return first === 0;
}
