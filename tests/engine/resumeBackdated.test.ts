import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { errorText } from '../support/errorText';

const pack = cnDefaultPack();
const load = (file: string): History => unwrap(parseHistoryValue(JSON.parse(readFileSync(file, 'utf8')), file));
const h = load('examples/cured-m1.json');
const split = day('2026-03-01');
const end = day('2026-04-20');
const restored = () => unwrap(restoreSnapshot(JSON.parse(JSON.stringify(replayWithSnapshot({ ...h, events: h.events.filter((e) => e.on <= split) }, pack, { asOf: split }).snapshot)), pack));

describe('resumeReplay never drops an event silently (issue 11, item 5)', () => {
  it('regression: an event dated on or before the snapshot is refused, naming its id and date', () => {
    const late = h.events.filter((e) => e.on > split);
    const backDated = h.events.filter((e) => e.on <= split).slice(-2);
    const text = errorText(() => resumeReplay(restored(), pack, [...late, ...backDated], { asOf: end }));
    for (const e of backDated) expect(text).toContain(`Event ${e.id} (${e.type}) of loan L-2026-0001 is dated`);
    expect(text).toContain("on or before the snapshot's date 2026-03-01");
    expect(text).toContain(`events[${late.length}]`);
    expect(text).toContain('options.history');
  });

  it('with the full history a back-dated event replays the loan from the start', () => {
    const correction = unwrap(parseHistoryValue({ loan: JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')).loan, events: [{ id: 'fix-1', type: 'payment', on: '2026-02-20', amount: '500.00' }] }, 'fix.json')).events;
    const full: History = { ...h, events: [...h.events, ...correction].sort((a, b) => a.on - b.on) };
    const r = resumeReplay(restored(), pack, correction, { asOf: end, history: full });
    expect(r.replayedFromStart).toBe(true);
    expect(JSON.stringify(r.output)).toBe(JSON.stringify(replay(full, pack, { asOf: end })));
  });

  it('new events only: resumed from the snapshot, as before', () => {
    const r = resumeReplay(restored(), pack, h.events.filter((e) => e.on > split), { asOf: end, history: h });
    expect(r.replayedFromStart).toBeUndefined();
    expect(JSON.stringify(r.output)).toBe(JSON.stringify(replay(h, pack, { asOf: end })));
  });

  it("another loan's history is refused", () => {
    const other = load('examples/settled.json');
    expect(errorText(() => resumeReplay(restored(), pack, [], { asOf: end, history: other }))).toContain('The history is of loan L-2025-0901; the snapshot is of loan L-2026-0001');
  });
});
