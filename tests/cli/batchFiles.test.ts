import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from './run';

// Regressions of the batch's files: outputs that are inputs, locks, resume, special files, encodings,
// duplicate loan ids. Each fails on the code before the fix.
const dir = mkdtempSync(join(tmpdir(), 'postloan-batchfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


const AS_OF = '2026-06-30';
const book = join(dir, 'book.jsonl');
let bookText = '';
let full = '';

beforeAll(async () => {
  runCli('generate', '--seed', '9', '--loans', '20', '--as-of', AS_OF, '--out', book);
  bookText = readFileSync(book, 'utf8');
  full = (await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1')).stdout;
});

describe('batch outputs', () => {
  it('regression: --out equal to the input emptied the book and exited 0; now refused (exit 2), the book untouched', async () => {
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', `${dir}/./book.jsonl`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${dir}/./book.jsonl is an input (the input ${book})`);
    expect(readFileSync(book, 'utf8')).toBe(bookText);
    const snap = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'o.jsonl'), '--snapshots', book);
    expect(snap.code).toBe(2);
    expect(readFileSync(book, 'utf8')).toBe(bookText);
  });

  it('regression: --out equal to --snapshots interleaved their lines; now refused', async () => {
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'same.jsonl'), '--snapshots', join(dir, 'same.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--snapshots ${join(dir, 'same.jsonl')} is another output (--out ${join(dir, 'same.jsonl')})`);
    expect(existsSync(join(dir, 'same.jsonl'))).toBe(false);
  });

  it('an output written into the input directory, where the next run would read it, is refused', async () => {
    const books = join(dir, 'books');
    mkdirSync(books);
    writeFileSync(join(books, 'a.jsonl'), bookText);
    const r = await runCliAsync('batch', books, '--as-of', AS_OF, '--workers', '1', '--out', join(books, 'out.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is inside the input directory');
  });

  it('regression: a second run on the same --out wrote at the same time; now the lock refuses it (exit 1) and the file is untouched', async () => {
    const out = join(dir, 'locked.jsonl');
    writeFileSync(out, 'previous\n');
    writeFileSync(`${out}.lock`, `${process.pid}\n`);
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${out} is being written by another postloan run (process ${process.pid}, lock ${out}.lock)`);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    rmSync(`${out}.lock`);
  });

  it('regression: a failed run emptied the previous --out; now it survives (a missing --snapshots directory)', async () => {
    const out = join(dir, 'survives.jsonl');
    writeFileSync(out, 'previous\n');
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out, '--snapshots', join(dir, 'missing', 's.jsonl'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${join(dir, 'missing', 's.jsonl')}: no such directory (ENOENT)`);
    expect(readFileSync(out, 'utf8')).toBe('previous\n');
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('regression: a killed run left a short output and a rerun truncated it; --resume continues the partial files from their last complete line', async () => {
    const out = join(dir, 'resumed.jsonl');
    const snaps = join(dir, 'resumed-snaps.jsonl');
    const whole = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', join(dir, 'whole.jsonl'), '--snapshots', join(dir, 'whole-snaps.jsonl'));
    expect(whole.code).toBe(0);
    const outLines = readFileSync(join(dir, 'whole.jsonl'), 'utf8').split('\n');
    const snapLines = readFileSync(join(dir, 'whole-snaps.jsonl'), 'utf8').split('\n');
    // As a kill leaves them: 7 complete output lines and half of the 8th; 5 complete snapshots; a lock
    // whose process is gone.
    writeFileSync(`${out}.partial`, `${outLines.slice(0, 7).join('\n')}\n${(outLines[7] as string).slice(0, 100)}`);
    writeFileSync(`${snaps}.partial`, `${snapLines.slice(0, 5).join('\n')}\n`);
    writeFileSync(`${out}.lock`, '999999999\n');
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out, '--snapshots', snaps, '--resume');
    expect(r.stderr).toBe(`batch: resuming ${out} after 5 complete lines of the earlier run\n`);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'whole.jsonl'), 'utf8'));
    expect(readFileSync(snaps, 'utf8')).toBe(readFileSync(join(dir, 'whole-snaps.jsonl'), 'utf8'));
    expect(existsSync(`${out}.partial`) || existsSync(`${out}.lock`)).toBe(false);
  });

  it('--resume refuses a partial output longer than the input (not the same book) and keeps it', async () => {
    const out = join(dir, 'other-book.jsonl');
    writeFileSync(`${out}.partial`, `${full}${full}`);
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out, '--resume');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The input has 20 histories, fewer than the 40 lines the partial output already holds');
    expect(readFileSync(`${out}.partial`, 'utf8')).toBe(`${full}${full}`);
    expect(existsSync(out) || existsSync(`${out}.lock`)).toBe(false);
  });

  it('--resume needs --out; with no partial file it runs the whole book', async () => {
    expect((await runCliAsync('batch', book, '--as-of', AS_OF, '--resume')).code).toBe(2);
    const out = join(dir, 'fresh.jsonl');
    const r = await runCliAsync('batch', book, '--as-of', AS_OF, '--workers', '1', '--out', out, '--resume');
    expect(r.stderr).toBe(`batch: nothing to resume for ${out}; running the whole book\n`);
    expect(readFileSync(out, 'utf8')).toBe(full);
  });
});

