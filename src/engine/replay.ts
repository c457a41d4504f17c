import { PostloanError } from '../errors/PostloanError';
import { operatorWords } from '../rules/operators';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { maskPersonalData } from '../errors/maskPersonalData';
import type { History, LoanEvent } from '../history/parseHistory';
import { parseRatioValue, RISK_INDICATORS, type EventOf, type RiskIndicator } from '../history/events';
import { generateInstalments, type Instalment } from '../contract/schedule';
import { contractPrincipalAtMaturity } from '../contract/principalAtMaturity';
import { didYouMean } from '../errors/suggest';
import { eventKindIssues } from '../history/eventKindIssues';
import { applyPayment, createLedger, payoffAt, persistLedger, positionAt, replaceSchedule, restoreLedger, type Amounts, type Ledger } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import { applyRateHalfUp } from '../money/rate';
import { FACT_CATALOGUE, type FactName, type Facts } from '../rules/facts';
import type { CompiledPack, CompiledRule } from '../rules/loadPack';
import { explainCondition, type ConditionTrace } from '../rules/compile';
import { classificationRank, isNonPerforming, worseOf, type Bucket, type Classification, type AllocationComponent, type CollectionSegment, type LifecycleState, type ManagementMode, type RiskLevel } from '../rules/vocabulary';
import { addDays, addMonths, formatDay, toCivil, type Day } from '../time/day';
import { nextLifecycleState, type PermitAction } from '../workflow/lifecycle';
import type { AmountsOutput, DecisionInputs, ReplayOutput, TimelineEntry } from './output';
import { contactFacts, createContactTracker, persistContacts, recordContact, restoreContacts, type ContactTracker } from './contacts';
import { scheduleWarnings } from './scheduleWarnings';
import { makeSnapshot, type LoanSnapshot, type RestoredSnapshot, type RunState } from './snapshot';
import { closeTasksWith, createTaskBook, evaluateTasks, nextTaskWake, persistTasks, rebindTasks, rememberToday, restoreTasks, scheduleReplaced, tasksOutput, type TaskBook } from './tasks';

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

/** Safety net against a pack whose transition rules ping-pong; a real pack settles in one or two moves. */
const MAX_MOVES_PER_DAY = 8;

interface Run {
  readonly pack: CompiledPack;
  readonly history: History;
  readonly ledger: Ledger;
  readonly facts: Facts;
  readonly timeline: TimelineEntry[];
  readonly warned: Set<string>;
  readonly tasks: TaskBook;
  readonly contacts: ContactTracker;
  /** Latest value of each collateral item (P-CO-1), fen. */
  readonly collateralValues: Map<string, number>;
  /** The last day the loan was looked at (evaluated). */
  day: Day;
  state: LifecycleState;
  /** Day the loan entered its current state. */
  stateSince: Day;
  /** Day all arrears were last repaid after being overdue (P-CL-7); undefined while overdue or never overdue. */
  curedOn: Day | undefined;
  wasOverdue: boolean;
  bucket: Bucket;
  classification: Classification;
  riskLevel: RiskLevel;
  managementMode: ManagementMode;
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
  segment: CollectionSegment;
  /** The latest restructuring or extension and its observation period (P-CL-6). */
  observation: Observation | undefined;
  /** Day of the latest extension (展期). */
  extendedOn: Day | undefined;
  restructured: boolean;
  restructuredWhileNonPerforming: boolean;
  extended: boolean;
  /** Days of every extension request, accepted or not (P-EW-1), in order. */
  readonly extensionRequests: Day[];
  /** Promises to pay not yet kept or broken (P-CS-9). */
  promises: Promise[];
  brokenPromises: number;
  refusedContacts: number;
  materialEventOpen: boolean;
  /** Latest value of each risk indicator (P-EW-1); ratios in millionths. */
  readonly signals: { debtRatio: number; cashFlowDrop: number; relatedPartyLitigation: boolean; repaymentChannelChanged: boolean; hardship: boolean };
  /** Resumed from a lean snapshot: its date, and the timeline entries and closed tasks it left out. */
  continues: { readonly from: Day; readonly timelineEntries: number; readonly closedTasks: number } | undefined;
}

interface Observation {
  readonly on: Day;
  /** The day the period (re)started: the first repayment date after the restructuring, or the missed due date. */
  start: Day;
  end: Day;
  /** Next schedule position to check for a miss. */
  scanFrom: number;
  endReported: boolean;
}

interface Promise {
  readonly eventId: string;
  readonly amount: number;
  readonly by: Day;
  paid: number;
}

function amountsOut(a: Amounts): AmountsOutput {
  return { principal: formatMoney(a.principal), interest: formatMoney(a.interest), penalty: formatMoney(a.penalty), total: formatMoney(a.total) };
}

/** Instalments falling due in (from, to]; while cured, each of them was paid on time. */
function instalmentsDueBetween(run: Run, from: Day, to: Day): number {
  let count = 0;
  for (const it of run.ledger.schedule) if (it.dueOn > from && it.dueOn <= to) count++;
  return count;
}

