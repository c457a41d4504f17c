import { writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PostloanError } from '../errors/PostloanError';
import { formatIssues } from '../errors/formatIssues';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { parseBatchArgs, runBatch } from './batchCommand';
import { COMMANDS, commandHelp, isCommand, mainHelp, type CommandName } from './commandHelp';
import { parseDiagramArgs, runDiagram } from './diagramCommand';
import { buildDiff, diffWarning, parseDiffArgs, renderDiff } from './diffCommand';
import { parseExplainArgs, runExplain } from './explainCommand';
import { parseGenerateArgs, runGenerate } from './generateCommand';
import { runReplay } from './replayCommand';
import { buildReport, parseReportArgs, renderReport, reportWarning } from './reportCommand';
import { writeError } from './outputFile';
import { parseValidateArgs, runValidate } from './validateCommand';
import pkg from '../../package.json';
import { cliLocale, type LocaleEnv } from './cliLocale';
import type { Locale } from '../i18n/locale';
import { catalogueFor } from '../i18n/catalogueFor';
import { replayCasePage } from './casePageCommand';
import { withReasons } from '../i18n/timelineReason';
import { cliText, usageErrorOf } from './cliMessages';
import { issueFrom } from '../errors/issueText';
import { stderrIsTerminal } from './commandThread';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 70, pipeClosed: 141 } as const;

/** Commands over the PostgreSQL store and the BullMQ queue (loaded on demand: pg and bullmq are optional). */
const STORE_COMMANDS = new Set(['db', 'ingest', 'show', 'tasks', 'eod', 'worker']);


/** Where the CLI writes: stdout and stderr, or test buffers. */
export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  /** Where the locale comes from (LC_ALL, LC_MESSAGES, LANG); none (English) unless given, so tests are stable. */
  readonly env?: LocaleEnv;
}

/**
 * Writes to standard output synchronously, so a write error surfaces where it happens (not as an
 * unhandled stream event): a closed pipe throws `EPIPE` (a quiet exit), anything else an I/O error.
 */
function writeStdout(s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  for (let off = 0; off < bytes.length; ) {
    try {
      off += writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe that is full: wait for the reader.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
        continue;
      }
      if (code === 'EPIPE') throw e;
      throw writeError('standard output', '', e, true);
    }
  }
}

const STDIO: CliIo = { out: writeStdout, err: (s) => process.stderr.write(s), env: process.env };

/**
 * Runs the CLI with arguments (without `node` and the script). Returns the exit code; never throws.
 * `report` streams its input and needs {@link mainAsync}.
 */
