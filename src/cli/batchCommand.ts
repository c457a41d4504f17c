import { createWriteStream, existsSync, openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack } from '../rules/loadPack';
import { formatDay, dayProblem, parseDay } from '../time/day';
import { replayLine, type BatchLine } from './batchLine';
import { startBatchPool, type BatchPool } from './batchPool';
import { progressLine, summaryLine, type BatchTally } from './batchProgress';
import { readPackDir } from './files';
import { readHistories, type HistoryText } from './historyTexts';
import { chunked, mapOrdered } from './mapOrdered';

/** Inputs of `postloan batch`. */
export interface BatchCommand {
  /** A JSONL file (one history per line) or a directory of `.json` (and `.jsonl`) history files. */
  readonly input: string;
  readonly asOf: string;
  readonly packDir?: string;
  /** JSONL file for the outputs; stdout when absent. */
  readonly out?: string;
  /** JSONL file for the snapshots, line for line with the outputs. */
  readonly snapshots?: string;
  /** Lean snapshots (`--lean`): without the timeline and closed tasks, for a nightly `advance`. */
  readonly lean?: boolean;
  /** Worker threads; 1 replays in-process. Default: `os.availableParallelism()`. */
  readonly workers?: number;
  /** Print the summary on stderr even when it is not a terminal. */
  readonly verbose: boolean;
}

/** Where `postloan batch` writes; `stdout` (a stream) lets it wait for a slow reader instead of buffering. */
export interface BatchIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly stdout?: Writable;
  /** stderr is a terminal: draw the progress bar and print the summary. */
  readonly stderrIsTTY?: boolean;
}

/**
 * Histories per message to a worker: a replay takes milliseconds, so 16 make the message cost negligible,
 * while an output (≈ 55 KB) and a snapshot (≈ 70 KB) per loan keep the in-flight memory small.
 */
const CHUNK = 16;
/** Chunks in flight per worker: one being replayed, more queued so the worker never waits. */
const CHUNKS_PER_WORKER = 4;
/** Most worker threads; beyond this the reading thread is the bottleneck. */
const MAX_WORKERS = 64;
/** Progress bar redraws at most this often. */
const REDRAW_MS = 100;

function usageError(message: string): PostloanError {
  return new PostloanError([{ code: 'cli.usage', path: '', message, hint: 'run `postloan --help` for usage, e.g. postloan batch book.jsonl --as-of 2026-06-30 --out outputs.jsonl' }]);
}

/** Parses the arguments after `batch`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseBatchArgs(args: readonly string[]): BatchCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        pack: { type: 'string' },
        out: { type: 'string' },
        snapshots: { type: 'string' },
        lean: { type: 'boolean' },
        workers: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length !== 1) throw usageError(`batch takes exactly one JSONL file or directory of histories, got ${parsed.positionals.length}`);
  if (v['as-of'] === undefined) throw usageError('batch needs --as-of: the business date every loan is replayed to');
  if (v.lean === true && v.snapshots === undefined) throw usageError('--lean makes the snapshots lean: give --snapshots <file.jsonl> too');
  let workers: number | undefined;
  if (v.workers !== undefined) {
    if (!/^\d{1,3}$/.test(v.workers) || Number(v.workers) < 1 || Number(v.workers) > MAX_WORKERS) throw usageError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, got "${v.workers}"`);
    workers = Number(v.workers);
  }
  return {
    input: parsed.positionals[0] as string,
    asOf: v['as-of'],
    verbose: v.verbose === true,
    ...(v.pack === undefined ? {} : { packDir: v.pack }),
    ...(v.out === undefined ? {} : { out: v.out }),
    ...(v.snapshots === undefined ? {} : { snapshots: v.snapshots }),
    ...(v.lean === true ? { lean: true } : {}),
    ...(workers === undefined ? {} : { workers }),
  };
}

interface Sink {
  readonly write: (s: string) => Promise<void> | undefined;
  readonly close: () => Promise<void>;
}

/** Writes to a stream, waiting for 'drain' when its buffer is full: a slow reader slows the batch down. */
function streamSink(stream: Writable, owned: boolean): Sink {
  return {
    write: (s) => (stream.write(s) ? undefined : once(stream, 'drain').then(() => undefined)),
    close: async () => {
      if (!owned) return;
      stream.end();
      await finished(stream);
    },
  };
}

