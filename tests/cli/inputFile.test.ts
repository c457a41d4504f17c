import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invalidUtf8At, readInputLines, readInputText } from '../../src/cli/inputFile';
import { PostloanError } from '../../src/errors/PostloanError';

const dir = mkdtempSync(join(tmpdir(), 'postloan-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The issues a read throws, or a failure when it does not throw a PostloanError. */
function issuesOf(read: () => unknown): PostloanError['issues'] {
  try {
    read();
  } catch (e) {
    if (e instanceof PostloanError) return e.issues;
    throw e;
  }
  throw new Error('expected the read to be refused');
}

// 测试 in GBK: the bytes a Chinese Windows editor writes by default.
const GBK = Buffer.from([0xb2, 0xe2, 0xca, 0xd4]);

describe('invalidUtf8At', () => {
  it('finds the first byte that is not UTF-8, and accepts UTF-8 (Chinese included)', () => {
    expect(invalidUtf8At(Buffer.from('{"note":"测试"}'))).toBe(-1);
    expect(invalidUtf8At(Buffer.concat([Buffer.from('{"note":"'), GBK]))).toBe(9);
    expect(invalidUtf8At(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong NUL
    expect(invalidUtf8At(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // a UTF-16 surrogate
    expect(invalidUtf8At(Buffer.from([0x41, 0xe6, 0xb5]))).toBe(1); // cut short at the end
  });
});

describe('readInputText', () => {
  it('regression: invalid UTF-8 was replaced by U+FFFD; now refused with the byte offset, line, column and the GB18030 hint', () => {
    const file = join(dir, 'gbk.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\n  "loan": "'), GBK, Buffer.from('"\n}\n')]));
    const [issue] = issuesOf(() => readInputText(file));
    expect(issue?.message).toBe(`${file} is not valid UTF-8: byte 0xB2 at byte offset 13 (line 2, column 12)`);
    expect(issue?.hint).toContain('iconv -f GB18030 -t UTF-8');
  });

  it('drops a UTF-8 byte-order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"测"}')]));
    expect(readInputText(file)).toBe('{"a":"测"}');
  });

  it('regression: /dev/zero grew to 16 GB (its stat size is 0); now refused before reading as not a regular file', () => {
    const [issue] = issuesOf(() => readInputText('/dev/zero'));
    expect(issue?.message).toBe('Cannot read /dev/zero: it is a character device, and postloan reads regular files only (their size is known, so reading ends)');
    expect(issue?.code).toBe('cli.io');
  });

  it('regression: a FIFO hung forever; now refused without opening it for reading', () => {
    const fifo = join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const [issue] = issuesOf(() => readInputText(fifo));
    expect(issue?.message).toContain('it is a named pipe (FIFO)');
  });

  it('refuses a regular file larger than the limit by its size, before reading it', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, 'x'.repeat(5000));
    const [issue] = issuesOf(() => readInputText(file, 4096));
    expect(issue?.message).toBe(`${file} is 5000 bytes, above the 4096-byte limit`);
  });

  it('a missing file and a directory are refused by name', () => {
    expect(issuesOf(() => readInputText(join(dir, 'nope.json')))[0]?.message).toBe(`Cannot read ${join(dir, 'nope.json')}: no such file`);
    expect(issuesOf(() => readInputText(dir))[0]?.message).toContain('it is a directory');
  });
});

describe('readInputLines', () => {
  it('regression: a line over the limit threw RangeError; now that line is an issue naming it, and the next line is still read', () => {
    const file = join(dir, 'long.jsonl');
    writeFileSync(file, `{"a":1}\n${'x'.repeat(3000)}\n{"b":2}\r\n{"c":3}`);
    const lines = [...readInputLines(file, undefined, 1000)];
    expect(lines.map((l) => ('text' in l ? l.text : l.issues[0]?.message))).toEqual([
      '{"a":1}',
      `Line 2 of ${file} is longer than the 1000-byte limit for one history`,
      '{"b":2}',
      '{"c":3}',
    ]);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
  });

  it('a line that is not UTF-8 is an issue with its byte offset in the file; the other lines are read', () => {
    const file = join(dir, 'mixed.jsonl');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}\n{"n":"ab'), GBK, Buffer.from('"}\n{"c":"测"}\n')]));
    const lines = [...readInputLines(file)];
    expect(lines[0]).toEqual({ line: 1, text: '{"a":1}' });
    const second = lines[1];
    expect(second !== undefined && 'issues' in second ? second.issues[0]?.message : '').toBe(`${file} is not valid UTF-8: byte 0xB2 at byte offset 19 (line 2, column 9)`);
    expect(lines[2]).toEqual({ line: 3, text: '{"c":"测"}' });
  });

  it('keeps a line whole across the 1 MiB read chunks', () => {
    const file = join(dir, 'chunks.jsonl');
    const long = `"${'测'.repeat(600_000)}"`;
    writeFileSync(file, `${long}\n"end"\n`);
    expect([...readInputLines(file)].map((l) => ('text' in l ? l.text.length : -1))).toEqual([long.length, 5]);
  });
});
