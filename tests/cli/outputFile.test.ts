import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileIdentity, openOutput, refuseOverlaps } from '../../src/cli/outputFile';
import { PostloanError } from '../../src/errors/PostloanError';

const dir = mkdtempSync(join(tmpdir(), 'postloan-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function messagesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof PostloanError) return e.issues.map((i) => i.message);
    throw e;
  }
  return [];
}

describe('refuseOverlaps', () => {
  it('sees the same file through a symlink, ./x versus x, and a file not yet written', () => {
    const book = join(dir, 'book.jsonl');
    writeFileSync(book, '{}\n');
    symlinkSync(book, join(dir, 'link.jsonl'));
    expect(fileIdentity(join(dir, 'link.jsonl'))).toBe(fileIdentity(book));
    expect(fileIdentity(`${dir}/./new.jsonl`)).toBe(fileIdentity(join(dir, 'new.jsonl')));
    expect(messagesOf(() => refuseOverlaps([{ flag: '', path: book }], [{ flag: '--out', path: join(dir, 'link.jsonl') }]))).toEqual([
      `--out ${join(dir, 'link.jsonl')} is an input (the input ${book}): writing it would destroy what is read or interleave two outputs`,
    ]);
    expect(messagesOf(() => refuseOverlaps([], [{ flag: '--out', path: join(dir, 'o.jsonl') }, { flag: '--snapshots', path: `${dir}/./o.jsonl` }]))[0]).toContain('is another output (--out');
    expect(messagesOf(() => refuseOverlaps([{ flag: '', path: book }], [{ flag: '--out', path: join(dir, 'o.jsonl') }]))).toEqual([]);
  });
});

describe('openOutput', () => {
  it('writes to <file>.partial and replaces the previous file only on commit; abort keeps the previous file', () => {
    const out = join(dir, 'kept.jsonl');
    writeFileSync(out, 'previous\n');
    const first = openOutput(out, '--out');
    first.write('new line\n');
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    first.abort(false);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(existsSync(`${out}.lock`)).toBe(false);
    const second = openOutput(out, '--out');
    second.write('new line\n');
    second.commit();
    expect(readFileSync(out, 'utf8')).toBe('new line\n');
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('regression: two runs wrote the same file at once; a live lock refuses the second with its pid and how to clear it', () => {
    const out = join(dir, 'locked.jsonl');
    const held = openOutput(out, '--out');
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    expect(messagesOf(() => openOutput(out, '--out'))).toEqual([`${out} is being written by another postloan run (process ${process.pid}, lock ${out}.lock)`]);
    held.abort(false);
    openOutput(out, '--out').abort(false);
  });

  it('takes over the lock of a run that was killed (its pid is not running)', () => {
    const out = join(dir, 'stale.jsonl');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(`${out}.lock`, `${dead}\n`);
    const file = openOutput(out, '--out');
    file.write('x\n');
    file.commit();
    expect(readFileSync(out, 'utf8')).toBe('x\n');
  });

  it('resumes the complete lines of a partial file and cuts the incomplete last one', () => {
    const out = join(dir, 'resume.jsonl');
    writeFileSync(`${out}.partial`, '{"loanId":"A"}\n{"error":{}}\n{"loanId":"C"}\n{"loanId":"D');
    const file = openOutput(out, '--out', { resume: true });
    expect(file.foundPartial).toBe(true);
    expect(file.completeLines).toBe(3);
    const heads: string[] = [];
    file.resumeLines(2, (h) => heads.push(h.toString()));
    expect(heads).toEqual(['{"loanId":"A"}', '{"error":{}}']);
    file.write('{"loanId":"C2"}\n');
    file.commit();
    expect(readFileSync(out, 'utf8')).toBe('{"loanId":"A"}\n{"error":{}}\n{"loanId":"C2"}\n');
  });

  it('an output in a missing directory is an I/O error naming it', () => {
    expect(messagesOf(() => openOutput(join(dir, 'no', 'such.jsonl'), '--out'))).toEqual([`Cannot write ${join(dir, 'no', 'such.jsonl')}: no such directory (ENOENT)`]);
  });
});
