import { operatorWords } from '../rules/operators';
import { positionAt } from '../ledger/ledger';
import { formatMoney } from '../money/fen';
import { FACT_CATALOGUE, specOf, type FactName, type Facts } from '../rules/facts';
import { bucketForDpd, tierIsNonPerforming, tierRank, worseTier, worseValue, type DimensionScale } from '../rules/scales';
import type { CompiledRule } from '../rules/loadPack';
import { explainCondition, type ConditionTrace } from '../rules/compile';
import type { Bucket, Classification, CollectionSegment, ManagementMode, RiskLevel } from '../rules/vocabulary';
import { addDays, addMonths, formatDay, type Day } from '../time/day';
import type { PermitAction } from '../workflow/lifecycle';
import { hasRole } from '../workflow/statechart';
import { borrowerUnreachableDays } from './contacts';
import { refreshMateriality } from './materiality';
import { updateObservation } from './observation';
import { dataInputs } from './dataFacts';
import { refreshReAgeFacts } from './reAging';
import type { DecisionInputs, TimelineRecord } from './output';
import { enter, EXTENSION_WINDOW_DAYS, setDimensionFact, type PromiseToPay, type Run } from './run';
import { evaluateTasks } from './tasks';

/** Safety net against a pack whose transition rules ping-pong; a real pack settles in one or two moves. */
const MAX_MOVES_PER_DAY = 8;

/** Rounds of classification and dimensions a day may take when their floors read each other. */
const MAX_SCALE_ROUNDS = 4;

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
  if (run.signals.collateralValues.size === 0) return 0;
  let total = 0;
  for (const v of run.signals.collateralValues.values()) total += v;
  if (outstandingPrincipal <= 0) return Number.MAX_SAFE_INTEGER;
  return Number((BigInt(total) * 1_000_000n) / BigInt(outstandingPrincipal));
}

function inputsOf(rules: readonly CompiledRule[], facts: Facts): DecisionInputs {
  const out: Record<string, string | number | boolean> = {};
  for (const r of rules) {
    for (const f of r.facts) {
      if (f in out) continue;
      const v = facts[f];
      const type = specOf(f).type;
      if (type === 'data') dataInputs(r.conditions, facts, out);
      else out[f] = type === 'money' ? formatMoney(v as number) : type === 'ratio' ? formatRatio(v as number) : (v as string | number | boolean);
    }
  }
  return out;
}

/** Promises whose date has passed without full payment are broken (P-CS-9). */
function updatePromises(run: Run, d: Day): void {
  if (run.willingness.promises.length === 0) return;
  const still: PromiseToPay[] = [];
  for (const p of run.willingness.promises) {
    if (p.by >= d) {
      still.push(p);
      continue;
    }
    run.willingness.brokenPromises++;
    run.timeline.push({ on: formatDay(addDays(p.by, 1)), kind: 'promiseBroken', ruleIds: ['P-CS-9'], eventId: p.eventId, amount: formatMoney(p.amount), by: formatDay(p.by), paid: formatMoney(p.paid) });
  }
  run.willingness.promises = still;
}

