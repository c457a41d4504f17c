import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { runStateSchema, runStateSchemaFormat4 } from '../../src/engine/runStateSchema';
import { restoreSnapshot, SNAPSHOT_VERSION, type LoanSnapshot, type RestoredSnapshot } from '../../src/engine/snapshot';
import { formatIssues } from '../../src/errors/formatIssues';
import { unwrap } from '../../src/errors/PostloanError';
import { parseHistoryValue, type History, type LoanEvent } from '../../src/history/parseHistory';
import { generatePortfolio } from '../../src/portfolio/generate';
import { contentHash } from '../../src/rules/hash';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import { loadPackDir } from '../../src/node';
import { addDays, day } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';
import { format4State } from './format4State';

const pack = cnDefaultPack();
/** cn-default as it was when the older fixtures were written (commit 7decb3b): a snapshot resumes only under its own pack. */
const oldPack = unwrap(loadPackDir('tests/fixtures/packs/cn-default-7decb3b'));
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const parse = (h: unknown, file = 'h.json'): History => unwrap(parseHistoryValue(h, file));
const stored = (s: unknown): Json => JSON.parse(JSON.stringify(s)) as Json;
const fixture = (name: string): Json => JSON.parse(readFileSync(`tests/fixtures/snapshots/${name}`, 'utf8')) as Json;
const text = (r: ReturnType<typeof restoreSnapshot>): string => (r.ok ? 'ok' : formatIssues(r.issues));
const newSince = (events: readonly LoanEvent[], s: Pick<RestoredSnapshot, 'asOf'>): LoanEvent[] => events.filter((e) => e.on > s.asOf);
const reseal = (s: Json): Json => {
  const { checksum: _c, ...content } = s;
  return { ...content, checksum: contentHash([content]) };
};
/** A current snapshot as format 4 wrote it (its state in format 4's shapes, sealed again). */
const asFormat4 = (s: LoanSnapshot, h: History): Json => reseal({ ...stored(s), snapshotVersion: 4, state: format4State(stored(s.state), pack.rulesByType.task.length, h.loan.disbursedOn, h.loan.id) });
/** JSON values in a value (keys counted too): what JSON.parse, JSON.stringify and the checksum walk. */
const values = (v: unknown): number => (v === null || typeof v !== 'object' ? 1 : Array.isArray(v) ? 1 + v.reduce((n: number, x) => n + values(x), 0) : 1 + Object.values(v).reduce((n: number, x) => n + 1 + values(x), 0));

const rolls = parse(JSON.parse(readFileSync('examples/rolls-to-outsourced.json', 'utf8')), 'rolls-to-outsourced.json');
const restructured = parse(fixture('restructured.history.json'), 'restructured.history.json');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('snapshot format 5 (issue 14): fewer JSON values', () => {
  it('keeps only the task cursors that moved, lastDone flat, contact slots sparse, and no all-zero ledger list', () => {
    const s = replayWithSnapshot(rolls, pack, { asOf: day('2026-02-10'), lean: true }).snapshot;
    expect(s.snapshotVersion).toBe(5);
    const { tasks, contacts, ledger } = s.state;
    const rules = pack.rulesByType.task.length;
    expect(tasks.cursors.length % 3).toBe(0);
    expect(tasks.cursors.length).toBeLessThan(3 * rules);
    for (let i = 0; i < tasks.cursors.length; i += 3) {
      const [rh, next, since] = tasks.cursors.slice(i, i + 3) as [number, number, number];
      expect(rh >> 1).toBeLessThan(rules);
      if (i > 0) expect(rh).toBeGreaterThan(tasks.cursors[i - 3] as number);
      // A stored cursor is one that moved from a fresh book's.
      expect(next !== 0 || (rh & 1) === 1 || since !== rolls.loan.disbursedOn).toBe(true);
    }
    expect(tasks.lastDone.length % 2).toBe(0);
    expect(tasks.lastDone.every((x, i) => typeof x === (i % 2 === 0 ? 'string' : 'number'))).toBe(true);
    for (const slot of contacts.slots) {
      if (slot === null) continue;
      expect(slot.attempts.length % 2).toBe(0);
      expect(slot.attempts.filter((_, i) => i % 2 === 1).every((c) => c > 0)).toBe(true);
      for (const key of ['calls', 'byParty', 'numberless'] as const) if (slot[key] !== undefined) expect(slot[key]?.length).toBeGreaterThan(0);
    }
    for (const key of ['paidPrincipal', 'paidInterest', 'paidPenalty', 'penaltyClosed', 'waivedInterest'] as const) {
      const list = ledger[key];
      if (list !== undefined) expect(list.some((x) => x !== 0)).toBe(true);
    }
    expect(ledger.waivedInterest).toBeUndefined();
    // A task keeps only what its id or a default does not give.
    expect(tasks.tasks.length).toBeGreaterThan(0);
    for (const k of tasks.tasks) {
      expect(k.kind).toBeUndefined();
      expect(k.party).toBeUndefined();
      expect(k.breachRecorded === undefined || k.breachRecorded).toBe(true);
      expect(k.progress === undefined || k.progress > 0).toBe(true);
    }
  });

  it('a lean end-of-day snapshot of a generated 3-year book has at most 80 % of format 4\'s JSON values, and restores to the same state', () => {
    const histories = [...generatePortfolio({ seed: 20_261_206, loans: 80, asOf: '2026-06-16', years: 3 })].map((g) => parse(g));
    let v5 = 0;
    let v4 = 0;
    for (const h of histories) {
      const s = replayWithSnapshot(h, pack, { asOf: day('2026-06-16'), lean: true }).snapshot;
      const old = asFormat4(s, h);
      v5 += values(stored(s));
      v4 += values(old);
      for (const trusted of [false, true]) {
        const fromOld = resumeReplay(unwrap(restoreSnapshot(old, pack, { trusted })), pack, [], { asOf: day('2026-06-17'), lean: true });
        const fromNew = resumeReplay(unwrap(restoreSnapshot(stored(s), pack, { trusted })), pack, [], { asOf: day('2026-06-17'), lean: true });
        expect(JSON.stringify(fromOld.snapshot)).toBe(JSON.stringify(fromNew.snapshot));
        expect(JSON.stringify(fromOld.output)).toBe(JSON.stringify(fromNew.output));
      }
    }
    expect(v5 / v4).toBeLessThanOrEqual(0.8);
  });

  it('property: any snapshot written as format 4 restores (checked or trusted) and resumes as its format-5 self does, byte for byte', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), fc.boolean(), fc.boolean(), ({ history, asOf }, split, lean, trusted) => {
        const h = parse(history);
        const end = day(asOf);
        const t = addDays(h.loan.disbursedOn, split) > end ? end : addDays(h.loan.disbursedOn, split);
        const { snapshot } = replayWithSnapshot(h, pack, { asOf: t, lean });
        const fromOld = unwrap(restoreSnapshot(asFormat4(snapshot, h), pack, { trusted }));
        const fromNew = unwrap(restoreSnapshot(stored(snapshot), pack, { trusted }));
        const a = resumeReplay(fromOld, pack, newSince(h.events, fromOld), { asOf: end, lean });
        const b = resumeReplay(fromNew, pack, newSince(h.events, fromNew), { asOf: end, lean });
        expect(JSON.stringify(a.output)).toBe(JSON.stringify(b.output));
        expect(JSON.stringify(a.snapshot)).toBe(JSON.stringify(b.snapshot));
      }),
      { numRuns: 80, seed: 55 },
    );
  });
});

