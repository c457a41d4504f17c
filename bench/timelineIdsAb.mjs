// node bench/timelineIdsAb.mjs <old src tree> <new src tree> [loans] [rounds] — the timeline ids step side by side (decision 479).
// Each tree (a checkout; `git archive <commit> | tar -x -C dir` gives the base) is bundled with esbuild, with
// `timelineEntryIds` wrapped so the replay's own entries are captured, shapes and all. Then, alternating, both
// load orders by ORDER=ba: the canonical text of every entry (CanonicalWriter), the whole ids step, and
// JSON.stringify of the id'd timelines, CPU µs a loan. Host SHA-256 as useNodeSha256; JSSHA=1 for the built-in one.
import { hash } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const trees = process.argv.slice(2, 4).map((t) => resolve(t));
const L = Number(process.argv[4] ?? 100), R = Number(process.argv[5] ?? 15);
const dir = mkdtempSync(join(tmpdir(), 'timeline-ids-'));
symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
async function bundle(tree, out) {
  const entry = `export * from '${tree}/src/index.ts';
export { setCapture } from 'capture:wrap';
export { timelineEntryIds as realIds } from '${tree}/src/engine/timelineEntryIds.ts';
export { CanonicalWriter } from '${tree}/src/hash/CanonicalWriter.ts';`;
  const wrap = `import { timelineEntryIds as real } from '${tree}/src/engine/timelineEntryIds.ts';
let cap: ((id: string, t: readonly unknown[]) => void) | undefined;
export function setCapture(f: typeof cap) { cap = f; }
export function timelineEntryIds(id: string, t: any) { if (cap !== undefined) cap(id, t); return real(id, t); }`;
  await esbuild.build({
    stdin: { contents: entry, resolveDir: tree, loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: out, packages: 'external', logLevel: 'warning',
    plugins: [{ name: 'capture', setup(b) {
      b.onResolve({ filter: /^\.\/timelineEntryIds$/ }, (a) => (a.importer.endsWith('renderOutput.ts') ? { path: 'wrap', namespace: 'capture' } : undefined));
      b.onResolve({ filter: /^capture:wrap$/ }, () => ({ path: 'wrap', namespace: 'capture' }));
      b.onLoad({ filter: /.*/, namespace: 'capture' }, () => ({ resolveDir: tree, loader: 'ts', contents: wrap }));
    } }],
  });
  return out;
}
const names = process.env.ORDER === 'ba' ? ['new', 'old'] : ['old', 'new'];
const files = [await bundle(trees[0], join(dir, 'old.mjs')), await bundle(trees[1], join(dir, 'new.mjs'))];
const ms = [];
for (const n of names) ms.push(await import(files[n === 'old' ? 0 : 1]));
const hs = [...ms[0].generatePortfolio({ seed: 20_261_123, loans: L, asOf: '2026-06-16', years: 3 })].map((h) => JSON.stringify(h));
const data = ms.map((m) => {
  if (process.env.JSSHA !== '1') m.useHostSha256((b) => hash('sha256', b, 'hex'));
  const pack = m.cnDefaultPack(), asOf = m.day('2026-06-16'), caps = [];
  m.setCapture((id, t) => caps.push([id, t]));
  for (const t of hs) m.replayWithSnapshot(m.unwrap(m.parseHistoryValue(JSON.parse(t), 'b.jsonl')), pack, { asOf, lean: true });
  m.setCapture(undefined);
  return { m, caps, w: new m.CanonicalWriter(), tls: caps.map(([id, t]) => m.realIds(id, t)) };
});
for (let i = 0; i < L; i++) if (JSON.stringify(data[0].tls[i]) !== JSON.stringify(data[1].tls[i])) throw new Error(`the timelines of loan ${i} differ`);
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const tests = {
  canonical: ({ caps, w }) => { for (const [, t] of caps) for (const e of t) w.reset().json(e); },
  ids: ({ m, caps }) => { for (const [id, t] of caps) m.realIds(id, t); },
  stringify: ({ tls }) => { for (const t of tls) JSON.stringify(t); },
};
const st = (v) => { const s = [...v].sort((a, b) => a - b); return `best ${s[0].toFixed(0).padStart(4)} median ${s[s.length >> 1].toFixed(0).padStart(4)}`; };
for (const [name, f] of Object.entries(tests)) {
  const xs = [[], []];
  for (let r = 0; r < R; r++) for (const k of r % 2 ? [1, 0] : [0, 1]) { const c = cpu(); f(data[k]); xs[k].push((cpu() - c) / L); }
  const ratio = xs[1].map((v, i) => v / xs[0][i]).sort((a, b) => a - b);
  console.log(`${name.padEnd(10)} ${names[0]} ${st(xs[0])} | ${names[1]} ${st(xs[1])} | second/first median ${ratio[ratio.length >> 1].toFixed(3)}`);
}
rmSync(dir, { recursive: true });
