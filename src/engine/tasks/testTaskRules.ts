import type { FactName, Facts } from '../../rules/facts';
import type { CompiledPack } from '../../rules/loadPack';
import { factChangeScan, type FactChangeScan } from './factChangeScan';
import type { TaskBook, TaskRule } from './taskBook';

// Task rules are tested at every evaluation of a loan, but the facts they read seldom change from one
// evaluation to the next (a three-year loan is evaluated hundreds of times; dozens of task rules each
// time). A rule is pure in the facts it names (`CompiledRule.facts`, every fact of its conditions, those
// compared against included), so its answer can only change when one of them does.

/** The facts any task rule of a pack reads, each with the task rules (by index) that read it. */
interface FactSlots {
  readonly names: readonly FactName[];
  readonly readers: readonly (readonly number[])[];
  /** Compares the facts with the values seen and marks their readers (see `factChangeScan`). */
  readonly scan: FactChangeScan;
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
    slots = { names, readers, scan: factChangeScan(names, readers) };
    slotCache.set(pack, slots);
  }
  return slots;
}

/** Rules to test again, by index: scratch of `testTaskRules`, cleared after each use (one replay at a time per thread). */
let marks = new Uint8Array(64);

/**
 * Brings every task rule's answer up to date with `facts` — testing again only the rules that read a
 * fact changed since they were last tested — and returns the answers by rule index; the rules whose
 * answer changed are left in `book.tests.changed`. `book.holds` (by rule id, which snapshots keep) is
 * updated for the rules tested.
 */
export function testTaskRules(book: TaskBook, facts: Facts): readonly boolean[] {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const { names, scan } = taskFactSlots(book.pack);
  const tests = book.tests;
  const { seen, results, changed } = tests;
  changed.length = 0;
  if (!tests.valid) {
    for (let i = 0; i < names.length; i++) seen[i] = facts[names[i] as FactName];
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as TaskRule;
      const h = rule.test(facts);
      results[r] = h;
      changed.push(r);
      book.holds.set(rule.id, h);
    }
    tests.valid = true;
    return results;
  }
  if (marks.length < rules.length) marks = new Uint8Array(rules.length);
  if (!scan(facts, seen, marks)) return results;
  for (let r = 0; r < rules.length; r++) {
    if (marks[r] === 0) continue;
    marks[r] = 0;
    const rule = rules[r] as TaskRule;
    const h = rule.test(facts);
    if (h !== results[r]) {
      results[r] = h;
      changed.push(r);
      book.holds.set(rule.id, h);
    }
  }
  return results;
}
