/**
 * The history layer's issue texts in Chinese (`historyText` in `history/messages.ts`).
 */
import type { historyText } from '../../history/messages';
import type { Translation } from '../../errors/issueText';
import { formatDay } from '../../time/day';
import { describeValueZh, didYouMeanZh, quoteListZh } from './zhWords';

const PARTY: Readonly<Record<string, string>> = { borrower: '借款人', contact: '联系人', guarantor: '担保人', collateral: '押品' };
const partyZh = (party: string): string => PARTY[party] ?? party;

/**
 * `historyText` in Chinese.
 *
 * @example
 * ```ts
 * historyZh.loanMissing().message; // '缺少必填项 "loan"'
 * ```
 */
export const historyZh: Translation<typeof historyText> = {
  timestampFormat: (value) => ({
    message: `时间戳须为带 UTC 时差的 ISO 8601 格式，实际为 ${JSON.stringify(value)}`,
    hint: '请写成 "2026-02-17T09:30:00+08:00" 这样的格式',
  }),
  timestampNoOffset: (value) => ({
    message: `时间戳 ${JSON.stringify(value)} 没有 UTC 时差，所指时刻不明确`,
    hint: `请加上时差，例如北京时间写作 "${value}+08:00"`,
  }),
  timestampInvalid: (value) => ({
    message: `${JSON.stringify(value)} 不是真实存在的日期时间`,
    hint: '请检查日期、时间（小时 00–23，分、秒 00–59）和时差（最多 ±23:59）',
  }),
  eventNotObject: (value) => ({
    message: `事件须为 JSON 对象，实际为${describeValueZh(value)}`,
    hint: '每个事件写作 { "id": …, "type": …, "on": "YYYY-MM-DD", … }',
  }),
  eventsNotArray: (value) => ({
    message: `"events" 须为事件列表，实际为${describeValueZh(value)}`,
    hint: '请写作 "events": [ … ]；尚未发生任何事件时可省略',
  }),
  historyNotObject: (value) => ({
    message: `贷款历史文件须为包含 "loan" 和 "events" 的 JSON 对象，实际为${describeValueZh(value)}`,
    hint: '文件请以 { "loan": { … }, "events": [ … ] } 开头',
  }),
  loanMissing: () => ({
    message: '缺少必填项 "loan"',
    hint: '请添加贷款合同："loan": { "id", "borrower", "principal", … }',
  }),
  loanNotObject: (value) => ({
    message: `"loan" 须为对象，实际为${describeValueZh(value)}`,
    hint: '请写作 "loan": { "id", "borrower", "principal", … }',
  }),
  eventTypeMissing: (types) => ({
    message: '事件缺少 "type"',
    hint: `请添加 "type"，取值为 ${quoteListZh(types)} 之一`,
  }),
  eventTypeUnknown: (type, types) => ({
    message: `未知的事件类型 ${describeValueZh(type)}`,
    hint: typeof type === 'string' ? didYouMeanZh(type, types) : `请使用其中之一：${quoteListZh(types)}`,
  }),
  eventBeforeDisbursement: (id, on, disbursedOn) => ({
    message: `事件 "${id}" 的日期为 ${formatDay(on)}，早于放款日 ${formatDay(disbursedOn)}`,
    hint: '请检查日期：放款之前贷款不会发生任何事件',
  }),
  duplicateEventId: (id, first, second) => ({
    message: `事件编号 "${id}" 同时用于 events[${first}] 和 events[${second}]，且内容不同`,
    hint: '每个事件须有各自的编号（完全相同的重复事件会被忽略）',
  }),
  promiseBeforeItWasMade: (by, on) => ({
    message: `承诺还款日 ${formatDay(by)} 早于作出承诺的日期 ${formatDay(on)}`,
    hint: '"by" 是借款人承诺还款的最后日期，应不早于 "on"',
  }),
  maturityNotAfterEvent: (newMaturity, on) => ({
    message: `新到期日 ${formatDay(newMaturity)} 不晚于展期本身的日期（${formatDay(on)}）`,
    hint: '展期会推迟到期日：newMaturity 应晚于 "on"',
  }),
  riskSignalValue: (indicator, kind, value) => ({
    message: `风险指标 "${indicator}" 的取值应为${kind === 'ratio' ? '比率' : ' true 或 false'}，${JSON.stringify(value)} 不符合`,
    hint: kind === 'ratio' ? '请填写不超过 6 位小数的非负小数，例如 "0.72"（即 72%）' : '请填写不带引号的 true 或 false',
  }),
  restructureRepaymentWithoutTerm: () => ({
    message: '"repayment" 规定重组后如何生成还款计划，因此须同时给出 "termMonths"',
    hint: '请同时填写 "termMonths"；若重组已给出自己的 "schedule"，请去掉 "repayment"',
  }),
  restructureTerms: (both) => ({
    message: both ? '重组同时给出了 "schedule" 和 "termMonths"，只能给出其一' : '重组须给出新的还款条件："schedule" 或 "termMonths"',
    hint: '给出 "termMonths" 按剩余本金重新生成还款计划，或给出明确的 "schedule"',
  }),
  unknownParty: (party, id, known) => ({
    message: `partyId "${id}" 不是此贷款的${partyZh(party)}`,
    hint: known.length === 0 ? `贷款未列出任何${party === 'contact' ? '借款人联系人' : partyZh(party)}：请在贷款中添加，或更正编号` : didYouMeanZh(id, known),
  }),
  unknownCollateral: (id, known) => ({
    message: `collateralId "${id}" 不是此贷款的押品`,
    hint: known.length === 0 ? '贷款未列出任何押品：请在 loan.collateral 中添加，或更正编号' : didYouMeanZh(id, known),
  }),
  reversalUnknown: (id, reverses, near) => ({
    message: `冲正事件 "${id}" 要冲正的事件 "${reverses}" 不在本贷款的历史中`,
    hint: `${near === undefined ? '' : `是否应为 "${near}"？`}冲正事件须填写在它之前已登记事件的编号`,
  }),
  reversalOfReversal: (id, reverses) => ({
    message: `冲正事件 "${id}" 要冲正的 "${reverses}" 本身就是冲正事件；冲正不能再被冲正`,
    hint: `如需恢复被 "${reverses}" 冲正的事件，请以新的编号重新登记该事件`,
  }),
  reversalRepeated: (id, reverses, first) => ({
    message: `事件 "${reverses}" 已由 "${first}" 冲正；冲正事件 "${id}" 重复冲正`,
    hint: `请删除 "${id}"，或把它的 "reverses" 改为原本要冲正的事件`,
  }),
  reversalBeforeEvent: (id, on, reverses, eventOn) => ({
    message: `冲正事件 "${id}" 的日期 ${formatDay(on)} 早于被冲正事件 "${reverses}" 的日期（${formatDay(eventOn)}）`,
    hint: `请把冲正日期定在 ${formatDay(eventOn)} 当日或之后：事件发生之前不能冲正`,
  }),
};
