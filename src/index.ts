/**
 * postloan — post-loan management (贷后管理) as replayable loan state machines driven by declarative
 * JSON rule packs. Re-exports by name; nothing internal leaks.
 */
export { PostloanError, unwrap, ok, fail, type Result } from './errors/PostloanError';
export { formatPath, type IssueCode, type PostloanIssue } from './errors/PostloanIssue';
export { formatIssues } from './errors/formatIssues';
export { fromPortable, type PortableIssue } from './errors/portableIssue';
export { maskPersonalData } from './errors/maskPersonalData';
export { MAX_ISSUES, problemCount } from './errors/capIssues';
export { parseJson, checkJsonValue, DEFAULT_JSON_LIMITS, type JsonLimits } from './errors/parseJson';

export { parseMoney, formatMoney, MAX_FEN, type Fen } from './money/fen';
export { divideHalfUp } from './money/rounding';
export { parseRate, applyRateHalfUp, type Rate } from './money/rate';
export { allocate } from './money/allocate';

export { parseDay, formatDay, day, addDays, addMonths, daysBetween, isoWeekday, isInputDay, FIRST_INPUT_DAY, LAST_INPUT_DAY, type Day, type IsoDate } from './time/day';
export {
  createCalendar,
  calendarSchema,
  parseCalendarData,
  weekendsOnlyCalendar,
  type BusinessCalendar,
  type CalendarData,
  type OutsideCoverage,
} from './time/calendar';
export { cnCalendar, cnCalendarData } from './time/cnCalendar';

export { loanContractSchema, type LoanContract, type LoanId } from './contract/LoanContract';
export { generateSchedule, maturityOf, type Instalment } from './contract/schedule';
export { principalAtMaturity } from './contract/principalAtMaturity';
export { DEFAULT_CURRENCY, CURRENCY_CODES } from './contract/currency';
export type { LoanAttributes } from './contract/attributes';
export { scheduleContradiction, type ScheduleCheck, type ScheduleContradiction } from './contract/scheduleContradiction';
export { EVENT_TYPES, loanEventSchema, type LoanEvent } from './history/events';
export { historyFileSchema } from './history/historySchema';
export { parseHistory, parseHistoryValue, MAX_EVENTS_PER_LOAN, type History } from './history/parseHistory';

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
export { ENGINE_PARAMETERS, PORTFOLIO_PARAMETERS } from './rules/parameters';
export { taskKindsFileSchema, taskKindSchema, closingEventSchema } from './rules/taskKinds';
export { packManifestSchema, ruleFileSchema, ruleSchema, conditionSchema, decisionTableSchema, type DecisionTableInput, type PolicyDeclaration } from './rules/packSchema';
export { loadPack, type CompiledPack, type CompiledRule, type PackFiles, type LoadPackOptions } from './rules/loadPack';
export type { HostOperator, HostOperators } from './rules/operators';
export { parseDataPath, readDataPath, MAX_PATH_STEPS, type DataPath, type DataPathStep } from './rules/dataPath';
export { ATTRIBUTE_TYPES, OBSERVATION_TYPES, type AttributeType, type ObservationType, type DataDeclarations } from './rules/dataDeclarations';
export { resolvePackChain, MAX_EXTENDS_DEPTH, type ResolvedPackChain, type PackLevel, type PackFileRef, type PackRuleFile } from './rules/extendPack';
export { compileTable, type TableRule } from './rules/decisionTable';
export { jsonSchemas, JSON_SCHEMA_FILES, type JsonSchemaFile, type JsonSchemaDocument } from './rules/jsonSchemas';
export { cnDefaultPack, cnDefaultPackFiles } from './rules/defaultPack';
export { lintPack, validatePack, LINT_CODES, type LintCode, type PackFinding } from './rules/lint';
export { formatFindings, countFindings } from './rules/formatFindings';
export { firedRules, explainRules, type RuleExplanation } from './rules/evaluate';
export { explainCondition, type ConditionTrace } from './rules/compile';
export {
  explainDecisions,
  shownValue,
  shownFacts,
  DECISION_TOPICS,
  type DecisionExplanation,
  type DecisionTopic,
  type TopicExplanation,
  type ExplainedRule,
  type RuleVerdict,
  type RuleRole,
  type ConditionExplanation,
  type ShownValue,
  type ExplainOptions,
  type StateEntry,
  type OutstandingTask,
} from './rules/explainDecision';
export { referenceEngine, referenceFiredRuleIds } from './rules/reference';

