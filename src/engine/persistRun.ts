import { PostloanError } from '../errors/PostloanError';
import { observedEntries, restoreObserved } from './dataFacts';
import { persistLedger, restoreLedger } from '../ledger/ledger';
import type { CompiledPack } from '../rules/loadPack';
import type { Day } from '../time/day';
import { persistContacts, restoreContacts } from './contacts';
import type { ReplayOutput } from './output';
import { reviewOn } from './renderOutput';
import { newRun, setDimensionFact, type Run } from './run';
import { makeSnapshot, type LoanSnapshot, type RestoredSnapshot, type RunState } from './snapshot';
import { isContractSchedule } from '../contract/contractSchedule';
import { persistTasks, restoreTasks, retiredCount } from './tasks';
import { storeText } from '../errors/storeMessages';
import { issueFrom } from '../errors/issueText';
import { withSortedKeys } from '../hash/sortedJson';

const opt = (d: Day | undefined): number | null => (d === undefined ? null : d);
const back = (n: number | null): Day | undefined => (n === null ? undefined : (n as Day));

/**
 * A snapshot's review day is never the daily one (a restored loan sleeps until it is due); without daily
 * evaluation it is the output's, already computed.
 */
export function snapshotReview(run: Run, output: ReplayOutput, daily: boolean): string | null {
  return daily ? reviewOn(run, false) : output.nextReviewOn;
}

/**
 * The ledger's state, without the schedule when the contract regenerates it (most loans, every night):
 * compared with the contract's schedule as validating the history or restoring the snapshot generated it
 * (`isContractSchedule`), not generated a second time.
 */
function persistCompactLedger(run: Run): RunState['ledger'] {
  return persistLedger(run.ledger, !isContractSchedule(run.history.loan, run.ledger.schedule));
}

type Building = { -readonly [K in keyof RunState]?: RunState[K] };

/**
 * The loan's whole state at the end of the day it was last looked at, as plain JSON; `review` is its next
 * review day. Built key by key in sorted order (an optional key set only when it has a value), as every
 * object in it is, so the snapshot's JSON text is its canonical JSON and its checksum is taken from that
 * text (see makeSnapshot).
 */
export function persistRun(run: Run, asOf: Day, lean: boolean, review: string | null): LoanSnapshot {
  const tasks = persistTasks(run.tasks, lean);
  const { restructuring, resolution, signals, willingness } = run;
  const { accepted, payments } = restructuring.reAge;
  const state: Building = {};
  state.agencyId = resolution.agencyId ?? null;
  state.brokenPromises = willingness.brokenPromises;
  state.bucket = run.bucket;
  state.classification = run.classification;
  state.collateralValues = [...signals.collateralValues];
  if (run.tasks.collector !== undefined) state.collector = withSortedKeys(run.tasks.collector);
  state.contacts = persistContacts(run.contacts);
  state.curedOn = opt(run.cure.curedOn);
  state.day = run.day;
  if (run.pack.scales.dimensions.length > 0) state.dimensions = run.pack.scales.dimensions.map((d) => [d.name, run.dimensions[d.name] as string] as const);
  state.extended = restructuring.extended;
  state.extendedOn = opt(restructuring.extendedOn);
  state.extensionRequests = [...restructuring.extensionRequests];
  state.failedVisits = resolution.failedVisits;
  state.judgmentOn = opt(resolution.judgmentOn);
  state.lastInterruption = opt(resolution.lastInterruption);
  state.lawsuitFiledOn = opt(resolution.lawsuitFiledOn);
  if (lean) state.lean = { closedTasks: retiredCount(tasks), timelineEntries: (run.continues?.timelineEntries ?? 0) + run.timeline.length };
  state.ledger = persistCompactLedger(run);
  state.managementMode = run.managementMode;
  state.materialEventOpen = signals.materialEventOpen;
  if (signals.materialEventResolvedOn !== undefined) state.materialEventResolvedOn = signals.materialEventResolvedOn;
  if (run.pack.materiality !== undefined) state.materiality = { endedOn: opt(run.materiality.endedOn), since: opt(run.materiality.since) };
  state.observation = restructuring.observation === undefined ? null : withSortedKeys(restructuring.observation);
  if (Object.keys(run.facts.observations).length > 0) state.observed = observedEntries(run.facts);
  state.promises = willingness.promises.map(withSortedKeys);
  // The re-age state only when there is one: the snapshots of loans never re-aged stay as they were.
  if (accepted.length > 0 || payments.length > 0) state.reAge = { accepted: [...accepted], payments: payments.map((p) => [p.on, p.amount] as const) };
  state.refusedContacts = willingness.refusedContacts;
  state.restructured = restructuring.restructured;
  state.restructuredWhileNonPerforming = restructuring.restructuredWhileNonPerforming;
  state.riskLevel = run.riskLevel;
  state.segment = run.segment;
  state.signals = { cashFlowDrop: signals.cashFlowDrop, debtRatio: signals.debtRatio, hardship: signals.hardship, relatedPartyLitigation: signals.relatedPartyLitigation, repaymentChannelChanged: signals.repaymentChannelChanged };
  state.state = run.state;
  state.stateSince = run.stateSince;
  state.tasks = tasks;
  state.timeline = lean ? [] : [...run.timeline];
  state.warned = [...run.warned];
  state.wasOverdue = run.cure.wasOverdue;
  // Copied: a restored request is the stored object, in the key order of the build that wrote it.
  state.writeOffRequest = resolution.writeOffRequest === undefined ? null : withSortedKeys(resolution.writeOffRequest);
  // Every required key is set above; the type cannot follow assignments one by one.
  return makeSnapshot(run.history.loan, run.pack, asOf, review, state as RunState);
}

