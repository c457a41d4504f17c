import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readFileSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PostloanError } from '../errors/PostloanError';
import { STDIN } from './inputFile';
import { cliText } from './cliMessages';
import type { IssueText } from '../contract/messages';
import { issueFrom } from '../errors/issueText';

/** A file a command writes: to `<file>.partial` next to it, renamed onto it when complete, under a lock. */
export interface OutputFile {
  /** The path as the user gave it. */
  readonly path: string;
  /** The temporary file the lines go to until {@link OutputFile.commit}. */
  readonly partial: string;
  /** Appends text; throws a `cli.io` error naming the path on a write error. */
  readonly write: (text: string) => void;
  /** Flushes to disk, renames the partial file onto the output and releases the lock. */
  readonly commit: () => void;
  /** Closes and releases the lock; the partial file is kept (for `--resume`) or deleted. */
  readonly abort: (keepPartial: boolean) => void;
  /** Bytes written so far, those of a resumed partial file included. */
  readonly bytes: () => number;
  /** Complete lines of the partial file found when opened with `resume` (0 when there was none). */
  readonly completeLines: number;
  /** Whether the open found a partial file (from an earlier run that did not finish). */
  readonly foundPartial: boolean;
  /**
   * With `resume`: keeps the first `lines` complete lines of the partial file (cutting any incomplete
   * last line) and appends after them; `visit` sees the first bytes of each kept line.
   */
  readonly resumeLines: (lines: number, visit?: (head: Buffer) => void) => void;
}

/** A `cli.io` error for a file that could not be written; exits 1 like every I/O error. */
export function writeError(path: string, flag: string, e: unknown, stdout = false): PostloanError {
  return new PostloanError([issueFrom({ code: 'cli.io', file: path, path: flag }, cliText.cannotWrite(path, (e as NodeJS.ErrnoException).code, String((e as Error).message ?? e), stdout))]);
}

/**
 * Identity of a path for comparing inputs and outputs: device and inode when it exists (so symlinks,
 * hard links, `./x` and `x` compare equal), else the real path of its directory and its name.
 */
export function fileIdentity(path: string): string {
  try {
    const s = statSync(path);
    return `inode:${s.dev}:${s.ino}`;
  } catch {
    try {
      return `path:${join(realpathSync(dirname(resolve(path))), basename(path))}`;
    } catch {
      return `path:${resolve(path)}`;
    }
  }
}

/** One path a command reads or writes, with the option that named it (for messages). */
export interface NamedPath {
  readonly flag: string;
  readonly path: string;
}

/**
 * Refuses outputs that are an input or each other — the same file by device and inode, through symlinks
 * and `./x` versus `x` — before anything is opened for writing, so an input is never emptied. Throws a
 * `cli.usage` error naming both.
 */
export function refuseOverlaps(inputs: readonly NamedPath[], outputs: readonly NamedPath[]): void {
  const seen = new Map<string, NamedPath>();
  for (const i of inputs) if (i.path !== STDIN) seen.set(fileIdentity(i.path), i);
  const clash: IssueText[] = [];
  for (const o of outputs) {
    const id = fileIdentity(o.path);
    const other = seen.get(id);
    if (other !== undefined) {
      clash.push(cliText.outputClash(o.flag, o.path, inputs.includes(other), other.flag, other.path));
    } else seen.set(id, o);
  }
  if (clash.length > 0) {
    throw new PostloanError(clash.map((t) => issueFrom({ code: 'cli.usage', path: '' }, t)));
  }
}

/** Is the process that wrote a lock still running? */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<target>.lock` (created exclusively, holding the pid). A lock whose pid is not running is stale
 * (the run was killed) and is taken over; a live one is an error telling how to clear it by hand.
 */
function lock(target: string, path: string, flag: string): string {
  const lockPath = `${target}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return lockPath;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(path, flag, e);
    }
    let pid = NaN;
    try {
      pid = Number(readFileSync(lockPath, 'utf8').trim());
    } catch {
      // Removed by its owner meanwhile: try again.
    }
    if (attempt < 2 && !alive(pid)) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Another run took it over first: the next attempt says so.
      }
      continue;
    }
    throw new PostloanError([
      issueFrom({ code: 'cli.io', file: path, path: flag }, cliText.locked(path, Number.isNaN(pid) ? '?' : String(pid), lockPath)),
    ]);
  }
}

/** Longest start of a line {@link OutputFile.resumeLines} hands to its visitor. */
const HEAD_BYTES = 512;

