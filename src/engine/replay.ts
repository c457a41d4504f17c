import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import type { History, LoanEvent } from '../history/parseHistory';
import { eventKindIssues } from '../history/eventKindIssues';
import { sortEvents } from '../history/sortEvents';
import { createLedger } from '../ledger/ledger';
import type { FactName } from '../rules/facts';
import type { CompiledPack } from '../rules/loadPack';
import type { AllocationComponent } from '../rules/vocabulary';
import { FIRST_INPUT_DAY, formatDay, isInputDay, LAST_INPUT_DAY, type Day } from '../time/day';
import { createContactTracker, persistContacts, restoreContacts } from './contacts';
import { assertAdvances } from './assertAdvances';
import { evaluate } from './evaluate';
import type { EventHandler } from './handlers/EventHandler';
import { handlers } from './handlers/handlers';
import { hasRole } from '../workflow/statechart';
import type { ReplayOutput, TimelineRecord } from './output';
import { persistRun, restoreRun, snapshotReview } from './persistRun';
import { renderOutput } from './renderOutput';
import { primeRestoredTasks } from './restoredTaskTests';
import { checkReversals, reversalsOfThePast, withoutReversed } from './reversals';
import { scheduleWarnings } from './scheduleWarnings';
import { attributeWarnings } from './dataFacts';
import { newRun, type Run } from './run';
import type { LoanSnapshot, RestoredSnapshot } from './snapshot';
import { closeTasksWith, rebindTasks, rememberToday } from './tasks';
import { nextWake } from './wake';
import { reviewOfRestore } from './restoredReview';
import { replayText } from './replayMessages';
import { issueFrom } from '../errors/issueText';

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** The business date to replay up to (inclusive); events after it are not yet known. */
  readonly asOf: Day;
  /**
   * Look at the loan every day instead of only at events and wake dates. Slower and never different:
   * exists so tests can prove the wake-date schedule misses nothing.
   */
  readonly evaluateDaily?: boolean;
}

/** Options of {@link replayWithSnapshot} and {@link resumeReplay}. */
export interface SnapshotOptions extends ReplayOptions {
  /**
   * Make a lean snapshot: without the timeline and the closed tasks, which only the outputs need — a
   * fraction of the size, for a nightly batch that keeps each day's outputs anyway. A replay resumed from
   * a lean snapshot gives the output from the snapshot's date on (see `ReplayOutput.continues`) and a lean
   * snapshot again. Default: full.
   */
  readonly lean?: boolean;
}

/**
 * Applies one event through its family's handler; an event nothing interprets still gets its line. An
 * event the handler rejected (an `eventRejected` entry: policy forbids the instruction) is recorded and
 * does no task: a write-off approval by the requester charges nothing off.
 */
function applyEvent(run: Run, e: LoanEvent): void {
  const recorded = run.timeline.length;
  // The table pairs each type with its handler; TypeScript cannot correlate the two through `e.type`.
  const handle = handlers[e.type] as EventHandler<LoanEvent['type']> as (run: Run, e: LoanEvent) => void;
  handle(run, e);
  const closed = !wasRejected(run, e, recorded) && closeTasksWith(run.tasks, e);
  if (!closed && run.timeline.length === recorded) {
    run.timeline.push({ on: formatDay(e.on), kind: 'eventRecorded', ruleIds: [], eventId: e.id, eventType: e.type });
  }
}

/** Whether the handler of `e` recorded its rejection among the timeline entries from `from` on. */
function wasRejected(run: Run, e: LoanEvent, from: number): boolean {
  const timeline = run.timeline;
  for (let i = from; i < timeline.length; i++) {
    const entry = timeline[i] as TimelineRecord;
    if (entry.kind === 'eventRejected' && entry.eventId === e.id) return true;
  }
  return false;
}

/**
 * Replays a loan history under a compiled rule pack up to `asOf` and returns the replay output of the
 * public contract. Pure and deterministic: the same history, pack and date give byte-identical
 * output. Time advances only to event dates and to computed wake dates (the next date a rule
 * threshold is crossed), never by ticking every day.
 *
 * @example
 * ```ts
 * const pack = unwrap(loadPack(files));
 * const history = unwrap(parseHistory(text, 'loan.json'));
 * const out = replay(history, pack, { asOf: day('2026-04-20') });
 * out.state; // 'overdueM1'
 * ```
 */
export function replay(history: History, pack: CompiledPack, options: ReplayOptions): ReplayOutput {
  return replayRun(history, pack, options).output;
}

