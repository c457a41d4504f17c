import { parseArgs } from 'node:util';
import { PostloanError } from '../errors/PostloanError';
import { maskPersonalData } from '../errors/maskPersonalData';
import { countFindings, formatFindings } from '../rules/formatFindings';
import { catalogueFor } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { validatePack, type PackFinding } from '../rules/lint';
import { cliText, usageErrorOf } from './cliMessages';
import { readPackDir } from './files';
import { textRefOf, withTextRef } from '../errors/issueText';

/** Inputs of `postloan validate`. */
export interface ValidateCommand {
  readonly packDir: string;
  /** Print the findings as a JSON array instead of text. */
  readonly json: boolean;
  /** Warnings fail the validation too. */
  readonly strict: boolean;
}



/** Parses the arguments after `validate`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseValidateArgs(args: readonly string[]): ValidateCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { json: { type: 'boolean' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, ''));
  }
  if (parsed.values.help === true) return 'help';
  if (parsed.positionals.length !== 1) throw usageErrorOf(cliText.onePack(parsed.positionals.length, ''));
  return { packDir: parsed.positionals[0] as string, json: parsed.values.json === true, strict: parsed.values.strict === true };
}

/**
 * Reads a pack directory, validates and lints it, and renders every finding at once. `passed` is false
 * when there is an error, or any finding with `strict`. Unreadable files are findings too.
 */
export function runValidate(cmd: ValidateCommand, locale: Locale = 'en'): { readonly output: string; readonly passed: boolean } {
  let findings: readonly PackFinding[];
  try {
    findings = validatePack(readPackDir(cmd.packDir), { dir: `${cmd.packDir.replace(/\/+$/, '')}/` });
  } catch (e) {
    if (!(e instanceof PostloanError)) throw e;
    findings = e.issues.map((i) => withTextRef({ severity: 'error' as const, ...i }, textRefOf(i)));
  }
  const errors = findings.some((f) => f.severity === 'error');
  const passed = !errors && !(cmd.strict && findings.length > 0);
  if (cmd.json) {
    const masked = findings.map((f) => ({
      severity: f.severity,
      code: f.code,
      ...(f.file === undefined ? {} : { file: f.file }),
      path: f.path,
      message: maskPersonalData(f.message),
      ...(f.hint === undefined ? {} : { hint: maskPersonalData(f.hint) }),
    }));
    return { output: `${JSON.stringify(masked, null, 2)}\n`, passed };
  }
  const v = catalogueFor(locale).verdict;
  const verdict = passed ? `✔ ${v.valid(cmd.packDir)}` : errors ? `✖ ${v.invalid(cmd.packDir)}` : `✖ ${v.strict(cmd.packDir)}`;
  const summary = locale === 'en' ? `${verdict}: ${countFindings(findings)}` : `${verdict}：${countFindings(findings, locale)}`;
  return { output: findings.length === 0 ? `${summary}\n` : `${formatFindings(findings, locale)}\n\n${summary}\n`, passed };
}
