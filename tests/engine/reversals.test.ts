import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, replayVersions, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot } from '../../src/engine/snapshot';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { cnDefaultPack, cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { day } from '../../src/time/day';
import { errorText } from '../support/errorText';

const pack = cnDefaultPack();
const raw = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: unknown; events: Record<string, unknown>[] };
const parse = (events: readonly Record<string, unknown>[]): History => unwrap(parseHistoryValue({ loan: raw.loan, events }, 'h.json'));
const bounced = { id: 'rev-1', type: 'reversal', on: '2026-03-28', reverses: 'pay-2', reason: 'direct debit returned unpaid' };
const full = parse([...raw.events, bounced]);
const end = day('2026-04-20');
const split = day('2026-03-26');
/** A snapshot at 2026-03-26: it has taken in pay-2 (2026-03-25), which the reversal of 2026-03-28 takes back. */
const restored = () => unwrap(restoreSnapshot(JSON.parse(JSON.stringify(replayWithSnapshot({ ...full, events: full.events.filter((e) => e.on <= split) }, pack, { asOf: split }).snapshot)), pack));
const later = full.events.filter((e) => e.on > split);

describe('reversals through resumeReplay and replayVersions (issue 12, item 3)', () => {
  it('regression: resuming with a reversal of an event the snapshot has taken in is refused without the full history, never dropped', () => {
    const text = errorText(() => resumeReplay(restored(), pack, later, { asOf: end }));
    expect(text).toContain('Reversal rev-1 of loan L-2026-0001 reverses event pay-2, which is not among the new events');
    expect(text).toContain(`events[${later.findIndex((e) => e.id === 'rev-1')}].reverses`);
    expect(text).toContain('options.history');
  });

  it('with the full history it replays from the start, byte for byte the full replay', () => {
    const r = resumeReplay(restored(), pack, later, { asOf: end, history: full });
    expect(r.replayedFromStart).toBe(true);
    expect(JSON.stringify(r.output)).toBe(JSON.stringify(replay(full, pack, { asOf: end })));
    expect(r.output.state).toBe('overdueM1');
  });

  it('a reversal dated after the as-of date of the resume is not known yet: resumed from the snapshot, the payment stands', () => {
    const r = resumeReplay(restored(), pack, later, { asOf: day('2026-03-27') });
    expect(r.replayedFromStart).toBeUndefined();
    expect(r.output.state).toBe('normal');
  });

  it('a history built by hand with a reversal of nothing is refused by replay too', () => {
    const h = parse(raw.events);
    const broken: History = { ...h, events: [...h.events, { id: 'r9', type: 'reversal', on: day('2026-04-01'), reverses: 'nope', reason: 'x', seq: 99 }] };
    expect(errorText(() => replay(broken, pack, { asOf: end }))).toContain('events[99].reverses');
  });

  it('under several pack versions a reversal undoes its event in the days of every version', () => {
    const v2 = unwrap(loadPack({ ...cnDefaultPackFiles, 'pack.json': { ...(cnDefaultPackFiles['pack.json'] as Record<string, unknown>), version: '1.0.1', effectiveFrom: '2026-04-01' } }));
    const reversed = replayVersions(full, [pack, v2], { asOf: end });
    const without = replayVersions(parse(raw.events.filter((e) => e['id'] !== 'pay-2')), [pack, v2], { asOf: end });
    expect(JSON.stringify({ ...reversed, timeline: reversed.timeline.filter((e) => e.kind !== 'eventReversed') })).toBe(JSON.stringify(without));
    expect(reversed.timeline.filter((e) => e.kind === 'eventReversed')).toHaveLength(1);
  });
});
