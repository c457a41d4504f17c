import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compactRetired, hasRetired, isCompact, mergeRetired, retiredTaskIds } from '../../../src/engine/tasks/compactRetired';
import { replayWithSnapshot, resumeReplay } from '../../../src/engine/replay';
import { restoreSnapshot } from '../../../src/engine/snapshot';
import { unwrap } from '../../../src/errors/PostloanError';
import { parseHistoryValue } from '../../../src/history/parseHistory';
import { cnDefaultPack } from '../../../src/rules/defaultPack';
import { contentHash } from '../../../src/rules/hash';
import { day } from '../../../src/time/day';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Task ids as postloan makes them (dates, months, instalments, event ids with a `/`) and odd ones. */
const key = fc.oneof(
  fc.date({ min: new Date('1895-01-01'), max: new Date('2205-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2025-08', 'i6+4d', 'i12', 'ev/2026/01', '', '2026-H1'),
  fc.string({ maxLength: 4 }),
);
const id = fc.oneof(
  fc.tuple(fc.constantFrom('contactCall', 'fieldVisit', 'x'), key, fc.constantFrom('borrower', 'k1', 'collector')).map(([k, m, p]) => `${k}/${m}/${p}`),
  fc.constantFrom('plain', 'a/b', 'zz'),
);

describe('closed task ids kept compact from restore to the next snapshot (issue 14, end of day)', () => {
  it('merging two compact forms gives what compacting all the ids gives', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.array(id, { maxLength: 10 }), (kept, added) => {
        const merged = mergeRetired(compactRetired(kept), compactRetired(added));
        expect(JSON.stringify(merged)).toBe(JSON.stringify(compactRetired([...kept, ...added])));
      }),
      { numRuns: 400 },
    );
  });

  it('what compactRetired writes is compact, and gives its ids back', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), (ids) => {
        const c = compactRetired(ids);
        expect(isCompact(c)).toBe(true);
        expect(retiredTaskIds(c).sort()).toEqual([...ids].sort());
      }),
    );
  });

  it('a form compactRetired would not write is not compact (it is expanded at restore instead)', () => {
    expect(isCompact({ retiredBy: [['b/x', [], []], ['a/x', [], []]] })).toBe(false);
    expect(isCompact({ retiredBy: [['a/x', [20_001, 20_000], []]] })).toBe(false);
    expect(isCompact({ retiredBy: [['a/x', [999_999], []]] })).toBe(false);
    expect(isCompact({ retiredBy: [['a/x', [], ['i2', 'i1']]] })).toBe(false);
    expect(isCompact({ retiredBy: [['a/x', [], ['2026-01-05']]] })).toBe(false);
    expect(isCompact({ retiredBy: [['no-slash', [], ['i1']]] })).toBe(false);
    expect(isCompact({ retiredBy: [['a/b/c', [], ['i1']]] })).toBe(false);
    expect(isCompact({ retired: ['contactCall/i1/k1'] })).toBe(false);
    expect(isCompact({ retired: ['z', 'a'] })).toBe(false);
    expect(isCompact({ retired: ['a', 'z'], retiredBy: [['a/x', [20_000, 20_000], ['i1', 'i2']]] })).toBe(true);
  });

  it('regression: a stored form out of order resumes to the sorted one, as before', () => {
    const pack = cnDefaultPack();
    const rolls = unwrap(parseHistoryValue(JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')), 'rolls.json'));
    const s = JSON.parse(JSON.stringify(replayWithSnapshot(rolls, pack, { asOf: day('2026-04-20'), lean: true }).snapshot)) as Json;
    const sorted = JSON.stringify(s['state'].tasks.retiredBy);
    expect((s['state'].tasks.retiredBy as unknown[]).length).toBeGreaterThan(1);
    const shuffled: Json = { ...s, state: { ...s['state'], tasks: { ...s['state'].tasks, retiredBy: [...(s['state'].tasks.retiredBy as unknown[])].reverse() } } };
    const { checksum: _c, ...content } = shuffled;
    for (const trusted of [false, true]) {
      const restored = unwrap(restoreSnapshot({ ...content, checksum: contentHash([content]) }, pack, { trusted }));
      const next = resumeReplay(restored, pack, [], { asOf: day('2026-04-21'), lean: true }).snapshot;
      const fromSorted = resumeReplay(unwrap(restoreSnapshot(s, pack, { trusted })), pack, [], { asOf: day('2026-04-21'), lean: true }).snapshot;
      expect(JSON.stringify(next.state.tasks.retiredBy)).toBe(JSON.stringify(fromSorted.state.tasks.retiredBy));
      expect(JSON.stringify(next)).toBe(JSON.stringify(fromSorted));
      expect(JSON.stringify(next.state.tasks.retiredBy).length).toBeGreaterThanOrEqual(sorted.length);
    }
  });
});

describe('hasRetired (issue 14, end of day)', () => {
  it('finds exactly the ids of the compact form, without expanding it', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 40 }), fc.array(id, { maxLength: 20 }), (ids, others) => {
        const c = compactRetired(ids);
        for (const x of [...ids, ...others]) expect(hasRetired(c, x)).toBe(ids.includes(x));
      }),
      { numRuns: 300 },
    );
  });
});
