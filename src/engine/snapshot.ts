import type { LoanContract } from '../contract/LoanContract';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { contractSchedule } from '../contract/contractSchedule';
import { fail, ok, type Result } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseLoanValue, type History } from '../history/parseHistory';
import { trustedLoanContract } from '../contract/trustedLoanContract';
import type { PersistedLedger } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import type { CompiledPack } from '../rules/loadPack';
import type { Bucket, Classification, CollectionSegment, ManagementMode, RiskLevel } from '../rules/vocabulary';
import { formatPath, type PathSegment } from '../errors/PostloanIssue';
import { contentHash } from '../rules/hash';
import { jsonTextDigest } from '../hash/sortedJson';
import { formatDay, fromCivil, parseDay, type Day } from '../time/day';
import type { ContactTrackerState } from './contacts';
import type { TimelineRecord } from './output';
import { replayText } from './replayMessages';
import { parseJson } from '../errors/parseJson';
import { checksumOfText, keepText, sealFromText } from './snapshotText';
import { keepReview } from './restoredReview';
import { runStateSchema, runStateSchemaFormat4 } from './runStateSchema';
import { stateFromFormat4, type RunStateFormat4 } from './stateFromFormat4';
import type { TaskBookState } from './tasks';

/**
 * Version of the snapshot format. Bump it when {@link LoanSnapshot} or {@link RunState} changes shape,
 * and give {@link restoreSnapshot} a migration from the previous version.
 */
export const SNAPSHOT_VERSION = 5;

/**
 * Format 4 → 5, built in (`stateFromFormat4`, after the checks): 5 keeps only the task cursors that moved
 * from a fresh book's, as `[2 × rule + holding, next, since, …]`, `tasks.lastDone` flat, a contact slot's
 * non-zero attempt counts as `[index, count, …]` and only its non-empty call maps; it leaves out a ledger
 * amount list that is 0 throughout, and a task's kind and party when its id names them, its
 * `breachRecorded` when false and `progress` when 0 (a format-4 task, with all of them, is valid 5).
 * The top level and everything else are as in 4.
 *
 * Format 3 → 4, built in: 4 may leave out `state.ledger.schedule` (when the contract regenerates it) and
 * keeps closed task ids in `tasks.retiredBy`, grouped by kind and party, dates as day numbers; a format-3
 * state has the schedule and `tasks.retired` as strings, which 4 still reads. Nothing else changed.
 *
 * Format 2 → 3, built in: 3 adds `checksum`; a format-2 snapshot has none, so it is restored after the
 * same validation as any other but without the modification check (decision in docs/decisions.md).
 *
 * Format 1 → 2, built in: 2 stores the task cursors as flat numbers (`tasks.cursors`, `tasks.considered`)
 * and may leave out `tasks.holds`; everything else of 1 is valid 2. Anything it does not recognise is
 * left for the checks below to refuse.
 */
function upgradeFrom1(snap: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const state = snap['state'];
  const tasks = isRecord(state) ? state['tasks'] : undefined;
  const cursors = isRecord(tasks) ? tasks['cursors'] : undefined;
  if (!isRecord(state) || !isRecord(tasks) || !Array.isArray(cursors) || !cursors.every(isRecord)) return { ...snap, snapshotVersion: 4 };
  const flat: unknown[] = [];
  const considered: [number, unknown][] = [];
  cursors.forEach((c, r) => {
    flat.push(c['next'], c['holding'] === true ? 1 : 0, c['holdingSince']);
    if (Array.isArray(c['considered']) && c['considered'].length > 0) considered.push([r, c['considered']]);
  });
  // In the shape of format 4 now (its state is converted to 5 after the checks, as a format-4 one).
  return { ...snap, snapshotVersion: 4, state: { ...state, tasks: { ...tasks, cursors: flat, ...(considered.length > 0 ? { considered } : {}) } } };
}

