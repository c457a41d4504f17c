import { sha256Hex } from '../hash/sha256';
import { canonicalJson } from '../rules/hash';
import type { TimelineEntry, TimelineRecord } from './output';

/**
 * The timeline with its stable ids: `tl-` and the first 40 hex digits of the SHA-256 of the loan id, the
 * entry's canonical JSON and its ordinal among identical entries before it. An entry carries its day, so
 * the ordinal only counts entries of one day — all of which one run produces (a replay resumed from a
 * snapshot at day D records only entries after D) — so a resumed replay gives its entries the ids a full
 * replay gives them, and a replay after a back-dated event or a reversal gives every unchanged entry its
 * old id. The id is the first key of the entry.
 *
 * @example
 * ```ts
 * timelineEntryIds('L-1', run.timeline)[0]; // { id: 'tl-3f2a…', on: '2026-01-15', kind: 'stateChanged', … }
 * ```
 */
export function timelineEntryIds(loanId: string, timeline: readonly TimelineRecord[]): TimelineEntry[] {
  const seen = new Map<string, number>();
  return timeline.map((entry) => {
    const text = canonicalJson(entry);
    const ordinal = seen.get(text) ?? 0;
    seen.set(text, ordinal + 1);
    return { id: `tl-${sha256Hex(`${loanId}\n${text}\n${ordinal}`).slice(0, 40)}`, ...entry };
  });
}
