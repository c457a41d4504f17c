import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliAsync } from './run';

const PACK = 'examples/extending/dealer-pack';
const LOAN = 'examples/extending/loan.json';
const loanJson = JSON.parse(readFileSync(LOAN, 'utf8')) as { loan: Record<string, unknown>; events: unknown[] };

/** A pack directory next to the built-in ones: cn-default plus `rules`, with pack.json additions. */
function pack(rules: unknown[], manifest: Record<string, unknown> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'postloan-ext-'));
  cpSync('rules/cn-default', join(root, 'cn-default'), { recursive: true });
  const dir = join(root, 'ext');
  mkdirSync(dir);
  writeFileSync(join(dir, 'pack.json'), JSON.stringify({ extends: '../cn-default', id: 'ext', version: '1.0.0', effectiveFrom: '2020-01-01', rules: ['extra.json'], ...manifest }));
  writeFileSync(join(dir, 'extra.json'), JSON.stringify({ rules }));
  return dir;
}
function history(loan: Record<string, unknown>, events: unknown[] = []): string {
  const file = join(mkdtempSync(join(tmpdir(), 'postloan-h-')), 'h.json');
  writeFileSync(file, JSON.stringify({ loan: { ...loanJson.loan, ...loan }, events }));
  return file;
}

describe('extending postloan from the command line', () => {
  it('a pack that requires a custom operator is refused by the CLI, which provides none (exit 1)', () => {
    const { code, stdout, stderr } = runCli('replay', LOAN, '--pack', PACK, '--as-of', '2026-03-15');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('The pack requires the custom operator "startsWith", which was not provided');
    expect(stderr).toContain(`${PACK}/pack.json: requires.operators`);
    expect(stderr).toContain('the postloan command line provides no custom operators');
  });

  it('postloan validate checks such a pack as if its operators were provided', () => {
    const { code, stdout } = runCli('validate', PACK);
    expect(stdout).not.toContain('startsWith');
    expect(code).toBe(0);
  });

  it('a rule on a contract attribute fires, and the decision records the value it read', () => {
    const dir = pack([{ id: 'auto-key', name: 'P-IN-3', priority: 30, conditions: { all: [{ fact: 'attributes', path: '$.product', operator: 'equal', value: 'auto' }] }, event: { type: 'managementMode', params: { mode: 'key' } } }], { attributes: { product: 'string', dealer: 'object' } });
    const run = (product: string) => JSON.parse(runCli('replay', history({ attributes: { product } }), '--pack', dir, '--as-of', '2026-01-20').stdout) as { managementMode: string; timeline: { kind: string; inputs?: unknown }[] };
    const auto = run('auto');
    expect(auto.managementMode).toBe('key');
    expect(auto.timeline.find((e) => e.kind === 'managementModeChanged')?.inputs).toEqual({ 'attributes.product': 'auto' });
    expect(run('mortgage').managementMode).toBe('regular');
  });

  it('a misspelt attribute in a rule of a pack that declares its attributes fails validation (exit 1)', () => {
    const dir = pack([{ id: 'auto-key', name: 'P-IN-3', conditions: { all: [{ fact: 'attributes', path: '$.prodcut', operator: 'equal', value: 'auto' }] }, event: { type: 'managementMode', params: { mode: 'key' } } }], { attributes: { product: 'string' } });
    const { code, stdout } = runCli('validate', dir);
    expect(code).toBe(1);
    expect(stdout).toContain('The pack declares no attribute "prodcut"');
    expect(stdout).toContain('did you mean "product"?');
  });

  it('the observations fact is the latest observation: by day, then by line', () => {
    const dir = pack([{ id: 'low-score', name: 'P-EW-2', priority: 40, conditions: { all: [{ fact: 'observations', path: '$.bureauScore', operator: 'lessThan', value: 550 }] }, event: { type: 'riskLevel', params: { level: 'high' } } }]);
    const obs = (id: string, on: string, value: number) => ({ id, type: 'observation', on, name: 'bureauScore', value });
    const h = history({}, [obs('o3', '2026-01-20', 600), obs('o1', '2026-01-12', 500), obs('o2', '2026-01-20', 530)]);
    const at = (asOf: string) => (JSON.parse(runCli('replay', h, '--pack', dir, '--as-of', asOf).stdout) as { riskLevel: string }).riskLevel;
    expect(at('2026-01-15')).toBe('high');
    expect(at('2026-01-20')).toBe('high');
    const later = history({}, [obs('o1', '2026-01-12', 500), obs('o2', '2026-01-20', 530), obs('o3', '2026-01-20', 600)]);
    expect((JSON.parse(runCli('replay', later, '--pack', dir, '--as-of', '2026-01-20').stdout) as { riskLevel: string }).riskLevel).toBe('low');
  });

  it('a book mixing currencies is reported per currency, never summed', async () => {
    const line = (id: string, currency?: string) => JSON.stringify({ loan: { ...loanJson.loan, id, attributes: undefined, ...(currency === undefined ? { currency: undefined } : { currency }) } });
    const book = join(mkdtempSync(join(tmpdir(), 'postloan-book-')), 'book.jsonl');
    writeFileSync(book, `${line('L-1')}\n${line('L-2', 'USD')}\n${line('L-3', 'USD')}\n`);
    const json = await runCliAsync('report', book, '--from', '2026-02-28', '--to', '2026-03-31');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.stdout) as { byCurrency: Record<string, { currency: string; loans: { reported: number }; quality: { end: { balance: string } } }> };
    expect(Object.keys(r.byCurrency)).toEqual(['CNY', 'USD']);
    expect(r.byCurrency['CNY']?.loans.reported).toBe(1);
    expect(r.byCurrency['USD']?.loans.reported).toBe(2);
    expect(r.byCurrency['USD']?.currency).toBe('USD');
    const csv = await runCliAsync('report', book, '--from', '2026-02-28', '--to', '2026-03-31', '--format', 'csv');
    expect(csv.code).toBe(1);
    expect(csv.stderr).toContain('The book mixes currencies (CNY, USD); amounts are never summed across currencies');
    expect(csv.stderr).toContain('--currency CNY');
    const usd = await runCliAsync('report', book, '--from', '2026-02-28', '--to', '2026-03-31', '--currency', 'USD');
    expect(usd.code).toBe(0);
    const one = JSON.parse(usd.stdout) as { currency: string; loans: { reported: number } };
    expect(one.currency).toBe('USD');
    expect(one.loans.reported).toBe(2);
    const bad = await runCliAsync('report', book, '--from', '2026-02-28', '--to', '2026-03-31', '--currency', 'RMB');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('write the ISO 4217 code "CNY"');
  });

  it('a book in one default currency is reported exactly as before: no currency field', async () => {
    const book = join(mkdtempSync(join(tmpdir(), 'postloan-book-')), 'book.jsonl');
    writeFileSync(book, `${JSON.stringify({ loan: { ...loanJson.loan, currency: undefined, attributes: undefined } })}\n`);
    const r = JSON.parse((await runCliAsync('report', book, '--from', '2026-02-28', '--to', '2026-03-31')).stdout) as Record<string, unknown>;
    expect('currency' in r).toBe(false);
    expect(Object.keys(r)[0]).toBe('reportVersion');
  });
});
