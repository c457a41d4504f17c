/**
 * The replay API's input checks in Chinese (`replayText` in `engine/replayMessages.ts`).
 */
import type { replayText } from '../../engine/replayMessages';
import type { Translation } from '../../errors/issueText';
import { quoteListZh } from './zhWords';

const EDITED = '快照已被截断或编辑：请从头回放贷款历史';

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
  snapshotNotObject: () => ({ message: '快照须为 JSON 对象', hint: '请按原样传入 replayWithSnapshot 或 resumeReplay 返回并保存的内容' }),
  snapshotNoVersion: () => ({ message: '快照中没有 snapshotVersion', hint: '它不是 postloan 快照，或已被截断：请从头回放贷款历史' }),
  snapshotNewer: (version, current) => ({ message: `快照格式 ${version} 比当前 postloan 支持的格式（${current}）更新`, hint: '请升级 postloan，或从头回放贷款历史' }),
  snapshotOlder: (version, current) => ({ message: `快照格式 ${version} 早于当前格式（${current}）`, hint: '请向 restoreSnapshot 传入 migrate 函数，或从头回放贷款历史' }),
  snapshotMigration: (version, current) => ({ message: `从格式 ${version} 迁移后没有得到格式 ${current}`, hint: '请修正 migrate 函数：它须返回 snapshotVersion 为当前格式的快照' }),
  snapshotNoChecksum: () => ({ message: '快照中没有校验和：它已被修改或截断', hint: '请使用 postloan 写出的原始快照，或从头回放贷款历史' }),
  snapshotModified: () => ({ message: '快照已被修改：内容与校验和不符', hint: '请使用 postloan 写出的原始快照（快照不应手工编辑），或从头回放贷款历史' }),
  snapshotStatechart: (made, current) => ({ message: `快照由状态图 ${made} 生成；当前 postloan 运行的是 ${current}`, hint: '请在当前状态图下从头回放贷款历史' }),
  snapshotPack: (made, pack) => ({
    message: `快照${made === undefined ? '未注明规则包' : `由规则包 ${made} 生成`}，而不是 ${pack}`,
    hint: '请用生成快照时的规则包续算，或在新规则包下从头回放贷款历史',
  }),
  snapshotNoAsOf: () => ({ message: '快照中没有有效的 asOf 日期', hint: '快照须注明它回放到的日期，格式为 YYYY-MM-DD' }),
  snapshotLoanId: (named, held) => ({ message: `快照注明的贷款为 ${named}，实际保存的却是贷款 ${held}`, hint: '它被编辑过或与另一笔贷款的快照混淆：请从头回放贷款历史' }),
  snapshotReview: (review) => ({ message: `快照中的 nextReviewOn ${review} 既不是日期也不是 null`, hint: EDITED }),
  snapshotNoState: () => ({ message: '快照中没有引擎状态', hint: EDITED }),
  snapshotStateInvalid: (detail) => ({ message: `快照中的引擎状态无效：${detail}`, hint: EDITED }),
  snapshotLedger: (count, key, instalments) => ({ message: `分户账 ${key} 有 ${count} 项，而还款计划有 ${instalments} 期`, hint: EDITED }),
  snapshotDay: (day, disbursedOn, asOf) => ({ message: `快照的最后计算日 ${day} 不在放款日 ${disbursedOn} 与快照日期 ${asOf} 之间`, hint: EDITED }),
  snapshotStateSince: (day) => ({ message: `贷款于 ${day} 进入当前状态，晚于最后计算日`, hint: EDITED }),
  snapshotDimensions: (stored, expected) => ({ message: `快照中的维度为 [${stored.join(', ')}]，规则包声明的维度为 [${expected.join(', ')}]`, hint: EDITED }),
  snapshotDimensionValue: (name, value, values) => ({ message: `"${value}" 不是维度 ${name} 的取值（${values.join('、')}）`, hint: EDITED }),
};