/** The engine's state of one loan, as plain JSON. Days are whole days since 1970-01-01 (`Day`). */
export interface RunState {
  readonly day: number;
  /** The timeline so far; empty in a lean snapshot. */
  readonly timeline: readonly TimelineRecord[];
  /**
   * Present in a lean snapshot only: how many timeline entries and closed tasks it leaves out (they are in
   * the outputs up to its date). Their ids are in `tasks.retired`.
   */
  readonly lean?: { readonly timelineEntries: number; readonly closedTasks: number };
  readonly warned: readonly string[];
  /**
   * `schedule` is left out (format 4) when it is the contract's, as `generateSchedule` makes it from
   * `loan`; an amount list that is 0 for every instalment is left out (format 5).
   */
  readonly ledger: PersistedLedger;
  readonly tasks: TaskBookState;
  readonly contacts: ContactTrackerState;
  readonly collateralValues: readonly (readonly [string, number])[];
  readonly state: string;
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
  /** Day the last material event was resolved; absent when none was (and in older snapshots). */
  readonly materialEventResolvedOn?: number;
  readonly signals: { readonly debtRatio: number; readonly cashFlowDrop: number; readonly relatedPartyLitigation: boolean; readonly repaymentChannelChanged: boolean; readonly hardship: boolean };
  /** The loan's collector (P-CS-10); absent until an `assigned` event. */
  readonly collector?: { readonly collectorId: string; readonly agencyId?: string };
  /** Accepted re-ages and the recent payments a re-age permit reads; absent when there is none (and in older snapshots). */
  readonly reAge?: { readonly accepted: readonly number[]; readonly payments: readonly (readonly [number, number])[] };
  /** The latest value of each observation name, by name; absent when there is none (and in older snapshots). */
  readonly observed?: readonly (readonly [string, string | number | boolean])[];
  /**
   * The material arrear being counted (days a material arrear began and the last one ended); present only
   * when the pack sets a materiality threshold (`materialityAbsolute`, `materialityRelative`).
   */
  readonly materiality?: { readonly since: number | null; readonly endedOn: number | null };
  /** The value of each dimension of the pack, in its order; absent when the pack declares none (and in older snapshots). */
  readonly dimensions?: readonly (readonly [string, string])[];
}

/**
 * A persisted loan: plain, versioned JSON from which a replay continues ({@link resumeReplay}). It names
 * the snapshot format, the statechart version and the pack (id, version, content hash) it was made with,
 * carries the loan's contract in the history-file form, and the engine's state at `asOf`.
 *
 * @example
 * ```ts
 * const { snapshot } = replayWithSnapshot(history, pack, { asOf: day('2026-04-20') });
 * snapshot.snapshotVersion; // 5
 * snapshot.checksum;        // 'sha256:…' of everything else
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
  /**
   * `sha256:<hex>` of the canonical JSON of everything above (key order and whitespace do not matter):
   * a snapshot edited by hand or damaged in storage is refused. Not a signature — anyone can recompute it.
   * Absent from snapshots of format 2 and older.
   */
  readonly checksum?: string;
}

/** Keys in sorted order (by UTF-16 code units, as `[...keys].sort()` puts them). */
function sortedKeys(o: Readonly<Record<string, unknown>>): boolean {
  let previous: string | undefined;
  for (const key in o) {
    if (previous !== undefined && !(previous < key)) return false;
    previous = key;
  }
  return true;
}

/**
 * Whether `stored` is the checksum of the snapshot's content (everything but the checksum itself), as
 * `stored === contentHash([content])` says.
 * A snapshot this build wrote has its keys in sorted order at every level (makeSnapshot), so its JSON
 * text is its canonical JSON: the digest of the native text is tried first, and when it is `stored` the
 * text is the canonical JSON the checksum was sealed over (SHA-256 is collision resistant), so the
 * content parsed from it is that content and `contentHash` would say the same. Any other — an older
 * build's key order, a full snapshot's timeline, a changed snapshot — is checked on the canonical path,
 * exactly as before. Cheap signs of another order (the top level's keys, the state's, a timeline) skip
 * the native try.
 */
function checksumMatches(snap: Readonly<Record<string, unknown>>, stored: string): boolean {
  const { checksum: _ignored, ...content } = snap;
  const state = content['state'];
  if (sortedKeys(content) && isRecord(state) && sortedKeys(state) && Array.isArray(state['timeline']) && state['timeline'].length === 0) {
    try {
      if (`sha256:${jsonTextDigest(content)}` === stored) return true;
    } catch {
      // What JSON.stringify refuses (a cycle, a bigint) is the canonical path's to report, as before.
    }
  }
  return contentHash([content]) === stored;
}

