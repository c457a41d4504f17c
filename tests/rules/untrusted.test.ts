import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/errors/formatIssues';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { runCli } from '../cli/run';

/**
 * Rule packs are untrusted input: a pack from a partner or a compromised repository must be refused
 * with a clear message naming the file and the JSON path, quickly, and without side effects.
 */

const DIR = 'rules/x/';
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
let before: string[];
beforeEach(() => {
  before = Object.getOwnPropertyNames(Object.prototype).sort();
});
afterEach(() => {
  // No side effects: nothing leaked onto Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  expect(before).toEqual(prototypeKeys);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

/** The cn-default files as JSON text, with one file replaced. */
function asText(replace: Record<string, string> = {}): Record<string, string> {
  return { ...Object.fromEntries(Object.entries(cnDefaultPackFiles).map(([name, v]) => [name, JSON.stringify(v, null, 2)])), ...replace };
}
function problems(files: Record<string, unknown>): string {
  const r = loadPack(files, { dir: DIR });
  if (r.ok) throw new Error('expected the pack to be refused');
  return formatIssues(r.issues);
}
/** A copy of rules/cn-default in a temp directory, with files written over. */
function packDir(write: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'postloan-untrusted-'));
  cpSync('rules/cn-default', dir, { recursive: true });
  for (const [name, text] of Object.entries(write)) writeFileSync(join(dir, name), text);
  return dir;
}
const bucketsText = (): string => readFileSync('rules/cn-default/buckets.json', 'utf8');
const nested = (levels: number): string => `{"rules": ${'['.repeat(levels)}${']'.repeat(levels)}}`;

