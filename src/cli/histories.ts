import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { readText } from './files';

/** One history's JSON text and where it came from. */
export interface HistoryText {
  readonly source: string;
  /** 1-based line of a JSONL file; absent for a one-history file. */
  readonly line?: number;
  readonly text: string;
}

/** A file that could not be read: its histories are lost, the others are still used. */
export interface HistoryReadFailure {
  readonly source: string;
  readonly issues: readonly PostloanIssue[];
}

/**
 * The files named on the command line: a file as it is, a directory as its `.json` and `.jsonl` files
 * in name order. A path that does not exist, or a directory without history files, is a user error.
 */
export function historyFiles(inputs: readonly string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      throw new PostloanError([{ code: 'cli.io', file: input, path: '', message: `Cannot read ${input}: no such file or directory`, hint: 'give history files (.json), JSONL files (one history per line) or directories of them' }]);
    }
    if (!isDir) {
      files.push(input);
      continue;
    }
    const inside = readdirSync(input)
      .filter((name) => /\.(jsonl|json)$/.test(name))
      .sort()
      .map((name) => join(input, name));
    if (inside.length === 0) throw new PostloanError([{ code: 'cli.io', file: input, path: '', message: `${input} holds no .json or .jsonl files`, hint: 'put the history files (one loan per .json file, or many per .jsonl file) in the directory' }]);
    files.push(...inside);
  }
  return files;
}

/** Bytes read at a time from a JSONL file: memory holds one chunk and one line, never the whole file. */
const CHUNK_BYTES = 1 << 20;

/** The lines of a UTF-8 file, read synchronously a chunk at a time (CRLF tolerated). */
function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let pending = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      const text = n === 0 ? decoder.end() : decoder.write(buffer.subarray(0, n));
      pending += text;
      let start = 0;
      for (let nl = pending.indexOf('\n', start); nl >= 0; nl = pending.indexOf('\n', start)) {
        yield pending.slice(start, nl).replace(/\r$/, '');
        start = nl + 1;
      }
      pending = pending.slice(start);
      if (n === 0) break;
    }
    if (pending !== '') yield pending.replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * Every history text of the files, in order: a `.jsonl` file line by line (blank lines skipped, a
 * UTF-8 byte-order mark on the first line dropped), any other file as one history. A file that cannot
 * be read is a failure entry, and the next file is read.
 */
export function* historyTexts(files: readonly string[]): Generator<HistoryText | HistoryReadFailure> {
  for (const source of files) {
    if (!source.endsWith('.jsonl')) {
      try {
        yield { source, text: readText(source) };
      } catch (e) {
        if (!(e instanceof PostloanError)) throw e;
        yield { source, issues: e.issues };
      }
      continue;
    }
    let line = 0;
    try {
      for (const raw of fileLines(source)) {
        line++;
        const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
        if (text.trim() !== '') yield { source, line, text };
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined) throw e;
      yield { source, issues: [{ code: 'cli.io', file: source, path: '', message: `Cannot read ${source}: ${code}`, hint: 'check the path and its permissions' }] };
    }
  }
}
