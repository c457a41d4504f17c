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
// keys every write by the row's loan id, as it does for any loan). The copies are loaded straight
// into `contracts` and `loans` (no events, tasks or feed rows yet: the end of day writes the tasks its run
// changes and their feed rows, as on any night). Each run gets a schema and queue of its
// own. Timed: from the enqueue to the last chunk's commit (its job's finishedOn). Reported: wall time,
// due loans per second, CPU time per due loan — the workers', PostgreSQL's (all its processes, read from
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

const STORED = Number(process.argv[2] ?? 1_000_000);
const BOOK = Number(process.argv[3] ?? 2_000);
const WORKERS = (process.argv[4] ?? '1,2').split(',').map(Number);
const AS_OF = '2026-06-30';
const NEXT = '2026-07-01';
const dbUrl = process.env.POSTLOAN_DATABASE_URL;
const redisUrl = process.env.POSTLOAN_REDIS_URL;
if (!dbUrl || !redisUrl) {
  // Part of `npm run bench`, which must not fail on a machine without the servers.
  console.error('bench/store.mjs skipped: set POSTLOAN_DATABASE_URL and POSTLOAN_REDIS_URL (a PostgreSQL and a Redis the bench may write to)');
  process.exit(0);
}
const pack = cnDefaultPack();
const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

console.error(`replaying ${fmt(BOOK)} distinct histories to ${AS_OF} (lean snapshots)…`);
let t = performance.now();
const distinct = [];
for (const h of generatePortfolio({ seed: 2026, loans: BOOK, asOf: AS_OF, years: 3 })) {
  const { snapshot } = replayWithSnapshot(unwrap(parseHistoryValue(h, h.loan.id)), pack, { asOf: day(AS_OF), lean: true });
  distinct.push({ snapshot, text: JSON.stringify(snapshot), contract: h.loan });
}
console.error(`  ${fmt((performance.now() - t) / 1000, 1)} s`);

// The engine alone on the loans due: restore, resume one day, stringify.
const dueDistinct = distinct.filter((d) => d.snapshot.nextReviewOn !== null && d.snapshot.nextReviewOn <= NEXT);
const advanceOne = (d) => JSON.stringify(resumeReplay(unwrap(restoreSnapshot(JSON.parse(d.text), pack)), pack, [], { asOf: day(NEXT), lean: true }).snapshot);
for (const d of dueDistinct) advanceOne(d); // warm-up
// CPU time, not wall time: on a shared machine the wall clock also counts other processes' turns.
const cpuBefore = process.cpuUsage();
for (const d of dueDistinct) advanceOne(d);
const cpuEngine = process.cpuUsage(cpuBefore);
const engineMicros = (cpuEngine.user + cpuEngine.system) / Math.max(1, dueDistinct.length);

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
      contracts.push({ loan_id: loanId, contract: JSON.stringify({ ...d.contract, id: loanId }) });
      loans.push({ loan_id: loanId, as_of: AS_OF, next_review_on: d.snapshot.nextReviewOn, snapshot: d.text });
    }
    await pool.query(`INSERT INTO "${schema}".contracts (loan_id, contract, hash) SELECT loan_id, contract::jsonb, 'bench' FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, contract text)`, [JSON.stringify(contracts)]);
    await pool.query(
      `INSERT INTO "${schema}".loans (loan_id, as_of, next_review_on, snapshot, pack_id, pack_version, pack_hash, version)
       SELECT loan_id, as_of, next_review_on, snapshot, $2, $3, $4, 1 FROM jsonb_to_recordset($1::jsonb) AS x(loan_id text, as_of date, next_review_on date, snapshot text)`,
      [JSON.stringify(loans), pack.id, pack.version, pack.hash],
    );
  }
  // Vacuumed now, so autovacuum does not visit the freshly loaded tables while the end of day is timed.
  await pool.query(`VACUUM ANALYZE "${schema}".loans, "${schema}".contracts`);
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
console.log(JSON.stringify({ asOf: AS_OF, to: NEXT, distinctHistories: BOOK, results }, null, 2));
