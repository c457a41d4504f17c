import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack } from '../rules/loadPack';
import { formatDay, parseDay } from '../time/day';
import { errorLine, replayLine, type BatchLine } from './batchLine';
import { startBatchPool, type BatchPool } from './batchPool';
import { progressLine, summaryLine, type BatchTally } from './batchProgress';
import { readPackDir } from './files';
import { historyFiles, readHistories, type HistoryText, type HistoryWhere } from './historyTexts';
import { STDIN } from './inputFile';
import { fileIdentity, openOutput, refuseOverlaps, type NamedPath, type OutputFile } from './outputFile';
import { chunked, mapOrdered } from './mapOrdered';
import { appendAll } from '../errors/appendAll';
import { badDateText, cliText, usageErrorOf } from './cliMessages';
import { issueFrom } from '../errors/issueText';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { ProblemKinds } from './problemKinds';

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
  /** Continue the partial `--out` (and `--snapshots`) files of a run that did not finish. */
  readonly resume?: boolean;
}

/** Where `postloan batch` writes; `stdout` (a stream) lets it wait for a slow reader instead of buffering. */
export interface BatchIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly stdout?: Writable;
  /** stderr is a terminal: draw the progress bar and print the summary. */
  readonly stderrIsTTY?: boolean;
  /** The language of the progress, summary and problem lines on stderr (the output lines are the same in every language). */
  readonly locale?: Locale;
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

const EXAMPLE = 'postloan batch book.jsonl --as-of 2026-06-30 --out outputs.jsonl';

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
        resume: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, EXAMPLE));
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length !== 1) throw usageErrorOf(cliText.oneBook('batch', parsed.positionals.length, EXAMPLE));
  if (v['as-of'] === undefined) throw usageErrorOf(cliText.batchNeedsAsOf(EXAMPLE));
  if (v.resume === true && v.out === undefined) throw usageErrorOf(cliText.resumeNeedsOut(EXAMPLE));
  if (v.lean === true && v.snapshots === undefined) throw usageErrorOf(cliText.leanNeedsSnapshots(EXAMPLE));
  let workers: number | undefined;
  if (v.workers !== undefined) {
    if (!/^\d{1,3}$/.test(v.workers) || Number(v.workers) < 1 || Number(v.workers) > MAX_WORKERS) throw usageErrorOf(cliText.wholeNumberUpTo('--workers', MAX_WORKERS, v.workers, EXAMPLE));
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
    ...(v.resume === true ? { resume: true } : {}),
    ...(workers === undefined ? {} : { workers }),
  };
}

interface Sink {
  readonly write: (s: string) => Promise<void> | undefined;
  readonly close: () => Promise<void>;
}

/** Writes to a stream, waiting for 'drain' when its buffer is full: a slow reader slows the batch down. */
function streamSink(stream: Writable): Sink {
  return {
    write: (s) => (stream.write(s) ? undefined : once(stream, 'drain').then(() => undefined)),
    close: () => Promise.resolve(),
  };
}

/** The built worker entry, next to the running CLI file (dist/batchWorker.js beside dist/cli.js). */
function workerFile(): URL {
  const url = new URL('./batchWorker.js', import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`the batch worker ${fileURLToPath(url)} is missing: run the built CLI (npx tsup), or pass --workers 1 to replay in-process`);
  }
  return url;
}

/** Every file the batch reads (histories, pack files) and every file it writes, checked against each other. */
function checkPaths(cmd: BatchCommand, files: readonly string[]): void {
  const inputs: NamedPath[] = files.map((path) => ({ flag: '', path }));
  if (cmd.packDir !== undefined) for (const name of Object.keys(readPackDir(cmd.packDir))) inputs.push({ flag: '--pack', path: join(cmd.packDir, name) });
  const outputs: NamedPath[] = [];
  if (cmd.out !== undefined) outputs.push({ flag: '--out', path: cmd.out });
  if (cmd.snapshots !== undefined) outputs.push({ flag: '--snapshots', path: cmd.snapshots });
  refuseOverlaps(inputs, outputs);
  // A history file written into the input directory would be read as input by the next run.
  if (cmd.input !== STDIN && statSync(cmd.input).isDirectory()) {
    const dir = fileIdentity(cmd.input);
    for (const o of outputs) {
      if (/\.(jsonl|json)$/.test(o.path) && fileIdentity(dirname(resolve(o.path))) === dir) {
        throw usageErrorOf(cliText.outputInInput(o.flag, o.path, cmd.input));
      }
    }
  }
}

