/**
 * The contract layer's issue texts in Chinese (`contractText` in `contract/messages.ts`).
 */
import type { contractText } from '../../contract/messages';
import { decimal, formatBigFen, suggestMoney } from '../../contract/messages';
import type { Translation } from '../../errors/issueText';
import { nearest } from '../../errors/suggest';
import { formatMoney, MAX_FEN } from '../../money/fen';
import { FIRST_INPUT_DAY, formatDay, LAST_INPUT_DAY } from '../../time/day';
import { describeValueZh, didYouMeanZh, quoteListZh } from './zhWords';

/** The English names the contract layer passes into its texts (`missing('the amount', …)`), in Chinese. */
const TERMS: Readonly<Record<string, string>> = {
  'the amount': '金额',
  'the rate': '利率',
  'the date': '日期',
  'this number': '此数字',
  'this value': '此值',
  contact: '联系人',
  guarantor: '担保人',
  collateral: '押品',
  'the restructure date': '重组日',
  disbursedOn: '放款日 disbursedOn',
};
const term = (english: string): string => TERMS[english] ?? english;

/**
 * `contractText` in Chinese.
 *
 * @example
 * ```ts
 * contractZh.moneyNumber(10236.17).hint; // '写成字符串 "10236.17"（保留 2 位小数）：JSON 数字会丢失分'
 * ```
 */
