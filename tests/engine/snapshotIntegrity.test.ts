import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advance } from '../../src/engine/advance';
import { replay, replayWithSnapshot } from '../../src/engine/replay';
import { restoreSnapshot, type LoanSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History } from '../../src/history/parseHistory';
import { contentHash } from '../../src/rules/hash';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { day } from '../../src/time/day';
import { format4State } from './format4State';

const pack = cnDefaultPack();
const load = (file: string): History => unwrap(parseHistoryValue(JSON.parse(readFileSync(file, 'utf8')), file));
const cured = load('examples/cured-m1.json');
const settled = load('examples/settled.json');
const asOf = day('2026-03-01');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const snap = (h: History = cured): Json => JSON.parse(JSON.stringify(replayWithSnapshot(h, pack, { asOf }).snapshot)) as Json;
const text = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));
/** Re-seals an edited snapshot, as someone who knows the format could: the checks behind the checksum must hold alone. */
const reseal = (s: Json): Json => {
  const { checksum: _c, ...content } = s;
  return { ...content, checksum: contentHash([content]) };
};

describe('snapshots are checked on restore (issue 11, item 7)', () => {
  it('a snapshot carries the checksum of its content and restores as written', () => {
    const s = snap();
    expect(s['checksum']).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(text(restoreSnapshot(s, pack))).toBe('ok');
  });

  it('regression: an edited balance is refused: "snapshot was modified"', () => {
    const s = snap();
    s['state'].ledger.paidPrincipal[0] += 100_000;
    expect(text(restoreSnapshot(s, pack))).toContain('The snapshot was modified: its content does not match its checksum');
  });

  it('regression: a state outside the statechart, a negative balance and a missing field are refused with paths', () => {
    const bogus = snap();
    bogus['state'].state = 'bogus';
    expect(text(restoreSnapshot(reseal(bogus), pack))).toContain('state.state');
    const negative = snap();
    negative['state'].ledger.paidInterest[0] = -5;
    expect(text(restoreSnapshot(reseal(negative), pack))).toContain('state.ledger.paidInterest[0]');
    const missing = snap();
    delete missing['state'].ledger.overpaid;
    const r = restoreSnapshot(reseal(missing), pack);
    expect(text(r)).toContain('state.ledger.overpaid');
    const unsafe = snap();
    unsafe['state'].ledger.overpaid = 2 ** 60;
    expect(text(restoreSnapshot(reseal(unsafe), pack))).toContain('state.ledger.overpaid');
    const review = snap();
    review['nextReviewOn'] = 42;
    expect(text(restoreSnapshot(reseal(review), pack))).toContain('nextReviewOn');
    const farDay = snap();
    farDay['state'].stateSince = 1e9;
    expect(text(restoreSnapshot(reseal(farDay), pack))).toContain('state.stateSince');
  });

  it('regression: a snapshot whose loan id differs from its loan is refused', () => {
    const s = snap();
    s['loanId'] = 'L-OTHER';
    expect(text(restoreSnapshot(reseal(s), pack))).toContain('The snapshot names loan "L-OTHER" but holds loan L-2026-0001');
  });

  it('a format-2 snapshot (no checksum) is still restored, after the same validation', () => {
    const { checksum: _c, ...current } = snap();
    // Format 2's engine state is format 4's (format 5 changed the task cursors, contacts and ledger lists).
    const v2 = { ...current, state: format4State(current['state'], pack.rulesByType.task.length, cured.loan.disbursedOn, cured.loan.id) };
    expect(text(restoreSnapshot({ ...v2, snapshotVersion: 2 }, pack))).toBe('ok');
    // Written as format 5 but labelled 2, its state is refused by format 4's schema.
    expect(text(restoreSnapshot({ ...current, snapshotVersion: 2 }, pack))).toContain("The snapshot's engine state is not valid");
    const bad = { ...v2, snapshotVersion: 2, state: { ...v2['state'], bucket: 'M99' } };
    expect(text(restoreSnapshot(bad, pack))).toContain('state.bucket');
    const { checksum: _d, ...v3 } = snap();
    expect(text(restoreSnapshot(v3, pack))).toContain('The snapshot has no checksum');
  });
});

describe('advance is fail-soft per loan (issue 11, items 5 and 7)', () => {
  it('regression: one modified snapshot fails its loan only; the others advance', () => {
    const good = snap(settled) as unknown as LoanSnapshot;
    const edited = snap();
    edited['state'].ledger.paidPrincipal[0] += 100_000;
    const to = day('2026-04-20');
    const events = new Map([[cured.loan.id, cured.events.filter((e) => e.on > asOf)], [settled.loan.id, settled.events.filter((e) => e.on > asOf)]]);
    const r = advance([edited as unknown as LoanSnapshot, good], pack, to, events);
    expect(formatIssues(r.failures.get(cured.loan.id) ?? [])).toContain('snapshot was modified');
    expect(r.snapshots[0]).toBe(edited);
    expect(r.failures.has(settled.loan.id)).toBe(false);
    expect(JSON.stringify(r.outputs.get(settled.loan.id))).toBe(JSON.stringify(replay(settled, pack, { asOf: to })));
  });

  it('regression: events for a loan id not in the book are reported, not dropped', () => {
    const stray = cured.events.filter((e) => e.on > asOf);
    const r = advance([snap(settled) as unknown as LoanSnapshot], pack, day('2026-04-20'), new Map([['L-NOWHERE', stray]]));
    expect(r.unknownLoans.get('L-NOWHERE')).toEqual(stray);
    expect(r.failures.size).toBe(0);
  });

  it('a back-dated event fails its loan with the event named', () => {
    const r = advance([snap() as unknown as LoanSnapshot], pack, day('2026-04-20'), new Map([[cured.loan.id, cured.events]]));
    expect(formatIssues(r.failures.get(cured.loan.id) ?? [])).toContain(`Event ${cured.events[0]?.id ?? ''}`);
  });
});