/** The loan id at the start of an output line (`{"loanId":"…"`), or undefined for an error line. */
function loanIdOfLine(head: Buffer): string | undefined {
  const m = /^\{"loanId":("(?:[^"\\]|\\.)*")/.exec(head.toString('utf8'));
  if (m?.[1] === undefined) return undefined;
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return undefined;
  }
}

function sourceOf(where: HistoryWhere): string {
  return where.line === undefined ? where.file : `${where.file}:${where.line}`;
}

/** The error line of a history whose loan id an earlier history of the book already used. */
function duplicateLine(item: HistoryText, loanId: string, first: string, snapshots: boolean): BatchLine {
  const problem = issueFrom({ code: 'input.invalid', file: sourceOf(item.where), path: 'loan.id' }, cliText.duplicateHistory(loanId, first, sourceOf(item.where)));
  const line = errorLine(item.where, loanId, [problem]);
  return { line, ...(snapshots ? { snapshot: line } : {}), failed: true, problem };
}

/**
 * Runs `postloan batch`: streams the histories, replays each to `--as-of` (on worker threads, or
 * in-process with `--workers 1`) and writes one compact JSON line per loan in input order — the replay
 * output, or an error line for a history that could not be replayed or repeats a loan id — to `--out`
 * or stdout, and with `--snapshots` each loan's snapshot to that file, line for line. Files are written
 * to `<file>.partial` under a `<file>.lock` and renamed when complete; `--resume` continues the
 * partial files of a run that did not finish. At most `workers × 4` chunks of 16 histories are read
 * ahead of the writer, so memory does not grow with the book. Options, pack and output problems throw a
 * {@link PostloanError}. Resolves to the tally (loans, error lines, seconds).
 */
