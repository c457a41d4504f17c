import { createHash } from 'node:crypto';
import type { TimelineEntry } from '../../engine/output';
import { canonicalJson } from '../../rules/hash';

/** `sha256:<hex>` of a JSON value's canonical text. */
export function jsonHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** A timeline entry with the id the change feed gives it. */
export interface IdentifiedEntry {
  readonly id: string;
  readonly entry: TimelineEntry;
}

/**
 * Stable ids for timeline entries: sha256 of the loan id, the entry's canonical JSON and its ordinal
 * among identical entries before it. An entry carries its day, so the ordinal only counts entries of
 * the same day — all of which one run produces (a resume from a snapshot at day D emits only entries
 * after D) — so the ids of a resumed run are those a full replay gives the same entries, and a replay
 * after a back-dated event gives the unchanged entries their old ids.
 *
 * @example
 * ```ts
 * timelineIds('L-1', output.timeline)[0].id; // 'tl-3f2a…'
 * ```
 */
export function timelineIds(loanId: string, timeline: readonly TimelineEntry[]): IdentifiedEntry[] {
  const seen = new Map<string, number>();
  return timeline.map((entry) => {
    const text = canonicalJson(entry);
    const ordinal = seen.get(text) ?? 0;
    seen.set(text, ordinal + 1);
    const id = `tl-${createHash('sha256').update(`${loanId}\n${text}\n${ordinal}`).digest('hex').slice(0, 40)}`;
    return { id, entry };
  });
}
