import type { CompiledPack } from '../../rules/loadPack';
import type { TaskRule } from './taskBook';

// The pack's task rules' ids by rule index, and their indexes by id.

const indexCache = new WeakMap<CompiledPack, ReadonlyMap<string, number>>();

/**
 * The index in `pack.rulesByType.task` of each task rule, by id, built once per pack: a restore finds a
 * stored task's rule by it, and a stored `holds` list's rules. The pack loader refuses two rules of one
 * id (`pack.duplicateRule`); of two all the same, the later would be named, as a map filled in order gives.
 */
export function taskRuleIndex(pack: CompiledPack): ReadonlyMap<string, number> {
  let index = indexCache.get(pack);
  if (index === undefined) {
    const built = new Map<string, number>();
    (pack.rulesByType.task as readonly TaskRule[]).forEach((rule, r) => built.set(rule.id, r));
    index = built;
    indexCache.set(pack, index);
  }
  return index;
}
