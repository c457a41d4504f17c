import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The policy guide promises that every output it shows was printed by the command above it. This test
// follows the guide from top to bottom in a directory standing for a clone: it writes each file the
// analyst is told to write (a JSON block under a `<!-- file: … -->` comment, or a copy with one change
// under a `<!-- copy: … -->` comment), runs each command block and compares what it prints with the
// text block right under it. A line `…` in a shown output stands for any number of lines.

const GUIDE = 'docs/policy-guide.md';

type Step =
  | { readonly kind: 'file'; readonly path: string; readonly body: string }
  | { readonly kind: 'copy'; readonly from: string; readonly to: string; readonly find: string; readonly replace: string }
  | { readonly kind: 'run'; readonly command: string; readonly shown: string | undefined; readonly line: number };

/** The guide's steps in document order. */
function steps(text: string): Step[] {
  const out: Step[] = [];
  const token = /^<!-- file: (\S+) -->\n+```json\n([\s\S]*?)^```$|^<!-- copy: (\S+) to (\S+) replacing ("(?:[^"\\]|\\.)*") with ("(?:[^"\\]|\\.)*") -->$|^```(\w*)\n([\s\S]*?)^```$/gm;
  let last: { command: string; line: number; end: number } | undefined;
  for (const m of text.matchAll(token)) {
    const at = m.index ?? 0;
    const line = text.slice(0, at).split('\n').length;
    if (m[1] !== undefined) out.push({ kind: 'file', path: m[1], body: m[2] ?? '' });
    else if (m[3] !== undefined) out.push({ kind: 'copy', from: m[3], to: m[4] ?? '', find: JSON.parse(m[5] ?? '""') as string, replace: JSON.parse(m[6] ?? '""') as string });
    else if (m[7] === 'sh') {
      if (last !== undefined) out.push({ kind: 'run', command: last.command, shown: undefined, line: last.line });
      last = { command: m[8] ?? '', line, end: at + m[0].length };
      continue;
    } else if (m[7] === 'text' && last !== undefined && text.slice(last.end, at).trim() === '') {
      out.push({ kind: 'run', command: last.command, shown: m[8] ?? '', line: last.line });
      last = undefined;
      continue;
    }
    if (last !== undefined) out.push({ kind: 'run', command: last.command, shown: undefined, line: last.line });
    last = undefined;
  }
  if (last !== undefined) out.push({ kind: 'run', command: last.command, shown: undefined, line: last.line });
  return out;
}

/** Whether `printed` is what `shown` shows, a shown line `…` standing for any number of printed lines. */
function matches(shown: readonly string[], printed: readonly string[], i = 0, j = 0): boolean {
  if (i === shown.length) return j === printed.length;
  if (shown[i] === '…') {
    for (let k = j; k <= printed.length; k++) if (matches(shown, printed, i + 1, k)) return true;
    return false;
  }
  return j < printed.length && shown[i] === printed[j] && matches(shown, printed, i + 1, j + 1);
}

const dir = mkdtempSync(join(tmpdir(), 'postloan-guide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The guide runs from a clone after `npm ci && npm run build`: the built CLI is needed.
const built = existsSync('dist/cli.js');
describe.skipIf(!built)('policy guide outputs', () => {
  it('regression: the guide showed warnings and hashes of an older pack; every output shown is what its command prints', () => {
    const all = steps(readFileSync(GUIDE, 'utf8'));
    expect(all.filter((s) => s.kind === 'run' && s.shown !== undefined).length).toBeGreaterThan(10);
    // The clone: the built CLI, the examples and the shipped packs; the files the guide writes are its own.
    symlinkSync(resolve('dist'), join(dir, 'dist'));
    symlinkSync(resolve('examples'), join(dir, 'examples'));
    mkdirSync(join(dir, 'rules'));
    for (const pack of readdirSync('rules')) symlinkSync(resolve('rules', pack), join(dir, 'rules', pack));
    const book = join(dir, 'book.jsonl');
    const mismatches: string[] = [];
    for (const step of all) {
      if (step.kind === 'file' || step.kind === 'copy') {
        const target = join(dir, step.kind === 'file' ? step.path : step.to);
        const body = step.kind === 'file' ? step.body : readFileSync(join(dir, step.from), 'utf8').replace(step.find, step.replace);
        if (step.kind === 'copy') expect(body, `${step.from}: "${step.find}" not found`).not.toBe(readFileSync(join(dir, step.from), 'utf8'));
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, body);
        continue;
      }
      // The build step is the reader's; the book goes to this test's directory, not to /tmp.
      const command = step.command.replace(/^npx tsup --silent && /, '').replaceAll('/tmp/book.jsonl', book).trim();
      const run = spawnSync('bash', ['-c', `${command} 2>&1`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(run.error, command).toBeUndefined();
      if (step.shown === undefined) continue;
      const printed = run.stdout.replaceAll(book, '/tmp/book.jsonl').replace(/\n$/, '').split('\n');
      const shown = step.shown.replace(/\n$/, '').split('\n');
      if (!matches(shown, printed)) mismatches.push(`${GUIDE}:${step.line}: ${command}\n--- shown\n${shown.join('\n')}\n--- printed\n${printed.join('\n')}`);
    }
    expect(mismatches.join('\n\n')).toBe('');

    // Section 7's claim: the SMS it shows does the second guarantor reminder, and the same SMS before the
    // task opens does nothing.
    const sms = JSON.parse(/^```json\n(\{ "id": "sms-g1"[^\n]*)\n```$/m.exec(readFileSync(GUIDE, 'utf8'))?.[1] ?? 'null') as Record<string, unknown> | null;
    expect(sms).not.toBeNull();
    const second = (event: Record<string, unknown>): unknown => {
      const history = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { events: unknown[] };
      history.events.push(event);
      writeFileSync(join(dir, 'with-sms.json'), JSON.stringify(history));
      const run = spawnSync('node', ['dist/cli.js', 'replay', 'with-sms.json', '--pack', 'rules/my-reminders', '--as-of', '2026-04-20'], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const tasks = (JSON.parse(run.stdout) as { tasks: { id: string }[] }).tasks;
      return tasks.find((t) => t.id === 'L-2026-0001/guarantorReminder/i2/G-1');
    };
    expect(second(sms as Record<string, unknown>)).toMatchObject({ status: 'done', closedOn: '2026-03-11', closedBy: 'sms-g1' });
    expect(second({ ...sms, on: '2026-03-09', at: '2026-03-09T10:00:00+08:00' })).toMatchObject({ status: 'breached' });
  });

  it('the matcher: `…` stands for any number of lines, everything else must be equal', () => {
    expect(matches(['a', '…', 'd'], ['a', 'b', 'c', 'd'])).toBe(true);
    expect(matches(['a', '…', 'd'], ['a', 'd'])).toBe(true);
    expect(matches(['a', '…'], ['a'])).toBe(true);
    expect(matches(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(matches(['…', 'x'], ['a', 'b'])).toBe(false);
  });

  it('every command block of the guide is followed by its output or by prose, and every file comment by a JSON block', () => {
    const text = readFileSync(GUIDE, 'utf8');
    const comments = [...text.matchAll(/^<!-- (file|copy): /gm)].length;
    const parsed = steps(text).filter((s) => s.kind !== 'run').length;
    expect(parsed).toBe(comments);
  });
});
