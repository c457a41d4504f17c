import type { ConditionNode, LeafNode } from './conditions';
import { specOf, type FactName } from './facts';
import { BASE_OPERATORS, splitOperator } from './operators';

/**
 * The values of fact combinations a condition tree accepts, as a union of "boxes" (disjunctive normal
 * form): each box constrains some facts to a set of values and holds some opaque atoms (comparisons of
 * one fact with another, which this analysis does not interpret). The pack linter uses it to prove that
 * a rule can never fire, that one rule's condition implies another's, and how DPD ranges tile.
 *
 * Every claim it makes is sound: a box it calls empty is empty, a containment it reports holds. Facts
 * are treated as independent (a rule on `dpd` and `state` may hold for any pair), so it can miss a
 * contradiction that needs knowledge of how facts relate, but never invents one.
 */

/**
 * A set of non-negative integers: sorted, disjoint, non-adjacent closed intervals; `hi` may be
 * `Infinity`. Every numeric fact is an integer ≥ 0 inside (DPD, counts, fen, millionths).
 */
export type IntervalSet = readonly (readonly [lo: number, hi: number])[];

/** Every value of a numeric fact. */
export const ALL_NUMBERS: IntervalSet = [[0, Infinity]];

function normalize(list: readonly (readonly [number, number])[]): IntervalSet {
  const sorted = list.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** `a ∪ b`. */
export function unionIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  return normalize([...a, ...b]);
}

/** `a ∩ b`. */
export function intersectIntervals(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as readonly [number, number];
    const y = b[j] as readonly [number, number];
    const lo = Math.max(x[0], y[0]);
    const hi = Math.min(x[1], y[1]);
    if (lo <= hi) out.push([lo, hi]);
    if (x[1] < y[1]) i++;
    else j++;
  }
  return out;
}

/** The integers ≥ 0 not in `a`. */
export function complementIntervals(a: IntervalSet): IntervalSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of a) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next !== Infinity) out.push([next, Infinity]);
  return out;
}

/**
 * A set as people read it: `"1–30"`, `"0"`, `"181 and above"`, joined with commas.
 *
 * @example
 * ```ts
 * formatIntervals([[0, 0], [31, 45], [181, Infinity]]); // '0, 31–45, 181 and above'
 * ```
 */
export function formatIntervals(a: IntervalSet): string {
  return a.map(([lo, hi]) => (hi === Infinity ? `${lo} and above` : lo === hi ? `${lo}` : `${lo}–${hi}`)).join(', ');
}

/** A set of values of a non-numeric fact: those listed, or all but those listed. */
export type DiscreteSet = { readonly kind: 'in' | 'notIn'; readonly values: readonly unknown[] };

/** The values one fact may take inside a box. */
export type FactSet = { readonly kind: 'numeric'; readonly set: IntervalSet } | { readonly kind: 'discrete'; readonly set: DiscreteSet };

function domainOf(fact: FactName): readonly unknown[] | undefined {
  const spec = specOf(fact);
  if (spec.type === 'boolean') return [true, false];
  if (spec.type === 'enum') return spec.values;
  return undefined;
}

function isNumeric(fact: FactName): boolean {
  const t = specOf(fact).type;
  return t === 'integer' || t === 'money' || t === 'ratio';
}

/** A discrete set over a finite domain becomes the list of values it holds. */
function normalizeDiscrete(fact: FactName, s: DiscreteSet): DiscreteSet {
  const domain = domainOf(fact);
  if (domain === undefined) return { kind: s.kind, values: [...new Set(s.values)] };
  return { kind: 'in', values: domain.filter((v) => s.values.includes(v) === (s.kind === 'in')) };
}

