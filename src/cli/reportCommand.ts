import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { replay } from '../engine/replay';
import { PostloanError, unwrap } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseJson } from '../errors/parseJson';
import { parseHistoryValue } from '../history/parseHistory';
import { parseMoney } from '../money/fen';
import { portfolioText } from '../portfolio/portfolioMessages';
import { loanProfile } from '../portfolio/report';
import { createCurrencyReports, isReportsByCurrency, type CurrencyReport, type CurrencyReportsBuilder, type ReportsByCurrency } from '../portfolio/currencyReports';
import { currencyProblem } from '../contract/currency';
import { toCsv } from '../portfolio/toCsv';
import { catalogueFor } from '../i18n/catalogueFor';
import { toHtml } from '../portfolio/toHtml';
import type { Locale } from '../i18n/locale';
import { cnDefaultPack } from '../rules/defaultPack';
import { loadPack, type CompiledPack } from '../rules/loadPack';
import { formatDay, parseDay, type Day } from '../time/day';
import { readPackDir } from './files';
import { historyFiles, historyItems } from './historyTexts';
import { appendAll } from '../errors/appendAll';
import { badDateText, cliText, usageErrorOf } from './cliMessages';
import { issueFrom } from '../errors/issueText';
import { replayFailureIssues } from './replayFailureIssues';

/** Output formats of `postloan report`. */
export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;

/** Inputs of `postloan report`. */
export interface ReportCommand {
  /** A JSONL file (one history per line) or a directory of `.jsonl` and `.json` history files. */
  readonly input: string;
  readonly from: string;
  readonly to: string;
  readonly packDir?: string;
  readonly format: (typeof REPORT_FORMATS)[number];
  readonly seed?: string;
  readonly provisionsHeld?: string;
  /** Report only the loans in this currency (ISO 4217). */
  readonly currency?: string;
}

/** The P-IN-8 rate when the pack does not set `spotCheckRate`: the policy's floor. */
const DEFAULT_SPOT_CHECK_RATE = '0.10';

const EXAMPLE = 'postloan report book.jsonl --from 2026-05-31 --to 2026-06-30 --format html > report.html';

