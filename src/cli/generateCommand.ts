import { parseArgs } from 'node:util';
import { generatePortfolio } from '../portfolio/generate';
import { cliText, usageErrorOf } from './cliMessages';
import { openOutput } from './outputFile';

/** Inputs of `postloan generate`. */
export interface GenerateCommand {
  readonly seed: number;
  readonly loans: number;
  readonly asOf: string;
  readonly years?: number;
  /** JSONL file to write; stdout when absent. */
  readonly out?: string;
}

const EXAMPLE = 'postloan generate --seed 42 --loans 1000 --as-of 2026-06-30 --out book.jsonl';

/** A whole number given on the command line, or a usage error naming the option. */
function wholeNumber(option: string, value: string): number {
  if (!/^\d{1,16}$/.test(value)) throw usageErrorOf(cliText.wholeNumber(`--${option}`, value, EXAMPLE));
  return Number(value);
}

/** Parses the arguments after `generate`; `'help'` for `--help`. Throws a `cli.usage` error on bad arguments. */
export function parseGenerateArgs(args: readonly string[]): GenerateCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: false,
      options: {
        seed: { type: 'string' },
        loans: { type: 'string' },
        'as-of': { type: 'string' },
        years: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw usageErrorOf(cliText.badArguments((e as Error).message, EXAMPLE));
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  const missing = (['seed', 'loans', 'as-of'] as const).filter((k) => v[k] === undefined);
  if (missing.length > 0) throw usageErrorOf(cliText.generateNeeds(missing.map((k) => `--${k}`), EXAMPLE));
  return {
    seed: wholeNumber('seed', v.seed as string),
    loans: wholeNumber('loans', v.loans as string),
    asOf: v['as-of'] as string,
    ...(v.years === undefined ? {} : { years: wholeNumber('years', v.years) }),
    ...(v.out === undefined ? {} : { out: v.out }),
  };
}

/**
 * Writes the generated portfolio as JSONL — one history per line — to `cmd.out` or, without it, through
 * `write`. Loans are generated one at a time and written a megabyte at a time, so memory does not grow
 * with `--loans`. The file is written to `<out>.partial` and renamed onto `<out>` when complete.
 * Returns the number of histories written.
 */
export function runGenerate(cmd: GenerateCommand, write: (s: string) => void): number {
  const histories = generatePortfolio({ seed: cmd.seed, loans: cmd.loans, asOf: cmd.asOf, ...(cmd.years === undefined ? {} : { years: cmd.years }) });
  if (cmd.out === undefined) {
    let n = 0;
    for (const h of histories) {
      write(`${JSON.stringify(h)}\n`);
      n++;
    }
    return n;
  }
  // Written to <out>.partial and renamed when complete: an existing book survives a failed run.
  const out = openOutput(cmd.out, '--out');
  let n = 0;
  try {
    let pending = '';
    for (const h of histories) {
      pending += `${JSON.stringify(h)}\n`;
      n++;
      if (pending.length >= 1 << 20) {
        out.write(pending);
        pending = '';
      }
    }
    out.write(pending);
    out.commit();
  } catch (e) {
    out.abort(false);
    throw e;
  }
  return n;
}
