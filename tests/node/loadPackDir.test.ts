import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostloanError } from '../../src/errors/PostloanError';
import { loadPackDir, loadPackDirOrThrow, readPackDir } from '../../src/node';
import { cnDefaultPack } from '../../src/rules/defaultPack';

describe('loadPackDir', () => {
  it('loads the default pack from disk, identical to the bundled one', () => {
    const r = loadPackDir('rules/cn-default/');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.hash).toBe(cnDefaultPack().hash);
  });

  it('follows "extends" through readPackDir', () => {
    const files = readPackDir('rules/cn-consumer-credit');
    expect(Object.keys(files)).toContain('../cn-default/pack.json');
    expect(loadPackDir('rules/cn-consumer-credit').ok).toBe(true);
  });

  it('returns a missing directory as an I/O issue naming the file, not a throw', () => {
    const r = loadPackDir('no/such/pack');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([expect.objectContaining({ code: 'cli.io', file: join('no/such/pack', 'pack.json') })]);
  });

  it('reports every invalid file with its path under the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'postloan-loadpackdir-'));
    cpSync('rules/cn-default', dir, { recursive: true });
    const buckets = JSON.parse(readFileSync(join(dir, 'buckets.json'), 'utf8'));
    buckets.rules[0].priority = 'high';
    writeFileSync(join(dir, 'buckets.json'), JSON.stringify(buckets));
    const r = loadPackDir(dir);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.some((i) => i.file === `${dir}/buckets.json` && i.path.startsWith('rules[0]'))).toBe(true);
  });

  it('loadPackDirOrThrow throws a PostloanError with the issues', () => {
    expect(() => loadPackDirOrThrow('no/such/pack')).toThrow(PostloanError);
    expect(loadPackDirOrThrow('rules/cn-default').id).toBe(cnDefaultPack().id);
  });
});
