import { maskPersonalData } from '../errors/maskPersonalData';
import { escapeUnsafe } from '../errors/unsafeText';
import type { PackFinding } from './lint';

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
export function formatFindings(findings: readonly PackFinding[]): string {
  return findings
    .map((f) => {
      // Fields may quote the pack: escaped, so none can start a line of its own.
      const where = [f.file, f.path === '' ? undefined : f.path].filter((s): s is string => s !== undefined).map(escapeUnsafe).join(': ');
      const lines = [`${f.severity === 'error' ? '✖' : '⚠'} ${escapeUnsafe(f.message)} (${f.code})`];
      if (where !== '') lines.push(`  → at ${where}`);
      if (f.hint !== undefined) lines.push(`  hint: ${escapeUnsafe(f.hint)}`);
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
export function countFindings(findings: readonly PackFinding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`;
}
