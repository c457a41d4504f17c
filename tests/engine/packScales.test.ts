import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackDir } from '../../src/cli/files';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { timelineReason } from '../../src/i18n/timelineReason';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';

const DIR = 'tests/fixtures/packs/scaled';
const files = readPackDir(DIR);
const pack = unwrap(loadPack(files, { dir: `${DIR}/` }));
const text = JSON.parse(readFileSync('tests/fixtures/staged-cure.history.json', 'utf8')) as Record<string, unknown>;
const history = unwrap(parseHistoryValue(text, 'staged-cure.history.json'));

// The loan of tests/fixtures/staged-cure.history.json: instalments of 1 000.00 from 2025-02-10, nothing
// paid until 2025-06-05 (cured), then on time. DPD 1 on 2025-02-11, 30 on 2025-03-12, 90 on 2025-05-11.
describe('pack-defined buckets and classification (tests/fixtures/packs/scaled)', () => {
  it('without bucket rules the bucket comes from the ranges, on the day each starts', () => {
    const out = replay(history, pack, { asOf: day('2025-09-30') });
    const buckets = out.timeline.flatMap((e) => (e.kind === 'bucketChanged' ? [`${e.on} ${e.to} ${e.rules.join()}`] : []));
    expect(buckets).toEqual(['2025-02-11 early scales.buckets.early', '2025-03-12 late scales.buckets.late', '2025-05-11 default scales.buckets.default', '2025-06-05 current scales.buckets.current']);
    // Woken on the day DPD reaches 30, the start of "late", without a rule reading DPD 30.
    expect(replay(history, pack, { asOf: day('2025-03-11') }).nextReviewOn).toBe('2025-03-12');
  });

  it('only the pack\'s non-performing tiers wait for the upgrade permit: substandard returns to pass on the cure (cn-default: on 2025-07-10)', () => {
    const out = replay(history, pack, { asOf: day('2025-09-30') });
    const classes = out.timeline.flatMap((e) => (e.kind === 'classificationChanged' ? [`${e.on} ${e.to}`] : []));
    expect(classes).toEqual(['2025-02-11 specialMention', '2025-05-12 substandard', '2025-06-05 pass']);
  });

  it('a snapshot with a bucket of the pack\'s own scale restores and resumes to the full replay', () => {
    const full = replay(history, pack, { asOf: day('2025-09-30') });
    const { snapshot } = replayWithSnapshot({ ...history, events: [] }, pack, { asOf: day('2025-05-20') });
    expect(snapshot.state.bucket).toBe('default');
    const restored = unwrap(restoreSnapshot(JSON.parse(JSON.stringify(snapshot)), pack));
    expect(resumeReplay(restored, pack, history.events, { asOf: day('2025-09-30') }).output).toEqual(full);
  });

  it('prints a tier or bucket the catalogue does not know as it is', () => {
    const entry = replay(history, pack, { asOf: day('2025-03-31') }).timeline.find((e) => e.kind === 'bucketChanged');
    if (entry === undefined) throw new Error('no bucketChanged');
    expect(timelineReason(entry, 'zh-CN')).toBe('逾期档位由 current 调整为 early（逾期 1 天）');
  });

  it('refuses buckets with a gap, a closed last bucket, non-performing tiers that are not the worst, and rates for other tiers', () => {
    const manifest = JSON.parse(files['pack.json'] as string) as Record<string, unknown>;
    const bad = {
      ...manifest,
      scales: {
        buckets: [
          { name: 'a', from: 1, to: 5 },
          { name: 'b', from: 7, to: 9 },
        ],
        classification: { tiers: ['good', 'watch', 'bad'], nonPerforming: ['watch'] },
      },
    };
    const r = loadPack({ ...files, 'pack.json': JSON.stringify(bad) }, { dir: `${DIR}/` });
    const found = r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'scales.buckets[0].from: The first bucket starts at DPD 1',
        'scales.buckets[1].from: Bucket "b" starts at DPD 7; the bucket before it ends at 5',
        'scales.buckets[1].to: The last bucket "b" has an end',
        'scales.classification.nonPerforming: The non-performing tiers are not the worst tiers',
      ]),
    );
    const tiers = { ...manifest, scales: { classification: { tiers: ['good', 'watch', 'bad'], nonPerforming: ['bad'] } } };
    const r2 = loadPack({ ...files, 'pack.json': JSON.stringify(tiers) }, { dir: `${DIR}/` });
    const found2 = r2.ok ? [] : r2.issues.map((i) => `${i.file ?? ''} ${i.path}: ${i.message}`);
    expect(found2).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/rules\/cn-default\/pack\.json parameters\.provisionRates: provisionRates has no rate for good, watch, bad and has rates for pass/),
        expect.stringMatching(/rules\/cn-default\/classification\.json rules\[\d+\]\.event\.params\.classification: Unknown classification "specialMention"/),
      ]),
    );
  });
});
