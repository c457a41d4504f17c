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
 * The change feed's ids of timeline entries: the engine's own stable ids (`timelineEntryIds`), so a
 * resumed run, a full replay and a replay after a back-dated event or a reversal give an unchanged entry
 * the id it had, and the entries that are gone can be withdrawn by id.
 *
 * @example
 * ```ts
 * timelineIds(output.timeline)[0].id; // 'tl-3f2a…'
 * ```
 */
export function timelineIds(timeline: readonly TimelineEntry[]): IdentifiedEntry[] {
  return timeline.map((entry) => ({ id: entry.id, entry }));
}
