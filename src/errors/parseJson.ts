import { fail, ok, type Result } from './PostloanError';
import type { PostloanIssue } from './PostloanIssue';

/** Limits applied to every JSON document postloan reads; rule packs and histories are untrusted. */
export interface JsonLimits {
  /** Largest document in characters. */
  readonly maxLength: number;
  /** Deepest nesting of arrays and objects. */
  readonly maxDepth: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxLength: 20 * 1024 * 1024, maxDepth: 64 };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function lineColumn(text: string, position: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
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
    return fail([
      {
        code: 'json.tooDeep',
        file,
        path: '',
        message: `The file is ${text.length} characters long, above the limit of ${limits.maxLength}`,
        hint: 'split the input into smaller files',
      },
    ]);
  }
  const depth = maxNesting(text, limits.maxDepth);
  if (depth > limits.maxDepth) {
    return fail([
      {
        code: 'json.tooDeep',
        file,
        path: '',
        message: `The JSON is nested more than ${limits.maxDepth} levels deep`,
        hint: 'flatten the document; postloan files never need deep nesting',
      },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const where = pos?.[1] !== undefined ? ` (${lineColumn(text, Number(pos[1]))})` : '';
    return fail([
      {
        code: 'json.syntax',
        file,
        path: '',
        message: `The file is not valid JSON${where}: ${message.replace(/^.*?JSON[^:]*: /, '').replace(/ in JSON at position \d+.*$/, '').replace(/ at position \d+.*$/, '')}`,
        hint: 'check for a missing comma, quote or bracket near that place',
      },
    ]);
  }
  const forbidden: string[] = [];
  findForbiddenKeys(value, '', forbidden);
  if (forbidden.length > 0) {
    return fail(
      forbidden.map(
        (path): PostloanIssue => ({
          code: 'json.forbiddenKey',
          file,
          path,
          message: `The key "${path.split('.').pop() ?? ''}" is not allowed`,
          hint: 'remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution',
        }),
      ),
    );
  }
  return ok(value);
}
