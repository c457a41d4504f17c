import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { advance } from '../../src/engine/advance';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { runStateSchema, runStateSchemaFormat4 } from '../../src/engine/runStateSchema';
import { restoreSnapshot, SNAPSHOT_VERSION, type LoanSnapshot, type RestoredSnapshot } from '../../src/engine/snapshot';
import { retiredTaskIds } from '../../src/engine/tasks';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { generateSchedule } from '../../src/contract/schedule';
import { parseHistoryValue, type History, type LoanEvent } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { contentHash } from '../../src/rules/hash';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPackDir } from '../../src/node';
import { addDays, day, formatDay, type Day } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';
import { format4State } from './format4State';

const pack = cnDefaultPack();
/** cn-default as it was when the format-2 and format-3 fixtures were written (commit 7decb3b): a snapshot resumes only under its own pack. */
const oldPack = unwrap(loadPackDir('tests/fixtures/packs/cn-default-7decb3b'));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse = (h: unknown, file = 'h.json'): History => unwrap(parseHistoryValue(h, file));
const load = (file: string): History => parse(JSON.parse(readFileSync(file, 'utf8')), file);
/** Stored and read back as a store would: through JSON text. */
const stored = (s: unknown): Json => JSON.parse(JSON.stringify(s)) as Json;
const fixture = (name: string): Json => JSON.parse(readFileSync(`tests/fixtures/snapshots/${name}`, 'utf8')) as Json;
const text = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));
const newSince = (events: readonly LoanEvent[], s: RestoredSnapshot): LoanEvent[] => events.filter((e) => e.on > s.asOf);
/** Re-seals an edited snapshot, as anyone who knows the format can: the checksum is not a signature. */
const reseal = (s: Json): Json => {
  const { checksum: _c, ...content } = s;
  return { ...content, checksum: contentHash([content]) };
};
/**
 * A current state written out the way format 3 did: format 4's task cursors, contacts and ledger lists
 * (see format4State), every closed task id as a string, the schedule always there.
 */
const asFormat3 = (s: LoanSnapshot, h: History): Json => {
  const state = format4State(s.state, pack.rulesByType.task.length, h.loan.disbursedOn, h.loan.id);
  const { retiredBy: _r, ...tasks } = state['tasks'];
  const ids = retiredTaskIds(s.state.tasks);
  const v3 = { ...s, snapshotVersion: 3, state: { ...state, ledger: { schedule: s.state.ledger.schedule ?? generateSchedule(h.loan), ...state['ledger'] }, tasks: { ...tasks, ...(ids.length > 0 || s.state.lean ? { retired: ids } : {}) } } };
  return reseal(stored(v3));
};

