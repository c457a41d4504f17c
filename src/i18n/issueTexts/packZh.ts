/**
 * The texts about a rule pack in Chinese (`packText` in `rules/packMessages.ts`).
 */
import type { packText } from '../../rules/packMessages';
import type { Translation } from '../../errors/issueText';
import { nearest } from '../../errors/suggest';
import { localizeIssue } from './localizeIssue';
import { didYouMeanZh } from './zhWords';

/** The engine parameters' descriptions (`ENGINE_PARAMETERS`) in Chinese; a pack's own are quoted as written. */
const PARAMETER_ZH: Readonly<Record<string, string>> = {
  allocationOrder: '还款冲抵顺序：每笔还款先还最早一期，期内按此顺序冲抵各部分（P-LC-8）。默认规则包：罚息 → 利息 → 本金。',
  contactConduct: '催收联系规范（P-CS-11）：quietFrom 至 quietTo（当地时间）之间不得催收联系；每个号码每天最多拨打 maxCallsPerNumberPerDay 次。',
  limitationYears: '诉讼时效年数，自最后一期到期日或最近一次时效中断起算（P-NT-7）。',
  provisionRates: '按五级分类计提的拨备率（P-CL-5），以小数字符串表示。',
  materialityAbsolute: '逾期金额重要性门槛的绝对部分，按借款人类型（retail、corporate）以贷款币种的金额字符串表示：逾期本金和利息（不含罚息）超过它才算重要。欧盟：零售最多 100.00 欧元，非零售最多 500.00 欧元（授权条例 (EU) 2018/171 第 1(2)、2(2) 条）。',
  materialityRelative: '逾期金额重要性门槛的相对部分，小数字符串：逾期金额还须超过风险敞口（未还本金 + 已到期未付利息）的这一比例。欧盟：0 至 0.025，通常为 0.01（授权条例 (EU) 2018/171 第 1(2) 条）。',
};

const STATE_WORD: Readonly<Record<string, string>> = { to: '状态', kind: '类型', anchor: '锚点', party: '对象', classification: '五级分类', bucket: '逾期档位' };

/**
 * `packText` in Chinese.
 *
 * @example
 * ```ts
 * packZh.effectiveToBeforeFrom().message; // 'effectiveTo 早于 effectiveFrom'
 * ```
 */
