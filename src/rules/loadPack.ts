import { z } from 'zod';
import { fail, ok, type Result } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { fromZodIssues } from '../errors/fromZod';
import { parseRate, type Rate } from '../money/rate';
import { createCalendar, parseCalendarData, type BusinessCalendar } from '../time/calendar';
import { cnCalendarData } from '../time/cnCalendar';
import { dayProblem, FIRST_INPUT_DAY, LAST_INPUT_DAY, parseDay, type Day } from '../time/day';
import type { IssueText } from '../contract/messages';
import { compileCondition, hostResolver, type Predicate } from './compile';
import { referencedFacts, validateConditions, type ConditionNode } from './conditions';
import { DECISION_PARAMS, DECISION_TYPES, type Decision, type DecisionType } from './decisions';
import { specOf, type FactName } from './facts';
import { MAX_DIMENSIONS, type PackScales } from './scales';
import { contentHash } from './hash';
import { BASE_OPERATORS, DECORATORS, splitOperator, type HostOperator, type HostOperators } from './operators';
import type { DataDeclarations } from './dataDeclarations';
import { compileTable, tableIssuePath } from './decisionTable';
import { readPackFile, resolvePackChain, type PackFileRef, type PackLevel } from './extendPack';
import { decisionTableSchema, ruleFileSchemaWith, ruleSchemaWith, type PolicyDeclaration } from './packSchema';
import { ENGINE_PARAMETERS } from './parameters';
import type { ContactLimits } from '../engine/contacts';
import type { MaterialityThreshold } from '../engine/materiality';
import { materialityOf } from './materialityParameters';
import { taskKindsFileSchema, type TaskKindDefinition, type TaskKinds } from './taskKinds';
import { checkCadence, checkDimensionDecision, checkScaleDecision, checkTaskDecision } from './checkDecisionParams';
import type { AllocationComponent, Classification } from './vocabulary';
import { isTimeZone } from '../time/timeZone';
import { appendAll } from '../errors/appendAll';
import { packText } from './packMessages';
import { issueFrom, reissue } from '../errors/issueText';
import { DEFAULT_STATECHART } from '../workflow/lifecycle';
import { parseStatechart, salvageStateNames } from '../workflow/parseStatechart';
import { createStatechart, type Statechart } from '../workflow/statechart';

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
  readonly thresholds: Readonly<Record<Counting, readonly number[]>>;
  /** The materiality threshold of past-due amounts, when the pack sets its parameters (2018/171). */
  readonly materiality?: MaterialityThreshold;
  /**
   * Some rule reads a fact that changes on due dates, or the pack sets a materiality threshold: the
   * engine looks on a due date and the day after whenever one of those facts can change there — always
   * when the instalment is not fully paid, and when it was paid ahead only for the facts of
   * `dueDatesPaidAhead` (see `nextWake`).
   */
  readonly wakeOnDueDates: boolean;
  /**
   * The due-date facts some rule reads that change on a due date even when its instalment was paid
   * ahead: `onTimeSinceCure` counts every instalment fallen due after a cure, and `consecutiveMissed`
   * falls back to 0 after a missed instalment. The others (`overduePrincipal`, `overdueInterest`,
   * `materialPastDue`, `cumulativeMissed`, material arrears) change only through an unpaid instalment.
   */
  readonly dueDatesPaidAhead: { readonly onTimeSinceCure: boolean; readonly consecutiveMissed: boolean };
  /** Some rule reads a fact that may change any day: the engine must look every day. */
  readonly wakeDaily: boolean;
  /**
   * pack.json, the task-kinds file (the nearest pack's) and the pack's own statechart as messages name
   * them (with the `dir` given to `loadPack`); `taskKinds`, the file each task kind comes from, when task
   * kinds are merged from several packs of the chain.
   */
  readonly files: { readonly manifest: string; readonly tasks?: string; readonly statechart?: string; readonly taskKinds?: Readonly<Record<string, string>> };
  /** The policy the pack declares it encodes (pack.json `"policy"`), checked by `lintPack`. */
  readonly policy?: PolicyDeclaration;
  /** The custom operators the pack requires, as the host provided them to `loadPack`. */
  readonly operators?: HostOperators;
  /** The attributes and observations the pack declares (pack.json), when it declares any. */
  readonly declarations?: DataDeclarations;
  /** The lifecycle statechart: the pack's own (`"statechart"` in pack.json) or the default one. */
  readonly statechart: Statechart;
  /** The pack's scales (pack.json `"scales"`, merged along its `extends` chain). */
  readonly scales: PackScales;
}

