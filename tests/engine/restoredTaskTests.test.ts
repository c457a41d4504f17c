import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrap } from '../../src/errors/PostloanError';
import { replay, replayWithSnapshot, resumeReplay } from '../../src/engine/replay';
import { restoreSnapshot, type LoanSnapshot, type RestoredSnapshot } from '../../src/engine/snapshot';
import type { History, LoanEvent } from '../../src/history/parseHistory';
import { parseHistoryValue } from '../../src/history/parseHistory';
import { cnDefaultPack } from '../../src/rules/defaultPack';
import type { CompiledPack, CompiledRule } from '../../src/rules/loadPack';
import type { Facts } from '../../src/rules/facts';
import { addDays, day, type Day } from '../../src/time/day';
import { arbitraryHistory } from './arbitraryHistory';

// Decision 421: a restored loan's first evaluation tests again only the task rules reading a fact whose
// value at the snapshot is not known, or has moved since; the others keep the stored answer.

const pack = cnDefaultPack();
const parse = (h: unknown) => unwrap(parseHistoryValue(h, 'h.json'));
const stored = (s: LoanSnapshot): unknown => JSON.parse(JSON.stringify(s));
const newSince = (events: readonly LoanEvent[], s: RestoredSnapshot): LoanEvent[] => events.filter((e) => e.on > s.asOf);

/**
 * A generated history's lean snapshot `split` days after disbursement, restored (checked), and the day
 * `gap` days later to resume it to — both no later than the history's as-of date.
 */
function restoredAt(history: unknown, asOf: string, split: number, gap: number): { h: History; next: Day; restored: RestoredSnapshot } {
  const h = parse(history);
  const end = day(asOf);
  const t = addDays(h.loan.disbursedOn, split) > end ? end : addDays(h.loan.disbursedOn, split);
  const next = addDays(t, gap) > end ? end : addDays(t, gap);
  const { snapshot } = replayWithSnapshot(h, pack, { asOf: t, lean: true });
  return { h, next, restored: unwrap(restoreSnapshot(stored(snapshot), pack)) };
}

/**
 * The same restored snapshot with its task answers listed in `holds` (as a snapshot whose holds differed
 * from its cursors would have them): nothing is seeded then, and the first evaluation tests every rule,
 * as every restore did before decision 421.
 */
function withHoldsListed(s: RestoredSnapshot, p: CompiledPack): RestoredSnapshot {
  const tasks = s.state.tasks;
  // Format 5 (decision 411): `[2 × rule + holding, next, since]` for each cursor that moved; one not
  // stored is a fresh book's, which does not hold.
  const holding = p.rulesByType.task.map(() => false);
  for (let i = 0; i + 2 < tasks.cursors.length; i += 3) holding[(tasks.cursors[i] as number) >> 1] = ((tasks.cursors[i] as number) & 1) === 1;
  const holds = p.rulesByType.task.map((r, i) => [r.id, holding[i] === true] as const);
  return { ...s, state: { ...s.state, tasks: { ...tasks, holds } } };
}

/** The pack with its task rules' tests counted (same ids and hash: a snapshot of the pack restores under it). */
function counted(p: CompiledPack): { pack: CompiledPack; calls: { n: number } } {
  const calls = { n: 0 };
  const task = p.rulesByType.task.map((r): CompiledRule => ({
    ...r,
    test: (f: Facts) => {
      calls.n++;
      return r.test(f);
    },
  }));
  return { pack: { ...p, rulesByType: { ...p.rulesByType, task } }, calls };
}

