import { count as n, type ProgressTexts } from './progressTexts';

const plural = (k: number, one: string, many: string): string => `${n(k)} ${k === 1 ? one : many}`;

/**
 * The English progress and summary lines of `batch`, `eod` and `worker`.
 *
 * @example
 * ```ts
 * progressEn.batchBar(8400, 1235, 3); // '8,400 loans  1,235 loans/s  3 errors'
 * ```
 */
export const progressEn: ProgressTexts = {
  batchBar: (loans, rate, errors) => `${n(loans)} loans  ${n(rate)} loans/s${errors === 0 ? '' : `  ${plural(errors, 'error', 'errors')}`}`,
  batchSummary: (loans, errors, seconds, rate, memoryMiB) =>
    `batch: ${n(loans)} loans, ${plural(errors, 'error', 'errors')}, ${seconds.toFixed(1)} s, ${n(rate)} loans/s${memoryMiB === undefined ? '' : `, peak memory ${n(memoryMiB)} MiB`}`,
  batchResuming: (out, kept) => `batch: resuming ${out} after ${kept} complete ${kept === 1 ? 'line' : 'lines'} of the earlier run`,
  batchNothingToResume: (out) => `batch: nothing to resume for ${out}; running the whole book`,
  batchStartingOver: (partials) => `batch: starting over; the partial output of an earlier run (${partials}) is replaced (--resume continues it instead)`,
  batchFailed: (errors, loans) => `⚠ ${errors} of ${loans} ${loans === 1 ? 'history' : 'histories'} could not be replayed and are error lines in the output; the rest ran`,
  batchFailureKind: (k, message, first) => `  ${n(k)} × ${message} (first: ${first})`,
  batchMoreKinds: (kinds) => `  … and ${plural(kinds, 'other kind', 'other kinds')} of problem`,
  eodEnqueued: (to, due, chunks, queue) => `eod ${to}: ${n(due)} loans due, ${n(chunks)} chunks enqueued on ${queue}`,
  eodProgress: (to, done, chunks, advanced, failed, seconds) => `eod ${to}: ${n(done)}/${n(chunks)} chunks, ${n(advanced)} advanced, ${n(failed)} failed, ${seconds.toFixed(0)} s`,
  eodSummary: (to, due, advanced, skipped, failed, chunks, seconds) =>
    `eod ${to}: ${n(due)} loans due, ${n(advanced)} advanced, ${n(skipped)} skipped (already there), ${n(failed)} failed; ${n(chunks)} chunks, ${seconds.toFixed(1)} s`,
  eodReason: (k, reason, ids) => `  ${n(k)} × ${reason} (e.g. ${ids.join(', ')})`,
  workerChunk: (loans, to, advanced, skipped, failed) => `worker: chunk of ${n(loans)} to ${to}: ${n(advanced)} advanced, ${n(skipped)} skipped, ${n(failed)} failed`,
  workerSummary: (chunks, advanced, skipped, failed, cpuSeconds) =>
    `worker: ${n(chunks)} chunks, ${n(advanced)} loans advanced, ${n(skipped)} skipped, ${n(failed)} failed; ${cpuSeconds.toFixed(1)} s CPU`,
};
