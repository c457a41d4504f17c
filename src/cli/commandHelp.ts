import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';

/** The commands of the CLI that have a help page. */
export const COMMANDS = ['replay', 'validate', 'diagram', 'generate', 'report', 'explain', 'diff', 'batch', 'db', 'ingest', 'show', 'tasks', 'eod', 'worker'] as const;

/** One of {@link COMMANDS}. */
export type CommandName = (typeof COMMANDS)[number];

/**
 * The help page of one command: usage, what it does, options, an example and exit codes.
 *
 * @example
 * ```ts
 * commandHelp('batch').startsWith('Usage: postloan batch'); // true
 * ```
 */
export function commandHelp(command: CommandName, locale: Locale = 'en'): string {
  return `${catalogueFor(locale).help.page[command]}\n`;
}

/**
 * `postloan --help`: every command's usage line and summary, the common options and the exit codes.
 *
 * @example
 * ```ts
 * mainHelp('0.1.0', 'zh-CN').startsWith('postloan 0.1.0'); // true
 * ```
 */
export function mainHelp(version: string, locale: Locale = 'en'): string {
  return `${catalogueFor(locale).help.main(version)}\n`;
}

/** Whether a word names a command with a help page. */
export function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}