function discreteOp(a: DiscreteSet, b: DiscreteSet, op: 'and' | 'or'): DiscreteSet {
  const inA = (v: unknown): boolean => a.values.includes(v) === (a.kind === 'in');
  const inB = (v: unknown): boolean => b.values.includes(v) === (b.kind === 'in');
  const listed = [...new Set([...a.values, ...b.values])];
  const contains = (v: unknown): boolean => (op === 'and' ? inA(v) && inB(v) : inA(v) || inB(v));
  // Values listed in neither are in both sets exactly when both are "notIn" sets.
  const unlisted = op === 'and' ? a.kind === 'notIn' && b.kind === 'notIn' : a.kind === 'notIn' || b.kind === 'notIn';
  return unlisted ? { kind: 'notIn', values: listed.filter((v) => !contains(v)) } : { kind: 'in', values: listed.filter(contains) };
}

function emptyFactSet(fact: FactName): FactSet {
  return isNumeric(fact) ? { kind: 'numeric', set: [] } : { kind: 'discrete', set: { kind: 'in', values: [] } };
}

function fullFactSet(fact: FactName): FactSet {
  return isNumeric(fact) ? { kind: 'numeric', set: ALL_NUMBERS } : { kind: 'discrete', set: normalizeDiscrete(fact, { kind: 'notIn', values: [] }) };
}

function combine(fact: FactName, a: FactSet, b: FactSet, op: 'and' | 'or'): FactSet {
  if (a.kind === 'numeric' && b.kind === 'numeric') return { kind: 'numeric', set: op === 'and' ? intersectIntervals(a.set, b.set) : unionIntervals(a.set, b.set) };
  if (a.kind === 'discrete' && b.kind === 'discrete') return { kind: 'discrete', set: normalizeDiscrete(fact, discreteOp(a.set, b.set, op)) };
  return emptyFactSet(fact);
}

function negate(fact: FactName, a: FactSet): FactSet {
  if (a.kind === 'numeric') return { kind: 'numeric', set: complementIntervals(a.set) };
  return { kind: 'discrete', set: normalizeDiscrete(fact, { kind: a.set.kind === 'in' ? 'notIn' : 'in', values: a.set.values }) };
}

/** True when the set holds no value. */
export function isEmptyFactSet(a: FactSet): boolean {
  return a.kind === 'numeric' ? a.set.length === 0 : a.set.kind === 'in' && a.set.values.length === 0;
}

/** True when the set holds every value of the fact (it does not constrain it). */
function isFullFactSet(fact: FactName, a: FactSet): boolean {
  return isEmptyFactSet(negate(fact, a));
}

/** `a ⊆ b`. */
export function isSubsetFactSet(fact: FactName, a: FactSet, b: FactSet): boolean {
  return isEmptyFactSet(combine(fact, a, negate(fact, b), 'and'));
}

