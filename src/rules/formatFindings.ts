import { maskPersonalData } from '../errors/maskPersonalData';
import { escapeUnsafe } from '../errors/unsafeText';
import type { PackFinding } from './lint';
import { catalogueFor } from '../i18n/catalogueFor';
import { localizeIssue } from '../i18n/issueTexts/localizeIssue';
import type { Locale } from '../i18n/locale';

/**
 * Renders pack findings for a terminal in the style of `formatIssues`, one block per finding, errors
 * marked `✖` and warnings `⚠`, each with its code:
 *
 * ```text
 * ⚠ Parameter "graceDays" is read by no rule and not by the engine (lint.unusedParameter)
 *   → at rules/my-pack/pack.json: parameters.graceDays
 *   hint: remove it, or read it in a rule with { "param": "graceDays" }
 * ```
 *
 * @example
 * ```ts
 * console.log(formatFindings(validatePack(files, { dir: 'rules/my-pack/' })));
 * ```
 */
export function formatFindings(findings: readonly PackFinding[], locale: Locale = 'en'): string {
  const cat = catalogueFor(locale);
  return findings
    .map((f) => {
      // Fields may quote the pack: escaped, so none can start a line of its own.
      const where = [f.file, f.path === '' ? undefined : f.path].filter((s): s is string => s !== undefined).map(escapeUnsafe).join(': ');
      const sign = f.severity === 'error' ? '✖' : '⚠';
      // In Chinese: the code's title first, the finding's own sentence as the detail (as formatIssues).
      const title = f.code.startsWith('lint.') ? cat.lint[f.code as keyof typeof cat.lint] : cat.issue[f.code as keyof typeof cat.issue];
      const text = localizeIssue(f, locale);
      const lines = locale === 'en' ? [`${sign} ${escapeUnsafe(text.message)} (${f.code})`] : [`${sign} ${title} (${f.code})`, `  ${cat.cli.detail}：${escapeUnsafe(text.message)}`];
      if (where !== '') lines.push(locale === 'en' ? `  → at ${where}` : `  → ${cat.cli.at}：${where}`);
      if (text.hint !== undefined) lines.push(locale === 'en' ? `  hint: ${escapeUnsafe(text.hint)}` : `  ${cat.cli.hint}：${escapeUnsafe(text.hint)}`);
      // Messages may quote values from the pack: personal data in them is masked (P-CT-3).
      return maskPersonalData(lines.join('\n'));
    })
    .join('\n');
}

/**
 * `"2 errors, 1 warning"`.
 *
 * @example
 * ```ts
 * countFindings([]); // '0 errors, 0 warnings'
 * ```
 */
export function countFindings(findings: readonly PackFinding[], locale: Locale = 'en'): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return catalogueFor(locale).findingsCount(errors, findings.length - errors);
}
