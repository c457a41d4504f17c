// End of day of stored loans through PostgreSQL and BullMQ, with 1 and 2 worker processes.
//
//   npm run build
//   POSTLOAN_DATABASE_URL=postgres://… POSTLOAN_REDIS_URL=redis://… node bench/store.mjs [storedLoans] [distinctHistories] [workers]
//
// `npm run bench` runs it last (1,000,000 stored loans, 1 and 2 workers) when both variables are set.
//
// Like bench/scale.mjs, the store holds copies of a smaller set of distinct loans (each copy its own loan
// id, contract row and snapshot row), replayed to AS_OF as lean snapshots; the end of day advances them one
// day, so only the loans due that day are read and written. A copy's snapshot is the distinct loan's text
// as the engine wrote it (its checksum covers the loan id inside it, so the copy keeps that id; the store
// keys every write by the row's loan id, as it does for any loan). The distinct rows are sent once and the
// copies made by the server into `contracts` and `loans` (≈ 45–80 s for 1,000,000 here), with no events,
// tasks or feed rows yet: the end of day writes the tasks its run changes and their feed rows, as on any
// night. Each run gets a schema and queue of its own. BENCH_STORE_NIGHT picks the night (see NIGHTS).
// BENCH_WORKER_NODE_ARGS passes flags to the worker processes (e.g. --cpu-prof, --max-semi-space-size=64).
// Timed: from the enqueue to the last chunk's commit (its job's finishedOn). Reported: wall time, due
// loans per second, CPU time per due loan — the workers', PostgreSQL's (all its processes, read from
// /proc when the server runs on this machine) — and the engine's share (restore + resume + stringify of the
// same due snapshots in this process, one thread). On a shared machine wall time counts other processes'
// turns too; CPU time per loan does not.
//
//   node bench/store.mjs 1000000 2000 1,2     # stored loans, distinct histories, worker counts
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cnDefaultPack, generatePortfolio, parseHistoryValue, replayWithSnapshot, restoreSnapshot, resumeReplay, unwrap, day } from '../dist/index.js';
import { createPostgresStore } from '../dist/postgres.js';
import { enqueueEndOfDay } from '../dist/bullmq.js';
import { useNodeSha256 } from '../dist/node.js';

const STORED = Number(process.argv[2] ?? 1_000_000);
const BOOK = Number(process.argv[3] ?? 2_000);
const WORKERS = (process.argv[4] ?? '1,2').split(',').map(Number);
// BENCH_STORE_NIGHT=ordinary (default): a Tuesday mid-month and the next business day, the book and night
// of bench/scale.mjs (≈ 8 % of the loans due). =monthStart: 2026-06-30 → 07-01, a heavy night (over half due).
const NIGHTS = { ordinary: { asOf: '2026-06-16', next: '2026-06-17', seed: 20_261_123 }, monthStart: { asOf: '2026-06-30', next: '2026-07-01', seed: 2026 } };
const NIGHT = process.env.BENCH_STORE_NIGHT ?? 'ordinary';
if (!Object.hasOwn(NIGHTS, NIGHT)) {
  console.error(`BENCH_STORE_NIGHT must be one of ${Object.keys(NIGHTS).join(', ')}, not ${NIGHT}`);
  process.exit(2);
}
const { asOf: AS_OF, next: NEXT, seed: SEED } = NIGHTS[NIGHT];
const dbUrl = process.env.POSTLOAN_DATABASE_URL;
const redisUrl = process.env.POSTLOAN_REDIS_URL;
if (!dbUrl || !redisUrl) {
  // Part of `npm run bench`, which must not fail on a machine without the servers.
  console.error('bench/store.mjs skipped: set POSTLOAN_DATABASE_URL and POSTLOAN_REDIS_URL (a PostgreSQL and a Redis the bench may write to)');
  process.exit(0);
}
// Node's SHA-256 for timeline ids and checksums, as the workers (the CLI) use it.
useNodeSha256();
const pack = cnDefaultPack();
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

console.error(`replaying ${fmt(BOOK)} distinct histories to ${AS_OF} (lean snapshots)…`);
let t = performance.now();
const distinct = [];
for (const h of generatePortfolio({ seed: SEED, loans: BOOK, asOf: AS_OF, years: 3 })) {
  const { snapshot } = replayWithSnapshot(unwrap(parseHistoryValue(h, h.loan.id)), pack, { asOf: day(AS_OF), lean: true });
  distinct.push({ snapshot, text: JSON.stringify(snapshot), contract: h.loan });
}
console.error(`  ${fmt((performance.now() - t) / 1000, 1)} s`);

