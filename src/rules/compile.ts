import { specOf, type FactName, type Facts } from './facts';
import type { ConditionNode, LeafNode } from './conditions';
import { canGenerateCode, generatePredicate } from './generatePredicate';
import { BASE_OPERATORS, operatorFn, splitOperator, type HostOperators, type OperatorFn } from './operators';
import { readDataPath } from './dataPath';

/** A compiled condition: a synchronous test over one evaluation's facts. */
export type Predicate = (facts: Facts) => boolean;

function compileLeaf(leaf: LeafNode, resolve: (operator: string) => OperatorFn): Predicate {
  const name = leaf.fact;
  const { decorators, base } = splitOperator(leaf.operator);
  // A data fact read through its path, or a host operator: no fast path, the generic operator call.
  if (leaf.path !== undefined || BASE_OPERATORS[base] === undefined) {
    const fn = resolve(leaf.operator);
    const steps = leaf.path?.steps;
    const read = steps === undefined ? (f: Facts): unknown => f[name] : (f: Facts): unknown => readDataPath(f[name], steps);
    if (leaf.value.kind === 'fact') {
      const other = leaf.value.fact;
      return (f) => fn(read(f), f[other]);
    }
    const value = leaf.value.value;
    return (f) => fn(read(f), value);
  }
  if (leaf.value.kind === 'fact') {
    const other = leaf.value.fact;
    const fn = resolve(leaf.operator);
    return (f) => fn(f[name], f[other]);
  }
  const v = leaf.value.value;
  const type = specOf(name).type;
  const numeric = type === 'integer' || type === 'money' || type === 'ratio';
  // Fast paths for the shapes rule packs are made of. Numeric facts are always finite numbers, so
  // json-rules-engine's "parses as a number" validator is always true for them and can be skipped.
  if (decorators.length === 0) {
    switch (base) {
      case 'equal':
        return (f) => f[name] === v;
      case 'notEqual':
        return (f) => f[name] !== v;
      case 'in': {
        const list = v as readonly unknown[];
        return (f) => list.indexOf(f[name]) > -1;
      }
      case 'notIn': {
        const list = v as readonly unknown[];
        return (f) => list.indexOf(f[name]) === -1;
      }
    }
    if (numeric && typeof v === 'number') {
      switch (base) {
        case 'lessThan':
          return (f) => (f[name] as number) < v;
        case 'lessThanInclusive':
          return (f) => (f[name] as number) <= v;
        case 'greaterThan':
          return (f) => (f[name] as number) > v;
        case 'greaterThanInclusive':
          return (f) => (f[name] as number) >= v;
      }
    }
  }
  const fn = resolve(leaf.operator);
  return (f) => fn(f[name], v);
}

/**
 * Compiles a validated condition tree into one synchronous predicate, once per pack: one generated
 * function per rule (`generatePredicate`), or, where the runtime forbids generating code, the
 * interpreted tree of closures ({@link interpretCondition}). Semantics are json-rules-engine's either way.
 * `resolve` gives the function of an operator name (host-registered operators plug in there).
 *
 * @example
 * ```ts
 * const p = compileCondition({ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } });
 * p({ ...facts, dpd: 91 }); // true
 * ```
 */
export function compileCondition(node: ConditionNode, resolve: (operator: string) => OperatorFn = operatorFn): Predicate {
  return canGenerateCode() ? generatePredicate(node, resolve) : interpretCondition(node, resolve);
}

/**
 * The interpreted form of a condition tree: closures calling closures, no generated code. Semantics are
 * json-rules-engine's: `all` is true when every item holds, `any` when one does, `not` negates.
 *
 * @example
 * ```ts
 * const p = interpretCondition({ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } });
 * p({ ...facts, dpd: 91 }); // true
 * ```
 */
export function interpretCondition(node: ConditionNode, resolve: (operator: string) => OperatorFn = operatorFn): Predicate {
  const sub = (n: ConditionNode): Predicate => interpretCondition(n, resolve);
  switch (node.kind) {
    case 'leaf':
      return compileLeaf(node, resolve);
    case 'not': {
      const inner = sub(node.item);
      return (f) => !inner(f);
    }
    case 'all': {
      const items = node.items.map(sub);
      if (items.length === 1) return items[0] as Predicate;
      if (items.length === 2) {
        const [a, b] = items as [Predicate, Predicate];
        return (f) => a(f) && b(f);
      }
      return (f) => {
        for (const p of items) if (!p(f)) return false;
        return true;
      };
    }
    case 'any': {
      const items = node.items.map(sub);
      if (items.length === 1) return items[0] as Predicate;
      return (f) => {
        for (const p of items) if (p(f)) return true;
        return false;
      };
    }
  }
}

/** Why a condition held or failed: the tree with each leaf's fact value. */
export type ConditionTrace =
  | { readonly kind: 'all' | 'any'; readonly result: boolean; readonly items: readonly ConditionTrace[] }
  | { readonly kind: 'not'; readonly result: boolean; readonly item: ConditionTrace }
  | {
      readonly kind: 'leaf';
      readonly result: boolean;
      readonly fact: FactName;
      /** Where inside a data fact the condition read (`"$.product"`). */
      readonly path?: string;
      readonly operator: string;
      /** The value compared with, as resolved (fen for money). */
      readonly value: unknown;
      /** The pack parameter the value came from, if any. */
      readonly param?: string;
      /** Another fact the value came from, if any. */
      readonly valueFact?: FactName;
      readonly factValue: unknown;
    };

/**
 * Evaluates a condition tree recording every leaf's fact value and result. Slower than the compiled
 * predicate (it never short-circuits), so the engine calls it only to explain a decision.
 */
export function explainCondition(node: ConditionNode, facts: Facts, host?: HostOperators): ConditionTrace {
  switch (node.kind) {
    case 'leaf': {
      const value = node.value.kind === 'fact' ? facts[node.value.fact] : node.value.value;
      const factValue = node.path === undefined ? facts[node.fact] : readDataPath(facts[node.fact], node.path.steps);
      const result = operatorFn(node.operator, host)(factValue, value);
      return {
        kind: 'leaf',
        result,
        fact: node.fact,
        ...(node.path === undefined ? {} : { path: node.path.text }),
        operator: node.operator,
        value,
        factValue,
        ...(node.value.kind === 'const' && node.value.param !== undefined ? { param: node.value.param } : {}),
        ...(node.value.kind === 'fact' ? { valueFact: node.value.fact } : {}),
      };
    }
    case 'not': {
      const item = explainCondition(node.item, facts, host);
      return { kind: 'not', result: !item.result, item };
    }
    case 'all':
    case 'any': {
      const items = node.items.map((i) => explainCondition(i, facts, host));
      const result = node.kind === 'all' ? items.every((i) => i.result) : items.some((i) => i.result);
      return { kind: node.kind, result, items };
    }
  }
}

/**
 * The operator lookup of a pack with host-registered operators (`loadPack(files, { operators })`): the
 * `resolve` argument of {@link compileCondition}.
 *
 * @example
 * ```ts
 * compileCondition(node, hostResolver({ startsWith: (f, v) => String(f).startsWith(String(v)) }));
 * ```
 */
export function hostResolver(host: HostOperators | undefined): (operator: string) => OperatorFn {
  return host === undefined ? operatorFn : (operator) => operatorFn(operator, host);
}
