import type { Bucket, Classification, CollectionSegment, LifecycleState, ManagementMode, RiskLevel } from '../rules/vocabulary';

/** Money at the boundary: yuan with exactly two decimals. */
export type MoneyText = string;
/** A business date `YYYY-MM-DD`. */
export type DateText = string;

export interface AmountsOutput {
  readonly principal: MoneyText;
  readonly interest: MoneyText;
  readonly penalty: MoneyText;
  readonly total: MoneyText;
}

/** Fact values that decided an entry, money as decimal strings (P-CT-2 audit trail). */
export type DecisionInputs = Readonly<Record<string, string | number | boolean>>;

interface EntryBase {
  readonly on: DateText;
  /** Policy rule ids that decided this entry. */
  readonly ruleIds: readonly string[];
}

/** One line of the loan's timeline as the replay records it, before it is given its {@link TimelineEntry} id. */
export type TimelineRecord =
  | (EntryBase & {
      readonly kind: 'stateChanged';
      readonly from: LifecycleState;
      readonly to: LifecycleState;
      readonly rules?: readonly string[];
      readonly eventId?: string;
      readonly inputs?: DecisionInputs;
    })
  | (EntryBase & { readonly kind: 'bucketChanged'; readonly from: Bucket; readonly to: Bucket; readonly rules: readonly string[]; readonly inputs: DecisionInputs })
  | (EntryBase & {
      readonly kind: 'classificationChanged';
      readonly from: Classification;
      readonly to: Classification;
      readonly rules: readonly string[];
      readonly inputs: DecisionInputs;
    })
  | (EntryBase & {
      /** A dimension of the pack (`scales.dimensions`) changed value. */
      readonly kind: 'dimensionChanged';
      readonly dimension: string;
      readonly from: string;
      readonly to: string;
      readonly rules: readonly string[];
      readonly inputs: DecisionInputs;
    })
  | (EntryBase & {
      readonly kind: 'paymentApplied';
      readonly eventId: string;
      readonly amount: MoneyText;
      readonly allocated: { readonly penalty: MoneyText; readonly interest: MoneyText; readonly principal: MoneyText };
      readonly interestWaived?: MoneyText;
      readonly overpaid?: MoneyText;
      /** A payment on a written-off loan: a recovery (P-LC-7). */
      readonly recovery?: true;
    })
  | (EntryBase & { readonly kind: 'agencyAssigned'; readonly eventId: string; readonly agencyId: string })
  | (EntryBase & { readonly kind: 'agencyRecalled'; readonly eventId?: string; readonly agencyId: string; readonly reason: string })
  /** An `assigned` event gave the loan its collector (P-CS-10). */
  | (EntryBase & { readonly kind: 'collectorAssigned'; readonly eventId: string; readonly collectorId: string; readonly agencyId?: string })
  | (EntryBase & { readonly kind: 'writeOffRequested'; readonly eventId: string })
  | (EntryBase & { readonly kind: 'collateralRevalued'; readonly eventId: string; readonly collateralId: string; readonly value: MoneyText; readonly previous?: MoneyText })
  | (EntryBase & { readonly kind: 'policyBreach'; readonly eventId: string; readonly breach: string; readonly message: string })
  | (EntryBase & { readonly kind: 'judgmentRecorded'; readonly eventId: string })
  | (EntryBase & {
      readonly kind: 'riskLevelChanged';
      readonly from: RiskLevel;
      readonly to: RiskLevel;
      readonly rules: readonly string[];
      readonly inputs: DecisionInputs;
    })
  | (EntryBase & {
      readonly kind: 'managementModeChanged';
      readonly from: ManagementMode;
      readonly to: ManagementMode;
      readonly rules: readonly string[];
      readonly inputs: DecisionInputs;
    })
  | (EntryBase & {
      readonly kind: 'segmentChanged';
      readonly from: CollectionSegment;
      readonly to: CollectionSegment;
      readonly rules: readonly string[];
      readonly inputs: DecisionInputs;
    })
  | (EntryBase & {
      /** A restructuring (重组) or extension (展期) replaced the rest of the schedule (P-LC-1, P-CT-1, P-CL-6). */
      readonly kind: 'scheduleReplaced';
      readonly eventId: string;
      readonly how: 'restructure' | 'extension';
      /** The new principal: the pay-off amount of the day, of which `capitalized` was interest and penalty. */
      readonly principal: MoneyText;
      readonly capitalized: { readonly interest: MoneyText; readonly penalty: MoneyText };
      readonly instalments: number;
      readonly firstDueOn: DateText;
      readonly maturity: DateText;
      /** End of a restructuring's observation period (P-CL-6), as first computed; a missed instalment restarts it. */
      readonly observationEndsOn?: DateText;
    })
  | (EntryBase & {
      /** A missed instalment restarted the observation period (P-CL-6). */
      readonly kind: 'observationRestarted';
      readonly instalment: number;
      readonly observationEndsOn: DateText;
    })
  | (EntryBase & { readonly kind: 'observationEnded' })
  | (EntryBase & {
      /** A promise to pay was kept (paid in full by its date) or broken (P-CS-9). */
      readonly kind: 'promiseKept' | 'promiseBroken';
      readonly eventId: string;
      readonly amount: MoneyText;
      readonly by: DateText;
      readonly paid: MoneyText;
    })
  | (EntryBase & { readonly kind: 'riskSignalRecorded'; readonly eventId: string; readonly indicator: string; readonly value: string | boolean })
  /** An observation event: the latest value of `name` is now `value` (the `observations` fact). */
  | (EntryBase & { readonly kind: 'observationRecorded'; readonly eventId: string; readonly name: string; readonly value: string | number | boolean })
  | (EntryBase & {
      readonly kind: 'taskOpened';
      readonly taskId: string;
      readonly taskKind: string;
      readonly party: string;
      readonly partyId?: string;
      /** For a collector's task: the collector it is given to (P-CS-10). */
      readonly assignee?: string;
      readonly dueOn: DateText;
      readonly rules: readonly string[];
    })
  | (EntryBase & { readonly kind: 'taskDone'; readonly taskId: string; readonly taskKind: string; readonly party: string; readonly partyId?: string; readonly eventId: string; readonly late?: true })
  | (EntryBase & { readonly kind: 'taskBreached'; readonly taskId: string; readonly taskKind: string; readonly party: string; readonly partyId?: string; readonly dueOn: DateText })
  | (EntryBase & { readonly kind: 'taskCancelled'; readonly taskId: string; readonly taskKind: string; readonly party: string; readonly partyId?: string; readonly reason: string })
  | (EntryBase & { readonly kind: 'eventRecorded'; readonly eventId: string; readonly eventType: string })
  | (EntryBase & { readonly kind: 'eventRejected'; readonly eventId: string; readonly eventType: string; readonly reason: string })
  | (EntryBase & {
      /** A `reversal` undid event `reverses` for every day: the rest of the output is that of the history without it. */
      readonly kind: 'eventReversed';
      /** The reversal's own id. */
      readonly eventId: string;
      readonly reverses: string;
      readonly reason: string;
    })
  | (EntryBase & {
      readonly kind: 'warning';
      readonly message: string;
      readonly eventId?: string;
      /** Which check failed, for warnings a program may act on (e.g. `schedule.bullet.severalPrincipalPayments`). */
      readonly code?: string;
    })
  | (EntryBase & {
      /** Another version of the pack is in force from this day (replayVersions). */
      readonly kind: 'packSwitched';
      readonly from: { readonly id: string; readonly version: string; readonly hash: string };
      readonly to: { readonly id: string; readonly version: string; readonly hash: string };
    });