/**
 * What `loadPack` needs besides the files.
 *
 * @example
 * ```ts
 * const options: LoadPackOptions = { dir: 'rules/dealer/', operators: { startsWith: (f, v) => String(f).startsWith(String(v)) } };
 * ```
 */
export interface LoadPackOptions {
  /** The pack's directory as messages name its files, ending with "/". */
  readonly dir?: string;
  /**
   * Custom operators the host program provides, by name: a pack that lists one under
   * `"requires": { "operators": [...] }` may use it in its conditions. Must be pure functions.
   */
  readonly operators?: Readonly<Record<string, HostOperator>>;
  /**
   * Checking a pack without its host (`postloan validate`): a required operator that is not provided is
   * taken as present, by a stand-in that throws if a rule is ever evaluated.
   */
  readonly assumeRequiredOperators?: boolean;
}

/**
 * The host operators a pack requires, checked: each required one provided and a function, none named
 * like a built-in operator or decorator. Problems go to `issues`; returns the usable table.
 */
function hostOperatorsFor(required: readonly string[], provided: Readonly<Record<string, unknown>> | undefined, assume: boolean, manifestFile: string, issues: PostloanIssue[]): HostOperators {
  const table = Object.create(null) as Record<string, HostOperator>;
  const builtIn = (name: string): boolean => BASE_OPERATORS[name] !== undefined || DECORATORS[name] !== undefined;
  for (const name of Object.keys(provided ?? {})) {
    if (builtIn(name)) {
      issues.push({ code: 'pack.invalid', path: `operators.${name}`, message: `The host operator "${name}" has the name of a built-in operator`, hint: 'give the custom operator a name of its own, e.g. "startsWith"' });
    }
  }
  required.forEach((name) => {
    const fn = provided !== undefined && Object.prototype.hasOwnProperty.call(provided, name) ? provided[name] : undefined;
    if (builtIn(name)) {
      issues.push({ code: 'pack.invalid', file: manifestFile, path: 'requires.operators', message: `"${name}" is a built-in operator; the pack need not require it`, hint: `remove "${name}" from "requires.operators"` });
    } else if (fn === undefined && assume) {
      table[name] = () => {
        throw new Error(`the custom operator "${name}" is provided by the host program; this pack was loaded only to be checked`);
      };
    } else if (typeof fn !== 'function') {
      issues.push({
        code: 'pack.missingOperator',
        file: manifestFile,
        path: 'requires.operators',
        message: `The pack requires the custom operator "${name}", which ${fn === undefined ? 'was not provided' : 'is not a function'}`,
        hint: `load the pack from a program that registers it: loadPack(files, { operators: { ${name}: (factValue, value) => … } }); the postloan command line provides no custom operators`,
      });
    } else table[name] = fn as HostOperator;
  });
  return Object.freeze(table);
}

/**
 * The files of a pack: `pack.json` and the rule files it lists (and a calendar file if it names one),
 * each as JSON text or as an already-parsed value.
 */
export type PackFiles = Readonly<Record<string, unknown>>;

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

/**
 * Time-driven facts whose thresholds the engine wakes a loan on, by their `evolves`.
 *
 * @example
 * ```ts
 * const kind: Counting = 'materialDpd';
 * pack.thresholds[kind]; // [91]: the values at which a rule on materialDpd may change its mind
 * ```
 */
