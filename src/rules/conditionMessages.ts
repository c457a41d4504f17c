/**
 * Every user-facing sentence about a rule's conditions (`validateConditions`), in one place.
 */
import type { IssueText } from '../contract/messages';
import { textModule } from '../errors/issueText';
import { didYouMean, nearest } from '../errors/suggest';
import type { FactSpec } from './facts';

/** A value as the rule file wrote it. */
export function ruleValue(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
}

function needsOf(spec: FactSpec): string {
  switch (spec.type) {
    case 'data':
      return 'a value of the type the pack declares for it (text, a number or true/false)';
    case 'integer':
      return 'a whole number';
    case 'money':
      return 'an amount written as a string with 2 decimals, e.g. "50000.00"';
    case 'ratio':
      return 'a decimal ratio written as a string, e.g. "1.00"';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${(spec.values ?? []).map((v) => `"${v}"`).join(', ')}`;
    case 'string':
      return 'text';
  }
}

/**
 * The texts of problems in a rule's conditions.
 *
 * @example
 * ```ts
 * conditionText.unknownFact('dpdd', ['dpd']).hint; // 'did you mean "dpd"?'
 * ```
 */
export const conditionText = textModule('condition', {
  unknownKey: (key: string, known: readonly string[]): IssueText => {
    const near = nearest(key, known);
    return { message: `Unknown key "${key}"`, hint: near === undefined ? `remove it; a condition may hold ${known.map((k) => `"${k}"`).join(', ')}` : `did you mean "${near}"?` };
  },
  notWholeNumber: (fact: string, raw: unknown): IssueText => ({
    message: `Fact "${fact}" is a whole number; ${ruleValue(raw)} is not`,
    hint: typeof raw === 'string' && /^\d+$/.test(raw) ? `write ${raw} without quotes` : 'write a whole number such as 30',
  }),
  moneyNumber: (fact: string, raw: number): IssueText => ({
    message: `Fact "${fact}" is money; a JSON number loses fen`,
    hint: `write the amount as a string with 2 decimals, e.g. "${raw.toFixed(2)}"`,
  }),
  notMoney: (fact: string, raw: unknown): IssueText => ({
    message: `Fact "${fact}" is money; ${ruleValue(raw)} is not an amount`,
    hint: 'write the amount as a string with 2 decimals, e.g. "50000.00"',
  }),
  notRatio: (fact: string, raw: unknown): IssueText => ({
    message: `Fact "${fact}" is a ratio; ${ruleValue(raw)} is not`,
    hint: typeof raw === 'number' ? `write it as a string, e.g. "${raw.toFixed(2)}"` : 'write a decimal string with at most 6 decimals, e.g. "1.00"',
  }),
  notBoolean: (fact: string, raw: unknown): IssueText => ({
    message: `Fact "${fact}" is true or false; ${ruleValue(raw)} is neither`,
    hint: 'write true or false without quotes',
  }),
  notInEnum: (fact: string, raw: unknown, values: readonly string[]): IssueText => ({
    message: `Fact "${fact}" has no value ${ruleValue(raw)}`,
    hint: typeof raw === 'string' ? didYouMean(raw, values) : `valid values: ${values.join(', ')}`,
  }),
  notText: (fact: string, raw: unknown): IssueText => ({
    message: `Fact "${fact}" is text; ${ruleValue(raw)} is not`,
    hint: 'write the value in quotes',
  }),
  paramType: (param: string, resolved: unknown, fact: string, list: boolean, spec: FactSpec, hint: IssueText): IssueText => ({
    message: `Parameter "${param}" is ${ruleValue(resolved)}, but rules compare it with fact "${fact}", which needs ${list ? 'a list of ' : ''}${needsOf(spec)}`,
    ...(hint.hint === undefined ? {} : { hint: hint.hint }),
  }),
  factMissing: (): IssueText => ({ message: 'A condition needs a "fact" name', hint: 'add "fact": "dpd" (or another fact of the catalogue)' }),
  unknownFact: (fact: string, facts: readonly string[]): IssueText => ({ message: `Unknown fact "${fact}"`, hint: didYouMean(fact, facts) }),
  noPath: (fact: string): IssueText => ({ message: `Fact "${fact}" is a single value; it has no "path" to follow`, hint: 'remove "path"' }),
  noParams: (fact: string): IssueText => ({ message: `Fact "${fact}" takes no "params"`, hint: 'remove "params"' }),
  operatorMissing: (operators: readonly string[]): IssueText => ({ message: 'A condition needs an "operator"', hint: `use one of: ${operators.join(', ')}` }),
  unknownOperator: (base: string, operators: readonly string[]): IssueText => ({ message: `Unknown operator "${base}"`, hint: didYouMean(base, operators) }),
  unknownDecorator: (d: string, decorators: readonly string[]): IssueText => ({ message: `Unknown operator decorator "${d}"`, hint: didYouMean(d, decorators) }),
  decoratorNeedsList: (d: string, fact: string): IssueText => ({
    message: `The decorator "${d}" needs a list fact; "${fact}" is a single value`,
    hint: 'use "not:", "someValue:" or "everyValue:" instead',
  }),
  containmentNeedsList: (base: string, fact: string): IssueText => ({
    message: `"${base}" tests a list fact; "${fact}" is a single value`,
    hint: 'use "in" or "notIn" with a list value instead',
  }),
  orderNeedsNumber: (base: string, fact: string, type: string): IssueText => ({
    message: `"${base}" compares numbers; fact "${fact}" is ${type === 'enum' ? 'one of a list of names' : type}`,
    hint: 'use "equal", "notEqual", "in" or "notIn"',
  }),
  factTypes: (fact: string, type: string, other: string, otherType: string, operator: string): IssueText => ({
    message: `Fact "${fact}" (${type}) cannot be compared with fact "${other}" (${otherType}) by "${operator}"`,
    hint: 'compare facts of the same type with a scalar operator',
  }),
  unknownParam: (param: string, known: readonly string[]): IssueText => {
    const near = nearest(param, known);
    return {
      message: `Unknown parameter "${param}"`,
      hint: near === undefined ? `define "${param}" under "parameters" in pack.json` : `did you mean "${near}"? If not, define "${param}" under "parameters" in pack.json`,
    };
  },
  listNeeded: (operator: string, example: string): IssueText => ({ message: `"${operator}" needs a non-empty list value`, hint: `write a list, e.g. ["${example}"]` }),
  tooDeep: (max: number): IssueText => ({ message: `Conditions are nested more than ${max} levels deep`, hint: 'flatten the conditions; split the rule in two if needed' }),
  notObject: (): IssueText => ({ message: 'A condition must be an object', hint: 'write { "fact": …, "operator": …, "value": … } or { "all": [ … ] }' }),
  manyGroups: (groups: readonly string[]): IssueText => ({
    message: `A condition may hold only one of "all", "any" and "not"; this one has ${groups.map((g) => `"${g}"`).join(' and ')}`,
    hint: 'nest one group inside the other',
  }),
  sharedCondition: (): IssueText => ({ message: 'Shared condition references ("condition") are not supported', hint: 'write the condition out in full' }),
  groupNotList: (group: string): IssueText => ({ message: `"${group}" must be a list of conditions`, hint: `write "${group}": [ { … }, { … } ]` }),
  emptyGroup: (group: string): IssueText => ({
    message: `An empty "${group}" checks nothing, so the rule would fire for every loan`,
    hint: group === 'all' ? 'add the conditions the rule needs, or remove the rule' : 'list the alternatives inside "any", or remove the rule',
  }),
  noTopGroup: (): IssueText => ({ message: 'A rule\'s conditions must start with "all", "any" or "not"', hint: 'wrap the condition: "conditions": { "all": [ { … } ] }' }),
});
