import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPackDir } from '../src/cli/files';
import { loadPack } from '../src/rules/loadPack';

/** scripts/add-schema-refs.mjs, run on copies so the repository's files are never touched. */
const SCRIPT = resolve('scripts/add-schema-refs.mjs');
const work = mkdtempSync(join(tmpdir(), 'postloan-schema-refs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The relative path from `dir` to `schemas/<file>` of this repository, as the script writes it. */
const refFrom = (dir: string, file: string) => relative(dir, resolve('schemas', file)).split('\\').join('/');

describe('scripts/add-schema-refs.mjs', () => {
  // The bundled files carry their references already: the fixtures are copies without them.
  const withoutRef = (path: string) => readFileSync(path, 'utf8').replace(/\n {2}"\$schema": "[^"]*",/, '');
  const pack = join(work, 'cn-default');
  cpSync('rules/cn-default', pack, { recursive: true });
  for (const name of readdirSync(pack)) writeFileSync(join(pack, name), withoutRef(`rules/cn-default/${name}`));
  const history = join(work, 'cured-m1.json');
  writeFileSync(history, withoutRef('examples/cured-m1.json'));

  it('--check reports every file of the pack without a reference and exits 1, writing nothing', () => {
    const r = run('--check', pack);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(readdirSync('rules/cn-default').length);
    for (const name of readdirSync(pack)) expect(readFileSync(join(pack, name), 'utf8')).toBe(withoutRef(`rules/cn-default/${name}`));
  });

  it('inserts "$schema" as the first key of every pack file and leaves every other byte as it was', () => {
    const r = run(pack, history);
    expect(r.status, r.stderr).toBe(0);
    const schemaOf = (name: string) => (name === 'pack.json' ? 'pack.schema.json' : name === 'task-kinds.json' ? 'task-kinds.schema.json' : 'rules.schema.json');
    for (const name of readdirSync('rules/cn-default')) {
      const before = withoutRef(`rules/cn-default/${name}`);
      const after = readFileSync(join(pack, name), 'utf8');
      const ref = refFrom(pack, schemaOf(name));
      expect(after, name).toBe(before.replace(/^\{\n(\s*)/, `{\n$1"$schema": ${JSON.stringify(ref)},\n$1`));
      expect(Object.keys(JSON.parse(after) as object)[0]).toBe('$schema');
      expect(existsSync(resolve(pack, ref))).toBe(true);
    }
    const text = readFileSync(history, 'utf8');
    expect(text.startsWith(`{\n  "$schema": ${JSON.stringify(refFrom(work, 'history.schema.json'))},\n  "loan": {`)).toBe(true);
  });

  it('is idempotent, and --check then passes', () => {
    const before = readdirSync(pack).map((n) => readFileSync(join(pack, n), 'utf8'));
    expect(run(pack, history)).toMatchObject({ status: 0, stdout: '' });
    expect(readdirSync(pack).map((n) => readFileSync(join(pack, n), 'utf8'))).toEqual(before);
    expect(run('--check', pack, history).status).toBe(0);
  });

  it('leaves the pack as postloan loads it: same rules, same hash', () => {
    const original = loadPack(readPackDir('rules/cn-default'));
    const referenced = loadPack(readPackDir(pack));
    expect(original.ok && referenced.ok).toBe(true);
    if (original.ok && referenced.ok) expect(referenced.value.hash).toBe(original.value.hash);
  });

  it('updates a reference that points elsewhere, keeps one-line files on one line, refuses a $schema that is not first', () => {
    const file = join(work, 'calendar.json');
    writeFileSync(file, '{ "$schema": "old.json", "id": "x", "coverage": { "from": "2026-01-01", "to": "2026-12-31" }, "holidays": [], "workdays": [] }\n');
    expect(run(file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`{ "$schema": ${JSON.stringify(refFrom(work, 'calendar.schema.json'))}, "id": "x", "coverage": { "from": "2026-01-01", "to": "2026-12-31" }, "holidays": [], "workdays": [] }\n`);

    writeFileSync(file, '{ "id": "x", "holidays": [], "workdays": [] }');
    expect(run(file).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`{ "$schema": ${JSON.stringify(refFrom(work, 'calendar.schema.json'))}, "id": "x", "holidays": [], "workdays": [] }`);

    const late = join(work, 'late.json');
    writeFileSync(late, '{\n  "loan": {},\n  "$schema": "x"\n}\n');
    const r = run(late);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"$schema" is not the first key');
    expect(readFileSync(late, 'utf8')).toBe('{\n  "loan": {},\n  "$schema": "x"\n}\n');
  });

  it('refuses a file it cannot place and prints its usage without arguments', () => {
    const other = join(work, 'other.json');
    writeFileSync(other, '{ "rules": [] }');
    expect(run(other)).toMatchObject({ status: 1 });
    expect(run(other).stderr).toContain('neither a pack directory, a loan history nor a calendar');
    expect(run()).toMatchObject({ status: 2 });
  });

  it('has been run on examples/*.json and rules/cn-default (node scripts/add-schema-refs.mjs …)', () => {
    const examples = readdirSync('examples').filter((f) => f.endsWith('.json')).map((f) => `examples/${f}`);
    expect(run('--check', ...examples, 'rules/cn-default')).toMatchObject({ status: 0, stderr: '' });
  });

  it('runs from another working directory', () => {
    expect(execFileSync(process.execPath, [SCRIPT, '--check', resolve(pack)], { cwd: tmpdir(), encoding: 'utf8' })).toBe('');
  });
});