describe('prototype pollution keys', () => {
  const polluted = bucketsText().replace('"id": "bucket-M1"', '"__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "id": "bucket-M1"');

  it('refused in a rule file given as text, each key at its path', () => {
    expect(problems(asText({ 'buckets.json': polluted }))).toMatchInlineSnapshot(`
      "✖ The key "__proto__" is not allowed
        → at rules/x/buckets.json: rules[1].__proto__
        hint: remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution
      ✖ The key "constructor" is not allowed
        → at rules/x/buckets.json: rules[1].constructor
        hint: remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution"
    `);
  });

  it('refused in a file given as a parsed value (JSON.parse keeps "__proto__" as an own key)', () => {
    const files = { ...cnDefaultPackFiles, 'buckets.json': JSON.parse(polluted) as unknown };
    expect(problems(files)).toContain('→ at rules/x/buckets.json: rules[1].__proto__');
    const manifest = JSON.parse(JSON.stringify(cnDefaultPackFiles['pack.json']).replace('"parameters":{', '"parameters":{"constructor":1,')) as unknown;
    expect(problems({ ...cnDefaultPackFiles, 'pack.json': manifest })).toMatchInlineSnapshot(`
      "✖ The key "constructor" is not allowed
        → at rules/x/pack.json: parameters.constructor
        hint: remove it: keys named __proto__, constructor or prototype are refused to prevent prototype pollution"
    `);
  });

  it('refused by postloan validate, naming file and path', () => {
    const dir = packDir({ 'buckets.json': polluted });
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`→ at ${dir}/buckets.json: rules[1].__proto__`);
    expect(stdout).toContain(`✖ ${dir} is invalid: 2 errors, 0 warnings`);
  });

  it('operators named after Object.prototype members are unknown operators, not inherited functions', () => {
    const files = structuredClone(cnDefaultPackFiles) as Record<string, { rules: { conditions: { all: Record<string, unknown>[] } }[] }>;
    const leaf = (i: number): Record<string, unknown> => files['buckets.json']?.rules[i]?.conditions.all[0] ?? {};
    leaf(1)['operator'] = 'toString';
    leaf(2)['operator'] = 'constructor:equal';
    leaf(3)['operator'] = 'hasOwnProperty';
    const r = loadPack(files, { dir: DIR });
    expect(r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}: ${i.message}`)).toEqual([
      'pack.unknownOperator rules[1].conditions.all[0].operator: Unknown operator "toString"',
      'pack.unknownOperator rules[2].conditions.all[0].operator: Unknown operator decorator "constructor"',
      'pack.unknownOperator rules[3].conditions.all[0].operator: Unknown operator "hasOwnProperty"',
    ]);
  });
});

describe('deep nesting', () => {
  it('10,000 levels of JSON text are refused before parsing', () => {
    const start = performance.now();
    expect(problems(asText({ 'buckets.json': nested(10_000) }))).toMatchInlineSnapshot(`
      "✖ The JSON is nested more than 64 levels deep
        → at rules/x/buckets.json
        hint: flatten the document; postloan files never need deep nesting"
    `);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('10,000 levels of a parsed value are refused without recursion', () => {
    let deep: unknown = [];
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(problems({ ...cnDefaultPackFiles, 'buckets.json': { rules: deep } })).toContain('✖ The JSON is nested more than 64 levels deep\n  → at rules/x/buckets.json: rules[0][0]');
  });

  it('refused by postloan validate', () => {
    const dir = packDir({ 'buckets.json': nested(10_000) });
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`✖ The JSON is nested more than 64 levels deep (json.tooDeep)\n  → at ${dir}/buckets.json`);
  });
});

describe('size', () => {
  const FIFTY_MB = 50 * 1024 * 1024;
  const huge = `{"rules": [], "description": "${'x'.repeat(FIFTY_MB)}"}`;

  it('a 50 MB file is refused by its size, before it is read', () => {
    const dir = packDir({ 'buckets.json': huge });
    const start = performance.now();
    const { code, stdout } = runCli('validate', dir);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(code).toBe(1);
    expect(stdout).toContain(`✖ ${dir}/buckets.json is ${huge.length} bytes, above the 20971520-byte limit (cli.io)\n  → at ${dir}/buckets.json`);
  });

  it('a 50 MB text given to loadPack is refused by its length, before parsing', () => {
    const start = performance.now();
    expect(problems(asText({ 'buckets.json': huge }))).toContain(`✖ The file is ${huge.length} characters long, above the limit of 20971520\n  → at rules/x/buckets.json`);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('JSONPath in conditions', () => {
  const withLeaf = (leaf: Record<string, unknown>): Record<string, unknown> => {
    const files = structuredClone(cnDefaultPackFiles) as Record<string, unknown>;
    (files['pack.json'] as { rules: string[] }).rules.push('extra.json');
    files['extra.json'] = { rules: [{ id: 'x', name: 'P-LC-2', conditions: { all: [leaf] }, event: { type: 'bucket', params: { bucket: 'M1' } } }] };
    return files;
  };

  it('a script filter in a condition "path" is refused, never evaluated', () => {
    expect(problems(withLeaf({ fact: 'dpd', operator: 'greaterThan', value: 30, path: '$..[?(@.constructor)]' }))).toMatchInlineSnapshot(`
      "✖ Fact "dpd" is a single value; it has no "path" to follow
        → at rules/x/extra.json: rules[0].conditions.all[0].path
        hint: remove "path""
    `);
  });

  it('a script expression in the "path" of a fact-valued value is refused (it used to be ignored)', () => {
    expect(problems(withLeaf({ fact: 'dpd', operator: 'greaterThan', value: { fact: 'daysInState', path: '$.x[(@.length-1)]' } }))).toMatchInlineSnapshot(`
      "✖ Fact "daysInState" is a single value; it has no "path" to follow
        → at rules/x/extra.json: rules[0].conditions.all[0].value.path
        hint: remove "path""
    `);
  });

  it('unknown keys on a condition or a value are refused, not ignored', () => {
    const r = loadPack(withLeaf({ fact: 'dpd', operator: 'greaterThan', vaule: 30, value: { param: 'outsourceAtDpd', eval: '1' } }), { dir: DIR });
    expect(r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message} — ${i.hint ?? ''}`)).toEqual(['rules[0].conditions.all[0].vaule: Unknown key "vaule" — did you mean "value"?']);
    const g = loadPack(withLeaf({ fact: 'dpd', operator: 'greaterThan', value: { param: 'outsourceAtDpd', eval: '1' } }), { dir: DIR });
    expect(g.ok ? [] : g.issues.map((i) => `${i.path}: ${i.message}`)).toEqual(['rules[0].conditions.all[0].value.eval: Unknown key "eval"']);
  });

  it('refused by postloan validate', () => {
    const text = bucketsText().replace('"operator": "equal",', '"operator": "equal", "path": "$..[?(@.constructor)]",');
    const dir = packDir({ 'buckets.json': text });
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`→ at ${dir}/buckets.json: rules[0].conditions.all[0].path`);
  });
});
