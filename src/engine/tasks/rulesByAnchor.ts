import type { TaskParams } from '../../rules/decisions';
import type { CompiledPack } from '../../rules/loadPack';
import type { RuleCursor } from './ruleCursor';
import type { TaskBook } from './taskBook';

// Task rules grouped by anchor, for the evaluations that look at all the rules of one anchor at once.

/** A pack's task rules (by index in `pack.rulesByType.task`) grouped three ways, built once per pack. */
interface RuleGroups {
  /** By anchor. */
  readonly byAnchor: ReadonlyMap<TaskParams['anchor'], readonly number[]>;
  /** The `event` rules by the event type they wait for. */
  readonly byEvent: ReadonlyMap<string, readonly number[]>;
  /** The rolling (`lastDone`) rules by the kind of task they raise. */
  readonly rollingByKind: ReadonlyMap<string, readonly number[]>;
}

const cache = new WeakMap<CompiledPack, RuleGroups>();
const NONE: readonly number[] = [];

function pushTo<K>(m: Map<K, number[]>, key: K, r: number): void {
  const list = m.get(key);
  if (list === undefined) m.set(key, [r]);
  else list.push(r);
}

function groupsOf(pack: CompiledPack): RuleGroups {
  let g = cache.get(pack);
  if (g === undefined) {
    const byAnchor = new Map<TaskParams['anchor'], number[]>();
    const byEvent = new Map<string, number[]>();
    const rollingByKind = new Map<string, number[]>();
    pack.rulesByType.task.forEach((rule, r) => {
      const p = rule.decision;
      if (p.type !== 'task') return;
      pushTo(byAnchor, p.anchor, r);
      if (p.anchor === 'event' && p.event !== undefined) pushTo(byEvent, p.event, r);
      if (p.anchor === 'lastDone') pushTo(rollingByKind, p.kind, r);
    });
    g = { byAnchor, byEvent, rollingByKind };
    cache.set(pack, g);
  }
  return g;
}

/** Indexes (in `pack.rulesByType.task`) of the pack's task rules with that anchor, computed once per pack. */
export function anchoredOn(pack: CompiledPack, anchor: TaskParams['anchor']): readonly number[] {
  return groupsOf(pack).byAnchor.get(anchor) ?? NONE;
}

/** Indexes of the pack's `event` rules that wait for events of type `type` (none for the other types). */
export function waitingFor(pack: CompiledPack, type: string): readonly number[] {
  return groupsOf(pack).byEvent.get(type) ?? NONE;
}

/**
 * A task stopped being owed (done, cancelled, breached) or a rule's answer changed: the rolling rules
 * (anchor `lastDone`), which wait while a task of theirs is owed, look again at the next evaluation.
 * With `kind` (a task of that kind stopped being owed), only the rolling rules of that kind: a rule
 * waits only on tasks of its own kind, so the others would find themselves still waiting.
 */
export function rollingMayOpen(book: TaskBook, kind?: string): void {
  const rules = kind === undefined ? anchoredOn(book.pack, 'lastDone') : (groupsOf(book.pack).rollingByKind.get(kind) ?? NONE);
  // Only those that held at the last evaluation: one that did not opens nothing until its own answer
  // changes, and a changed answer brings a rule back by itself (see `evaluateTasks`).
  for (const r of rules) if ((book.cursors[r] as RuleCursor).holding) book.visitOn[r] = Number.NEGATIVE_INFINITY;
}

/**
 * A restored book's visit days for the rules whose every visit leaves them at `+∞` (not persisted, so a
 * fresh book has them all at the next evaluation): `event` and `conditionStart` rules, and rolling rules
 * that did not hold. A visit of one of them opens something only when its answer changes (then it is in
 * `tests.changed`, which brings it back), or, for an `event` rule, on a day with an event of its type
 * (`waitingFor` brings it back); otherwise it moves no cursor and sets `+∞` again. So they wait at `+∞`
 * from the restore, as they did in the replay that wrote the snapshot, instead of being visited for
 * nothing at its first evaluation. The others keep `-∞`: their visit day depends on their cursor.
 */
export function restoredVisitDays(book: TaskBook): void {
  const visitOn = book.visitOn;
  for (const r of anchoredOn(book.pack, 'event')) visitOn[r] = Number.POSITIVE_INFINITY;
  for (const r of anchoredOn(book.pack, 'conditionStart')) visitOn[r] = Number.POSITIVE_INFINITY;
  for (const r of anchoredOn(book.pack, 'lastDone')) if (!(book.cursors[r] as RuleCursor).holding) visitOn[r] = Number.POSITIVE_INFINITY;
}
