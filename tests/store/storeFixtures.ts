import pg from 'pg';
import { unwrap } from '../../src/errors/PostloanError';
import { replay } from '../../src/engine/replay';
import type { ReplayOutput } from '../../src/engine/output';
import { parseHistoryValue } from '../../src/history/parseHistory';
import type { CompiledPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';
import { createPostgresStore, type PostgresStore } from '../../src/store/postgres';
import { freshSchema, services } from '../support/services';

type RawEvent = Record<string, unknown> & { id: string; on: string };

/** The order the store replays its log in: by day, then event id. */
export function canonicalEvents<E extends { id: string; on: string }>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What `postloan replay` prints for the whole history in the store's order, as text. */
export function fileReplay(loan: unknown, events: readonly RawEvent[], pack: CompiledPack, asOf: string): ReplayOutput {
  return replay(unwrap(parseHistoryValue({ loan, events: canonicalEvents(events) }, 'h.json')), pack, { asOf: day(asOf) });
}

export function newPool(max = 4): pg.Pool {
  return new pg.Pool({ connectionString: services.postgresUrl as string, max });
}

/** A migrated store in a schema of its own. */
export async function freshStore(pool: pg.Pool, pack: CompiledPack, prefix = 's'): Promise<PostgresStore> {
  const store = createPostgresStore(pool, { pack, schema: freshSchema(prefix) });
  await store.migrate();
  return store;
}