export const contractZh: Translation<typeof contractText> = {
  missing: (what, example) => ({
    message: `缺少必填项：${term(what)}`,
    hint: `请补上该字段，例如 ${example}`,
  }),
  moneyNumber: (value) => {
    const asText = String(value);
    const exact = /^-?\d+(\.\d{1,2})?$/.test(asText) ? value.toFixed(2) : undefined;
    return {
      message: `金额须为保留 2 位小数的字符串，实际为${describeValueZh(value)}`,
      hint:
        exact === undefined
          ? '请把金额写成保留 2 位小数的字符串，例如 "10236.17"：JSON 数字会丢失分'
          : `写成字符串 "${exact}"（保留 2 位小数）：JSON 数字会丢失分`,
    };
  },
  moneyFormat: (value) => {
    const suggestion = typeof value === 'string' ? suggestMoney(value) : undefined;
    return {
      message: `金额须为以元为单位、恰好 2 位小数的字符串，实际为 ${describeValueZh(value)}`,
      hint:
        suggestion === undefined
          ? '以元为单位写恰好 2 位小数，不要空格、千分位逗号或科学计数法，例如 "10236.17"'
          : `写成 "${suggestion}"：恰好 2 位小数，不要空格、逗号、前导零或科学计数法`,
    };
  },
  moneyRange: (text) => ({
    message: `金额 ${text} 超过 postloan 可处理的最大金额（${formatMoney(MAX_FEN)}）`,
    hint: '请检查金额是否多写了位数',
  }),
  moneyNotPositive: (fen) => ({
    message: `金额须大于零，实际为 "${formatMoney(fen)}"`,
    hint: '请填写正数金额，例如 "100.00"',
  }),
  moneyNegative: (fen) => ({
    message: `金额不得为负数，实际为 "${formatMoney(fen)}"`,
    hint: '请填写零或正数金额，例如 "100.00"',
  }),
  rateFormat: (value) => ({
    message: `利率须为小数字符串，例如 "0.0435"（年利率 4.35%），实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'number' ? `请写成字符串 "${String(value)}"：JSON 数字会丢失精度` : '请填写不超过 10 位小数的非负小数，例如 "0.0435"',
  }),
  rateTooHigh: (rate) => ({
    message: `利率 "${rate.text}" 即年利率 ${decimal(rate.units * 100n, rate.scale)}%，不是合理的贷款利率`,
    hint: `利率请写成小数：年利率 ${rate.text}% 应写作 "${decimal(rate.units, rate.scale * 100n)}"`,
  }),
  dateFormat: (value) => {
    const loose = typeof value === 'string' ? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value.trim()) : null;
    const suggestion = loose === null ? undefined : `${loose[1] ?? ''}-${(loose[2] ?? '').padStart(2, '0')}-${(loose[3] ?? '').padStart(2, '0')}`;
    return {
      message: `日期须为 "YYYY-MM-DD" 格式的字符串，实际为 ${describeValueZh(value)}`,
      hint: suggestion === undefined ? '请按 YYYY-MM-DD 填写，例如 "2026-02-15"' : `请按 YYYY-MM-DD 填写："${suggestion}"`,
    };
  },
  dateNotInCalendar: (text, year, month, days) => ({
    message: `"${text}" 不是有效的日历日期`,
    hint: days === undefined ? '请按 YYYY-MM-DD 填写，月份为 01 至 12' : `${year} 年 ${month} 月只有 ${days} 天`,
  }),
  dateOutOfRange: (text) => ({
    message: `"${text}" 超出支持的日期范围 ${FIRST_INPUT_DAY} 至 ${LAST_INPUT_DAY}`,
    hint: '请检查年份',
  }),
  idTooLong: (length, max) => ({
    message: `编号最长 ${max} 个字符，此编号有 ${length} 个字符`,
    hint: '请使用贵方系统中该记录的简短编号',
  }),
  idControlCharacter: () => ({
    message: '编号中不得含有控制字符、换行符、段落分隔符或双向文字标记',
    hint: '请删除这些不可见字符：编号会出现在提示信息和决策说明中',
  }),
  emptyText: () => ({
    message: '此文本不得为空',
    hint: '请填写内容；若该字段可选，也可以删除该字段',
  }),
  notInteger: (value, min, max) => ({
    message: `应为 ${min} 至 ${max} 之间的整数，实际为 ${describeValueZh(value)}`,
    hint: `请填写整数，例如 ${min === 0 ? 1 : min}`,
  }),
  notOneOf: (value, values) => ({
    message: `应为 ${quoteListZh(values)} 之一，实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'string' ? didYouMeanZh(value, values) : `请使用其中之一：${quoteListZh(values)}`,
  }),
  unknownKey: (key, known) => {
    const near = nearest(key, known);
    return {
      message: `未知字段 "${key}"`,
      hint: near === undefined ? `请删除该字段；此处允许的字段为 ${quoteListZh(known)}` : `是否应为 "${near}"？`,
    };
  },
  duplicateId: (what, id, firstPath) => ({
    message: `${term(what)}编号 "${id}" 已被 ${firstPath} 使用`,
    hint: `每个${term(what)}须有各自的编号`,
  }),
  noRepayment: () => ({
    message: '贷款须给出 "repayment"（还款方式）或明确的 "schedule"（还款计划）',
    hint: '请添加 "repayment": "equalInstallment"（或 "equalPrincipal"、"interestOnly"、"bullet"），或 "schedule": [{ "dueOn", "principal", "interest" }]',
  }),
  termMonthsRequired: () => ({
    message: '按 "repayment" 生成还款计划时须填写 termMonths',
    hint: '请添加 "termMonths"：自放款至到期的月数，例如 12',
  }),
  emptySchedule: () => ({
    message: '还款计划中没有任何一期',
    hint: '请至少列出一期 { "dueOn", "principal", "interest" }',
  }),
  scheduleNotAfterStart: (dueOn, start, startName) => ({
    message: `${formatDay(dueOn)} 到期的一期不晚于${term(startName)}（${formatDay(start)}）`,
    hint: `每一期的到期日都须晚于${term(startName)}`,
  }),
  scheduleTooLarge: (lines, limit) => ({
    message: `还款计划前 ${lines} 期的本息合计超过 ${limit}，超出 postloan 对单笔贷款的处理上限`,
    hint: `请检查这一期的金额：可能按分填写，或多写了位数；整个还款计划合计不得超过 ${limit}`,
  }),
  scheduleNotIncreasing: (dueOn, previous) => ({
    message: `${formatDay(dueOn)} 到期的一期不晚于前一期（${formatDay(previous)} 到期）`,
    hint: '请按日期顺序列出各期，每天最多一期',
  }),
  schedulePrincipalSum: (sum, principal) => ({
    message: `还款计划的本金合计为 ${formatBigFen(sum)}，但贷款本金为 ${formatMoney(principal)}`,
    hint: `请使各期本金合计恰好等于 ${formatMoney(principal)}（差额 ${formatBigFen(BigInt(principal) - sum)}）`,
  }),
  firstDueOnWithSchedule: () => ({
    message: 'firstDueOn 只适用于自动生成的还款计划，而此贷款已给出明确的还款计划',
    hint: '请删除 firstDueOn：明确的还款计划已确定每一期的到期日',
  }),
  firstDueOnWithBullet: () => ({
    message: 'firstDueOn 不适用于到期一次还本付息（bullet）的贷款：它只有到期日这一期',
    hint: '请删除 firstDueOn；若要按月付息、到期还本，请使用 "interestOnly"',
  }),
  firstDueOnNotAfter: (firstDueOn, disbursedOn) => ({
    message: `firstDueOn ${formatDay(firstDueOn)} 不晚于放款日 disbursedOn ${formatDay(disbursedOn)}`,
    hint: '首期到期日应在放款之后',
  }),
  firstDueOnTooLate: (firstDueOn, limit) => ({
    message: `firstDueOn ${formatDay(firstDueOn)} 晚于放款后 2 个月（最晚 ${formatDay(limit)}）`,
    hint: '请把 firstDueOn 设在放款日后两个月内，或不填写，默认放款后一个月为首期',
  }),
  unknownTimeZone: (zone, known) => {
    const near = nearest(zone, known);
    return {
      message: `"${zone}" 不是已知的 IANA 时区`,
      hint: near === undefined ? '请使用时区名称，例如 "Asia/Shanghai"' : `是否应为 "${near}"？`,
    };
  },
};