export { lifecycleMachine, nextLifecycleState, allowedDecisions, LIFECYCLE_VERSION, DEFAULT_STATECHART, type LifecycleEvent } from './workflow/lifecycle';
export { createStatechart, hasRole, type Statechart } from './workflow/statechart';
export { parseStatechart, REQUIRED_ROLES } from './workflow/parseStatechart';
export { LIFECYCLE_ROLES, type LifecycleRole, type StatechartConfig } from './workflow/statechartSchema';
export { toMermaid, type MermaidLabels } from './workflow/mermaid';

export { replay, replayVersions, replayWithSnapshot, resumeReplay, type ReplayOptions, type SnapshotOptions, type ResumeOptions, type ResumeResult } from './engine/replay';
export { restoreSnapshot, restoreSnapshotText, SNAPSHOT_VERSION, type LoanSnapshot, type RestoredSnapshot, type RestoreOptions, type RunState } from './engine/snapshot';
export { snapshotText } from './engine/snapshotText';
export { advance, WakeIndex, type AdvanceOptions, type AdvanceResult, type StoredSnapshot, type WakeEntry } from './engine/advance';
export { useHostSha256, type HostSha256 } from './hash/sha256';
export type { ReplayOutput, TimelineEntry, TimelineRecord, TaskOutput, AmountsOutput, DecisionInputs } from './engine/output';
export { factsAt, type FactsAt, type RuleMove } from './engine/factsAt';
export { renderRuleReference } from './rules/catalogueDoc';
export { spotCheckSample, type SpotCheckLoan, type SpotCheckOptions, type SpotCheckSample } from './portfolio/spotCheck';
export { renderTaskReference } from './rules/taskDoc';
export { applyContagion, type ContagionLoan, type ContagionOptions, type ContagionResult } from './portfolio/contagion';
export {
  generatePortfolio,
  MAX_GENERATED_LOANS,
  type GeneratePortfolioOptions,
  type GeneratedHistory,
  type GeneratedLoan,
  type GeneratedEvent,
  type GeneratedValue,
} from './portfolio/generate';
export {
  portfolioReport,
  createPortfolioReport,
  loanProfile,
  DEFAULT_PORTFOLIO_TARGETS,
  REPORT_VERSION,
  type PortfolioReport,
  type PortfolioReportBuilder,
  type PortfolioReportOptions,
  type PortfolioTargets,
  type PortfolioLoan,
  type LoanProfile,
  type ReportError,
  type TargetedRatio,
  type QualityFigures,
  type CureFigures,
  type MigrationKey,
  type MigrationCell,
  type MigrationMatrix,
  type DistributionRow,
  type ProvisionRow,
  type TaskRow,
  type AgencyRow,
} from './portfolio/report';
export {
  supervisorySample,
  type SampleLoan,
  type SupervisorySampleOptions,
  type SupervisorySample,
  type SampledBorrower,
  type SampleRequirement,
  type SampleTier,
} from './portfolio/supervisorySample';
export { toCsv } from './portfolio/toCsv';
export { toHtml } from './portfolio/toHtml';
export {
  diffReplays,
  createPackDiff,
  DIFF_DIMENSIONS,
  type PackDiff,
  type PackDiffBuilder,
  type PackDiffOptions,
  type DiffDimension,
  type DimensionDiff,
  type DiffTransition,
  type TaskCountDiff,
  type DiffError,
  type DiffPack,
} from './portfolio/diff';
export { casePage, type CasePageInput } from './casePage/casePage';
export { dpdSeries, type DpdPoint } from './casePage/dpdSeries';
export { LOCALES, parseLocale, type Locale } from './i18n/locale';
export { catalogueFor, labelOf } from './i18n/catalogueFor';
export type { Catalogue } from './i18n/catalogue';
export { timelineReason, timelineSentence, withReasons, type ReasonedEntry, type ReasonedOutput } from './i18n/timelineReason';