/**
 * A snapshot checked and ready to resume: its loan parsed, its date a `Day`; `history.schedule` is the
 * schedule in force at the snapshot (after any restructuring or extension: the stored one, else the
 * contract's), and `history.events` is empty.
 */
export interface RestoredSnapshot {
  readonly asOf: Day;
  readonly history: History;
  readonly state: RunState;
}

/**
 * The loan contract back in the history-file form (money and dates as text), as the snapshot keeps it.
 * Every object is built with its keys in sorted order, so its JSON text is its canonical JSON (see
 * `checksumMatches`); `attributes` is the contract's own, as given (rules print nested values of it as JSON, so
 * its order is kept).
 */
export function loanInput(loan: LoanContract): Record<string, unknown> {
  const out: Record<string, unknown> = { annualRate: loan.annualRate.text };
  if (loan.attributes !== undefined) out['attributes'] = loan.attributes;
  const borrower: Record<string, unknown> = {
    contacts: loan.borrower.contacts.map((c) => ({ id: c.id, relation: c.relation })),
    id: loan.borrower.id,
    kind: loan.borrower.kind,
  };
  if (loan.borrower.riskRating !== undefined) borrower['riskRating'] = loan.borrower.riskRating;
  out['borrower'] = borrower;
  out['collateral'] = loan.collateral.map((c) => ({ id: c.id, kind: c.kind, value: formatMoney(c.value), valuedOn: formatDay(c.valuedOn) }));
  if (loan.currency !== undefined) out['currency'] = loan.currency;
  out['disbursedOn'] = formatDay(loan.disbursedOn);
  if (loan.repayment !== 'explicit' && loan.firstDueOn !== undefined) out['firstDueOn'] = formatDay(loan.firstDueOn);
  out['guarantors'] = loan.guarantors.map((g) => ({ id: g.id }));
  out['id'] = loan.id;
  if (loan.penaltyRate !== undefined) out['penaltyRate'] = loan.penaltyRate.text;
  out['principal'] = formatMoney(loan.principal);
  if (loan.repayment !== 'explicit') out['repayment'] = loan.repayment;
  else if (loan.repaymentLabel !== undefined) out['repayment'] = loan.repaymentLabel;
  if (loan.repayment === 'explicit') out['schedule'] = loan.schedule.map((l) => ({ dueOn: formatDay(l.dueOn), interest: formatMoney(l.interest), principal: formatMoney(l.principal) }));
  out['selfPaid'] = loan.selfPaid;
  if (loan.repayment !== 'explicit') out['termMonths'] = loan.termMonths;
  out['timeZone'] = loan.timeZone;
  return out;
}

/**
 * Builds a snapshot (used by the engine), its keys in sorted order at every level (as the state's are,
 * see persistRun), so its JSON text is its canonical JSON: it is sealed from that text (`sealFromText`)
 * unless its timeline or attributes break the order, and a restore checks the checksum against it.
 */
export function makeSnapshot(loan: LoanContract, pack: CompiledPack, asOf: Day, nextReviewOn: string | null, state: RunState): LoanSnapshot {
  const content = {
    asOf: formatDay(asOf),
    loan: loanInput(loan),
    loanId: loan.id,
    nextReviewOn,
    pack: { hash: pack.hash, id: pack.id, version: pack.version },
    snapshotVersion: SNAPSHOT_VERSION,
    state,
    statechartVersion: pack.statechart.version,
  };
  // Sealed from its native JSON text when that is its canonical JSON (nearly always): the text is kept
  // for the caller who stores it (snapshotText); otherwise by the canonical writer.
  const sealed = sealFromText(content);
  const snapshot: LoanSnapshot = {
    asOf: content.asOf,
    checksum: sealed === undefined ? contentHash([content]) : sealed.checksum,
    loan: content.loan,
    loanId: content.loanId,
    nextReviewOn,
    pack: content.pack,
    snapshotVersion: SNAPSHOT_VERSION,
    state,
    statechartVersion: content.statechartVersion,
  };
  if (sealed !== undefined) keepText(snapshot, sealed.text);
  return snapshot;
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
  /**
   * The caller vouches that the snapshot is one postloan wrote and it kept — a row of its own store, not
   * a file or a request someone handed it. A trusted snapshot of format 3 or later whose checksum
   * matches skips the validation of its engine state (the checksum shows it is as written) and reads its
   * contract without the schema's cross-field checks (`trustedLoanContract`); the format,
   * statechart, pack and checksum are checked all the same, and a snapshot without a checksum (format 1
   * or 2) is validated in full. Default false: snapshots are untrusted data. The checksum is not a
   * signature: never pass `true` for a snapshot anyone else could have written (decision in
   * docs/decisions.md).
   */
  readonly trusted?: boolean;
}

