/**
 * Every problem a user can cause is worded by postloan, never in zod's raw English ("Invalid input:
 * expected string, received undefined"). The scan below breaks every field of a valid history and of
 * the default pack in every way JSON allows, and reads every message and hint it produces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromZodIssues } from '../../src/errors/fromZod';
import { isZodPhrasing, zodMessage } from '../../src/errors/zodMessage';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import type { PostloanIssue } from '../../src/errors/PostloanIssue';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths of every value inside `value` (objects and arrays included), depth-first. */
function paths(value: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const REPLACEMENTS: readonly (Json | undefined)[] = [undefined, 7, -1.5, 'x', '', true, null, [], {}];

/** A copy of `doc` with the value at `path` replaced (`undefined`: removed). */
function broken(doc: Json, path: readonly (string | number)[], replacement: Json | undefined): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return replacement === undefined ? null : replacement;
  let parent = copy as Record<string | number, Json>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

function rawZod(issues: readonly PostloanIssue[]): string[] {
  return issues.flatMap((i) => [i.message, i.hint ?? '']).filter((m) => isZodPhrasing(m));
}

describe('zodMessage', () => {
  const at = (schema: z.ZodType, value: unknown): string => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a failure');
    return fromZodIssues(r.error.issues, 'f.json', ['loan']).map((i) => i.message).join(' | ');
  };

  it.each([
    [z.object({ id: z.string() }), {}, '`loan.id` is missing: add it as a string'],
    [z.object({ id: z.string() }), { id: 3 }, '`loan.id` must be a string, not a number'],
    [z.object({ n: z.number().int() }), { n: 'x' }, '`loan.n` must be a number, not a string'],
    [z.object({ k: z.enum(['a', 'b']) }), { k: 'c' }, '`loan.k` must be one of "a", "b"'],
    [z.object({ l: z.array(z.string()).max(1) }), { l: ['a', 'b'] }, '`loan.l` has too many items: at most 1'],
    [z.object({ l: z.array(z.string()).min(1) }), { l: [] }, '`loan.l` must not be empty'],
    [z.object({ n: z.number().min(3) }), { n: 1 }, '`loan.n` must be at least 3'],
    [z.object({ s: z.string().max(2) }), { s: 'abc' }, '`loan.s` has too many characters: at most 2'],
    [z.object({ s: z.string().regex(/^a$/) }), { s: 'b' }, '`loan.s` is not in the expected format'],
    [z.object({ s: z.string().regex(/^a$/, { message: 'must be "a"' }) }), { s: 'b' }, '`loan.s` must be "a"'],
    [z.object({ s: z.string().refine(() => false, { message: 'Our own words' }) }), { s: 'b' }, 'Our own words'],
  ] as const)('%#: %j → %s', (schema, value, expected) => {
    expect(at(schema, value)).toBe(expected);
  });

  it('names the document itself when the path is empty', () => {
    const r = z.string().safeParse(1);
    expect(r.success).toBe(false);
    if (!r.success) expect(zodMessage(r.error.issues[0] as z.core.$ZodIssue, '')).toBe('The document must be a string, not a number');
  });
});

describe("no message is zod's raw phrasing", () => {
  it('over every field of a history, broken in every way', () => {
    const history = JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')) as Json;
    const found = new Set<string>();
    let refused = 0;
    for (const path of paths(history)) {
      for (const replacement of REPLACEMENTS) {
        const r = parseHistoryValue(broken(history, path, replacement), 'h.json');
        if (r.ok) continue;
        refused++;
        for (const m of rawZod(r.issues)) found.add(m);
      }
    }
    expect(refused).toBeGreaterThan(300);
    expect([...found]).toEqual([]);
  });

  it('over every field of pack.json, the task kinds and a rule file, broken in every way', () => {
    const found = new Set<string>();
    let refused = 0;
    for (const file of ['pack.json', 'task-kinds.json', 'lifecycle.json']) {
      const doc = cnDefaultPackFiles[file] as Json;
      // The task kinds file is long: its first kinds show every shape it has.
      const all = paths(doc).filter((p) => file !== 'task-kinds.json' || p.length < 3 || ['kinds'].includes(String(p[0])) && Object.keys((doc as { kinds: object }).kinds).indexOf(String(p[1])) < 3);
      for (const path of all) {
        for (const replacement of REPLACEMENTS) {
          const r = loadPack({ ...cnDefaultPackFiles, [file]: broken(doc, path, replacement) }, { dir: 'p/' });
          if (r.ok) continue;
          refused++;
          for (const m of rawZod(r.issues)) found.add(m);
        }
      }
    }
    expect(refused).toBeGreaterThan(300);
    expect([...found]).toEqual([]);
  }, 120_000);
});