/**
 * Replays like {@link replay} and also returns a snapshot of the loan's state at `asOf`, from which
 * {@link resumeReplay} continues without replaying the past (the nightly batch keeps these).
 *
 * @example
 * ```ts
 * const { output, snapshot } = replayWithSnapshot(history, pack, { asOf: day('2026-04-20') });
 * writeFileSync('L-1.snapshot.json', JSON.stringify(snapshot));
 * ```
 */
export function replayWithSnapshot(history: History, pack: CompiledPack, options: SnapshotOptions): { readonly output: ReplayOutput; readonly snapshot: LoanSnapshot } {
  const { run, output } = replayRun(history, pack, options);
  return { output, snapshot: persistRun(run, options.asOf, options.lean === true, snapshotReview(run, output, options.evaluateDaily === true)) };
}

/**
 * Options of {@link resumeReplay}.
 *
 * @example
 * ```ts
 * const options: ResumeOptions = { asOf: day('2026-04-21'), history: fullHistory };
 * ```
 */
export interface ResumeOptions extends SnapshotOptions {
  /**
   * The loan's full history, the new events included. Given, an event dated on or before the snapshot's
   * date (which the snapshot cannot take in) makes `resumeReplay` replay this history from the start
   * instead of refusing the event; the result then says `replayedFromStart: true`.
   */
  readonly history?: History;
}

/**
 * What {@link resumeReplay} returns.
 *
 * @example
 * ```ts
 * const r: ResumeResult = resumeReplay(restored, pack, newEvents, { asOf });
 * store(r.snapshot); if (r.replayedFromStart) log('replayed from the full history');
 * ```
 */
export interface ResumeResult {
  readonly output: ReplayOutput;
  readonly snapshot: LoanSnapshot;
  /** Present when a back-dated event made it replay `options.history` from the start. */
  readonly replayedFromStart?: true;
}

/**
 * Continues a replay from a snapshot to a later `asOf`, applying the new events — those dated after the
 * snapshot's date. The result is byte for byte what {@link replay} gives for the whole history. The
 * snapshot must come from the same pack (id and content hash) and statechart version; see
 * {@link restoreSnapshot} for stored ones.
 *
 * An event dated on or before the snapshot's date cannot be taken in from the snapshot: it is refused,
 * naming every such event, unless `options.history` (the loan's full history) is given — then the loan
 * is replayed from the start and the result says `replayedFromStart: true`. Nothing is dropped silently.
 *
 * @example
 * ```ts
 * const snapshot = unwrap(restoreSnapshot(JSON.parse(text), pack));
 * const { output, snapshot: next } = resumeReplay(snapshot, pack, newEvents, { asOf: day('2026-04-21') });
 * // a correction dated last week: replay from the full history
 * resumeReplay(snapshot, pack, [correction], { asOf: day('2026-04-21'), history: fullHistory }).replayedFromStart; // true
 * ```
 */
export function resumeReplay(snapshot: RestoredSnapshot, pack: CompiledPack, events: readonly LoanEvent[], options: ResumeOptions): ResumeResult {
  const { asOf, history } = options;
  checkAsOf(asOf);
  const loanId = snapshot.history.loan.id;
  if (history !== undefined && history.loan.id !== loanId) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'history.loan.id' }, replayText.otherLoan(history.loan.id, loanId)),
    ]);
  }
  if (asOf < snapshot.asOf) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'asOf' }, replayText.beforeSnapshot(formatDay(asOf), formatDay(snapshot.asOf))),
    ]);
  }
  const backDated: PostloanIssue[] = [];
  events.forEach((e, i) => {
    if (e.on > snapshot.asOf) return;
    backDated.push(issueFrom({ code: 'input.invalid', path: `events[${i}]` }, replayText.eventBeforeSnapshot(e.id, e.type, loanId, formatDay(e.on), formatDay(snapshot.asOf))));
  });
  // A reversal of an event the snapshot has taken in needs the past replayed, as a back-dated event does.
  backDated.push(...reversalsOfThePast(loanId, snapshot.asOf, asOf, events));
  if (backDated.length > 0) {
    if (history === undefined) throw new PostloanError(backDated);
    const { run, output } = replayRun(history, pack, options);
    // A lean book stays lean: the snapshot written is lean if the one given was.
    const lean = options.lean === true || snapshot.state.lean !== undefined;
    return { output, snapshot: persistRun(run, asOf, lean, snapshotReview(run, output, options.evaluateDaily === true)), replayedFromStart: true };
  }
  checkEffective(pack, asOf);
  checkEventKinds(events, pack);
  checkReversals(events, { pathOf: (e) => `events[${events.indexOf(e)}]`, exists: () => true });
  const run = restoreRun(snapshot, pack);
  // The stored answers stand for the rules whose facts are known not to have moved, and rules that wait
  // for a change of answer or an event wait from the restore (decisions 421, 422).
  primeRestoredTasks(run, snapshot.state.tasks.holds !== undefined);
  const daily = options.evaluateDaily === true;
  // New events may come from several feeds, in any order: the loop needs them in replay order.
  // A trusted restore knows the wake of the snapshot's day already: the review day it was sealed with.
  const wake = runTo(run, sortEvents(withoutReversed(events, asOf)), asOf, daily, daily ? undefined : reviewOfRestore(snapshot, run.day));
  const output = renderOutput(run, asOf, wake);
  return { output, snapshot: persistRun(run, asOf, options.lean === true || run.continues !== undefined, snapshotReview(run, output, daily)) };
}

