import type { TaskOutput, TimelineEntry } from '../engine/output';
import type { IssueCode } from '../errors/PostloanIssue';
import type { DecisionTopic, ExplainedRule } from '../rules/explainDecision';
import type { LintCode } from '../rules/lint';
import type { EventType } from '../history/events';
import type { Bucket, Classification, CollectionSegment, LifecycleState, ManagementMode, RiskLevel } from '../rules/vocabulary';
import type { DiffDimension } from '../portfolio/diff';
import type { LifecycleEvent, PermitAction } from '../workflow/lifecycle';
import type { CommandName } from '../cli/commandHelp';
import type { ProgressTexts } from './progressTexts';

/** The task kinds of the built-in cn-default pack; a pack's own kinds are shown by their id. */
export const TASK_KIND_IDS = [
  'disbursementCallback', 'firstInspection', 'periodicInspection', 'inspectionReport', 'annualReport', 'collateralInspection',
  'earlySettlementDemand', 'riskMonitoring', 'overdueInspection', 'workLogEntry', 'supervisorSignOff', 'monthlyWorkLog',
  'maturityNotice', 'guarantorMaturityNotice', 'maturityCallReminder', 'repaymentReminder', 'interestReminder', 'collectionNotice',
  'guaranteeNotice', 'interestCollectionNotice', 'overdueNotice', 'longOverdueNotice', 'longOverdueGuarantorNotice', 'limitationWarning',
  'materialEventReport', 'ratingRenewal', 'ratingAdjustment', 'ledgerCarryForward', 'settlementCertificate', 'agencyPlacement',
  'fieldVisit', 'informationRepair', 'legalReview', 'additionalSecurityDemand', 'collateralRevaluation', 'borrowerCall', 'contactCall',
  'dailyCall', 'firmNotice', 'hardshipPlan', 'guarantorDemand', 'nplCollection', 'manualReview', 'preCollection',
  'collectionFeedback',
] as const;
export type TaskKindId = (typeof TASK_KIND_IDS)[number];

/** The parties tasks and contacts name in the built-in pack and the history format. */
export const PARTY_IDS = ['borrower', 'contact', 'guarantor', 'collector', 'loanOfficer', 'supervisor', 'collateral'] as const;
export type PartyId = (typeof PARTY_IDS)[number];

/** The texts of the loan case page (`replay --format html`). */
export interface CasePageTexts {
  readonly title: string;
  readonly loan: string;
  readonly asOf: string;
  readonly pack: string;
  readonly summary: string;
  readonly state: string;
  readonly bucket: string;
  readonly dpd: string;
  readonly classification: string;
  readonly riskLevel: string;
  readonly managementMode: string;
  readonly segment: string;
  readonly balances: string;
  readonly outstanding: string;
  readonly overdue: string;
  readonly principal: string;
  readonly interest: string;
  readonly penalty: string;
  readonly total: string;
  readonly provision: string;
  readonly limitation: string;
  readonly nextReview: string;
  readonly none: string;
  readonly dpdChart: string;
  readonly dpdAxis: string;
  readonly stateBands: string;
  readonly classificationChanges: string;
  readonly tasks: string;
  readonly taskHeaders: readonly [string, string, string, string, string, string, string];
  readonly notices: string;
  readonly contacts: string;
  readonly contactHeaders: readonly [string, string, string];
  readonly breaches: string;
  readonly decisions: string;
  readonly decisionHeaders: readonly [string, string, string, string, string];
  readonly inputs: string;
  readonly masked: string;
}

/** The texts of `postloan explain`'s text output (its `--json` output is the same in every locale). */
export interface ExplainTexts {
  readonly header: (loanId: string, asOf: string, pack: string, rule: string | undefined) => string;
  readonly factsOn: (on: string) => string;
  readonly factsOnLast: (on: string, state: string) => string;
  readonly topic: Readonly<Record<DecisionTopic, string>>;
  /** The principle each decision follows, in this locale; `undefined`: the explanation's own sentence. */
  readonly because: Readonly<Record<DecisionTopic, string>> | undefined;
  /** Introduces the explanation's own (English) sentence where it says more than the principle. */
  readonly original: string;
  readonly role: Readonly<Record<ExplainedRule['role'], string>>;
  /** Words for the operators that are words; the symbols (=, ≥ …) are shared. */
  readonly operator: Readonly<Record<'in' | 'notIn' | 'contains' | 'doesNotContain', string>>;
  readonly is: (fact: string, value: string) => string;
  readonly ruleRef: (policyId: string, ruleId: string, on: string | undefined) => string;
  readonly none: string;
  readonly noneValue: string;
  readonly not: string;
  readonly allOf: string;
  readonly anyOf: string;
  readonly outstanding: (n: number) => string;
  readonly open: (kind: string, whom: string, due: string) => string;
  readonly late: (kind: string, whom: string, due: string) => string;
  readonly lateSummary: (n: number, first: string, last: string) => string;
}