/** The values of `fact` for which `base(factValue, value)` holds, or undefined when it cannot be said. */
function baseSet(fact: FactName, base: string, value: unknown): FactSet | undefined {
  if (isNumeric(fact)) {
    const numbers = (Array.isArray(value) ? value : [value]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    const point = (v: number): IntervalSet => (Number.isInteger(v) && v >= 0 ? [[v, v]] : []);
    const numeric = (set: IntervalSet): FactSet => ({ kind: 'numeric', set });
    if (base === 'in' || base === 'notIn') {
      if (!Array.isArray(value) || numbers.length !== value.length) return undefined;
      const set = numbers.reduce<IntervalSet>((acc, v) => unionIntervals(acc, point(v)), []);
      return numeric(base === 'in' ? set : complementIntervals(set));
    }
    const v = numbers[0];
    if (Array.isArray(value) || v === undefined) return undefined;
    switch (base) {
      case 'equal':
        return numeric(point(v));
      case 'notEqual':
        return numeric(complementIntervals(point(v)));
      case 'lessThan':
        return numeric(normalize([[0, Math.ceil(v) - 1]]));
      case 'lessThanInclusive':
        return numeric(normalize([[0, Math.floor(v)]]));
      case 'greaterThan':
        return numeric(normalize([[Math.max(0, Math.floor(v) + 1), Infinity]]));
      case 'greaterThanInclusive':
        return numeric(normalize([[Math.max(0, Math.ceil(v)), Infinity]]));
      default:
        return undefined;
    }
  }
  const discrete = (kind: 'in' | 'notIn', values: readonly unknown[]): FactSet => ({ kind: 'discrete', set: normalizeDiscrete(fact, { kind, values }) });
  switch (base) {
    case 'equal':
      return Array.isArray(value) ? undefined : discrete('in', [value]);
    case 'notEqual':
      return Array.isArray(value) ? undefined : discrete('notIn', [value]);
    case 'in':
      return Array.isArray(value) ? discrete('in', value) : undefined;
    case 'notIn':
      return Array.isArray(value) ? discrete('notIn', value) : undefined;
    default:
      return undefined;
  }
}

/** Applies json-rules-engine's decorators (outermost first) to the set of the base operator. */
function decoratedSet(fact: FactName, decorators: readonly string[], base: string, value: unknown): FactSet | undefined {
  const [head, ...rest] = decorators;
  if (head === undefined) return baseSet(fact, base, value);
  switch (head) {
    case 'not': {
      const inner = decoratedSet(fact, rest, base, value);
      return inner === undefined ? undefined : negate(fact, inner);
    }
    case 'someValue':
    case 'everyValue': {
      if (!Array.isArray(value) || value.length === 0) return undefined;
      let acc: FactSet | undefined;
      for (const v of value) {
        const s = decoratedSet(fact, rest, base, v);
        if (s === undefined) return undefined;
        acc = acc === undefined ? s : combine(fact, acc, s, head === 'someValue' ? 'or' : 'and');
      }
      return acc;
    }
    default:
      return undefined;
  }
}

/**
 * The values of its fact a leaf with a literal value accepts; undefined for a leaf comparing two facts
 * or using an operator this analysis does not interpret.
 *
 * @example
 * ```ts
 * leafSet({ kind: 'leaf', fact: 'dpd', operator: 'greaterThan', value: { kind: 'const', value: 90 } });
 * // { kind: 'numeric', set: [[91, Infinity]] }
 * ```
 */
export function leafSet(leaf: LeafNode): FactSet | undefined {
  // A value inside a data fact, or a host operator, is opaque: an atom of its own, never a set of the fact.
  if (leaf.value.kind !== 'const' || leaf.path !== undefined) return undefined;
  const { decorators, base } = splitOperator(leaf.operator);
  if (BASE_OPERATORS[base] === undefined) return undefined;
  return decoratedSet(leaf.fact, decorators, base, leaf.value.value);
}

/** One conjunction: each named fact within its set, each opaque atom true or false. */
export interface Box {
  readonly sets: ReadonlyMap<FactName, FactSet>;
  readonly atoms: ReadonlyMap<string, boolean>;
}

const TRUE_BOX: Box = { sets: new Map(), atoms: new Map() };

/** `a ∧ b`, or undefined when the conjunction is empty. */
function intersectBoxes(a: Box, b: Box): Box | undefined {
  const sets = new Map(a.sets);
  for (const [fact, s] of b.sets) {
    const prev = sets.get(fact);
    const next = prev === undefined ? s : combine(fact, prev, s, 'and');
    if (isEmptyFactSet(next)) return undefined;
    sets.set(fact, next);
  }
  const atoms = new Map(a.atoms);
  for (const [key, polarity] of b.atoms) {
    if (atoms.get(key) === !polarity) return undefined;
    atoms.set(key, polarity);
  }
  return { sets, atoms };
}

/**
 * True when some fact combination is in both boxes. The test of {@link intersectBoxes} without
 * building the intersection: lint asks it for many pairs of rules.
 */
export function boxesIntersect(a: Box, b: Box): boolean {
  for (const [fact, s] of b.sets) {
    const other = a.sets.get(fact);
    if (isEmptyFactSet(other === undefined ? s : combine(fact, other, s, 'and'))) return false;
  }
  for (const [key, polarity] of b.atoms) if (a.atoms.get(key) === !polarity) return false;
  return true;
}

function leafBox(leaf: LeafNode, positive: boolean): Box | undefined {
  const s = leafSet(leaf);
  if (s === undefined) {
    const value = leaf.value.kind === 'fact' ? `fact:${leaf.value.fact}` : JSON.stringify(leaf.value.value);
    return { sets: new Map(), atoms: new Map([[`${leaf.fact}${leaf.path?.text.slice(1) ?? ''} ${leaf.operator} ${value}`, positive]]) };
  }
  const set = positive ? s : negate(leaf.fact, s);
  if (isEmptyFactSet(set)) return undefined;
  if (isFullFactSet(leaf.fact, set)) return TRUE_BOX;
  return { sets: new Map([[leaf.fact, set]]), atoms: new Map() };
}

/** Largest number of boxes a rule's conditions may expand to; beyond it the rule is not analysed. */
export const MAX_BOXES = 512;

/**
 * The condition tree in disjunctive normal form: the satisfiable boxes whose union is exactly the
 * set of fact values it accepts (an empty list: it never holds). Undefined when the expansion exceeds
 * {@link MAX_BOXES}.
 *
 * @example
 * ```ts
 * toBoxes(pack.rules[0].conditions)?.length; // 1 for { all: [leaves…] }
 * ```
 */
export function toBoxes(node: ConditionNode, positive = true): readonly Box[] | undefined {
  switch (node.kind) {
    case 'leaf': {
      const box = leafBox(node, positive);
      return box === undefined ? [] : [box];
    }
    case 'not':
      return toBoxes(node.item, !positive);
    case 'all':
    case 'any': {
      const conjunction = (node.kind === 'all') === positive;
      let acc: readonly Box[] = conjunction ? [TRUE_BOX] : [];
      for (const item of node.items) {
        const boxes = toBoxes(item, positive);
        if (boxes === undefined) return undefined;
        if (conjunction) {
          const next: Box[] = [];
          for (const a of acc) {
            for (const b of boxes) {
              const c = intersectBoxes(a, b);
              if (c !== undefined) next.push(c);
            }
          }
          acc = next;
        } else acc = [...acc, ...boxes];
        if (acc.length > MAX_BOXES) return undefined;
      }
      return acc;
    }
  }
}

function factSetOf(box: Box, fact: FactName): FactSet {
  return box.sets.get(fact) ?? fullFactSet(fact);
}

/** `inner ⊆ outer` on every fact except `except`, and every atom of `outer` held by `inner`. */
function containsExcept(outer: Box, inner: Box, except: FactName | undefined): boolean {
  for (const [fact, s] of outer.sets) {
    if (fact !== except && !isSubsetFactSet(fact, factSetOf(inner, fact), s)) return false;
  }
  for (const [key, polarity] of outer.atoms) if (inner.atoms.get(key) !== polarity) return false;
  return true;
}

/**
 * True when every fact combination in `box` is in some box of `cover`: `box` lies inside one of them,
 * or the boxes that contain it on every fact but one together cover that fact's values.
 */
export function isCovered(box: Box, cover: readonly Box[]): boolean {
  if (cover.some((c) => containsExcept(c, box, undefined))) return true;
  const facts = new Set<FactName>([...box.sets.keys(), ...cover.flatMap((c) => [...c.sets.keys()])]);
  for (const fact of facts) {
    const along = cover.filter((c) => containsExcept(c, box, fact));
    if (along.length < 2) continue;
    const union = along.map((c) => factSetOf(c, fact)).reduce((a, b) => combine(fact, a, b, 'or'));
    if (isSubsetFactSet(fact, factSetOf(box, fact), union)) return true;
  }
  return false;
}

/** True when the box constrains `dpd` only: no other fact, no opaque atom. */
export function constrainsOnlyDpd(box: Box): boolean {
  return box.atoms.size === 0 && [...box.sets.keys()].every((f) => f === 'dpd');
}

/** The DPD values a box allows. */
export function dpdOf(box: Box): IntervalSet {
  const s = box.sets.get('dpd');
  return s === undefined ? ALL_NUMBERS : s.kind === 'numeric' ? s.set : [];
}
