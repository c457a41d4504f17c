/**
 * The texts about a rule's conditions in Chinese (`conditionText` in `rules/conditionMessages.ts`).
 */
import type { conditionText } from '../../rules/conditionMessages';
import { ruleValue } from '../../rules/conditionMessages';
import type { FactSpec } from '../../rules/facts';
import type { Translation } from '../../errors/issueText';
import { nearest } from '../../errors/suggest';
import { localizeIssue } from './localizeIssue';
import { didYouMeanZh, quoteListZh } from './zhWords';

const TYPE: Readonly<Record<string, string>> = { integer: '整数', money: '金额', ratio: '比率', boolean: '布尔值', enum: '枚举名称', string: '文本' };
const typeZh = (type: string): string => TYPE[type] ?? type;

function needsOfZh(spec: FactSpec): string {
  switch (spec.type) {
    case 'data':
      return '与规则包声明的类型相符的值（文本、数字或 true/false）';
    case 'integer':
      return '整数';
    case 'money':
      return '保留 2 位小数的金额字符串，例如 "50000.00"';
    case 'ratio':
      return '写成字符串的小数比率，例如 "1.00"';
    case 'boolean':
      return 'true 或 false';
    case 'enum':
      return `${quoteListZh(spec.values ?? [])} 之一`;
    case 'string':
      return '文本';
  }
}

/**
 * `conditionText` in Chinese.
 *
 * @example
 * ```ts
 * conditionZh.unknownFact('dpdd', ['dpd']).message; // '未知的事实 "dpdd"'
 * ```
 */
