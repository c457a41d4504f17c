/**
 * `validate` grows near-linearly with the rule count. The costly shape for the shadowing check is a
 * rule covered by several rules above it together, none alone: each was compared with every box of
 * every rule above, and rule by rule again to name them.
 */
import { describe, expect, it } from 'vitest';
import { cnDefaultPackFiles } from '../../src/rules/defaultPack';
import { validatePack } from '../../src/rules/lint';

const BUCKETS = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'];
const STATES = ['normal', 'overdueM1', 'overdueM2M3', 'outsourced', 'litigation'];

/** The default pack plus `n` bucket rules: a tenth tiling DPD in 5-day pieces, the rest wider ranges the pieces shadow together. */
function tiledPack(n: number): Record<string, unknown> {
  const tiles = Math.ceil(n / 10);
  const rules = Array.from({ length: n }, (_, i) => {
    const lo = i < tiles ? i * 5 : (i * 37) % (tiles * 5 - 40);
    const hi = i < tiles ? lo + 4 : lo + 20 + (i % 20);
    return {
      id: `gen-${i}`,
      name: 'P-LC-2',
      priority: i < tiles ? 100 : 1,
      conditions: { all: [{ fact: 'dpd', operator: 'greaterThanInclusive', value: lo }, { fact: 'dpd', operator: 'lessThanInclusive', value: hi }, { fact: 'state', operator: 'in', value: STATES }] },
      event: { type: 'bucket', params: { bucket: BUCKETS[i % BUCKETS.length] } },
    };
  });
  const manifest = structuredClone(cnDefaultPackFiles['pack.json']) as { rules: string[] };
  const files: Record<string, unknown> = { ...cnDefaultPackFiles, 'pack.json': manifest };
  for (let f = 0; f * 1000 < n; f++) {
    manifest.rules.push(`generated-${f}.json`);
    files[`generated-${f}.json`] = { rules: rules.slice(f * 1000, (f + 1) * 1000) };
  }
  return files;
}

describe('validate scales with the rule count', () => {
  // Regression: 3,000 such rules took ≈ 7 s of CPU and 6,000 ≈ 22 s (quadratic and worse); now ≈ 1.2
  // and 1.6 s. The bound leaves room for a slow machine, not for a quadratic check.
  it('3,000 rules shadowed by several rules together: every one found, in under 4 s of CPU', () => {
    const files = tiledPack(3000);
    const start = process.cpuUsage();
    const findings = validatePack(files, { dir: 'generated/' });
    const cpu = process.cpuUsage(start);
    expect(findings.filter((f) => f.code === 'lint.shadowed').length).toBeGreaterThan(2500);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect((cpu.user + cpu.system) / 1e6).toBeLessThan(4);
  }, 60_000);
});