/** A review day is computed (it may fall after the last input date): any real date the arithmetic covers. */
function isComputedDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && fromCivil(Number(m[1]), Number(m[2]), Number(m[3])) !== undefined;
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a stored snapshot before a replay resumes from it: the format version (formats 1–4 are read
 * and their state converted to format 5, an older one goes through `migrate`, an unknown one is refused), the checksum, the
 * statechart version, and the pack — the same id and content hash as `pack`, since a snapshot holds
 * decisions and task cursors of that exact pack — then, unless `options.trusted`, the engine state.
 * All problems are reported at once, each with its JSON path and the fix.
 *
 * @example
 * ```ts
 * const restored = restoreSnapshot(JSON.parse(text), pack, { file: 'L-1.snapshot.json' });
 * if (!restored.ok) console.error(formatIssues(restored.issues));
 * // A row the caller's own store wrote: the checksum is checked, the engine state not validated again.
 * const own = restoreSnapshot(JSON.parse(row.snapshot), pack, { trusted: true });
 * ```
 */
export function restoreSnapshot(value: unknown, pack: CompiledPack, options: RestoreOptions = {}): Result<RestoredSnapshot> {
  return restoreValue(value, pack, options, undefined);
}

/**
 * {@link restoreSnapshot} from the snapshot's JSON text, as a store reads it back (what
 * `snapshotText` gave it to write): the same checks and issues, and the same snapshots accepted
 * and refused. A text this build sealed has the checksum in its sorted place after `asOf`; the
 * checksum is then checked on the text itself, with that member cut out, so nothing is stringified
 * again. Any other text (an older build's key order, a changed one, non-canonical attributes) is parsed
 * and checked as `restoreSnapshot` checks it. Text that is not JSON is reported as such (`json.syntax`);
 * an untrusted text is parsed within the usual size and nesting limits.
 *
 * @example
 * ```ts
 * const restored = restoreSnapshotText(row.snapshot, pack, { file: `loan ${row.loan_id}`, trusted: true });
 * if (restored.ok) resumeReplay(restored.value, pack, events, { asOf });
 * ```
 */
export function restoreSnapshotText(text: string, pack: CompiledPack, options: RestoreOptions = {}): Result<RestoredSnapshot> {
  const file = options.file ?? 'snapshot';
  // A trusted text is the store's own, parsed as it is; any other within parseJson's limits, which also
  // reports a text that is not JSON.
  let parsed: Result<unknown> | undefined;
  if (options.trusted === true) {
    try {
      parsed = ok(JSON.parse(text));
    } catch {
      // Reported by parseJson below.
    }
  }
  parsed ??= parseJson(text, file);
  if (!parsed.ok) return parsed;
  // Read once the text is known to be JSON within the limits (the digest grows its buffer to the text).
  return restoreValue(parsed.value, pack, options, checksumOfText(text));
}