/** The texts of the portfolio report's HTML page and its charts. */
export interface ReportTexts {
  readonly title: string;
  readonly pack: string;
  readonly noLoans: string;
  readonly seed: string;
  readonly reported: (n: number) => string;
  readonly withErrors: (n: number) => string;
  readonly cards: readonly [string, string, string, string, string];
  readonly coverage: string;
  readonly met: string;
  readonly notMet: string;
  readonly quality: string;
  readonly figure: string;
  readonly start: string;
  readonly end: string;
  /** The second row (the balance) gets its currency unit with {@link ReportTexts.inUnit}. */
  readonly qualityRows: readonly [string, string, string, string, string, string, string, string, string, string];
  /** A label with the currency unit of its figures: `balance (USD)`. */
  readonly inUnit: (label: string, unit: string) => string;
  readonly buckets: string;
  readonly bucketHeaders: readonly [string, string, string, string];
  readonly migration: string;
  readonly cureHeaders: readonly [string, string, string, string, string];
  readonly cureRows: readonly [string, string];
  readonly classMix: string;
  readonly provisioning: string;
  readonly provisionHeaders: readonly [string, string, string, string, string];
  readonly provisionRows: readonly [string, string, string, string, string];
  readonly tasks: string;
  readonly taskHeaders: readonly [string, string, string, string, string, string, string, string];
  readonly agencies: string;
  readonly agencyHeaders: readonly [string, string, string, string, string, string, string, string];
  readonly notRecorded: string;
  readonly sample: string;
  readonly population: (borrowers: number, loans: number) => string;
  readonly sampleHeaders: readonly [string, string, string, string, string, string, string, string];
  readonly yes: string;
  readonly no: string;
  readonly requirementHeaders: readonly [string, string, string, string];
  readonly spotCheck: string;
  readonly spotLine: (sampleSize: number, population: number, rate: string) => string;
  readonly notes: string;
  readonly errors: string;
  readonly noErrors: string;
  readonly errorHeaders: readonly [string, string, string, string];
  readonly at: string;
  readonly bucketChart: (on: string) => string;
  readonly classChart: (on: string) => string;
  readonly migrationChart: (what: 'buckets' | 'classes', from: string, to: string) => string;
  /** A bar's tooltip: `M1: 3 loans, 1,234.00 yuan (2.5% of balance)`; `unit` from {@link Catalogue.currencyUnit}. */
  readonly chartBar: (key: string, loans: number, amount: string, unit: string, share: string) => string;
  /** A heat-map cell's tooltip: `M1 → M2: 2 of 5 loans (40.0%)`. */
  readonly chartMove: (from: string, to: string, count: number, of: number, rate: string) => string;
  /** `report`'s stderr line when some histories could not be used; `where` is the first one's file (and line). */
  readonly warning: (histories: number, where: string, loanId: string | undefined) => string;
}

/** A timeline entry of one kind (`promiseKept` and `promiseBroken` share a shape). */
export type EntryOf<K extends TimelineEntry['kind']> = TimelineEntry & { readonly kind: K };

/**
 * A sentence for every timeline kind, built only from the entry's machine fields (states, amounts, task
 * kinds, dates) and the catalogue's labels; a kind added to the timeline fails the typecheck until it has one.
 */
/** `unit`: how the loan's currency is labelled ({@link Catalogue.currencyUnit}), for the sentences that state an amount. */
export type TimelineReasonTexts = { readonly [K in TimelineEntry['kind']]: (e: EntryOf<K>, c: Catalogue, unit: string) => string };

/** The texts of `postloan diff`'s text output (its `--json` output is the same in every locale). */
export interface DiffTexts {
  readonly title: (asOf: string | null) => string;
  readonly before: string;
  readonly after: string;
  readonly noLoans: string;
  readonly summary: (loans: number, changed: number, errors: number, notYetDisbursed: number) => string;
  readonly dimension: Readonly<Record<DiffDimension, string>>;
  readonly tasks: string;
  readonly loansChanged: string;
  readonly loans: (n: number) => string;
  readonly dimensionChanges: (dimension: string, loans: number) => string;
  readonly examples: (ids: string, more: boolean) => string;
  readonly taskHeaders: readonly [string, string, string, string, string, string];
  readonly taskChanges: (loans: number) => string;
  readonly taskDeadlines: (loans: number, examples: string) => string;
  readonly errors: (histories: number) => string;
  readonly loan: (id: string) => string;
  readonly warning: (histories: number, first: string) => string;
  readonly first: (where: string, loanId: string | undefined) => string;
}

/** The labels of `postloan diagram`: states by their label, transitions as `event [guard] / actions`. */
export interface DiagramTexts {
  readonly header: (machine: string) => string;
  readonly event: Readonly<Record<LifecycleEvent['type'], string>>;
  /** The `decidedTo(to)` guard: a rule decided the loan belongs in `state` (a label). */
  readonly decidedTo: (state: string) => string;
  /** The `permitted(action)` guard: the pack's rules permit the action. */
  readonly permitted: Readonly<Record<PermitAction, string>>;
  readonly action: Readonly<Record<'assignAgency' | 'recallAgency' | 'recordJudgment', string>>;
}

