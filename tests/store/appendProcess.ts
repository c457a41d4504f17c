/**
 * A second (and third) writer for the concurrency test: appends its share of events to the same loans as
 * the other process, in small batches, as an application server would. argv: database URL, schema, a
 * JSON file of { asOf, items: [{ loanId, loan, batches: [[event…]…] }] }.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { createPostgresStore } from '../../src/store/postgres';

const [url, schema, file] = process.argv.slice(2) as [string, string, string];
const plan = JSON.parse(readFileSync(file, 'utf8')) as { asOf: string; items: { loanId: string; loan: unknown; batches: { asOf: string; events: unknown[] }[] }[] };
const pool = new pg.Pool({ connectionString: url, max: 2 });
const store = createPostgresStore(pool, { pack: cnDefaultPack(), schema });
const rounds = Math.max(...plan.items.map((i) => i.batches.length));
for (let r = 0; r < rounds; r++) {
  for (const item of plan.items) {
    const batch = item.batches[r];
    if (batch !== undefined) await store.append(item.loanId, batch.events, { asOf: batch.asOf, loan: item.loan });
  }
}
await pool.end();
