/**
 * The progress and summary lines `postloan batch`, `postloan eod` and `postloan worker` print on a
 * terminal, one builder per line. Counts are grouped by thousands (`8,400`) in both languages.
 */
export interface ProgressTexts {
  /** `batch`'s progress bar after the percentage: loans done, loans per second, error lines so far. */
  readonly batchBar: (loans: number, rate: number, errors: number) => string;
  /** `batch`'s summary; `memoryMiB` once the peak memory is known. */
  readonly batchSummary: (loans: number, errors: number, seconds: number, rate: number, memoryMiB: number | undefined) => string;
  readonly batchResuming: (out: string, kept: number) => string;
  readonly batchNothingToResume: (out: string) => string;
  readonly batchStartingOver: (partials: string) => string;
  /** Printed when stderr is not a terminal and some histories failed. */
  readonly batchFailed: (errors: number, loans: number) => string;
  /** One kind of problem among the failed histories: how many, the first one's sentence and where it was. */
  readonly batchFailureKind: (count: number, message: string, first: string) => string;
  readonly batchMoreKinds: (kinds: number) => string;
  readonly eodEnqueued: (to: string, due: number, chunks: number, queue: string) => string;
  readonly eodProgress: (to: string, done: number, chunks: number, advanced: number, failed: number, seconds: number) => string;
  readonly eodSummary: (to: string, due: number, advanced: number, skipped: number, failed: number, chunks: number, seconds: number) => string;
  /** One reason loans could not be advanced: how many, the reason, up to three of their ids. */
  readonly eodReason: (count: number, reason: string, ids: readonly string[]) => string;
  readonly workerChunk: (loans: number, to: string, advanced: number, skipped: number, failed: number) => string;
  readonly workerSummary: (chunks: number, advanced: number, skipped: number, failed: number, cpuSeconds: number) => string;
}

/**
 * A count grouped by thousands, as both languages print it.
 *
 * @example
 * ```ts
 * count(8400); // '8,400'
 * ```
 */
export const count = (n: number): string => n.toLocaleString('en-US');