/** restoreSnapshot; `verified` is a checksum the stored text was shown to be sealed with (checksumOfText). */
function restoreValue(value: unknown, pack: CompiledPack, options: RestoreOptions, verified: string | undefined): Result<RestoredSnapshot> {
  const file = options.file ?? 'snapshot';
  const issue = (path: string, t: IssueText): PostloanIssue => issueFrom({ code: 'input.invalid', file, path }, t);
  if (!isRecord(value)) return fail([issue('', replayText.snapshotNotObject())]);
  let snap: Readonly<Record<string, unknown>> = value;
  const version = snap['snapshotVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return fail([issue('snapshotVersion', replayText.snapshotNoVersion())]);
  }
  if (version > SNAPSHOT_VERSION) {
    return fail([issue('snapshotVersion', replayText.snapshotNewer(version, SNAPSHOT_VERSION))]);
  }
  // The format of the engine state once read: format 1's is made format 4's below, a migrated one is current.
  const stateFormat = version >= 2 ? version : version === 1 ? 4 : SNAPSHOT_VERSION;
  if (version === 1) snap = upgradeFrom1(snap);
  else if (version < 2) {
    if (options.migrate === undefined) {
      return fail([issue('snapshotVersion', replayText.snapshotOlder(version, SNAPSHOT_VERSION))]);
    }
    const migrated = options.migrate(snap, version);
    if (!isRecord(migrated) || migrated['snapshotVersion'] !== SNAPSHOT_VERSION) {
      return fail([issue('snapshotVersion', replayText.snapshotMigration(version, SNAPSHOT_VERSION))]);
    }
    snap = migrated;
  }
  const issues: PostloanIssue[] = [];
  let sealed = false;
  if (version >= 3) {
    const stored = snap['checksum'];
    if (typeof stored !== 'string') issues.push(issue('checksum', replayText.snapshotNoChecksum()));
    else if (stored !== verified && !checksumMatches(snap, stored)) {
      issues.push(issue('checksum', replayText.snapshotModified()));
    } else sealed = true;
  }
  const trusted = sealed && options.trusted === true;
  if (snap['statechartVersion'] !== pack.statechart.version) {
    issues.push(issue('statechartVersion', replayText.snapshotStatechart(String(JSON.stringify(snap['statechartVersion'])), pack.statechart.version)));
  }
  const p = snap['pack'];
  if (!isRecord(p) || p['id'] !== pack.id || p['hash'] !== pack.hash) {
    const made = isRecord(p) ? `${String(p['id'])} ${String(p['version'])} (${String(p['hash'])})` : undefined;
    issues.push(issue('pack', replayText.snapshotPack(made, `${pack.id} ${pack.version} (${pack.hash})`)));
  }
  const asOf = typeof snap['asOf'] === 'string' ? parseDay(snap['asOf']) : undefined;
  if (asOf === undefined) issues.push(issue('asOf', replayText.snapshotNoAsOf()));
  const state = snap['state'];
  if (!trusted) {
    issues.push(...checkState(snap, issue, stateFormat));
    // Checked beside the shape, so a wrong bucket or tier is reported with every other problem at once.
    if (isRecord(state)) issues.push(...scalesCheck(state, pack).map((c) => issue(c.path, c.text)));
  }
  // The pack hash covers its statechart; a state it does not have is a changed snapshot.
  const stateName = isRecord(state) ? state['state'] : undefined;
  if (typeof stateName === 'string' && !pack.statechart.states.includes(stateName)) {
    issues.push(issue('state.state', replayText.snapshotStateInvalid(`"${stateName}" is not a state of the pack's statechart (${pack.statechart.states.join(', ')})`)));
  }
  // The contract is kept in the history-file form and read either way; a trusted one without the schema
  // (the schema's checks passed when it was first read), unless it is not in the form postloan writes.
  const written = trusted ? trustedLoanContract(snap['loan']) : undefined;
  const loan = written === undefined ? parseLoanValue(snap['loan'], file) : ok(written);
  if (!loan.ok) issues.push(...loan.issues);
  if (loan.ok && snap['loanId'] !== loan.value.id) {
    issues.push(issue('loanId', replayText.snapshotLoanId(String(JSON.stringify(snap['loanId'])), loan.value.id)));
  }
  if (issues.length > 0 || !loan.ok || asOf === undefined) return fail(issues);
  const run = stateFormat < 5 ? stateFromFormat4(state as RunStateFormat4) : (state as RunState);
  // The ledger holds the schedule in force when a restructuring or extension changed it; otherwise the
  // contract regenerates it (format 4 leaves it out).
  const schedule = run.ledger.schedule ?? contractSchedule(loan.value);
  if (!trusted) issues.push(...crossCheck(run, schedule.length, loan.value.disbursedOn, asOf).map((c) => issue(c.path, c.text)), ...dimensionsCheck(run, pack).map((c) => issue(c.path, c.text)));
  if (issues.length > 0) return fail(issues);
  const restored: RestoredSnapshot = { asOf, history: { loan: loan.value, schedule, events: [] }, state: run };
  // Sealed and the caller's own: its review day is the wake its run computed (see restoredReview).
  if (trusted) keepReview(restored, snap['nextReviewOn']);
  return ok(restored);
}

