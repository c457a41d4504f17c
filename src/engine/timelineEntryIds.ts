import { CanonicalWriter } from '../hash/CanonicalWriter';
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
  // Identical entries are told apart by the id of ordinal 0 (the first 160 bits of the SHA-256 of their
  // text): two different texts sharing it is as unlikely as two entries sharing an id at all.
  let seen: Map<string, number> | undefined;
  const out: TimelineEntry[] = new Array<TimelineEntry>(timeline.length);
  // The loan id and its newline start every entry's text: written once, kept in front of each entry.
  const start = writer.reset().text(loanId).ascii(0x0a).length;
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i] as TimelineRecord;
    writer.length = start;
    writer.json(entry).ascii(0x0a);
    const end = writer.length;
    let id = writer.ascii(0x30).digestHex(ID_DIGITS);
    seen ??= new Map<string, number>();
    const ordinal = seen.get(id) ?? 0;
    seen.set(id, ordinal + 1);
    if (ordinal > 0) {
      writer.length = end;
      id = writer.text(String(ordinal)).digestHex(ID_DIGITS);
    }
    out[i] = { id: `tl-${id}`, ...entry };
  }
  return out;
}

/** Hex digits of the SHA-256 an id keeps (160 bits). */
const ID_DIGITS = 40;
const writer = new CanonicalWriter();
