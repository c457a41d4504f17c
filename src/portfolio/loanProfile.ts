/**
 * The profile of a loan a portfolio report needs beyond its replay output, read from its history.
 */
import type { History } from '../history/parseHistory';
import { formatDay } from '../time/day';
import type { LoanProfile } from './portfolioReportTypes';

/**
 * The profile of a parsed history, as {@link PortfolioLoan} needs it.
 *
 * @example
 * ```ts
 * loanProfile(parseHistoryOrThrow(text, 'L-1.json')).secured; // true when the contract lists collateral
 * ```
 */
export function loanProfile(history: History): LoanProfile {
  const { loan } = history;
  const fieldVisits: string[] = [];
  const contactAttempts: string[] = [];
  for (const e of history.events) {
    if (e.type === 'fieldVisit') fieldVisits.push(formatDay(e.on));
    else if (e.type === 'contactAttempt') contactAttempts.push(formatDay(e.on));
  }
  return {
    loanId: loan.id,
    borrowerId: loan.borrower.id,
    borrowerKind: loan.borrower.kind,
    disbursedOn: formatDay(loan.disbursedOn),
    secured: loan.collateral.length > 0,
    guaranteed: loan.guarantors.length > 0,
    fieldVisits,
    contactAttempts,
  };
}
