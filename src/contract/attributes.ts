import { z } from 'zod';
import { acceptedInput } from './acceptedInput';
import { report } from './primitives';

/**
 * A contract's own attributes (`loan.attributes`): free JSON the lender attaches (product code, channel,
 * region) for rules to read. Untrusted data: bounded in depth, entries and text length, and no key may
 * reach an object's prototype.
 *
 * @example
 * ```ts
 * const a: LoanAttributes = { product: 'auto', channel: { kind: 'dealer', id: 'D-12' } };
 * ```
 */
export type LoanAttributes = Readonly<Record<string, unknown>>;

/** Deepest nesting inside `attributes` (the object itself is level 1). */
export const MAX_ATTRIBUTE_DEPTH = 6;
/** Most values (keys and list items, all levels) inside `attributes`. */
export const MAX_ATTRIBUTE_ENTRIES = 500;
const MAX_TEXT = 1000;
const MAX_KEY = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Problem = { readonly path: (string | number)[]; readonly message: string; readonly hint: string };

/** Walks the value and returns a frozen copy, or the first problem found. */
function copyChecked(value: unknown, path: (string | number)[], depth: number, budget: { entries: number }): { ok: true; value: unknown } | { ok: false; problem: Problem } {
  const bad = (message: string, hint: string): { ok: false; problem: Problem } => ({ ok: false, problem: { path, message, hint } });
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : bad('An attribute must be JSON; this number is not finite', 'write a finite number');
  if (typeof value === 'string') return value.length <= MAX_TEXT ? { ok: true, value } : bad(`An attribute text has ${value.length} characters, more than ${MAX_TEXT}`, 'keep attributes short; store documents elsewhere and put their id here');
  if (typeof value !== 'object') return bad(`An attribute must be JSON; a ${typeof value} is not`, 'use text, numbers, true/false, null, lists and objects');
  if (depth >= MAX_ATTRIBUTE_DEPTH) return bad(`Attributes are nested more than ${MAX_ATTRIBUTE_DEPTH} levels deep`, 'flatten the attributes');
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, item] of value.entries()) {
      if (++budget.entries > MAX_ATTRIBUTE_ENTRIES) return bad(`Attributes hold more than ${MAX_ATTRIBUTE_ENTRIES} values`, 'keep only what rules read');
      const c = copyChecked(item, [...path, i], depth + 1, budget);
      if (!c.ok) return c;
      out.push(c.value);
    }
    return { ok: true, value: Object.freeze(out) };
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return bad('An attribute must be JSON; this object is not a plain object', 'pass parsed JSON');
  // Without a prototype: a key such as "toString" is data, never a method reached by a path.
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { ok: false, problem: { path: [...path, key], message: `The key "${key}" is not allowed`, hint: 'rename the key' } };
    if (key.length > MAX_KEY) return { ok: false, problem: { path: [...path, key], message: `An attribute name has ${key.length} characters, more than ${MAX_KEY}`, hint: 'use a short name' } };
    if (++budget.entries > MAX_ATTRIBUTE_ENTRIES) return bad(`Attributes hold more than ${MAX_ATTRIBUTE_ENTRIES} values`, 'keep only what rules read');
    const c = copyChecked(item, [...path, key], depth + 1, budget);
    if (!c.ok) return c;
    out[key] = c.value;
  }
  return { ok: true, value: Object.freeze(out) };
}

/**
 * zod schema of `loan.attributes`: a JSON object within the bounds above, parsed to a frozen copy whose
 * objects have no prototype.
 *
 * @example
 * ```ts
 * attributesSchema.parse({ product: 'auto' }).product; // 'auto'
 * attributesSchema.safeParse({ a: { b: { c: { d: { e: { f: 1 } } } } } }).success; // false: too deep
 * ```
 */
export const attributesSchema = z.unknown().transform((input, ctx): LoanAttributes => {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    report(ctx, 'input.invalid', { message: 'attributes must be an object', hint: 'write "attributes": { "product": "auto" }' });
    return z.NEVER;
  }
  const c = copyChecked(input, [], 0, { entries: 0 });
  if (!c.ok) {
    report(ctx, 'input.invalid', { message: c.problem.message, hint: c.problem.hint }, c.problem.path);
    return z.NEVER;
  }
  return c.value as LoanAttributes;
});
acceptedInput.set(attributesSchema, { input: z.record(z.string(), z.unknown()).describe('Free JSON about the loan (product, channel, region) that rules read with a path such as "$.product"') });