// The engine alone on the loans due: restore, resume one day, stringify.
const dueDistinct = distinct.filter((d) => d.snapshot.nextReviewOn !== null && d.snapshot.nextReviewOn <= NEXT);
const advanceOne = (d) => JSON.stringify(resumeReplay(unwrap(restoreSnapshot(JSON.parse(d.text), pack, { trusted: true })), pack, [], { asOf: day(NEXT), lean: true }).snapshot);
// Warmed up and timed over several passes: the workers run tens of thousands of loans, JIT-compiled.
for (let r = 0; r < 5; r++) for (const d of dueDistinct) advanceOne(d);
// CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns.
const ENGINE_PASSES = Math.max(5, Math.ceil(20_000 / Math.max(1, dueDistinct.length)));
const cpuBefore = process.cpuUsage();
for (let r = 0; r < ENGINE_PASSES; r++) for (const d of dueDistinct) advanceOne(d);
const cpuEngine = process.cpuUsage(cpuBefore);
const engineMicros = (cpuEngine.user + cpuEngine.system) / Math.max(1, ENGINE_PASSES * dueDistinct.length);

const pool = new pg.Pool({ connectionString: dbUrl, max: 4 });

/** The server's processes' CPU seconds (its own, its children's, and those of children it reaped), or NaN if it is not on this machine. */
const TICK = 100; // USER_HZ on Linux
let postmaster = NaN;
try {
  const dataDir = (await pool.query('SHOW data_directory')).rows[0].data_directory;
  postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
} catch {
  // Not a superuser, or another machine: no database CPU figure.
}
function statOf(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), self: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
}
function serverCpuSeconds() {
  if (!Number.isInteger(postmaster)) return NaN;
  try {
    const root = statOf(postmaster);
    let ticks = root.self + root.reaped;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const s = statOf(name);
        if (s.ppid === postmaster) ticks += s.self;
      } catch {
        // Gone meanwhile: its time is in the reaped figure.
      }
    }
    return ticks / TICK;
  } catch {
    return NaN;
  }
}

/**
 * Loads STORED copies of the distinct loans. The distinct rows go to the server once; the copies are made
 * there (`generate_series` joined to them), in slices, so a million loans load in minutes, not hours of
 * client round trips. Each copy is its own contract row (its `id` set to the copy's loan id) and loan row.
 */
async function load(schema) {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  const store = createPostgresStore(pool, { pack, schema });
  await store.migrate();
  const started = performance.now();
  const client = await pool.connect();
  try {
    await client.query(`CREATE TEMP TABLE bench_distinct (k int PRIMARY KEY, contract jsonb NOT NULL, next_review_on date, snapshot text NOT NULL)`);
    for (let i = 0; i < BOOK; i += 200) {
      const rows = distinct.slice(i, i + 200).map((d, j) => ({ k: i + j, contract: JSON.stringify(d.contract), next_review_on: d.snapshot.nextReviewOn, snapshot: d.text }));
      await client.query(`INSERT INTO bench_distinct SELECT k, contract::jsonb, next_review_on, snapshot FROM jsonb_to_recordset($1::jsonb) AS x(k int, contract text, next_review_on date, snapshot text)`, [JSON.stringify(rows)]);
    }
    // As the store writes its rows (src/store/postgres: lz4 for the values PostgreSQL compresses).
    const lz4 = (await client.query(`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`)).rows[0]?.lz4 === true;
    if (lz4) await client.query('SET default_toast_compression = lz4');
    const SLICE = 100_000;
    for (let first = 0; first < STORED; first += SLICE) {
      const last = Math.min(STORED, first + SLICE) - 1;
      const copies = `SELECT 'S-' || lpad(i::text, 7, '0') AS loan_id, d.* FROM generate_series($1::int, $2::int) AS i JOIN bench_distinct d ON d.k = i % ${BOOK}`;
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".contracts (loan_id, contract, hash) SELECT loan_id, jsonb_set(contract, '{id}', to_jsonb(loan_id)), 'bench' FROM (${copies}) c`, [first, last]);
      await client.query(
        `INSERT INTO "${schema}".loans (loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version)
         SELECT loan_id, $3::date, next_review_on, snapshot, $4, $5, $6, 1 FROM (${copies}) c`,
        [first, last, AS_OF, pack.id, pack.version, pack.hash],
      );
      await client.query('COMMIT');
      if (STORED > SLICE) process.stderr.write(`\r  ${fmt(last + 1)} of ${fmt(STORED)} loaded (${fmt((performance.now() - started) / 1000)} s)`);
    }
    if (STORED > SLICE) process.stderr.write('\n');
  } finally {
    client.release();
  }
  // Vacuumed now, so autovacuum does not visit the freshly loaded tables while the end of day is timed;
  // a checkpoint, so the load's dirty pages are not written out during it.
  await pool.query(`VACUUM ANALYZE "${schema}".loans, "${schema}".contracts`);
  await pool.query('CHECKPOINT').catch(() => undefined); // needs a superuser (or pg_checkpoint): best effort
  return { store, loadSeconds: (performance.now() - started) / 1000 };
}

