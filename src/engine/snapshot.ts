import type { LoanContract } from '../contract/LoanContract';
import { fail, ok, type Result } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseHistoryValue, type History } from '../history/parseHistory';
import type { LedgerState } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import type { CompiledPack } from '../rules/loadPack';
import type { Bucket, Classification, CollectionSegment, LifecycleState, ManagementMode, RiskLevel } from '../rules/vocabulary';
import { formatDay, parseDay, type Day } from '../time/day';
import { LIFECYCLE_VERSION } from '../workflow/lifecycle';
import type { ContactTrackerState } from './contacts';
import type { TimelineEntry } from './output';
import type { TaskBookState } from './tasks';

/**
 * Version of the snapshot format. Bump it when {@link LoanSnapshot} or {@link RunState} changes shape,
 * and give {@link restoreSnapshot} a migration from the previous version.
 */
export const SNAPSHOT_VERSION = 1;

/** The engine's state of one loan, as plain JSON. Days are whole days since 1970-01-01 (`Day`). */
export interface RunState {
  readonly day: number;
  readonly timeline: readonly TimelineEntry[];
  readonly warned: readonly string[];
  readonly ledger: LedgerState;
  readonly tasks: TaskBookState;
  readonly contacts: ContactTrackerState;
  readonly collateralValues: readonly (readonly [string, number])[];
  readonly state: LifecycleState;
  readonly stateSince: number;
  readonly curedOn: number | null;
  readonly wasOverdue: boolean;
  readonly bucket: Bucket;
  readonly classification: Classification;
  readonly riskLevel: RiskLevel;
  readonly managementMode: ManagementMode;
  readonly lastInterruption: number | null;
  readonly agencyId: string | null;
  readonly failedVisits: number;
  readonly writeOffRequest: { readonly by: string; readonly eventId: string } | null;
  readonly lawsuitFiledOn: number | null;
  readonly judgmentOn: number | null;
  readonly segment: CollectionSegment;
  readonly observation: { readonly on: number; readonly start: number; readonly end: number; readonly scanFrom: number; readonly endReported: boolean } | null;
  readonly extendedOn: number | null;
  readonly restructured: boolean;
  readonly restructuredWhileNonPerforming: boolean;
  readonly extended: boolean;
  readonly extensionRequests: readonly number[];
  readonly promises: readonly { readonly eventId: string; readonly amount: number; readonly by: number; readonly paid: number }[];
  readonly brokenPromises: number;
  readonly refusedContacts: number;
  readonly materialEventOpen: boolean;
  readonly signals: { readonly debtRatio: number; readonly cashFlowDrop: number; readonly relatedPartyLitigation: boolean; readonly repaymentChannelChanged: boolean; readonly hardship: boolean };
}

/**
 * A persisted loan: plain, versioned JSON from which a replay continues ({@link resumeReplay}). It names
 * the snapshot format, the statechart version and the pack (id, version, content hash) it was made with,
 * carries the loan's contract in the history-file form, and the engine's state at `asOf`.
 *
 * @example
 * ```ts
 * const { snapshot } = replayWithSnapshot(history, pack, { asOf: day('2026-04-20') });
 * snapshot.snapshotVersion; // 1
 * snapshot.nextReviewOn;    // '2026-05-15': the batch touches the loan again on that day
 * ```
 */
export interface LoanSnapshot {
  readonly snapshotVersion: number;
  readonly statechartVersion: string;
  readonly pack: { readonly id: string; readonly version: string; readonly hash: string };
  readonly loanId: string;
  /** The date the loan was replayed to. */
  readonly asOf: string;
  /** The next day something can change without an event (null: never, e.g. settled): the batch's index. */
  readonly nextReviewOn: string | null;
  readonly loan: Readonly<Record<string, unknown>>;
  readonly state: RunState;
}

/** A snapshot checked and ready to resume: its loan parsed, its date a `Day`. */
export interface RestoredSnapshot {
  readonly asOf: Day;
  readonly history: History;
  readonly state: RunState;
}

/** The loan contract back in the history-file form (money and dates as text), as the snapshot keeps it. */
export function loanInput(loan: LoanContract): Record<string, unknown> {
  const terms: Record<string, unknown> =
    loan.repayment === 'explicit'
      ? { schedule: loan.schedule.map((l) => ({ dueOn: formatDay(l.dueOn), principal: formatMoney(l.principal), interest: formatMoney(l.interest) })) }
      : { repayment: loan.repayment, termMonths: loan.termMonths, ...(loan.firstDueOn === undefined ? {} : { firstDueOn: formatDay(loan.firstDueOn) }) };
  return {
    id: loan.id,
    borrower: {
      id: loan.borrower.id,
      kind: loan.borrower.kind,
      contacts: loan.borrower.contacts.map((c) => ({ id: c.id, relation: c.relation })),
      ...(loan.borrower.riskRating === undefined ? {} : { riskRating: loan.borrower.riskRating }),
    },
    principal: formatMoney(loan.principal),
    annualRate: loan.annualRate.text,
    disbursedOn: formatDay(loan.disbursedOn),
    timeZone: loan.timeZone,
    selfPaid: loan.selfPaid,
    guarantors: loan.guarantors.map((g) => ({ id: g.id })),
    collateral: loan.collateral.map((c) => ({ id: c.id, kind: c.kind, value: formatMoney(c.value), valuedOn: formatDay(c.valuedOn) })),
    ...(loan.penaltyRate === undefined ? {} : { penaltyRate: loan.penaltyRate.text }),
    ...terms,
  };
}

