/**
 * The texts about a lifecycle statechart in Chinese (`statechartText` in `workflow/statechartMessages.ts`).
 */
import type { statechartText } from '../../workflow/statechartMessages';
import type { Translation } from '../../errors/issueText';
import { didYouMeanZh } from './zhWords';

/**
 * `statechartText` in Chinese.
 *
 * @example
 * ```ts
 * statechartZh.unknownTarget('litigaton', ['litigation']).message; // '未知的状态 "litigaton"'
 * ```
 */
export const statechartZh: Translation<typeof statechartText> = {
  unknownTarget: (target, states) => ({ message: `未知的状态 "${target}"`, hint: didYouMeanZh(target, states) }),
  decideGuard: (target) => ({
    message: 'DECIDE 转移必须由指向其自身目标的 decidedTo 守卫',
    hint: `请写 "guard": { "type": "decidedTo", "params": { "to": "${target}" } }`,
  }),
  decidedToOutsideDecide: (event) => ({
    message: `守卫 decidedTo 只响应 DECIDE，不响应 ${event}`,
    hint: '历史事件请用 "permitted"（规则许可）守卫，或不加守卫',
  }),
  unreachable: (state, initial) => ({
    message: `从初始状态 "${initial}" 无法到达状态 "${state}"`,
    hint: `请从某个可到达的状态添加转入 "${state}" 的转移，或删除该状态`,
  }),
  roleMissing: (role, why) => ({
    message: `没有任何状态带有引擎所需的角色 "${role}"：${why}`,
    hint: `请在承担该角色的状态的 "tags" 中加入 "${role}"`,
  }),
  initialRole: (initial) => ({
    message: `初始状态 "${initial}" 必须带有角色 "performing"：贷款自放款日起处于正常状态`,
    hint: `请在 "${initial}" 的 "tags" 中加入 "performing"`,
  }),
  terminalNeeded: (state, role) => ({
    message: `状态 "${state}" 带有角色 "${role}" 但没有 "terminal"：${role === 'settled' ? '已结清' : '已核销'}的贷款不再转移`,
    hint: `请在 "${state}" 的 "tags" 中加入 "terminal"`,
  }),
  terminalMoves: (state, event) => ({
    message: `状态 "${state}" 是终止状态，却在 ${event} 时转移`,
    hint: `请删除 ${event} 转移，或删除角色 "terminal"`,
  }),
  exclusiveRoles: (state, a, b) => ({
    message: `状态 "${state}" 同时带有互斥的角色 "${a}" 和 "${b}"`,
    hint: '请只保留其中一个',
  }),
};
