/**
 * Issue texts in the reader's language: the English sentence an issue carries, or its translation.
 */
import type { IssueText } from '../../contract/messages';
import { textRefOf, type TextModuleId } from '../../errors/issueText';
import type { Locale } from '../locale';
import { calendarZh } from './calendarZh';
import { cliZh } from './cliZh';
import { conditionZh } from './conditionZh';
import { contractZh } from './contractZh';
import { historyZh } from './historyZh';
import { jsonZh } from './jsonZh';
import { lintZh } from './lintZh';
import { packZh } from './packZh';
import { portfolioZh } from './portfolioZh';
import { replayZh } from './replayZh';
import { statechartZh } from './statechartZh';
import { storeZh } from './storeZh';
import { zodZh } from './zodZh';

type AnyTranslation = Readonly<Record<string, (...args: never[]) => IssueText>>;

/** The Chinese builders of every text module; adding a module to `TextModuleId` fails the typecheck here until it is translated. */
export const ZH_CN: { readonly [M in TextModuleId]: AnyTranslation } = {
  contract: contractZh,
  history: historyZh,
  lint: lintZh,
  zod: zodZh,
  condition: conditionZh,
  pack: packZh,
  json: jsonZh,
  store: storeZh,
  cli: cliZh,
  calendar: calendarZh,
  replay: replayZh,
  portfolio: portfolioZh,
  statechart: statechartZh,
};

/**
 * The message and hint of an issue (or lint finding) in `locale`: rebuilt from the text's key and
 * arguments with the locale's builder, or the issue's own English text when it carries no key (an
 * issue built by a caller, or one that crossed a worker thread).
 *
 * @example
 * ```ts
 * localizeIssue(parseHistory('[]', 'h.json').issues[0], 'zh-CN').message;
 * // '贷款历史文件须为包含 "loan" 和 "events" 的 JSON 对象，实际为数组'
 * ```
 */
export function localizeIssue(issue: IssueText & object, locale: Locale): IssueText {
  if (locale === 'en') return issue;
  const ref = textRefOf(issue);
  if (ref === undefined) return issue;
  const build = ZH_CN[ref.module][ref.key] as ((...args: readonly unknown[]) => IssueText) | undefined;
  return build === undefined ? issue : build(...ref.args);
}
