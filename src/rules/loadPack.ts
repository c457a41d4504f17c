import { z } from 'zod';
import { fail, ok, type Result } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { fromZodIssues } from '../errors/fromZod';
import { checkJsonValue, parseJson } from '../errors/parseJson';
import { didYouMean, nearest } from '../errors/suggest';
import { parseRate, type Rate } from '../money/rate';
import { createCalendar, parseCalendarData, type BusinessCalendar } from '../time/calendar';
import { cnCalendarData } from '../time/cnCalendar';
import { parseDay, type Day } from '../time/day';
import { compileCondition, type Predicate } from './compile';
import { referencedFacts, validateConditions, type ConditionNode } from './conditions';
import { DECISION_PARAMS, DECISION_TYPES, type Decision, type DecisionType } from './decisions';
import { FACT_CATALOGUE, type FactName } from './facts';
import { contentHash } from './hash';
import { splitOperator } from './operators';
import { packManifestSchema, ruleFileSchemaWith, ruleSchemaWith, type PackManifest, type PolicyDeclaration } from './packSchema';
import { ENGINE_PARAMETERS } from './parameters';
import type { ContactLimits } from '../engine/contacts';
import { taskKindsFileSchema, type TaskKinds } from './taskKinds';
import { EVENT_TYPES } from '../history/events';
import type { AllocationComponent, Classification } from './vocabulary';

/** One rule after validation and compilation. */
export interface CompiledRule {
  /** Unique id of the rule inside the pack. */
  readonly id: string;
  /** The policy rule id (P-…) it encodes: json-rules-engine's `name`. */
  readonly policyId: string;
  readonly priority: number;
  /** File and position, for traces and error messages. */
  readonly file: string;
  readonly index: number;
  readonly conditions: ConditionNode;
  readonly test: Predicate;
  readonly decision: Decision;
  /** Facts the conditions read, recorded as the inputs of every decision the rule makes. */
  readonly facts: readonly FactName[];
}

/** A loaded, validated and compiled rule pack. Compile once, evaluate millions of times. */
export interface CompiledPack {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  readonly description?: string;
  readonly effectiveFrom: Day;
  readonly effectiveTo?: Day;
  readonly timeZone: string;
  readonly calendar: BusinessCalendar;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly allocationOrder: readonly AllocationComponent[];
  readonly limitationYears: number;
  /** Contact conduct limits (P-CS-11). */
  readonly contactLimits: ContactLimits;
  /** Every kind of task the rules may raise, with the events that close it. */
  readonly taskKinds: TaskKinds;
  readonly provisionRates: Readonly<Record<Classification, Rate>>;
  /** All rules, highest priority first, then in file order. */
  readonly rules: readonly CompiledRule[];
  readonly rulesByType: Readonly<Record<DecisionType, readonly CompiledRule[]>>;
  /** Values of time-driven facts at which some rule may change its mind; the engine wakes a loan there. */
  readonly thresholds: { readonly dpd: readonly number[]; readonly sinceDisbursement: readonly number[]; readonly unreachable: readonly number[]; readonly inState: readonly number[]; readonly sinceCure: readonly number[] };
  /** Some rule reads a fact that changes on due dates: wake on each due date and the day after. */
  readonly wakeOnDueDates: boolean;
  /** Some rule reads a fact that may change any day: the engine must look every day. */
  readonly wakeDaily: boolean;
  /** pack.json and the task-kinds file as messages name them (with the `dir` given to `loadPack`). */
  readonly files: { readonly manifest: string; readonly tasks?: string };
  /** The policy the pack declares it encodes (pack.json `"policy"`), checked by `lintPack`. */
  readonly policy?: PolicyDeclaration;
}

/**
 * The files of a pack: `pack.json` and the rule files it lists (and a calendar file if it names one),
 * each as JSON text or as an already-parsed value.
 */
export type PackFiles = Readonly<Record<string, unknown>>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function readFile(files: PackFiles, name: string, dir: string, issues: PostloanIssue[], from: { file: string; path: string; hint?: string }): unknown {
  if (!Object.prototype.hasOwnProperty.call(files, name)) {
    issues.push({
      code: 'pack.missingFile',
      file: from.file,
      path: from.path,
      message: `The pack has no file "${name}"`,
      hint: from.hint ?? `create ${dir}${name} or remove it from the list`,
    });
    return undefined;
  }
  const content = files[name];
  if (typeof content !== 'string') {
    // A caller passed a parsed value: it gets the checks parseJson gives text.
    const checked = checkJsonValue(content, `${dir}${name}`);
    if (checked.ok) return content;
    issues.push(...checked.issues);
    return undefined;
  }
  const parsed = parseJson(content, `${dir}${name}`);
  if (!parsed.ok) {
    issues.push(...parsed.issues);
    return undefined;
  }
  return parsed.value;
}

