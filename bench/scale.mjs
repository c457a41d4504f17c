// Benchmark at the scale of a lender's book, on every core (worker threads):
//   1. replay throughput: the generated book (default 100,000 loans disbursed over three years), each
//      history parsed, validated, replayed, its output rendered and a lean snapshot persisted;
//   2. end of day: 1,000,000 persisted snapshots advanced by one business day;
//   3. peak memory of `postloan batch` over the same book at two sizes;
//   4. the naive way (json-rules-engine engine.run per evaluation, one XState actor per loan, a tick per
//      day) against the engine on a sample, with identical results required.
// Run with `npm run bench` (builds first). Sizes: BENCH_BOOK (loans), BENCH_COPIES (index rows per stored
// snapshot in section 2), BENCH_NAIVE_LOANS. Figures go to bench/scale.local.json (do not commit it).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const BOOK = Number(process.env.BENCH_BOOK ?? 100_000);
const COPIES = Number(process.env.BENCH_COPIES ?? 10);
const NAIVE_LOANS = Number(process.env.BENCH_NAIVE_LOANS ?? 10_000);
/** Sections to run, e.g. BENCH_SECTIONS=12 (the replay feeds the end of day, so 2 needs 1). */
const SECTIONS = process.env.BENCH_SECTIONS ?? '1234';
const SEED = 20_261_123;
// A Tuesday, and the next business day (cn calendar): an ordinary night, not a month end.
const AS_OF = '2026-06-16';
const NEXT = '2026-06-17';
const YEARS = 3;
const WORKERS = Math.max(1, Math.min(os.availableParallelism(), Number(process.env.BENCH_WORKERS ?? os.availableParallelism())));
// The young-generation size postloan batch gives its workers (src/cli/batchPool.ts).
/** Node's native SHA-256 for timeline ids and checksums, as the CLI and store use it; BENCH_NATIVE_SHA256=0 for the built-in one. */
const NATIVE_SHA256 = process.env.BENCH_NATIVE_SHA256 !== '0';
const YOUNG_GENERATION_MB = Number(process.env.BENCH_YOUNG_MB ?? 192);
const TARGETS = { replaySeconds: 60, replayLoans: 100_000, advanceSeconds: 10, advanceLoans: 1_000_000, batchBytes: 1024 ** 3, naiveRatio: 20 };

