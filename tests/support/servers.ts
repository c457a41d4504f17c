/**
 * Vitest globalSetup: starts a real PostgreSQL 15 and a real Redis on loopback, each on a free port in
 * a temp directory, once per test run, and stops them (and removes the directories) at the end. The
 * store and queue tests read the URLs with `inject` (see `services.ts`). Without the binaries those tests
 * skip and print why — unless POSTLOAN_REQUIRE_POSTGRES=1 (CI), where a missing server fails the run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const PG_BIN = process.env['POSTLOAN_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
const REDIS_SERVER = process.env['POSTLOAN_REDIS_SERVER'] ?? '/usr/bin/redis-server';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
    redisUrl: string | null;
    /** Why the servers are not there (tests that need them skip with it). */
    serversMissing: string | null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, what: string, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not accept connections on 127.0.0.1:${port} within ${ms} ms`);
}

function postgresUid(): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function asPostgres(args: readonly string[]): void {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (exit ${String(r.status)}):\n${r.stdout}${r.stderr}`);
}

/**
 * `base` when the postgres user can reach it, else /tmp: the server runs as postgres, and a private
 * TMPDIR (mode 0700, as `mktemp -d` makes the one .ci/run gives the tests) cannot be entered by it.
 */
function postgresReachable(base: string): string {
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', base]).status === 0 ? base : '/tmp';
}

/** What is missing to start both servers, or null. */
function missing(): string | null {
  const gaps: string[] = [];
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) gaps.push(`no PostgreSQL 15 binaries in ${PG_BIN} (apt-get install postgresql)`);
  else if (postgresUid() === undefined) gaps.push('no postgres user (apt-get install postgresql creates it)');
  if (!existsSync(REDIS_SERVER)) gaps.push(`no ${REDIS_SERVER} (apt-get install redis-server)`);
  return gaps.length === 0 ? null : gaps.join('; ');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const gap = missing();
  if (gap !== null) {
    if (process.env['POSTLOAN_REQUIRE_POSTGRES'] === '1') throw new Error(`POSTLOAN_REQUIRE_POSTGRES=1 but ${gap}`);
    console.warn(`[postloan] store and queue tests skip: ${gap}`);
    project.provide('postgresUrl', null);
    project.provide('redisUrl', null);
    project.provide('serversMissing', gap);
    return () => Promise.resolve();
  }
  const ids = postgresUid() as { uid: number; gid: number };
  const pgDir = mkdtempSync(join(postgresReachable(tmpdir()), 'postloan-pg-'));
  chownSync(pgDir, ids.uid, ids.gid);
  chmodSync(pgDir, 0o700);
  const data = join(pgDir, 'data');
  const pgPort = await freePort();
  asPostgres([join(PG_BIN, 'initdb'), '-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Durability settings off: a test database is thrown away, and fsync costs seconds on a shared disk.
  const options = `-p ${pgPort} -k ${pgDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-o', options, '-l', join(pgDir, 'postgres.log'), '-w', '-t', '60', 'start']);

  const redisDir = mkdtempSync(join(tmpdir(), 'postloan-redis-'));
  const redisPort = await freePort();
  const redis: ChildProcess = spawn(REDIS_SERVER, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', redisDir], {
    cwd: redisDir,
    stdio: 'ignore',
  });
  try {
    await waitForPort(redisPort, 'redis-server');
  } catch (e) {
    redis.kill('SIGKILL');
    asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
    throw e;
  }

  // An interrupted run (Ctrl-C) exits without the teardown below: stop both servers on the way out all
  // the same, synchronously, so no server and no data directory outlives the run.
  let stopped = false;
  const onExit = (): void => {
    if (stopped) return;
    stopped = true;
    redis.kill('SIGKILL');
    spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']);
    rmSync(pgDir, { recursive: true, force: true });
    rmSync(redisDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${pgPort}/postgres`);
  project.provide('redisUrl', `redis://127.0.0.1:${redisPort}`);
  project.provide('serversMissing', null);

  return async () => {
    process.off('exit', onExit);
    stopped = true;
    const exited = new Promise<void>((resolve) => {
      if (redis.exitCode !== null) resolve();
      else redis.once('exit', () => resolve());
    });
    redis.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (redis.exitCode === null) redis.kill('SIGKILL');
    try {
      asPostgres([join(PG_BIN, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
      rmSync(redisDir, { recursive: true, force: true });
    }
  };
}
