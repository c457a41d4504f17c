import { fail, ok, type Result } from '../errors/PostloanError';
import { formatMoney } from '../money/fen';
import type { IsoDate } from '../time/day';
import { explainCondition, type ConditionTrace } from './compile';
import type { Decision, DecisionType } from './decisions';
import { cnDefaultPack, cnDefaultPackFiles } from './defaultPack';
import { FACT_CATALOGUE, FACT_NAMES, specOf, type FactName, type Facts } from './facts';
import type { CompiledPack, CompiledRule, PackFiles } from './loadPack';
import { ruleDescriptions } from './taskDoc';
import { classificationRank, isNonPerforming, worseOf, type Bucket, type Classification, type LifecycleState } from './vocabulary';
import { packText } from './packMessages';
import { worseValue, type DimensionScale } from './scales';
import { issueFrom } from '../errors/issueText';

/** A value as the public contract writes it: money as yuan text ("50000.00"), ratios as decimal text ("0.85"). */
export type ShownValue = string | number | boolean | readonly ShownValue[];

/** One condition of a rule with the fact value it was checked against; groups keep their shape. */
export type ConditionExplanation =
  | { readonly kind: 'all' | 'any'; readonly held: boolean; readonly items: readonly ConditionExplanation[] }
  | { readonly kind: 'not'; readonly held: boolean; readonly item: ConditionExplanation }
  | {
      readonly kind: 'leaf';
      readonly held: boolean;
      readonly fact: FactName;
      /** Where inside a data fact the condition read (`"$.product"`). */
      readonly path?: string;
      /** The json-rules-engine operator, e.g. `greaterThanInclusive`. */
      readonly operator: string;
      /** The value compared with, resolved (a `{ "param": … }` replaced by the parameter's value). */
      readonly expected: ShownValue;
      /** The pack parameter `expected` came from, if any. */
      readonly param?: string;
      /** The fact `expected` came from, if the rule compares two facts. */
      readonly valueFact?: FactName;
      /** The fact's value. */
      readonly actual: ShownValue;
    };

/** A rule checked against facts: what it decides, whether it holds, and each condition. */
export interface RuleVerdict {
  readonly ruleId: string;
  /** The policy rule id (P-…) it encodes. */
  readonly policyId: string;
  /** The rule's `description` in its rule file, when it has one. */
  readonly description?: string;
  /** The rule file, to find it. */
  readonly file: string;
  readonly priority: number;
  readonly decision: Decision;
  /** The decision in words: "bucket M2", "classification at least substandard", "move to outsourced". */
  readonly decides: string;
  readonly held: boolean;
  readonly conditions: ConditionExplanation;
}

/**
 * Why a rule is listed under a decision:
 * - `decides`: it sets the value in force (for permits and tasks: it holds);
 * - `alsoHolds`: it holds, but another rule decides (a milder classification floor);
 * - `entered`: it moved the loan into its lifecycle state, checked with the facts of that day (`on`);
 * - `refused`: it holds, but the lifecycle statechart does not allow its move from the current state;
 * - `notHeld`: it does not hold, and that matters — the upgrade permit that would end a non-performing
 *   class, the rule of a task still outstanding, or the rule asked about.
 */
export type RuleRole = 'decides' | 'alsoHolds' | 'entered' | 'refused' | 'notHeld';

/** A task raised and not done: open, or past its deadline (breached). */
export interface OutstandingTask {
  readonly id: string;
  readonly kind: string;
  /** The id of the rule that raised it (not the policy id). */
  readonly ruleId: string;
  /** The role, as in the task output; `partyId` says which guarantor, contact or collateral item. */
  readonly party: string;
  readonly partyId?: string;
  readonly dueOn: IsoDate;
  readonly status: 'open' | 'breached';
}

/** A rule under a decision, with its role. */
export interface ExplainedRule extends RuleVerdict {
  readonly role: RuleRole;
  /** For `entered`: the day of the move, whose facts the conditions show. */
  readonly on?: IsoDate;
  /** For task rules: the tasks it raised that are outstanding. */
  readonly tasks?: readonly OutstandingTask[];
}

/**
 * The decisions explained, in this order.
 *
 * @example
 * ```ts
 * DECISION_TOPICS.indexOf('classification'); // 1
 * ```
 */