/**
 * Replays a history under several versions of a pack: on each date the version in force that day
 * applies — version i from its `effectiveFrom` until the next version starts; the earliest also covers
 * the days before its `effectiveFrom`, as a single pack does. Each switch is a `packSwitched` timeline
 * entry, evaluated on its day; the output names the version in force at `asOf` and lists every version
 * used in `packVersions`. Versions must share the pack id and start on distinct days.
 *
 * @example
 * ```ts
 * const out = replayVersions(history, [v1, v2], { asOf: day('2026-09-30') });
 * out.packVersions; // [{ version: '1.0.0', from: '2025-01-01' }, { version: '1.1.0', from: '2026-07-01' }]
 * ```
 */
export function replayVersions(history: History, packs: readonly CompiledPack[], options: ReplayOptions): ReplayOutput {
  const sorted = [...packs].sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  checkAsOf(options.asOf);
  const first = sorted[0];
  if (first === undefined) throw new PostloanError([issueFrom({ code: 'input.invalid', path: 'packs' }, replayText.noPack())]);
  if (sorted.length === 1) return replay(history, first, options);
  const issues: PostloanIssue[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (p.id !== first.id) issues.push(issueFrom({ code: 'input.invalid', path: `packs[${i}]` }, replayText.otherPack(p.id, p.version, first.id)));
    if (prev !== undefined && prev.effectiveFrom === p.effectiveFrom) issues.push(issueFrom({ code: 'input.invalid', path: `packs[${i}]` }, replayText.sameStart(prev.version, p.version, formatDay(p.effectiveFrom))));
    if (prev?.effectiveTo !== undefined && prev.effectiveTo < p.effectiveFrom - 1) {
      issues.push(issueFrom({ code: 'input.invalid', path: `packs[${i}]` }, replayText.versionGap(formatDay((prev.effectiveTo + 1) as Day), formatDay((p.effectiveFrom - 1) as Day), prev.version, formatDay(prev.effectiveTo))));
    }
  });
  if (issues.length > 0) throw new PostloanError(issues);
  const { asOf } = options;
  const inForce = sorted.filter((p, i) => i === 0 || p.effectiveFrom <= asOf);
  const last = inForce[inForce.length - 1] as CompiledPack;
  if (last.effectiveTo !== undefined && asOf > last.effectiveTo) checkEffective(last, asOf);
  const daily = options.evaluateDaily === true;
  checkReversals(history.events);
  // A reversal known at asOf undoes its event in every version's days.
  const events = withoutReversed(history.events, asOf);
  // The version in force when the loan was disbursed starts it (the earliest also covers earlier days).
  let start = 0;
  while (start + 1 < inForce.length && (inForce[start + 1] as CompiledPack).effectiveFrom <= history.loan.disbursedOn) start++;
  const until = (i: number): Day => (i + 1 < inForce.length ? (((inForce[i + 1] as CompiledPack).effectiveFrom - 1) as Day) : asOf);
  const begin = inForce[start] as CompiledPack;
  const versions: { id: string; version: string; hash: string; from: string }[] = [{ id: begin.id, version: begin.version, hash: begin.hash, from: formatDay(history.loan.disbursedOn) }];
  let run = replayRun({ ...history, events }, begin, { ...options, asOf: until(start) }, true).run;
  for (let i = start + 1; i < inForce.length; i++) {
    const next = inForce[i] as CompiledPack;
    const on = next.effectiveFrom;
    run = switchPack(run, next, on);
    versions.push({ id: next.id, version: next.version, hash: next.hash, from: formatDay(on) });
    // The new version looks at the loan on its first day — unless the loan is settled: a settled loan
    // is not looked at again (its events are still recorded).
    const today = events.filter((e) => e.on === on);
    rememberToday(run.tasks, today);
    for (const e of today) applyEvent(run, e);
    if (!hasRole(run.pack, run.state, 'settled') || today.length > 0) {
      evaluate(run, on);
      run.day = on;
    }
    runTo(run, events.filter((e) => e.on > on), until(i), daily);
  }
  return { ...renderOutput(run, asOf, nextWake(run, run.day, daily)), packVersions: versions };
}

