import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';
import { conditionText as text } from './conditionMessages';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseMoney } from '../money/fen';
import { FACT_CATALOGUE, FACT_NAMES, factSpec, type FactName, type FactSpec } from './facts';
import { BASE_OPERATORS, DECORATORS, DECORATOR_NAMES, OPERATOR_NAMES, splitOperator } from './operators';
import { checkDataRead, convertDataValue, type DataValueType } from './dataConditions';
import type { DataDeclarations } from './dataDeclarations';
import type { DataPath } from './dataPath';
import type { DimensionScale } from './scales';
import { nearest } from '../errors/suggest';

/** A validated, normalised condition tree. Values are resolved: parameters substituted, money in fen. */
export type ConditionNode =
  | { readonly kind: 'all'; readonly items: readonly ConditionNode[] }
  | { readonly kind: 'any'; readonly items: readonly ConditionNode[] }
  | { readonly kind: 'not'; readonly item: ConditionNode }
  | LeafNode;

export interface LeafNode {
  readonly kind: 'leaf';
  readonly fact: FactName;
  readonly operator: string;
  readonly value: LeafValue;
  /** Where inside a data fact (`attributes`, `observations`) the condition reads. */
  readonly path?: DataPath;
}

export type LeafValue =
  | { readonly kind: 'const'; readonly value: unknown; readonly param?: string }
  | { readonly kind: 'fact'; readonly fact: FactName };

/** Where conditions are being validated, and where problems go. */
export interface ConditionContext {
  /** The rule file, for error messages. */
  readonly file: string;
  /** pack.json, where a parameter's own problems are reported. */
  readonly manifestFile: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly issues: PostloanIssue[];
  /** Parameters some rule reads (for lint). */
  readonly usedParameters: Set<string>;
  /** Parameters whose type problem was already reported, so it is reported once, not per rule. */
  readonly reportedParameters: Set<string>;
  /** Attributes and observations the pack declares (none: any name is read). */
  readonly declarations?: DataDeclarations;
  /** Custom operators the pack requires (`"requires": { "operators": [...] }`): usable by its rules. */
  readonly hostOperators?: readonly string[];
  /** The pack's dimensions (`scales.dimensions`): rules read each as an enum fact of its name. */
  readonly dimensions?: readonly DimensionScale[];
}
type Ctx = ConditionContext;

const MAX_CONDITION_DEPTH = 16;

