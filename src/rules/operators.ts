/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return --
 * These operators mirror json-rules-engine's untyped JavaScript semantics on purpose (e.g. `in` calls
 * `indexOf` on whatever the value is); the pack validator guarantees the value shapes before they get here. */
/**
 * json-rules-engine's default operators and operator decorators, re-implemented synchronously with the
 * same semantics (including the fact-value validators: a numeric operator is false, not an error, when
 * the fact does not parse as a number). `tests/rules/reference.test.ts` proves the equivalence.
 */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

const always = (): boolean => true;
const isNumberLike = (v: unknown): boolean => Number.parseFloat(v as string).toString() !== 'NaN';

interface BaseOperator {
  readonly validate: (factValue: unknown) => boolean;
  readonly test: (a: any, b: any) => boolean;
  /** What the operator compares, for type checking rule files. */
  readonly kind: 'equality' | 'order' | 'membership' | 'containment';
}

/**
 * Lookup tables keyed by names written in rule files: without a prototype, so "toString" or
 * "constructor" is an unknown operator rather than a function inherited from Object.prototype.
 */
function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

export const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = table<BaseOperator>({
  equal: { validate: always, test: (a, b) => a === b, kind: 'equality' },
  notEqual: { validate: always, test: (a, b) => a !== b, kind: 'equality' },
  in: { validate: always, test: (a, b) => b.indexOf(a) > -1, kind: 'membership' },
  notIn: { validate: always, test: (a, b) => b.indexOf(a) === -1, kind: 'membership' },
  contains: { validate: Array.isArray, test: (a, b) => a.indexOf(b) > -1, kind: 'containment' },
  doesNotContain: { validate: Array.isArray, test: (a, b) => a.indexOf(b) === -1, kind: 'containment' },
  lessThan: { validate: isNumberLike, test: (a, b) => a < b, kind: 'order' },
  lessThanInclusive: { validate: isNumberLike, test: (a, b) => a <= b, kind: 'order' },
  greaterThan: { validate: isNumberLike, test: (a, b) => a > b, kind: 'order' },
  greaterThanInclusive: { validate: isNumberLike, test: (a, b) => a >= b, kind: 'order' },
});

interface Decorator {
  readonly validate: (factValue: unknown) => boolean;
  readonly wrap: (factValue: any, value: any, next: OperatorFn) => boolean;
}

export const DECORATORS: Readonly<Record<string, Decorator>> = table<Decorator>({
  someFact: { validate: Array.isArray, wrap: (f, v, next) => f.some((x: unknown) => next(x, v)) },
  everyFact: { validate: Array.isArray, wrap: (f, v, next) => f.every((x: unknown) => next(x, v)) },
  someValue: { validate: always, wrap: (f, v, next) => v.some((x: unknown) => next(f, x)) },
  everyValue: { validate: always, wrap: (f, v, next) => v.every((x: unknown) => next(f, x)) },
  swap: { validate: always, wrap: (f, v, next) => next(v, f) },
  not: { validate: always, wrap: (f, v, next) => !next(f, v) },
});

export const OPERATOR_NAMES = Object.keys(BASE_OPERATORS);
export const DECORATOR_NAMES = Object.keys(DECORATORS);

/** `"not:someValue:equal"` → decorators `['not', 'someValue']` (outermost first) and base `'equal'`. */
export function splitOperator(name: string): { readonly decorators: readonly string[]; readonly base: string } {
  const parts = name.split(':');
  const base = parts.pop() ?? '';
  return { decorators: parts, base };
}

/**
 * A custom operator registered by the host program (`loadPack(files, { operators })`): given the fact
 * value (at the condition's path) and the condition's value as written, true when the condition holds.
 * Must be pure and synchronous: replays call it many times and must stay deterministic.
 *
 * @example
 * ```ts
 * const startsWith: HostOperator = (fact, value) => typeof fact === 'string' && typeof value === 'string' && fact.startsWith(value);
 * ```
 */
export type HostOperator = (factValue: unknown, value: unknown) => boolean;

/**
 * Custom operators by name, as a host passes them to `loadPack`.
 *
 * @example
 * ```ts
 * const operators: HostOperators = { startsWith: (f, v) => String(f).startsWith(String(v)) };
 * ```
 */
export type HostOperators = Readonly<Record<string, HostOperator>>;

/**
 * Builds the operator function for a full operator name, decorators applied as json-rules-engine does;
 * a base operator that is not built in is looked up in `host` (only `true` counts as holding).
 */
export function operatorFn(name: string, host?: HostOperators): OperatorFn {
  const { decorators, base } = splitOperator(name);
  const custom = BASE_OPERATORS[base] === undefined && host !== undefined && Object.prototype.hasOwnProperty.call(host, base) ? host[base] : undefined;
  const op = custom === undefined ? BASE_OPERATORS[base] : { validate: always, test: (a: unknown, b: unknown) => custom(a, b) === true };
  if (op === undefined) throw new RangeError(`unknown operator ${base}`);
  let fn: OperatorFn = (a, b) => op.validate(a) && op.test(a, b);
  for (let i = decorators.length - 1; i >= 0; i--) {
    const dec = DECORATORS[decorators[i] ?? ''];
    if (dec === undefined) throw new RangeError(`unknown operator decorator ${decorators[i]}`);
    const next = fn;
    fn = (a, b) => dec.validate(a) && dec.wrap(a, b, next);
  }
  return fn;
}

/** How an operator reads in explanations and rejection reasons ("dpd ≥ 91", "state is one of …"). */
const OPERATOR_WORDS: Readonly<Record<string, string>> = table<string>({
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'is one of',
  notIn: 'is not one of',
  contains: 'contains',
  doesNotContain: 'does not contain',
});

/**
 * The words for an operator in text for people; an operator without words (a decorated one) is shown by name.
 *
 * @example
 * ```ts
 * operatorWords('greaterThanInclusive'); // '≥'
 * ```
 */
export function operatorWords(name: string): string {
  return Object.prototype.hasOwnProperty.call(OPERATOR_WORDS, name) ? (OPERATOR_WORDS[name] as string) : name;
}
