import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { readText } from './files';
import { inputFiles } from './reportCommand';

/** Where a history came from: a `.json` file, or a line of a `.jsonl` file (1-based). */
export interface HistoryWhere {
  readonly file: string;
  readonly line?: number;
}

/** One history as read: its text, or why its file could not be read. */
export type HistoryText = { readonly where: HistoryWhere; readonly text: string } | { readonly where: HistoryWhere; readonly issues: readonly PostloanIssue[] };

/** A stream of histories and how far through the input it is. */
export interface HistoryReader {
  readonly histories: AsyncIterable<HistoryText>;
  /** Share of the input read so far, 0 to 1: bytes of a JSONL file, files of a directory. */
  readonly fraction: () => number;
}

/**
 * Reads the histories of a JSONL file (one per line) or of a directory's `.jsonl` and `.json` files (by
 * name, as `postloan report` does), one at a time: a JSONL file is streamed line by line with
 * node:readline, so memory does not grow with the book. Blank lines are skipped, and a byte-order mark on
 * the first line is dropped. A missing input throws a `cli.io` error; an unreadable `.json` file of a
 * directory is yielded as issues, so the rest still runs.
 */
export function readHistories(input: string): HistoryReader {
  const files = inputFiles(input);
  let filesDone = 0;
  let current: { readonly stream: ReadStream; readonly size: number } | undefined;
  async function* histories(): AsyncGenerator<HistoryText> {
    for (const file of files) {
      if (file.endsWith('.json')) {
        let text: string;
        try {
          text = readText(file);
        } catch (e) {
          if (!(e instanceof PostloanError)) throw e;
          filesDone++;
          yield { where: { file }, issues: e.issues };
          continue;
        }
        filesDone++;
        yield { where: { file }, text };
        continue;
      }
      const stream = createReadStream(file, { encoding: 'utf8' });
      current = { stream, size: statSync(file).size };
      let line = 0;
      for await (const raw of createInterface({ input: stream, crlfDelay: Infinity })) {
        line++;
        const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (text.trim() === '') continue;
        yield { where: { file, line }, text };
      }
      current = undefined;
      filesDone++;
    }
  }
  return {
    histories: histories(),
    fraction: () => {
      if (files.length === 1 && current !== undefined) return current.size > 0 ? Math.min(1, current.stream.bytesRead / current.size) : 0;
      return filesDone / files.length;
    },
  };
}
