import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * examples/extending/host.ts as a reader would run it: bundled by esbuild and started with node. The
 * package's entry points are taken from src/ (the published package maps them to dist/).
 */
describe('examples/extending/host.ts', () => {
  it('registers an operator, reads attributes and observations, carries the currency, and adds a mediation state', async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'postloan-example-')), 'host.mjs');
    await build({
      entryPoints: ['examples/extending/host.ts'],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      alias: { 'postloan/node': resolve('src/node/index.ts'), postloan: resolve('src/index.ts') },
      logLevel: 'error',
    });
    const stdout = execFileSync(process.execPath, [outfile], { env: { ...process.env, POSTLOAN_EXAMPLE_DIR: resolve('examples/extending') }, encoding: 'utf8', timeout: 60_000 });
    const out = JSON.parse(stdout) as {
      loanId: string;
      currency: string;
      managementMode: string;
      riskLevel: string;
      observations: unknown[];
      decided: { kind: string; to: string; rules: string[]; inputs: Record<string, unknown> }[];
      mediation: { loanId: string; state: string; moves: { on: string; from: string; to: string; by: string }[]; agencyRecalled: boolean };
    };
    expect(out).toMatchObject({ loanId: 'L-HK-0001', currency: 'HKD', managementMode: 'key', riskLevel: 'high' });
    expect(out.observations).toHaveLength(3);
    // The host operator decided the watch-list dealer; the latest score of 2026-03-01 (the later line, 545) the risk.
    expect(out.decided).toContainEqual({ on: '2026-01-10', kind: 'managementModeChanged', to: 'key', rules: ['watch-list-dealer'], inputs: { 'attributes.product': 'auto', 'attributes.dealer.id': 'W-0042' } });
    expect(out.decided).toContainEqual({ on: '2026-03-01', kind: 'riskLevelChanged', to: 'high', rules: ['low-bureau-score'], inputs: { 'observations.bureauScore': 545 } });
    // The pack's own state: outsourced at DPD 91 (2025-05-17), mediation on the agency's report (06-10),
    // litigation on the lawsuit (07-21); the agency keeps the case throughout.
    expect(out.mediation.moves.slice(2)).toEqual([
      { on: '2025-05-17', from: 'overdueM2M3', to: 'outsourced', by: 'outsource-at-threshold' },
      { on: '2025-06-10', from: 'outsourced', to: 'mediation', by: 'enter-mediation' },
      { on: '2025-07-21', from: 'mediation', to: 'litigation', by: 'l1' },
    ]);
    expect(out.mediation).toMatchObject({ state: 'litigation', agencyRecalled: false });
  });
});