function refreshFacts(run: Run, d: Day, settle: boolean): void {
  const p = positionAt(run.ledger, d);
  const f = run.facts;
  f.dpd = p.dpd;
  f.daysSinceDisbursement = d - run.history.loan.disbursedOn;
  f.state = run.state;
  f.daysInState = d - run.stateSince;
  f.classification = run.classification;
  f.riskLevel = run.riskLevel;
  f.agencyAssigned = run.resolution.agencyId !== undefined;
  f.collectorAssigned = run.tasks.collector !== undefined;
  f.failedVisits = run.resolution.failedVisits;
  f.borrowerUnreachableDays = borrowerUnreachableDays(run.contacts, d);
  f.managementMode = run.managementMode;
  f.overduePrincipal = p.overdue.principal;
  f.overdueInterest = p.overdue.interest;
  f.overduePenalty = p.overdue.penalty;
  f.overdueTotal = p.overdue.total;
  f.outstandingPrincipal = p.outstanding.principal;
  // Willingness counts run per overdue episode (P-CS-9): they restart when the loan falls overdue again.
  if (p.dpd > 0 && !run.cure.wasOverdue) {
    run.willingness.brokenPromises = 0;
    run.willingness.refusedContacts = 0;
  }
  // Cure tracking (P-CL-7): overdue clears it; the first day with no arrears after being overdue sets it.
  if (p.dpd > 0) run.cure.curedOn = undefined;
  else if (run.cure.curedOn === undefined && run.cure.wasOverdue) run.cure.curedOn = d;
  run.cure.wasOverdue = p.dpd > 0;
  f.daysSinceCure = run.cure.curedOn === undefined ? 0 : d - run.cure.curedOn;
  f.onTimeSinceCure = run.cure.curedOn === undefined ? 0 : instalmentsDueBetween(run, run.cure.curedOn, d);
  f.collateralCoverage = coverageOf(run, p.outstanding.principal);
  f.outstandingTotal = p.outstanding.total;
  f.consecutiveMissed = p.consecutiveMissed;
  f.cumulativeMissed = p.cumulativeMissed;
  f.fullyRepaid = p.fullyRepaid;
  f.segment = run.segment;
  f.restructured = run.restructuring.restructured;
  f.restructuredWhileNonPerforming = run.restructuring.restructuredWhileNonPerforming;
  f.extended = run.restructuring.extended;
  f.inObservation = run.restructuring.observation !== undefined && d < run.restructuring.observation.end;
  let recent = 0;
  for (const r of run.restructuring.extensionRequests) if (r > d - EXTENSION_WINDOW_DAYS && r <= d) recent++;
  f.extensionRequestsLast90Days = recent;
  refreshReAgeFacts(run, d, f);
  f.openPromise = run.willingness.promises.length > 0;
  f.brokenPromises = run.willingness.brokenPromises;
  f.refusedContacts = run.willingness.refusedContacts;
  f.materialEventOpen = run.signals.materialEventOpen;
  f.debtRatio = run.signals.debtRatio;
  f.cashFlowDrop = run.signals.cashFlowDrop;
  f.relatedPartyLitigation = run.signals.relatedPartyLitigation;
  f.repaymentChannelChanged = run.signals.repaymentChannelChanged;
  f.hardship = run.signals.hardship;
  refreshMateriality(run, d, p, settle);
  // Every restructuring starts an observation period dated from it (P-CL-6): its day is the latest one's.
  f.daysSinceRestructuring = run.restructuring.observation === undefined ? 0 : d - run.restructuring.observation.on;
  f.daysWithoutMaterialEvent = run.signals.materialEventOpen ? 0 : d - (run.signals.materialEventResolvedOn ?? run.history.loan.disbursedOn);
  for (const d of run.pack.scales.dimensions) setDimensionFact(f, d.name, run.dimensions[d.name] as string);
}

/**
 * A dimension of the pack re-evaluated like the classification: the worst floor that holds, the first
 * value when none does; a sticky current value is kept until an upgrade permit for the dimension holds.
 */
function evaluateDimension(run: Run, d: DimensionScale, on: string, entries: TimelineRecord[]): void {
  const { pack, facts } = run;
  const initial = d.values[0] as string;
  const current = run.dimensions[d.name] as string;
  let floor = initial;
  const floorRules: CompiledRule[] = [];
  for (const r of pack.rulesByType.floor) {
    if (r.decision.type === 'floor' && r.decision.dimension === d.name && r.test(facts)) {
      floorRules.push(r);
      floor = worseValue(d, floor, r.decision.value);
    }
  }
  const sticky = d.sticky.includes(current);
  const upgradeRule = sticky ? pack.rulesByType.permit.find((r) => r.decision.type === 'permit' && r.decision.action === 'upgrade' && r.decision.dimension === d.name && r.test(facts)) : undefined;
  const next = worseValue(d, floor, sticky && upgradeRule === undefined ? current : initial);
  if (next === current) return;
  const deciding = floorRules.filter((r) => r.decision.type === 'floor' && r.decision.value === next);
  const worse = d.values.indexOf(next) > d.values.indexOf(current);
  // Better without a permit: the floors that set the current value stopped holding; they and their
  // fact values say why.
  const released = worse || upgradeRule !== undefined ? [] : pack.rulesByType.floor.filter((r) => r.decision.type === 'floor' && r.decision.dimension === d.name && r.decision.value === current);
  const because = worse ? deciding : upgradeRule !== undefined ? [upgradeRule] : released;
  entries.push({
    on,
    kind: 'dimensionChanged',
    dimension: d.name,
    from: current,
    to: next,
    ruleIds: [...new Set(because.map((r) => r.policyId))],
    rules: worse ? deciding.map((r) => r.id) : upgradeRule !== undefined ? [upgradeRule.id, ...deciding.map((r) => r.id)] : [...released, ...deciding].map((r) => r.id),
    inputs: inputsOf(because, facts),
  });
  run.dimensions[d.name] = next;
  setDimensionFact(facts, d.name, next);
}

