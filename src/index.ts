/**
 * postloan — post-loan management (贷后管理) as replayable loan state machines driven by declarative
 * JSON rule packs. Re-exports by name; nothing internal leaks.
 */
export { PostloanError, unwrap, ok, fail, type Result } from './errors/PostloanError';
export { formatPath, type IssueCode, type PostloanIssue } from './errors/PostloanIssue';
export { formatIssues } from './errors/formatIssues';
export { maskPersonalData } from './errors/maskPersonalData';
export { parseJson, DEFAULT_JSON_LIMITS, type JsonLimits } from './errors/parseJson';

export { parseMoney, formatMoney, MAX_FEN, type Fen } from './money/fen';
export { divideHalfUp } from './money/rounding';
export { parseRate, applyRateHalfUp, type Rate } from './money/rate';
export { allocate } from './money/allocate';

export { parseDay, formatDay, day, addDays, addMonths, daysBetween, isoWeekday, type Day, type IsoDate } from './time/day';
export {
  createCalendar,
  parseCalendarData,
  weekendsOnlyCalendar,
  type BusinessCalendar,
  type CalendarData,
  type OutsideCoverage,
} from './time/calendar';
export { cnCalendar, cnCalendarData } from './time/cnCalendar';

export { loanContractSchema, type LoanContract, type LoanId } from './contract/LoanContract';
export { generateSchedule, maturityOf, type Instalment } from './contract/schedule';
export { EVENT_TYPES, type LoanEvent } from './history/events';
export { parseHistory, parseHistoryValue, type History } from './history/parseHistory';

export { createLedger, applyPayment, positionAt, type Ledger, type LedgerPosition, type PaymentAllocation, type Amounts } from './ledger/ledger';

export {
  LIFECYCLE_STATES,
  BUCKETS,
  CLASSIFICATIONS,
  isNonPerforming,
  worseOf,
  type LifecycleState,
  type Bucket,
  type Classification,
} from './rules/vocabulary';
export { FACT_CATALOGUE, FACT_NAMES, type FactName, type Facts, type FactSpec, type FactType, type FactEvolution } from './rules/facts';
export { DECISION_TYPES, DECISION_DESCRIPTIONS, type Decision, type DecisionType } from './rules/decisions';
export { ENGINE_PARAMETERS } from './rules/parameters';
export { packManifestSchema, ruleFileSchema, ruleSchema, conditionSchema } from './rules/packSchema';
export { loadPack, type CompiledPack, type CompiledRule, type PackFiles } from './rules/loadPack';
export { cnDefaultPack, cnDefaultPackFiles } from './rules/defaultPack';
export { firedRules, explainRules, type RuleExplanation } from './rules/evaluate';
export { explainCondition, type ConditionTrace } from './rules/compile';
export { referenceEngine, referenceFiredRuleIds } from './rules/reference';

export { lifecycleMachine, nextLifecycleState, allowedDecisions, LIFECYCLE_VERSION, type LifecycleEvent } from './workflow/lifecycle';

export { replay, type ReplayOptions } from './engine/replay';
export type { ReplayOutput, TimelineEntry, TaskOutput, AmountsOutput, DecisionInputs } from './engine/output';
export { renderRuleReference } from './rules/catalogueDoc';
export { spotCheckSample, type SpotCheckLoan, type SpotCheckOptions, type SpotCheckSample } from './portfolio/spotCheck';
export { renderTaskReference } from './rules/taskDoc';
export { applyContagion, type ContagionLoan, type ContagionOptions, type ContagionResult } from './portfolio/contagion';