export async function runBatch(cmd: BatchCommand, io: BatchIo): Promise<BatchTally> {
  const problems: PostloanIssue[] = [];
  const packDir = cmd.packDir;
  const packResult = packDir === undefined ? undefined : loadPack(readPackDir(packDir), { dir: `${packDir.replace(/\/+$/, '')}/` });
  if (packResult !== undefined && !packResult.ok) appendAll(problems, packResult.issues);
  const asOf = parseDay(cmd.asOf);
  if (asOf === undefined) problems.push(issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(cmd.asOf) ? 'date.invalid' : 'date.format', path: '--as-of' }, badDateText(cmd.asOf, '--as-of', '2026-06-30')));
  if (problems.length > 0 || asOf === undefined) throw new PostloanError(problems);
  const pack = packResult === undefined ? cnDefaultPack() : unwrap(packResult);
  const files = historyFiles([cmd.input]);
  checkPaths(cmd, files);
  const reader = readHistories(cmd.input);
  const workers = cmd.workers ?? availableParallelism();
  const snapshots = cmd.snapshots !== undefined;
  const lean = cmd.lean === true;
  const resume = cmd.resume === true;
  const locale = io.locale ?? 'en';
  const text = catalogueFor(locale).progress;
  const kinds = new ProblemKinds();

  // Outputs are opened (locked, their partial files created) before any worker starts, so a bad path
  // fails at once and nothing is left running.
  const outFile = cmd.out === undefined ? undefined : openOutput(cmd.out, '--out', { resume });
  let snapshotFile: OutputFile | undefined;
  try {
    snapshotFile = cmd.snapshots === undefined ? undefined : openOutput(cmd.snapshots, '--snapshots', { resume });
  } catch (e) {
    outFile?.abort(resume && outFile.foundPartial);
    throw e;
  }
  const outputs = [outFile, snapshotFile].filter((f): f is OutputFile => f !== undefined);
  const seen = new Map<string, string>();
  const seenIds: (string | undefined)[] = [];
  let skip = 0;
  let resumedErrors = 0;
  if (outFile !== undefined) {
    const kept = resume ? Math.min(...outputs.map((f) => f.completeLines)) : 0;
    const ids: (string | undefined)[] = [];
    outFile.resumeLines(kept, (head) => {
      const id = loanIdOfLine(head);
      if (id === undefined) resumedErrors++;
      ids.push(id);
    });
    snapshotFile?.resumeLines(kept);
    skip = kept;
    if (resume) io.err(`${kept > 0 ? text.batchResuming(outFile.path, kept) : text.batchNothingToResume(outFile.path)}\n`);
    else if (outputs.some((f) => f.foundPartial)) io.err(`${text.batchStartingOver(outputs.map((f) => f.partial).join(', '))}\n`);
    // The ids of the kept lines are paired with their histories as those are read again below.
    seenIds.push(...ids);
  }

  let pool: BatchPool | undefined;
  const start = performance.now();
  let loans = skip;
  let errors = resumedErrors;
  let lastDraw = -Infinity;
  const tally = (): BatchTally => ({ loans, errors, seconds: (performance.now() - start) / 1000 });
  let completed = false;
  try {
    let work: (items: readonly HistoryText[]) => Promise<readonly BatchLine[]>;
    if (workers > 1) {
      const started = startBatchPool(workerFile(), workers, { asOf: formatDay(asOf), snapshots, lean, ...(packDir === undefined ? {} : { packDir }) });
      pool = started;
      work = started.run;
    } else {
      work = (items) => Promise.resolve(items.map((item) => replayLine(item, { pack, asOf, snapshots, lean })));
    }
    const out: Sink = outFile !== undefined ? { write: (s) => void outFile.write(s), close: () => Promise.resolve() } : io.stdout !== undefined ? streamSink(io.stdout) : { write: (s: string) => void io.out(s), close: () => Promise.resolve() };
    const emit = async ({ items, lines }: { readonly items: readonly HistoryText[]; readonly lines: readonly BatchLine[] }): Promise<void> => {
      const checked = lines.map((l, i) => {
        if (l.failed || l.loanId === undefined) return l;
        const item = items[i] as HistoryText;
        const first = seen.get(l.loanId);
        if (first !== undefined) return duplicateLine(item, l.loanId, first, snapshots);
        seen.set(l.loanId, sourceOf(item.where));
        return l;
      });
      loans += checked.length;
      for (const l of checked) {
        if (!l.failed) continue;
        errors++;
        if (l.problem !== undefined) kinds.add(l.problem);
      }
      const written = out.write(checked.map((l) => l.line).join(''));
      snapshotFile?.write(checked.map((l) => l.snapshot ?? '').join(''));
      await written;
      if (io.stderrIsTTY === true && performance.now() - lastDraw >= REDRAW_MS) {
        lastDraw = performance.now();
        io.err(progressLine(tally(), reader.fraction(), undefined, locale));
      }
    };
    let skipped = 0;
    await mapOrdered(chunked(afterSkip(reader.histories, skip, (item, k) => {
      skipped++;
      const id = seenIds[k];
      if (id !== undefined && !seen.has(id)) seen.set(id, sourceOf(item.where));
    }), CHUNK), (items) => work(items).then((lines) => ({ items, lines })), emit, { maxInFlight: workers > 1 ? workers * CHUNKS_PER_WORKER : 1 });
    if (skipped < skip) {
      throw new PostloanError([issueFrom({ code: 'cli.usage', path: '--resume' }, cliText.resumeMismatch(skipped, skip))]);
    }
    await out.close();
    for (const f of outputs) f.commit();
    completed = true;
  } finally {
    await pool?.close();
    // A run that fails keeps what it wrote in the partial files, for --resume.
    if (!completed) for (const f of outputs) f.abort(f.bytes() > 0);
  }
  // Peak resident memory of the whole process, worker threads included (maxRSS is in KiB).
  const done: BatchTally = { ...tally(), peakMemoryBytes: process.resourceUsage().maxRSS * 1024 };
  if (io.stderrIsTTY === true) io.err(`${progressLine(done, 1, undefined, locale)}\n`);
  if (io.stderrIsTTY === true || cmd.verbose) io.err(summaryLine(done, locale));
  else if (errors > 0) io.err(`${text.batchFailed(errors, loans)}\n`);
  io.err(kinds.lines(locale));
  return done;
}

/** The histories after the first `skip`, which `onSkip` sees (a resumed run already wrote their lines). */
function* afterSkip(source: Iterable<HistoryText>, skip: number, onSkip: (item: HistoryText, index: number) => void): Generator<HistoryText> {
  let k = 0;
  for (const item of source) {
    if (k < skip) onSkip(item, k);
    else yield item;
    k++;
  }
}