/** The first rule of `rules` (highest priority first) that holds; a loop, no closure a call. */
function firstHolding(rules: readonly CompiledRule[], facts: Facts): CompiledRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i] as CompiledRule;
    if (r.test(facts)) return r;
  }
  return undefined;
}

function warnOnce(run: Run, key: string, entry: TimelineRecord): void {
  if (run.warned.has(key)) return;
  run.warned.add(key);
  run.timeline.push(entry);
}

/**
 * Classification: the worst floor that holds (P-CL-2/3); a non-performing tier is kept until the
 * upgrade conditions of P-CL-7 are met, a special-mention tier resting only on floors returns to pass as
 * soon as no floor holds (P-CL-4).
 */
function classify(run: Run, on: string, entries: TimelineRecord[]): void {
  const { pack, facts } = run;
  const scale = pack.scales.classification;
  // Tiers are the pack's (cn-default's five by default): the type names cn-default's.
  let floor = scale.tiers[0] as Classification;
  const floorRules: CompiledRule[] = [];
  for (const r of pack.rulesByType.classificationFloor) {
    if (r.decision.type === 'classificationFloor' && r.test(facts)) {
      floorRules.push(r);
      floor = worseTier(scale, floor, r.decision.classification) as Classification;
    }
  }
  const upgradeRule = tierIsNonPerforming(scale, run.classification)
    ? pack.rulesByType.permit.find((r) => r.decision.type === 'permit' && r.decision.action === 'upgrade' && r.decision.dimension === undefined && r.test(facts))
    : undefined;
  const kept = tierIsNonPerforming(scale, run.classification) && upgradeRule === undefined ? run.classification : (scale.tiers[0] as Classification);
  const next = worseTier(scale, floor, kept) as Classification;
  if (next !== run.classification) {
    const deciding = floorRules.filter((r) => r.decision.type === 'classificationFloor' && r.decision.classification === next);
    const worse = tierRank(scale, next) > tierRank(scale, run.classification);
    if (!worse && upgradeRule !== undefined) {
      entries.push({ on, kind: 'classificationChanged', from: run.classification, to: next, ruleIds: [upgradeRule.policyId], rules: [upgradeRule.id, ...deciding.map((r) => r.id)], inputs: inputsOf([upgradeRule], facts) });
      run.classification = next;
      facts.classification = next;
    }
  }
  if (next !== run.classification) {
    const deciding = floorRules.filter((r) => r.decision.type === 'classificationFloor' && r.decision.classification === next);
    const worse = tierRank(scale, next) > tierRank(scale, run.classification);
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
}

/** Re-evaluates every decision at the end of day `d` (P-CL-4: real-time reclassification). */
export function evaluate(run: Run, d: Day): void {
  updateObservation(run, d);
  updatePromises(run, d);
  refreshFacts(run, d, true);
  const { pack, facts } = run;
  const on = formatDay(d);
  const entries: TimelineRecord[] = [];

  // Bucket: the highest-priority matching rule decides (P-LC-2).
  const bucketRule = firstHolding(pack.rulesByType.bucket, facts);
  if (pack.rulesByType.bucket.length === 0) {
    // No bucket rules: the ranges of the pack's bucket scale decide.
    const range = bucketForDpd(pack.scales.buckets, facts.dpd);
    if (range.name !== run.bucket) {
      entries.push({ on, kind: 'bucketChanged', from: run.bucket, to: range.name as Bucket, ruleIds: [], rules: [`scales.buckets.${range.name}`], inputs: { dpd: facts.dpd } });
      run.bucket = range.name as Bucket;
    }
  } else if (bucketRule === undefined) {
    warnOnce(run, `no-bucket:${facts.dpd}`, { on, kind: 'warning', ruleIds: ['P-LC-2'], message: `No bucket rule of pack ${pack.id} matches dpd ${facts.dpd}; the bucket stays ${run.bucket}` });
  } else if (bucketRule.decision.type === 'bucket' && bucketRule.decision.bucket !== run.bucket) {
    entries.push({ on, kind: 'bucketChanged', from: run.bucket, to: bucketRule.decision.bucket, ruleIds: [bucketRule.policyId], rules: [bucketRule.id], inputs: inputsOf([bucketRule], facts) });
    run.bucket = bucketRule.decision.bucket;
  }

  // Classification, then the pack's dimensions. Their floors may read each other: while one of them
  // changes, both are decided again (a bounded number of rounds), so each sees the other's value of today.
  for (let round = 0; ; round++) {
    const before = entries.length;
    classify(run, on, entries);
    for (const d of pack.scales.dimensions) evaluateDimension(run, d, on, entries);
    if (entries.length === before || pack.scales.dimensions.length === 0) break;
    if (round === MAX_SCALE_ROUNDS) {
      warnOnce(run, 'scale-rounds', { on, kind: 'warning', ruleIds: [...new Set(entries.slice(before).map((e) => e.ruleIds).flat())], message: `The classification and dimension floors of pack ${pack.id} keep changing each other; the values of round ${MAX_SCALE_ROUNDS + 1} are kept` });
      break;
    }
  }

  // Risk level (P-EW-2) and management mode (P-IN-3): the highest-priority matching rule decides.
  const riskRule = firstHolding(pack.rulesByType.riskLevel, facts);
  const risk: RiskLevel = riskRule?.decision.type === 'riskLevel' ? riskRule.decision.level : 'low';
  if (risk !== run.riskLevel) {
    entries.push({ on, kind: 'riskLevelChanged', from: run.riskLevel, to: risk, ruleIds: riskRule === undefined ? ['P-EW-2'] : [riskRule.policyId], rules: riskRule === undefined ? [] : [riskRule.id], inputs: riskRule === undefined ? {} : inputsOf([riskRule], facts) });
    run.riskLevel = risk;
    facts.riskLevel = risk;
  }
  const modeRule = firstHolding(pack.rulesByType.managementMode, facts);
  const mode: ManagementMode = modeRule?.decision.type === 'managementMode' ? modeRule.decision.mode : 'regular';
  if (mode !== run.managementMode) {
    entries.push({ on, kind: 'managementModeChanged', from: run.managementMode, to: mode, ruleIds: modeRule === undefined ? ['P-IN-3'] : [modeRule.policyId], rules: modeRule === undefined ? [] : [modeRule.id], inputs: modeRule === undefined ? {} : inputsOf([modeRule], facts) });
    run.managementMode = mode;
    facts.managementMode = mode;
  }

  // Lifecycle: rules ask, the statechart allows or refuses (P-LC-1, P-LC-3, P-LC-4, P-LC-8).
  const moves: TimelineRecord[] = [];
  for (let moved = 0; moved < MAX_MOVES_PER_DAY; moved++) {
    let applied = false;
    for (const r of pack.rulesByType.transition) {
      if (r.decision.type !== 'transition' || r.decision.to === run.state || !r.test(facts)) continue;
      const to = pack.statechart.next(run.state, { type: 'DECIDE', to: r.decision.to });
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
  const segmentRule = firstHolding(pack.rulesByType.segment, facts);
  const segment: CollectionSegment = segmentRule?.decision.type === 'segment' ? segmentRule.decision.segment : 'none';
  if (segment !== run.segment) {
    entries.push({ on, kind: 'segmentChanged', from: run.segment, to: segment, ruleIds: segmentRule === undefined ? ['P-CS-9'] : [segmentRule.policyId], rules: segmentRule === undefined ? [] : [segmentRule.id], inputs: segmentRule === undefined ? {} : inputsOf([segmentRule], facts) });
    run.segment = segment;
    facts.segment = segment;
  }
  // Most days decide nothing: no spread call over two empty lists.
  if (moves.length > 0) run.timeline.push(...moves);
  if (entries.length > 0) run.timeline.push(...entries);
  // A cured or settled loan leaves the agency (P-LC-3): only a state an agency may hold (external), a
  // lawsuit or a write-off keeps it.
  if (run.resolution.agencyId !== undefined && !hasRole(pack, run.state, 'external') && !hasRole(pack, run.state, 'legal') && !hasRole(pack, run.state, 'writtenOff')) {
    run.timeline.push({ on, kind: 'agencyRecalled', ruleIds: ['P-LC-3'], agencyId: run.resolution.agencyId, reason: `the loan is ${run.state}` });
    run.resolution.agencyId = undefined;
    facts.agencyAssigned = false;
  }

  // Statute of limitations (P-NT-7): 3 years from the last instalment's due date, restarted by an
  // interruption (payment, signed notice receipt, lawsuit) after it. None once the loan is settled.
  const schedule = run.ledger.schedule;
  const maturity = schedule.length > 0 ? (schedule[schedule.length - 1] as { dueOn: Day }).dueOn : run.history.loan.disbursedOn;
  const start = run.resolution.lastInterruption !== undefined && run.resolution.lastInterruption > maturity ? run.resolution.lastInterruption : maturity;
  run.tasks.limitationExpiry = hasRole(pack, run.state, 'settled') ? undefined : addMonths(start, 12 * pack.limitationYears);

  if (pack.rulesByType.task.length > 0) evaluateTasks(run.tasks, d, facts);
}

/** The actions the pack's `permit` rules allow for the loan as it stands on day `d`, before the instruction. */
export function permitsAt(run: Run, d: Day): PermitAction[] {
  refreshFacts(run, d, false);
  const out: PermitAction[] = [];
  for (const r of run.pack.rulesByType.permit) if (r.decision.type === 'permit' && r.decision.dimension === undefined && r.test(run.facts)) out.push(r.decision.action);
  return out;
}


/** A fact as a reason names it: a data fact with its path (`attributes.creditType`). */
function factLabel(fact: FactName, path: string | undefined): string {
  return path === undefined ? fact : `${fact}${path.slice(1)}`;
}

/** A value as a reason shows it: money and ratios as decimals, like the timeline's inputs. */
function shownValue(fact: FactName, v: unknown): string {
  const type = FACT_CATALOGUE[fact].type;
  if (typeof v === 'number' && type === 'money') return formatMoney(v);
  if (typeof v === 'number' && type === 'ratio') return formatRatio(v);
  return JSON.stringify(v);
}

/** The failed conditions of the permit rules for `action`, with the fact values: why the pack says no. */
export function whyNotPermitted(run: Run, action: PermitAction): string {
  const rules = run.pack.rulesByType.permit.filter((r) => r.decision.type === 'permit' && r.decision.action === action);
  if (rules.length === 0) return `no rule of pack ${run.pack.id} permits ${action}`;
  return rules
    .map((r) => {
      const failed: string[] = [];
      const walk = (t: ConditionTrace): void => {
        if (t.kind === 'leaf') {
          if (!t.result) failed.push(`${factLabel(t.fact, t.path)} ${operatorWords(t.operator)} ${shownValue(t.fact, t.value)} (it is ${shownValue(t.fact, t.factValue)})`);
        } else if (t.kind === 'not') walk(t.item);
        else if (!t.result) t.items.forEach(walk);
      };
      walk(explainCondition(r.conditions, run.facts, run.pack.operators));
      return `rule ${r.id} (${r.policyId}) needs ${failed.join(' and ')}`;
    })
    .join('; or ');
}

