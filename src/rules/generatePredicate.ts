import { FACT_CATALOGUE, FACT_NAMES, isDimensionName, type Facts } from './facts';
import type { ConditionNode, LeafNode } from './conditions';
import { operatorFn, splitOperator, type OperatorFn } from './operators';
import { readDataPath } from './dataPath';

// A rule's whole condition tree becomes one specialised JavaScript function (as ajv compiles schemas):
// `dpd > 90 && state !== "litigation"` instead of a tree of closures calling operator functions.
//
// Rule files are untrusted, so the source text handed to `new Function` is built only from the fixed
// templates of this file and:
//   - literals written by `literal` below: JSON.stringify of a string or boolean (U+2028/U+2029 escaped
//     too), or of a number that Number.isFinite accepts — never a pack's raw text;
//   - fact accessors from FACT_ACCESS, keyed by the catalogue's fact names, or for a pack's dimension
//     a name isDimensionName accepts (letters and digits only, none inherited), JSON-quoted: any other name is an error,
//     it never reaches the text as an identifier or a key;
//   - operator templates from INLINE_OPERATORS, keyed by operator name; every other operator (a
//     decorated shape without a template, a host-registered operator) is a function called by its index
//     in an array passed to the generated code, and its value by its index in another.

/** A predicate's generated source with the functions and values it reaches by index (for tests). */
export interface PredicateSource {
  /** The body given to `new Function('o', 'c', body)`. */
  readonly body: string;
  /** Operator functions the body calls as `o[i]`. */
  readonly operators: readonly OperatorFn[];
  /** Values the body reads as `c[i]` (lists and anything that is not a plain literal). */
  readonly constants: readonly unknown[];
}

/** `f["dpd"]`, … for every fact of the catalogue and nothing else; no prototype, so `__proto__` is no fact. */
const FACT_ACCESS: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(FACT_NAMES.map((n) => [n, `f[${JSON.stringify(n)}]`]))),
);

/** Facts whose value is always a finite number: the order operators' "parses as a number" check is true for them. */
const NUMERIC_FACTS: ReadonlySet<string> = new Set(FACT_NAMES.filter((n) => ['integer', 'money', 'ratio'].includes(FACT_CATALOGUE[n].type)));

type Template = (a: string, b: string) => string;

/**
 * Base operators written inline. `order` templates are used only on numeric facts against numbers,
 * where json-rules-engine's fact-value validator always holds; the others validate nothing.
 */
const INLINE_OPERATORS: Readonly<Record<string, { readonly order: boolean; readonly emit: Template }>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, { readonly order: boolean; readonly emit: Template }>, {
    equal: { order: false, emit: (a: string, b: string) => `${a} === ${b}` },
    notEqual: { order: false, emit: (a: string, b: string) => `${a} !== ${b}` },
    lessThan: { order: true, emit: (a: string, b: string) => `${a} < ${b}` },
    lessThanInclusive: { order: true, emit: (a: string, b: string) => `${a} <= ${b}` },
    greaterThan: { order: true, emit: (a: string, b: string) => `${a} > ${b}` },
    greaterThanInclusive: { order: true, emit: (a: string, b: string) => `${a} >= ${b}` },
  }),
);

/** Membership written out as strict equalities (what `indexOf` tests) up to this many values. */
const MAX_INLINE_LIST = 16;

/** A pack value as JavaScript source, or undefined when it is not a string, boolean or finite number. */
function literal(v: unknown): string | undefined {
  if (typeof v === 'string') return JSON.stringify(v).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' && Number.isFinite(v)) return JSON.stringify(v);
  return undefined;
}

function factAccess(name: string): string {
  const code = FACT_ACCESS[name] ?? (isDimensionName(name) ? `f[${JSON.stringify(name)}]` : undefined);
  if (code === undefined) throw new RangeError(`unknown fact ${JSON.stringify(name)}`);
  return code;
}

/** Writes condition trees as expressions, collecting the functions and values they reach by index. */
interface Emitter {
  readonly node: (n: ConditionNode) => string;
  readonly operators: readonly OperatorFn[];
  readonly constants: readonly unknown[];
}

