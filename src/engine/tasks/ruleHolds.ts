import type { CompiledPack } from '../../rules/loadPack';
import type { RuleCursor } from './ruleCursor';
import type { Task, TaskRule } from './taskBook';
import { taskRuleIndex } from './taskRuleIndex';

// Each task rule's latest answer ("holds"), by rule index, and the map by rule id snapshots list it as.

/** A rule not answered yet (a fresh book before its first evaluation, a rule a version switch added). */
export const UNANSWERED = 0;
/** The rule did not hold at its last test. */
export const NOT_HOLDING = 1;
/** The rule held at its last test. */
export const HOLDING = 2;

/** What {@link answerOf} gives: {@link UNANSWERED}, {@link NOT_HOLDING} or {@link HOLDING}. */
export type Answer = typeof UNANSWERED | typeof NOT_HOLDING | typeof HOLDING;

/**
 * Whether each task rule held at its last test, by rule index (the index of `pack.rulesByType.task`, as
 * `TaskBook.cursors`), for fresh, restored and rebound books alike. Snapshots list the answers as a map
 * by rule id, its entries in the order they were first set (decision 421: only when they differ from the
 * cursors'); that map is "the answered rules' ids, in rule order" as long as rules are first answered in
 * rule order and no id of another pack is set — always, but for a snapshot's stored `holds` in another
 * order or naming rules the pack lacks, and a version switch (whose pack may order, drop or add rules).
 * Only then is the map spelt out (`byId`) and kept beside the array; readers still read the array, and
 * the map only for a task whose rule the pack no longer has. The pack loader refuses two rules of one id
 * (`pack.duplicateRule`), so a rule id names one index.
 */
export interface RuleHolds {
  /** Each task rule's answer by rule index: an {@link Answer}. */
  readonly byRule: Uint8Array;
  /** The greatest rule index answered so far (-1: none); kept while `byId` is undefined. */
  last: number;
  /** The map by rule id, in first-set order, once it is not what `byRule` says in rule order; undefined until then. */
  byId: Map<string, boolean> | undefined;
}

/** No answers, for a book of `byRule.length` task rules. */
export function freshHolds(byRule: Uint8Array): RuleHolds {
  return { byRule, last: -1, byId: undefined };
}

/** The answers as the map by rule id would have them: every answered rule in rule order (no `byId` yet). */
function spelt(holds: RuleHolds, rules: readonly TaskRule[]): Map<string, boolean> {
  const a = holds.byRule;
  const byId = new Map<string, boolean>();
  for (let r = 0; r < a.length; r++) if (a[r] !== UNANSWERED) byId.set((rules[r] as TaskRule).id, a[r] === HOLDING);
  return byId;
}

/** Rule `r` is answered for the first time: the map lists it last, which is rule order only if no later rule is answered. */
function firstAnswer(holds: RuleHolds, rules: readonly TaskRule[], r: number): void {
  if (holds.byId !== undefined) return;
  if (r < holds.last) holds.byId = spelt(holds, rules);
  else holds.last = r;
}

/** Sets rule `r`'s answer (`rules` is the book's pack's task rules). */
export function setAnswer(holds: RuleHolds, rules: readonly TaskRule[], r: number, h: boolean): void {
  const a = holds.byRule;
  if (a[r] === UNANSWERED) firstAnswer(holds, rules, r);
  a[r] = h ? HOLDING : NOT_HOLDING;
  if (holds.byId !== undefined) holds.byId.set((rules[r] as TaskRule).id, h);
}

/** Sets the answer of the rule of that id, as the map by id did: one of a stored `holds` list, or of the book before a version switch. */
export function setAnswerById(holds: RuleHolds, pack: CompiledPack, id: string, h: boolean): void {
  const rules = pack.rulesByType.task as readonly TaskRule[];
  const r = taskRuleIndex(pack).get(id);
  if (r !== undefined) {
    setAnswer(holds, rules, r, h);
    return;
  }
  // An id the pack has no rule of: kept only to be listed (and read by a task of a rule a version switch dropped).
  holds.byId ??= spelt(holds, rules);
  holds.byId.set(id, h);
}

/** Every rule answered with its cursor's `holding` (a restore whose snapshot left `holds` out: they were the cursors'). */
export function answersFromCursors(holds: RuleHolds, cursors: readonly RuleCursor[]): void {
  const a = holds.byRule;
  for (let r = 0; r < cursors.length; r++) a[r] = (cursors[r] as RuleCursor).holding ? HOLDING : NOT_HOLDING;
  if (cursors.length > holds.last) holds.last = cursors.length - 1;
}

/** The answer for a task's rule: by the rule's index, or by its id when the pack no longer has the rule (`ruleIndex` -1). */
export function answerOf(holds: RuleHolds, task: Task): Answer {
  const r = task.ruleIndex;
  if (r >= 0) return holds.byRule[r] as Answer;
  const h = holds.byId?.get(task.rule.id);
  return h === undefined ? UNANSWERED : h ? HOLDING : NOT_HOLDING;
}

/** The answers as the map by rule id lists them, `[id, answer]` in first-set order (what a snapshot's `holds` is). */
export function answerEntries(holds: RuleHolds, rules: readonly TaskRule[]): [string, boolean][] {
  if (holds.byId !== undefined) return [...holds.byId];
  const a = holds.byRule;
  const out: [string, boolean][] = [];
  for (let r = 0; r < a.length; r++) if (a[r] !== UNANSWERED) out.push([(rules[r] as TaskRule).id, a[r] === HOLDING]);
  return out;
}

/**
 * Whether the answers say exactly what the cursors' `holding` flags say — every rule answered so, and no
 * other id listed (true after every evaluation): a snapshot then leaves `holds` out.
 */
export function answersFollowCursors(holds: RuleHolds, cursors: readonly RuleCursor[]): boolean {
  const a = holds.byRule;
  if (a.length !== cursors.length || (holds.byId !== undefined && holds.byId.size !== a.length)) return false;
  for (let r = 0; r < a.length; r++) if (a[r] !== ((cursors[r] as RuleCursor).holding ? HOLDING : NOT_HOLDING)) return false;
  return true;
}