/** A ratio held in millionths, printed as a decimal without trailing zeros ("0.85", "1.2", "3"). */
function formatRatio(millionths: number): string {
  const whole = Math.trunc(millionths / 1_000_000);
  const frac = String(millionths % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/** Collateral value over outstanding principal, in millionths (P-CO-2); 0 without collateral. */
function coverageOf(run: Run, outstandingPrincipal: number): number {
  if (run.collateralValues.size === 0) return 0;
  let total = 0;
  for (const v of run.collateralValues.values()) total += v;
  if (outstandingPrincipal <= 0) return Number.MAX_SAFE_INTEGER;
  return Number((BigInt(total) * 1_000_000n) / BigInt(outstandingPrincipal));
}

function inputsOf(rules: readonly CompiledRule[], facts: Facts): DecisionInputs {
  const out: Record<string, string | number | boolean> = {};
  for (const r of rules) {
    for (const f of r.facts) {
      if (f in out) continue;
      const v = facts[f];
      const type = FACT_CATALOGUE[f].type;
      out[f] = type === 'money' ? formatMoney(v as number) : type === 'ratio' ? formatRatio(v as number) : v;
    }
  }
  return out;
}

function initialFacts(history: History): Facts {
  const { loan } = history;
  // From the contract's schedule, not its label, nor a restructured one (a resumed run has that one).
  const atMaturity = contractPrincipalAtMaturity(loan);
  return {
    dpd: 0,
    daysSinceDisbursement: 0,
    daysInState: 0,
    state: 'normal',
    classification: 'pass',
    riskLevel: 'low',
    managementMode: 'regular',
    borrowerUnreachableDays: 0,
    daysSinceCure: 0,
    onTimeSinceCure: 0,
    collateralCoverage: 0,
    failedVisits: 0,
    agencyAssigned: false,
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
    openPromise: false,
    brokenPromises: 0,
    refusedContacts: 0,
    materialEventOpen: false,
    debtRatio: 0,
    cashFlowDrop: 0,
    relatedPartyLitigation: false,
    repaymentChannelChanged: false,
    hardship: false,
  };
}

/** Days in the window of "frequent extension requests" (P-EW-1: ≥ 2 in 90 days). */
const EXTENSION_WINDOW_DAYS = 90;

/** End of an observation period starting at the due date of schedule position `slot` (P-CL-6). */
function observationEnd(schedule: readonly Instalment[], slot: number): Day {
  const start = (schedule[slot] as Instalment).dueOn;
  const second = (schedule[Math.min(slot + 2, schedule.length - 1)] as Instalment).dueOn;
  const year = addMonths(start, 12);
  return second > year ? second : year;
}

/** A missed instalment inside the observation period restarts it from the missed date (P-CL-6). */
function updateObservation(run: Run, d: Day): void {
  const obs = run.observation;
  if (obs === undefined || obs.endReported) return;
  const { schedule, clearedOn } = run.ledger;
  while (obs.scanFrom < schedule.length) {
    const it = schedule[obs.scanFrom] as Instalment;
    if (it.dueOn >= d || it.dueOn >= obs.end) break;
    const cleared = clearedOn[obs.scanFrom] as number;
    if (it.dueOn >= obs.start && (cleared < 0 || cleared > it.dueOn)) {
      obs.start = it.dueOn;
      obs.end = observationEnd(schedule, obs.scanFrom);
      run.timeline.push({ on: formatDay(addDays(it.dueOn, 1)), kind: 'observationRestarted', ruleIds: ['P-CL-6'], instalment: it.index, observationEndsOn: formatDay(obs.end) });
    }
    obs.scanFrom++;
  }
  if (d >= obs.end) {
    obs.endReported = true;
    run.timeline.push({ on: formatDay(obs.end), kind: 'observationEnded', ruleIds: ['P-CL-6'] });
  }
}

/** Promises whose date has passed without full payment are broken (P-CS-9). */
function updatePromises(run: Run, d: Day): void {
  if (run.promises.length === 0) return;
  const still: Promise[] = [];
  for (const p of run.promises) {
    if (p.by >= d) {
      still.push(p);
      continue;
    }
    run.brokenPromises++;
    run.timeline.push({ on: formatDay(addDays(p.by, 1)), kind: 'promiseBroken', ruleIds: ['P-CS-9'], eventId: p.eventId, amount: formatMoney(p.amount), by: formatDay(p.by), paid: formatMoney(p.paid) });
  }
  run.promises = still;
}

function refreshFacts(run: Run, d: Day): void {
  const p = positionAt(run.ledger, d);
  const f = run.facts;
  f.dpd = p.dpd;
  f.daysSinceDisbursement = d - run.history.loan.disbursedOn;
  f.state = run.state;
  f.daysInState = d - run.stateSince;
  f.classification = run.classification;
  f.riskLevel = run.riskLevel;
  f.agencyAssigned = run.agencyId !== undefined;
  f.failedVisits = run.failedVisits;
  f.borrowerUnreachableDays = contactFacts(run.contacts, d).borrowerUnreachableDays;
  f.managementMode = run.managementMode;
  f.overduePrincipal = p.overdue.principal;
  f.overdueInterest = p.overdue.interest;
  f.overduePenalty = p.overdue.penalty;
  f.overdueTotal = p.overdue.total;
  f.outstandingPrincipal = p.outstanding.principal;
  // Willingness counts run per overdue episode (P-CS-9): they restart when the loan falls overdue again.
  if (p.dpd > 0 && !run.wasOverdue) {
    run.brokenPromises = 0;
    run.refusedContacts = 0;
  }
  // Cure tracking (P-CL-7): overdue clears it; the first day with no arrears after being overdue sets it.
  if (p.dpd > 0) run.curedOn = undefined;
  else if (run.curedOn === undefined && run.wasOverdue) run.curedOn = d;
  run.wasOverdue = p.dpd > 0;
  f.daysSinceCure = run.curedOn === undefined ? 0 : d - run.curedOn;
  f.onTimeSinceCure = run.curedOn === undefined ? 0 : instalmentsDueBetween(run, run.curedOn, d);
  f.collateralCoverage = coverageOf(run, p.outstanding.principal);
  f.outstandingTotal = p.outstanding.total;
  f.consecutiveMissed = p.consecutiveMissed;
  f.cumulativeMissed = p.cumulativeMissed;
  f.fullyRepaid = p.fullyRepaid;
  f.segment = run.segment;
  f.restructured = run.restructured;
  f.restructuredWhileNonPerforming = run.restructuredWhileNonPerforming;
  f.extended = run.extended;
  f.inObservation = run.observation !== undefined && d < run.observation.end;
  let recent = 0;
  for (const r of run.extensionRequests) if (r > d - EXTENSION_WINDOW_DAYS && r <= d) recent++;
  f.extensionRequestsLast90Days = recent;
  f.openPromise = run.promises.length > 0;
  f.brokenPromises = run.brokenPromises;
  f.refusedContacts = run.refusedContacts;
  f.materialEventOpen = run.materialEventOpen;
  f.debtRatio = run.signals.debtRatio;
  f.cashFlowDrop = run.signals.cashFlowDrop;
  f.relatedPartyLitigation = run.signals.relatedPartyLitigation;
  f.repaymentChannelChanged = run.signals.repaymentChannelChanged;
  f.hardship = run.signals.hardship;
}

function warnOnce(run: Run, key: string, entry: TimelineEntry): void {
  if (run.warned.has(key)) return;
  run.warned.add(key);
  run.timeline.push(entry);
}

/** Re-evaluates every decision at the end of day `d` (P-CL-4: real-time reclassification). */
function evaluate(run: Run, d: Day): void {
  updateObservation(run, d);
  updatePromises(run, d);
  refreshFacts(run, d);
  const { pack, facts } = run;
  const on = formatDay(d);
  const entries: TimelineEntry[] = [];

  // Bucket: the highest-priority matching rule decides (P-LC-2).
  let bucketRule: CompiledRule | undefined;
  for (const r of pack.rulesByType.bucket) {
    if (r.test(facts)) {
      bucketRule = r;
      break;
    }
  }
  if (bucketRule === undefined) {
    warnOnce(run, `no-bucket:${facts.dpd}`, { on, kind: 'warning', ruleIds: ['P-LC-2'], message: `No bucket rule of pack ${pack.id} matches dpd ${facts.dpd}; the bucket stays ${run.bucket}` });
  } else if (bucketRule.decision.type === 'bucket' && bucketRule.decision.bucket !== run.bucket) {
    entries.push({ on, kind: 'bucketChanged', from: run.bucket, to: bucketRule.decision.bucket, ruleIds: [bucketRule.policyId], rules: [bucketRule.id], inputs: inputsOf([bucketRule], facts) });
    run.bucket = bucketRule.decision.bucket;
  }

  // Classification: the worst floor that holds (P-CL-2/3); a non-performing tier is kept until the
  // upgrade conditions of P-CL-7 are met, a special-mention tier resting only on floors returns to
  // pass as soon as no floor holds (P-CL-4).
  let floor: Classification = 'pass';
  const floorRules: CompiledRule[] = [];
  for (const r of pack.rulesByType.classificationFloor) {
    if (r.decision.type === 'classificationFloor' && r.test(facts)) {
      floorRules.push(r);
      floor = worseOf(floor, r.decision.classification);
    }
  }
  const upgradeRule = isNonPerforming(run.classification) ? pack.rulesByType.permit.find((r) => r.decision.type === 'permit' && r.decision.action === 'upgrade' && r.test(facts)) : undefined;
  const kept: Classification = isNonPerforming(run.classification) && upgradeRule === undefined ? run.classification : 'pass';
  const next = worseOf(floor, kept);
  if (next !== run.classification) {
    const deciding = floorRules.filter((r) => r.decision.type === 'classificationFloor' && r.decision.classification === next);
    const worse = classificationRank(next) > classificationRank(run.classification);
    if (!worse && upgradeRule !== undefined) {
      entries.push({ on, kind: 'classificationChanged', from: run.classification, to: next, ruleIds: [upgradeRule.policyId], rules: [upgradeRule.id, ...deciding.map((r) => r.id)], inputs: inputsOf([upgradeRule], facts) });
      run.classification = next;
      facts.classification = next;
    }
  }
  if (next !== run.classification) {
    const deciding = floorRules.filter((r) => r.decision.type === 'classificationFloor' && r.decision.classification === next);
    const worse = classificationRank(next) > classificationRank(run.classification);
    entries.push({
      on,
      kind: 'classificationChanged',
      from: run.classification,
      to: next,
      ruleIds: worse ? [...new Set(deciding.map((r) => r.policyId))] : ['P-CL-4'],
      rules: deciding.map((r) => r.id),
      inputs: worse ? inputsOf(deciding, facts) : { dpd: facts.dpd },
    });
    run.classification = next;
    facts.classification = next;
  }

  // Risk level (P-EW-2) and management mode (P-IN-3): the highest-priority matching rule decides.
  const riskRule = pack.rulesByType.riskLevel.find((r) => r.test(facts));
  const risk: RiskLevel = riskRule?.decision.type === 'riskLevel' ? riskRule.decision.level : 'low';
  if (risk !== run.riskLevel) {
    entries.push({ on, kind: 'riskLevelChanged', from: run.riskLevel, to: risk, ruleIds: riskRule === undefined ? ['P-EW-2'] : [riskRule.policyId], rules: riskRule === undefined ? [] : [riskRule.id], inputs: riskRule === undefined ? {} : inputsOf([riskRule], facts) });
    run.riskLevel = risk;
    facts.riskLevel = risk;
  }
  const modeRule = pack.rulesByType.managementMode.find((r) => r.test(facts));
  const mode: ManagementMode = modeRule?.decision.type === 'managementMode' ? modeRule.decision.mode : 'regular';
  if (mode !== run.managementMode) {
    entries.push({ on, kind: 'managementModeChanged', from: run.managementMode, to: mode, ruleIds: modeRule === undefined ? ['P-IN-3'] : [modeRule.policyId], rules: modeRule === undefined ? [] : [modeRule.id], inputs: modeRule === undefined ? {} : inputsOf([modeRule], facts) });
    run.managementMode = mode;
    facts.managementMode = mode;
  }

  // Lifecycle: rules ask, the statechart allows or refuses (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
  const moves: TimelineEntry[] = [];
  for (let moved = 0; moved < MAX_MOVES_PER_DAY; moved++) {
    let applied = false;
    for (const r of pack.rulesByType.transition) {
      if (r.decision.type !== 'transition' || r.decision.to === run.state || !r.test(facts)) continue;
      const to = nextLifecycleState(run.state, { type: 'DECIDE', to: r.decision.to });
      if (to === null) {
        warnOnce(run, `refused:${r.id}:${run.state}`, {
          on,
          kind: 'warning',
          ruleIds: [r.policyId],
          message: `Rule ${r.id} asks to move the loan from ${run.state} to ${r.decision.to}, which the lifecycle statechart does not allow; the rule's conditions should exclude state ${run.state}`,
        });
        continue;
      }
      moves.push({ on, kind: 'stateChanged', from: run.state, to, ruleIds: [r.policyId], rules: [r.id], inputs: inputsOf([r], facts) });
      enter(run, to, d);
      facts.state = to;
      applied = true;
      break;
    }
    if (!applied) break;
  }
  // Collection segment (P-CS-9), after the moves: it follows the state decided today.
  const segmentRule = pack.rulesByType.segment.find((r) => r.test(facts));
  const segment: CollectionSegment = segmentRule?.decision.type === 'segment' ? segmentRule.decision.segment : 'none';
  if (segment !== run.segment) {
    entries.push({ on, kind: 'segmentChanged', from: run.segment, to: segment, ruleIds: segmentRule === undefined ? ['P-CS-9'] : [segmentRule.policyId], rules: segmentRule === undefined ? [] : [segmentRule.id], inputs: segmentRule === undefined ? {} : inputsOf([segmentRule], facts) });
    run.segment = segment;
    facts.segment = segment;
  }
  run.timeline.push(...moves, ...entries);
  // A cured or settled loan leaves the agency (P-LC-3).
  if (run.agencyId !== undefined && run.state !== 'outsourced' && run.state !== 'litigation' && run.state !== 'writtenOff') {
    run.timeline.push({ on, kind: 'agencyRecalled', ruleIds: ['P-LC-3'], agencyId: run.agencyId, reason: `the loan is ${run.state}` });
    run.agencyId = undefined;
    facts.agencyAssigned = false;
  }

  // Statute of limitations (P-NT-7): 3 years from the last instalment's due date, restarted by an
  // interruption (payment, signed notice receipt, lawsuit) after it. None once the loan is settled.
  const schedule = run.ledger.schedule;
  const maturity = schedule.length > 0 ? (schedule[schedule.length - 1] as { dueOn: Day }).dueOn : run.history.loan.disbursedOn;
  const start = run.lastInterruption !== undefined && run.lastInterruption > maturity ? run.lastInterruption : maturity;
  run.tasks.limitationExpiry = run.state === 'settled' ? undefined : addMonths(start, 12 * pack.limitationYears);

  if (pack.rulesByType.task.length > 0) evaluateTasks(run.tasks, d, facts);
}

/** Moves the loan to a state, remembering the day it entered it (for `daysInState`). */
function enter(run: Run, to: LifecycleState, d: Day): void {
  if (to !== run.state) run.stateSince = d;
  run.state = to;
  run.facts.state = to;
  run.facts.daysInState = d - run.stateSince;
}

/** Records an instruction the policy forbids, with the reason and the rule ids (never dropped). */
function reject(run: Run, e: LoanEvent, ruleIds: readonly string[], reason: string): void {
  run.timeline.push({ on: formatDay(e.on), kind: 'eventRejected', ruleIds, eventId: e.id, eventType: e.type, reason });
}

/** The actions the pack's `permit` rules allow for the loan as it stands on day `d`, before the instruction. */
function permitsAt(run: Run, d: Day): PermitAction[] {
  refreshFacts(run, d);
  const out: PermitAction[] = [];
  for (const r of run.pack.rulesByType.permit) if (r.decision.type === 'permit' && r.test(run.facts)) out.push(r.decision.action);
  return out;
}


/** The failed conditions of the permit rules for `action`, with the fact values: why the pack says no. */
function whyNotPermitted(run: Run, action: PermitAction): string {
  const rules = run.pack.rulesByType.permit.filter((r) => r.decision.type === 'permit' && r.decision.action === action);
  if (rules.length === 0) return `no rule of pack ${run.pack.id} permits ${action}`;
  return rules
    .map((r) => {
      const failed: string[] = [];
      const walk = (t: ConditionTrace): void => {
        if (t.kind === 'leaf') {
          if (!t.result) failed.push(`${t.fact} ${operatorWords(t.operator)} ${JSON.stringify(t.value)} (it is ${JSON.stringify(t.factValue)})`);
        } else if (t.kind === 'not') walk(t.item);
        else if (!t.result) t.items.forEach(walk);
      };
      walk(explainCondition(r.conditions, run.facts));
      return `rule ${r.id} (${r.policyId}) needs ${failed.join(' and ')}`;
    })
    .join('; or ');
}

function applyEvent(run: Run, e: LoanEvent): void {
  // Interruptions of the statute of limitations (P-NT-7): partial payment, a demand with signed receipt,
  // a lawsuit, and the borrower's acknowledgement — a promise to pay (a restructuring counts once accepted).
  if (e.type === 'payment' || e.type === 'lawsuitFiled' || e.type === 'promiseToPay' || (e.type === 'noticeSent' && e.receiptSigned === true)) run.lastInterruption = e.on;
  const recorded = run.timeline.length;
  applyEventEffects(run, e);
  const closed = closeTasksWith(run.tasks, e);
  // Recorded, never dropped: an event nothing else interprets still gets its line.
  if (!closed && run.timeline.length === recorded) {
    run.timeline.push({ on: formatDay(e.on), kind: 'eventRecorded', ruleIds: [], eventId: e.id, eventType: e.type });
  }
}

function applyEventEffects(run: Run, e: LoanEvent): void {
  const on = formatDay(e.on);
  switch (e.type) {
    case 'payment': {
      const a = applyPayment(run.ledger, e.on, e.amount);
      run.timeline.push({
        on,
        kind: 'paymentApplied',
        ruleIds: run.state === 'writtenOff' ? ['P-NT-10', 'P-LC-7'] : ['P-NT-10'],
        ...(run.state === 'writtenOff' ? { recovery: true as const } : {}),
        eventId: e.id,
        amount: formatMoney(e.amount),
        allocated: { penalty: formatMoney(a.penalty), interest: formatMoney(a.interest), principal: formatMoney(a.principal) },
        ...(a.interestWaived > 0 ? { interestWaived: formatMoney(a.interestWaived) } : {}),
        ...(a.overpaid > 0 ? { overpaid: formatMoney(a.overpaid) } : {}),
      });
      for (const p of run.promises) p.paid += e.amount;
      if (run.promises.length > 0) {
        const kept = run.promises.filter((p) => p.paid >= p.amount);
        for (const p of kept) {
          run.timeline.push({ on, kind: 'promiseKept', ruleIds: ['P-CS-9'], eventId: p.eventId, amount: formatMoney(p.amount), by: formatDay(p.by), paid: formatMoney(p.paid) });
        }
        if (kept.length > 0) run.promises = run.promises.filter((p) => p.paid < p.amount);
      }
      if (a.overpaid > 0) {
        run.timeline.push({
          on,
          kind: 'warning',
          ruleIds: ['P-NT-10'],
          eventId: e.id,
          message: `Payment ${e.id} exceeds everything owed by ${formatMoney(a.overpaid)}; the excess is recorded as overpaid, to be refunded or applied by hand`,
        });
      }
      return;
    }
    case 'lawsuitFiled': {
      const to = nextLifecycleState(run.state, { type: 'LAWSUIT_FILED' });
      if (to === null) return reject(run, e, ['P-LC-6'], `A lawsuit is filed only for an overdue or outsourced loan; this loan is ${run.state}`);
      run.timeline.push({ on, kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-6'], eventId: e.id });
      enter(run, to, e.on);
      run.lawsuitFiledOn = e.on;
      return;
    }
    case 'judgment': {
      if (nextLifecycleState(run.state, { type: 'JUDGMENT' }) === null) return reject(run, e, ['P-LC-6'], `A judgment needs a lawsuit: this loan is ${run.state}`);
      run.judgmentOn = e.on;
      run.timeline.push({ on, kind: 'judgmentRecorded', ruleIds: ['P-LC-6'], eventId: e.id });
      return;
    }
    case 'contactAttempt':
      if (e.outcome === 'refused') run.refusedContacts++;
      // Facts first, breaches flagged: a contact that breaks the conduct rules is recorded, never dropped.
      for (const b of recordContact(run.contacts, e)) {
        run.timeline.push({ on, kind: 'policyBreach', ruleIds: [b.ruleId], eventId: e.id, breach: b.kind, message: b.message });
      }
      return;
    case 'collateralValuation': {
      const before = run.collateralValues.get(e.collateralId);
      run.collateralValues.set(e.collateralId, e.value);
      run.timeline.push({
        on,
        kind: 'collateralRevalued',
        ruleIds: ['P-CO-1'],
        eventId: e.id,
        collateralId: e.collateralId,
        value: formatMoney(e.value),
        ...(before === undefined ? {} : { previous: formatMoney(before) }),
      });
      return;
    }
    case 'fieldVisit':
      if (!e.found) run.failedVisits++;
      return;
    case 'agencyPlacement': {
      const permits = permitsAt(run, e.on);
      const to = nextLifecycleState(run.state, { type: 'AGENCY_PLACEMENT', permits });
      if (to === null) {
        const overdue = run.state === 'overdueM1' || run.state === 'overdueM2M3';
        return reject(
          run,
          e,
          overdue ? ['P-LC-5', 'P-CS-6'] : ['P-LC-4'],
          overdue
            ? `Placement before the outsourcing threshold is not permitted yet: ${whyNotPermitted(run, 'earlyOutsourcing')}`
            : `Only an overdue loan is placed with an agency; this loan is ${run.state}`,
        );
      }
      if (to !== run.state) {
        run.timeline.push({ on, kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-5'], eventId: e.id, inputs: { failedVisits: run.failedVisits } });
        enter(run, to, e.on);
      }
      run.agencyId = e.agencyId;
      run.timeline.push({ on, kind: 'agencyAssigned', ruleIds: ['P-CS-7'], eventId: e.id, agencyId: e.agencyId });
      return;
    }
    case 'agencyRecall': {
      if (nextLifecycleState(run.state, { type: 'AGENCY_RECALL' }) === null || run.agencyId === undefined) {
        return reject(run, e, ['P-CS-7'], run.state === 'outsourced' ? 'No agency holds this case' : `Only an outsourced case is recalled; this loan is ${run.state}`);
      }
      run.timeline.push({ on, kind: 'agencyRecalled', ruleIds: ['P-CS-7'], eventId: e.id, agencyId: run.agencyId, reason: maskPersonalData(e.reason) });
      run.agencyId = undefined;
      return;
    }
    case 'writeOffRequest': {
      if (!permitsAt(run, e.on).includes('writeOff')) {
        return reject(run, e, ['P-LC-7'], `Only a loan classified loss may be written off; this loan is ${run.classification}`);
      }
      run.writeOffRequest = { by: e.by, eventId: e.id };
      run.timeline.push({ on, kind: 'writeOffRequested', ruleIds: ['P-LC-7'], eventId: e.id });
      return;
    }
    case 'writeOffApproval': {
      const request = run.writeOffRequest;
      if (request === undefined) return reject(run, e, ['P-LC-7', 'P-CT-1'], 'There is no write-off request to approve');
      if (request.by === e.by) return reject(run, e, ['P-CT-1'], `The approver must be someone other than the requester (four-eyes): request ${request.eventId} was made by the same person`);
      const to = nextLifecycleState(run.state, { type: 'WRITE_OFF', permits: permitsAt(run, e.on) });
      if (to === null || to === run.state) return reject(run, e, ['P-LC-7'], `Only a loan classified loss may be written off; this loan is ${run.classification} and ${run.state}`);
      run.timeline.push({ on, kind: 'stateChanged', from: run.state, to, ruleIds: ['P-LC-7', 'P-CT-1'], eventId: e.id });
      enter(run, to, e.on);
      run.writeOffRequest = undefined;
      return;
    }
    case 'promiseToPay':
      run.promises.push({ eventId: e.id, amount: e.amount, by: e.by, paid: 0 });
      return;
    case 'materialEvent':
      run.materialEventOpen = true;
      return;
    case 'riskSignal':
      return recordRiskSignal(run, e);
    case 'restructure':
    case 'extension':
      if (e.type === 'extension') run.extensionRequests.push(e.on);
      return replaceRemaining(run, e);
    default:
      return;
  }
}

function recordRiskSignal(run: Run, e: EventOf<'riskSignal'>): void {
  const on = formatDay(e.on);
  if (!Object.prototype.hasOwnProperty.call(RISK_INDICATORS, e.indicator)) {
    run.timeline.push({
      on,
      kind: 'warning',
      ruleIds: ['P-EW-1'],
      eventId: e.id,
      message: `Risk indicator "${maskPersonalData(e.indicator)}" is not one postloan knows; the signal is recorded and no rule reads it. ${didYouMean(e.indicator, Object.keys(RISK_INDICATORS))}`,
    });
    return;
  }
  const indicator = e.indicator as RiskIndicator;
  const s = run.signals;
  switch (indicator) {
    case 'debtRatio':
    case 'cashFlowDrop':
      s[indicator] = parseRatioValue(e.value) ?? s[indicator];
      break;
    case 'materialEventResolved':
      if (e.value === true) run.materialEventOpen = false;
      break;
    default:
      s[indicator] = e.value === true;
  }
  run.timeline.push({ on, kind: 'riskSignalRecorded', ruleIds: indicator === 'materialEventResolved' ? ['P-EW-3'] : ['P-EW-1'], eventId: e.id, indicator, value: typeof e.value === 'boolean' ? e.value : String(e.value) });
}

/**
 * The new instalments of an extension: monthly on the new maturity's day of month after `from` (the
 * current period's due date, whose interest stays due), the last on the new maturity.
 */
function extensionInstalments(run: Run, from: Day, newMaturity: Day, principal: number, firstIndex: number): Instalment[] {
  const { loan } = run.history;
  const anchor = toCivil(newMaturity).dayOfMonth;
  let n = 1;
  while (addMonths(newMaturity, -n, anchor) > from) n++;
  if (loan.repayment === 'bullet') {
    return [{ index: firstIndex, dueOn: newMaturity, principal, interest: applyRateHalfUp(principal, loan.annualRate, BigInt(n), 12n) }];
  }
  const generated = generateInstalments({ principal, annualRate: loan.annualRate, startOn: from, termMonths: n, repayment: loan.repayment === 'explicit' ? 'equalInstallment' : loan.repayment });
  return generated.map((it, i) => ({ ...it, index: firstIndex + i, dueOn: addMonths(newMaturity, i - (n - 1), anchor) }));
}

/**
 * A restructuring (重组) or extension (展期) replaces the rest of the schedule (P-LC-1): approved by
 * someone other than the requester (P-CT-1); its new principal is the day's pay-off amount; it flags the
 * loan and starts the observation period of P-CL-6. Anything the policy forbids is rejected with why.
 */
function replaceRemaining(run: Run, e: EventOf<'restructure'> | EventOf<'extension'>): void {
  const how = e.type;
  const word = how === 'restructure' ? 'restructuring' : 'extension';
  const { loan } = run.history;
  if (e.requestedBy === e.approvedBy) return reject(run, e, ['P-CT-1'], `The ${word} must be approved by someone other than the requester (four-eyes)`);
  if (run.state === 'settled' || run.state === 'writtenOff') return reject(run, e, ['P-LC-1'], `A ${run.state === 'settled' ? 'settled' : 'written-off'} loan has no schedule left to replace`);
  const position = positionAt(run.ledger, e.on);
  const schedule = run.ledger.schedule;
  const maturity = (schedule[schedule.length - 1] as Instalment).dueOn;
  const base = payoffAt(run.ledger, e.on);
  if (base.total === 0) return reject(run, e, ['P-LC-1'], `Nothing is left to ${how === 'restructure' ? 'restructure' : 'extend'}: every instalment is paid`);
  let firstIndex = 1;
  for (const it of schedule) if (it.index >= firstIndex) firstIndex = it.index + 1;
  let next: Instalment[];
  if (e.type === 'extension') {
    if (position.dpd > 0) return reject(run, e, ['P-LC-1'], `An extension (展期) is granted before the loan falls due; this loan is ${position.dpd} days past due — restructure it instead`);
    if (e.newMaturity <= maturity) return reject(run, e, ['P-LC-1'], `The new maturity ${formatDay(e.newMaturity)} is not after the current maturity ${formatDay(maturity)}`);
    let current = e.on;
    for (let i = run.ledger.firstOpen; i < schedule.length; i++) {
      const due = (schedule[i] as Instalment).dueOn;
      if (due > e.on) {
        current = due;
        break;
      }
    }
    if (e.newMaturity <= current) return reject(run, e, ['P-LC-1'], `The new maturity ${formatDay(e.newMaturity)} is not after the current period's due date ${formatDay(current)}`);
    next = extensionInstalments(run, current, e.newMaturity, base.principal, firstIndex);
  } else if (e.schedule !== undefined) {
    let sum = 0;
    for (const line of e.schedule) sum += line.principal;
    if (sum !== base.total) {
      return reject(
        run,
        e,
        ['P-LC-1'],
        `The new schedule repays ${formatMoney(sum)} of principal; the restructured amount on ${formatDay(e.on)} is ${formatMoney(base.total)} (principal ${formatMoney(base.principal)}, interest ${formatMoney(base.interest)}, penalty ${formatMoney(base.penalty)})`,
      );
    }
    next = e.schedule.map((line, i) => ({ index: firstIndex + i, dueOn: line.dueOn, principal: line.principal, interest: line.interest }));
  } else {
    const repayment = e.repayment ?? (loan.repayment === 'explicit' ? undefined : loan.repayment);
    if (repayment === undefined || e.termMonths === undefined) return reject(run, e, ['P-LC-1'], 'This loan has an explicit schedule: its restructuring must give the new "schedule", or "termMonths" with a "repayment" method');
    next = generateInstalments({ principal: base.total, annualRate: loan.annualRate, startOn: e.on, termMonths: e.termMonths, repayment }).map((it, i) => ({ ...it, index: firstIndex + i }));
  }
  const from = run.ledger.firstOpen;
  const kept = replaceSchedule(run.ledger, e.on, next, how === 'extension');
  scheduleReplaced(run.tasks, e.on, from, how === 'restructure' ? 'the loan was restructured' : 'the loan was extended');
  if (how === 'restructure') {
    run.restructured = true;
    run.restructuredWhileNonPerforming = isNonPerforming(run.classification);
  } else run.extended = true;
  // The observation period of P-CL-6 is a restructuring's; an extension of a performing loan has none.
  const end = how === 'restructure' ? observationEnd(run.ledger.schedule, kept) : undefined;
  if (end !== undefined) run.observation = { on: e.on, start: (next[0] as Instalment).dueOn, end, scanFrom: kept, endReported: false };
  else run.extendedOn = e.on;
  run.lastInterruption = e.on;
  run.timeline.push({
    on: formatDay(e.on),
    kind: 'scheduleReplaced',
    ruleIds: ['P-LC-1', 'P-CT-1', 'P-CL-6'],
    eventId: e.id,
    how,
    principal: formatMoney(how === 'extension' ? base.principal : base.total),
    capitalized: how === 'extension' ? { interest: '0.00', penalty: '0.00' } : { interest: formatMoney(base.interest), penalty: formatMoney(base.penalty) },
    instalments: next.length,
    firstDueOn: formatDay((next[0] as Instalment).dueOn),
    maturity: formatDay((next[next.length - 1] as Instalment).dueOn),
    ...(end === undefined ? {} : { observationEndsOn: formatDay(end) }),
  });
}

/** The next day after `d` on which some rule's answer may change without any event. */
function nextWake(run: Run, d: Day, daily: boolean): Day | undefined {
  const taskWake = run.pack.rulesByType.task.length > 0 ? nextTaskWake(run.tasks, d) : undefined;
  const stateWake = nextStateWake(run, d, daily);
  if (taskWake === undefined) return stateWake;
  return stateWake === undefined || taskWake < stateWake ? taskWake : stateWake;
}

function nextStateWake(run: Run, d: Day, daily: boolean): Day | undefined {
  if (run.state === 'settled') return undefined;
  if (daily || run.pack.wakeDaily) return (d + 1) as Day;
  const { ledger, pack } = run;
  let best = Number.POSITIVE_INFINITY;
  const first = ledger.firstOpen;
  if (first < ledger.schedule.length) {
    const oldest = (ledger.schedule[first] as { dueOn: Day }).dueOn;
    for (const c of pack.thresholds.dpd) {
      const w = oldest + c;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  const since = pack.thresholds.unreachable.length > 0 ? contactFacts(run.contacts, d).borrowerUnreachableSince : undefined;
  if (since !== undefined) {
    // borrowerUnreachableDays is d − since + 1: it reaches c on since + c − 1.
    for (const c of pack.thresholds.unreachable) {
      const w = since + c - 1;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  if (run.curedOn !== undefined) {
    for (const c of pack.thresholds.sinceCure) {
      const w = run.curedOn + c;
      if (w > d) {
        if (w < best) best = w;
        break;
      }
    }
  }
  for (const c of pack.thresholds.inState) {
    const w = run.stateSince + c;
    if (w > d) {
      if (w < best) best = w;
      break;
    }
  }
  // Dates known from past events (facts that evolve `scheduled`).
  const obs = run.observation;
  if (obs !== undefined && !obs.endReported) {
    if (obs.end > d && obs.end < best) best = obs.end;
    const next = ledger.schedule[obs.scanFrom];
    if (next !== undefined && next.dueOn < obs.end) {
      const w = next.dueOn + 1 > d ? next.dueOn + 1 : d + 1;
      if (w < best) best = w;
    }
  }
  for (const r of run.extensionRequests) {
    const w = r + EXTENSION_WINDOW_DAYS;
    if (w > d && w < best) best = w;
  }
  for (const p of run.promises) if (p.by + 1 > d && p.by + 1 < best) best = p.by + 1;
  const disbursed = run.history.loan.disbursedOn;
  for (const c of pack.thresholds.sinceDisbursement) {
    const w = disbursed + c;
    if (w > d) {
      if (w < best) best = w;
      break;
    }
  }
  if (pack.wakeOnDueDates) {
    // Every due date counts, paid ahead or not: facts such as onTimeSinceCure change on it.
    const schedule = ledger.schedule;
    let lo = 0;
    let hi = schedule.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((schedule[mid] as { dueOn: Day }).dueOn + 1 <= d) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < schedule.length; i++) {
      const due = (schedule[i] as { dueOn: Day }).dueOn;
      const w = due > d ? due : due + 1 > d ? due + 1 : undefined;
      if (w !== undefined) {
        if (w < best) best = w;
        break;
      }
    }
  }
  return best === Number.POSITIVE_INFINITY ? undefined : (best as Day);
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
 * Continues a replay from a snapshot to a later `asOf`, applying the events dated after the snapshot's
 * date (earlier ones are already in it; pass the whole history or only the new events). The result is
 * byte for byte what {@link replay} gives for the whole history. The snapshot must come from the same
 * pack (id and content hash) and statechart version; see {@link restoreSnapshot} for stored ones.
 *
 * @example
 * ```ts
 * const snapshot = unwrap(restoreSnapshot(JSON.parse(text), pack));
 * const { output, snapshot: next } = resumeReplay(snapshot, pack, newEvents, { asOf: day('2026-04-21') });
 * ```
 */
export function resumeReplay(
  snapshot: RestoredSnapshot,
  pack: CompiledPack,
  events: readonly LoanEvent[],
  options: SnapshotOptions,
): { readonly output: ReplayOutput; readonly snapshot: LoanSnapshot } {
  const { asOf } = options;
  if (asOf < snapshot.asOf) {
    throw new PostloanError([
      { code: 'input.invalid', path: 'asOf', message: `The as-of date ${formatDay(asOf)} is before the snapshot's date ${formatDay(snapshot.asOf)}`, hint: 'resume to the snapshot date or later, or replay the history from the start' },
    ]);
  }
  checkEffective(pack, asOf);
  const run = restoreRun(snapshot, pack);
  const later = events.filter((e) => e.on > snapshot.asOf);
  const daily = options.evaluateDaily === true;
  runTo(run, later, asOf, daily);
  const output = outputOf(run, asOf, daily);
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
  const first = sorted[0];
  if (first === undefined) throw new PostloanError([{ code: 'input.invalid', path: 'packs', message: 'No pack version was given', hint: 'pass at least one compiled pack' }]);
  if (sorted.length === 1) return replay(history, first, options);
  const issues: PostloanIssue[] = [];
  sorted.forEach((p, i) => {
    const prev = sorted[i - 1];
    if (p.id !== first.id) issues.push({ code: 'input.invalid', path: `packs[${i}]`, message: `Pack ${p.id} ${p.version} is not a version of ${first.id}`, hint: 'replay with versions of one pack (the same id)' });
    if (prev !== undefined && prev.effectiveFrom === p.effectiveFrom) issues.push({ code: 'input.invalid', path: `packs[${i}]`, message: `Versions ${prev.version} and ${p.version} both start on ${formatDay(p.effectiveFrom)}`, hint: 'give each version its own effectiveFrom' });
    if (prev?.effectiveTo !== undefined && prev.effectiveTo < p.effectiveFrom - 1) {
      issues.push({ code: 'input.invalid', path: `packs[${i}]`, message: `No version is in force from ${formatDay((prev.effectiveTo + 1) as Day)} to ${formatDay((p.effectiveFrom - 1) as Day)}: ${prev.version} ends on ${formatDay(prev.effectiveTo)}`, hint: 'close the gap: extend effectiveTo or move the next version\'s effectiveFrom' });
    }
  });
  if (issues.length > 0) throw new PostloanError(issues);
  const { asOf } = options;
  const inForce = sorted.filter((p, i) => i === 0 || p.effectiveFrom <= asOf);
  const last = inForce[inForce.length - 1] as CompiledPack;
  if (last.effectiveTo !== undefined && asOf > last.effectiveTo) checkEffective(last, asOf);
  const daily = options.evaluateDaily === true;
  const events = history.events;
  // The version in force when the loan was disbursed starts it (the earliest also covers earlier days).
  let start = 0;
  while (start + 1 < inForce.length && (inForce[start + 1] as CompiledPack).effectiveFrom <= history.loan.disbursedOn) start++;
  const until = (i: number): Day => (i + 1 < inForce.length ? (((inForce[i + 1] as CompiledPack).effectiveFrom - 1) as Day) : asOf);
  const begin = inForce[start] as CompiledPack;
  const versions: { id: string; version: string; hash: string; from: string }[] = [{ id: begin.id, version: begin.version, hash: begin.hash, from: formatDay(history.loan.disbursedOn) }];
  let run = replayRun(history, begin, { ...options, asOf: until(start) }, true).run;
  for (let i = start + 1; i < inForce.length; i++) {
    const next = inForce[i] as CompiledPack;
    const on = next.effectiveFrom;
    run = switchPack(run, next, on);
    versions.push({ id: next.id, version: next.version, hash: next.hash, from: formatDay(on) });
    // The new version looks at the loan on its first day — unless the loan is settled: a settled loan
    // is not looked at again (its events are still recorded).
    rememberToday(run.tasks, on, events);
    const today = events.filter((e) => e.on === on);
    for (const e of today) applyEvent(run, e);
    if (run.state !== 'settled' || today.length > 0) {
      evaluate(run, on);
      run.day = on;
    }
    runTo(run, events.filter((e) => e.on > on), until(i), daily);
  }
  return { ...outputOf(run, asOf, daily), packVersions: versions };
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
  return { ...run, pack, contacts, tasks: rebindTasks(run.tasks, pack, d, `pack ${pack.id} ${pack.version} in force from ${formatDay(d)} no longer requires it`), extensionRequests: run.extensionRequests, warned: run.warned };
}

function checkEffective(pack: CompiledPack, asOf: Day): void {
  if (asOf < pack.effectiveFrom || (pack.effectiveTo !== undefined && asOf > pack.effectiveTo)) {
    throw new PostloanError([
      {
        code: 'input.invalid',
        path: 'asOf',
        message: `Pack ${pack.id} ${pack.version} is effective from ${formatDay(pack.effectiveFrom)}${pack.effectiveTo === undefined ? '' : ` to ${formatDay(pack.effectiveTo)}`}; the as-of date ${formatDay(asOf)} is outside`,
        hint: 'use the pack version effective on that date',
      },
    ]);
  }
}

function newRun(history: History, pack: CompiledPack, ledger: Ledger): Run {
  const { loan } = history;
  const timeline: TimelineEntry[] = [];
  return {
    pack,
    history,
    ledger,
    facts: initialFacts(history),
    timeline,
    warned: new Set(),
    tasks: createTaskBook(pack, loan, ledger.schedule, ledger, timeline),
    contacts: createContactTracker(pack.timeZone, pack.contactLimits),
    collateralValues: new Map(loan.collateral.map((c) => [c.id, c.value])),
    day: loan.disbursedOn,
    state: 'normal',
    stateSince: loan.disbursedOn,
    curedOn: undefined,
    wasOverdue: false,
    bucket: 'M0',
    classification: 'pass',
    riskLevel: 'low',
    managementMode: 'regular',
    lastInterruption: undefined,
    agencyId: undefined,
    failedVisits: 0,
    writeOffRequest: undefined,
    lawsuitFiledOn: undefined,
    judgmentOn: undefined,
    segment: 'none',
    observation: undefined,
    extendedOn: undefined,
    restructured: false,
    restructuredWhileNonPerforming: false,
    extended: false,
    extensionRequests: [],
    promises: [],
    brokenPromises: 0,
    refusedContacts: 0,
    materialEventOpen: false,
    signals: { debtRatio: 0, cashFlowDrop: 0, relatedPartyLitigation: false, repaymentChannelChanged: false, hardship: false },
    continues: undefined,
  };
}

function replayRun(history: History, pack: CompiledPack, options: ReplayOptions, segment = false): { run: Run; output: ReplayOutput } {
  const { asOf } = options;
  const { loan } = history;
  if (asOf < loan.disbursedOn) {
    throw new PostloanError([
      { code: 'input.invalid', path: 'asOf', message: `The as-of date ${formatDay(asOf)} is before loan ${loan.id} was disbursed (${formatDay(loan.disbursedOn)})`, hint: 'replay to a date on or after the disbursement date' },
    ]);
  }
  if (!segment) checkEffective(pack, asOf);
  if (!segment) {
    const kindIssues = eventKindIssues(history.events, pack);
    if (kindIssues.length > 0) throw new PostloanError(kindIssues);
  }
  const run = newRun(history, pack, createLedger(history.schedule, loan.penaltyRate, pack.allocationOrder));
  run.timeline.push(...scheduleWarnings(loan, history.schedule));
  const daily = options.evaluateDaily === true;
  rememberToday(run.tasks, run.day, []);
  evaluate(run, run.day);
  runTo(run, history.events, asOf, daily);
  return { run, output: outputOf(run, asOf, daily) };
}

/** Moves the loan from the last day it was looked at to `asOf`: to each event date and wake date. */
function runTo(run: Run, events: readonly LoanEvent[], asOf: Day, daily: boolean): void {
  let d = run.day;
  let ei = 0;
  for (;;) {
    const nextEvent = ei < events.length ? (events[ei] as LoanEvent).on : Number.POSITIVE_INFINITY;
    const wake = nextWake(run, d, daily) ?? Number.POSITIVE_INFINITY;
    const next = nextEvent < wake ? nextEvent : wake;
    if (next > asOf) break;
    d = next as Day;
    rememberToday(run.tasks, d, events);
    while (ei < events.length && (events[ei] as LoanEvent).on === d) applyEvent(run, events[ei++] as LoanEvent);
    evaluate(run, d);
  }
  run.day = d;
}

function outputOf(run: Run, asOf: Day, daily: boolean): ReplayOutput {
  const { pack } = run;
  const { loan } = run.history;
  const position = positionAt(run.ledger, asOf);
  const rate = pack.provisionRates[run.classification];
  return {
    loanId: loan.id,
    asOf: formatDay(asOf),
    pack: { id: pack.id, version: pack.version, hash: pack.hash },
    state: run.state,
    bucket: run.bucket,
    dpd: position.dpd,
    classification: run.classification,
    riskLevel: run.riskLevel,
    managementMode: run.managementMode,
    segment: run.segment,
    ...(run.observation === undefined
      ? {}
      : { restructured: { on: formatDay(run.observation.on), observationEndsOn: formatDay(run.observation.end), inObservation: asOf < run.observation.end } }),
    ...(run.extendedOn === undefined ? {} : { extended: { on: formatDay(run.extendedOn), maturity: formatDay((run.ledger.schedule[run.ledger.schedule.length - 1] as Instalment).dueOn) } }),
    outstanding: amountsOut(position.outstanding),
    overdue: amountsOut(position.overdue),
    missedInstalments: { consecutive: position.consecutiveMissed, cumulative: position.cumulativeMissed },
    provision: { rate: rate.text, amount: formatMoney(applyRateHalfUp(position.outstanding.principal, rate)), ruleIds: ['P-CL-5'] },
    limitationExpiresOn: run.tasks.limitationExpiry === undefined ? null : formatDay(run.tasks.limitationExpiry),
    ...(run.agencyId === undefined ? {} : { agencyId: run.agencyId }),
    ...(run.lawsuitFiledOn === undefined ? {} : { lawsuitFiledOn: formatDay(run.lawsuitFiledOn) }),
    ...(run.judgmentOn === undefined ? {} : { judgmentOn: formatDay(run.judgmentOn) }),
    nextReviewOn: reviewOn(run, daily),
    timeline: [...run.timeline],
    tasks: tasksOutput(run.tasks),
    ...(run.continues === undefined
      ? {}
      : { continues: { from: formatDay(run.continues.from), timelineEntriesBefore: run.continues.timelineEntries, closedTasksBefore: run.continues.closedTasks } }),
  };
}

const opt = (d: Day | undefined): number | null => (d === undefined ? null : d);
const back = (n: number | null): Day | undefined => (n === null ? undefined : (n as Day));

/** The next day the loan must be looked at (`null`: never again without a new event). */
function reviewOn(run: Run, daily: boolean): string | null {
  const wake = nextWake(run, run.day, daily);
  return wake === undefined ? null : formatDay(wake);
}

/**
 * A snapshot's review day is never the daily one (a restored loan sleeps until it is due); without daily
 * evaluation it is the output's, already computed.
 */
function snapshotReview(run: Run, output: ReplayOutput, daily: boolean): string | null {
  return daily ? reviewOn(run, false) : output.nextReviewOn;
}

/** The loan's whole state at the end of the day it was last looked at, as plain JSON; `review` is its next review day. */
function persistRun(run: Run, asOf: Day, lean: boolean, review: string | null): LoanSnapshot {
  const tasks = persistTasks(run.tasks, lean);
  const state: RunState = {
    day: run.day,
    timeline: lean ? [] : [...run.timeline],
    ...(lean ? { lean: { timelineEntries: (run.continues?.timelineEntries ?? 0) + run.timeline.length, closedTasks: tasks.retired?.length ?? 0 } } : {}),
    warned: [...run.warned],
    ledger: persistLedger(run.ledger),
    tasks,
    contacts: persistContacts(run.contacts),
    collateralValues: [...run.collateralValues],
    state: run.state,
    stateSince: run.stateSince,
    curedOn: opt(run.curedOn),
    wasOverdue: run.wasOverdue,
    bucket: run.bucket,
    classification: run.classification,
    riskLevel: run.riskLevel,
    managementMode: run.managementMode,
    lastInterruption: opt(run.lastInterruption),
    agencyId: run.agencyId ?? null,
    failedVisits: run.failedVisits,
    writeOffRequest: run.writeOffRequest ?? null,
    lawsuitFiledOn: opt(run.lawsuitFiledOn),
    judgmentOn: opt(run.judgmentOn),
    segment: run.segment,
    observation: run.observation === undefined ? null : { ...run.observation },
    extendedOn: opt(run.extendedOn),
    restructured: run.restructured,
    restructuredWhileNonPerforming: run.restructuredWhileNonPerforming,
    extended: run.extended,
    extensionRequests: [...run.extensionRequests],
    promises: run.promises.map((p) => ({ ...p })),
    brokenPromises: run.brokenPromises,
    refusedContacts: run.refusedContacts,
    materialEventOpen: run.materialEventOpen,
    signals: { ...run.signals },
  };
  return makeSnapshot(run.history.loan, run.pack, asOf, review, state);
}

function restoreRun(snapshot: RestoredSnapshot, pack: CompiledPack): Run {
  const s = snapshot.state;
  const { history } = snapshot;
  const ledger = restoreLedger(s.ledger, history.loan.penaltyRate, pack.allocationOrder);
  const run = newRun(history, pack, ledger);
  run.timeline.push(...s.timeline);
  if (s.lean !== undefined) run.continues = { from: snapshot.asOf, timelineEntries: s.lean.timelineEntries, closedTasks: s.lean.closedTasks };
  for (const w of s.warned) run.warned.add(w);
  const missing = restoreTasks(run.tasks, s.tasks);
  if (missing.length > 0) {
    throw new PostloanError([
      { code: 'input.invalid', path: 'state.tasks', message: `The snapshot names task rules pack ${pack.id} ${pack.version} does not have: ${missing.slice(0, 5).join(', ')}`, hint: 'resume with the pack the snapshot was made with, or replay the history from the start' },
    ]);
  }
  restoreContacts(run.contacts, s.contacts);
  run.collateralValues.clear();
  for (const [id, v] of s.collateralValues) run.collateralValues.set(id, v);
  run.day = s.day as Day;
  run.state = s.state;
  run.stateSince = s.stateSince as Day;
  run.curedOn = back(s.curedOn);
  run.wasOverdue = s.wasOverdue;
  run.bucket = s.bucket;
  run.classification = s.classification;
  run.riskLevel = s.riskLevel;
  run.managementMode = s.managementMode;
  run.lastInterruption = back(s.lastInterruption);
  run.agencyId = s.agencyId ?? undefined;
  run.failedVisits = s.failedVisits;
  run.writeOffRequest = s.writeOffRequest ?? undefined;
  run.lawsuitFiledOn = back(s.lawsuitFiledOn);
  run.judgmentOn = back(s.judgmentOn);
  run.segment = s.segment;
  run.observation = s.observation === null ? undefined : { on: s.observation.on as Day, start: s.observation.start as Day, end: s.observation.end as Day, scanFrom: s.observation.scanFrom, endReported: s.observation.endReported };
  run.extendedOn = back(s.extendedOn);
  run.restructured = s.restructured;
  run.restructuredWhileNonPerforming = s.restructuredWhileNonPerforming;
  run.extended = s.extended;
  run.extensionRequests.push(...(s.extensionRequests as Day[]));
  run.promises = s.promises.map((p) => ({ eventId: p.eventId, amount: p.amount, by: p.by as Day, paid: p.paid }));
  run.brokenPromises = s.brokenPromises;
  run.refusedContacts = s.refusedContacts;
  run.materialEventOpen = s.materialEventOpen;
  Object.assign(run.signals, s.signals);
  return run;
}

export type { FactName };
