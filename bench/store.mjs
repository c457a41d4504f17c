// End of day of stored loans through PostgreSQL and BullMQ, with 1 and 2 worker processes.
//
//   npm run build
//   POSTLOAN_DATABASE_URL=postgres://… POSTLOAN_REDIS_URL=redis://… node bench/store.mjs [storedLoans] [distinctHistories]
//
// Like bench/scale.mjs, the store holds copies of a smaller set of distinct loans (each copy its own loan
// id, contract row and snapshot row), replayed to AS_OF as lean snapshots; the end of day advances them one
// day, so only the loans due that day (a few per cent) are read and written. The copies are loaded straight
// into `contracts` and `loans` (no events, tasks or feed rows yet: the first end of day inserts every task
// of a due loan, a little more than a steady-state night writes). Each run gets a schema and queue of its
// own. Timed: from the enqueue to the last due loan committed (polled every 100 ms). Reported: wall time,
// due loans per second, the workers' CPU per due loan, and the engine's share (restore + resume +
// stringify of the same due snapshots in this process, one thread, CPU time).
import { spawn } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cnDefaultPack, generatePortfolio, parseHistoryValue, replayWithSnapshot, restoreSnapshot, resumeReplay, unwrap, day } from '../dist/index.js';
import { createPostgresStore } from '../dist/postgres.js';
import { enqueueEndOfDay } from '../dist/bullmq.js';

const STORED = Number(process.argv[2] ?? 100_000);
const BOOK = Number(process.argv[3] ?? 2_000);
const AS_OF = '2026-06-30';
const NEXT = '2026-07-01';
const dbUrl = process.env.POSTLOAN_DATABASE_URL;
const redisUrl = process.env.POSTLOAN_REDIS_URL;
if (!dbUrl || !redisUrl) {
  console.error('Set POSTLOAN_DATABASE_URL and POSTLOAN_REDIS_URL (a PostgreSQL and a Redis the bench may write to)');
  process.exit(2);
}
const pack = cnDefaultPack();
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

console.error(`replaying ${fmt(BOOK)} distinct histories to ${AS_OF} (lean snapshots)…`);
let t = performance.now();
const distinct = [];
for (const h of generatePortfolio({ seed: 2026, loans: BOOK, asOf: AS_OF, years: 3 })) {
  const { snapshot } = replayWithSnapshot(unwrap(parseHistoryValue(h, h.loan.id)), pack, { asOf: day(AS_OF), lean: true });
  distinct.push({ snapshot, contract: h.loan });
}
console.error(`  ${fmt((performance.now() - t) / 1000, 1)} s`);

// The engine alone on the loans due: restore, resume one day, stringify.
const dueDistinct = distinct.filter((d) => d.snapshot.nextReviewOn !== null && d.snapshot.nextReviewOn <= NEXT);
const advanceOne = (d) => JSON.stringify(resumeReplay(unwrap(restoreSnapshot(JSON.parse(JSON.stringify(d.snapshot)), pack)), pack, [], { asOf: day(NEXT), lean: true }).snapshot);
for (const d of dueDistinct) advanceOne(d); // warm-up
// CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuBefore = process.cpuUsage();
for (const d of dueDistinct) advanceOne(d);
const cpuEngine = process.cpuUsage(cpuBefore);
const engineMicros = (cpuEngine.user + cpuEngine.system) / Math.max(1, dueDistinct.length);

const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });

async function load(schema) {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  const store = createPostgresStore(pool, { pack, schema });
  await store.migrate();
  const started = performance.now();
  for (let i = 0; i < STORED; i += 2_000) {
    const contracts = [];
    const loans = [];
    for (let k = i; k < Math.min(STORED, i + 2_000); k++) {
      const d = distinct[k % BOOK];
      const loanId = `S-${String(k).padStart(7, '0')}`;
      const snapshot = { ...d.snapshot, loanId, loan: { ...d.snapshot.loan, id: loanId } };
      contracts.push({ loan_id: loanId, contract: JSON.stringify({ ...d.contract, id: loanId }) });
      loans.push({ loan_id: loanId, as_of: AS_OF, next_review_on: d.snapshot.nextReviewOn, snapshot: JSON.stringify(snapshot) });
    }
    await pool.query(`INSERT INTO "${schema}".contracts (loan_id, contract, hash) SELECT loan_id, contract::jsonb, 'bench' FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, contract text)`, [JSON.stringify(contracts)]);
    await pool.query(
      `INSERT INTO "${schema}".loans (loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version)
       SELECT loan_id, as_of, next_review_on, snapshot, $2, $3, $4, 1 FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, as_of date, next_review_on date, snapshot text)`,
      [JSON.stringify(loans), pack.id, pack.version, pack.hash],
    );
  }
  await pool.query(`ANALYZE "${schema}".loans`);
  return { store, loadSeconds: (performance.now() - started) / 1000 };
}

function worker(schema, queue) {
  const child = spawn(process.execPath, ['dist/cli.js', 'worker', '--until-idle', '--schema', schema, '--queue', queue, '--database-url', dbUrl, '--redis-url', redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

const results = [];
for (const workers of [1, 2]) {
  const schema = `bench_store_${workers}`;
  console.error(`loading ${fmt(STORED)} stored loans into ${schema}…`);
  const { store, loadSeconds } = await load(schema);
  console.error(`  ${fmt(loadSeconds, 1)} s`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueName = `bench-${schema}`;
  const queue = new Queue(queueName, { connection: redis });
  await queue.obliterate({ force: true });
  // Enqueued first: a worker started on an empty queue with --until-idle would stop at once.
  const started = performance.now();
  const { due, jobIds } = await enqueueEndOfDay(store, queue, NEXT);
  const enqueueSeconds = (performance.now() - started) / 1000;
  const procs = Array.from({ length: workers }, () => worker(schema, queueName));
  for (;;) {
    const n = (await pool.query(`SELECT count(*)::int AS n FROM "${schema}".loans WHERE as_of = $1`, [NEXT])).rows[0].n;
    if (n >= due) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const wall = (performance.now() - started) / 1000;
  const outs = await Promise.all(procs);
  const cpu = outs.reduce((s, o) => s + Number(/([\d.]+) s CPU/.exec(o.out)?.[1] ?? NaN), 0);
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  const r = { workers, stored: STORED, due, chunks: jobIds.length, enqueueSeconds, wallSeconds: wall, duePerSecond: due / wall, workerCpuMicrosPerDueLoan: (cpu * 1e6) / due, engineMicrosPerDueLoan: engineMicros, projectedSecondsFor1M: wall * (1_000_000 / STORED) };
  results.push(r);
  console.error(`  ${workers} worker(s): ${fmt(due)} due of ${fmt(STORED)} stored (${fmt((100 * due) / STORED, 1)} %), ${fmt(wall, 1)} s wall (enqueue ${fmt(enqueueSeconds, 1)} s), ${fmt(due / wall)} due loans/s; worker CPU ${fmt(r.workerCpuMicrosPerDueLoan)} µs a due loan, of which the engine ≈ ${fmt(engineMicros)} µs; 1M stored ≈ ${fmt(r.projectedSecondsFor1M, 1)} s`);
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
}
await pool.end();
console.log(JSON.stringify({ asOf: AS_OF, to: NEXT, distinctHistories: BOOK, results }, null, 2));
