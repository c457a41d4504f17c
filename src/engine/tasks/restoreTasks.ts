import type { CompiledPack } from '../../rules/loadPack';
import type { Day } from '../../time/day';
import { isCompact, retiredTaskIds } from './compactRetired';
import type { TaskBookState } from './persistTasks';
import type { Task, TaskBook, TaskRule } from './taskBook';

// A persisted task state put back into a fresh task book.

const rulesByIdCache = new WeakMap<CompiledPack, ReadonlyMap<string, TaskRule>>();

/** The pack's task rules by id, built once per pack (a nightly batch restores millions of books). */
function taskRulesById(pack: CompiledPack): ReadonlyMap<string, TaskRule> {
  let m = rulesByIdCache.get(pack);
  if (m === undefined) {
    m = new Map((pack.rulesByType.task as readonly TaskRule[]).map((r) => [r.id, r]));
    rulesByIdCache.set(pack, m);
  }
  return m;
}

/**
 * Puts a persisted state into a fresh book of the same pack. Returns the ids of rules the state names
 * that the pack does not have (the snapshot was made with another pack); empty when all is well.
 */
export function restoreTasks(book: TaskBook, state: TaskBookState): string[] {
  const rules = taskRulesById(book.pack);
  const missing: string[] = [];
  if (state.cursors.length !== 3 * book.cursors.length) missing.push(`${Math.floor(state.cursors.length / 3)} task rules, the pack has ${book.cursors.length}`);
  for (const s of state.tasks) {
    const rule = rules.get(s.rule);
    if (rule === undefined) {
      missing.push(s.rule);
      continue;
    }
    const task: Task = {
      id: s.id,
      kind: s.kind,
      ruleId: rule.policyId,
      rule,
      party: s.party,
      ...(s.assignee === undefined ? {} : { assignee: s.assignee }),
      openedOn: s.openedOn as Day,
      dueOn: s.dueOn as Day,
      anchorOn: s.anchorOn as Day,
      ...(s.instalment === undefined || s.slot === undefined ? {} : { instalment: s.instalment, slot: s.slot }),
      times: s.times,
      progress: s.progress,
      status: s.status,
      breachRecorded: s.breachRecorded,
      ...(s.closedOn === undefined ? {} : { closedOn: s.closedOn as Day }),
      ...(s.closedBy === undefined ? {} : { closedBy: s.closedBy }),
      ...(s.reason === undefined ? {} : { reason: s.reason }),
    };
    book.tasks.push(task);
    book.byId.set(task.id, task);
  }
  const byId = (id: string): Task[] => {
    const t = book.byId.get(id);
    return t === undefined ? [] : [t];
  };
  book.open = state.open.flatMap(byId);
  for (const [kind, ids] of state.breached) book.breached.set(kind, ids.flatMap(byId));
  const flat = state.cursors;
  book.cursors.forEach((c, r) => {
    if (3 * r + 2 >= flat.length) return;
    c.next = flat[3 * r] as number;
    c.holding = flat[3 * r + 1] === 1;
    c.holdingSince = flat[3 * r + 2] as Day;
  });
  for (const [r, keys] of state.considered ?? []) {
    const c = book.cursors[r];
    if (c !== undefined) for (const k of keys) c.considered.add(k);
  }
  if (state.holds !== undefined) for (const [k, v] of state.holds) book.holds.set(k, v);
  else book.cursors.forEach((c, r) => book.holds.set((book.pack.rulesByType.task[r] as TaskRule).id, c.holding));
  for (const [k, v] of state.lastDone) book.lastDone.set(k, v as Day);
  for (const w of state.calendarWarnings) book.calendarWarnings.add(w);
  book.limitationExpiry = (state.limitationExpiry ?? undefined) as Day | undefined;
  // Kept as stored when it is the form a resume writes back; expanded otherwise (format 3's list).
  if (state.retired === undefined && state.retiredBy === undefined) book.retired.kept = undefined;
  else if (isCompact(state)) book.retired.kept = { ...(state.retired === undefined ? {} : { retired: state.retired }), ...(state.retiredBy === undefined ? {} : { retiredBy: state.retiredBy }) };
  else book.retired.ids.push(...retiredTaskIds(state));
  book.schedule = book.ledger.schedule;
  return missing;
}
