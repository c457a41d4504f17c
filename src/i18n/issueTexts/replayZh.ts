/**
 * The replay API's input checks in Chinese (`replayText` in `engine/replayMessages.ts`).
 */
import type { replayText } from '../../engine/replayMessages';
import type { Translation } from '../../errors/issueText';
import { quoteListZh } from './zhWords';

const KIND_OF: Readonly<Record<string, string>> = { inspection: '检查', notice: '通知' };

/**
 * `replayText` in Chinese.
 *
 * @example
 * ```ts
 * replayZh.noPack().message; // '未给出任何规则包版本'
 * ```
 */
export const replayZh: Translation<typeof replayText> = {
  otherLoan: (historyLoan, snapshotLoan) => ({ message: `贷款历史属于贷款 ${historyLoan}，快照属于贷款 ${snapshotLoan}`, hint: '每份快照请配合其自身贷款的历史继续回放' }),
  beforeSnapshot: (asOf, snapshotDay) => ({ message: `截至日 ${asOf} 早于快照日 ${snapshotDay}`, hint: '请继续回放到快照日或之后，或从头回放贷款历史' }),
  eventBeforeSnapshot: (id, type, loanId, on, snapshotDay) => ({
    message: `贷款 ${loanId} 的事件 ${id}（${type}）日期为 ${on}，不晚于快照日 ${snapshotDay}：快照无法接收该事件`,
    hint: '请只传入快照日之后的事件，或给出该贷款的完整历史（options.history）从头回放',
  }),
  noPack: () => ({ message: '未给出任何规则包版本', hint: '请至少传入一个编译好的规则包' }),
  otherPack: (id, version, firstId) => ({ message: `规则包 ${id} ${version} 不是 ${firstId} 的版本`, hint: '请用同一规则包（相同 id）的各个版本回放' }),
  sameStart: (a, b, on) => ({ message: `版本 ${a} 与 ${b} 都从 ${on} 起生效`, hint: '每个版本须有各自的 effectiveFrom' }),
  versionGap: (from, to, version, ends) => ({
    message: `${from} 至 ${to} 期间没有生效的版本：${version} 于 ${ends} 失效`,
    hint: '请补上空档：延长 effectiveTo，或提前下一版本的 effectiveFrom',
  }),
  asOfOutOfRange: (asOf, first, last) => ({ message: `截至日 ${asOf} 超出支持的日期范围 ${first} 至 ${last}`, hint: '请用 day("YYYY-MM-DD") 以该范围内的日期构造' }),
  packNotEffective: (id, version, from, to, asOf) => ({
    message: `规则包 ${id} ${version} 自 ${from}${to === undefined ? ' 起' : ` 至 ${to} `}生效，截至日 ${asOf} 不在其内`,
    hint: '请使用在该日期生效的规则包版本',
  }),
  beforeDisbursement: (asOf, loanId, disbursedOn) => ({ message: `截至日 ${asOf} 早于贷款 ${loanId} 的放款日（${disbursedOn}）`, hint: '请回放到放款日或之后的日期' }),
  unknownKind: (type, kind, id, near, names) => ({
    message: `未知的${KIND_OF[type] ?? type}类型 "${kind}"（事件 ${id}）：规则包中没有该类型，该事件无法完成任何任务`,
    hint: `${near === undefined ? '' : `是否应为 "${near}"？`}规则包中的${KIND_OF[type] ?? type}类型：${quoteListZh(names.slice(0, 30))}${names.length > 30 ? '、…' : ''}`,
  }),
};
