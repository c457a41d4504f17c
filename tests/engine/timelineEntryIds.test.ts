import { createHash, hash } from 'node:crypto';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import type { TimelineEntry, TimelineRecord } from '../../src/engine/output';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { timelineEntryIds } from '../../src/engine/timelineEntryIds';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { canonicalJson } from '../../src/rules/hash';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { useHostSha256 } from '../../src/hash/sha256';
import { referenceCanonicalJson } from '../support/referenceCanonicalJson';
import { generatePortfolio } from '../../src/portfolio/generate';
import { loadPackDir } from '../../src/node';

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

  it('entries of one kind with their keys in other orders, and nested objects too, have the ids of their canonical text', () => {
    const a: TimelineRecord = { on: '2026-02-01', kind: 'stateChanged', from: 'current', to: 'overdue', ruleIds: ['P-LC-2'], rules: [], inputs: { dpd: 1, b: 'x' } };
    const b = { ruleIds: ['P-LC-2'], inputs: { b: 'x', dpd: 1 }, to: 'overdue', rules: [], from: 'current', kind: 'stateChanged', on: '2026-02-01' } as TimelineRecord;
    const [first, second] = timelineEntryIds('L-1', [a, b]);
    expect(first?.id).toBe(storeId('L-1', a, 0));
    // The same canonical text: the second is an identical entry, told apart by its ordinal.
    expect(second?.id).toBe(storeId('L-1', a, 1));
  });

  it('Chinese and astral text, and ordinals past 9: the formula written out', () => {
    const entry: TimelineRecord = { on: '2026-02-01', kind: 'warning', ruleIds: ['P-CS-10'], message: '催收员 王五 承诺还款 😀 \ud83d' };
    const many = Array.from({ length: 12 }, () => entry);
    expect(timelineEntryIds('贷-😀-0001', many).map((e) => e.id)).toEqual(many.map((e, i) => storeId('贷-😀-0001', e, i)));
  });

  it('a shorter loan id after a longer one: nothing of the earlier loan stays in the text', () => {
    const entry: TimelineRecord = { on: '2026-02-01', kind: 'warning', ruleIds: [], message: 'same' };
    timelineEntryIds(`L-${'9'.repeat(500)}`, [entry]);
    expect(timelineEntryIds('L', [entry])[0]?.id).toBe(storeId('L', entry, 0));
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

/** The id formula written out straight: node:crypto over the text, ordinals counted by text. */
function referenceIds(loanId: string, timeline: readonly TimelineRecord[]): string[] {
  const seen = new Map<string, number>();
  return timeline.map((entry) => {
    const text = referenceCanonicalJson(entry);
    const ordinal = seen.get(text) ?? 0;
    seen.set(text, ordinal + 1);
    return `tl-${createHash('sha256').update(`${loanId}\n${text}\n${ordinal}`, 'utf8').digest('hex').slice(0, 40)}`;
  });
}

const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('催收员 王五 承诺还款', '逾期 M1 → M2', '😀💰', '\ud800', 'a\udc00b', 'quote " and \\'));
const entry = fc.record({
  on: fc.constantFrom('2026-01-15', '2026-02-01'),
  kind: fc.constantFrom('warning', 'eventRecorded', 'stateChanged'),
  ruleIds: fc.array(fc.constantFrom('P-DPD-1', 'P-CL-5', 'P-CS-10'), { maxLength: 3 }),
  message: text,
  amount: fc.oneof(fc.integer({ min: -(2 ** 33), max: 2 ** 33 }), fc.double({ noNaN: true }), fc.constant(undefined)),
  inputs: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
}) as fc.Arbitrary<TimelineRecord>;

describe('timeline ids against a straightforward reference implementation (node:crypto)', () => {
  // Identical entries repeat within a timeline (the ordinal), so the generated timelines draw from a few.
  const timelines = fc.tuple(
    fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('贷-0001', 'L-😀', 'L-\ud83d')),
    fc.array(entry, { minLength: 1, maxLength: 6 }),
    fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
  );

  const hosts = {
    'built-in SHA-256': undefined,
    'node:crypto bytes through useHostSha256': (bytes: Uint8Array) => hash('sha256', bytes, 'buffer'),
    'node:crypto hex through useHostSha256 (as useNodeSha256)': (bytes: Uint8Array) => hash('sha256', bytes, 'hex'),
  };
  for (const [host, digest] of Object.entries(hosts)) {
    it(`generated entries (Chinese, astral characters, lone surrogates, repeats): the same ids, ${host}`, () => {
      useHostSha256(digest);
      try {
        let entries = 0;
        fc.assert(
          fc.property(timelines, ([loanId, pool, picks]) => {
            const timeline = picks.map((i) => pool[i % pool.length] as TimelineRecord);
            entries += timeline.length;
            expect(timelineEntryIds(loanId, timeline).map((e) => e.id)).toEqual(referenceIds(loanId, timeline));
          }),
          { numRuns: 400 },
        );
        expect(entries).toBeGreaterThan(3_000);
      } finally {
        useHostSha256(undefined);
      }
    });
  }

  it('the entries of 150 generated three-year loans: the same ids, and each entry unchanged after its id', () => {
    let entries = 0;
    for (const raw of generatePortfolio({ seed: 14, loans: 150, asOf: '2026-06-16', years: 3 })) {
      const out = replay(unwrap(parseHistoryValue(raw, 'book.jsonl')), pack, { asOf: day('2026-06-16') });
      const records = out.timeline.map(({ id: _id, ...record }) => record);
      expect(out.timeline.map((e) => e.id)).toEqual(referenceIds(out.loanId, records));
      entries += records.length;
    }
    expect(entries).toBeGreaterThan(10_000);
  });
});

