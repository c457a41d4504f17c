import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayWithSnapshot } from '../../../src/engine/replay';
import { persistTasks, type TaskBookState } from '../../../src/engine/tasks/persistTasks';
import { restoreTasks } from '../../../src/engine/tasks/restoreTasks';
import type { RuleCursor } from '../../../src/engine/tasks/ruleCursor';
import { answerEntries, answerOf, answersFollowCursors, answersFromCursors, freshHolds, HOLDING, NOT_HOLDING, setAnswer, setAnswerById, UNANSWERED, type Answer } from '../../../src/engine/tasks/ruleHolds';
import { createTaskBook, type Task, type TaskRule } from '../../../src/engine/tasks/taskBook';
import type { LoanContract } from '../../../src/contract/LoanContract';
import { unwrap } from '../../../src/errors/PostloanError';
import { parseHistoryValue } from '../../../src/history/parseHistory';
import { createLedger } from '../../../src/ledger/ledger';
import { generatePortfolio } from '../../../src/portfolio/generate';
import { cnDefaultPack, cnDefaultPackFiles } from '../../../src/rules/defaultPack';
import { loadPack } from '../../../src/rules/loadPack';
import { day } from '../../../src/time/day';

// The task rules' answers by rule index (issue 14): every book keeps them in an array by rule index, and
// they must say what the map by rule id they replace said — the same answer for every task's rule, the
// same entries in the same order when a snapshot lists them, the same "follows the cursors".

const pack = cnDefaultPack();
const rules = pack.rulesByType.task as readonly TaskRule[];
const ids = rules.map((r) => r.id);
const n = rules.length;

/** What the map's answer for an id was, as an {@link Answer}. */
const code = (h: boolean | undefined): Answer => (h === undefined ? UNANSWERED : h ? HOLDING : NOT_HOLDING);

/** The map's "follows the cursors" (persistTasks' `holdsFollowCursors` before the answers were kept by index). */
function mapFollows(map: ReadonlyMap<string, boolean>, cursors: readonly RuleCursor[]): boolean {
  if (map.size !== ids.length) return false;
  for (let r = 0; r < ids.length; r++) if (map.get(ids[r] as string) !== (cursors[r] as RuleCursor).holding) return false;
  return true;
}

/** A task of rule `r` (-1: a rule of that id the pack does not have), for `answerOf`. */
const taskOf = (r: number, id: string): Task => ({ ruleIndex: r, rule: r >= 0 ? rules[r] : { id } }) as unknown as Task;

const OTHER_IDS = ['retired-rule', 'other'];
const op = fc.oneof(
  // What testTaskRules does: a rule of the pack by index.
  fc.record({ by: fc.constant('index' as const), r: fc.integer({ min: 0, max: n - 1 }), h: fc.boolean() }),
  // What a stored `holds` list or a version switch does: an id, of the pack or not.
  fc.record({ by: fc.constant('id' as const), id: fc.oneof(fc.constantFrom(...ids), fc.constantFrom(...OTHER_IDS)), h: fc.boolean() }),
  // A whole test in rule order, as after a restore or a switch (every rule, each answered).
  fc.record({ by: fc.constant('all' as const), hs: fc.array(fc.boolean(), { minLength: n, maxLength: n }) }),
);