/** The checks a trusted snapshot skips: its review day and the shape of its engine state. */
function checkState(snap: Readonly<Record<string, unknown>>, issue: (path: string, t: IssueText) => PostloanIssue, format: number): PostloanIssue[] {
  const issues: PostloanIssue[] = [];
  const review = snap['nextReviewOn'];
  if (review !== null && (typeof review !== 'string' || !isComputedDay(review))) {
    issues.push(issue('nextReviewOn', replayText.snapshotReview(String(JSON.stringify(review)))));
  }
  const state = snap['state'];
  if (!isRecord(state)) return [...issues, issue('state', replayText.snapshotNoState())];
  const checked = (format < 5 ? runStateSchemaFormat4 : runStateSchema).safeParse(state);
  if (!checked.success) {
    for (const i of checked.error.issues.slice(0, 20)) {
      issues.push(issue(formatPath(['state', ...(i.path as PathSegment[])]), replayText.snapshotStateInvalid(i.message)));
    }
  }
  return issues;
}

/** The bucket and tier on the pack's scales (a value of another type is the shape check's to report). */
function scalesCheck(s: Readonly<Record<string, unknown>>, pack: CompiledPack): { path: string; text: IssueText }[] {
  const scaleIssues: { path: string; text: IssueText }[] = [];
  const buckets = pack.scales.buckets.map((b) => b.name);
  const { bucket, classification } = s;
  if (typeof bucket === 'string' && !buckets.includes(bucket)) scaleIssues.push({ path: 'state.bucket', text: replayText.snapshotDimensionValue('bucket', bucket, buckets) });
  if (typeof classification === 'string' && !pack.scales.classification.tiers.includes(classification)) {
    scaleIssues.push({ path: 'state.classification', text: replayText.snapshotDimensionValue('classification', classification, pack.scales.classification.tiers) });
  }
  return scaleIssues;
}

/** Exactly the pack's dimensions, in its order, each with one of its values. */
function dimensionsCheck(s: RunState, pack: CompiledPack): { path: string; text: IssueText }[] {
  const stored = s.dimensions ?? [];
  const expected = pack.scales.dimensions;
  if (stored.length !== expected.length || stored.some(([name], i) => name !== expected[i]?.name)) {
    return [{ path: 'state.dimensions', text: replayText.snapshotDimensions(stored.map(([name]) => name), expected.map((d) => d.name)) }];
  }
  const out: { path: string; text: IssueText }[] = [];
  stored.forEach(([name, value], i) => {
    const d = expected[i];
    if (d !== undefined && !d.values.includes(value)) out.push({ path: `state.dimensions[${i}][1]`, text: replayText.snapshotDimensionValue(name, value, d.values) });
  });
  return out;
}

/** What the schema cannot see: arrays that must match the schedule, and the dates against each other. */
function crossCheck(s: RunState, n: number, disbursedOn: Day, asOf: Day): { path: string; text: IssueText }[] {
  const out: { path: string; text: IssueText }[] = [];
  for (const key of ['paidPrincipal', 'paidInterest', 'paidPenalty', 'penaltyClosed', 'segmentStart', 'waivedInterest', 'clearedOn'] as const) {
    // Format 5 leaves out an amount list that is 0 throughout; one that is there has an entry per instalment.
    const list = s.ledger[key];
    if (list !== undefined && list.length !== n) out.push({ path: `state.ledger.${key}`, text: replayText.snapshotLedger(list.length, key, n) });
  }
  if (s.day < disbursedOn || s.day > asOf) out.push({ path: 'state.day', text: replayText.snapshotDay(formatDay(s.day as Day), formatDay(disbursedOn), formatDay(asOf)) });
  if (s.stateSince > s.day) out.push({ path: 'state.stateSince', text: replayText.snapshotStateSince(formatDay(s.stateSince as Day)) });
  return out;
}