describe('a restored book keeps the task answers whose facts are known not to have moved', () => {
  it('resumes byte for byte as a restore that tests every rule, and as the full replay', () => {
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 1, max: 60 }), ({ history, asOf }, split, gap) => {
        const { h, next, restored } = restoredAt(history, asOf, split, gap);
        const seeded = resumeReplay(restored, pack, newSince(h.events, restored).filter((e) => e.on <= next), { asOf: next });
        const tested = resumeReplay(withHoldsListed(restored, pack), pack, newSince(h.events, restored).filter((e) => e.on <= next), { asOf: next });
        expect(JSON.stringify(seeded.output)).toBe(JSON.stringify(tested.output));
        expect(JSON.stringify(seeded.snapshot)).toBe(JSON.stringify(tested.snapshot));
        // And as the replay of everything: the same lean snapshot, cursors, answers and all.
        expect(JSON.stringify(seeded.snapshot)).toBe(JSON.stringify(replayWithSnapshot(h, pack, { asOf: next, lean: true }).snapshot));
        const full = replay(h, pack, { asOf: next });
        expect(seeded.output.nextReviewOn).toBe(full.nextReviewOn);
        expect(seeded.output.state).toBe(full.state);
      }),
      { numRuns: 200, seed: 421 },
    );
  });

  it('tests fewer rules at the first evaluation after a restore than a restore that tests them all', () => {
    const { pack: countingPack, calls } = counted(pack);
    let seededCalls = 0;
    let testedCalls = 0;
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 30, max: 1400 }), ({ history, asOf }, split) => {
        const h = parse(history);
        const end = day(asOf);
        const t = addDays(h.loan.disbursedOn, split);
        if (t >= end) return;
        const { snapshot } = replayWithSnapshot(h, countingPack, { asOf: t, lean: true });
        const restored = unwrap(restoreSnapshot(stored(snapshot), countingPack));
        // To the snapshot's review day, with no events: the one-day resume of the end of day.
        const to = snapshot.nextReviewOn === null ? end : day(snapshot.nextReviewOn);
        if (to > end) return;
        calls.n = 0;
        const seeded = resumeReplay(restored, countingPack, [], { asOf: to });
        seededCalls += calls.n;
        calls.n = 0;
        const tested = resumeReplay(withHoldsListed(restored, countingPack), countingPack, [], { asOf: to });
        testedCalls += calls.n;
        expect(JSON.stringify(seeded.snapshot)).toBe(JSON.stringify(tested.snapshot));
      }),
      { numRuns: 80, seed: 4211 },
    );
    expect(testedCalls).toBeGreaterThan(0);
    // cn-default: 40 of its 58 task rules read only the state, the run's scales or the contract.
    expect(seededCalls).toBeLessThan(testedCalls / 2);
  });
});

describe('a snapshot whose holds are listed in another order, or name a rule the pack lacks (answers by rule index, issue 14)', () => {
  /** Each rule's `holding` in a format 5 state's cursors (a cursor not stored does not hold). */
  const holdingOf = (cursors: readonly number[]): boolean[] => {
    const out = pack.rulesByType.task.map(() => false);
    for (let i = 0; i + 2 < cursors.length; i += 3) out[(cursors[i] as number) >> 1] = ((cursors[i] as number) & 1) === 1;
    return out;
  };

  it('resumes as one listing them in rule order, and writes them back as the map by rule id would', () => {
    const ids = pack.rulesByType.task.map((r) => r.id);
    let moved = 0;
    fc.assert(
      fc.property(arbitraryHistory, fc.integer({ min: 0, max: 1400 }), fc.integer({ min: 1, max: 60 }), ({ history, asOf }, split, gap) => {
        const { h, next, restored } = restoredAt(history, asOf, split, gap);
        const listed = withHoldsListed(restored, pack);
        const odd: RestoredSnapshot = {
          ...listed,
          state: { ...listed.state, tasks: { ...listed.state.tasks, holds: [['retired-rule', true], ...[...(listed.state.tasks.holds ?? [])].reverse()] } },
        };
        const events = newSince(h.events, restored).filter((e) => e.on <= next);
        const inOrder = resumeReplay(listed, pack, events, { asOf: next });
        const resumed = resumeReplay(odd, pack, events, { asOf: next });
        expect(JSON.stringify(resumed.output)).toBe(JSON.stringify(inOrder.output));
        const { holds, ...rest } = resumed.snapshot.state.tasks;
        const { holds: _inOrderHolds, ...inOrderRest } = inOrder.snapshot.state.tasks;
        expect(JSON.stringify(rest)).toBe(JSON.stringify(inOrderRest));
        // The map by id: the stored entries in their order, then (after an evaluation, which tests every
        // rule) each rule's answer — its cursor's holding — set in rule order.
        const map = new Map(odd.state.tasks.holds);
        const after = new Map(map);
        const holding = holdingOf(rest.cursors);
        ids.forEach((id, r) => after.set(id, holding[r] === true));
        const written = JSON.stringify(holds);
        expect([JSON.stringify([...map]), JSON.stringify([...after])]).toContain(written);
        if (written !== JSON.stringify([...map])) moved++;
      }),
      { numRuns: 100, seed: 14 },
    );
    // Some resumes moved an answer (the entry keeps its place in the list).
    expect(moved).toBeGreaterThan(0);
  });
});