describe('RuleHolds: answers by rule index say what the map by rule id said', () => {
  it('gives every task the map\'s answer, lists the map\'s entries in its order, and follows the cursors when the map did', () => {
    fc.assert(
      fc.property(fc.option(fc.array(fc.boolean(), { minLength: n, maxLength: n })), fc.array(op, { maxLength: 40 }), fc.array(fc.boolean(), { minLength: n, maxLength: n }), (restored, ops, cursorHolding) => {
        const holds = freshHolds(new Uint8Array(n));
        const map = new Map<string, boolean>();
        if (restored !== null) {
          // A restore whose snapshot left `holds` out: the cursors' answers, every rule in pack order.
          const cursors = restored.map((holding) => ({ holding }) as RuleCursor);
          answersFromCursors(holds, cursors);
          ids.forEach((id, r) => map.set(id, restored[r] as boolean));
        }
        const cursors = cursorHolding.map((holding) => ({ holding }) as RuleCursor);
        const check = (): void => {
          expect(answerEntries(holds, rules)).toEqual([...map]);
          for (let r = 0; r < n; r++) expect(answerOf(holds, taskOf(r, ids[r] as string))).toBe(code(map.get(ids[r] as string)));
          for (const id of OTHER_IDS) expect(answerOf(holds, taskOf(-1, id))).toBe(code(map.get(id)));
          expect(answersFollowCursors(holds, cursors)).toBe(mapFollows(map, cursors));
          const own = ids.map((id) => ({ holding: map.get(id) === true }) as RuleCursor);
          expect(answersFollowCursors(holds, own)).toBe(mapFollows(map, own));
        };
        check();
        for (const o of ops) {
          if (o.by === 'index') {
            setAnswer(holds, rules, o.r, o.h);
            map.set(ids[o.r] as string, o.h);
          } else if (o.by === 'id') {
            setAnswerById(holds, pack, o.id, o.h);
            map.set(o.id, o.h);
          } else {
            o.hs.forEach((h, r) => {
              setAnswer(holds, rules, r, h);
              map.set(ids[r] as string, h);
            });
          }
          check();
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a book answered in rule order keeps no map; one answered out of order, or under an id the pack lacks, spells it', () => {
    const inOrder = freshHolds(new Uint8Array(n));
    rules.forEach((_, r) => setAnswer(inOrder, rules, r, r % 3 === 0));
    expect(inOrder.byId).toBeUndefined();
    expect(answerEntries(inOrder, rules).map(([id]) => id)).toEqual(ids);
    const late = freshHolds(new Uint8Array(n));
    setAnswer(late, rules, 5, true);
    setAnswer(late, rules, 2, false);
    expect(answerEntries(late, rules)).toEqual([
      [ids[5], true],
      [ids[2], false],
    ]);
    const other = freshHolds(new Uint8Array(n));
    setAnswerById(other, pack, 'retired-rule', true);
    setAnswer(other, rules, 0, false);
    expect(answerEntries(other, rules)).toEqual([
      ['retired-rule', true],
      [ids[0], false],
    ]);
    // An unanswered fresh book lists nothing (`holds: []` in a snapshot of a loan never evaluated).
    expect(answerEntries(freshHolds(new Uint8Array(n)), rules)).toEqual([]);
  });
});

describe('a restored book whose stored holds differ from its cursors', () => {
  const stored: { loan: LoanContract; state: TaskBookState }[] = [];
  for (const h of generatePortfolio({ seed: 20_261_207, loans: 12, asOf: '2026-06-16', years: 3 })) {
    const history = unwrap(parseHistoryValue(JSON.parse(JSON.stringify(h)), 'h.json'));
    const { snapshot } = replayWithSnapshot(history, pack, { asOf: day('2026-06-16'), lean: true });
    stored.push({ loan: history.loan, state: JSON.parse(JSON.stringify(snapshot.state.tasks)) as TaskBookState });
  }

  /** Each rule's stored `holding` (format 5 stores only the cursors that moved). */
  const holdingOf = (state: TaskBookState): boolean[] => {
    const out = ids.map(() => false);
    for (let i = 0; i + 2 < state.cursors.length; i += 3) out[(state.cursors[i] as number) >> 1] = ((state.cursors[i] as number) & 1) === 1;
    return out;
  };

  it('writes them back as stored, entry for entry and in their order, and answers each task as listed', () => {
    let listed = 0;
    let listedBack = 0;
    for (const { loan, state } of stored) {
      expect(state.holds).toBeUndefined();
      const holding = holdingOf(state);
      const variants: (readonly (readonly [string, boolean])[])[] = [
        // One answer other than its cursor's.
        ids.map((id, r) => [id, r === 0 ? !holding[r] : (holding[r] as boolean)] as const),
        // Every rule, listed last to first, the last one's answer other than its cursor's.
        ids.map((id, r) => [id, r === n - 1 ? !holding[r] : (holding[r] as boolean)] as const).reverse(),
        // Every rule as its cursor says, last to first: the same as the cursors, so not written (the order aside).
        ids.map((id, r) => [id, holding[r] as boolean] as const).reverse(),
        // An id the pack has no rule of, before the pack's.
        [['retired-rule', true] as const, ...ids.map((id, r) => [id, holding[r] as boolean] as const)],
        // Only some rules (a fresh book's none; a version switch's new rules missing).
        ids.slice(0, 7).map((id, r) => [id, holding[r] as boolean] as const),
        [],
      ];
      for (const holds of variants) {
        const withHolds = { ...state, holds } as TaskBookState;
        const book = createTaskBook(pack, loan, [], createLedger([], undefined, pack.allocationOrder), []);
        expect(restoreTasks(book, withHolds)).toEqual([]);
        const map = new Map(holds);
        // Written back when the map by id did not follow the cursors, with `holds` in its place among the
        // sorted keys, as a snapshot's text has it; left out when it did.
        const follows = mapFollows(map, book.cursors);
        const written = follows ? state : Object.fromEntries(Object.entries(withHolds).sort(([a], [b]) => (a < b ? -1 : 1)));
        expect(JSON.stringify(persistTasks(book, true))).toBe(JSON.stringify(written));
        if (!follows) listedBack++;
        for (const task of book.tasks) expect(answerOf(book.holds, task)).toBe(code(map.get(task.rule.id)));
        listed++;
      }
    }
    expect(listed).toBe(stored.length * 6);
    expect(listedBack).toBe(stored.length * 5);
  });
});

describe('task rule ids are distinct in a pack (a rule id names one index)', () => {
  it('the pack loader refuses a second task rule of an id a task rule already has', () => {
    const files = structuredClone(cnDefaultPackFiles) as unknown as Record<string, { rules?: { id: string; event: { type: string } }[] }> & { 'pack.json': { rules: string[] } };
    const taskFile = Object.keys(files).find((f) => f !== 'pack.json' && (files[f]?.rules ?? []).some((r) => r.event.type === 'task')) as string;
    const first = (files[taskFile]?.rules ?? []).find((r) => r.event.type === 'task');
    files['pack.json'].rules.push('extra.json');
    (files as Record<string, unknown>)['extra.json'] = { rules: [structuredClone(first)] };
    const r = loadPack(files, { dir: 'rules/my-pack/' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => `${i.code} ${i.path ?? ''}`)).toContain('pack.duplicateRule rules[0].id');
  });
});