/**
 * One line of the loan's timeline; `kind` discriminates. `id` (`tl-` and 40 hex digits) is stable: the
 * loan id, the entry's content and its ordinal among identical entries decide it, so the same entry keeps
 * its id in every replay — resumed or full, before and after a back-dated event or a reversal — and a
 * consumer tells a new entry from one emitted again (see `timelineEntryIds`).
 */
export type TimelineEntry = { readonly id: string } & TimelineRecord;

/**
 * A task the policy requires. `status`: `open` (not yet due), `done` (on time), `late` (done after its
 * deadline; the breach stays in the timeline), `breached` (past its deadline, not done), `cancelled`
 * (no longer needed, with the reason).
 */
export interface TaskOutput {
  /** Stable: loan, kind, anchor and party (`partyId` when there is one) — the same history gives the same ids. */
  readonly id: string;
  readonly kind: string;
  /** Policy rule id. */
  readonly ruleId: string;
  /**
   * A role, as in contact events: `borrower`, `guarantor`, `contact`, `collateral` (a task about one
   * collateral item), `loanOfficer`, `supervisor`, `collector`.
   */
  readonly party: string;
  /** Which guarantor, contact or collateral item, for those roles (there can be several). */
  readonly partyId?: string;
  /** For a collector's task: the collector the loan was assigned to when it opened (P-CS-10). */
  readonly assignee?: string;
  readonly openedOn: DateText;
  readonly dueOn: DateText;
  readonly status: 'open' | 'done' | 'late' | 'breached' | 'cancelled';
  /** The instalment the task is about, for instalment anchors. */
  readonly instalment?: number;
  readonly closedOn?: DateText;
  /** Id of the history event that did it. */
  readonly closedBy?: string;
  /** Why it was cancelled. */
  readonly reason?: string;
}