function stripSchema(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const { $schema: _ignored, ...rest } = doc as Record<string, unknown>;
  return rest;
}

function crossings(op: string, values: readonly number[]): number[] {
  const { decorators, base } = splitOperator(op);
  const out: number[] = [];
  for (const v of values) {
    if (decorators.length > 0 || base === 'equal' || base === 'notEqual' || base === 'in' || base === 'notIn') out.push(v, v + 1);
    else if (base === 'greaterThanInclusive' || base === 'lessThan') out.push(v);
    else out.push(v + 1);
  }
  return out;
}

function collectWakes(node: ConditionNode, acc: { dpd: Set<number>; since: Set<number>; unreachable: Set<number>; inState: Set<number>; sinceCure: Set<number>; dueDates: boolean; daily: boolean }): void {
  switch (node.kind) {
    case 'all':
    case 'any':
      node.items.forEach((i) => collectWakes(i, acc));
      return;
    case 'not':
      collectWakes(node.item, acc);
      return;
    case 'leaf': {
      const facts = node.value.kind === 'fact' ? [node.fact, node.value.fact] : [node.fact];
      for (const f of facts) {
        const evolves = FACT_CATALOGUE[f].evolves;
        if (evolves === 'dueDates') acc.dueDates = true;
        else if (evolves === 'daily') acc.daily = true;
        else if (evolves === 'dpd' || evolves === 'sinceDisbursement' || evolves === 'unreachable' || evolves === 'inState' || evolves === 'sinceCure') {
          if (node.value.kind === 'fact') {
            // Two time-driven facts compared with each other: no closed form, look daily.
            acc.daily = true;
            continue;
          }
          const raw = node.value.value;
          const values = (Array.isArray(raw) ? raw : [raw]).filter((x): x is number => typeof x === 'number');
          const set =
            evolves === 'dpd' ? acc.dpd : evolves === 'unreachable' ? acc.unreachable : evolves === 'inState' ? acc.inState : evolves === 'sinceCure' ? acc.sinceCure : acc.since;
          for (const c of crossings(node.operator, values)) if (c > 0) set.add(c);
        }
      }
    }
  }
}

const opaqueRuleFile = ruleFileSchemaWith(ruleSchemaWith(z.unknown()));

/** Keys a pack file may hold, offered as suggestions for misspelt ones. */
const PACK_KEYS = [...Object.keys(packManifestSchema.shape)];
const RULE_KEYS = ['$schema', 'description', 'rules', 'id', 'name', 'priority', 'conditions', 'event', 'type', 'params'];

/** pack.json with a schema problem: keep what can still be used to check the rule files. */
function salvageManifest(raw: unknown): PackManifest {
  const m = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const parameters = m['parameters'] !== null && typeof m['parameters'] === 'object' && !Array.isArray(m['parameters']) ? (m['parameters'] as Record<string, unknown>) : {};
  const calendar = m['calendar'];
  return {
    id: text(m['id']),
    version: text(m['version']),
    effectiveFrom: text(m['effectiveFrom']),
    calendar: calendar !== null && typeof calendar === 'object' && typeof (calendar as { file?: unknown }).file === 'string' && /^[\w.-]+\.json$/.test((calendar as { file: string }).file) ? { file: (calendar as { file: string }).file } : 'cn',
    calendarFallback: m['calendarFallback'] === 'weekends' ? 'weekends' : 'error',
    timeZone: text(m['timeZone']),
    rules: Array.isArray(m['rules']) ? m['rules'].filter((r): r is string => typeof r === 'string' && /^[\w.-]+\.json$/.test(r)) : [],
    ...(typeof m['tasks'] === 'string' && /^[\w.-]+\.json$/.test(m['tasks']) ? { tasks: m['tasks'] } : {}),
    parameters,
  };
}

let zones: string[] | undefined;
function timeZoneNames(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC'];
  return zones;
}

