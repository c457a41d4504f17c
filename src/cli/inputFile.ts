import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { PostloanError } from '../errors/PostloanError';
import type { PostloanIssue } from '../errors/PostloanIssue';
import { cliText, type FileKind } from './cliMessages';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';

/** The path that stands for standard input in every command that reads a file. */
export const STDIN = '-';

/** Largest one-document input (a history `.json`, a rule file): histories and rule files are far smaller. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Longest line of a JSONL input, newline excluded: one history, so the same bound as a `.json` file. */
export const MAX_LINE_BYTES = MAX_FILE_BYTES;

/** Bytes read at a time: memory holds one chunk and one line, never the whole file. */
const CHUNK_BYTES = 1 << 20;


/** How a path is named in messages: standard input has no name of its own. */
export function inputName(path: string): string {
  return path === STDIN ? 'standard input' : path;
}

function ioError(path: string, t: IssueText): PostloanError {
  return new PostloanError([issueFrom({ code: 'cli.io', file: inputName(path), path: '' }, t)]);
}

function kindOf(stats: Stats): FileKind {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'characterDevice';
  if (stats.isBlockDevice()) return 'blockDevice';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

/** The error for a path that exists but is not a regular file (a directory, FIFO, device, socket). */
export function notRegular(path: string, stats: Stats): PostloanError {
  return ioError(path, cliText.notRegular(path, kindOf(stats)));
}

/**
 * Opens an input for reading: `-` is standard input; anything else must be a regular file (checked
 * before opening, so a FIFO never blocks the open, and again on the open descriptor). Throws a
 * `cli.io` error naming the path.
 */
export function openInput(path: string): number {
  if (path === STDIN) return 0;
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    throw ioError(path, cliText.cannotRead(path, code, missing));
  }
  if (!stats.isFile()) throw notRegular(path, stats);
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, the open still returns.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw ioError(path, cliText.cannotRead(path, (e as NodeJS.ErrnoException).code, false));
  }
  const opened = fstatSync(fd);
  if (!opened.isFile()) {
    closeSync(fd);
    throw notRegular(path, opened);
  }
  return fd;
}

function closeInput(path: string, fd: number): void {
  if (path !== STDIN) closeSync(fd);
}

/** Reads into `buffer`, waiting when standard input is a non-blocking pipe that has nothing yet. */
function readSome(path: string, fd: number, buffer: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') return 0;
      throw ioError(path, cliText.readFailed(inputName(path), code));
    }
  }
}

/** Offset of the first byte that is not part of valid UTF-8 (overlong forms and surrogates refused), or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function hex(b: number | undefined): string {
  return `0x${(b ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** The problem of bytes that are not UTF-8: the byte, its offset in the file, and its line and column. */
function encodingIssue(file: string, bytes: Uint8Array, at: number, fileOffset: number, line: number, lineStart: number): PostloanIssue {
  const column = Buffer.from(bytes.subarray(lineStart, at)).toString('utf8').length + 1;
  return issueFrom({ code: 'input.invalid', file: inputName(file), path: '' }, cliText.notUtf8(inputName(file), hex(bytes[at]), fileOffset, line, column));
}

/**
 * Reads a one-document input (a history `.json`, a rule file, or `-` for standard input) as UTF-8 text:
 * regular files only, at most {@link MAX_FILE_BYTES} bytes counted as they are read (so a file that
 * grows, or a pipe, cannot exceed it), and bytes that are not UTF-8 refused with their offset and a
 * GBK hint. A UTF-8 byte-order mark is dropped. Throws a {@link PostloanError} naming the path.
 *
 * @example
 * ```ts
 * readInputText('examples/cured-m1.json'); // '{\n  "loan": …'
 * readInputText('-'); // everything piped in, up to 20 MiB
 * ```
 */