function createEmitter(resolve: (operator: string) => OperatorFn): Emitter {
  const operators: OperatorFn[] = [];
  const constants: unknown[] = [];

  function node(n: ConditionNode): string {
    switch (n.kind) {
      case 'leaf':
        return leafCode(n);
      case 'not':
        return `!(${node(n.item)})`;
      case 'all':
      case 'any':
        // An empty group (refused by validation) holds as Array.prototype.every / some say.
        if (n.items.length === 0) return n.kind === 'all' ? 'true' : 'false';
        return n.items.length === 1 ? node(n.items[0] as ConditionNode) : `(${n.items.map((i) => node(i)).join(n.kind === 'all' ? ' && ' : ' || ')})`;
    }
  }

  /** The call of the operator function: json-rules-engine's semantics whatever the operator. */
  function call(leaf: LeafNode): string {
    const a = factAccess(leaf.fact);
    const fn = resolve(leaf.operator);
    const steps = leaf.path?.steps;
    // A data fact's path is applied by the operator's wrapper, never written into the code.
    const o = operators.push(steps === undefined ? fn : (value, other) => fn(readDataPath(value, steps), other)) - 1;
    if (leaf.value.kind === 'fact') return `o[${o}](${a}, ${factAccess(leaf.value.fact)})`;
    const c = constants.push(leaf.value.value) - 1;
    return `o[${o}](${a}, c[${c}])`;
  }

  function leafCode(leaf: LeafNode): string {
    if (leaf.path !== undefined) return call(leaf);
    const a = factAccess(leaf.fact);
    const { decorators, base } = splitOperator(leaf.operator);
    const numeric = NUMERIC_FACTS.has(leaf.fact);
    const v = leaf.value;
    // A value from another fact: validation gives it the fact's own type.
    if (v.kind === 'fact') {
      const op = INLINE_OPERATORS[base];
      const b = factAccess(v.fact);
      if (op === undefined || (op.order && !(numeric && NUMERIC_FACTS.has(v.fact))) || !decorators.every((d) => d === 'not')) return call(leaf);
      return `${'!('.repeat(decorators.length)}${op.emit(a, b)}${')'.repeat(decorators.length)}`;
    }
    const scalar = (x: unknown): string | undefined => {
      const op = INLINE_OPERATORS[base];
      const b = literal(x);
      if (op === undefined || b === undefined || (op.order && !(numeric && typeof x === 'number'))) return undefined;
      return op.emit(a, b);
    };
    const list = (xs: unknown, join: ' || ' | ' && ', each: (x: unknown) => string | undefined): string | undefined => {
      if (!Array.isArray(xs) || xs.length === 0 || xs.length > MAX_INLINE_LIST) return undefined;
      const parts = xs.map(each);
      return parts.every((p) => p !== undefined) ? `(${parts.join(join)})` : undefined;
    };
    // Decorators from the inside out: `not:someValue:equal` is not(someValue(equal)).
    let code: string | undefined;
    let rest = decorators.length;
    const innermost = decorators[rest - 1];
    if (base === 'in' || base === 'notIn') {
      code = list(v.value, base === 'in' ? ' || ' : ' && ', (x) => {
        const b = literal(x);
        return b === undefined ? undefined : `${a} ${base === 'in' ? '===' : '!=='} ${b}`;
      });
      if (code === undefined && Array.isArray(v.value)) {
        const c = constants.push(v.value) - 1;
        code = `c[${c}].indexOf(${a}) ${base === 'in' ? '> -1' : '=== -1'}`;
      }
    } else if (innermost === 'someValue' || innermost === 'everyValue') {
      code = list(v.value, innermost === 'someValue' ? ' || ' : ' && ', scalar);
      rest--;
    } else {
      code = scalar(v.value);
    }
    for (let i = rest - 1; code !== undefined && i >= 0; i--) code = decorators[i] === 'not' ? `!(${code})` : undefined;
    return code ?? call(leaf);
  }

  return { node, operators, constants };
}