describe('format-4 snapshots (written by the build before format 5) restore and are written as format 5', () => {
  const at = day('2026-02-10');
  const to = day('2026-04-20');
  const fresh = (lean: boolean) => resumeReplay(unwrap(restoreSnapshot(stored(replayWithSnapshot(rolls, oldPack, { asOf: at, lean }).snapshot), oldPack)), oldPack, newSince(rolls.events, { asOf: at }), { asOf: to, lean });

  for (const [name, lean] of [
    ['v4-rolls-to-outsourced-2026-02-10.json', false],
    ['v4-rolls-to-outsourced-2026-02-10.lean.json', true],
  ] as const) {
    it(`${name} resumes to the same output and snapshot as a format-5 one of the same day`, () => {
      const old = fixture(name);
      expect(old['snapshotVersion']).toBe(4);
      for (const trusted of [false, true]) {
        const restored = unwrap(restoreSnapshot(old, oldPack, { trusted }));
        const r = resumeReplay(restored, oldPack, newSince(rolls.events, restored), { asOf: to, lean });
        const expected = fresh(lean);
        expect(r.snapshot.snapshotVersion).toBe(SNAPSHOT_VERSION);
        expect(JSON.stringify(r.output)).toBe(JSON.stringify(expected.output));
        expect(JSON.stringify(r.snapshot)).toBe(JSON.stringify(expected.snapshot));
      }
    });
  }

  it('the format-4 fixture of a restructured loan keeps its schedule in force through the migration', () => {
    const old = fixture('v4-restructured.lean.json');
    const restored = unwrap(restoreSnapshot(old, oldPack));
    expect(restored.history.schedule).toEqual(old['state'].ledger.schedule);
    const end = day('2026-06-16');
    const r = resumeReplay(restored, oldPack, newSince(restructured.events, restored), { asOf: end, lean: true });
    const whole = replayWithSnapshot(restructured, oldPack, { asOf: end, lean: true });
    expect(JSON.stringify(r.snapshot)).toBe(JSON.stringify(whole.snapshot));
    expect(r.snapshot.state.ledger.schedule).toBeDefined();
  });

  it('a format-4 snapshot is checked by format 4\'s schema, a format-5 one by format 5\'s, a trusted one by neither', () => {
    const four = vi.spyOn(runStateSchemaFormat4, 'safeParse');
    const five = vi.spyOn(runStateSchema, 'safeParse');
    expect(text(restoreSnapshot(fixture('v4-rolls-to-outsourced-2026-02-10.lean.json'), oldPack))).toBe('ok');
    expect([four.mock.calls.length, five.mock.calls.length]).toEqual([1, 0]);
    const current = stored(replayWithSnapshot(rolls, pack, { asOf: at, lean: true }).snapshot);
    expect(text(restoreSnapshot(current, pack))).toBe('ok');
    expect([four.mock.calls.length, five.mock.calls.length]).toEqual([1, 1]);
    expect(text(restoreSnapshot(current, pack, { trusted: true }))).toBe('ok');
    expect(text(restoreSnapshot(fixture('v4-rolls-to-outsourced-2026-02-10.lean.json'), oldPack, { trusted: true }))).toBe('ok');
    expect([four.mock.calls.length, five.mock.calls.length]).toEqual([1, 1]);
  });
});