export type Counting = 'dpd' | 'sinceDisbursement' | 'unreachable' | 'inState' | 'sinceCure' | 'materialDpd' | 'sinceMaterialArrears' | 'sinceRestructuring' | 'sinceMaterialEvent';
const COUNTING_FACTS: readonly string[] = [
  'dpd',
  'sinceDisbursement',
  'unreachable',
  'inState',
  'sinceCure',
  'materialDpd',
  'sinceMaterialArrears',
  'sinceRestructuring',
  'sinceMaterialEvent',
] satisfies readonly Counting[];
type WakeAcc = Record<Counting, Set<number>> & { dueDates: boolean; daily: boolean; readonly dueDateFacts: Set<string> };

function collectWakes(node: ConditionNode, acc: WakeAcc): void {
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
        const evolves = specOf(f).evolves;
        if (evolves === 'dueDates') {
          acc.dueDates = true;
          acc.dueDateFacts.add(f);
        } else if (evolves === 'daily') acc.daily = true;
        else if (COUNTING_FACTS.includes(evolves)) {
          // A material arrear may begin on a due date or the day after: the engine looks on both.
          if (evolves === 'materialDpd' || evolves === 'sinceMaterialArrears') acc.dueDates = true;
          if (node.value.kind === 'fact') {
            // Two time-driven facts compared with each other: no closed form, look daily.
            acc.daily = true;
            continue;
          }
          const raw = node.value.value;
          const values = (Array.isArray(raw) ? raw : [raw]).filter((x): x is number => typeof x === 'number');
          const set = acc[evolves as Counting];
          for (const c of crossings(node.operator, values)) if (c > 0) set.add(c);
        }
      }
    }
  }
}

const opaqueRuleFile = ruleFileSchemaWith(ruleSchemaWith(z.unknown()));
const opaqueRule = ruleSchemaWith(z.unknown());
/** What a rule needs for its conditions and decision to be checked, whatever else is wrong with it. */
const checkableRule = z.looseObject({
  conditions: z.unknown(),
  event: z.looseObject({ type: z.string(), params: z.record(z.string(), z.unknown()).optional() }),
});

/** A rule as the checks read it; `id` is missing when the rule's own id is invalid. */
interface SalvagedRule {
  readonly id?: string;
  readonly name: string;
  readonly priority?: number | undefined;
  readonly conditions: unknown;
  readonly event: { readonly type: string; readonly params?: Record<string, unknown> | undefined };
}

/**
 * The rules and tables of a rule file that failed its schema which can still be checked: each rule
 * or table parsed on its own. A rule whose own shape is wrong (a missing id, an unknown key) still has
 * its conditions and decision checked when they are there; it is never compiled.
 */
function salvageRuleFile(raw: unknown): {
  ruleList: { rule: SalvagedRule; i: number }[];
  tableList: { table: z.output<typeof decisionTableSchema>; t: number }[];
} {
  const ruleList: { rule: SalvagedRule; i: number }[] = [];
  const tableList: { table: z.output<typeof decisionTableSchema>; t: number }[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ruleList, tableList };
  const { rules, tables } = raw as { rules?: unknown; tables?: unknown };
  if (Array.isArray(rules)) {
    rules.slice(0, 1000).forEach((r: unknown, i) => {
      const strict = opaqueRule.safeParse(r);
      if (strict.success) {
        ruleList.push({ rule: strict.data, i });
        return;
      }
      const loose = checkableRule.safeParse(r);
      if (!loose.success) return;
      const id = (r as { id?: unknown }).id;
      const validId = typeof id === 'string' && opaqueRule.shape.id.safeParse(id).success;
      ruleList.push({ rule: { ...(validId ? { id } : {}), name: '', conditions: loose.data.conditions, event: loose.data.event }, i });
    });
  }
  if (Array.isArray(tables)) {
    tables.slice(0, 100).forEach((table: unknown, t) => {
      const parsed = decisionTableSchema.safeParse(table);
      if (parsed.success) tableList.push({ table: parsed.data, t });
    });
  }
  return { ruleList, tableList };
}