function worker(schema, queue) {
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=prof": where a worker's own time goes.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
  const child = spawn(process.execPath, [...nodeArgs, 'dist/cli.js', 'worker', '--until-idle', '--schema', schema, '--queue', queue, '--database-url', dbUrl, '--redis-url', redisUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

const results = [];
for (const workers of WORKERS) {
  const schema = `bench_store_${workers}`;
  console.error(`loading ${fmt(STORED)} stored loans into ${schema}…`);
  const { store, loadSeconds } = await load(schema);
  console.error(`  ${fmt(loadSeconds, 1)} s`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueName = `bench-${schema}`;
  const queue = new Queue(queueName, { connection: redis });
  await queue.obliterate({ force: true });
  // Enqueued first: a worker started on an empty queue with --until-idle would stop at once.
  const load0 = loadavg()[0];
  const serverBefore = serverCpuSeconds();
  const started = performance.now();
  const startedEpoch = Date.now();
  const { due, jobIds } = await enqueueEndOfDay(store, queue, NEXT);
  const enqueueSeconds = (performance.now() - started) / 1000;
  const procs = Array.from({ length: workers }, () => worker(schema, queueName));
  // No polling of the database (it would count in its CPU): the workers exit when the queue is idle, and
  // the wall time ends with the last chunk's finishedOn.
  const outs = await Promise.all(procs);
  const serverCpu = serverCpuSeconds() - serverBefore;
  const load1 = loadavg()[0];
  const finished = await Promise.all(jobIds.map((id) => queue.getJob(id)));
  const lastDone = Math.max(...finished.map((j) => j?.finishedOn ?? Infinity));
  const wall = (lastDone - startedEpoch) / 1000;
  const advanced = (await pool.query(`SELECT count(*)::int AS n FROM "${schema}".loans WHERE as_of = $1`, [NEXT])).rows[0].n;
  if (advanced !== due || !Number.isFinite(lastDone)) throw new Error(`${advanced} of ${due} due loans advanced`);
  const cpu = outs.reduce((s, o) => s + Number(/([\d.]+) s CPU/.exec(o.out)?.[1] ?? NaN), 0);
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  const r = { workers, stored: STORED, due, chunks: jobIds.length, enqueueSeconds, wallSeconds: wall, duePerSecond: due / wall, workerCpuMicrosPerDueLoan: (cpu * 1e6) / due, databaseCpuMicrosPerDueLoan: (serverCpu * 1e6) / due, engineMicrosPerDueLoan: engineMicros, loadAverage: [load0, load1], projectedSecondsFor1M: wall * (1_000_000 / STORED) };
  results.push(r);
  console.error(`  ${workers} worker(s): ${fmt(due)} due of ${fmt(STORED)} stored (${fmt((100 * due) / STORED, 1)} %), ${fmt(wall, 1)} s wall (enqueue ${fmt(enqueueSeconds, 1)} s), ${fmt(due / wall)} due loans/s; CPU a due loan: workers ${fmt(r.workerCpuMicrosPerDueLoan)} µs (the engine alone ≈ ${fmt(engineMicros)} µs), PostgreSQL ${fmt(r.databaseCpuMicrosPerDueLoan)} µs; load average ${fmt(load0, 1)} → ${fmt(load1, 1)}; 1M stored ≈ ${fmt(r.projectedSecondsFor1M, 1)} s`);
  await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
}
await pool.end();
console.log(JSON.stringify({ night: NIGHT, asOf: AS_OF, to: NEXT, distinctHistories: BOOK, results }, null, 2));