/** Builds a snapshot (used by the engine). */
export function makeSnapshot(loan: LoanContract, pack: CompiledPack, asOf: Day, nextReviewOn: string | null, state: RunState): LoanSnapshot {
  return {
    snapshotVersion: SNAPSHOT_VERSION,
    statechartVersion: LIFECYCLE_VERSION,
    pack: { id: pack.id, version: pack.version, hash: pack.hash },
    loanId: loan.id,
    asOf: formatDay(asOf),
    nextReviewOn,
    loan: loanInput(loan),
    state,
  };
}

/** Options of {@link restoreSnapshot}. */
export interface RestoreOptions {
  /**
   * Brings a snapshot of an older format up to {@link SNAPSHOT_VERSION}: called with the stored JSON and its
   * version, returns the JSON in the current format. Without it, an older snapshot is refused.
   */
  readonly migrate?: (snapshot: Readonly<Record<string, unknown>>, fromVersion: number) => unknown;
  /** File name for messages. */
  readonly file?: string;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a stored snapshot before a replay resumes from it: the format version (an older one goes
 * through `migrate`, an unknown one is refused), the statechart version, and the pack — the same id and
 * content hash as `pack`, since a snapshot holds decisions and task cursors of that exact pack. All
 * problems are reported at once, each with its JSON path and the fix.
 *
 * @example
 * ```ts
 * const restored = restoreSnapshot(JSON.parse(text), pack, { file: 'L-1.snapshot.json' });
 * if (!restored.ok) console.error(formatIssues(restored.issues));
 * ```
 */
export function restoreSnapshot(value: unknown, pack: CompiledPack, options: RestoreOptions = {}): Result<RestoredSnapshot> {
  const file = options.file ?? 'snapshot';
  const issue = (path: string, message: string, hint: string): PostloanIssue => ({ code: 'input.invalid', file, path, message, hint });
  if (!isRecord(value)) return fail([issue('', 'A snapshot is a JSON object', 'pass what replayWithSnapshot or resumeReplay returned, as stored')]);
  let snap: Readonly<Record<string, unknown>> = value;
  const version = snap['snapshotVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail([issue('snapshotVersion', 'The snapshot has no snapshotVersion', 'it is not a postloan snapshot, or it was cut short: replay the history from the start')]);
  }
  if (version > SNAPSHOT_VERSION) {
    return fail([issue('snapshotVersion', `Snapshot format ${version} is newer than this postloan understands (${SNAPSHOT_VERSION})`, 'upgrade postloan, or replay the history from the start')]);
  }
  if (version < SNAPSHOT_VERSION) {
    if (options.migrate === undefined) {
      return fail([issue('snapshotVersion', `Snapshot format ${version} is older than the current one (${SNAPSHOT_VERSION})`, 'pass a migrate function to restoreSnapshot, or replay the history from the start')]);
    }
    const migrated = options.migrate(snap, version);
    if (!isRecord(migrated) || migrated['snapshotVersion'] !== SNAPSHOT_VERSION) {
      return fail([issue('snapshotVersion', `The migration from format ${version} did not produce format ${SNAPSHOT_VERSION}`, 'fix the migrate function: it must return a snapshot with snapshotVersion set to the current format')]);
    }
    snap = migrated;
  }
  const issues: PostloanIssue[] = [];
  if (snap['statechartVersion'] !== LIFECYCLE_VERSION) {
    issues.push(issue('statechartVersion', `The snapshot was made with statechart ${JSON.stringify(snap['statechartVersion'])}; this postloan runs ${LIFECYCLE_VERSION}`, 'replay the history from the start under the current statechart'));
  }
  const p = snap['pack'];
  if (!isRecord(p) || p['id'] !== pack.id || p['hash'] !== pack.hash) {
    const made = isRecord(p) ? `${String(p['id'])} ${String(p['version'])} (${String(p['hash'])})` : 'no pack';
    issues.push(issue('pack', `The snapshot was made with pack ${made}, not ${pack.id} ${pack.version} (${pack.hash})`, 'resume with the pack it was made with, or replay the history from the start under the new pack'));
  }
  const asOf = typeof snap['asOf'] === 'string' ? parseDay(snap['asOf']) : undefined;
  if (asOf === undefined) issues.push(issue('asOf', 'The snapshot has no valid asOf date', 'a snapshot says the date it was replayed to, YYYY-MM-DD'));
  const state = snap['state'];
  if (!isRecord(state) || typeof state['day'] !== 'number' || !isRecord(state['ledger']) || !isRecord(state['tasks']) || !Array.isArray(state['timeline'])) {
    issues.push(issue('state', 'The snapshot has no engine state', 'it was cut short or edited: replay the history from the start'));
  }
  const parsed = parseHistoryValue({ loan: snap['loan'], events: [] }, file);
  if (!parsed.ok) issues.push(...parsed.issues);
  if (issues.length > 0 || !parsed.ok || asOf === undefined) return fail(issues);
  return ok({ asOf, history: parsed.value, state: state as RunState });
}
