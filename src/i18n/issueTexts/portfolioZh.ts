/**
 * The portfolio tools' texts in Chinese (`portfolioText` in `portfolio/portfolioMessages.ts`).
 */
import type { Translation } from '../../errors/issueText';
import type { portfolioText } from '../../portfolio/portfolioMessages';
import { BORROWER_KINDS, CLASSIFICATIONS } from '../../rules/vocabulary';
import { describeValueZh, didYouMeanZh, quoteListZh } from './zhWords';

const SHARE = '请写成小数，不要写百分数：10% 写作 "0.10"';
const SEED_HINT = '请给出种子并印在报告中，以便审计人员重新抽取同一样本，例如 "spot-check 2026-03 draw 1"';
const DUPLICATE_HINT = '每笔贷款只列一次：请删除重复项或更正其编号';

/** A field of the report options named in Chinese (`target nplRatio` → `目标 nplRatio`). */
function reportField(field: string): string {
  return field.startsWith('target ') ? `目标值 ${field.slice('target '.length)}` : field;
}

const MISMATCH_WHAT: Readonly<Record<string, string>> = {
  'end replay id': '期末回放的贷款编号',
  'start replay id': '期初回放的贷款编号',
  'end replay date': '期末回放的日期',
  'start replay date': '期初回放的日期',
};

/** "10 % is "0.10"" for a rate written as a whole percentage. */
const percentHint = (text: string): string => `请写成小数，不要写百分数：${text}% 写作 "0.${text.padStart(2, '0')}"`;

/**
 * `portfolioText` in Chinese.
 *
 * @example
 * ```ts
 * portfolioZh.diffCounts(2, 3).message; // '变更前 2 笔回放、变更后 3 笔：两组须为相同顺序的同一批贷款'
 * ```
 */