/** The portfolio report's CSV section titles, header rows and row labels (`report --format csv --lang …`). */
export interface CsvTexts {
  readonly title: Readonly<Record<
    | 'report' | 'quality' | 'cure' | 'bucketCounts' | 'bucketRates' | 'bucketBalances' | 'classCounts' | 'classRates' | 'classBalances'
    | 'bucketMix' | 'classMix' | 'provisioning' | 'tasks' | 'agencies' | 'sample' | 'sampleRequirements' | 'spotCheck' | 'notes' | 'errors',
    string
  >>;
  readonly field: readonly [string, string];
  readonly report: readonly [string, string, string, string, string, string, string, string, string, string, string, string, string, string];
  readonly qualityHeader: readonly [string, string, string, string, string];
  readonly quality: readonly [string, string, string, string, string, string, string, string, string, string, string];
  readonly cureHeader: readonly [string, string, string, string, string, string, string, string, string];
  readonly fromTo: string;
  readonly total: string;
  readonly mixHeader: (first: 'bucket' | 'classification') => readonly [string, string, string, string];
  readonly provisionHeader: readonly [string, string, string, string, string];
  readonly provisionRows: readonly [string, string, string, string, string];
  readonly taskHeader: readonly [string, string, string, string, string, string, string, string];
  readonly agencyHeader: readonly [string, string, string, string, string, string, string, string, string, string];
  readonly notRecorded: string;
  readonly sampleHeader: readonly [string, string, string, string, string, string, string, string];
  readonly requirementHeader: readonly [string, string, string, string];
  readonly spotHeader: readonly [string, string, string, string, string, string];
  readonly note: string;
  readonly errorHeader: readonly [string, string, string, string, string, string, string];
  readonly yes: string;
  readonly no: string;
}

/** The CLI's help: `postloan --help` and every command's page (`postloan <command> --help`). */
export interface HelpTexts {
  readonly main: (version: string) => string;
  readonly page: Readonly<Record<CommandName, string>>;
}

/**
 * One locale's texts. Every table is keyed by a closed union, so a missing key fails the typecheck;
 * `tests/i18n/catalogue.test.ts` checks that both locales have the same keys as well.
 */
export interface Catalogue {
  readonly state: Readonly<Record<LifecycleState, string>>;
  readonly bucket: Readonly<Record<Bucket, string>>;
  readonly classification: Readonly<Record<Classification, string>>;
  readonly riskLevel: Readonly<Record<RiskLevel, string>>;
  readonly managementMode: Readonly<Record<ManagementMode, string>>;
  readonly segment: Readonly<Record<CollectionSegment, string>>;
  readonly taskStatus: Readonly<Record<TaskOutput['status'], string>>;
  readonly timelineKind: Readonly<Record<TimelineEntry['kind'], string>>;
  readonly eventType: Readonly<Record<EventType, string>>;
  readonly taskKind: Readonly<Record<TaskKindId, string>>;
  readonly party: Readonly<Record<PartyId, string>>;
  /** A short title for every issue code; the issue's own (English) message follows it as the detail. */
  readonly issue: Readonly<Record<IssueCode, string>>;
  /** A short title for every lint code of `postloan validate`; the finding's own message follows. */
  readonly lint: Readonly<Record<LintCode, string>>;
  /** `validate`'s summary line: "2 errors, 1 warning". */
  readonly findingsCount: (errors: number, warnings: number) => string;
  /** `validate`'s verdict: valid, invalid, or failing `--strict`. */
  readonly verdict: { readonly valid: (dir: string) => string; readonly invalid: (dir: string) => string; readonly strict: (dir: string) => string };
  readonly cli: {
    readonly at: string;
    readonly hint: string;
    /** Introduces the issue's detail text where it is not translated. */
    readonly detail: string;
    readonly internal: string;
    readonly internalHint: string;
    readonly usageHint: string;
    readonly badLang: (value: string) => string;
    readonly morePrefix: string;
    /** `generate --out`'s line once the file is written. */
    readonly generated: (loans: number, file: string, seed: number, asOf: string) => string;
  };
  /** The terminal progress and summary lines of `batch`, `eod` and `worker`. */
  readonly progress: ProgressTexts;
  /** How figures in a currency (ISO 4217 code) are labelled: the yuan by its name, other currencies by their code. */
  readonly currencyUnit: (code: string) => string;
  readonly casePage: CasePageTexts;
  readonly explain: ExplainTexts;
  readonly report: ReportTexts;
  /** The timeline's sentences (`replay --reasons`, the case page). */
  readonly reason: TimelineReasonTexts;
  /** Appended to a reason: the policy ids that decided the entry. */
  readonly basis: (ruleIds: readonly string[]) => string;
  readonly diff: DiffTexts;
  /** Labels of `postloan diagram`; `undefined`: the statechart's own names (ids, events, guards), as in English. */
  readonly diagram: DiagramTexts | undefined;
  readonly csv: CsvTexts;
  readonly help: HelpTexts;
}