describe('format 5 is validated with worded issues at their JSON path', () => {
  const snap = (): Json => stored(replayWithSnapshot(rolls, pack, { asOf: day('2026-02-10'), lean: true }).snapshot);

  it('refuses malformed cursors, lastDone and attempt counts, naming each path', () => {
    const s = snap();
    const tasks = s['state'].tasks;
    tasks.cursors[2] = 9_999_999; // a holding-since day out of range
    tasks.cursors[3] = 0; // a rule index not above the one before
    tasks.lastDone = ['repaymentReminder|borrower', 'soon'];
    const slot = (s['state'].contacts.slots as (Json | null)[]).findIndex((x) => x !== null);
    s['state'].contacts.slots[slot].attempts = [99, 1];
    const issues = text(restoreSnapshot(reseal(s), pack));
    expect(issues).toContain("The snapshot's engine state is not valid");
    expect(issues).toContain('state.tasks.cursors[2]');
    expect(issues).toContain('the holding-since day of record 0');
    expect(issues).toContain('state.tasks.cursors[3]');
    expect(issues).toContain('must be greater than the one before');
    expect(issues).toContain('state.tasks.lastDone[1]');
    expect(issues).toContain(`state.contacts.slots[${slot}].attempts[0]`);
    // A ledger list that is there has an entry per instalment (the cross-check, after the shape).
    const short = snap();
    short['state'].ledger.paidPenalty = [1];
    expect(text(restoreSnapshot(reseal(short), pack))).toContain('state.ledger.paidPenalty');
    // Trusted and sealed, it is taken as written (decision 173): the schema is not run.
    expect(text(restoreSnapshot(reseal(snap()), pack, { trusted: true }))).toBe('ok');
  });

  it('refuses a task id written twice, and open or breached lists naming a task that is not there, twice or in another status', () => {
    // The full snapshot: the lean one keeps no cancelled or done task.
    const s = stored(replayWithSnapshot(rolls, pack, { asOf: day('2026-02-10') }).snapshot);
    const t = s['state'].tasks;
    const [open] = t.open as string[];
    const breached = (t.breached as [string, string[]][]).findIndex(([, ids]) => ids.length > 0);
    const done = (t.tasks as Json[]).findIndex((x) => x['status'] !== 'open' && x['status'] !== 'breached');
    expect([open === undefined, breached, done].some((x) => x === true || x === -1)).toBe(false);
    const doneId = t.tasks[done].id as string;
    t.tasks.push({ ...t.tasks[done] });
    t.open.push(open, 'L-none/repaymentReminder/borrower/2026-01-01', doneId);
    t.breached[breached][1].push(doneId);
    const issues = text(restoreSnapshot(reseal(s), pack));
    expect(issues).toContain(`state.tasks.tasks[${t.tasks.length - 1}].id`);
    expect(issues).toContain(`repeats the id of task ${done}`);
    const n = t.open.length;
    expect(issues).toContain(`state.tasks.open[${n - 3}]`);
    expect(issues).toContain('twice');
    expect(issues).toContain(`state.tasks.open[${n - 2}]`);
    expect(issues).toContain('which the task list does not have');
    expect(issues).toContain(`state.tasks.open[${n - 1}]`);
    expect(issues).toContain(`not open`);
    expect(issues).toContain(`state.tasks.breached[${breached}][1][${t.breached[breached][1].length - 1}]`);
    expect(issues).toContain('not breached');
    // The same state as format 4 wrote it is checked the same way.
    const four = asFormat4(replayWithSnapshot(rolls, pack, { asOf: day('2026-02-10'), lean: true }).snapshot, rolls);
    four['state'].tasks.tasks.push({ ...four['state'].tasks.tasks[0] });
    expect(text(restoreSnapshot(reseal(four), pack))).toContain('repeats the id of task 0');
    // What the engine writes passes, lean or full.
    expect(text(restoreSnapshot(snap(), pack))).toBe('ok');
    expect(text(restoreSnapshot(stored(replayWithSnapshot(rolls, pack, { asOf: day('2026-02-10') }).snapshot), pack))).toBe('ok');
  });

  it('refuses a flat list whose length is not a whole number of records', () => {
    const s = snap();
    s['state'].tasks.cursors.push(7);
    s['state'].tasks.lastDone.push('orphan');
    const issues = text(restoreSnapshot(reseal(s), pack));
    expect(issues).toContain('state.tasks.cursors');
    expect(issues).toContain('3 values per record');
    expect(issues).toContain('state.tasks.lastDone');
    expect(issues).toContain('2 values per record');
  });
});
