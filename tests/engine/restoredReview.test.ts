import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { reviewOfRestore } from '../../src/engine/restoredReview';
import { restoreSnapshot, restoreSnapshotText, type LoanSnapshot } from '../../src/engine/snapshot';
import { snapshotText } from '../../src/engine/snapshotText';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { loadPackDir } from '../../src/node';
import { generatePortfolio } from '../../src/portfolio/generate';
import { contentHash } from '../../src/rules/hash';
import { day, formatDay, type Day } from '../../src/time/day';

// A trusted restore starts the resumed run from the snapshot's sealed review day instead of computing the
// same wake again (decision 444). The review day is what the run computed on the snapshot's day; the
// outputs and snapshots of a trusted resume are those of an untrusted one, which computes it.

const PACKS = ['cn-default', 'cn-consumer-credit', 'ifrs9-cas22', 'eba-dod', 'us-ffiec'] as const;
const ASOF = '2026-06-16';

const reseal = (s: LoanSnapshot, change: Partial<LoanSnapshot>): LoanSnapshot => {
  const { checksum: _c, ...content } = { ...s, ...change };
  return { ...content, checksum: contentHash([content]) };
};

describe('the review day of a trusted restore (issue 14, end of day)', () => {
  for (const name of PACKS) {
    it(`${name}: is the wake the restored run computes, and a trusted resume gives the untrusted one's bytes`, () => {
      const pack = unwrap(loadPackDir(`rules/${name}`));
      let checked = 0;
      for (const h of generatePortfolio({ seed: 4_431, loans: 40, asOf: ASOF, years: 3 })) {
        const history = unwrap(parseHistoryValue(JSON.parse(JSON.stringify(h)), 'h'));
        const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(ASOF), lean: true });
        const text = snapshotText(snapshot);
        const trusted = unwrap(restoreSnapshotText(text, pack, { trusted: true }));
        const kept = reviewOfRestore(trusted, trusted.state.day as Day);
        expect(kept === undefined ? 'missing' : kept.wake === undefined ? null : formatDay(kept.wake)).toBe(snapshot.nextReviewOn);
        // The restore's own day only; an untrusted restore keeps nothing.
        expect(reviewOfRestore(trusted, (trusted.state.day - 1) as Day)).toBeUndefined();
        const untrusted = unwrap(restoreSnapshotText(text, pack));
        expect(reviewOfRestore(untrusted, untrusted.state.day as Day)).toBeUndefined();
        // To the review day and a month on, with no events: the same bytes either way.
        for (const to of [snapshot.nextReviewOn ?? ASOF, '2026-07-20']) {
          if (to < ASOF) continue;
          const a = resumeReplay(trusted, pack, [], { asOf: day(to), lean: true });
          const b = resumeReplay(untrusted, pack, [], { asOf: day(to), lean: true });
          expect(JSON.stringify(a.output)).toBe(JSON.stringify(b.output));
          expect(snapshotText(a.snapshot)).toBe(snapshotText(b.snapshot));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(40);
    });
  }

  it('is what the trusted resume starts from: a resealed later review day is taken at its word, trusted only', () => {
    const pack = unwrap(loadPackDir('rules/cn-default'));
    for (const h of generatePortfolio({ seed: 4_432, loans: 60, asOf: ASOF, years: 3 })) {
      const history = unwrap(parseHistoryValue(JSON.parse(JSON.stringify(h)), 'h'));
      const { snapshot } = replayWithSnapshot(history, pack, { asOf: day(ASOF), lean: true });
      if (snapshot.nextReviewOn === null || snapshot.nextReviewOn > '2026-06-30') continue;
      const to = day(snapshot.nextReviewOn);
      const honest = resumeReplay(unwrap(restoreSnapshot(snapshot, pack, { trusted: true })), pack, [], { asOf: to, lean: true });
      // Anyone can reseal: a snapshot that claims a later review day.
      const claimed = reseal(snapshot, { nextReviewOn: '2026-12-31' });
      const trusted = resumeReplay(unwrap(restoreSnapshot(claimed, pack, { trusted: true })), pack, [], { asOf: to, lean: true });
      const untrusted = resumeReplay(unwrap(restoreSnapshot(claimed, pack)), pack, [], { asOf: to, lean: true });
      // Untrusted, the wake is computed: the claim changes nothing.
      expect(JSON.stringify(untrusted.output)).toBe(JSON.stringify(honest.output));
      // Trusted, the claim is the wake: the day is not looked at (why `trusted` is for the caller's own rows only).
      expect(trusted.output.nextReviewOn).toBe('2026-12-31');
      expect(honest.output.nextReviewOn).not.toBe('2026-12-31');
      return;
    }
    throw new Error('no loan due in June in the generated book');
  });
});