describe('batch inputs', () => {
  it('regression: /dev/zero as the book grew to 16 GB and aborted; now refused at once, exit 1', async () => {
    const r = await runCliAsync('batch', '/dev/zero', '--as-of', AS_OF, '--workers', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read /dev/zero: it is a character device');
  });

  it('regression: one FIFO aborted (or hung) a whole batch directory; now it is one error line and the rest runs', async () => {
    const books = join(dir, 'with-fifo');
    mkdirSync(books);
    writeFileSync(join(books, 'a.jsonl'), bookText);
    expect(spawnSync('mkfifo', [join(books, 'b.jsonl')]).status).toBe(0);
    const r = await runCliAsync('batch', books, '--as-of', AS_OF, '--workers', '1');
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(`${lines.slice(0, 20).join('\n')}\n`).toBe(full);
    expect(JSON.parse(lines[20] as string)).toMatchObject({ error: { file: join(books, 'b.jsonl'), issues: [{ code: 'cli.io' }] } });
  });

  it('regression: a huge JSONL line threw an uncaught RangeError; now a line over 20 MiB is an error line naming it, and the next line runs', async () => {
    const long = join(dir, 'long-line.jsonl');
    const second = bookText.split('\n')[1] as string;
    writeFileSync(long, `"${'x'.repeat(20 * 1024 * 1024 + 10)}"\n${second}\n`);
    const r = await runCliAsync('batch', long, '--as-of', AS_OF, '--workers', '1');
    expect(r.code).toBe(1);
    const [error, replayed] = r.stdout.trimEnd().split('\n');
    expect(JSON.parse(error as string)).toMatchObject({ error: { file: long, line: 1, issues: [{ code: 'cli.io', message: `Line 1 of ${long} is longer than the 20971520-byte limit for one history` }] } });
    expect(`${replayed}\n`).toBe(`${full.split('\n')[1]}\n`);
  });

  it('regression: a GBK line was garbled into U+FFFD; now it is an error line with the byte offset and the iconv hint', async () => {
    const gbk = join(dir, 'gbk.jsonl');
    const first = bookText.split('\n')[0] as string;
    writeFileSync(gbk, Buffer.concat([Buffer.from(`${first}\n{"loan":{"id":"`), Buffer.from([0xb2, 0xe2]), Buffer.from('"}}\n')]));
    const r = await runCliAsync('batch', gbk, '--as-of', AS_OF, '--workers', '1');
    expect(r.code).toBe(1);
    const error = (JSON.parse(r.stdout.trimEnd().split('\n')[1] as string) as { error: { line: number; issues: { message: string; hint: string }[] } }).error;
    expect(error.line).toBe(2);
    expect(error.issues[0]?.message).toBe(`${gbk} is not valid UTF-8: byte 0xB2 at byte offset ${Buffer.byteLength(first) + 1 + 15} (line 2, column 16)`);
    expect(error.issues[0]?.hint).toContain('iconv -f GB18030 -t UTF-8');
  });

  it('regression: two histories of one loan id both ran; the second is an error line naming both, the first is kept', async () => {
    const dup = join(dir, 'dup.jsonl');
    const lines = bookText.trimEnd().split('\n');
    writeFileSync(dup, [lines[0], lines[1], lines[0]].join('\n') + '\n');
    const r = await runCliAsync('batch', dup, '--as-of', AS_OF, '--workers', '1');
    expect(r.code).toBe(1);
    const out = r.stdout.trimEnd().split('\n');
    expect(out.slice(0, 2).join('\n')).toBe(full.split('\n').slice(0, 2).join('\n'));
    const id = (JSON.parse(lines[0] as string) as { loan: { id: string } }).loan.id;
    expect(JSON.parse(out[2] as string)).toEqual({
      error: {
        file: dup,
        line: 3,
        loanId: id,
        issues: [
          {
            code: 'input.invalid',
            file: `${dup}:3`,
            path: 'loan.id',
            message: `Loan ${id} already has a history at ${dup}:1; this second history (${dup}:3) is not replayed, the first is kept`,
            hint: 'give each loan one history in a book: merge the two histories, or correct the loan id of one of them',
          },
        ],
      },
    });
  });
});

describe('report and diff', () => {
  it('regression: report and diff exited 0 when their only history was invalid; now 1', async () => {
    const bad = join(dir, 'only-bad.jsonl');
    writeFileSync(bad, '{"loan": {\n');
    expect((await runCliAsync('report', bad, '--from', '2026-05-31', '--to', AS_OF)).code).toBe(1);
    expect(runCli('diff', 'rules/cn-default', 'rules/cn-default', bad, '--as-of', AS_OF).code).toBe(1);
  });
});

describe('help', () => {
  it('postloan <command> --help and postloan help <command> print that command\'s page: usage, options, example, exit codes', async () => {
    for (const command of ['replay', 'validate', 'diagram', 'generate', 'report', 'explain', 'diff', 'batch']) {
      const viaFlag = command === 'batch' || command === 'report' ? await runCliAsync(command, '--help') : runCli(command, '--help');
      const viaHelp = runCli('help', command);
      expect(viaFlag.code).toBe(0);
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: postloan ${command}`));
      expect(viaFlag.stdout).toContain('Example:');
      expect(viaFlag.stdout).toContain('Exit codes:');
    }
    expect(runCli('help', 'nope').code).toBe(2);
  });
});

// Standard input, closed pipes and full disks need a real process: the built CLI.
const built = existsSync('dist/cli.js') && existsSync('dist/batchWorker.js');
describe.skipIf(!built)('built CLI: standard input, pipes, write errors', () => {
  const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000, ...(input === undefined ? {} : { input }) });

  it('- reads standard input in replay, batch and report', () => {
    const history = readFileSync('examples/cured-m1.json', 'utf8');
    expect(cli(['replay', '-', '--as-of', '2026-04-20']).status).not.toBe(0);
    const replayed = cli(['replay', '-', '--as-of', '2026-04-20', '--compact'], history);
    expect(replayed.status).toBe(0);
    expect(replayed.stdout).toBe(cli(['replay', 'examples/cured-m1.json', '--as-of', '2026-04-20', '--compact']).stdout);
    const batch = cli(['batch', '-', '--as-of', AS_OF, '--workers', '1'], bookText);
    expect(batch.status).toBe(0);
    expect(batch.stdout).toBe(full);
    expect(cli(['report', '-', '--from', '2026-05-31', '--to', AS_OF], bookText).status).toBe(0);
  });

  it('standard input has no size to check: its bytes are counted as they are read, and reading stops past 20 MiB', () => {
    const r = cli(['replay', '-', '--as-of', '2026-04-20'], `"${'x'.repeat(21 * 1024 * 1024)}"`);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`standard input is larger than the ${20 * 1024 * 1024}-byte limit (stopped reading at `);
  });

  it('regression: an unwritable --out with 2 workers printed the error and never exited; now exit 1 at once', () => {
    const r = cli(['batch', book, '--as-of', AS_OF, '--workers', '2', '--out', join(dir, 'nowhere', 'o.jsonl')]);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Cannot write ${join(dir, 'nowhere', 'o.jsonl')}: no such directory (ENOENT)`);
  });

  it('regression: a closed pipe (generate | head) printed a Node stack trace; now a quiet exit 141', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" dist/cli.js generate --seed 1 --loans 2000 --as-of ${AS_OF} | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('141\n');
  });

  it('regression: a full disk (/dev/full) was an internal error (exit 70); now an I/O error naming the file, exit 1', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" dist/cli.js generate --seed 1 --loans 5 --as-of ${AS_OF} > /dev/full`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('✖ Cannot write standard output: no space left on the device (ENOSPC)\n  → at standard output\n  hint: check the disk or the program standard output goes to\n');
    const out = cli(['generate', '--seed', '1', '--loans', '5', '--as-of', AS_OF, '--out', '/dev/full']);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Cannot write /dev/full: no space left on the device (ENOSPC)');
  });
});
