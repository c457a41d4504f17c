import { parseArgs } from 'node:util';
import { loanIdOf } from './reportCommand';
import { replay } from '../engine/replay';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { formatIssues } from '../errors/formatIssues';
import { parseJson } from '../errors/parseJson';
import { parseHistoryValue } from '../history/parseHistory';
import { createPackDiff, DIFF_DIMENSIONS, type DiffDimension, type DiffPack, type PackDiff, type PackDiffBuilder } from '../portfolio/diff';
import { loadPack, type CompiledPack } from '../rules/loadPack';
import { formatDay, parseDay, type Day } from '../time/day';
import { readPackDir } from './files';
import { historyFiles, historyItems } from './historyTexts';
import { appendAll } from '../errors/appendAll';
import { displayWidth } from './displayWidth';
import type { TaskOutput } from '../engine/output';
import type { Catalogue, DiffTexts } from '../i18n/catalogue';
import { catalogueFor, labelOf } from '../i18n/catalogueFor';
import type { Locale } from '../i18n/locale';
import { badDateText, cliText, usageErrorOf } from './cliMessages';
import { issueFrom } from '../errors/issueText';
import { replayFailureIssues } from './replayFailureIssues';

/** Inputs of `postloan diff`. */
export interface DiffCommand {
  /** The current pack's directory ("before"). */
  readonly packA: string;
  /** The proposed pack's directory ("after"). */
  readonly packB: string;
  /** History files, JSONL files or directories of them. */
  readonly inputs: readonly string[];
  readonly asOf: string;
  readonly json: boolean;
}

const EXAMPLE = 'postloan diff rules/cn-default my-pack book.jsonl --as-of 2026-06-30';

/** Parses the arguments after `diff`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseDiffArgs(args: readonly string[]): DiffCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: { 'as-of': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, EXAMPLE));
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  const [packA, packB, ...inputs] = parsed.positionals;
  if (packA === undefined || packB === undefined || inputs.length === 0) {
    throw usageErrorOf(cliText.diffArgs(parsed.positionals.length, EXAMPLE));
  }
  if (v['as-of'] === undefined) throw usageErrorOf(cliText.diffNeedsAsOf(EXAMPLE));
  return { packA, packB, inputs, asOf: v['as-of'], json: v.json === true };
}


/** Parses one history and replays it under both packs; any problem is an error entry of the diff. */
function compare(builder: PackDiffBuilder, text: string, where: { readonly source: string; readonly line?: number }, a: CompiledPack, b: CompiledPack, asOf: Day): void {
  const file = where.line === undefined ? where.source : `${where.source}:${where.line}`;
  const json = parseJson(text, file);
  if (!json.ok) return builder.addError({ ...where, issues: json.issues });
  const loanId = loanIdOf(json.value);
  const at = { ...where, ...(loanId === undefined ? {} : { loanId }) };
  const parsed = parseHistoryValue(json.value, file);
  if (!parsed.ok) return builder.addError({ ...at, issues: parsed.issues });
  const history = parsed.value;
  if (history.loan.disbursedOn > asOf) return builder.skipNotYetDisbursed();
  try {
    builder.add(replay(history, a, { asOf }), replay(history, b, { asOf }));
  } catch (e) {
    builder.addError({ ...at, issues: replayFailureIssues(e, file, history.loan.id) });
  }
}

function loadDir(dir: string, problems: PostloanIssue[]): CompiledPack | undefined {
  const clean = dir.replace(/\/+$/, '');
  const r = loadPack(readPackDir(clean), { dir: `${clean}/` });
  if (r.ok) return r.value;
  appendAll(problems, r.issues);
  return undefined;
}

/** A pack must be in force at the as-of date, or every loan would fail the same way. */
function checkEffective(pack: CompiledPack, asOf: Day, problems: PostloanIssue[]): void {
  if (asOf >= pack.effectiveFrom && (pack.effectiveTo === undefined || asOf <= pack.effectiveTo)) return;
  const to = pack.effectiveTo === undefined ? undefined : formatDay(pack.effectiveTo);
  problems.push(issueFrom({ code: 'input.invalid', file: pack.files.manifest, path: 'effectiveFrom' }, cliText.packNotInForce(`${pack.id} ${pack.version}`, formatDay(pack.effectiveFrom), to, formatDay(asOf))));
}

/**
 * Runs `postloan diff`: replays every history under both packs at `--as-of` and compares them. Pack
 * and option problems throw a {@link PostloanError}; a bad history is an entry of `errors`, the rest is
 * still compared. Histories are read one at a time, JSONL line by line.
 */