export const portfolioZh: Translation<typeof portfolioText> = {
  genSeed: (value, max) => ({ message: `种子须为 0 至 ${max} 之间的整数，实际为 ${describeValueZh(value)}`, hint: '任意整数均可，例如 42；保留它即可重新生成同一贷款组合' }),
  genLoans: (value, max) => ({ message: `贷款笔数须为 0 至 ${max} 之间的整数，实际为 ${describeValueZh(value)}`, hint: '例如 1000' }),
  genAsOf: (value) => ({ message: `基准日须为按 YYYY-MM-DD 填写的有效日期，实际为 ${describeValueZh(value)}`, hint: '例如 2026-06-30' }),
  genAsOfRange: (value) => ({ message: `基准日 ${value} 之前在默认规则包的生效期内没有可放款的日期`, hint: '请使用 2021-01-01 及以后的日期（cn-default 自 2020-01-01 起生效）' }),
  genYears: (value) => ({ message: `放款分布的年数须为 1 至 10 之间的整数，实际为 ${describeValueZh(value)}`, hint: '不填则为 3 年' }),
  genFirstLoan: (value) => ({ message: `起始贷款序号须为不小于 0 的整数，实际为 ${describeValueZh(value)}`, hint: '不填则从 L-000001 开始' }),
  spotMonthType: (value) => ({ message: `抽查月份须为 "YYYY-MM" 格式的字符串，实际为 ${describeValueZh(value)}`, hint: '请填写贷款发放的月份，例如 "2026-03"' }),
  spotMonthFormat: (value) =>
    /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? { message: `抽查月份须为不含日的 "YYYY-MM"，实际为 "${value}"`, hint: `请写作 "${value.slice(0, 7)}"` }
      : /^\d{4}-\d$/.test(value)
        ? { message: `抽查月份须为 "YYYY-MM"，月份为两位数字，实际为 "${value}"`, hint: `请写作 "${value.slice(0, 5)}0${value.slice(5)}"` }
        : { message: `抽查月份须为 "YYYY-MM"，实际为 "${value}"`, hint: '请填写贷款发放的月份，例如 "2026-03"' },
  spotMonthInvalid: (value, month) =>
    month < 1 || month > 12
      ? { message: `"${value}" 不是有效月份：月份须为 01–12`, hint: '请检查月份数字' }
      : { message: `"${value}" 超出支持的年份 1900–2999`, hint: '请检查年份数字' },
  spotRateFormat: (value) => ({
    message: `抽查比例须为 "0.10" 这样的小数字符串，实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'string' && /^\d+(\.\d+)?%$/.test(value) ? SHARE : '请把抽查的贷款比例写成小数字符串：10% 写作 "0.10"',
  }),
  spotRateZero: (rate) => ({ message: `抽查比例 "${rate.text}" 抽不到任何贷款`, hint: 'P-IN-8 要求至少抽查当月新发放贷款的 10%：请使用 "0.10" 这样的比例' }),
  spotRateAboveOne: (rate) => ({
    message: `抽查比例 "${rate.text}" 大于 1（即超过全部贷款）`,
    hint: /^\d{1,2}$/.test(rate.text) ? percentHint(rate.text) : '请写成 0 至 1 之间的小数：10% 写作 "0.10"，全部抽查写作 "1"',
  }),
  spotMinimum: (value) => ({ message: `最小样本量须为不小于 0 的贷款笔数，实际为 ${describeValueZh(value)}`, hint: '请给出笔数，例如 1；不填则默认为 1' }),
  spotSeedEmpty: () => ({ message: '种子为空', hint: SEED_HINT }),
  spotSeedType: (value) => ({ message: `种子须为字符串，实际为 ${describeValueZh(value)}`, hint: SEED_HINT }),
  spotSeedNul: () => ({ message: '种子含有 NUL 字符（U+0000）', hint: '请删除它：排序键用 NUL 分隔种子和贷款编号' }),
  spotIdType: (value) => ({ message: `贷款编号须为非空字符串，实际为 ${describeValueZh(value)}`, hint: '请为每笔贷款填写合同编号' }),
  spotIdDuplicate: (id, firstIndex) => ({ message: `贷款编号 "${id}" 出现了不止一次（首次出现在 loans[${firstIndex}]）`, hint: DUPLICATE_HINT }),
  spotDisbursedOn: (value) => ({ message: `放款日须为 Day，实际为 ${describeValueZh(value)}`, hint: '请先用 parseDay 转换 "YYYY-MM-DD" 日期' }),
  contagionIdType: (field, value) => ({
    message: `${field === 'loan id' ? '贷款编号' : '借款人编号'}须为非空字符串，实际为 ${describeValueZh(value)}`,
    hint: field === 'loan id' ? '请为每笔贷款填写合同编号' : '请填写该笔贷款所属借款人的编号',
  }),
  contagionIdDuplicate: (id, firstIndex) => ({ message: `贷款编号 "${id}" 出现了不止一次（首次出现在 loans[${firstIndex}]）`, hint: DUPLICATE_HINT }),
  contagionBorrowerKind: (value) => ({
    message: `借款人类型须为 "retail"（个人）或 "corporate"（对公），实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'string' ? didYouMeanZh(value, BORROWER_KINDS) : '请使用 "retail" 或 "corporate"',
  }),
  contagionBorrowerKindMismatch: (borrowerId, kind, firstKind, firstIndex) => ({
    message: `借款人 "${borrowerId}" 此处为 "${kind}"，但在 loans[${firstIndex}] 为 "${firstKind}"`,
    hint: '一个借款人只能是个人或对公之一：请更正类型或借款人编号',
  }),
  contagionClassification: (value) => ({
    message: `五级分类须为正常、关注、次级、可疑、损失之一，实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'string' ? didYouMeanZh(value, CLASSIFICATIONS) : `请使用以下之一：${quoteListZh(CLASSIFICATIONS)}`,
  }),
  contagionBalanceNumber: (value) => ({
    message: `余额须为带 2 位小数的金额文本，实际为 ${describeValueZh(value)}`,
    hint: '请以文本传入未偿本金，例如 "1200000.00"（ReplayOutput.outstanding.principal）：数字会丢失分',
  }),
  contagionBalanceFormat: (value) => ({ message: `余额须为以元为单位、恰好 2 位小数的金额文本，实际为 ${describeValueZh(value)}`, hint: '请以元填写，恰好 2 位小数，不含空格、逗号或指数，例如 "1200000.00"' }),
  contagionBalanceRange: (value) => ({ message: `余额 "${value}" 超过 postloan 接受的最大金额`, hint: '请检查金额是否多写了位数' }),
  contagionBalanceNegative: (value) => ({ message: `余额不能为负数，实际为 "${value}"`, hint: '请填写未偿本金：零或正数' }),
  contagionThresholdFormat: (value) => ({
    message: `风险传染阈值须为 "0.10" 这样的小数字符串，实际为 ${describeValueZh(value)}`,
    hint: typeof value === 'string' && /^\d+(\.\d+)?\s*%$/.test(value) ? SHARE : '请传入规则包参数：占余额的比例，10% 写作 "0.10"',
  }),
  contagionThresholdTooHigh: (rate) => ({
    message: `风险传染阈值 "${rate.text}" 不小于 1（100%），任何借款人都不可能超过它`,
    hint: /^\d{1,2}$/.test(rate.text) ? percentHint(rate.text) : '请写成小于 1 的小数：P-CL-8 使用 10%，即 "0.10"',
  }),
  contagionFloor: (value) => ({
    message: `风险传染的分类下限须为不良档（次级、可疑或损失），实际为 ${describeValueZh(value)}`,
    hint: 'P-CL-8 把该借款人的每笔贷款都归为不良：请使用 "substandard"（次级，默认）、"doubtful"（可疑）或 "loss"（损失）',
  }),
  reportDate: (field, value) => ({ message: `报告的 ${field} 日期须为按 YYYY-MM-DD 填写的有效日期，实际为 ${describeValueZh(value)}`, hint: '例如 "2026-06-30"' }),
  reportOrder: (from, to) => ({ message: `报告期的结束日须晚于开始日：从 ${from} 到 ${to}`, hint: '请交换两个日期，或给出更晚的结束日' }),
  reportRate: (field, value) => ({ message: `${reportField(field)} 须为 "0.03" 这样的小数比例，实际为 ${describeValueZh(value)}`, hint: '请写成小数，不要写百分数：3% 写作 "0.03"' }),
  reportMoney: (value) => ({ message: `已计提拨备须为带 2 位小数的金额文本，实际为 ${describeValueZh(value)}`, hint: '例如 "1250000.00"' }),
  reportSeed: (value) => ({ message: `抽样种子须为不含 NUL 的非空字符串，实际为 ${describeValueZh(value)}`, hint: '请给出种子并印在报告中，例如 "report 2026-06"' }),
  reportMismatch: (what, got, want) => ({ message: `某笔贷款${MISMATCH_WHAT[what] ?? what}为 ${got}，应为 ${want}`, hint: '请把期初回放到 `from`、期末回放到 `to`，并传入同一笔贷款的概况' }),
  reportDuplicate: (loanId) => ({ message: `贷款 ${loanId} 在贷款组合中出现了不止一次；只报告其第一份历史`, hint: '每笔贷款只给一份历史' }),
  reportOtherPack: (loanId, hash, first) => ({ message: `贷款 ${loanId} 按规则包 ${hash} 回放，而贷款组合按 ${first}；该笔不计入报告`, hint: '同一报告中的每笔贷款请按同一规则包回放' }),
  sampleSeed: (value) => ({ message: `抽样种子须为不含 NUL 的非空字符串，实际为 ${describeValueZh(value)}`, hint: '请给出种子并与样本一同印出，例如 "exam 2026-Q2"' }),
  sampleBorrowers: (value) => ({ message: `P-PF-5 至少抽取 10 个借款人，实际为 ${describeValueZh(value)}`, hint: '不填则为 10，或给出更大的整数' }),
  samplePerBorrower: (value) => ({ message: `P-PF-5 每个借款人检查 1 或 2 笔贷款，实际为 ${describeValueZh(value)}`, hint: '请使用 1 或 2（默认）' }),
  diffOtherLoan: (before, after) => ({ message: `两次回放不是同一笔贷款（${before} 和 ${after}）`, hint: '请在两个规则包下回放同一份历史，再把两份输出一起加入' }),
  diffCounts: (before, after) => ({ message: `变更前 ${before} 笔回放、变更后 ${after} 笔：两组须为相同顺序的同一批贷款`, hint: '请在两个规则包下回放每一份历史' }),
  mixedCurrencies: (codes) => ({
    message: `贷款组合含有多种币种（${codes.join('、')}）；不同币种的金额从不相加`,
    hint: `请用 --currency ${codes[0] ?? 'CNY'} 一次报告一个币种，或用 --format json 按币种分别输出报告`,
  }),
};
