import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';

/** Where a batch stands: loans written, error lines among them, seconds since the start. */
export interface BatchTally {
  readonly loans: number;
  readonly errors: number;
  readonly seconds: number;
  /** Peak resident memory of the process, worker threads included; known at the end only. */
  readonly peakMemoryBytes?: number;
}

const rate = (t: BatchTally): number => (t.seconds > 0 ? Math.round(t.loans / t.seconds) : 0);

/**
 * The progress bar `postloan batch` redraws on a terminal's stderr: share of the input read, loans
 * done, loans per second and errors so far, in `locale`. Starts with `\r` and clears the rest of the line.
 *
 * @example
 * ```ts
 * progressLine({ loans: 8400, errors: 3, seconds: 6.8 }, 0.42);
 * // '\r[████████░░░░░░░░░░░░]  42%  8,400 loans  1,235 loans/s  3 errors\x1b[K'
 * ```
 */
export function progressLine(tally: BatchTally, fraction: number, width = 20, locale: Locale = 'en'): string {
  const share = Math.max(0, Math.min(1, fraction));
  const filled = Math.round(share * width);
  const counts = catalogueFor(locale).progress.batchBar(tally.loans, rate(tally), tally.errors);
  return `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${counts}\x1b[K`;
}

/**
 * The one-line summary at the end of a batch, in `locale`.
 *
 * @example
 * ```ts
 * summaryLine({ loans: 2000, errors: 1, seconds: 3.2, peakMemoryBytes: 201_326_592 });
 * // 'batch: 2,000 loans, 1 error, 3.2 s, 625 loans/s, peak memory 192 MiB\n'
 * ```
 */
export function summaryLine(tally: BatchTally, locale: Locale = 'en'): string {
  const memory = tally.peakMemoryBytes === undefined ? undefined : Math.round(tally.peakMemoryBytes / 1_048_576);
  return `${catalogueFor(locale).progress.batchSummary(tally.loans, tally.errors, tally.seconds, rate(tally), memory)}\n`;
}
