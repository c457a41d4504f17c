/**
 * Every user-facing sentence of the pack linter (`lintPack`, `postloan validate`), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';

const quoteList = (names: readonly string[]): string => {
  const q = names.map((n) => `"${n}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1] ?? ''}`;
};

const DECIDES: Readonly<Record<string, string>> = { bucket: 'bucket', riskLevel: 'risk level', managementMode: 'management mode', segment: 'collection segment' };

/**
 * The linter's issue texts.
 *
 * @example
 * ```ts
 * lintText.unusedParameter('graceDays').hint; // 'remove it, or read it in a rule with { "param": "graceDays" }'
 * ```
 */
export const lintText = textModule('lint', {
  neverFiresConflict: (ruleId: string, leaves: readonly string[]): IssueText => ({
    message: `Rule "${ruleId}" can never fire: ${leaves.length === 1 ? `${leaves[0] ?? ''} never holds` : `${leaves.join(' and ')} cannot all hold`}`,
    hint: 'fix the operator or value that is wrong; a rule that never fires decides nothing',
  }),
  neverFires: (ruleId: string): IssueText => ({
    message: `Rule "${ruleId}" can never fire: no values of its facts satisfy its conditions`,
    hint: 'fix the operator or value that is wrong; a rule that never fires decides nothing',
  }),
  anchorNeverMatches: (ruleId: string, eventType: string, key: string, reason: string): IssueText => ({
    message: `Rule "${ruleId}" waits for "${eventType}" events whose "${key}" ${reason}`,
    hint: `match only fields "${eventType}" events have, with values they accept`,
  }),
  shadowed: (ruleId: string, type: string, by: readonly string[], samePriority: boolean): IssueText => {
    const one = by.length === 1;
    const why = samePriority ? (one ? 'comes first in the pack' : 'come first in the pack') : one ? 'has a higher priority' : 'have higher priorities';
    return {
      message: `Rule "${ruleId}" never decides the ${DECIDES[type] ?? type}: whenever it holds, ${one ? 'rule' : 'rules'} ${quoteList(by)} also ${one ? 'holds' : 'hold'} and ${why}`,
      hint: 'remove it, narrow the rule that wins, or give this rule a higher priority if it should win',
    };
  },
  bucketGap: (ranges: string, conditional: readonly string[]): IssueText => ({
    message: `No bucket rule holds for DPD ${ranges}${conditional.length === 0 ? '' : ` (only ${quoteList(conditional)}, with other conditions, may)`}: a loan there keeps its previous bucket`,
    hint: 'add a bucket rule for these days or widen a neighbouring range: every DPD needs exactly one bucket',
  }),
  bucketOverlap: (winner: string, winnerBucket: string, loser: string, loserBucket: string, ranges: string, samePriority: boolean): IssueText => ({
    message: `DPD ${ranges} is in the range of both "${winner}" (${winnerBucket}) and "${loser}" (${loserBucket}); "${winner}" decides because it ${samePriority ? 'comes first in the pack' : 'has a higher priority'}`,
    hint: 'make the DPD ranges of bucket rules meet without overlapping',
  }),
  floorDrop: (ranges: string, tier: string, worse: string, worseRanges: string, worseEnd: number): IssueText => ({
    message: `The DPD floors get better as DPD grows: DPD ${ranges} ${tier === 'pass' ? 'has no floor' : `is floored at ${tier}`}, better than ${worse} for DPD ${worseRanges}`,
    hint: `a loan must not improve by staying unpaid longer: let the ${worse} floor hold above DPD ${worseEnd} too (no upper bound), or add a floor for DPD ${ranges}`,
  }),
  unusedParameter: (name: string): IssueText => ({
    message: `Parameter "${name}" is read by no rule and not by the engine`,
    hint: `remove it, or read it in a rule with { "param": "${name}" }`,
  }),
  unusedTaskKind: (kind: string): IssueText => ({
    message: `Task kind "${kind}" is raised by no rule`,
    hint: `remove it, or raise it from a rule: "event": { "type": "task", "params": { "kind": "${kind}", … } }`,
  }),
  unclosableTaskKind: (kind: string, parties: readonly string[], reasons: readonly string[]): IssueText => ({
    message: `Tasks of kind "${kind}"${parties.length === 0 ? '' : ` for ${parties.join(', ')}`} can never be done, so every one of them will be breached: ${reasons.join('; ')}`,
    hint: 'fix "closedBy": name an event field that exists, with a value that event accepts',
  }),
  deadClosingEvent: (kind: string, index: number, reason: string): IssueText => ({
    message: `closedBy[${index}] of task kind "${kind}" never does a task: ${reason}`,
    hint: 'fix the field name or value, or remove this entry',
  }),
  policyNotCovered: (id: string): IssueText => ({
    message: `Policy rule ${id} is listed in policy.ids, but no rule encodes it ("name": "${id}") and policy.outsideRules does not say where it is implemented`,
    hint: `add a rule with "name": "${id}", or, if code implements it, say where under policy.outsideRules`,
  }),
  policyUndeclaredRule: (id: string, ruleId: string, others: number): IssueText => ({
    message: `Rule "${ruleId}"${others === 0 ? '' : ` (and ${others} more)`} encodes ${id}, which policy.ids does not list`,
    hint: `add "${id}" to policy.ids in pack.json, or fix the rule's "name"`,
  }),
  policyUndeclaredOutside: (id: string): IssueText => ({
    message: `policy.outsideRules explains ${id}, which policy.ids does not list`,
    hint: `add "${id}" to policy.ids, or remove this entry`,
  }),
  stateWithoutRole: (state: string): IssueText => ({
    message: `State "${state}" has no role: the engine keeps no agency there, does not take it off the book and never settles it by role`,
    hint: 'give it the roles it plays in "tags" (performing, internalCollection, external, legal, writtenOff, settled, terminal)',
  }),
  permitNeverRead: (ruleId: string, action: string, file: string): IssueText => ({
    message: `Rule "${ruleId}" permits ${action}, but no transition of ${file} is guarded by that permit: it changes nothing`,
    hint: `guard the move with { "type": "permitted", "params": { "action": "${action}" } }, or remove the rule`,
  }),
  dailyFact: (ruleId: string, fact: string): IssueText => ({
    message: `Rule "${ruleId}" reads "${fact}", which changes every day: while the rule can hold, the engine must look at the loan every day instead of only on events and computed dates`,
    hint: 'compare a fact that changes only on events or due dates (e.g. "overduePrincipal" rather than "overdueTotal"), or accept the slower replay',
  }),
  timeFacts: (ruleId: string, a: string, b: string): IssueText => ({
    message: `Rule "${ruleId}" compares "${a}" with "${b}", two facts that change with time: the engine cannot compute when the comparison flips, so it must look at the loan every day`,
    hint: 'compare one of them with a number or a parameter instead',
  }),
});

/**
 * Clauses the linter puts inside its texts (the reason a `closedBy` entry never matches).
 *
 * @example
 * ```ts
 * lintClause.fieldNeverMatches('contactAttempt', 'party', 'is never "x"');
 * ```
 */
export const lintClause = {
  fieldNeverMatches: (eventType: string, key: string, reason: string): string => `the "${key}" of "${eventType}" events ${reason}`,
  samePartyMissing: (eventType: string, field: string, parties: readonly string[]): string =>
    `"${eventType}" events have no field "${field}" to name the party, so they can do the task of the borrower only, not of ${parties.join(', ')}`,
};
