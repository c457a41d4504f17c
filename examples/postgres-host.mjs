// A host that keeps its loans in PostgreSQL with postloan/postgres: ingest a history, take a payment
// that arrives a day late (back-dated), run the end of day, list the tasks and read the change feed.
//
//   npm run build && POSTLOAN_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node examples/postgres-host.mjs
//
// It works in a schema of its own (postloan_example), dropped at the start so the run can be repeated.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { cnDefaultPack } from 'postloan';
import { createPostgresStore } from 'postloan/postgres';

const url = process.env.POSTLOAN_DATABASE_URL;
if (!url) {
  console.error('Set POSTLOAN_DATABASE_URL to a PostgreSQL database, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(2);
}
const pool = new pg.Pool({ connectionString: url });
await pool.query('DROP SCHEMA IF EXISTS postloan_example CASCADE');
const store = createPostgresStore(pool, { pack: cnDefaultPack(), schema: 'postloan_example' });
await store.migrate();

const { loan, events } = JSON.parse(readFileSync(new URL('./cured-m1.json', import.meta.url), 'utf8'));
const late = events.find((e) => e.id === 'pay-2');
const known = events.filter((e) => e !== late);

// The history as the loan system knows it on 2026-04-20, without one payment.
console.log(await store.append(loan.id, known, { asOf: '2026-04-20', loan }));
// The payment arrives afterwards, dated in the past: the store replays the loan from its log.
console.log(await store.append(loan.id, [late], { asOf: '2026-04-20' }));
// Sending it again is a no-op.
console.log(await store.append(loan.id, [late], { asOf: '2026-04-20' }));

// The end of day in this process (postloan eod + postloan worker spread it over machines).
console.log(await store.advance('2026-05-31'));

const out = await store.show(loan.id);
console.log(out.loanId, out.asOf, out.state, out.bucket, out.classification);
for (const t of await store.tasks({ dueBy: '2026-06-30' })) console.log('task', t.dueOn, t.status, t.kind, t.party);
const feed = await store.changes(0, 100_000);
const withdrawn = feed.filter((c) => c.op === 'withdrawn').length;
console.log(`change feed: ${feed.length} rows (${withdrawn} withdrawn by the back-dated payment), last seq ${feed.at(-1)?.seq}`);
await pool.end();