export const DECISION_TOPICS = ['bucket', 'classification', 'state', 'riskLevel', 'managementMode', 'segment', 'permits', 'tasks', 'dimension'] as const;
export type DecisionTopic = (typeof DECISION_TOPICS)[number];

/** One decision in force and the rules behind it. */
export interface TopicExplanation {
  readonly topic: DecisionTopic;
  /** For the topic `dimension` (one per dimension of the pack, after the classification): which dimension. */
  readonly dimension?: string;
  /** The value in force; for `permits` the actions permitted, for `tasks` the ids of outstanding tasks. */
  readonly value: string | readonly string[];
  /** How the value follows from the rules, in a sentence. */
  readonly because: string;
  readonly rules: readonly ExplainedRule[];
}

/** The move that brought the loan into its lifecycle state. */
export interface StateEntry {
  readonly on: IsoDate;
  readonly from: LifecycleState;
  /** Policy ids recorded on the move. */
  readonly policyIds: readonly string[];
  /** The transition rule that made the move and the facts it saw (before the move); absent when an event made it. */
  readonly rule?: { readonly id: string; readonly facts: Facts };
  /** The history event that made the move (an agency placement, a lawsuit, a write-off approval). */
  readonly eventId?: string;
}

/** Options of {@link explainDecisions}. */
export interface ExplainOptions {
  /** Only this rule (by id), explained even if it does not hold; an unknown id fails with the nearest one. */
  readonly rule?: string;
  /** The pack's files, for rule descriptions (the compiled pack keeps none); default: the built-in pack's files for the built-in pack. */
  readonly files?: PackFiles;
  /** The bucket in force. The bucket is not a fact: it is what the last bucket rule to hold decided. */
  readonly bucket?: Bucket;
  /** How the loan entered its current state. */
  readonly entered?: StateEntry;
  /** The loan's outstanding tasks, listed under the rules that raised them. */
  readonly tasks?: readonly OutstandingTask[];
}

/**
 * Every decision explained: what {@link explainDecisions} returns.
 *
 * @example
 * ```ts
 * const e: DecisionExplanation = unwrap(explainDecisions(pack, facts));
 * for (const t of e.topics) console.log(t.topic, t.value, t.rules.map((r) => `${r.held ? '✓' : '✗'} ${r.ruleId}`));
 * ```
 */
export interface DecisionExplanation {
  readonly pack: { readonly id: string; readonly version: string; readonly hash: string };
  /** The rule asked about, when `rule` was given. */
  readonly rule?: string;
  readonly topics: readonly TopicExplanation[];
}