/** Keys a rule file may hold, offered as suggestions for misspelt ones. */
const RULE_KEYS = ['$schema', 'description', 'rules', 'tables', 'id', 'name', 'priority', 'conditions', 'event', 'type', 'params', 'decision', 'hitPolicy', 'inputs', 'rows', 'when', 'then'];

let zones: string[] | undefined;
function timeZoneNames(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC'];
  return zones;
}

/** An effective date that is not a real date, or one outside the supported range. */
function badDay(value: string): IssueText {
  const problem = dayProblem(value);
  return packText.badDay(value, problem === undefined || problem === 'is not a calendar date' ? 'calendar' : 'range', FIRST_INPUT_DAY, LAST_INPUT_DAY);
}

/** A decision's params with a value outside its list: "Unknown state \"outsource\"", did you mean. */
function decisionParamIssues(zodIssues: readonly z.core.$ZodIssue[], params: unknown, file: string, at: string, paramKeys: readonly string[]): PostloanIssue[] {
  return zodIssues.map((issue) => {
    const key = issue.path[0];
    const given = typeof key === 'string' && params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[key] : undefined;
    if (issue.code === 'invalid_value' && typeof key === 'string' && typeof given === 'string') {
      const values = issue.values.map(String);
      return issueFrom({ code: 'pack.invalid', file, path: `${at}.${key}` }, packText.unknownParamValue(key, given, values));
    }
    // An unknown param is matched against the params of this decision type, not the keys of a rule.
    return fromZodIssues([issue], file, [], paramKeys).map((i) => {
      const path = i.path === '' ? at : `${at}.${i.path}`;
      // The message names the path relative to the params; name it from the file's root like the location.
      const { message: _message, hint: _hint, ...fields } = i;
      return issueFrom({ ...fields, path }, packText.relocated(i, i.path, path));
    })[0] as PostloanIssue;
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
export function loadPack(files: PackFiles, options: LoadPackOptions = {}): Result<CompiledPack> {
  const dir = options.dir ?? '';
  const issues: PostloanIssue[] = [];
  const manifestFile = `${dir}pack.json`;
  // pack.json, and through "extends" the packs it varies, resolved into one manifest. Even when a
  // pack.json has problems, check everything that can still be checked, so one run reports every
  // problem of every file.
  const manifest = resolvePackChain(files, dir, issues);
  if (manifest === undefined) return fail(issues);
  const parsedManifest = { success: manifest.complete && manifest.levels.every((l) => l.valid) };

  const effectiveFrom = manifest.effectiveFrom === '' ? undefined : parseDay(manifest.effectiveFrom);
  if (effectiveFrom === undefined && parsedManifest.success) issues.push(issueFrom({ code: 'date.invalid', file: manifestFile, path: 'effectiveFrom' }, badDay(manifest.effectiveFrom)));
  const effectiveTo = manifest.effectiveTo === undefined ? undefined : parseDay(manifest.effectiveTo);
  if (manifest.effectiveTo !== undefined && effectiveTo === undefined) issues.push(issueFrom({ code: 'date.invalid', file: manifestFile, path: 'effectiveTo' }, badDay(manifest.effectiveTo)));
  if (effectiveFrom !== undefined && effectiveTo !== undefined && effectiveTo < effectiveFrom) {
    issues.push(issueFrom({ code: 'pack.invalid', file: manifestFile, path: 'effectiveTo' }, packText.effectiveToBeforeFrom()));
  }
  if (manifest.timeZone !== '' && !isTimeZone(manifest.timeZone)) {
    issues.push(issueFrom({ code: 'pack.invalid', file: manifest.sources.timeZone, path: 'timeZone' }, packText.unknownTimeZone(manifest.timeZone, timeZoneNames())));
  }

  // Engine parameters: each must be present and well-formed.
  const engineValues: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(ENGINE_PARAMETERS)) {
    if (!Object.prototype.hasOwnProperty.call(manifest.parameters, name)) {
      if (parsedManifest.success || (manifest.complete && Object.keys(manifest.parameters).length > 0)) {
        issues.push(issueFrom({ code: 'pack.missingParam', file: manifestFile, path: 'parameters' }, packText.missingParam(name, def.description, def.example)));
      }
      continue;
    }
    const r = def.schema.safeParse(manifest.parameters[name]);
    if (r.success) engineValues[name] = r.data;
    else
      issues.push(
        ...fromZodIssues(r.error.issues, manifest.sources.parameters[name] ?? manifestFile, ['parameters', name]).map((i) => {
          const { message: _message, hint: _hint, ...fields } = i;
          return issueFrom(fields, packText.badParam(name, i, def.example));
        }),
      );
  }

  // Calendar.
  let calendar: BusinessCalendar | undefined;
  let calendarDocument: unknown;
  const calendarOptions = { outsideCoverage: manifest.calendarFallback };
  if (manifest.calendar === 'cn') calendar = createCalendar(cnCalendarData, calendarOptions);
  else {
    const raw = readPackFile(files, manifest.calendar, issues);
    if (raw !== undefined) {
      calendarDocument = stripSchema(raw);
      const data = parseCalendarData(calendarDocument, manifest.calendar.file);
      if (data.ok) calendar = createCalendar(data.value, calendarOptions);
      else appendAll(issues, data.issues);
    }
  }

  // Task kinds: every task-kinds file of the chain, the base pack's first, merged kind by kind.
  const taskKinds: Record<string, TaskKindDefinition> = Object.create(null) as Record<string, TaskKindDefinition>;
  const taskKindFiles: Record<string, string> = Object.create(null) as Record<string, string>;
  const taskKindsDocuments: unknown[] = [];
  for (const ref of manifest.taskFiles) {
    const raw = readPackFile(files, ref, issues);
    if (raw === undefined) continue;
    taskKindsDocuments.push(stripSchema(raw));
    const parsed = taskKindsFileSchema.safeParse(raw);
    if (!parsed.success) {
      appendAll(issues, fromZodIssues(parsed.error.issues, ref.file, [], ['$schema', 'description', 'kinds', 'closedBy', 'event', 'match', 'sameParty']));
      continue;
    }
    for (const [kind, definition] of Object.entries(parsed.data.kinds)) {
      taskKinds[kind] = definition;
      taskKindFiles[kind] = ref.file;
    }
  }

  // The lifecycle statechart, before the rules: their transitions and `state` values name its states.
  let statechart: Statechart | undefined = DEFAULT_STATECHART;
  let stateNames: readonly string[] | undefined = DEFAULT_STATECHART.states;
  let statechartDocument: unknown;
  if (manifest.statechart !== undefined) {
    statechart = undefined;
    const raw = readPackFile(files, manifest.statechart, issues);
    stateNames = raw === undefined ? undefined : salvageStateNames(raw);
    if (raw !== undefined) {
      statechartDocument = stripSchema(raw);
      const parsed = parseStatechart(raw, manifest.statechart.file);
      if (parsed.ok) statechart = createStatechart(parsed.value);
      else appendAll(issues, parsed.issues);
    }
  }

  const rates = engineValues['provisionRates'] as Record<string, string> | undefined;
  if (rates !== undefined) {
    const { tiers } = manifest.scales.classification;
    const missing = tiers.filter((t) => !Object.hasOwn(rates, t));
    const extra = Object.keys(rates).filter((t) => !tiers.includes(t));
    if (missing.length > 0 || extra.length > 0) {
      issues.push(issueFrom({ code: 'pack.invalid', file: manifest.sources.parameters['provisionRates'] ?? manifestFile, path: 'parameters.provisionRates' }, packText.provisionRateTiers(missing, extra)));
    }
  }
  if (manifest.scales.dimensions.length > MAX_DIMENSIONS) {
    issues.push(issueFrom({ code: 'pack.invalid', file: manifestFile, path: 'scales.dimensions' }, packText.tooManyDimensions(manifest.scales.dimensions.length, MAX_DIMENSIONS)));
  }
  const operators = hostOperatorsFor(manifest.requiredOperators, options.operators, options.assumeRequiredOperators === true, manifestFile, issues);
  const operatorsComplete = manifest.requiredOperators.every((name) => operators[name] !== undefined);
  const { declarations } = manifest;

  // Rules, the base pack's first. A rule with the id of an inherited rule takes its place; the
  // "disabledRules" of a pack drop inherited rules once its own rule files are read.
  const usedParameters = new Set<string>();
  const reportedParameters = new Set<string>();
  /** Each rule id: where it is defined, by which pack of the chain, and the slot (rule order) it holds. */
  const seenIds = new Map<string, { where: string; level: number; slot: number }>();
  const bySlot = new Map<number, CompiledRule>();
  const documents: unknown[] = [...manifest.levels].reverse().map((l) => stripSchema(l.document));
  let order = 0;
  let nextSlot = 0;
  const scaleIssues: { id: string | undefined; where: string; found: PostloanIssue[] }[] = [];
  const readRuleFile = (ref: PackFileRef & { readonly level: number }): void => {
    const raw = readPackFile(files, ref, issues);
    if (raw === undefined) return;
    // Where a kind this file's task rules name but no pack defines belongs: its own pack's task-kinds file.
    const level = manifest.levels[ref.level] as PackLevel;
    const kindsHome = {
      manifestFile: level.manifestFile,
      kindsFile: level.manifest.tasks === undefined ? undefined : manifest.taskFiles.find((f) => f.from.file === level.manifestFile)?.file,
    };
    documents.push(stripSchema(raw));
    const file = ref.file;
    const parsed = opaqueRuleFile.safeParse(raw);
    let ruleList: readonly { readonly rule: SalvagedRule; readonly i: number }[];
    let tableList: readonly { readonly table: z.output<typeof decisionTableSchema>; readonly t: number }[];
    if (parsed.success) {
      ruleList = (parsed.data.rules ?? []).map((rule, i) => ({ rule, i }));
      tableList = (parsed.data.tables ?? []).map((table, t) => ({ table, t }));
    } else {
      // Every problem at once: a shape error in one rule (a missing id) must not hide the other
      // rules' errors, nor those of its own conditions and decision.
      appendAll(issues, fromZodIssues(parsed.error.issues, file, [], RULE_KEYS));
      ({ ruleList, tableList } = salvageRuleFile(raw));
    }
    // Decision tables become ordinary rules, one per row, checked like the others at their row's path.
    const entries = [
      ...ruleList.map(({ rule, i }) => ({ rule, at: `rules[${i}]`, paths: { conditions: `rules[${i}].conditions`, type: `rules[${i}].event.type`, params: `rules[${i}].event.params` } })),
      ...tableList.flatMap(({ table, t }) => compileTable(table, `tables[${t}]`, manifest.parameters, file, issues, manifest.scales.dimensions.map((d) => d.name))),
    ];
    entries.forEach((entry) => {
      const { rule, at, paths } = entry;
      // A rule salvaged without a valid id is checked but never registered (the file already failed).
      const previous = rule.id === undefined ? undefined : seenIds.get(rule.id);
      let slot = nextSlot++;
      if (rule.id === undefined) {
        // Nothing to record.
      } else if (previous !== undefined && previous.level === ref.level) {
        issues.push(issueFrom({ code: 'pack.duplicateRule', file, path: `${at}.id` }, packText.duplicateRule(rule.id, previous.where)));
      } else {
        // An inherited rule with this id is replaced where it stood, so rule order (ties) is kept.
        if (previous !== undefined) {
          slot = previous.slot;
          bySlot.delete(slot);
        }
        seenIds.set(rule.id, { where: `${file} ${at}`, level: ref.level, slot });
      }
      const reported = issues.length;
      const conditions = validateConditions(rule.conditions, paths.conditions, {
        file,
        manifestFile,
        parameters: manifest.parameters,
        issues,
        usedParameters,
        reportedParameters,
        declarations,
        hostOperators: manifest.requiredOperators,
        ...(stateNames === undefined ? {} : { states: stateNames }),
        dimensions: manifest.scales.dimensions,
        tiers: manifest.scales.classification.tiers,
      });
      if ('leafPaths' in entry) {
        for (let k = reported; k < issues.length; k++) {
          const issue = issues[k];
          if (issue !== undefined) issues[k] = reissue(issue, { path: tableIssuePath(issue.path, paths.conditions, entry.leafPaths) });
        }
      }
      let decision: Decision | undefined;
      const type = rule.event.type;
      if (!(DECISION_TYPES as readonly string[]).includes(type)) {
        issues.push(issueFrom({ code: 'pack.unknownEventType', file, path: paths.type }, packText.unknownDecisionType(type, DECISION_TYPES)));
      } else {
        const p = DECISION_PARAMS[type as DecisionType].safeParse(rule.event.params ?? {});
        if (p.success) {
          decision = { type, ...p.data } as Decision;
          if (decision.type === 'transition' && stateNames !== undefined && !stateNames.includes(decision.to)) {
            issues.push(issueFrom({ code: 'pack.invalid', file, path: `${paths.params}.to` }, packText.unknownParamValue('to', decision.to, stateNames)));
          }
          if (decision.type === 'floor' || decision.type === 'permit') checkDimensionDecision(decision, manifest.scales, file, paths.params, issues);
          if (decision.type === 'bucket' || decision.type === 'classificationFloor') {
            // Checked once the rules the pack drops or replaces are known: an inherited bucket rule the
            // pack disables need not fit the pack's own buckets.
            const found: PostloanIssue[] = [];
            checkScaleDecision(decision, manifest.scales, file, paths.params, found);
            if (found.length > 0) scaleIssues.push({ id: rule.id, where: `${file} ${at}`, found });
          }
          if (decision.type === 'task') {
            checkTaskDecision(decision, taskKinds, kindsHome, file, paths.params, issues);
            checkCadence(decision, taskKinds, engineValues['contactConduct'] as ContactLimits | undefined, file, paths.params, issues);
          }
        }
        else appendAll(issues, decisionParamIssues(p.error.issues, rule.event.params, file, paths.params, Object.keys(DECISION_PARAMS[type as DecisionType].shape)));
      }
      // Without every required operator the pack is refused; a condition using a missing one cannot be compiled.
      if (conditions !== undefined && decision !== undefined && rule.id !== undefined && operatorsComplete) {
        bySlot.set(slot, {
          id: rule.id,
          policyId: rule.name,
          priority: rule.priority ?? 1,
          file,
          index: order++,
          conditions,
          test: compileCondition(conditions, hostResolver(Object.keys(operators).length === 0 ? undefined : operators)),
          decision,
          facts: referencedFacts(conditions),
        });
      }
    });
  };
  manifest.levels.forEach((level, levelIndex) => {
    const inherited = new Map([...seenIds].filter(([, v]) => v.level < levelIndex));
    for (const ref of manifest.ruleFiles) if (ref.level === levelIndex) readRuleFile(ref);
    // Without "extends" (reported by the schema) or with a broken chain, there is nothing to check against.
    if (level.manifest.extends === undefined || !manifest.complete) return;
    (manifest.disabledRules[levelIndex] ?? []).forEach((id, i) => {
      const path = `disabledRules[${i}]`;
      const found = seenIds.get(id);
      if (!inherited.has(id)) {
        issues.push(issueFrom({ code: 'pack.unknownRule', file: level.manifestFile, path }, packText.notInherited(id, [...inherited.keys()])));
      } else if (found !== undefined && found.level === levelIndex) {
        issues.push(issueFrom({ code: 'pack.invalid', file: level.manifestFile, path }, packText.replacedAndDisabled(id, found.where)));
      } else if (found !== undefined) {
        seenIds.delete(id);
        bySlot.delete(found.slot);
      }
    });
  });
  for (const c of scaleIssues) if (c.id === undefined || seenIds.get(c.id)?.where === c.where) appendAll(issues, c.found);
  const rules = [...bySlot].sort(([a], [b]) => a - b).map(([, r]) => r);
  const materiality = materialityOf(manifest.parameters, manifest.sources.parameters, manifestFile, rules, issues);
  if (calendarDocument !== undefined) documents.push(calendarDocument);
  // One task-kinds file (every pack so far) hashes as it always did; a variant's own adds its document.
  documents.push(...taskKindsDocuments);
  // Only a pack's own statechart is hashed: packs on the default one keep the hash they always had.
  if (statechartDocument !== undefined) documents.push(statechartDocument);

  if (issues.length > 0 || calendar === undefined || effectiveFrom === undefined || statechart === undefined) return fail(issues);

  // Stable: equal priorities keep the order of the resolved files.
  rules.sort((a, b) => b.priority - a.priority);
  const rulesByType = Object.fromEntries(DECISION_TYPES.map((t) => [t, rules.filter((r) => r.decision.type === t)])) as Record<DecisionType, CompiledRule[]>;
  const acc: WakeAcc = {
    dpd: new Set<number>(),
    sinceDisbursement: new Set<number>(),
    unreachable: new Set<number>(),
    inState: new Set<number>(),
    sinceCure: new Set<number>(),
    materialDpd: new Set<number>(),
    sinceMaterialArrears: new Set<number>(),
    sinceRestructuring: new Set<number>(),
    sinceMaterialEvent: new Set<number>(),
    dueDates: false,
    daily: false,
    dueDateFacts: new Set<string>(),
  };
  for (const r of rules) collectWakes(r.conditions, acc);
  // Without bucket rules the bucket comes from the ranges: the loan wakes on the day each one starts.
  if (rulesByType.bucket.length === 0) for (const b of manifest.scales.buckets) if (b.from > 0) acc.dpd.add(b.from);
  const sorted = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);
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
      dpd: sorted(acc.dpd),
      sinceDisbursement: sorted(acc.sinceDisbursement),
      unreachable: sorted(acc.unreachable),
      inState: sorted(acc.inState),
      sinceCure: sorted(acc.sinceCure),
      materialDpd: sorted(acc.materialDpd),
      sinceMaterialArrears: sorted(acc.sinceMaterialArrears),
      sinceRestructuring: sorted(acc.sinceRestructuring),
      sinceMaterialEvent: sorted(acc.sinceMaterialEvent),
    },
    ...(materiality === undefined ? {} : { materiality }),
    contactLimits: engineValues['contactConduct'] as ContactLimits,
    // With a materiality threshold the engine tracks material arrears exactly: they begin and end on
    // events, due dates and the days after.
    wakeOnDueDates: acc.dueDates || materiality !== undefined,
    dueDatesPaidAhead: { onTimeSinceCure: acc.dueDateFacts.has('onTimeSinceCure'), consecutiveMissed: acc.dueDateFacts.has('consecutiveMissed') },
    wakeDaily: acc.daily,
    files: {
      manifest: manifestFile,
      ...(manifest.tasks === undefined ? {} : { tasks: manifest.tasks.file }),
      ...(manifest.statechart === undefined ? {} : { statechart: manifest.statechart.file }),
      ...(manifest.taskFiles.length > 1 ? { taskKinds: taskKindFiles } : {}),
    },
    ...(manifest.policy === undefined ? {} : { policy: manifest.policy }),
    ...(Object.keys(operators).length === 0 ? {} : { operators }),
    ...(declarations.attributes === undefined && declarations.observations === undefined ? {} : { declarations }),
    statechart,
    scales: manifest.scales,
  });
}
