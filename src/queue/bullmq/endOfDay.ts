import { createHash } from 'node:crypto';
import type { Queue} from 'bullmq';
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { PostloanError } from '../../errors/PostloanError';
import { parseDay } from '../../time/day';
import type { ChunkResult, FailedLoan, PostgresStore } from '../../store/postgres';
import { storeText } from '../../errors/storeMessages';
import { issueFrom } from '../../errors/issueText';

/** Default queue name of the end of day. */
export const EOD_QUEUE = 'postloan-eod';
/** Loans per job by default: big enough that a job's overhead is small, small enough that a retry is cheap. */
export const DEFAULT_EOD_CHUNK = 500;

/** A job of the end of day: a chunk of due loans and the date to bring them to. */
export interface EndOfDayJob {
  readonly toDate: string;
  readonly loanIds: readonly string[];
}

/** What {@link enqueueEndOfDay} did. */
export interface EnqueueResult {
  /** Loans due (review day on or before the date, not yet there). */
  readonly due: number;
  /** The chunk job ids, in order; the same chunks enqueued again keep their ids (BullMQ ignores a known id). */
  readonly jobIds: readonly string[];
}

/**
 * The job id of a chunk: the target date and a hash of its loan ids, so enqueueing the same chunk again
 * (a second `postloan eod` for the same day) adds nothing.
 *
 * @example
 * ```ts
 * chunkJobId('2026-12-07', ['L-1', 'L-2']); // 'eod_2026-12-07_9b1c…'
 * ```
 */
export function chunkJobId(toDate: string, loanIds: readonly string[]): string {
  return `eod_${toDate}_${createHash('sha256').update(loanIds.join('\n')).digest('hex').slice(0, 24)}`;
}

/**
 * Enqueues the end of day: the store's due loans for `toDate`, in chunks of `chunkSize`, one BullMQ job
 * each (retried up to `attempts` times after a failure or a crashed worker).
 *
 * @example
 * ```ts
 * const queue = new Queue(EOD_QUEUE, { connection });
 * const { due, jobIds } = await enqueueEndOfDay(store, queue, '2026-12-07');
 * ```
 */
export async function enqueueEndOfDay(store: PostgresStore, queue: Queue, toDate: string, options: { readonly chunkSize?: number; readonly attempts?: number } = {}): Promise<EnqueueResult> {
  if (parseDay(toDate) === undefined) throw new PostloanError([issueFrom({ code: 'date.format', path: 'toDate' }, storeText.notADate(JSON.stringify(toDate), '2026-12-07'))]);
  const size = options.chunkSize ?? DEFAULT_EOD_CHUNK;
  if (!Number.isInteger(size) || size < 1 || size > 100_000) throw new PostloanError([issueFrom({ code: 'input.invalid', path: 'chunkSize' }, storeText.chunkSize(size))]);
  const due = await store.dueLoans(toDate);
  const jobs: { name: string; data: EndOfDayJob; opts: { jobId: string; attempts: number; backoff: { type: 'exponential'; delay: number }; removeOnComplete: { age: number }; removeOnFail: { age: number } } }[] = [];
  for (let i = 0; i < due.length; i += size) {
    const loanIds = due.slice(i, i + size);
    const week = 7 * 24 * 3600;
    jobs.push({
      name: 'advance',
      data: { toDate, loanIds },
      opts: { jobId: chunkJobId(toDate, loanIds), attempts: options.attempts ?? 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: week }, removeOnFail: { age: week } },
    });
  }
  for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  return { due: due.length, jobIds: jobs.map((j) => j.opts.jobId) };
}

/** Options of {@link createEndOfDayWorker}. */
export interface EndOfDayWorkerOptions {
  readonly connection: ConnectionOptions;
  readonly queueName?: string;
  /** Chunks processed at once in this process; default 1 (the engine is synchronous: run more processes). */
  readonly concurrency?: number;
  /**
   * How long a worker's claim on a chunk lasts without renewal (ms, default 30 s); a crashed worker's chunk
   * goes back to the queue after about this long.
   */
  readonly lockDuration?: number;
  /** Called after each chunk (for progress lines). */
  readonly onChunk?: (job: EndOfDayJob, result: ChunkResult) => void;
}

/**
 * A BullMQ worker that advances chunks of the end of day through the store: each chunk is one
 * transaction (states, tasks, changes), and a loan already at the target date is skipped, so a chunk
 * retried after a crash never applies twice. Start any number of them, on any number of machines.
 *
 * @example
 * ```ts
 * const worker = createEndOfDayWorker(store, { connection: { url: 'redis://127.0.0.1:6379' } });
 * process.on('SIGTERM', () => void worker.close());
 * ```
 */
export function createEndOfDayWorker(store: PostgresStore, options: EndOfDayWorkerOptions): Worker<EndOfDayJob, ChunkResult> {
  const lockDuration = options.lockDuration ?? 30_000;
  return new Worker<EndOfDayJob, ChunkResult>(
    options.queueName ?? EOD_QUEUE,
    async (job: Job<EndOfDayJob, ChunkResult>) => {
      const result = await store.advanceLoans(job.data.loanIds, job.data.toDate);
      options.onChunk?.(job.data, result);
      return result;
    },
    {
      connection: options.connection,
      concurrency: options.concurrency ?? 1,
      lockDuration,
      // A crashed worker's chunk is found stalled and retried; a retry skips what committed.
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
    },
  );
}

/** Where the end of day stands ({@link endOfDayProgress}). */
export interface EndOfDayProgress {
  readonly chunks: number;
  readonly completed: number;
  /** Chunks that failed for good (all attempts used); their loans count as failed with the reason. */
  readonly failedChunks: number;
  readonly advanced: number;
  readonly skipped: number;
  /** A chunk that failed for good gives each of its loans the chunk's reason, without issues. */
  readonly failed: readonly FailedLoan[];
  readonly done: boolean;
}

/**
 * Reads the state of the given chunk jobs: how many finished, and the sum of their results.
 *
 * @example
 * ```ts
 * const p = await endOfDayProgress(queue, jobIds);
 * if (p.done) console.log(p.advanced, p.failed.length);
 * ```
 */
export async function endOfDayProgress(queue: Queue<EndOfDayJob, ChunkResult>, jobIds: readonly string[]): Promise<EndOfDayProgress> {
  let completed = 0;
  let failedChunks = 0;
  let advanced = 0;
  let skipped = 0;
  const failed: FailedLoan[] = [];
  for (let i = 0; i < jobIds.length; i += 200) {
    const jobs = await Promise.all(jobIds.slice(i, i + 200).map((id) => queue.getJob(id)));
    for (const job of jobs) {
      if (job === undefined) continue;
      if (job.finishedOn !== undefined && job.failedReason === undefined && job.returnvalue !== null && job.returnvalue !== undefined) {
        completed++;
        advanced += job.returnvalue.advanced;
        skipped += job.returnvalue.skipped;
        failed.push(...job.returnvalue.failed);
      } else if (job.finishedOn !== undefined && job.failedReason !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        failedChunks++;
        for (const loanId of job.data.loanIds) failed.push({ loanId, reason: job.failedReason });
      }
    }
  }
  return { chunks: jobIds.length, completed, failedChunks, advanced, skipped, failed, done: completed + failedChunks === jobIds.length };
}