// The fixtures were written by the format-3 code (commit 7decb3b) before format 4 existed: the v2 one is
// that snapshot without its checksum, as format 2 wrote it. restructured.history.json is loan L-000028 of
// generatePortfolio({ seed: 7, loans: 400, asOf: '2026-06-16', years: 3 }).
const rolls = load('examples/rolls-to-outsourced.json');
const restructured = parse(fixture('restructured.history.json'), 'restructured.history.json');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('snapshot format 4 (issue 14, item 4)', () => {
  it('replay → snapshot 4 → restore (checked or trusted) → resume equals the full replay, and writes the same snapshot, byte for byte', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), fc.boolean(), fc.boolean(), ({ history, asOf }, split, lean, trusted) => {
        const h = parse(history);
        const end = day(asOf);
        const t = addDays(h.loan.disbursedOn, split) > end ? end : addDays(h.loan.disbursedOn, split);
        const { snapshot } = replayWithSnapshot(h, pack, { asOf: t, lean });
        expect(snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
        const restored = unwrap(restoreSnapshot(stored(snapshot), pack, { trusted }));
        const resumed = resumeReplay(restored, pack, newSince(h.events, restored), { asOf: end });
        const whole = replayWithSnapshot(h, pack, { asOf: end, lean });
        if (!lean) expect(JSON.stringify(resumed.output)).toBe(JSON.stringify(whole.output));
        else {
          const { timeline: _t, tasks: _k, continues: _c, ...rest } = resumed.output;
          const { timeline: _ft, tasks: _fk, ...fullRest } = whole.output;
          expect(JSON.stringify(rest)).toBe(JSON.stringify(fullRest));
        }
        expect(JSON.stringify(resumed.snapshot)).toBe(JSON.stringify(whole.snapshot));
      }),
      { numRuns: 150, seed: 41 },
    );
  });

  it('leaves the schedule out when the contract regenerates it, and keeps it after a restructuring', () => {
    const plain = replayWithSnapshot(rolls, pack, { asOf: day('2026-04-20'), lean: true }).snapshot;
    expect(plain.state.ledger.schedule).toBeUndefined();
    const restructuredOn = restructured.events.find((e) => e.type === 'restructure')?.on as Day;
    const after = replayWithSnapshot(restructured, pack, { asOf: addDays(restructuredOn, 30), lean: true }).snapshot;
    expect(after.state.restructured).toBe(true);
    expect(after.state.ledger.schedule?.length).toBeGreaterThan(0);
    expect(after.state.ledger.schedule).not.toEqual(generateSchedule(restructured.loan));
    const before = replayWithSnapshot(restructured, pack, { asOf: addDays(restructuredOn, -1), lean: true }).snapshot;
    expect(before.state.ledger.schedule).toBeUndefined();
  });

  it('keeps closed task ids grouped by kind and party, dates as day numbers, and gives every id back', () => {
    const lean = replayWithSnapshot(rolls, pack, { asOf: day('2026-04-20'), lean: true }).snapshot;
    const { retired, retiredBy } = lean.state.tasks;
    expect(retired).toBeUndefined();
    const groups = (retiredBy ?? []).map(([g]) => g);
    expect(groups).toEqual([...groups].sort());
    expect(groups.every((g) => /^[^/]+\/[^/]+$/.test(g))).toBe(true);
    expect((retiredBy ?? []).some(([, days]) => days.length > 0)).toBe(true);
    // Every closed task of the full output is there, and nothing else.
    const closed = replay(rolls, pack, { asOf: day('2026-04-20') })
      .tasks.filter((k) => k.status !== 'open' && k.status !== 'breached')
      .map((k) => k.id.slice(rolls.loan.id.length + 1));
    expect(retiredTaskIds(lean.state.tasks).sort()).toEqual(closed.sort());
    expect(lean.state.lean?.closedTasks).toBe(closed.length);
  });

  it('a task id whose key holds a "/" (an event id), a non-date or no key at all is given back whole', () => {
    const s = stored(replayWithSnapshot(rolls, pack, { asOf: day('2026-04-20'), lean: true }).snapshot);
    const odd = ['workLogEntry/ev/2026/01/loanOfficer', 'overdueNotice/2026-02-30/borrower', 'plain'];
    const state = { ...s['state'].tasks, retired: odd };
    const ids = retiredTaskIds(state);
    expect(ids.slice(0, 3)).toEqual(odd);
    // Written again through a resume, they come back the same: the odd ones grouped, the bare one loose.
    const restored = unwrap(restoreSnapshot(reseal({ ...s, state: { ...s['state'], tasks: state } }), pack));
    const next = resumeReplay(restored, pack, [], { asOf: day('2026-04-21') }).snapshot;
    expect(next.state.tasks.retired).toEqual(['plain']);
    expect(new Set(retiredTaskIds(next.state.tasks))).toEqual(new Set(ids));
  });

  it('a lean end-of-day snapshot of a generated 3-year book is at most 66 % of the format-3 size, 6.6 KB on average', () => {
    const histories = [...generatePortfolio({ seed: 20_261_206, loans: 120, asOf: '2026-06-16', years: 3 })].map((g) => parse(g));
    let v4 = 0;
    let v3 = 0;
    for (const h of histories) {
      const s = replayWithSnapshot(h, pack, { asOf: day('2026-06-16'), lean: true }).snapshot;
      const old = asFormat3(s, h);
      // The format-3 form is what format 3 wrote: it restores, and resumes to the same snapshot.
      const fromOld = resumeReplay(unwrap(restoreSnapshot(old, pack)), pack, [], { asOf: day('2026-06-17') }).snapshot;
      const fromNew = resumeReplay(unwrap(restoreSnapshot(stored(s), pack)), pack, [], { asOf: day('2026-06-17') }).snapshot;
      expect(JSON.stringify(fromOld)).toBe(JSON.stringify(fromNew));
      v4 += JSON.stringify(s).length;
      v3 += JSON.stringify(old).length;
    }
    // Format 4 alone was ≤ 72 % and ≤ 7.2 KB; format 5 takes off another ≈ 10 % (snapshotFormat5.test.ts).
    expect(v4 / v3).toBeLessThanOrEqual(0.66);
    expect(v4 / histories.length).toBeLessThanOrEqual(6_600);
  });
});

