import type { TaskParams } from '../../rules/decisions';
import type { CompiledPack } from '../../rules/loadPack';
import type { RuleCursor } from './ruleCursor';
import type { TaskBook } from './taskBook';

// Task rules grouped by anchor, for the evaluations that look at all the rules of one anchor at once.

const cache = new WeakMap<CompiledPack, ReadonlyMap<TaskParams['anchor'], readonly number[]>>();
const NONE: readonly number[] = [];

/** Indexes (in `pack.rulesByType.task`) of the pack's task rules with that anchor, computed once per pack. */
export function anchoredOn(pack: CompiledPack, anchor: TaskParams['anchor']): readonly number[] {
  let m = cache.get(pack);
  if (m === undefined) {
    const built = new Map<TaskParams['anchor'], number[]>();
    pack.rulesByType.task.forEach((rule, r) => {
      if (rule.decision.type !== 'task') return;
      const list = built.get(rule.decision.anchor);
      if (list === undefined) built.set(rule.decision.anchor, [r]);
      else list.push(r);
    });
    m = built;
    cache.set(pack, m);
  }
  return m.get(anchor) ?? NONE;
}

/**
 * A task stopped being owed (done, cancelled, breached) or a rule's answer changed: the rolling rules
 * (anchor `lastDone`), which wait while a task of theirs is owed, look again at the next evaluation.
 */
export function rollingMayOpen(book: TaskBook): void {
  // Only those that held at the last evaluation: one that did not opens nothing until its own answer
  // changes, and a changed answer brings a rule back by itself (see `evaluateTasks`).
  for (const r of anchoredOn(book.pack, 'lastDone')) if ((book.cursors[r] as RuleCursor).holding) book.visitOn[r] = Number.NEGATIVE_INFINITY;
}
