import type { Pool } from 'pg';
import type { Redis } from 'ioredis';
import { PostloanError } from '../errors/PostloanError';
import { cliText } from './cliMessages';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';

/** A database or Redis URL with its password hidden, for messages. */
export function maskedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

function usage(t: IssueText): PostloanError {
  return new PostloanError([issueFrom({ code: 'cli.usage', path: '' }, t)]);
}

/** `--database-url`, else POSTLOAN_DATABASE_URL; checked to be a postgres:// URL. */
export function databaseUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env['POSTLOAN_DATABASE_URL'];
  if (url === undefined || url === '') throw usage(cliText.noDatabase());
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')) {
    throw new PostloanError([issueFrom({ code: 'input.invalid', path: '--database-url' }, cliText.notPostgresUrl(maskedUrl(url)))]);
  }
  return url;
}

/** `--redis-url`, else POSTLOAN_REDIS_URL; checked to be a redis:// URL. */
export function redisUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const url = flag ?? env['POSTLOAN_REDIS_URL'];
  if (url === undefined || url === '') throw usage(cliText.noRedis());
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')) {
    throw new PostloanError([issueFrom({ code: 'input.invalid', path: '--redis-url' }, cliText.notRedisUrl(maskedUrl(url)))]);
  }
  return url;
}

/** True for the errors the pg driver and the server raise (they carry a SQLSTATE or a socket code). */
function isDriverError(e: unknown): e is Error & { code?: string } {
  return e instanceof Error && !(e instanceof PostloanError) && typeof (e as { code?: unknown }).code === 'string';
}

/**
 * Turns a database failure into a user-facing I/O error naming the server (never a stack trace): the
 * CLI's answer to a wrong URL, a server that is down, or a statement the server refused.
 */
export function databaseError(e: unknown, url: string): unknown {
  if (!isDriverError(e)) return e;
  return new PostloanError([
    issueFrom({ code: 'cli.io', path: '--database-url' }, cliText.databaseFailed(maskedUrl(url), String(e.message || e.code))),
  ]);
}

/** A pool on the URL, checked with one round trip so a bad URL fails now, clearly. */
export async function openDatabase(url: string): Promise<Pool> {
  const { default: pg } = await import('pg').catch(() => {
    throw new PostloanError([issueFrom({ code: 'cli.io', path: '' }, cliText.noPg())]);
  });
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server emits on the pool; without a listener that would crash the process.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw databaseError(e, url);
  }
  return pool;
}

/** A Redis connection for BullMQ, checked with a PING first so a Redis that is down is reported instead of retried forever. */
export async function openRedis(url: string): Promise<Redis> {
  const { Redis: RedisClient } = await import('ioredis').catch(() => {
    throw new PostloanError([issueFrom({ code: 'cli.io', path: '' }, cliText.noIoredis())]);
  });
  const probe = new RedisClient(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5_000, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    throw new PostloanError([
      issueFrom({ code: 'cli.io', path: '--redis-url' }, cliText.redisUnreachable(maskedUrl(url), e instanceof Error ? e.message : String(e))),
    ]);
  } finally {
    probe.disconnect();
  }
  const redis = new RedisClient(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  return redis;
}