/** A ratio in millionths as a decimal with at least 2 places, as rule files write it ("1.00", "0.85", "0.123456"). */
function ratioText(millionths: number): string {
  // Coverage with no principal left is "unbounded" inside (Number.MAX_SAFE_INTEGER).
  if (millionths >= Number.MAX_SAFE_INTEGER) return '∞';
  const frac = String(millionths % 1_000_000).padStart(6, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${Math.floor(millionths / 1_000_000)}.${frac}`;
}

/**
 * A fact's value as the public contract writes it: money fen as yuan text, ratio millionths as decimal
 * text, everything else unchanged.
 *
 * @example
 * ```ts
 * shownValue('outstandingPrincipal', 5_000_000); // '50000.00'
 * shownValue('collateralCoverage', 850_000); // '0.85'
 * shownValue('dpd', 100); // 100
 * ```
 */
export function shownValue(fact: FactName, value: unknown): ShownValue {
  if (Array.isArray(value)) return value.map((v) => shownValue(fact, v));
  const type = specOf(fact).type;
  if (typeof value === 'number' && type === 'money') return formatMoney(value);
  if (typeof value === 'number' && type === 'ratio') return ratioText(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value) ?? String(value);
}

/**
 * Every fact as the public contract writes it (money as yuan text, ratios as decimals).
 *
 * @example
 * ```ts
 * shownFacts(facts).overdueTotal; // '10236.17'
 * ```
 */
export function shownFacts(facts: Facts): Readonly<Record<FactName, ShownValue>> {
  // A data fact with nothing in it is left out: a loan without attributes or observations is explained as before.
  const shown = FACT_NAMES.filter((f) => FACT_CATALOGUE[f].type !== 'data' || Object.keys(facts[f] as object).length > 0);
  return Object.fromEntries(shown.map((f) => [f, shownValue(f, facts[f])])) as Record<FactName, ShownValue>;
}

function conditionOf(trace: ConditionTrace): ConditionExplanation {
  switch (trace.kind) {
    case 'leaf':
      return {
        kind: 'leaf',
        held: trace.result,
        fact: trace.fact,
        ...(trace.path === undefined ? {} : { path: trace.path }),
        operator: trace.operator,
        expected: shownValue(trace.valueFact ?? trace.fact, trace.value),
        ...(trace.param === undefined ? {} : { param: trace.param }),
        ...(trace.valueFact === undefined ? {} : { valueFact: trace.valueFact }),
        actual: shownValue(trace.fact, trace.factValue),
      };
    case 'not':
      return { kind: 'not', held: trace.result, item: conditionOf(trace.item) };
    case 'all':
    case 'any':
      return { kind: trace.kind, held: trace.result, items: trace.items.map(conditionOf) };
  }
}

/** A decision in words, for a person reading the explanation. */
function decisionWords(d: Decision): string {
  switch (d.type) {
    case 'bucket':
      return `bucket ${d.bucket}`;
    case 'classificationFloor':
      return `classification at least ${d.classification}`;
    case 'transition':
      return `move to ${d.to}`;
    case 'managementMode':
      return `management mode ${d.mode}`;
    case 'riskLevel':
      return `risk level ${d.level}`;
    case 'segment':
      return `collection segment ${d.segment}`;
    case 'permit':
      return `permits ${d.action}${d.dimension === undefined ? '' : ` of ${d.dimension}`}`;
    case 'floor':
      return `${d.dimension} at least ${d.value}`;
    case 'task':
      return `task ${d.kind} for ${d.party}`;
  }
}

const TOPIC_OF: Readonly<Record<DecisionType, DecisionTopic>> = {
  bucket: 'bucket',
  classificationFloor: 'classification',
  transition: 'state',
  riskLevel: 'riskLevel',
  managementMode: 'managementMode',
  segment: 'segment',
  permit: 'permits',
  task: 'tasks',
  floor: 'dimension',
};

/**
 * Explains the decisions in force for a loan from the facts the rules saw: for the bucket, the
 * classification (every floor that holds, and the upgrade permit a non-performing class waits for), the
 * lifecycle state (the rule or event that moved the loan into it), the risk level, the management mode,
 * the collection segment, the permits and the task rules that hold, each rule with its policy id,
 * description and conditions — fact, operator, resolved value with the parameter it came from, the
 * fact's value, and whether it held. Pure; the facts are those of the end of the as-of day
 * (`factsAt` in the engine gives them). With `rule`, only that rule, explained even if it does not
 * hold; an unknown rule id fails with the nearest one.
 *
 * @example
 * ```ts
 * const { facts } = factsAt(history, cnDefaultPack(), day('2026-07-10'));
 * const r = explainDecisions(cnDefaultPack(), facts, { bucket: 'M4' });
 * if (r.ok) r.value.topics[1]; // { topic: 'classification', value: 'substandard', rules: [{ ruleId: 'floor-substandard', role: 'decides', … }, …] }
 * ```
 */
export function explainDecisions(pack: CompiledPack, facts: Facts, options: ExplainOptions = {}): Result<DecisionExplanation> {
  if (options.rule !== undefined && !pack.rules.some((r) => r.id === options.rule)) {
    return fail([issueFrom({ code: 'input.invalid', file: pack.files.manifest, path: 'rule' }, packText.noSuchRule(pack.id, pack.version, options.rule, pack.rules.map((r) => r.id)))]);
  }
  const source = options.files ?? (pack.id === 'cn-default' && pack.hash === cnDefaultPack().hash ? cnDefaultPackFiles : undefined);
  const descriptions = source === undefined ? new Map<string, string>() : ruleDescriptions(source);
  const verdict = (r: CompiledRule, seen: Facts = facts): RuleVerdict => {
    const trace = explainCondition(r.conditions, seen, pack.operators);
    const description = descriptions.get(r.id);
    return {
      ruleId: r.id,
      policyId: r.policyId,
      ...(description === undefined ? {} : { description }),
      file: r.file,
      priority: r.priority,
      decision: r.decision,
      decides: decisionWords(r.decision),
      held: trace.result,
      conditions: conditionOf(trace),
    };
  };
  const now = new Map(pack.rules.map((r) => [r.id, verdict(r)]));
  const as = (r: CompiledRule, role: RuleRole): ExplainedRule => ({ ...(now.get(r.id) as RuleVerdict), role });
  const holding = (type: DecisionType): CompiledRule[] => pack.rulesByType[type].filter((r) => now.get(r.id)?.held === true);

  const topics: TopicExplanation[] = [
    bucketTopic(holding('bucket'), options.bucket, as),
    classificationTopic(pack, facts, holding('classificationFloor'), as),
    ...pack.scales.dimensions.map((d) => dimensionTopic(pack, d, facts, holding('floor'), as)),
    stateTopic(pack, facts, holding('transition'), options.entered, verdict, as),
    firstMatchTopic('riskLevel', facts.riskLevel, holding('riskLevel'), 'low', 'risk level', as),
    firstMatchTopic('managementMode', facts.managementMode, holding('managementMode'), 'regular', 'management mode', as),
    firstMatchTopic('segment', facts.segment, holding('segment'), 'none', 'collection segment', as),
    permitsTopic(holding('permit'), as),
    tasksTopic(pack, holding('task'), options.tasks ?? [], as),
  ];
  const header = { pack: { id: pack.id, version: pack.version, hash: pack.hash } };
  const only = options.rule;
  if (only === undefined) return ok({ ...header, topics });

  const kept = topics.filter((t) => t.rules.some((r) => r.ruleId === only)).map((t) => narrowed(t, t.rules.filter((r) => r.ruleId === only), only));
  if (kept.length === 0) {
    const rule = pack.rules.find((r) => r.id === only) as CompiledRule;
    const dimension = rule.decision.type === 'floor' ? rule.decision.dimension : undefined;
    const topic = topics.find((t) => t.topic === TOPIC_OF[rule.decision.type] && t.dimension === dimension) as TopicExplanation;
    const v = now.get(only) as RuleVerdict;
    kept.push(narrowed(topic, [{ ...v, role: v.held ? 'alsoHolds' : 'notHeld' }], only));
  }
  return ok({ ...header, rule: only, topics: kept });
}

/** A decision showing only `rules` (of the rule asked about); its sentence names the rule that decides when that is another. */
function narrowed(t: TopicExplanation, rules: readonly ExplainedRule[], only: string): TopicExplanation {
  const deciding = t.topic === 'permits' || t.topic === 'tasks' ? [] : t.rules.filter((r) => (r.role === 'decides' || r.role === 'entered') && r.ruleId !== only);
  const named = deciding.map((r) => `rule ${r.ruleId} (${r.policyId})`).join(' and ');
  return { ...t, because: named === '' ? t.because : `${t.because} Here that is ${named}.`, rules };
}

type As = (r: CompiledRule, role: RuleRole) => ExplainedRule;

function bucketTopic(held: readonly CompiledRule[], inForce: Bucket | undefined, as: As): TopicExplanation {
  const winner = held[0];
  const decided = winner?.decision.type === 'bucket' ? winner.decision.bucket : undefined;
  if (winner === undefined || decided === undefined) {
    return { topic: 'bucket', value: inForce ?? 'none', because: `No bucket rule holds${inForce === undefined ? '' : `: the bucket stays ${inForce}, the last one decided`}.`, rules: [] };
  }
  const because =
    inForce !== undefined && inForce !== decided
      ? `The bucket rules now give ${decided}; ${inForce} stays in force until the loan is next evaluated.`
      : held.length > 1
        ? 'The bucket rule with the highest priority that holds decides.'
        : 'The bucket rule that holds decides.';
  return { topic: 'bucket', value: inForce ?? decided, because, rules: [as(winner, 'decides'), ...held.slice(1).map((r) => as(r, 'alsoHolds'))] };
}

function floorOf(r: CompiledRule): Classification {
  return r.decision.type === 'classificationFloor' ? r.decision.classification : 'pass';
}

function classificationTopic(pack: CompiledPack, facts: Facts, floors: readonly CompiledRule[], as: As): TopicExplanation {
  const value = facts.classification as Classification;
  let worst: Classification = 'pass';
  for (const r of floors) worst = worseOf(worst, floorOf(r));
  const byFloor = (r: CompiledRule): ExplainedRule => as(r, floorOf(r) === value ? 'decides' : 'alsoHolds');
  // Worst floor first: the deciding rules, then the milder ones.
  const listed = [...floors].sort((a, b) => classificationRank(floorOf(b)) - classificationRank(floorOf(a))).map(byFloor);
  if (classificationRank(value) > classificationRank(worst) && isNonPerforming(value)) {
    const upgrades = pack.rulesByType.permit.filter((r) => r.decision.type === 'permit' && r.decision.action === 'upgrade');
    const waits = upgrades.map((r) => as(r, 'notHeld')).filter((r) => !r.held);
    const floorWords = floors.length === 0 ? 'no classification floor holds' : `the worst floor that holds is ${worst}`;
    return {
      topic: 'classification',
      value,
      because:
        upgrades.length === 0
          ? `Kept: a non-performing class improves only when an upgrade permit holds (P-CL-7), and pack ${pack.id} has none; ${floorWords}.`
          : `Kept: a non-performing class improves only when an upgrade permit holds (P-CL-7), and none holds yet; ${floorWords}.`,
      rules: [...listed, ...waits],
    };
  }
  if (floors.length === 0) return { topic: 'classification', value, because: value === 'pass' ? 'No classification floor holds: the loan is pass.' : `No classification floor holds now; ${value} stays in force until the loan is next evaluated.`, rules: [] };
  return {
    topic: 'classification',
    value,
    because: worst === value ? (floors.length > 1 ? 'The worst classification floor that holds decides.' : 'The classification floor that holds decides.') : `The floors now give ${worst}; ${value} stays in force until the loan is next evaluated.`,
    rules: listed,
  };
}

/** A dimension of the pack: its floors, like the classification's, and the upgrade permit a sticky value waits for. */
function dimensionTopic(pack: CompiledPack, d: DimensionScale, facts: Facts, held: readonly CompiledRule[], as: As): TopicExplanation {
  const read = (facts as unknown as Readonly<Record<string, unknown>>)[d.name];
  const value = typeof read === 'string' ? read : (d.values[0] as string);
  const floors = held.filter((r) => r.decision.type === 'floor' && r.decision.dimension === d.name);
  const floorOfRule = (r: CompiledRule): string => (r.decision.type === 'floor' ? r.decision.value : (d.values[0] as string));
  let worst = d.values[0] as string;
  for (const r of floors) worst = worseValue(d, worst, floorOfRule(r));
  const rank = (v: string): number => d.values.indexOf(v);
  const listed = [...floors].sort((a, b) => rank(floorOfRule(b)) - rank(floorOfRule(a))).map((r) => as(r, floorOfRule(r) === value ? 'decides' : 'alsoHolds'));
  const base = { topic: 'dimension' as const, dimension: d.name, value };
  if (rank(value) > rank(worst) && d.sticky.includes(value)) {
    const upgrades = pack.rulesByType.permit.filter((r) => r.decision.type === 'permit' && r.decision.action === 'upgrade' && r.decision.dimension === d.name);
    const floorWords = floors.length === 0 ? `no floor of ${d.name} holds` : `the worst floor that holds is ${worst}`;
    return {
      ...base,
      because: `Kept: ${value} is sticky and improves only when an upgrade permit for ${d.name} holds, and ${upgrades.length === 0 ? `pack ${pack.id} has none` : 'none holds yet'}; ${floorWords}.`,
      rules: [...listed, ...upgrades.map((r) => as(r, 'notHeld')).filter((r) => !r.held)],
    };
  }
  if (floors.length === 0) return { ...base, because: value === d.values[0] ? `No floor of ${d.name} holds: it is ${value}.` : `No floor of ${d.name} holds now; ${value} stays in force until the loan is next evaluated.`, rules: [] };
  return { ...base, because: worst === value ? `The worst floor of ${d.name} that holds decides.` : `The floors now give ${worst}; ${value} stays in force until the loan is next evaluated.`, rules: listed };
}

function stateTopic(
  pack: CompiledPack,
  facts: Facts,
  held: readonly CompiledRule[],
  entered: StateEntry | undefined,
  verdict: (r: CompiledRule, seen?: Facts) => RuleVerdict,
  as: As,
): TopicExplanation {
  const value = facts.state as LifecycleState;
  const refused = held.filter((r) => r.decision.type === 'transition' && r.decision.to !== value).map((r) => as(r, 'refused'));
  const rules: ExplainedRule[] = [];
  let because: string;
  const rule = entered?.rule === undefined ? undefined : pack.rules.find((r) => r.id === entered.rule?.id);
  if (entered === undefined) because = value === 'normal' ? 'The loan has been normal since disbursement: no move yet.' : `No move into ${value} was given to explain.`;
  else if (entered.rule !== undefined && rule !== undefined) {
    because = `The loan moved from ${entered.from} to ${value} on ${entered.on} when this rule held (the values are those of that day).`;
    rules.push({ ...verdict(rule, entered.rule.facts), role: 'entered', on: entered.on });
  } else {
    because = `The loan moved from ${entered.from} to ${value} on ${entered.on}${entered.eventId === undefined ? '' : ` by event ${entered.eventId}`} (${entered.policyIds.join(', ')}).`;
  }
  if (refused.length > 0) because += ` ${refused.length === 1 ? 'A rule holds' : 'Rules hold'} whose move the lifecycle does not allow from ${value}.`;
  return { topic: 'state', value, because, rules: [...rules, ...refused] };
}

function firstMatchTopic(topic: 'riskLevel' | 'managementMode' | 'segment', value: string, held: readonly CompiledRule[], fallback: string, words: string, as: As): TopicExplanation {
  const winner = held[0];
  if (winner === undefined) {
    return { topic, value, because: value === fallback ? `No ${words} rule holds: ${fallback} by default.` : `No ${words} rule holds now; ${value} stays in force until the loan is next evaluated.`, rules: [] };
  }
  const d = winner.decision;
  const decided = d.type === 'riskLevel' ? d.level : d.type === 'managementMode' ? d.mode : d.type === 'segment' ? d.segment : undefined;
  const because =
    decided !== value
      ? `The ${words} rules now give ${decided ?? '?'}; ${value} stays in force until the loan is next evaluated.`
      : held.length > 1
        ? `The ${words} rule with the highest priority that holds decides.`
        : `The ${words} rule that holds decides.`;
  return { topic, value, because, rules: [as(winner, 'decides'), ...held.slice(1).map((r) => as(r, 'alsoHolds'))] };
}

function permitsTopic(held: readonly CompiledRule[], as: As): TopicExplanation {
  const actions = [...new Set(held.map((r) => (r.decision.type === 'permit' ? r.decision.action : '')))];
  return {
    topic: 'permits',
    value: actions,
    because: held.length === 0 ? 'No permit rule holds: an early agency placement, a write-off or an upgrade would be rejected.' : 'Each permit rule that holds allows its instruction.',
    rules: held.map((r) => as(r, 'decides')),
  };
}

function tasksTopic(pack: CompiledPack, held: readonly CompiledRule[], tasks: readonly OutstandingTask[], as: As): TopicExplanation {
  const byRule = new Map<string, OutstandingTask[]>();
  for (const t of tasks) byRule.set(t.ruleId, [...(byRule.get(t.ruleId) ?? []), t]);
  const withTasks = (r: ExplainedRule): ExplainedRule => {
    const own = byRule.get(r.ruleId);
    return own === undefined ? r : { ...r, tasks: own };
  };
  const heldIds = new Set(held.map((r) => r.id));
  // Rules with outstanding tasks first, then the others, each in pack order.
  const rules = [
    ...held.filter((r) => byRule.has(r.id)).map((r) => withTasks(as(r, 'decides'))),
    ...pack.rulesByType.task.filter((r) => !heldIds.has(r.id) && byRule.has(r.id)).map((r) => withTasks(as(r, 'notHeld'))),
    ...held.filter((r) => !byRule.has(r.id)).map((r) => as(r, 'decides')),
  ];
  const open = tasks.filter((t) => t.status === 'open').length;
  return {
    topic: 'tasks',
    value: tasks.map((t) => t.id),
    because: `${held.length} task rule${held.length === 1 ? ' holds' : 's hold'}; ${tasks.length} task${tasks.length === 1 ? ' is' : 's are'} outstanding (${open} open, ${tasks.length - open} past the deadline).`,
    rules,
  };
}
