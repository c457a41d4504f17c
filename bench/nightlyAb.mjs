// node bench/nightlyAb.mjs distA distB [loans] [rounds] — nightly work per loan (parse, lean replayWithSnapshot, JSON of both), CPU µs;
// the builds alternate every chunk of 25 loans, which one goes first alternating too; run both load orders (decision 455).
import { hash } from 'node:crypto';
const ds = [process.argv[2], process.argv[3]];
const L = Number(process.argv[4] ?? 300), R = Number(process.argv[5] ?? 12), CH = 25;
const ms = [await import(`${ds[0]}/index.js`), await import(`${ds[1]}/index.js`)];
for (const m of ms) m.useHostSha256((b) => hash('sha256', b, 'hex'));
const packs = ms.map((m) => m.cnDefaultPack());
const texts = [...ms[0].generatePortfolio({ seed: 20_261_123, loans: L, asOf: '2026-06-16', years: 3 })].map((h) => JSON.stringify(h));
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
const run = (k, from, to) => { const m = ms[k]; const asOf = m.day('2026-06-16'); let n = 0; for (let i = from; i < to; i++) { const h = m.unwrap(m.parseHistoryValue(JSON.parse(texts[i]), 'b.jsonl')); const { output, snapshot } = m.replayWithSnapshot(h, packs[k], { asOf, lean: true }); n += JSON.stringify(output).length + JSON.stringify(snapshot).length; } return n; };
{
  // Bytes written by each build: equal for a change that keeps outputs and snapshots, not for one of review days (decision 546).
  const [a, b] = [run(0, 0, L), run(1, 0, L)];
  if (a !== b) console.log(`bytes written differ: A ${a}, B ${b} (outputs or snapshots changed; bench/compareBuilds.mjs says where)`);
}
for (let w = 0; w < 3; w++) { run(0, 0, L); run(1, 0, L); }
const xs = [[], []];
for (let r = 0; r < R; r++) {
  const acc = [0, 0];
  for (let c = 0; c < L; c += CH) for (const k of (c / CH + r) % 2 ? [1, 0] : [0, 1]) { const t = cpu(); run(k, c, Math.min(L, c + CH)); acc[k] += cpu() - t; }
  xs[0].push(acc[0] / L); xs[1].push(acc[1] / L);
}
const st = (v) => { const s = [...v].sort((p, q) => p - q); return `best ${s[0].toFixed(0)} median ${s[s.length >> 1].toFixed(0)}`; };
const ratio = xs[1].map((v, i) => v / xs[0][i]).sort((p, q) => p - q);
for (const k of [0, 1]) console.log(`${ds[k].padEnd(34)} nightly µs/loan ${st(xs[k])}`);
console.log(`B/A per round: median ${ratio[ratio.length >> 1].toFixed(3)} (min ${ratio[0].toFixed(3)}, max ${ratio[ratio.length - 1].toFixed(3)})`);
