import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay, replayVersions } from '../../src/engine/replay';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { addDays, day, formatDay } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';

const files = cnDefaultPackFiles;
const manifest = files['pack.json'] as Readonly<Record<string, unknown>>;
const v1 = unwrap(loadPack(files));
/** The same rules as a new version from `from`: switching to it must change nothing but the version. */
const sameRulesFrom = (from: string) =>
  unwrap(loadPack({ ...files, 'pack.json': { ...manifest, version: '1.0.1', effectiveFrom: from } }));

describe('pack versions over random histories', () => {
  it('switching to a version with the same rules changes nothing but the switch entry and the version named', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 1, max: 1300 }), ({ history, asOf }, offset) => {
        const h = unwrap(parseHistoryValue(history, 'h.json'));
        const from = formatDay(addDays(h.loan.disbursedOn, offset));
        const out = replayVersions(h, [v1, sameRulesFrom(from)], { asOf: day(asOf) });
        const single = replay(h, v1, { asOf: day(asOf) });
        const { packVersions, pack, timeline, ...rest } = out;
        const { pack: pack1, timeline: timeline1, ...rest1 } = single;
        expect(rest).toEqual(rest1);
        expect(timeline.filter((e) => e.kind !== 'packSwitched')).toEqual(timeline1);
        expect(pack.version).toBe(asOf >= from ? '1.0.1' : pack1.version);
        expect(packVersions?.length).toBe(asOf >= from ? 2 : 1);
      }),
      { numRuns: 80, seed: 8 },
    );
  });
});