/** Keys json-rules-engine reads on a leaf (a group: its "all", "any" or "not", "priority", "name"); anything else is a typo. */
const LEAF_KEYS = ['fact', 'operator', 'value', 'path', 'params', 'priority', 'name'];

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Reports every key of `node` outside `known`; true when there was one. */
function unknownKeys(node: Record<string, unknown>, known: readonly string[], path: string, ctx: Ctx): boolean {
  const extra = Object.keys(node).filter((k) => !known.includes(k));
  for (const key of extra) {
    ctx.issues.push(issueFrom({ code: 'input.invalid', file: ctx.file, path: childPath(path, key) }, text.unknownKey(key, known)));
  }
  return extra.length > 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Converts a literal written in a rule file to the fact's internal type, or explains why it cannot be.
 * Money is written as "123.45" and becomes fen; enums must be one of the fact's values.
 */
function convertScalar(raw: unknown, spec: FactSpec, factName: string, dataType?: DataValueType): { ok: true; value: unknown } | { ok: false; text: IssueText } {
  switch (spec.type) {
    case 'data': {
      const d = convertDataValue(raw, dataType, factName);
      return d.ok ? d : { ok: false, text: { message: d.message, hint: d.hint } };
    }
    case 'integer':
      if (typeof raw === 'number' && Number.isInteger(raw)) return { ok: true, value: raw };
      return { ok: false, text: text.notWholeNumber(factName, raw) };
    case 'money': {
      if (typeof raw === 'number') {
        return { ok: false, text: text.moneyNumber(factName, raw) };
      }
      const parsed = typeof raw === 'string' ? parseMoney(raw) : undefined;
      if (parsed?.ok === true) return { ok: true, value: parsed.fen };
      return { ok: false, text: text.notMoney(factName, raw) };
    }
    case 'ratio': {
      const m = typeof raw === 'string' ? /^(\d{1,6})(?:\.(\d{1,6}))?$/.exec(raw) : null;
      if (m !== null) return { ok: true, value: Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0')) };
      return { ok: false, text: text.notRatio(factName, raw) };
    }
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      return { ok: false, text: text.notBoolean(factName, raw) };
    case 'enum': {
      const values = spec.values ?? [];
      if (typeof raw === 'string' && values.includes(raw)) return { ok: true, value: raw };
      return { ok: false, text: text.notInEnum(factName, raw, values) };
    }
    case 'string':
      if (typeof raw === 'string') return { ok: true, value: raw };
      return { ok: false, text: text.notText(factName, raw) };
  }
}

/** A built-in fact's spec, or that of a dimension of the pack, with its values. */
function specIn(name: string, ctx: Ctx): FactSpec | undefined {
  const builtIn = factSpec(name);
  if (builtIn !== undefined) return builtIn;
  const d = ctx.dimensions?.find((x) => x.name === name);
  return d === undefined ? undefined : { type: 'enum', values: d.values, description: d.description ?? `Dimension ${d.name}`, evolves: 'events' };
}

/** Every fact name a rule of the pack may read: the built-in ones and the pack's dimensions. */
function factNamesIn(ctx: Ctx): readonly string[] {
  return ctx.dimensions === undefined || ctx.dimensions.length === 0 ? FACT_NAMES : [...FACT_NAMES, ...ctx.dimensions.map((d) => d.name)];
}

function validateLeaf(node: Record<string, unknown>, path: string, ctx: Ctx): LeafNode | undefined {
  const issue = (code: PostloanIssue['code'], at: string, t: IssueText): undefined => {
    ctx.issues.push(issueFrom({ code, file: ctx.file, path: at }, t));
    return undefined;
  };
  if (unknownKeys(node, LEAF_KEYS, path, ctx)) return undefined;
  const factName = node['fact'];
  if (typeof factName !== 'string') return issue('pack.invalid', `${path}.fact`, text.factMissing());
  const spec = specIn(factName, ctx);
  if (spec === undefined) {
    return issue('pack.unknownFact', `${path}.fact`, text.unknownFact(factName, factNamesIn(ctx)));
  }
  let dataPath: DataPath | undefined;
  let dataType: DataValueType | undefined;
  if (spec.type === 'data') {
    const read = checkDataRead(node['path'], factName, path, ctx);
    if (read === undefined) return undefined;
    ({ path: dataPath, type: dataType } = read);
  } else if (node['path'] !== undefined) {
    return issue('pack.unsupportedPath', `${path}.path`, text.noPath(factName));
  }
  const at = dataPath === undefined ? {} : { path: dataPath };
  if (node['params'] !== undefined) {
    return issue('pack.invalid', `${path}.params`, text.noParams(factName));
  }
  const operator = node['operator'];
  if (typeof operator !== 'string') return issue('pack.invalid', `${path}.operator`, text.operatorMissing(OPERATOR_NAMES));
  const { decorators, base } = splitOperator(operator);
  const op = BASE_OPERATORS[base];
  const hosted = op === undefined && (ctx.hostOperators ?? []).includes(base);
  if (op === undefined && !hosted) {
    const known = [...OPERATOR_NAMES, ...(ctx.hostOperators ?? [])];
    const t = text.unknownOperator(base, known);
    if (nearest(base, known) !== undefined) return issue('pack.unknownOperator', `${path}.operator`, t);
    return issue('pack.unknownOperator', `${path}.operator`, { message: t.message, hint: `${t.hint ?? ''}; a custom operator must be listed in pack.json under "requires": { "operators": [ … ] }` });
  }
  for (const d of decorators) {
    if (DECORATORS[d] === undefined) {
      return issue('pack.unknownOperator', `${path}.operator`, text.unknownDecorator(d, DECORATOR_NAMES));
    }
    if (d === 'someFact' || d === 'everyFact' || d === 'swap') {
      return issue('pack.unknownOperator', `${path}.operator`, text.decoratorNeedsList(d, factName));
    }
  }
  if (op?.kind === 'containment' && !(spec.type === 'data' && (dataType === undefined || dataType === 'array'))) {
    return issue('pack.unknownOperator', `${path}.operator`, text.containmentNeedsList(base, factName));
  }
  if (op !== undefined && op.kind !== 'containment' && spec.type === 'data' && (dataType === 'object' || dataType === 'array')) {
    return issue('pack.unknownOperator', `${path}.operator`, {
      message: `"${dataPath?.text ?? ''}" of fact "${factName}" is ${dataType === 'array' ? 'a list' : 'an object'}; "${base}" compares single values`,
      hint: dataType === 'array' ? 'use "contains" or "doesNotContain", or read one item with "[0]"' : 'read a value inside it, e.g. "$.name.field"',
    });
  }
  if (op?.kind === 'order' && spec.type === 'data' && (dataType === undefined || dataType === 'number')) {
    // An undeclared data value may be a number; a declared one is.
  } else if (op?.kind === 'order' && spec.type !== 'integer' && spec.type !== 'money' && spec.type !== 'ratio') {
    return issue('pack.unknownOperator', `${path}.operator`, text.orderNeedsNumber(base, factName, spec.type));
  }
  const listValue = op?.kind === 'membership' || decorators.includes('someValue') || decorators.includes('everyValue');

  const rawValue = node['value'];
  if (isPlainObject(rawValue) && typeof rawValue['fact'] === 'string') {
    if (rawValue['path'] !== undefined) {
      // json-rules-engine would evaluate it as JSONPath on the other fact; facts here are single values.
      return issue('pack.unsupportedPath', `${path}.value.path`, text.noPath(rawValue['fact']));
    }
    if (unknownKeys(rawValue, ['fact'], `${path}.value`, ctx)) return undefined;
    const other = specIn(rawValue['fact'], ctx);
    if (other === undefined) {
      return issue('pack.unknownFact', `${path}.value.fact`, text.unknownFact(rawValue['fact'], factNamesIn(ctx)));
    }
    if (spec.type === 'data' || other.type === 'data') {
      return issue('pack.paramType', `${path}.value.fact`, {
        message: `A data fact (attributes, observations) is compared with a literal or a parameter, not with fact "${rawValue['fact']}"`,
        hint: 'write the value to compare with',
      });
    }
    if (other.type !== spec.type || listValue) {
      return issue('pack.paramType', `${path}.value.fact`, text.factTypes(factName, spec.type, rawValue['fact'], other.type, operator));
    }
    return { kind: 'leaf', fact: factName as FactName, operator, value: { kind: 'fact', fact: rawValue['fact'] as FactName } };
  }

  let resolved = rawValue;
  let param: string | undefined;
  let valuePath = `${path}.value`;
  if (isPlainObject(rawValue) && typeof rawValue['param'] === 'string') {
    if (unknownKeys(rawValue, ['param'], `${path}.value`, ctx)) return undefined;
    param = rawValue['param'];
    valuePath = `${path}.value.param`;
    if (!Object.prototype.hasOwnProperty.call(ctx.parameters, param)) {
      return issue('pack.unknownParam', valuePath, text.unknownParam(param, Object.keys(ctx.parameters)));
    }
    ctx.usedParameters.add(param);
    resolved = ctx.parameters[param];
  }
  /** A literal's problem is reported where it is written; a parameter's once, in pack.json. */
  const valueIssue = (at: string, t: IssueText): undefined => {
    if (param === undefined) return issue('pack.invalid', at, t);
    if (ctx.reportedParameters.has(param)) return undefined;
    ctx.reportedParameters.add(param);
    ctx.issues.push(issueFrom({ code: 'pack.paramType', file: ctx.manifestFile, path: `parameters.${param}` }, text.paramType(param, resolved, factName, listValue, spec, t)));
    return undefined;
  };
  if (hosted) {
    // A custom operator gets the value as written: only the host knows what it means.
    return { kind: 'leaf', fact: factName as FactName, operator, value: param === undefined ? { kind: 'const', value: resolved } : { kind: 'const', value: resolved, param }, ...at };
  }
  if (listValue) {
    if (!Array.isArray(resolved) || resolved.length === 0) {
      return valueIssue(valuePath, text.listNeeded(operator, spec.values?.[0] ?? 'value'));
    }
    const out: unknown[] = [];
    for (const [i, item] of resolved.entries()) {
      const c = convertScalar(item, spec, factName, dataType);
      if (!c.ok) return valueIssue(`${valuePath}[${i}]`, c.text);
      out.push(c.value);
    }
    return { kind: 'leaf', fact: factName as FactName, operator, value: param === undefined ? { kind: 'const', value: out } : { kind: 'const', value: out, param }, ...at };
  }
  const c = convertScalar(resolved, spec, factName, op?.kind === 'containment' ? undefined : dataType);
  if (!c.ok) return valueIssue(valuePath, c.text);
  return { kind: 'leaf', fact: factName as FactName, operator, value: param === undefined ? { kind: 'const', value: c.value } : { kind: 'const', value: c.value, param }, ...at };
}

function validateNode(node: unknown, path: string, depth: number, ctx: Ctx): ConditionNode | undefined {
  if (depth > MAX_CONDITION_DEPTH) {
    ctx.issues.push(issueFrom({ code: 'json.tooDeep', file: ctx.file, path }, text.tooDeep(MAX_CONDITION_DEPTH)));
    return undefined;
  }
  if (!isPlainObject(node)) {
    ctx.issues.push(issueFrom({ code: 'pack.invalid', file: ctx.file, path }, text.notObject()));
    return undefined;
  }
  const groups = (['all', 'any', 'not'] as const).filter((k) => k in node);
  if (groups.length > 1) {
    ctx.issues.push(issueFrom({ code: 'pack.invalid', file: ctx.file, path }, text.manyGroups(groups)));
    return undefined;
  }
  const group = groups[0];
  if (group === undefined) {
    if ('condition' in node) {
      ctx.issues.push(issueFrom({ code: 'pack.invalid', file: ctx.file, path: `${path}.condition` }, text.sharedCondition()));
      return undefined;
    }
    return validateLeaf(node, path, ctx);
  }
  if (unknownKeys(node, [group, 'priority', 'name'], path, ctx)) return undefined;
  if (group === 'not') {
    const item = validateNode(node['not'], `${path}.not`, depth + 1, ctx);
    return item === undefined ? undefined : { kind: 'not', item };
  }
  const list = node[group];
  if (!Array.isArray(list)) {
    ctx.issues.push(issueFrom({ code: 'pack.invalid', file: ctx.file, path: `${path}.${group}` }, text.groupNotList(group)));
    return undefined;
  }
  if (list.length === 0) {
    ctx.issues.push(issueFrom({ code: 'pack.emptyGroup', file: ctx.file, path: `${path}.${group}` }, text.emptyGroup(group)));
    return undefined;
  }
  const items: ConditionNode[] = [];
  let failed = false;
  list.forEach((child, i) => {
    const v = validateNode(child, `${path}.${group}[${i}]`, depth + 1, ctx);
    if (v === undefined) failed = true;
    else items.push(v);
  });
  if (failed) return undefined;
  return { kind: group, items };
}

/**
 * Validates a rule's `conditions` against the fact catalogue, operators and pack parameters and
 * normalises them. All problems are pushed to `issues`; returns undefined when there was any.
 */
export function validateConditions(conditions: unknown, path: string, ctx: ConditionContext): ConditionNode | undefined {
  if (isPlainObject(conditions) && !('all' in conditions) && !('any' in conditions) && !('not' in conditions)) {
    ctx.issues.push(issueFrom({ code: 'pack.invalid', file: ctx.file, path }, text.noTopGroup()));
    return undefined;
  }
  return validateNode(conditions, path, 0, ctx);
}

/** Facts a condition tree reads, in first-use order. */
export function referencedFacts(node: ConditionNode, out: FactName[] = []): FactName[] {
  switch (node.kind) {
    case 'all':
    case 'any':
      for (const i of node.items) referencedFacts(i, out);
      break;
    case 'not':
      referencedFacts(node.item, out);
      break;
    case 'leaf':
      if (!out.includes(node.fact)) out.push(node.fact);
      if (node.value.kind === 'fact' && !out.includes(node.value.fact)) out.push(node.value.fact);
      break;
  }
  return out;
}

/** The data facts' paths a condition tree reads (`attributes` at `$.product`), in first-use order. */
export function referencedPaths(node: ConditionNode, out: { fact: FactName; path: DataPath }[] = []): { fact: FactName; path: DataPath }[] {
  if (node.kind === 'leaf') {
    const { path } = node;
    if (path !== undefined && !out.some((p) => p.fact === node.fact && p.path.text === path.text)) out.push({ fact: node.fact, path });
  } else if (node.kind === 'not') referencedPaths(node.item, out);
  else for (const i of node.items) referencedPaths(i, out);
  return out;
}

/** The condition tree as json-rules-engine JSON (parameters already substituted), for the reference evaluator. */
export function toEngineConditions(node: ConditionNode): Record<string, unknown> {
  switch (node.kind) {
    case 'all':
      return { all: node.items.map(toEngineConditions) };
    case 'any':
      return { any: node.items.map(toEngineConditions) };
    case 'not':
      return { not: toEngineConditions(node.item) };
    case 'leaf':
      return {
        fact: node.fact,
        ...(node.path === undefined ? {} : { path: node.path.text }),
        operator: node.operator,
        value: node.value.kind === 'fact' ? { fact: node.value.fact } : node.value.value,
      };
  }
}

export { FACT_CATALOGUE };