/** A task rule must name a kind the pack defines, and an anchor event that exists. */
function checkTaskDecision(
  d: Extract<Decision, { type: 'task' }>,
  kinds: TaskKinds,
  kindsFile: string | undefined,
  file: string,
  at: string,
  issues: PostloanIssue[],
): void {
  if (!Object.prototype.hasOwnProperty.call(kinds, d.kind)) {
    issues.push({
      code: 'pack.unknownTaskKind',
      file,
      path: `${at}.kind`,
      message: `Unknown task kind "${d.kind}"`,
      hint:
        kindsFile === undefined
          ? 'name a task-kinds file in pack.json ("tasks": "task-kinds.json") and define the kind there'
          : nearest(d.kind, Object.keys(kinds)) !== undefined
            ? `did you mean "${nearest(d.kind, Object.keys(kinds)) ?? ''}"? If not, define "${d.kind}" in ${kindsFile}`
            : `define "${d.kind}" in ${kindsFile}`,
    });
  }
  if (d.event !== undefined && !(EVENT_TYPES as readonly string[]).includes(d.event)) {
    issues.push({ code: 'pack.invalid', file, path: `${at}.event`, message: `Unknown event type "${d.event}"`, hint: didYouMean(d.event, EVENT_TYPES) });
  }
}

/**
 * A planned cadence never schedules a breach (P-CS-11): a task done by calls that needs more calls in
 * its window than the conduct rules allow to one number is refused. Windows in calendar days only; a
 * working-day window cannot be sized before the dates are known.
 */
function checkCadence(
  d: Extract<Decision, { type: 'task' }>,
  kinds: TaskKinds,
  limits: ContactLimits | undefined,
  file: string,
  at: string,
  issues: PostloanIssue[],
): void {
  const times = d.times ?? 1;
  const kind = Object.prototype.hasOwnProperty.call(kinds, d.kind) ? kinds[d.kind] : undefined;
  if (times <= 1 || limits === undefined || kind === undefined || !kind.closedBy.some((c) => c.event === 'contactAttempt')) return;
  if (!('days' in d.due)) return;
  let opens: number;
  if (d.opens === undefined) opens = d.anchor.startsWith('eachMissed') ? 1 : Math.min(0, d.due.days);
  else if (d.opens !== 'periodStart' && 'days' in d.opens) opens = d.opens.days;
  else return;
  const days = d.due.days - opens + 1;
  if (days >= 1 && times > limits.maxCallsPerNumberPerDay * days) {
    issues.push({
      code: 'pack.cadenceBreach',
      file,
      path: `${at}.times`,
      message: `The task needs ${times} calls in ${days} day${days === 1 ? '' : 's'}, more than contactConduct allows to one number (${limits.maxCallsPerNumberPerDay} a day): the cadence would schedule a breach of P-CS-11`,
      hint: `lower "times" to at most ${limits.maxCallsPerNumberPerDay * days}, or widen the window between "opens" and "due"`,
    });
  }
}

/** A decision's params with a value outside its list: "Unknown state \"outsource\"", did you mean. */
function decisionParamIssues(zodIssues: readonly z.core.$ZodIssue[], params: unknown, file: string, at: string): PostloanIssue[] {
  return zodIssues.map((issue) => {
    const key = issue.path[0];
    const given = typeof key === 'string' && params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[key] : undefined;
    if (issue.code === 'invalid_value' && typeof key === 'string' && typeof given === 'string') {
      const values = issue.values.map(String);
      return { code: 'pack.invalid', file, path: `${at}.${key}`, message: `Unknown ${key === 'to' ? 'state' : key} "${given}"`, hint: didYouMean(given, values) };
    }
    return fromZodIssues([issue], file, [], RULE_KEYS).map((i) => ({ ...i, path: i.path === '' ? at : `${at}.${i.path}` }))[0] as PostloanIssue;
  });
}

/**
 * Loads a rule pack from its files: validates every file against the pack schema and the fact
 * catalogue, resolves `{ "param": … }` values, and compiles each rule's conditions into a predicate.
 * Reports every problem of every file at once.
 *
 * @example
 * ```ts
 * const r = loadPack({ 'pack.json': manifestText, 'lifecycle.json': rulesText }, { dir: 'rules/my-pack/' });
 * if (!r.ok) console.error(formatIssues(r.issues));
 * ```
 */
