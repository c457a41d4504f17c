import pg from 'pg';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { services } from '../support/services';

describe.skipIf(services.missing !== null)('test servers', () => {
  it('PostgreSQL 15 answers on loopback', async () => {
    const client = new pg.Client({ connectionString: services.postgresUrl as string });
    await client.connect();
    const r = await client.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    await client.end();
    expect(r.rows[0]?.v).toMatch(/^15\./);
  });
  it('Redis answers on loopback', async () => {
    const redis = new Redis(services.redisUrl as string, { maxRetriesPerRequest: 1 });
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });
});
