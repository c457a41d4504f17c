import { parseArgs } from 'node:util';
import { PostloanError } from '../errors/PostloanError';
import { formatIssues } from '../errors/formatIssues';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { runReplay } from './replayCommand';
import pkg from '../../package.json';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, invalidInput: 1, usage: 2, internal: 70 } as const;

const USAGE = `postloan ${pkg.version} — post-loan management (贷后管理) by replay of loan histories

Usage:
  postloan replay <history.json> [--pack <dir>] [--as-of <YYYY-MM-DD>] [--compact]
  postloan --help | --version

Commands:
  replay   Replay a loan history and print its state, bucket, DPD, classification,
           balances, timeline and tasks as JSON.

Options:
  --pack <dir>     Rule pack directory (default: the built-in cn-default pack)
  --as-of <date>   Business date to replay to (default: today in the pack's time zone)
  --compact        Print JSON on one line
  -h, --help       Show this help
  -v, --version    Show the version

Exit codes: 0 ok · 1 invalid input (history, pack, dates) · 2 usage error · 70 internal error`;

function usageError(message: string): PostloanError {
  return new PostloanError([{ code: 'cli.usage', path: '', message, hint: 'run `postloan --help` for usage' }]);
}

/** Runs the CLI with arguments (without `node` and the script). Returns the exit code; never throws. */
export function main(argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void } = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '-v' || command === '--version') {
      io.out(`${pkg.version}\n`);
      return EXIT.ok;
    }
    if (command !== 'replay') throw usageError(`Unknown command "${command}"`);
    let parsed;
    try {
      parsed = parseArgs({
        args: [...rest],
        allowPositionals: true,
        options: { pack: { type: 'string' }, 'as-of': { type: 'string' }, compact: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      throw usageError((e as Error).message);
    }
    if (parsed.values.help === true) {
      io.out(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (parsed.positionals.length !== 1) throw usageError(`replay takes exactly one history file, got ${parsed.positionals.length}`);
    const output = runReplay({
      historyPath: parsed.positionals[0] as string,
      ...(parsed.values.pack === undefined ? {} : { packDir: parsed.values.pack }),
      ...(parsed.values['as-of'] === undefined ? {} : { asOf: parsed.values['as-of'] }),
    });
    io.out(`${JSON.stringify(output, null, parsed.values.compact === true ? undefined : 2)}\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof PostloanError) {
      const issues: readonly PostloanIssue[] = e.issues;
      io.err(`${formatIssues(issues.slice(0, 20))}\n${issues.length > 20 ? `… and ${issues.length - 20} more problems\n` : ''}`);
      return issues.every((i) => i.code === 'cli.usage') ? EXIT.usage : EXIT.invalidInput;
    }
    io.err(`✖ Internal error: ${e instanceof Error ? e.message : String(e)}\n  This is a bug in postloan; please report it with the input that caused it.\n`);
    if (process.env['POSTLOAN_DEBUG'] === '1' && e instanceof Error && e.stack !== undefined) io.err(`${e.stack}\n`);
    return EXIT.internal;
  }
}