export function readInputText(path: string, maxBytes = MAX_FILE_BYTES): string {
  const fd = openInput(path);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // A regular file too large by its size is refused before it is read; the count below still bounds a
    // file that grows while it is read, and standard input.
    const size = path === STDIN ? 0 : fstatSync(fd).size;
    if (size > maxBytes) throw ioError(path, cliText.tooLarge(path, size, maxBytes));
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSome(path, fd, buffer);
      if (n === 0) break;
      chunks.push(buffer.subarray(0, n));
      total += n;
      if (total > maxBytes) {
        throw ioError(path, cliText.grewTooLarge(inputName(path), maxBytes, total));
      }
    }
  } finally {
    closeInput(path, fd);
  }
  const bytes = Buffer.concat(chunks, total);
  const bad = invalidUtf8At(bytes);
  if (bad >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = bytes.indexOf(10); i >= 0 && i < bad; i = bytes.indexOf(10, i + 1)) {
      line++;
      lineStart = i + 1;
    }
    throw new PostloanError([encodingIssue(path, bytes, bad, bad, line, lineStart)]);
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', start);
}

/** One line of a JSONL input: its text, or why it cannot be used (too long, not UTF-8). */
export type InputLine = { readonly line: number; readonly text: string } | { readonly line: number; readonly issues: readonly PostloanIssue[] };

/** How far through its input a {@link readInputLines} reader is. */
export interface ReadProgress {
  bytesRead: number;
  /** The input's size when known (a regular file), else 0. */
  size: number;
}

/**
 * The lines of a JSONL input (`-` is standard input), read synchronously a chunk at a time: memory holds
 * one chunk and one line. Each line is at most {@link MAX_LINE_BYTES} bytes and valid UTF-8; a line
 * that is not is yielded as issues (the line number, the byte offset) and reading goes on with the next
 * line. A trailing `\r` is dropped, as is a UTF-8 byte-order mark at the start. Opening problems throw a
 * `cli.io` {@link PostloanError}.
 */
export function* readInputLines(path: string, progress: ReadProgress = { bytesRead: 0, size: 0 }, maxLineBytes = MAX_LINE_BYTES): Generator<InputLine> {
  const fd = openInput(path);
  try {
    progress.size = path === STDIN ? 0 : fstatSync(fd).size;
    progress.bytesRead = 0;
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let parts: Buffer[] = [];
    let partBytes = 0;
    let line = 1;
    let lineOffset = 0;
    let tooLong = false;
    const finish = (): InputLine | undefined => {
      const n = line;
      const offset = lineOffset;
      const wasTooLong = tooLong;
      const bytes = wasTooLong ? Buffer.alloc(0) : Buffer.concat(parts, partBytes);
      lineOffset += partBytes + 1;
      line++;
      parts = [];
      partBytes = 0;
      tooLong = false;
      if (wasTooLong) {
        return { line: n, issues: [issueFrom({ code: 'cli.io', file: inputName(path), path: '' }, cliText.lineTooLong(n, inputName(path), maxLineBytes))] };
      }
      const start = n === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
      const end = bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
      const body = bytes.subarray(start, end);
      const bad = invalidUtf8At(body);
      if (bad >= 0) return { line: n, issues: [encodingIssue(path, body, bad, offset + start + bad, n, 0)] };
      return { line: n, text: body.toString('utf8') };
    };
    for (;;) {
      const n = readSome(path, fd, buffer);
      progress.bytesRead += n;
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
        if (!tooLong) parts.push(Buffer.from(chunk.subarray(start, nl)));
        partBytes += nl - start;
        if (partBytes > maxLineBytes) tooLong = true;
        start = nl + 1;
        const item = finish();
        if (item !== undefined) yield item;
      }
      if (start < n) {
        partBytes += n - start;
        if (partBytes > maxLineBytes) {
          // Keep counting, drop the bytes: the rest of the line is skipped, the next line still read.
          tooLong = true;
          parts = [];
        } else parts.push(Buffer.from(chunk.subarray(start, n)));
      }
    }
    if (partBytes > 0 || tooLong) {
      const item = finish();
      if (item !== undefined) yield item;
    }
  } finally {
    closeInput(path, fd);
  }
}
