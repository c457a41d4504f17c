import { fail, ok, type Result } from './PostloanError';
import type { PostloanIssue } from './PostloanIssue';
import { jsonText } from './jsonMessages';
import { issueFrom } from './issueText';

/** Limits applied to every JSON document postloan reads; rule packs and histories are untrusted. */
export interface JsonLimits {
  /** Largest document in characters. */
  readonly maxLength: number;
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxLength: 20 * 1024 * 1024, maxDepth: 64 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function lineColumn(text: string, position: number): [number, number] {
  let line = 1;
  let col = 1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return [line, col];
}

/** Depth of nesting measured on the raw text, before parsing, so a hostile document never reaches JSON.parse's recursion. */
function maxNesting(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > limit) return depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return 0;
}

function findForbiddenKeys(value: unknown, path: string, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => findForbiddenKeys(v, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) out.push(child);
      else findForbiddenKeys((value as Record<string, unknown>)[key], child, out);
    }
  }
}

/**
 * Checks a value that claims to be parsed JSON (a caller passed an object instead of text) with the
 * limits of {@link parseJson}: only JSON types (no functions, class instances, `undefined`, `NaN`),
 * bounded depth and size, no `__proto__` / `constructor` / `prototype` keys. Iterative, so a hostile
 * depth never reaches the call stack. Never throws.
 *
 * @example
 * ```ts
 * checkJsonValue(JSON.parse('{"__proto__": {"x": 1}}'), 'pack.json').ok; // false: forbidden key at __proto__
 * ```
 */
export function checkJsonValue(value: unknown, file: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): Result<unknown> {
  const issues: PostloanIssue[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  // Each node costs at least a character of JSON text, so the length limit bounds the node count.
  let budget = limits.maxLength;
  while (stack.length > 0 && issues.length < 100) {
    const node = stack.pop() as { value: unknown; path: string; depth: number };
    if (--budget < 0) {
      return fail([issueFrom({ code: 'json.tooDeep', file, path: '' }, jsonText.tooManyValues(limits.maxLength))]);
    }
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) continue;
    if (typeof v !== 'object' || (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null)) {
      issues.push(issueFrom({ code: 'input.invalid', file, path: node.path }, jsonText.notJsonValue(typeof v, typeof v === 'number' ? String(v) : '')));
      continue;
    }
    if (node.depth >= limits.maxDepth) {
      return fail([issueFrom({ code: 'json.tooDeep', file, path: node.path }, jsonText.tooDeep(limits.maxDepth))]);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i] as unknown, path: `${node.path}[${i}]`, depth: node.depth + 1 });
      continue;
    }
    const children: typeof stack = [];
    for (const key of Object.keys(v)) {
      const path = node.path === '' ? key : `${node.path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) issues.push(forbiddenKey(file, path));
      else children.push({ value: (v as Record<string, unknown>)[key], path, depth: node.depth + 1 });
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as (typeof stack)[number]);
  }
  return issues.length > 0 ? fail(issues) : ok(value);
}

function forbiddenKey(file: string, path: string): PostloanIssue {
  return issueFrom({ code: 'json.forbiddenKey', file, path }, jsonText.forbiddenKey(path.split('.').pop() ?? ''));
}

/**
 * The reason of a JSON.parse error without the excerpt of the input V8 quotes ("Unexpected token 'r',
 * "root:x:0:0"... is not valid JSON"): the file may not be JSON at all (a symlink to a system file, a
 * binary), and its content is not ours to print.
 */
function syntaxReason(message: string): string {
  if (/^Unexpected token/.test(message) || /is not valid JSON/.test(message)) return 'notJson';
  return message.replace(/^.*?JSON[^:]*: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '');
}

/**
 * Parses untrusted JSON text: bounded size and depth, `__proto__` / `constructor` / `prototype` keys
 * refused, syntax errors reported with line and column. Never throws.
 *
 * @example
 * ```ts
 * const r = parseJson('{"a": 1}', 'history.json');
 * if (r.ok) r.value; // { a: 1 }
 * ```
 */
export function parseJson(text: string, file: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): Result<unknown> {
  if (text.length > limits.maxLength) {
    return fail([issueFrom({ code: 'json.tooDeep', file, path: '' }, jsonText.tooLong(text.length, limits.maxLength))]);
  }
  const depth = maxNesting(text, limits.maxDepth);
  if (depth > limits.maxDepth) {
    return fail([issueFrom({ code: 'json.tooDeep', file, path: '' }, jsonText.tooDeep(limits.maxDepth))]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const at = pos?.[1] !== undefined ? lineColumn(text, Number(pos[1])) : undefined;
    return fail([issueFrom({ code: 'json.syntax', file, path: '' }, jsonText.syntax(at, syntaxReason(message)))]);
  }
  const forbidden: string[] = [];
  findForbiddenKeys(value, '', forbidden);
  if (forbidden.length > 0) {
    return fail(forbidden.map((path) => forbiddenKey(file, path)));
  }
  return ok(value);
}