describe('timeline ids feed on what the output JSON shows, whatever shape the engine gave an entry (issue 14)', () => {
  // The engine builds each kind of entry as a literal of its own (paymentAppliedEntry, taskEntries):
  // a key holding undefined would be left out of the output JSON but written as `undefined` into the
  // id's canonical text. The JSON copies of the entries must therefore have exactly the replay's ids,
  // in every pack, and their canonical text must be that of the copy.
  const packs = [pack, ...['cn-consumer-credit', 'ifrs9-cas22', 'eba-dod', 'us-ffiec'].map((name) => unwrap(loadPackDir(`rules/${name}`)))];
  it('the JSON copies of the entries of generated three-year loans have the ids of the replay, in the five packs', () => {
    const kinds = new Set<string>();
    for (const p of packs) {
      for (const raw of generatePortfolio({ seed: 1_414, loans: 30, asOf: '2026-06-16', years: 3 })) {
        const out = replay(unwrap(parseHistoryValue(raw, 'book.jsonl')), p, { asOf: day('2026-06-16') });
        const copies = (JSON.parse(JSON.stringify(out.timeline)) as TimelineEntry[]).map(({ id: _id, ...record }): TimelineRecord => record);
        expect(timelineEntryIds(out.loanId, copies).map((e) => e.id)).toEqual(out.timeline.map((e) => e.id));
        for (const [i, e] of out.timeline.entries()) {
          const { id: _id, ...record } = e;
          expect(canonicalJson(record), e.kind).toBe(canonicalJson(copies[i]));
          kinds.add(e.kind);
        }
      }
    }
    for (const kind of ['eventRecorded', 'paymentApplied', 'taskOpened', 'taskDone', 'taskBreached', 'taskCancelled', 'stateChanged']) expect(kinds.has(kind), kind).toBe(true);
  });
});

describe('ordinals of entries whose ids share their first digits (issue 14)', () => {
  it('long timelines (the table of prefixes grows) and short ones after them, with many repeats: the same ids', () => {
    const pool: TimelineRecord[] = Array.from({ length: 40 }, (_, i) => ({ on: '2026-01-15', kind: 'warning', ruleIds: [], n: i }) as unknown as TimelineRecord);
    for (const length of [3, 700, 129, 1, 2_500, 40]) {
      const timeline = Array.from({ length }, (_, i) => pool[(i * 7 + (i >> 3)) % (length < 40 ? length : 40)] as TimelineRecord);
      expect(timelineEntryIds('L-grow', timeline).map((e) => e.id)).toEqual(referenceIds('L-grow', timeline));
    }
  });

  it('two different entries whose ids share the first 7 hex digits each count their own repeats', () => {
    // The ordinals are looked up by an id's first 28 bits first: find two entries that share them
    // (a birthday search, ≈ 20,000 tries) and interleave their repeats.
    const loanId = 'L-prefix';
    const idOf = (n: number) => referenceIds(loanId, [{ on: '2026-01-15', kind: 'warning', ruleIds: [], n } as unknown as TimelineRecord])[0] as string;
    const byPrefix = new Map<string, number>();
    let pair: [number, number] | undefined;
    for (let n = 0; pair === undefined; n++) {
      const prefix = idOf(n).slice(3, 10);
      const other = byPrefix.get(prefix);
      if (other !== undefined) pair = [other, n];
      else byPrefix.set(prefix, n);
    }
    const [a, b] = pair.map((n) => ({ on: '2026-01-15', kind: 'warning', ruleIds: [], n }) as unknown as TimelineRecord) as [TimelineRecord, TimelineRecord];
    for (const timeline of [[a, b, a, b, b, a], [b, a, a, b], [a, a, b, b, a, b]]) {
      const ids = timelineEntryIds(loanId, timeline).map((e) => e.id);
      expect(ids).toEqual(referenceIds(loanId, timeline));
      expect(new Set(ids).size).toBe(timeline.length);
    }
  });
});
