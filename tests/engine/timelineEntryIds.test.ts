import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import type { TimelineRecord } from '../../src/engine/output';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { timelineEntryIds } from '../../src/engine/timelineEntryIds';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { canonicalJson } from '../../src/rules/hash';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';

const pack = cnDefaultPack();
const raw = JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')) as { loan: { id: string }; events: Record<string, unknown>[] };
const h = unwrap(parseHistoryValue(raw, 'rolls.json'));
const asOf = day('2026-04-20');

/** The formula the PostgreSQL store used before the engine gave ids (node:crypto), written out independently. */
const storeId = (loanId: string, entry: TimelineRecord, ordinal: number) => `tl-${createHash('sha256').update(`${loanId}\n${canonicalJson(entry)}\n${ordinal}`).digest('hex').slice(0, 40)}`;

describe('stable timeline ids in the replay output (issue 12, item 4)', () => {
  it('every entry starts with its id; ids are unique and are those the store gave before (feed rows keep their ids)', () => {
    const out = replay(h, pack, { asOf });
    expect(out.timeline.length).toBeGreaterThan(10);
    for (const e of out.timeline) {
      expect(Object.keys(e)[0]).toBe('id');
      const { id, ...record } = e;
      expect(id).toBe(storeId(out.loanId, record, 0));
    }
    expect(new Set(out.timeline.map((e) => e.id)).size).toBe(out.timeline.length);
  });

  it('identical entries are told apart by their ordinal; another loan gives other ids', () => {
    const entry: TimelineRecord = { on: '2026-02-01', kind: 'warning', ruleIds: [], message: 'same' };
    const [a, b] = timelineEntryIds('L-1', [entry, entry]);
    expect(a?.id).toBe(storeId('L-1', entry, 0));
    expect(b?.id).toBe(storeId('L-1', entry, 1));
    expect(timelineEntryIds('L-2', [entry])[0]?.id).not.toBe(a?.id);
  });

  it('a resumed replay (full or lean snapshot) gives each entry the id the full replay gives it', () => {
    const full = replay(h, pack, { asOf });
    for (const lean of [false, true]) {
      const split = day('2026-03-10');
      const { snapshot } = replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= split) }, pack, { asOf: split, lean });
      const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
      const r = resumeReplay(restored, pack, h.events.filter((e) => e.on > split), { asOf });
      const ids = new Set(full.timeline.map((e) => e.id));
      expect(r.output.timeline.length).toBeGreaterThan(0);
      for (const e of r.output.timeline) expect(ids.has(e.id), JSON.stringify(e)).toBe(true);
    }
  });

  it('after a back-dated event the unchanged entries keep their ids', () => {
    const before = replay(h, pack, { asOf });
    const late = unwrap(parseHistoryValue({ ...raw, events: [...raw.events, { id: 'late-call', type: 'fieldVisit', on: '2026-04-18', found: true }] }, 'rolls.json'));
    const after = replay(late, pack, { asOf });
    const afterIds = new Set(after.timeline.map((e) => e.id));
    for (const e of before.timeline.filter((x) => x.on < '2026-04-18')) expect(afterIds.has(e.id)).toBe(true);
  });
});