export function restoreRun(snapshot: RestoredSnapshot, pack: CompiledPack): Run {
  const s = snapshot.state;
  const { history } = snapshot;
  // Without a stored schedule the one in force is the contract's, generated for this restore: shared, not copied.
  const ledger = restoreLedger(s.ledger, history.schedule, history.loan.penaltyRate, pack.allocationOrder, s.ledger.schedule === undefined);
  const run = newRun(history, pack, ledger);
  run.timeline.push(...s.timeline);
  if (s.lean !== undefined) run.continues = { from: snapshot.asOf, timelineEntries: s.lean.timelineEntries, closedTasks: s.lean.closedTasks };
  for (const w of s.warned) run.warned.add(w);
  const missing = restoreTasks(run.tasks, s.tasks);
  if (missing.length > 0) {
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', path: 'state.tasks' }, storeText.snapshotTasks(pack.id, pack.version, missing)),
    ]);
  }
  restoreContacts(run.contacts, s.contacts);
  run.signals.collateralValues.clear();
  for (const [id, v] of s.collateralValues) run.signals.collateralValues.set(id, v);
  run.day = s.day as Day;
  run.state = s.state;
  run.stateSince = s.stateSince as Day;
  run.cure.curedOn = back(s.curedOn);
  run.cure.wasOverdue = s.wasOverdue;
  run.bucket = s.bucket;
  run.classification = s.classification;
  run.riskLevel = s.riskLevel;
  run.managementMode = s.managementMode;
  run.resolution.lastInterruption = back(s.lastInterruption);
  run.resolution.agencyId = s.agencyId ?? undefined;
  run.resolution.failedVisits = s.failedVisits;
  run.resolution.writeOffRequest = s.writeOffRequest ?? undefined;
  run.resolution.lawsuitFiledOn = back(s.lawsuitFiledOn);
  run.resolution.judgmentOn = back(s.judgmentOn);
  run.segment = s.segment;
  run.restructuring.observation = s.observation === null ? undefined : { on: s.observation.on as Day, start: s.observation.start as Day, end: s.observation.end as Day, scanFrom: s.observation.scanFrom, endReported: s.observation.endReported };
  run.restructuring.extendedOn = back(s.extendedOn);
  run.restructuring.restructured = s.restructured;
  run.restructuring.restructuredWhileNonPerforming = s.restructuredWhileNonPerforming;
  run.restructuring.extended = s.extended;
  run.restructuring.extensionRequests.push(...(s.extensionRequests as Day[]));
  run.willingness.promises = s.promises.map((p) => ({ eventId: p.eventId, amount: p.amount, by: p.by as Day, paid: p.paid }));
  run.willingness.brokenPromises = s.brokenPromises;
  run.willingness.refusedContacts = s.refusedContacts;
  run.signals.materialEventOpen = s.materialEventOpen;
  run.signals.materialEventResolvedOn = s.materialEventResolvedOn as Day | undefined;
  const stored = s.signals;
  const signals = run.signals;
  signals.debtRatio = stored.debtRatio;
  signals.cashFlowDrop = stored.cashFlowDrop;
  signals.relatedPartyLitigation = stored.relatedPartyLitigation;
  signals.repaymentChannelChanged = stored.repaymentChannelChanged;
  signals.hardship = stored.hardship;
  if (s.collector !== undefined) {
    // In the order the `assigned` handler makes it, whatever order the snapshot keeps (sorted, since
    // issue 14): the output prints it as it is.
    const { collectorId, agencyId, ...rest } = s.collector;
    run.tasks.collector = agencyId === undefined ? { collectorId, ...rest } : { collectorId, agencyId, ...rest };
  }
  if (s.reAge !== undefined) {
    run.restructuring.reAge.accepted.push(...(s.reAge.accepted as Day[]));
    run.restructuring.reAge.payments = s.reAge.payments.map(([on, amount]) => ({ on: on as Day, amount }));
  }
  restoreObserved(run, s.observed);
  run.materiality.since = back(s.materiality?.since ?? null);
  run.materiality.endedOn = back(s.materiality?.endedOn ?? null);
  for (const [name, value] of s.dimensions ?? []) {
    run.dimensions[name] = value;
    setDimensionFact(run.facts, name, value);
  }
  return run;
}