const dir = mkdtempSync(join(os.tmpdir(), 'postloan-bench-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('exit', cleanup);
const log = (s) => process.stderr.write(`${s}\n`);
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const now = () => performance.now();
/** CPU seconds of the whole process so far: every thread, the garbage collector's helpers included. */
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
/** The sum of a per-thread figure the workers report, or null when a worker could not read it (not Linux). */
const sumOf = (parts, key) => (parts.every((p) => typeof p[key] === 'number') ? parts.reduce((n, p) => n + p[key], 0) : null);

// ---------------------------------------------------------------------------------------------
// Workers: each holds a contiguous slice of the book (once it is asked to `prepare` it).

const sliceOf = (w) => {
  const base = Math.floor(BOOK / WORKERS);
  const first = w * base;
  return { first, count: w === WORKERS - 1 ? BOOK - first : base };
};
const startWorkers = () =>
  Array.from({ length: WORKERS }, (_, w) => {
    const worker = new Worker(new URL('./scaleWorker.mjs', import.meta.url), { workerData: { ...sliceOf(w), seed: SEED, asOf: AS_OF, years: YEARS, nativeSha256: NATIVE_SHA256 }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const waiting = new Map();
    let next = 0;
    worker.on('message', ({ id, ok, value, error }) => {
      const p = waiting.get(id);
      waiting.delete(id);
      if (ok) p.resolve(value);
      else p.reject(new Error(`worker ${w}: ${error}`));
    });
    worker.on('error', (e) => {
      for (const p of waiting.values()) p.reject(e);
    });
    return {
      call: (cmd, args) =>
        new Promise((resolve, reject) => {
          const id = next++;
          waiting.set(id, { resolve, reject });
          worker.postMessage({ id, cmd, args });
        }),
      terminate: () => worker.terminate(),
    };
  });
const workers = startWorkers();
const allOf = (pool, cmd, argsOf = () => ({})) => Promise.all(pool.map((w, i) => w.call(cmd, argsOf(i))));
const all = (cmd, argsOf) => allOf(workers, cmd, argsOf);

log(`bench: generating ${fmt(BOOK)} histories (seed ${SEED}, as of ${AS_OF}, ${YEARS} years of disbursements) on ${WORKERS} threads…`);
const prepared = await all('prepare');
const historyBytes = prepared.reduce((n, p) => n + p.bytes, 0);

// ---------------------------------------------------------------------------------------------
// 1. Replay throughput

log('bench: 1. replaying the book…');
const snapshotFile = (w) => join(dir, `snapshots-${w}.jsonl`);
let t0 = now();
let cpu0 = processCpu();
const replayed = await all('replay', (w) => ({ path: snapshotFile(w) }));
const replaySeconds = (now() - t0) / 1000;
const replayCpuSeconds = processCpu() - cpu0;
const rows = replayed.flatMap((r, w) => r.rows.map(([loanId, nextReviewOn, offset, length]) => ({ loanId, nextReviewOn, file: w, offset, length })));
const states = {};
for (const r of replayed) for (const [s, n] of Object.entries(r.states)) states[s] = (states[s] ?? 0) + n;
const timelinePerLoan = replayed.reduce((n, r) => n + r.timeline, 0) / BOOK;
const tasksPerLoan = replayed.reduce((n, r) => n + r.tasks, 0) / BOOK;
const outputKiB = replayed.reduce((n, r) => n + r.outputBytes, 0) / BOOK / 1024;
const snapshotKiB = rows.reduce((n, r) => n + r.length, 0) / BOOK / 1024;
// Each thread's wall time, its own CPU time and its wait for a core (these last two on Linux only).
const replayThreadSeconds = sumOf(replayed, 'seconds');
const replayThreadCpuSeconds = sumOf(replayed, 'cpuSeconds');
const replayWaitSeconds = sumOf(replayed, 'waitSeconds');
const replayProjected = (replaySeconds * TARGETS.replayLoans) / BOOK;

// ---------------------------------------------------------------------------------------------
// 2. End of day: BOOK × COPIES loans in the store. The store keeps each loan's row (id, review day, where
// its snapshot is) in an index file; the snapshot texts of the copies of a generated loan are the same
// stored bytes (so 1M loans take the disk of 100k), but every due loan is read, parsed, restored, resumed,
// re-written and re-indexed on its own.

// The index is kept by wake date, as a directory of one file per review day (rows: loan id, snapshot
// file, offset, length); settled loans, which never wake, are in no day file. The nightly step reads the
// day files up to the night's date — only the loans due — and files each advanced loan under its new day.
const indexDir = join(dir, 'index');
mkdirSync(indexDir);
let indexed = 0;
{
  const byDay = new Map();
  for (let c = 0; c < COPIES; c++) {
    for (const r of rows) {
      if (r.nextReviewOn === null) continue;
      indexed++;
      let lines = byDay.get(r.nextReviewOn);
      if (lines === undefined) byDay.set(r.nextReviewOn, (lines = []));
      lines.push(`${r.loanId}#${c}\t${r.file}\t${r.offset}\t${r.length}`);
    }
  }
  for (const [d, lines] of byDay) writeFileSync(join(indexDir, `${d}.tsv`), `${lines.join('\n')}\n`);
}
const storeLoans = BOOK * COPIES;
log(`bench: 2. advancing ${fmt(storeLoans)} stored loans from ${AS_OF} to ${NEXT}…`);
// The nightly step runs in its own threads, started (the package loaded, the pack compiled) before the
// clock starts but never warmed: they hold nothing but the pack, as a nightly job's workers do, not the
// histories the bench keeps in the other threads for sections 1 and 4.
const nightly = startWorkers();
await allOf(nightly, 'ready');
t0 = now();
cpu0 = processCpu();
// The timed step: find the loans due, advance them on every thread (each reads, parses, restores,
// resumes and writes its loans), then re-file every advanced loan under its new review day.
const dueDays = readdirSync(indexDir).filter((f) => f.slice(0, 10) <= NEXT);
const due = dueDays.flatMap((f) =>
  readFileSync(join(indexDir, f), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => {
      const [id, file, offset, length] = l.split('\t');
      return { loanId: id, nextReviewOn: f.slice(0, 10), file: Number(file), offset: Number(offset), length: Number(length) };
    }),
);
const indexSeconds = (now() - t0) / 1000;
const advanced = await allOf(nightly, 'advance', (w) => ({
  snapshots: snapshotFile(w),
  rows: due.filter((r) => r.file === w).map((r) => [r.loanId, r.nextReviewOn, r.offset, r.length]),
  to: NEXT,
  snapshotsOut: join(dir, `advanced-${w}.jsonl`),
  outputsOut: join(dir, `outputs-${w}.jsonl`),
}));
const workSeconds = (now() - t0) / 1000 - indexSeconds;
const refiled = new Map();
advanced.forEach(({ updated }, w) => {
  for (const [loanId, nextReviewOn, offset, length] of updated) {
    if (nextReviewOn === null) continue;
    let lines = refiled.get(nextReviewOn);
    if (lines === undefined) refiled.set(nextReviewOn, (lines = []));
    lines.push(`${loanId}\t${WORKERS + w}\t${offset}\t${length}`);
  }
});
for (const [d, lines] of refiled) appendFileSync(join(indexDir, `${d}.tsv`), `${lines.join('\n')}\n`);
for (const f of dueDays) unlinkSync(join(indexDir, f));
const advanceSeconds = (now() - t0) / 1000;
const advanceCpuSeconds = processCpu() - cpu0;
const advanceThreadCpuSeconds = sumOf(advanced, 'cpuSeconds');
const advanceWaitSeconds = sumOf(advanced, 'waitSeconds');
const advanceProjected = (advanceSeconds * TARGETS.advanceLoans) / storeLoans;
await Promise.all(nightly.map((w) => w.terminate()));
// Untimed: every advanced snapshot of the first copy (and a sample of the others) equals a fresh replay.
const verified = await all('verify', (w) => ({ path: join(dir, `advanced-${w}.jsonl`), rows: advanced[w].updated.filter((_, i) => i % Math.max(1, COPIES) === 0).map(([, , o, l]) => [o, l]), to: NEXT }));
const verifyMismatches = verified.flatMap((v) => v.mismatches);
if (verifyMismatches.length > 0) {
  log(`bench: advanced snapshots differ from a fresh replay: ${verifyMismatches.slice(0, 5).join(', ')}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// 3. Peak memory of `postloan batch` (streaming, all cores, outputs and lean snapshots written)

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const bookDir = join(dir, 'book');
mkdirSync(bookDir);
const smallDir = join(dir, 'small');
mkdirSync(smallDir);
if (SECTIONS.includes('3')) {
  await all('writeBook', (w) => ({ path: join(bookDir, `book-${w}.jsonl`) }));
  const small = readFileSync(join(bookDir, 'book-0.jsonl'), 'utf8').split('\n').slice(0, Math.max(1, Math.floor(BOOK / 10)));
  writeFileSync(join(smallDir, 'book.jsonl'), `${small.join('\n')}\n`);
}
function batchRun(input) {
  const r = spawnSync(process.execPath, [cli, 'batch', input, '--as-of', AS_OF, '--out', join(dir, 'batch.out.jsonl'), '--snapshots', join(dir, 'batch.snap.jsonl'), '--lean', '--verbose'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const m = /batch: ([\d,]+) loans, ([\d,]+) errors?, ([\d.]+) s, ([\d,]+) loans\/s, peak memory ([\d,]+) MiB/.exec(r.stderr);
  if (r.status !== 0 || m === null) {
    log(`bench: postloan batch failed (exit ${r.status}): ${r.stderr.slice(0, 2000)}`);
    process.exit(1);
  }
  const n = (s) => Number(s.replaceAll(',', ''));
  return { loans: n(m[1]), errors: n(m[2]), seconds: Number(m[3]), loansPerSecond: n(m[4]), peakMiB: n(m[5]) };
}
const skipped = { loans: 0, errors: 0, seconds: 0, loansPerSecond: 0, peakMiB: 0 };
let batchSmall = skipped;
let batchLarge = skipped;
if (SECTIONS.includes('3')) {
  log(`bench: 3. postloan batch over ${fmt(Math.floor(BOOK / 10))} and ${fmt(BOOK)} loans…`);
  batchSmall = batchRun(smallDir);
  batchLarge = batchRun(bookDir);
}

// ---------------------------------------------------------------------------------------------
// 4. The naive way, on a sample

const naivePerWorker = SECTIONS.includes('4') ? Math.ceil(Math.min(NAIVE_LOANS, BOOK) / WORKERS) : 0;
log(`bench: 4. the naive way on ${fmt(naivePerWorker * WORKERS)} loans (this is the slow one)…`);
t0 = now();
const naive = naivePerWorker === 0 ? [{ loans: 0, fastSeconds: 0, naiveSeconds: 0, days: 0, runs: 0, mismatchCount: 0, mismatches: [] }] : await all('naive', () => ({ loans: naivePerWorker }));
const naiveWall = (now() - t0) / 1000;
const naiveLoans = naive.reduce((n, r) => n + r.loans, 0);
const fastSeconds = naive.reduce((n, r) => n + r.fastSeconds, 0);
const naiveSeconds = naive.reduce((n, r) => n + r.naiveSeconds, 0);
const naiveMismatches = naive.reduce((n, r) => n + r.mismatchCount, 0);
const naiveRatio = naiveSeconds / fastSeconds;
await Promise.all(workers.map((w) => w.terminate()));
if (naiveMismatches > 0) {
  log(`bench: the naive way and the engine disagree on ${naiveMismatches} loans, e.g. ${JSON.stringify(naive.flatMap((r) => r.mismatches).slice(0, 3))}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Report

/** Microseconds a loan, or null when the figure is not known. */
const micros = (seconds, loans) => (seconds === null || loans === 0 ? null : Math.round((seconds * 1e6) / loans));
/** What the naive section's two figures are: each thread's CPU time where the system tells it, else its wall time. */
const naiveTime = naive.every((r) => r.cpuTime === true) ? 'thread CPU time' : 'thread time';
/** ", threads waited X s for a core" when the workers could tell, else nothing. */
const waited = (seconds) => (seconds === null ? '' : `; threads waited ${fmt(seconds, 1)} s for a core`);
const verdict = (ok, target) => `${ok ? '✔' : '✘'} target ${target}`;
const cpus = os.cpus();
const results = {
  date: new Date().toISOString(),
  machine: { cpu: cpus[0]?.model ?? 'unknown', cores: cpus.length, threads: WORKERS, node: process.version, loadAverage1m: Number(os.loadavg()[0].toFixed(2)), sha256: NATIVE_SHA256 ? 'node:crypto' : 'built-in' },
  book: { loans: BOOK, seed: SEED, asOf: AS_OF, years: YEARS, historyKiBPerLoan: Number((historyBytes / BOOK / 1024).toFixed(1)), endStates: states, timelineEntriesPerLoan: Number(timelinePerLoan.toFixed(1)), tasksPerLoan: Number(tasksPerLoan.toFixed(1)) },
  replay: { wallSeconds: replaySeconds, cpuSeconds: replayCpuSeconds, cpuMicrosecondsPerLoan: micros(replayCpuSeconds, BOOK), threadSeconds: replayThreadSeconds, threadCpuSeconds: replayThreadCpuSeconds, threadCpuMicrosecondsPerLoan: micros(replayThreadCpuSeconds, BOOK), waitSeconds: replayWaitSeconds, loansPerSecond: Math.round(BOOK / replaySeconds), projectedSecondsFor100k: replayProjected, outputKiBPerLoan: Number(outputKiB.toFixed(1)), leanSnapshotKiBPerLoan: Number(snapshotKiB.toFixed(1)), target: TARGETS.replaySeconds, meetsTarget: replayProjected <= TARGETS.replaySeconds },
  endOfDay: { storedLoans: storeLoans, distinctSnapshots: BOOK, indexed, due: due.length, dueShare: Number((due.length / storeLoans).toFixed(4)), wallSeconds: advanceSeconds, indexSeconds, workSeconds, microsecondsPerDueLoan: Math.round((workSeconds * WORKERS * 1e6) / due.length), cpuSeconds: advanceCpuSeconds, cpuMicrosecondsPerDueLoan: micros(advanceCpuSeconds, due.length), threadCpuSeconds: advanceThreadCpuSeconds, threadCpuMicrosecondsPerDueLoan: micros(advanceThreadCpuSeconds, due.length), waitSeconds: advanceWaitSeconds, projectedSecondsFor1M: advanceProjected, verified: verified.reduce((n, v) => n + v.checked, 0), target: TARGETS.advanceSeconds, meetsTarget: advanceProjected <= TARGETS.advanceSeconds },
  batchMemory: { small: batchSmall, large: batchLarge, targetMiB: TARGETS.batchBytes / 1048576, meetsTarget: Math.max(batchSmall.peakMiB, batchLarge.peakMiB) * 1048576 <= TARGETS.batchBytes },
  naive: { loans: naiveLoans, pack: 'cn-default state rules (no task rules)', time: naiveTime, fastSeconds, naiveSeconds, wallSeconds: naiveWall, ticksPerLoan: naive.reduce((n, r) => n + r.days, 0) / naiveLoans, engineRunsPerLoan: naive.reduce((n, r) => n + r.runs, 0) / naiveLoans, identical: true, ratio: Number(naiveRatio.toFixed(1)), target: TARGETS.naiveRatio, meetsTarget: naiveRatio >= TARGETS.naiveRatio },
};

// Rows of the sections not run (BENCH_SECTIONS) are left out: their zeros would read as results.
const ran = (section) => (row) => SECTIONS.includes(section) ? [row] : [];
const rowsOut = [
  [`Book: ${fmt(BOOK)} generated loans, seed ${SEED}, as of ${AS_OF}, disbursed over ${YEARS} years; ${WORKERS} threads on ${cpus.length} cores; SHA-256 ${results.machine.sha256}`, '', ''],
  ...ran('1')(['1. replay (parse, validate, replay, output JSON, lean snapshot)', `${fmt(replaySeconds, 1)} s`, `${fmt(BOOK / replaySeconds)} loans/s; 100,000 loans ≈ ${fmt(replayProjected, 1)} s — ${verdict(replayProjected <= TARGETS.replaySeconds, `≤ ${TARGETS.replaySeconds} s`)}`]),
  ...ran('1')(['   CPU', `${fmt(micros(replayCpuSeconds, BOOK))} µs a loan`, `all threads (garbage collector included)${results.replay.threadCpuMicrosecondsPerLoan === null ? '' : `; the workers' own ${fmt(results.replay.threadCpuMicrosecondsPerLoan)} µs`}${waited(replayWaitSeconds)}`]),
  ...ran('1')(['   per loan', `${fmt(timelinePerLoan, 0)} entries`, `${fmt(tasksPerLoan, 0)} tasks, output ${fmt(outputKiB, 1)} KiB, lean snapshot ${fmt(snapshotKiB, 1)} KiB`]),
  ...ran('2')([`2. end of day: ${fmt(storeLoans)} stored loans → ${NEXT}`, `${fmt(advanceSeconds, 1)} s`, `${fmt(due.length)} due (${fmt((100 * due.length) / storeLoans, 1)} %), ${fmt(indexed)} indexed; index ${fmt(indexSeconds, 1)} s, due loans ${fmt(workSeconds, 1)} s (${fmt((workSeconds * WORKERS * 1e6) / due.length)} µs each per thread); 1M ≈ ${fmt(advanceProjected, 1)} s — ${verdict(advanceProjected <= TARGETS.advanceSeconds, `≤ ${TARGETS.advanceSeconds} s`)}`]),
  ...ran('2')(['   CPU', `${fmt(micros(advanceCpuSeconds, due.length))} µs a due loan`, `all threads (garbage collector included)${results.endOfDay.threadCpuMicrosecondsPerDueLoan === null ? '' : `; the workers' own ${fmt(results.endOfDay.threadCpuMicrosecondsPerDueLoan)} µs`}${waited(advanceWaitSeconds)}`]),
  ...ran('3')([`3. postloan batch peak memory, ${fmt(batchSmall.loans)} loans`, `${fmt(batchSmall.peakMiB)} MiB`, `${fmt(batchSmall.loansPerSecond)} loans/s`]),
  ...ran('3')([`   … ${fmt(batchLarge.loans)} loans`, `${fmt(batchLarge.peakMiB)} MiB`, `${fmt(batchLarge.loansPerSecond)} loans/s — ${verdict(results.batchMemory.meetsTarget, '≤ 1,024 MiB')}`]),
  ...ran('4')([`4. naive way, ${fmt(naiveLoans)} loans (state rules)`, `${fmt(naiveSeconds, 1)} s`, `engine ${fmt(fastSeconds, 2)} s (${naiveTime}); identical results; ${fmt(naiveRatio, 0)}× — ${verdict(naiveRatio >= TARGETS.naiveRatio, `≥ ${TARGETS.naiveRatio}×`)}`]),
];
const body = rowsOut.filter((r) => r[1] !== '');
const w0 = Math.max(...body.map((r) => r[0].length));
const w1 = Math.max(...body.map((r) => r[1].length));
console.log(`postloan bench (scale) — ${results.machine.cpu}, node ${process.version}, load ${results.machine.loadAverage1m}`);
for (const [a, b, c] of rowsOut) console.log(b === '' ? a : `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
writeFileSync(fileURLToPath(new URL('./scale.local.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
console.log('figures written to bench/scale.local.json');
