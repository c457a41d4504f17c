/**
 * The pack linter's texts in Chinese (`lintText` in `rules/lintMessages.ts`).
 */
import type { lintText } from '../../rules/lintMessages';
import type { Translation } from '../../errors/issueText';
import { quoteListZh } from './zhWords';

const DECIDES: Readonly<Record<string, string>> = { bucket: '逾期档位', riskLevel: '风险等级', managementMode: '管理模式', segment: '催收阶段' };
const TIER: Readonly<Record<string, string>> = { pass: '正常', specialMention: '关注', substandard: '次级', doubtful: '可疑', loss: '损失' };
const tierZh = (tier: string): string => (TIER[tier] === undefined ? tier : `${TIER[tier]}（${tier}）`);
const FIX = '请更正有误的运算符或取值：永不触发的规则不起任何作用';

/**
 * `lintText` in Chinese.
 *
 * @example
 * ```ts
 * lintZh.unusedParameter('graceDays').message; // '参数 "graceDays" 既没有规则读取，引擎也不使用'
 * ```
 */
export const lintZh: Translation<typeof lintText> = {
  neverFiresConflict: (ruleId, leaves) => ({
    message: `规则 "${ruleId}" 永远不会触发：${leaves.length === 1 ? `${leaves[0] ?? ''} 永远不成立` : `${leaves.join('、')} 不可能同时成立`}`,
    hint: FIX,
  }),
  neverFires: (ruleId) => ({
    message: `规则 "${ruleId}" 永远不会触发：其事实的任何取值都不满足条件`,
    hint: FIX,
  }),
  anchorNeverMatches: (ruleId, eventType, key, reason) => ({
    message: `规则 "${ruleId}" 等待的 "${eventType}" 事件，其 "${key}" 字段 ${reason}`,
    hint: `只匹配 "${eventType}" 事件实际具有的字段，并使用该事件接受的取值`,
  }),
  shadowed: (ruleId, type, by, samePriority) => ({
    message: `规则 "${ruleId}" 永远决定不了${DECIDES[type] ?? type}：它成立时，规则 ${quoteListZh(by)} 也成立，且${samePriority ? '在规则包中排在前面' : '优先级更高'}`,
    hint: '请删除此规则、收窄胜出的规则，或在此规则应当胜出时提高其优先级',
  }),
  bucketGap: (ranges, conditional) => ({
    message: `逾期天数（DPD）${ranges} 没有任何档位规则成立${conditional.length === 0 ? '' : `（仅 ${quoteListZh(conditional)} 在满足其他条件时可能成立）`}：处于该区间的贷款将沿用之前的档位`,
    hint: '请为这些天数添加档位规则，或扩大相邻区间：每个逾期天数都须恰好对应一个档位',
  }),
  bucketOverlap: (winner, winnerBucket, loser, loserBucket, ranges, samePriority) => ({
    message: `逾期天数 ${ranges} 同时落在 "${winner}"（${winnerBucket}）和 "${loser}"（${loserBucket}）的区间内；由 "${winner}" 决定，因为它${samePriority ? '在规则包中排在前面' : '优先级更高'}`,
    hint: '请使各档位规则的逾期天数区间首尾相接、互不重叠',
  }),
  floorDrop: (ranges, tier, worse, worseRanges, worseEnd) => ({
    message: `五级分类下限随逾期天数增加反而变好：逾期天数 ${ranges} ${tier === 'pass' ? '没有分类下限' : `的分类下限为${tierZh(tier)}`}，好于逾期天数 ${worseRanges} 的${tierZh(worse)}`,
    hint: `贷款不能因拖欠更久而分类变好：请让${tierZh(worse)}下限在逾期天数超过 ${worseEnd} 后继续适用（不设上限），或为逾期天数 ${ranges} 添加分类下限`,
  }),
  unusedParameter: (name) => ({
    message: `参数 "${name}" 既没有规则读取，引擎也不使用`,
    hint: `请删除该参数，或在规则中以 { "param": "${name}" } 读取它`,
  }),
  unusedTaskKind: (kind) => ({
    message: `任务类型 "${kind}" 没有任何规则生成`,
    hint: `请删除该任务类型，或由规则生成它："event": { "type": "task", "params": { "kind": "${kind}", … } }`,
  }),
  unclosableTaskKind: (kind, parties, reasons) => ({
    message: `"${kind}" 类任务${parties.length === 0 ? '' : `（对象：${parties.join('、')}）`}永远无法完成，每一项都将超期：${reasons.join('；')}`,
    hint: '请更正 "closedBy"：填写该事件确有的字段，并使用该事件接受的取值',
  }),
  deadClosingEvent: (kind, index, reason) => ({
    message: `任务类型 "${kind}" 的 closedBy[${index}] 永远完成不了任务：${reason}`,
    hint: '请更正字段名或取值，或删除此项',
  }),
  policyNotCovered: (id) => ({
    message: `制度条款 ${id} 列在 policy.ids 中，但没有规则实现它（"name": "${id}"），policy.outsideRules 也未说明在何处实现`,
    hint: `请添加 "name": "${id}" 的规则；若由代码实现，请在 policy.outsideRules 中注明位置`,
  }),
  policyUndeclaredRule: (id, ruleId, others) => ({
    message: `规则 "${ruleId}"${others === 0 ? '' : `（另有 ${others} 条）`}实现了制度条款 ${id}，但 policy.ids 中没有列出它`,
    hint: `请在 pack.json 的 policy.ids 中添加 "${id}"，或更正该规则的 "name"`,
  }),
  policyUndeclaredOutside: (id) => ({
    message: `policy.outsideRules 说明了制度条款 ${id}，但 policy.ids 中没有列出它`,
    hint: `请在 policy.ids 中添加 "${id}"，或删除此项`,
  }),
  stateWithoutRole: (state) => ({
    message: `状态 "${state}" 没有任何角色：引擎在该状态下不保留委外机构、不将其移出账面，也不会按角色视其为结清`,
    hint: '请在 "tags" 中写明它承担的角色（performing、internalCollection、external、legal、writtenOff、settled、terminal）',
  }),
  permitNeverRead: (ruleId, action, file) => ({
    message: `规则 "${ruleId}" 许可 ${action}，但 ${file} 中没有任何转移以该许可为守卫：该规则不起作用`,
    hint: `请以 { "type": "permitted", "params": { "action": "${action}" } } 守卫相应转移，或删除该规则`,
  }),
  dailyFact: (ruleId, fact) => ({
    message: `规则 "${ruleId}" 读取每天都会变化的 "${fact}"：只要该规则可能成立，引擎就须逐日检查贷款，而不是只在事件和计算出的日期检查`,
    hint: '请改为比较只在事件或到期日变化的事实（例如用 "overduePrincipal" 代替 "overdueTotal"），或接受较慢的回放',
  }),
  timeFacts: (ruleId, a, b) => ({
    message: `规则 "${ruleId}" 比较 "${a}" 与 "${b}" 这两个随时间变化的事实：引擎无法算出比较结果何时翻转，只能逐日检查贷款`,
    hint: '请改为将其中一个与数字或参数比较',
  }),
};
