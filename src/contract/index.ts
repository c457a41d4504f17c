export {
  loanContractSchema,
  REPAYMENT_METHODS,
  BORROWER_KINDS,
  DEFAULT_TIME_ZONE,
  MAX_TERM_MONTHS,
  type LoanContract,
  type GeneratedLoanContract,
  type ExplicitLoanContract,
  type LoanTerms,
  type LoanId,
  type RepaymentMethod,
  type BorrowerKind,
  type Borrower,
  type Contact,
  type Guarantor,
  type Collateral,
} from './LoanContract';
export { DEFAULT_CURRENCY, CURRENCY_CODES, currencyProblem } from './currency';
export { attributesSchema, MAX_ATTRIBUTE_DEPTH, MAX_ATTRIBUTE_ENTRIES, type LoanAttributes } from './attributes';
export { explicitInstalmentSchema, explicitScheduleSchema, type ExplicitInstalment } from './explicitSchedule';
export { principalAtMaturity, contractPrincipalAtMaturity } from './principalAtMaturity';
export { scheduleContradiction, SCHEDULE_TOLERANCE_FEN, type ScheduleCheck, type ScheduleContradiction } from './scheduleContradiction';
export { generateSchedule, generateInstalments, firstInstalmentPrincipal, maturityOf, type Instalment, type ScheduleTerms } from './schedule';
export {
  moneyString,
  positiveMoney,
  nonNegativeMoney,
  rateString,
  isoDay,
  nonEmptyString,
  integerIn,
  oneOf,
  strictObject,
  report,
  type IssueSink,
  type StrictOutput,
} from './primitives';