export function main(argv: readonly string[], io: CliIo = STDIO): number {
  let locale: Locale = 'en';
  try {
    const chosen = cliLocale(argv, io.env ?? {});
    locale = chosen.locale;
    const [command, ...rest] = chosen.args;
    if (command === 'help' && rest.length > 0) {
      const [topic, ...extra] = rest;
      if (extra.length > 0 || topic === undefined || !isCommand(topic)) throw usageErrorOf(cliText.helpArgs(COMMANDS, rest.join(' ')));
      io.out(commandHelp(topic, locale));
      return EXIT.ok;
    }
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(mainHelp(pkg.version, locale));
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '-v' || command === '--version') {
      io.out(`${pkg.version}\n`);
      return EXIT.ok;
    }
    if (command === 'diagram') {
      const cmd = parseDiagramArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('diagram', locale));
        return EXIT.ok;
      }
      io.out(runDiagram(locale, cmd));
      return EXIT.ok;
    }
    if (command === 'validate') {
      const cmd = parseValidateArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('validate', locale));
        return EXIT.ok;
      }
      const { output, passed } = runValidate(cmd, locale);
      io.out(output);
      return passed ? EXIT.ok : EXIT.invalidInput;
    }
    if (command === 'generate') {
      const cmd = parseGenerateArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('generate', locale));
        return EXIT.ok;
      }
      const written = runGenerate(cmd, io.out);
      if (cmd.out !== undefined) io.out(`${catalogueFor(locale).cli.generated(written, cmd.out, cmd.seed, cmd.asOf)}\n`);
      return EXIT.ok;
    }
    if (command === 'explain') {
      const cmd = parseExplainArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('explain', locale));
        return EXIT.ok;
      }
      io.out(runExplain(cmd, locale));
      return EXIT.ok;
    }
    if (command === 'diff') {
      const cmd = parseDiffArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('diff', locale));
        return EXIT.ok;
      }
      const diff = buildDiff(cmd);
      io.out(cmd.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff, locale));
      io.err(diffWarning(diff, locale));
      // Errors and nothing compared: the diff says nothing about the book.
      return diff.errors.length > 0 && diff.loans === 0 && diff.notYetDisbursed === 0 ? EXIT.invalidInput : EXIT.ok;
    }
    if (STORE_COMMANDS.has(command)) throw usageErrorOf(cliText.needsDatabaseBinary(command));
    if (command === 'report' || command === 'batch') throw usageErrorOf(cliText.needsStreamBinary(command));
    if (command !== 'replay') throw usageErrorOf(cliText.unknownCommand(command));
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: {
          pack: { type: 'string', multiple: true },
          'as-of': { type: 'string' },
          compact: { type: 'boolean' },
          format: { type: 'string' },
          reasons: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      throw usageErrorOf(cliText.badArguments((e as Error).message, ''));
    }
    if (parsed.values.help === true) {
      io.out(commandHelp('replay', locale));
      return EXIT.ok;
    }
    if (parsed.positionals.length !== 1) throw usageErrorOf(cliText.oneHistory('replay', parsed.positionals.length, ''));
    const format = parsed.values.format ?? 'json';
    if (format !== 'json' && format !== 'html') throw usageErrorOf(cliText.badFormat(['json', 'html'], format, ''));
    const replayCmd = {
      historyPath: parsed.positionals[0] as string,
      ...(parsed.values.pack === undefined ? {} : { packDirs: parsed.values.pack }),
      ...(parsed.values['as-of'] === undefined ? {} : { asOf: parsed.values['as-of'] }),
    };
    if (format === 'html') {
      io.out(replayCasePage(replayCmd, locale));
      return EXIT.ok;
    }
    const replayed = runReplay(replayCmd);
    // Asked for only: without --reasons the JSON is the same in every locale.
    const output = parsed.values.reasons === true ? withReasons(replayed, locale) : replayed;
    io.out(`${JSON.stringify(output, null, parsed.values.compact === true ? undefined : 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    return failure(e, io, locale);
  }
}

/**
 * Prints what went wrong and returns the exit code: usage, invalid input or I/O error, or an internal
 * error. A closed output pipe (`postloan generate … | head`) ends quietly with 141, as a shell tool killed
 * by SIGPIPE does.
 */
function failure(e: unknown, io: CliIo, locale: Locale = 'en'): number {
  const errno = e as NodeJS.ErrnoException;
  if (errno.code === 'EPIPE') return EXIT.pipeClosed;
  if (!(e instanceof PostloanError) && typeof errno.code === 'string' && typeof errno.syscall === 'string') {
    // An operating-system error that no command turned into a message: still an I/O error, not a bug.
    io.err(`${formatIssues([issueFrom({ code: 'cli.io', path: '', ...(errno.path === undefined ? {} : { file: errno.path }) }, cliText.ioError(errno.path ?? '', errno.code, errno.syscall))], undefined, locale)}\n`);
    return EXIT.invalidInput;
  }
  if (e instanceof PostloanError) {
    const issues: readonly PostloanIssue[] = e.issues;
    // One screen: the first 20 problems, then one line counting the rest, the capped ones included.
    io.err(`${formatIssues(issues, 21, locale)}\n`);
    if (issues.some((i) => i.code.startsWith('internal.'))) return EXIT.internal;
    return issues.every((i) => i.code === 'cli.usage') ? EXIT.usage : EXIT.invalidInput;
  }
  const cli = catalogueFor(locale).cli;
  io.err(`✖ ${cli.internal}: ${e instanceof Error ? e.message : String(e)}\n  ${cli.internalHint}\n`);
  if (process.env['POSTLOAN_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined) io.err(`${e.stack}\n`);
  return EXIT.internal;
}

/**
 * Runs the CLI like {@link main}, plus the commands that stream their input (`report`): the entry point
 * of the `postloan` binary. Resolves to the exit code; never rejects.
 */
export async function mainAsync(argv: readonly string[], io: CliIo = STDIO): Promise<number> {
  let chosen;
  try {
    chosen = cliLocale(argv, io.env ?? {});
  } catch (e) {
    return failure(e, io);
  }
  const { locale } = chosen;
  const [command, ...rest] = chosen.args;
  if (command === 'batch') {
    try {
      const cmd = parseBatchArgs(rest);
      if (cmd === 'help') {
        io.out(commandHelp('batch', locale));
        return EXIT.ok;
      }
      const real = io === STDIO ? { stderrIsTTY: stderrIsTerminal() } : {};
      const { errors } = await runBatch(cmd, { ...io, ...real, locale });
      return errors > 0 ? EXIT.invalidInput : EXIT.ok;
    } catch (e) {
      return failure(e, io, locale);
    }
  }
  if (command !== undefined && STORE_COMMANDS.has(command)) {
    try {
      if (rest.includes('-h') || rest.includes('--help')) {
        io.out(commandHelp(command as CommandName, locale));
        return EXIT.ok;
      }
      const storeIo = { ...io, stderrIsTTY: io === STDIO && stderrIsTerminal(), locale };
      if (command === 'eod' || command === 'worker') return await (await import('./eodCommand')).runEodCommand(command, rest, storeIo);
      return await (await import('./storeCommand')).runStoreCommand(command as 'db' | 'ingest' | 'show' | 'tasks', rest, storeIo);
    } catch (e) {
      return failure(e, io, locale);
    }
  }
  if (command !== 'report') return main(argv, io);
  try {
    const cmd = parseReportArgs(rest);
    if (cmd === 'help') {
      io.out(commandHelp('report', locale));
      return EXIT.ok;
    }
    const report = buildReport(cmd);
    io.out(renderReport(report, cmd.format, locale, chosen.explicit ? locale : 'en'));
    io.err(reportWarning(report, locale));
    // Errors and nothing reported: the report says nothing about the book.
    if (!('loans' in report)) return EXIT.ok;
    return report.errors.length > 0 && report.loans.reported === 0 && report.loans.notYetDisbursed === 0 ? EXIT.invalidInput : EXIT.ok;
  } catch (e) {
    return failure(e, io, locale);
  }
}

