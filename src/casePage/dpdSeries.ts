import type { ReplayOutput } from '../engine/output';
import { replay } from '../engine/replay';
import type { History } from '../history/parseHistory';
import type { CompiledPack } from '../rules/loadPack';
import { addDays, formatDay, parseDay, type Day } from '../time/day';

/** Days past due at the end of one business day. */
export interface DpdPoint {
  readonly on: string;
  readonly dpd: number;
}

/**
 * The loan's days past due over time, for the case page's curve: the DPD at the end of each day the
 * timeline names and of the day before it (so a jump or a cure is drawn where it happens), of every
 * `stepDays`-th day, and of the as-of date. Between two points DPD is drawn as a straight line, exact
 * wherever nothing happens between them (DPD grows by one a day or stays 0). Each point is a replay to
 * that day, so the cost is points × one replay; a long loan is sampled more coarsely (`maxPoints`).
 *
 * @example
 * ```ts
 * const series = dpdSeries(history, cnDefaultPack(), output);
 * series.at(-1)?.dpd === output.dpd; // true
 * ```
 */
export function dpdSeries(history: History, pack: CompiledPack, output: ReplayOutput, maxPoints = 400): DpdPoint[] {
  const end = parseDay(output.asOf) as Day;
  const start = history.loan.disbursedOn;
  if (end < start) return [];
  const days = new Set<number>([start, end]);
  for (const e of output.timeline) {
    const d = parseDay(e.on);
    if (d === undefined || d > end) continue;
    days.add(d);
    if (d > start) days.add(addDays(d, -1));
  }
  const wanted = [...days].sort((a, b) => a - b);
  // Timeline days first; regular steps fill the gaps up to maxPoints.
  const room = Math.max(0, maxPoints - wanted.length);
  const span = end - start;
  const step = Math.max(7, Math.ceil(span / Math.max(1, room)));
  for (let d = start + step; d < end; d += step) days.add(d);
  const sorted = [...days].sort((a, b) => a - b);
  // A loan with more timeline days than maxPoints keeps evenly spaced ones, the first and the last.
  const all = sorted.length <= maxPoints ? sorted : Array.from({ length: maxPoints }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (maxPoints - 1))] as number);
  return all.map((d) => {
    const on = formatDay(d as Day);
    const dpd = d === end ? output.dpd : replay(history, pack, { asOf: d as Day }).dpd;
    return { on, dpd };
  });
}
