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
  // text): two different texts sharing it is as unlikely as two entries sharing an id at all. The ids
  // are first looked up by their first 28 bits, a small integer (cheaper to hash than 40 digits); only
  // an id whose prefix was seen before is counted by its whole text.
  const firstByPrefix = new Map<number, string>();
  let repeated: Map<string, number> | undefined;
  const out: TimelineEntry[] = new Array<TimelineEntry>(timeline.length);
  // The loan id and its newline start every entry's text: written once, kept in front of each entry.
  const start = writer.reset().text(loanId).ascii(0x0a).length;
  for (let i = 0; i < timeline.length; i++) {
    const entry = timeline[i] as TimelineRecord;
    writer.length = start;
    writer.json(entry).ascii(0x0a);
    const end = writer.length;
    let id = writer.ascii(0x30).digestHex(ID_DIGITS);
    const prefix = hexPrefix(id);
    const first = firstByPrefix.get(prefix);
    let ordinal = 0;
    if (first === undefined) firstByPrefix.set(prefix, id);
    else {
      repeated ??= new Map<string, number>();
      // The first id of a prefix is counted here from its second time on; another id sharing the prefix from its first.
      ordinal = repeated.get(id) ?? (first === id ? 1 : 0);
      repeated.set(id, ordinal + 1);
    }
    if (ordinal > 0) {
      writer.length = end;
      id = writer.text(String(ordinal)).digestHex(ID_DIGITS);
    }
    out[i] = { id: `tl-${id}`, ...entry };
  }
  return out;
}

/** The number the first 7 of an id's lowercase hex digits write (28 bits: a small integer in V8). */
function hexPrefix(id: string): number {
  let n = 0;
  for (let i = 0; i < 7; i++) {
    const c = id.charCodeAt(i);
    n = n * 16 + (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return n;
}

/** Hex digits of the SHA-256 an id keeps (160 bits). */
const ID_DIGITS = 40;
const writer = new CanonicalWriter();
