import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayOutput } from '../../src/engine/output';
import { runCli } from './run';

// examples/cured-m1.json: instalments of 10,237.19 due on the 15th; the March one was paid late on
// 2026-03-25 (pay-2), which cured the loan (overdue 2026-03-16 → normal 2026-03-25). Here pay-2 bounced
// and is reversed on 2026-03-28. Hand-checked: without pay-2, pay-3 (10,237.19 on 2026-04-15) pays the
// March instalment (oldest first): current that day (the April instalment falls due the same day), but
// the April instalment — principal 9,873.38, interest 363.81 (100,360.09 × 0.3625 %) — is unpaid, so the
// loan is overdue again from the day after its due date: DPD 5 on 2026-04-20.

const dir = mkdtempSync(join(tmpdir(), 'postloan-reversal-'));
const example = JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')) as { loan: unknown; events: Record<string, unknown>[] };
const bounced = { id: 'rev-1', type: 'reversal', on: '2026-03-28', reverses: 'pay-2', reason: 'direct debit returned unpaid' };
let n = 0;

function run(events: readonly Record<string, unknown>[], asOf: string): { code: number; stdout: string; stderr: string } {
  const path = join(dir, `h${n++}.json`);
  writeFileSync(path, JSON.stringify({ loan: example.loan, events }));
  return runCli('replay', path, '--as-of', asOf);
}
function replay(events: readonly Record<string, unknown>[], asOf: string): ReplayOutput {
  const { code, stdout, stderr } = run(events, asOf);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as ReplayOutput;
}
const moves = (o: ReplayOutput) => o.timeline.flatMap((e) => (e.kind === 'stateChanged' ? [`${e.on} ${e.from}→${e.to}`] : []));

describe('postloan replay with a reversed payment (issue 12, item 3)', () => {
  it('the loan is overdue again, as if the payment had never been made; the timeline says it was reversed', () => {
    const out = replay([...example.events, bounced], '2026-04-20');
    expect(out).toMatchObject({ state: 'overdueM1', bucket: 'M1', dpd: 5, classification: 'specialMention' });
    expect(out.overdue).toEqual({ principal: '9873.38', interest: '363.81', penalty: '0.00', total: '10237.19' });
    // Overdue from 2026-03-16 with no cure on 2026-03-25; current on 2026-04-15, overdue again on 2026-04-16.
    expect(moves(out)).toEqual(['2026-03-16 normal→overdueM1', '2026-04-15 overdueM1→normal', '2026-04-16 normal→overdueM1']);
    expect(out.timeline.filter((e) => e.kind === 'paymentApplied').map((e) => e.kind === 'paymentApplied' && e.eventId)).toEqual(['pay-1', 'pay-3']);
    const record = out.timeline.find((e) => e.kind === 'eventReversed');
    expect(record).toEqual({ id: expect.stringMatching(/^tl-[0-9a-f]{40}$/), on: '2026-03-28', kind: 'eventReversed', ruleIds: [], eventId: 'rev-1', reverses: 'pay-2', reason: 'direct debit returned unpaid' });
  });

  it('equals the replay of the file without the payment, but for the reversal entry', () => {
    const reversed = replay([...example.events, bounced], '2026-04-20');
    const without = replay(example.events.filter((e) => e['id'] !== 'pay-2'), '2026-04-20');
    expect({ ...reversed, timeline: reversed.timeline.filter((e) => e.kind !== 'eventReversed') }).toEqual(without);
  });

  it('before the reversal is dated, the payment stands: cured on 2026-03-25', () => {
    const out = replay([...example.events, bounced], '2026-03-27');
    expect(out).toMatchObject({ state: 'normal', bucket: 'M0', dpd: 0 });
    expect(moves(out)).toEqual(['2026-03-16 normal→overdueM1', '2026-03-25 overdueM1→normal']);
    // On its day the reversal is known: overdue since 2026-03-16, 13 days on 2026-03-28.
    expect(replay([...example.events, bounced], '2026-03-28')).toMatchObject({ state: 'overdueM1', dpd: 13 });
  });

  it('a reversal of an unknown event is invalid input: exit 1, the path and the nearest id', () => {
    const { code, stdout, stderr } = run([...example.events, { ...bounced, reverses: 'pay-9' }], '2026-04-20');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Reversal "rev-1" reverses event "pay-9", which is not in the history');
    expect(stderr).toContain('events[9].reverses');
    expect(stderr).toMatch(/did you mean "pay-[123]"\?/);
  });
});
