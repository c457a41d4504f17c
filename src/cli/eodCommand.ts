import { parseArgs } from 'node:util';
import type { EndOfDayJob } from '../queue/bullmq';
import type { ChunkResult, FailedLoan } from '../store/postgres';
import { fromPortable } from '../errors/portableIssue';
import { localizeIssue } from '../i18n/issueTexts/localizeIssue';
import type { Locale } from '../i18n/locale';
import { openRedis, redisUrl } from './connections';
import { cliText, usageErrorOf } from './cliMessages';
import { catalogueFor } from '../i18n/catalogueFor';
import type { ProgressTexts } from '../i18n/progressTexts';
import { checkedDate, packOf, STORE_OPTIONS, usageOnError, withStore, type StoreIo } from './storeCommand';


function positiveInt(text: string | undefined, flag: string, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw usageErrorOf(cliText.wholeNumberUpTo(flag, max, text, ''));
  return n;
}

/** Failed loans grouped by reason, most frequent first, for the summary; a reason that is an issue is printed in `locale`. */
function reasons(failed: readonly FailedLoan[], text: ProgressTexts, locale: Locale): string {
  const by = new Map<string, string[]>();
  for (const f of failed) {
    const reason = f.issues === undefined || f.issues.length === 0 ? f.reason : f.issues.map((p) => localizeIssue(fromPortable(p), locale).message).join('; ');
    by.set(reason, [...(by.get(reason) ?? []), f.loanId]);
  }
  return [...by]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([reason, ids]) => `${text.eodReason(ids.length, reason, ids.slice(0, 3))}\n`)
    .join('');
}

/**
 * `postloan eod --to D`: enqueues the due loans in chunks and waits until workers have done them all,
 * with a progress line on a terminal and a summary at the end (`--no-wait`: enqueue only).
 */
async function eod(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { ...STORE_OPTIONS, 'redis-url': { type: 'string' }, to: { type: 'string' }, chunk: { type: 'string' }, queue: { type: 'string' }, 'no-wait': { type: 'boolean' } },
    }),
  );
  if (positionals.length > 0) throw usageErrorOf(cliText.noPositionals('eod', positionals.join(' '), 'postloan eod --to 2026-12-07'));
  if (values.to === undefined) throw usageErrorOf(cliText.eodNeedsTo());
  const to = checkedDate(values.to, '--to') as string;
  const chunkSize = positiveInt(values.chunk, '--chunk', 100_000);
  const rUrl = redisUrl(values['redis-url']);
  const pack = packOf(values.pack);
  const text = catalogueFor(io.locale ?? 'en').progress;
  return withStore(values, pack, async (store) => {
    const redis = await openRedis(rUrl);
    const { Queue } = await import('bullmq');
    const { enqueueEndOfDay, endOfDayProgress, EOD_QUEUE } = await import('../queue/bullmq');
    const queue = new Queue<EndOfDayJob, ChunkResult>(values.queue ?? EOD_QUEUE, { connection: redis });
    try {
      const started = Date.now();
      const { due, jobIds } = await enqueueEndOfDay(store, queue, to, chunkSize === undefined ? {} : { chunkSize });
      io.err(`${text.eodEnqueued(to, due, jobIds.length, values.queue ?? EOD_QUEUE)}\n`);
      if (values['no-wait'] === true) return 0;
      let p = await endOfDayProgress(queue, jobIds);
      while (!p.done) {
        if (io.stderrIsTTY === true) {
          const s = (Date.now() - started) / 1000;
          io.err(`\r${text.eodProgress(to, p.completed + p.failedChunks, p.chunks, p.advanced, p.failed.length, s)}\x1b[K`);
        }
        await new Promise((r) => setTimeout(r, 1000));
        p = await endOfDayProgress(queue, jobIds);
      }
      if (io.stderrIsTTY === true) io.err('\r\x1b[K');
      const s = (Date.now() - started) / 1000;
      io.out(`${text.eodSummary(to, due, p.advanced, p.skipped, p.failed.length, p.chunks, s)}\n`);
      if (p.failed.length > 0) io.out(reasons(p.failed, text, io.locale ?? 'en'));
      return p.failed.length > 0 ? 1 : 0;
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });
}

/**
 * `postloan worker`: processes end-of-day chunks until stopped (SIGINT/SIGTERM finish the chunk at
 * hand), or, with `--until-idle`, until the queue has nothing waiting or running.
 */
async function worker(args: readonly string[], io: StoreIo): Promise<number> {
  const { values, positionals } = usageOnError(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        ...STORE_OPTIONS,
        'redis-url': { type: 'string' },
        queue: { type: 'string' },
        concurrency: { type: 'string' },
        'lock-ms': { type: 'string' },
        'until-idle': { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    }),
  );
  if (positionals.length > 0) throw usageErrorOf(cliText.noPositionals('worker', positionals.join(' '), 'postloan worker'));
  const concurrency = positiveInt(values.concurrency, '--concurrency', 64);
  const lockDuration = positiveInt(values['lock-ms'], '--lock-ms', 3_600_000);
  const rUrl = redisUrl(values['redis-url']);
  const cpuAtStart = process.cpuUsage();
  const text = catalogueFor(io.locale ?? 'en').progress;
  return withStore(values, packOf(values.pack), async (store) => {
    const redis = await openRedis(rUrl);
    const { Queue } = await import('bullmq');
    const { createEndOfDayWorker, EOD_QUEUE } = await import('../queue/bullmq');
    const name = values.queue ?? EOD_QUEUE;
    const tally = { chunks: 0, advanced: 0, skipped: 0, failed: 0 };
    const w = createEndOfDayWorker(store, {
      connection: redis,
      queueName: name,
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(lockDuration === undefined ? {} : { lockDuration }),
      onChunk: (job, r) => {
        tally.chunks++;
        tally.advanced += r.advanced;
        tally.skipped += r.skipped;
        tally.failed += r.failed.length;
        if (values.verbose === true || io.stderrIsTTY === true) io.err(`${text.workerChunk(job.loanIds.length, job.toDate, r.advanced, r.skipped, r.failed.length)}\n`);
      },
    });
    w.on('error', (e) => io.err(`worker: ${e.message}\n`));
    let onSignal = (): void => undefined;
    const stop = new Promise<void>((resolve) => {
      onSignal = () => resolve();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    });
    const queue = new Queue(name, { connection: redis });
    try {
      if (values['until-idle'] === true) {
        const idle = (async () => {
          // Idle twice in a row, a second apart: a chunk a crashed worker held becomes waiting again
          // only when the stalled check finds it, and that counts as active until then.
          let quiet = 0;
          while (quiet < 2) {
            await new Promise((r) => setTimeout(r, 1000));
            const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
            quiet = Object.values(c).every((n) => n === 0) ? quiet + 1 : 0;
          }
        })();
        await Promise.race([idle, stop]);
      } else await stop;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await w.close();
      await queue.close();
      redis.disconnect();
    }
    const cpu = process.cpuUsage(cpuAtStart);
    io.out(`${text.workerSummary(tally.chunks, tally.advanced, tally.skipped, tally.failed, (cpu.user + cpu.system) / 1e6)}\n`);
    return 0;
  });
}

/** `postloan eod` and `postloan worker`. */
export async function runEodCommand(command: 'eod' | 'worker', args: readonly string[], io: StoreIo): Promise<number> {
  if (command === 'eod') return eod(args, io);
  if (command === 'worker') return worker(args, io);
  throw usageErrorOf(cliText.unknownCommand(String(command)));
}
