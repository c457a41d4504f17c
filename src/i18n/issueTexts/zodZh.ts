/**
 * The texts of issues found by zod in Chinese (`zodText` in `errors/zodText.ts`), and the schemas' own
 * sentences (`schemaPhrase`).
 */
import type { z } from 'zod';
import type { IssueText } from '../../contract/messages';
import type { Translation } from '../../errors/issueText';
import { schemaPhrase, type SchemaPhrase } from '../../errors/schemaPhrases';
import { nearest } from '../../errors/suggest';
import type { zodText } from '../../errors/zodText';
import { isZodPhrasing } from '../../errors/zodMessage';

/**
 * `schemaPhrase` in Chinese. A predicate ("must be …") keeps the path as its subject in both languages.
 *
 * @example
 * ```ts
 * schemaPhrasesZh.policyId; // '须为制度条款编号，例如 "P-LC-2"'
 * ```
 */
export const schemaPhrasesZh: Readonly<Record<SchemaPhrase, string>> = {
  isoDate: '日期须写作 YYYY-MM-DD，例如 "2026-01-01"',
  semver: '版本号须为以点分隔的三个数字，例如 "1.0.0"（语义化版本）',
  policyId: '须为制度条款编号，例如 "P-LC-2"',
  ruleId: '须为规则包内唯一的简短标识，例如 "bucket-M1"',
  packId: '规则包编号只能由小写字母、数字和连字符组成，例如 "cn-default"',
  jsonFileName: '须为规则包目录中的 .json 文件名',
  policyIdOfRule: '须为本规则所实现的制度条款编号，例如 "P-LC-2"',
  policyIdOfTable: '须为本决策表所实现的制度条款编号，例如 "P-LC-2"',
  disabledRulesWithoutExtends: '"disabledRules" 用于停用所继承规则包中的规则，但本规则包没有继承任何规则包',
  disabledRulesWithoutExtendsHint: '请改为从规则文件中删除这些规则，或添加 "extends"',
  taskKindName: '任务类型须为驼峰式名称，例如 "maturityNotice"',
  anchorEventNeedsType: '锚点 "event" 须指明事件类型，例如 "event": "materialEvent"',
  eventOnlyForEventAnchor: '"event" 和 "match" 只用于锚点 "event"',
  skipOnlyForPeriods: '"skipIfDisbursedWithin" 只用于期间锚点（monthEnd、quarterEnd、halfYearEnd、yearEnd）',
  periodStartOnlyForPeriods: '"opens": "periodStart" 只用于期间锚点',
  threeComponents: '须列出 "penalty"、"interest"、"principal" 三个部分，各出现一次',
  quietFrom: '须为 HH:MM 格式的时间，例如 "22:00"',
  quietTo: '须为 HH:MM 格式的时间，例如 "08:00"',
  calendarIdEmpty: '日历编号不得为空',
};

const BY_ENGLISH = new Map<string, string>(Object.entries(schemaPhrase).map(([k, v]) => [v, schemaPhrasesZh[k as SchemaPhrase]]));

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: '字符串',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（[ … ]）',
  object: '对象（{ … }）',
  record: '对象（{ … }）',
  null: 'null',
  undefined: '空值',
  nan: 'NaN',
  bigint: '数字',
  date: '日期',
};
const typeWordZh = (type: string): string => TYPE_WORDS[type] ?? type;

function unitZh(origin: string | undefined): string {
  if (origin === 'string') return '个字符';
  if (origin === 'array' || origin === 'set') return '项';
  if (origin === 'object' || origin === 'record' || origin === 'map') return '个字段';
  return '';
}

/** `zodMessage` in Chinese. */
function zodMessageZh(issue: z.core.$ZodIssue, path: string): string {
  const subject = path === '' ? '整个文档' : `\`${path}\``;
  if (!isZodPhrasing(issue.message)) {
    const zh = BY_ENGLISH.get(issue.message) ?? issue.message;
    return /^must\b/.test(issue.message) ? `${subject} ${zh}` : zh;
  }
  switch (issue.code) {
    case 'invalid_type': {
      const want = typeWordZh(issue.expected);
      const m = /received (\w+)/.exec(issue.message);
      const got = m?.[1] === undefined ? undefined : typeWordZh(m[1]);
      if (got === '空值') return `缺少 ${subject}：请以${want}填写`;
      return `${subject} 须为${want}${got === undefined ? '' : `，而不是${got}`}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${subject} 须为 ${JSON.stringify(issue.values[0])}`
        : `${subject} 须为 ${issue.values.map((v) => JSON.stringify(v)).join('、')} 之一`;
    case 'too_big': {
      const u = unitZh(issue.origin);
      return u === '' ? `${subject} 不得大于 ${String(issue.maximum)}` : `${subject} 过长：最多 ${String(issue.maximum)} ${u}`;
    }
    case 'too_small': {
      const u = unitZh(issue.origin);
      if (u === '') return `${subject} 不得小于 ${String(issue.minimum)}`;
      return issue.minimum === 1 || issue.minimum === 1n ? `${subject} 不得为空` : `${subject} 过短：至少 ${String(issue.minimum)} ${u}`;
    }
    case 'invalid_format':
      return `${subject} 格式不符${issue.format === 'regex' ? '' : `（${issue.format}）`}`;
    case 'not_multiple_of':
      return `${subject} 须为 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `${subject} 含有未知字段：${issue.keys.map((k) => JSON.stringify(k)).join('、')}`;
    case 'invalid_key':
      return `${subject} 含有不允许的字段名`;
    case 'invalid_element':
      return `${subject} 含有不允许的取值`;
    case 'invalid_union':
      return `${subject} 不符合任何一种允许的写法`;
    default:
      return `${subject} 无效`;
  }
}

function defaultHintZh(issue: z.core.$ZodIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? '请补上该字段' : `此处请填写${typeWordZh(issue.expected)}`;
    case 'unrecognized_keys':
      return '请删除未知字段或更正拼写';
    case 'invalid_value':
      return `请使用其中之一：${issue.values.map((v) => JSON.stringify(v)).join('、')}`;
    default:
      return undefined;
  }
}

/**
 * `zodText` in Chinese.
 *
 * @example
 * ```ts
 * zodZh.unknownKey('anchr', ['anchor']).hint; // '是否应为 "anchor"？'
 * ```
 */
export const zodZh: Translation<typeof zodText> = {
  unknownKey: (key, known) => {
    const near = nearest(key, known);
    return { message: `未知字段 "${key}"`, hint: near === undefined ? '请删除该字段或更正拼写' : `是否应为 "${near}"？` };
  },
  issue: (issue, path, hint): IssueText => {
    const h = hint === undefined ? defaultHintZh(issue) : (BY_ENGLISH.get(hint) ?? hint);
    return { message: zodMessageZh(issue, path), ...(h === undefined ? {} : { hint: h }) };
  },
};
