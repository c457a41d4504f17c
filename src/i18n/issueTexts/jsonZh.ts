/**
 * The texts about JSON input in Chinese (`jsonText` in `errors/jsonMessages.ts`).
 */
import type { jsonText } from '../../errors/jsonMessages';
import { groupDigits } from '../../errors/jsonMessages';
import type { Translation } from '../../errors/issueText';

/** JSON.parse's reasons (V8 wording) in Chinese; one V8 adds later is shown as V8 words it. */
const SYNTAX: readonly (readonly [RegExp, string])[] = [
  [/^notJson$/, '意外的字符：这不是 JSON 语法'],
  [/^Unexpected end of JSON input/, '文件在 JSON 结束之前就结束了'],
  [/^Unterminated string/, '字符串缺少结尾的引号'],
  [/^Bad control character in string literal/, '字符串中有控制字符'],
  [/^Bad escaped character/, '字符串中有无效的转义字符'],
  [/^Expected double-quoted property name/, '此处应为带双引号的字段名'],
  [/^Expected ',' or '}' after property value/, '字段值之后应为 "," 或 "}"'],
  [/^Expected ',' or ']' after array element/, '数组元素之后应为 "," 或 "]"'],
  [/^Expected ':' after property name/, '字段名之后应为 ":"'],
  [/^Unexpected non-whitespace character after JSON/, 'JSON 结束之后还有多余的内容'],
  [/^No number after minus sign/, '负号之后缺少数字'],
  [/^Unterminated fractional number/, '小数点之后缺少数字'],
  [/^Exponent part is missing a number/, '指数部分缺少数字'],
];

/**
 * `jsonText` in Chinese.
 *
 * @example
 * ```ts
 * jsonZh.tooDeep(64).message; // 'JSON 嵌套超过 64 层'
 * ```
 */
export const jsonZh: Translation<typeof jsonText> = {
  tooManyValues: (max) => ({ message: `文档中的值超过 ${max} 个`, hint: '请把输入拆成几个较小的文件' }),
  notJsonValue: (what, value) => ({
    message: `该值是${what === 'object' ? '非普通对象' : what === 'number' ? `数字 ${value}` : what === 'undefined' ? ' undefined' : ` ${what} 类型的值`}，JSON 无法表示`,
    hint: '请传入 JSON 文本，或 JSON.parse 解析它得到的值',
  }),
  tooDeep: (max) => ({ message: `JSON 嵌套超过 ${max} 层`, hint: '请减少嵌套层级：postloan 的文件从不需要深层嵌套' }),
  forbiddenKey: (key) => ({
    message: `不允许使用字段名 "${key}"`,
    hint: '请删除该字段：为防止原型污染，拒绝名为 __proto__、constructor 或 prototype 的字段',
  }),
  tooLong: (length, max) => ({ message: `文件长 ${length} 个字符，超过上限 ${max}`, hint: '请把输入拆成几个较小的文件' }),
  syntax: (at, reason) => ({
    message: `文件不是有效的 JSON${at === undefined ? '' : `（第 ${at[0]} 行第 ${at[1]} 列）`}：${SYNTAX.find(([re]) => re.test(reason))?.[1] ?? reason}`,
    hint: '请检查该位置附近是否缺少逗号、引号或括号',
  }),
  tooManyProblems: (omitted, total) => ({
    message: `… 另有 ${groupDigits(omitted)} 个问题（共 ${groupDigits(total)} 个）`,
    hint: '请先修正列出的问题；其余问题往往是同一错误的重复',
  }),
};