/**
 * The JavaScript source of a condition tree's predicate, with the operator functions and values it
 * reaches by index. Throws a RangeError on a fact or operator outside the vocabularies (a validated
 * pack has none).
 *
 * @example
 * ```ts
 * predicateSource({ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } }).body;
 * // '"use strict"; return function predicate(f) { return f["dpd"] > 90; };'
 * ```
 */
export function predicateSource(node: ConditionNode, resolve: (operator: string) => OperatorFn = operatorFn): PredicateSource {
  const e = createEmitter(resolve);
  const expr = e.node(node);
  return { body: `"use strict"; return function predicate(f) { return ${expr}; };`, operators: e.operators, constants: e.constants };
}

/**
 * Compiles a condition tree into one generated function with `new Function`. Callers check
 * {@link canGenerateCode} first: a runtime that forbids code generation throws here.
 *
 * @example
 * ```ts
 * const p = generatePredicate({ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } });
 * p({ ...facts, dpd: 91 }); // true
 * ```
 */
export function generatePredicate(node: ConditionNode, resolve: (operator: string) => OperatorFn = operatorFn): (facts: Facts) => boolean {
  const { body, operators, constants } = predicateSource(node, resolve);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the body is built from templates and JSON literals only (see above)
  const make = new Function('o', 'c', body) as (o: readonly OperatorFn[], c: readonly unknown[]) => (facts: Facts) => boolean;
  return make(Object.freeze([...operators]), Object.freeze([...constants]));
}

/** Rules per generated function of {@link generateRuleFilter}: V8 stops optimising very large functions. */
const RULES_PER_CHUNK = 64;

/**
 * One generated function per chunk of rules that returns the rules whose conditions hold, in order:
 * the rule loop itself is generated, so evaluating a pack costs what hand-written `if`s cost. A rule
 * whose conditions need an operator function (no inline template: a host operator, a rare decorated
 * shape) is asked through its own compiled `test`, so the operators it was compiled with still apply.
 *
 * @example
 * ```ts
 * const fired = generateRuleFilter(pack.rules);
 * fired(facts); // the rules that hold, in pack order
 * ```
 */
export function generateRuleFilter<T extends { readonly conditions: ConditionNode; readonly test: (facts: Facts) => boolean }>(rules: readonly T[]): (facts: Facts) => T[] {
  type Chunk = (f: Facts, r: readonly T[], out: T[]) => void;
  const chunks: Chunk[] = [];
  const noOperators = (): OperatorFn => {
    throw new RangeError('no inline template');
  };
  for (let from = 0; from < rules.length; from += RULES_PER_CHUNK) {
    const e = createEmitter(noOperators);
    const lines: string[] = [];
    for (let i = from; i < Math.min(from + RULES_PER_CHUNK, rules.length); i++) {
      let expr: string;
      try {
        expr = e.node((rules[i] as T).conditions);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        expr = `r[${i}].test(f)`;
      }
      lines.push(`if (${expr}) out.push(r[${i}]);`);
    }
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- templates, JSON literals and loop indices only (see above)
    const make = new Function('c', `"use strict"; return function rules(f, r, out) { ${lines.join(' ')} };`) as (c: readonly unknown[]) => Chunk;
    chunks.push(make(Object.freeze([...e.constants])));
  }
  const items = Object.freeze([...rules]);
  const [only] = chunks;
  if (chunks.length <= 1) {
    return (facts) => {
      const out: T[] = [];
      if (only !== undefined) only(facts, items, out);
      return out;
    };
  }
  return (facts) => {
    const out: T[] = [];
    for (const chunk of chunks) chunk(facts, items, out);
    return out;
  };
}

let generationAllowed: boolean | undefined;

/**
 * Whether this runtime lets the library generate code, found out once: a Content Security Policy
 * without 'unsafe-eval' and some edge runtimes make `new Function` throw, and rules are then
 * interpreted (same answers, slower).
 *
 * @example
 * ```ts
 * canGenerateCode(); // true in Node
 * ```
 */
export function canGenerateCode(): boolean {
  if (generationAllowed === undefined) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a fixed probe
      generationAllowed = (new Function('return 1') as () => unknown)() === 1;
    } catch {
      generationAllowed = false;
    }
  }
  return generationAllowed;
}
