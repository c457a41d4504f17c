// Two builds of postloan side by side on the same generated three-year book, in one process: the outputs
// and lean snapshots of the nightly replay and of the next end of day must be byte-identical, and the CPU
// time of each (process.cpuUsage, this one thread) is printed beside the other's, rounds alternating.
// Usage: cp -r dist /tmp/old-dist (before a change), rebuild, then
//   node bench/compareBuilds.mjs /tmp/old-dist dist [loans=10000] [rounds=1]
// (the old copy needs node_modules reachable: link it next to the copy). Exit code 1 if the bytes differ.
// A new build with useHostSha256 also runs a third time with Node's native SHA-256 ("new+native"), set as
// the CLI sets it (useNodeSha256) when the build has it.
// The end of day restores as a store does (trusted: its own rows); BENCH_UNTRUSTED=1 restores checked.
// Each build writes and reads its snapshots as its store does: a build with snapshotText writes the text
// made at sealing and restores with restoreSnapshotText; an older one writes JSON.stringify and parses.
// The due loans are found by the review day kept beside each text, as a store's index does.
// BENCH_PACK=rules/us-ffiec (any pack directory) runs that pack, loaded by each build's own loadPackDir,
// instead of cn-default; the loans then carry a credit type (attributes.creditType, open- and closed-end
// alternating) for the packs that read one.
// BENCH_SNAPSHOTS=canonical compares the snapshots by their canonical JSON (keys sorted) instead of their
// text, for a change that reorders a snapshot's keys but not its content or checksum (the checksum is
// over the canonical JSON, and is compared with the rest); outputs are compared byte for byte either way.
// BENCH_SNAPSHOTS=skip leaves the snapshots out of the comparison, for a change of the snapshot format
// (format 5, issue 14): the outputs of the nightly replay and of the next end of day are compared byte for
// byte. The end of day restores each build's own snapshot and resumes it, so a snapshot that does not
// restore the state its build had would show there as different end-of-day outputs; what it cannot see is
// a difference in state that no output of that one day reads (the tests in tests/engine compare a resumed
// replay's snapshot with a full replay's, byte for byte, for that).
import { createHash, hash } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [oldDir, newDir, loansArg, roundsArg] = process.argv.slice(2);
if (oldDir === undefined || newDir === undefined) {
  console.error('usage: node bench/compareBuilds.mjs <old dist> <new dist> [loans] [rounds]');
  process.exit(2);
}
const N = Number(loansArg ?? 10_000);
const ROUNDS = Number(roundsArg ?? 1);
const load = (dir) => import(pathToFileURL(resolve(dir, 'index.js')).href);
const builds = { old: await load(oldDir), new: await load(newDir) };
const AS_OF = '2026-06-16';
const NEXT = '2026-06-17';
const PACK_DIR = process.env.BENCH_PACK;
const withCreditType = (h, i) => (PACK_DIR === undefined ? h : { ...h, loan: { ...h.loan, attributes: { creditType: i % 2 === 0 ? 'openEnd' : 'closedEnd' } } });
const texts = [...builds.new.generatePortfolio({ seed: 20_261_123, loans: N, asOf: AS_OF, years: 3 })].map((h, i) => JSON.stringify(withCreditType(h, i)));
/** Keys sorted at every level: the text the checksum is taken over, whatever order the snapshot has them in. */
const canonical = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(canonical).join(',')}]`
      : `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
const snapshotText = (s) => (process.env.BENCH_SNAPSHOTS === 'canonical' ? canonical(JSON.parse(s)) : process.env.BENCH_SNAPSHOTS === 'skip' ? '' : s);
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** The text a build stores for a snapshot: its own snapshotText when it has one (the text made at sealing). */
const textOf = (m, snapshot) => (typeof m.snapshotText === 'function' ? m.snapshotText(snapshot) : JSON.stringify(snapshot));
/** A stored text restored as the build's store does: from the text when it can (restoreSnapshotText), else parsed. */
const restoreStored = (m, text, pack, options) => (typeof m.restoreSnapshotText === 'function' ? m.restoreSnapshotText(text, pack, options) : m.restoreSnapshot(JSON.parse(text), pack, options));

