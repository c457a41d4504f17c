/**
 * The README and docs/ stand alone and ship with the package: no link or mention of design files outside
 * the repository, no path of one machine, every relative link resolving to a file the tarball contains;
 * and the reference pages agree with the code they describe.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../src/history/events';

const DOCS = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Text outside fenced code blocks: links and prose, where a path would be a reference. */
function prose(file: string): string {
  return readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
}

/** Relative link targets of a markdown file (no scheme, no pure anchor), without their anchor. */
function relativeLinks(file: string): string[] {
  const text = prose(file);
  const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g), ...text.matchAll(/^\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1] as string);
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#')).map((t) => decodeURI(t.split('#')[0] as string));
}

/** The files `npm pack` would put in the tarball, as the npm client computes them from `files`. */
function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [report] = JSON.parse(out) as [{ files: { path: string }[] }];
  return new Set(report.files.map((f) => f.path));
}

describe('README and docs/', () => {
  it.each(DOCS)('%s names no design file outside the repository and no local path', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const banned of ['../shared', 'shared/design', 'shared/policy', 'contract.md', 'post-loan-policy.md']) {
      expect(text.includes(banned), `${file} mentions ${banned}`).toBe(false);
    }
    // A checkout path of one machine (/work/…, /home/…, /Users/…, C:\…) or a file:// URL.
    const local = text.match(/(?:^|[\s`"'(=])(?:\/(?:work|home|Users|root|mnt|srv|opt)\/[\w.-]|[A-Za-z]:\\[\w.-]|file:\/\/)/m);
    expect(local?.[0], `${file} names a local path`).toBeUndefined();
  });

  it('every relative link of README and docs/ resolves to a file in the npm package', () => {
    const packed = packedFiles();
    expect(packed.has('README.md')).toBe(true);
    const broken: string[] = [];
    for (const file of DOCS) {
      for (const target of relativeLinks(file)) {
        const path = normalize(join(dirname(file), target));
        if (!existsSync(path)) broken.push(`${file} → ${target}: no such file`);
        else if (!packed.has(path)) broken.push(`${file} → ${target}: ${path} is not in the package (package.json "files")`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README links the history format, the architecture and the policy in docs/', () => {
    const links = relativeLinks('README.md');
    for (const doc of ['docs/history-format.md', 'docs/architecture.md', 'docs/policy.md']) expect(links).toContain(doc);
  });
});

describe('docs/policy.md', () => {
  const text = readFileSync('docs/policy.md', 'utf8');
  const pack = JSON.parse(readFileSync('rules/cn-default/pack.json', 'utf8')) as { rules: string[]; policy: { ids: string[]; outsideRules: Record<string, string> } };
  /** The table row of a policy id. */
  const row = (id: string): string => text.split('\n').find((l) => l.startsWith(`| ${id} |`)) ?? '';

  it('has a row for every policy id of the default pack, and no other', () => {
    const rows = [...text.matchAll(/^\| (P-[A-Z]{2}-\d+) \|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual([...pack.policy.ids].sort());
  });

  it('names, in each row, every rule of the pack that encodes the id and what encodes it outside rules', () => {
    const missing: string[] = [];
    for (const file of pack.rules) {
      const doc = JSON.parse(readFileSync(`rules/cn-default/${file}`, 'utf8')) as { rules?: { id: string; name: string }[] };
      for (const rule of doc.rules ?? []) if (!row(rule.name).includes(`\`${rule.id}\``)) missing.push(`${rule.name}: ${rule.id} (${file})`);
    }
    for (const [id, where] of Object.entries(pack.policy.outsideRules)) if (!row(id).includes(where)) missing.push(`${id}: outsideRules`);
    expect(missing).toEqual([]);
  });
});

describe('docs/history-format.md', () => {
  const text = readFileSync('docs/history-format.md', 'utf8');
  const schema = JSON.parse(readFileSync('schemas/history.schema.json', 'utf8')) as {
    properties: { loan: { properties: Record<string, unknown> }; events: { items: { oneOf: { properties: Record<string, { const?: string }> }[] } } };
  };

  it('describes every field of the loan', () => {
    for (const field of Object.keys(schema.properties.loan.properties)) expect(text, field).toMatch(new RegExp(`^\\| \`${field}\` \\|`, 'm'));
  });

  it('has a row for every event type, in the order of EVENT_TYPES, naming every field of its schema', () => {
    const rows = [...text.matchAll(/^\| `(\w+)` \| (.*)$/gm)].filter((m) => (EVENT_TYPES as readonly string[]).includes(m[1] as string));
    expect(rows.map((m) => m[1])).toEqual([...EVENT_TYPES]);
    for (const branch of schema.properties.events.items.oneOf) {
      const type = branch.properties['type']?.const as string;
      const fields = rows.find((m) => m[1] === type)?.[2] ?? '';
      for (const field of Object.keys(branch.properties)) {
        if (['id', 'on', 'note', 'type'].includes(field)) continue;
        expect(fields, `${type}.${field}`).toContain(`\`${field}\``);
      }
    }
  });
});
