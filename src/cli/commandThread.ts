import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { YOUNG_GENERATION_MB } from './batchPool';
import { cliLocale } from './cliLocale';

/**
 * Commands that replay loans by the thousand in one process for as long as they run: the end-of-day
 * worker and the ingest. V8 sizes a heap's young generation when the heap is made, so a running process
 * cannot enlarge it; these commands run in a thread of the CLI's process made with a larger one, as
 * `postloan batch` makes its threads. A worker's garbage collection was ≈ 21 % of its CPU with Node's
 * default; with 64 MB semi-spaces the CPU per due loan fell ≈ 17 % (decision 328). The thread is part of
 * the process: a SIGKILL ends both, and nothing outlives the command.
 */
const IN_A_THREAD: ReadonlySet<string> = new Set(['worker', 'ingest']);

/** Marks the CLI's own command thread (a host's worker threads that import the CLI are not one). */
interface CommandThreadData {
  readonly postloanCommandThread: true;
  /** The process's stderr is a terminal: a thread's stderr is a pipe to it, so the thread is told. */
  readonly stderrIsTTY: boolean;
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type RelayedSignal = keyof typeof SIGNAL_EXIT_CODES;

function isCommandThreadData(data: unknown): data is CommandThreadData {
  return typeof data === 'object' && data !== null && (data as { postloanCommandThread?: unknown }).postloanCommandThread === true;
}

/** This code runs in the CLI's command thread. */
export function inCommandThread(): boolean {
  return !isMainThread && isCommandThreadData(workerData);
}

/**
 * Whether progress lines may be drawn: stderr is a terminal, in the main thread or, for the command
 * thread, in the process that started it.
 *
 * @example
 * ```ts
 * const io = { ...storeIo, stderrIsTTY: stderrIsTerminal() };
 * ```
 */
export function stderrIsTerminal(): boolean {
  if (process.stderr.isTTY === true) return true;
  return inCommandThread() && (workerData as CommandThreadData).stderrIsTTY;
}

/**
 * In the main thread, for a command that runs in a thread: starts the thread from `script` (the CLI's
 * own file) with `argv`, relays SIGINT and SIGTERM to it (the first of each; a second one ends the
 * process as before) and takes its exit code. Returns false, doing nothing, for every other command, in
 * any thread but the main one, and when the arguments do not parse (the command then reports them).
 *
 * @example
 * ```ts
 * if (!runInCommandThread(new URL(import.meta.url), argv)) await mainAsync(argv);
 * ```
 */
export function runInCommandThread(script: URL, argv: readonly string[]): boolean {
  if (!isMainThread) return false;
  let command: string | undefined;
  try {
    command = cliLocale(argv, process.env).args[0];
  } catch {
    return false;
  }
  if (command === undefined || !IN_A_THREAD.has(command)) return false;
  const data: CommandThreadData = { postloanCommandThread: true, stderrIsTTY: process.stderr.isTTY === true };
  const thread = new Worker(script, { argv: [...argv], workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as RelayedSignal[]) process.once(signal, () => thread.postMessage({ signal }));
  thread.on('error', (e) => {
    // mainAsync never throws; only the runtime can fail a thread (out of memory, a failed start).
    process.stderr.write(`postloan: internal error: ${e.message}\n`);
    process.exitCode = 70;
  });
  thread.on('exit', (code) => {
    process.exitCode ??= code;
    // The relays no longer have a thread to tell: a signal now ends the process as it would any other.
    for (const signal of Object.keys(SIGNAL_EXIT_CODES)) process.removeAllListeners(signal);
  });
  return true;
}

/**
 * In the command thread: a signal the main thread relays reaches the command's own `process.once`
 * listeners (a thread gets no signals of its own). A command with no listener for it ends, with the
 * shell's code for the signal. The port does not keep the thread alive.
 */
export function listenForRelayedSignals(): void {
  const port = parentPort;
  if (port === null || !inCommandThread()) return;
  port.on('message', (message: { readonly signal?: unknown }) => {
    const signal = message.signal;
    if (signal !== 'SIGINT' && signal !== 'SIGTERM') return;
    if (process.listenerCount(signal) > 0) process.emit(signal);
    else process.exit(SIGNAL_EXIT_CODES[signal]);
  });
  port.unref();
}
