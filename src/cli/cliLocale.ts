import { PostloanError } from '../errors/PostloanError';
import { en } from '../i18n/en';
import { parseLocale, type Locale } from '../i18n/locale';

/** The environment variables the locale comes from, POSIX order: LC_ALL, then LC_MESSAGES, then LANG. */
export type LocaleEnv = Readonly<Record<string, string | undefined>>;

/**
 * Takes the global `--lang <en|zh-CN>` (or `--lang=…`) out of the arguments and picks the locale:
 * `--lang`, else the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty (`zh_CN.UTF-8` → zh-CN;
 * any other language → en), else en. An unknown `--lang` value is a usage error. `explicit`: the locale
 * came from `--lang` (the report's CSV headers follow only that).
 *
 * @example
 * ```ts
 * cliLocale(['replay', 'h.json', '--lang', 'zh-CN'], {}); // { args: ['replay', 'h.json'], locale: 'zh-CN' }
 * cliLocale(['replay', 'h.json'], { LANG: 'zh_CN.UTF-8' }).locale; // 'zh-CN'
 * ```
 */
export function cliLocale(argv: readonly string[], env: LocaleEnv): { readonly args: string[]; readonly locale: Locale; readonly explicit: boolean } {
  const args: string[] = [];
  let chosen: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    // After `--` everything is a positional (a file may be called --lang).
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === '--lang') {
      chosen = argv[i + 1] ?? '';
      i++;
    } else if (a.startsWith('--lang=')) chosen = a.slice('--lang='.length);
    else args.push(a);
  }
  if (chosen !== undefined) {
    const locale = chosen === 'en' || chosen === 'zh-CN' ? chosen : undefined;
    if (locale === undefined) throw new PostloanError([{ code: 'cli.usage', path: '--lang', message: en.cli.badLang(chosen), hint: 'write --lang zh-CN (简体中文) or --lang en' }]);
    return { args, locale, explicit: true };
  }
  const fromEnv = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  return { args, locale: (fromEnv === undefined ? undefined : parseLocale(fromEnv)) ?? 'en', explicit: false };
}
