import type { Catalogue } from './catalogue';
import { en } from './en';
import type { Locale } from './locale';
import { zhCN } from './zhCN';

/**
 * The catalogue of a locale.
 *
 * @example
 * ```ts
 * catalogueFor('zh-CN').state.outsourced; // '委外催收'
 * ```
 */
export function catalogueFor(locale: Locale): Catalogue {
  return locale === 'zh-CN' ? zhCN : en;
}

export { labelOf } from './labelOf';