function run(m, pack) {
  const digest = createHash('sha256');
  const to = m.day(AS_OF);
  const stored = [];
  const c0 = cpu();
  for (const t of texts) {
    const history = m.unwrap(m.parseHistoryValue(JSON.parse(t), 'book.jsonl'));
    const { output, snapshot } = m.replayWithSnapshot(history, pack, { asOf: to, lean: true });
    const o = JSON.stringify(output);
    const s = textOf(m, snapshot);
    // A store's row: the text and, beside it, the review day its index reads.
    stored.push([s, snapshot.nextReviewOn]);
    digest.update(o).update('\n').update(snapshotText(s)).update('\n');
  }
  const nightly = (cpu() - c0) / N;
  const next = m.day(NEXT);
  let due = 0;
  const c1 = cpu();
  for (const [s, nextReviewOn] of stored) {
    // Due: review day reached (a settled loan, nextReviewOn null, is never woken).
    if (nextReviewOn === null || nextReviewOn > NEXT) continue;
    due++;
    const r = m.resumeReplay(m.unwrap(restoreStored(m, s, pack, { trusted: process.env.BENCH_UNTRUSTED !== '1' })), pack, [], { asOf: next, lean: true });
    digest.update(JSON.stringify(r.output)).update('\n').update(snapshotText(textOf(m, r.snapshot))).update('\n');
  }
  return { nightly, endOfDay: (cpu() - c1) / Math.max(due, 1), due, digest: digest.digest('hex') };
}

// Each build also runs with Node's SHA-256 as the CLI sets it (useNodeSha256 of its own postloan/node),
// when it has one: "old+native" against "new+native" is the comparison of what the CLI runs.
const nodeEntries = {
  old: await import(pathToFileURL(resolve(oldDir, 'node.js')).href).catch(() => undefined),
  new: await import(pathToFileURL(resolve(newDir, 'node.js')).href).catch(() => undefined),
};
const packOf = (b) => (PACK_DIR === undefined ? builds[b].cnDefaultPack() : builds[b].unwrap(nodeEntries[b].loadPackDir(PACK_DIR)));
const packs = { old: packOf('old'), new: packOf('new') };
const kinds = [];
for (const b of ['old', 'new']) {
  kinds.push(b);
  if (typeof builds[b].useHostSha256 !== 'function') continue;
  builds[`${b}+native`] = builds[b];
  packs[`${b}+native`] = packs[b];
  kinds.push(`${b}+native`);
}
const native = (k) => {
  for (const b of ['old', 'new']) builds[b].useHostSha256?.(undefined);
  if (!k.endsWith('+native')) return;
  const b = k.slice(0, -'+native'.length);
  if (nodeEntries[b]?.useNodeSha256 !== undefined) nodeEntries[b].useNodeSha256();
  else builds[b].useHostSha256((bytes) => hash('sha256', bytes, 'buffer'));
};
const results = Object.fromEntries(kinds.map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  for (const k of r % 2 === 0 ? kinds : [...kinds].reverse()) {
    native(k);
    results[k].push(run(builds[k], packs[k]));
  }
}
const f = (n) => Math.round(n).toLocaleString('en-US');
for (const k of kinds) {
  const rs = results[k];
  console.log(`${k} (${k.startsWith('old') ? oldDir : newDir}): nightly work ${rs.map((x) => f(x.nightly)).join(' / ')} µs CPU per loan; end of day ${rs.map((x) => f(x.endOfDay)).join(' / ')} µs CPU per due loan (${rs[0].due} due); digest ${rs[0].digest.slice(0, 16)}…`);
}
const same = kinds.flatMap((k) => results[k]).every((x) => x.digest === results.old[0].digest);
const snapshotsBy = { canonical: 'outputs and lean snapshots (by canonical JSON)', skip: 'outputs (snapshots not compared)' }[process.env.BENCH_SNAPSHOTS] ?? 'outputs and lean snapshots';
console.log(same ? `byte-identical: ${N.toLocaleString('en-US')} loans under ${PACK_DIR ?? 'cn-default'}, their ${snapshotsBy}, and the next end of day's` : 'DIFFERENT bytes');
process.exit(same ? 0 : 1);