/** Parses the arguments after `report`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseReportArgs(args: readonly string[]): ReportCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        pack: { type: 'string' },
        format: { type: 'string' },
        seed: { type: 'string' },
        'provisions-held': { type: 'string' },
        currency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, EXAMPLE));
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length !== 1) throw usageErrorOf(cliText.oneBook('report', parsed.positionals.length, EXAMPLE));
  const missing = (['from', 'to'] as const).filter((k) => v[k] === undefined);
  if (missing.length > 0) throw usageErrorOf(cliText.reportNeeds(missing.map((k) => `--${k}`), EXAMPLE));
  const format = v.format ?? 'json';
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw usageErrorOf(cliText.badFormat(['json', 'csv', 'html'], format, EXAMPLE));
  return {
    input: parsed.positionals[0] as string,
    from: v.from as string,
    to: v.to as string,
    format: format as ReportCommand['format'],
    ...(v.pack === undefined ? {} : { packDir: v.pack }),
    ...(v.seed === undefined ? {} : { seed: v.seed }),
    ...(v['provisions-held'] === undefined ? {} : { provisionsHeld: v['provisions-held'] }),
    ...(v.currency === undefined ? {} : { currency: v.currency }),
  };
}

/** The loan id of a history that failed to parse, when it got that far. */
export function loanIdOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const loan = (value as { loan?: unknown }).loan;
  if (loan === null || typeof loan !== 'object') return undefined;
  const id = (loan as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Parses and replays one history at `from` and `to` and adds it to the report; any problem becomes an
 * entry of `report.errors` naming the file, line and loan, and the report goes on.
 */
function addHistory(book: CurrencyReportsBuilder, text: string, where: { readonly source: string; readonly line?: number }, pack: CompiledPack, from: Day, to: Day): void {
  const file = where.line === undefined ? where.source : `${where.source}:${where.line}`;
  const json = parseJson(text, file);
  if (!json.ok) {
    book.addError({ ...where, issues: json.issues });
    return;
  }
  const loanId = loanIdOf(json.value);
  const at = { ...where, ...(loanId === undefined ? {} : { loanId }) };
  const parsed = parseHistoryValue(json.value, file);
  if (!parsed.ok) {
    book.addError({ ...at, issues: parsed.issues });
    return;
  }
  const history = parsed.value;
  const builder = book.forCurrency(history.loan.currency);
  if (builder === undefined) return;
  if (history.loan.disbursedOn > to) {
    builder.skipNotYetDisbursed();
    return;
  }
  try {
    const start = history.loan.disbursedOn <= from ? replay(history, pack, { asOf: from }) : undefined;
    const end = replay(history, pack, { asOf: to });
    builder.add({ profile: loanProfile(history), end, ...(start === undefined ? {} : { start }) }, where);
  } catch (e) {
    builder.addError({ ...at, issues: replayFailureIssues(e, file, history.loan.id) });
  }
}

/**
 * Runs `postloan report`: reads each JSONL file line by line through the bounded reader, so memory holds the
 * report's aggregates and the few per-loan fields of the P-PF-5 sample, never the whole file. Options
 * and pack problems throw a {@link PostloanError}; a bad history is an entry of `report.errors`.
 */
export function buildReport(cmd: ReportCommand): CurrencyReport | ReportsByCurrency {
  const problems: PostloanIssue[] = [];
  const packResult = cmd.packDir === undefined ? undefined : loadPack(readPackDir(cmd.packDir), { dir: `${cmd.packDir.replace(/\/+$/, '')}/` });
  if (packResult !== undefined && !packResult.ok) appendAll(problems, packResult.issues);
  const from = parseDay(cmd.from);
  const to = parseDay(cmd.to);
  for (const [flag, value, day] of [['--from', cmd.from, from], ['--to', cmd.to, to]] as const) {
    if (day === undefined) problems.push(issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date.invalid' : 'date.format', path: flag }, badDateText(value, flag, '2026-06-30')));
  }
  if (cmd.provisionsHeld !== undefined && !parseMoney(cmd.provisionsHeld).ok) {
    problems.push(issueFrom({ code: 'money.format', path: '--provisions-held' }, cliText.provisionsHeld(cmd.provisionsHeld)));
  }
  const currency = cmd.currency === undefined ? undefined : currencyProblem(cmd.currency);
  if (currency !== undefined) problems.push({ code: 'cli.usage', path: '--currency', ...currency });
  if (problems.length > 0 || from === undefined || to === undefined) throw new PostloanError(problems);
  const files = historyFiles([cmd.input]);
  const pack = packResult === undefined ? cnDefaultPack() : unwrap(packResult);
  const rate = pack.parameters['spotCheckRate'];
  const book = createCurrencyReports({
    from: formatDay(from),
    to: formatDay(to),
    seed: cmd.seed ?? `report ${formatDay(from)} ${formatDay(to)}`,
    spotCheckRate: typeof rate === 'string' ? rate : DEFAULT_SPOT_CHECK_RATE,
    ...(cmd.provisionsHeld === undefined ? {} : { provisionsHeld: cmd.provisionsHeld }),
    statechart: pack.statechart,
    scales: pack.scales,
  }, cmd.currency);
  for (const item of historyItems(files)) {
    const where = item.where.line === undefined ? { source: item.where.file } : { source: item.where.file, line: item.where.line };
    if ('issues' in item) book.addError({ ...where, issues: item.issues });
    else addHistory(book, item.text, where, pack, from, to);
  }
  const report = book.finish();
  if (isReportsByCurrency(report) && cmd.format !== 'json') {
    const codes = Object.keys(report.byCurrency);
    throw new PostloanError([
      issueFrom({ code: 'input.invalid', file: cmd.input, path: '' }, portfolioText.mixedCurrencies(codes)),
    ]);
  }
  return report;
}

/**
 * Renders the report in the chosen format. The HTML page is in `locale`; the CSV's headers are in
 * `csvLocale`, which the CLI sets only from an explicit `--lang` (a program reading the columns must
 * not see them change with the machine's LANG). JSON is the same in every locale. A mixed-currency
 * book (refused by buildReport in CSV and HTML) is JSON only: one report per currency.
 */
export function renderReport(report: CurrencyReport | ReportsByCurrency, format: ReportCommand['format'], locale: Locale = 'en', csvLocale: Locale = 'en'): string {
  if (isReportsByCurrency(report)) return `${JSON.stringify(report, null, 2)}\n`;
  return format === 'csv' ? toCsv(report, csvLocale) : format === 'html' ? toHtml(report, locale) : `${JSON.stringify(report, null, 2)}\n`;
}

/** One line for stderr when some histories could not be used; empty when all were. */
export function reportWarning(book: CurrencyReport | ReportsByCurrency, locale: Locale = 'en'): string {
  const report = { errors: isReportsByCurrency(book) ? [...book.errors, ...Object.values(book.byCurrency).flatMap((r) => r.errors)] : book.errors };
  if (report.errors.length === 0) return '';
  const first = report.errors[0];
  const where = first === undefined ? '' : `${basename(first.source)}${first.line === undefined ? '' : `:${first.line}`}`;
  return `${catalogueFor(locale).report.warning(report.errors.length, where, first?.loanId)}\n`;
}
