// node bench/abEndOfDay.mjs oldDist newDist [loans] [rounds] — end-of-day step per due loan, CPU µs, old calls in the
// old build vs the text APIs in the new build, alternating rounds in one process (native SHA-256).
import { hash } from 'node:crypto';
const [oldDist, newDist] = [process.argv[2] ?? '/work/wt/base-dist', process.argv[3] ?? 'dist'];
const L = Number(process.argv[4] ?? 3000), R = Number(process.argv[5] ?? 7);
const o = await import(new URL(`${oldDist}/index.js`, `file://${process.cwd()}/`).href);
const n = await import(new URL(`${newDist}/index.js`, `file://${process.cwd()}/`).href);
for (const m of [o, n]) m.useHostSha256((b) => hash('sha256', b, 'hex'));
const po = o.cnDefaultPack(), pn = n.cnDefaultPack();
const asOf = '2026-06-16', to = '2026-06-17';
const rows = [];
for (const h of o.generatePortfolio({ seed: 20_261_123, loans: L, asOf, years: 3 })) {
  const text = JSON.stringify(h);
  const so = o.replayWithSnapshot(o.unwrap(o.parseHistoryValue(JSON.parse(text), 'b')), po, { asOf: o.day(asOf), lean: true }).snapshot;
  const sn = n.replayWithSnapshot(n.unwrap(n.parseHistoryValue(JSON.parse(text), 'b')), pn, { asOf: n.day(asOf), lean: true }).snapshot;
  const t = JSON.stringify(so);
  if (n.snapshotText(sn) !== t) throw new Error(`snapshot text differs: ${so.loanId}`);
  if (so.nextReviewOn !== null && so.nextReviewOn <= to) rows.push({ loanId: so.loanId, nextReviewOn: so.nextReviewOn, text: t });
}
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const outs = { old: [], new: [] };
const passOld = () => { const out = []; for (let i = 0; i < rows.length; i += 256) { const book = rows.slice(i, i + 256).map((r) => JSON.parse(r.text)); const r = o.advance(book, po, o.day(to), new Map(), { trusted: true }); if (r.failures.size) throw new Error('fail'); for (const s of r.snapshots) out.push(JSON.stringify(s), JSON.stringify(r.outputs.get(s.loanId))); } return out; };
const passNew = () => { const out = []; for (let i = 0; i < rows.length; i += 256) { const book = rows.slice(i, i + 256); const r = n.advance(book, pn, n.day(to), new Map(), { trusted: true }); if (r.failures.size) throw new Error('fail'); r.snapshots.forEach((s, j) => out.push(n.snapshotText(s), JSON.stringify(r.outputs.get(book[j].loanId)))); } return out; };
const a = passOld(), b = passNew();
if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error('outputs or snapshot texts differ');
console.log(`due ${rows.length}/${L}: outputs and snapshot texts identical (${a.length / 2} loans)`);
for (let r = 0; r < R; r++) {
  for (const [k, f] of r % 2 === 0 ? [['old', passOld], ['new', passNew]] : [['new', passNew], ['old', passOld]]) { const c = cpu(); f(); outs[k].push((cpu() - c) / rows.length); }
}
for (const k of ['old', 'new']) { const xs = outs[k].sort((x, y) => x - y); console.log(`${k}: µs/due loan best ${xs[0].toFixed(0)} median ${xs[xs.length >> 1].toFixed(0)}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`); }
