// node bench/abEndOfDay.mjs oldDist newDist [loans] [rounds] — end-of-day step, CPU µs, alternating rounds in one
// process (native SHA-256). By default both builds advance the same due loans (the old build's nightly snapshots),
// the old one from parsed snapshots and the new one through the text APIs, and must give byte-identical outputs
// and snapshot texts.
// BENCH_OWN_DUE=1: each build advances, through the text APIs, the loans its own nightly replay made due — for a
// change of the days loans are looked at (decisions 542–546), where the due loans differ: no identity check (the
// property tests prove such a change), and the CPU time is given per stored loan beside per due loan.
import { hash } from 'node:crypto';
const [oldDist, newDist] = [process.argv[2] ?? '/work/wt/base-dist', process.argv[3] ?? 'dist'];
const L = Number(process.argv[4] ?? 3000), R = Number(process.argv[5] ?? 7);
const OWN_DUE = process.env.BENCH_OWN_DUE === '1';
const o = await import(new URL(`${oldDist}/index.js`, `file://${process.cwd()}/`).href);
const n = await import(new URL(`${newDist}/index.js`, `file://${process.cwd()}/`).href);
for (const m of [o, n]) m.useHostSha256((b) => hash('sha256', b, 'hex'));
const po = o.cnDefaultPack(), pn = n.cnDefaultPack();
const asOf = '2026-06-16', to = '2026-06-17';
const rows = { old: [], new: [] };
const due = (s) => s.nextReviewOn !== null && s.nextReviewOn <= to;
for (const h of o.generatePortfolio({ seed: 20_261_123, loans: L, asOf, years: 3 })) {
  const text = JSON.stringify(h);
  const so = o.replayWithSnapshot(o.unwrap(o.parseHistoryValue(JSON.parse(text), 'b')), po, { asOf: o.day(asOf), lean: true }).snapshot;
  const sn = n.replayWithSnapshot(n.unwrap(n.parseHistoryValue(JSON.parse(text), 'b')), pn, { asOf: n.day(asOf), lean: true }).snapshot;
  if (OWN_DUE) {
    if (due(so)) rows.old.push({ loanId: so.loanId, nextReviewOn: so.nextReviewOn, text: o.snapshotText(so) });
    if (due(sn)) rows.new.push({ loanId: sn.loanId, nextReviewOn: sn.nextReviewOn, text: n.snapshotText(sn) });
    continue;
  }
  const t = JSON.stringify(so);
  if (n.snapshotText(sn) !== t) throw new Error(`snapshot text differs: ${so.loanId}`);
  if (due(so)) rows.old.push({ loanId: so.loanId, nextReviewOn: so.nextReviewOn, text: t });
}
if (!OWN_DUE) rows.new = rows.old;
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const passText = (m, pack, rs) => () => { const out = []; for (let i = 0; i < rs.length; i += 256) { const book = rs.slice(i, i + 256); const r = m.advance(book, pack, m.day(to), new Map(), { trusted: true }); if (r.failures.size) throw new Error('fail'); r.snapshots.forEach((s, j) => out.push(m.snapshotText(s), JSON.stringify(r.outputs.get(book[j].loanId)))); } return out; };
const passParsed = () => { const out = []; for (let i = 0; i < rows.old.length; i += 256) { const book = rows.old.slice(i, i + 256).map((r) => JSON.parse(r.text)); const r = o.advance(book, po, o.day(to), new Map(), { trusted: true }); if (r.failures.size) throw new Error('fail'); for (const s of r.snapshots) out.push(JSON.stringify(s), JSON.stringify(r.outputs.get(s.loanId))); } return out; };
const passOld = OWN_DUE ? passText(o, po, rows.old) : passParsed;
const passNew = passText(n, pn, rows.new);
const a = passOld(), b = passNew();
if (OWN_DUE) console.log(`due: old ${rows.old.length}, new ${rows.new.length} of ${L} (each build's own)`);
else if (a.length !== b.length || a.some((x, i) => x !== b[i])) throw new Error('outputs or snapshot texts differ');
else console.log(`due ${rows.old.length}/${L}: outputs and snapshot texts identical (${a.length / 2} loans)`);
const outs = { old: [], new: [] };
for (let r = 0; r < R; r++) {
  for (const [k, f] of r % 2 === 0 ? [['old', passOld], ['new', passNew]] : [['new', passNew], ['old', passOld]]) { const c = cpu(); f(); outs[k].push((cpu() - c) / rows[k].length); }
}
for (const k of ['old', 'new']) {
  const xs = outs[k].sort((x, y) => x - y);
  const perStored = OWN_DUE ? `; per stored loan median ${((xs[xs.length >> 1] * rows[k].length) / L).toFixed(1)}` : '';
  console.log(`${k}: µs/due loan best ${xs[0].toFixed(0)} median ${xs[xs.length >> 1].toFixed(0)}${perStored}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
}
if (OWN_DUE) { const m = (k) => outs[k][outs[k].length >> 1] * rows[k].length; console.log(`new/old CPU per stored loan, medians: ${(m('new') / m('old')).toFixed(3)}`); }
