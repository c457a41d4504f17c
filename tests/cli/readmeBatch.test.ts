import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The commands (`$ …`) of the README's batch example and the output shown under each. */
function batchExample(): { command: string; shown: string }[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('\n### Batch\n'));
  const block = /```console\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README: no console block under "### Batch"');
  const steps: { command: string; shown: string }[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), shown: '' });
    else if (line !== '') (steps[steps.length - 1] as { shown: string }).shown += `${line}\n`;
  }
  return steps;
}

const dir = mkdtempSync(join(tmpdir(), 'postloan-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The example runs from a clone after `npm ci && npm run build`: the built CLI is needed.
const built = existsSync('dist/cli.js') && existsSync('dist/batchWorker.js');
describe.skipIf(!built)('README batch example', () => {
  it('regression: the example called postloan (not on PATH), clobbered the book and showed cut\'s exit code; every command now prints what is shown', () => {
    const steps = batchExample();
    expect(steps.length).toBeGreaterThanOrEqual(4);
    // A directory standing for the clone: the built CLI and the packs, nothing the example writes.
    symlinkSync(resolve('dist'), join(dir, 'dist'));
    symlinkSync(resolve('rules'), join(dir, 'rules'));
    const marker = '@@step@@';
    // One shell, so `echo $?` sees the exit code of the command before it; stderr shown with stdout.
    const script = steps.map((s) => `${s.command} 2>&1\nrc=$?\necho ${marker}\n(exit $rc)`).join('\n');
    const run = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(run.error).toBeUndefined();
    const printed = run.stdout.split(`${marker}\n`);
    expect(printed.slice(0, steps.length).map((p, i) => ({ command: steps[i]?.command, printed: p }))).toEqual(steps.map((s) => ({ command: s.command, printed: s.shown })));
  });
});
