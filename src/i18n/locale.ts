/**
 * The locales postloan speaks. Machine-readable fields (codes, states, ids, JSON keys) never change
 * with the locale; only the texts a person reads do.
 */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The locale a `--lang` value or a POSIX locale name (`zh_CN.UTF-8`, `zh-CN`, `en_US`, `C`) names;
 * `undefined` when it names neither language. Any Chinese locale selects `zh-CN` (the only Chinese
 * catalogue: simplified characters, the regulator's terms).
 *
 * @example
 * ```ts
 * parseLocale('zh_CN.UTF-8'); // 'zh-CN'
 * parseLocale('en_GB'); // 'en'
 * parseLocale('fr_FR'); // undefined
 * ```
 */
export function parseLocale(text: string): Locale | undefined {
  const lang = text.trim().toLowerCase().split(/[._@-]/)[0];
  if (lang === 'zh') return 'zh-CN';
  if (lang === 'en' || lang === 'c' || lang === 'posix') return 'en';
  return undefined;
}