export const packZh: Translation<typeof packText> = {
  unknownTaskKind: (kind, kindsFile, known, manifestFile) => {
    const near = nearest(kind, known);
    const ask = near === undefined ? '' : `是否应为 "${near}"？如不是，`;
    return {
      message: `未知的任务类型 "${kind}"`,
      hint:
        kindsFile === undefined
          ? `${ask}请在 ${manifestFile} 中指定任务类型文件（"tasks": "task-kinds.json"），并在其中定义 "${kind}"；变体规则包的该文件只需写它新增的类型`
          : `${ask}请在 ${kindsFile} 中定义 "${kind}"`,
    };
  },
  unknownEventType: (type, types) => ({ message: `未知的事件类型 "${type}"`, hint: didYouMeanZh(type, types) }),
  reversalAnchor: () => ({
    message: '任务不能以冲正事件（reversal）为锚点',
    hint: '请以被冲正的原事件为锚点：冲正之后，贷款视同该事件从未登记',
  }),
  cadenceBreach: (times, days, perDay) => ({
    message: `该任务要求 ${days} 天内拨打 ${times} 次电话，超过 contactConduct 对单个号码的上限（每天 ${perDay} 次）：按此频次排期必然违反 P-CS-11`,
    hint: `请把 "times" 降到 ${perDay * days} 次以内，或放宽 "opens" 与 "due" 之间的时间窗口`,
  }),
  unknownParamValue: (key, given, values) => ({ message: `未知的${STATE_WORD[key] ?? key} "${given}"`, hint: didYouMeanZh(given, values) }),
  relocated: (inner, from, to) => {
    const zh = localizeIssue(inner, 'zh-CN');
    return { message: zh.message.replace(`\`${from}\``, `\`${to}\``), ...(zh.hint === undefined ? {} : { hint: zh.hint }) };
  },
  badDay: (value, problem, first, last) => ({
    message: `"${value}" ${problem === 'calendar' ? '不是有效的日历日期' : `超出支持的日期范围 ${first} 至 ${last}`}`,
    hint: '请填写真实存在的日期，格式 YYYY-MM-DD',
  }),
  effectiveToBeforeFrom: () => ({ message: 'effectiveTo 早于 effectiveFrom', hint: '请对调两个日期，或删除 effectiveTo' }),
  unknownTimeZone: (zone, known) => {
    const near = nearest(zone, known);
    return { message: `未知的时区 "${zone}"`, hint: near === undefined ? '请使用 IANA 时区名称，例如 "Asia/Shanghai"' : `是否应为 "${near}"？` };
  },
  missingParam: (name, description, example) => ({
    message: `缺少参数 "${name}"：${PARAMETER_ZH[name] ?? description}`,
    hint: `请在 "parameters" 下添加 "${name}": ${JSON.stringify(example)}`,
  }),
  badParam: (name, inner, example) => ({
    message: `参数 "${name}"：${localizeIssue(inner, 'zh-CN').message}`,
    hint: `例如 "${name}": ${JSON.stringify(example)}`,
  }),
  duplicateRule: (id, where) => ({ message: `规则编号 "${id}" 已在 ${where} 使用`, hint: '规则包中每条规则须有各自的编号' }),
  unknownDecisionType: (type, types) => ({ message: `未知的决策类型 "${type}"`, hint: didYouMeanZh(type, types) }),
  notInherited: (id, inherited) => {
    const near = nearest(id, inherited);
    return { message: `"${id}" 不是所继承规则包中的规则`, hint: near !== undefined ? `是否应为 "${near}"？` : '请列出所继承规则包中定义的规则编号' };
  },
  replacedAndDisabled: (id, where) => ({
    message: `"${id}" 既被替换（${where}）又被停用`,
    hint: '只保留一种：删除替换它的规则，或从 "disabledRules" 中删除该编号',
  }),
  policyIdTwice: (id, first) => ({ message: `${id} 已列在 ids[${first}]`, hint: '每个编号只列一次' }),
  inheritableMissing: (key) => ({ message: `缺少必填项 "${key}"`, hint: `请添加 "${key}"，或用 "extends" 指明本规则包所基于的规则包` }),
  rangeCell: (fact) => ({
    message: `事实 "${fact}" 是数值：其单元格应为区间 [min, max]`,
    hint: '请写作 [min, max]（含两端，开放的一端写 null），例如 [1, 30] 或 [181, null]；"属于其中之一" 请写作 { "in": [ … ] }',
  }),
  emptyRange: (lo, hi, fact) => ({ message: `"${fact}" 的区间 [${String(lo)}, ${String(hi)}] 为空：下限大于上限`, hint: '请对调两端' }),
  listCell: (fact) => ({ message: `"${fact}" 的列表单元格只能列出允许的取值`, hint: '只列取值，例如 ["normal", "overdueM1"]' }),
  inputTwice: (input) => ({ message: `"${input}" 已是决策表的输入`, hint: '每个输入只列一次' }),
  notAnInput: (key, inputs) => ({ message: `"${key}" 不是决策表的输入`, hint: `${didYouMeanZh(key, inputs)} 或把 "${key}" 加入 "inputs"` }),
  emptyRow: () => ({ message: '该行没有检查任何输入，将对所有贷款成立', hint: '请至少为一个输入填写单元格' }),
  rowsOverlap: (i, j, table, where) => ({
    message: `决策表 "${table}" 的第 ${i} 行和第 ${j} 行在 ${where.join('，') || '任何贷款'} 时同时成立`,
    hint: `"hitPolicy": "unique" 要求任意两行不能同时成立：请收窄 rows[${i}] 或 rows[${j}]，或改用 "hitPolicy": "first"`,
  }),
  extendsUrl: (value) => ({
    message: `"extends" 须为相对于本规则包的目录，不能是网址（"${value}"）`,
    hint: '请把该规则包复制到本规则包旁边，并填写其相对目录，例如 "../cn-default"',
  }),
  extendsAbsolute: () => ({ message: '"extends" 须为相对于本规则包的路径，不能是绝对路径', hint: '请填写相对于本规则包的目录，例如 "../cn-default"' }),
  extendsBackslash: (value) => ({ message: '"extends" 用 "\\" 分隔目录', hint: `请改用 "/"："${value.replace(/\\/g, '/')}"` }),
  missingFile: (name, file, listedAt) => ({
    message: `规则包中没有文件 "${name}"`,
    hint:
      listedAt === 'calendar.file'
        ? `请创建 ${file}，或设置 "calendar": "cn" 使用内置的中国日历`
        : listedAt === 'tasks'
          ? `请创建 ${file}；若规则包不生成任务，请删除 "tasks"`
          : `请创建 ${file}，或将其从列表中删除`,
  }),
  chainTooDeep: (own, max, first) => ({
    message: `从 ${own} 开始的 "extends" 继承链超过 ${max} 层`,
    hint: `请让 ${first} 继承更接近基础规则包的规则包，或复制它所需的规则`,
  }),
  extendsCycle: (value, earlier) => ({
    message: `"extends": "${value}" 又指回 ${earlier}：规则包之间循环继承`,
    hint: '请删除其中一个的 "extends"：基础规则包不继承任何规则包',
  }),
  nothingToExtend: (value, display, base) => ({
    message: `"${value}" 处没有可继承的规则包：不存在 ${display}`,
    hint: `请填写所继承规则包相对于${base === '' ? '本规则包' : ` ${base} `}的目录，例如 "../cn-default"`,
  }),
  scaleValueTwice: (what, value, first) => ({ message: `"${value}" 在 "${what}" 中重复出现（首次在 [${first}]）`, hint: '每个值只列一次' }),
  stickyNotAValue: (value, values) => ({
    message: `保持值 "${value}" 不是该维度的取值`,
    hint: nearest(value, values) === undefined ? `只能列出 "values" 中的值：${values.join('、')}` : didYouMeanZh(value, values),
  }),
  tooManyDimensions: (count, max) => ({ message: `规则包声明了 ${count} 个维度，最多允许 ${max} 个`, hint: '请删除没有规则设定的维度' }),
  dimensionIsFact: (name) => ({ message: `维度 "${name}" 与内置事实同名`, hint: `规则按维度名读取维度的当前值：请另起名称，例如 "${name}Stage"` }),
  dimensionReserved: (name) => ({ message: `"${name}" 不能用作维度名`, hint: '请另起名称，例如 "stage"' }),
  unknownDimension: (name, known) => ({
    message: `未知的维度 "${name}"`,
    hint:
      known.length === 0
        ? `请在 pack.json 中声明："scales": { "dimensions": { "${name}": { "values": [ … ] } } }`
        : nearest(name, known) !== undefined
          ? didYouMeanZh(name, known)
          : `请在 pack.json 的 "scales.dimensions" 中声明，或使用：${known.join('、')}`,
  }),
  notADimensionValue: (dimension, value, values) => ({
    message: `"${value}" 不是维度 "${dimension}" 的取值`,
    hint: nearest(value, values) === undefined ? `请使用：${values.join('、')}` : didYouMeanZh(value, values),
  }),
  dimensionOnlyForUpgrade: (action) => ({ message: `"${action}" 许可不能指定维度`, hint: '请删除 "dimension"：只有 "upgrade" 许可可以指定其允许改善的维度' }),
  bucketsStartAtZero: (from) => ({ message: `第一个逾期档位从逾期 ${from} 天开始`, hint: '第一个档位应从 "from": 0 开始，使每笔贷款都有档位' }),
  bucketGapOrOverlap: (name, from, expected) => ({ message: `档位 "${name}" 从逾期 ${from} 天开始，而前一档位止于 ${expected - 1} 天`, hint: `请设为 "from": ${expected}：各档位须首尾相接，不得有空缺或重叠` }),
  bucketEndsBeforeStart: (name, from, to) => ({ message: `档位 "${name}" 的终点（${to}）早于起点（${from}）`, hint: `"to" 至少应为 ${from}` }),
  lastBucketClosed: (name) => ({ message: `最后一个档位 "${name}" 有终点`, hint: '请删除其 "to"：最后一个档位包含其 "from" 之后的所有逾期天数' }),
  bucketOpenBeforeLast: (name) => ({ message: `档位 "${name}" 没有 "to"，但不是最后一个`, hint: '请为其设置 "to"，或将其移到最后' }),
  notATier: (tier, tiers) => ({ message: `"${tier}" 不是分类档次之一`, hint: nearest(tier, tiers) === undefined ? `请使用：${tiers.join('、')}` : didYouMeanZh(tier, tiers) }),
  nonPerformingNotTail: (tail) => ({ message: '不良档次不是最差的若干档次', hint: `请列出最差的档次，例如 ${tail.map((t) => `"${t}"`).join('、')}：比不良档次更差的档次也是不良` }),
  firstTierNonPerforming: (tier) => ({ message: `最优档次 "${tier}" 被列为不良`, hint: '新贷款从最优档次开始：请将其保留为非不良' }),
  provisionRateTiers: (missing, extra) => ({
    message: `provisionRates ${missing.length > 0 ? `缺少 ${missing.join('、')} 的拨备率` : ''}${missing.length > 0 && extra.length > 0 ? '，且' : ''}${extra.length > 0 ? `含有非分类档次 ${extra.join('、')} 的拨备率` : ''}`,
    hint: '请为分类的每个档次各给一个拨备率，不要给其他档次',
  }),
  noSuchRule: (packId, version, rule, ids) => ({ message: `规则包 ${packId} ${version} 中没有规则 "${rule}"`, hint: didYouMeanZh(rule, ids) }),
};
