import type { CompiledPack } from '../../rules/loadPack';
import type { TaskRule } from './taskBook';

// The pack's task rule ids by rule index.

const idsCache = new WeakMap<CompiledPack, readonly string[]>();

/**
 * The ids of the pack's task rules, in `pack.rulesByType.task` order, listed once per pack: a restore
 * fills the `holds` map from them and every save compares it with the cursors (`holdsFollowCursors`).
 */
export function taskRuleIds(pack: CompiledPack): readonly string[] {
  let ids = idsCache.get(pack);
  if (ids === undefined) {
    ids = (pack.rulesByType.task as readonly TaskRule[]).map((r) => r.id);
    idsCache.set(pack, ids);
  }
  return ids;
}