/** The replay output of the README: what `postloan replay` prints. */
export interface ReplayOutput {
  readonly loanId: string;
  readonly asOf: DateText;
  /**
   * ISO 4217 code of every amount of the output, when the contract names one; absent means CNY (the
   * default), so `output.currency ?? 'CNY'` is the loan's currency.
   */
  readonly currency?: string;
  readonly pack: { readonly id: string; readonly version: string; readonly hash: string };
  readonly state: LifecycleState;
  readonly bucket: Bucket;
  readonly dpd: number;
  readonly classification: Classification;
  readonly riskLevel: RiskLevel;
  readonly managementMode: ManagementMode;
  /** Collection segment by ability × willingness (P-CS-9); `none` while the loan is not being collected. */
  readonly segment: CollectionSegment;
  /** The value of each dimension of the pack (`scales.dimensions`), in declaration order; absent when the pack declares none. */
  readonly dimensions?: Readonly<Record<string, string>>;
  /** Flag of P-LC-1: the loan was restructured (重组) — the latest restructuring and its observation period (P-CL-6). */
  readonly restructured?: { readonly on: DateText; readonly observationEndsOn: DateText; readonly inObservation: boolean };
  /** Flag of P-LC-1: the loan was extended (展期) — the latest extension and the maturity it set. */
  readonly extended?: { readonly on: DateText; readonly maturity: DateText };
  readonly outstanding: AmountsOutput;
  readonly overdue: AmountsOutput;
  readonly missedInstalments: { readonly consecutive: number; readonly cumulative: number };
  readonly provision: { readonly rate: string; readonly amount: MoneyText; readonly ruleIds: readonly string[] };
  /** The agency holding the case (P-CS-7), when one does. */
  readonly agencyId?: string;
  /** The collector the loan is assigned to, and the collector's agency (`assigned` events, P-CS-10). */
  readonly collector?: { readonly collectorId: string; readonly agencyId?: string };
  readonly lawsuitFiledOn?: DateText;
  readonly judgmentOn?: DateText;
  /** Statute of limitations expiry (P-NT-7); null once the loan is settled. */
  readonly limitationExpiresOn: DateText | null;
  readonly nextReviewOn: DateText | null;
  readonly timeline: readonly TimelineEntry[];
  readonly tasks: readonly TaskOutput[];
  /**
   * Present when the replay resumed from a lean snapshot, which keeps neither the timeline nor the closed
   * tasks: `timeline` then starts after `from`, `tasks` has the tasks still owed at `from` and those
   * raised since. The counts say what the outputs up to `from` had (the lender keeps those).
   */
  readonly continues?: { readonly from: DateText; readonly timelineEntriesBefore: number; readonly closedTasksBefore: number };
  /** The pack versions used, each from the day it applied (several versions: replayVersions). */
  readonly packVersions?: readonly { readonly id: string; readonly version: string; readonly hash: string; readonly from: DateText }[];
}
