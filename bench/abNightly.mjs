// node bench/abNightly.mjs oldDist newDist [loans] [rounds] — the nightly work per loan (parse, validate,
// replay, output and lean snapshot text), CPU µs: the old build with JSON.stringify(snapshot), the new
// one with snapshotText(snapshot), alternating rounds in one process (native SHA-256). Texts must match.
import { hash } from 'node:crypto';
const [oldDist, newDist] = [process.argv[2] ?? '/work/wt/base-dist', process.argv[3] ?? 'dist'];
const L = Number(process.argv[4] ?? 300), R = Number(process.argv[5] ?? 6);
const o = await import(new URL(`${oldDist}/index.js`, `file://${process.cwd()}/`).href);
const n = await import(new URL(`${newDist}/index.js`, `file://${process.cwd()}/`).href);
for (const m of [o, n]) m.useHostSha256((b) => hash('sha256', b, 'hex'));
const packs = new Map([[o, o.cnDefaultPack()], [n, n.cnDefaultPack()]]);
const texts = [...o.generatePortfolio({ seed: 20_261_123, loans: L, asOf: '2026-06-16', years: 3 })].map((h) => JSON.stringify(h));
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const pass = (m, text) => { const pack = packs.get(m); const asOf = m.day('2026-06-16'); const out = []; for (const t of texts) { const h = m.unwrap(m.parseHistoryValue(JSON.parse(t), 'b.jsonl')); const { output, snapshot } = m.replayWithSnapshot(h, pack, { asOf, lean: true }); out.push(JSON.stringify(output), text(snapshot)); } return out; };
const passOld = () => pass(o, (s) => JSON.stringify(s));
const passNew = () => pass(n, (s) => n.snapshotText(s));
const a = passOld(), b = passNew();
if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error('outputs or snapshot texts differ');
console.log(`nightly, ${L} loans: outputs and snapshot texts identical`);
const outs = { old: [], new: [] };
for (let r = 0; r < R; r++) for (const [k, f] of r % 2 === 0 ? [['old', passOld], ['new', passNew]] : [['new', passNew], ['old', passOld]]) { const c = cpu(); f(); outs[k].push((cpu() - c) / L); }
for (const k of ['old', 'new']) { const xs = outs[k].sort((x, y) => x - y); console.log(`${k}: µs/loan best ${xs[0].toFixed(0)} median ${xs[xs.length >> 1].toFixed(0)}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`); }
