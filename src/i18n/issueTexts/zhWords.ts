/**
 * Words the Chinese issue texts share: how a value, a list and a suggestion are written.
 */
import { escapeUnsafe, shorten } from '../../errors/unsafeText';
import { nearest } from '../../errors/suggest';

const MAX_QUOTED = 80;

/**
 * A value a user gave, named in Chinese (`describeValue`'s counterpart): strings quoted, escaped and cut short.
 *
 * @example
 * ```ts
 * describeValueZh(10236.17); // '数字 10236.17'
 * ```
 */
export function describeValueZh(value: unknown): string {
  if (value === undefined) return '空值';
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  switch (typeof value) {
    case 'string':
      return escapeUnsafe(JSON.stringify(shorten(value, MAX_QUOTED)));
    case 'number':
      return `数字 ${String(value)}`;
    case 'boolean':
      return `布尔值 ${String(value)}`;
    case 'object':
      return '对象';
    default:
      return typeof value;
  }
}

/**
 * `"a"、"b"、"c"`: a list of names as Chinese writes it.
 *
 * @example
 * ```ts
 * quoteListZh(['a', 'b']); // '"a"、"b"'
 * ```
 */
export function quoteListZh(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join('、');
}

/**
 * `didYouMean` in Chinese: the nearest name, or the valid values.
 *
 * @example
 * ```ts
 * didYouMeanZh('paymnet', ['payment']); // '是否应为 "payment"？'
 * ```
 */
export function didYouMeanZh(name: string, candidates: readonly string[]): string {
  const near = nearest(name, candidates);
  if (near !== undefined) return `是否应为 "${near}"？`;
  return `有效取值：${quoteListZh(candidates.slice(0, 30))}${candidates.length > 30 ? '、…' : ''}`;
}
