import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run';

const root = mkdtempSync(join(tmpdir(), 'postloan-packfiles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A copy of the default pack in a fresh directory. */
function packCopy(name: string): string {
  const dir = join(root, name);
  cpSync('rules/cn-default', dir, { recursive: true });
  return dir;
}

describe('pack files that are not regular files inside the pack', () => {
  // Regression: a rule file symlinked to /etc/passwd was read, and the syntax error quoted its first
  // bytes ("root:x:0:0").
  it('a rule file that is a symbolic link out of the pack directory is refused, its target never echoed', () => {
    const secret = join(root, 'secret.txt');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const dir = packCopy('outside');
    unlinkSync(join(dir, 'lifecycle.json'));
    symlinkSync(secret, join(dir, 'lifecycle.json'));
    const { code, stdout, stderr } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout + stderr).not.toContain('root:x');
    expect(stdout).toContain('lifecycle.json is a symbolic link to a file outside the pack directory');
  });

  it('pack.json itself as a link out of the pack directory is refused', () => {
    const dir = packCopy('manifest-outside');
    const elsewhere = join(root, 'elsewhere.json');
    cpSync(join(dir, 'pack.json'), elsewhere);
    unlinkSync(join(dir, 'pack.json'));
    symlinkSync(elsewhere, join(dir, 'pack.json'));
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toContain('pack.json is a symbolic link to a file outside the pack directory');
  });

  it('a link to another file inside the pack is followed', () => {
    const dir = packCopy('inside');
    cpSync(join(dir, 'lifecycle.json'), join(dir, 'lifecycle-v1.json'));
    unlinkSync(join(dir, 'lifecycle.json'));
    symlinkSync('lifecycle-v1.json', join(dir, 'lifecycle.json'));
    const { code, stdout } = runCli('validate', dir);
    expect(stdout).not.toContain('✖');
    expect(code).toBe(0);
  });

  it('a rule file that is a directory or a FIFO is refused without reading it', () => {
    const dir = packCopy('special');
    unlinkSync(join(dir, 'lifecycle.json'));
    mkdirSync(join(dir, 'lifecycle.json'));
    expect(runCli('validate', dir).stdout).toContain('lifecycle.json is not a regular file');
    rmSync(join(dir, 'lifecycle.json'), { recursive: true });
    // A FIFO would block a reader forever: it must be refused before it is opened.
    execFileSync('mkfifo', [join(dir, 'lifecycle.json')]);
    expect(runCli('validate', dir).stdout).toContain('lifecycle.json is not a regular file');
  });
});