/**
 * Scans the complete lines of an open file (those ending with a newline), at most `maxLines`: their
 * number, the bytes they take, and the first bytes of each for `visit`.
 */
function scanLines(fd: number, maxLines: number, visit?: (head: Buffer) => void): { readonly bytes: number; readonly lines: number } {
  const buffer = Buffer.allocUnsafe(1 << 20);
  const head = Buffer.allocUnsafe(HEAD_BYTES);
  let offset = 0;
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, offset);
    if (n === 0) break;
    const chunk = buffer.subarray(0, n);
    for (let i = chunk.indexOf(10); i >= 0 && lines < maxLines; i = chunk.indexOf(10, i + 1)) {
      if (visit !== undefined) {
        const got = readSync(fd, head, 0, Math.min(HEAD_BYTES, offset + i - bytes), bytes);
        visit(head.subarray(0, got));
      }
      lines++;
      bytes = offset + i + 1;
    }
    if (lines >= maxLines) break;
    offset += n;
  }
  return { bytes, lines };
}

/** Options of {@link openOutput}. */
export interface OpenOutputOptions {
  /** Continue an existing partial file (see {@link OutputFile.resumeLines}) instead of starting it over. */
  readonly resume?: boolean;
}

/**
 * Opens an output for writing the safe way: takes its lock, then writes to `<file>.partial` in the same
 * directory (the real file's, when the path is a symlink), so the previous `<file>` is untouched until
 * {@link OutputFile.commit} renames the complete file onto it. Throws a `cli.io` error naming the path
 * (exit 1) when the directory is missing or not writable, or another run holds the lock.
 *
 * @example
 * ```ts
 * const out = openOutput('outputs.jsonl', '--out');
 * try { out.write('{"loanId":"L-1"}\n'); out.commit(); } catch (e) { out.abort(false); throw e; }
 * ```
 */
export function openOutput(path: string, flag: string, options: OpenOutputOptions = {}): OutputFile {
  let target = path;
  try {
    target = realpathSync(path);
  } catch {
    // A new file: written where it is named.
  }
  let existing;
  try {
    existing = statSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isDirectory() === true) throw writeError(path, flag, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  // A device or pipe (/dev/stdout, a FIFO) is written as it is: it cannot be replaced by a rename.
  const direct = existing !== undefined && !existing.isFile();
  const lockPath = direct ? undefined : lock(target, path, flag);
  const partial = direct ? target : `${target}.partial`;
  let fd: number;
  let bytes = 0;
  let locked = lockPath !== undefined;
  const unlock = (): void => {
    if (!locked || lockPath === undefined) return;
    locked = false;
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  const foundPartial = !direct && existsSync(partial);
  let completeLines = 0;
  try {
    if (options.resume === true && foundPartial) {
      fd = openSync(partial, 'r+');
      completeLines = scanLines(fd, Infinity).lines;
    } else fd = openSync(partial, 'w');
  } catch (e) {
    unlock();
    throw writeError(path, flag, e);
  }
  let fdOpen = true;
  const closeFd = (): void => {
    if (!fdOpen) return;
    fdOpen = false;
    closeSync(fd);
  };
  return {
    path,
    partial,
    bytes: () => bytes,
    completeLines,
    foundPartial,
    resumeLines: (lines, visit) => {
      if (direct) return;
      try {
        const kept = lines === 0 ? { bytes: 0 } : scanLines(fd, lines, visit);
        ftruncateSync(fd, kept.bytes);
        bytes = kept.bytes;
      } catch (e) {
        throw writeError(path, flag, e);
      }
    },
    write: (text) => {
      const buffer = Buffer.from(text, 'utf8');
      try {
        for (let off = 0; off < buffer.length; ) off += writeSync(fd, buffer, off, buffer.length - off, direct ? null : bytes + off);
      } catch (e) {
        throw writeError(path, flag, e);
      }
      bytes += buffer.length;
    },
    commit: () => {
      try {
        if (!direct) fsyncSync(fd);
        closeFd();
        if (!direct) renameSync(partial, target);
      } catch (e) {
        throw writeError(path, flag, e);
      } finally {
        try {
          closeFd();
        } catch {
          // Closed or failed above: reported there.
        }
        unlock();
      }
    },
    abort: (keepPartial) => {
      try {
        closeFd();
      } catch {
        // The descriptor is gone either way; the lock is what matters.
      }
      unlock();
      if (!keepPartial && !direct) {
        try {
          unlinkSync(partial);
        } catch {
          // Never created or already removed.
        }
      }
    },
  };
}