function fileSink(path: string, flag: string): Sink {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new PostloanError([{ code: 'cli.io', file: path, path: flag, message: `Cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, hint: 'check that the directory exists and is writable' }]);
  }
  return streamSink(createWriteStream(path, { fd }), true);
}

/** The built worker entry, next to the running CLI file (dist/batchWorker.js beside dist/cli.js). */
function workerFile(): URL {
  const url = new URL('./batchWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`the batch worker ${fileURLToPath(url)} is missing: run the built CLI (npx tsup), or pass --workers 1 to replay in-process`);
  }
  return url;
}

/**
 * Runs `postloan batch`: streams the histories, replays each to `--as-of` (on worker threads, or
 * in-process with `--workers 1`) and writes one compact JSON line per loan in input order — the replay
 * output, or an error line for a history that could not be replayed — to `--out` or stdout, and with
 * `--snapshots` each loan's snapshot to that file, line for line. At most `workers × 4` chunks of 16
 * histories are read ahead of the writer, so memory does not grow with the book. Options and pack
 * problems throw a {@link PostloanError}. Resolves to the tally (loans, error lines, seconds).
 */
export async function runBatch(cmd: BatchCommand, io: BatchIo): Promise<BatchTally> {
  const problems: PostloanIssue[] = [];
  const packDir = cmd.packDir;
  const packResult = packDir === undefined ? undefined : loadPack(readPackDir(packDir), { dir: `${packDir.replace(/\/+$/, '')}/` });
  if (packResult !== undefined && !packResult.ok) problems.push(...packResult.issues);
  const asOf = parseDay(cmd.asOf);
  if (asOf === undefined) problems.push({ code: /^\d{4}-\d{2}-\d{2}$/.test(cmd.asOf) ? 'date.invalid' : 'date.format', path: '--as-of', message: `"${cmd.asOf}" ${dayProblem(cmd.asOf) ?? 'is not a calendar date'}`, hint: 'write the date as YYYY-MM-DD, e.g. --as-of 2026-06-30' });
  if (problems.length > 0 || asOf === undefined) throw new PostloanError(problems);
  const pack = packResult === undefined ? cnDefaultPack() : unwrap(packResult);
  const reader = readHistories(cmd.input);
  const workers = cmd.workers ?? availableParallelism();
  const snapshots = cmd.snapshots !== undefined;
  const lean = cmd.lean === true;

  let pool: BatchPool | undefined;
  let work: (items: readonly HistoryText[]) => Promise<readonly BatchLine[]>;
  if (workers > 1) {
    const started = startBatchPool(workerFile(), workers, { asOf: formatDay(asOf), snapshots, lean, ...(packDir === undefined ? {} : { packDir }) });
    pool = started;
    work = started.run;
  } else {
    work = (items) => Promise.resolve(items.map((item) => replayLine(item, { pack, asOf, snapshots, lean })));
  }

  const out = cmd.out !== undefined ? fileSink(cmd.out, '--out') : io.stdout !== undefined ? streamSink(io.stdout, false) : { write: (s: string) => void io.out(s), close: () => Promise.resolve() };
  const snapshotSink = cmd.snapshots === undefined ? undefined : fileSink(cmd.snapshots, '--snapshots');
  const start = performance.now();
  let loans = 0;
  let errors = 0;
  let lastDraw = -Infinity;
  const tally = (): BatchTally => ({ loans, errors, seconds: (performance.now() - start) / 1000 });
  const emit = async (lines: readonly BatchLine[]): Promise<void> => {
    loans += lines.length;
    for (const l of lines) if (l.failed) errors++;
    const written = out.write(lines.map((l) => l.line).join(''));
    const snapped = snapshotSink?.write(lines.map((l) => l.snapshot ?? '').join(''));
    await written;
    await snapped;
    if (io.stderrIsTTY === true && performance.now() - lastDraw >= REDRAW_MS) {
      lastDraw = performance.now();
      io.err(progressLine(tally(), reader.fraction()));
    }
  };
  try {
    await mapOrdered(chunked(reader.histories, CHUNK), work, emit, { maxInFlight: workers > 1 ? workers * CHUNKS_PER_WORKER : 1 });
  } finally {
    await pool?.close();
    await out.close();
    await snapshotSink?.close();
  }
  // Peak resident memory of the whole process, worker threads included (maxRSS is in KiB).
  const done: BatchTally = { ...tally(), peakMemoryBytes: process.resourceUsage().maxRSS * 1024 };
  if (io.stderrIsTTY === true) io.err(`${progressLine(done, 1)}\n`);
  if (io.stderrIsTTY === true || cmd.verbose) io.err(summaryLine(done));
  else if (errors > 0) io.err(`⚠ ${errors} of ${loans} ${loans === 1 ? 'history' : 'histories'} could not be replayed and are error lines in the output; the rest ran\n`);
  return done;
}