export const conditionZh: Translation<typeof conditionText> = {
  unknownKey: (key, known) => {
    const near = nearest(key, known);
    return { message: `未知字段 "${key}"`, hint: near === undefined ? `请删除该字段；条件中只能包含 ${quoteListZh(known)}` : `是否应为 "${near}"？` };
  },
  notWholeNumber: (fact, raw) => ({
    message: `事实 "${fact}" 是整数，${ruleValue(raw)} 不是整数`,
    hint: typeof raw === 'string' && /^\d+$/.test(raw) ? `请去掉引号，写作 ${raw}` : '请填写整数，例如 30',
  }),
  moneyNumber: (fact, raw) => ({
    message: `事实 "${fact}" 是金额，写成 JSON 数字会丢失分`,
    hint: `请把金额写成保留 2 位小数的字符串，例如 "${raw.toFixed(2)}"`,
  }),
  notMoney: (fact, raw) => ({
    message: `事实 "${fact}" 是金额，${ruleValue(raw)} 不是有效金额`,
    hint: '请把金额写成保留 2 位小数的字符串，例如 "50000.00"',
  }),
  notRatio: (fact, raw) => ({
    message: `事实 "${fact}" 是比率，${ruleValue(raw)} 不是有效比率`,
    hint: typeof raw === 'number' ? `请写成字符串，例如 "${raw.toFixed(2)}"` : '请填写不超过 6 位小数的小数字符串，例如 "1.00"',
  }),
  notBoolean: (fact, raw) => ({
    message: `事实 "${fact}" 取值为 true 或 false，${ruleValue(raw)} 两者都不是`,
    hint: '请填写不带引号的 true 或 false',
  }),
  notInEnum: (fact, raw, values) => ({
    message: `事实 "${fact}" 没有取值 ${ruleValue(raw)}`,
    hint: typeof raw === 'string' ? didYouMeanZh(raw, values) : `有效取值：${quoteListZh(values)}`,
  }),
  notText: (fact, raw) => ({
    message: `事实 "${fact}" 是文本，${ruleValue(raw)} 不是文本`,
    hint: '请把取值写在引号中',
  }),
  paramType: (param, resolved, fact, list, spec, hint) => {
    const h = localizeIssue(hint, 'zh-CN').hint;
    return {
      message: `参数 "${param}" 的值为 ${ruleValue(resolved)}，但规则拿它与事实 "${fact}" 比较，该事实需要${list ? '由以下取值组成的列表：' : ''}${needsOfZh(spec)}`,
      ...(h === undefined ? {} : { hint: h }),
    };
  },
  factMissing: () => ({ message: '条件缺少 "fact"（事实名称）', hint: '请添加 "fact": "dpd"（或事实目录中的其他事实）' }),
  unknownFact: (fact, facts) => ({ message: `未知的事实 "${fact}"`, hint: didYouMeanZh(fact, facts) }),
  noPath: (fact) => ({ message: `事实 "${fact}" 是单个值，没有可以深入的 "path"`, hint: '请删除 "path"' }),
  noParams: (fact) => ({ message: `事实 "${fact}" 不接受 "params"`, hint: '请删除 "params"' }),
  operatorMissing: (operators) => ({ message: '条件缺少 "operator"（运算符）', hint: `请使用其中之一：${operators.join('、')}` }),
  unknownOperator: (base, operators) => ({ message: `未知的运算符 "${base}"`, hint: didYouMeanZh(base, operators) }),
  unknownDecorator: (d, decorators) => ({ message: `未知的运算符修饰 "${d}"`, hint: didYouMeanZh(d, decorators) }),
  decoratorNeedsList: (d, fact) => ({
    message: `修饰 "${d}" 需要列表型事实，而 "${fact}" 是单个值`,
    hint: '请改用 "not:"、"someValue:" 或 "everyValue:"',
  }),
  containmentNeedsList: (base, fact) => ({
    message: `"${base}" 用于检查列表型事实，而 "${fact}" 是单个值`,
    hint: '请改用 "in" 或 "notIn"，并给出列表取值',
  }),
  orderNeedsNumber: (base, fact, type) => ({
    message: `"${base}" 用于比较数值，而事实 "${fact}" 是${typeZh(type)}`,
    hint: '请使用 "equal"、"notEqual"、"in" 或 "notIn"',
  }),
  factTypes: (fact, type, other, otherType, operator) => ({
    message: `事实 "${fact}"（${typeZh(type)}）不能用 "${operator}" 与事实 "${other}"（${typeZh(otherType)}）比较`,
    hint: '请用标量运算符比较同一类型的事实',
  }),
  unknownParam: (param, known) => {
    const near = nearest(param, known);
    return {
      message: `未知的参数 "${param}"`,
      hint: near === undefined ? `请在 pack.json 的 "parameters" 中定义 "${param}"` : `是否应为 "${near}"？如不是，请在 pack.json 的 "parameters" 中定义 "${param}"`,
    };
  },
  listNeeded: (operator, example) => ({ message: `"${operator}" 需要非空的列表取值`, hint: `请写成列表，例如 ["${example}"]` }),
  tooDeep: (max) => ({ message: `条件嵌套超过 ${max} 层`, hint: '请减少嵌套层级；必要时把规则拆成两条' }),
  notObject: () => ({ message: '条件须为对象', hint: '请写作 { "fact": …, "operator": …, "value": … } 或 { "all": [ … ] }' }),
  manyGroups: (groups) => ({
    message: `一个条件只能包含 "all"、"any"、"not" 之一，此条件同时包含 ${quoteListZh(groups)}`,
    hint: '请把其中一组嵌套到另一组之内',
  }),
  sharedCondition: () => ({ message: '不支持共享条件引用（"condition"）', hint: '请把条件完整写出' }),
  groupNotList: (group) => ({ message: `"${group}" 须为条件列表`, hint: `请写作 "${group}": [ { … }, { … } ]` }),
  emptyGroup: (group) => ({
    message: `空的 "${group}" 不检查任何内容，规则将对所有贷款触发`,
    hint: group === 'all' ? '请添加规则所需的条件，或删除该规则' : '请在 "any" 中列出各个备选条件，或删除该规则',
  }),
  noTopGroup: () => ({ message: '规则的 conditions 须以 "all"、"any" 或 "not" 开始', hint: '请把条件包起来："conditions": { "all": [ { … } ] }' }),
};
