import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { formatIssues } from '../../src/errors/formatIssues';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot, SNAPSHOT_VERSION, type LoanSnapshot, type RestoredSnapshot } from '../../src/engine/snapshot';
import type { LoanEvent } from '../../src/history/parseHistory';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPack } from '../../src/rules/loadPack';
import { addDays, day, formatDay } from '../../src/time/day';
import { readPackDir } from '../../src/cli/files';
import { advance, WakeIndex } from '../../src/engine/advance';
import { retiredTaskIds } from '../../src/engine/tasks';
import { arbitraryHistory } from './arbitraryHistory';
import { format4State } from './format4State';

const pack = cnDefaultPack();
const parse = (h: unknown) => unwrap(parseHistoryValue(h, 'h.json'));
/** Stored and read back as a batch would: through JSON text. */
const stored = (s: LoanSnapshot): unknown => JSON.parse(JSON.stringify(s));
/** The events a snapshot has not seen: those dated after it (resumeReplay refuses the others). */
const newSince = (events: readonly LoanEvent[], s: RestoredSnapshot): LoanEvent[] => events.filter((e) => e.on > s.asOf);

describe('loan snapshots', () => {
  it('restore(persist(replay to t)) + the rest = replay of everything, byte for byte, for any split', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), ({ history, asOf }, split) => {
        const h = parse(history);
        const end = day(asOf);
        const t = addDays(h.loan.disbursedOn, split) > end ? end : addDays(h.loan.disbursedOn, split);
        const full = replay(h, pack, { asOf: end });
        const { snapshot } = replayWithSnapshot(h, pack, { asOf: t });
        const restored = unwrap(restoreSnapshot(stored(snapshot), pack));
        const resumed = resumeReplay(restored, pack, newSince(h.events, restored), { asOf: end });
        expect(JSON.stringify(resumed.output)).toBe(JSON.stringify(full));
        // And the snapshot it returns continues the same way (a chain of nights).
        expect(resumed.snapshot.asOf).toBe(formatDay(end));
      }),
      { numRuns: 250, seed: 11 },
    );
  });

  it('a lean snapshot resumes to the same state, with the timeline and tasks from its date on', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 0, max: 400 }), ({ history, asOf }, split, gap) => {
        const h = parse(history);
        const end = day(asOf);
        const clamp = (d: number) => (d > end ? end : (d as typeof end));
        const t = clamp(addDays(h.loan.disbursedOn, split));
        const t2 = clamp(addDays(t, gap));
        const full = replay(h, pack, { asOf: end });
        const atT = replayWithSnapshot(h, pack, { asOf: t });
        const { snapshot } = replayWithSnapshot(h, pack, { asOf: t, lean: true });
        expect(snapshot.state.timeline).toEqual([]);
        expect(JSON.stringify(snapshot).length).toBeLessThanOrEqual(JSON.stringify(atT.snapshot).length);
        // Two nights, lean all the way: the second resume starts from the first one's lean snapshot.
        const first = unwrap(restoreSnapshot(stored(snapshot), pack));
        const mid = resumeReplay(first, pack, newSince(h.events, first), { asOf: t2 });
        expect(mid.snapshot.state.lean).toBeDefined();
        const second = unwrap(restoreSnapshot(stored(mid.snapshot), pack));
        const resumed = resumeReplay(second, pack, newSince(h.events, second), { asOf: end }).output;
        // Retired ids are kept without the loan id every task id starts with.
        const closedAtT2 = new Set(retiredTaskIds(mid.snapshot.state.tasks).map((id) => `${h.loan.id}/${id}`));
        const { timeline, tasks, continues, ...rest } = resumed;
        const { timeline: fullTimeline, tasks: fullTasks, ...fullRest } = full;
        expect(JSON.stringify(rest)).toBe(JSON.stringify(fullRest));
        expect(continues?.from).toBe(formatDay(t2));
        const before = continues?.timelineEntriesBefore ?? -1;
        expect(before).toBe(replay(h, pack, { asOf: t2 }).timeline.length);
        expect(JSON.stringify(timeline)).toBe(JSON.stringify(fullTimeline.slice(before)));
        expect(continues?.closedTasksBefore).toBe(closedAtT2.size);
        expect(JSON.stringify(tasks)).toBe(JSON.stringify(fullTasks.filter((k) => !closedAtT2.has(k.id))));
      }),
      { numRuns: 200, seed: 23 },
    );
  });

  it('advances night by night: a chain of one-day resumes equals one replay', () => {
    const h = parse(JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')));
    let snap = replayWithSnapshot(h, pack, { asOf: day('2026-01-01') }).snapshot;
    let out;
    for (let d = day('2026-01-02'); d <= day('2026-04-20'); d = addDays(d, 1)) {
      const restored = unwrap(restoreSnapshot(stored(snap), pack));
      const r = resumeReplay(restored, pack, newSince(h.events, restored), { asOf: d });
      snap = r.snapshot;
      out = r.output;
    }
    expect(JSON.stringify(out)).toBe(JSON.stringify(replay(h, pack, { asOf: day('2026-04-20') })));
  });

  it('is plain versioned JSON naming the format, the statechart and the pack', () => {
    const h = parse(JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')));
    const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-04-20') });
    expect(snapshot).toMatchObject({ snapshotVersion: SNAPSHOT_VERSION, pack: { id: 'cn-default', hash: pack.hash }, loanId: h.loan.id, asOf: '2026-04-20' });
    expect(stored(snapshot)).toEqual(snapshot);
    expect(snapshot.loan).toMatchObject({ id: h.loan.id, principal: '120000.00', annualRate: '0.0435' });
  });

  it('refuses an unknown format, an old one without a migration, another pack and a cut-short file, with the fix', () => {
    const h = parse(JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')));
    const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-03-01') });
    const text = (r: ReturnType<typeof restoreSnapshot>) => (r.ok ? 'ok' : formatIssues(r.issues));
    expect(text(restoreSnapshot({ ...snapshot, snapshotVersion: 99 }, pack))).toContain(`Snapshot format 99 is newer than this postloan understands (${SNAPSHOT_VERSION})`);
    expect(text(restoreSnapshot({ ...snapshot, snapshotVersion: 0 }, pack))).toContain('pass a migrate function to restoreSnapshot');
    expect(text(restoreSnapshot({ ...snapshot, state: undefined }, pack))).toContain('The snapshot has no engine state');
    expect(text(restoreSnapshot('{}', pack))).toContain('A snapshot is a JSON object');
    const files = readPackDir('rules/cn-default');
    const pack31 = unwrap(loadPack({ ...files, 'pack.json': String(files['pack.json']).replace('"outsourceAtDpd": 91', '"outsourceAtDpd": 31') }));
    expect(text(restoreSnapshot(snapshot, pack31))).toContain(`The snapshot was made with pack cn-default 1.0.0 (${pack.hash}), not cn-default 1.0.0 (${pack31.hash})`);
  });

  it('a migration hook brings an older format up to date', () => {
    const h = parse(JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')));
    const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-03-01') });
    const old = { ...snapshot, snapshotVersion: 0 };
    const r = restoreSnapshot(old, pack, { migrate: (s) => ({ ...s, snapshotVersion: SNAPSHOT_VERSION }) });
    expect(r.ok).toBe(true);
    const bad = restoreSnapshot(old, pack, { migrate: (s) => s });
    expect(bad.ok ? 'ok' : formatIssues(bad.issues)).toContain(`The migration from format 0 did not produce format ${SNAPSHOT_VERSION}`);
  });

  it('reads format 1 (task cursors as objects, holds listed) without a migration, and resumes the same', () => {
    const h = parse(JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')));
    const { snapshot: current } = replayWithSnapshot(h, pack, { asOf: day('2026-02-10') });
    const snapshot = { ...current, state: format4State(current.state, pack.rulesByType.task.length, h.loan.disbursedOn, h.loan.id) } as unknown as LoanSnapshot & { state: { tasks: { cursors: number[] } } };
    const { cursors, considered, ...tasks } = snapshot.state.tasks;
    const keys = new Map(considered ?? []);
    const v1Cursors = Array.from({ length: cursors.length / 3 }, (_, r) => ({ next: cursors[3 * r], holding: cursors[3 * r + 1] === 1, holdingSince: cursors[3 * r + 2], considered: keys.get(r) ?? [] }));
    const holds = pack.rulesByType.task.map((rule, r) => [rule.id, cursors[3 * r + 1] === 1]);
    expect(v1Cursors.some((c) => c.considered.length > 0)).toBe(true);
    const v1 = { ...snapshot, snapshotVersion: 1, state: { ...snapshot.state, tasks: { ...tasks, cursors: v1Cursors, holds } } };
    const later = { asOf: day('2026-04-20') };
    const restoredV1 = unwrap(restoreSnapshot(stored(v1 as unknown as LoanSnapshot), pack));
    const fromV1 = resumeReplay(restoredV1, pack, newSince(h.events, restoredV1), later);
    expect(JSON.stringify(fromV1.output)).toBe(JSON.stringify(replay(h, pack, later)));
    expect(fromV1.snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
    const broken = restoreSnapshot({ ...v1, state: { ...v1.state, tasks: { ...tasks, cursors: 'none' } } }, pack);
    expect(broken.ok ? 'ok' : formatIssues(broken.issues)).toContain("The snapshot's engine state is not valid");
    expect(broken.ok ? 'ok' : formatIssues(broken.issues)).toContain('state.tasks.cursors');
  });

  it('refuses to resume to a date before the snapshot', () => {
    const h = parse(JSON.parse(readFileSync('examples/cured-m1.json', 'utf8')));
    const { snapshot } = replayWithSnapshot(h, pack, { asOf: day('2026-03-01') });
    expect(() => resumeReplay(unwrap(restoreSnapshot(snapshot, pack)), pack, h.events, { asOf: day('2026-02-01') })).toThrow('The as-of date 2026-02-01 is before the snapshot');
  });

  it('advance touches only the loans due (review day or new events), and every loan still equals a full replay', () => {
    fc.assert(
      fc.property(fc.array(arbitraryHistory, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 900 }), (book, offset) => {
        const histories = book.map(({ history }, i) => parse({ ...history, loan: { ...history.loan, id: `L-${i}` } }));
        const t = addDays(day('2021-01-01'), offset + 600);
        const usable = histories.filter((h) => h.loan.disbursedOn <= t);
        if (usable.length === 0) return;
        const snaps = usable.map((h) => replayWithSnapshot(h, pack, { asOf: t }).snapshot);
        const tomorrow = addDays(t, 1);
        const events = new Map(usable.map((h) => [h.loan.id, h.events.filter((e) => e.on === tomorrow)] as const).filter(([, es]) => es.length > 0));
        const r = advance(snaps, pack, tomorrow, events);
        usable.forEach((h, i) => {
          const before = snaps[i] as LoanSnapshot;
          const after = r.snapshots[i] as LoanSnapshot;
          const due = (before.nextReviewOn !== null && before.nextReviewOn <= formatDay(tomorrow)) || events.has(h.loan.id);
          expect(after === before).toBe(!due);
          const restoredAfter = unwrap(restoreSnapshot(after, pack));
          const out = due ? r.outputs.get(h.loan.id) : resumeReplay(restoredAfter, pack, newSince(h.events, restoredAfter), { asOf: tomorrow }).output;
          expect(JSON.stringify(out)).toBe(JSON.stringify(replay(h, pack, { asOf: tomorrow })));
        });
        expect(r.touched).toBe(r.outputs.size);
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('the wake index hands out loans due by a date, earliest first, and moves a loan when it is put again', () => {
    // Any entry with a loan id and a review day: a batch indexes its stored snapshots without parsing them.
    const s = (loanId: string, nextReviewOn: string | null) => ({ loanId, nextReviewOn });
    const index = new WakeIndex([s('B', '2026-04-21'), s('A', '2026-04-21'), s('C', '2026-04-25'), s('D', null), s('E', '2026-04-20')]);
    expect(index.size).toBe(4);
    expect(index.due('2026-04-21').map((x) => x.loanId)).toEqual(['E', 'A', 'B']);
    index.put(s('E', '2026-05-01'));
    expect(index.due('2026-04-21').map((x) => x.loanId)).toEqual(['A', 'B']);
    index.remove('A');
    expect(index.due('2026-12-31').map((x) => x.loanId)).toEqual(['B', 'C', 'E']);
  });
});