export function buildDiff(cmd: DiffCommand): PackDiff {
  const problems: PostloanIssue[] = [];
  const a = loadDir(cmd.packA, problems);
  const b = loadDir(cmd.packB, problems);
  const asOf = parseDay(cmd.asOf);
  if (asOf === undefined) {
    problems.push(issueFrom({ code: /^\d{4}-\d{2}-\d{2}$/.test(cmd.asOf) ? 'date.invalid' : 'date.format', path: '--as-of' }, badDateText(cmd.asOf, '--as-of', '2026-06-30')));
  } else {
    if (a !== undefined) checkEffective(a, asOf, problems);
    if (b !== undefined) checkEffective(b, asOf, problems);
  }
  if (problems.length > 0 || a === undefined || b === undefined || asOf === undefined) throw new PostloanError(problems);
  const files = historyFiles(cmd.inputs);
  const builder = createPackDiff();
  for (const item of historyItems(files)) {
    const where = item.where.line === undefined ? { source: item.where.file } : { source: item.where.file, line: item.where.line };
    if ('issues' in item) builder.addError({ ...where, issues: item.issues });
    else compare(builder, item.text, where, a, b, asOf);
  }
  return builder.finish();
}

function packWords(p: DiffPack | null, t: DiffTexts): string {
  return p === null ? t.noLoans : `${p.id} ${p.version} (${p.hash.replace(/^sha256:/, '').slice(0, 12)})`;
}

/** Rows of cells as aligned columns: text left, numbers (cells starting with a digit, + or −) right. */
function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((row) =>
    `${indent}${row
      .map((c, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - displayWidth(c));
        return i > 0 && /^[\d+−-]/.test(c) ? `${pad}${c}` : i === row.length - 1 ? c : `${c}${pad}`;
      })
      .join('  ')}`.trimEnd(),
  );
}

function examples(ids: readonly string[], total: number, t: DiffTexts): string {
  return ids.length === 0 ? '' : t.examples(ids.join(', '), total > ids.length);
}

/** A compared value as a person reads it: the locale's label in Chinese, the id itself in English. */
function valueWord(cat: Catalogue, locale: Locale, d: DiffDimension, value: string): string {
  if (locale === 'en' || d === 'bucket') return value;
  return labelOf(cat[d], value);
}

/** The diff as text: a summary table, a transition table per decision that changes, and task counts. */
export function renderDiff(diff: PackDiff, locale: Locale = 'en'): string {
  const cat = catalogueFor(locale);
  const t = cat.diff;
  const lines = [
    t.title(diff.asOf),
    `  ${t.before}${packWords(diff.before, t)}`,
    `  ${t.after}${packWords(diff.after, t)}`,
    t.summary(diff.loans, diff.changed, diff.errors.length, diff.notYetDisbursed),
    '',
    ...table([['', t.loansChanged], ...DIFF_DIMENSIONS.map((d) => [t.dimension[d], String(diff.dimensions[d].changed)]), [t.tasks, String(diff.tasks.changed)]], '  '),
  ];
  for (const d of DIFF_DIMENSIONS) {
    const dim = diff.dimensions[d];
    if (dim.transitions.length === 0) continue;
    lines.push('', t.dimensionChanges(t.dimension[d], dim.changed));
    lines.push(...table(dim.transitions.map((x) => [t.loans(x.loans), `${valueWord(cat, locale, d, x.from)} → ${valueWord(cat, locale, d, x.to)}`, examples(x.examples, x.loans, t)]), '  '));
  }
  const moved = diff.tasks.counts.filter((c) => c.change !== 0 || c.loans > 0);
  if (moved.length > 0) {
    const kindWord = (kind: string): string => (locale === 'en' ? kind : labelOf(cat.taskKind, kind));
    const statusWord = (status: TaskOutput['status']): string => (locale === 'en' ? status : cat.taskStatus[status]);
    lines.push('', t.taskChanges(diff.tasks.changed));
    lines.push(
      ...table(
        [
          [...t.taskHeaders, ''],
          ...moved.map((c) => [kindWord(c.kind), statusWord(c.status), String(c.before), String(c.after), c.change > 0 ? `+${c.change}` : c.change < 0 ? `−${-c.change}` : '0', String(c.loans), examples(c.examples, c.loans, t)]),
        ],
        '  ',
      ),
    );
  } else if (diff.tasks.changed > 0) {
    lines.push('', t.taskDeadlines(diff.tasks.changed, examples(diff.tasks.examples, diff.tasks.changed, t)));
  }
  if (diff.errors.length > 0) {
    lines.push('', t.errors(diff.errors.length));
    for (const e of diff.errors) {
      lines.push(`  ${e.source}${e.line === undefined ? '' : `:${e.line}`}${e.loanId === undefined ? '' : t.loan(e.loanId)}`);
      lines.push(...formatIssues(e.issues.slice(0, 3), undefined, locale).split('\n').map((l) => `    ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** One line for stderr when some histories could not be compared; empty when all were. */
export function diffWarning(diff: PackDiff, locale: Locale = 'en'): string {
  if (diff.errors.length === 0) return '';
  const t = catalogueFor(locale).diff;
  const first = diff.errors[0];
  const where = first === undefined ? '' : t.first(`${first.source}${first.line === undefined ? '' : `:${first.line}`}`, first.loanId);
  return `${t.warning(diff.errors.length, where)}\n`;
}
