/**
 * The subset of JSONPath a rule may use to read a data fact (`attributes`, `observations`): `$`
 * followed by property names (`.product`) and array indexes (`[0]`), nothing else. json-rules-engine
 * would hand any string to jsonpath-plus (filters, recursive descent, script expressions); rule files
 * are untrusted, so only paths whose meaning is plain and whose cost is bounded are accepted.
 */

/**
 * One step of a path: an own property name or an array index.
 *
 * @example
 * ```ts
 * const steps: DataPathStep[] = ['dealer', 'ids', 0]; // $.dealer.ids[0]
 * ```
 */
export type DataPathStep = string | number;

/**
 * A parsed path: its text as written and its steps.
 *
 * @example
 * ```ts
 * const p: DataPath = { text: '$.product', steps: ['product'] };
 * ```
 */
export interface DataPath {
  readonly text: string;
  readonly steps: readonly DataPathStep[];
}

/**
 * Longest path accepted, in steps: attributes nest at most this deep anyway.
 *
 * @example
 * ```ts
 * parseDataPath('$' + '.a'.repeat(MAX_PATH_STEPS + 1)).ok; // false
 * ```
 */
export const MAX_PATH_STEPS = 8;
const MAX_INDEX = 9999;
/** Names that reach an object's prototype machinery rather than its data. */
const FORBIDDEN_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const STEP = /\.([A-Za-z_][A-Za-z0-9_]{0,63})|\[(\d{1,4})\]/y;

/**
 * Parses a path written in a rule file, or says what is wrong with it.
 *
 * @example
 * ```ts
 * parseDataPath('$.guarantee.kinds[0]'); // { ok: true, path: { text: '$.guarantee.kinds[0]', steps: ['guarantee', 'kinds', 0] } }
 * parseDataPath('$..price').ok; // false: recursive descent is not supported
 * ```
 */
export function parseDataPath(text: string): { readonly ok: true; readonly path: DataPath } | { readonly ok: false; readonly message: string } {
  if (!text.startsWith('$')) return { ok: false, message: `The path "${text}" must start with "$"` };
  const steps: DataPathStep[] = [];
  let at = 1;
  while (at < text.length) {
    STEP.lastIndex = at;
    const m = STEP.exec(text);
    if (m === null) return { ok: false, message: `The path "${text}" has "${text.slice(at)}" where a ".name" or "[index]" step was expected; filters, wildcards, quotes and ".." are not supported` };
    if (m[1] !== undefined) {
      if (FORBIDDEN_NAMES.includes(m[1])) return { ok: false, message: `The path "${text}" names "${m[1]}", which is not data` };
      steps.push(m[1]);
    } else {
      const index = Number(m[2]);
      if (index > MAX_INDEX) return { ok: false, message: `The path "${text}" has index ${index}, above ${MAX_INDEX}` };
      steps.push(index);
    }
    at = STEP.lastIndex;
  }
  if (steps.length === 0) return { ok: false, message: `The path "${text}" names no property` };
  if (steps.length > MAX_PATH_STEPS) return { ok: false, message: `The path "${text}" has ${steps.length} steps, more than ${MAX_PATH_STEPS}` };
  return { ok: true, path: { text, steps } };
}

/**
 * The value at `steps` inside `value`, or undefined when a step is missing: only own properties of
 * plain objects and indexes of arrays are followed (never a prototype, a string's length or a getter).
 *
 * @example
 * ```ts
 * readDataPath({ product: 'auto' }, ['product']); // 'auto'
 * readDataPath({ product: 'auto' }, ['missing']); // undefined
 * ```
 */
export function readDataPath(value: unknown, steps: readonly DataPathStep[]): unknown {
  let at: unknown = value;
  for (const step of steps) {
    if (at === null || typeof at !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(at) || step >= at.length) return undefined;
      at = at[step];
    } else {
      if (Array.isArray(at) || !Object.prototype.hasOwnProperty.call(at, step)) return undefined;
      at = (at as Record<string, unknown>)[step];
    }
  }
  return at;
}
