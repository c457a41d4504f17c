import { contractPrincipalAtMaturity, principalAtMaturity } from '../contract/principalAtMaturity';
import { NO_DATA } from './dataFacts';
import type { History, LoanEvent } from '../history/parseHistory';
import type { Ledger } from '../ledger/ledger';
import type { Facts } from '../rules/facts';
import type { CompiledPack } from '../rules/loadPack';
import type { Bucket, Classification, CollectionSegment, ManagementMode, RiskLevel } from '../rules/vocabulary';
import { formatDay, type Day } from '../time/day';
import { createContactTracker, type ContactTracker } from './contacts';
import type { ReAgeState } from './reAging';
import type { TimelineRecord } from './output';
import type { MaterialityState } from './materiality';
import { generatedContractSchedule } from '../contract/contractSchedule';
import { createTaskBook, type TaskBook } from './tasks';

/** The observation period of the latest restructuring (P-CL-6). */
export interface Observation {
  readonly on: Day;
  /** The day the period (re)started: the first repayment date after the restructuring, or the missed due date. */
  start: Day;
  end: Day;
  /** Next schedule position to check for a miss. */
  scanFrom: number;
  endReported: boolean;
}

/** A promise to pay not yet kept or broken (P-CS-9); `paid` counts payments since it was made. */
export interface PromiseToPay {
  readonly eventId: string;
  readonly amount: number;
  readonly by: Day;
  paid: number;
}

/** Cure tracking (P-CL-7). */
export interface CureState {
  /** Day all arrears were last repaid after being overdue; undefined while overdue or never overdue. */
  curedOn: Day | undefined;
  wasOverdue: boolean;
}

/** Collections and legal resolution: agency, field visits, write-off, litigation, limitation (P-CS-7, P-LC-6/7, P-NT-7). */
export interface ResolutionState {
  /** Last event that interrupts the statute of limitations (P-NT-7). */
  lastInterruption: Day | undefined;
  /** The agency holding the case, if any (P-CS-7). */
  agencyId: string | undefined;
  failedVisits: number;
  /** A write-off requested and not yet approved (P-LC-7, P-CT-1). */
  writeOffRequest: { readonly by: string; readonly eventId: string } | undefined;
  /** Litigation milestones (P-LC-6). */
  lawsuitFiledOn: Day | undefined;
  judgmentOn: Day | undefined;
}

/** Restructurings and extensions (P-LC-1, P-CL-6, P-EW-1). */
export interface RestructuringState {
  /** The latest restructuring and its observation period (P-CL-6). */
  observation: Observation | undefined;
  /** Day of the latest extension (展期). */
  extendedOn: Day | undefined;
  restructured: boolean;
  restructuredWhileNonPerforming: boolean;
  extended: boolean;
  /** Days of every extension request, accepted or not (P-EW-1), in order. */
  readonly extensionRequests: Day[];
  /** Accepted re-ages and the recent payments their permit reads. */
  readonly reAge: ReAgeState;
}

/** The borrower's willingness to pay in the current overdue episode (P-CS-9). */
export interface WillingnessState {
  promises: PromiseToPay[];
  brokenPromises: number;
  refusedContacts: number;
}

/** Early-warning indicators (P-EW-1, P-EW-3): ratios in millionths. */
export interface SignalState {
  debtRatio: number;
  cashFlowDrop: number;
  relatedPartyLitigation: boolean;
  repaymentChannelChanged: boolean;
  hardship: boolean;
  materialEventOpen: boolean;
  /** Day the last material event was resolved (undefined if none was). */
  materialEventResolvedOn: Day | undefined;
  /** Latest value of each collateral item (P-CO-1), fen. */
  readonly collateralValues: Map<string, number>;
}

/** One loan being replayed: its inputs, its ledger, tasks and contacts, and the decisions so far. */
export interface Run {
  readonly pack: CompiledPack;
  readonly history: History;
  readonly ledger: Ledger;
  readonly facts: Facts;
  readonly timeline: TimelineRecord[];
  readonly warned: Set<string>;
  readonly tasks: TaskBook;
  readonly contacts: ContactTracker;
  /** The last day the loan was looked at (evaluated). */
  day: Day;
  /** A state of the pack's statechart. */
  state: string;
  /** Day the loan entered its current state. */
  stateSince: Day;
  bucket: Bucket;
  classification: Classification;
  riskLevel: RiskLevel;
  managementMode: ManagementMode;
  segment: CollectionSegment;
  /** The current value of each dimension of the pack (`scales.dimensions`), by name; no prototype. */
  readonly dimensions: Record<string, string>;
  readonly cure: CureState;
  readonly resolution: ResolutionState;
  readonly restructuring: RestructuringState;
  readonly willingness: WillingnessState;
  readonly signals: SignalState;
  /** The material arrear being counted (pack parameters materialityAbsolute/Relative). */
  readonly materiality: MaterialityState;
  /** Resumed from a lean snapshot: its date, and the timeline entries and closed tasks it left out. */
  continues: { readonly from: Day; readonly timelineEntries: number; readonly closedTasks: number } | undefined;
}

