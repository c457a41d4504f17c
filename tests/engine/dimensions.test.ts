import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { makeSnapshot, restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { timelineReason } from '../../src/i18n/timelineReason';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const DIR = 'tests/fixtures/packs/staged';
const pack = unwrap(loadPack(readPackDir(DIR), { dir: `${DIR}/` }));
const history = unwrap(parseHistoryValue(JSON.parse(readFileSync('tests/fixtures/staged-cure.history.json', 'utf8')), 'staged-cure.history.json'));
const changes = (out: ReturnType<typeof replay>, kind: 'dimensionChanged' | 'classificationChanged') =>
  out.timeline.flatMap((e) => (e.kind === kind ? [`${e.on} ${e.from}→${e.to}`] : []));

// The loan: 12 000.00 at 0 %, 12 monthly instalments of 1 000.00 from 2025-02-10, nothing paid until
// 4 000.00 on 2025-06-05 clears the four instalments due (cured that day), then each instalment on time.
// DPD counts from 2025-02-10: 31 on 2025-03-13 (Feb has 28 days), 90 on 2025-05-11. Cured on 2025-06-05,
// daysSinceCure reaches 90 on 2025-09-03 (25 days to June 30, + 31 + 31 + 3).
describe('pack dimensions (scales.dimensions): the stage of tests/fixtures/packs/staged', () => {
  it('stage2 at DPD 31 (2025-03-13), stage3 at DPD 90 (2025-05-11), kept after the cure until the permit holds (2025-09-03)', () => {
    const out = replay(history, pack, { asOf: day('2025-09-30') });
    expect(changes(out, 'dimensionChanged')).toEqual(['2025-03-13 stage1→stage2', '2025-05-11 stage2→stage3', '2025-09-03 stage3→stage1']);
    expect(out.dimensions).toEqual({ stage: 'stage1' });
    const entries = out.timeline.filter((e) => e.kind === 'dimensionChanged');
    expect(entries.map(({ id: _id, ...e }) => e)).toEqual([
      { on: '2025-03-13', kind: 'dimensionChanged', dimension: 'stage', from: 'stage1', to: 'stage2', ruleIds: ['P-ST-1'], rules: ['stage2-at-31'], inputs: { dpd: 31 } },
      { on: '2025-05-11', kind: 'dimensionChanged', dimension: 'stage', from: 'stage2', to: 'stage3', ruleIds: ['P-ST-2'], rules: ['stage3-at-90'], inputs: { dpd: 90 } },
      { on: '2025-09-03', kind: 'dimensionChanged', dimension: 'stage', from: 'stage3', to: 'stage1', ruleIds: ['P-ST-3'], rules: ['stage-cure'], inputs: { daysSinceCure: 90 } },
    ]);
  });

  it('a sticky value is kept while no upgrade permit holds: stage3 on 2025-09-02, with no arrears since 2025-06-05', () => {
    const out = replay(history, pack, { asOf: day('2025-09-02') });
    expect([out.dpd, out.dimensions]).toEqual([0, { stage: 'stage3' }]);
    // The permit reads daysSinceCure: the engine wakes the loan on the day it reaches 90.
    expect(out.nextReviewOn).toBe('2025-09-03');
  });

  it('rules read the dimension as a fact the same day: stage3 makes the loan substandard on 2025-05-11, a day before cn-default (DPD 91)', () => {
    const out = replay(history, pack, { asOf: day('2025-09-30') });
    expect(changes(out, 'classificationChanged')).toEqual(['2025-02-11 pass→specialMention', '2025-05-11 specialMention→substandard', '2025-09-03 substandard→pass']);
    const base = replay(history, cnDefaultPack(), { asOf: day('2025-09-30') });
    expect(changes(base, 'classificationChanged')).toEqual(['2025-02-11 pass→specialMention', '2025-05-12 specialMention→substandard', '2025-07-10 substandard→pass']);
  });

  it('a non-sticky value improves as soon as its floors stop holding, explained by the floors that released it', () => {
    // Paid in full on 2025-03-20 (DPD 38, stage2): back to stage1 that day.
    const h = unwrap(parseHistoryValue({ ...JSON.parse(readFileSync('tests/fixtures/staged-cure.history.json', 'utf8')), events: [{ id: 'p1', type: 'payment', on: '2025-03-20', amount: '2000.00' }] }, 'h.json'));
    const out = replay(h, pack, { asOf: day('2025-03-31') });
    const last = out.timeline.filter((e) => e.kind === 'dimensionChanged').at(-1);
    expect(last).toMatchObject({ on: '2025-03-20', from: 'stage2', to: 'stage1', ruleIds: ['P-ST-1'], rules: ['stage2-at-31'], inputs: { dpd: 0 } });
  });

  it('a pack without dimensions gives no "dimensions" in its output or its snapshot', () => {
    const { output, snapshot } = replayWithSnapshot(history, cnDefaultPack(), { asOf: day('2025-09-30') });
    expect('dimensions' in output).toBe(false);
    expect('dimensions' in snapshot.state).toBe(false);
  });

  it('a lean snapshot keeps the stage: resumed from 2025-06-20 (stage3, cured) it reaches stage1 on 2025-09-03 as the full replay does', () => {
    const full = replay(history, pack, { asOf: day('2025-09-30') });
    const { snapshot } = replayWithSnapshot({ ...history, events: history.events.filter((e) => e.on <= day('2025-06-20')) }, pack, { asOf: day('2025-06-20'), lean: true });
    expect(snapshot.state.dimensions).toEqual([['stage', 'stage3']]);
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
    const resumed = resumeReplay(restored, pack, history.events.filter((e) => e.on > day('2025-06-20')), { asOf: day('2025-09-30') });
    expect(resumed.output.dimensions).toEqual(full.dimensions);
    expect(resumed.output.timeline).toEqual(full.timeline.filter((e) => e.on > '2025-06-20'));
  });

  it('a snapshot whose stage is not a value of the dimension is refused, with its path', () => {
    const { snapshot } = replayWithSnapshot(history, pack, { asOf: day('2025-06-20') });
    // Sealed again, so the check that sees the value is the one that refuses it (not the checksum).
    const edited = makeSnapshot(history.loan, pack, day('2025-06-20'), snapshot.nextReviewOn, { ...snapshot.state, dimensions: [['stage', 'stage9']] });
    const r = restoreSnapshot(JSON.parse(JSON.stringify(edited)), pack);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('state.dimensions[0][1]');
  });

  it('the timeline sentence names the dimension and its values, in English and Chinese', () => {
    const entry = replay(history, pack, { asOf: day('2025-03-31') }).timeline.find((e) => e.kind === 'dimensionChanged');
    if (entry === undefined) throw new Error('no dimensionChanged');
    expect(timelineReason(entry, 'en')).toBe('stage stage1 → stage2 at 31 days past due (P-ST-1)');
    expect(timelineReason(entry, 'zh-CN')).toBe('stage 由 stage1 调整为 stage2（逾期 31 天）（依据 P-ST-1）');
  });
});
