import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { inCommandThread, runInCommandThread, stderrIsTerminal } from '../../src/cli/commandThread';
import { freshSchema, services } from '../support/services';
import { skipNote } from '../support/skipNote';

const STACK = /^\s+at .+:\d+:\d+/m;

describe('the command thread, in-process', () => {
  it('runs no other command in a thread, and none when the arguments do not parse', () => {
    const script = new URL('../../src/cli/bin.ts', import.meta.url);
    expect(runInCommandThread(script, ['replay', 'x.json'])).toBe(false);
    expect(runInCommandThread(script, ['show', 'L-1'])).toBe(false);
    expect(runInCommandThread(script, [])).toBe(false);
    expect(runInCommandThread(script, ['--lang'])).toBe(false); // cliLocale refuses it; main reports it
  });

  it('the main thread is not the command thread, and its terminal is its own', () => {
    expect(inCommandThread()).toBe(false);
    expect(stderrIsTerminal()).toBe(process.stderr.isTTY === true);
  });
});

// The thread starts from the built CLI (vitest runs src/ as TypeScript); CI builds first.
const built = existsSync('dist/cli.js');
describe.skipIf(skipNote(!built, 'command thread: runs the built CLI; run `npm run build` first'))('postloan worker and ingest in their thread, built CLI', () => {
  it('an error inside the thread keeps its exit code and its message, without a stack trace', () => {
    const run = spawnSync(process.execPath, ['dist/cli.js', 'worker', '--database-url', 'postgres://127.0.0.1:1/none', '--redis-url', 'redis://127.0.0.1:1'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--database-url');
    expect(run.stderr).not.toMatch(STACK);
  });

  it('a usage error inside the thread exits 2', () => {
    const run = spawnSync(process.execPath, ['dist/cli.js', '--lang', 'zh-CN', 'ingest', '--no-such-option'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--no-such-option');
  });

  it.skipIf(services.missing !== null)('SIGTERM reaches the worker in its thread: it stops, prints its summary and exits 0', async () => {
    const schema = freshSchema('thread');
    const db = ['--database-url', services.postgresUrl as string, '--schema', schema];
    expect(spawnSync(process.execPath, ['dist/cli.js', 'db', 'migrate', ...db], { encoding: 'utf8' }).status).toBe(0);
    const child = spawn(process.execPath, ['dist/cli.js', 'worker', ...db, '--redis-url', services.redisUrl as string, '--queue', `q-${schema}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Without --until-idle a worker waits for chunks until it is stopped. Signal it once it is connected
    // (its SIGTERM listener is set as it starts the BullMQ worker): a fixed wait was too short for a
    // loaded machine, where the signal then came before the CLI had loaded (regression: exit code null).
    const redis = new Redis(services.redisUrl as string, { maxRetriesPerRequest: null });
    const queue = new Queue(`q-${schema}`, { connection: redis });
    const deadline = Date.now() + 25_000;
    while ((await queue.getWorkersCount()) === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
    await queue.close();
    redis.disconnect();
    child.kill('SIGTERM');
    const code = await exited;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^worker: 0 chunks, 0 loans advanced, 0 skipped, 0 failed; [\d.]+ s CPU\n$/);
  }, 45_000);
});