function initialFacts(history: History, initialState: string): Facts {
  const { loan } = history;
  // From the contract's schedule, not its label, nor a restructured one (a resumed run has that one).
  // Validating the history or restoring a snapshot has generated that schedule already (decisions 170,
  // 485): read it rather than work out the level payment again.
  const generated = generatedContractSchedule(loan);
  const atMaturity = generated === undefined ? contractPrincipalAtMaturity(loan) : principalAtMaturity(generated);
  return {
    dpd: 0,
    daysSinceDisbursement: 0,
    daysInState: 0,
    state: initialState,
    classification: 'pass',
    riskLevel: 'low',
    managementMode: 'regular',
    borrowerUnreachableDays: 0,
    daysSinceCure: 0,
    onTimeSinceCure: 0,
    collateralCoverage: 0,
    failedVisits: 0,
    agencyAssigned: false,
    collectorAssigned: false,
    guarantorCount: loan.guarantors.length,
    collateralCount: loan.collateral.length,
    overduePrincipal: 0,
    overdueInterest: 0,
    overduePenalty: 0,
    overdueTotal: 0,
    outstandingPrincipal: loan.principal,
    outstandingTotal: loan.principal,
    consecutiveMissed: 0,
    cumulativeMissed: 0,
    fullyRepaid: false,
    repayment: loan.repayment === 'explicit' ? (loan.repaymentLabel ?? 'explicit') : loan.repayment,
    singleRepayment: atMaturity,
    principalAtMaturity: atMaturity,
    borrowerKind: loan.borrower.kind,
    selfPaid: loan.selfPaid,
    termMonths: loan.termMonths,
    segment: 'none',
    restructured: false,
    restructuredWhileNonPerforming: false,
    extended: false,
    inObservation: false,
    extensionRequestsLast90Days: 0,
    reAgesLast12Months: 0,
    reAgesLast5Years: 0,
    monthsOnBook: 0,
    instalmentsPaidLast3Months: 0,
    openPromise: false,
    brokenPromises: 0,
    refusedContacts: 0,
    materialEventOpen: false,
    debtRatio: 0,
    cashFlowDrop: 0,
    relatedPartyLitigation: false,
    repaymentChannelChanged: false,
    hardship: false,
    materialPastDue: 0,
    materialDpd: 0,
    daysWithoutMaterialArrears: 0,
    daysSinceRestructuring: 0,
    daysWithoutMaterialEvent: 0,
    attributes: loan.attributes ?? NO_DATA,
    observations: NO_DATA,
  };
}

/** A loan on its disbursement day, nothing yet decided. */
export function newRun(history: History, pack: CompiledPack, ledger: Ledger): Run {
  const { loan } = history;
  const timeline: TimelineRecord[] = [];
  const facts = initialFacts(history, pack.statechart.initial);
  const dimensions = Object.create(null) as Record<string, string>;
  facts.classification = pack.scales.classification.tiers[0] as Classification;
  for (const d of pack.scales.dimensions) {
    dimensions[d.name] = d.values[0] as string;
    setDimensionFact(facts, d.name, d.values[0] as string);
  }
  return {
    pack,
    history,
    ledger,
    facts,
    timeline,
    warned: new Set(),
    tasks: createTaskBook(pack, loan, ledger.schedule, ledger, timeline),
    contacts: createContactTracker(pack.timeZone, pack.contactLimits),
    day: loan.disbursedOn,
    state: pack.statechart.initial,
    stateSince: loan.disbursedOn,
    // The pack's scales (cn-default's by default): the types name cn-default's values.
    bucket: (pack.scales.buckets[0]?.name ?? 'M0') as Bucket,
    classification: facts.classification as Classification,
    riskLevel: 'low',
    managementMode: 'regular',
    segment: 'none',
    dimensions,
    cure: { curedOn: undefined, wasOverdue: false },
    resolution: { lastInterruption: undefined, agencyId: undefined, failedVisits: 0, writeOffRequest: undefined, lawsuitFiledOn: undefined, judgmentOn: undefined },
    restructuring: { observation: undefined, extendedOn: undefined, restructured: false, restructuredWhileNonPerforming: false, extended: false, extensionRequests: [], reAge: { accepted: [], payments: [] } },
    willingness: { promises: [], brokenPromises: 0, refusedContacts: 0 },
    signals: {
      debtRatio: 0,
      cashFlowDrop: 0,
      relatedPartyLitigation: false,
      repaymentChannelChanged: false,
      hardship: false,
      materialEventOpen: false,
      materialEventResolvedOn: undefined,
      collateralValues: new Map(loan.collateral.map((c) => [c.id, c.value])),
    },
    materiality: { since: undefined, endedOn: undefined },
    continues: undefined,
  };
}

/** A dimension's current value, as the fact of its name that rules read. */
export function setDimensionFact(facts: Facts, name: string, value: string): void {
  (facts as unknown as Record<string, string>)[name] = value;
}

/** Moves the loan to a state, remembering the day it entered it (for `daysInState`). */
export function enter(run: Run, to: string, d: Day): void {
  if (to !== run.state) run.stateSince = d;
  run.state = to;
  run.facts.state = to;
  run.facts.daysInState = d - run.stateSince;
}

/** Records an instruction the policy forbids, with the reason and the rule ids (never dropped). */
export function reject(run: Run, e: LoanEvent, ruleIds: readonly string[], reason: string): void {
  run.timeline.push({ on: formatDay(e.on), kind: 'eventRejected', ruleIds, eventId: e.id, eventType: e.type, reason });
}

/** Days in the window of "frequent extension requests" (P-EW-1: ≥ 2 in 90 days). */
export const EXTENSION_WINDOW_DAYS = 90;