/** The loan under the next version of its pack from day `d`: same state, the new version's rules. */
function switchPack(run: Run, pack: CompiledPack, d: Day): Run {
  const from = run.pack;
  run.timeline.push({
    on: formatDay(d),
    kind: 'packSwitched',
    ruleIds: ['P-CT-2'],
    from: { id: from.id, version: from.version, hash: from.hash },
    to: { id: pack.id, version: pack.version, hash: pack.hash },
  });
  (run.ledger as { order: readonly AllocationComponent[] }).order = pack.allocationOrder;
  const contacts = createContactTracker(pack.timeZone, pack.contactLimits);
  restoreContacts(contacts, persistContacts(run.contacts));
  return { ...run, pack, contacts, tasks: rebindTasks(run.tasks, pack, d, `pack ${pack.id} ${pack.version} in force from ${formatDay(d)} no longer requires it`) };
}

/** A `Day` built by hand may be anything: NaN, a fraction, the year 3000 (where the loop would never end). */
function checkAsOf(asOf: Day): void {
  if (isInputDay(asOf)) return;
  throw new PostloanError([
    issueFrom({ code: 'date.invalid', path: 'asOf' }, replayText.asOfOutOfRange(Number.isInteger(asOf) ? formatDay(asOf) : String(asOf), FIRST_INPUT_DAY, LAST_INPUT_DAY)),
  ]);
}

function checkEffective(pack: CompiledPack, asOf: Day): void {
  if (asOf < pack.effectiveFrom || (pack.effectiveTo !== undefined && asOf > pack.effectiveTo)) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'asOf' }, replayText.packNotEffective(pack.id, pack.version, formatDay(pack.effectiveFrom), pack.effectiveTo === undefined ? undefined : formatDay(pack.effectiveTo), formatDay(asOf))),
    ]);
  }
}

/** Inspection and notice kinds the pack does not know are refused, with the nearest known kind. */
function checkEventKinds(events: readonly LoanEvent[], pack: CompiledPack): void {
  const issues = eventKindIssues(events, pack);
  if (issues.length > 0) throw new PostloanError(issues);
}

function replayRun(history: History, pack: CompiledPack, options: ReplayOptions, segment = false): { run: Run; output: ReplayOutput } {
  const { asOf } = options;
  const { loan } = history;
  checkAsOf(asOf);
  if (asOf < loan.disbursedOn) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'asOf' }, replayText.beforeDisbursement(formatDay(asOf), loan.id, formatDay(loan.disbursedOn))),
    ]);
  }
  if (!segment) {
    checkEffective(pack, asOf);
    checkEventKinds(history.events, pack);
    checkReversals(history.events);
  }
  const run = newRun(history, pack, createLedger(history.schedule, loan.penaltyRate, pack.allocationOrder));
  run.timeline.push(...scheduleWarnings(loan, history.schedule), ...attributeWarnings(loan, pack));
  const daily = options.evaluateDaily === true;
  rememberToday(run.tasks, []);
  evaluate(run, run.day);
  const wake = runTo(run, withoutReversed(history.events, asOf), asOf, daily);
  return { run, output: renderOutput(run, asOf, wake) };
}

/**
 * Moves the loan from the last day it was looked at to `asOf`: to each event date and wake date. Returns
 * the wake date it stopped before (`nextWake` of the last day looked at), which is the output's review day.
 * `known` is the wake of the run's current day when it is known already (a trusted restore's review day).
 */
function runTo(run: Run, events: readonly LoanEvent[], asOf: Day, daily: boolean, known?: { readonly wake: Day | undefined }): Day | undefined {
  let d = run.day;
  let ei = 0;
  let wakeDay: Day | undefined;
  let first = known;
  for (;;) {
    const nextEvent = ei < events.length ? (events[ei] as LoanEvent).on : Number.POSITIVE_INFINITY;
    wakeDay = first === undefined ? nextWake(run, d, daily) : first.wake;
    first = undefined;
    const wake = wakeDay ?? Number.POSITIVE_INFINITY;
    assertAdvances(run.history.loan.id, d, wake, nextEvent);
    const next = nextEvent < wake ? nextEvent : wake;
    if (next > asOf) break;
    d = next as Day;
    // Today's events are the next ones in the sorted list: taken by index, never by scanning the history.
    let end = ei;
    while (end < events.length && (events[end] as LoanEvent).on === d) end++;
    rememberToday(run.tasks, events.slice(ei, end));
    while (ei < end) applyEvent(run, events[ei++] as LoanEvent);
    evaluate(run, d);
  }
  run.day = d;
  return wakeDay;
}

export type { FactName };