export function loadPack(files: PackFiles, options: { readonly dir?: string } = {}): Result<CompiledPack> {
  const dir = options.dir ?? '';
  const issues: PostloanIssue[] = [];
  const manifestFile = `${dir}pack.json`;
  const rawManifest = readFile(files, 'pack.json', dir, issues, { file: manifestFile, path: '' });
  if (rawManifest === undefined) return fail(issues);
  const parsedManifest = packManifestSchema.safeParse(rawManifest);
  if (!parsedManifest.success) issues.push(...fromZodIssues(parsedManifest.error.issues, manifestFile, [], PACK_KEYS));
  // Even when pack.json has problems, check everything that can still be checked, so one run reports
  // every problem of every file.
  const manifest = parsedManifest.success ? parsedManifest.data : salvageManifest(rawManifest);

  const effectiveFrom = manifest.effectiveFrom === '' ? undefined : parseDay(manifest.effectiveFrom);
  if (effectiveFrom === undefined && parsedManifest.success) issues.push({ code: 'date.invalid', file: manifestFile, path: 'effectiveFrom', message: `"${manifest.effectiveFrom}" is not a calendar date`, hint: 'use a real date, YYYY-MM-DD' });
  const effectiveTo = manifest.effectiveTo === undefined ? undefined : parseDay(manifest.effectiveTo);
  if (manifest.effectiveTo !== undefined && effectiveTo === undefined) issues.push({ code: 'date.invalid', file: manifestFile, path: 'effectiveTo', message: `"${manifest.effectiveTo}" is not a calendar date`, hint: 'use a real date, YYYY-MM-DD' });
  if (effectiveFrom !== undefined && effectiveTo !== undefined && effectiveTo < effectiveFrom) {
    issues.push({ code: 'pack.invalid', file: manifestFile, path: 'effectiveTo', message: 'effectiveTo is before effectiveFrom', hint: 'swap the dates or remove effectiveTo' });
  }
  if (manifest.timeZone !== '' && !isTimeZone(manifest.timeZone)) {
    const near = nearest(manifest.timeZone, timeZoneNames());
    issues.push({
      code: 'pack.invalid',
      file: manifestFile,
      path: 'timeZone',
      message: `Unknown time zone "${manifest.timeZone}"`,
      hint: near === undefined ? 'use an IANA time zone name such as "Asia/Shanghai"' : `did you mean "${near}"?`,
    });
  }

  // Engine parameters: each must be present and well-formed.
  const engineValues: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(ENGINE_PARAMETERS)) {
    if (!Object.prototype.hasOwnProperty.call(manifest.parameters, name)) {
      if (parsedManifest.success || Object.keys(manifest.parameters).length > 0) {
        issues.push({
          code: 'pack.missingParam',
          file: manifestFile,
          path: 'parameters',
          message: `The parameter "${name}" is missing: ${def.description}`,
          hint: `add "${name}": ${JSON.stringify(def.example)} under "parameters"`,
        });
      }
      continue;
    }
    const r = def.schema.safeParse(manifest.parameters[name]);
    if (r.success) engineValues[name] = r.data;
    else
      issues.push(
        ...fromZodIssues(r.error.issues, manifestFile, ['parameters', name]).map((i) => ({
          ...i,
          message: `Parameter "${name}": ${i.message}`,
          hint: `e.g. "${name}": ${JSON.stringify(def.example)}`,
        })),
      );
  }

  // Calendar.
  let calendar: BusinessCalendar | undefined;
  let calendarDocument: unknown;
  const calendarOptions = { outsideCoverage: manifest.calendarFallback };
  if (manifest.calendar === 'cn') calendar = createCalendar(cnCalendarData, calendarOptions);
  else {
    const name = manifest.calendar.file;
    const raw = readFile(files, name, dir, issues, {
      file: manifestFile,
      path: 'calendar.file',
      hint: `create ${dir}${name}, or set "calendar": "cn" to use the built-in PRC calendar`,
    });
    if (raw !== undefined) {
      calendarDocument = stripSchema(raw);
      const data = parseCalendarData(calendarDocument, `${dir}${name}`);
      if (data.ok) calendar = createCalendar(data.value, calendarOptions);
      else issues.push(...data.issues);
    }
  }

  // Task kinds.
  let taskKinds: TaskKinds = {};
  let taskKindsDocument: unknown;
  if (manifest.tasks !== undefined) {
    const raw = readFile(files, manifest.tasks, dir, issues, { file: manifestFile, path: 'tasks', hint: `create ${dir}${manifest.tasks}, or remove "tasks" if the pack raises no tasks` });
    if (raw !== undefined) {
      taskKindsDocument = stripSchema(raw);
      const parsed = taskKindsFileSchema.safeParse(raw);
      if (parsed.success) taskKinds = parsed.data.kinds;
      else issues.push(...fromZodIssues(parsed.error.issues, `${dir}${manifest.tasks}`, [], ['$schema', 'description', 'kinds', 'closedBy', 'event', 'match', 'sameParty']));
    }
  }

  // Rules.
  const rules: CompiledRule[] = [];
  const usedParameters = new Set<string>();
  const reportedParameters = new Set<string>();
  const seenIds = new Map<string, string>();
  const documents: unknown[] = [stripSchema(rawManifest)];
  let order = 0;
  manifest.rules.forEach((name, fileIndex) => {
    const raw = readFile(files, name, dir, issues, { file: manifestFile, path: `rules[${fileIndex}]` });
    if (raw === undefined) return;
    documents.push(stripSchema(raw));
    const file = `${dir}${name}`;
    const parsed = opaqueRuleFile.safeParse(raw);
    if (!parsed.success) {
      issues.push(...fromZodIssues(parsed.error.issues, file, [], RULE_KEYS));
      return;
    }
    parsed.data.rules.forEach((rule, i) => {
      const at = `rules[${i}]`;
      const previous = seenIds.get(rule.id);
      if (previous !== undefined) {
        issues.push({ code: 'pack.duplicateRule', file, path: `${at}.id`, message: `Rule id "${rule.id}" is already used in ${previous}`, hint: 'give every rule of the pack its own id' });
      } else seenIds.set(rule.id, `${file} ${at}`);
      const conditions = validateConditions(rule.conditions, `${at}.conditions`, { file, manifestFile, parameters: manifest.parameters, issues, usedParameters, reportedParameters });
      let decision: Decision | undefined;
      const type = rule.event.type;
      if (!(DECISION_TYPES as readonly string[]).includes(type)) {
        issues.push({ code: 'pack.unknownEventType', file, path: `${at}.event.type`, message: `Unknown decision type "${type}"`, hint: didYouMean(type, DECISION_TYPES) });
      } else {
        const p = DECISION_PARAMS[type as DecisionType].safeParse(rule.event.params ?? {});
        if (p.success) {
          decision = { type, ...p.data } as Decision;
          if (decision.type === 'task') {
            checkTaskDecision(decision, taskKinds, manifest.tasks, file, `${at}.event.params`, issues);
            checkCadence(decision, taskKinds, engineValues['contactConduct'] as ContactLimits | undefined, file, `${at}.event.params`, issues);
          }
        }
        else issues.push(...decisionParamIssues(p.error.issues, rule.event.params, file, `${at}.event.params`));
      }
      if (conditions !== undefined && decision !== undefined) {
        rules.push({
          id: rule.id,
          policyId: rule.name,
          priority: rule.priority ?? 1,
          file,
          index: order++,
          conditions,
          test: compileCondition(conditions),
          decision,
          facts: referencedFacts(conditions),
        });
      }
    });
  });
  if (calendarDocument !== undefined) documents.push(calendarDocument);
  if (taskKindsDocument !== undefined) documents.push(taskKindsDocument);

  if (issues.length > 0 || calendar === undefined || effectiveFrom === undefined) return fail(issues);

  rules.sort((a, b) => b.priority - a.priority || a.index - b.index);
  const rulesByType = Object.fromEntries(DECISION_TYPES.map((t) => [t, rules.filter((r) => r.decision.type === t)])) as Record<DecisionType, CompiledRule[]>;
  const acc = { dpd: new Set<number>(), since: new Set<number>(), unreachable: new Set<number>(), inState: new Set<number>(), sinceCure: new Set<number>(), dueDates: false, daily: false };
  for (const r of rules) collectWakes(r.conditions, acc);
  const provisionRates = Object.fromEntries(
    Object.entries(engineValues['provisionRates'] as Record<string, string>).map(([k, v]) => [k, parseRate(v) as Rate]),
  ) as Record<Classification, Rate>;

  return ok({
    id: manifest.id,
    version: manifest.version,
    hash: contentHash(documents),
    ...(manifest.description === undefined ? {} : { description: manifest.description }),
    effectiveFrom,
    ...(effectiveTo === undefined ? {} : { effectiveTo }),
    timeZone: manifest.timeZone,
    calendar,
    parameters: manifest.parameters,
    allocationOrder: engineValues['allocationOrder'] as AllocationComponent[],
    limitationYears: engineValues['limitationYears'] as number,
    taskKinds,
    provisionRates,
    rules,
    rulesByType,
    thresholds: {
      dpd: [...acc.dpd].sort((a, b) => a - b),
      sinceDisbursement: [...acc.since].sort((a, b) => a - b),
      unreachable: [...acc.unreachable].sort((a, b) => a - b),
      inState: [...acc.inState].sort((a, b) => a - b),
      sinceCure: [...acc.sinceCure].sort((a, b) => a - b),
    },
    contactLimits: engineValues['contactConduct'] as ContactLimits,
    wakeOnDueDates: acc.dueDates,
    wakeDaily: acc.daily,
    files: { manifest: manifestFile, ...(manifest.tasks === undefined ? {} : { tasks: `${dir}${manifest.tasks}` }) },
    ...(manifest.policy === undefined ? {} : { policy: manifest.policy }),
  });
}
