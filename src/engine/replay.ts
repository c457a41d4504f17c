import { PostloanError } from '../errors/PostloanError';
import { maskPersonalData } from '../errors/maskPersonalData';
import type { History, LoanEvent } from '../history/parseHistory';
import { applyPayment, createLedger, positionAt, type Amounts, type Ledger } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import { applyRateHalfUp } from '../money/rate';
import { FACT_CATALOGUE, type FactName, type Facts } from '../rules/facts';
import type { CompiledPack, CompiledRule } from '../rules/loadPack';
import { explainCondition, type ConditionTrace } from '../rules/compile';
import { classificationRank, isNonPerforming, worseOf, type Bucket, type Classification, type LifecycleState, type ManagementMode, type RiskLevel } from '../rules/vocabulary';
import { addMonths, formatDay, type Day } from '../time/day';
import { nextLifecycleState, type PermitAction } from '../workflow/lifecycle';
import type { AmountsOutput, DecisionInputs, ReplayOutput, TimelineEntry } from './output';
import { contactFacts, createContactTracker, recordContact, type ContactTracker } from './contacts';
import { closeTasksWith, createTaskBook, evaluateTasks, nextTaskWake, rememberToday, tasksOutput, type TaskBook } from './tasks';

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
}

function amountsOut(a: Amounts): AmountsOutput {
  return { principal: formatMoney(a.principal), interest: formatMoney(a.interest), penalty: formatMoney(a.penalty), total: formatMoney(a.total) };
}

/** Instalments falling due in (from, to]; while cured, each of them was paid on time. */
function instalmentsDueBetween(run: Run, from: Day, to: Day): number {
  let count = 0;
  for (const it of run.history.schedule) if (it.dueOn > from && it.dueOn <= to) count++;
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
    repayment: loan.repayment,
    singleRepayment: loan.repayment === 'bullet' || loan.repayment === 'interestOnly',
    borrowerKind: loan.borrower.kind,
    selfPaid: loan.selfPaid,
    termMonths: loan.termMonths,
  };
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
}

function warnOnce(run: Run, key: string, entry: TimelineEntry): void {
  if (run.warned.has(key)) return;
  run.warned.add(key);
  run.timeline.push(entry);
}

/** Re-evaluates every decision at the end of day `d` (P-CL-4: real-time reclassification). */
function evaluate(run: Run, d: Day): void {
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
  run.timeline.push(...moves, ...entries);
  // A cured or settled loan leaves the agency (P-LC-3).
  if (run.agencyId !== undefined && run.state !== 'outsourced' && run.state !== 'litigation' && run.state !== 'writtenOff') {
    run.timeline.push({ on, kind: 'agencyRecalled', ruleIds: ['P-LC-3'], agencyId: run.agencyId, reason: `the loan is ${run.state}` });
    run.agencyId = undefined;
    facts.agencyAssigned = false;
  }

  // Statute of limitations (P-NT-7): 3 years from the last instalment's due date, restarted by an
  // interruption (payment, signed notice receipt, lawsuit) after it. None once the loan is settled.
  const schedule = run.history.schedule;
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

const OPERATOR_WORDS: Readonly<Record<string, string>> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'in',
  notIn: 'not in',
};

/** The failed conditions of the permit rules for `action`, with the fact values: why the pack says no. */
function whyNotPermitted(run: Run, action: PermitAction): string {
  const rules = run.pack.rulesByType.permit.filter((r) => r.decision.type === 'permit' && r.decision.action === action);
  if (rules.length === 0) return `no rule of pack ${run.pack.id} permits ${action}`;
  return rules
    .map((r) => {
      const failed: string[] = [];
      const walk = (t: ConditionTrace): void => {
        if (t.kind === 'leaf') {
          if (!t.result) failed.push(`${t.fact} ${OPERATOR_WORDS[t.operator] ?? t.operator} ${JSON.stringify(t.value)} (it is ${JSON.stringify(t.factValue)})`);
        } else if (t.kind === 'not') walk(t.item);
        else if (!t.result) t.items.forEach(walk);
      };
      walk(explainCondition(r.conditions, run.facts));
      return `rule ${r.id} (${r.policyId}) needs ${failed.join(' and ')}`;
    })
    .join('; or ');
}

function applyEvent(run: Run, e: LoanEvent): void {
  if (e.type === 'payment' || e.type === 'lawsuitFiled' || (e.type === 'noticeSent' && e.receiptSigned === true)) run.lastInterruption = e.on;
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
    default:
      return;
  }
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
  const { asOf } = options;
  const { loan } = history;
  if (asOf < loan.disbursedOn) {
    throw new PostloanError([
      { code: 'input.invalid', path: 'asOf', message: `The as-of date ${formatDay(asOf)} is before loan ${loan.id} was disbursed (${formatDay(loan.disbursedOn)})`, hint: 'replay to a date on or after the disbursement date' },
    ]);
  }
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
  const ledger = createLedger(history.schedule, loan.penaltyRate, pack.allocationOrder);
  const timeline: TimelineEntry[] = [];
  const run: Run = {
    pack,
    history,
    ledger,
    facts: initialFacts(history),
    timeline,
    warned: new Set(),
    tasks: createTaskBook(pack, loan, history.schedule, ledger, timeline),
    contacts: createContactTracker(pack.timeZone, pack.contactLimits),
    collateralValues: new Map(loan.collateral.map((c) => [c.id, c.value])),
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
  };
  const events = history.events;
  const daily = options.evaluateDaily === true;
  let d = loan.disbursedOn;
  let ei = 0;
  rememberToday(run.tasks, d, []);
  evaluate(run, d);
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
  const position = positionAt(run.ledger, asOf);
  const rate = pack.provisionRates[run.classification];
  const review = nextWake(run, d, daily);
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
    outstanding: amountsOut(position.outstanding),
    overdue: amountsOut(position.overdue),
    missedInstalments: { consecutive: position.consecutiveMissed, cumulative: position.cumulativeMissed },
    provision: { rate: rate.text, amount: formatMoney(applyRateHalfUp(position.outstanding.principal, rate)), ruleIds: ['P-CL-5'] },
    limitationExpiresOn: run.tasks.limitationExpiry === undefined ? null : formatDay(run.tasks.limitationExpiry),
    ...(run.agencyId === undefined ? {} : { agencyId: run.agencyId }),
    ...(run.lawsuitFiledOn === undefined ? {} : { lawsuitFiledOn: formatDay(run.lawsuitFiledOn) }),
    ...(run.judgmentOn === undefined ? {} : { judgmentOn: formatDay(run.judgmentOn) }),
    nextReviewOn: review === undefined ? null : formatDay(review),
    timeline: run.timeline,
    tasks: tasksOutput(run.tasks),
  };
}

export type { FactName };