describe('older formats restore and are written as format 4 (issue 14, item 4)', () => {
  const at = day('2026-02-10');
  const to = day('2026-04-20');
  const fresh = (lean: boolean) => resumeReplay(unwrap(restoreSnapshot(stored(replayWithSnapshot(rolls, oldPack, { asOf: at, lean }).snapshot), oldPack)), oldPack, newSince(rolls.events, { asOf: at } as RestoredSnapshot), { asOf: to });

  for (const [name, lean] of [
    ['v3-rolls-to-outsourced-2026-02-10.json', false],
    ['v3-rolls-to-outsourced-2026-02-10.lean.json', true],
    ['v2-rolls-to-outsourced-2026-02-10.json', false],
  ] as const) {
    it(`${name} resumes to the same output and snapshot as a format-4 one of the same day`, () => {
      const old = fixture(name);
      expect(old['snapshotVersion']).toBe(name.startsWith('v2') ? 2 : 3);
      for (const trusted of [false, true]) {
        const restored = unwrap(restoreSnapshot(old, oldPack, { trusted }));
        const r = resumeReplay(restored, oldPack, newSince(rolls.events, restored), { asOf: to });
        const expected = fresh(lean);
        expect(r.snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
        expect(JSON.stringify(r.output)).toBe(JSON.stringify(expected.output));
        expect(JSON.stringify(r.snapshot)).toBe(JSON.stringify(expected.snapshot));
      }
      if (!lean) expect(JSON.stringify(fresh(false).output)).toBe(JSON.stringify(replay(rolls, oldPack, { asOf: to })));
    });
  }

  it('the format-3 fixture of a restructured loan keeps its schedule in force through the migration', () => {
    const old = fixture('v3-restructured.lean.json');
    const restored = unwrap(restoreSnapshot(old, oldPack));
    expect(restored.history.schedule).toEqual(old['state'].ledger.schedule);
    const end = day('2026-06-16');
    const r = resumeReplay(restored, oldPack, newSince(restructured.events, restored), { asOf: end });
    const whole = replayWithSnapshot(restructured, oldPack, { asOf: end, lean: true });
    expect(JSON.stringify(r.snapshot)).toBe(JSON.stringify(whole.snapshot));
    expect(r.snapshot.state.ledger.schedule).toBeDefined();
  });
});

describe('trusted restore (issue 14, item 2)', () => {
  const asOf = day('2026-03-01');
  const snap = (): Json => stored(replayWithSnapshot(rolls, pack, { asOf, lean: true }).snapshot);

  it('skips the validation of the engine state, and only that: the schema is never called', () => {
    const spy = vi.spyOn(runStateSchema, 'safeParse');
    expect(text(restoreSnapshot(snap(), pack, { trusted: true }))).toBe('ok');
    expect(spy).not.toHaveBeenCalled();
    expect(text(restoreSnapshot(snap(), pack))).toBe('ok');
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('an invalid snapshot with a valid checksum is refused when checked and taken as written when trusted', () => {
    const bad = snap();
    bad['state'].bucket = 'M99';
    bad['state'].tasks.retiredBy[0][0] = 'no-slash';
    const sealed = reseal(bad);
    const checked = text(restoreSnapshot(sealed, pack));
    expect(checked).toContain('state.bucket');
    expect(checked).toContain('state.tasks.retiredBy[0][0]');
    const trusted = restoreSnapshot(sealed, pack, { trusted: true });
    expect(trusted.ok && trusted.value.state.bucket).toBe('M99');
  });

  it('regression: a tampered snapshot is refused, trusted or not', () => {
    for (const trusted of [false, true]) {
      const edited = snap();
      edited['state'].tasks.retiredBy[0][1].push(20_000);
      expect(text(restoreSnapshot(edited, pack, { trusted }))).toContain('The snapshot was modified: its content does not match its checksum');
      const paid = snap();
      paid['state'].ledger.paidPrincipal[0] += 100_000;
      expect(text(restoreSnapshot(paid, pack, { trusted }))).toContain('The snapshot was modified');
    }
  });

  it('trust needs a checksum: a format-2 snapshot is validated in full even when trusted', () => {
    // Format 2's state has format 4's shape, and format 4's schema checks it.
    const spy = vi.spyOn(runStateSchemaFormat4, 'safeParse');
    const v2 = fixture('v2-rolls-to-outsourced-2026-02-10.json');
    expect(text(restoreSnapshot(v2, oldPack, { trusted: true }))).toBe('ok');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(text(restoreSnapshot({ ...v2, state: { ...v2['state'], bucket: 'M99' } }, oldPack, { trusted: true }))).toContain('state.bucket');
  });

  it('the pack, statechart and format are checked when trusted too', () => {
    const other = reseal({ ...snap(), pack: { id: 'cn-default', version: '1.0.0', hash: 'sha256:0' } });
    expect(text(restoreSnapshot(other, pack, { trusted: true }))).toContain('The snapshot was made with pack');
    const chart = reseal({ ...snap(), statechartVersion: 'old' });
    expect(text(restoreSnapshot(chart, pack, { trusted: true }))).toContain('statechart');
  });

  it('advance passes trust on: trusted rows skip the schema, the others are checked', () => {
    const spy = vi.spyOn(runStateSchema, 'safeParse');
    const s = snap() as unknown as LoanSnapshot;
    const to = day('2026-04-20');
    const events = new Map([[rolls.loan.id, rolls.events.filter((e) => e.on > asOf)]]);
    const trusted = advance([s], pack, to, events, { trusted: true });
    expect(spy).not.toHaveBeenCalled();
    const checked = advance([s], pack, to, events);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(trusted.snapshots)).toBe(JSON.stringify(checked.snapshots));
    expect(formatDay(to)).toBe(trusted.snapshots[0]?.asOf);
  });
});
