import type { FactName, Facts } from '../../rules/facts';
import type { CompiledPack } from '../../rules/loadPack';
import type { TaskBook, TaskRule } from './taskBook';

// Task rules are tested at every evaluation of a loan, but the facts they read seldom change from one
// evaluation to the next (a three-year loan is evaluated hundreds of times; dozens of task rules each
// time). A rule is pure in the facts it names (`CompiledRule.facts`, every fact of its conditions, those
// compared against included), so its answer can only change when one of them does.

/** The facts any task rule of a pack reads, each with the task rules (by index) that read it. */
interface FactSlots {
  readonly names: readonly FactName[];
  readonly readers: readonly (readonly number[])[];
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
    slots = { names, readers };
    slotCache.set(pack, slots);
  }
  return slots;
}

/**
 * Brings every task rule's answer up to date with `facts` — testing again only the rules that read a
 * fact changed since they were last tested — and returns the answers by rule index. `book.holds` (by
 * rule id, which snapshots keep) is updated for the rules tested.
 */
export function testTaskRules(book: TaskBook, facts: Facts): readonly boolean[] {
  const rules = book.pack.rulesByType.task as readonly TaskRule[];
  const { names, readers } = taskFactSlots(book.pack);
  const tests = book.tests;
  const { seen, results } = tests;
  if (!tests.valid) {
    for (let i = 0; i < names.length; i++) seen[i] = facts[names[i] as FactName];
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as TaskRule;
      const h = rule.test(facts);
      results[r] = h;
      book.holds.set(rule.id, h);
    }
    tests.valid = true;
    return results;
  }
  let dirty: boolean[] | undefined;
  for (let i = 0; i < names.length; i++) {
    const v = facts[names[i] as FactName];
    if (v === seen[i]) continue;
    seen[i] = v;
    dirty ??= new Array<boolean>(rules.length).fill(false);
    for (const r of readers[i] as readonly number[]) dirty[r] = true;
  }
  if (dirty === undefined) return results;
  for (let r = 0; r < rules.length; r++) {
    if (!dirty[r]) continue;
    const rule = rules[r] as TaskRule;
    const h = rule.test(facts);
    if (h !== results[r]) {
      results[r] = h;
      book.holds.set(rule.id, h);
    }
  }
  return results;
}
