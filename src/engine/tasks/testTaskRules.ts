import type { FactName, Facts } from '../../rules/facts';
import type { CompiledPack } from '../../rules/loadPack';
import { factChangeScan, type FactChangeScan } from './factChangeScan';
import type { RuleCursor } from './ruleCursor';
import { setAnswer } from './ruleHolds';
import type { TaskBook, TaskRule } from './taskBook';

// Task rules are tested at every evaluation of a loan, but the facts they read seldom change from one
// evaluation to the next (a three-year loan is evaluated hundreds of times; dozens of task rules each
// time). A rule is pure in the facts it names (`CompiledRule.facts`, every fact of its conditions, those
// compared against included), so its answer can only change when one of them does.

/** The facts any task rule of a pack reads, each with the task rules (by index) that read it. */
interface FactSlots {
  readonly names: readonly FactName[];
  readonly readers: readonly (readonly number[])[];
  /** Compares the facts with the values seen and lists their readers (see `factChangeScan`). */
  readonly scan: FactChangeScan;
  /** Room for every reader of every fact: what one scan may list. */
  readonly room: number;
}

const slotCache = new WeakMap<CompiledPack, FactSlots>();

function taskFactSlots(pack: CompiledPack): FactSlots {
  let slots = slotCache.get(pack);
  if (slots === undefined) {
    const names: FactName[] = [];
    const readers: number[][] = [];
    pack.rulesByType.task.forEach((rule, r) => {
      for (const f of rule.facts) {
        let i = names.indexOf(f);
        if (i < 0) {
          i = names.length;
          names.push(f);
          readers.push([]);
        }
        (readers[i] as number[]).push(r);
      }
    });
    slots = { names, readers, scan: factChangeScan(names, readers), room: readers.reduce((n, list) => n + list.length, 0) };
    slotCache.set(pack, slots);
  }
  return slots;
}

/** Rules to test again, by index: scratch of `testTaskRules`, its first entries written by each scan (one replay at a time per thread). */
let marked = new Int32Array(256);

/**
 * Sorts the first `n` entries of `list` in place, ascending (insertion: two or three entries, where a
 * typed array's `sort` is a runtime call). Duplicates stay, next to each other. Exported for the tests.
 */
export function sortFew(list: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const x = list[i] as number;
    let j = i - 1;
    for (; j >= 0 && (list[j] as number) > x; j--) list[j + 1] = list[j] as number;
    list[j + 1] = x;
  }
}

/**
 * A fact value no fact has (a private object): a slot of `seen` holding it differs from every value,
 * so the scan marks the slot's readers. Seeds for facts whose last value is not known (see `seedTaskTests`).
 */
export const UNKNOWN_FACT: unknown = Object.freeze({ unknownFact: true });

/** The facts any task rule of the pack reads, by slot: the order of `seedTaskTests`' seeds. */
export function taskFactNames(pack: CompiledPack): readonly FactName[] {
  return taskFactSlots(pack).names;
}

/**
 * Starts a book's tests from answers already known instead of testing every rule at the next test: a
 * restored book whose stored answers (each cursor's `holding`, by rule index) were computed on facts of
 * which `seeds` (by slot of {@link taskFactNames}) gives the values it can vouch for, and `UNKNOWN_FACT`
 * for the others. The next test tests again only the rules reading a fact that differs from its seed —
 * every rule reading an unknown fact — and lists in `tests.changed` only the rules whose answer moved
 * from the stored one. The caller must know `book.holds` already says what the cursors say.
 */
export function seedTaskTests(book: TaskBook, seeds: readonly unknown[]): void {
  const tests = book.tests;
  const { seen, results } = tests;
  for (let i = 0; i < seeds.length; i++) seen[i] = seeds[i];
  const cursors = book.cursors;
  for (let r = 0; r < cursors.length; r++) results[r] = (cursors[r] as RuleCursor).holding;
  tests.changed.length = 0;
  tests.valid = true;
}

/**
 * Brings every task rule's answer up to date with `facts` — testing again only the rules that read a
 * fact changed since they were last tested — and returns the answers by rule index; the rules whose
 * answer changed are left in `book.tests.changed`. `book.holds` (which snapshots keep) is updated for
 * the rules whose answer changed.
 */
export function testTaskRules(book: TaskBook, facts: Facts): readonly boolean[] {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const { names, scan, room } = taskFactSlots(book.pack);
  const tests = book.tests;
  const { seen, results, changed } = tests;
  // Most evaluations change no answer: setting an array's length is a runtime call, made only when there is something to drop.
  if (changed.length !== 0) changed.length = 0;
  if (marked.length < room) marked = new Int32Array(room);
  if (!tests.valid) {
    // Every fact is read by the scan (a fixed-name load each, not `facts[names[i]]`): seeded unknown first.
    for (let i = 0; i < names.length; i++) seen[i] = UNKNOWN_FACT;
    scan(facts, seen, marked);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as TaskRule;
      const h = rule.test(facts);
      results[r] = h;
      changed.push(r);
      setAnswer(book.holds, rules, r, h);
    }
    tests.valid = true;
    return results;
  }
  const n = scan(facts, seen, marked);
  if (n === 0) return results;
  // In rule order, each once, as the walk over every rule's mark tested them: `changed` sees the same order.
  if (n > 1) sortFew(marked, n);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const r = marked[i] as number;
    if (r === last) continue;
    last = r;
    const rule = rules[r] as TaskRule;
    const h = rule.test(facts);
    if (h !== results[r]) {
      results[r] = h;
      changed.push(r);
      setAnswer(book.holds, rules, r, h);
    }
  }
  return results;
}
