import type { PostloanIssue } from './PostloanIssue';
import { maskPersonalData } from './maskPersonalData';
import { escapeUnsafe } from './unsafeText';
import { capIssues, MAX_PRINTED_ISSUES } from './capIssues';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { localizeIssue } from '../i18n/issueTexts/localizeIssue';

/**
 * Renders issues for a terminal, one block per issue (zod `prettifyError` style), at most `max` (100) of
 * them: the last line counts the rest ("… and 199,900 more problems (200,000 in all)").
 *
 * ```text
 * ✖ Money must be a decimal string with 2 decimals, got the number 10236.17
 *   → at history.json: events[3].amount
 *   hint: write "10236.17" (a string): JSON numbers lose fen
 * ```
 *
 * In `zh-CN` the first line is the code's Chinese title and the issue's message and hint follow in
 * Chinese (rebuilt from the text key the issue carries, see `localizeIssue`); path and file are unchanged.
 */
export function formatIssues(issues: readonly PostloanIssue[], max: number = MAX_PRINTED_ISSUES, locale: Locale = 'en'): string {
  const cat = catalogueFor(locale);
  // A terminal gets the first hundred; the rest are counted on one line.
  return capIssues(issues, max)
    .map((issue) => {
      // Every field may quote user input: escaped, so no input can start a line of its own ("✖ …").
      const where = [issue.file, issue.path === '' ? undefined : issue.path].filter((s): s is string => s !== undefined).map(escapeUnsafe).join(': ');
      const text = localizeIssue(issue, locale);
      const lines = locale === 'en' ? [`✖ ${escapeUnsafe(text.message)}`] : [`✖ ${cat.issue[issue.code]}`, `  ${cat.cli.detail}：${escapeUnsafe(text.message)}`];
      if (where !== '') lines.push(locale === 'en' ? `  → at ${where}` : `  → ${cat.cli.at}：${where}`);
      if (text.hint !== undefined) lines.push(locale === 'en' ? `  hint: ${escapeUnsafe(text.hint)}` : `  ${cat.cli.hint}：${escapeUnsafe(text.hint)}`);
      // Messages may quote the rejected value: personal data in it is masked (P-CT-3).
      return maskPersonalData(lines.join('\n'));
    })
    .join('\n');
}
