import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { inputName, notRegular, readInputLines, readInputText, STDIN, type ReadProgress } from './inputFile';
import { cliText } from './cliMessages';
import { issueFrom } from '../errors/issueText';

/** Where a history came from: a `.json` file, or a line of a JSONL file or of standard input (1-based). */
export interface HistoryWhere {
  readonly file: string;
  readonly line?: number;
}

/** One history as read: its text, or why it (or its whole file) could not be read. */
export type HistoryText = { readonly where: HistoryWhere; readonly text: string } | { readonly where: HistoryWhere; readonly issues: readonly PostloanIssue[] };

/** A stream of histories and how far through the input it is. */
export interface HistoryReader {
  readonly histories: Iterable<HistoryText>;
  /** Share of the input read so far, 0 to 1: bytes of a JSONL file, files of a directory. */
  readonly fraction: () => number;
}


/**
 * The files named on the command line, in order: `-` (standard input, read as JSONL) as it is, a regular
 * file as it is, a directory as its `.json` and `.jsonl` files in name order. A path that does not exist,
 * is neither a file nor a directory (a FIFO, a device), a directory without history files, or `-` given
 * twice is a user error. A bad file inside a directory is not: it is read as a failure, and the rest runs.
 */
export function historyFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  if (inputs.filter((i) => i === STDIN).length > 1) throw new PostloanError([issueFrom({ code: 'cli.usage', path: '' }, cliText.stdinTwice())]);
  for (const input of inputs) {
    if (input === STDIN) {
      files.push(input);
      continue;
    }
    let stats: Stats;
    try {
      stats = statSync(input);
    } catch {
      throw new PostloanError([issueFrom({ code: 'cli.io', file: input, path: '' }, cliText.noSuchInput(input))]);
    }
    if (stats.isFile()) {
      files.push(input);
      continue;
    }
    if (!stats.isDirectory()) throw notRegular(input, stats);
    const inside = readdirSync(input)
      .filter((name) => /\.(jsonl|json)$/.test(name))
      .sort()
      .map((name) => join(input, name));
    if (inside.length === 0) throw new PostloanError([issueFrom({ code: 'cli.io', file: input, path: '' }, cliText.emptyDirectory(input))]);
    files.push(...inside);
  }
  return files;
}

function failure(file: string, e: unknown): HistoryText {
  if (e instanceof PostloanError) return { where: { file: inputName(file) }, issues: e.issues };
  throw e;
}

/**
 * Every history of the files, in order, read through the bounded reader: a `.json` file as one history
 * (at most 20 MiB), anything else — a `.jsonl` file, standard input — line by line (each line at most
 * 20 MiB; blank lines skipped). A file or line that cannot be read (not a regular file, too long, not
 * UTF-8, an I/O error) is yielded as issues, and the next one is read.
 */
export function* historyItems(files: readonly string[], progress: ReadProgress = { bytesRead: 0, size: 0 }, done: { files: number } = { files: 0 }): Generator<HistoryText> {
  for (const file of files) {
    if (file !== STDIN && file.endsWith('.json')) {
      let item: HistoryText;
      try {
        item = { where: { file }, text: readInputText(file) };
      } catch (e) {
        item = failure(file, e);
      }
      done.files++;
      yield item;
      continue;
    }
    const name = inputName(file);
    try {
      for (const l of readInputLines(file, progress)) {
        if ('issues' in l) yield { where: { file: name, line: l.line }, issues: l.issues };
        else if (l.text.trim() !== '') yield { where: { file: name, line: l.line }, text: l.text };
      }
    } catch (e) {
      yield failure(file, e);
    }
    done.files++;
  }
}

/**
 * Reads the histories of a JSONL file (one per line), of standard input (`-`) or of a directory's
 * `.jsonl` and `.json` files (by name), one at a time, as {@link historyItems} does: memory does not
 * grow with the book. A missing input throws a `cli.io` error; a bad file inside a directory is yielded
 * as issues, so the rest still runs.
 */
export function readHistories(input: string | readonly string[]): HistoryReader {
  const files = historyFiles(typeof input === 'string' ? [input] : input);
  const progress: ReadProgress = { bytesRead: 0, size: 0 };
  const done = { files: 0 };
  return {
    histories: historyItems(files, progress, done),
    fraction: () => {
      if (files.length === 1) return progress.size > 0 ? Math.min(1, progress.bytesRead / progress.size) : done.files;
      return done.files / files.length;
    },
  };
}
