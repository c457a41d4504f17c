import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** The servers started by `servers.ts` (null with the reason when they are missing). */
export const services = {
  postgresUrl: inject('postgresUrl'),
  redisUrl: inject('redisUrl'),
  missing: inject('serversMissing'),
};

if (services.missing !== null) console.warn(`[postloan] skipped: ${services.missing}`);

/** A schema name no other test uses: each test gets a store of its own in the one database. */
export function freshSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}
